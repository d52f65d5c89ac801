"""The review queue gives proposal titles room at desktop and phone widths, and a Working
Group member reaches it from the account menu."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from app.review import services
from tests.conftest import PASSWORD
from tests.review.conftest import AGREE, RESPONSE
from tests.seating import decide, seat

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]

TITLES = [
    "Registro público y abierto de beneficiarios finales de las empresas proveedoras del Estado",
    "Plataforma regional de participación ciudadana en la elaboración de presupuestos",
    "Datos abiertos sobre derechos de aprovechamiento de aguas y su uso efectivo",
]
OUTCOMES = ["partially_included", "not_included", "out_of_scope"]
# Widths a title needs to read as a line or two rather than a word per line.
MIN_TITLE_WIDTH = {1280: 380, 1024: 380, 390: 300}


@pytest.fixture
def members(create_call, create_user, create_proposal, admin, clock, db):
    """The Working Group of a call in review: twelve long titles, assessed and decided."""
    call = create_call(slug="nap", hide_counts_until_close=False)
    proposals = [create_proposal(call, title=f"{TITLES[n % 3]} ({n})", vote_count=1000 - n)
                 for n in range(12)]
    members = {}
    for constituency in ("government", "civil_society", "academia", "observer"):
        members[constituency] = create_user(name=f"Integrante de la Mesa {constituency}")
        seat(members[constituency], constituency)
    clock.set(call.voting_closes_at + timedelta(hours=2))
    for n, proposal in enumerate(proposals):
        for m, constituency in enumerate(("government", "civil_society", "academia")):
            scores = {c: (n + 2 * m + k) % 4 for k, c in enumerate(
                ("relevance", "specificity", "measurability", "feasibility", "impact"))}
            services.save_assessment(members[constituency], call, proposal, scores, "")
        decide(call, proposal, outcome=OUTCOMES[n % 3], response=RESPONSE, positions=AGREE)
    db.session.commit()
    return members


def log_in(page, live_server, user):
    page.goto(live_server + "/accounts/login")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.parametrize("width", list(MIN_TITLE_WIDTH))
def test_titles_have_room_and_nothing_scrolls_sideways(live_server, browser_page,
                                                       members, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, members["government"])
    page.goto(live_server + "/review/nap/")
    cells = page.locator(".review-table tbody tr td.review-title")
    expect(cells).to_have_count(12)
    widths = [box["width"] for box in (cells.nth(n).bounding_box() for n in range(12))]
    assert min(widths) >= MIN_TITLE_WIDTH[width], widths
    sideways = page.evaluate("""() => [
        document.documentElement.scrollWidth, document.documentElement.clientWidth,
        ...[...document.querySelectorAll('.table-scroll')]
            .map(box => box.scrollWidth - box.clientWidth)]""")
    page_width, viewport, *hidden = sideways
    assert page_width <= viewport, sideways
    assert all(extra <= 1 for extra in hidden), sideways  # no table wider than its box


def test_a_member_finds_the_review_in_the_account_menu(live_server, browser_page, members):
    page = browser_page
    log_in(page, live_server, members["observer"])
    page.get_by_text(members["observer"].name).click()  # opens the account menu
    page.get_by_role("link", name="Working Group review").first.click()
    expect(page.get_by_role("heading", name="Working Group review")).to_be_visible()
    assert page.url == live_server + "/review/nap/"

"""A citizen votes on a phone: the budget moves in place, and a vote can be withdrawn.

The keyboard stays on the vote control wherever the vote is cast (the list and the
proposal's page) and whatever the answer is. The first version of these tests voted
only where the vote succeeded and the replacing button existed; focus fell to <body>
when a vote was refused (the pressed button was disabled while the vote was sent, and a
disabled button loses the focus) and where votes cannot be withdrawn (nothing replaced
the button).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def watch_errors(page) -> list[str]:
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def test_vote_see_budget_move_and_withdraw(live_server, browser_page, create_call,
                                           create_proposal, clock, create_user):
    call = create_call(slug="nap", votes_per_voter=2)
    create_proposal(call, title="Agenda de lobby municipal abierta")
    create_proposal(call, title="Datos abiertos de agua")
    clock.advance(days=16)
    page = browser_page
    # After making the data: the test writing while logged-in pages are served finds SQLite
    # locked.
    log_in(page, live_server, create_user().email)
    errors = watch_errors(page)

    page.goto(live_server + "/calls/nap/proposals/")
    expect(page.get_by_text("You have used 0 of 2 votes.", exact=True)).to_be_visible()

    first_card = page.locator(".proposal-card").filter(has_text="Agenda de lobby municipal")
    url_before = page.url
    first_card.get_by_role("button", name="Support this proposal").click()
    expect(page.get_by_text("You have used 1 of 2 votes.", exact=True)).to_be_visible()
    expect(first_card.get_by_text("You support this proposal")).to_be_visible()
    # The button pressed is gone: the keyboard is on the one that replaced it.
    expect(first_card.get_by_role("button", name="Withdraw my vote")).to_be_focused()
    expect(page.locator("#live-region")).to_have_text(
        "Your vote is counted. You have used 1 of 2 votes.")
    assert page.url == url_before  # updated in place, no reload

    first_card.get_by_role("button", name="Withdraw my vote").click()
    expect(page.get_by_text("You have used 0 of 2 votes.", exact=True)).to_be_visible()
    expect(first_card.get_by_role("button", name="Support this proposal")).to_be_focused()
    expect(page.locator("#live-region")).to_have_text(
        "Your vote is withdrawn. You have used 0 of 2 votes.")
    assert errors == []

    page.goto(live_server + "/accounts/me/votes")
    expect(page.get_by_text("You have not voted yet.")).to_be_visible()


def test_on_the_proposal_page_the_keyboard_stays_on_the_vote(live_server, browser_page,
                                                             create_call, create_proposal,
                                                             clock, create_user):
    call = create_call(slug="nap", votes_per_voter=1)
    chosen = create_proposal(call, title="Agenda de lobby municipal abierta")
    other = create_proposal(call, title="Datos abiertos de agua")
    clock.advance(days=16)
    page = browser_page
    log_in(page, live_server, create_user().email)
    errors = watch_errors(page)

    page.goto(f"{live_server}/calls/nap/proposals/{chosen.reference}")
    page.get_by_role("button", name="Support this proposal").click()
    expect(page.get_by_role("button", name="Withdraw my vote")).to_be_focused()
    expect(page.locator("#live-region")).to_have_text(
        "Your vote is counted. You have used 1 of 1 votes.")

    # Refused (the one vote is used): the button keeps the focus and the reason is read out.
    page.goto(f"{live_server}/calls/nap/proposals/{other.reference}")
    support = page.get_by_role("button", name="Support this proposal")
    support.click()
    expect(page.locator(".vote-box .flash-error")).to_contain_text("withdraw one")
    expect(support).to_be_focused()
    expect(page.locator("#live-region")).to_contain_text("withdraw one")
    assert errors == []


def test_where_votes_cannot_be_withdrawn_the_keyboard_lands_on_the_confirmation(
        live_server, browser_page, create_call, create_proposal, clock, create_user):
    call = create_call(slug="nap", votes_per_voter=2, allow_vote_withdrawal=False)
    create_proposal(call, title="Agenda de lobby municipal abierta")
    clock.advance(days=16)
    page = browser_page
    log_in(page, live_server, create_user().email)

    page.goto(live_server + "/calls/nap/proposals/")
    card = page.locator(".proposal-card").first
    card.get_by_role("button", name="Support this proposal").click()
    expect(card.get_by_text("You support this proposal")).to_be_focused()
    expect(page.locator("#live-region")).to_have_text(
        "Your vote is counted. You have used 1 of 2 votes.")


def test_without_javascript_a_vote_returns_to_the_card_voted_on(
        live_server, no_script_page, create_call, create_user, create_proposal, clock):
    call = create_call(slug="nap", votes_per_voter=3)
    for n in range(25):  # two pages of the list
        create_proposal(call, title=f"Propuesta número {n}")
    clock.advance(days=16)
    page = no_script_page
    log_in(page, live_server, create_user().email)

    list_url = live_server + "/calls/nap/proposals/?page=2&sort=recent"
    page.goto(list_url)
    card = page.locator(".proposal-card").last
    anchor = card.get_attribute("id")
    card.get_by_role("button", name="Support this proposal").click()

    expect(page).to_have_url(f"{list_url}#{anchor}")
    voted = page.locator(f"#{anchor}")
    expect(voted.get_by_text("You support this proposal")).to_be_visible()
    expect(voted).to_be_in_viewport()
    expect(page.get_by_text("You have used 1 of 3 votes.", exact=True)).not_to_be_in_viewport()

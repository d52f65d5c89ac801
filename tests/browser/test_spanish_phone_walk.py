"""A call from its announcement to its results, on a phone, in Spanish: every page on the
way reads in Spanish only, and no label, button or heading is cut off or pushed past the
screen's edge.

The steps are named in English and looked up in the Spanish catalogue, so a label that
loses its translation fails here twice: its step cannot find it, and the reader names it.
"""

from datetime import timedelta

import pytest
from babel.support import Translations
from playwright.sync_api import expect

from app.review import services as review
from tests.review.conftest import publish as publish_results
from tests.conftest import PASSWORD
from tests.i18n.catalogue import (
    TRANSLATIONS,
    EnglishFinder,
    page_text,
    read_spanish,
    source_messages,
)
from tests.seating import decide, seat

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]

WIDTH = 390
RESPONSE = ("La Mesa incluye la propuesta en el plan: el compromiso fijará plazos, un "
            "responsable en cada municipio y reportes públicos de avance cada trimestre, y la "
            "sociedad civil participará en su seguimiento durante toda la implementación.")
es = Translations.load(str(TRANSLATIONS), ["es"]).gettext

# Text that must show whole: what a person reads to find their way or to act.
CLIPPED = """(width) => {
  // Hidden on purpose from sighted readers (visually-hidden text, a phone table's headings).
  const clippedAway = el => { for (let a = el; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.clip !== 'auto' || s.clipPath !== 'none') return true; } return false; };
  return [...document.querySelectorAll(
    'h1, h2, h3, label, legend, button, .button, nav a, th, td, .bar-label, .phase, .badge')]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
                && !el.closest('.skip-link') && !clippedAway(el))
  .flatMap(el => {
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    const cut = style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1;
    const past = r.width > 0 && (r.right > width + 1 || r.left < -1);
    return cut || past ? [{text: el.textContent.trim().slice(0, 60), cut, past}] : [];
  });
}"""


class Walk:
    """Reads each page the walk reaches, in Spanish and at phone width."""

    def __init__(self, page, base):
        self.page, self.base = page, base
        self.finder = EnglishFinder(read_spanish(), source_messages())
        self.clipped = {}
        self.seen = []

    def read(self, where: str) -> None:
        self.page.wait_for_load_state()
        self.seen.append(where)
        self.finder.read(where, page_text(self.page.content()))
        found = self.page.evaluate(CLIPPED, WIDTH)
        if found:
            self.clipped[where] = found
        width = self.page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            self.clipped.setdefault(where, []).append({"page width": width})

    def visit(self, path: str, where: str | None = None) -> None:
        self.page.goto(self.base + path)
        self.read(where or path)

    def log_in(self, email: str) -> None:
        self.visit("/accounts/login")
        self.page.get_by_label(es("Email address")).fill(email)
        self.page.get_by_label(es("Password")).fill(PASSWORD)
        self.page.get_by_role("button", name=es("Log in")).click()
        expect(self.page.get_by_text(es("You are logged in."))).to_be_visible()
        self.read("after logging in")

    def log_out(self) -> None:
        self.page.context.clear_cookies()
        self.visit("/accounts/locale/es?next=/", "home, logged out")


def test_a_call_from_announcement_to_results_reads_in_spanish_on_a_phone(
        live_server, browser_page, db, clock, create_call, create_proposal, create_user,
        admin):
    soon = clock.now() + timedelta(days=3)
    call = create_call(
        slug="plan-2026", title="Quinto Plan de Acción de Gobierno Abierto",
        submission_opens_at=soon, submission_closes_at=soon + timedelta(days=10),
        voting_opens_at=soon + timedelta(days=15), voting_closes_at=soon + timedelta(days=30),
        themes=["Datos abiertos y transformación digital",
                "Participación ciudadana e integridad pública"],
        hide_counts_until_close=False)
    create_proposal(call, title="Registro abierto de beneficiarios finales", status="draft")
    author = create_user(name="Carolina Muñoz", organisation="Fundación Ciudadanía Inteligente")
    voter = create_user(name="Matías Rojas")
    walk = Walk(browser_page, live_server)
    page = browser_page

    # Announced: the call is public before it opens.
    walk.visit("/accounts/locale/es?next=/", "home, announced")
    walk.visit("/calls/plan-2026/", "call page, announced")
    walk.visit("/calls/", "every call")

    # Submissions: an organisation saves a draft with only a title, then completes it.
    clock.set(call.submission_opens_at + timedelta(hours=1))
    walk.log_in(author.email)
    walk.visit("/calls/plan-2026/", "call page, submissions open")
    page.get_by_role("link", name=es("Submit a proposal")).first.click()
    walk.read("submission form")
    page.get_by_label(es("Title")).fill("Presupuestos municipales en datos abiertos")
    page.get_by_role("button", name=es("Save draft")).click()
    walk.read("draft saved with only a title")
    page.get_by_role("button", name=es("Preview")).click()
    walk.read("preview refused: the error summary")
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label(es("Summary")).fill("Publicar cada mes la ejecución del presupuesto.")
    page.get_by_label(es("The public problem")).fill("Nadie puede comparar municipios.")
    page.get_by_label(es("The proposed commitment")).fill("- Formato común\n- Portal nacional")
    page.get_by_label(es("How it solves the problem")).fill("Cualquiera compara y pregunta.")
    page.get_by_label(es("Expected results")).fill("345 municipios publicando cada mes.")
    page.get_by_label(es("Transparency and access to information")).check()
    page.get_by_label(es("Theme")).select_option(call.themes[0])
    page.get_by_label(es("Responsible public body")).fill("Subsecretaría de Desarrollo Regional")
    page.get_by_label(es("Region"), exact=True).select_option("national")
    page.get_by_role("button", name=es("Preview")).click()
    walk.read("preview")
    page.get_by_role("button", name=es("Publish")).click()
    walk.read("published")
    walk.visit("/calls/plan-2026/proposals/", "proposal list, submissions open")
    walk.visit("/accounts/me/proposals", "my proposals")
    walk.log_out()

    # Voting: a citizen supports it from the list, without leaving the page.
    clock.set(call.voting_opens_at + timedelta(hours=1))
    walk.log_in(voter.email)
    walk.visit("/calls/plan-2026/proposals/", "proposal list, voting")
    card = page.locator(".proposal-card").filter(has_text="Presupuestos municipales")
    card.get_by_role("button", name=es("Support this proposal")).click()
    expect(card.get_by_role("button", name=es("Withdraw my vote"))).to_be_focused()
    walk.read("after voting")
    card.get_by_role("link", name="Presupuestos municipales en datos abiertos").click()
    walk.read("proposal page, voting")
    walk.visit("/accounts/me/votes", "my votes")
    walk.visit("/calls/plan-2026/results", "live results, voting")
    walk.log_out()

    # Review and publication (the Working Group's own pages are walked by their tests).
    clock.set(call.voting_closes_at + timedelta(hours=1))
    walk.visit("/calls/plan-2026/", "call page, in review")
    db.session.commit()  # end the test's read snapshot: the server has written since
    members = {}
    for constituency in ("government", "civil_society", "academia"):
        members[constituency] = create_user(email=f"mesa-{constituency}@example.org",
                                            name=f"Integrante {constituency}")
        seat(members[constituency], constituency)
    for pending in review.undecided(call):
        decide(call, pending.proposal, outcome="included", response=RESPONSE)
    publish_results(admin, call)
    db.session.commit()

    # Results: anyone reads the ranking, the outcome and the reasoned response.
    walk.visit("/calls/plan-2026/results", "results")
    walk.visit("/calls/plan-2026/proposals/", "proposal list, results")
    page.locator(".proposal-card").get_by_role(
        "link", name="Presupuestos municipales en datos abiertos").click()
    walk.read("proposal page, results")
    expect(page.get_by_text(RESPONSE[:40]).first).to_be_visible()
    walk.visit("/", "home, results")

    assert walk.finder.findings == {}, walk.finder.report()
    if walk.clipped:
        page.screenshot(path="/tmp/walk.png")
    assert walk.clipped == {}, walk.clipped
    assert len(walk.seen) >= 20

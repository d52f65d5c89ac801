"""A facilitator on a phone types in a proposal made at a regional working table; readers
then find it credited to the neighbourhood council that made it, not to the facilitator."""

import pytest
from playwright.sync_api import expect

from tests.cocreation_factories import make_session
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def test_a_facilitator_enters_a_proposal_on_behalf_of_a_session(live_server, browser_page,
                                                                create_call, create_user):
    call = create_call(slug="nap-2026")
    facilitator = create_user(name="Fabiola Facilitadora")
    make_session(call, facilitators=[facilitator])
    page = browser_page

    page.goto(live_server + "/accounts/login")
    page.get_by_label("Email address").fill(facilitator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server + "/calls/nap-2026/dialogues/")
    page.get_by_role("link", name="Mesa regional de Temuco").click()
    page.get_by_role("link", name="Enter a proposal made here").click()
    page.get_by_label("Proposed by").fill("Junta de Vecinos Villa Alegre")
    page.get_by_label("Title").fill("Actas municipales abiertas")
    page.get_by_label("Summary").fill("Publicar las actas de los concejos municipales.")
    page.get_by_label("The public problem").fill("Las actas no se publican a tiempo.")
    page.get_by_label("The proposed commitment").fill("- Publicar cada acta en una semana")
    page.get_by_label("How it solves the problem").fill("Los vecinos siguen las decisiones.")
    page.get_by_label("Expected results").fill("Actas en línea en los 32 municipios.")
    page.get_by_label("Transparency and access to information").check()
    page.get_by_label("Theme").select_option(call.themes[0])
    page.get_by_label("Responsible public body").fill("SUBDERE")
    page.get_by_label("Region", exact=True).select_option("La Araucanía")
    page.get_by_role("button", name="Publish on behalf of the session").click()

    expect(page.get_by_text("credited to Junta de Vecinos Villa Alegre")).to_be_visible()
    page.get_by_role("link", name="Actas municipales abiertas").click()
    expect(page.get_by_role("heading", name="Actas municipales abiertas")).to_be_visible()
    expect(page.get_by_text("By Junta de Vecinos Villa Alegre")).to_be_visible()
    expect(page.get_by_text("Entered at Mesa regional de Temuco by Fabiola Facilitadora")
           ).to_be_visible()

    # A reader without an account finds it in the list under the council's name.
    reader = page.context.browser.new_context(locale="en-GB").new_page()
    reader.goto(live_server + "/calls/nap-2026/proposals/")
    card = reader.locator(".proposal-card").filter(has_text="Actas municipales abiertas")
    expect(card).to_contain_text("Junta de Vecinos Villa Alegre")
    expect(card).not_to_contain_text("Fabiola Facilitadora")

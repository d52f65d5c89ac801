"""A civil-society organisation on a phone submits a proposal; anyone then finds it."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def test_submit_preview_publish_then_find(live_server, browser_page, create_call, create_user,
                                          create_proposal):
    call = create_call(slug="nap-2026")
    create_proposal(call, title="Registro de lobby municipal",
                    summary="Agenda pública de reuniones de alcaldes.")
    author = create_user(organisation="Fundación Datos del Sur")
    page = browser_page

    page.goto(live_server + "/accounts/login")
    page.get_by_label("Email address").fill(author.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server + "/calls/nap-2026/")
    page.get_by_role("link", name="Submit a proposal").first.click()
    page.get_by_label("Title").fill("Lobby de alcaldes en datos abiertos")
    page.get_by_label("Summary").fill("Publicar las reuniones de lobby de cada municipio.")
    page.get_by_label("The public problem").fill("Las agendas municipales no son comparables.")
    page.get_by_label("The proposed commitment").fill("- Formato común\n- Portal nacional")
    page.get_by_label("How it solves the problem").fill("Permite ver quién se reúne con quién.")
    page.get_by_label("Expected results").fill("345 municipios publicando cada mes.")
    page.get_by_label("Transparency and access to information").check()
    page.get_by_label("Theme").select_option(call.themes[1])
    page.get_by_label("Responsible public body").fill("Consejo para la Transparencia")
    page.get_by_label("Region", exact=True).select_option("national")
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_text("Nobody else can see it")).to_be_visible()
    expect(page.get_by_role("heading", name="Is yours already here?")).to_be_visible()
    expect(page.get_by_role("link", name="Registro de lobby municipal")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Your proposal is published as")).to_be_visible()
    expect(page.locator("li").filter(has_text="Portal nacional").first).to_be_visible()

    # A reader searches for it.
    page.goto(live_server + "/calls/nap-2026/proposals/")
    page.get_by_role("searchbox", name="Search").fill("municipio alcaldes")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".proposal-card")).to_have_count(1)
    page.get_by_role("link", name="Lobby de alcaldes en datos abiertos").click()
    expect(page.get_by_text("Fundación Datos del Sur").first).to_be_visible()

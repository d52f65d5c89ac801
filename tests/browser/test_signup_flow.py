"""A newcomer on a phone: register, confirm by email, log in, read the call."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.helpers import link_in

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def test_register_verify_login_and_see_the_call(live_server, browser_page, create_call, outbox):
    call = create_call(slug="nap-2026", title="Plan de Acción 2026–2028")
    page = browser_page
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", name="Plan de Acción 2026–2028")).to_be_visible()

    page.get_by_role("link", name="Register").first.click()
    page.get_by_label("Name").fill("Ana Pérez")
    page.get_by_label("Email address").fill("Ana.Perez@Example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Sector").select_option("civil_society")
    page.get_by_label("Region").select_option("Valparaíso")
    page.get_by_label("Organisation (optional)").fill("Fundación Abierta")
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Check your email: we sent a message to")).to_be_visible()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()  # not logged in yet

    page.goto(live_server + link_in(outbox()[-1], "/accounts/verify/"))
    expect(page.get_by_text("your email address is confirmed")).to_be_visible()

    page.get_by_label("Email address").fill("ana.perez@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("You are logged in.")).to_be_visible()

    # Log out from the account menu (a POST form with its CSRF token).
    page.get_by_text("Ana Pérez").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Email address").fill("ana.perez@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server + f"/calls/{call.slug}/")
    expect(page.get_by_role("heading", name="Plan de Acción 2026–2028")).to_be_visible()
    expect(page.get_by_text("Open for proposals")).to_be_visible()
    expect(page.get_by_text("Ana Pérez")).to_be_visible()


def test_language_switch_without_javascript_errors(live_server, browser_page, create_call):
    create_call()
    page = browser_page
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server + "/")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("link", name="Iniciar sesión")).to_be_visible()
    assert errors == []  # no CSP violations or script errors

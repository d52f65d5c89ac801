"""On a phone, a refused form says at once what to fix: the error summary at the top takes
the focus, and each of its links puts the keyboard in the field it names."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def test_draft_with_a_title_then_preview_lists_what_is_missing(live_server, browser_page,
                                                               create_call, create_user):
    create_call(slug="nap-2026")
    page = browser_page
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, live_server, create_user().email)

    page.goto(live_server + "/calls/nap-2026/proposals/new")
    page.get_by_label("Title").fill("Lobby de alcaldes en datos abiertos")
    page.get_by_label("The public problem").fill("Las agendas municipales no son comparables.")
    page.get_by_role("button", name="Preview").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(page).to_have_title(re.compile(r"^Error: Submit a proposal"))
    expect(summary.get_by_role("link")).to_have_count(8)  # all but the title and the problem
    summary.get_by_role("link", name=re.compile("^Theme:")).click()
    expect(page.get_by_label("Theme")).to_be_focused()
    page.locator("[data-error-summary]").get_by_role(
        "link", name=re.compile("^Relevance to open government values:")).click()
    expect(page.get_by_label("Transparency and access to information")).to_be_focused()
    expect(page.get_by_text("Relevance to open government values", exact=True)).to_be_in_viewport()

    # What was typed is kept, and a draft needs nothing more than its title.
    expect(page.get_by_label("The public problem")).to_have_value(
        "Las agendas municipales no son comparables.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    expect(page.locator("[data-error-summary]")).to_have_count(0)

    # Its preview names what it still lacks; a link leads to that field of the form.
    page.goto(live_server + "/accounts/me/proposals")
    page.get_by_role("link", name="Lobby de alcaldes en datos abiertos").click()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    page.locator("[data-error-summary]").get_by_role(
        "link", name=re.compile("^Summary:")).click()
    expect(page.get_by_label("Summary")).to_be_focused()
    assert errors == []


def test_without_javascript_the_summary_is_first_and_its_links_lead_to_the_fields(
        live_server, no_script_page):
    page = no_script_page
    page.goto(live_server + "/accounts/register")
    page.get_by_label("Name").fill("Ana Pérez")
    page.get_by_role("button", name="Create account").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_in_viewport()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary.get_by_role("link", name=re.compile("^Region:")).click()
    expect(page).to_have_url(re.compile(r"/accounts/register#region$"))
    expect(page.get_by_label("Region")).to_be_in_viewport()
    expect(page.get_by_label("Name")).to_have_value("Ana Pérez")

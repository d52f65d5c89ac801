"""On a phone, a person sees where they are logged in and logs every other browser out."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def test_log_out_everywhere_else_from_the_sessions_page(live_server, browser_page, create_user):
    user = create_user()
    laptop = browser_page.context.browser.new_context(locale="en-GB").new_page()
    log_in(laptop, live_server, user.email)
    page = browser_page
    log_in(page, live_server, user.email)

    page.goto(live_server + "/accounts/me")
    page.get_by_role("link", name="See and end your sessions").click()
    expect(page.get_by_role("heading", name="Where you are logged in")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="(this browser)")).to_have_count(1)

    page.once("dialog", lambda dialog: dialog.accept())  # the confirmation names the cost
    page.get_by_role("button", name="Log out everywhere else").click()
    expect(page.get_by_text("1 other session was logged out.")).to_be_visible()
    expect(rows).to_have_count(1)

    laptop.goto(live_server + "/accounts/me")
    expect(laptop.get_by_role("heading", name="Log in")).to_be_visible()
    page.goto(live_server + "/accounts/me")
    expect(page.get_by_role("heading", name="My profile")).to_be_visible()
    laptop.context.close()

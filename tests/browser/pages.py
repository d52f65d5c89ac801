"""Steps that many browser tests take."""

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def log_in(page, base, email):
    page.goto(base + "/accounts/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("You are logged in.")).to_be_visible()

"""A citizen votes on a phone: the budget moves in place, and a vote can be withdrawn."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def test_vote_see_budget_move_and_withdraw(live_server, browser_page, create_call, create_user,
                                           create_proposal, clock, db):
    call = create_call(slug="nap", votes_per_voter=2)
    create_proposal(call, title="Agenda de lobby municipal abierta")
    create_proposal(call, title="Datos abiertos de agua")
    clock.advance(days=16)
    voter = create_user()
    page = browser_page
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(live_server + "/accounts/login")
    page.get_by_label("Email address").fill(voter.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
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
    expect(first_card.get_by_role("button", name="Support this proposal")).to_be_visible()
    assert errors == []

    page.goto(live_server + "/accounts/me/votes")
    expect(page.get_by_text("You have not voted yet.")).to_be_visible()

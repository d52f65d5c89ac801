"""Minutes from draft to published: the secretariat writes and circulates them, each voting
constituency approves through its own seat, then they are published for everyone."""

from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import expect

from app.working_group import meetings, seats
from tests.browser.conftest import _phone_page
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def _log_in(chromium, live_server, user):
    context, page = _phone_page(chromium)
    page.goto(live_server + "/accounts/login")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return context, page


def test_minutes_go_from_draft_to_published(live_server, chromium, create_user, admin, db):
    holders = {}
    for constituency, name in (("government", "Gobierno"), ("civil_society", "Red Civil"),
                               ("academia", "Red Académica")):
        seat = seats.add_seat(admin, constituency, name)
        holders[constituency] = create_user(name=f"Titular {name}")
        seats.appoint(admin, seat, starts_on=date(2020, 1, 1), holder_name=f"Titular {name}",
                      holder_email=holders[constituency].email)
    meeting = meetings.schedule(admin, kind="ordinary", title="Sesión de marzo",
                                starts_at=datetime(2026, 3, 1, 13, tzinfo=UTC))
    db.session.commit()
    url = f"{live_server}/working-group/meetings/{meeting.id}"

    context, page = _log_in(chromium, live_server, admin)
    page.goto(url)
    page.get_by_label("Minutes").fill("La Mesa acordó publicar el calendario de sesiones.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The draft minutes have been saved.")).to_be_visible()
    page.get_by_role("button", name="Circulate for approval").click()
    expect(page.get_by_text("The minutes have been circulated")).to_be_visible()
    expect(page.get_by_role("button", name="Publish the minutes")).to_have_count(0)
    context.close()

    for constituency, user in holders.items():
        context, page = _log_in(chromium, live_server, user)
        page.goto(url)
        page.get_by_label("Approve").check()
        page.get_by_label("Comment").fill("Conforme.")
        page.get_by_role("button", name="Record the answer").click()
        expect(page.get_by_text("Your seat's answer has been recorded.")).to_be_visible()
        context.close()

    context, page = _log_in(chromium, live_server, admin)
    page.goto(url)
    page.get_by_role("button", name="Publish the minutes").click()
    expect(page.get_by_text("The minutes are published.")).to_be_visible()
    context.close()

    context, page = _phone_page(chromium)
    page.goto(url)
    expect(page.get_by_text("La Mesa acordó publicar el calendario de sesiones.")).to_be_visible()
    expect(page.get_by_role("cell", name="Approved")).to_have_count(3)
    context.close()

from datetime import UTC, datetime, timedelta

from app.working_group import compliance, meetings
from tests.helpers import text_of


def test_the_page_says_whether_the_group_met_every_six_months(client, group):
    # The group's meetings before 10 March 2026: October 2025, February and March 2026;
    # nothing between March 2024 and October 2025.
    page = text_of(client.get("/working-group/"))
    assert compliance.standing().met_every_six_months is False
    assert compliance.standing().rules_public is True
    assert "seis meses" in page or "six months" in page


def test_regular_meetings_meet_the_requirement(db, group, people):
    for months in range(3, 24, 5):
        meetings.schedule(people["admin"], kind="ordinary", title=f"Sesión {months}",
                          starts_at=datetime(2026, 3, 1, tzinfo=UTC) - timedelta(days=30 * months))
    db.session.commit()
    assert compliance.standing().met_every_six_months is True


def test_admins_are_warned_when_the_next_meeting_is_due(db, client, login, group, people):
    # The last meeting was 1 March 2026; one is scheduled for 1 April: not due.
    assert compliance.standing().due_soon is False
    later = datetime(2026, 8, 20, tzinfo=UTC)
    assert compliance.standing(later).due_soon is False  # April's meeting: due in October
    assert compliance.standing(datetime(2026, 9, 20, tzinfo=UTC)).due_soon is True

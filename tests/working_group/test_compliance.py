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


def test_each_year_of_a_plan_in_implementation_needs_two_implementation_reviews(
        db, client, group, people, clock):
    """OGP minimum requirement 5.1, from the data: the plan's first year held two reviews
    (met), its second only one (not met), its third has just begun (in progress)."""
    from datetime import date

    from app.plans import services as plans

    plans.create_plan(people["admin"], "plan-2023", title="Plan 2023–2025",
                      starts_on=date(2023, 9, 1), ends_on=date(2026, 8, 31),
                      status="implementation", adopted_on=date(2023, 9, 1))
    for when in (datetime(2023, 11, 5, 15, tzinfo=UTC), datetime(2024, 5, 5, 15, tzinfo=UTC),
                 datetime(2025, 4, 5, 15, tzinfo=UTC),
                 datetime(2025, 6, 5, 15, tzinfo=UTC)):  # the last one is ordinary
        kind = "ordinary" if when.month == 6 else "implementation_review"
        meetings.schedule(people["admin"], kind=kind, title="Revisión", starts_at=when)
    db.session.commit()
    clock.set(datetime(2025, 10, 1, tzinfo=UTC))
    years = compliance.implementation_reviews()
    assert [(y.starts_on, y.held, y.met, y.finished) for y in years] == [
        (date(2023, 9, 1), 2, True, True), (date(2024, 9, 1), 1, False, True),
        (date(2025, 9, 1), 0, False, False)]
    page = text_of(client.get("/working-group/", headers={"Accept-Language": "en"}))
    assert "2 implementation reviews of “Plan 2023–2025” held from" in page
    assert "1 implementation review of “Plan 2023–2025”" in page

"""OGP minimum requirements read from the data: 1.1, the multi-stakeholder forum meets at
least every six months and its rules are public; 5.1, while a plan is implemented, the
forum holds at least two meetings a year to review its progress."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from app.core.clock import now
from app.extensions import db
from app.plans.models import Plan
from app.working_group.meeting_models import Meeting
from app.working_group import meetings, rules

WINDOW = timedelta(days=730)  # "over the last two years"
WARN_AHEAD = timedelta(days=30)


@dataclass(frozen=True)
class Standing:
    met_every_six_months: bool
    longest_gap_days: int
    rules_public: bool
    next_due: datetime | None  # when the next meeting must be held by
    due_soon: bool  # no meeting scheduled before next_due, and it is near or past


def standing(at: datetime | None = None) -> Standing:
    at = at or now()
    held = sorted(m.starts_at for m in meetings.past(at) if m.starts_at >= at - WINDOW)
    marks = [at - WINDOW, *held, at]
    longest = max((b - a for a, b in zip(marks, marks[1:], strict=False)),
                  default=WINDOW)
    last = held[-1] if held else None
    next_due = last + meetings.MEETING_INTERVAL if last else None
    scheduled = [m.starts_at for m in meetings.upcoming(at)]
    covered = next_due is not None and any(when <= next_due for when in scheduled)
    due_soon = not covered and (next_due is None or next_due - at <= WARN_AHEAD)
    return Standing(longest <= meetings.MEETING_INTERVAL, longest.days,
                    rules.current() is not None, next_due, due_soon)


REVIEWS_A_YEAR = 2


@dataclass(frozen=True)
class ReviewYear:
    """One year of a plan's implementation (counted from its start) and the implementation
    reviews held in it."""

    plan: Plan
    starts_on: date
    ends_on: date
    held: int
    finished: bool  # the year is over: `met` is final

    @property
    def met(self) -> bool:
        return self.held >= REVIEWS_A_YEAR


def _year_bounds(plan: Plan, index: int) -> tuple[date, date]:
    start = plan.starts_on.replace(year=plan.starts_on.year + index)
    following = plan.starts_on.replace(year=plan.starts_on.year + index + 1)
    return start, min(following - timedelta(days=1), plan.ends_on)


def implementation_reviews(at: datetime | None = None) -> list[ReviewYear]:
    """For each plan in implementation, each of its years begun by `at`, with the number of
    implementation-review meetings held in it (minimum requirement 5.1)."""
    at = at or now()
    plans = db.session.scalars(select(Plan).where(Plan.status == "implementation")
                               .order_by(Plan.starts_on))
    years = []
    for plan in plans:
        index = 0
        while True:
            first, last = _year_bounds(plan, index)
            if first > plan.ends_on or first > at.date():
                break
            opens = datetime.combine(first, time.min, UTC)
            closes = min(datetime.combine(last + timedelta(days=1), time.min, UTC), at)
            held = db.session.scalar(select(func.count()).select_from(Meeting).where(
                Meeting.kind == "implementation_review", Meeting.starts_at >= opens,
                Meeting.starts_at < closes))
            years.append(ReviewYear(plan, first, last, held, closes < at))
            index += 1
    return years

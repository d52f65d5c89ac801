"""OGP minimum requirement 1.1, read from the data: the multi-stakeholder forum meets at
least every six months, and its rules are public."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.core.clock import now
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

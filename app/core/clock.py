"""The one clock: every 'now' in Minga comes from app.clock, so tests can move time."""

from datetime import UTC, datetime, timedelta

from flask import current_app


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, at: datetime | None = None):
        self.at = at or datetime.now(UTC).replace(microsecond=0)

    def now(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at

    def advance(self, **kwargs) -> None:
        self.at += timedelta(**kwargs)


def now() -> datetime:
    """Return the current time, aware and in UTC, from the application's clock."""
    return current_app.clock.now()

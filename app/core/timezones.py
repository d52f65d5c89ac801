"""Convert between the site timezone (what people type and read) and UTC (what is stored)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app

# How a moment is shown to people (Babel's pattern, in the reader's language).
SHOWN_DATETIME = "d MMM y, HH:mm"


def site_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["MINGA_TIMEZONE"])


def local_to_utc(value: datetime | None) -> datetime | None:
    """Read a naive wall-clock time typed in a form as the site's time."""
    if value is None:
        return None
    return value.replace(tzinfo=site_zone()).astimezone(UTC)


def utc_to_local(value: datetime | None) -> datetime | None:
    """Return a naive wall-clock time in the site's zone, for a form field."""
    if value is None:
        return None
    return value.astimezone(site_zone()).replace(tzinfo=None)

"""/working-group/meetings.ics: the upcoming meetings as an iCalendar feed, built with the
`icalendar` library (RFC 5545 escaping, folding and time zones done right, which a
hand-written template would not)."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app, url_for
from icalendar import Calendar, Event

from app.core.clock import now
from app.core.timezones import site_zone
from app.working_group.meeting_models import Meeting

# Meetings are scheduled by their start; calendars need an end.
ASSUMED_LENGTH = timedelta(hours=2)


def _uid(meeting: Meeting) -> str:
    host = urlsplit(current_app.config["MINGA_BASE_URL"]).hostname or "minga"
    return f"wg-meeting-{meeting.id}@{host}"


def feed(meetings: list[Meeting], name: str) -> bytes:
    calendar = Calendar.new(name=name, prodid="-//Minga//Working Group//ES")
    zone = site_zone()
    stamp = now()
    for meeting in meetings:
        start = meeting.starts_at.astimezone(zone)
        event = Event.new(
            uid=_uid(meeting), stamp=stamp, start=start, end=start + ASSUMED_LENGTH,
            summary=f"{meeting.title} ({meeting.kind_label})",
            location=meeting.place or meeting.online_link or None,
            url=url_for("working_group.meeting", meeting_id=meeting.id, _external=True),
            description=meeting.online_link or None)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()



"""The Working Group's public record as data: seats and terms (public names only), rules
versions, meetings with their published minutes, and documents' metadata."""

from flask import url_for
from sqlalchemy import select

from app.extensions import db
from app.working_group import meetings, rules, seats
from app.working_group.document_models import Document
from app.working_group.meeting_models import PUBLISHED


def _day(value):
    return value.isoformat() if value else None


def group_record() -> dict:
    return {
        "name": seats.group_name(),
        "seats": [{
            "id": seat.id, "name": seat.name, "constituency": seat.constituency,
            "votes": seat.votes,
            "terms": [{"holder_name": t.holder_name, "role": t.role,
                       "organisation": t.organisation, "appointed_by": t.appointed_by,
                       "alternate_name": t.alternate_name, "starts_on": _day(t.starts_on),
                       "ends_on": _day(t.ends_on)} for t in seat.terms],
        } for seat in seats.seats()],
        "rules": [{"id": v.id, "title": v.title, "body": v.body,
                   "adopted_on": _day(v.adopted_on), "adopted_at": v.adopted_at,
                   # The adopted text as a file (the signed resolution), when one was kept.
                   "document": url_for("working_group.document", document_id=v.document_id,
                                       _external=True) if v.document_id else None}
                  for v in rules.versions()],
    }


def meeting_record(meeting) -> dict:
    return {
        "id": meeting.id, "kind": meeting.kind, "title": meeting.title,
        "starts_at": meeting.starts_at.isoformat(), "place": meeting.place,
        "online_link": meeting.online_link,
        "agenda": [item.title for item in meeting.agenda],
        "attendance": [{"seat": a.seat_id, "status": a.status} for a in meeting.attendance],
        "minutes": [{"version": m.version, "body": m.body,
                     "published_at": m.published_at.isoformat()}
                    for m in meeting.minutes if m.state == PUBLISHED],
        "html": url_for("working_group.meeting", meeting_id=meeting.id, _external=True),
    }


def meeting_records() -> list[dict]:
    found = sorted(meetings.past() + meetings.upcoming(), key=lambda m: m.starts_at)
    return [meeting_record(m) for m in found]


def document_records() -> list[dict]:
    found = db.session.scalars(select(Document).order_by(Document.dated_on.desc(),
                                                         Document.id.desc()))
    return [{"id": d.id, "title": d.title, "kind": d.kind, "dated_on": _day(d.dated_on),
             "meeting": d.meeting_id, "call": d.call.slug if d.call else None,
             "format": d.file_format, "size": d.size, "updated_at": d.updated_at.isoformat(),
             "file": url_for("working_group.document_file", document_id=d.id, _external=True)}
            for d in found]

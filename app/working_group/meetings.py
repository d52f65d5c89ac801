"""Meetings: scheduled by administrators, with an ordered agenda and attendance by seat."""

from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.audit.services import record_event
from app.calls.models import Call
from app.core.clock import now
from app.extensions import db
from app.proposals.models import Proposal
from app.working_group.errors import Missing, UnknownChoice
from app.working_group.meeting_models import (
    ATTENDANCE,
    MEETING_KINDS,
    AgendaItem,
    Attendance,
    Meeting,
)
from app.working_group.models import Seat
from app.working_group.seats import clean, require_admin

# OGP minimum requirement 1.1: the forum meets at least every six months.
MEETING_INTERVAL = timedelta(days=182)


def upcoming(at: datetime | None = None) -> list[Meeting]:
    at = at or now()
    return list(db.session.scalars(select(Meeting).where(Meeting.starts_at >= at)
                                   .order_by(Meeting.starts_at)))


def past(at: datetime | None = None) -> list[Meeting]:
    at = at or now()
    return list(db.session.scalars(select(Meeting).where(Meeting.starts_at < at)
                                   .order_by(Meeting.starts_at.desc())))


def meeting_choices() -> list[tuple[str, str]]:
    """Select options naming each meeting, latest first (a decision names where it was
    taken)."""
    from flask_babel import gettext as _

    found = db.session.scalars(select(Meeting).order_by(Meeting.starts_at.desc()))
    return [("", _("No meeting"))] + [(str(m.id), m.title) for m in found]


def decisions_taken_at(meeting: Meeting, user) -> list:
    """The decisions that name this meeting, as far as `user` may see them: published
    results for everyone, the rest for the call's reviewers. A revision that does not
    stand yet is the reviewers' alone."""
    from app.review.models import Decision
    from app.review.services import can_view, results_published

    found = db.session.scalars(select(Decision).where(Decision.meeting_id == meeting.id)
                               .order_by(Decision.id))
    return [d for d in found if can_view(user, d.proposal.call)
            or (results_published(d.proposal.call) and _stands_as_shown(d))]


def _stands_as_shown(decision) -> bool:
    return (decision.standing_outcome, decision.standing_merged_into_id) == \
        (decision.outcome, decision.merged_into_id)


def _details(kind, title, starts_at, place, online_link) -> dict:
    if kind not in MEETING_KINDS:
        raise UnknownChoice(field="kind")
    if starts_at is None:
        raise Missing(field="starts_at")
    link = clean(online_link, "online_link", required=False, limit=500)
    if link and not link.startswith(("https://", "http://")):
        raise UnknownChoice(field="online_link")
    return {"kind": kind, "title": clean(title, "title"), "starts_at": starts_at,
            "place": clean(place, "place", required=False, limit=300), "online_link": link}


def _public(meeting: Meeting) -> dict:
    return {"kind": meeting.kind, "title": meeting.title,
            "starts_at": meeting.starts_at.isoformat(), "place": meeting.place,
            "online_link": meeting.online_link}


def schedule(actor, *, kind, title, starts_at, place="", online_link="") -> Meeting:
    """:raises AdminsOnly, UnknownChoice, Missing, TooLong:"""
    require_admin(actor)
    meeting = Meeting(**_details(kind, title, starts_at, place, online_link), created_at=now())
    db.session.add(meeting)
    db.session.flush()
    record_event(actor, "wg.meeting_scheduled", meeting, after=_public(meeting))
    return meeting


def update(actor, meeting: Meeting, *, kind, title, starts_at, place="",
           online_link="") -> Meeting:
    """:raises AdminsOnly, UnknownChoice, Missing, TooLong:"""
    require_admin(actor)
    before = _public(meeting)
    for name, value in _details(kind, title, starts_at, place, online_link).items():
        setattr(meeting, name, value)
    record_event(actor, "wg.meeting_updated", meeting, before=before, after=_public(meeting))
    return meeting


def add_agenda_item(actor, meeting: Meeting, title: str, call_slug: str = "",
                    proposal_reference: str = "") -> AgendaItem:
    """The next item of the agenda, optionally about a call or one of its proposals.

    The meeting's row is locked so two items added at once get different places.

    :raises AdminsOnly, Missing, TooLong, UnknownChoice:
    """
    require_admin(actor)
    title = clean(title, "title", limit=300)
    call = proposal = None
    if call_slug:
        call = db.session.scalar(select(Call).where(Call.slug == call_slug))
        if call is None:
            raise UnknownChoice(field="call")
    reference = (proposal_reference or "").strip()
    if reference:
        query = select(Proposal).where(Proposal.reference == reference)
        if call is not None:
            query = query.where(Proposal.call_id == call.id)
        proposal = db.session.scalar(query)
        if proposal is None or proposal.reference is None:
            raise UnknownChoice(field="proposal")
    db.session.scalar(select(Meeting.id).where(Meeting.id == meeting.id).with_for_update())
    position = (db.session.scalar(select(func.max(AgendaItem.position))
                                  .where(AgendaItem.meeting_id == meeting.id)) or 0) + 1
    item = AgendaItem(meeting_id=meeting.id, position=position, title=title,
                      call_id=getattr(call, "id", None), proposal_id=getattr(proposal, "id", None))
    db.session.add(item)
    db.session.flush()
    db.session.refresh(meeting, ["agenda"])
    record_event(actor, "wg.agenda_item_added", meeting,
                 after={"position": position, "title": title})
    return item


def record_attendance(actor, meeting: Meeting, statuses: dict[int, str]) -> None:
    """Attendance by seat: {seat id: status}; a seat left out keeps what it had.

    :raises AdminsOnly, UnknownChoice:
    """
    require_admin(actor)
    known = {seat.id for seat in db.session.scalars(select(Seat))}
    if any(seat_id not in known or status not in ATTENDANCE
           for seat_id, status in statuses.items()):
        raise UnknownChoice
    rows = {row.seat_id: row for row in db.session.scalars(
        select(Attendance).where(Attendance.meeting_id == meeting.id)
        .with_for_update(of=Attendance))}
    before = {str(k): v.status for k, v in rows.items()}
    for seat_id, status in statuses.items():
        if seat_id in rows:
            rows[seat_id].status = status
        else:
            db.session.add(Attendance(meeting_id=meeting.id, seat_id=seat_id, status=status))
    db.session.flush()
    db.session.refresh(meeting, ["attendance"])
    record_event(actor, "wg.attendance_recorded", meeting, before=before,
                 after={str(k): v for k, v in statuses.items()})

"""Minutes: draft → circulated → approved → published.

Administrators (the group's secretariat) write and circulate them; the holder or alternate
of each voting seat approves or objects for that seat; observers comment and never
approve. The minutes are approved once every voting constituency with a seat held has
approved (a constituency with every seat vacant is named as such and cannot hold them up),
and an administrator then publishes them. Published minutes never change: a correction is
a new version that names the one it corrects.
"""

from dataclasses import dataclass, field

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.accounts.models import User
from app.audit.services import record_event
from app.core.clock import now
from app.core.errors import Conflict, flush_or_conflict
from app.core.jobs import enqueue_after_commit
from app.core.mail import send_mail
from app.extensions import db
from app.review.models import VOTING_CONSTITUENCIES
from app.working_group import seats
from app.working_group.errors import (
    MembersOnly,
    Missing,
    NotApprovedByAll,
    NotVotingSeat,
    TooLong,
    UnknownChoice,
    WrongState,
)
from app.working_group.meeting_models import (
    APPROVED,
    CIRCULATED,
    DRAFT,
    PUBLISHED,
    STANCES,
    Meeting,
    Minutes,
    MinutesResponse,
)

BODY_MAX, COMMENT_MAX = 60_000, 5_000


def _is_admin(user) -> bool:
    return bool(user and getattr(user, "is_authenticated", False) and user.is_admin)


# --- who may do what (pages ask these too, to show only what a person may do) ------------

def can_see(user, minutes: Minutes) -> bool:
    return minutes.state == PUBLISHED or _is_admin(user) or seats.is_member(user)


def can_edit(user, minutes: Minutes | None) -> bool:
    return _is_admin(user) and (minutes is None or minutes.state == DRAFT)


def can_circulate(user, minutes: Minutes) -> bool:
    return _is_admin(user) and minutes.state == DRAFT


def can_return_to_draft(user, minutes: Minutes) -> bool:
    return _is_admin(user) and minutes.state in (CIRCULATED, APPROVED)


def can_respond(user, minutes: Minutes) -> bool:
    return minutes.state == CIRCULATED and seats.is_member(user)


def can_approve(user, minutes: Minutes) -> bool:
    return minutes.state == CIRCULATED and any(s.seat.votes for s in seats.sittings_of(user))


def can_publish(user, minutes: Minutes) -> bool:
    return _is_admin(user) and minutes.state == APPROVED


def can_correct(user, minutes: Minutes) -> bool:
    return _is_admin(user) and minutes.state == PUBLISHED and _latest(minutes.meeting) is minutes


def _latest(meeting: Meeting) -> Minutes | None:
    return meeting.minutes[-1] if meeting.minutes else None


def shown_to(user, meeting: Meeting) -> list[Minutes]:
    """The versions of a meeting's minutes this person may read, latest first."""
    return [m for m in reversed(meeting.minutes) if can_see(user, m)]


# --- where the approvals stand ------------------------------------------------------------

@dataclass
class ConstituencyStanding:
    constituency: str
    label: str
    status: str  # "approved", "objected", "waiting", "vacant"
    responses: list = field(default_factory=list)


STANDING_LABELS = {"approved": _l("Approved"), "objected": _l("Objected"),
                   "waiting": _l("Waiting for its approval"),
                   "vacant": _l("Seat vacant: cannot approve")}


def standings(minutes: Minutes) -> list[ConstituencyStanding]:
    """Each voting constituency, and where its seats stand on these minutes."""
    day = seats.today()
    by_seat = {r.seat_id: r for r in minutes.responses}
    found = []
    for constituency, constituency_seats in seats.voting_constituencies_seated().items():
        held = [s for s in constituency_seats if s.term_on(day) is not None]
        answers = [by_seat[s.id] for s in constituency_seats if s.id in by_seat]
        stances = [by_seat[s.id].stance if s.id in by_seat else None for s in held]
        if not held:
            status = "vacant"
        elif "object" in stances:
            status = "objected"
        elif all(stance == "approve" for stance in stances):
            status = "approved"
        else:
            status = "waiting"
        found.append(ConstituencyStanding(constituency, str(VOTING_CONSTITUENCIES[constituency]),
                                          status, answers))
    return found


def observer_comments(minutes: Minutes) -> list[MinutesResponse]:
    return [r for r in minutes.responses if r.stance is None]


def _all_approved(minutes: Minutes) -> bool:
    found = standings(minutes)
    return any(s.status == "approved" for s in found) and \
        all(s.status in ("approved", "vacant") for s in found)


# --- the steps ----------------------------------------------------------------------------

def _body(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise Missing(field="body")
    if len(text) > BODY_MAX:
        raise TooLong(field="body")
    return text


def _lock(minutes: Minutes) -> None:
    """Two steps at once on the same minutes: the second waits, then sees the first."""
    db.session.scalar(select(Minutes.id).where(Minutes.id == minutes.id).with_for_update())
    db.session.refresh(minutes)


def save_draft(actor, meeting: Meeting, body: str, expected_version: int | None = None
               ) -> Minutes:
    """Write the meeting's first minutes, or change the draft of its latest version.

    :raises AdminsOnly, WrongState, Missing, TooLong, Conflict:
    """
    seats.require_admin(actor)
    text = _body(body)
    latest = _latest(meeting)
    if latest is None:
        minutes = Minutes(meeting_id=meeting.id, version=1, body=text, state=DRAFT,
                          created_at=now())
        db.session.add(minutes)
        flush_or_conflict()
        record_event(actor, "wg.minutes_drafted", minutes, after={"body": text})
        db.session.refresh(meeting, ["minutes"])
        return minutes
    if latest.state != DRAFT:
        raise WrongState
    if expected_version is not None and expected_version != latest.row_version:
        raise Conflict
    before = latest.body
    latest.body = text
    flush_or_conflict()
    record_event(actor, "wg.minutes_edited", latest, before={"body": before},
                 after={"body": text})
    return latest


def circulate(actor, minutes: Minutes) -> Minutes:
    """Send the draft to the members for approval; each member with an account gets a mail.

    :raises AdminsOnly, WrongState:
    """
    seats.require_admin(actor)
    _lock(minutes)
    if minutes.state != DRAFT:
        raise WrongState
    for response in list(minutes.responses):  # answers to an earlier text do not carry over
        db.session.delete(response)
    minutes.state, minutes.circulated_at = CIRCULATED, now()
    flush_or_conflict()
    db.session.refresh(minutes, ["responses"])
    record_event(actor, "wg.minutes_circulated", minutes, after={"state": CIRCULATED})
    enqueue_after_commit("tell_members_minutes_circulated", minutes.id)
    return minutes


def return_to_draft(actor, minutes: Minutes) -> Minutes:
    """Take circulated minutes back to change them (after an objection): circulating them
    again asks every seat anew.

    :raises AdminsOnly, WrongState:
    """
    seats.require_admin(actor)
    _lock(minutes)
    if minutes.state not in (CIRCULATED, APPROVED):
        raise WrongState
    before = minutes.state
    minutes.state = DRAFT
    flush_or_conflict()
    record_event(actor, "wg.minutes_returned_to_draft", minutes, before={"state": before},
                 after={"state": DRAFT})
    return minutes


def respond(actor, minutes: Minutes, stance: str | None, comment: str = "",
            seat_id: int | None = None) -> MinutesResponse:
    """The actor's seat answers: approve or object (voting seats), or a comment (observers).
    Nobody answers for a seat they do not hold or stand in for.

    :raises MembersOnly, NotVotingSeat, UnknownChoice, Missing, TooLong, WrongState:
    """
    sittings = seats.sittings_of(actor)
    if not sittings:
        raise MembersOnly
    if seat_id is not None:
        sittings = [s for s in sittings if s.seat.id == seat_id]
        if not sittings:
            raise MembersOnly
    sitting = next((s for s in sittings if s.seat.votes), sittings[0])
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise TooLong(field="comment")
    if sitting.seat.votes:
        if stance not in STANCES:
            raise UnknownChoice(field="stance")
        if stance == "object" and not comment:
            raise Missing(_l("Say what should change in the minutes."), field="comment")
    else:
        if stance:
            raise NotVotingSeat(field="stance")
        if not comment:
            raise Missing(field="comment")
        stance = None
    _lock(minutes)
    if minutes.state != CIRCULATED:
        raise WrongState
    row = db.session.scalar(select(MinutesResponse).where(
        MinutesResponse.minutes_id == minutes.id, MinutesResponse.seat_id == sitting.seat.id))
    before = {"stance": row.stance, "comment": row.comment} if row else None
    if row is None:
        row = MinutesResponse(minutes_id=minutes.id, seat_id=sitting.seat.id)
        db.session.add(row)
    row.user_id, row.stance, row.comment, row.recorded_at = actor.id, stance, comment, now()
    flush_or_conflict()
    db.session.refresh(minutes, ["responses"])
    record_event(actor, "wg.minutes_answered", minutes, before=before,
                 after={"seat": sitting.seat.id, "stance": stance, "comment": comment})
    if _all_approved(minutes):
        minutes.state = APPROVED
        flush_or_conflict()
        record_event(actor, "wg.minutes_approved", minutes, after={"state": APPROVED})
    return row


def publish(actor, minutes: Minutes) -> Minutes:
    """:raises AdminsOnly, NotApprovedByAll:"""
    seats.require_admin(actor)
    _lock(minutes)
    if minutes.state != APPROVED:
        raise NotApprovedByAll
    minutes.state, minutes.published_at = PUBLISHED, now()
    flush_or_conflict()
    record_event(actor, "wg.minutes_published", minutes, after={"state": PUBLISHED})
    return minutes


def correct(actor, minutes: Minutes) -> Minutes:
    """A new draft version of published minutes, linked to the one it corrects.

    :raises AdminsOnly, WrongState:
    """
    seats.require_admin(actor)
    meeting = minutes.meeting
    db.session.scalar(select(Meeting.id).where(Meeting.id == meeting.id).with_for_update())
    latest = db.session.scalar(select(func.max(Minutes.version))
                               .where(Minutes.meeting_id == meeting.id))
    if minutes.state != PUBLISHED or latest != minutes.version:
        raise WrongState
    made = Minutes(meeting_id=meeting.id, version=latest + 1, body=minutes.body, state=DRAFT,
                   corrects_id=minutes.id, created_at=now())
    db.session.add(made)
    flush_or_conflict()
    db.session.refresh(meeting, ["minutes"])
    record_event(actor, "wg.minutes_correction_started", made,
                 after={"corrects": minutes.id})
    return made


# --- the mail -----------------------------------------------------------------------------

def tell_members_minutes_circulated(minutes_id: int) -> int:
    """The job: mail each holder and alternate with an account that minutes await their
    seat's answer. Part of their duty in the group, so it is sent to every member."""
    minutes = db.session.get(Minutes, minutes_id)
    if minutes is None or minutes.state != CIRCULATED:
        return 0
    day = seats.today()
    people = set()
    for seat in seats.seats():
        term = seat.term_on(day)
        if term is not None:
            people |= {term.holder_id, term.alternate_id} - {None}
    mailed = 0
    for user in db.session.scalars(select(User).where(User.id.in_(people))):
        if user.blocked_at is not None:
            continue
        with force_locale(user.locale or current_app.config["MINGA_DEFAULT_LOCALE"]):
            body = render_template("mail/minutes_circulated.txt", user=user, minutes=minutes,
                                   meeting=minutes.meeting)
            send_mail(user.email, str(_l("Minutes to approve: %(title)s",
                                         title=minutes.meeting.title)), body)
        mailed += 1
    record_event(None, "wg.members_told_minutes_circulated", minutes, after={"mailed": mailed})
    db.session.commit()
    return mailed



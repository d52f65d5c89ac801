"""Civil society's reading of progress updates (agree / disagree, answered by the
implementer), and milestones overdue: the two flags the public sees first."""

from datetime import date

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.audit.services import record_event
from app.core.clock import now
from app.core.errors import DomainError, NotAllowed
from app.core.timezones import utc_to_local
from app.extensions import db
from app.plans import follows, reporting
from app.plans.models import Commitment, Counterassessment, ProgressUpdate
from app.plans.services import InvalidChoice, Missing, TooLong

STANCES = {"agree": _l("Agree"), "disagree": _l("Disagree")}
OFFICIAL_SEATS = ("civil_society", "academia")
REASONS_MAX = 5000


class NotCivilSociety(NotAllowed):
    message = _l("Readings of progress come from verified participants outside "
                 "government.")


class AlreadyRead(DomainError):
    status = 409
    message = _l("You already gave your reading of this version of the update.")


class AlreadyAnswered(DomainError):
    status = 409
    message = _l("This reading has already been answered.")


def can_read(user) -> bool:
    """Any verified participant outside government, not blocked."""
    return bool(user and user.is_authenticated and user.is_verified
                and user.blocked_at is None and not user.is_government)


def _seat(user, commitment: Commitment) -> str | None:
    from app.review.services import member_of

    call = commitment.plan.call
    member = member_of(call, user) if call is not None else None
    return member.constituency if member and member.constituency in OFFICIAL_SEATS else None


def give_reading(actor, update: ProgressUpdate, stance: str, reasons: str,
                 evidence_url: str = "") -> Counterassessment:
    """Agree or disagree with one version of an update, with reasons.

    :raises NotCivilSociety, InvalidChoice, Missing, TooLong, BadLink, AlreadyRead:
    """
    if not can_read(actor):
        raise NotCivilSociety
    if stance not in STANCES:
        raise InvalidChoice(field="stance")
    reasons = (reasons or "").strip()
    if not reasons:
        raise Missing(field="reasons")
    if len(reasons) > REASONS_MAX:
        raise TooLong(field="reasons")
    evidence_url = (evidence_url or "").strip()
    if evidence_url:
        try:
            reporting.check_links([(evidence_url, "")])
        except reporting.BadLink as exc:
            raise reporting.BadLink(field="evidence_url") from exc
    reading = Counterassessment(update_id=update.id, thread_id=update.thread_id,
                                author_id=actor.id, stance=stance, reasons=reasons,
                                evidence_url=evidence_url,
                                seat=_seat(actor, update.commitment), created_at=now())
    try:
        with db.session.begin_nested():
            db.session.add(reading)
            db.session.flush()
    except IntegrityError as exc:
        raise AlreadyRead from exc
    record_event(actor, f"counterassessment.{stance}", reading,
                 after={"update_id": update.id, "stance": stance, "reasons": reasons,
                        "evidence_url": evidence_url})
    if stance == "disagree":
        follows.announce("dispute", reading.id)
    return reading


def answer_reading(actor, reading: Counterassessment, answer: str) -> Counterassessment:
    """The implementer's public answer to a reading, once.

    :raises NotImplementer, Missing, TooLong, AlreadyAnswered:
    """
    if not reporting.can_report(actor, reading.update.commitment):
        raise reporting.NotImplementer
    answer = (answer or "").strip()
    if not answer:
        raise Missing(field="answer")
    if len(answer) > REASONS_MAX:
        raise TooLong(field="answer")
    # A conditional UPDATE: two answers at once, one lands.
    done = db.session.execute(
        db.update(Counterassessment)
        .where(Counterassessment.id == reading.id, Counterassessment.answered_at.is_(None))
        .values(answer=answer, answered_by_id=actor.id, answered_at=now())
        .execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise AlreadyAnswered
    db.session.refresh(reading)
    record_event(actor, "counterassessment.answered", reading, after={"answer": answer})
    return reading


def readings_of(thread_ids) -> dict:
    """Thread id -> its readings, oldest first."""
    ids = list(thread_ids)
    found = {i: [] for i in ids}
    if ids:
        for reading in db.session.scalars(select(Counterassessment)
                                          .where(Counterassessment.thread_id.in_(ids))
                                          .order_by(Counterassessment.id)):
            found[reading.thread_id].append(reading)
    return found


def disputed_threads(readings: dict) -> set[int]:
    """Threads someone disagreed with (on any version): flagged, answered or not."""
    return {thread for thread, found in readings.items()
            if any(r.stance == "disagree" for r in found)}


def get_reading_or_404(commitment: Commitment, reading_id: int) -> Counterassessment:
    found = db.session.get(Counterassessment, reading_id)
    if found is None or found.update.commitment_id != commitment.id:
        abort(404)
    return found


def today() -> date:
    """The day it is where the site is (milestone dates are the site's days)."""
    return utc_to_local(now()).date()


def overdue(milestones, statuses: dict, on: date) -> list:
    """Milestones past their end date with no progress update at all."""
    return [m for m in milestones if m.ends_on is not None and m.ends_on < on
            and m.id not in statuses]

"""The public consultation on a draft plan: its window, the Working Group's answers to every
comment, and the guard that keeps a plan from being adopted while one is unanswered."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app.audit.services import record_event
from app.core.clock import now
from app.core.errors import DomainError, NotAllowed
from app.extensions import db
from app.moderation.models import Comment
from app.plans.models import TEMPLATE_TEXTS, Commitment, Plan
from app.review.models import MIN_RESPONSE_LENGTH
from app.working_group.seats import sittings_of

# The statuses a plan is consulted in; from "adopted" on it is no longer a draft.
DRAFT_STATUSES = ("draft", "consultation")
# The parts of a commitment a comment may be about (None: the commitment as a whole).
FIELDS = {
    **TEMPLATE_TEXTS,
    "lead_agency": _l("Lead agency"),
    "supporting_actors": _l("Supporting actors"),
    "dates": _l("Start and end dates"),
    "milestones": _l("Milestones"),
}
ANSWER_MAX = 5000


class NotWorkingGroup(NotAllowed):
    message = _l("Only administrators and members of the Working Group can do this.")


class NotADraft(DomainError):
    status = 409
    message = _l("A consultation is opened on a plan in draft or in consultation; this plan "
                 "has been adopted.")


class InvalidWindow(DomainError):
    message = _l("The consultation must close after it opens.")


class NotConsulted(DomainError):
    status = 409
    message = _l("Only comments made during the consultation are answered here.")


class NotAnswerable(DomainError):
    status = 409
    message = _l("A hidden or deleted comment is not answered.")


class AnswerTooShort(DomainError):
    message = _l("Write a reasoned response of at least %(n)d characters: every comment "
                 "gets a public answer saying why.", n=MIN_RESPONSE_LENGTH)


class AnswerTooLong(DomainError):
    message = _l("An answer can be at most %(n)d characters.", n=ANSWER_MAX)


class AlreadyAnswered(DomainError):
    status = 409
    message = _l("This comment has already been answered.")


class ConsultationNotClosed(DomainError):
    status = 409
    message = _l("The consultation has not closed yet: the plan is adopted once it has closed "
                 "and every comment has its answer.")


class ConsultationUnanswered(DomainError):
    status = 409
    message = _l("Every comment of the consultation needs a reasoned response from the Working "
                 "Group before the plan is adopted.")


# --- who may, and when --------------------------------------------------------------------

def can_run(user) -> bool:
    """Administrators and the voting members of the Working Group open the window and answer:
    the answers are the group's, and observers (UNDP, ECLAC) take no position for it."""
    if not (user and user.is_authenticated):
        return False
    return user.is_admin or any(s.seat.votes for s in sittings_of(user))


def window_state(plan: Plan, at: datetime | None = None) -> str:
    """"none" (never opened), "upcoming", "open" or "closed"."""
    if plan.consultation_opens_at is None or plan.consultation_closes_at is None:
        return "none"
    at = at or now()
    if at < plan.consultation_opens_at:
        return "upcoming"
    if at < plan.consultation_closes_at and plan.status in DRAFT_STATUSES:
        return "open"
    return "closed"


def is_open(plan: Plan, at: datetime | None = None) -> bool:
    return window_state(plan, at) == "open"


def open_consultation(actor, plan: Plan, opens_at: datetime, closes_at: datetime) -> Plan:
    """Set (or move) the consultation window; a draft plan becomes public, in consultation.

    :raises NotWorkingGroup, NotADraft, InvalidWindow:
    """
    if not can_run(actor):
        raise NotWorkingGroup
    if plan.status not in DRAFT_STATUSES:
        raise NotADraft
    if not (opens_at and closes_at) or closes_at <= opens_at:
        raise InvalidWindow(field="closes_at")
    before = {"status": plan.status, "opens_at": _iso(plan.consultation_opens_at),
              "closes_at": _iso(plan.consultation_closes_at)}
    plan.consultation_opens_at, plan.consultation_closes_at = opens_at, closes_at
    plan.status = "consultation"
    plan.updated_at = now()
    db.session.flush()
    record_event(actor, "plan.consultation_set", plan, before=before,
                 after={"status": plan.status, "opens_at": _iso(opens_at),
                        "closes_at": _iso(closes_at)})
    return plan


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# --- answers ------------------------------------------------------------------------------

def _consulted(plan: Plan):
    """The plan's consultation comments that await or carry an answer: visible ones."""
    return (select(Comment).join(Commitment, Comment.commitment_id == Commitment.id)
            .where(Commitment.plan_id == plan.id, Comment.consultation.is_(True),
                   Comment.parent_id.is_(None),
                   Comment.hidden_at.is_(None), Comment.deleted_at.is_(None)))


def consultation_comments(plan: Plan) -> list[Comment]:
    """Every visible consultation comment, by commitment, oldest first (hidden ones show as
    tombstones on the commitment page, not here)."""
    return list(db.session.scalars(_consulted(plan).order_by(
        Commitment.reference, Comment.created_at, Comment.id)))


def unanswered(plan: Plan) -> list[Comment]:
    return list(db.session.scalars(_consulted(plan).where(Comment.answered_at.is_(None))
                                   .order_by(Commitment.reference, Comment.created_at,
                                             Comment.id)))


def consultation_stats(plan: Plan) -> tuple[int, int]:
    """(comments received, comments answered), hidden and deleted ones left out: the
    evidence for a reasoned response to every comment (OGP requirement 4.1)."""
    found = _consulted(plan).subquery()
    total, answered = db.session.execute(select(
        func.count(found.c.id), func.count(found.c.answered_at))).one()
    return total or 0, answered or 0


def answer_comment(actor, comment: Comment, text: str) -> Comment:
    """Give the Working Group's public, reasoned response to a consultation comment.

    One answer per comment: of two members answering at once, the second is told.

    :raises NotWorkingGroup, NotConsulted, NotAnswerable, AnswerTooShort, AnswerTooLong,
        AlreadyAnswered:
    """
    if not can_run(actor):
        raise NotWorkingGroup
    if not comment.consultation:
        raise NotConsulted
    if not comment.visible:
        raise NotAnswerable
    text = (text or "").strip()
    if len(text) < MIN_RESPONSE_LENGTH:
        raise AnswerTooShort(field="answer")
    if len(text) > ANSWER_MAX:
        raise AnswerTooLong(field="answer")
    at = now()
    done = db.session.execute(
        update(Comment).where(Comment.id == comment.id, Comment.answered_at.is_(None))
        .values(answer=text, answered_at=at, answered_by_id=actor.id)
        .execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise AlreadyAnswered
    db.session.refresh(comment)
    record_event(actor, "comment.answered", comment, after={"answer": text})
    return comment


def check_adoption(plan: Plan, status: str) -> None:
    """Refuse to take a consulted plan past the draft while a comment awaits its answer.

    Adoption waits for the window to close too: a comment may not arrive on a plan already
    adopted, and the page's "the consultation was open until" stays true.

    :raises ConsultationNotClosed, ConsultationUnanswered:
    """
    if plan.status not in DRAFT_STATUSES or status in DRAFT_STATUSES:
        return
    if window_state(plan) in ("upcoming", "open"):
        raise ConsultationNotClosed(field="status")
    if unanswered(plan):
        raise ConsultationUnanswered(field="status")

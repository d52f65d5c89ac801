"""Following a plan or a commitment: a mail on each update, dispute and overdue
milestone, sent by a background job, each with a one-click link that stops it — or, if
the follower chose so, a daily or weekly digest (app/plans/digests.py).

Who follows what is nobody else's business: no page shows it, only counts.
"""

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError

from app.accounts.notifications import reachable
from app.audit.models import AuditEvent
from app.audit.services import record_event
from app.core.clock import now
from app.core.errors import DomainError, NotAllowed
from app.core.jobs import enqueue_after_commit
from app.core.mail import send_mail
from app.extensions import db
from app.plans.progress import SELF_STATUSES
from app.plans.models import (
    FOLLOW_FREQUENCIES,
    Commitment,
    Counterassessment,
    Follow,
    Milestone,
    Plan,
    ProgressUpdate,
)

TARGETS = {"plan": Plan, "commitment": Commitment}
NEWS = {
    "update": _l("New progress update on %(ref)s"),
    "dispute": _l("A progress update on %(ref)s is disputed"),
    "overdue": _l("A milestone of %(ref)s is overdue"),
}
OVERDUE_TOLD = "milestone.overdue_told"


class CannotFollow(NotAllowed):
    message = _l("Confirm your email address to follow plans and commitments.")


class UnknownFrequency(DomainError):
    message = _l("Choose how often to hear of it from the list.")


class BadUnfollowLink(DomainError):
    status = 400
    message = _l("This link is not valid. Stop following from the commitment's page.")


def can_follow(user) -> bool:
    return bool(user and user.is_authenticated and user.is_verified
                and user.blocked_at is None)


def _target(thing) -> tuple[str, int]:
    return ("plan" if isinstance(thing, Plan) else "commitment"), thing.id


def follow_of(user, thing) -> Follow | None:
    if not (user and user.is_authenticated):
        return None
    kind, target_id = _target(thing)
    return db.session.scalar(select(Follow).where(
        Follow.user_id == user.id, Follow.target_type == kind, Follow.target_id == target_id))


def follower_count(thing) -> int:
    kind, target_id = _target(thing)
    return db.session.scalar(select(func.count()).select_from(Follow).where(
        Follow.target_type == kind, Follow.target_id == target_id))


def follow(actor, thing, frequency: str = "immediate") -> Follow:
    """Start following (following twice is following once).

    :raises CannotFollow, UnknownFrequency:
    """
    if not can_follow(actor):
        raise CannotFollow
    if frequency not in FOLLOW_FREQUENCIES:
        raise UnknownFrequency(field="frequency")
    found = follow_of(actor, thing)
    if found is not None:
        return found
    kind, target_id = _target(thing)
    made = Follow(user_id=actor.id, target_type=kind, target_id=target_id, created_at=now(),
                  frequency=frequency)
    try:
        with db.session.begin_nested():
            db.session.add(made)
            db.session.flush()
    except IntegrityError:  # the same person, twice at once: one row
        return follow_of(actor, thing)
    record_event(actor, "follow.started", thing, after={"user_id": actor.id})
    return made


def set_frequency(actor, thing, frequency: str) -> Follow:
    """Hear of it at once, or in a daily or weekly digest; follows it if not yet.

    A digest starts from now: what was already mailed one by one is not told again.

    :raises CannotFollow, UnknownFrequency:
    """
    if frequency not in FOLLOW_FREQUENCIES:
        raise UnknownFrequency(field="frequency")
    found = follow_of(actor, thing) or follow(actor, thing, frequency)
    if found.frequency != frequency:
        record_event(actor, "follow.frequency_changed", thing,
                     before={"frequency": found.frequency}, after={"frequency": frequency})
        found.frequency = frequency
        found.last_digest_at = now()
        db.session.flush()
    return found


def unfollow(actor, thing) -> None:
    found = follow_of(actor, thing)
    if found is not None:
        _stop(found)


def _stop(found: Follow) -> None:
    model = TARGETS[found.target_type]
    record_event(found.user, "follow.stopped", db.session.get(model, found.target_id),
                 before={"user_id": found.user_id})
    db.session.delete(found)
    db.session.flush()


# --- the one-click link -------------------------------------------------------------------

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="minga.unfollow")


def unfollow_token(found: Follow) -> str:
    return _serializer().dumps({"f": found.id, "u": found.user_id})


def unfollow_by_token(token: str) -> tuple[str, object | None]:
    """Stop the follow a mail's link names; (kind, what it followed or None if gone).

    :raises BadUnfollowLink:
    """
    try:
        data = _serializer().loads(token)
        follow_id, user_id = int(data["f"]), int(data["u"])
    except (BadSignature, KeyError, TypeError, ValueError) as exc:
        raise BadUnfollowLink from exc
    found = db.session.get(Follow, follow_id)
    if found is None or found.user_id != user_id:
        return "commitment", None  # already stopped: the link still says so
    thing = db.session.get(TARGETS[found.target_type], found.target_id)
    kind = found.target_type
    _stop(found)
    return kind, thing


# --- news ---------------------------------------------------------------------------------

def announce(news: str, object_id: int) -> None:
    """Queue the mails about `news` once the change that made it commits."""
    enqueue_after_commit("tell_followers", news, object_id)


def _followers(commitment: Commitment) -> list[Follow]:
    """Follows of the commitment and of its plan, one per person (the commitment's first)."""
    found = db.session.scalars(select(Follow).where(or_(
        and_(Follow.target_type == "commitment", Follow.target_id == commitment.id),
        and_(Follow.target_type == "plan", Follow.target_id == commitment.plan_id)))
        .order_by(Follow.target_type)).all()  # "commitment" sorts before "plan"
    by_person = {}
    for follow_row in found:
        by_person.setdefault(follow_row.user_id, follow_row)
    return list(by_person.values())


def _what(news: str, object_id: int):
    """(commitment, the thing to tell, who did it) for a piece of news, or None."""
    if news == "update":
        update = db.session.get(ProgressUpdate, object_id)
        return (update.commitment, update, update.author_id) if update else None
    if news == "dispute":
        reading = db.session.get(Counterassessment, object_id)
        return (reading.update.commitment, reading, reading.author_id) if reading else None
    if news == "overdue":
        milestone = db.session.get(Milestone, object_id)
        return (milestone.commitment, milestone, None) if milestone else None
    return None


def tell_followers(news: str, object_id: int) -> int:
    """The job: mail everyone who follows the commitment (or its plan) about `news`."""
    found = _what(news, object_id)
    if found is None:
        return 0
    commitment, thing, actor_id = found
    page = url_for("plans.commitment", slug=commitment.plan.slug,
                   reference=commitment.reference, _external=True)
    mailed = 0
    for follow_row in _followers(commitment):
        user = follow_row.user
        if follow_row.frequency != "immediate":
            continue  # told in their digest (app/plans/digests.py)
        if user.id == actor_id or not reachable(user):
            continue
        link = url_for("plans.unfollow", token=unfollow_token(follow_row), _external=True)
        with force_locale(user.locale or current_app.config["MINGA_DEFAULT_LOCALE"]):
            subject = str(NEWS[news] % {"ref": commitment.reference})
            body = render_template("mail/plan_news.txt", user=user, news=news, thing=thing,
                                   commitment=commitment, page=page, unfollow=link,
                                   followed=follow_row.target_type, statuses=SELF_STATUSES)
        send_mail(user.email, subject, body, headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
        mailed += 1
    db.session.commit()
    return mailed


def tell_overdue() -> int:
    """The periodic job: announce each milestone that became overdue, once."""
    from app.plans.readings import overdue, today
    from app.plans.reporting import current_updates, milestone_statuses

    told = set(db.session.scalars(select(AuditEvent.target_id).where(
        AuditEvent.action == OVERDUE_TOLD)))
    on = today()
    late = db.session.scalars(select(Milestone).join(Commitment).join(Plan).where(
        Milestone.ends_on < on, Plan.status.in_(("adopted", "implementation")))).all()
    if not late:
        return 0
    statuses = milestone_statuses(current_updates({m.commitment_id for m in late}))
    announced = 0
    for milestone in overdue(late, statuses, on):
        if str(milestone.id) in told:
            continue
        record_event(None, OVERDUE_TOLD, milestone)
        announce("overdue", milestone.id)
        announced += 1
    db.session.commit()
    return announced


def voted_sources(user, commitment: Commitment) -> list:
    """The commitment's source proposals this person voted for: they are offered to follow."""
    if not (user and user.is_authenticated) or not commitment.sources:
        return []
    from app.voting.models import Ballot, Vote

    ids = {s.proposal_id for s in commitment.sources}
    voted = set(db.session.scalars(select(Vote.proposal_id).join(Ballot,
                                                                 Ballot.id == Vote.ballot_id)
                                   .where(Ballot.user_id == user.id,
                                          Vote.proposal_id.in_(ids))))
    return [s.proposal for s in commitment.sources if s.proposal_id in voted]

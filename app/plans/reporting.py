"""Reporting on a commitment: its implementers, their progress updates (versioned, never
edited once published), and codings on the IRM's scales beside the self-assessment."""

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.audit.services import record_event
from app.core.clock import now
from app.core.errors import Conflict, DomainError, NotAllowed
from app.extensions import db
from app.plans import follows
from app.plans.models import Commitment, Evidence, Implementer, IrmCoding, ProgressUpdate
from app.plans.progress import SELF_STATUSES
from app.plans.scales import CODERS, COMPLETION, POTENTIAL
from app.plans.services import InvalidChoice, Missing, TooLong

# Plans whose commitments are reported on; a draft has nothing yet, a closed one is history.
REPORTING_STATUSES = ("adopted", "implementation")
NARRATIVE_MAX, EVIDENCE_MAX = 10_000, 10


class AlreadyImplementer(DomainError):
    status = 409
    message = _l("This person already reports on this commitment.")


class NotReporting(DomainError):
    status = 409
    message = _l("Progress is reported while the plan is adopted or in implementation.")


class BadLink(DomainError):
    message = _l("Give each piece of evidence as a web address starting with https:// or "
                 "http://.")


class NotImplementer(NotAllowed):
    message = _l("Only the officials named to report on this commitment, and "
                 "administrators, can do this.")


# --- who may ------------------------------------------------------------------------------

def is_implementer(user, commitment: Commitment) -> bool:
    if not (user and user.is_authenticated):
        return False
    return db.session.scalar(select(Implementer.id).where(
        Implementer.commitment_id == commitment.id, Implementer.user_id == user.id)) is not None


def can_report(user, commitment: Commitment) -> bool:
    """Post and correct progress updates and the self-assessment on the IRM's scales."""
    if not (user and user.is_authenticated):
        return False
    return bool(user.is_admin or is_implementer(user, commitment))


def can_record_irm(user) -> bool:
    """The IRM's own coding is copied from its public report by an administrator."""
    return bool(user and user.is_authenticated and user.is_admin)


def _require_reporting(actor, commitment: Commitment) -> None:
    if not can_report(actor, commitment):
        raise NotImplementer
    if commitment.plan.status not in REPORTING_STATUSES:
        raise NotReporting


# --- implementers -------------------------------------------------------------------------

def implementers(commitment: Commitment) -> list[Implementer]:
    return list(db.session.scalars(select(Implementer)
                                   .where(Implementer.commitment_id == commitment.id)
                                   .order_by(Implementer.id)))


def commitments_reported_by(user) -> list[Commitment]:
    """What a person reports on: their account menu links to each."""
    if not (user and user.is_authenticated):
        return []
    return list(db.session.scalars(
        select(Commitment).join(Implementer, Implementer.commitment_id == Commitment.id)
        .where(Implementer.user_id == user.id).order_by(Commitment.reference)))


def assign_implementer(actor, commitment: Commitment, user) -> Implementer:
    """:raises NotAllowed, AlreadyImplementer:"""
    if not (actor and actor.is_authenticated and actor.is_admin):
        raise NotAllowed
    made = Implementer(commitment_id=commitment.id, user_id=user.id, assigned_by_id=actor.id,
                       assigned_at=now())
    try:
        with db.session.begin_nested():
            db.session.add(made)
    except IntegrityError as exc:
        raise AlreadyImplementer(field="email") from exc
    record_event(actor, "commitment.implementer_assigned", commitment,
                 after={"user_id": user.id})
    return made


def remove_implementer(actor, implementer: Implementer) -> None:
    """:raises NotAllowed:"""
    if not (actor and actor.is_authenticated and actor.is_admin):
        raise NotAllowed
    commitment = db.session.get(Commitment, implementer.commitment_id)
    record_event(actor, "commitment.implementer_removed", commitment,
                 before={"user_id": implementer.user_id})
    db.session.delete(implementer)
    db.session.flush()


# --- progress updates ---------------------------------------------------------------------

def check_links(links) -> list[tuple[str, str]]:
    found = []
    for url, label in links:
        url, label = (url or "").strip(), (label or "").strip()
        if not url and not label:
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
            raise BadLink(field="evidence")
        if len(label) > 200:
            raise TooLong(field="evidence")
        found.append((url, label))
    return found[:EVIDENCE_MAX]


def check_documents(document_ids) -> list:
    """The repository's documents named as evidence, each once, in the order given.

    :raises InvalidChoice: when one is not in the repository.
    """
    # Imported here: the working group's package imports the plans' models on load.
    from app.working_group import documents as repository

    found = repository.chosen(document_ids)
    if found is None:
        raise InvalidChoice(field="documents")
    return found[:EVIDENCE_MAX]


def _check_update(commitment, milestone, status, narrative, links):
    if milestone is None or milestone.commitment_id != commitment.id:
        raise InvalidChoice(field="milestone_id")
    if status not in SELF_STATUSES:
        raise InvalidChoice(field="status")
    narrative = (narrative or "").strip()
    if not narrative:
        raise Missing(field="narrative")
    if len(narrative) > NARRATIVE_MAX:
        raise TooLong(field="narrative")
    return narrative, check_links(links)


def _publish(actor, commitment, milestone, status, narrative, links, documents,
             revises=None):
    update = ProgressUpdate(
        commitment_id=commitment.id, milestone_id=milestone.id, author_id=actor.id,
        status=status, narrative=narrative, published_at=now(),
        revises_id=revises.id if revises else None,
        thread_id=revises.thread_id if revises else None,
        version=revises.version + 1 if revises else 1)
    try:
        with db.session.begin_nested():
            db.session.add(update)
            db.session.flush()
    except IntegrityError as exc:  # someone corrected the same version first
        raise Conflict from exc
    if update.thread_id is None:
        update.thread_id = update.id
    for url, label in links:
        db.session.add(Evidence(update_id=update.id, url=url, label=label))
    for document in documents:
        db.session.add(Evidence(update_id=update.id, url="", label=document.title[:200],
                                document_id=document.id))
    db.session.flush()
    return update


def post_update(actor, commitment: Commitment, milestone, status: str, narrative: str,
                links=(), documents=()) -> ProgressUpdate:
    """Publish a progress update on one of the commitment's milestones, with evidence as
    links and as ids of documents of the public repository.

    :raises NotImplementer, NotReporting, InvalidChoice, Missing, TooLong, BadLink:
    """
    _require_reporting(actor, commitment)
    narrative, links = _check_update(commitment, milestone, status, narrative, links)
    documents = check_documents(documents)
    update = _publish(actor, commitment, milestone, status, narrative, links, documents)
    record_event(actor, "progress_update.published", update, after=_update_snapshot(update))
    follows.announce("update", update.id)
    return update


def revise_update(actor, previous: ProgressUpdate, status: str, narrative: str,
                  links=(), documents=()) -> ProgressUpdate:
    """Publish a corrected version of the latest version of an update; the old one stays.

    :raises NotImplementer, NotReporting, Conflict, InvalidChoice, Missing, TooLong, BadLink:
    """
    commitment = previous.commitment
    _require_reporting(actor, commitment)
    if latest_version(previous.thread_id).id != previous.id:
        raise Conflict
    narrative, links = _check_update(commitment, previous.milestone, status, narrative, links)
    documents = check_documents(documents)
    update = _publish(actor, commitment, previous.milestone, status, narrative, links,
                      documents, revises=previous)
    record_event(actor, "progress_update.revised", update,
                 before=_update_snapshot(previous), after=_update_snapshot(update))
    follows.announce("update", update.id)
    return update


def _update_snapshot(update: ProgressUpdate) -> dict:
    return {"milestone_id": update.milestone_id, "status": update.status,
            "narrative": update.narrative, "version": update.version,
            "evidence": [e.url or f"document:{e.document_id}" for e in db.session.scalars(
                select(Evidence).where(Evidence.update_id == update.id))]}


def latest_version(thread_id: int) -> ProgressUpdate:
    return db.session.scalar(select(ProgressUpdate).where(ProgressUpdate.thread_id == thread_id)
                             .order_by(ProgressUpdate.version.desc()).limit(1))


def versions(thread_id: int) -> list[ProgressUpdate]:
    return list(db.session.scalars(select(ProgressUpdate)
                                   .where(ProgressUpdate.thread_id == thread_id)
                                   .order_by(ProgressUpdate.version)))


def current_updates(commitment_ids) -> list[ProgressUpdate]:
    """The latest version of every update of these commitments, newest first."""
    ids = list(commitment_ids)
    if not ids:
        return []
    every = db.session.scalars(select(ProgressUpdate)
                               .where(ProgressUpdate.commitment_id.in_(ids))
                               .order_by(ProgressUpdate.version))
    latest = {}
    for update in every:
        latest[update.thread_id] = update
    return sorted(latest.values(), key=lambda u: (u.published_at, u.id), reverse=True)


def milestone_statuses(updates) -> dict:
    """Milestone id -> status of its most recently published current update."""
    found = {}
    for update in sorted(updates, key=lambda u: (u.published_at, u.id)):
        found[update.milestone_id] = update.status
    return found


def get_update_or_404(commitment: Commitment, update_id: int) -> ProgressUpdate:
    from flask import abort

    found = db.session.get(ProgressUpdate, update_id)
    if found is None or found.commitment_id != commitment.id:
        abort(404)
    return found


# --- the IRM's scales ---------------------------------------------------------------------

def record_coding(actor, commitment: Commitment, by: str, completion: str, potential: str,
                  verifiable: bool, source_title: str = "", source_url: str = "") -> IrmCoding:
    """Code the commitment on the IRM's scales: `government` (an implementer's
    self-assessment) or `irm` (an administrator copying an IRM report, with its source).

    :raises NotImplementer, NotAllowed, NotReporting, InvalidChoice, Missing, BadLink:
    """
    if by not in CODERS:
        raise InvalidChoice(field="by")
    if by == "irm":
        if not can_record_irm(actor):
            raise NotAllowed
    else:
        _require_reporting(actor, commitment)
    if completion not in COMPLETION:
        raise InvalidChoice(field="completion")
    if potential not in POTENTIAL:
        raise InvalidChoice(field="potential")
    source_title, source_url = (source_title or "").strip(), (source_url or "").strip()
    if by == "irm" and not source_url:
        raise Missing(field="source_url")
    if source_url:
        try:
            check_links([(source_url, "")])
        except BadLink as exc:
            raise BadLink(field="source_url") from exc
    if len(source_title) > 300:
        raise TooLong(field="source_title")
    coding = IrmCoding(commitment_id=commitment.id, by=by, completion=completion,
                       potential=potential, verifiable=bool(verifiable),
                       source_title=source_title, source_url=source_url,
                       recorded_by_id=actor.id, recorded_at=now())
    db.session.add(coding)
    db.session.flush()
    record_event(actor, f"irm_coding.{by}", coding,
                 after={"commitment_id": commitment.id, "completion": completion,
                        "potential": potential, "verifiable": bool(verifiable),
                        "source_url": source_url})
    return coding


def latest_codings(commitment: Commitment) -> dict:
    """`government` and `irm` -> the latest coding of each (absent when none yet)."""
    found = {}
    for coding in db.session.scalars(select(IrmCoding)
                                     .where(IrmCoding.commitment_id == commitment.id)
                                     .order_by(IrmCoding.id)):
        found[coding.by] = coding
    return found

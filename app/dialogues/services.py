"""Dialogue sessions: who convenes and facilitates them, and the proposals entered there."""

from urllib.parse import urlsplit

from flask import abort, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record_event
from app.calls.models import Call
from app.core.clock import now
from app.core.errors import DomainError, NotAllowed
from app.dialogues.models import ATTENDANCE_SECTORS, KINDS, DialogueFacilitator, DialogueSession
from app.extensions import db
from app.proposals import services as proposals
from app.proposals.models import Proposal

SESSION_FIELDS = ("title", "kind", "region", "city", "held_at", "convened_by", "agenda",
                  "minutes")
TEXT_LIMITS = {"title": 200, "city": 120, "convened_by": 200, "region": 80}


class InvalidSession(DomainError):
    pass


class AlreadyFacilitator(DomainError):
    status = 409
    message = _l("This account already facilitates this session.")


class NotFacilitator(NotAllowed):
    message = _l("Only the session's facilitators can enter proposals on its behalf.")


def sessions_of(call: Call, region: str | None = None) -> list[DialogueSession]:
    query = select(DialogueSession).where(DialogueSession.call_id == call.id)
    if region:
        query = query.where(DialogueSession.region == region)
    return list(db.session.scalars(query.order_by(DialogueSession.held_at,
                                                  DialogueSession.id)))


def regions_of(call: Call) -> list[str]:
    return list(db.session.scalars(select(DialogueSession.region).distinct()
                                   .where(DialogueSession.call_id == call.id)
                                   .order_by(DialogueSession.region)))


def session_or_404(call: Call, session_id: int) -> DialogueSession:
    found = db.session.get(DialogueSession, session_id)
    if found is None or found.call_id != call.id:
        abort(404)
    return found


def proposals_entered_at(session: DialogueSession) -> list[Proposal]:
    return list(db.session.scalars(
        select(Proposal).where(Proposal.dialogue_session_id == session.id,
                               Proposal.status.in_(("published", "under_review", "shortlisted",
                                                    "included", "not_selected")))
        .order_by(Proposal.reference)))


def _check_admin(user) -> None:
    if not (user and user.is_authenticated and user.is_admin):
        raise NotAllowed


def _clean(data: dict, regions) -> dict:
    cleaned = {field: data.get(field) for field in SESSION_FIELDS}
    for field in ("title", "city", "convened_by", "region"):
        cleaned[field] = " ".join((cleaned[field] or "").split())
        if not cleaned[field]:
            raise InvalidSession(_l("Fill this in."), field=field)
        if len(cleaned[field]) > TEXT_LIMITS[field]:
            raise InvalidSession(_l("At most %(n)d characters.", n=TEXT_LIMITS[field]),
                                 field=field)
    if cleaned["region"] not in regions:
        raise InvalidSession(_l("Choose one of the listed options."), field="region")
    if cleaned["kind"] not in KINDS:
        raise InvalidSession(_l("Choose one of the listed options."), field="kind")
    if cleaned["held_at"] is None:
        raise InvalidSession(_l("Give the date and time it was held."), field="held_at")
    cleaned["agenda"] = (cleaned["agenda"] or "").strip()
    cleaned["minutes"] = (cleaned["minutes"] or "").strip()
    attendance = {}
    for sector in ATTENDANCE_SECTORS:
        count = (data.get("attendance") or {}).get(sector) or 0
        if not isinstance(count, int) or count < 0:
            raise InvalidSession(_l("Count attendance with whole numbers."),
                                 field=f"attendance_{sector}")
        attendance[sector] = count
    cleaned["attendance"] = attendance
    cleaned["documents"] = (parse_documents(data.get("documents") or "")
                            + repository_documents(data.get("repository_documents") or ()))
    return cleaned


def repository_documents(document_ids) -> list[dict]:
    """Documents of the public repository named by id, each once, kept with their id so the
    session's page links to the repository's page.

    :raises InvalidSession: for an id the repository does not hold.
    """
    from app.working_group import documents as repository

    found = repository.chosen(document_ids)
    if found is None:
        raise InvalidSession(_l("Pick documents from the repository's list."),
                             field="repository_documents")
    return [{"title": d.title[:200], "document_id": d.id} for d in found]


def parse_documents(text: str) -> list[dict]:
    """Document links, one a line as `Title | https://…`.

    :raises InvalidSession: for a line that is not a web address.
    """
    documents = []
    for line in text.splitlines():
        if not line.strip():
            continue
        title, _sep, url = line.rpartition("|")
        url = url.strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
            raise InvalidSession(_l("Write each document as “Title | https://…”, one a line."),
                                 field="documents")
        documents.append({"title": " ".join(title.split())[:200] or url, "url": url})
    return documents


def documents_text(session: DialogueSession) -> str:
    """The session's links as typed; its repository documents are picked from a list."""
    return "\n".join(f"{d['title']} | {d['url']}" for d in session.documents or []
                     if not d.get("document_id"))


def published_documents(session: DialogueSession) -> list[dict]:
    """Title, address and repository id (None for a plain link) of each document."""
    return [{"title": d["title"],
             "url": url_for("working_group.document", document_id=d["document_id"],
                            _external=True) if d.get("document_id") else d["url"],
             "document_id": d.get("document_id")} for d in session.documents or []]


def create_session(user, call: Call, data: dict, regions) -> DialogueSession:
    """Record a dialogue session of the call (audited).

    :raises NotAllowed, InvalidSession:
    """
    _check_admin(user)
    cleaned = _clean(data, regions)
    at = now()
    session = DialogueSession(call_id=call.id, created_at=at, updated_at=at, **cleaned)
    db.session.add(session)
    db.session.flush()
    record_event(user, "dialogue.created", session, after={"title": session.title})
    return session


def update_session(user, session: DialogueSession, data: dict, regions) -> DialogueSession:
    """Change a session's details, minutes and documents (audited).

    :raises NotAllowed, InvalidSession:
    """
    _check_admin(user)
    cleaned = _clean(data, regions)
    before = {f: _plain(getattr(session, f)) for f in cleaned}
    for field, value in cleaned.items():
        setattr(session, field, value)
    session.updated_at = now()
    db.session.flush()
    after = {f: _plain(v) for f, v in cleaned.items()}
    changed = [f for f in after if after[f] != before[f]]
    record_event(user, "dialogue.edited", session, before={f: before[f] for f in changed},
                 after={f: after[f] for f in changed})
    return session


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def add_facilitator(user, session: DialogueSession, facilitator) -> DialogueFacilitator:
    """Let an account enter proposals on the session's behalf.

    :raises NotAllowed, AlreadyFacilitator:
    """
    _check_admin(user)
    if db.session.scalar(select(DialogueFacilitator.id).where(
            DialogueFacilitator.session_id == session.id,
            DialogueFacilitator.user_id == facilitator.id)):
        raise AlreadyFacilitator(field="email")
    made = DialogueFacilitator(session_id=session.id, user_id=facilitator.id, created_at=now())
    db.session.add(made)
    db.session.flush()
    record_event(user, "dialogue.facilitator_added", session,
                 after={"user_id": facilitator.id})
    return made


def remove_facilitator(user, session: DialogueSession, facilitator_id: int) -> None:
    """:raises NotAllowed:"""
    _check_admin(user)
    found = db.session.get(DialogueFacilitator, facilitator_id)
    if found is None or found.session_id != session.id:
        abort(404)
    record_event(user, "dialogue.facilitator_removed", session,
                 before={"user_id": found.user_id})
    db.session.delete(found)
    db.session.flush()


def is_facilitator(user, session: DialogueSession) -> bool:
    if not (user and user.is_authenticated):
        return False
    return any(f.user_id == user.id for f in session.facilitators)


def entry_refusal(user, session: DialogueSession, at=None) -> DomainError | None:
    """Why `user` may not enter a proposal for `session` now, or None."""
    if not is_facilitator(user, session):
        return NotFacilitator()
    if session.call.phase(at or now()) not in proposals.OFFLINE_ENTRY_PHASES:
        return proposals.EntryClosed()
    return None


def can_enter(user, session: DialogueSession, at=None) -> bool:
    return entry_refusal(user, session, at) is None


def enter_proposal(user, session: DialogueSession, data: dict, regions,
                   credited_author: str) -> Proposal:
    """Publish a proposal made at the session, credited to whoever made it.

    :raises NotFacilitator, EntryClosed, CreditRequired, TitleRequired, InvalidChoice,
        IncompleteProposal:
    """
    refusal = entry_refusal(user, session)
    if refusal is not None:
        raise refusal
    return proposals.enter_offline_proposal(user, session.call, data, regions, credited_author,
                                            origin="dialogue", dialogue_session_id=session.id)

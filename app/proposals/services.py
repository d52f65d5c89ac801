"""Proposal rules: who may submit, when text may change, references, withdrawal."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.accounts.models import User
from app.audit.services import record_event
from app.calls.models import Call, Phase
from app.core.clock import now
from app.core.errors import Conflict, DomainError, NotAllowed, flush_or_conflict
from app.extensions import db
from app.proposals import search
from app.proposals.models import EDITABLE_FIELDS, NATIONAL, OGP_VALUES, TEXT_FIELDS, Proposal
from app.proposals.references import next_reference


class NotVerified(DomainError):
    status = 403
    message = _l("Confirm your email address before you submit a proposal.")


class GovernmentCannotSubmit(DomainError):
    status = 403
    message = _l("This open call is for non-governmental actors: government accounts can "
                 "vote and comment, but not submit proposals.")


class SubmissionClosed(DomainError):
    status = 409
    message = _l("The submission window of this call is not open.")


class ProposalLimitReached(DomainError):
    status = 409
    message = _l("You have reached this call's limit of proposals per author.")


class NotAuthor(NotAllowed):
    message = _l("Only the author can change this proposal.")


class WrongStatus(DomainError):
    status = 409
    message = _l("This proposal cannot be changed in its current state.")


class ReasonRequired(DomainError):
    message = _l("Say briefly why you withdraw the proposal; the reason is shown publicly.")


class InvalidChoice(DomainError):
    message = _l("Choose one of the listed options.")


class TitleRequired(DomainError):
    message = _l("Give your proposal a title, even a provisional one: a draft needs it.")


MISSING_CHOICE = {
    "ogp_values": _l("Tick at least one value to preview or publish."),
    "theme": _l("Choose a theme to preview or publish."),
    "region": _l("Choose where it applies to preview or publish."),
}
MISSING_TEXT = _l("Fill this in to preview or publish.")


class IncompleteProposal(DomainError):
    """A preview or a public proposal needs every field of the commitment template."""

    message = _l("Fill in every field of the template before you preview or publish.")

    def __init__(self, missing: list[str]):
        super().__init__()
        self.missing = missing

    @property
    def field_errors(self) -> dict:
        return {field: MISSING_CHOICE.get(field, MISSING_TEXT) for field in self.missing}


# What the OGP commitment template asks for: a draft may lack any of it but its title,
# a preview or a published proposal none of it.
TEMPLATE_FIELDS = tuple(field for field in EDITABLE_FIELDS if field != "organisation")


def submission_refusal(user, call: Call, at=None) -> DomainError | None:
    """Return why `user` may not submit to `call` now, or None if they may."""
    if not (user and user.is_authenticated):
        return NotAllowed(_l("Log in to submit a proposal."))
    if user.is_government:
        return GovernmentCannotSubmit()
    if not user.is_verified:
        return NotVerified()
    if call.phase(at or now()) != Phase.SUBMISSION:
        return SubmissionClosed()
    return None


def can_submit(user, call: Call, at=None) -> bool:
    return submission_refusal(user, call, at) is None


def change_refusal(user, proposal: Proposal, at=None) -> DomainError | None:
    """Return why `user` may not edit or withdraw `proposal` now, or None if they may."""
    if not (user and user.is_authenticated) or user.id != proposal.author_id:
        return NotAuthor()
    if proposal.status not in ("draft", "published"):
        return WrongStatus()
    if proposal.call.phase(at or now()) != Phase.SUBMISSION:
        return SubmissionClosed(_l("The submission window has closed: the text is frozen so "
                                   "voters vote on what they read."))
    return None


def can_change(user, proposal: Proposal, at=None) -> bool:
    return change_refusal(user, proposal, at) is None


def _check_can_submit(user, call: Call) -> None:
    refusal = submission_refusal(user, call)
    if refusal is not None:
        raise refusal


def _check_can_change(user, proposal: Proposal) -> None:
    refusal = change_refusal(user, proposal)
    if refusal is not None:
        raise refusal


def completeness_refusal(values: dict) -> IncompleteProposal | None:
    """Return which template fields `values` (a proposal's, or a form's) leave empty, or
    None when there are none."""
    missing = [field for field in TEMPLATE_FIELDS if not _given(values.get(field))]
    return IncompleteProposal(missing) if missing else None


def _given(value) -> bool:
    return bool(value.strip() if isinstance(value, str) else value)


def _check_complete(values: dict) -> None:
    refusal = completeness_refusal(values)
    if refusal is not None:
        raise refusal


def _clean(call: Call, data: dict, regions) -> dict:
    """The fields as stored: a field left empty is stored empty (a draft may lack any of
    them but its title); a choice that is made must be one of the listed ones."""
    data = {field: data.get(field) for field in EDITABLE_FIELDS}
    for field in ("title", "summary", "responsible_body", "organisation"):
        data[field] = " ".join((data[field] or "").split())
    for field in (*TEXT_FIELDS, "theme", "region"):
        data[field] = data[field] or ""
    if not data["title"]:
        raise TitleRequired(field="title")
    data["organisation"] = data["organisation"] or None
    values = [v for v in (data["ogp_values"] or []) if v]
    if any(v not in OGP_VALUES for v in values):
        raise InvalidChoice(field="ogp_values")
    data["ogp_values"] = [v for v in OGP_VALUES if v in values]  # canonical order
    if data["theme"] and data["theme"] not in call.themes:
        raise InvalidChoice(field="theme")
    if data["region"] and data["region"] != NATIONAL and data["region"] not in regions:
        raise InvalidChoice(field="region")
    return data


def _active_count(user: User, call: Call) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Proposal)
        .where(Proposal.call_id == call.id, Proposal.author_id == user.id,
               Proposal.status.in_(("draft", "published"))))


def create_draft(user: User, call: Call, data: dict, regions) -> Proposal:
    """Save a new proposal as a private draft: only its title is needed.

    :raises NotAllowed, GovernmentCannotSubmit, NotVerified, SubmissionClosed,
        ProposalLimitReached, TitleRequired, InvalidChoice:
    """
    _check_can_submit(user, call)
    cleaned = _clean(call, data, regions)
    # Serialise this author's submissions (PostgreSQL; SQLite writers are serial anyway)
    # so two tabs cannot both pass the limit check.
    db.session.execute(select(User.id).where(User.id == user.id).with_for_update())
    if _active_count(user, call) >= call.max_proposals_per_author:
        raise ProposalLimitReached
    at = now()
    proposal = Proposal(call=call, author=user, status="draft", created_at=at, updated_at=at,
                        vote_count=0, **cleaned)
    db.session.add(proposal)
    db.session.flush()
    record_event(user, "proposal.drafted", proposal)
    return proposal


def values_of(proposal: Proposal) -> dict:
    """What the author typed, field by field."""
    return {field: getattr(proposal, field) for field in EDITABLE_FIELDS}


def update_proposal(user: User, proposal: Proposal, data: dict, regions,
                    expected_version: int) -> Proposal:
    """Change a draft, or a published proposal while submissions are open (audited); a
    published proposal keeps every field of the template.

    :raises NotAuthor, WrongStatus, SubmissionClosed, TitleRequired, InvalidChoice,
        IncompleteProposal, Conflict:
    """
    _check_can_change(user, proposal)
    if expected_version != proposal.version:
        raise Conflict
    cleaned = _clean(proposal.call, data, regions)
    if proposal.status == "published":
        _check_complete(cleaned)
    before = values_of(proposal)
    if cleaned == before:
        return proposal
    for field, value in cleaned.items():
        setattr(proposal, field, value)
    proposal.updated_at = now()
    if proposal.status == "published":
        proposal.edited_at = proposal.updated_at
    flush_or_conflict()
    if proposal.status == "published":
        search.index_proposal(proposal)
        changed = [f for f in EDITABLE_FIELDS if before[f] != cleaned[f]]
        record_event(user, "proposal.edited", proposal,
                     before={f: before[f] for f in changed},
                     after={f: cleaned[f] for f in changed})
    return proposal


def publish_proposal(user: User, proposal: Proposal) -> Proposal:
    """Publish a draft that fills in the whole template: it gets its public reference
    and page.

    :raises NotAuthor, WrongStatus, SubmissionClosed, GovernmentCannotSubmit, NotVerified,
        IncompleteProposal:
    """
    _check_can_change(user, proposal)
    _check_can_submit(user, proposal.call)
    if proposal.status != "draft":
        raise WrongStatus
    _check_complete(values_of(proposal))
    proposal.reference = next_reference(proposal.call)
    proposal.status = "published"
    proposal.published_at = proposal.updated_at = now()
    flush_or_conflict()
    search.index_proposal(proposal)
    record_event(user, "proposal.published", proposal, before={"status": "draft"},
                 after={"status": "published", "reference": proposal.reference})
    return proposal


def withdraw_proposal(user: User, proposal: Proposal, reason: str) -> Proposal:
    """Withdraw a published proposal; it stays readable, marked withdrawn, with the reason.

    :raises NotAuthor, WrongStatus, SubmissionClosed, ReasonRequired:
    """
    _check_can_change(user, proposal)
    if proposal.status != "published":
        raise WrongStatus
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ReasonRequired(field="reason")
    proposal.status = "withdrawn"
    proposal.withdrawn_at = proposal.updated_at = now()
    proposal.withdrawal_reason = reason
    flush_or_conflict()
    record_event(user, "proposal.withdrawn", proposal, before={"status": "published"},
                 after={"status": "withdrawn", "reason": reason})
    return proposal


def delete_draft(user: User, proposal: Proposal) -> None:
    """Discard a draft that was never published.

    :raises NotAuthor, WrongStatus:
    """
    if not (user and user.is_authenticated) or user.id != proposal.author_id:
        raise NotAuthor
    if proposal.status != "draft":
        raise WrongStatus
    record_event(user, "proposal.draft_deleted", proposal)
    db.session.delete(proposal)


# --- input gathered offline -------------------------------------------------------------

OFFLINE_ORIGINS = ("dialogue", "paper")
# Input gathered before the window closed may be typed in until the vote opens.
OFFLINE_ENTRY_PHASES = (Phase.SUBMISSION, Phase.PRE_VOTING)


class CreditRequired(DomainError):
    message = _l("Say who proposed it, named as they agreed to be credited (a person or an "
                 "organisation).")


class EntryClosed(DomainError):
    status = 409
    message = _l("Proposals gathered offline can be entered while submissions are open and "
                 "until the vote opens.")


def offline_values(call: Call, data: dict, regions, credited_author: str) -> tuple[dict, str]:
    """The fields and the credit of an offline proposal as they would be stored.

    :raises CreditRequired, TitleRequired, InvalidChoice, IncompleteProposal:
    """
    credit = " ".join((credited_author or "").split())
    if not credit:
        raise CreditRequired(field="credited_author")
    if len(credit) > 200:
        raise CreditRequired(_l("At most 200 characters."), field="credited_author")
    cleaned = _clean(call, data, regions)
    _check_complete(cleaned)
    return cleaned, credit


def enter_offline_proposal(entered_by: User, call: Call, data: dict, regions,
                           credited_author: str, origin: str, origin_note: str | None = None,
                           dialogue_session_id: int | None = None) -> Proposal:
    """Publish a proposal gathered offline, credited to whoever proposed it; the account
    that typed it in is kept as the one that entered it. The caller checks that
    `entered_by` may enter it (a session's facilitator, an administrator).

    :raises EntryClosed, CreditRequired, TitleRequired, InvalidChoice, IncompleteProposal:
    """
    if origin not in OFFLINE_ORIGINS:
        raise ValueError(origin)
    if call.phase(now()) not in OFFLINE_ENTRY_PHASES:
        raise EntryClosed
    cleaned, credit = offline_values(call, data, regions, credited_author)
    at = now()
    proposal = Proposal(call=call, author=entered_by, status="published", created_at=at,
                        updated_at=at, published_at=at, vote_count=0, credited_author=credit,
                        origin=origin, origin_note=(origin_note or None) and origin_note[:300],
                        dialogue_session_id=dialogue_session_id, **cleaned)
    proposal.reference = next_reference(call)
    db.session.add(proposal)
    flush_or_conflict()
    search.index_proposal(proposal)
    record_event(entered_by, "proposal.entered_offline", proposal,
                 after={"reference": proposal.reference, "credited_author": credit,
                        "origin": origin, "origin_note": proposal.origin_note,
                        "dialogue_session_id": dialogue_session_id})
    return proposal

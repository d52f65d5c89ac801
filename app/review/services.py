"""Working Group rules: membership, conflicts, assessments, decisions, publication."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import distinct, func, not_, or_, select
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.accounts.notifications import notify, wanted_by
from app.audit.services import record_event
from app.core.jobs import enqueue_after_commit
from app.calls.models import Call, Phase
from app.core.clock import now
from app.core.confirmation import Consequence, require_confirmation
from app.core.errors import Conflict, DomainError, NotAllowed, flush_or_conflict
from app.extensions import db
from app.proposals.models import Proposal
from app.review.models import (
    CONSTITUENCIES,
    CRITERIA,
    MIN_RESPONSE_LENGTH,
    OUTCOMES,
    VOTING_CONSTITUENCIES,
    Assessment,
    ConflictOfInterest,
    Decision,
    InternalNote,
    WorkingGroupMember,
)
from app.voting.ranking import RANKED_STATUSES
from app.working_group.meeting_models import Meeting

PUBLIC_STATUS = {"included": "included", "partially_included": "included", "merged": "merged",
                 "not_included": "not_selected", "out_of_scope": "not_selected"}


class NotMember(NotAllowed):
    message = _l("Only members of this call's Working Group can do this.")


class ObserversTakeNoPosition(NotAllowed):
    message = _l("Observers see everything and can comment, but do not assess or decide.")


class ReviewNotOpen(DomainError):
    status = 409
    message = _l("The Working Group review starts when voting closes.")


class AlreadyMember(DomainError):
    status = 409
    message = _l("This person is already a member of the Working Group for this call.")


class InvalidChoice(DomainError):
    message = _l("Choose one of the listed options.")


class ResponseTooShort(DomainError):
    message = _l("Write a reasoned response of at least %(n)d characters: every proposal "
                 "gets a public answer saying why.", n=MIN_RESPONSE_LENGTH)


class InvalidMerge(DomainError):
    message = _l("Choose another proposal of this call to merge into.")


class RuleNotMet(DomainError):
    pass


class Undecided(DomainError):
    status = 409
    message = _l("Every proposal needs a decision and a reasoned response before the results "
                 "are published.")


class AlreadyPublished(DomainError):
    status = 409
    message = _l("The results of this call are already published.")


class ConflictDeclared(DomainError):
    status = 409
    message = _l("You declared a conflict of interest on this proposal.")


# --- who is who ---------------------------------------------------------------------------

def member_of(call: Call, user) -> WorkingGroupMember | None:
    if not (user and user.is_authenticated):
        return None
    return db.session.scalar(select(WorkingGroupMember).where(
        WorkingGroupMember.call_id == call.id, WorkingGroupMember.user_id == user.id))


def members(call: Call) -> list[WorkingGroupMember]:
    order = list(CONSTITUENCIES)
    found = db.session.scalars(select(WorkingGroupMember)
                               .where(WorkingGroupMember.call_id == call.id)).all()
    return sorted(found, key=lambda m: (order.index(m.constituency), m.user.name))


def can_view(user, call: Call) -> bool:
    """Members (observers included) and administrators see the review."""
    return bool(user and user.is_authenticated and (user.is_admin or member_of(call, user)))


def calls_in_review_for(user, at=None) -> list[Call]:
    """The calls in review whose Working Group `user` sits on: their account menu links to
    each queue. One query, on every page such a person sees."""
    if not (user and user.is_authenticated):
        return []
    at = at or now()
    return list(db.session.scalars(
        select(Call).join(WorkingGroupMember, WorkingGroupMember.call_id == Call.id)
        .where(WorkingGroupMember.user_id == user.id, Call.voting_closes_at <= at,
               or_(Call.results_published_at.is_(None), Call.results_published_at > at))
        .order_by(Call.voting_closes_at.desc())))


def review_open(call: Call, at=None) -> bool:
    return call.phase(at or now()) in (Phase.REVIEW, Phase.RESULTS)


def results_published(call: Call, at=None) -> bool:
    return call.phase(at or now()) == Phase.RESULTS


def _voting_member(user, call: Call) -> WorkingGroupMember:
    member = member_of(call, user)
    if member is None:
        raise NotMember
    if not member.votes:
        raise ObserversTakeNoPosition
    if not review_open(call):
        raise ReviewNotOpen
    return member


class WindowClosed(DomainError):
    """An action of the Working Group outside the phases it belongs to."""

    status = 409


class AssessmentsClosed(WindowClosed):
    message = _l("Assessments are made while the Working Group reviews, before the results "
                 "are published.")


class NotesClosed(WindowClosed):
    message = _l("Internal notes are written while the Working Group reviews, before the "
                 "results are published.")


class ConflictsClosed(WindowClosed):
    message = _l("Conflicts of interest are declared once submissions have closed, until the "
                 "results are published.")


# When each of the members' own actions is open. Decisions stay open after publication:
# a revision is shown publicly as one.
ASSESSMENT_PHASES = frozenset({Phase.REVIEW})
NOTE_PHASES = frozenset({Phase.REVIEW})
# From the moment the proposals are final, so a member can step aside before the review.
CONFLICT_PHASES = frozenset({Phase.PRE_VOTING, Phase.VOTING, Phase.REVIEW})


def can_assess(user, call: Call) -> bool:
    """Whether `user` may assess now: a voting member, while the review runs."""
    return can_act(user, call) and call.phase(now()) in ASSESSMENT_PHASES


def can_add_note(user, call: Call) -> bool:
    return member_of(call, user) is not None and call.phase(now()) in NOTE_PHASES


def can_declare_conflict(user, call: Call) -> bool:
    return member_of(call, user) is not None and call.phase(now()) in CONFLICT_PHASES


def can_act(user, call: Call) -> bool:
    """Whether `user` may assess and decide now (a voting member, once voting has closed)."""
    try:
        _voting_member(user, call)
    except DomainError:
        return False
    return True


def _require_admin(actor) -> None:
    if not (actor and actor.is_authenticated and actor.is_admin):
        raise NotAllowed


# --- membership ---------------------------------------------------------------------------

def add_member(actor, call: Call, user: User, constituency: str) -> WorkingGroupMember:
    """:raises NotAllowed, InvalidChoice, AlreadyMember:"""
    _require_admin(actor)
    if constituency not in CONSTITUENCIES:
        raise InvalidChoice(field="constituency")
    member = WorkingGroupMember(call_id=call.id, user_id=user.id, constituency=constituency,
                                created_at=now())
    try:
        with db.session.begin_nested():
            db.session.add(member)
    except IntegrityError as exc:
        raise AlreadyMember(field="email") from exc
    record_event(actor, "working_group.member_added", call,
                 after={"user_id": user.id, "constituency": constituency})
    return member


def remove_member(actor, member: WorkingGroupMember) -> None:
    """:raises NotAllowed:"""
    _require_admin(actor)
    record_event(actor, "working_group.member_removed", member,
                 before={"user_id": member.user_id, "constituency": member.constituency})
    db.session.execute(db.delete(ConflictOfInterest)
                       .where(ConflictOfInterest.member_id == member.id))
    db.session.delete(member)


# --- conflicts, assessments, notes ----------------------------------------------------------

def _review_proposal(call: Call, proposal: Proposal) -> None:
    if proposal.call_id != call.id or proposal.status not in RANKED_STATUSES:
        raise InvalidChoice(_l("This proposal is not under review in this call."))


def conflicted_member_ids(proposal: Proposal) -> set[int]:
    return set(db.session.scalars(select(ConflictOfInterest.member_id)
                                  .where(ConflictOfInterest.proposal_id == proposal.id)))


def conflicts(proposal: Proposal) -> list[ConflictOfInterest]:
    return list(db.session.scalars(select(ConflictOfInterest)
                                   .where(ConflictOfInterest.proposal_id == proposal.id)
                                   .order_by(ConflictOfInterest.declared_at)))


def declare_conflict(user, call: Call, proposal: Proposal, reason: str) -> ConflictOfInterest:
    """Publicly declare a conflict of interest (any member, observers included).

    :raises NotMember, ConflictsClosed, InvalidChoice:
    """
    member = member_of(call, user)
    if member is None:
        raise NotMember
    if call.phase(now()) not in CONFLICT_PHASES:
        raise ConflictsClosed
    _review_proposal(call, proposal)
    reason = " ".join((reason or "").split())
    if len(reason) < 5:
        raise InvalidChoice(_l("Say briefly what the conflict is; it is published."),
                            field="reason")
    declaration = db.session.scalar(select(ConflictOfInterest).where(
        ConflictOfInterest.member_id == member.id, ConflictOfInterest.proposal_id == proposal.id))
    if declaration is None:
        declaration = ConflictOfInterest(member_id=member.id, proposal_id=proposal.id,
                                         reason=reason, declared_at=now())
        db.session.add(declaration)
    else:
        declaration.reason = reason
    db.session.flush()
    record_event(user, "review.conflict_declared", proposal, after={"reason": reason})
    return declaration


def save_assessment(user, call: Call, proposal: Proposal, scores: dict,
                    comment: str) -> Assessment:
    """Record or update the member's rubric scores (0–3 on each criterion).

    :raises NotMember, ObserversTakeNoPosition, ReviewNotOpen, AssessmentsClosed,
        InvalidChoice, ConflictDeclared:
    """
    member = _voting_member(user, call)
    if call.phase(now()) not in ASSESSMENT_PHASES:
        raise AssessmentsClosed
    _review_proposal(call, proposal)
    if member.id in conflicted_member_ids(proposal):
        raise ConflictDeclared
    for criterion in CRITERIA:
        if scores.get(criterion) not in (0, 1, 2, 3):
            raise InvalidChoice(_l("Score every criterion from 0 to 3."), field=criterion)
    assessment = db.session.scalar(select(Assessment).where(
        Assessment.member_id == member.id, Assessment.proposal_id == proposal.id))
    before = assessment.scores() if assessment else None
    if assessment is None:
        assessment = Assessment(member_id=member.id, proposal_id=proposal.id, created_at=now())
        db.session.add(assessment)
    for criterion in CRITERIA:
        setattr(assessment, criterion, scores[criterion])
    assessment.comment = (comment or "").strip()
    assessment.updated_at = now()
    db.session.flush()
    record_event(user, "review.assessed", proposal, before=before, after=assessment.scores())
    return assessment


def add_note(user, call: Call, proposal: Proposal, body: str) -> InternalNote:
    """:raises NotMember, NotesClosed, InvalidChoice:"""
    member = member_of(call, user)
    if member is None:
        raise NotMember
    if call.phase(now()) not in NOTE_PHASES:
        raise NotesClosed
    _review_proposal(call, proposal)
    body = (body or "").strip()
    if not body:
        raise InvalidChoice(_l("Write the note first."), field="body")
    note = InternalNote(member_id=member.id, proposal_id=proposal.id, body=body,
                        created_at=now())
    db.session.add(note)
    db.session.flush()
    record_event(user, "review.note_added", proposal)
    return note


def notes(proposal: Proposal) -> list[InternalNote]:
    return list(db.session.scalars(select(InternalNote)
                                   .where(InternalNote.proposal_id == proposal.id)
                                   .order_by(InternalNote.created_at, InternalNote.id)))


def assessments(proposal: Proposal) -> list[Assessment]:
    return list(db.session.scalars(select(Assessment)
                                   .where(Assessment.proposal_id == proposal.id)
                                   .order_by(Assessment.id)))


# --- decisions ----------------------------------------------------------------------------

def recused_constituencies(call: Call, proposal: Proposal) -> set[str]:
    """Constituencies whose every member declared a conflict on this proposal."""
    conflicted = conflicted_member_ids(proposal)
    by_constituency: dict[str, list[int]] = {}
    for member in members(call):
        by_constituency.setdefault(member.constituency, []).append(member.id)
    return {c for c, ids in by_constituency.items()
            if c in VOTING_CONSTITUENCIES and ids and set(ids) <= conflicted}


def rule_met(rule: str, positions: dict[str, str]) -> bool:
    """Consensus: every counted constituency agrees. Majority: more than half agree."""
    counted = [p for p in positions.values() if p != "recused"]
    agree = counted.count("agree")
    if not counted:
        return False
    if rule == "consensus":
        return agree == len(counted)
    return agree * 2 > len(counted)


def decisions_by_proposal(call: Call, proposal_ids=None) -> dict[int, Decision]:
    """Decisions of the call by proposal id; only those of `proposal_ids` when given (a page)."""
    stmt = (select(Decision).join(Proposal, Decision.proposal_id == Proposal.id)
            .where(Proposal.call_id == call.id))
    if proposal_ids is not None:
        stmt = stmt.where(Decision.proposal_id.in_(list(proposal_ids)))
    return {d.proposal_id: d for d in db.session.scalars(stmt)}


def decision_for(proposal: Proposal) -> Decision | None:
    return db.session.scalar(select(Decision).where(Decision.proposal_id == proposal.id))


def record_decision(user, call: Call, proposal: Proposal, *, outcome: str, response: str,
                    positions: dict[str, str], merged_into: Proposal | None = None,
                    expected_version: int | None = None,
                    meeting_id: int | None = None) -> Decision:
    """Record (or revise) the Working Group's decision on a proposal.

    :raises NotMember, ObserversTakeNoPosition, ReviewNotOpen, InvalidChoice,
        ResponseTooShort, InvalidMerge, RuleNotMet, Conflict:
    """
    _voting_member(user, call)
    _review_proposal(call, proposal)
    if outcome not in OUTCOMES:
        raise InvalidChoice(field="outcome")
    response = (response or "").strip()
    if len(response) < MIN_RESPONSE_LENGTH:
        raise ResponseTooShort(field="response")
    if outcome == "merged":
        if merged_into is None or merged_into.id == proposal.id \
                or merged_into.call_id != call.id or merged_into.status not in RANKED_STATUSES:
            raise InvalidMerge(field="merged_into")
    else:
        merged_into = None
    recused = recused_constituencies(call, proposal)
    cleaned = {}
    for constituency in VOTING_CONSTITUENCIES:
        stance = "recused" if constituency in recused else positions.get(constituency)
        if stance not in ("agree", "disagree", "abstain", "recused") or \
                (stance == "recused" and constituency not in recused):
            raise InvalidChoice(_l("Give the position of every voting constituency."),
                                field=f"position_{constituency}")
        cleaned[constituency] = stance
    if not rule_met(call.decision_rule, cleaned):
        message = (_l("The call decides by consensus: every voting constituency must agree.")
                   if call.decision_rule == "consensus" else
                   _l("The call decides by majority: most voting constituencies must agree."))
        raise RuleNotMet(message, field="position_government")

    decision = decision_for(proposal)
    if decision is not None and expected_version is not None \
            and decision.version != expected_version:
        raise Conflict
    before = _decision_snapshot(decision) if decision else None
    if decision is None:
        decision = Decision(proposal_id=proposal.id)
        db.session.add(decision)
    decision.outcome, decision.response = outcome, response
    decision.merged_into_id = merged_into.id if merged_into else None
    if meeting_id is not None and db.session.get(Meeting, meeting_id) is None:
        raise InvalidChoice(field="meeting")
    decision.meeting_id = meeting_id
    for constituency, stance in cleaned.items():
        setattr(decision, f"position_{constituency}", stance)
    decision.decided_by_id, decision.decided_at = user.id, now()
    published = results_published(call)
    if published and before is not None:
        decision.revised_at = now()
    flush_or_conflict()
    if published:
        _set_public_status(proposal, outcome)
    for constituency, stance in cleaned.items():
        record_event(user, "review.position", proposal,
                     after={"constituency": constituency, "position": stance})
    record_event(user, "review.decision_revised" if before else "review.decision_recorded",
                 proposal, before=before, after=_decision_snapshot(decision))
    return decision


def _decision_snapshot(decision: Decision) -> dict:
    return {"outcome": decision.outcome, "response": decision.response,
            "merged_into_id": decision.merged_into_id, **decision.positions()}


def _set_public_status(proposal: Proposal, outcome: str) -> None:
    status = PUBLIC_STATUS[outcome]
    if proposal.status != status:
        record_event(None, "proposal.status_changed", proposal,
                     before={"status": proposal.status}, after={"status": status})
        proposal.status = status


# --- publication --------------------------------------------------------------------------

def undecided(call: Call) -> list[Proposal]:
    decided = select(Decision.proposal_id)
    return list(db.session.scalars(
        select(Proposal).where(Proposal.call_id == call.id,
                               Proposal.status.in_(RANKED_STATUSES),
                               Proposal.id.not_in(decided))
        .order_by(Proposal.reference)))


def publication_consequences(call: Call) -> list[Consequence]:
    """What publishing the results would do now, in figures: one query."""
    wants_mail = wanted_by("decision")
    decided, proposals_mailed, authors_mailed, authors_silent = db.session.execute(
        select(func.count(Proposal.id),
               func.count(Proposal.id).filter(wants_mail),
               func.count(distinct(Proposal.author_id)).filter(wants_mail),
               func.count(distinct(Proposal.author_id)).filter(not_(wants_mail)))
        .join(Decision, Decision.proposal_id == Proposal.id)
        .join(User, User.id == Proposal.author_id)
        .where(Proposal.call_id == call.id)).one()
    consequences = [
        Consequence(("public", decided), ngettext(
            "%(num)d decision and its reasoned response become public on the proposal's "
            "page and on the results page.",
            "%(num)d decisions and their reasoned responses become public on each "
            "proposal's page and on the results page.", decided)),
        Consequence(("mailed", authors_mailed, proposals_mailed), ngettext(
            "%(num)d author will be emailed now.", "%(num)d authors will be emailed now.",
            authors_mailed) if proposals_mailed == authors_mailed else ngettext(
            "%(num)d author will be emailed now, once per proposal: %(mails)d messages.",
            "%(num)d authors will be emailed now, once per proposal: %(mails)d messages.",
            authors_mailed, mails=proposals_mailed)),
    ]
    if authors_silent:
        consequences.append(Consequence(("silent", authors_silent), ngettext(
            "%(num)d author turned these emails off and will not be emailed.",
            "%(num)d authors turned these emails off and will not be emailed.",
            authors_silent)))
    consequences.append(Consequence(("final",), _(
        "Publication cannot be undone: a decision revised afterwards shows publicly as "
        "revised.")))
    return consequences


def publish_results(actor, call: Call, confirmed: str | None = None) -> int:
    """Publish every decision and response; email the authors who want it. Return mails sent.

    `confirmed` is the fingerprint of the publication_consequences the admin confirmed.

    :raises NotAllowed, ReviewNotOpen, AlreadyPublished, Undecided, ConfirmationRequired:
    """
    _require_admin(actor)
    phase = call.phase(now())
    if phase == Phase.RESULTS:
        raise AlreadyPublished
    if phase != Phase.REVIEW:
        raise ReviewNotOpen
    if undecided(call):
        raise Undecided
    require_confirmation(publication_consequences(call), confirmed)
    call.results_published_at = now()
    pairs = db.session.execute(
        select(Proposal, Decision).join(Decision, Decision.proposal_id == Proposal.id)
        .where(Proposal.call_id == call.id)).all()
    for proposal, decision in pairs:
        _set_public_status(proposal, decision.outcome)
    db.session.flush()
    record_event(actor, "call.results_published", call)
    sent = 0
    # The voters hear from a background job, once this publication is committed.
    enqueue_after_commit("tell_voters_outcomes", call.id)
    for proposal, decision in pairs:
        sent += notify(proposal.author, "decision",
                       _l("The Working Group answered your proposal %(ref)s",
                          ref=proposal.reference),
                       "mail/decision.txt", proposal=proposal, decision=decision,
                       link=url_for("proposals.show", slug=call.slug,
                                    reference=proposal.reference, _external=True))
    return sent

"""Working Group rules: membership, conflicts, assessments, decisions, publication."""

from dataclasses import dataclass

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
from app.review import panel
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
from app.voting.ranking import RANKED_STATUSES, ranked_where
from app.working_group.meeting_models import Meeting

POSITIONS = ("agree", "disagree", "abstain")
PUBLIC_STATUS = {"included": "included", "partially_included": "included", "merged": "merged",
                 "not_included": "not_selected", "out_of_scope": "not_selected"}


class NotMember(NotAllowed):
    message = _l("Only members of this call's Working Group can do this.")


class ObserversTakeNoPosition(NotAllowed):
    message = _l("Observers see everything and can comment, but do not assess or decide.")


class ReviewNotOpen(DomainError):
    status = 409
    message = _l("The Working Group review starts when voting closes.")


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
    """The person's place on the call's panel, from the seats they hold or stand in for
    during its review; None when they sit on none then."""
    if not (user and user.is_authenticated):
        return None
    found = panel.places_of(call, user)
    if not found:
        return None
    existing = db.session.scalar(select(WorkingGroupMember).where(
        WorkingGroupMember.call_id == call.id, WorkingGroupMember.user_id == user.id))
    return panel.member_row(call, user, found[0], existing)


def members(call: Call) -> list[WorkingGroupMember]:
    """Everyone with an account on the call's panel (holders and alternates), voting
    constituencies first."""
    order = list(CONSTITUENCIES)
    stored = {m.user_id: m for m in db.session.scalars(
        select(WorkingGroupMember).where(WorkingGroupMember.call_id == call.id))}
    places = sorted(panel.places(call), key=lambda p: not p.votes)
    users = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_({p.user_id for p in places})))}
    found: dict[int, WorkingGroupMember] = {}
    for place in places:
        if place.user_id not in found:
            found[place.user_id] = panel.member_row(call, users[place.user_id], place,
                                                    stored.get(place.user_id))
    return sorted(found.values(), key=lambda m: (order.index(m.constituency), m.user.name))


def _materialise(member: WorkingGroupMember) -> WorkingGroupMember:
    """Write the person's row for the call the first time they act on it; two first
    actions at once end with one row."""
    if member.id is not None:
        return member
    member.created_at = now()
    try:
        with db.session.begin_nested():
            db.session.add(member)
    except IntegrityError:
        member = db.session.scalar(select(WorkingGroupMember).where(
            WorkingGroupMember.call_id == member.call_id,
            WorkingGroupMember.user_id == member.user_id))
    return member


def can_view(user, call: Call) -> bool:
    """Members (observers included) and administrators see the review."""
    return bool(user and user.is_authenticated and (user.is_admin or member_of(call, user)))


def calls_in_review_for(user, at=None) -> list[Call]:
    """The calls in review whose panel `user` sits on: their account menu links to each
    queue. One query for someone who holds no seat, on every page such a person sees."""
    if not (user and user.is_authenticated):
        return []
    terms = panel.terms_of_user(user)
    if not terms:
        return []
    at = at or now()
    in_review = db.session.scalars(
        select(Call).where(Call.voting_closes_at <= at,
                           or_(Call.results_published_at.is_(None),
                               Call.results_published_at > at))
        .order_by(Call.voting_closes_at.desc()))
    return [call for call in in_review
            if any(panel.overlaps(t, *panel.review_period(call)) for t in terms)]


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
    member = _materialise(member)
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
    _withdraw_position(user, call, proposal, member)
    return declaration


def _withdraw_position(user, call: Call, proposal: Proposal,
                       member: WorkingGroupMember) -> None:
    """Take back the position a member recorded for their constituency before declaring a
    conflict on the proposal: the seat's alternate records it again, or the constituency
    is recused when everyone who could speak for it is conflicted."""
    decision = decision_for(proposal) if member.votes else None
    constituency = member.constituency
    if decision is None or getattr(decision, f"position_{constituency}_by_id") != user.id:
        return
    withdrawn = getattr(decision, f"position_{constituency}")
    recused = recused_constituencies(call, proposal)
    stance = "recused" if constituency in recused else None
    _set_position(decision, constituency, stance)
    flush_or_conflict()
    record_event(user, "review.position_withdrawn", proposal,
                 before={"constituency": constituency, "position": withdrawn},
                 after={"constituency": constituency, "position": stance})
    _follow_standing(call, proposal, decision, recused)


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
    member = _materialise(member)
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
    member = _materialise(member)
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

def recused_constituencies(call: Call, proposal: Proposal | None,
                           panel_members: list[WorkingGroupMember] | None = None,
                           conflicted: set[int] | None = None) -> set[str]:
    """Voting constituencies whose every member on the panel (holders and alternates)
    declared a conflict on this proposal: nobody is left to speak for them."""
    conflicted = conflicted_member_ids(proposal) if conflicted is None else conflicted
    by_constituency: dict[str, list[int | None]] = {}
    for member in members(call) if panel_members is None else panel_members:
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


def missing_constituencies(decision: Decision | None, recused: set[str]) -> list[str]:
    """The voting constituencies that still have to record their position."""
    if decision is None:
        return [c for c in VOTING_CONSTITUENCIES if c not in recused]
    return [c for c in decision.missing() if c not in recused]


def effective_positions(decision: Decision, recused: set[str]) -> dict[str, str | None]:
    return {c: "recused" if c in recused else stance
            for c, stance in decision.positions().items()}


def stands(call: Call, decision: Decision | None, recused: set[str]) -> bool:
    """A decision stands once every voting constituency not recused has recorded its own
    position and the call's rule is met by them."""
    if decision is None or missing_constituencies(decision, recused):
        return False
    return rule_met(call.decision_rule, effective_positions(decision, recused))


def decisions_by_proposal(call: Call, proposal_ids=None) -> dict[int, Decision]:
    """Decisions of the call by proposal id; only those of `proposal_ids` when given (a page)."""
    stmt = (select(Decision).join(Proposal, Decision.proposal_id == Proposal.id)
            .where(Proposal.call_id == call.id))
    if proposal_ids is not None:
        stmt = stmt.where(Decision.proposal_id.in_(list(proposal_ids)))
    return {d.proposal_id: d for d in db.session.scalars(stmt)}


def decision_for(proposal: Proposal) -> Decision | None:
    return db.session.scalar(select(Decision).where(Decision.proposal_id == proposal.id))


def _deciding_member(user, call: Call, proposal: Proposal) -> WorkingGroupMember:
    member = _voting_member(user, call)
    _review_proposal(call, proposal)
    if member.id is not None and member.id in conflicted_member_ids(proposal):
        raise ConflictDeclared
    return member


def can_decide(user, call: Call, proposal: Proposal) -> bool:
    """Whether `user` may record their constituency's position on `proposal` now."""
    try:
        _deciding_member(user, call, proposal)
    except DomainError:
        return False
    return True


def record_decision(user, call: Call, proposal: Proposal, *, outcome: str, response: str,
                    position: str, merged_into: Proposal | None = None,
                    expected_version: int | None = None,
                    meeting_id: int | None = None) -> Decision:
    """Record the member's own constituency's position on the proposed decision, proposing
    or revising its outcome and reasoned response.

    A change of outcome, of the proposal merged into or of the response's text clears the
    positions the other constituencies gave on the earlier one: they have to record theirs
    again, so no constituency is shown agreeing to words it never saw. The decision
    stands only once every voting constituency has (`stands`).

    :raises NotMember, ObserversTakeNoPosition, ReviewNotOpen, InvalidChoice,
        ResponseTooShort, InvalidMerge, ConflictDeclared, Conflict:
    """
    member = _deciding_member(user, call, proposal)
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
    if position not in POSITIONS:
        raise InvalidChoice(_l("Give your constituency's position."), field="position")
    if meeting_id is not None and db.session.get(Meeting, meeting_id) is None:
        raise InvalidChoice(field="meeting")

    decision = decision_for(proposal)
    if decision is not None and expected_version is not None \
            and decision.version != expected_version:
        raise Conflict
    before = _decision_snapshot(decision) if decision else None
    recused = recused_constituencies(call, proposal)
    if decision is None:
        decision = Decision(proposal_id=proposal.id)
        db.session.add(decision)
    merged_into_id = merged_into.id if merged_into else None
    if before is not None and (before["outcome"], before["merged_into_id"],
                               before["response"]) != (outcome, merged_into_id, response):
        for constituency in VOTING_CONSTITUENCIES:
            _set_position(decision, constituency, None)
    decision.outcome, decision.response = outcome, response
    decision.merged_into_id = merged_into_id
    decision.meeting_id = meeting_id
    _set_position(decision, member.constituency, position, user.id)
    for constituency in recused:
        _set_position(decision, constituency, "recused")
    decision.decided_by_id, decision.decided_at = user.id, now()
    flush_or_conflict()
    record_event(user, "review.position", proposal,
                 after={"constituency": member.constituency, "position": position})
    record_event(user, "review.decision_revised" if before else "review.decision_recorded",
                 proposal, before=before, after=_decision_snapshot(decision))
    _follow_standing(call, proposal, decision, recused)
    return decision


def _decision_snapshot(decision: Decision) -> dict:
    return {"outcome": decision.outcome, "response": decision.response,
            "merged_into_id": decision.merged_into_id, **decision.positions()}


def _set_position(decision: Decision, constituency: str, stance: str | None,
                  by_id: int | None = None) -> None:
    setattr(decision, f"position_{constituency}", stance)
    setattr(decision, f"position_{constituency}_by_id", by_id)


def _follow_standing(call: Call, proposal: Proposal, decision: Decision,
                     recused: set[str]) -> None:
    """Make the decision as it now stands the public one; nothing while it does not stand.

    After publication a change of what stands is a revision: marked, and the proposal's
    public status follows. Until the revision stands the public keeps the earlier one."""
    if not stands(call, decision, recused):
        return
    positions = effective_positions(decision, recused)
    current = (decision.outcome, decision.response, decision.merged_into_id, positions)
    if current == (decision.standing_outcome, decision.standing_response,
                   decision.standing_merged_into_id, decision.standing_positions):
        return
    published = results_published(call)
    if published and decision.standing_outcome is not None:
        decision.revised_at = now()
    decision.standing_outcome, decision.standing_response = decision.outcome, decision.response
    decision.standing_merged_into_id = decision.merged_into_id
    decision.standing_positions = positions
    decision.standing_at = decision.decided_at
    if published:
        _set_public_status(proposal, decision.outcome)
    flush_or_conflict()
    record_event(None, "review.decision_stands", proposal,
                 after={"outcome": decision.outcome, **positions})


def standing_decision(proposal: Proposal):
    """The proposal's decision as it last stood (what the public sees), or None."""
    decision = decision_for(proposal)
    return decision.standing() if decision else None


def _set_public_status(proposal: Proposal, outcome: str) -> None:
    status = PUBLIC_STATUS[outcome]
    if proposal.status != status:
        record_event(None, "proposal.status_changed", proposal,
                     before={"status": proposal.status}, after={"status": status})
        proposal.status = status


# --- publication --------------------------------------------------------------------------

@dataclass(frozen=True)
class Pending:
    """A proposal whose decision does not stand yet, and why."""

    proposal: Proposal
    missing: list[str]  # constituencies that have not recorded their position
    no_agreement: bool  # every position is in and the call's rule is not met

    @property
    def missing_labels(self) -> list[str]:
        return [str(VOTING_CONSTITUENCIES[c]) for c in self.missing]


def _recused_by_proposal(call: Call) -> dict[int, set[str]]:
    """The recused constituencies of each proposal of the call with a declared conflict."""
    conflicted: dict[int, set[int]] = {}
    for proposal_id, member_id in db.session.execute(
            select(ConflictOfInterest.proposal_id, ConflictOfInterest.member_id)
            .join(Proposal, Proposal.id == ConflictOfInterest.proposal_id)
            .where(Proposal.call_id == call.id)):
        conflicted.setdefault(proposal_id, set()).add(member_id)
    panel_members = members(call) if conflicted else []
    return {proposal_id: recused_constituencies(call, None, panel_members, ids)
            for proposal_id, ids in conflicted.items()}


def _pending(call: Call) -> list[tuple[int, list[str], bool]]:
    """(proposal id, constituencies missing, no agreement) of each proposal under review
    whose decision does not stand, in reference order."""
    proposal_ids = db.session.scalars(select(Proposal.id).where(*ranked_where(call))
                                      .order_by(Proposal.reference)).all()
    decisions = decisions_by_proposal(call)
    recused_by_proposal = _recused_by_proposal(call)
    pending = []
    for proposal_id in proposal_ids:
        recused = recused_by_proposal.get(proposal_id, set())
        decision = decisions.get(proposal_id)
        if stands(call, decision, recused):
            continue
        missing = missing_constituencies(decision, recused)
        pending.append((proposal_id, missing, decision is not None and not missing))
    return pending


def pending_ids(call: Call) -> set[int]:
    """The proposals under review whose decision does not stand: what the review queue
    counts as undecided, exactly as the publication guard does."""
    return {proposal_id for proposal_id, _missing, _no_agreement in _pending(call)}


def undecided(call: Call) -> list[Pending]:
    """The proposals under review whose decision does not stand: none yet, a constituency's
    position missing, or no agreement under the call's rule."""
    pending = _pending(call)
    proposals = {p.id: p for p in db.session.scalars(
        select(Proposal).where(Proposal.id.in_([row[0] for row in pending])))}
    return [Pending(proposals[proposal_id], missing, no_agreement)
            for proposal_id, missing, no_agreement in pending]


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
    pairs = db.session.execute(
        select(Proposal, Decision).join(Decision, Decision.proposal_id == Proposal.id)
        .where(Proposal.call_id == call.id)).all()
    # Every decision stands (the guard above): what the public will see is each as it
    # stands now, taken before publication so that none of it counts as a revision.
    recused = _recused_by_proposal(call)
    for proposal, decision in pairs:
        _follow_standing(call, proposal, decision, recused.get(proposal.id, set()))
    call.results_published_at = now()
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

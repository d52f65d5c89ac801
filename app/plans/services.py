"""Plan rules: plans, commitments (lineage from the open call's proposals) and milestones."""

from datetime import date

from flask import abort, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.audit.services import record_event
from app.calls.models import Call
from app.calls.services import SLUG_PATTERN
from app.core.clock import now
from app.core.db.counters import next_number
from app.core.errors import Conflict, DomainError, NotAllowed, flush_or_conflict
from app.extensions import db
from app.plans.consultation import check_adoption
from app.plans.models import (
    COMMITMENT_FIELDS,
    MILESTONE_FIELDS,
    PLAN_STATUSES,
    Commitment,
    CommitmentCounter,
    CommitmentSource,
    Milestone,
    Plan,
)
from app.proposals.models import OGP_VALUES, Proposal

# The proposals a commitment may come from: those the Working Group kept for the plan.
SOURCE_STATUSES = ("shortlisted", "included")
PLAN_FIELDS = ("title", "description", "starts_on", "ends_on", "status", "adopted_on",
               "call_id")
LIMITS = {"title": 200, "deliverable": 300, "responsible": 200, "lead_agency": 200,
          "theme": 200, "sdg_targets": 200}
TEXT_MAX = 20_000
# What an import may set on a commitment: the template's texts (dates and values apart).
COMMITMENT_INPUTS = tuple(n for n in COMMITMENT_FIELDS
                          if n not in ("ogp_values", "starts_on", "ends_on"))
NOT_TEXT = {"starts_on", "ends_on", "adopted_on", "call_id", "weight", "ogp_values"}
WEIGHT_MAX = 100


class InvalidSlug(DomainError):
    message = _l("Use lowercase letters, digits and hyphens only, e.g. nap-2016.")


class SlugTaken(DomainError):
    status = 409
    message = _l("Another plan already uses this address.")


class Missing(DomainError):
    message = _l("This field is required.")


class TooLong(DomainError):
    message = _l("This text is too long.")


class DatesOutOfOrder(DomainError):
    message = _l("The end date must not be before the start date.")


class InvalidChoice(DomainError):
    message = _l("Choose one of the listed options.")


class InvalidWeight(DomainError):
    message = _l("Give a weight between 1 and %(n)d.", n=WEIGHT_MAX)


class NotASource(DomainError):
    message = _l("Only proposals the Working Group shortlisted for this plan's call can "
                 "become its commitments.")


# --- who may ------------------------------------------------------------------------------

def can_manage(user) -> bool:
    """Administrators create and edit plans, commitments and milestones."""
    return bool(user and user.is_authenticated and user.is_admin)


def can_see(user, plan: Plan) -> bool:
    """A draft plan is its editors' alone; from consultation on, everyone's, for good."""
    return plan.status != "draft" or can_manage(user)


def _require_manager(actor) -> None:
    if not can_manage(actor):
        raise NotAllowed


# --- reading ------------------------------------------------------------------------------

def list_plans(user) -> list[Plan]:
    plans = db.session.scalars(select(Plan).order_by(Plan.starts_on.desc(), Plan.id.desc()))
    return [p for p in plans if can_see(user, p)]


def get_plan_or_404(slug: str, user, drafts: bool = False) -> Plan:
    """The plan at `slug` if `user` may see it (any plan, drafts included, with `drafts`)."""
    plan = db.session.scalar(select(Plan).where(Plan.slug == slug))
    if plan is None or not (drafts or can_see(user, plan)):
        abort(404)
    return plan


def get_commitment_or_404(plan: Plan, reference: str) -> Commitment:
    found = db.session.scalar(select(Commitment).where(Commitment.plan_id == plan.id,
                                                       Commitment.reference == reference))
    if found is None:
        abort(404)
    return found


def get_milestone_or_404(commitment: Commitment, milestone_id: int) -> Milestone:
    found = db.session.get(Milestone, milestone_id)
    if found is None or found.commitment_id != commitment.id:
        abort(404)
    return found


def find_milestone(commitment: Commitment, milestone_id) -> Milestone | None:
    """The commitment's milestone with this id, or None (a form's choice, checked later)."""
    found = db.session.get(Milestone, milestone_id) if milestone_id else None
    return found if found is not None and found.commitment_id == commitment.id else None


def commitments_from(proposal: Proposal) -> list[Commitment]:
    """The commitments a proposal became, in plans the public can read (lineage)."""
    found = db.session.scalars(
        select(Commitment).join(CommitmentSource)
        .where(CommitmentSource.proposal_id == proposal.id).order_by(Commitment.reference))
    return [c for c in found if c.plan.status != "draft"]


def candidate_proposals(plan: Plan) -> list[Proposal]:
    """The shortlisted proposals of the plan's call, most voted first."""
    if plan.call_id is None:
        return []
    return list(db.session.scalars(
        select(Proposal).where(Proposal.call_id == plan.call_id,
                               Proposal.status.in_(SOURCE_STATUSES))
        .order_by(Proposal.vote_count.desc(), Proposal.reference)))


def proposals_by_reference(plan: Plan, references) -> list[Proposal]:
    """:raises NotASource: when one is not a shortlisted proposal of the plan's call."""
    wanted = list(dict.fromkeys(r for r in references if r))
    found = {p.reference: p for p in candidate_proposals(plan) if p.reference in wanted}
    if len(found) != len(wanted):
        raise NotASource(field="sources")
    return [found[r] for r in wanted]


def copied_from(proposals: list[Proposal]) -> dict:
    """The commitment template filled from its source proposals: nobody retypes them."""
    if not proposals:
        return {}

    def joined(attribute: str) -> str:
        texts = [getattr(p, attribute) or "" for p in proposals]
        if len(proposals) == 1:
            return texts[0]
        return "\n\n".join(f"{p.reference}: {t}" for p, t in zip(proposals, texts, strict=True)
                           if t)

    values = []
    for proposal in proposals:
        values += [v for v in proposal.ogp_values if v not in values]
    first = proposals[0]
    return {"title": first.title, "problem": joined("problem"),
            "description": joined("commitment"), "how_it_helps": joined("solution"),
            "expected_results": joined("expected_results"), "ogp_values": values,
            "theme": first.theme, "lead_agency": first.responsible_body}


# --- checks -------------------------------------------------------------------------------

def _clean(data: dict, fields, required=()) -> dict:
    cleaned = {}
    for name in fields:
        if name not in data:
            continue
        value = data[name]
        if value is None and name not in NOT_TEXT:
            value = ""  # a text left out of a form is an empty text
        if isinstance(value, str):
            value = value.strip()
            if len(value) > LIMITS.get(name, TEXT_MAX):
                raise TooLong(field=name)
        cleaned[name] = value
    for name in required:
        if not cleaned.get(name) and cleaned.get(name) != 0:
            raise Missing(field=name)
    starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
    if isinstance(starts, date) and isinstance(ends, date) and ends < starts:
        raise DatesOutOfOrder(field="ends_on")
    return cleaned


def _snapshot(thing, fields) -> dict:
    return {name: (value.isoformat() if isinstance(value, date) else value)
            for name in fields for value in [getattr(thing, name)]}


# --- plans --------------------------------------------------------------------------------

def _check_plan(data: dict) -> dict:
    data = _clean(data, PLAN_FIELDS, required=("title", "starts_on", "ends_on"))
    if data.get("status", "draft") not in PLAN_STATUSES:
        raise InvalidChoice(field="status")
    call_id = data.get("call_id")
    if call_id and db.session.get(Call, call_id) is None:
        raise InvalidChoice(field="call_id")
    data["call_id"] = call_id or None
    return data


def create_plan(actor, slug: str, **data) -> Plan:
    """Create the plan of a cycle.

    :raises NotAllowed, InvalidSlug, SlugTaken, Missing, TooLong, DatesOutOfOrder,
        InvalidChoice:
    """
    _require_manager(actor)
    slug = (slug or "").strip().lower()
    if not SLUG_PATTERN.match(slug) or len(slug) > 60:
        raise InvalidSlug(field="slug")
    if db.session.scalar(select(Plan.id).where(Plan.slug == slug)):
        raise SlugTaken(field="slug")
    data = _check_plan(data)
    plan = Plan(slug=slug, created_at=now(), updated_at=now(), **data)
    db.session.add(plan)
    db.session.flush()
    record_event(actor, "plan.created", plan, after=_snapshot(plan, PLAN_FIELDS))
    return plan


def update_plan(actor, plan: Plan, **data) -> Plan:
    """Change a plan's texts, period, status or call.

    :raises NotAllowed, Missing, TooLong, DatesOutOfOrder, InvalidChoice,
        ConsultationUnanswered:
    """
    _require_manager(actor)
    data = _check_plan(data)
    check_adoption(plan, data.get("status", plan.status))
    before = _snapshot(plan, PLAN_FIELDS)
    for name, value in data.items():
        setattr(plan, name, value)
    plan.updated_at = now()
    db.session.flush()
    record_event(actor, "plan.updated", plan, before=before,
                 after=_snapshot(plan, PLAN_FIELDS))
    return plan


# --- commitments --------------------------------------------------------------------------

def next_commitment_reference() -> str:
    prefix = current_app.config["MINGA_COMMITMENT_PREFIX"]
    return f"{prefix}{next_number(CommitmentCounter, 'prefix', prefix):04d}"


def _check_commitment(data: dict) -> dict:
    data = _clean(data, COMMITMENT_FIELDS, required=("title", "lead_agency"))
    values = data.get("ogp_values") or []
    if any(v not in OGP_VALUES for v in values):
        raise InvalidChoice(field="ogp_values")
    data["ogp_values"] = list(values)
    return data


def create_commitment(actor, plan: Plan, sources=(), **data) -> Commitment:
    """Add a commitment to the plan, from shortlisted proposals (`sources`) or from nothing.

    :raises NotAllowed, NotASource, Missing, TooLong, DatesOutOfOrder, InvalidChoice:
    """
    _require_manager(actor)
    proposals = proposals_by_reference(plan, sources)
    data = _check_commitment(data)
    commitment = Commitment(plan_id=plan.id, reference=next_commitment_reference(),
                            created_at=now(), updated_at=now(), **data)
    db.session.add(commitment)
    db.session.flush()
    for proposal in proposals:
        db.session.add(CommitmentSource(commitment_id=commitment.id, proposal_id=proposal.id))
    db.session.flush()
    record_event(actor, "commitment.created", commitment,
                 after={**_snapshot(commitment, ("reference", *COMMITMENT_FIELDS)),
                        "sources": [p.reference for p in proposals]})
    return commitment


def update_commitment(actor, commitment: Commitment, expected_version: int, **data) -> Commitment:
    """Change a commitment's template fields (its reference and sources stay).

    :raises NotAllowed, Conflict, Missing, TooLong, DatesOutOfOrder, InvalidChoice:
    """
    _require_manager(actor)
    if expected_version != commitment.version:
        raise Conflict
    data = _check_commitment(data)
    before = _snapshot(commitment, COMMITMENT_FIELDS)
    for name, value in data.items():
        setattr(commitment, name, value)
    commitment.updated_at = now()
    flush_or_conflict()
    record_event(actor, "commitment.updated", commitment, before=before,
                 after=_snapshot(commitment, COMMITMENT_FIELDS))
    return commitment


# --- milestones ---------------------------------------------------------------------------

def _check_milestone(data: dict) -> dict:
    data = _clean(data, MILESTONE_FIELDS, required=("deliverable",))
    weight = data.get("weight", 1)
    if not isinstance(weight, int) or not 1 <= weight <= WEIGHT_MAX:
        raise InvalidWeight(field="weight")
    return data


def add_milestone(actor, commitment: Commitment, **data) -> Milestone:
    """:raises NotAllowed, Missing, TooLong, DatesOutOfOrder, InvalidWeight:"""
    _require_manager(actor)
    data = _check_milestone(data)
    position = (db.session.scalar(select(func.max(Milestone.position))
                                  .where(Milestone.commitment_id == commitment.id)) or 0) + 1
    milestone = Milestone(commitment_id=commitment.id, position=position, created_at=now(),
                          updated_at=now(), **data)
    db.session.add(milestone)
    db.session.flush()
    db.session.expire(commitment, ["milestones"])  # the list now holds the new one
    record_event(actor, "milestone.created", milestone,
                 after=_snapshot(milestone, MILESTONE_FIELDS))
    return milestone


def update_milestone(actor, milestone: Milestone, **data) -> Milestone:
    """:raises NotAllowed, Missing, TooLong, DatesOutOfOrder, InvalidWeight:"""
    _require_manager(actor)
    data = _check_milestone(data)
    before = _snapshot(milestone, MILESTONE_FIELDS)
    for name, value in data.items():
        setattr(milestone, name, value)
    milestone.updated_at = now()
    db.session.flush()
    record_event(actor, "milestone.updated", milestone, before=before,
                 after=_snapshot(milestone, MILESTONE_FIELDS))
    return milestone

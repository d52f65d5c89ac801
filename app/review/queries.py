"""Reading the review: the ranked queue with assessment aggregates, and the shortlist."""

from dataclasses import dataclass, field
from statistics import mean

from sqlalchemy import select

from app.calls.models import Call
from app.extensions import db
from app.proposals.models import Proposal
from app.review.models import CRITERIA, Assessment, ConflictOfInterest, Decision
from app.voting.ranking import RankedProposal, ranked_proposals


@dataclass
class Aggregate:
    """Mean score per criterion and the spread (max − min) between members."""

    count: int = 0
    means: dict[str, float] = field(default_factory=dict)
    spreads: dict[str, int] = field(default_factory=dict)

    @property
    def overall(self) -> float | None:
        return round(mean(self.means.values()), 2) if self.means else None

    @property
    def max_spread(self) -> int:
        return max(self.spreads.values(), default=0)


def aggregate(assessments: list[Assessment], conflicted: set[int]) -> Aggregate:
    """Aggregate the assessments of members without a declared conflict."""
    counted = [a for a in assessments if a.member_id not in conflicted]
    if not counted:
        return Aggregate()
    return Aggregate(
        count=len(counted),
        means={c: round(mean(getattr(a, c) for a in counted), 2) for c in CRITERIA},
        spreads={c: max(getattr(a, c) for a in counted) - min(getattr(a, c) for a in counted)
                 for c in CRITERIA})


@dataclass
class QueueRow:
    ranked: RankedProposal
    decision: Decision | None
    aggregate: Aggregate
    assessed_by_me: bool


@dataclass(frozen=True)
class QueueFilter:
    theme: str = ""
    value: str = ""
    decision: str = ""  # "", "decided", "undecided"
    mine: str = ""  # "", "assessed", "not_assessed"


def queue(call: Call, member_id: int | None, wanted: QueueFilter,
          counts_public: bool = True) -> list[QueueRow]:
    """The ranked results as the public sees them, with what the Working Group needs beside.

    While counts are hidden (voting still open) members get reference order, like everyone.
    """
    ranking = ranked_proposals(call)
    if not counts_public:
        ranking = sorted(ranking, key=lambda r: r.proposal.reference)
    ids = [r.proposal.id for r in ranking]
    decisions = {d.proposal_id: d for d in db.session.scalars(
        select(Decision).where(Decision.proposal_id.in_(ids)))}
    by_proposal: dict[int, list[Assessment]] = {}
    for assessment in db.session.scalars(select(Assessment)
                                         .where(Assessment.proposal_id.in_(ids))):
        by_proposal.setdefault(assessment.proposal_id, []).append(assessment)
    conflicted: dict[int, set[int]] = {}
    for proposal_id, member_id_ in db.session.execute(
            select(ConflictOfInterest.proposal_id, ConflictOfInterest.member_id)
            .where(ConflictOfInterest.proposal_id.in_(ids))):
        conflicted.setdefault(proposal_id, set()).add(member_id_)
    rows = []
    for ranked in ranking:
        proposal = ranked.proposal
        own = by_proposal.get(proposal.id, [])
        row = QueueRow(ranked, decisions.get(proposal.id),
                       aggregate(own, conflicted.get(proposal.id, set())),
                       any(a.member_id == member_id for a in own))
        if keep(row, wanted):
            rows.append(row)
    return rows


def keep(row: QueueRow, wanted: QueueFilter) -> bool:
    proposal = row.ranked.proposal
    return not (
        (wanted.theme and proposal.theme != wanted.theme)
        or (wanted.value and wanted.value not in proposal.ogp_values)
        or (wanted.decision == "decided" and row.decision is None)
        or (wanted.decision == "undecided" and row.decision is not None)
        or (wanted.mine == "assessed" and not row.assessed_by_me)
        or (wanted.mine == "not_assessed" and row.assessed_by_me))


@dataclass
class ShortlistItem:
    proposal: Proposal
    decision: Decision
    merged: list[Proposal] = field(default_factory=list)


def shortlist(call: Call) -> dict[tuple[str, str], list[ShortlistItem]]:
    """Included and partially included proposals by (theme, responsible body), merged ones
    under the proposal they joined: the draft National Action Plan."""
    pairs = db.session.execute(
        select(Proposal, Decision).join(Decision, Decision.proposal_id == Proposal.id)
        .where(Proposal.call_id == call.id)
        .order_by(Proposal.theme, Proposal.responsible_body, Proposal.reference)).all()
    items = {p.id: ShortlistItem(p, d) for p, d in pairs
             if d.outcome in ("included", "partially_included")}
    for proposal, decision in pairs:
        if decision.outcome == "merged" and decision.merged_into_id in items:
            items[decision.merged_into_id].merged.append(proposal)
    groups: dict[tuple[str, str], list[ShortlistItem]] = {}
    for item in items.values():
        key = (item.proposal.theme, item.proposal.responsible_body)
        groups.setdefault(key, []).append(item)
    return groups

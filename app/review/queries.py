"""Reading the review: the ranked queue a page at a time, with assessments; the shortlist."""

from dataclasses import asdict, dataclass, field
from statistics import mean

from sqlalchemy import cast, false, func, select

from app.calls.models import Call
from app.extensions import db
from app.proposals.models import OGP_VALUES, Proposal
from app.review.models import (
    CRITERIA,
    Assessment,
    ConflictOfInterest,
    Decision,
)
from app.review.services import pending_ids
from app.voting.ranking import RankedProposal, RankingPage, ranked_where, ranking_page


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

    def conditions(self, member_id: int | None, pending: set[int] = frozenset()) -> list:
        """The filters as SQL conditions on proposals; unknown choices filter nothing.

        `pending` are the proposals whose decision does not stand (`services.pending_ids`):
        a decision with every position in but the call's rule unmet is not decided."""
        where = []
        if self.theme:
            where.append(Proposal.theme == self.theme)
        if self.value:
            # JSON lists are stored as text on both databases; values are fixed keys, and
            # one that is not a key matches nothing (no proposal has it).
            where.append(cast(Proposal.ogp_values, db.String).like(f'%"{self.value}"%')
                         if self.value in OGP_VALUES else false())
        if self.decision in ("decided", "undecided"):
            undecided = Proposal.id.in_(sorted(pending))
            where.append(~undecided if self.decision == "decided" else undecided)
        # Someone who is not a member (an administrator) has assessed nothing.
        assessed = (select(Assessment.id).where(Assessment.proposal_id == Proposal.id,
                                                Assessment.member_id == member_id).exists()
                    if member_id is not None else false())
        if self.mine in ("assessed", "not_assessed"):
            where.append(assessed if self.mine == "assessed" else ~assessed)
        return where

    def args(self) -> dict[str, str]:
        """The filters in use, for links that must keep them (the pages)."""
        return {name: value for name, value in asdict(self).items() if value}


@dataclass
class Queue:
    rows: list[QueueRow]
    pages: RankingPage
    decided: int  # of all the call's ranked proposals, whatever the filters
    total: int


def queue(call: Call, member_id: int | None, wanted: QueueFilter, counts_public: bool = True,
          page: int = 1) -> Queue:
    """One page of the ranked results as the public sees them, with what the Working Group
    needs beside; only that page's decisions, assessments and conflicts are read.

    While counts are hidden (voting still open) members get reference order, like everyone.
    """
    pending = pending_ids(call)
    pages = ranking_page(call, page, wanted.conditions(member_id, pending),
                         by_votes=counts_public)
    ids = [r.proposal.id for r in pages.items]
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
    for ranked in pages.items:
        own = by_proposal.get(ranked.proposal.id, [])
        rows.append(QueueRow(ranked, decisions.get(ranked.proposal.id),
                             aggregate(own, conflicted.get(ranked.proposal.id, set())),
                             member_id is not None and any(a.member_id == member_id
                                                           for a in own)))
    # The progress figures are over the whole call, whatever the filters and the page.
    in_ranking = ranked_where(call)
    total = pages.total if not wanted.args() else db.session.scalar(
        select(func.count()).select_from(Proposal).where(*in_ranking))
    return Queue(rows, pages, total - len(pending), total)


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

"""The ranked results: standard competition ranking (1, 2, 2, 4) with ties marked.

The public results page and the Working Group's queue both read this one function.
"""

from dataclasses import dataclass

from sqlalchemy import select

from app.calls.models import Call
from app.extensions import db
from app.proposals.models import LISTED_STATUSES, Proposal

# Proposals merged by the Working Group keep their place: their votes were cast.
RANKED_STATUSES = (*LISTED_STATUSES, "merged")


@dataclass(frozen=True)
class RankedProposal:
    rank: int
    tied: bool
    proposal: Proposal

    @property
    def votes(self) -> int:
        return self.proposal.vote_count


def competition_ranks(counts: list[int]) -> list[tuple[int, bool]]:
    """Rank counts already sorted high to low: equal counts share the best rank (1, 2, 2, 4)."""
    ranks, tally = [], {}
    for count in counts:
        tally[count] = tally.get(count, 0) + 1
    for position, count in enumerate(counts, start=1):
        if position == 1 or count != counts[position - 2]:
            rank = position
        ranks.append((rank, tally[count] > 1))
    return ranks


def ranked_proposals(call: Call) -> list[RankedProposal]:
    """Every active proposal of the call, most voted first; ties in reference order."""
    proposals = list(db.session.scalars(
        select(Proposal).where(Proposal.call_id == call.id,
                               Proposal.status.in_(RANKED_STATUSES))
        .order_by(Proposal.vote_count.desc(), Proposal.reference)))
    ranks = competition_ranks([p.vote_count for p in proposals])
    return [RankedProposal(rank, tied, p) for (rank, tied), p in zip(ranks, proposals,
                                                                    strict=True)]

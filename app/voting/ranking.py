"""The ranked results: standard competition ranking (1, 2, 2, 4) with ties marked.

The public results page, the Working Group's queue and the API all rank the same way.
Pages are read one at a time: a proposal's rank is 1 + the number of ranked proposals
with strictly more votes, and it is tied when another ranked proposal has as many, so
ranks come from counts over the vote counters and stay right across page boundaries
without loading the whole ranking (a national call has thousands of proposals).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from app.calls.models import Call
from app.extensions import db
from app.proposals.models import LISTED_STATUSES, Proposal
from app.proposals.queries import card_load, in_order
from app.web.paging import MAX_PAGE, page_number  # noqa: F401  (the pages of a ranking)

# Proposals merged by the Working Group keep their place: their votes were cast.
RANKED_STATUSES = (*LISTED_STATUSES, "merged")
PER_PAGE = 50  # read at call time, so tests can page through a handful of proposals
BY_VOTES = (Proposal.vote_count.desc(), Proposal.reference)
BY_REFERENCE = (Proposal.reference,)


@dataclass(frozen=True)
class RankedProposal:
    rank: int | None  # None while counts are hidden: nothing vote-based is worked out
    tied: bool
    proposal: Proposal

    @property
    def votes(self) -> int:
        return self.proposal.vote_count


@dataclass(frozen=True)
class RankingPage:
    """One page of a ranking; has the attributes the pagination macro reads."""

    items: list[RankedProposal]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int:
        return self.page + 1


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


def ranked_where(call: Call) -> tuple:
    """The conditions that make a proposal part of the call's ranking."""
    return (Proposal.call_id == call.id, Proposal.status.in_(RANKED_STATUSES))


def ranked_proposals(call: Call) -> list[RankedProposal]:
    """Every active proposal of the call, most voted first; ties in reference order.

    Loads the whole ranking: for pages use `ranking_page`, for one proposal `rank_of`.
    """
    proposals = list(db.session.scalars(select(Proposal).where(*ranked_where(call))
                                        .order_by(*BY_VOTES)))
    ranks = competition_ranks([p.vote_count for p in proposals])
    return [RankedProposal(rank, tied, p) for (rank, tied), p in zip(ranks, proposals,
                                                                    strict=True)]


def ranks_for(call: Call, counts: Iterable[int]) -> dict[int, tuple[int, bool]]:
    """(rank, tied) of each vote count among all the call's ranked proposals.

    Two range queries over the span of counts asked about (a page's), served by the
    ranking index: the cost follows the page, not the number of proposals or votes.
    """
    wanted = set(counts)
    if not wanted:
        return {}
    low, high = min(wanted), max(wanted)
    better = db.session.scalar(select(func.count()).select_from(Proposal).where(
        *ranked_where(call), Proposal.vote_count > high))
    per_count = dict(db.session.execute(
        select(Proposal.vote_count, func.count()).where(
            *ranked_where(call), Proposal.vote_count.between(low, high))
        .group_by(Proposal.vote_count)).all())
    ranks = {}
    # `wanted` joins in case a counter moved between reading the page and counting (live vote).
    for count in sorted(set(per_count) | wanted, reverse=True):
        if count in wanted:
            ranks[count] = (1 + better, per_count.get(count, 0) > 1)
        better += per_count.get(count, 0)
    return ranks


def rank_of(call: Call, proposal: Proposal) -> RankedProposal | None:
    """One proposal's place in the ranking, or None if it is not ranked (e.g. withdrawn)."""
    if proposal.call_id != call.id or proposal.status not in RANKED_STATUSES:
        return None
    rank, tied = ranks_for(call, [proposal.vote_count])[proposal.vote_count]
    return RankedProposal(rank, tied, proposal)


def ranking_page(call: Call, page: int, where: Iterable = (), by_votes: bool = True,
                 per_page: int | None = None) -> RankingPage:
    """One page of the ranking (optionally narrowed by `where`), with ranks over the whole.

    `by_votes=False` gives reference order and no ranks: what anyone may see while counts
    are hidden. A page past the end shows the last one.
    """
    per_page = per_page or PER_PAGE
    conditions = (*ranked_where(call), *where)
    total = db.session.scalar(select(func.count()).select_from(Proposal).where(*conditions))
    page = min(max(page, 1), max(1, math.ceil(total / per_page)))
    # Ids first, rows after: the ordered, offset walk stays inside the ranking index.
    ids = list(db.session.scalars(
        select(Proposal.id).where(*conditions).order_by(*(BY_VOTES if by_votes
                                                          else BY_REFERENCE))
        .limit(per_page).offset((page - 1) * per_page)))
    proposals = in_order(ids, *card_load())
    ranks = ranks_for(call, [p.vote_count for p in proposals]) if by_votes else {}
    items = [RankedProposal(*ranks.get(p.vote_count, (None, False)), p) for p in proposals]
    return RankingPage(items, page, per_page, total)

"""Participation statistics for the results page; small groups are merged so no one stands out."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, union

from app.accounts.models import SECTORS, User
from app.calls.models import Call
from app.extensions import db
from app.proposals.models import LISTED_STATUSES, Proposal
from app.results import open_data
from app.review.services import results_published
from app.voting.models import Ballot, Vote

MIN_GROUP = 5  # groups smaller than this are merged into "other"
OTHER = _l("Other (groups under 5 people)")
NO_ACCOUNT = _l("Voting code (no account)")


@dataclass
class Summary:
    proposals: int
    participants: int | None = None
    votes: int | None = None
    included_share: float | None = None
    charts: dict = field(default_factory=dict)


def _merge_small(rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Fold groups under MIN_GROUP people into one 'other'; drop it if it is small too."""
    kept = [(label, n) for label, n in rows if n >= MIN_GROUP]
    other = sum(n for _label, n in rows if n < MIN_GROUP)
    if other >= MIN_GROUP:
        kept.append((str(OTHER), other))
    return kept


def _participant_ids(call: Call):
    authors = select(Proposal.author_id.label("uid")).where(
        Proposal.call_id == call.id, Proposal.status != "draft")
    voters = select(Ballot.user_id.label("uid")).where(Ballot.call_id == call.id,
                                                       Ballot.user_id.is_not(None))
    return union(authors, voters).subquery()


def participation(call: Call, column) -> list[tuple[str, int]]:
    ids = _participant_ids(call)
    rows = db.session.execute(
        select(column, func.count()).join(ids, ids.c.uid == User.id)
        .group_by(column).order_by(func.count().desc(), column)).all()
    code_voters = db.session.scalar(select(func.count()).select_from(Ballot).where(
        Ballot.call_id == call.id, Ballot.code_id.is_not(None)))
    labelled = [(str(SECTORS.get(value, value)) if column is User.sector else value, n)
                for value, n in rows]
    if code_voters:
        labelled.append((str(NO_ACCOUNT), code_voters))
    return _merge_small(labelled)


def summary(call: Call, at) -> Summary:
    received = db.session.scalar(select(func.count()).select_from(Proposal).where(
        Proposal.call_id == call.id, Proposal.status != "draft"))
    by_theme = dict(db.session.execute(
        select(Proposal.theme, func.count()).where(Proposal.call_id == call.id,
                                                   Proposal.status != "draft")
        .group_by(Proposal.theme)).all())
    result = Summary(proposals=received)
    result.charts["proposals_by_theme"] = [(t, by_theme.get(t, 0)) for t in call.themes]
    if not call.counts_public(at):
        return result  # no turnout, votes or vote-based order while counts are hidden
    ids = _participant_ids(call)
    accounts = db.session.scalar(select(func.count()).select_from(ids))
    code_voters = db.session.scalar(select(func.count()).select_from(Ballot).where(
        Ballot.call_id == call.id, Ballot.code_id.is_not(None)))
    result.participants = accounts + code_voters
    result.votes = db.session.scalar(
        select(func.count(Vote.id)).join(Ballot, Vote.ballot_id == Ballot.id)
        .where(Ballot.call_id == call.id))
    top = db.session.execute(
        select(Proposal.reference, Proposal.title, Proposal.vote_count)
        .where(Proposal.call_id == call.id, Proposal.status.in_((*LISTED_STATUSES, "merged")))
        .order_by(Proposal.vote_count.desc(), Proposal.reference).limit(10)).all()
    result.charts["top_proposals"] = [(f"{ref} · {title[:60]}", n) for ref, title, n in top]
    votes_by_theme = dict(db.session.execute(
        select(Proposal.theme, func.sum(Proposal.vote_count))
        .where(Proposal.call_id == call.id).group_by(Proposal.theme)).all())
    result.charts["votes_by_theme"] = [(t, int(votes_by_theme.get(t) or 0))
                                       for t in call.themes]
    result.charts["by_sector"] = participation(call, User.sector)
    result.charts["by_region"] = participation(call, User.region)
    result.charts["votes_per_day"] = [(row["day"], row["votes"])
                                      for row in open_data.votes_per_day(call, at)]
    if results_published(call, at):
        outcomes = [d.outcome for d in open_data.published_decisions(call, at).values()]
        if outcomes:
            included = sum(o in ("included", "partially_included") for o in outcomes)
            result.included_share = round(100 * included / len(outcomes), 1)
    return result


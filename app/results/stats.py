"""Participation statistics for the results page; small groups are merged so no one stands out.

Working them out reads every ballot, and votes per day read every vote row, so the figures
of a call are kept in this process for STATS_CACHE_SECONDS (as CONSUL and Decidim do for
their participation statistics) and the page costs the same with a thousand votes or a
million. What is kept is raw (sector codes, group keys, numbers): labels are put on in the
reader's language on every request, so the Spanish and English pages share one entry.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from flask import current_app
from flask_babel import format_date, format_percent, get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, union

from app.accounts.models import SECTORS, User
from app.calls.models import Call
from app.core.process_cache import remembered
from app.extensions import db
from app.proposals.models import Proposal
from app.results import open_data
from app.review.models import Decision
from app.review.services import results_published
from app.voting.models import Ballot
from app.voting.ranking import RANKED_STATUSES

MIN_GROUP = 5  # no group of fewer people is shown on its own
OTHER = _l("Others (smaller groups together)")
NO_ACCOUNT = _l("Voting code (no account)")
WITHHELD = _l("Not shown: there are too few people in each group to show this breakdown "
              "without singling anyone out.")
# Raw keys of the two groups that are neither a sector nor a region ("_" starts neither).
OTHER_KEY = "_other"
CODE_KEY = "_code"
GROUP_LABELS = {OTHER_KEY: OTHER, CODE_KEY: NO_ACCOUNT}
CACHE = "minga_stats_cache"  # a process_cache store, one entry per call


@dataclass
class Summary:
    proposals: int
    participants: int | None = None
    votes: int | None = None
    included_share: float | None = None  # a fraction (0.25), written out by share()
    charts: dict = field(default_factory=dict)
    computed_at: datetime | None = None  # set when the figures may be served from the cache


def merge_small_groups(rows: list[tuple[str, int]]) -> list[tuple[str, int]] | None:
    """Fold the groups under MIN_GROUP people into "Others"; None when nothing can be shown.

    Every person counted stays in the breakdown, so its total is the participants'. When
    "Others" is itself under MIN_GROUP, the smallest group shown joins it: a small group
    standing alone could be worked out from the total. When nothing but "Others" would be
    left, the breakdown is withheld.
    """
    kept = sorted(((key, n) for key, n in rows if n >= MIN_GROUP),
                  key=lambda row: (-row[1], row[0]))
    other = sum(n for _key, n in rows if n < MIN_GROUP)
    while 0 < other < MIN_GROUP and kept:
        other += kept.pop()[1]
    if other and not kept:
        return None
    return [*kept, (OTHER_KEY, other)] if other else kept


def _participant_ids(call: Call):
    authors = select(Proposal.author_id.label("uid")).where(
        Proposal.call_id == call.id, Proposal.status != "draft")
    voters = select(Ballot.user_id.label("uid")).where(Ballot.call_id == call.id,
                                                       Ballot.user_id.is_not(None))
    return union(authors, voters).subquery()


def _participation(call: Call, code_voters: int) -> tuple[int, dict[str, list]]:
    """People with an account who took part, and both breakdowns, from one pass over them."""
    ids = _participant_ids(call)
    by = {"by_sector": Counter(), "by_region": Counter()}
    for sector, region, n in db.session.execute(
            select(User.sector, User.region, func.count()).join(ids, ids.c.uid == User.id)
            .group_by(User.sector, User.region)):
        by["by_sector"][sector] += n
        by["by_region"][region] += n
    charts = {}
    for name, counter in by.items():
        rows = sorted(counter.items(), key=lambda row: (-row[1], row[0]))
        if code_voters:
            rows.append((CODE_KEY, code_voters))
        charts[name] = merge_small_groups(rows)
    return sum(by["by_sector"].values()), charts


def _included_share(call: Call) -> float | None:
    outcomes = dict(db.session.execute(
        select(Decision.standing_outcome, func.count())
        .join(Proposal, Decision.proposal_id == Proposal.id)
        .where(Proposal.call_id == call.id, Decision.standing_outcome.is_not(None))
        .group_by(Decision.standing_outcome)).all())
    decided = sum(outcomes.values())
    if not decided:
        return None
    included = outcomes.get("included", 0) + outcomes.get("partially_included", 0)
    return included / decided


def compute(call: Call, at) -> Summary:
    """Work out the figures now, raw (unlabelled); what is shown depends on the phase."""
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
    code_voters = db.session.scalar(select(func.count()).select_from(Ballot).where(
        Ballot.call_id == call.id, Ballot.code_id.is_not(None)))
    accounts, breakdowns = _participation(call, code_voters)
    # Voters unlinked from their ballots (an erasure, the retention period) still took part.
    unlinked = db.session.scalar(select(func.count()).select_from(Ballot).where(
        Ballot.call_id == call.id, Ballot.user_id.is_(None), Ballot.code_id.is_(None)))
    result.participants = accounts + code_voters + unlinked
    votes_by_theme = {theme: int(n or 0) for theme, n in db.session.execute(
        select(Proposal.theme, func.sum(Proposal.vote_count))
        .where(Proposal.call_id == call.id).group_by(Proposal.theme))}
    # The counters move in the vote's own transaction, so they add up to the vote rows.
    result.votes = sum(votes_by_theme.values())
    top = db.session.execute(
        select(Proposal.reference, Proposal.title, Proposal.vote_count)
        .where(Proposal.call_id == call.id, Proposal.status.in_(RANKED_STATUSES))
        .order_by(Proposal.vote_count.desc(), Proposal.reference).limit(10)).all()
    result.charts["top_proposals"] = [(f"{ref} · {title}", n) for ref, title, n in top]
    result.charts["votes_by_theme"] = [(t, votes_by_theme.get(t, 0)) for t in call.themes]
    result.charts.update(breakdowns)
    result.charts["votes_per_day"] = [(row["day"], row["votes"])
                                      for row in open_data.votes_per_day(call, at)]
    if results_published(call, at):
        result.included_share = _included_share(call)
    return result


def _cached(call: Call, at) -> Summary:
    """The call's raw figures, recomputed when older than STATS_CACHE_SECONDS (0: always)."""
    ttl = current_app.config["STATS_CACHE_SECONDS"]
    if ttl <= 0:
        return compute(call, at)
    # Whatever changes what may be shown starts a new entry: the call's settings (version),
    # whether counts are public, whether the results are published.
    variant = (call.version, call.counts_public(at), results_published(call, at))
    return remembered(CACHE, call.id, ttl, lambda: replace(compute(call, at), computed_at=at),
                      variant)


def _label(key: str, sectors: bool) -> str:
    if key in GROUP_LABELS:
        return str(GROUP_LABELS[key])
    return str(SECTORS.get(key, key)) if sectors else key


def summary(call: Call, at) -> Summary:
    """The figures for the results page, labelled in the current language."""
    figures = _cached(call, at)
    charts = dict(figures.charts)
    for name in ("by_sector", "by_region"):
        if charts.get(name):
            charts[name] = [(_label(key, name == "by_sector"), n) for key, n in charts[name]]
    if "votes_per_day" in charts:  # UTC days, as the chart says: a date, no time zone
        charts["votes_per_day"] = [(format_date(date.fromisoformat(day)), n)
                                   for day, n in charts["votes_per_day"]]
    return replace(figures, charts=charts)


def share(fraction: float) -> str:
    """A share as a percentage with one decimal, written as the reader's language does."""
    pattern = get_locale().percent_formats[None].pattern  # "#,##0 %" (es), "#,##0%" (en)
    return format_percent(fraction, pattern.replace("0", "0.0", 1))

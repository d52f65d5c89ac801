"""The plan dashboard: what the public sees first, each figure with the counts behind it."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.plans import readings, reporting
from app.plans.models import Plan
from app.plans.progress import progress_of
from app.plans.scales import COMPLETION
from app.proposals.models import LISTED_STATUSES, Proposal

TOP = 10  # "the top-voted proposals": the call's ten with the most votes


@dataclass(frozen=True)
class Share:
    part: int
    whole: int

    @property
    def fraction(self) -> float | None:
        return self.part / self.whole if self.whole else None


@dataclass(frozen=True)
class Dashboard:
    rows: list  # (commitment, progress, overdue count, disputed)
    completion_government: list  # (label, commitments)
    completion_irm: list
    by_agency: list  # (agency, mean progress)
    by_theme: list
    overdue: int
    disputed: int
    traceable: Share  # commitments with a source proposal of an open call
    top_voted: Share  # of the call's top-voted proposals, those that became commitments


def _mean_by(rows, key) -> list:
    groups = defaultdict(list)
    for commitment, progress, _overdue, _disputed in rows:
        groups[getattr(commitment, key) or "—"].append(progress.percent)
    return sorted(((name, round(sum(v) / len(v))) for name, v in groups.items()),
                  key=lambda pair: (-pair[1], pair[0]))


def _completion(codings: list, by: str) -> list:
    counts = dict.fromkeys(COMPLETION, 0)
    for found in codings:
        if by in found:
            counts[found[by].completion] += 1
    return [(str(label), counts[code]) for code, label in COMPLETION.items()]


def dashboard(plan: Plan) -> Dashboard:
    commitments = list(plan.commitments)
    updates = reporting.current_updates(c.id for c in commitments)
    statuses = reporting.milestone_statuses(updates)
    disputed_threads = readings.disputed_threads(
        readings.readings_of(u.thread_id for u in updates))
    disputed_ids = {u.commitment_id for u in updates if u.thread_id in disputed_threads}
    today = readings.today()
    rows = [(c, progress_of(c.milestones, statuses),
             len(readings.overdue(c.milestones, statuses, today)), c.id in disputed_ids)
            for c in commitments]
    codings = [reporting.latest_codings(c) for c in commitments]
    source_ids = {s.proposal_id for c in commitments for s in c.sources}
    top = []
    if plan.call_id is not None:
        top = list(db.session.scalars(
            select(Proposal.id).where(Proposal.call_id == plan.call_id,
                                      Proposal.status.in_(LISTED_STATUSES))
            .order_by(Proposal.vote_count.desc(), Proposal.reference).limit(TOP)))
    return Dashboard(
        rows=rows,
        completion_government=_completion(codings, "government"),
        completion_irm=_completion(codings, "irm"),
        by_agency=_mean_by(rows, "lead_agency"), by_theme=_mean_by(rows, "theme"),
        overdue=sum(r[2] for r in rows), disputed=sum(1 for r in rows if r[3]),
        traceable=Share(sum(1 for c in commitments if c.sources), len(commitments)),
        top_voted=Share(sum(1 for p in top if p in source_ids), len(top)))

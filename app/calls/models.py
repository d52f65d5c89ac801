from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.types import UTCDateTime
from app.extensions import db


class Phase(StrEnum):
    UPCOMING = "upcoming"
    SUBMISSION = "submission"
    PRE_VOTING = "pre_voting"
    VOTING = "voting"
    REVIEW = "review"
    RESULTS = "results"


PHASE_LABELS = {
    Phase.UPCOMING: _l("Opening soon"),
    Phase.SUBMISSION: _l("Open for proposals"),
    Phase.PRE_VOTING: _l("Proposals closed, voting soon"),
    Phase.VOTING: _l("Public vote"),
    Phase.REVIEW: _l("Working Group review"),
    Phase.RESULTS: _l("Results published"),
}
ELIGIBILITY = {
    "email": _l("Verified email address"),
    "code": _l("Single-use voting code"),
}
DECISION_RULES = {
    "consensus": _l("Consensus of the three voting constituencies"),
    "majority": _l("Majority of the voting constituencies"),
}


class Call(db.Model):
    """One National Action Plan co-creation cycle. Its phase is derived, never stored."""

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    submission_opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submission_closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    voting_opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    voting_closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    results_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    votes_per_voter: Mapped[int] = mapped_column(Integer, default=10)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    allow_vote_withdrawal: Mapped[bool] = mapped_column(Boolean, default=True)
    hide_counts_until_close: Mapped[bool] = mapped_column(Boolean, default=True)
    max_proposals_per_author: Mapped[int] = mapped_column(Integer, default=5)
    eligibility: Mapped[str] = mapped_column(String(10), default="email")
    decision_rule: Mapped[str] = mapped_column(String(10), default="consensus")
    rules: Mapped[str] = mapped_column(Text, default="")
    comments_open: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Optimistic locking: two admins editing at once cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Moves with every change to the call, its proposals or their decisions
    # (app/results/data_version.py): the kept open-data files follow it.
    data_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def phase(self, now: datetime) -> Phase:
        if now < self.submission_opens_at:
            return Phase.UPCOMING
        if now < self.submission_closes_at:
            return Phase.SUBMISSION
        if now < self.voting_opens_at:
            return Phase.PRE_VOTING
        if now < self.voting_closes_at:
            return Phase.VOTING
        if self.results_published_at is None or now < self.results_published_at:
            return Phase.REVIEW
        return Phase.RESULTS

    def phase_label(self, now: datetime) -> str:
        return str(PHASE_LABELS[self.phase(now)])

    @property
    def year(self) -> int:
        """The cycle's year in the site's timezone: the prefix of proposal references."""
        from app.core.timezones import utc_to_local

        return utc_to_local(self.submission_opens_at).year

    def counts_public(self, now: datetime) -> bool:
        """Whether vote counts (and any order derived from them) may be shown."""
        return not self.hide_counts_until_close or self.phase(now) in (Phase.REVIEW,
                                                                       Phase.RESULTS)

    def timeline(self, now: datetime) -> list[dict]:
        """Return the phases in order with their dates and whether each is past, current or next."""
        current = self.phase(now)
        order = list(Phase)
        steps = [
            (Phase.SUBMISSION, _l("Submit proposals"), self.submission_opens_at,
             self.submission_closes_at),
            (Phase.VOTING, _l("Public vote"), self.voting_opens_at, self.voting_closes_at),
            (Phase.REVIEW, _l("Working Group review and reasoned responses"),
             self.voting_closes_at, self.results_published_at),
            (Phase.RESULTS, _l("Results and National Action Plan"),
             self.results_published_at, None),
        ]
        timeline = []
        for phase, label, starts, ends in steps:
            if phase == current:
                state = "current"
            elif order.index(phase) < order.index(current):
                state = "past"
            else:
                state = "future"
            timeline.append({"phase": phase, "label": label, "starts": starts, "ends": ends,
                             "state": state})
        return timeline

    def __repr__(self) -> str:
        return f"<Call {self.slug}>"

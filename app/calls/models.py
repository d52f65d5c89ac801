import re
from datetime import datetime
from enum import StrEnum

from flask import current_app
from flask_babel import get_locale
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
# A call's own texts: written in the site's default language, each optionally also in others.
TEXT_FIELDS = ("title", "description", "rules")
# The phase boundaries an admin sets, in order (results_published_at is set by publishing).
DATE_FIELDS = ("submission_opens_at", "submission_closes_at", "voting_opens_at",
               "voting_closes_at")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
DECISION_RULES = {
    "consensus": _l("Consensus of the three voting constituencies"),
    "majority": _l("Majority of the voting constituencies"),
}


def phase_at(now: datetime, submission_opens_at: datetime, submission_closes_at: datetime,
             voting_opens_at: datetime, voting_closes_at: datetime,
             results_published_at: datetime | None) -> Phase:
    """The phase a call with these dates is in at `now`."""
    if now < submission_opens_at:
        return Phase.UPCOMING
    if now < submission_closes_at:
        return Phase.SUBMISSION
    if now < voting_opens_at:
        return Phase.PRE_VOTING
    if now < voting_closes_at:
        return Phase.VOTING
    if results_published_at is None or now < results_published_at:
        return Phase.REVIEW
    return Phase.RESULTS


def _reader_locale() -> str:
    locale = get_locale()
    return str(locale) if locale else current_app.config["MINGA_DEFAULT_LOCALE"]


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
    # The texts in the site's other languages: {"en": {"title": …, "description": …,
    # "rules": …}}, each field only when written. One JSON mapping, not a column per
    # language, because the default language is a setting (MINGA_DEFAULT_LOCALE): the
    # columns above hold whichever it is, and this holds every other one.
    translations: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
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
        return phase_at(now, self.submission_opens_at, self.submission_closes_at,
                        self.voting_opens_at, self.voting_closes_at, self.results_published_at)

    def text(self, field: str, locale: str | None = None) -> str:
        """`field` (title, description or rules) in `locale`, the reader's by default;
        in the default language where it has no text of its own."""
        own = self.translations.get(locale or _reader_locale(), {}) if self.translations else {}
        return own.get(field) or getattr(self, field)

    def text_locale(self, field: str, locale: str | None = None) -> str:
        """The language `text` shows `field` in, for the element's lang attribute."""
        locale = locale or _reader_locale()
        if self.translations and self.translations.get(locale, {}).get(field):
            return locale
        return current_app.config["MINGA_DEFAULT_LOCALE"]

    def introduction(self, locale: str | None = None) -> str:
        """The first paragraph of the description in `locale`: enough for a list of calls."""
        return PARAGRAPH_BREAK.split(self.text("description", locale).strip(), 1)[0].strip()

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

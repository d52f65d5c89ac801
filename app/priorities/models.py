from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.types import UTCDateTime
from app.extensions import db


class PriorityPoll(db.Model):
    """A call's poll on its thematic priorities, held before submissions open."""

    __tablename__ = "priority_polls"
    __table_args__ = (CheckConstraint("max_picks >= 1", name="at_least_one_pick"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), unique=True)
    max_picks: Mapped[int] = mapped_column(Integer, default=3)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    adopted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    call = relationship("Call", lazy="joined")

    def is_open(self, at: datetime) -> bool:
        return self.opens_at <= at < self.closes_at

    def has_closed(self, at: datetime) -> bool:
        return at >= self.closes_at


class PriorityTheme(db.Model):
    """A candidate theme; `vote_count` moves in the same transaction as the picks."""

    __tablename__ = "priority_themes"
    __table_args__ = (UniqueConstraint("poll_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("priority_polls.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    vote_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PriorityBallot(db.Model):
    """One voter's choice in a poll: a verified account or a voting code of the call, once.

    The unique indexes have the last word: two requests of the same voter at once
    cannot both land, on SQLite or PostgreSQL.
    """

    __tablename__ = "priority_ballots"
    __table_args__ = (
        UniqueConstraint("poll_id", "user_id"),
        UniqueConstraint("poll_id", "code_id"),
        # A ballot unlinked by an erasure or by retention belongs to nobody, still counted.
        CheckConstraint("user_id IS NULL OR code_id IS NULL", name="at_most_one_voter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("priority_polls.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    code_id: Mapped[int | None] = mapped_column(ForeignKey("voting_codes.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PriorityPick(db.Model):
    __tablename__ = "priority_picks"
    __table_args__ = (UniqueConstraint("ballot_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("priority_ballots.id"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("priority_themes.id"), index=True)

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.types import UTCDateTime
from app.extensions import db
from app.proposals.models import Proposal

# The ranking (app/voting/ranking.py) walks a call's proposals by vote count and counts
# those above a given count. This index serves both, and the Working Group's theme filter,
# without reading the proposal rows, which are large (their texts overflow SQLite's pages):
# a page of a 10,000-proposal ranking costs a few index pages. It hangs off the proposals
# table from here because the voting feature owns the counter and the order.
Index("ix_proposals_ranking", Proposal.call_id, Proposal.vote_count.desc(),
      Proposal.reference, Proposal.status, Proposal.theme)


class VotingCode(db.Model):
    """A single-use code handed out at a dialogue session; only its keyed hash is kept."""

    __tablename__ = "voting_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    redeemed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Ballot(db.Model):
    """One voter's budget in one call: an account, or a redeemed code (or nobody any more:
    app/privacy/erasure.py and retention.py unlink accounts).

    `used` only moves through one conditional UPDATE (`… WHERE used < budget`),
    so parallel requests cannot overspend it on SQLite or PostgreSQL.
    """

    __tablename__ = "ballots"
    __table_args__ = (
        UniqueConstraint("call_id", "user_id"),
        UniqueConstraint("code_id"),
        CheckConstraint("used >= 0 AND used <= budget", name="used_within_budget"),
        # Neither, once the link between voter and votes is dropped (an erasure, or the
        # retention period after results): the ballot and its votes still count.
        CheckConstraint("user_id IS NULL OR code_id IS NULL", name="at_most_one_voter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    code_id: Mapped[int | None] = mapped_column(ForeignKey("voting_codes.id"))
    budget: Mapped[int] = mapped_column(Integer)
    used: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Vote(db.Model):
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("ballot_id", "proposal_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id"))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask import url_for
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.types import UTCDateTime
from app.extensions import db

REPORT_REASONS = {
    "spam": _l("Spam or advertising"),
    "offensive": _l("Offensive or abusive"),
    "personal_data": _l("Reveals personal data"),
    "off_topic": _l("Off topic"),
    "duplicate": _l("Duplicate of another proposal"),
}
# Stored as the reason when enough reports hide something before any moderator has looked;
# a code, so a tombstone or a mail can say it in its reader's language.
AUTO_HIDE_REASON = "pending review"


def hide_reason_text(reason: str | None) -> str | None:
    """The public reason for a hide as a reader should read it (the `hide_reason` filter)."""
    if reason == AUTO_HIDE_REASON:
        return _("several people reported it, and it stays hidden until a moderator "
                 "reviews it")
    return reason


class Comment(db.Model):
    """A comment on a proposal of a call or on a commitment of a plan: one thread model,
    one moderation queue. Posted on a commitment during its plan's consultation window, it
    is a consultation comment, which the Working Group answers before adoption."""

    __tablename__ = "comments"
    __table_args__ = (
        CheckConstraint("(proposal_id IS NULL) <> (commitment_id IS NULL)",
                        name="on_one_thing"),
        # Partial: few comments are ever hidden, and the moderators' list of hidden
        # content reads only those.
        Index("ix_comments_hidden_at", "hidden_at", sqlite_where=text("hidden_at IS NOT NULL"),
              postgresql_where=text("hidden_at IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), index=True)
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"), index=True)
    # The commitment's template field it is about (app.plans.consultation.FIELDS); None: the
    # commitment as a whole.
    field: Mapped[str | None] = mapped_column(String(30))
    consultation: Mapped[bool] = mapped_column(default=False, server_default="0")
    # The Working Group's reasoned response to a consultation comment, public.
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # One level of replies: a reply's parent is always a top-level comment.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    # The moderator who hid it; None while hidden means reports hid it automatically.
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    author = relationship("User", lazy="joined", foreign_keys=[author_id])
    hidden_by = relationship("User", foreign_keys=[hidden_by_id])
    proposal = relationship("Proposal", lazy="joined")
    commitment = relationship("Commitment", lazy="joined")
    answered_by = relationship("User", foreign_keys=[answered_by_id])

    @property
    def visible(self) -> bool:
        return self.deleted_at is None and self.hidden_at is None

    @property
    def subject(self):
        """The proposal or the commitment the comment is on."""
        return self.proposal if self.proposal_id is not None else self.commitment

    def page_url(self, anchor: str | None = "", external: bool = False) -> str:
        """The page that shows the comment, at the comment unless another anchor is given."""
        anchor = f"comment-{self.id}" if anchor == "" else anchor
        if self.proposal_id is not None:
            return url_for("proposals.show", slug=self.proposal.call.slug,
                           reference=self.proposal.reference, _anchor=anchor,
                           _external=external)
        return url_for("plans.commitment", slug=self.commitment.plan.slug,
                       reference=self.commitment.reference, _anchor=anchor,
                       _external=external)


class Report(db.Model):
    """One person's report of a proposal or comment; distinct reports add up to a hide."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("target_type", "target_id", "reporter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(10))  # "proposal" | "comment"
    target_id: Mapped[int] = mapped_column(index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

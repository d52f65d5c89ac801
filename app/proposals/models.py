import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.types import UTCDateTime
from app.extensions import db

OGP_VALUES = {
    "transparency": _l("Transparency and access to information"),
    "accountability": _l("Public accountability"),
    "participation": _l("Civic participation"),
    "technology": _l("Technology and innovation"),
}
STATUSES = {
    "draft": _l("Draft"),
    "published": _l("Published"),
    "withdrawn": _l("Withdrawn"),
    "hidden": _l("Hidden by moderation"),
    "merged": _l("Merged"),
    "under_review": _l("Under review"),
    "shortlisted": _l("Shortlisted"),
    "included": _l("Included in the plan"),
    "not_selected": _l("Not selected"),
}
# What the public list shows unless asked for a status: drafts are private,
# withdrawn, hidden and merged proposals stay readable but out of the way.
LISTED_STATUSES = ("published", "under_review", "shortlisted", "included", "not_selected")
PUBLIC_STATUSES = (*LISTED_STATUSES, "withdrawn", "merged")
NATIONAL = "national"
# 2**31 - 1, a prime: the random order multiplies keys modulo it (app/proposals/queries.py).
SHUFFLE_PRIME = 2_147_483_647


def draw_shuffle_key() -> int:
    """A proposal's place in the random order before any visitor's seed mixes it."""
    return secrets.randbelow(SHUFFLE_PRIME)


# The commitment-template texts, in the order the form and the page show them.
TEXT_FIELDS = ("problem", "commitment", "solution", "expected_results")
EDITABLE_FIELDS = ("title", "summary", *TEXT_FIELDS, "ogp_values", "theme", "responsible_body",
                   "region", "organisation")


class Proposal(db.Model):
    __tablename__ = "proposals"
    __table_args__ = (
        # One reference, one proposal, in the whole deployment: a citation is unambiguous.
        UniqueConstraint("reference"),
        # With the id and the shuffle key, PostgreSQL counts and shuffles the list from the
        # index alone (SQLite indexes carry the rowid anyway).
        Index("ix_proposals_call_id_status", "call_id", "status", "id", "shuffle_key"),
        # The list's "recent" order, read backwards from the index with no sort.
        Index("ix_proposals_recent", "call_id", "published_at", "status"),
        # Partial: nearly every row is NULL, and SQLite's statistics would then judge a
        # full index useless and scan every proposal to find the few merged into one.
        Index("ix_proposals_merged_into_id", "merged_into_id",
              sqlite_where=text("merged_into_id IS NOT NULL"),
              postgresql_where=text("merged_into_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # `<year>-<nnnn>`, given on publication, numbered across every call of the year
    # (ReferenceCounter); drafts have none.
    reference: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(150))
    summary: Mapped[str] = mapped_column(String(500))
    problem: Mapped[str] = mapped_column(Text)
    commitment: Mapped[str] = mapped_column(Text)
    solution: Mapped[str] = mapped_column(Text)
    expected_results: Mapped[str] = mapped_column(Text)
    ogp_values: Mapped[list] = mapped_column(JSON, default=list)
    theme: Mapped[str] = mapped_column(String(200))
    responsible_body: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(80))
    organisation: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # Drawn once, uniformly, independently of everything else about the proposal: the
    # random order is a permutation of these keys, so no reference or date shows in it.
    shuffle_key: Mapped[int] = mapped_column(Integer, default=draw_shuffle_key)
    # Kept in the same transaction as the vote rows (issue: voting).
    vote_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Moderation: why it is hidden (a public tombstone), and what it was before.
    moderation_reason: Mapped[str | None] = mapped_column(Text)
    status_before_hidden: Mapped[str | None] = mapped_column(String(20))
    # When it was hidden and by which moderator; no moderator means reports hid it.
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A duplicate a moderator merged into another proposal of the same call.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    # Input gathered offline (a dialogue session, a paper form, a spreadsheet) is entered by
    # an account on behalf of whoever proposed it: `author_id` is the account that entered
    # it and answers for it, `credited_author` the person or organisation the public sees,
    # named as they agreed. Never the other way round (decidim#10850).
    credited_author: Mapped[str | None] = mapped_column(String(200))
    origin: Mapped[str | None] = mapped_column(String(20))  # None (online), dialogue, paper
    origin_note: Mapped[str | None] = mapped_column(String(300))
    dialogue_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("dialogue_sessions.id"), index=True)

    call = relationship("Call", lazy="joined")
    merged_into = relationship("Proposal", remote_side="Proposal.id", lazy="joined",
                               foreign_keys="Proposal.merged_into_id")
    author = relationship("User", lazy="joined", foreign_keys=[author_id])
    hidden_by = relationship("User", foreign_keys=[hidden_by_id])
    dialogue_session = relationship("DialogueSession", lazy="select")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def anchor(self) -> str:
        """The id of this proposal's card in a list (and its article on its page)."""
        return f"proposal-{self.reference}"

    @property
    def public_author(self) -> str:
        """The name the public sees: whoever proposed it, also when entered by another."""
        return self.credited_author or self.author.name

    @property
    def provenance(self) -> str | None:
        """Where an offline proposal came from and who entered it; None for online ones."""
        if self.origin == "dialogue" and self.dialogue_session is not None:
            return str(_l("Entered at %(session)s by %(facilitator)s",
                          session=self.dialogue_session.title, facilitator=self.author.name))
        if self.origin == "paper":
            return str(_l("Paper or spreadsheet submission entered by %(name)s: %(note)s",
                          name=self.author.name, note=self.origin_note or ""))
        return None

    @property
    def status_label(self) -> str:
        return str(STATUSES.get(self.status, self.status))

    @property
    def value_labels(self) -> list[str]:
        return [str(OGP_VALUES[v]) for v in self.ogp_values if v in OGP_VALUES]

    @property
    def search_text(self) -> str:
        return "\n".join(getattr(self, field) or "" for field in TEXT_FIELDS)

    def __repr__(self) -> str:
        return f"<Proposal {self.reference or self.id}>"


class ReferenceCounter(db.Model):
    """The last reference number handed out in a year, over every call of the deployment.

    Only ever moved by one `UPDATE … SET last_number = last_number + 1`
    (app/proposals/references.py), so two publications at once never share a number.
    """

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class FormerReference(db.Model):
    """A reference a proposal was published under before it was renumbered.

    References were once numbered per call, so two calls of a year shared `2026-0001`;
    the proposals that gave theirs up keep the old one here, and its address
    (`/calls/<slug>/proposals/<old reference>`) leads to the proposal for good.
    """

    __tablename__ = "former_references"
    __table_args__ = (UniqueConstraint("call_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"))
    reference: Mapped[str] = mapped_column(String(16))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)

"""The National Action Plan of a cycle, its commitments and their milestones."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.types import UTCDateTime
from app.extensions import db

PLAN_STATUSES = {
    "draft": _l("Draft"),
    "consultation": _l("In consultation"),
    "adopted": _l("Adopted"),
    "implementation": _l("In implementation"),
    "closed": _l("Closed"),
}
# The OGP commitment template's texts, in the order the form and the page show them.
TEMPLATE_TEXTS = {
    "problem": _l("What is the public problem the commitment addresses?"),
    "description": _l("What is the commitment?"),
    "how_it_helps": _l("How will the commitment contribute to solve the public problem?"),
    "ogp_relevance": _l("Why is this commitment relevant to the OGP values?"),
    "expected_results": _l("Expected results"),
}
COMMITMENT_FIELDS = ("title", *TEMPLATE_TEXTS, "ogp_values", "theme", "sdg_targets",
                     "lead_agency", "supporting_government", "supporting_others",
                     "starts_on", "ends_on")
MILESTONE_FIELDS = ("deliverable", "indicator", "verification", "responsible", "starts_on",
                    "ends_on", "weight")


class Plan(db.Model):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    adopted_on: Mapped[date | None] = mapped_column(Date)
    # The call that co-created it; plans adopted before Minga have none.
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    # The public consultation on the draft: comments on commitments in this window are
    # consultation comments, each to be answered before the plan is adopted.
    consultation_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consultation_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    call = relationship("Call", lazy="joined")
    commitments = relationship("Commitment", back_populates="plan",
                               order_by="Commitment.reference")

    @property
    def status_label(self) -> str:
        return str(PLAN_STATUSES.get(self.status, self.status))

    @property
    def period(self) -> str:
        return f"{self.starts_on.year}–{self.ends_on.year}"

    def __repr__(self) -> str:
        return f"<Plan {self.slug}>"


class Commitment(db.Model):
    __tablename__ = "commitments"
    __table_args__ = (
        # One reference, one commitment, in the whole deployment (CL0050 is cited alone).
        UniqueConstraint("reference"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    reference: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    how_it_helps: Mapped[str] = mapped_column(Text, default="")
    ogp_relevance: Mapped[str] = mapped_column(Text, default="")
    expected_results: Mapped[str] = mapped_column(Text, default="")
    ogp_values: Mapped[list] = mapped_column(JSON, default=list)
    theme: Mapped[str] = mapped_column(String(200), default="")
    # Free text: "16.6, 16.10" — the SDG targets the commitment serves, if any.
    sdg_targets: Mapped[str] = mapped_column(String(200), default="")
    lead_agency: Mapped[str] = mapped_column(String(200))
    supporting_government: Mapped[str] = mapped_column(Text, default="")
    supporting_others: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    plan = relationship("Plan", back_populates="commitments", lazy="joined")
    milestones = relationship("Milestone", back_populates="commitment",
                              order_by="(Milestone.position, Milestone.id)")
    sources = relationship("CommitmentSource", back_populates="commitment",
                           order_by="CommitmentSource.id")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def __repr__(self) -> str:
        return f"<Commitment {self.reference}>"


class CommitmentSource(db.Model):
    """A proposal of the open call that a commitment grew from: lineage, both ways."""

    __tablename__ = "commitment_sources"
    __table_args__ = (UniqueConstraint("commitment_id", "proposal_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)

    commitment = relationship("Commitment", back_populates="sources", lazy="joined")
    proposal = relationship("Proposal", lazy="joined")


class Milestone(db.Model):
    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    deliverable: Mapped[str] = mapped_column(String(300))
    indicator: Mapped[str] = mapped_column(Text, default="")
    verification: Mapped[str] = mapped_column(Text, default="")  # means of verification
    responsible: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    # Its share of the commitment's progress, relative to its siblings' weights.
    weight: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    commitment = relationship("Commitment", back_populates="milestones")


class CommitmentCounter(db.Model):
    """The last commitment number handed out under a prefix (app/core/db/counters.py)."""

    __tablename__ = "commitment_counters"

    prefix: Mapped[str] = mapped_column(String(10), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Implementer(db.Model):
    """An official of the lead agency who reports on one commitment, named by an admin."""

    __tablename__ = "implementers"
    __table_args__ = (UniqueConstraint("commitment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user = relationship("User", lazy="joined", foreign_keys=[user_id])


class ProgressUpdate(db.Model):
    """One version of a progress report on a milestone; published, it is never changed.

    A correction is a new row that `revises` the one before (unique: two corrections of
    one version at once cannot both land); the milestone counts its latest version.
    """

    __tablename__ = "progress_updates"
    __table_args__ = (UniqueConstraint("revises_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20))
    narrative: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revises_id: Mapped[int | None] = mapped_column(ForeignKey("progress_updates.id"))
    # The first version's id, shared by every version: the thread a correction belongs to.
    thread_id: Mapped[int | None] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    author = relationship("User", lazy="joined")
    milestone = relationship("Milestone", lazy="joined")
    commitment = relationship("Commitment", lazy="joined")
    evidence = relationship("Evidence", order_by="Evidence.id", lazy="selectin")


class Evidence(db.Model):
    """A piece of evidence of an update: a link (`url`), or a document of the public
    repository (`document_id`, with `url` left empty) whose page outlives any link."""

    __tablename__ = "progress_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("progress_updates.id"), index=True)
    url: Mapped[str] = mapped_column(String(500))
    label: Mapped[str] = mapped_column(String(200), default="")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("wg_documents.id"), index=True)

    document = relationship("Document", lazy="joined")


class IrmCoding(db.Model):
    """A coding of a commitment on the IRM's scales: the government's self-assessment, or
    the IRM's own from one of its reports (with its source). Appended, never changed."""

    __tablename__ = "irm_codings"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    by: Mapped[str] = mapped_column(String(20))  # government | irm
    completion: Mapped[str] = mapped_column(String(20))
    potential: Mapped[str] = mapped_column(String(20))
    verifiable: Mapped[bool] = mapped_column(default=True)
    source_title: Mapped[str] = mapped_column(String(300), default="")
    source_url: Mapped[str] = mapped_column(String(500), default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Counterassessment(db.Model):
    """Civil society's reading of one version of a progress update: agree or disagree,
    with reasons and evidence; the implementer may answer once. Never hidden for being
    critical: a disagreement flags the update as disputed."""

    __tablename__ = "counterassessments"
    __table_args__ = (UniqueConstraint("update_id", "author_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("progress_updates.id"), index=True)
    # The update's thread (its first version's id): a dispute outlives a correction.
    thread_id: Mapped[int] = mapped_column(Integer, index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    stance: Mapped[str] = mapped_column(String(10))  # agree | disagree
    reasons: Mapped[str] = mapped_column(Text)
    evidence_url: Mapped[str] = mapped_column(String(500), default="")
    # Written when the author holds a civil-society or academic seat of the plan's call.
    seat: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    author = relationship("User", lazy="joined", foreign_keys=[author_id])
    answered_by = relationship("User", lazy="joined", foreign_keys=[answered_by_id])
    update = relationship("ProgressUpdate", lazy="joined")


FOLLOW_FREQUENCIES = {
    "immediate": _l("A mail on each update, dispute and overdue milestone"),
    "daily": _l("One daily digest"),
    "weekly": _l("One weekly digest"),
}


class Follow(db.Model):
    """Someone who wants a mail when a plan or a commitment moves: at once, or gathered
    in a daily or weekly digest that covers what happened since `last_digest_at`."""

    __tablename__ = "plan_follows"
    __table_args__ = (UniqueConstraint("user_id", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    target_type: Mapped[str] = mapped_column(String(12))  # plan | commitment
    target_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    frequency: Mapped[str] = mapped_column(String(10), default="immediate",
                                           server_default="immediate")
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user = relationship("User", lazy="joined")

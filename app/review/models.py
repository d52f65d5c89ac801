from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.types import UTCDateTime
from app.extensions import db

VOTING_CONSTITUENCIES = {
    "government": _l("Government"),
    "civil_society": _l("Civil society network"),
    "academia": _l("Academic network"),
}
CONSTITUENCIES = {**VOTING_CONSTITUENCIES, "observer": _l("Observer")}
CRITERIA = {
    "relevance": _l("Relevance to OGP values"),
    "specificity": _l("Specificity"),
    "measurability": _l("Measurability"),
    "feasibility": _l("Feasibility (responsible body identified, within its mandate)"),
    "impact": _l("Potential impact"),
}
CRITERIA_SHORT = {
    "relevance": _l("Relevance"),
    "specificity": _l("Specificity"),
    "measurability": _l("Measurability"),
    "feasibility": _l("Feasibility"),
    "impact": _l("Impact"),
}
# Column headings of the review queue: five scores side by side leave the title room.
CRITERIA_ABBREVIATED = {
    "relevance": _l("Rel."),
    "specificity": _l("Spec."),
    "measurability": _l("Meas."),
    "feasibility": _l("Feas."),
    "impact": _l("Imp."),
}
OUTCOMES = {
    "included": _l("Included in the plan"),
    "partially_included": _l("Partially included"),
    "merged": _l("Merged into another proposal"),
    "not_included": _l("Not included"),
    "out_of_scope": _l("Out of scope"),
}
STANCES = {"agree": _l("Agree"), "disagree": _l("Disagree"), "abstain": _l("Abstain"),
           "recused": _l("Recused (conflict of interest)")}
MIN_RESPONSE_LENGTH = 200


class WorkingGroupMember(db.Model):
    """A person on one call's review panel, as the seats of the Working Group say.

    Not kept by hand: the panel is whoever holds (or stands in for) a seat while the call is
    reviewed (app/review/panel.py). A row is written the first time that person acts on the
    call, so their assessments, notes and declarations keep pointing at the place they
    spoke from even after their term ends."""

    __tablename__ = "working_group_members"
    __table_args__ = (UniqueConstraint("call_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    constituency: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The seat they sat in for this call; empty only for rows older than seats.
    seat_id: Mapped[int | None] = mapped_column(ForeignKey("wg_seats.id"))

    user = relationship("User", lazy="joined")

    @property
    def votes(self) -> bool:
        return self.constituency in VOTING_CONSTITUENCIES

    @property
    def constituency_label(self) -> str:
        return str(CONSTITUENCIES[self.constituency])


class ConflictOfInterest(db.Model):
    """A member's public declaration: their assessment and position on it do not count."""

    __tablename__ = "conflicts_of_interest"
    __table_args__ = (UniqueConstraint("member_id", "proposal_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("working_group_members.id"))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime())

    member = relationship("WorkingGroupMember", lazy="joined")


class Assessment(db.Model):
    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("member_id", "proposal_id"),
        *[CheckConstraint(f"{c} BETWEEN 0 AND 3", name=f"{c}_0_to_3") for c in CRITERIA],
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("working_group_members.id"))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    relevance: Mapped[int] = mapped_column(Integer)
    specificity: Mapped[int] = mapped_column(Integer)
    measurability: Mapped[int] = mapped_column(Integer)
    feasibility: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    member = relationship("WorkingGroupMember", lazy="joined")

    def scores(self) -> dict[str, int]:
        return {criterion: getattr(self, criterion) for criterion in CRITERIA}


class InternalNote(db.Model):
    """Members-only discussion of a proposal: never on public pages, exports or the API."""

    __tablename__ = "internal_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("working_group_members.id"))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    member = relationship("WorkingGroupMember", lazy="joined")


class Decision(db.Model):
    """The Working Group's answer to one proposal, with its public reasoned response."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), unique=True)
    outcome: Mapped[str] = mapped_column(String(20))
    response: Mapped[str] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    # Each recorded by that constituency's own seat holder or alternate; empty until then.
    position_government: Mapped[str | None] = mapped_column(String(10))
    position_civil_society: Mapped[str | None] = mapped_column(String(10))
    position_academia: Mapped[str | None] = mapped_column(String(10))
    # Who recorded each position: a member who then declares a conflict has theirs withdrawn.
    position_government_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    position_civil_society_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    position_academia_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Set when a decision changes after the results were published: shown publicly.
    revised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The Working Group meeting where it was taken, when there was one.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("wg_meetings.id"), index=True)
    # The decision as it last stood (every voting constituency recorded, the call's rule
    # met): what the public sees, so a revision under way stays out of sight until it
    # stands in turn. Empty until the decision first stands.
    standing_outcome: Mapped[str | None] = mapped_column(String(20))
    standing_response: Mapped[str | None] = mapped_column(Text)
    standing_merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    standing_positions: Mapped[dict | None] = mapped_column(JSON)
    standing_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    merged_into = relationship("Proposal", foreign_keys=[merged_into_id], lazy="joined")
    standing_merged_into = relationship("Proposal", foreign_keys=[standing_merged_into_id],
                                        lazy="joined")
    meeting = relationship("Meeting")
    proposal = relationship("Proposal", foreign_keys=[proposal_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id], lazy="joined")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def outcome_label(self) -> str:
        return str(OUTCOMES[self.outcome])

    def positions(self) -> dict[str, str | None]:
        return {c: getattr(self, f"position_{c}") for c in VOTING_CONSTITUENCIES}

    def missing(self) -> list[str]:
        """The voting constituencies that have not recorded their position yet."""
        return [c for c, stance in self.positions().items() if stance is None]

    def standing(self) -> "StandingDecision | None":
        """The decision as it last stood, for public pages; None if it never stood."""
        if self.standing_outcome is None:
            return None
        return StandingDecision(
            proposal_id=self.proposal_id, outcome=self.standing_outcome,
            response=self.standing_response or "", merged_into=self.standing_merged_into,
            decided_at=self.standing_at, revised_at=self.revised_at,
            stances=dict(self.standing_positions or {}))


@dataclass(frozen=True)
class StandingDecision:
    """What the public reads of a decision: its outcome, response and positions as they
    last stood, with the same names as a Decision's."""

    proposal_id: int
    outcome: str
    response: str
    merged_into: object
    decided_at: datetime | None
    revised_at: datetime | None
    stances: dict

    @property
    def outcome_label(self) -> str:
        return str(OUTCOMES[self.outcome])

    def positions(self) -> dict[str, str | None]:
        return {c: self.stances.get(c) for c in VOTING_CONSTITUENCIES}

"""The group's meetings: when and where, what was on the agenda, who came, and the
minutes, which the voting constituencies approve before they are published."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.types import UTCDateTime
from app.extensions import db

MEETING_KINDS = {
    "co_creation": _l("Co-creation"),
    "call_review": _l("Review of a call"),
    "implementation_review": _l("Implementation review"),
    "ordinary": _l("Ordinary"),
    "extraordinary": _l("Extraordinary"),
}
ATTENDANCE = {
    "present": _l("Present"),
    "alternate_present": _l("Alternate present"),
    "absent": _l("Absent"),
    "excused": _l("Excused"),
}
DRAFT, CIRCULATED, APPROVED, PUBLISHED = "draft", "circulated", "approved", "published"
MINUTES_STATES = {
    DRAFT: _l("Draft"),
    CIRCULATED: _l("Circulated for approval"),
    APPROVED: _l("Approved"),
    PUBLISHED: _l("Published"),
}
STANCES = {"approve": _l("Approve"), "object": _l("Object")}


class Meeting(db.Model):
    __tablename__ = "wg_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    agenda = relationship("AgendaItem", order_by="AgendaItem.position", lazy="selectin",
                          back_populates="meeting")
    attendance = relationship("Attendance", lazy="selectin")
    minutes = relationship("Minutes", order_by="Minutes.version", lazy="selectin",
                           back_populates="meeting")

    @property
    def kind_label(self) -> str:
        return str(MEETING_KINDS[self.kind])


class AgendaItem(db.Model):
    __tablename__ = "wg_agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("wg_meetings.id"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))

    meeting = relationship("Meeting", back_populates="agenda")
    call = relationship("Call", lazy="joined")
    proposal = relationship("Proposal", lazy="joined")


class Attendance(db.Model):
    __tablename__ = "wg_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "seat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("wg_meetings.id"))
    seat_id: Mapped[int] = mapped_column(ForeignKey("wg_seats.id"))
    status: Mapped[str] = mapped_column(String(20))

    seat = relationship("Seat", lazy="joined")

    @property
    def status_label(self) -> str:
        return str(ATTENDANCE[self.status])


class Minutes(db.Model):
    """One version of a meeting's minutes. Once published it never changes: a correction
    is a new version that names the one it corrects."""

    __tablename__ = "wg_minutes"
    __table_args__ = (UniqueConstraint("meeting_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("wg_meetings.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("wg_minutes.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    circulated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    meeting = relationship("Meeting", back_populates="minutes")
    responses = relationship("MinutesResponse", lazy="selectin",
                             order_by="MinutesResponse.recorded_at")

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012

    @property
    def state_label(self) -> str:
        return str(MINUTES_STATES[self.state])


class MinutesResponse(db.Model):
    """A seat's answer to circulated minutes: a voting seat approves or objects (its holder
    or alternate, one answer per seat, which they may change); an observer comments."""

    __tablename__ = "wg_minutes_responses"
    __table_args__ = (UniqueConstraint("minutes_id", "seat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("wg_minutes.id"))
    seat_id: Mapped[int] = mapped_column(ForeignKey("wg_seats.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    stance: Mapped[str | None] = mapped_column(String(10))  # None: an observer's comment
    comment: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())

    seat = relationship("Seat", lazy="joined")

"""The body that outlives governments: seats by constituency, each held by someone over
time (terms), and its mandate and rules as versions."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.types import UTCDateTime
from app.extensions import db
from app.review.models import CONSTITUENCIES, VOTING_CONSTITUENCIES


class Seat(db.Model):
    """A place at the table for a constituency; the people who hold it change, it stays."""

    __tablename__ = "wg_seats"

    id: Mapped[int] = mapped_column(primary_key=True)
    constituency: Mapped[str] = mapped_column(String(20))
    # e.g. "Subsecretaría General de la Presidencia", "PNUD": whom the seat is for.
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    terms = relationship("SeatTerm", back_populates="seat", order_by="SeatTerm.starts_on.desc()",
                         lazy="selectin")

    @property
    def votes(self) -> bool:
        return self.constituency in VOTING_CONSTITUENCIES

    @property
    def constituency_label(self) -> str:
        return str(CONSTITUENCIES[self.constituency])

    def term_on(self, day: date):
        """The term running on `day`, or None when the seat was vacant."""
        return next((t for t in self.terms if t.covers(day)), None)


class SeatTerm(db.Model):
    """One holder of a seat from a date to a date (open-ended while they hold it)."""

    __tablename__ = "wg_seat_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("wg_seats.id"), index=True)
    holder_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    appointed_by: Mapped[str] = mapped_column(String(200), default="")
    alternate_name: Mapped[str] = mapped_column(String(200), default="")
    alternate_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                ondelete="SET NULL"))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    seat = relationship("Seat", back_populates="terms")

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)

    def seats_user(self, user) -> bool:
        """True when `user` holds this term or is its alternate."""
        user_id = getattr(user, "id", None)
        return user_id is not None and user_id in (self.holder_id, self.alternate_id)


class RulesVersion(db.Model):
    """The mandate and procedural rules as adopted on one day; the latest one is in force."""

    __tablename__ = "wg_rules_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    adopted_on: Mapped[date] = mapped_column(Date)
    # Where it was adopted, in words ("Resolución Exenta N° 852"), until meetings link it.
    adopted_at: Mapped[str] = mapped_column(String(200), default="")
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("wg_meetings.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                 ondelete="SET NULL"))
    # The adopted text as a file (the signed resolution), kept in the repository.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("wg_documents.id"))

    meeting = relationship("Meeting", lazy="joined")
    document = relationship("Document", lazy="joined")

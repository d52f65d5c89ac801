from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.types import UTCDateTime
from app.extensions import db

KINDS = {
    "working_table": _l("Regional working table"),
    "workshop": _l("Workshop"),
    "consultation": _l("Consultation meeting"),
}
# Attendance is counted by sector, never by name: the same sectors as accounts.
ATTENDANCE_SECTORS = {
    "civil_society": _l("Civil society"),
    "academia": _l("Academia"),
    "private_sector": _l("Private sector"),
    "citizen": _l("Citizens"),
    "government": _l("Government"),
}


class DialogueSession(db.Model):
    """A regional working table, workshop or consultation meeting held for a call."""

    __tablename__ = "dialogue_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="working_table")
    region: Mapped[str] = mapped_column(String(80))
    city: Mapped[str] = mapped_column(String(120))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime())
    convened_by: Mapped[str] = mapped_column(String(200))
    # {"civil_society": 12, …}: aggregate counts, no names needed.
    attendance: Mapped[dict] = mapped_column(JSON, default=dict)
    agenda: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    # [{"title": …, "url": …}]: links until the document repository holds the files.
    documents: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    call = relationship("Call", lazy="joined")
    facilitators = relationship("DialogueFacilitator", lazy="selectin",
                                order_by="DialogueFacilitator.id",
                                cascade="all, delete-orphan")

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))

    @property
    def attendance_total(self) -> int:
        return sum(int(n) for n in (self.attendance or {}).values())

    def attendance_rows(self) -> list[tuple[str, int]]:
        counts = self.attendance or {}
        return [(str(label), int(counts.get(key, 0))) for key, label in ATTENDANCE_SECTORS.items()]


class DialogueFacilitator(db.Model):
    """An account that facilitates a session and may enter proposals on its behalf."""

    __tablename__ = "dialogue_facilitators"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("dialogue_sessions.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user = relationship("User", lazy="joined")

"""The public repository (OGP minimum requirement 2.2): documents with their type, date
and what they belong to; each file kept behind app/core/storage.py."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.types import UTCDateTime
from app.extensions import db

DOCUMENT_KINDS = {
    "minutes": _l("Minutes"),
    "rules": _l("Rules"),
    "plan": _l("Action plan"),
    "report": _l("Report"),
    "evidence": _l("Evidence"),
    "other": _l("Other"),
}


class Document(db.Model):
    __tablename__ = "wg_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    dated_on: Mapped[date] = mapped_column(Date, index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("wg_meetings.id"))
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    storage_key: Mapped[str] = mapped_column(String(64))
    file_format: Mapped[str] = mapped_column(String(10))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                 ondelete="SET NULL"))

    meeting = relationship("Meeting", lazy="joined")
    call = relationship("Call", lazy="joined")

    @property
    def kind_label(self) -> str:
        return str(DOCUMENT_KINDS[self.kind])

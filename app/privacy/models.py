from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.types import UTCDateTime
from app.extensions import db

BUILDING, READY, TAKEN = "building", "ready", "taken"


class DataExport(db.Model):
    """One download of everything Minga holds about a person: built by a job, its link
    mailed, taken once by that person logged in, within DATA_EXPORT_HOURS.

    Only a hash of the link's token is stored; the zip waits in DATA_EXPORT_DIR under a
    random name and is deleted when taken or when it expires (app/privacy/retention.py).
    """

    __tablename__ = "data_exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    status: Mapped[str] = mapped_column(String(10), default=BUILDING)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    file_name: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<DataExport {self.id} of user {self.user_id}>"


class PrivacyNoticeVersion(db.Model):
    """A material change of the privacy notice: everyone accepts it again at next login.

    The text shipped with Minga is version 1 (no row); each row is a later version.
    """

    __tablename__ = "privacy_notice_versions"

    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

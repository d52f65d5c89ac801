from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.types import UTCDateTime
from app.extensions import db

SECTORS = {
    "civil_society": _l("Civil society organisation"),
    "academia": _l("Academia"),
    "private_sector": _l("Private sector"),
    "citizen": _l("Individual citizen"),
    "government": _l("Government"),
}
ROLES = {
    "participant": _l("Participant"),
    "moderator": _l("Moderator"),
    "admin": _l("Administrator"),
}


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored normalised (trimmed, lower case): uniqueness is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # A new address asked for on the profile, until its owner follows the link sent to it.
    pending_email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(120))
    sector: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(String(80))
    organisation: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="participant")
    locale: Mapped[str | None] = mapped_column(String(5))
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    privacy_accepted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The version of the privacy notice accepted then (app/privacy/consent.py).
    privacy_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Email notifications, one switch per kind (notify_by_email: Working Group decisions).
    notify_by_email: Mapped[bool] = mapped_column(Boolean, default=True)
    notify_comments: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    notify_moderation: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    notify_merges: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    notify_replies: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # The outcome of the proposals I voted for, when results are published.
    notify_outcomes: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The person's own rights (app/privacy/): every mail stopped (opposition); the account
    # frozen at their request until they lift it (blocking); erased, leaving a pseudonym.
    mail_stopped: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # The login this request acts under (app/accounts/logins.py): its token is what
    # Flask-Login keeps in the session and the remember-me cookie.
    login = None  # a Login (not annotated: not a column)

    def get_id(self) -> str | None:
        return self.login.token if self.login is not None else None

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_moderator(self) -> bool:
        return self.role in ("moderator", "admin")

    @property
    def is_government(self) -> bool:
        return self.sector == "government"

    @property
    def sector_label(self) -> str:
        return str(SECTORS.get(self.sector, self.sector))

    @property
    def role_label(self) -> str:
        return str(ROLES.get(self.role, self.role))

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class Login(db.Model):
    """One logged-in browser of an account: what /accounts/sessions lists and ends.

    Only a hash of its token is stored; the token itself lives in that browser's session
    (server-side) and remember-me cookie. Deleting the row ends both at once.
    """

    __tablename__ = "logins"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    remembered: Mapped[bool] = mapped_column(Boolean, default=False)
    browser: Mapped[str] = mapped_column(String(60))  # "Firefox on Android": never the IP

    token = None  # known only in the request that started or presented it (not a column)

    def __repr__(self) -> str:
        return f"<Login {self.id} of user {self.user_id}>"


class LoginThrottle(db.Model):
    """Failed logins under one key: an email address (with an account or not) or a trusted
    browser, both as keyed hashes (app/accounts/throttle.py)."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)

    def __repr__(self) -> str:
        return f"<LoginThrottle {self.key[:8]}>"

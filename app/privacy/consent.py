"""Notice and consent: the privacy notice is versioned, the version each person accepted
is recorded, and a material change asks everyone again at their next login."""

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.audit.services import append_event, record_event
from app.core.clock import now
from app.core.errors import Conflict, NotAllowed
from app.extensions import db
from app.privacy.models import PrivacyNoticeVersion


def current_version() -> int:
    return db.session.scalar(select(func.max(PrivacyNoticeVersion.version))) or 1


def needs_consent(user) -> bool:
    return bool(user and user.is_authenticated and user.privacy_version < current_version())


def publish_material_change(actor) -> int:
    """Make the notice as it now stands a new version; return its number.

    :raises NotAllowed, Conflict: (two at once: the primary key lets one through)
    """
    if not getattr(actor, "is_admin", False):
        raise NotAllowed
    version = current_version() + 1
    try:
        with db.session.begin_nested():
            db.session.add(PrivacyNoticeVersion(version=version, published_at=now(),
                                                published_by_id=actor.id))
            db.session.flush()
    except IntegrityError as exc:
        raise Conflict from exc
    append_event(actor.id, "privacy.notice_changed", PrivacyNoticeVersion.__tablename__,
                 version)
    return version


def accept(user: User) -> None:
    """Record that the person accepts the notice as it stands now.

    :raises NotAllowed:
    """
    if not (user and user.is_authenticated):
        raise NotAllowed
    user.privacy_version = current_version()
    user.privacy_accepted_at = now()
    record_event(user, "user.privacy_accepted", user, after={"version": user.privacy_version})

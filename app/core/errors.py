"""Domain errors: a rule said no. Services raise them; views turn them into a status."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db


class DomainError(Exception):
    """A rule said no. Subclasses name the rule; views turn them into a status and a message."""

    status = 422
    message = _l("That action is not allowed.")

    def __init__(self, message=None, field: str | None = None):
        # Not str(): a lazy message resolves the locale, which may need the database, and
        # the session can be mid-rollback here.
        super().__init__(message or self.message)
        self.message = message or self.message
        self.field = field  # the form field the message belongs beside, when there is one

    @property
    def field_errors(self) -> dict:
        """Message for each form field this refusal is about ({} when about the whole form)."""
        return {self.field: self.message} if self.field else {}


def flush_or_conflict() -> None:
    """Flush; if a version-checked row was changed by a parallel request, raise Conflict."""
    try:
        db.session.flush()
    except StaleDataError as exc:
        db.session.rollback()  # the session cannot be used after a failed flush
        raise Conflict from exc


class NotAllowed(DomainError):
    status = 403
    message = _l("You are not allowed to do that.")


class Conflict(DomainError):
    status = 409
    message = _l("Someone else changed this in the meantime. Review the latest version.")

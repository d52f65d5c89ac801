"""Opposition and blocking: stop every mail with one switch; freeze the account (no
login, no mail, nothing done with it) until its owner lifts the freeze."""

from flask_babel import lazy_gettext as _l

from app.accounts import logins, passwords, services
from app.accounts.models import User
from app.accounts.services import WrongPassword
from app.audit.services import record_event
from app.core.clock import now
from app.core.errors import DomainError, NotAllowed


class NotFrozen(DomainError):
    status = 409
    message = _l("This account is not frozen: you can log in as usual.")


def _own(user) -> bool:
    return bool(user and user.is_authenticated and not user.is_erased)


def set_mail_stopped(user: User, stopped: bool) -> None:
    """Stop, or start again, every mail Minga sends the person unasked.

    Mail they ask for themselves (a password reset, their download, an erasure link)
    still comes: it is the answer to their own request.

    :raises NotAllowed:
    """
    if not _own(user):
        raise NotAllowed
    if user.mail_stopped == stopped:
        return
    user.mail_stopped = stopped
    record_event(user, "user.mail_stopped" if stopped else "user.mail_resumed", user)


def freeze(user: User, password: str) -> None:
    """Block the processing of the account at its owner's request: every login ends.

    :raises NotAllowed, WrongPassword:
    """
    if not _own(user):
        raise NotAllowed
    if not passwords.password_matches(user.password_hash, password or ""):
        raise WrongPassword(field="password")
    user.frozen_at = now()
    logins.end_all_logins(user)
    record_event(user, "user.frozen", user)


def unfreeze(email: str, password: str) -> User:
    """Lift the freeze, proven by the address and password (counted as a login attempt).

    :raises NotFrozen, InvalidCredentials, AccountLocked, AccountBlocked:
    """
    try:
        services.authenticate(email, password)
    except services.AccountFrozen:
        user = services.find_by_email(email)
        user.frozen_at = None
        record_event(user, "user.unfrozen", user)
        return user
    raise NotFrozen

"""Account rules: registration, verification, login throttling, passwords, roles."""

from email_validator import EmailNotValidError, validate_email
from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from app.accounts import logins, passwords, throttle, tokens
from app.accounts.models import ROLES, SECTORS, User
from app.audit.services import record_event
from app.core.clock import now
from app.core.db.engine import session_writes_from_here
from app.core.errors import DomainError, NotAllowed
from app.core.mail import send_mail
from app.extensions import db


class InvalidEmail(DomainError):
    message = _l("Enter a valid email address.")


class PasswordTooShort(DomainError):
    message = _l("Use at least %(n)d characters.", n=passwords.MIN_LENGTH)


class PasswordTooCommon(DomainError):
    message = _l("This password is too common and easy to guess. Choose another one.")


class InvalidCredentials(DomainError):
    status = 401
    message = _l("The email address or the password is incorrect.")


class AccountLocked(DomainError):
    status = 429
    message = _l("Too many failed attempts. Wait a few minutes and try again, "
                 "or reset your password.")


class AccountBlocked(DomainError):
    status = 403
    message = _l("This account has been blocked by the moderators.")


class AccountFrozen(DomainError):
    status = 403
    message = _l("You froze this account: nothing is done with it until you lift the "
                 "freeze. To use it again, follow “Unfreeze my account” below.")


class WrongPassword(DomainError):
    message = _l("Your current password is incorrect.")


class LinkInvalid(DomainError):
    status = 400
    message = _l("This link is not valid or has already been used. Ask for a new one.")


class LinkExpired(DomainError):
    status = 400
    message = _l("This link has expired. Ask for a new one.")


class AlreadyVerified(DomainError):
    status = 409
    message = _l("Your email address is already verified. You can log in.")


class LastAdmin(DomainError):
    status = 409
    message = _l("You are the last administrator; name another one before you step down.")


class UnknownChoice(DomainError):
    message = _l("Choose one of the listed options.")


VERIFY, RESET, EMAIL_CHANGE = "verify", "reset", "email-change"


def normalise_email(email: str) -> str:
    """Return the address trimmed and lower-cased, as it is stored and compared.

    :raises InvalidEmail: it is not an email address.
    """
    try:
        checked = validate_email((email or "").strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidEmail(field="email") from exc
    return checked.normalized.lower()


def find_by_email(email: str) -> User | None:
    try:
        address = normalise_email(email)
    except InvalidEmail:
        return None
    return db.session.scalar(db.select(User).where(User.email == address))


def check_password_rules(password: str, field: str = "password") -> None:
    """:raises PasswordTooShort, PasswordTooCommon:"""
    if len(password or "") < passwords.MIN_LENGTH:
        raise PasswordTooShort(field=field)
    if passwords.is_common(password):
        raise PasswordTooCommon(field=field)


def _check_choices(sector: str, region: str) -> None:
    if sector not in SECTORS:
        raise UnknownChoice(field="sector")
    if region not in current_app.config["MINGA_REGIONS"]:
        raise UnknownChoice(field="region")


def register_user(*, email: str, password: str, name: str, sector: str, region: str,
                  organisation: str | None = None, locale: str | None = None) -> User | None:
    """Create an unverified participant account and send the verification link.

    If the address already has an account, nothing is created and its owner is mailed
    instead (with the ways to log in or reset the password); the caller answers as for a
    new account, so the form does not tell anyone which addresses have one. Returns the
    new user, or None in that case.

    :raises InvalidEmail, PasswordTooShort, PasswordTooCommon, UnknownChoice:
    """
    address = normalise_email(email)
    check_password_rules(password)
    _check_choices(sector, region)
    password_hash = passwords.hash_password(password)  # spent for a taken address too
    existing = find_by_email(address)
    if existing is not None:
        _tell_owner_of_attempt(existing)
        return None
    from app.privacy.consent import current_version  # the notice they just accepted

    user = User(
        email=address,
        password_hash=password_hash,
        name=name.strip(),
        sector=sector,
        region=region,
        organisation=(organisation or "").strip() or None,
        role="participant",
        locale=locale,
        privacy_accepted_at=now(),
        privacy_version=current_version(),
        created_at=now(),
    )
    try:
        # Two registrations racing for one address: the unique index decides.
        with db.session.begin_nested():
            db.session.add(user)
            db.session.flush()
    except IntegrityError:  # the savepoint's rollback took the new row away
        _tell_owner_of_attempt(find_by_email(address))
        return None
    record_event(user, "user.registered", user, after={"sector": sector, "region": region})
    send_verification(user)
    return user


def _tell_owner_of_attempt(user: User | None) -> None:
    if user is None:  # the racing registration was rolled back in the end
        return
    if user.mail_stopped or user.frozen_at is not None:  # they asked for no mail
        return
    _send_to(user, _l("Someone tried to create an account with your address"),
             "mail/already_registered.txt",
             login_link=url_for("accounts.login", _external=True),
             reset_link=url_for("accounts.reset", _external=True))


def _send_to(user: User, subject, template: str, **context) -> None:
    # Mail goes out in the recipient's language, not the requester's.
    with force_locale(user.locale or current_app.config["MINGA_DEFAULT_LOCALE"]):
        send_mail(user.email, str(subject),
                  render_template(template, user=user, **context))


def send_verification(user: User) -> None:
    """Email a fresh verification link.

    :raises AlreadyVerified:
    """
    if user.is_verified:
        raise AlreadyVerified
    token = tokens.make_token(VERIFY, user.id, user.email)
    link = url_for("accounts.verify", token=token, _external=True)
    _send_to(user, _l("Confirm your email address"), "mail/verify.txt", link=link,
             hours=current_app.config["VERIFY_TOKEN_MAX_AGE"] // 3600)


def resend_verification(email: str) -> None:
    """Send a new link if an unverified account has this address; say nothing otherwise."""
    user = find_by_email(email)
    if user is not None and not user.is_verified:
        send_verification(user)


def _user_from_token(purpose: str, token: str, max_age: int, state_of) -> User:
    try:
        user_id, print_ = tokens.read_token(purpose, token, max_age)
    except tokens.TokenExpired as exc:
        raise LinkExpired from exc
    except tokens.TokenInvalid as exc:
        raise LinkInvalid from exc
    user = db.session.get(User, user_id)
    if user is None or tokens.fingerprint(state_of(user)) != print_:
        raise LinkInvalid
    return user


def verify_email(token: str) -> User:
    """Mark the address in a verification link as verified.

    :raises LinkInvalid, LinkExpired, AlreadyVerified:
    """
    user = _user_from_token(VERIFY, token, current_app.config["VERIFY_TOKEN_MAX_AGE"],
                            lambda u: u.email)
    if user.is_verified:
        raise AlreadyVerified
    user.email_verified_at = now()
    record_event(user, "user.verified", user)
    return user


def authenticate(email: str, password: str, device: str | None = None) -> User:
    """Return the user for these credentials, counting failures toward a lockout.

    Failures are counted per address typed, whether an account has it or not, so the
    answers (and their timing) are the same for both (app/accounts/throttle.py).
    `device` is the nonce of this browser's device cookie for the address, if it has
    one: such a browser is counted apart and keeps logging in during a lockout of the
    address. A failure writes its counter before it raises, so the caller commits on
    InvalidCredentials too.

    :raises InvalidCredentials, AccountLocked, AccountBlocked, AccountFrozen:
    """
    key = throttle.address_key(email)
    if device is not None and not throttle.is_locked(throttle.find(throttle.device_key(device))):
        key = throttle.device_key(device)
    counter = throttle.find(key)
    if throttle.is_locked(counter):
        raise AccountLocked
    user = find_by_email(email)
    # An unknown address spends the same time on a hash as a known one.
    matches = passwords.password_matches(
        user.password_hash if user is not None else _dummy_hash(), password or "") \
        and user is not None
    if matches and user.blocked_at is None and user.frozen_at is None \
            and not throttle.has_failures(counter):
        return user  # nothing to write
    # Only now, after the hash, the write lock (SQLite): the counter is read again in it.
    session_writes_from_here()
    if not matches:
        if throttle.record_failure(key) and user is not None:
            record_event(None, "user.locked", user)
        raise InvalidCredentials
    throttle.clear(key)
    if user.blocked_at is not None:  # said only to whoever knows the password
        raise AccountBlocked
    if user.frozen_at is not None:
        raise AccountFrozen
    return user


_DUMMY_HASHES: dict[str, str] = {}


def _dummy_hash() -> str:
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = passwords.hash_password("not-a-real-password")
    return _DUMMY_HASHES[method]


def request_password_reset(email: str) -> None:
    """Email a reset link if the address has an account; never reveal whether it does."""
    user = find_by_email(email)
    if user is None:
        return
    token = tokens.make_token(RESET, user.id, user.password_hash)
    link = url_for("accounts.reset_with_token", token=token, _external=True)
    _send_to(user, _l("Reset your password"), "mail/reset.txt", link=link,
             hours=max(1, current_app.config["RESET_TOKEN_MAX_AGE"] // 3600))


def check_reset_token(token: str) -> User:
    """:raises LinkInvalid, LinkExpired:"""
    return _user_from_token(RESET, token, current_app.config["RESET_TOKEN_MAX_AGE"],
                            lambda u: u.password_hash)


def _set_password(user: User, new_password: str, field: str) -> None:
    check_password_rules(new_password, field=field)
    user.password_hash = passwords.hash_password(new_password)
    logins.end_all_logins(user)  # a copied cookie stops working with the old password
    throttle.clear(throttle.address_key(user.email))  # the owner proved it: unlocked


def reset_password(token: str, new_password: str) -> User:
    """Set a new password from a reset link; the link stops working once used.

    Following the link proves the user owns the address, so it also verifies it.

    :raises LinkInvalid, LinkExpired, PasswordTooShort, PasswordTooCommon:
    """
    user = check_reset_token(token)
    _set_password(user, new_password, field="password")
    if not user.is_verified:
        user.email_verified_at = now()
    record_event(user, "user.password_reset", user)
    return user


def change_password(user: User, current_password: str, new_password: str) -> None:
    """:raises WrongPassword, PasswordTooShort, PasswordTooCommon:"""
    if not passwords.password_matches(user.password_hash, current_password or ""):
        raise WrongPassword(field="current_password")
    _set_password(user, new_password, field="new_password")
    record_event(user, "user.password_changed", user)


def update_profile(user: User, *, name: str, sector: str, region: str,
                   organisation: str | None, notify_by_email: bool,
                   notify_comments: bool = True, notify_moderation: bool = True,
                   notify_merges: bool = True, notify_replies: bool = True,
                   notify_outcomes: bool = True) -> None:
    """Rectification: every field that changed is audited, with what it was and is.

    (An erasure later clears these values from the trail: app/privacy/providers.py.)

    :raises UnknownChoice:
    """
    _check_choices(sector, region)
    wanted = {
        "name": name.strip(), "sector": sector, "region": region,
        "organisation": (organisation or "").strip() or None,
        "notify_by_email": notify_by_email, "notify_comments": notify_comments,
        "notify_moderation": notify_moderation, "notify_merges": notify_merges,
        "notify_replies": notify_replies, "notify_outcomes": notify_outcomes,
    }
    changed = {field: value for field, value in wanted.items()
               if getattr(user, field) != value}
    if not changed:
        return
    before = {field: getattr(user, field) for field in changed}
    for field, value in changed.items():
        setattr(user, field, value)
    record_event(user, "user.profile_updated", user, before=before, after=changed)


class SameEmail(DomainError):
    status = 422
    message = _l("This is already your email address.")


class EmailTaken(DomainError):
    status = 409
    message = _l("This address now belongs to another account: your address was not changed.")


def request_email_change(user: User, new_email: str, password: str) -> None:
    """Rectification of the address: a link goes to the new one, and the change is made only
    when it is followed (the person proves they read it). An address that already has an
    account gets no link and the same answer, so the form tells nobody who is registered.

    :raises WrongPassword, InvalidEmail, SameEmail:
    """
    if not passwords.password_matches(user.password_hash, password or ""):
        raise WrongPassword(field="email_password")
    try:
        address = normalise_email(new_email)
    except InvalidEmail as exc:
        raise InvalidEmail(field="new_email") from exc
    if address == user.email:
        raise SameEmail(field="new_email")
    record_event(user, "user.email_change_asked", user)
    if find_by_email(address) is not None:
        return
    user.pending_email = address
    link = url_for("accounts.confirm_email_change",
                   token=tokens.make_token(EMAIL_CHANGE, user.id, address), _external=True)
    with force_locale(user.locale or current_app.config["MINGA_DEFAULT_LOCALE"]):
        send_mail(address, str(_l("Confirm your new email address")),
                  render_template("mail/email_change.txt", user=user, link=link,
                                  hours=current_app.config["VERIFY_TOKEN_MAX_AGE"] // 3600))


def confirm_email_change(token: str) -> User:
    """Make the pending address the account's, from the link sent to it; the old address is
    told, in case it was not its owner who asked.

    :raises LinkInvalid, LinkExpired, EmailTaken:
    """
    user = _user_from_token(EMAIL_CHANGE, token, current_app.config["VERIFY_TOKEN_MAX_AGE"],
                            lambda u: u.pending_email or "")
    if not user.pending_email:
        raise LinkInvalid
    new, old = user.pending_email, user.email
    if find_by_email(new) is not None:
        raise EmailTaken
    try:
        with db.session.begin_nested():  # two accounts claiming the address at once
            user.email, user.pending_email = new, None
            user.email_verified_at = now()
    except IntegrityError:
        raise EmailTaken from None
    record_event(user, "user.email_changed", user)
    with force_locale(user.locale or current_app.config["MINGA_DEFAULT_LOCALE"]):
        send_mail(old, str(_l("Your email address was changed")),
                  render_template("mail/email_changed.txt", user=user))
    return user


def unsubscribe(token: str) -> tuple[User, str]:
    """Turn off one kind of notification from a signed link; return (user, kind).

    :raises LinkInvalid:
    """
    from app.accounts.notifications import KINDS, read_unsubscribe_token

    found = read_unsubscribe_token(token)
    user = db.session.get(User, found[0]) if found else None
    if user is None:
        raise LinkInvalid
    setattr(user, KINDS[found[1]], False)
    record_event(user, "user.unsubscribed", user, after={"kind": found[1]})
    return user, found[1]


def set_locale(user: User | None, locale: str) -> None:
    if user is not None:
        user.locale = locale


def can_manage_roles(user) -> bool:
    return bool(user and user.is_authenticated and user.is_admin)


def change_role(actor: User, user: User, role: str) -> None:
    """Give `user` a new role.

    :raises NotAllowed: the actor is not an administrator.
    :raises UnknownChoice: no such role.
    :raises LastAdmin: it would leave the site without an administrator.
    """
    if not can_manage_roles(actor):
        raise NotAllowed
    if role not in ROLES:
        raise UnknownChoice(field="role")
    if user.role == role:
        return
    if user.role == "admin":
        admins = db.session.scalar(db.select(func.count()).where(User.role == "admin"))
        if admins <= 1:
            raise LastAdmin
    before = {"role": user.role}
    user.role = role
    record_event(actor, "user.role_changed", user, before=before, after={"role": role})


def create_admin(email: str, password: str | None,
                 name: str = "Administrator") -> tuple[User, bool]:
    """Create a verified administrator, or promote an existing account; return (user, created).

    :raises InvalidEmail, PasswordTooShort, PasswordTooCommon:
    """
    existing = find_by_email(email)
    if existing is not None:
        existing.role = "admin"
        existing.email_verified_at = existing.email_verified_at or now()
        record_event(None, "user.role_changed", existing, after={"role": "admin"})
        return existing, False
    check_password_rules(password or "")
    user = User(
        email=normalise_email(email),
        password_hash=passwords.hash_password(password),
        name=name,
        sector="government",
        region=current_app.config["MINGA_REGIONS"][0],
        role="admin",
        email_verified_at=now(),
        privacy_accepted_at=now(),
        created_at=now(),
    )
    db.session.add(user)
    db.session.flush()
    record_event(None, "user.created_admin", user)
    return user, True


def list_users(query: str = "", page: int = 1, per_page: int = 25):
    """Return a page of accounts for administrators, optionally filtered by name or email."""
    stmt = db.select(User).order_by(User.created_at.desc(), User.id.desc())
    if query:
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(func.lower(User.name).like(like) | User.email.like(like))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)

"""Logins: each browser an account is logged in on, and ending them.

Flask-Login keeps a login's token in the (server-side) session and, when asked, in the
remember-me cookie; the user loader honours a token only while its row exists, the
account is not blocked and the login has been used within its lifetime. Logging out,
"log out everywhere else", a password change, a block or an erasure delete rows, so a
copied session or remember-me cookie stops working at once.
"""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, session
from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.accounts.models import Login, User
from app.audit.services import record_event
from app.core.clock import now
from app.core.db.engine import may_write, session_writes_from_here
from app.core.errors import DomainError
from app.extensions import db

TOKEN_BYTES = 32


class LoginNotFound(DomainError):
    status = 404


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lifetime(remembered: bool) -> timedelta:
    config = current_app.config
    return config["REMEMBER_COOKIE_DURATION"] if remembered else config[
        "PERMANENT_SESSION_LIFETIME"]


def _still_alive(at):
    """Logins used within their lifetime (a remembered one lasts as its cookie does)."""
    return or_(Login.last_seen_at > at - _lifetime(True),
               (Login.remembered.is_(False)) & (Login.last_seen_at > at - _lifetime(False)))


def start_login(user: User, browser: str, remembered: bool) -> Login:
    """Record a new login of `user` on this browser; `user.get_id()` is now its token."""
    session_writes_from_here()  # a login request read first (the password hash)
    at = now()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    # Logins nobody used within their lifetime go: the list shows live ones only.
    db.session.execute(delete(Login).where(Login.user_id == user.id, ~_still_alive(at))
                       .execution_options(synchronize_session=False))
    login = Login(user_id=user.id, token_hash=_hash(token), started_at=at, last_seen_at=at,
                  remembered=remembered, browser=browser[:60])
    db.session.add(login)
    db.session.flush()
    login.token = token
    user.login = login
    return login


# Every request of a logged-in visitor runs it: built once.
_LIVE_LOGIN = (select(User, Login).join(Login, Login.user_id == User.id)
               .where(Login.token_hash == bindparam("token_hash"), User.blocked_at.is_(None),
                      User.frozen_at.is_(None), User.erased_at.is_(None)))


def load_login(token) -> User | None:
    """Flask-Login's user loader: the account whose live login has this token, or None."""
    if not isinstance(token, str) or not token or len(token) > 100:
        return None
    found = db.session.execute(_LIVE_LOGIN, {"token_hash": _hash(token)}).first()
    if found is None:
        return None
    user, login = found
    at = now()
    # The session store forgets a session unused for its lifetime (its TTL); this bounds
    # a remember-me cookie, which the browser alone would otherwise keep honouring.
    if login.last_seen_at <= at - _lifetime(remembered=True):
        return None
    login.token = token
    user.login = login
    _touch(login, at)
    return user


def _touch(login: Login, at) -> None:
    """Note that the login is in use, at most every LOGIN_TOUCH_SECONDS.

    Reading a session writes nothing in between: SQLite has one writer, and every page
    of a logged-in visitor would otherwise take its lock. A request that may write
    (and on SQLite already holds the lock) writes it with its own changes; a page, which
    only reads, writes it in a short transaction of its own. The server-side session is
    saved again at the same moment, which moves its expiry on.
    """
    if at - login.last_seen_at < timedelta(seconds=current_app.config["LOGIN_TOUCH_SECONDS"]):
        return
    session.modified = True
    if may_write():
        login.last_seen_at = at
        return
    with db.engine.begin() as connection:
        connection.execute(update(Login).where(Login.id == login.id).values(last_seen_at=at))
    set_committed_value(login, "last_seen_at", at)


def forget_expired_logins() -> int:
    """Delete every login nobody used within its lifetime (retention); return how many."""
    return db.session.execute(delete(Login).where(~_still_alive(now()))
                              .execution_options(synchronize_session=False)).rowcount


def live_logins(user: User) -> list[Login]:
    """The account's logins in use, most recently used first."""
    return list(db.session.scalars(
        select(Login).where(Login.user_id == user.id, _still_alive(now()))
        .order_by(Login.last_seen_at.desc(), Login.id.desc())))


def end_login(user: User, login_id: int) -> None:
    """Log one of the account's own logins out.

    :raises LoginNotFound: it is not one of theirs (or is already ended).
    """
    ended = db.session.execute(delete(Login).where(Login.id == login_id,
                                                   Login.user_id == user.id)
                               .execution_options(synchronize_session=False))
    if ended.rowcount != 1:
        raise LoginNotFound
    record_event(user, "login.ended", user, after={"login": login_id})


def end_current_login(user: User) -> None:
    """Log this browser out (the row goes: a copied cookie no longer works either)."""
    if user.login is not None:
        db.session.execute(delete(Login).where(Login.id == user.login.id)
                           .execution_options(synchronize_session=False))
        user.login = None


def end_other_logins(user: User) -> int:
    """Log out every browser of the account but this one; return how many."""
    keep = user.login.id if user.login is not None else -1
    ended = db.session.execute(delete(Login).where(Login.user_id == user.id, Login.id != keep)
                               .execution_options(synchronize_session=False)).rowcount
    record_event(user, "login.others_ended", user, after={"count": ended})
    return ended


def end_all_logins(user: User) -> None:
    """Log the account out everywhere (password change, block, erasure)."""
    db.session.execute(delete(Login).where(Login.user_id == user.id)
                       .execution_options(synchronize_session=False))
    user.login = None


def browser_family(user_agent: str) -> str:
    """A coarse label for a User-Agent, e.g. "Firefox on Android".

    Only enough for a person to recognise their own devices in a list: a full
    User-Agent database (ua-parser's) would be most of a megabyte for these two words.
    Order matters: Edge and Opera also say Chrome; Chrome also says Safari.
    """
    agent = user_agent or ""
    family = next((name for marker, name in (
        ("Edg", "Edge"), ("OPR", "Opera"), ("SamsungBrowser", "Samsung Internet"),
        ("Firefox", "Firefox"), ("Chrome", "Chrome"), ("Chromium", "Chromium"),
        ("Safari", "Safari")) if marker in agent), None)
    system = next((name for marker, name in (
        ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"),
        ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux")) if marker in agent),
        None)
    if family and system:
        return f"{family} · {system}"
    return family or system or "?"

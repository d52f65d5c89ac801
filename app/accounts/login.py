"""Who is logged in: the rule Flask-Login's user loader applies.

A login cookie carries `<account id>.<session token>` (see `User.get_id`): it holds while
the account exists, is not blocked and still has that token (changing the password or a
block rotates it, ending every other session).
"""

from datetime import datetime

from app.accounts.models import User
from app.extensions import db


def login_of(login_id) -> tuple[int, str] | None:
    """The account id and session token a login id (`session["_user_id"]`) names, or None."""
    if not isinstance(login_id, str):
        return None
    raw_id, _, token = login_id.partition(".")
    if not raw_id.isdigit():
        return None
    return int(raw_id), token


def may_stay_logged_in(session_token: str | None, blocked_at: datetime | None,
                       token: str) -> bool:
    """Whether an account with this token and block date still honours a login with `token`."""
    return session_token is not None and session_token == token and blocked_at is None


def load_user(login_id: str) -> User | None:
    """Flask-Login's user loader: the account a session's login id names, if it still holds."""
    login = login_of(login_id)
    if login is None:
        return None
    user = db.session.get(User, login[0])
    if user is None or not may_stay_logged_in(user.session_token, user.blocked_at, login[1]):
        return None
    return user

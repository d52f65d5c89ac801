"""Who is logged in: the rule Flask-Login's user loader applies, and a lean way to apply it.

A login cookie carries `<account id>.<session token>` (see `User.get_id`): it holds while
the account exists, is not blocked and still has that token (changing the password or a
block rotates it, ending every other session).

The loader checks that on a loaded `User`. A vote, the busiest request, reads the same
few columns inside its own query instead (`ACCOUNT_COLUMNS`) and hands Flask-Login a
`SessionAccount`: no second query and no model to build. Anything a `SessionAccount` does
not carry loads the model once, so code that wants more of the account still works.
"""

from datetime import datetime

from flask_login import UserMixin

from app.accounts.models import User
from app.extensions import db

_users = User.__table__
# What `account_from_row` needs, in this order: selectable beside another feature's rows.
ACCOUNT_COLUMNS = (_users.c.session_token, _users.c.blocked_at, _users.c.email_verified_at,
                   _users.c.locale)


def with_account(from_clause, account_id):
    """`from_clause` with the account `account_id` (a bind parameter) outer-joined, so a
    query can select `ACCOUNT_COLUMNS` (all None when there is no such account)."""
    return from_clause.outerjoin(_users, _users.c.id == account_id)


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


class SessionAccount(UserMixin):
    """The logged-in account as read with `ACCOUNT_COLUMNS`: enough to act as it.

    Carries the id, whether the email is verified and the language; anything else
    (name, role …) is read from the account's model, loaded on first use.
    """

    def __init__(self, account_id: int, session_token: str, email_verified_at, locale):
        self.id = account_id
        self.session_token = session_token
        self.email_verified_at = email_verified_at
        self.locale = locale
        self._model = None

    def get_id(self) -> str:
        return f"{self.id}.{self.session_token}"

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    def model(self) -> User:
        if self._model is None:
            self._model = db.session.get(User, self.id)
        return self._model

    def __getattr__(self, name: str):
        # Only called for what the instance and class lack: the rest of the account.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.model(), name)

    def __repr__(self) -> str:
        return f"<SessionAccount {self.id}>"


def account_from_row(login: tuple[int, str], row) -> SessionAccount | None:
    """The `SessionAccount` of `login` from its `ACCOUNT_COLUMNS` values, if the login holds.

    `row` is None (or all None) when no such account exists.
    """
    if row is None:
        return None
    session_token, blocked_at, email_verified_at, locale = row
    if not may_stay_logged_in(session_token, blocked_at, login[1]):
        return None
    return SessionAccount(login[0], session_token, email_verified_at, locale)

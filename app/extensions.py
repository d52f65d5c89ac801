"""Extensions, created unbound here and bound to the app in create_app."""

from functools import lru_cache
from hashlib import sha512

from flask import current_app, g, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_login.signals import user_accessed
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData

from app.csrf_check import KeptCSRFProtect
from app.database import include_object
from app.db_types import render_item


def client_address() -> str:
    """Return the client's address (after ProxyFix), the key for per-address limits."""
    return address_of(request.environ)


def address_of(environ) -> str:
    """`client_address` of the request with this WSGI environment."""
    return environ.get("REMOTE_ADDR") or "unknown"


# Named constraints so Alembic batch migrations on SQLite can alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

KEPT_HEADER_LENGTH = 512  # longer headers are not kept: the cache stays small


def session_identifier(forwarded_for: str | None, remote_addr: str | None,
                       user_agent: str | None) -> str:
    """Flask-Login's session protection identifier (`_create_identifier`) of a request
    with these headers and address: a SHA-512 per request otherwise."""
    if len(forwarded_for or "") + len(user_agent or "") > KEPT_HEADER_LENGTH:
        return _identifier(forwarded_for, remote_addr, user_agent)
    return _kept_identifier(forwarded_for, remote_addr, user_agent)


def _identifier(forwarded_for, remote_addr, user_agent) -> str:
    address = forwarded_for if forwarded_for is not None else remote_addr
    if address is not None:
        address = address.encode("utf-8").split(b",")[0].strip()
    agent = user_agent.encode("utf-8") if user_agent is not None else None
    return sha512(f"{address}|{agent}".encode()).hexdigest()


_kept_identifier = lru_cache(maxsize=4096)(_identifier)  # the browsers active lately


def _request_identifier() -> str:
    environ = request.environ
    return session_identifier(environ.get("HTTP_X_FORWARDED_FOR"), request.remote_addr,
                              environ.get("HTTP_USER_AGENT"))


class MingaLoginManager(LoginManager):
    """Flask-Login's manager, which can also take a user the request has already read."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._session_identifier_generator = _request_identifier

    def adopt(self, user) -> bool:
        """Make `user` the current user, as loading the session's login would have.

        For a request that read and checked the session's account itself (see
        app/accounts/login.py): the same steps as `_load_user` (the signal, session
        protection) without calling the user loader. Returns whether `user` was taken;
        not if a user is loaded already or session protection refused the session.
        """
        if "_login_user" in g:
            return False
        user_accessed.send(current_app._get_current_object())
        if self._session_protection_failed():
            self._update_request_context_with_user()  # anonymous, as `_load_user` does
            return False
        self._update_request_context_with_user(user)
        return True


db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate(render_as_batch=True, compare_type=True, render_item=render_item,
                  include_object=include_object)
login_manager = MingaLoginManager()
csrf = KeptCSRFProtect()
babel = Babel()
class MingaLimiter(Limiter):
    """Flask-Limiter, with endpoints that count their own limits left out of its checks.

    The vote views count theirs in one Redis call (app/voting/limits.py); without this,
    Flask-Limiter's before-request hook would still work out, on every vote, that it has
    nothing to do there. Default or application limits, were any configured, do not
    apply to them either (as they did not to the decorated views these replaced).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.self_counted: set[str] = set()

    def counts_itself(self, *endpoints: str) -> None:
        self.self_counted.update(endpoints)

    def _check_request_limit(self, callable_name=None, in_middleware=True):
        if in_middleware and request.endpoint in self.self_counted:
            return None
        return super()._check_request_limit(callable_name, in_middleware)

    def init_app(self, app) -> None:
        super().init_app(app)
        # Its after-request hook (headers of the limit the request was checked against,
        # conditional deductions) has nothing to do on a view it left alone either.
        hooks = app.after_request_funcs.get(None, [])
        for index, hook in enumerate(hooks):
            if getattr(hook, "func", None) is getattr(Limiter, "_Limiter__inject_headers", ()):
                hooks[index] = self._unless_self_counted(hook)

    def _unless_self_counted(self, inject_headers):
        def limit_headers(response):
            if request.endpoint in self.self_counted:
                return response
            return inject_headers(response)

        return limit_headers


limiter = MingaLimiter(key_func=client_address)

"""A plain-form vote cast or withdrawn without Flask's request machinery.

A vote is the busiest request of a national call, and its work is small: check the
session, the login and the form's token, count the rate limits, one SELECT, four writes,
one commit, a redirect. Around that, Flask built a request, bound and matched the URL
map, ran every hook of the site (page cache, CSRF, limiter, locale, Flask-Login's
cookie, security headers, session) and built and copied a response: two thirds of a
vote's processor time on the benchmark's machine, which capped votes at a fifth of what
the bare framework serves (bench/, README "Performance").

`VoteFastPath` sits under ProxyFix and above Flask. For a POST to a vote URL it applies
the same rules with the same functions (`check_token`, `same_site`, the session cookie's
checked values, Flask-Login's session protection identifier, `login_of` and
`account_from_row`, `count_vote_request`, the voting services, `notice_cookie`,
`security_headers`) and answers as Flask would: 302 to the form's `next`, the notice
cookie, `Vary: Cookie` and the security headers. It takes a request only when it is
the plain case: a logged-in session that holds (permanent, nothing flashed, no code
ballots, no remember-me work), a form of just the token and a safe `next`, no query
string, no JSON wanted. Anything else goes to Flask untouched (the body put back), before
anything is counted or written.

Once the rate limits are counted, a refusal (over a limit, no such proposal, a login
that no longer holds, a rule of the service) is still Flask's to word and render: the
request goes to it with the limits' verdict in the WSGI environment (`LIMITS_COUNTED`),
so the vote view does not count them twice, and the service runs again on a database
the fast path left unchanged (its transaction rolled back).
"""

import io
import logging
import re
from collections import OrderedDict
from urllib.parse import parse_qsl

from flask import Flask
from werkzeug.urls import iri_to_uri
from werkzeug.wsgi import get_host
from wtforms import ValidationError

from app.accounts.login import account_from_row, login_of
from app.csrf_check import check_token, same_site
from app.database import begin_writing, done_writing, own_connection
from app.errors import DomainError
from app.extensions import address_of, login_manager, session_identifier
from app.form_body import URLENCODED
from app.notices import notice_cookie
from app.page_cache import forget_kept_pages
from app.redirects import is_safe_path
from app.security_headers import security_headers
from app.voting import services
from app.voting.limits import account_voter, count_vote_request
from app.voting.visitor import SESSION_KEY

log = logging.getLogger(__name__)

VOTE_PATH = re.compile(r"/calls/([A-Za-z0-9_-]+)/proposals/([A-Za-z0-9_-]+)/vote(/withdraw)?")
LIMITS_COUNTED = "minga.vote_limits_counted"  # the verdict, for the view (see above)
MAX_BODY = 4096  # a token and a path; anything longer is Flask's to read
KEEP_REDIRECTS = 256  # `next` paths: the lists and proposal pages votes come from
# Session keys that make an after-request hook or the next response do something.
BUSY_SESSION_KEYS = frozenset({"_flashes", "_remember", SESSION_KEY})
ACTIONS = {None: (services.cast_vote, "vote-cast"),
           "/withdraw": (services.withdraw_vote, "vote-withdrawn")}


class _HandOver(Exception):
    """Flask answers this request, with the verdict of the limits counted for it."""

    def __init__(self, verdict):
        self.verdict = verdict


class VoteFastPath:
    def __init__(self, app: Flask, wsgi_app):
        self.app, self.wsgi_app = app, wsgi_app
        self.served = 0  # votes answered here, not by Flask
        self._redirects: OrderedDict = OrderedDict()

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] == "POST":
            match = VOTE_PATH.fullmatch(environ.get("PATH_INFO", ""))
            if match is not None and self.app.config["VOTE_FAST_PATH"]:
                answer = self._vote(environ, *match.groups())
                if answer is not None:
                    self.served += 1
                    status, headers, body = answer
                    start_response(status, headers)
                    return [body]
        return self.wsgi_app(environ, start_response)

    def _vote(self, environ, slug, reference, withdraw):
        """The response (status, headers, body), or None: Flask answers."""
        form = self._form(environ)
        if form is None:
            return None
        values = self._session(environ, form)
        if values is None:
            return None
        login = login_of(values.get("_user_id"))
        if login is None:
            return None
        action, notice = ACTIONS[withdraw]
        try:
            with self.app.app_context():
                return self._cast(environ, slug, reference, login, action, notice,
                                  form["next"])
        except _HandOver as handover:
            environ[LIMITS_COUNTED] = handover.verdict
            return None

    def _form(self, environ) -> dict | None:
        """The form's fields, if it is a plain vote form; the body is put back for Flask."""
        config = self.app.config
        if (environ.get("QUERY_STRING") or environ.get("CONTENT_TYPE") != URLENCODED
                or "json" in environ.get("HTTP_ACCEPT", "")):
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return None
        if not 0 < length <= min(MAX_BODY, config["MAX_CONTENT_LENGTH"] or MAX_BODY):
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        try:  # as app/form_body.py reads it
            pairs = parse_qsl(body.decode(), keep_blank_values=True,
                              errors="werkzeug.url_quote")
        except ValueError:
            return None
        form = dict(pairs)
        if len(form) != len(pairs):  # a field twice: Flask reads the first
            return None
        csrf_field = config["WTF_CSRF_FIELD_NAME"]
        if (form.keys() - {csrf_field, "next"} or not is_safe_path(form.get("next"))
                or any("\x00" in value for value in form.values())):
            return None
        return form

    def _session(self, environ, form) -> dict | None:
        """The session's values, if it holds and this request changes nothing in it."""
        app, config = self.app, self.app.config
        if (config["SESSION_REFRESH_EACH_REQUEST"] or config.get("TRUSTED_HOSTS")
                or config.get("REMEMBER_COOKIE_REFRESH_EACH_REQUEST")):
            return None
        cookie = _cookie(environ.get("HTTP_COOKIE", ""), config["SESSION_COOKIE_NAME"])
        values = app.session_interface.values_of(app, cookie)
        if not values or not values.get("_permanent") or values.keys() & BUSY_SESSION_KEYS:
            return None
        mode = config.get("SESSION_PROTECTION", login_manager.session_protection)
        if mode in ("basic", "strong") and values.get("_id") != session_identifier(
                environ.get("HTTP_X_FORWARDED_FOR"), environ.get("REMOTE_ADDR"),
                environ.get("HTTP_USER_AGENT")):
            return None
        if config["WTF_CSRF_ENABLED"]:
            if not config["WTF_CSRF_CHECK_DEFAULT"] or "POST" not in config["WTF_CSRF_METHODS"]:
                return None  # checked elsewhere than in CSRFProtect: Flask's to do
            try:
                check_token(form.get(config["WTF_CSRF_FIELD_NAME"]), config, app.secret_key,
                            values)
            except ValidationError:
                return None
            if environ["wsgi.url_scheme"] == "https" and config["WTF_CSRF_SSL_STRICT"]:
                referrer = environ.get("HTTP_REFERER")
                if not referrer or not same_site(referrer, get_host(environ)):
                    return None
        return values

    def _cast(self, environ, slug, reference, login, action, notice, next_path):
        """Count, read, write and commit, in the app's context; the response."""
        try:
            refuse = count_vote_request(address_of(environ), account_voter(login[0]))
        except DomainError as exc:  # the limits' storage is down: Flask's 503 page
            raise _HandOver(_raising(exc)) from None
        committed, verdict = False, None
        try:
            with own_connection() as connection:
                target = services.vote_target(slug, reference, login[0], None, connection)
                verdict = _verdict_of(refuse)
                if verdict is not _no_refusal or target is None:
                    raise _HandOver(verdict)
                account = account_from_row(login, target.account)
                if account is None:
                    raise _HandOver(verdict)
                transaction = begin_writing(connection)
                try:
                    ballot = action(target.call, target.proposal, account,
                                    connection=connection, ballot=target.ballot)
                except DomainError:
                    transaction.rollback()
                    raise _HandOver(verdict) from None
                transaction.commit()
                committed = True
                done_writing()
        except _HandOver:
            raise
        except Exception:
            if committed:
                raise
            # Nothing written, or (a commit that failed on its way back) written: Flask
            # runs the vote again and answers, refusing it as cast already in that case
            # (never counted twice: the unique index), or with its 500 page.
            log.exception("vote fast path failed; Flask answers")
            raise _HandOver(verdict or _verdict_of(refuse)) from None  # read once only
        forget_kept_pages(self.app)
        location, body = self._redirect(next_path)
        return "302 FOUND", [
            ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
            ("Location", location),
            ("Set-Cookie", notice_cookie(notice, used=ballot.used, budget=ballot.budget)),
            ("Vary", "Cookie"), *security_headers(self.app.config)], body

    def _redirect(self, path: str) -> tuple[str, bytes]:
        """Flask's redirect to `path`: its Location header and its body."""
        kept = self._redirects.get(path)
        if kept is None:
            response = self.app.redirect(path)
            kept = self._redirects[path] = (iri_to_uri(response.location), response.get_data())
            if len(self._redirects) > KEEP_REDIRECTS:
                self._redirects.popitem(last=False)
        return kept


def _cookie(header: str, name: str) -> str | None:
    """The value of cookie `name` in a Cookie header, if it is there once and plain.

    A header with quotes is werkzeug's to read: a quoted value may hold semicolons.
    """
    if '"' in header:
        return None
    found = None
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            if found is not None or not value or "\\" in value:
                return None
            found = value
    return found


def _no_refusal() -> None:
    return None


def _raising(exc: Exception):
    """A verdict that refuses with `exc`."""
    def raise_it():
        raise exc

    return raise_it


def _verdict_of(refuse):
    """The limits' verdict as a function the view calls: it refuses as `refuse` did."""
    try:
        refuse()
    except Exception as exc:  # TooManyRequests, LimitsUnavailable
        return _raising(exc)
    return _no_refusal

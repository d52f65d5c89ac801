"""Flask, without the things it builds anew on every request that never change.

For each request Flask asks, of every hook and of the view, whether it is a coroutine
function (thirteen `inspect` calls per vote), and builds the session cookie's
serializer twice (reading and writing), which serialises an empty dict to learn that
its output is text. A vote is about a millisecond of processor time; these were 4 % of it.
Under every itsdangerous serializer (the session's, the CSRF token's), each `loads` and
`dumps` builds a signer and derives its key with one more HMAC: `keep_signers`.
"""

import time

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, SignatureExpired


MAX_KEPT_FUNCTIONS = 512  # hooks and views; functions made per request are not kept
KEEP_SESSIONS = 2048  # about 1 KB each (cookie and values): the sessions active lately
PLAIN = frozenset({str, int, float, bool, type(None)})  # values a copy of the dict copies


class LeanFlask(Flask):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sync_functions: dict = {}
        self.session_interface = KeptSerializerSessionInterface()

    def ensure_sync(self, func):
        # Bound methods compare and hash by (instance, function): one entry per hook.
        try:
            return self._sync_functions[func]
        except KeyError:
            sync = super().ensure_sync(func)
            if len(self._sync_functions) < MAX_KEPT_FUNCTIONS:
                self._sync_functions[func] = sync
            return sync
        except TypeError:  # an unhashable callable
            return super().ensure_sync(func)


class KeptSerializerSessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, its serializer built once per set of keys.

    A session cookie whose signature held, and which holds only plain values (a login,
    a form token: not flashes or a code voter's ballots), is remembered with the time
    it was signed: the same browser sends the same cookie with every request until the
    session changes, and its next requests check only that age (`CheckedSignatures`) and
    copy the values (the signature, base64, zlib and JSON were 6 % of a vote).
    """

    def __init__(self):
        self._serializers: dict = {}
        self._opened = CheckedSignatures(KEEP_SESSIONS)

    def get_signing_serializer(self, app):
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._serializers.get(keys)
        if serializer is None:
            serializer = super().get_signing_serializer(app)
            if serializer is not None:
                self._serializers[keys] = keep_signers(serializer)
        return serializer

    def open_session(self, app, request):
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        values = self._loads(app, serializer, request.cookies.get(self.get_cookie_name(app)))
        return self.session_class(values or ())  # a copy: the kept values stay as read

    def values_of(self, app, cookie: str | None) -> dict | None:
        """The values a session cookie holds, as read (not to be changed), or None where
        there is no cookie or it does not hold (tampered with, expired, no secret key)."""
        serializer = self.get_signing_serializer(app)
        return None if serializer is None else self._loads(app, serializer, cookie)

    def _loads(self, app, serializer, cookie: str | None) -> dict | None:
        if not cookie:
            return None
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            return self._opened.loads(serializer, cookie, max_age, keep=_plain)
        except BadSignature:  # expired included
            return None

    def save_session(self, app, session, response) -> None:
        # Unchanged and not to be refreshed, Flask would only add "Vary: Cookie"; its
        # way (reading the cookie's seven settings, parsing Vary into a set) was a
        # sixtieth of a vote.
        if session and not session.modified and not (
                session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            if session.accessed:
                vary_on_cookie(response)
            return
        super().save_session(app, session, response)


def _plain(values: dict) -> bool:
    return all(type(value) in PLAIN for value in values.values())


class CheckedSignatures:
    """Values of signed strings whose signature held, with the time each was signed.

    A browser sends the same session cookie, and a session's forms the same CSRF token,
    until they change: a string checked once is checked again only for its age, by
    itsdangerous's rule (signed at most `max_age` seconds ago, and not in the future).
    At most `limit` strings are kept, each with its serializer (and so with its keys).
    """

    def __init__(self, limit: int):
        self.limit = limit
        self._kept: dict = {}

    def loads(self, serializer, signed: str, max_age: int | None, keep=None):
        """What `serializer.loads(signed, max_age=max_age)` returns; a value for which
        `keep(value)` is false is not remembered.

        :raises BadSignature: SignatureExpired for one too old, as `loads` says it.
        """
        kept = self._kept.get((serializer, signed))
        if kept is None:
            value, signed_at = serializer.loads(signed, max_age=max_age,
                                                return_timestamp=True)
            if keep is None or keep(value):
                if len(self._kept) >= self.limit:
                    self._kept.clear()
                self._kept[(serializer, signed)] = (value, int(signed_at.timestamp()))
            return value
        value, signed_at = kept
        age = int(time.time()) - signed_at
        if max_age is not None and not 0 <= age <= max_age:
            raise SignatureExpired(f"Signature age {age} is out of 0..{max_age} seconds")
        return value


def vary_on_cookie(response) -> None:
    """What `response.vary.add("Cookie")` does."""
    vary = response.headers.get("Vary")
    if not vary:
        response.headers["Vary"] = "Cookie"
    elif "cookie" not in {value.strip().lower() for value in vary.split(",")}:
        response.headers["Vary"] = f"{vary}, Cookie"


def keep_signers(serializer):
    """Make an itsdangerous `serializer` build its signer once per salt, and each signer
    derive its key once per secret key; returns the serializer. Signatures are unchanged."""
    signers: dict = {}
    make = serializer.make_signer

    def make_signer(salt=None):
        signer = signers.get(salt)
        if signer is None:
            signer = signers[salt] = _keeping_keys(make(salt))
        return signer

    serializer.make_signer = make_signer
    return serializer


def _keeping_keys(signer):
    derived: dict = {}
    derive = signer.derive_key

    def derive_key(secret_key=None):
        key = derived.get(secret_key)
        if key is None:
            key = derived[secret_key] = derive(secret_key)
        return key

    signer.derive_key = derive_key
    return signer

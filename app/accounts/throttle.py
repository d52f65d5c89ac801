"""Failed logins, counted so that nobody learns which addresses have accounts and nobody
can shut an owner out (OWASP, "Slow down online guessing attacks with device cookies").

Failures are counted per email address — an address without an account exactly like one
with — and after LOGIN_MAX_FAILURES the address is locked for LOGIN_LOCKOUT_MINUTES for
every browser that has not logged in to it before. A browser that has holds a signed
*device cookie* naming the address: its failures are counted apart, under the device, so
a stranger's lockout does not stop the owner; a device that fails as often is locked in
turn and is then treated like any other browser.

Only keyed hashes are stored (of the address, of the device's random nonce): the table
holds no email address.
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app.accounts.models import LoginThrottle
from app.core.clock import now
from app.extensions import db

DEVICE_COOKIE = "minga_device"
DEVICE_COOKIE_PATH = "/accounts/"
# A shared family computer may be trusted by a few accounts; the oldest goes first.
DEVICES_PER_COOKIE = 5


def _digest(kind: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def address_key(email: str) -> str:
    """The counter of an address as typed (trimmed, lower case): valid or not, known or not."""
    return _digest("address", (email or "").strip().lower())


def device_key(nonce: str) -> str:
    return _digest("device", nonce)


def _window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_LOCKOUT_MINUTES"])


def find(key: str) -> LoginThrottle | None:
    return db.session.get(LoginThrottle, key)


def is_locked(row: LoginThrottle | None) -> bool:
    return row is not None and row.locked_until is not None and row.locked_until > now()


def has_failures(row: LoginThrottle | None) -> bool:
    return row is not None and (row.failures > 0 or row.locked_until is not None)


def _row_for_update(key: str) -> LoginThrottle:
    # FOR UPDATE on PostgreSQL; on SQLite the caller already holds the write lock.
    query = select(LoginThrottle).where(LoginThrottle.key == key).with_for_update()
    row = db.session.scalar(query)
    if row is not None:
        return row
    try:
        with db.session.begin_nested():  # two first failures at once: one insert wins
            row = LoginThrottle(key=key, failures=0, updated_at=now())
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        row = db.session.scalar(query.execution_options(populate_existing=True))
    # Counters nobody has touched for a day are gone: the table stays small.
    db.session.execute(delete(LoginThrottle).where(
        LoginThrottle.updated_at < now() - timedelta(days=1), LoginThrottle.key != key))
    return row


def forget_old_failures() -> int:
    """Delete counters nobody touched for a day (retention); return how many."""
    return db.session.execute(delete(LoginThrottle).where(
        LoginThrottle.updated_at < now() - timedelta(days=1))
        .execution_options(synchronize_session=False)).rowcount


def record_failure(key: str) -> bool:
    """Count one failure under `key`; return True when this one locks it."""
    row = _row_for_update(key)
    moment = now()
    if (row.locked_until is not None and row.locked_until <= moment) \
            or row.updated_at < moment - _window():
        row.failures, row.locked_until = 0, None  # an old lockout or old failures: start over
    row.failures += 1
    row.updated_at = moment
    if row.failures < current_app.config["LOGIN_MAX_FAILURES"]:
        return False
    row.failures, row.locked_until = 0, moment + _window()
    return True


def clear(key: str) -> None:
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))


# The device cookie: [[address digest, nonce, issued at], ...], newest first, signed.

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="minga.device")


def _entries(cookie: str | None) -> list[list]:
    if not cookie:
        return []
    try:
        entries = _serializer().loads(cookie)
    except BadSignature:
        return []
    if not isinstance(entries, list):
        return []
    oldest = now().timestamp() - current_app.config["DEVICE_COOKIE_DAYS"] * 86400
    return [entry for entry in entries
            if isinstance(entry, list) and len(entry) == 3
            and isinstance(entry[0], str) and isinstance(entry[1], str)
            and isinstance(entry[2], int) and entry[2] >= oldest]


def device_nonce(cookie: str | None, email: str) -> str | None:
    """The nonce this browser's device cookie holds for `email`, if it holds one."""
    wanted = address_key(email)
    return next((nonce for digest, nonce, _at in _entries(cookie) if digest == wanted), None)


def device_cookie_value(cookie: str | None, email: str) -> str:
    """The cookie to send after a login to `email` proved this browser: a fresh nonce for
    the address, first, beside the other addresses' entries."""
    digest = address_key(email)
    others = [entry for entry in _entries(cookie) if entry[0] != digest]
    entry = [digest, secrets.token_urlsafe(16), int(now().timestamp())]
    return _serializer().dumps([entry, *others][:DEVICES_PER_COOKIE])


def device_cookie_expires() -> datetime:
    return now() + timedelta(days=current_app.config["DEVICE_COOKIE_DAYS"])

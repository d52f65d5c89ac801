"""Signed, expiring links for email verification and password reset.

The expiry is checked against the app clock (not itsdangerous' wall clock) so
tests can age a link. Each token carries a fingerprint of the state it acts
on, so a used link stops working: verification is bound to the address,
reset to the current password hash.
"""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from app.core.clock import now


class TokenInvalid(Exception):
    """The link was altered, is for another purpose or was already used."""


class TokenExpired(Exception):
    """The link is genuine but older than its purpose allows."""


def _serializer(purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"minga.{purpose}")


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def make_token(purpose: str, user_id: int, state: str) -> str:
    payload = {"u": user_id, "f": fingerprint(state), "t": int(now().timestamp())}
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str, max_age: int) -> tuple[int, str]:
    """Return (user_id, fingerprint) from a token.

    :raises TokenInvalid: the signature or payload is wrong.
    :raises TokenExpired: the token is older than max_age seconds.
    """
    try:
        payload = _serializer(purpose).loads(token)
        user_id, print_, issued = int(payload["u"]), str(payload["f"]), int(payload["t"])
    except (BadSignature, KeyError, TypeError, ValueError) as exc:
        raise TokenInvalid from exc
    if now().timestamp() - issued > max_age:
        raise TokenExpired
    return user_id, print_

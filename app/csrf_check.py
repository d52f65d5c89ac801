"""Flask-WTF's CSRF check, with the token's serializer kept instead of built per request.

Every POST runs it, a vote included; built per request (with the signer under it, its
key derived again, and three config lookups through proxies) it was a twentieth of a
vote's processor time.
The tokens, the rules and the messages are Flask-WTF's: forms still get their tokens
from `generate_csrf`, and `validate_csrf` would accept the same ones.

A token whose signature held is remembered with the time it was signed (`_token`): a
session posts the same token with every form, so a voter's next votes check only its
age, not its signature (2 % of a vote's instructions).
"""

import hmac
import time
from functools import lru_cache

from flask import current_app, g, request, session
from flask_wtf.csrf import CSRFProtect, logger, same_origin
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer
from wtforms import ValidationError

from app.lean_flask import keep_signers


KEEP_CHECKED = 4096  # tokens of about 100 characters: the active sessions of a while
_checked: dict[tuple, tuple[object, int]] = {}


@lru_cache(maxsize=8)
def _serializer(secret_key) -> URLSafeTimedSerializer:
    return keep_signers(URLSafeTimedSerializer(secret_key, salt="wtf-csrf-token"))


def _token(data: str, secret_key, max_age: int | None):
    """The value signed in `data`, as the serializer's `loads(data, max_age)` gives it.

    :raises BadData: SignatureExpired for a token older than `max_age` seconds (or
        signed in the future), as `loads` says it.
    """
    kept = _checked.get((secret_key, data))
    if kept is None:
        value, signed_at = _serializer(secret_key).loads(data, max_age=max_age,
                                                         return_timestamp=True)
        if len(_checked) >= KEEP_CHECKED:
            _checked.clear()
        _checked[(secret_key, data)] = kept = (value, int(signed_at.timestamp()))
    elif max_age is not None:
        age = int(time.time()) - kept[1]
        if age > max_age or age < 0:
            raise SignatureExpired(f"Signature age {age} is out of 0..{max_age} seconds")
    return kept[0]


def check_token(data, config, secret_key) -> None:
    """What `flask_wtf.csrf.validate_csrf` checks, with the configured field and limit.

    :raises ValidationError: with Flask-WTF's reason.
    """
    field_name = config["WTF_CSRF_FIELD_NAME"]
    if not data:
        raise ValidationError("The CSRF token is missing.")
    if field_name not in session:
        raise ValidationError("The CSRF session token is missing.")
    try:
        token = _token(data, config.get("WTF_CSRF_SECRET_KEY") or secret_key,
                       config["WTF_CSRF_TIME_LIMIT"])
    except SignatureExpired as exc:
        raise ValidationError("The CSRF token has expired.") from exc
    except BadData as exc:
        raise ValidationError("The CSRF token is invalid.") from exc
    if not hmac.compare_digest(session[field_name], token):
        raise ValidationError("The CSRF tokens do not match.")


class KeptCSRFProtect(CSRFProtect):
    def _exempt(self, app, req) -> bool:
        """Flask-WTF's exemptions (`csrf.exempt`), as 1.2 checks them before calling
        `protect` and 1.3 inside it (`apply_exemptions`)."""
        if not req.endpoint:
            return True
        if app.blueprints.get(req.blueprint) in self._exempt_blueprints:
            return True
        view = app.view_functions.get(req.endpoint)
        return view is not None and f"{view.__module__}.{view.__name__}" in self._exempt_views

    def protect(self, apply_exemptions=False):
        app = current_app._get_current_object()
        config, req = app.config, request._get_current_object()
        if req.method not in config["WTF_CSRF_METHODS"]:
            return None
        if apply_exemptions and self._exempt(app, req):
            return None
        try:
            check_token(self._get_csrf_token(), config, app.secret_key)
        except ValidationError as exc:
            logger.info(exc.args[0])
            self._error_response(exc.args[0])
        if req.is_secure and config["WTF_CSRF_SSL_STRICT"]:
            if not req.referrer:
                self._error_response("The referrer header is missing.")
            if not same_origin(req.referrer, f"https://{req.host}/"):
                self._error_response("The referrer does not match the host.")
        g.csrf_valid = True
        return None

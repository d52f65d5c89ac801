"""Flask-WTF's CSRF check, with the token's serializer kept instead of built per request.

Every POST runs it, a vote included; built per request (with the signer under it, its
key derived again, and three config lookups through proxies) it was a twentieth of a
vote's processor time.
The tokens, the rules and the messages are Flask-WTF's: forms still get their tokens
from `generate_csrf`, and `validate_csrf` would accept the same ones.

A token whose signature held is remembered with the time it was signed
(`CheckedSignatures`): a session posts the same token with every form, so a voter's next
votes check only its age, not its signature (2 % of a vote's instructions).
"""

import hmac
from functools import lru_cache

from flask import current_app, g, request, session
from flask_wtf.csrf import CSRFProtect, logger, same_origin
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer
from wtforms import ValidationError

from app.lean_flask import CheckedSignatures, keep_signers


KEEP_CHECKED = 4096  # tokens of about 100 characters: the active sessions of a while
_checked = CheckedSignatures(KEEP_CHECKED)


@lru_cache(maxsize=8)
def _serializer(secret_key) -> URLSafeTimedSerializer:
    return keep_signers(URLSafeTimedSerializer(secret_key, salt="wtf-csrf-token"))


def check_token(data, config, secret_key, session_values=None) -> None:
    """What `flask_wtf.csrf.validate_csrf` checks, with the configured field and limit,
    against `session_values` (by default the request's session).

    :raises ValidationError: with Flask-WTF's reason.
    """
    if session_values is None:
        session_values = session
    field_name = config["WTF_CSRF_FIELD_NAME"]
    if not data:
        raise ValidationError("The CSRF token is missing.")
    if field_name not in session_values:
        raise ValidationError("The CSRF session token is missing.")
    try:
        token = _checked.loads(_serializer(config.get("WTF_CSRF_SECRET_KEY") or secret_key),
                               data, config["WTF_CSRF_TIME_LIMIT"])
    except SignatureExpired as exc:
        raise ValidationError("The CSRF token has expired.") from exc
    except BadData as exc:
        raise ValidationError("The CSRF token is invalid.") from exc
    if not hmac.compare_digest(session_values[field_name], token):
        raise ValidationError("The CSRF tokens do not match.")


def same_site(referrer: str, host: str) -> bool:
    """Flask-WTF's `same_origin(referrer, f"https://{host}/")`, false (not an error) for
    an address whose port is not a number.

    A referrer that starts with exactly that origin and a slash has the same scheme, host
    name and port without parsing either address (a form posts from its own site).
    """
    if referrer.startswith(f"https://{host}/"):
        return True
    try:
        return same_origin(referrer, f"https://{host}/")
    except ValueError:  # "https://example.org:99999/": refused, not a 500
        return False


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
            if not same_site(req.referrer, req.host):
                self._error_response("The referrer does not match the host.")
        g.csrf_valid = True
        return None

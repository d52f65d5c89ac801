"""The HTTP error pages: HTML, or JSON for the API and the page's own scripts."""

import logging

from flask import Response, jsonify, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.core.errors import Conflict, DomainError
from app.extensions import db
from app.web.requests import prefers_json

log = logging.getLogger(__name__)


ERROR_TITLES = {
    400: _l("Bad request"),
    401: _l("Please log in"),
    403: _l("Not allowed"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    409: _l("Conflict"),
    413: _l("Upload too large"),
    422: _l("Could not process the request"),
    429: _l("Too many requests"),
    500: _l("Something went wrong"),
    503: _l("Briefly unavailable"),
}
ERROR_HINTS = {
    400: _l("The request could not be understood. If you were sending a form, "
            "reload the page and try again."),
    403: _l("You do not have permission to see or do this."),
    404: _l("The address may be mistyped, or the page may have moved."),
    405: _l("This address does not accept that kind of request."),
    409: _l("Someone else changed this in the meantime."),
    413: _l("What you sent is larger than the site accepts."),
    422: _l("The request was understood but could not be processed."),
    429: _l("You have tried too often. Wait a few minutes and try again."),
    500: _l("We have been notified. Please try again later."),
    503: _l("Nothing you sent was lost or changed. Please try again in a minute."),
}


def wants_json() -> bool:
    """The API, and the page's own scripts (a vote sent in the background), read JSON."""
    return request.path.startswith("/api/") or prefers_json()


def error_response(status: int, message: str | None = None):
    title = str(ERROR_TITLES.get(status, ERROR_TITLES[500]))
    detail = str(message or ERROR_HINTS.get(status, ""))
    if wants_json():
        return jsonify(error={"code": status, "message": detail or title}), status
    try:
        page = render_template("errors/error.html", status=status, title=title, detail=detail)
    except Exception:  # the page's own links cannot be built (a Host header
        # no URL can carry): still answer with the status, in plain text.
        log.warning("error page for %s could not be rendered", status)
        return Response(f"{status} {title}\n\n{detail}\n", status,
                        mimetype="text/plain"), status
    return page, status


def register_error_handlers(app) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        db.session.rollback()
        status = exc.code or 500
        # CSRF failures and our own aborts carry a specific description worth showing.
        message = exc.description if getattr(exc, "minga_message", False) else None
        if status == 400 and "CSRF" in (exc.description or ""):
            message = str(_l("The form expired or was sent from another site. "
                             "Reload the page and try again."))
        body, status = error_response(status, message)
        response = make_response(body, status)
        for name, value in exc.get_headers():
            if name.lower() in ("allow", "retry-after"):
                response.headers[name] = value
        return response

    @app.errorhandler(StaleDataError)
    def stale_data(exc: StaleDataError):
        # Backstop for a version-checked row changed by a parallel request at commit time.
        db.session.rollback()
        return error_response(Conflict.status, str(Conflict.message))

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        return error_response(exc.status, str(exc.message))

    @app.errorhandler(RedisConnectionError)
    @app.errorhandler(RedisTimeoutError)
    def limits_unavailable(exc):
        # The rate limits' storage is down and RATELIMIT_SWALLOW_ERRORS is off: the
        # limiter refused before the view ran, so nothing was written.
        db.session.rollback()
        log.warning("rate limits unavailable: their storage did not answer")
        return error_response(503, str(_l("Requests cannot be counted just now. Nothing was "
                                          "changed: please try again in a minute.")))

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        if isinstance(exc, HTTPException):
            return http_error(exc)
        db.session.rollback()
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(InternalServerError.code)

"""/healthz and /readyz, for load balancers and process managers.

/healthz says the process answers (nothing else is touched, so a slow database does not
get a healthy worker restarted). /readyz says whether this process can serve: database,
Redis (each one configured) and the job queue reachable. A failing part is named, with
the kind of failure; never an address, a URL or a password.
"""

from flask import current_app, jsonify
from redis import Redis
from sqlalchemy import text

from app.core.jobs import huey_of
from app.extensions import db, limiter
from app.health import bp

REDIS_SETTINGS = ("SESSION_REDIS_URL", "JOBS_REDIS_URL")


def _check_database() -> None:
    db.session.execute(text("SELECT 1"))
    db.session.rollback()


def _check_redis(url: str) -> None:
    client = Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    finally:
        client.close()


def _check_queue() -> None:
    huey_of(current_app).pending_count()


def _checks() -> dict:
    config = current_app.config
    checks = {"database": _check_database, "queue": _check_queue}
    urls = {config[name] for name in REDIS_SETTINGS if config.get(name)}
    storage = config.get("RATELIMIT_STORAGE_URI", "")
    if storage.startswith(("redis://", "rediss://")):
        urls.add(storage)
    for number, url in enumerate(sorted(urls), start=1):
        checks[f"redis-{number}" if len(urls) > 1 else "redis"] = (
            lambda url=url: _check_redis(url))
    return checks


@bp.route("/healthz")
@limiter.exempt
def healthz():
    response = jsonify(status="ok")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/readyz")
@limiter.exempt
def readyz():
    parts, ready = {}, True
    for name, check in _checks().items():
        try:
            check()
        except Exception as exc:  # any failure means "not ready"; its kind is named
            parts[name] = f"unreachable ({type(exc).__name__})"
            ready = False
        else:
            parts[name] = "ok"
    response = jsonify(status="ok" if ready else "unavailable", parts=parts)
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if ready else 503

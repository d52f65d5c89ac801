"""Background jobs through Huey: what must not make a person wait (mail first of all).

Each app gets its own queue, built from its settings: a SQLite file under instance/ by
default, so `make run` needs no server; Redis when JOBS_REDIS_URL is set, for several
hosts. JOBS_IMMEDIATE runs each job as soon as it is queued, in the same process (tests,
and commands run where no worker is). A job runs in an app context of its own, so it has
a database session of its own, whatever the code that queued it is doing with its own.
"""

import functools
import logging
from pathlib import Path

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey, crontab
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db

log = logging.getLogger(__name__)
EXTENSION = "minga_jobs"
AFTER_COMMIT = "minga_jobs_after_commit"


class Jobs:
    """The app's queue and the jobs registered on it, by name."""

    def __init__(self, huey):
        self.huey = huey
        self.tasks = {}


def _build_huey(app: Flask):
    config = app.config
    if config["JOBS_REDIS_URL"]:
        return RedisHuey(config["JOBS_QUEUE_NAME"], url=config["JOBS_REDIS_URL"],
                         immediate=config["JOBS_IMMEDIATE"])
    path = Path(config["JOBS_SQLITE_PATH"] or Path(app.instance_path) / "jobs.sqlite3")
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(config["JOBS_QUEUE_NAME"], filename=str(path), immediate=config["JOBS_IMMEDIATE"])


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = Jobs(_build_huey(app))


def _in_app_context(app: Flask, function):
    @functools.wraps(function)
    def run(*args, **kwargs):
        with app.app_context():
            return function(*args, **kwargs)

    return run


def register(app: Flask, function, *, every_minute: bool = False,
             every_hour: bool = False, every_month: bool = False) -> None:
    """Make `function` a job of this app (a periodic one when `every_minute`, `every_hour`
    or `every_month`, on the 1st at noon: the worker `make run` starts runs it)."""
    jobs: Jobs = app.extensions[EXTENSION]
    job = _in_app_context(app, function)
    when = (crontab(minute="*") if every_minute else crontab(minute="17") if every_hour
            else crontab(minute="0", hour="12", day="1") if every_month else None)
    if when is not None:
        jobs.tasks[function.__name__] = jobs.huey.periodic_task(
            when, name=function.__name__)(job)
    else:
        jobs.tasks[function.__name__] = jobs.huey.task(name=function.__name__)(job)


def enqueue(name: str, *args, delay: float | None = None) -> None:
    """Queue the job `name`; `delay` seconds from now if given."""
    task = current_app.extensions[EXTENSION].tasks[name]
    if delay:
        task.schedule(args=args, delay=delay)
    else:
        task(*args)


def huey_of(app: Flask):
    return app.extensions[EXTENSION].huey


def enqueue_after_commit(name: str, *args, delay: float | None = None,
                         session: Session | None = None) -> None:
    """Queue the job `name` once the current transaction commits (never if it rolls back):
    a job must not run before what it reads is there for its own session to see. The same
    job with the same arguments is queued once per transaction."""
    waiting = (session or db.session).info.setdefault(AFTER_COMMIT, [])
    if (name, args, delay) not in waiting:
        waiting.append((name, args, delay))


@event.listens_for(Session, "after_commit")
def _queue_committed(session: Session) -> None:
    # A savepoint's release fires this too: the jobs wait for the outermost commit.
    if session.in_nested_transaction():
        return
    for name, args, delay in session.info.pop(AFTER_COMMIT, ()):
        try:
            enqueue(name, *args, delay=delay)
        except Exception:  # the queue is down: the outbox sweep catches up on mail
            log.exception("could not queue job %s", name)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    # A savepoint rolled back leaves the rest of the transaction to commit; a job queued
    # inside it finds its rows gone and does nothing.
    if not session.in_nested_transaction():
        session.info.pop(AFTER_COMMIT, None)

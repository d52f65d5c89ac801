"""Engine settings: SQLite gets WAL, foreign keys and a busy timeout on every connection."""

import sqlite3
import time

from functools import wraps

from flask import g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

_configured: set[int] = set()
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def may_write() -> bool:
    """Whether the current unit of work may write: any request but a read, and any command."""
    if not has_request_context():
        return True
    return request.method not in READ_ONLY_METHODS and not g.get("minga_reads_first")


def reads_first(view):
    """Begin this request as a read; `start_writing()` then opens the transaction that writes.

    A request that begins IMMEDIATE holds SQLite's one write lock from its first query to
    its commit: each vote waited for the whole of the one before (session, account, call
    and proposal loads, form checks), not just for its three writes.
    """
    @wraps(view)
    def wrapped(*args, **kwargs):
        g.minga_reads_first = True
        return view(*args, **kwargs)

    return wrapped


def start_writing() -> None:
    """End the reading transaction, keeping what it loaded; the next statement writes.

    What was read stays in memory unexpired: the writes that follow must be conditional
    (`UPDATE … WHERE`, unique indexes), as the vote's are, since a value read here may
    have changed by the time they run.
    """
    from app.extensions import db

    g.minga_reads_first = False
    session = db.session()
    if session.in_transaction():
        session.expire_on_commit = False
        try:
            session.commit()
        finally:
            session.expire_on_commit = True


def configure_engine(engine: Engine, busy_timeout_ms: int) -> None:
    if engine.dialect.name != "sqlite" or id(engine) in _configured:
        return
    _configured.add(id(engine))

    @event.listens_for(engine, "connect")
    def sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if engine.url.database and engine.url.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        # Let SQLAlchemy, not the driver, say when and how a transaction begins.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def begin(connection):
        # A deferred transaction that has read (loading the logged-in user does) cannot
        # wait for the write lock: SQLite fails it at once with "database is locked".
        # Requests that may write take the lock up front and queue for it.
        if may_write():
            begin_immediate(connection.connection.dbapi_connection, busy_timeout_ms)
        else:
            connection.exec_driver_sql("BEGIN")


def begin_immediate(dbapi_connection: sqlite3.Connection, timeout_ms: int) -> None:
    """Take SQLite's write lock, trying again every half millisecond until the timeout.

    SQLite's own busy handler sleeps 1, 2, 5 … then 100 ms between tries, so a writer
    that finds the lock taken for one millisecond waits tens: under a burst of votes
    that gave a p99 of 860 ms at 170 votes/s in bench/ (see README, Performance).
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=0")
    try:
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            try:
                cursor.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.0005)
    finally:
        cursor.execute(f"PRAGMA busy_timeout={int(timeout_ms)}")
        cursor.close()


SEARCH_OBJECTS = ("proposal_search", "ix_proposals_search")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Hide the full-text objects from Alembic: they are DDL of their own, not models.

    (SQLite's FTS5 tables and PostgreSQL's expression index; see app/proposals/search.py.)
    """
    return not (type_ in ("table", "index") and name and name.startswith(SEARCH_OBJECTS))

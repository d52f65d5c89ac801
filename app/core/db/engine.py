"""Engine settings: SQLite gets WAL, foreign keys and a busy timeout on every connection.

Also when a request takes SQLite's write lock (`reads_first`, `begin_writing`).
"""

import sqlite3
import time
from weakref import WeakKeyDictionary, WeakSet

from flask import current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.extensions import db

_configured: "WeakSet[Engine]" = WeakSet()  # not ids: tests make engines and drop them
CHECKPOINT_PAGES = 1_000  # of 4 KiB: SQLite's default
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def may_write() -> bool:
    """Whether the current unit of work may write: any request but a read, and any command."""
    if not has_request_context():
        return True
    return request.method not in READ_ONLY_METHODS and not g.get("minga_reads_first")


def reads_first(view):
    """Let requests to this view read first and take the write lock at `begin_writing()`.

    On SQLite its reads run outside any transaction until then. A request that begins
    IMMEDIATE holds SQLite's one write lock from its first query to its commit: each vote
    waited for the whole of the one before (session, account, call and proposal loads),
    not just for its writes. The mark is read before any other hook
    (`mark_reads_first`): the rate limits' hook loads the logged-in account.
    """
    view.minga_reads_first = True
    return view


def mark_reads_first() -> None:
    """Before-request hook, registered before every other: see `reads_first`."""
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "minga_reads_first", False):
        g.minga_reads_first = True


def begin_writing() -> None:
    """From here on a `reads_first` request writes: take SQLite's write lock now.

    The ORM session's reads so far ran outside any transaction; BEGIN IMMEDIATE on its
    connection queues for the lock, and the session's commit or rollback ends it. The
    objects read stay loaded: what was read may have changed by the time the writes run,
    so they must be conditional (`UPDATE … WHERE`, unique indexes), as a vote's are.
    PostgreSQL's transaction simply goes on. Elsewhere it does nothing.
    """
    if not (has_request_context() and g.get("minga_reads_first")):
        return
    connection = db.session.connection()  # while reads_first holds: begins nothing
    g.minga_reads_first = False
    timeout_ms = _busy_timeouts.get(connection.engine)
    if timeout_ms is not None:
        dbapi_connection = connection.connection.dbapi_connection
        if not dbapi_connection.in_transaction:
            begin_immediate(dbapi_connection, timeout_ms)


def session_writes_from_here() -> None:
    """In a `reads_first` request, let the ORM session write from here on.

    For a request whose slow part only reads (a login's password hash: tens of
    milliseconds, during which SQLite's one write lock would stop every vote and login on
    the site). Ends the session's reads, so its next statement begins a transaction that
    takes the write lock; the objects read so far are expired and read again in it, so
    what is written rests on what the lock protects. Call it before changing any object.
    Elsewhere (no `reads_first`, or a command) it does nothing.
    """
    if not (has_request_context() and g.get("minga_reads_first")):
        return
    db.session.commit()  # nothing to flush: the caller has changed nothing yet
    g.minga_reads_first = False


def done_writing() -> None:
    """The writes are committed or rolled back: what the request still reads (a page or a
    fragment to render) reads like the start of a `reads_first` request, taking no lock."""
    g.minga_reads_first = True


def configure_engine(engine: Engine, busy_timeout_ms: int) -> None:
    if engine in _configured:
        return
    _configured.add(engine)
    if engine.dialect.name != "sqlite":
        return
    _busy_timeouts[engine] = busy_timeout_ms

    @event.listens_for(engine, "connect")
    def sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted and overwritten content is zeroed, not left in free space: after an
        # erasure (app/privacy/) the file holds no trace of the person's email or name.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if engine.url.database and engine.url.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            # SQLite's own checkpoint every 4 MB of log. A 160 MB one saved a third of a
            # vote's processor time on average, but the commit that ran it copied the
            # whole log while every other vote queued for the lock: seconds of p99 on a
            # busy machine. Small and often bounds what any one vote waits.
            cursor.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
        cursor.close()
        # Let SQLAlchemy, not the driver, say when and how a transaction begins.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def begin(connection):
        # A deferred transaction that has read (loading the logged-in user does) cannot
        # wait for the write lock: SQLite fails it at once with "database is locked".
        # Requests that may write take the lock up front and queue for it. Requests that
        # read first (`reads_first`) read outside any transaction, in autocommit, until
        # `begin_writing` (or `session_writes_from_here`) begins IMMEDIATE; SQLAlchemy's
        # commit and rollback end that transaction.
        if has_request_context() and g.get("minga_reads_first"):
            return
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


_busy_timeouts: "WeakKeyDictionary[Engine, int]" = WeakKeyDictionary()  # SQLite's, in ms

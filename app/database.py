"""Engine settings: SQLite gets WAL, foreign keys and a busy timeout on every connection.

Also when a request takes SQLite's write lock (`reads_first`, `begin_writing`), and
the lean way the busiest request (a vote) runs its few statements (`own_connection`,
`Prepared`).
"""

import os
import sqlite3
import threading
import time
from functools import wraps
from weakref import WeakKeyDictionary, WeakSet

from flask import g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

_configured: "WeakSet[Engine]" = WeakSet()  # not ids: tests make engines and drop them
CHECKPOINT_PAGES = 40_000  # of 4 KiB
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def may_write() -> bool:
    """Whether the current unit of work may write: any request but a read, and any command."""
    if not has_request_context():
        return True
    return request.method not in READ_ONLY_METHODS and not g.get("minga_reads_first")


def reads_first(view):
    """Let this request read first and take the write lock at `begin_writing()`.

    On SQLite its reads run outside any transaction until then. A request that begins
    IMMEDIATE holds SQLite's one write lock from its first query to its commit: each vote
    waited for the whole of the one before (session, account, call and proposal loads,
    form checks), not just for its writes.
    """
    @wraps(view)
    def wrapped(*args, **kwargs):
        g.minga_reads_first = True
        return view(*args, **kwargs)

    return wrapped


def own_connection() -> "OwnConnection":
    """A DBAPI connection of the request's own, outside the ORM session: `with` it.

    For the busiest request (a vote: one SELECT, four writes, one commit), where the
    session's bookkeeping, and SQLAlchemy's Connection and pool around a connection, cost
    more processor time than the statements (`OwnConnection`). Reads on it run as the
    request's other reads do (on SQLite outside any transaction, in a `reads_first`
    request); `begin_writing` starts its transaction; the caller commits; leaving the
    block rolls back whatever was not committed.
    """
    from app.extensions import db

    return OwnConnection.take(db.engine)


def begin_writing(connection):
    """From here on the request writes on `connection`: begin its transaction.

    On SQLite the engine's `begin` event then takes the write lock (BEGIN IMMEDIATE,
    queueing for it) after reads that ran each on its own; PostgreSQL's transaction
    simply goes on. No second connection: a vote pays for one transaction. Returns it.

    What was read may have changed by the time the writes run: they must be conditional
    (`UPDATE … WHERE`, unique indexes), as the vote's are.
    """
    g.minga_reads_first = False
    return connection.begin()


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
    from app.extensions import db

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
    event.listen(engine, "engine_disposed", _close_own_connection)
    if engine.dialect.name != "sqlite":
        return
    _busy_timeouts[engine] = busy_timeout_ms

    @event.listens_for(engine, "connect")
    def sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if engine.url.database and engine.url.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            # A checkpoint fsyncs twice and copies each page once, however many commits
            # wrote it (a proposal's count, the ranking index: a burst of votes writes the
            # same pages again and again). Every 160 MB of log, not SQLite's 4 MB: in
            # bench/, worker CPU per vote 1.75 ms -> 1.3 ms. Crash recovery reads at most
            # that much log.
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
        # `begin_writing` begins IMMEDIATE (through this event); SQLAlchemy's commit and
        # rollback end that transaction.
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


SEARCH_OBJECTS = ("proposal_search", "ix_proposals_search")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Hide the full-text objects from Alembic: they are DDL of their own, not models.

    (SQLite's FTS5 tables and PostgreSQL's expression index; see app/proposals/search.py.)
    """
    return not (type_ in ("table", "index") and name and name.startswith(SEARCH_OBJECTS))


class Prepared:
    """A Core statement compiled once per dialect and run straight on the DBAPI cursor.

    For the few statements of the busiest request (a vote): for a one-row statement,
    SQLAlchemy's execution (cache key, execution context, result object) costs more than
    SQLite's own work. Parameters and results still go through the columns' types (dates
    as SQLAlchemy stores them), and the statement runs on the session's connection, in
    its transaction. Errors arrive as the driver raises them.
    """

    def __init__(self, statement):
        self.statement = statement
        self._forms: WeakKeyDictionary = WeakKeyDictionary()  # by dialect (one per engine)

    def _form(self, dialect):
        form = self._forms.get(dialect)
        if form is None:
            compiled = self.statement.compile(dialect=dialect)
            defaults = dict(compiled.params)
            binds = []
            for name in defaults:
                process = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    binds.append((name, process))
            results = [column.type.dialect_impl(dialect).result_processor(dialect, None)
                       for column in self.statement.exported_columns]
            form = self._forms[dialect] = (
                compiled.string, compiled.positiontup, defaults, binds,
                [(i, process) for i, process in enumerate(results) if process is not None])
        return form

    def execute(self, connection, params: dict):
        """Run with `params` on `connection` (SQLAlchemy's); return the DBAPI cursor."""
        sql, order, defaults, binds, _ = self._form(connection.dialect)
        values = {**defaults, **params}
        for name, process in binds:
            values[name] = process(values[name])
        cursor = connection.connection.cursor()
        cursor.execute(sql, [values[name] for name in order] if order else values)
        return cursor

    def first(self, connection, params: dict) -> tuple | None:
        """The first row (through the columns' result types), or None."""
        cursor = self.execute(connection, params)
        try:
            row = cursor.fetchone()
        finally:
            cursor.close()
        if row is None:
            return None
        results = self._form(connection.dialect)[4]
        if not results:
            return tuple(row)
        row = list(row)
        for i, process in results:
            row[i] = process(row[i])
        return tuple(row)

    def rowcount(self, connection, params: dict) -> int:
        """How many rows the statement changed."""
        cursor = self.execute(connection, params)
        try:
            return cursor.rowcount
        finally:
            cursor.close()


class OwnConnection:
    """A DBAPI connection kept by the process for its votes, used without SQLAlchemy.

    A vote spent 7 % of its instructions in SQLAlchemy's Connection and pool
    (checkout, transaction objects, events, reset on return) around statements that
    `Prepared` runs on the cursor anyway. Each process keeps one per engine, opened by the
    engine's pool (so with its settings: SQLite's pragmas) and then detached from it; a
    thread that finds it in use (the development server's) borrows one from the pool. It
    is closed with the engine (`dispose`), and when a statement or the rollback on
    leaving fails (a server gone away): the next vote opens another.
    """

    def __init__(self, engine: Engine, keep: bool):
        self._pooled = engine.raw_connection()
        if keep:
            self._pooled.detach()  # closing it closes it: it is not the pool's to hand out
        self.connection = self._pooled.dbapi_connection
        self.dialect = engine.dialect
        self._busy_timeout_ms = _busy_timeouts.get(engine)
        self._keep, self._pid, self._in_use = keep, os.getpid(), threading.Lock()
        self.closed = False

    @classmethod
    def take(cls, engine: Engine) -> "OwnConnection":
        kept = _kept.get(engine)
        if kept is None or kept.closed or kept._pid != os.getpid():  # new, dropped, forked
            kept = _kept[engine] = cls(engine, keep=True)
        if kept._in_use.acquire(blocking=False):
            return kept
        return cls(engine, keep=False)

    def begin(self) -> "OwnConnection":
        """Begin writing; returns what to `commit` or `rollback` (itself)."""
        if self._busy_timeout_ms is not None:  # SQLite: take the write lock, queueing
            begin_immediate(self.connection, self._busy_timeout_ms)
        # PostgreSQL's driver began the transaction at the first statement.
        return self

    def commit(self) -> None:
        self.connection.commit()

    def rollback(self) -> None:
        self.connection.rollback()

    def close(self, broken: bool = False) -> None:
        """Close it (a kept one), or give it back to the pool (unless `broken`)."""
        self.closed = True
        try:
            if broken and not self._keep:
                self._pooled.invalidate()
            else:
                self._pooled.close()
        except Exception:  # a connection already broken is closed enough
            pass

    def __enter__(self) -> "OwnConnection":
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        broken = exc is not None and isinstance(exc, self.dialect.loaded_dbapi.Error)
        if not broken:
            try:
                self.connection.rollback()  # nothing, after a commit
            except Exception:  # the connection is unusable: drop it
                broken = True
        if broken or not self._keep:
            self.close(broken)
        if self._keep:
            self._in_use.release()


_kept: "WeakKeyDictionary[Engine, OwnConnection]" = WeakKeyDictionary()
_busy_timeouts: "WeakKeyDictionary[Engine, int]" = WeakKeyDictionary()  # SQLite's, in ms


def _close_own_connection(engine: Engine) -> None:
    kept = _kept.pop(engine, None)
    if kept is not None:
        kept.close()

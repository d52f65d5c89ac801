"""Engine settings: SQLite gets WAL, foreign keys and a busy timeout on every connection."""

import sqlite3

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

_configured: set[int] = set()
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def may_write() -> bool:
    """Whether the current unit of work may write: any request but a read, and any command."""
    return not (has_request_context() and request.method in READ_ONLY_METHODS)


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
        # Requests that may write take the lock up front and queue on busy_timeout.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if may_write() else "BEGIN")


SEARCH_OBJECTS = ("proposal_search", "ix_proposals_search")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Hide the full-text objects from Alembic: they are DDL of their own, not models.

    (SQLite's FTS5 tables and PostgreSQL's expression index; see app/proposals/search.py.)
    """
    return not (type_ in ("table", "index") and name and name.startswith(SEARCH_OBJECTS))

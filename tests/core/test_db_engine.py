"""SQLite's write lock: a waiting writer gets it as soon as it is free, or a clear error."""

import sqlite3
import threading

import pytest

from app.core.db.engine import begin_immediate


@pytest.fixture
def two_connections(tmp_path):
    path = tmp_path / "lock.sqlite3"
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("PRAGMA journal_mode=WAL")
    first.execute("CREATE TABLE votes (id INTEGER PRIMARY KEY)")
    second = sqlite3.connect(path, isolation_level=None)
    yield first, second
    first.close()
    second.close()


def test_waiting_writer_gets_the_lock_once_released(two_connections):
    first, second = two_connections
    first.execute("BEGIN IMMEDIATE")
    first.execute("INSERT INTO votes DEFAULT VALUES")
    threading.Timer(0.05, lambda: first.execute("COMMIT")).start()
    begin_immediate(second, timeout_ms=10_000)
    second.execute("INSERT INTO votes DEFAULT VALUES")
    second.execute("COMMIT")
    assert second.execute("SELECT count(*) FROM votes").fetchone() == (2,)
    # The connection's own busy timeout is back for every later statement.
    assert second.execute("PRAGMA busy_timeout").fetchone() == (10_000,)


def test_writer_gives_up_after_the_timeout(two_connections):
    first, second = two_connections
    first.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        begin_immediate(second, timeout_ms=30)
    first.execute("ROLLBACK")

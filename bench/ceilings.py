"""What the machine can do at all: raw inserts of one vote per transaction, no framework."""

import sqlite3
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE votes (id INTEGER PRIMARY KEY, ballot_id INTEGER NOT NULL,
                    proposal_id INTEGER NOT NULL, created_at DATETIME NOT NULL,
                    UNIQUE (ballot_id, proposal_id));
CREATE INDEX ix_votes_created_at ON votes (created_at);
CREATE INDEX ix_votes_proposal_id ON votes (proposal_id);
"""


def sqlite_inserts_per_second(directory: Path, seconds: float = 5.0) -> float:
    """Insert votes one transaction each, in WAL mode with the app's pragmas, for `seconds`."""
    path = directory / "bench-raw-inserts.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.executescript(SCHEMA)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        count += 1
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO votes (ballot_id, proposal_id, created_at) "
                           "VALUES (?, ?, datetime('now'))", (count // 20, count % 9973))
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return count / elapsed


def postgres_inserts_per_second(url: str, seconds: float = 5.0) -> float:
    """The same on the PostgreSQL server the app uses, in a scratch table."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS bench_raw_votes")
        connection.execute(SCHEMA.replace("votes", "bench_raw_votes")
                           .replace("INTEGER PRIMARY KEY", "SERIAL PRIMARY KEY")
                           .replace("DATETIME", "TIMESTAMP"))
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            count += 1
            with connection.transaction():
                connection.execute("INSERT INTO bench_raw_votes (ballot_id, proposal_id, "
                                   "created_at) VALUES (%s, %s, now())",
                                   (count // 20, count % 9973))
        elapsed = time.perf_counter() - started
        connection.execute("DROP TABLE bench_raw_votes")
    return count / elapsed

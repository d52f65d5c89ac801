"""`flask backup` while votes pour in, then `flask restore` into a fresh database: the
restore holds every vote acknowledged before the backup began, and nothing that was not
sent before it ended. Runs on SQLite and, in CI's second pass, on PostgreSQL."""

import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import create_engine

from tests.durability.conftest import vote_path
from tests.durability.servers import ROOT
from tests.durability.storm import assert_nothing_lost_or_doubled, storm, vote_rows

pytestmark = pytest.mark.durability


def flask(*args: str, env: dict) -> subprocess.CompletedProcess:
    """Run a `flask --app app` command in a process of its own, as an operator would."""
    return subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)


def rows_of(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return vote_rows(connection)
    finally:
        engine.dispose()


def test_a_backup_during_a_vote_storm_restores_every_vote_acknowledged_before_it(
        db, open_vote, create_proposal, serve, voters, server_env, empty_database, tmp_path):
    call = open_vote(votes_per_voter=60)
    references = [create_proposal(call).reference for _ in range(60)]
    server = serve()
    address = server.address
    people = {voter.email: voter for voter in voters(40, address)}
    # Round by round, so consecutive votes come from different voters: 2,400 in all, far
    # more than the storm needs to outlast the backup.
    plan = [(email, reference) for reference in references for email in people]

    backup_file, moments, lock = tmp_path / "minga.backup", {}, threading.Lock()
    counted = {"acks": 0, "after": 0}
    backup_due, stop = threading.Event(), threading.Event()

    def answered(record):
        with lock:
            counted["acks"] += record.voted
            if counted["acks"] >= 200:
                backup_due.set()
            if record.voted and record.sent > moments.get("end", float("inf")):
                counted["after"] += 1
                if counted["after"] >= 100:  # the storm went on well past the backup
                    stop.set()

    def take_backup():
        if not backup_due.wait(timeout=240):
            return
        moments["start"] = time.monotonic()
        moments["result"] = flask("backup", "--out", str(backup_file), env=server_env)
        moments["end"] = time.monotonic()

    backup = threading.Thread(target=take_backup)
    backup.start()
    records = storm(plan, lambda _, pair: people[pair[0]].vote(address, vote_path(pair[1])),
                    threads=12, stop=stop, answered=answered)
    backup.join()
    assert moments["result"].returncode == 0, moments["result"].stderr
    assert_nothing_lost_or_doubled(records, rows_of(server_env["DATABASE_URL"]))

    before = {r.pair for r in records if r.voted and r.answered < moments["start"]}
    sent_before_end = {r.pair for r in records if r.voted and r.sent < moments["end"]}
    after = {r.pair for r in records if r.voted and r.sent > moments["end"]}
    assert before and after  # the backup ran mid-storm

    restored = empty_database()
    result = flask("restore", str(backup_file), env={**server_env, "DATABASE_URL": restored})
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"All counters of {call.slug} agree" in result.stdout
    rows = rows_of(restored)
    assert len(rows) == len(set(rows))
    assert before - set(rows) == set(), "votes acknowledged before the backup are missing"
    assert set(rows) - sent_before_end == set(), "the restore holds votes sent after it"

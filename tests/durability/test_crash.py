"""kill -9 of gunicorn (master and workers) in the middle of a vote storm, then a restart:
every acknowledged vote is there once, and nothing else but votes whose answer the crash
cut off. Runs on SQLite and, in CI's second pass, on PostgreSQL."""

import random

import pytest
from sqlalchemy import select

from app.proposals.models import Proposal
from tests.durability import storm
from tests.durability.conftest import SLUG, vote_path

pytestmark = pytest.mark.durability


def rows_now(db) -> list:
    db.session.commit()  # a fresh snapshot
    return storm.vote_rows(db.session.connection())


def counters_agree(db, runner) -> bool:
    db.session.commit()
    result = runner.invoke(args=["votes", "verify", "--call", SLUG])
    return result.exit_code == 0 and "agree" in result.output


def test_kill_9_mid_storm_loses_no_acknowledged_vote_and_doubles_none(
        db, runner, open_vote, create_proposal, serve, voters):
    call = open_vote(votes_per_voter=10)
    references = [create_proposal(call).reference for _ in range(20)]
    server = serve()
    people = {voter.email: voter for voter in voters(100, server.address)}
    # 100 voters × 10 requests: 7 proposals each, 3 of them sent twice at once.
    plan = storm.duplicated_plan(list(people), references, distinct=7, repeats=3,
                                 rng=random.Random(20))
    assert len(plan) == 1000
    serving = {"address": server.address}

    def send(_, pair):
        return people[pair[0]].vote(serving["address"], vote_path(pair[1]))

    def crash() -> bool:
        server.kill()
        return True  # nothing answers any more: the voters stop

    records, crashed_at = storm.storm_with_crash(plan, send, threads=16, crash_after=500,
                                                 crash=crash)
    assert crashed_at is not None and not server.alive
    assert sum(r.answered is not None for r in records) < len(plan)  # cut off mid-storm

    restarted = serve()
    serving["address"] = restarted.address
    storm.assert_nothing_lost_or_doubled(records, rows_now(db))
    assert counters_agree(db, runner)

    again = storm.send_again(records, send, threads=16)
    rows = rows_now(db)
    storm.assert_counted_once(records, again, rows)
    assert counters_agree(db, runner)
    assert sum(db.session.scalars(select(Proposal.vote_count))) == len(rows)

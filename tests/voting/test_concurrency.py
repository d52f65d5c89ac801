"""Votes fired in parallel at a real multi-threaded server: counts stay exact.

Runs on a SQLite file and, in CI's second pass, on PostgreSQL.
"""

import random

import pytest

from app.voting import services
from app.voting.models import Ballot, Vote
from tests.conftest import PASSWORD
from tests.http_client import Browser, all_at_once


def logged_in(live_server, user) -> Browser:
    browser = Browser(live_server)
    status, _ = browser.post("/accounts/login", {"email": user.email, "password": PASSWORD})
    assert status == 302
    return browser


@pytest.fixture
def voting_call(create_call, clock):
    call = create_call(slug="nap", votes_per_voter=3)
    clock.advance(days=16)
    return call


def vote_path(reference, withdraw=False):
    return f"/calls/nap/proposals/{reference}/vote" + ("/withdraw" if withdraw else "")


def test_one_voter_twenty_parallel_votes_spends_exactly_the_budget(
        live_server, db, voting_call, create_proposal, create_user):
    references = [create_proposal(voting_call).reference for _ in range(20)]
    browser = logged_in(live_server, create_user())
    results = all_at_once([lambda r=r: browser.post(vote_path(r))[0] for r in references])
    assert sorted(results).count(302) == 3
    assert set(results) <= {302, 409}
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count()).select_from(Vote)) == 3
    assert db.session.scalar(db.select(Ballot.used)) == 3
    assert services.count_mismatches(voting_call) == []


def test_two_hundred_voters_at_once_give_exactly_two_hundred(
        live_server, db, voting_call, create_proposal, create_user):
    reference = create_proposal(voting_call).reference
    browsers = [logged_in(live_server, create_user()) for _ in range(200)]
    results = all_at_once([lambda b=b: b.post(vote_path(reference))[0] for b in browsers])
    assert results == [302] * 200
    db.session.rollback()
    from app.proposals.models import Proposal
    assert db.session.scalar(db.select(Proposal.vote_count)) == 200
    assert db.session.scalar(db.select(db.func.count()).select_from(Vote)) == 200


def test_parallel_votes_and_withdrawals_keep_counters_equal_to_rows(
        live_server, db, voting_call, create_proposal, create_user):
    references = [create_proposal(voting_call).reference for _ in range(4)]
    browsers = [logged_in(live_server, create_user()) for _ in range(10)]
    rng = random.Random(7)
    jobs = []
    for browser in browsers:
        for reference in rng.sample(references, 3):
            jobs.append(lambda b=browser, r=reference: b.post(vote_path(r))[0])
            jobs.append(lambda b=browser, r=reference: b.post(vote_path(r, withdraw=True))[0])
    rng.shuffle(jobs)
    results = all_at_once(jobs)
    assert set(results) <= {302, 409}
    db.session.rollback()
    assert services.count_mismatches(voting_call) == []
    used = db.session.execute(db.select(Ballot.id, Ballot.used)).all()
    for ballot_id, ballot_used in used:
        rows = db.session.scalar(db.select(db.func.count()).select_from(Vote)
                                 .where(Vote.ballot_id == ballot_id))
        assert ballot_used == rows

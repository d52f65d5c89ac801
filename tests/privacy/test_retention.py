"""Retention, with the clock moved: the voter↔vote link goes a year after results (counts
stay verifiable), never-verified accounts after 30 days, expired logins, old failed-login
counters and expired downloads; run by the job queue and by `flask privacy retention`."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.accounts.models import Login, LoginThrottle, User
from app.audit.models import AuditEvent
from app.core import jobs
from app.privacy import retention
from app.proposals.models import Proposal
from app.voting import services as voting
from app.voting.models import Ballot, Vote


@pytest.fixture
def voted(app, db, create_call, create_proposal, create_user, clock):
    call = create_call(slug="nap", votes_per_voter=2)
    proposals = [create_proposal(call) for _ in range(2)]
    clock.advance(days=16)
    voters = [create_user() for _ in range(3)]
    for voter in voters:
        voting.cast_vote(call, proposals[0], voter)
    voting.cast_vote(call, proposals[1], voters[0])
    db.session.commit()
    clock.advance(days=20)
    call.results_published_at = clock.now()
    db.session.commit()
    return call, proposals, voters


def linked_ballots(db, call) -> int:
    return db.session.scalar(select(func.count()).select_from(Ballot).where(
        Ballot.call_id == call.id, Ballot.user_id.is_not(None)))


def test_the_voter_link_is_dropped_a_retention_period_after_results(
        app, db, runner, clock, voted):
    from app.results import stats

    call, proposals, voters = voted
    turnout = stats.compute(call, clock.now()).participants
    clock.advance(days=360)
    assert retention.apply_retention()["vote_links"] == 0
    assert linked_ballots(db, call) == 3
    clock.advance(days=10)  # past 12 months
    db.session.commit()
    jobs.enqueue("apply_retention")  # as the worker runs it
    db.session.commit()  # a new snapshot: the job wrote in a session of its own
    assert linked_ballots(db, call) == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "vote.cast", AuditEvent.actor_id.is_not(None))) == 0
    assert [db.session.get(Proposal, p.id).vote_count for p in proposals] == [3, 1]
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 4
    assert runner.invoke(args=["votes", "verify", "--call", "nap"]).exit_code == 0
    assert stats.compute(call, clock.now()).participants == turnout
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == retention.VOTE_LINKS_DROPPED)) == 1
    assert retention.apply_retention()["vote_links"] == 0  # nothing left: said once


@pytest.mark.config(PRIVACY_VOTE_LINK_MONTHS=1)
def test_the_period_is_a_setting(app, db, clock, voted):
    call, _proposals, _voters = voted
    clock.advance(days=32)
    assert retention.apply_retention()["vote_links"] == 1
    assert linked_ballots(db, call) == 0


def test_an_account_never_verified_goes_after_30_days(app, db, create_user, clock, runner):
    from app.accounts import services

    services.register_user(email="nueva@example.org", password="quiet-harbour-lantern-42",
                           name="Nueva", sector="citizen", region=app.config["MINGA_REGIONS"][0])
    verified = create_user()
    db.session.commit()
    clock.advance(days=29)
    assert retention.apply_retention()["unverified_accounts"] == 0
    clock.advance(days=2)
    result = runner.invoke(args=["privacy", "retention"])
    assert "unverified_accounts: 1" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(User).where(User.email == "nueva@example.org")) is None
    assert db.session.get(User, verified.id) is not None


def test_expired_logins_and_old_failures_go(app, db, client, login, create_user, clock):
    user = create_user()
    login(user)
    app.test_client().post("/accounts/login", data={"email": "nobody@example.org",
                                                   "password": "x" * 12})
    assert db.session.scalar(select(func.count()).select_from(LoginThrottle)) == 1
    clock.advance(days=31)  # past the longest lifetime, a remembered login's
    done = retention.apply_retention()
    assert done["logins"] == 1 and done["failed_logins"] == 1
    assert db.session.scalar(select(func.count()).select_from(Login)) == 0


def test_months_before_keeps_the_day_or_the_month_end():
    at = datetime(2027, 3, 31, 12, 0, tzinfo=UTC)
    assert retention.months_before(at, 1) == datetime(2027, 2, 28, 12, 0, tzinfo=UTC)
    assert retention.months_before(at, 12) == datetime(2026, 3, 31, 12, 0, tzinfo=UTC)
    assert retention.months_before(at, 15) == datetime(2025, 12, 31, 12, 0, tzinfo=UTC)

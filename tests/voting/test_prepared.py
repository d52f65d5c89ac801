"""Statements run straight on the driver's cursor (app.database.Prepared) store and read
values exactly as SQLAlchemy's own execution does, on SQLite and PostgreSQL."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import bindparam, insert, select, update

from app.database import Prepared
from app.voting import services
from app.voting.models import Ballot, Vote
from tests.voting.test_routes import call, proposals, voter  # noqa: F401  (fixtures)


def test_dates_are_stored_as_sqlalchemy_stores_them(db, call, proposals, voter):  # noqa: F811
    ballot = Ballot(call_id=call.id, user_id=voter.id, budget=3, used=0,
                    created_at=datetime(2026, 3, 1, tzinfo=UTC))
    db.session.add(ballot)
    db.session.commit()
    exact_second = datetime(2026, 3, 26, 15, 0, tzinfo=UTC)  # no microseconds: a trap
    add = Prepared(insert(Vote.__table__).values(ballot_id=bindparam("ballot_id"),
                                                 proposal_id=bindparam("proposal_id"),
                                                 created_at=bindparam("created_at")))
    assert add.rowcount(db.session.connection(), {"ballot_id": ballot.id,
                                                  "proposal_id": proposals[0].id,
                                                  "created_at": exact_second}) == 1
    db.session.add(Vote(ballot_id=ballot.id, proposal_id=proposals[1].id,
                        created_at=exact_second))
    db.session.commit()
    stored = db.session.execute(db.text("SELECT proposal_id, created_at FROM votes "
                                        "ORDER BY proposal_id")).all()
    assert stored[0][1] == stored[1][1]  # the same text (SQLite) or timestamp (PostgreSQL)
    assert db.session.scalar(select(Vote.created_at).where(
        Vote.proposal_id == proposals[0].id)) == exact_second
    # Rows come back through the result types: aware dates, booleans.
    read = Prepared(select(Vote.__table__.c.created_at, Vote.__table__.c.id)
                    .where(Vote.__table__.c.proposal_id == bindparam("proposal_id")))
    at, vote_id = read.first(db.session.connection(), {"proposal_id": proposals[0].id})
    assert at == exact_second and at.tzinfo is not None and isinstance(vote_id, int)
    assert read.first(db.session.connection(), {"proposal_id": -1}) is None
    none = Prepared(update(Vote.__table__).where(Vote.__table__.c.id == -1)
                    .values(proposal_id=proposals[2].id))
    assert none.rowcount(db.session.connection(), {}) == 0


def test_the_vote_target_is_read_in_one_query_with_its_types(db, call, proposals, voter):  # noqa: F811
    services.cast_vote(call, proposals[0], voter)
    db.session.commit()
    target = services.vote_target("nap", proposals[1].reference, voter.id, None)
    assert (target.call.id, target.call.slug, target.call.votes_per_voter) == (call.id, "nap", 2)
    assert target.call.allow_vote_withdrawal is True
    assert target.call.voting_opens_at == call.voting_opens_at
    assert target.call.voting_opens_at.tzinfo is not None
    assert target.call.results_published_at is None
    assert target.call.phase(call.voting_opens_at) == call.phase(call.voting_opens_at)
    assert (target.proposal.id, target.proposal.reference) == (proposals[1].id,
                                                               proposals[1].reference)
    assert (target.ballot.budget, target.ballot.used, target.ballot.code_id) == (2, 1, None)
    assert target.account == (voter.session_token, None, voter.email_verified_at, None)
    anonymous = services.vote_target("nap", proposals[1].reference, None, None)
    assert anonymous.ballot is None and anonymous.account is None
    assert services.vote_target("nap", "2026-9999", voter.id, None) is None
    assert services.vote_target("nope", proposals[1].reference, voter.id, None) is None


def test_hidden_and_draft_proposals_are_not_found(db, call, create_proposal, voter):  # noqa: F811
    for status in ("hidden", "draft"):
        proposal = create_proposal(call, status=status)
        assert services.vote_target("nap", proposal.reference, voter.id, None) is None
    withdrawn = create_proposal(call, status="withdrawn")  # public, but takes no votes
    target = services.vote_target("nap", withdrawn.reference, voter.id, None)
    with pytest.raises(services.ProposalNotVotable):
        services.cast_vote(target.call, target.proposal, voter, ballot=target.ballot)

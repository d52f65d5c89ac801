from datetime import timedelta

import pytest

from app.voting import services
from app.voting.models import Ballot, Vote
from app.voting.ranking import competition_ranks, ranked_proposals


@pytest.fixture
def call(create_call, clock):
    call = create_call(votes_per_voter=3)
    clock.advance(days=16)  # voting is open
    return call


@pytest.fixture
def proposals(call, create_proposal):
    return [create_proposal(call, title=f"Propuesta {n}") for n in range(5)]


@pytest.fixture
def voter(create_user):
    return create_user()


def rows(db, proposal):
    return db.session.scalar(db.select(db.func.count()).select_from(Vote)
                             .where(Vote.proposal_id == proposal.id))


def test_vote_spends_budget_and_counts(db, call, proposals, voter):
    ballot = services.cast_vote(call, proposals[0], voter)
    db.session.commit()
    assert (ballot.used, ballot.budget) == (1, 3)
    db.session.refresh(proposals[0])
    assert proposals[0].vote_count == 1 == rows(db, proposals[0])


def test_budget_is_a_hard_limit(db, call, proposals, voter):
    for proposal in proposals[:3]:
        services.cast_vote(call, proposal, voter)
    with pytest.raises(services.VoteBudgetExhausted) as raised:
        services.cast_vote(call, proposals[3], voter)
    from flask_babel import force_locale

    with force_locale("en"):
        assert "used all 3 votes" in str(raised.value.message)
    assert raised.value.status == 409


def test_one_vote_per_proposal(db, call, proposals, voter):
    services.cast_vote(call, proposals[0], voter)
    with pytest.raises(services.AlreadyVoted):
        services.cast_vote(call, proposals[0], voter)


def test_withdraw_gives_the_vote_back(db, call, proposals, voter):
    services.cast_vote(call, proposals[0], voter)
    ballot = services.withdraw_vote(call, proposals[0], voter)
    assert ballot.used == 0
    db.session.refresh(proposals[0])
    assert proposals[0].vote_count == 0 == rows(db, proposals[0])
    with pytest.raises(services.NotVoted):
        services.withdraw_vote(call, proposals[0], voter)


def test_withdrawal_can_be_forbidden_by_the_call(db, create_call, create_proposal, voter, clock):
    call = create_call(allow_vote_withdrawal=False)
    proposal = create_proposal(call)
    clock.advance(days=16)
    services.cast_vote(call, proposal, voter)
    with pytest.raises(services.WithdrawalNotAllowed):
        services.withdraw_vote(call, proposal, voter)


def test_window_edges(db, call, proposals, voter, clock):
    clock.set(call.voting_opens_at - timedelta(seconds=1))
    with pytest.raises(services.VotingClosed):
        services.cast_vote(call, proposals[0], voter)
    clock.set(call.voting_opens_at)
    services.cast_vote(call, proposals[0], voter)
    clock.set(call.voting_closes_at)
    with pytest.raises(services.VotingClosed):
        services.cast_vote(call, proposals[1], voter)
    with pytest.raises(services.VotingClosed):
        services.withdraw_vote(call, proposals[0], voter)


def test_unverified_and_anonymous_cannot_vote(db, call, proposals, create_user):
    from flask_login import AnonymousUserMixin

    with pytest.raises(services.NotEligible):
        services.cast_vote(call, proposals[0], create_user(email_verified_at=None))
    with pytest.raises(services.NotEligible):
        services.cast_vote(call, proposals[0], AnonymousUserMixin())


def test_government_accounts_may_vote(db, call, proposals, create_user):
    state = services.cast_vote(call, proposals[0], create_user(sector="government"))
    assert state.used == 1
    db.session.refresh(proposals[0])
    assert proposals[0].vote_count == 1


@pytest.mark.parametrize("status", ["withdrawn", "hidden", "merged", "draft"])
def test_inactive_proposals_take_no_votes(db, call, create_proposal, voter, status):
    proposal = create_proposal(call, status=status)
    with pytest.raises(services.ProposalNotVotable):
        services.cast_vote(call, proposal, voter)


def test_proposal_of_another_call_is_refused(db, call, create_call, create_proposal, voter):
    other = create_proposal(create_call())
    with pytest.raises(services.ProposalNotVotable):
        services.cast_vote(call, other, voter)


def test_code_calls_take_codes_not_accounts(db, create_call, create_proposal, voter, clock):
    call = create_call(eligibility="code", votes_per_voter=2)
    proposal = create_proposal(call)
    [code] = services.generate_codes(call, 1)
    clock.advance(days=16)
    with pytest.raises(services.NotEligible):
        services.cast_vote(call, proposal, voter)
    ballot = services.redeem_code(call, code.lower().replace("-", " "))
    assert ballot.budget == 2 and ballot.user_id is None
    services.cast_vote(call, proposal, None, ballot)
    with pytest.raises(services.CodeAlreadyUsed):
        services.redeem_code(call, code)
    with pytest.raises(services.CodeInvalid):
        services.redeem_code(call, "AAAAA-AAAAA")


def test_codes_are_stored_only_as_keyed_hashes(db, create_call):
    from app.voting.models import VotingCode

    call = create_call(eligibility="code")
    codes = services.generate_codes(call, 5)
    stored = list(db.session.scalars(db.select(VotingCode.code_hash)))
    assert len(set(codes)) == 5
    for code in codes:
        assert all(services.normalise_code(code) not in h for h in stored)
        assert services.code_hash(code) in stored


def test_codes_do_not_work_in_email_calls_or_other_calls(db, create_call, clock):
    code_call, email_call = create_call(eligibility="code"), create_call()
    [code] = services.generate_codes(code_call, 1)
    other_code_call = create_call(eligibility="code")
    clock.advance(days=16)
    with pytest.raises(services.NotEligible):
        services.redeem_code(email_call, code)
    with pytest.raises(services.CodeInvalid):
        services.redeem_code(other_code_call, code)


def test_verify_finds_and_fixes_drifted_counters(db, call, proposals, voter, clock):
    services.cast_vote(call, proposals[0], voter)
    proposals[1].vote_count = 7
    db.session.commit()
    [(proposal, true_count)] = services.count_mismatches(call)
    assert proposal.id == proposals[1].id and true_count == 0
    with pytest.raises(services.VotingClosed):
        services.fix_counts(call)  # not while votes can still land
    clock.advance(days=20)
    assert services.fix_counts(call) == 1
    assert services.count_mismatches(call) == []


def test_competition_ranks():
    assert competition_ranks([9, 7, 7, 5, 5, 5, 1]) == [
        (1, False), (2, True), (2, True), (4, True), (4, True), (4, True), (7, False)]
    assert competition_ranks([]) == []


def test_ranking_orders_by_votes_and_marks_ties(db, call, proposals, create_user):
    voters = [create_user() for _ in range(3)]
    for v in voters:
        services.cast_vote(call, proposals[2], v)
    for v in voters[:2]:
        services.cast_vote(call, proposals[0], v)
    services.cast_vote(call, proposals[4], voters[2])
    db.session.commit()
    ranking = ranked_proposals(call)
    assert [(r.rank, r.tied, r.votes) for r in ranking] == [
        (1, False, 3), (2, False, 2), (3, False, 1), (4, True, 0), (4, True, 0)]
    assert ranking[0].proposal.id == proposals[2].id


def test_ballots_hold_the_budget_they_were_given(db, call, proposals, voter):
    services.cast_vote(call, proposals[0], voter)
    ballot = db.session.scalar(db.select(Ballot))
    assert ballot.budget == call.votes_per_voter

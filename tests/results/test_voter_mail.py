"""When results are published, each voter hears what became of what they voted for."""

from app.proposals.models import Proposal
from app.review.voter_mail import tell_voters_outcomes
from app.voting.models import Ballot, Vote


def voted_references(db, voter) -> set[str]:
    return set(db.session.scalars(
        db.select(Proposal.reference).join(Vote, Vote.proposal_id == Proposal.id)
        .join(Ballot, Vote.ballot_id == Ballot.id).where(Ballot.user_id == voter.id)))


def test_each_voter_gets_one_mail_with_their_own_proposals_only(db, full_cycle, outbox):
    quiet = full_cycle["voters"][0]
    quiet.notify_outcomes = False
    db.session.commit()
    before = len(outbox())
    full_cycle["publish"]()
    mails = [m for m in outbox()[before:] if m["To"].startswith("votante")]
    assert sorted(m["To"] for m in mails) == sorted(
        v.email for v in full_cycle["voters"] if v is not quiet)
    for voter in full_cycle["voters"][1:]:
        [mail] = [m for m in mails if m["To"] == voter.email]
        body = mail.get_content()
        mine = voted_references(db, voter)
        assert all(ref in body for ref in mine)
        others = {p.reference for p in full_cycle["proposals"]} - mine
        assert not any(ref in body for ref in others)
        assert "/accounts/unsubscribe/" in body and "List-Unsubscribe" in mail


def test_the_job_tells_voters_once(db, full_cycle, outbox):
    full_cycle["publish"]()
    call = full_cycle["call"]
    sent = len(outbox())
    assert tell_voters_outcomes(call.id) == 0
    assert len(outbox()) == sent


def test_nothing_is_told_before_results_are_published(db, full_cycle, outbox):
    full_cycle["close_voting"]()
    assert tell_voters_outcomes(full_cycle["call"].id) == 0

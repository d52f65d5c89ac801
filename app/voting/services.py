"""Voting rules: who may vote, the budget, one vote per proposal, withdrawal, codes.

Every counter moves with a single conditional UPDATE in the same transaction as
the vote row, and the unique (ballot, proposal) index has the last word on
duplicates, so parallel requests can neither overspend a budget nor count a
vote twice, on SQLite (writes begin IMMEDIATE) or PostgreSQL.
"""

import hashlib
import hmac
import secrets

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from app.audit.services import record_event
from app.calls.models import Call, Phase
from app.clock import now
from app.errors import DomainError
from app.extensions import db
from app.proposals.models import Proposal
from app.voting.models import Ballot, Vote, VotingCode

# Proposals voters may support: not withdrawn, hidden, merged or already decided.
VOTABLE_STATUSES = ("published", "under_review", "shortlisted")
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: easy to read aloud
CODE_LENGTH = 10


class VotingClosed(DomainError):
    status = 409
    message = _l("Voting is not open for this call.")


class NotEligible(DomainError):
    status = 403
    message = _l("You cannot vote in this call.")


class VoteBudgetExhausted(DomainError):
    status = 409

    def __init__(self, budget: int):
        super().__init__(_l("You have used all %(n)d votes; withdraw one to vote for this.",
                            n=budget))


class AlreadyVoted(DomainError):
    status = 409
    message = _l("You already support this proposal.")


class NotVoted(DomainError):
    status = 409
    message = _l("You do not support this proposal, so there is no vote to withdraw.")


class ProposalNotVotable(DomainError):
    status = 409
    message = _l("This proposal is not open to votes (it was withdrawn, hidden or merged).")


class WithdrawalNotAllowed(DomainError):
    status = 409
    message = _l("In this call a vote cannot be withdrawn once cast.")


class CodeInvalid(DomainError):
    status = 400
    message = _l("This code is not valid for this call. Check it and type it again.")


class CodeAlreadyUsed(DomainError):
    status = 409
    message = _l("This code has already been used.")


# --- who may vote -----------------------------------------------------------------------

def eligibility_refusal(call: Call, user, ballot: Ballot | None, at=None) -> DomainError | None:
    """Return why this visitor may not vote in `call` now, or None if they may."""
    if call.phase(at or now()) != Phase.VOTING:
        return VotingClosed()
    if call.eligibility == "code":
        if ballot is None or ballot.code_id is None:
            return NotEligible(_l("In this call you vote with a voting code handed out at the "
                                  "dialogue sessions. Enter your code to vote."))
        return None
    if not (user and user.is_authenticated):
        return NotEligible(_l("Log in to vote."))
    if not user.is_verified:
        return NotEligible(_l("Confirm your email address to vote."))
    return None


def proposal_refusal(proposal: Proposal) -> DomainError | None:
    if proposal.status not in VOTABLE_STATUSES:
        return ProposalNotVotable()
    return None


def can_vote(call: Call, user, ballot: Ballot | None, proposal: Proposal, at=None) -> bool:
    return eligibility_refusal(call, user, ballot, at) is None and \
        proposal_refusal(proposal) is None


# --- ballots ----------------------------------------------------------------------------

def user_ballot(call: Call, user) -> Ballot | None:
    if not (user and user.is_authenticated):
        return None
    return db.session.scalar(select(Ballot).where(Ballot.call_id == call.id,
                                                  Ballot.user_id == user.id))


def ballot_by_id(call: Call, ballot_id) -> Ballot | None:
    if not isinstance(ballot_id, int):
        return None
    ballot = db.session.get(Ballot, ballot_id)
    return ballot if ballot is not None and ballot.call_id == call.id else None


def _ensure_user_ballot(call: Call, user) -> Ballot:
    ballot = user_ballot(call, user)
    if ballot is not None:
        return ballot
    ballot = Ballot(call_id=call.id, user_id=user.id, budget=call.votes_per_voter, used=0,
                    created_at=now())
    try:
        with db.session.begin_nested():
            db.session.add(ballot)
    except IntegrityError:
        # A parallel request of the same voter created it first.
        ballot = user_ballot(call, user)
    return ballot


def voter_ballot(call: Call, user, code_ballot: Ballot | None, create: bool) -> Ballot:
    """The ballot this visitor votes with.

    :raises VotingClosed, NotEligible:
    """
    refusal = eligibility_refusal(call, user, code_ballot)
    if refusal is not None:
        raise refusal
    if call.eligibility == "code":
        return code_ballot
    ballot = _ensure_user_ballot(call, user) if create else user_ballot(call, user)
    if ballot is None:
        raise NotVoted
    return ballot


# --- casting and withdrawing ------------------------------------------------------------

def _move_proposal_count(proposal: Proposal, step: int) -> None:
    db.session.execute(update(Proposal).where(Proposal.id == proposal.id)
                       .values(vote_count=Proposal.vote_count + step)
                       .execution_options(synchronize_session=False))


def _insert_vote_once(ballot: Ballot, proposal: Proposal) -> bool:
    """Insert the vote row unless this ballot already holds one for the proposal.

    ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike) lets the unique index decide
    without a savepoint, and leaves the transaction usable when it says no.
    """
    insert = (sqlite_insert if db.session.get_bind().dialect.name == "sqlite"
              else postgresql_insert)
    added = db.session.scalar(
        insert(Vote).values(ballot_id=ballot.id, proposal_id=proposal.id, created_at=now())
        .on_conflict_do_nothing(index_elements=["ballot_id", "proposal_id"])
        .returning(Vote.id))
    return added is not None


def cast_vote(call: Call, proposal: Proposal, user, code_ballot: Ballot | None = None) -> Ballot:
    """Spend one of the voter's votes on `proposal`.

    Three conditional writes, in the lock order merges use (proposal row, then ballot):
    counting the vote only where the proposal is still votable waits for a merge or a
    hide running now; the unique index refuses a second vote; the budget moves only
    while `used < budget`. A refusal may leave writes behind: the caller rolls back.

    :raises VotingClosed, NotEligible, ProposalNotVotable, AlreadyVoted, VoteBudgetExhausted:
    """
    if proposal.call_id != call.id:
        raise ProposalNotVotable
    ballot = voter_ballot(call, user, code_ballot, create=True)
    counted = db.session.execute(
        update(Proposal).where(Proposal.id == proposal.id,
                               Proposal.status.in_(VOTABLE_STATUSES))
        .values(vote_count=Proposal.vote_count + 1)
        .execution_options(synchronize_session=False))
    if counted.rowcount != 1:
        raise ProposalNotVotable
    if not _insert_vote_once(ballot, proposal):
        raise AlreadyVoted
    used = db.session.scalar(
        update(Ballot).where(Ballot.id == ballot.id, Ballot.used < Ballot.budget)
        .values(used=Ballot.used + 1).returning(Ballot.used)
        .execution_options(synchronize_session=False))
    if used is None:
        raise VoteBudgetExhausted(ballot.budget)
    record_event(user if call.eligibility == "email" else None, "vote.cast", proposal)
    set_committed_value(ballot, "used", used)
    return ballot


def withdraw_vote(call: Call, proposal: Proposal, user,
                  code_ballot: Ballot | None = None) -> Ballot:
    """Give back the vote this voter cast for `proposal`.

    :raises VotingClosed, NotEligible, WithdrawalNotAllowed, NotVoted:
    """
    if proposal.call_id != call.id:
        raise NotVoted
    ballot = voter_ballot(call, user, code_ballot, create=False)
    if not call.allow_vote_withdrawal:
        raise WithdrawalNotAllowed
    removed = db.session.execute(delete(Vote).where(Vote.ballot_id == ballot.id,
                                                    Vote.proposal_id == proposal.id))
    if removed.rowcount != 1:
        raise NotVoted
    db.session.execute(update(Ballot).where(Ballot.id == ballot.id, Ballot.used > 0)
                       .values(used=Ballot.used - 1)
                       .execution_options(synchronize_session=False))
    _move_proposal_count(proposal, -1)
    record_event(user if call.eligibility == "email" else None, "vote.withdrawn", proposal)
    db.session.refresh(ballot)
    return ballot


def voted_proposal_ids(ballot: Ballot | None) -> set[int]:
    if ballot is None:
        return set()
    return set(db.session.scalars(select(Vote.proposal_id).where(Vote.ballot_id == ballot.id)))


def votes_of(user) -> list[tuple[Vote, Proposal]]:
    """Every vote of an account, newest first, with its proposal (for 'my votes')."""
    return [tuple(row) for row in db.session.execute(
        select(Vote, Proposal).join(Ballot, Vote.ballot_id == Ballot.id)
        .join(Proposal, Vote.proposal_id == Proposal.id)
        .where(Ballot.user_id == user.id).order_by(Vote.created_at.desc(), Vote.id.desc()))]


# --- codes ------------------------------------------------------------------------------

def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def code_hash(code: str) -> str:
    """Keyed hash of a code: a leaked database does not reveal usable codes."""
    key = hashlib.sha256(("minga-voting-codes:" + current_app.config["SECRET_KEY"]).encode())
    return hmac.new(key.digest(), normalise_code(code).encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def generate_codes(call: Call, count: int) -> list[str]:
    """Create `count` single-use codes for `call`; return them (they are stored only hashed)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    codes, at = [], now()
    for _ in range(count):
        code = _new_code()
        codes.append(code)
        db.session.add(VotingCode(call_id=call.id, code_hash=code_hash(code), created_at=at))
    db.session.flush()
    record_event(None, "codes.generated", call, after={"count": count})
    return codes


def redeem_code(call: Call, code: str) -> Ballot:
    """Turn a code into a ballot with the call's budget; the code is spent for good.

    :raises NotEligible, VotingClosed, CodeInvalid, CodeAlreadyUsed:
    """
    if call.eligibility != "code":
        raise NotEligible(_l("This call does not use voting codes."))
    if call.phase(now()) != Phase.VOTING:
        raise VotingClosed
    voting_code = db.session.scalar(select(VotingCode).where(
        VotingCode.call_id == call.id, VotingCode.code_hash == code_hash(code)))
    if voting_code is None:
        raise CodeInvalid(field="code")
    spent = db.session.execute(
        update(VotingCode).where(VotingCode.id == voting_code.id,
                                 VotingCode.redeemed_at.is_(None))
        .values(redeemed_at=now()).execution_options(synchronize_session=False))
    if spent.rowcount != 1:
        raise CodeAlreadyUsed(field="code")
    ballot = Ballot(call_id=call.id, code_id=voting_code.id, budget=call.votes_per_voter,
                    used=0, created_at=now())
    db.session.add(ballot)
    db.session.flush()
    return ballot


# --- checking the counters --------------------------------------------------------------

def votes_on_merged(call: Call) -> list[tuple[Proposal, int]]:
    """Merged proposals that still hold vote rows (a merge moves every one of them)."""
    rows = db.session.execute(
        select(Proposal, func.count(Vote.id)).join(Vote, Vote.proposal_id == Proposal.id)
        .where(Proposal.call_id == call.id, Proposal.status == "merged",
               Proposal.merged_into_id.is_not(None))
        .group_by(Proposal.id).order_by(Proposal.id))
    return [tuple(row) for row in rows]


def count_mismatches(call: Call) -> list[tuple[Proposal, int]]:
    """Proposals whose stored count differs from their vote rows: (proposal, true count)."""
    counted = (select(Vote.proposal_id, func.count(Vote.id).label("n"))
               .group_by(Vote.proposal_id).subquery())
    rows = db.session.execute(
        select(Proposal, func.coalesce(counted.c.n, 0))
        .outerjoin(counted, counted.c.proposal_id == Proposal.id)
        .where(Proposal.call_id == call.id,
               Proposal.vote_count != func.coalesce(counted.c.n, 0))
        .order_by(Proposal.id))
    return [tuple(row) for row in rows]


def ballot_mismatches(call: Call) -> list[tuple[Ballot, int]]:
    """Ballots whose `used` differs from their vote rows: (ballot, true count)."""
    counted = (select(Vote.ballot_id, func.count(Vote.id).label("n"))
               .group_by(Vote.ballot_id).subquery())
    rows = db.session.execute(
        select(Ballot, func.coalesce(counted.c.n, 0))
        .outerjoin(counted, counted.c.ballot_id == Ballot.id)
        .where(Ballot.call_id == call.id, Ballot.used != func.coalesce(counted.c.n, 0))
        .order_by(Ballot.id))
    return [tuple(row) for row in rows]


def fix_counts(call: Call) -> int:
    """Set every stored count (proposals and ballots) to what the vote rows say; return fixes.

    :raises VotingClosed: while voting is open (a vote landing mid-repair would be lost).
    """
    if call.phase(now()) == Phase.VOTING:
        raise VotingClosed(_l("Repair the counters after voting closes; until then only "
                              "report them."))
    mismatches = count_mismatches(call)
    ballots = ballot_mismatches(call)
    for proposal, true_count in mismatches:
        before = proposal.vote_count
        proposal.vote_count = true_count
        record_event(None, "votes.recounted", proposal, before={"vote_count": before},
                     after={"vote_count": true_count})
    for ballot, true_count in ballots:
        ballot.used = true_count
    db.session.flush()
    return len(mismatches) + len(ballots)

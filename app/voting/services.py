"""Voting rules: who may vote, the budget, one vote per proposal, withdrawal, codes.

Every counter moves with a single conditional UPDATE in the same transaction as
the vote row, and the unique (ballot, proposal) index has the last word on
duplicates, so parallel requests can neither overspend a budget nor count a
vote twice, on SQLite (writes begin IMMEDIATE) or PostgreSQL.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.audit.services import append_event, record_event
from app.calls.models import Call, Phase
from app.core.clock import now
from app.core.db.engine import begin_writing
from app.core.errors import DomainError
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

@dataclass(slots=True)
class BallotState:
    """A ballot's budget as the last statement saw it."""

    id: int
    budget: int
    used: int

    @property
    def left(self) -> int:
        return self.budget - self.used


_BALLOT_OF = select(Ballot).where(Ballot.call_id == bindparam("call_id"),
                                  Ballot.user_id == bindparam("user_id"))


def user_ballot(call: Call, user) -> Ballot | None:
    if not (user and user.is_authenticated):
        return None
    return db.session.scalar(_BALLOT_OF, {"call_id": call.id, "user_id": user.id})


def ballot_by_id(call: Call, ballot_id) -> Ballot | None:
    if not isinstance(ballot_id, int):
        return None
    ballot = db.session.get(Ballot, ballot_id)
    return ballot if ballot is not None and ballot.call_id == call.id else None


def _open_ballot(call: Call, user) -> Ballot:
    """The account's ballot in `call`, created now with the call's budget if it has none."""
    _write(_OPEN_BALLOT, {"call_id": call.id, "user_id": user.id,
                          "budget": call.votes_per_voter, "created_at": now()})
    # Created here, or a moment ago by a parallel request of the same voter.
    return user_ballot(call, user)


def voter_ballot(call: Call, user, code_ballot: Ballot | None) -> Ballot | None:
    """The ballot this visitor votes with in `call`, None while an account has none yet.

    :raises VotingClosed, NotEligible:
    """
    refusal = eligibility_refusal(call, user, code_ballot)
    if refusal is not None:
        raise refusal
    return code_ballot if call.eligibility == "code" else user_ballot(call, user)


def _actor_id(call, user) -> int | None:
    # Votes with a code are anonymous: the audit trail does not tie them to anyone.
    return user.id if call.eligibility == "email" else None


# --- casting and withdrawing ------------------------------------------------------------
#
# Every write is conditional, so what was read before the write lock (the call, the
# proposal, the ballot) may have changed without harm: the count moves only while the
# proposal is votable, the unique (ballot, proposal) index refuses a second vote (ON
# CONFLICT leaves the transaction usable), and the budget moves only while used < budget.
# Rows are written in the lock order merges use: the proposal, then the vote, then the
# ballot.

_proposals, _votes, _ballots = Proposal.__table__, Vote.__table__, Ballot.__table__
# Built once: a vote's statements differ only in their parameters.
_COUNT = (update(_proposals)
          .where(_proposals.c.id == bindparam("proposal_id"),
                 _proposals.c.status.in_(VOTABLE_STATUSES))
          .values(vote_count=_proposals.c.vote_count + 1))
_UNCOUNT = (update(_proposals).where(_proposals.c.id == bindparam("proposal_id"))
            .values(vote_count=_proposals.c.vote_count - 1))
_SPEND = (update(_ballots)
          .where(_ballots.c.id == bindparam("ballot_id"), _ballots.c.used < _ballots.c.budget)
          .values(used=_ballots.c.used + 1).returning(_ballots.c.used))
_GIVE_BACK = (update(_ballots)
              .where(_ballots.c.id == bindparam("ballot_id"), _ballots.c.used > 0)
              .values(used=_ballots.c.used - 1).returning(_ballots.c.used))
_DELETE_VOTE = delete(_votes).where(_votes.c.ballot_id == bindparam("ballot_id"),
                                    _votes.c.proposal_id == bindparam("proposal_id"))
# ON CONFLICT is spelled per dialect.
_INSERT_VOTE = {
    name: insert(_votes).values(ballot_id=bindparam("ballot_id"),
                                proposal_id=bindparam("proposal_id"),
                                created_at=bindparam("created_at"))
    .on_conflict_do_nothing(index_elements=["ballot_id", "proposal_id"])
    .returning(_votes.c.id)
    for name, insert in (("sqlite", sqlite_insert), ("postgresql", postgresql_insert))}
_OPEN_BALLOT = {
    name: insert(_ballots).values(call_id=bindparam("call_id"), user_id=bindparam("user_id"),
                                  budget=bindparam("budget"), used=0,
                                  created_at=bindparam("created_at"))
    .on_conflict_do_nothing(index_elements=["call_id", "user_id"])
    for name, insert in (("sqlite", sqlite_insert), ("postgresql", postgresql_insert))}


def _write(statement, params: dict):
    """Run one of the vote's statements on the session's connection, in its transaction."""
    connection = db.session.connection()
    if isinstance(statement, dict):
        statement = statement[connection.dialect.name]
    return connection.execute(statement, params)


def cast_vote(call: Call, proposal: Proposal, user,
              code_ballot: Ballot | None = None) -> BallotState:
    """Spend one of the voter's votes on `proposal`.

    A refusal may leave writes behind: the caller rolls back.

    :raises VotingClosed, NotEligible, ProposalNotVotable, AlreadyVoted, VoteBudgetExhausted:
    """
    if proposal.call_id != call.id:
        raise ProposalNotVotable
    ballot = voter_ballot(call, user, code_ballot)
    begin_writing()
    if ballot is None:
        ballot = _open_ballot(call, user)
    if _write(_COUNT, {"proposal_id": proposal.id}).rowcount != 1:
        raise ProposalNotVotable
    if _write(_INSERT_VOTE, {"ballot_id": ballot.id, "proposal_id": proposal.id,
                             "created_at": now()}).first() is None:
        raise AlreadyVoted
    spent = _write(_SPEND, {"ballot_id": ballot.id}).first()
    if spent is None:
        raise VoteBudgetExhausted(ballot.budget)
    append_event(_actor_id(call, user), "vote.cast", "proposals", proposal.id)
    return BallotState(ballot.id, ballot.budget, spent[0])


def withdraw_vote(call: Call, proposal: Proposal, user,
                  code_ballot: Ballot | None = None) -> BallotState:
    """Give back the vote this voter cast for `proposal`.

    A refusal may leave writes behind: the caller rolls back.

    :raises VotingClosed, NotEligible, WithdrawalNotAllowed, NotVoted:
    """
    if proposal.call_id != call.id:
        raise NotVoted
    ballot = voter_ballot(call, user, code_ballot)
    if ballot is None:
        raise NotVoted
    if not call.allow_vote_withdrawal:
        raise WithdrawalNotAllowed
    begin_writing()
    _write(_UNCOUNT, {"proposal_id": proposal.id})
    if _write(_DELETE_VOTE, {"ballot_id": ballot.id, "proposal_id": proposal.id}).rowcount != 1:
        raise NotVoted
    given_back = _write(_GIVE_BACK, {"ballot_id": ballot.id}).first()
    append_event(_actor_id(call, user), "vote.withdrawn", "proposals", proposal.id)
    return BallotState(ballot.id, ballot.budget, 0 if given_back is None else given_back[0])


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

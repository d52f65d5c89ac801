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
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, delete, func, literal_column, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm.attributes import set_committed_value

from app.accounts.login import ACCOUNT_COLUMNS, with_account
from app.audit.services import append_event, record_event
from app.calls.models import Call, Phase
from app.clock import now
from app.database import Prepared
from app.errors import DomainError
from app.extensions import db
from app.proposals.models import PUBLIC_STATUSES, Proposal
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


# --- what a vote reads ------------------------------------------------------------------
#
# A vote needs a few columns of its call, proposal and ballot, not their objects: one
# SELECT reads them all, as plain rows, and the writes are prepared statements. Building
# ORM objects (and flushing them) was most of the cost of the site's busiest request.

UNREAD = object()  # "the caller has not looked the voter's ballot up": the service does

_calls, _proposals = Call.__table__, Proposal.__table__
_ballots, _votes = Ballot.__table__, Vote.__table__


def _one_of(column, values: tuple[str, ...]):
    """`column IN ('a', 'b')` with the constants in the SQL text, not expanded per query."""
    assert all(value.isidentifier() for value in values)
    return column.in_([literal_column(f"'{value}'") for value in values])


@dataclass(slots=True)
class CallRules:
    """What voting needs of a call: its phase dates and voting settings."""

    id: int
    slug: str
    eligibility: str
    votes_per_voter: int
    allow_vote_withdrawal: bool
    submission_opens_at: datetime
    submission_closes_at: datetime
    voting_opens_at: datetime
    voting_closes_at: datetime
    results_published_at: datetime | None

    phase = Call.phase  # one definition of the phases, for rows and models alike


@dataclass(slots=True)
class ProposalRef:
    id: int
    call_id: int
    reference: str
    status: str


@dataclass(slots=True)
class BallotState:
    """A ballot's budget as the last statement saw it."""

    id: int
    code_id: int | None
    budget: int
    used: int


@dataclass(slots=True)
class VoteTarget:
    call: CallRules
    proposal: ProposalRef
    ballot: BallotState | None  # the voter's ballot in the call; None while they have none
    account: tuple | None  # the login's ACCOUNT_COLUMNS (app/accounts/login.py), if asked


_CALL_COLUMNS = [_calls.c[name] for name in (
    "id", "slug", "eligibility", "votes_per_voter", "allow_vote_withdrawal",
    "submission_opens_at", "submission_closes_at", "voting_opens_at", "voting_closes_at",
    "results_published_at")]
_BALLOT_COLUMNS = [_ballots.c.id, _ballots.c.code_id, _ballots.c.budget, _ballots.c.used]
_TARGET = Prepared(
    select(*_CALL_COLUMNS, _proposals.c.id, _proposals.c.reference, _proposals.c.status,
           *_BALLOT_COLUMNS, *ACCOUNT_COLUMNS)
    .select_from(with_account(
        _calls.join(_proposals, and_(_proposals.c.call_id == _calls.c.id,
                                     _proposals.c.reference == bindparam("reference"),
                                     _one_of(_proposals.c.status, PUBLIC_STATUSES)))
        .outerjoin(_ballots, and_(_ballots.c.call_id == _calls.c.id,
                                  _ballots.c.user_id == bindparam("user_id"))),
        bindparam("user_id")))
    .where(_calls.c.slug == bindparam("slug")))
_CODE_BALLOT = Prepared(select(*_BALLOT_COLUMNS).where(
    _ballots.c.id == bindparam("ballot_id"), _ballots.c.call_id == bindparam("call_id"),
    _ballots.c.code_id.is_not(None)))
_ACCOUNT_BALLOT = Prepared(select(*_BALLOT_COLUMNS).where(
    _ballots.c.call_id == bindparam("call_id"), _ballots.c.user_id == bindparam("user_id")))
_N_CALL = len(_CALL_COLUMNS)


def _ballot_of(row, start: int = 0) -> BallotState | None:
    if row is None or row[start] is None:
        return None
    return BallotState(*row[start:start + 4])


def vote_target(slug: str, reference: str, account_id: int | None,
                code_ballots: dict | None, connection=None) -> VoteTarget | None:
    """The call, the public proposal and the voter's ballot a vote is about, or None (404).

    `account_id`: the logged-in account's, whose ballot and login columns come along
    (`account`), unchecked: see app/accounts/login.py. `code_ballots`: the code ballots
    the visitor's session remembers, by call id. One query, plus one for a code ballot
    in a code call. On `connection` (by default the session's).
    """
    connection = connection or db.session.connection()
    row = _TARGET.first(connection, {"slug": slug, "reference": reference,
                                     "user_id": account_id})
    if row is None:
        return None
    call = CallRules(*row[:_N_CALL])
    proposal = ProposalRef(row[_N_CALL], call.id, row[_N_CALL + 1], row[_N_CALL + 2])
    if call.eligibility == "code":
        ballot_id = (code_ballots or {}).get(str(call.id))
        ballot = _ballot_of(_CODE_BALLOT.first(connection, {
            "ballot_id": ballot_id, "call_id": call.id})) \
            if isinstance(ballot_id, int) else None
    else:
        ballot = _ballot_of(row, _N_CALL + 3)
    account = row[_N_CALL + 7:] if account_id is not None and row[_N_CALL + 7] is not None \
        else None
    return VoteTarget(call, proposal, ballot, account)


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


class _Statements:
    """The vote's writes, built once per SQL dialect (ON CONFLICT is spelled per dialect)."""

    def __init__(self, dialect: str):
        insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
        self.open_ballot = Prepared(
            insert(_ballots).values(call_id=bindparam("call_id"), user_id=bindparam("user_id"),
                                    budget=bindparam("budget"), used=0,
                                    created_at=bindparam("created_at"))
            .on_conflict_do_nothing(index_elements=["call_id", "user_id"])
            .returning(*_BALLOT_COLUMNS))
        # Counted only while the proposal is votable: waits for a merge or hide running now.
        self.count = Prepared(
            update(_proposals)
            .where(_proposals.c.id == bindparam("proposal_id"),
                   _one_of(_proposals.c.status, VOTABLE_STATUSES))
            .values(vote_count=_proposals.c.vote_count + 1))
        # The unique (ballot, proposal) index refuses a second vote, leaving the
        # transaction usable (no savepoint needed).
        self.insert_vote = Prepared(
            insert(_votes).values(ballot_id=bindparam("ballot_id"),
                                  proposal_id=bindparam("proposal_id"),
                                  created_at=bindparam("created_at"))
            .on_conflict_do_nothing(index_elements=["ballot_id", "proposal_id"])
            .returning(_votes.c.id))
        self.spend = Prepared(
            update(_ballots)
            .where(_ballots.c.id == bindparam("ballot_id"), _ballots.c.used < _ballots.c.budget)
            .values(used=_ballots.c.used + 1).returning(_ballots.c.used))
        self.uncount = Prepared(
            update(_proposals).where(_proposals.c.id == bindparam("proposal_id"))
            .values(vote_count=_proposals.c.vote_count - 1))
        self.delete_vote = Prepared(
            delete(_votes).where(_votes.c.ballot_id == bindparam("ballot_id"),
                                 _votes.c.proposal_id == bindparam("proposal_id")))
        self.give_back = Prepared(
            update(_ballots).where(_ballots.c.id == bindparam("ballot_id"), _ballots.c.used > 0)
            .values(used=_ballots.c.used - 1).returning(_ballots.c.used))


_statements: dict[str, _Statements] = {}


def _writes(connection=None):
    """The connection (by default the session's, beginning its writing transaction) and
    the statements for its dialect."""
    connection = connection or db.session.connection()
    dialect = connection.dialect.name
    statements = _statements.get(dialect)
    if statements is None:
        statements = _statements[dialect] = _Statements(dialect)
    return connection, statements


def _open_ballot(call, user, connection) -> BallotState:
    """The account's ballot in `call`, created now with the call's budget if it has none."""
    connection, sql = _writes(connection)
    ballot = _ballot_of(sql.open_ballot.first(connection, {
        "call_id": call.id, "user_id": user.id, "budget": call.votes_per_voter,
        "created_at": now()}))
    if ballot is None:  # a parallel request of the same voter created it first
        ballot = _ballot_of(_ACCOUNT_BALLOT.first(connection, {
            "call_id": call.id, "user_id": user.id}))
    return ballot


def voter_ballot(call, user, code_ballot, create: bool, known=UNREAD, connection=None):
    """The ballot this visitor votes with (a `BallotState`, or the code's `Ballot`).

    `known`: the voter's ballot in the call as the caller already read it (None: they
    have none yet); left out, it is looked up here.

    :raises VotingClosed, NotEligible, NotVoted:
    """
    if known is not UNREAD and call.eligibility == "code":
        code_ballot = known
    refusal = eligibility_refusal(call, user, code_ballot)
    if refusal is not None:
        raise refusal
    if call.eligibility == "code":
        return code_ballot
    if known is UNREAD:
        known = _ballot_of(_ACCOUNT_BALLOT.first(connection or db.session.connection(), {
            "call_id": call.id, "user_id": user.id}))
    if known is None:
        if not create:
            raise NotVoted
        known = _open_ballot(call, user, connection)
    return known


def _now_used(ballot, used: int) -> BallotState:
    if isinstance(ballot, Ballot):  # keep a loaded code ballot in step with the row
        set_committed_value(ballot, "used", used)
    return BallotState(ballot.id, ballot.code_id, ballot.budget, used)


def _actor_id(call, user) -> int | None:
    # Votes with a code are anonymous: the audit trail does not tie them to anyone.
    return user.id if call.eligibility == "email" else None


# --- casting and withdrawing ------------------------------------------------------------

def cast_vote(call, proposal, user, code_ballot: Ballot | None = None, *,
              ballot=UNREAD, connection=None) -> BallotState:
    """Spend one of the voter's votes on `proposal`.

    `call` and `proposal` are models or the rows `vote_target` reads; `ballot` is the
    voter's ballot if already read (see `voter_ballot`); the writes go on `connection`,
    by default the session's.

    Three conditional writes, in the lock order merges use (proposal row, then ballot):
    counting the vote only where the proposal is still votable waits for a merge or a
    hide running now; the unique index refuses a second vote; the budget moves only
    while `used < budget`. A refusal may leave writes behind: the caller rolls back.

    :raises VotingClosed, NotEligible, ProposalNotVotable, AlreadyVoted, VoteBudgetExhausted:
    """
    if proposal.call_id != call.id:
        raise ProposalNotVotable
    ballot = voter_ballot(call, user, code_ballot, create=True, known=ballot,
                          connection=connection)
    connection, sql = _writes(connection)
    if sql.count.rowcount(connection, {"proposal_id": proposal.id}) != 1:
        raise ProposalNotVotable
    if sql.insert_vote.first(connection, {"ballot_id": ballot.id, "proposal_id": proposal.id,
                                          "created_at": now()}) is None:
        raise AlreadyVoted
    spent = sql.spend.first(connection, {"ballot_id": ballot.id})
    if spent is None:
        raise VoteBudgetExhausted(ballot.budget)
    append_event(_actor_id(call, user), "vote.cast", "proposals", proposal.id,
                 connection=connection)
    return _now_used(ballot, spent[0])


def withdraw_vote(call, proposal, user, code_ballot: Ballot | None = None, *,
                  ballot=UNREAD, connection=None) -> BallotState:
    """Give back the vote this voter cast for `proposal`.

    Writes in the lock order of casts and merges: the proposal row, then the vote, then
    the ballot. A refusal may leave writes behind: the caller rolls back.

    :raises VotingClosed, NotEligible, WithdrawalNotAllowed, NotVoted:
    """
    if proposal.call_id != call.id:
        raise NotVoted
    ballot = voter_ballot(call, user, code_ballot, create=False, known=ballot,
                          connection=connection)
    if not call.allow_vote_withdrawal:
        raise WithdrawalNotAllowed
    connection, sql = _writes(connection)
    sql.uncount.rowcount(connection, {"proposal_id": proposal.id})
    if sql.delete_vote.rowcount(connection, {"ballot_id": ballot.id,
                                             "proposal_id": proposal.id}) != 1:
        raise NotVoted
    given_back = sql.give_back.first(connection, {"ballot_id": ballot.id})
    append_event(_actor_id(call, user), "vote.withdrawn", "proposals", proposal.id,
                 connection=connection)
    return _now_used(ballot, 0 if given_back is None else given_back[0])


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

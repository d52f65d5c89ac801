"""The voting state of whoever is looking at a page: their ballot, votes and eligibility.

Code voters have no account: the ballot their code opened is remembered in the
(signed) session, per call.
"""

from dataclasses import dataclass, field

from flask import session
from flask_login import current_user

from app.calls.models import Call, Phase
from app.core.clock import now
from app.voting import services
from app.voting.models import Ballot

SESSION_KEY = "code_ballots"


@dataclass
class VotingState:
    open: bool = False
    ballot: Ballot | None = None
    voted: set[int] = field(default_factory=set)
    refusal: str | None = None
    budget: int = 0
    withdrawal_allowed: bool = True

    @property
    def used(self) -> int:
        return self.ballot.used if self.ballot else 0

    @property
    def left(self) -> int:
        return self.budget - self.used


def code_ballot(call: Call) -> Ballot | None:
    return services.ballot_by_id(call, session.get(SESSION_KEY, {}).get(str(call.id)))


def remember_code_ballot(call: Call, ballot: Ballot) -> None:
    ballots = dict(session.get(SESSION_KEY, {}))
    ballots[str(call.id)] = ballot.id
    session[SESSION_KEY] = ballots


def forget_code_ballot(call: Call) -> None:
    ballots = dict(session.get(SESSION_KEY, {}))
    ballots.pop(str(call.id), None)
    session[SESSION_KEY] = ballots


def voting_state(call: Call) -> VotingState:
    if call.phase(now()) != Phase.VOTING:
        return VotingState()
    by_code = code_ballot(call)
    ballot = by_code if call.eligibility == "code" else services.user_ballot(call, current_user)
    refusal = services.eligibility_refusal(call, current_user, by_code)
    return VotingState(open=True, ballot=ballot, voted=services.voted_proposal_ids(ballot),
                       refusal=str(refusal.message) if refusal else None,
                       budget=ballot.budget if ballot else call.votes_per_voter,
                       withdrawal_allowed=call.allow_vote_withdrawal)

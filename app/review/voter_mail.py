"""When results are published, each voter hears what became of the proposals they voted
for: one message each, from a background job (a national call has tens of thousands of
voters), with the usual one-click opt-out. What a person voted for is sensitive: it goes
to that person only, and nowhere else.
"""

from itertools import groupby

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.models import User
from app.accounts.notifications import notify
from app.audit.models import AuditEvent
from app.audit.services import record_event
from app.calls.models import Call
from app.extensions import db
from app.proposals.models import Proposal
from app.review.services import decisions_by_proposal, results_published
from app.voting.models import Ballot, Vote

BATCH = 200
DONE = "call.voters_told_outcomes"


def _already_told(call: Call) -> bool:
    return db.session.scalar(select(AuditEvent.id).where(
        AuditEvent.target_type == Call.__tablename__, AuditEvent.target_id == str(call.id),
        AuditEvent.action == DONE).limit(1)) is not None


def tell_voters_outcomes(call_id: int) -> int:
    """The job: mail every account that voted in the call its proposals' outcomes.
    Returns how many were mailed. Runs once per call (a second run finds it done)."""
    call = db.session.get(Call, call_id)
    if call is None or not results_published(call) or _already_told(call):
        return 0
    decisions = {pid: d.standing() for pid, d in decisions_by_proposal(call).items()
                 if d.standing_outcome is not None}
    pairs = db.session.execute(
        select(Ballot.user_id, Vote.proposal_id).join(Vote, Vote.ballot_id == Ballot.id)
        .where(Ballot.call_id == call.id, Ballot.user_id.is_not(None))
        .order_by(Ballot.user_id, Vote.proposal_id)).all()
    by_voter = [(user_id, [p for _u, p in rows])
                for user_id, rows in groupby(pairs, key=lambda pair: pair[0])]
    mailed = 0
    for start in range(0, len(by_voter), BATCH):
        batch = by_voter[start:start + BATCH]
        users = {u.id: u for u in db.session.scalars(
            select(User).where(User.id.in_([user_id for user_id, _ in batch])))}
        proposal_ids = {p for _, voted in batch for p in voted}
        proposals = {p.id: p for p in db.session.scalars(
            select(Proposal).where(Proposal.id.in_(proposal_ids)))}
        for user_id, voted in batch:
            answers = [(proposals[p], decisions[p]) for p in voted if p in decisions]
            if answers:
                mailed += notify(users[user_id], "outcome",
                                 _l("What became of the proposals you voted for"),
                                 "mail/outcomes.txt", call=call, answers=answers)
        db.session.commit()  # each batch's messages leave as it commits
    record_event(None, DONE, call, after={"mailed": mailed})
    db.session.commit()
    return mailed

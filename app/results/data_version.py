"""The version of a call's open data, moved in the same transaction as any change to the
call, its proposals or their decisions, so that a kept export file is built again exactly
when what it holds may have changed — whoever changed it, through whichever service.

Each move queues the job that builds the call's kept SQLite export again (after the
commit, with a delay so a burst of edits builds once).

Vote counts are the exception: they move by the second during a vote, through Core
statements that do not pass here, and the export refreshes them on a timer instead
(app/results/exports.py).
"""

from flask import current_app, has_app_context
from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session

from app.calls.models import Call
from app.core import jobs
from app.proposals.models import Proposal
from app.review.models import Decision

_calls = Call.__table__
_proposals = Proposal.__table__


def _touched(session: Session) -> tuple[set[int], set[int]]:
    call_ids, proposal_ids = set(), set()
    for item in (*session.new, *session.dirty, *session.deleted):
        if isinstance(item, Call):
            call_ids.add(item.id)
        elif isinstance(item, Proposal):
            call_ids.add(item.call_id)
        elif isinstance(item, Decision):
            proposal_ids.add(item.proposal_id)
    call_ids.discard(None)
    proposal_ids.discard(None)
    return call_ids, proposal_ids


@event.listens_for(Session, "after_flush")
def _move_versions(session: Session, _flush_context) -> None:
    call_ids, proposal_ids = _touched(session)
    if not (call_ids or proposal_ids):
        return
    # A Core statement on the flush's connection: it does not flush again, and it does not
    # count as an edit of the call for its optimistic lock (calls.version).
    of_decisions = _calls.c.id.in_(
        select(_proposals.c.call_id).where(_proposals.c.id.in_(proposal_ids)))
    moved = session.connection().execute(
        update(_calls).where(or_(_calls.c.id.in_(call_ids), of_decisions))
        .values(data_version=_calls.c.data_version + 1).returning(_calls.c.id)).scalars()
    config = current_app.config if has_app_context() else {}
    if config.get("EXPORT_CACHE_SECONDS", 0) > 0:  # a kept file to build again, off the request
        for call_id in moved:
            jobs.enqueue_after_commit("build_open_data", call_id, session=session,
                                      delay=config["EXPORT_BUILD_DELAY_SECONDS"])

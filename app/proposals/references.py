"""Proposal references: `<year>-<nnnn>`, unique in the deployment, and the ones given up.

A reference is what the press, the Working Group's minutes and the open-data files cite,
so it names one proposal across every call: the numbers of a year run on from one call
to the next. The year is the call's (`Call.year`), so a call's references share it.
"""

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.calls.models import Call
from app.extensions import db
from app.proposals.models import FormerReference, Proposal, ReferenceCounter


def next_reference(call: Call) -> str:
    """Hand out the next reference of the call's year (for publishing and bulk loads)."""
    year = call.year
    if not _bump(year):
        try:
            with db.session.begin_nested():  # the year's first: two at once, one insert wins
                db.session.add(ReferenceCounter(year=year, last_number=0))
                db.session.flush()
        except IntegrityError:
            pass
        _bump(year)
    number = db.session.scalar(select(ReferenceCounter.last_number)
                               .where(ReferenceCounter.year == year))
    return f"{year}-{number:04d}"


def _bump(year: int) -> bool:
    # One UPDATE takes the row's lock (SQLite's write lock, PostgreSQL's row lock) and
    # reads the number it raises, so two publications at once never share one.
    bumped = db.session.execute(update(ReferenceCounter).where(ReferenceCounter.year == year)
                                .values(last_number=ReferenceCounter.last_number + 1)
                                .execution_options(synchronize_session=False))
    return bumped.rowcount == 1


def renumbered(call: Call, reference: str) -> str | None:
    """The reference now of the call's proposal once published as `reference`, if any."""
    return db.session.scalar(
        select(Proposal.reference).join(FormerReference,
                                        FormerReference.proposal_id == Proposal.id)
        .where(FormerReference.call_id == call.id, FormerReference.reference == reference))


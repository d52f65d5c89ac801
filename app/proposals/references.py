"""Proposal references: `<year>-<nnnn>`, unique in the deployment, and the ones given up.

A reference is what the press, the Working Group's minutes and the open-data files cite,
so it names one proposal across every call: the numbers of a year run on from one call
to the next. The year is the call's (`Call.year`), so a call's references share it.
"""

from sqlalchemy import select

from app.calls.models import Call
from app.core.db.counters import next_number
from app.extensions import db
from app.proposals.models import FormerReference, Proposal, ReferenceCounter


def next_reference(call: Call) -> str:
    """Hand out the next reference of the call's year (for publishing and bulk loads)."""
    number = next_number(ReferenceCounter, "year", call.year)
    return f"{call.year}-{number:04d}"


def renumbered(call: Call, reference: str) -> str | None:
    """The reference now of the call's proposal once published as `reference`, if any."""
    return db.session.scalar(
        select(Proposal.reference).join(FormerReference,
                                        FormerReference.proposal_id == Proposal.id)
        .where(FormerReference.call_id == call.id, FormerReference.reference == reference))


"""A call's review panel is not a list of its own: it is whoever holds, or stands in for, a
seat of the standing Working Group while the call is reviewed. A change of holder on a seat
changes the panel of every call reviewed after it, with nothing to keep in step."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager

from app.calls.models import Call
from app.core.timezones import utc_to_local
from app.extensions import db
from app.review.models import CONSTITUENCIES, VOTING_CONSTITUENCIES, WorkingGroupMember
from app.working_group.models import Seat, SeatTerm


def review_period(call: Call) -> tuple[date, date | None]:
    """The site's days from the close of voting to the publication of the results (open
    while they are unpublished)."""
    start = utc_to_local(call.voting_closes_at).date()
    end = utc_to_local(call.results_published_at).date() if call.results_published_at else None
    return start, end


def overlaps(term: SeatTerm, start: date, end: date | None) -> bool:
    """Whether the term runs on at least one day of [start, end]; a term's ends_on is the
    first day it no longer runs."""
    return (end is None or term.starts_on <= end) and \
        (term.ends_on is None or term.ends_on > start)


@dataclass(frozen=True)
class Place:
    """One person's place on a call's panel: the seat and term they sit through."""

    seat: Seat
    term: SeatTerm
    user_id: int
    as_alternate: bool

    @property
    def votes(self) -> bool:
        return self.seat.constituency in VOTING_CONSTITUENCIES


def _places(call: Call, terms) -> list[Place]:
    start, end = review_period(call)
    found = []
    for term in terms:
        if not overlaps(term, start, end):
            continue
        if term.holder_id is not None:
            found.append(Place(term.seat, term, term.holder_id, False))
        if term.alternate_id is not None and term.alternate_id != term.holder_id:
            found.append(Place(term.seat, term, term.alternate_id, True))
    return found


def terms_of_panel(call: Call) -> list[SeatTerm]:
    """The terms that run during the call's review, in the order of the seats: the public
    list of who reviews it (public names only)."""
    start, end = review_period(call)
    order = list(CONSTITUENCIES)
    terms = [t for t in db.session.scalars(select(SeatTerm).join(Seat)
                                            .options(contains_eager(SeatTerm.seat)))
             if overlaps(t, start, end)]
    return sorted(terms, key=lambda t: (order.index(t.seat.constituency), t.seat.position,
                                        t.seat_id, t.starts_on))


def places(call: Call) -> list[Place]:
    return _places(call, terms_of_panel(call))


def places_of(call: Call, user) -> list[Place]:
    """Where `user` sits on the call's panel, voting seats first (one query)."""
    terms = db.session.scalars(select(SeatTerm).join(Seat).options(
        contains_eager(SeatTerm.seat)).where(
        or_(SeatTerm.holder_id == user.id, SeatTerm.alternate_id == user.id))).all()
    mine = [p for p in _places(call, terms) if p.user_id == user.id]
    return sorted(mine, key=lambda p: (not p.votes, -p.term.starts_on.toordinal()))


def terms_of_user(user) -> list[SeatTerm]:
    return list(db.session.scalars(select(SeatTerm).where(
        or_(SeatTerm.holder_id == user.id, SeatTerm.alternate_id == user.id))))


def member_row(call: Call, user, place: Place,
               existing: WorkingGroupMember | None = None) -> WorkingGroupMember:
    """The person's row for this call: the stored one, or a new one not yet in the session
    (written by `materialise` when they first act)."""
    if existing is not None:
        return existing
    row = WorkingGroupMember(call_id=call.id, user_id=user.id,
                             constituency=place.seat.constituency, seat_id=place.seat.id)
    row.user = user
    return row

"""Who sits for whom: seats and the history of their holders. Only administrators change
them, and every change is audited."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select

from app.accounts.models import User
from app.audit.services import record_event
from app.core.clock import now
from app.core.timezones import utc_to_local
from app.extensions import db
from app.review.models import CONSTITUENCIES
from app.working_group.errors import (
    AdminsOnly,
    Missing,
    NoSuchAccount,
    TermDatesWrong,
    TooLong,
    UnknownChoice,
)
from app.working_group.models import Seat, SeatTerm

NAME_MAX = 200


def group_name() -> str:
    """One standing group per deployment, named in its configuration."""
    return current_app.config["MINGA_WORKING_GROUP_NAME"]


def today() -> date:
    """The site's calendar day: terms and rules are dated in the site's zone."""
    return utc_to_local(now()).date()


def require_admin(actor) -> None:
    if not getattr(actor, "is_admin", False):
        raise AdminsOnly


def clean(value: str | None, field: str, required: bool = True, limit: int = NAME_MAX) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise Missing(field=field)
    if len(value) > limit:
        raise TooLong(field=field)
    return value


def seats() -> list[Seat]:
    order = list(CONSTITUENCIES)
    found = db.session.scalars(select(Seat)).all()
    return sorted(found, key=lambda s: (order.index(s.constituency), s.position, s.id))


def voting_constituencies_seated() -> dict[str, list[Seat]]:
    """Every voting constituency with its seats (an empty list: it has none)."""
    from app.review.models import VOTING_CONSTITUENCIES

    grouped: dict[str, list[Seat]] = {c: [] for c in VOTING_CONSTITUENCIES}
    for seat in seats():
        if seat.votes:
            grouped[seat.constituency].append(seat)
    return grouped


@dataclass(frozen=True)
class Sitting:
    """A person's place in the group on one day."""

    seat: Seat
    term: SeatTerm
    as_alternate: bool


def sittings_of(user, day: date | None = None) -> list[Sitting]:
    """The seats `user` holds (or stands in for) on `day`: how members are recognised."""
    if not (user and getattr(user, "is_authenticated", False)):
        return []
    day = day or today()
    terms = db.session.scalars(select(SeatTerm).where(
        (SeatTerm.holder_id == user.id) | (SeatTerm.alternate_id == user.id))).all()
    return [Sitting(t.seat, t, t.alternate_id == user.id and t.holder_id != user.id)
            for t in terms if t.covers(day)]


def is_member(user, day: date | None = None) -> bool:
    return bool(sittings_of(user, day))


def _account(email: str | None, field: str) -> User | None:
    email = (email or "").strip().lower()
    if not email:
        return None
    found = db.session.scalar(select(User).where(User.email == email))
    if found is None:
        raise NoSuchAccount(field=field)
    return found


def add_seat(actor, constituency: str, name: str) -> Seat:
    """:raises AdminsOnly, UnknownChoice, Missing, TooLong:"""
    require_admin(actor)
    if constituency not in CONSTITUENCIES:
        raise UnknownChoice(field="constituency")
    seat = Seat(constituency=constituency, name=clean(name, "name"), created_at=now(),
                position=len(seats()))
    db.session.add(seat)
    db.session.flush()
    record_event(actor, "wg.seat_added", seat, after={"constituency": constituency,
                                                      "name": seat.name})
    return seat


def _term_fields(holder_name, role, organisation, appointed_by, alternate_name) -> dict:
    return {"holder_name": clean(holder_name, "holder_name"),
            "role": clean(role, "role", required=False),
            "organisation": clean(organisation, "organisation", required=False),
            "appointed_by": clean(appointed_by, "appointed_by", required=False),
            "alternate_name": clean(alternate_name, "alternate_name", required=False)}


def public_term(term: SeatTerm) -> dict:
    """What the audit trail and open data keep of a term: public names, never accounts'
    addresses."""
    return {"holder_name": term.holder_name, "role": term.role,
            "organisation": term.organisation, "appointed_by": term.appointed_by,
            "alternate_name": term.alternate_name, "holder_id": term.holder_id,
            "alternate_id": term.alternate_id, "starts_on": term.starts_on.isoformat(),
            "ends_on": term.ends_on.isoformat() if term.ends_on else None}


def appoint(actor, seat: Seat, *, starts_on: date | None, holder_name: str, role: str = "",
            organisation: str = "", appointed_by: str = "", alternate_name: str = "",
            holder_email: str | None = None, alternate_email: str | None = None) -> SeatTerm:
    """A new holder of `seat` from `starts_on`: the current term ends that day.

    The seat's row is locked so two appointments at once cannot both leave a term open.

    :raises AdminsOnly, Missing, TooLong, TermDatesWrong, NoSuchAccount:
    """
    require_admin(actor)
    if starts_on is None:
        raise Missing(field="starts_on")
    fields = _term_fields(holder_name, role, organisation, appointed_by, alternate_name)
    holder = _account(holder_email, "holder_email")
    alternate = _account(alternate_email, "alternate_email")
    if alternate is not None and not fields["alternate_name"]:
        fields["alternate_name"] = alternate.name
    db.session.scalar(select(Seat).where(Seat.id == seat.id).with_for_update())
    db.session.refresh(seat, ["terms"])
    current = next((t for t in seat.terms if t.ends_on is None), None)
    latest_start = max((t.starts_on for t in seat.terms), default=None)
    if latest_start is not None and starts_on <= latest_start:
        raise TermDatesWrong(field="starts_on")
    if current is not None:
        before = public_term(current)
        current.ends_on = starts_on
        record_event(actor, "wg.term_ended", current, before=before,
                     after=public_term(current))
    term = SeatTerm(seat_id=seat.id, starts_on=starts_on, holder_id=getattr(holder, "id", None),
                    alternate_id=getattr(alternate, "id", None), created_at=now(), **fields)
    db.session.add(term)
    db.session.flush()
    db.session.refresh(seat, ["terms"])
    record_event(actor, "wg.term_started", term, after=public_term(term))
    return term


def end_term(actor, term: SeatTerm, ends_on: date | None) -> SeatTerm:
    """The holder leaves and nobody replaces them yet: the seat is vacant from `ends_on`.

    :raises AdminsOnly, Missing, TermDatesWrong:
    """
    require_admin(actor)
    if ends_on is None:
        raise Missing(field="ends_on")
    if ends_on <= term.starts_on or term.ends_on is not None:
        raise TermDatesWrong(field="ends_on")
    before = public_term(term)
    term.ends_on = ends_on
    record_event(actor, "wg.term_ended", term, before=before, after=public_term(term))
    return term

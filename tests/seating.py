"""Seating people on a call's review panel and deciding as the panel does, for tests: the
panel comes from the Working Group's seats (app/review/panel.py)."""

from datetime import date

from app.core.clock import now
from app.extensions import db
from app.review import services
from app.review.models import VOTING_CONSTITUENCIES
from app.working_group.models import Seat, SeatTerm

AGREE = {"government": "agree", "civil_society": "agree", "academia": "agree"}
SINCE = date(2000, 1, 1)


def seat(user, constituency: str, *, alternate=None, starts_on: date = SINCE,
         ends_on: date | None = None, name: str | None = None) -> SeatTerm:
    """A seat of `constituency` held by `user` (and `alternate`) from `starts_on`: on the
    panel of every call reviewed meanwhile, as an admin would set it on the seats page."""
    place = Seat(constituency=constituency, name=name or f"Seat {constituency}",
                 position=0, created_at=now())
    db.session.add(place)
    db.session.flush()
    term = SeatTerm(seat_id=place.id, holder_name=user.name if user else "Vacante",
                    holder_id=user.id if user else None,
                    alternate_name=alternate.name if alternate else "",
                    alternate_id=alternate.id if alternate else None,
                    starts_on=starts_on, ends_on=ends_on, created_at=now())
    db.session.add(term)
    db.session.commit()
    return term


def seat_group(people: dict) -> dict:
    """Seat each person of {constituency: user}; return the same mapping."""
    for constituency, user in people.items():
        seat(user, constituency)
    return people


def decide(call, proposal, *, by: dict | None = None, positions: dict = AGREE, **values):
    """Each voting constituency records its own position (its member in `by`, else the
    first of the panel): the decision stands when all have."""
    by = by or {}
    panel = services.members(call)
    decision = None
    for constituency in VOTING_CONSTITUENCIES:
        if constituency not in positions:
            continue
        member = by.get(constituency) or next(
            (m.user for m in panel if m.constituency == constituency
             and services.can_decide(m.user, call, proposal)), None)
        if member is None:
            continue
        decision = services.record_decision(member, call, proposal,
                                            position=positions[constituency], **values)
    return decision


def seat_panel(create_user) -> dict:
    """A holder for each voting constituency, with accounts: {constituency: user}."""
    return seat_group({c: create_user(name=f"Titular {c}") for c in VOTING_CONSTITUENCIES})

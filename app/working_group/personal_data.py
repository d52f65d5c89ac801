"""The Working Group's personal data (app/privacy/registry.py): a term's account link.

A term is the public record of who sat for whom: an erasure keeps its public name and role,
typed by an administrator, and drops only the link to the account."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select, update

from app.extensions import db
from app.privacy.registry import PersonalData, provide
from app.working_group.models import Seat, SeatTerm


def _export_terms(user) -> list[dict]:
    terms = db.session.execute(
        select(SeatTerm, Seat).join(Seat, Seat.id == SeatTerm.seat_id)
        .where(or_(SeatTerm.holder_id == user.id, SeatTerm.alternate_id == user.id))
        .order_by(SeatTerm.starts_on, SeatTerm.id))
    return [{"seat": seat.name, "constituency": seat.constituency,
             "as": "holder" if term.holder_id == user.id else "alternate",
             "public_name": term.holder_name if term.holder_id == user.id
             else term.alternate_name,
             "role": term.role, "organisation": term.organisation,
             "starts_on": term.starts_on.isoformat(),
             "ends_on": term.ends_on.isoformat() if term.ends_on else None}
            for term, seat in terms]


def _erase_terms(user, _pseudonym: str) -> None:
    for column in ("holder_id", "alternate_id"):
        db.session.execute(update(SeatTerm).where(getattr(SeatTerm, column) == user.id)
                           .values({column: None})
                           .execution_options(synchronize_session=False))


provide(PersonalData(
    name="working_group_terms", what=_l("Working Group seats you held"), where="wg_seat_terms",
    why=_l("Who sat for whom in the Working Group is public, so that its decisions can be "
           "followed over time."),
    kept=_l("For good, as the public record; the link to your account goes when you delete "
            "it."),
    export=_export_terms, erase=_erase_terms, order=60))

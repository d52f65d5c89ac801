"""A Working Group as the site would hold it: seats, holders over time, two versions of
its rules. Shared by the feature's tests and the site-wide sweeps."""

from dataclasses import dataclass, field
from datetime import date

from app.working_group import rules, seats

RULES_2017 = ("Artículo 1. La Mesa es una instancia permanente de diálogo.\n\n"
              "Artículo 2. Sesiona al menos dos veces al año.\n\n"
              "Artículo 3. Las actas se aprueban por cada sector con derecho a voto.")
RULES_2019 = ("Artículo 1. La Mesa es una instancia permanente de diálogo.\n\n"
              "Artículo 2. Sesiona al menos cuatro veces al año.\n\n"
              "Artículo 3. Las actas se aprueban por cada sector con derecho a voto.\n\n"
              "Artículo 4. Las actas aprobadas se publican en el repositorio.")


@dataclass
class Group:
    seats: dict = field(default_factory=dict)  # constituency -> Seat
    terms: dict = field(default_factory=dict)  # name -> SeatTerm
    rules: list = field(default_factory=list)


def build_group(db, admin, holders: dict) -> Group:
    """Seats for government, civil society, academia and an observer. `holders` maps a
    constituency to the account that holds it today (the government seat changed hands in
    March 2018); a holder missing from it leaves that seat with a holder without account."""
    group = Group()
    names = {"government": "Subsecretaría General de la Presidencia",
             "civil_society": "Red de Sociedad Civil", "academia": "Red Académica",
             "observer": "PNUD"}
    for constituency, name in names.items():
        group.seats[constituency] = seats.add_seat(admin, constituency, name)
    group.terms["government_2017"] = seats.appoint(
        admin, group.seats["government"], starts_on=date(2017, 7, 31),
        holder_name="Rosa Antigua", role="Subsecretaria", appointed_by="Resolución 852")
    for constituency in names:
        holder = holders.get(constituency)
        starts = date(2018, 3, 11) if constituency == "government" else date(2017, 7, 31)
        group.terms[constituency] = seats.appoint(
            admin, group.seats[constituency], starts_on=starts,
            holder_name=holder.name if holder else f"Titular {constituency}",
            organisation=names[constituency],
            holder_email=holder.email if holder else None)
    group.rules.append(rules.adopt(admin, title="Resolución 852", body=RULES_2017,
                                   adopted_on=date(2017, 7, 31),
                                   adopted_at="Resolución Exenta N.º 852"))
    group.rules.append(rules.adopt(admin, title="Modificación 2019", body=RULES_2019,
                                   adopted_on=date(2019, 6, 6)))
    db.session.commit()
    return group

"""A Working Group as the site would hold it: seats, holders over time, two versions of
its rules. Shared by the feature's tests and the site-wide sweeps."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from app.working_group import documents, meetings, minutes, rules, seats

RULES_2017 = ("Artículo 1. La Mesa es una instancia permanente de diálogo.\n\n"
              "Artículo 2. Sesiona al menos dos veces al año.\n\n"
              "Artículo 3. Las actas se aprueban por cada sector con derecho a voto.")
RULES_2019 = ("Artículo 1. La Mesa es una instancia permanente de diálogo.\n\n"
              "Artículo 2. Sesiona al menos cuatro veces al año.\n\n"
              "Artículo 3. Las actas se aprueban por cada sector con derecho a voto.\n\n"
              "Artículo 4. Las actas aprobadas se publican en el repositorio.")


TITLES = {"published": "Sesión de octubre", "circulated": "Sesión de febrero",
          "draft": "Sesión de marzo", "upcoming": "Sesión de abril"}


@dataclass
class Group:
    seats: dict = field(default_factory=dict)  # constituency -> Seat
    terms: dict = field(default_factory=dict)  # name -> SeatTerm
    rules: list = field(default_factory=list)
    meetings: dict = field(default_factory=dict)  # name -> Meeting
    minutes: dict = field(default_factory=dict)  # name -> Minutes
    holders: dict = field(default_factory=dict)  # constituency -> the account holding it
    documents: list = field(default_factory=list)


def build_group(db, admin, holders: dict) -> Group:
    """Seats for government, civil society, academia and an observer. `holders` maps a
    constituency to the account that holds it today (the government seat changed hands in
    March 2018); a holder missing from it leaves that seat with a holder without account."""
    group = Group(holders=dict(holders))
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
    _meetings(group, admin, holders)
    group.documents.append(documents.upload(
        admin, title="Resolución Exenta N.º 852", kind="rules", dated_on=date(2017, 7, 31),
        data=b"%PDF-1.4\n%%EOF\n", meeting_id=group.meetings["published"].id))
    db.session.commit()
    return group


def _meetings(group: Group, admin, holders: dict) -> None:
    """Around the tests' moment (10 March 2026): minutes published, circulated (civil
    society has approved, the others not yet), a draft, and a meeting to come."""
    for name, when, kind in [("published", datetime(2025, 10, 1, 13, tzinfo=UTC), "ordinary"),
                             ("circulated", datetime(2026, 2, 15, 13, tzinfo=UTC),
                              "call_review"),
                             ("draft", datetime(2026, 3, 1, 13, tzinfo=UTC), "co_creation"),
                             ("upcoming", datetime(2026, 4, 1, 13, tzinfo=UTC),
                              "extraordinary")]:
        meeting = meetings.schedule(admin, kind=kind, title=TITLES[name], starts_at=when,
                                    place="Palacio de La Moneda")
        meetings.add_agenda_item(admin, meeting, "Aprobación del acta anterior")
        group.meetings[name] = meeting
        if name == "upcoming":
            continue
        meetings.record_attendance(admin, meeting, {
            seat.id: "present" for seat in group.seats.values()})
        group.minutes[name] = minutes.save_draft(
            admin, meeting, f"Acta de la {TITLES[name]}. La Mesa acordó seguir trabajando.")
    for name in ("published", "circulated"):
        minutes.circulate(admin, group.minutes[name])
    voters = [holders.get(c) for c in ("government", "civil_society", "academia")]
    for voter in voters:
        if voter is not None:
            minutes.respond(voter, group.minutes["published"], "approve")
    if holders.get("civil_society") is not None:
        minutes.respond(holders["civil_society"], group.minutes["circulated"], "approve")
    if group.minutes["published"].state == "approved":
        minutes.publish(admin, group.minutes["published"])

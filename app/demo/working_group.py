"""The demo's standing Working Group: "Mesa de Gobierno Abierto" since 2017, whose
government seat changes hands in March 2018 while the others continue; Resolution 852 as
its first rules and one amendment; six meetings. Invented people, clearly demo text."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.calls.models import Call
from app.core.clock import now
from app.demo.past_review import MEMBERS
from app.extensions import db
from app.working_group import documents, meetings, minutes, rules, seats

RESOLUTION_852 = """\
(Texto de demostración) Resolución Exenta N.º 852, de 31 de julio de 2017, que crea la Mesa \
de Gobierno Abierto como instancia permanente de diálogo.

Artículo 1. La Mesa está integrada por la Subsecretaría General de la Presidencia, la Red de \
Sociedad Civil por el Gobierno Abierto y la Red Académica de Gobierno Abierto, con voz y voto, \
y por el PNUD y la CEPAL como observadores.

Artículo 2. La Mesa sesiona al menos dos veces al año.

Artículo 3. Las actas se aprueban por cada sector con derecho a voto y se publican."""

AMENDMENT_2019 = """\
(Texto de demostración) Resolución Exenta N.º 852, de 31 de julio de 2017, que crea la Mesa \
de Gobierno Abierto como instancia permanente de diálogo, con la modificación de 2019.

Artículo 1. La Mesa está integrada por la Subsecretaría General de la Presidencia, la Red de \
Sociedad Civil por el Gobierno Abierto y la Red Académica de Gobierno Abierto, con voz y voto, \
y por el PNUD y la CEPAL como observadores.

Artículo 2. La Mesa sesiona al menos cuatro veces al año.

Artículo 3. Las actas se aprueban por cada sector con derecho a voto y se publican.

Artículo 4. Las actas y documentos de la Mesa se publican en el repositorio público."""

# A one-page PDF, enough for the repository's demo entry.
DEMO_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


# The order seats.seats() lists them in: by constituency, then as added.
SEAT_KEYS = ("government", "civil_society", "academia", "undp", "eclac")


def _members() -> dict[str, User]:
    emails = {constituency: email for constituency, email, _name, _org in MEMBERS}
    found = {u.email: u for u in db.session.scalars(
        select(User).where(User.email.in_(emails.values())))}
    return {constituency: found[email] for constituency, email in emails.items()}


def load_seats(admin: User) -> dict:
    """The seats and who held them since 2017: the past call's review panel comes from
    them, so they are in place before its decisions."""
    people = _members()
    founded = date(2017, 7, 31)
    seat = {
        "government": seats.add_seat(admin, "government",
                                     "Subsecretaría General de la Presidencia"),
        "civil_society": seats.add_seat(admin, "civil_society",
                                        "Red de Sociedad Civil por el Gobierno Abierto"),
        "academia": seats.add_seat(admin, "academia", "Red Académica de Gobierno Abierto"),
        "undp": seats.add_seat(admin, "observer", "PNUD"),
        "eclac": seats.add_seat(admin, "observer", "CEPAL"),
    }
    seats.appoint(admin, seat["government"], starts_on=founded,
                  holder_name="Marcela Sepúlveda (demo)", role="Subsecretaria",
                  organisation="Subsecretaría General de la Presidencia",
                  appointed_by="Resolución Exenta N.º 852")
    # The change of government of 11 March 2018 changes the holder, not the body.
    seats.appoint(admin, seat["government"], starts_on=date(2018, 3, 11),
                  holder_name=people["government"].name, role="Jefe de división",
                  organisation="Subsecretaría General de la Presidencia",
                  appointed_by="Subsecretaría General de la Presidencia",
                  holder_email=people["government"].email,
                  alternate_name="Ignacio Pardo (demo)")
    for key, constituency, organisation in [
            ("civil_society", "civil_society", "Red de Sociedad Civil por el Gobierno Abierto"),
            ("academia", "academia", "Red Académica de Gobierno Abierto"),
            ("undp", "observer", "Programa de las Naciones Unidas para el Desarrollo")]:
        seats.appoint(admin, seat[key], starts_on=founded, holder_name=people[constituency].name,
                      organisation=organisation, appointed_by=organisation,
                      holder_email=people[constituency].email)
    seats.appoint(admin, seat["eclac"], starts_on=founded, holder_name="Jorge Castillo (demo)",
                  organisation="Comisión Económica para América Latina y el Caribe")
    return seat


def load_working_group(admin: User, past_call: Call) -> None:
    people = _members()
    founded = date(2017, 7, 31)
    seat = dict(zip(SEAT_KEYS, seats.seats(), strict=True))
    rules.adopt(admin, title="Resolución Exenta N.º 852", body=RESOLUTION_852,
                adopted_on=founded, adopted_at="Resolución Exenta N.º 852")

    at = now()
    held = [
        ("Sesión constitutiva", datetime(2017, 8, 24, 14, tzinfo=UTC), "ordinary", None),
        ("Primera sesión tras el cambio de gobierno", datetime(2018, 4, 12, 14, tzinfo=UTC),
         "extraordinary", None),
        ("Seguimiento de la implementación", at - timedelta(days=150), "implementation_review",
         None),
        ("Revisión de las propuestas de la convocatoria anterior", at - timedelta(days=60),
         "call_review", past_call),
        ("Co-creación del nuevo plan", at - timedelta(days=10), "co_creation", None),
        ("Sesión ordinaria", at + timedelta(days=20), "ordinary", None),
    ]
    made = []
    for title, when, kind, call in held:
        meeting = meetings.schedule(admin, kind=kind, title=f"{title} (demo)", starts_at=when,
                                    place="Palacio de La Moneda, Santiago",
                                    online_link="https://reuniones.example.org/mesa")
        meetings.add_agenda_item(admin, meeting, "Aprobación del acta de la sesión anterior")
        meetings.add_agenda_item(admin, meeting, title,
                                 call_slug=call.slug if call is not None else "")
        made.append(meeting)
    rules.adopt(admin, title="Modificación de 2019", body=AMENDMENT_2019,
                          adopted_on=date(2019, 5, 6), adopted_at="Acuerdo de la Mesa")
    voting = [people["government"], people["civil_society"], people["academia"]]
    for index, meeting in enumerate(made[:-1]):
        meetings.record_attendance(admin, meeting, {
            s.id: ("excused" if key == "eclac" and index % 2 else "present")
            for key, s in seat.items()})
        text = (f"(Acta de demostración) En la sesión «{meeting.title}» la Mesa revisó la "
                "agenda y acordó por consenso los puntos tratados.")
        found = minutes.save_draft(admin, meeting, text)
        minutes.circulate(admin, found)
        if index == len(made) - 2:
            # The latest minutes wait for the academic network's approval.
            for person in voting[:2]:
                minutes.respond(person, found, "approve")
            minutes.respond(people["observer"], found, None,
                            "Sugerimos anexar la lista de asistentes.")
            continue
        for person in voting:
            minutes.respond(person, found, "approve")
        minutes.publish(admin, found)
    documents.upload(admin, title="Resolución Exenta N.º 852 (demo)", kind="rules",
                     dated_on=founded, data=DEMO_PDF, meeting_id=made[0].id)
    documents.upload(admin, title="Acta de la revisión de propuestas (demo)", kind="minutes",
                     dated_on=made[3].starts_at.date(), data=DEMO_PDF, meeting_id=made[3].id,
                     call_slug=past_call.slug)

"""Co-creation before and beside the open call, as Chile ran it in 2016: the public chose
the plan's thematic axes in a poll, then regional dialogue sessions fed proposals, each
entered by a facilitator and credited to the neighbours or organisation that made it."""

import random
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, insert, select

from app.calls.models import Call
from app.core.clock import now
from app.dialogues.models import DialogueFacilitator, DialogueSession
from app.extensions import db
from app.priorities import services as priorities
from app.priorities.models import PriorityBallot, PriorityPick, PriorityPoll, PriorityTheme
from app.proposals.services import enter_offline_proposal

# The axes put to the public: the call's themes, and two the poll left out.
LEFT_OUT = {
    "Gobierno abierto en el Poder Judicial": "Audiencias, sentencias y estadísticas judiciales "
                                             "en formatos abiertos.",
    "Seguridad ciudadana y datos policiales": "Estadísticas de delitos y de la actuación "
                                              "policial, comuna por comuna.",
}
DESCRIPTIONS = {
    "Acceso a la información pública": "Solicitudes de información, transparencia activa "
                                       "y archivos públicos.",
    "Transparencia del lobby y conflictos de interés": "Agendas de autoridades, registro "
                                                       "de lobby y declaraciones de intereses.",
    "Compras públicas y contrataciones abiertas": "Licitaciones, contratos y proveedores "
                                                  "del Estado en datos abiertos.",
    "Participación ciudadana en regiones": "Consejos de la sociedad civil, cabildos y "
                                           "presupuestos participativos fuera de Santiago.",
    "Datos abiertos y transformación digital": "Datos públicos reutilizables y servicios "
                                               "digitales accesibles.",
    "Medio ambiente y justicia climática": "Participación en evaluación ambiental y datos "
                                           "de emisiones y agua.",
    "Integridad pública y anticorrupción": "Probidad, denuncias protegidas y control "
                                           "ciudadano del gasto.",
}
POLL_VOTERS = 640
PICKS = 3

SESSIONS = [
    # title, region, city, convened by, attendance, days after the call opened
    ("Mesa regional de Arica", "Arica y Parinacota", "Arica",
     "Universidad de Tarapacá", {"civil_society": 14, "academia": 6, "citizen": 11,
                                 "government": 3}, 1),
    ("Mesa regional de Antofagasta", "Antofagasta", "Antofagasta",
     "Fundación Minera Escondida y Red de Sociedad Civil", {"civil_society": 18,
                                                            "private_sector": 5,
                                                            "citizen": 9, "government": 4}, 2),
    ("Mesa regional de Concepción", "Biobío", "Concepción", "Universidad de Concepción",
     {"civil_society": 22, "academia": 12, "citizen": 15, "government": 5}, 3),
    ("Mesa regional de Temuco", "La Araucanía", "Temuco",
     "Red de Sociedad Civil de La Araucanía", {"civil_society": 25, "academia": 4,
                                                "citizen": 19, "government": 3}, 4),
    ("Mesa regional de Punta Arenas", "Magallanes y de la Antártica Chilena", "Punta Arenas",
     "Universidad de Magallanes", {"civil_society": 9, "academia": 5, "citizen": 7,
                                   "government": 2}, 5),
]
AGENDA = """\
- Bienvenida y presentación del proceso de co-creación del plan
- Los temas priorizados por la ciudadanía en la consulta
- Trabajo en grupos por tema: problemas de la región y propuestas
- Plenario: lectura de las propuestas y de quién las hace
"""
MINUTES = """\
Asistieron {total} personas. La facilitación presentó el calendario de la convocatoria y \
los temas que la ciudadanía priorizó.

Los grupos trabajaron sobre los problemas de la región. Cada propuesta se leyó en el \
plenario y quienes la hicieron confirmaron el nombre con que quieren aparecer; la \
facilitación las ingresó en Minga a nombre de ellas y ellos.
"""
# (session index, credited author, organisation, theme index, title, texts)
ENTERED = [
    (0, "Junta de Vecinos Población Chinchorro", None, 3,
     "Cabildos comunales con respuesta pública en Arica",
     "Los municipios convocan cabildos pero nunca informan qué hicieron con lo que se dijo.",
     "- Publicar el acta de cada cabildo en un mes\n- Responder por escrito cada propuesta",
     "Los vecinos sabrán qué pasó con su participación y volverán a participar."),
    (1, "Sindicato de Pescadores de Caleta Coloso", None, 5,
     "Datos abiertos de calidad del agua costera",
     "Las mediciones de calidad del agua en la bahía no son públicas ni comparables.",
     "- Publicar las mediciones mensuales en datos abiertos\n- Mapa público por caleta",
     "Las comunidades podrán vigilar la contaminación y exigir medidas a tiempo."),
    (2, "Colectivo Ciudadanía Activa Biobío", "Colectivo Ciudadanía Activa", 2,
     "Contratos municipales de Concepción en línea",
     "Los contratos municipales se conocen solo por solicitud de información.",
     "- Publicar cada contrato firmado en una semana\n- Buscador por proveedor",
     "La prensa y la ciudadanía podrán seguir el gasto municipal."),
    (2, "María Inés Contreras", None, 0,
     "Ventanilla regional de acceso a la información",
     "Las personas de comunas rurales no saben cómo pedir información pública.",
     "- Capacitar a funcionarios municipales\n- Atención presencial en cada provincia",
     "Más solicitudes respondidas desde regiones y comunas rurales."),
    (3, "Asociación Indígena Lof Mapu Kiñe", None, 3,
     "Consulta previa con actas públicas y traducidas",
     "Las actas de las consultas indígenas no se publican ni se traducen al mapudungun.",
     "- Publicar las actas en español y mapudungun\n- Plazo de respuesta a las observaciones",
     "Las comunidades podrán verificar cómo se consideraron sus observaciones."),
    (4, "Agrupación de Guías de Turismo de Magallanes", None, 1,
     "Agenda pública de autoridades regionales de Magallanes",
     "Las reuniones de las autoridades regionales con empresas no se conocen.",
     "- Publicar las audiencias de lobby regionales cada semana",
     "Se sabrá quién influye en las decisiones sobre áreas protegidas."),
]


def load_cocreation(call: Call, admin, facilitators: list, voter_ids: list[int]) -> None:
    """The closed and adopted priorities poll, and five regional sessions with proposals."""
    _poll(call, admin, voter_ids)
    _sessions(call, facilitators)


def _poll(call: Call, admin, voter_ids: list[int]) -> None:
    at, rng = now(), random.Random(2016)
    opens = call.submission_opens_at - timedelta(days=30)
    poll = PriorityPoll(call_id=call.id, max_picks=PICKS, opens_at=opens,
                        closes_at=call.submission_opens_at - timedelta(days=2), created_at=at)
    db.session.add(poll)
    db.session.flush()
    names = [*call.themes, *LEFT_OUT]
    themes = [PriorityTheme(poll_id=poll.id, name=name, vote_count=0, created_at=at,
                            description=DESCRIPTIONS.get(name) or LEFT_OUT[name])
              for name in names]
    db.session.add_all(themes)
    db.session.flush()
    # The call's themes lead, the two left out trail: the adoption below keeps the call's.
    weights = [9, 8, 7, 6, 5, 4.5, 4, 2, 1.5][:len(themes)]
    ballots, picks = [], []
    for voter in voter_ids[:POLL_VOTERS]:
        ballots.append({"poll_id": poll.id, "user_id": voter, "code_id": None,
                        "created_at": opens + timedelta(hours=rng.uniform(1, 27 * 24))})
        chosen = set()
        while len(chosen) < PICKS:
            chosen.add(rng.choices(range(len(themes)), weights)[0])
        picks.append(sorted(chosen))
    ballot_ids = db.session.scalars(insert(PriorityBallot).returning(
        PriorityBallot.id, sort_by_parameter_order=True), ballots).all()
    db.session.execute(insert(PriorityPick), [
        {"ballot_id": ballot_id, "theme_id": themes[index].id}
        for ballot_id, chosen in zip(ballot_ids, picks, strict=True) for index in chosen])
    counts = dict(db.session.execute(select(PriorityPick.theme_id, func.count())
                                     .group_by(PriorityPick.theme_id)).all())
    for theme in themes:
        theme.vote_count = counts.get(theme.id, 0)
    db.session.flush()
    # Adopted as an admin would, so the step is in the audit trail; the order by votes.
    priorities.adopt_top_themes(admin, poll, len(call.themes))


def _sessions(call: Call, facilitators: list) -> None:
    at = now()
    regions = current_app.config["MINGA_REGIONS"]
    sessions = []
    for index, (title, region, city, convener, attendance, day) in enumerate(SESSIONS):
        held = call.submission_opens_at + timedelta(days=day, hours=6)
        total = sum(attendance.values())
        session = DialogueSession(
            call_id=call.id, title=title, kind="working_table", region=region, city=city,
            held_at=held, convened_by=convener, attendance=attendance, agenda=AGENDA,
            minutes=MINUTES.format(total=total), created_at=at, updated_at=at,
            documents=[{"title": "Presentación del proceso",
                        "url": "https://www.ogp.gob.cl/"}])
        db.session.add(session)
        db.session.flush()
        facilitator = facilitators[index % len(facilitators)]
        db.session.add(DialogueFacilitator(session_id=session.id, user_id=facilitator.id,
                                           created_at=at))
        sessions.append((session, facilitator))
    db.session.flush()
    for index, credit, organisation, theme, title, problem, commitment, results in ENTERED:
        session, facilitator = sessions[index]
        enter_offline_proposal(facilitator, call, {
            "title": title, "summary": problem, "problem": problem, "commitment": commitment,
            "solution": results, "expected_results": results,
            "ogp_values": ["transparency", "participation"], "theme": call.themes[theme],
            "responsible_body": "Gobierno Regional", "organisation": organisation,
            "region": session.region if session.region in regions else "national",
        }, regions, credit, origin="dialogue", dialogue_session_id=session.id)

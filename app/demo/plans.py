"""The demo's action plans: Chile's 2016–2018 plan mid-implementation (19 commitments on
the real plan's themes, texts invented), an earlier plan closed, and the draft of the next
one, co-created from the closed demo call's included proposals.
"""

import random
from datetime import date, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.calls.models import Call
from app.core.clock import now
from app.extensions import db
from app.plans import readings, reporting, services
from app.proposals.models import Proposal

# (title, lead agency, theme)
COMMITMENTS_2016 = [
    ("Fortalecimiento de la Ley de Transparencia en los municipios",
     "Consejo para la Transparencia", "Transparencia"),
    ("Plan Nacional de Datos Abiertos", "Secretaría General de la Presidencia", "Datos abiertos"),
    ("Agenda de probidad: registro de lobby en regiones",
     "Secretaría General de la Presidencia", "Integridad"),
    ("Archivos públicos abiertos", "Archivo Nacional", "Transparencia"),
    ("Educación cívica y formación ciudadana en escuelas",
     "Ministerio de Educación", "Participación"),
    ("Participación ciudadana en la gestión de la salud", "Ministerio de Salud", "Participación"),
    ("Información pública sobre recursos hídricos", "Dirección General de Aguas", "Medio ambiente"),
    ("Consejos de la sociedad civil en los ministerios",
     "División de Organizaciones Sociales", "Participación"),
    ("Compras públicas abiertas en ChileCompra", "ChileCompra", "Contrataciones abiertas"),
    ("Presupuesto abierto de la nación", "Dirección de Presupuestos", "Presupuesto"),
    ("Justicia abierta en los tribunales", "Poder Judicial", "Justicia"),
    ("Transparencia en la industria extractiva", "Ministerio de Minería", "Industrias extractivas"),
    ("Datos de calidad del aire en línea", "Ministerio del Medio Ambiente", "Medio ambiente"),
    ("Acceso a la información de personas con discapacidad",
     "Servicio Nacional de la Discapacidad", "Inclusión"),
    ("Gobierno abierto en la Región de Los Ríos",
     "Gobierno Regional de Los Ríos", "Gobierno subnacional"),
    ("Transparencia en el financiamiento de la política", "Servicio Electoral", "Integridad"),
    ("Declaraciones de patrimonio e intereses en línea",
     "Contraloría General de la República", "Integridad"),
    ("Modernización del portal de solicitudes de información",
     "Consejo para la Transparencia", "Transparencia"),
    ("Monitoreo ciudadano del plan de acción",
     "Secretaría General de la Presidencia", "Participación"),
]
MILESTONES = [("Diagnóstico publicado", 1), ("Plataforma o norma en funcionamiento", 3),
              ("Informe de evaluación con la sociedad civil", 2)]
STATUSES = ["complete", "substantial", "limited"]


def _commitment(admin, plan, title, agency, theme, starts, ends):
    commitment = services.create_commitment(
        admin, plan, title=title, lead_agency=agency, theme=theme,
        problem=f"La ciudadanía no cuenta con información suficiente sobre {title.lower()}.",
        description=f"{title}: acciones concretas con plazos y responsables.",
        how_it_helps="Permite a la ciudadanía y a la prensa conocer, vigilar y participar.",
        expected_results="Información pública en línea, actualizada y verificable.",
        ogp_values=["transparency", "participation"], starts_on=starts, ends_on=ends,
        supporting_others="Red de Sociedad Civil por el Gobierno Abierto")
    span = (ends - starts).days
    for n, (deliverable, weight) in enumerate(MILESTONES, 1):
        services.add_milestone(admin, commitment, deliverable=deliverable, weight=weight,
                               indicator="Documento o sitio publicado",
                               verification="Enlace público al entregable",
                               responsible=agency,
                               starts_on=starts + timedelta(days=span * (n - 1) // 3),
                               ends_on=starts + timedelta(days=span * n // 3))
    return commitment


def load_plans(admin: User, official: User, critics: list[User], call: Call) -> None:
    """Create the three demo plans; `official` reports on every 2016 commitment."""
    rng = random.Random(2016)
    closed = services.create_plan(admin, "plan-2014", title="Segundo Plan de Acción 2014–2016",
                                  starts_on=date(2014, 7, 1), ends_on=date(2016, 6, 30),
                                  status="closed", adopted_on=date(2014, 7, 1))
    for title, agency, theme in COMMITMENTS_2016[:3]:
        _commitment(admin, closed, title, agency, theme, date(2014, 7, 1), date(2016, 6, 30))
    plan = services.create_plan(
        admin, "plan-2016", title="Tercer Plan de Acción de Gobierno Abierto 2016–2018",
        description="El plan adoptado por Chile para 2016–2018, con 19 compromisos "
                    "(datos de demostración).",
        starts_on=date(2016, 9, 1), ends_on=date(2018, 8, 31), status="implementation",
        adopted_on=date(2016, 9, 1))
    disputed = 0
    for index, (title, agency, theme) in enumerate(COMMITMENTS_2016):
        commitment = _commitment(admin, plan, title, agency, theme, date(2016, 9, 1),
                                 date(2018, 6, 30))
        reporting.assign_implementer(admin, commitment, official)
        # Most report on their first two milestones; every fifth on nothing (overdue).
        if index % 5 == 4:
            continue
        for milestone in commitment.milestones[:2]:
            status = rng.choice(STATUSES)
            update = reporting.post_update(
                official, commitment, milestone, status,
                f"Avance del hito «{milestone.deliverable}»: se informa el estado y los "
                "documentos que lo respaldan.",
                [("https://www.ogp.gob.cl/", "Sitio de Gobierno Abierto de Chile")])
            if disputed < 2 and status == "complete":
                reading = readings.give_reading(
                    critics[disputed % len(critics)], update, "disagree",
                    "El entregable no está disponible públicamente en la fecha informada.")
                if disputed == 0:
                    readings.answer_reading(official, reading,
                                            "Se publicará en el sitio durante el mes.")
                disputed += 1
        reporting.record_coding(official, commitment, "government", rng.choice(STATUSES),
                                "modest", True)
        if index % 3 == 0:
            reporting.record_coding(admin, commitment, "irm", rng.choice(STATUSES),
                                    rng.choice(["modest", "substantial"]), True,
                                    "Informe de implementación del IRM Chile 2016–2018",
                                    "https://www.opengovpartnership.org/es/members/chile/")
    included = list(db.session.scalars(select(Proposal).where(
        Proposal.call_id == call.id, Proposal.status == "included")
        .order_by(Proposal.vote_count.desc()).limit(2)))
    draft = services.create_plan(
        admin, "plan-siguiente", title="Próximo Plan de Acción (borrador)",
        starts_on=now().date() + timedelta(days=90), ends_on=now().date() + timedelta(days=820),
        status="consultation", call_id=call.id)
    for proposal in included:
        services.create_commitment(admin, draft, sources=[proposal.reference],
                                   **services.copied_from([proposal]))
    db.session.flush()

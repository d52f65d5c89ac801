"""The closed demo cycle's Working Group: members, assessments, decisions, published results."""

import random
import secrets

from app.accounts.models import User
from app.accounts.passwords import hash_password
from app.calls.models import Call
from app.core.clock import now
from app.core.confirmation import fingerprint
from app.extensions import db
from app.review import services
from app.voting.ranking import ranked_proposals

MEMBERS = [
    ("government", "mesa-gobierno@demo.minga.cl", "Rodrigo Fuenzalida",
     "Subsecretaría General de la Presidencia"),
    ("civil_society", "mesa-sociedad-civil@demo.minga.cl", "Paula Henríquez",
     "Red de Sociedad Civil por el Gobierno Abierto"),
    ("academia", "mesa-academia@demo.minga.cl", "Tomás Riquelme",
     "Red Académica de Gobierno Abierto"),
    ("observer", "mesa-observador@demo.minga.cl", "Laura Benítez",
     "Programa de las Naciones Unidas para el Desarrollo"),
]

RESPONSES = {
    "included": (
        "La Mesa de Gobierno Abierto acordó por consenso incluir esta propuesta en el Plan de "
        "Acción. «{title}» responde a un problema documentado y propone acciones verificables. "
        "{body} será el organismo responsable y el compromiso tendrá hitos semestrales con "
        "reportes públicos de avance."),
    "partially_included": (
        "La Mesa acordó incluir parcialmente la propuesta «{title}»: se incorporan las acciones "
        "que están dentro del mandato de {body}, y las que requieren cambios legales se derivan "
        "a la agenda legislativa de gobierno abierto, con seguimiento público de la Mesa."),
    "merged": (
        "La Mesa acordó fusionar esta propuesta con {target}, que aborda el mismo problema con "
        "un alcance similar. Sus acciones y resultados esperados se integran en ese compromiso, "
        "y quienes la presentaron serán invitados a las mesas técnicas de diseño."),
    "not_included": (
        "La Mesa valoró la propuesta «{title}», pero acordó no incluirla en este plan: sus "
        "acciones aún no tienen un organismo que pueda comprometerlas dentro del período del "
        "plan. Recomienda volver a presentarla en el próximo ciclo, con plazos y responsables."),
    "out_of_scope": (
        "La Mesa acordó que la propuesta «{title}» queda fuera del alcance del Plan de Acción: "
        "su objeto no se relaciona directamente con transparencia, rendición de cuentas o "
        "participación ciudadana. La Mesa la remitirá a {body} para su consideración."),
}


def load_past_review(call: Call, admin: User) -> list[tuple[str, str, str]]:
    """Give the call a Working Group that has decided on everything; publish the results.

    Returns (role, email, password) for the members' accounts.
    """
    rng, at, accounts, voting = random.Random(852), now(), [], []
    for constituency, email, name, organisation in MEMBERS:
        password = secrets.token_urlsafe(12)
        user = User(email=email, password_hash=hash_password(password), name=name,
                    sector="government" if constituency == "government" else "civil_society",
                    region="Metropolitana de Santiago", organisation=organisation,
                    role="participant", email_verified_at=at, privacy_accepted_at=at,
                    created_at=at)
        db.session.add(user)
        db.session.flush()
        accounts.append((f"wg-{constituency}", email, password))
        if constituency != "observer":
            voting.append(user)

    # The panel is whoever holds the group's seats during the review.
    from app.demo.working_group import load_seats

    load_seats(admin)
    ranking = ranked_proposals(call)
    included_by_theme: dict[str, object] = {}
    for position, row in enumerate(ranking):
        proposal = row.proposal
        quality = max(0.0, 1 - position / len(ranking))  # popular ones tend to score higher
        for user in voting:
            scores = {c: min(3, max(0, round(rng.gauss(1 + 1.8 * quality, 0.7))))
                      for c in ("relevance", "specificity", "measurability", "feasibility",
                                "impact")}
            services.save_assessment(user, call, proposal, scores, "")
        outcome = _outcome(position, len(ranking), proposal, included_by_theme)
        target = included_by_theme.get(proposal.theme) if outcome == "merged" else None
        response = RESPONSES[outcome].format(title=proposal.title, body=proposal.responsible_body,
                                             target=target.reference if target else "")
        # Each constituency records its own position; the decision stands with the last.
        for user in voting:
            services.record_decision(user, call, proposal, outcome=outcome,
                                     response=response, position="agree", merged_into=target)
        if outcome == "included":
            included_by_theme.setdefault(proposal.theme, proposal)
    # The demo's administrator confirms what publishing does, as on the publish page.
    services.publish_results(admin, call, fingerprint(services.publication_consequences(call)))
    return accounts


def _outcome(position: int, total: int, proposal, included_by_theme) -> str:
    share = position / total
    if share < 0.25:
        return "included"
    if share < 0.4:
        return "merged" if proposal.theme in included_by_theme else "partially_included"
    if share < 0.85:
        return "not_included"
    return "out_of_scope"

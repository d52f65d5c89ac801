"""Build the demo: an open call on real open-government themes and one account per role."""

import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func

from app.accounts.models import User
from app.accounts.passwords import hash_password
from app.calls.models import Call
from app.calls.services import create_call
from app.core.clock import now
from app.demo.cocreation import load_cocreation
from app.demo.consultation import load_consultation
from app.demo.content import demo_organisations, demo_proposals
from app.demo.deliberation import load_deliberation
from app.demo.past_cycle import load_past_cycle
from app.demo.past_review import load_past_review
from app.demo.plans import load_plans
from app.demo.publishing import publish_demo_proposal
from app.demo.working_group import load_working_group
from app.extensions import db


class DatabaseNotEmpty(Exception):
    """The demo only loads into an empty database, so it never mixes with real data."""


DEMO_USERS = [
    # role, email, name, sector, organisation
    ("admin", "admin@demo.minga.cl", "Ana Rojas", "government",
     "Comisión para la Integridad Pública y Transparencia"),
    ("moderator", "moderadora@demo.minga.cl", "Camila Fuentes", "citizen", None),
    ("participant", "sociedad-civil@demo.minga.cl", "Diego Morales", "civil_society",
     "Red de Sociedad Civil por el Gobierno Abierto"),
    ("participant", "academia@demo.minga.cl", "Valentina Soto", "academia",
     "Red Académica de Gobierno Abierto"),
    ("participant", "gobierno@demo.minga.cl", "Javier Muñoz", "government",
     "Subsecretaría General de la Presidencia"),
]

DEMO_DESCRIPTION = """\
Convocatoria abierta para co-crear el 6.º Plan de Acción de Gobierno Abierto de Chile. \
Cualquier organización de la sociedad civil, institución académica, empresa o persona \
puede proponer compromisos que hagan al Estado más transparente, participativo y \
responsable ante la ciudadanía.

Cómo participar:
- Presenta tu propuesta de compromiso mientras la convocatoria esté abierta.
- Vota por las propuestas que consideres más importantes durante la votación pública.
- La Mesa de Gobierno Abierto revisa los resultados y responde públicamente cada propuesta.
"""

DEMO_RULES = """\
La Mesa de Gobierno Abierto está integrada por la Subsecretaría General de la Presidencia, \
la Red de Sociedad Civil por el Gobierno Abierto y la Red Académica de Gobierno Abierto, \
con voz y voto; el PNUD y la CEPAL participan como observadores (Resolución N.º 852, 2017).

- Sesiona al menos una vez al mes; sus actas son públicas.
- Decide por consenso de los tres sectores con derecho a voto.
- Quien tenga un conflicto de interés con una propuesta lo declara y no la evalúa.
"""

# The same texts for readers who use the site in English (Call.translations).
DEMO_RULES_EN = """\
The Open Government Working Group brings together the Ministry General Secretariat of the \
Presidency, the Civil Society Network for Open Government and the Academic Network for Open \
Government, each with a voice and a vote; UNDP and ECLAC take part as observers \
(Resolution No 852, 2017).

- It meets at least once a month; its minutes are public.
- It decides by consensus of its three voting constituencies.
- A member with a conflict of interest in a proposal declares it and does not assess it.
"""

DEMO_TEXTS_EN = {
    "title": "Open Government Action Plan 2026–2028",
    "description": """\
Open call to co-create Chile's 6th Open Government Action Plan. Any civil society \
organisation, academic institution, business or individual can propose commitments that \
make the State more transparent, participatory and accountable.

How to take part:
- Submit a commitment proposal while the call is open.
- Vote for the proposals that matter most to you during the public vote.
- The Open Government Working Group reviews the results and answers every proposal publicly.
""",
    "rules": DEMO_RULES_EN,
}

DEMO_THEMES = [
    "Acceso a la información pública",
    "Transparencia del lobby y conflictos de interés",
    "Compras públicas y contrataciones abiertas",
    "Participación ciudadana en regiones",
    "Datos abiertos y transformación digital",
    "Medio ambiente y justicia climática",
    "Integridad pública y anticorrupción",
]


def _is_empty() -> bool:
    users = db.session.scalar(db.select(func.count()).select_from(User))
    calls = db.session.scalar(db.select(func.count()).select_from(Call))
    return users == 0 and calls == 0


def load_demo() -> list[tuple[str, str, str]]:
    """Create the demo accounts and call; return (role, email, password) for each account.

    :raises DatabaseNotEmpty:
    """
    if not _is_empty():
        raise DatabaseNotEmpty
    at = now()
    regions = current_app.config["MINGA_REGIONS"]
    accounts, users = [], {}
    people = [(role, email, name, sector, organisation, regions[(i * 5 + 6) % len(regions)])
              for i, (role, email, name, sector, organisation) in enumerate(DEMO_USERS)]
    people += [("participant", o["email"], o["name"], o["sector"], o["organisation"],
                o["region"]) for o in demo_organisations()]
    authors = []
    for role, email, name, sector, organisation, region in people:
        password = secrets.token_urlsafe(12)
        user = User(email=email, password_hash=hash_password(password), name=name,
                    sector=sector, region=region, organisation=organisation, role=role,
                    email_verified_at=at, privacy_accepted_at=at, created_at=at)
        db.session.add(user)
        users.setdefault(role, user)
        authors.append(user)
        accounts.append((role, email, password))
    db.session.flush()

    opens = (at - timedelta(days=7)).replace(hour=9, minute=0, second=0, microsecond=0)
    call = create_call(
        users["admin"], "nap-2026",
        title="Plan de Acción de Gobierno Abierto 2026–2028",
        description=DEMO_DESCRIPTION,
        submission_opens_at=opens,
        submission_closes_at=opens + timedelta(days=28),
        voting_opens_at=opens + timedelta(days=35),
        voting_closes_at=opens + timedelta(days=49),
        votes_per_voter=10,
        themes=DEMO_THEMES,
        allow_vote_withdrawal=True,
        hide_counts_until_close=True,
        max_proposals_per_author=5,
        eligibility="email",
        decision_rule="consensus",
        rules=DEMO_RULES, comments_open=True, translations={"en": DEMO_TEXTS_EN},
    )
    call.created_at = opens - timedelta(days=21)  # announced with its dates three weeks ahead
    _load_proposals(call, authors[len(DEMO_USERS):], opens)
    load_deliberation(call, authors, users["moderator"])
    past = load_past_cycle(users["admin"], authors[len(DEMO_USERS):], DEMO_THEMES,
                           (DEMO_RULES, DEMO_RULES_EN))
    accounts += load_past_review(past, users["admin"])
    voters = list(db.session.scalars(db.select(User.id).where(
        User.email.like("votante-%@demo.minga.cl")).order_by(User.id)))
    load_cocreation(call, users["admin"], authors[2:4], voters)
    load_working_group(users["admin"], past)
    load_plans(users["admin"], _by_email(authors, "gobierno@demo.minga.cl"),
               [_by_email(authors, "sociedad-civil@demo.minga.cl"),
                _by_email(authors, "academia@demo.minga.cl")], past)
    load_consultation(users["admin"], [_by_email(authors, "sociedad-civil@demo.minga.cl"),
                                       _by_email(authors, "academia@demo.minga.cl")])
    return accounts


def _by_email(people: list[User], email: str) -> User:
    return next(p for p in people if p.email == email)


def _load_proposals(call: Call, authors: list[User], opens) -> None:
    """Publish the demo proposals, spread over the days the call has been open."""
    span, items = max((now() - opens).total_seconds(), 3600), demo_proposals()
    for index, item in enumerate(items):
        published = opens + timedelta(seconds=span * (index + 1) / (len(items) + 1))
        publish_demo_proposal(call, authors[item["author"]], item, published)

"""A site with something of everything, in Spanish: one call in each phase, each status.

Built through the services (as the site would have got there), moving the clock through
each call's windows, then set back to the moment the pages are read. Every text a person
typed is Spanish, so any English on a Spanish page comes from the site itself.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from app.calls.models import Phase
from app.dialogues import services as dialogues
from app.priorities import services as priorities
from app.core.confirmation import fingerprint
from app.moderation import services as moderation
from app.proposals import services as proposals
from app.review import services as review
from app.voting import services as voting
from config import CHILE_REGIONS as REGIONS
from tests.cocreation_factories import make_poll, make_session
from tests.review.conftest import RESPONSE
from tests.working_group.builder import build_group
from tests.seating import decide

# Each call's slug, and the days from the reading moment to (submission opens, closes,
# voting opens, closes).
WINDOWS = {
    Phase.UPCOMING: ("proxima", (5, 15, 20, 30)),
    Phase.SUBMISSION: ("propuestas", (-5, 10, 15, 30)),
    Phase.PRE_VOTING: ("antes-de-votar", (-20, -5, 5, 20)),
    Phase.VOTING: ("votacion", (-30, -15, -5, 10)),
    Phase.REVIEW: ("revision", (-45, -30, -20, -5)),
    Phase.RESULTS: ("resultados", (-70, -55, -45, -30)),
}
CODE_CALL = "votacion-con-codigo"
REVISION = ("La Mesa revisó su decisión tras una nueva reunión con el organismo responsable: "
            "el compromiso se incluye con plazos más realistas y un hito adicional de "
            "consulta ciudadana en regiones, según el acta publicada de la sesión.")
# Sectors of the people who vote in each call with votes: one sector of six and three of
# one, the breakdown that used to lose three of nine people.
VOTER_SECTORS = ["civil_society"] * 6 + ["academia", "private_sector", "citizen"]


@dataclass
class World:
    users: dict = field(default_factory=dict)
    calls: dict = field(default_factory=dict)  # slug -> Call
    proposals: dict = field(default_factory=dict)  # slug -> {name: Proposal}
    comments: dict = field(default_factory=dict)  # name -> Comment
    codes: list = field(default_factory=list)
    group: object = None  # the standing Working Group (tests/working_group/builder.py)
    plans: dict = field(default_factory=dict)  # slug -> Plan
    commitments: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    readings: list = field(default_factory=list)
    consultation_comments: list = field(default_factory=list)
    follow_token: str = ""
    sessions: list = field(default_factory=list)  # dialogue sessions


def _person(create_user, name: str, email: str, **fields):
    return create_user(name=name, email=email, locale="es", **fields)


def _people(create_user, admin) -> dict:
    admin.name, admin.locale = "Ana Administradora", "es"
    people = {"admin": admin}
    for key, name, fields in [
        ("participant", "Paula Proponente", {"organisation": "Fundación Datos Claros"}),
        ("commenter", "Bruno Comentarista", {"sector": "academia"}),
        ("moderator", "Mónica Moderadora", {"role": "moderator", "sector": "citizen"}),
        ("wg", "Carla Mesa Civil", {}),
        ("wg_government", "Gonzalo Mesa Gobierno", {"sector": "government"}),
        ("wg_academia", "Andrea Mesa Académica", {"sector": "academia"}),
        ("wg_observer", "Olga Observadora", {"sector": "citizen"}),
        ("unverified", "Úrsula Sinconfirmar", {"email_verified_at": None}),
        ("blocked", "Braulio Bloqueado", {}),
    ]:
        people[key] = _person(create_user, name, f"{key.replace('_', '-')}@ejemplo.cl", **fields)
    people["reporters"] = [_person(create_user, f"Denunciante {n}", f"denuncia{n}@ejemplo.cl")
                           for n in range(3)]
    people["voters"] = [_person(create_user, f"Votante {n}", f"votante{n}@ejemplo.cl",
                                sector=sector, region="Maule" if n % 2 else "Biobío")
                        for n, sector in enumerate(VOTER_SECTORS)]
    return people


def build_world(db, clock, create_user, create_call, create_proposal, admin) -> World:
    """Build the world at the clock's current moment, which stays the reading moment."""
    reading = clock.now()
    world = World(users=_people(create_user, admin))
    people = world.users
    # The calls' review panels come from the group's seats: they are there first.
    world.group = build_group(db, people["admin"], {
        "civil_society": people["wg"], "government": people["wg_government"],
        "academia": people["wg_academia"], "observer": people["wg_observer"]})
    for phase, (slug, days) in WINDOWS.items():
        _call(world, db, clock, create_call, create_proposal, slug, phase, days, reading)
    _call(world, db, clock, create_call, create_proposal, CODE_CALL, Phase.VOTING,
          WINDOWS[Phase.VOTING][1], reading, eligibility="code", hide_counts_until_close=False)
    clock.set(reading)
    _now_and_here(world, db)
    _plan(world, db)
    return world


def _call(world, db, clock, create_call, create_proposal, slug, phase, days, reading,
          **settings):
    opens, closes, vote_opens, vote_closes = (reading + timedelta(days=d) for d in days)
    number = len(world.calls) + 1
    call = create_call(slug=slug, title=f"Plan de Acción de Gobierno Abierto n.º {number}",
                       submission_opens_at=opens, submission_closes_at=closes,
                       voting_opens_at=vote_opens, voting_closes_at=vote_closes,
                       votes_per_voter=3, **settings)
    world.calls[slug] = call
    world.proposals[slug] = found = {}
    if phase == Phase.UPCOMING:
        return
    clock.set(opens + timedelta(days=1))
    _submissions(world, db, call, create_proposal, found)
    if phase in (Phase.SUBMISSION, Phase.PRE_VOTING):
        return
    clock.set(vote_opens + timedelta(days=1))
    _votes(world, db, call, found, code=settings.get("eligibility") == "code")
    if phase == Phase.VOTING:
        return
    clock.set(vote_closes + timedelta(days=1))
    _review(world, db, call, found, publish=phase == Phase.RESULTS)


def _submissions(world, db, call, create_proposal, found) -> None:
    people = world.users
    author, other = people["participant"], people["commenter"]
    texts = ["Registro abierto de beneficiarios finales", "Datos abiertos de compras municipales",
             "Presupuestos participativos en regiones", "Agenda pública de autoridades",
             "Registro de lobby municipal", "Mesa ciudadana de seguimiento del plan",
             "Consejos regionales abiertos"]
    for name, title in zip(["main", "second", "withdrawn", "merged", "hidden_auto",
                            "hidden_by_moderator", "third"], texts, strict=True):
        found[name] = create_proposal(call, author=author, title=title)
    found["by_other"] = create_proposal(call, author=other, title="Transparencia en salud",
                                        organisation="Universidad del Sur", region="Maule")
    found["draft"] = create_proposal(call, author=author, status="draft",
                                     title="Borrador de compromiso sobre archivos")
    proposals.withdraw_proposal(author, found["withdrawn"],
                                "La fusionamos con otra iniciativa de la red.")
    moderation.merge(people["moderator"], found["merged"], found["main"])
    for reporter in people["reporters"]:
        moderation.report(reporter, found["hidden_auto"], "spam")
    moderation.hide(people["moderator"], found["hidden_by_moderator"],
                    "Contiene datos personales de terceros.")
    _comments(world, found["main"])
    db.session.commit()


def _comments(world, proposal) -> None:
    people = world.users
    author, commenter = people["participant"], people["commenter"]
    question = moderation.add_comment(commenter, proposal, "¿Qué plazo proponen para el hito?")
    moderation.add_comment(author, proposal, "Seis meses desde la aprobación del plan.",
                           parent=question)
    gone = moderation.add_comment(commenter, proposal, "Comentario que luego borré.")
    moderation.add_comment(author, proposal, "Respuesta a un comentario borrado.", parent=gone)
    moderation.delete_comment(commenter, gone)
    reported = moderation.add_comment(author, proposal, "Un comentario muy denunciado.")
    for reporter in people["reporters"]:
        moderation.report(reporter, reported, "offensive")
    hidden = moderation.add_comment(author, proposal, "Un comentario fuera de lugar.")
    moderation.hide(people["moderator"], hidden, "Lenguaje ofensivo hacia otra persona.")
    world.comments.update(question=question, hidden_auto=reported, hidden=hidden)
    if "blocked" not in world.comments:
        world.comments["blocked"] = moderation.add_comment(
            people["blocked"], proposal, "Publicidad de mi tienda.")
        moderation.block(people["moderator"], people["blocked"], "Publicidad reiterada.")


def _votes(world, db, call, found, code: bool) -> None:
    if code:
        world.codes = voting.generate_codes(call, 2)
        ballot = voting.redeem_code(call, world.codes[0])
        voting.cast_vote(call, found["main"], None, code_ballot=ballot)
    for n, voter in enumerate([] if code else world.users["voters"]):
        voting.cast_vote(call, found["main"], voter)
        if n % 2:
            voting.cast_vote(call, found["by_other"], voter)
    if not code:
        voting.cast_vote(call, found["by_other"], world.users["participant"])
    db.session.commit()


def _review(world, db, call, found, publish: bool) -> None:
    people = world.users
    review.declare_conflict(people["wg_academia"], call, found["second"],
                            "Mi universidad asesoró a quienes la presentan.")
    scores = {"relevance": 3, "specificity": 2, "measurability": 1, "feasibility": 2,
              "impact": 3}
    for key, shift in (("wg", 0), ("wg_government", -1)):
        review.save_assessment(people[key], call, found["main"],
                               {k: max(0, v + shift) for k, v in scores.items()},
                               "Compromiso claro y medible.")
    review.add_note(people["wg_observer"], call, found["main"], "Revisar el plazo del hito.")
    decide(call, found["main"], outcome="included", response=RESPONSE)
    if publish:
        outcomes = {"second": "partially_included", "by_other": "merged",
                    "merged": "not_included", "third": "out_of_scope"}
        for name, outcome in outcomes.items():
            decide(call, found[name], outcome=outcome, response=RESPONSE,
                   merged_into=found["main"])
        review.publish_results(people["admin"], call, fingerprint(
            review.publication_consequences(call)))
        db.session.commit()
        decide(call, found["second"], outcome="not_included", response=REVISION)
    db.session.commit()


def _now_and_here(world, db) -> None:
    """What happens at the reading moment: a comment still editable, a report waiting."""
    people = world.users
    main = world.proposals["propuestas"]["main"]
    world.comments["fresh"] = moderation.add_comment(people["participant"], main,
                                                     "Agrego un dato: el registro ya existe.")
    moderation.report(people["commenter"], main, "duplicate")
    db.session.commit()


def _plan(world, db) -> None:
    """The results call's included proposal, become a commitment of a plan in implementation."""
    from datetime import date

    from app.plans import follows, readings, reporting
    from app.plans import services as plans

    admin = world.users["admin"]
    source = world.proposals["resultados"]["main"]
    plan = plans.create_plan(admin, "plan-2016", title="Plan de Acción 2016–2018",
                             description="El tercer plan de acción de Chile.",
                             starts_on=date(2016, 9, 1), ends_on=date(2018, 8, 31),
                             status="implementation", adopted_on=date(2016, 9, 1),
                             call_id=source.call_id)
    draft = plans.create_plan(admin, "plan-borrador", title="Próximo plan",
                              starts_on=date(2026, 9, 1), ends_on=date(2028, 8, 31))
    world.plans = {plan.slug: plan, draft.slug: draft}
    commitment = plans.create_commitment(
        admin, plan, sources=[source.reference], **plans.copied_from([source]))
    world.commitments = [commitment]
    world.milestones = [plans.add_milestone(
        admin, commitment, deliverable="Registro publicado", indicator="Registro en línea",
        verification="Sitio web del registro", responsible="Unidad de datos",
        starts_on=date(2016, 9, 1), ends_on=date(2017, 6, 30), weight=2)]
    world.milestones.append(plans.add_milestone(
        admin, commitment, deliverable="Norma de datos publicada", starts_on=date(2017, 1, 1),
        ends_on=date(2018, 6, 30), weight=1))
    official = world.users["wg_government"]
    reporting.assign_implementer(admin, commitment, official)
    follows.follow(world.users["participant"], commitment)
    follows.follow(world.users["commenter"], plan)
    world.follow_token = follows.unfollow_token(follows.follow(world.users["voters"][0], plan))
    db.session.commit()
    first = reporting.post_update(official, commitment, world.milestones[0], "limited",
                                  "Se licitó el desarrollo del registro.",
                                  [("https://www.ejemplo.gob.cl/licitacion", "Licitación")])
    db.session.flush()
    world.updates = [first, reporting.revise_update(
        official, first, "substantial", "Se adjudicó y comenzó el desarrollo del registro.")]
    critic = readings.give_reading(world.users["wg"], world.updates[0], "disagree",
                                   "El registro no está en línea.", "https://ejemplo.cl/captura")
    readings.answer_reading(official, critic, "Estará en línea en marzo.")
    world.readings = [critic, readings.give_reading(world.users["commenter"], world.updates[1],
                                                    "disagree", "Faltan datos.")]
    reporting.record_coding(official, commitment, "government", "substantial", "modest", True)
    reporting.record_coding(admin, commitment, "irm", "limited", "modest", True,
                            "Informe de implementación del IRM",
                            "https://www.opengovpartnership.org/es/chile")
    db.session.commit()
    follows.tell_overdue()
    _consultation(world, db)
    _cocreation(world, db)


def _consultation(world, db) -> None:
    """A draft plan in consultation now: one comment answered, one awaiting its answer; and
    an ordinary comment on the plan in implementation."""
    from datetime import date, timedelta

    from app.core.clock import now
    from app.plans import comments, consultation
    from app.plans import services as plans

    admin, people = world.users["admin"], world.users
    plan = plans.create_plan(admin, "plan-consulta", title="Borrador en consulta",
                             starts_on=date(2026, 9, 1), ends_on=date(2028, 8, 31))
    world.plans[plan.slug] = plan
    draft = plans.create_commitment(admin, plan, title="Datos abiertos municipales",
                                    problem="Los municipios no publican datos.",
                                    lead_agency="Subsecretaría de Desarrollo Regional")
    world.commitments.append(draft)
    consultation.open_consultation(admin, plan, now() - timedelta(days=2),
                                   now() + timedelta(days=20))
    answered = comments.add_comment(people["participant"], draft, "Falta un indicador.",
                                    field="milestones")
    consultation.answer_comment(people["wg"], answered, "Se agregó un indicador: " + "dato " * 60)
    waiting = comments.add_comment(people["commenter"], draft, "¿Quién lo financia?")
    comments.add_comment(people["wg"], draft, "Lo veremos en la mesa.", parent=waiting)
    comments.add_comment(people["commenter"], world.commitments[0], "¿Cuándo estará en línea?")
    world.consultation_comments = [answered, waiting]
    db.session.commit()


def _cocreation(world, db) -> None:
    """A priorities poll open now and one closed, a dialogue session with a proposal entered
    on behalf of a neighbourhood council, and a paper submission."""
    people = world.users
    upcoming, open_call = world.calls["proxima"], world.calls["propuestas"]
    poll = make_poll(upcoming)
    theme = priorities.themes_of(poll)[0]
    priorities.choose_priorities(poll, people["commenter"], [theme.id])
    make_poll(open_call, opens_in_days=-10, closes_in_days=-6)
    session = make_session(open_call, facilitators=[people["participant"]])
    world.sessions.append(session)
    text = {"summary": "Publicar las actas de los concejos municipales.",
            "problem": "Las actas no se publican.", "commitment": "- Publicar las actas",
            "solution": "Los vecinos podrán seguir las decisiones.",
            "expected_results": "Actas en línea.", "ogp_values": ["transparency"],
            "theme": open_call.themes[0], "responsible_body": "SUBDERE", "region": "national",
            "organisation": ""}
    dialogues.enter_proposal(people["participant"], session,
                             {**text, "title": "Actas municipales abiertas"}, REGIONS,
                             "Junta de Vecinos Villa Alegre")
    proposals.enter_offline_proposal(people["admin"], open_call,
                                     {**text, "title": "Concejos transmitidos en línea"},
                                     REGIONS, "Rosa Pérez", origin="paper",
                                     origin_note="Formulario en papel, Temuco (fila 2)")
    db.session.commit()

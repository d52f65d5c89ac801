"""The attacker's view: a small world with one of everything, and the people who act in it.

Shared by the access matrix (test_access_matrix.py) and the other sweeps of this folder.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from app.accounts import tokens
from app.accounts.services import RESET, VERIFY
from app.accounts.notifications import unsubscribe_token
from app.calls.models import Call
from app.moderation import services as moderation
from app.proposals.models import Proposal
from app.review import services as review
from tests.cocreation_factories import make_poll, make_session
from tests.conftest import PASSWORD, T0
from tests.helpers import text_of
from tests.working_group.builder import build_group
from tests.seating import decide

# Everyone who can ask the app for something, from nobody to the administrator.
ACTORS = ("anonymous", "unverified", "participant", "author", "moderator", "member",
          "observer", "admin")

RESPONSE = ("La Mesa valora la propuesta porque aborda un problema real de acceso a la "
            "información en los municipios y propone acciones verificables. Se incorpora al "
            "plan con el Consejo para la Transparencia como organismo responsable, con hitos "
            "semestrales y un informe público de avance.")
AGREE = {"government": "agree", "civil_society": "agree", "academia": "agree"}
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def phase_dates(start_days: int) -> dict:
    """Phase dates of a call whose submissions opened `start_days` before T0, then every
    window ten days long: pick a start to put T0 in the phase wanted."""
    opens = T0 - timedelta(days=start_days)
    return {"submission_opens_at": opens,
            "submission_closes_at": opens + timedelta(days=10),
            "voting_opens_at": opens + timedelta(days=20),
            "voting_closes_at": opens + timedelta(days=30)}


@dataclass
class World:
    """One call in each phase and one of each thing in them, made for the actors."""

    people: dict  # actor -> User (everyone but "anonymous")
    open: Call  # submissions open (T0 is inside its window)
    voting: Call  # the public vote runs
    review: Call  # voting closed, the Working Group reviews (member and observer sit on it)
    done: Call  # results published
    published: Proposal  # the author's, in the open call
    draft: Proposal  # the author's draft, in the open call
    hidden: Proposal  # the author's, hidden by a moderator
    withdrawn: Proposal  # the author's, withdrawn
    others: Proposal  # the participant's, in the open call
    votable: Proposal  # in the voting call
    reviewed: Proposal  # in the review call
    decided: Proposal  # in the done call, with its decision published
    comment: object  # the author's comment on `published`, within its edit window
    others_comment: object  # the participant's comment on `published`
    group: object = None  # the standing Working Group (tests/working_group/builder.py)
    # purpose -> a valid link token: reset and unsubscribe the author's, verify a newcomer's
    tokens: dict = field(default_factory=dict)
    plan: object = None  # in implementation, its commitment from `decided`, one milestone
    draft_plan: object = None  # a draft: the administrators' alone
    consulted_plan: object = None  # a draft in public consultation (open at T0)
    consultation_comment: object = None  # on its commitment, unanswered
    commitment: object = None
    milestone: object = None
    update: object = None  # the author's, who reports on `commitment`
    reading: object = None  # the participant's disagreement with `update`
    poll: object = None  # the open call's priorities poll, open at T0
    dialogue: object = None  # a dialogue session of the open call; the participant facilitates

    def user(self, actor: str):
        return self.people.get(actor)


@pytest.fixture
def world(app, db, create_user, create_call, create_proposal) -> World:
    people = {
        "unverified": create_user(name="Sin Confirmar", email_verified_at=None),
        "participant": create_user(name="Participante"),
        "author": create_user(name="Autora", organisation="Fundación Datos"),
        "moderator": create_user(name="Moderadora", role="moderator"),
        "member": create_user(name="Integrante", sector="academia"),
        "observer": create_user(name="Observadora", sector="private_sector"),
        # Government accounts vote and comment but do not submit: the admin is one.
        "admin": create_user(name="Administradora", role="admin", sector="government"),
    }
    newcomer = create_user(name="Recién Llegada", email_verified_at=None)  # not an actor
    author, admin = people["author"], people["admin"]
    calls = {
        # Room for the drafts the access matrix makes for the author, one per actor.
        "open": create_call(slug="open", max_proposals_per_author=100),
        "voting": create_call(slug="voting", **phase_dates(25)),
        "review": create_call(slug="review", **phase_dates(40)),
        "done": create_call(slug="done", results_published_at=T0 - timedelta(days=30),
                            **phase_dates(400)),
    }
    # The review panels come from the seats; the other voting seats are held by people who
    # are not actors of the matrix.
    group = build_group(db, admin, {
        "civil_society": people["member"], "observer": people["observer"],
        "government": create_user(name="Titular de Gobierno", sector="government"),
        "academia": create_user(name="Titular Académica", sector="academia")})
    open_call = calls["open"]
    made = {
        "published": create_proposal(open_call, author=author, title="Publicada"),
        "draft": create_proposal(open_call, author=author, title="Borrador", status="draft"),
        "hidden": create_proposal(open_call, author=author, title="Oculta", status="hidden",
                                  moderation_reason="Datos personales",
                                  status_before_hidden="published"),
        "withdrawn": create_proposal(open_call, author=author, title="Retirada",
                                     status="withdrawn", withdrawal_reason="Ya no aplica"),
        "others": create_proposal(open_call, author=people["participant"], title="Ajena"),
        "votable": create_proposal(calls["voting"], author=author, title="En votación"),
        "reviewed": create_proposal(calls["review"], author=author, title="En revisión"),
        "decided": create_proposal(calls["done"], author=author, title="Decidida"),
    }
    decide(calls["done"], made["decided"], outcome="included", response=RESPONSE)
    review.add_note(people["member"], calls["review"], made["reviewed"], "Nota interna")
    comment = moderation.add_comment(author, made["published"], "Comentario de la autora")
    others_comment = moderation.add_comment(people["participant"], made["published"],
                                            "Comentario ajeno")
    db.session.commit()
    found = World(people=people, **calls, **made, comment=comment,
                  others_comment=others_comment, group=group)
    found.poll = make_poll(open_call)
    found.dialogue = make_session(open_call, facilitators=[people["participant"]])
    _plans(found, calls["done"], made["decided"])
    db.session.commit()
    found.tokens = found.tokens | {
        "reset": tokens.make_token(RESET, author.id, author.password_hash),
        "verify": tokens.make_token(VERIFY, newcomer.id, newcomer.email),
        "unsubscribe": unsubscribe_token(author, "comment"),
        "erase": tokens.make_token("erase", author.id, author.password_hash),
    }
    return found


def _plans(world, call, decided) -> None:
    from datetime import date

    from app.plans import follows, readings, reporting
    from app.plans import services as plans

    admin = world.user("admin")
    decided.status = "included"
    period = {"starts_on": date(2016, 9, 1), "ends_on": date(2018, 8, 31)}
    world.plan = plans.create_plan(admin, "nap", title="Plan", status="implementation",
                                   call_id=call.id, **period)
    world.draft_plan = plans.create_plan(admin, "borrador", title="Borrador", **period)
    world.commitment = plans.create_commitment(admin, world.plan, sources=[decided.reference],
                                               title="Compromiso", lead_agency="Agencia")
    world.milestone = plans.add_milestone(admin, world.commitment, deliverable="Hito",
                                          weight=1)
    reporting.assign_implementer(admin, world.commitment, world.user("author"))
    world.update = reporting.post_update(world.user("author"), world.commitment,
                                         world.milestone, "limited", "Avance")
    world.tokens["unfollow"] = follows.unfollow_token(follows.follow(world.user("author"),
                                                                     world.commitment))
    world.reading = readings.give_reading(world.user("participant"), world.update, "disagree",
                                          "No es así")
    world.consulted_plan, world.consultation_comment = consulted_plan(admin, world.user(
        "participant"))


def consulted_plan(admin, commenter, slug="consulta"):
    """A draft plan in consultation (open at T0), its commitment and one comment on it."""
    from datetime import date

    from app.plans import comments, consultation
    from app.plans import services as plans

    plan = plans.create_plan(admin, slug, title="En consulta", starts_on=date(2026, 9, 1),
                             ends_on=date(2028, 8, 31))
    made = plans.create_commitment(admin, plan, title="Borrador", lead_agency="Agencia")
    consultation.open_consultation(admin, plan, T0 - timedelta(days=1), T0 + timedelta(days=30))
    return plan, comments.add_comment(commenter, made, "¿Y los datos abiertos?")


def sign_in(app, user):
    """A browser of its own, logged in as `user` through the login form (with its CSRF
    token when the app asks for one)."""
    client = app.test_client()
    if user is None:
        return client
    page = text_of(client.get("/accounts/login"))
    data = {"email": user.email, "password": PASSWORD}
    token = CSRF_FIELD.search(page)
    if token:
        data["csrf_token"] = token.group(1)
    response = client.post("/accounts/login", data=data)
    assert response.status_code == 302, f"{user.name} could not log in"
    return client

"""Dialogue sessions and proposals entered on someone's behalf: the rules."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.core.errors import NotAllowed
from app.dialogues import services
from app.proposals import services as proposals
from app.proposals.models import Proposal
from config import CHILE_REGIONS
from tests.cocreation_factories import make_session
from tests.conftest import PROPOSAL_TEXT

FORM = {**PROPOSAL_TEXT, "theme": "Acceso a la información", "organisation": "Junta Villa Sur"}
SESSION = {"title": "Mesa regional de Valdivia", "kind": "working_table", "region": "Los Ríos",
           "city": "Valdivia", "convened_by": "Universidad Austral", "agenda": "- Inicio",
           "minutes": "Se acordó.", "attendance": {"civil_society": 12, "citizen": 3},
           "documents": "Presentación | https://example.org/p.pdf"}


@pytest.fixture
def call(create_call):
    return create_call(slug="nap")


def test_a_facilitator_enters_a_proposal_credited_to_whoever_made_it(db, call, create_user):
    facilitator = create_user(name="Fabiola Facilitadora")
    session = make_session(call, facilitators=[facilitator])
    made = services.enter_proposal(facilitator, session, FORM, CHILE_REGIONS,
                                   "  Junta de Vecinos   Villa Sur ")
    db.session.commit()
    assert made.status == "published" and made.reference
    assert made.public_author == "Junta de Vecinos Villa Sur"
    assert made.author_id == facilitator.id
    assert made.dialogue_session_id == session.id and made.origin == "dialogue"
    assert made.provenance == "Ingresada en Mesa regional de Temuco por Fabiola Facilitadora"
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "proposal.entered_offline"))
    assert event.actor_id == facilitator.id
    assert event.after["credited_author"] == "Junta de Vecinos Villa Sur"
    assert services.proposals_entered_at(session) == [made]


def test_only_the_sessions_facilitators_enter_proposals(db, call, create_user, admin):
    session = make_session(call, facilitators=[create_user()])
    for someone in (create_user(), admin):
        assert not services.can_enter(someone, session)
        with pytest.raises(services.NotFacilitator):
            services.enter_proposal(someone, session, FORM, CHILE_REGIONS, "Ana")


def test_the_credit_and_the_whole_template_are_required(db, call, create_user):
    facilitator = create_user()
    session = make_session(call, facilitators=[facilitator])
    with pytest.raises(proposals.CreditRequired):
        services.enter_proposal(facilitator, session, FORM, CHILE_REGIONS, "   ")
    with pytest.raises(proposals.IncompleteProposal) as refused:
        services.enter_proposal(facilitator, session, {**FORM, "problem": ""}, CHILE_REGIONS,
                                "Ana")
    assert list(refused.value.field_errors) == ["problem"]
    assert db.session.scalar(select(Proposal.id)) is None


def test_entries_close_when_the_vote_opens(db, call, create_user, clock):
    facilitator = create_user()
    session = make_session(call, facilitators=[facilitator])
    clock.advance(days=12)  # submissions closed, vote not open: still typed in
    assert services.can_enter(facilitator, session)
    clock.advance(days=5)
    with pytest.raises(proposals.EntryClosed):
        services.enter_proposal(facilitator, session, FORM, CHILE_REGIONS, "Ana")


def test_the_admin_records_a_session_and_its_facilitators(db, call, admin, create_user, clock):
    data = {**SESSION, "held_at": clock.now() - timedelta(days=1)}
    session = services.create_session(admin, call, data, CHILE_REGIONS)
    assert session.attendance == {"civil_society": 12, "academia": 0, "private_sector": 0,
                                  "citizen": 3, "government": 0}
    assert session.attendance_total == 15
    assert session.documents == [{"title": "Presentación", "url": "https://example.org/p.pdf"}]
    someone = create_user()
    services.add_facilitator(admin, session, someone)
    with pytest.raises(services.AlreadyFacilitator):
        services.add_facilitator(admin, session, someone)
    with pytest.raises(NotAllowed):
        services.create_session(someone, call, data, CHILE_REGIONS)
    services.update_session(admin, session, {**data, "minutes": "Acta aprobada."}, CHILE_REGIONS)
    db.session.commit()
    actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions == ["dialogue.created", "dialogue.facilitator_added", "dialogue.edited"]


@pytest.mark.parametrize("field, value", [
    ("region", "Narnia"), ("kind", "party"), ("city", "  "), ("held_at", None),
    ("documents", "Acta | javascript:alert(1)"), ("documents", "sin enlace"),
    ("attendance", {"citizen": -3}),
])
def test_a_session_with_a_wrong_value_is_refused(db, call, admin, clock, field, value):
    data = {**SESSION, "held_at": clock.now(), field: value}
    with pytest.raises(services.InvalidSession):
        services.create_session(admin, call, data, CHILE_REGIONS)


def test_the_list_filters_by_region(db, call):
    make_session(call, title="Temuco")
    make_session(call, title="Arica", region="Arica y Parinacota", city="Arica")
    assert [s.title for s in services.sessions_of(call, "Arica y Parinacota")] == ["Arica"]
    assert services.regions_of(call) == ["Arica y Parinacota", "La Araucanía"]

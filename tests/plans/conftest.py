from datetime import date

import pytest

from app.extensions import db as _db
from app.plans import services


@pytest.fixture
def create_plan(admin):
    """Make a plan through the service (status `implementation` unless told otherwise)."""
    numbers = iter(range(1, 1000))

    def make(call=None, **fields):
        values = {"title": "Plan de Acción 2016–2018", "description": "El tercer plan.",
                  "starts_on": date(2016, 9, 1), "ends_on": date(2018, 8, 31),
                  "status": "implementation", "adopted_on": date(2016, 9, 1),
                  "call_id": call.id if call else None}
        values.update(fields)
        plan = services.create_plan(admin, fields.pop("slug", f"plan-{next(numbers)}"),
                                    **{k: v for k, v in values.items() if k != "slug"})
        _db.session.commit()
        return plan

    return make


@pytest.fixture
def create_commitment(admin):
    def make(plan, sources=(), milestones=(), **fields):
        values = {"title": "Registro de beneficiarios finales",
                  "problem": "No se sabe quién controla a los proveedores.",
                  "lead_agency": "Ministerio de Hacienda", "theme": "Integridad"}
        values.update(fields)
        commitment = services.create_commitment(admin, plan, sources=sources, **values)
        for n, weight in enumerate(milestones, 1):
            services.add_milestone(admin, commitment, deliverable=f"Hito {n}", weight=weight,
                                   starts_on=date(2016, 9, 1), ends_on=date(2017, 6, 30))
        _db.session.commit()
        return commitment

    return make


@pytest.fixture
def implementer(admin, create_user):
    """An official named to report on a commitment."""
    from app.plans import reporting

    def make(commitment, **fields):
        user = create_user(sector="government", **fields)
        reporting.assign_implementer(admin, commitment, user)
        _db.session.commit()
        return user

    return make


@pytest.fixture
def working_group_member(admin, create_user):
    """Someone holding a seat of the Working Group (not an administrator)."""
    from app.working_group import seats

    def make(**fields):
        user = create_user(**fields)
        seat = seats.add_seat(admin, "civil_society", f"Sociedad civil {user.id}")
        seats.appoint(admin, seat, starts_on=date(2000, 1, 1), holder_name=user.name,
                      holder_email=user.email)
        _db.session.commit()
        return user

    return make


@pytest.fixture
def consulted(db, clock, admin, create_plan, create_commitment):
    """A draft plan whose consultation is open now, with one commitment."""
    from datetime import timedelta

    from app.plans import consultation

    plan = create_plan(slug="nap-draft", status="draft", adopted_on=None)
    commitment = create_commitment(plan, milestones=[1])
    consultation.open_consultation(admin, plan, clock.now() - timedelta(days=1),
                                   clock.now() + timedelta(days=30))
    _db.session.commit()
    return plan, commitment

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

from datetime import timedelta

import pytest

from app.core.confirmation import fingerprint
from app.review import services
from tests.seating import AGREE, decide, seat  # noqa: F401  (the review tests' vocabulary)

RESPONSE = ("La Mesa valora la propuesta porque aborda un problema real de acceso a la "
            "información en los municipios y propone acciones verificables. Se incorpora al "
            "plan con el Consejo para la Transparencia como organismo responsable, con hitos "
            "semestrales y un informe público de avance.")


@pytest.fixture
def review_call(create_call, clock):
    """A call whose voting has closed: the review is open."""
    call = create_call(slug="nap", votes_per_voter=3)
    return call


@pytest.fixture
def to_review(clock, review_call):
    def go():
        clock.set(review_call.voting_closes_at + timedelta(hours=1))
    return go


@pytest.fixture
def proposals(review_call, create_proposal):
    return [create_proposal(review_call, title=f"Propuesta {n}", vote_count=10 - n)
            for n in range(3)]


@pytest.fixture
def group(review_call, admin, create_user, db):
    """One member per constituency plus an observer."""
    people = {}
    for constituency in ("government", "civil_society", "academia", "observer"):
        user = create_user(name=f"Miembro {constituency}", sector="government"
                           if constituency == "government" else "civil_society")
        seat(user, constituency)
        people[constituency] = user
    db.session.commit()
    return people




def publish(admin, call) -> int:
    """Publish the results as an admin who confirmed what the publish page showed."""
    return services.publish_results(admin, call,
                                    fingerprint(services.publication_consequences(call)))

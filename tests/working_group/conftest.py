import pytest

from tests.working_group.builder import build_group


@pytest.fixture
def people(create_user) -> dict:
    return {
        "admin": create_user(name="Ana Admin", role="admin", sector="government"),
        "government": create_user(name="Gonzalo Gobierno", sector="government"),
        "civil_society": create_user(name="Carla Civil"),
        "academia": create_user(name="Andrea Academia", sector="academia"),
        "observer": create_user(name="Olga Observadora"),
        "outsider": create_user(name="Pedro Participante"),
    }


@pytest.fixture
def group(db, people):
    return build_group(db, people["admin"], {k: people[k] for k in
                                             ("government", "civil_society", "academia",
                                              "observer")})

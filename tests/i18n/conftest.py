import pytest

from tests.i18n.catalogue import read_spanish, source_messages
from tests.i18n.world import build_world


@pytest.fixture(scope="session")
def spanish_catalogue():
    return read_spanish()


@pytest.fixture(scope="session")
def marked_messages():
    return source_messages()


@pytest.fixture
def world(db, clock, create_user, create_call, create_proposal, admin):
    return build_world(db, clock, create_user, create_call, create_proposal, admin)

"""Who supported what is the voter's alone: moderators, administrators, the Working Group
and every export see counts, never voters."""

import pytest

from app.voting import services as voting
from tests.conftest import PASSWORD
from tests.helpers import text_of

NAME, EMAIL = "Votante Reservada", "votante.reservada@example.org"


@pytest.fixture
def voted(app, db, create_call, create_proposal, create_user, clock):
    call = create_call(slug="nap", votes_per_voter=2)
    proposal = create_proposal(call)
    clock.advance(days=16)
    voter = create_user(name=NAME, email=EMAIL)
    voting.cast_vote(call, proposal, voter)
    db.session.commit()
    return call, proposal, voter


@pytest.mark.parametrize("role", ["admin", "moderator"])
def test_no_page_for_staff_and_no_export_names_a_voter(app, db, client, create_user, clock,
                                                        voted, role):
    call, proposal, _voter = voted
    staff = create_user(role=role, sector="government")
    client.post("/accounts/login", data={"email": staff.email, "password": PASSWORD})
    pages = ["/admin/", "/moderation/", "/moderation/hidden", f"/review/{call.slug}/",
             f"/review/{call.slug}/proposals/{proposal.reference}",
             f"/calls/{call.slug}/proposals/{proposal.reference}",
             f"/calls/{call.slug}/proposals/"]
    clock.advance(days=20)
    call.results_published_at = clock.now()
    db.session.commit()
    pages += [f"/calls/{call.slug}/results", f"/calls/{call.slug}/export.csv",
              f"/calls/{call.slug}/export.json", f"/api/v1/calls/{call.slug}/results",
              f"/api/v1/calls/{call.slug}/proposals"]
    for page in pages:
        body = text_of(client.get(page))
        assert NAME not in body and EMAIL not in body, page


def test_the_voter_sees_their_own_votes(app, db, client, voted):
    call, proposal, voter = voted
    client.post("/accounts/login", data={"email": voter.email, "password": PASSWORD})
    assert proposal.reference in text_of(client.get("/accounts/me/votes"))

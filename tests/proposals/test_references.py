"""A reference names one proposal in the whole deployment; an address under a reference a
proposal gave up still leads to it."""

import pytest
from sqlalchemy.exc import IntegrityError

from app.proposals.models import FormerReference

EN = {"Accept-Language": "en"}


@pytest.fixture
def renumbered(db, create_call, create_proposal):
    """Two calls of 2026 that both had a `2026-0001`; the second call's is now 2026-0002."""
    national = create_call(slug="nap-2026")
    regional = create_call(slug="regional-2026")
    kept = create_proposal(national, reference="2026-0001", title="Registro de lobby")
    moved = create_proposal(regional, reference="2026-0002", title="Presupuestos regionales")
    db.session.add(FormerReference(call_id=regional.id, reference="2026-0001",
                                   proposal_id=moved.id))
    db.session.commit()
    return kept, moved


def test_two_proposals_cannot_share_a_reference(db, create_call, create_proposal):
    create_proposal(create_call(), reference="2026-0001")
    with pytest.raises(IntegrityError):
        create_proposal(create_call(), reference="2026-0001")


@pytest.mark.parametrize("path, moved_to", [
    ("/calls/regional-2026/proposals/2026-0001", "/calls/regional-2026/proposals/2026-0002"),
    ("/calls/regional-2026/proposals/2026-0001?comments_order=oldest",
     "/calls/regional-2026/proposals/2026-0002?comments_order=oldest"),
    ("/api/v1/calls/regional-2026/proposals/2026-0001",
     "/api/v1/calls/regional-2026/proposals/2026-0002"),
])
def test_an_old_address_moves_for_good_to_the_reference_now(client, renumbered, path, moved_to):
    response = client.get(path, headers=EN)
    assert response.status_code == 301
    assert response.headers["Location"] == moved_to
    assert "Presupuestos regionales" in client.get(path, headers=EN, follow_redirects=True).text


def test_a_form_sent_to_an_old_address_is_sent_on_as_it_was(client, renumbered):
    response = client.post("/calls/regional-2026/proposals/2026-0001/vote", headers=EN)
    assert response.status_code == 308  # the browser sends the same POST again
    assert response.headers["Location"] == "/calls/regional-2026/proposals/2026-0002/vote"


def test_the_call_that_kept_a_reference_still_answers_under_it(client, renumbered):
    response = client.get("/calls/nap-2026/proposals/2026-0001", headers=EN)
    assert response.status_code == 200 and "Registro de lobby" in response.text


def test_a_former_reference_leads_nowhere_from_another_call(client, renumbered, create_call):
    create_call(slug="other-2026")
    assert client.get("/calls/other-2026/proposals/2026-0001").status_code == 404
    assert client.get("/calls/regional-2026/proposals/2026-0999").status_code == 404

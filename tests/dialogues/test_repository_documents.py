"""A dialogue session names documents of the public repository beside its links: its page
links to the repository's page, and the API gives their id."""

from datetime import date

import pytest

from app.dialogues import services
from app.working_group import documents
from tests.helpers import text_of

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EN = {"Accept-Language": "en"}
SESSION = {"title": "Mesa de Valdivia", "kind": "workshop", "region": "Los Ríos",
           "city": "Valdivia", "held_at": "2026-03-05T10:00", "convened_by": "U. Austral",
           "attendance_civil_society": "10", "attendance_academia": "5",
           "attendance_private_sector": "0", "attendance_citizen": "7",
           "attendance_government": "2", "agenda": "", "minutes": "",
           "documents": "Presentación | https://example.org/p.pdf"}


@pytest.fixture
def call(create_call):
    return create_call(slug="nap")


@pytest.fixture
def act(db, admin):
    document = documents.upload(admin, title="Acta de la mesa de Valdivia", kind="minutes",
                                dated_on=date(2026, 3, 5), data=PDF)
    db.session.commit()
    return document


def test_the_admin_picks_a_repository_document_for_a_session(db, client, login, admin, call,
                                                             act):
    login(admin)
    form = client.get("/admin/calls/nap/dialogues").get_data(as_text=True)
    assert "Acta de la mesa de Valdivia (2026-03-05)" in form
    response = client.post("/admin/calls/nap/dialogues",
                           data={**SESSION, "repository_documents": [str(act.id)]})
    assert response.status_code == 302
    session_id = response.headers["Location"].rsplit("/", 1)[1]
    page = client.get(f"/calls/nap/dialogues/{session_id}").get_data(as_text=True)
    assert f'href="/documents/{act.id}"' in page and "https://example.org/p.pdf" in page
    edit = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Presentación | https://example.org/p.pdf" in edit  # the links stay as typed
    assert f'<option selected value="{act.id}">' in edit or f'value="{act.id}" selected' in edit
    [session] = client.get("/api/v1/calls/nap/dialogues").get_json()["items"]
    assert {"title": "Acta de la mesa de Valdivia", "document_id": act.id,
            "url": f"http://localhost/documents/{act.id}"} in session["documents"]
    assert {"title": "Presentación", "url": "https://example.org/p.pdf",
            "document_id": None} in session["documents"]


def test_an_unknown_document_is_refused(db, client, login, admin, call, act):
    with pytest.raises(services.InvalidSession):
        services.repository_documents([act.id + 50])
    login(admin)
    refused = client.post("/admin/calls/nap/dialogues",
                          data={**SESSION, "repository_documents": ["9999"]}, headers=EN)
    assert refused.status_code == 422
    assert "Mesa de Valdivia" in text_of(refused)

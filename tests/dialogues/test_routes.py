"""Dialogue sessions through the app, and the proposals entered there as readers meet them:
on the page, in the exports and in the API, credited to whoever made them."""

import csv
import io
import json

import pytest

from tests.cocreation_factories import make_session
from tests.conftest import PROPOSAL_TEXT
from tests.helpers import assert_error_summary, text_of

EN = {"Accept-Language": "en"}
FORM = {**{k: v for k, v in PROPOSAL_TEXT.items() if k != "organisation"},
        "organisation": "", "theme": "Acceso a la información",
        "credited_author": "Junta de Vecinos Villa Alegre"}


@pytest.fixture
def call(create_call):
    return create_call(slug="nap")


@pytest.fixture
def facilitator(create_user):
    return create_user(name="Fabiola Facilitadora")


@pytest.fixture
def session(call, facilitator):
    return make_session(call, facilitators=[facilitator])


def test_the_list_and_a_sessions_page(db, client, call, session):
    make_session(call, title="Mesa de Arica", region="Arica y Parinacota", city="Arica")
    page = text_of(client.get("/calls/nap/dialogues/", headers=EN))
    assert "Mesa regional de Temuco" in page and "Mesa de Arica" in page
    page = text_of(client.get("/calls/nap/dialogues/?region=Arica+y+Parinacota", headers=EN))
    assert "Mesa regional de Temuco" not in page and "Mesa de Arica" in page
    page = text_of(client.get("/calls/nap/dialogues/?region=Narnia", headers=EN))
    assert "Mesa regional de Temuco" in page  # an unknown region filters nothing out
    page = text_of(client.get(f"/calls/nap/dialogues/{session.id}", headers=EN))
    assert "Red de Sociedad Civil de La Araucanía" in page
    assert "Fabiola Facilitadora" in page
    assert "<li>Bienvenida</li>" in page  # the agenda through |rich
    assert 'href="https://example.org/p.pdf"' in page
    assert ">25<" in page  # attendance, in total


def test_a_facilitator_enters_a_proposal_credited_to_its_author(db, client, login, call,
                                                                session, facilitator):
    login(facilitator)
    page = text_of(client.get(f"/calls/nap/dialogues/{session.id}", headers=EN))
    assert "Enter a proposal made here" in page
    response = client.post(f"/calls/nap/dialogues/{session.id}/proposals/new", data=FORM,
                           headers=EN, follow_redirects=True)
    page = text_of(response)
    assert "credited to Junta de Vecinos Villa Alegre" in page
    reference = page.split("published as ")[1].split(",")[0]
    proposal_page = text_of(client.get(f"/calls/nap/proposals/{reference}", headers=EN))
    assert "By Junta de Vecinos Villa Alegre" in proposal_page
    assert "By Fabiola Facilitadora" not in proposal_page
    assert (f'Entered at <a href="/calls/nap/dialogues/{session.id}">Mesa regional de Temuco'
            '</a> by Fabiola Facilitadora') in proposal_page
    listing = text_of(client.get("/calls/nap/proposals/", headers=EN))
    assert "Junta de Vecinos Villa Alegre" in listing


def test_a_refused_entry_keeps_what_was_typed(db, client, login, session, facilitator):
    login(facilitator)
    response = client.post(f"/calls/nap/dialogues/{session.id}/proposals/new",
                           data={**FORM, "credited_author": "", "problem": ""}, headers=EN)
    assert response.status_code == 422
    html = text_of(response)
    assert_error_summary(html)
    assert "Registro abierto de beneficiarios finales" in html


def test_someone_else_is_sent_back_with_the_reason(db, client, login, session, create_user):
    login(create_user())
    response = client.get(f"/calls/nap/dialogues/{session.id}/proposals/new", headers=EN,
                          follow_redirects=True)
    assert "Only the session&#39;s facilitators" in text_of(response)


def test_exports_and_api_carry_the_real_author_and_the_provenance(app, db, client, login, call,
                                                                  session, facilitator,
                                                                  create_proposal):
    create_proposal(call, title="En línea")
    login(facilitator)
    client.post(f"/calls/nap/dialogues/{session.id}/proposals/new", data=FORM)
    reader = app.test_client()
    rows = list(csv.DictReader(io.StringIO(
        reader.get("/calls/nap/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    entered = next(row for row in rows if row["origin"] == "dialogue")
    assert entered["credited_author"] == "Junta de Vecinos Villa Alegre"
    assert entered["dialogue_session"] == "Mesa regional de Temuco"
    assert entered["entered_by"] == "Fabiola Facilitadora"
    online = next(row for row in rows if row["title"] == "En línea")
    assert online["credited_author"] == online["origin"] == ""
    document = json.loads(reader.get("/calls/nap/export.json").get_data(as_text=True))
    assert {p["credited_author"] for p in document["proposals"]} == {
        None, "Junta de Vecinos Villa Alegre"}
    api = reader.get(f"/api/v1/calls/nap/proposals/{entered['reference']}").get_json()
    assert api["credited_author"] == "Junta de Vecinos Villa Alegre"
    assert api["entered_by"] == "Fabiola Facilitadora"
    assert api["dialogue_session"] == "Mesa regional de Temuco"


def test_the_admin_records_a_session_and_adds_a_facilitator(db, client, login, admin, call,
                                                           create_user):
    someone = create_user(email="facilita@example.org", name="Fede Facilitador")
    login(admin)
    response = client.post("/admin/calls/nap/dialogues", data={
        "title": "Mesa de Valdivia", "kind": "workshop", "region": "Los Ríos",
        "city": "Valdivia", "held_at": "2026-03-05T10:00", "convened_by": "U. Austral",
        "attendance_civil_society": "10", "attendance_academia": "5",
        "attendance_private_sector": "0", "attendance_citizen": "7",
        "attendance_government": "2", "agenda": "", "minutes": "",
        "documents": "Acta | https://example.org/acta.pdf"})
    assert response.status_code == 302
    edit = response.headers["Location"]
    refused = client.post(edit + "/facilitators", data={"email": "nadie@example.org"},
                          headers=EN)
    assert refused.status_code == 422
    assert_error_summary(text_of(refused))
    assert client.post(edit + "/facilitators", data={"email": someone.email}).status_code == 302
    session_id = edit.rsplit("/", 1)[1]
    page = text_of(client.get(f"/calls/nap/dialogues/{session_id}", headers=EN))
    assert "Fede Facilitador" in page and "Workshop" in page and ">24<" in page
    bad = client.post(edit, data={"title": "X", "kind": "workshop", "region": "Los Ríos",
                                  "city": "V", "held_at": "2026-03-05T10:00",
                                  "convened_by": "U", "documents": "javascript:alert(1)",
                                  **{f"attendance_{s}": "0" for s in (
                                      "civil_society", "academia", "private_sector",
                                      "citizen", "government")}}, headers=EN)
    assert bad.status_code == 422
    assert_error_summary(text_of(bad))


def test_the_api_lists_sessions_and_the_poll(app, db, client, call, session, facilitator,
                                             validate):
    from app.dialogues import services
    from tests.cocreation_factories import make_poll

    services.enter_proposal(facilitator, session, {k: v for k, v in FORM.items()
                                                   if k != "credited_author"},
                            app.config["MINGA_REGIONS"], "Junta de Vecinos Villa Alegre")
    make_poll(call)
    db.session.commit()
    body = client.get("/api/v1/calls/nap/dialogues").get_json()
    validate(body, "DialogueList")
    (item,) = body["items"]
    assert item["facilitators"] == ["Fabiola Facilitadora"]
    assert item["attendance"] == {"civil_society": 18, "academia": 4, "government": 3}
    assert len(item["proposals"]) == 1
    poll = client.get("/api/v1/calls/nap/priorities").get_json()
    validate(poll, "Priorities")
    assert poll["ballots"] == 0 and len(poll["themes"]) == 4

"""Evidence from the public repository: an update names documents of /documents/, its pages
link to them, and the exports and the API carry their id, title and address."""

import json
from datetime import date

import pytest

from app.plans import reporting
from app.plans.services import InvalidChoice
from app.working_group import documents
from tests.helpers import text_of

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def reported(create_plan, create_commitment, implementer):
    commitment = create_commitment(create_plan(slug="nap"), milestones=[1])
    return commitment, implementer(commitment, name="Iván Implementador")


@pytest.fixture
def act(db, admin):
    document = documents.upload(admin, title="Acta de lanzamiento del portal", kind="evidence",
                                dated_on=date(2017, 3, 1), data=PDF)
    db.session.commit()
    return document


def test_an_implementer_picks_a_document_and_the_pages_link_to_it(db, client, login, reported,
                                                                 act):
    commitment, official = reported
    login(official)
    base = f"/plans/nap/commitments/{commitment.reference}"
    form = text_of(client.get(f"{base}/updates/new"))
    assert "Documentos del repositorio público" in form
    assert "Acta de lanzamiento del portal (2017-03-01)" in form
    posted = client.post(f"{base}/updates/new", data={
        "milestone_id": str(commitment.milestones[0].id), "status": "complete",
        "narrative": "Portal publicado.", "documents": [str(act.id)]})
    assert posted.status_code == 302
    page = client.get(base).get_data(as_text=True)
    assert f'href="/documents/{act.id}"' in page and "Acta de lanzamiento del portal" in page
    update = reporting.current_updates([commitment.id])[0]
    history = client.get(f"{base}/updates/{update.id}").get_data(as_text=True)
    assert f'href="/documents/{act.id}"' in history
    report = client.get("/plans/nap/report").get_data(as_text=True)
    assert f"/documents/{act.id}" in report

    # A correction keeps the document unless the implementer drops it.
    revise = client.get(f"{base}/updates/{update.id}/revise").get_data(as_text=True)
    assert f'<option selected value="{act.id}">' in revise \
        or f'value="{act.id}" selected' in revise


def test_an_unknown_document_is_refused_and_the_form_kept(db, client, login, reported, act):
    commitment, official = reported
    with pytest.raises(InvalidChoice):
        reporting.post_update(official, commitment, commitment.milestones[0], "limited",
                              "Con un documento que no existe.", documents=[act.id + 99])
    login(official)
    refused = client.post(f"/plans/nap/commitments/{commitment.reference}/updates/new", data={
        "milestone_id": str(commitment.milestones[0].id), "status": "complete",
        "narrative": "Con un documento que no existe.", "documents": ["999999"]})
    assert refused.status_code == 422
    assert "Con un documento que no existe." in text_of(refused)


def test_exports_and_api_name_the_document(db, client, reported, act):
    commitment, official = reported
    reporting.post_update(official, commitment, commitment.milestones[0], "complete", "Hecho.",
                          links=[("https://ejemplo.cl/portal", "Portal")],
                          documents=[act.id, act.id])
    db.session.commit()
    cited = {"id": act.id, "title": "Acta de lanzamiento del portal",
             "url": f"http://localhost/documents/{act.id}"}
    data = json.loads(client.get("/plans/nap/export.json").get_data(as_text=True))
    [update] = data["updates"]
    assert update["evidence"] == ["https://ejemplo.cl/portal"]
    assert update["evidence_documents"] == [cited]  # named twice, cited once
    api = client.get(f"/api/v1/plans/nap/commitments/{commitment.reference}").get_json()
    assert api["updates"][0]["evidence_documents"] == [cited]

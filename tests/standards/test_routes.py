"""/standards: the page, in Spanish and English, linked from every page, and the demo's
evidence as the demo's data says it must be."""

from app.demo.loader import load_demo
from app.extensions import db as _db
from app.standards import evidence
from tests.helpers import text_of


def test_the_page_lists_every_requirement_with_its_status(client, create_call):
    create_call(title="Convocatoria 2026")
    response = client.get("/standards")
    assert response.status_code == 200
    page = text_of(response)
    for code in ("1.1 ·", "2.1 ·", "2.2 ·", "4.1 ·", "5.1 ·"):
        assert code in page
    assert "Estándares de OGP: la evidencia" in page
    assert "Convocatoria 2026" in page and "Cumple" in page
    html = response.get_data(as_text=True)
    assert evidence.OGP_STANDARDS_URL in html
    assert 'lang="en"' in html and "at least every six months" in html  # OGP's own words
    assert "data-print" in html


def test_the_page_in_english_and_the_footer_link(client):
    page = text_of(client.get("/standards", headers={"Accept-Language": "en"}))
    assert "OGP standards: the evidence" in page and "Not met" in page
    assert 'href="/standards"' in client.get("/calls/").get_data(as_text=True)
    assert 'href="/standards"' in client.get("/working-group/").get_data(as_text=True)


def test_the_demo_deployments_evidence(app, db, client):
    load_demo()
    _db.session.commit()
    found = {requirement.title: [(about, finding.status) for about, finding
                                 in requirement.findings]
             for requirement in evidence.requirements()}
    current, past = ("Plan de Acción de Gobierno Abierto 2026–2028",
                     "Plan de Acción de Gobierno Abierto 2023–2025 (demo)")
    titles = [r.title for r in evidence.requirements()]
    space, website, repository, timeline, period, published, responses, reviews = (
        found[t] for t in titles)
    # The group met in 2017 and 2018, then not again until five months ago.
    assert space == [("Este sitio", "not_met")]
    assert website == [("Este sitio", "met")]
    # Two documents: the 2017 resolution and the minutes of two months ago.
    assert repository == [("Este sitio", "at_risk")]
    # Both calls were announced with their dates three weeks before they opened.
    assert timeline == [(current, "met"), (past, "met")]
    assert period == [(current, "met"), (past, "met")]
    # The current call takes proposals now; the past one published its results.
    assert published == [(current, "not_applicable"), (past, "met")]
    assert responses[:2] == [(current, "not_applicable"), (past, "met")]
    # The next plan's draft was consulted and every comment answered; no other plan was.
    plans = dict(responses[2:])
    assert plans.pop("Próximo Plan de Acción (borrador)") == "met"
    assert set(plans.values()) == {"not_applicable"}
    # The 2016–2018 plan, in implementation, held no implementation review in its years.
    assert reviews == [("Tercer Plan de Acción de Gobierno Abierto 2016–2018", "not_met")]
    page = text_of(client.get("/standards"))
    assert "30 de 30 propuestas priorizadas tienen una decisión" in page

from datetime import timedelta

from tests.helpers import text_of


def test_home_shows_the_current_call_and_its_timeline(client, create_call):
    call = create_call(title="Plan de Acción 2026–2028")
    html = text_of(client.get("/", headers={"Accept-Language": "en"}))
    assert "Plan de Acción 2026–2028" in html
    assert "Open for proposals" in html
    assert 'aria-current="step"' in html
    assert f"/calls/{call.slug}/" in html
    # Times are shown in the site's zone (Santiago is UTC-3 in March).
    local = (call.submission_opens_at - timedelta(hours=3)).strftime("%H:%M")
    assert local in html and "America/Santiago" in html


def test_home_without_calls_has_an_empty_state(client):
    html = text_of(client.get("/", headers={"Accept-Language": "en"}))
    assert "No call yet" in html


def test_archive_lists_every_cycle(client, create_call, clock):
    create_call(slug="nap-2016", title="Plan 2016",
                submission_opens_at=clock.now() - timedelta(days=3700),
                submission_closes_at=clock.now() - timedelta(days=3690),
                voting_opens_at=clock.now() - timedelta(days=3680),
                voting_closes_at=clock.now() - timedelta(days=3670),
                results_published_at=clock.now() - timedelta(days=3600))
    create_call(slug="nap-2026", title="Plan 2026")
    html = text_of(client.get("/calls/", headers={"Accept-Language": "en"}))
    assert html.index("Plan 2026") < html.index("Plan 2016")
    assert "Results published" in html


def test_call_page_shows_rules_and_sanitises_text(client, create_call):
    create_call(slug="nap", description="Hola <script>alert(1)</script>\n\n- uno\n- dos",
                rules="Reglas https://www.ogp.gob.cl")
    html = text_of(client.get("/calls/nap/"))
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert "<ul><li>uno</li><li>dos</li></ul>" in html
    assert 'href="https://www.ogp.gob.cl" rel="nofollow ugc noopener"' in html


def test_unknown_call_is_a_404_page(client):
    response = client.get("/calls/does-not-exist/", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "Page not found" in text_of(response)

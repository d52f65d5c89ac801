from datetime import timedelta

from tests.conftest import T0
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


def _cycle(create_call, slug, title, opens_in_days, **fields):
    opens = T0 + timedelta(days=opens_in_days)
    return create_call(slug=slug, title=title, submission_opens_at=opens,
                       submission_closes_at=opens + timedelta(days=10),
                       voting_opens_at=opens + timedelta(days=20),
                       voting_closes_at=opens + timedelta(days=30), **fields)


def test_home_shows_every_call_in_progress_with_its_next_step(client, create_call):
    _cycle(create_call, "proposing", "Plan nacional", -5)
    _cycle(create_call, "voting", "Plan regional", -24, votes_per_voter=7,
           eligibility="code")
    _cycle(create_call, "reviewing", "Plan municipal", -40)
    _cycle(create_call, "soon", "Plan futuro", 60)
    _cycle(create_call, "done", "Plan 2016", -3000, results_published_at=T0 - timedelta(days=2900))
    html = text_of(client.get("/", headers={"Accept-Language": "en"}))
    assert "Calls in progress" in html
    main = html[html.index("Calls in progress"):html.index("Opening soon")]
    # Soonest step first: submissions close in 5 days, voting in 6, the review has no date.
    assert main.index("Plan nacional") < main.index("Plan regional") < main.index(
        "Plan municipal")
    assert "Open for proposals" in main and "Public vote" in main
    assert "Working Group review" in main
    assert "submit a proposal until 15 Mar 2026, 12:00." in main
    assert "vote for up to 7 proposals until 16 Mar 2026, 12:00." in main
    assert 'href="/calls/proposing/proposals/new"' in main
    assert 'href="/calls/voting/vote/code"' in main
    assert "reviewing the proposals and will answer each one publicly" in main
    soon = html[html.index("Opening soon"):html.index("How to take part")]
    assert "Plan futuro" in soon and "submissions open on 9 May 2026" in soon
    past = html[html.index("Past cycles"):]
    assert "Plan 2016" in past and 'href="/calls/done/results"' in past
    assert 'href="/calls/"' in past


def test_home_without_a_call_in_progress_points_to_the_archive(client, create_call):
    _cycle(create_call, "done", "Plan 2016", -3000, results_published_at=T0 - timedelta(days=2900))
    html = text_of(client.get("/", headers={"Accept-Language": "en"}))
    assert "No call is open right now" in html
    assert "Plan 2016" in html and 'href="/calls/"' in html

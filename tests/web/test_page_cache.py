"""Readers without a cookie get public pages kept a few seconds; everyone else gets them live."""

from datetime import timedelta

import pytest

from tests.helpers import text_of

pytestmark = pytest.mark.config(PAGE_CACHE_SECONDS=10, PAGE_CACHE_ENTRIES=3)
ES, EN = {"Accept-Language": "es"}, {"Accept-Language": "en"}


@pytest.fixture
def reader(app):
    return app.test_client(use_cookies=False)


@pytest.fixture
def proposal(create_call, create_proposal):
    return create_proposal(create_call(slug="nap"), title="Título original")


def retitle(db, proposal, title):
    proposal.title = title
    db.session.commit()


def test_readers_get_the_kept_page_until_it_is_ten_seconds_old(reader, db, clock, proposal):
    path = f"/calls/nap/proposals/{proposal.reference}"
    first = reader.get(path, headers=ES)
    assert first.status_code == 200 and "X-Minga-Cache" not in first.headers
    retitle(db, proposal, "Título corregido")
    kept = reader.get(path, headers=ES)
    assert kept.headers["X-Minga-Cache"] == "hit" and "Título original" in text_of(kept)
    assert kept.headers["Content-Security-Policy"]  # headers are added to kept pages too
    clock.advance(seconds=10)
    assert "Título corregido" in text_of(reader.get(path, headers=ES))


def test_each_language_and_address_is_kept_apart(reader, db, proposal):
    assert '<html lang="es">' in text_of(reader.get("/calls/nap/proposals/", headers=ES))
    english = reader.get("/calls/nap/proposals/", headers=EN)
    assert '<html lang="en">' in text_of(english) and "X-Minga-Cache" not in english.headers
    retitle(db, proposal, "Título corregido")
    assert "Título corregido" in text_of(reader.get("/calls/nap/proposals/?sort=recent"))


def test_people_with_a_session_always_see_the_live_page(client, reader, db, proposal, login,
                                                        create_user):
    path = f"/calls/nap/proposals/{proposal.reference}"
    reader.get(path, headers=ES)
    login(create_user())
    retitle(db, proposal, "Título corregido")
    page = client.get(path, headers=ES)
    assert "Título corregido" in text_of(page) and "X-Minga-Cache" not in page.headers


def test_a_change_made_through_the_process_shows_to_readers_at_once(client, reader, db,
                                                                    proposal, login,
                                                                    create_user):
    reader.get("/calls/nap/proposals/", headers=ES)
    retitle(db, proposal, "Título corregido")
    login(create_user())  # any successful POST empties this process's store
    assert "Título corregido" in text_of(reader.get("/calls/nap/proposals/", headers=ES))


def test_reader_pages_set_no_cookie_and_carry_no_form_token(reader, proposal):
    for path in ("/", "/calls/", "/calls/nap/", "/calls/nap/proposals/",
                 f"/calls/nap/proposals/{proposal.reference}", "/calls/nap/results"):
        for _ in range(2):  # built, then kept
            response = reader.get(path)
            assert response.status_code == 200, path
            assert "Set-Cookie" not in response.headers, path
            assert "csrf_token" not in text_of(response), path


def test_only_successful_pages_are_kept_and_the_store_is_bounded(app, reader, proposal):
    assert reader.get("/calls/missing/proposals/").status_code == 404
    assert reader.get("/calls/missing/proposals/").status_code == 404
    for page in range(1, 6):
        reader.get(f"/calls/nap/proposals/?page={page}")
    assert len(app.extensions["minga.page_cache"]) == 3


def test_readers_share_an_hourly_random_order_while_voting(reader, db, create_call,
                                                           create_proposal, clock):
    # Readers' lists can only be kept if every reader gets the same order for a while.
    at = clock.now()
    call = create_call(slug="live", submission_closes_at=at - timedelta(days=2),
                       voting_opens_at=at - timedelta(days=1),
                       voting_closes_at=at + timedelta(days=10))
    for n in range(30):
        create_proposal(call, title=f"Propuesta número {n}")
    ours = text_of(reader.get("/calls/live/proposals/", headers=ES))
    theirs = text_of(reader.get("/calls/live/proposals/", headers={
        **ES, "User-Agent": "another browser", "X-Forwarded-For": "203.0.113.9"}))
    assert 'value="random" selected' in ours
    assert ours == theirs

"""Sessions live on the server: logging out ends them, and people see and end their own.

OWASP ASVS 4.0.3 3.3.1 (logout invalidates the session) and 3.3.3 (log out elsewhere).
"""

import os
import uuid

import pytest
from sqlalchemy import event

from app.accounts.logins import browser_family
from app.accounts.models import Login
from tests.conftest import PASSWORD
from tests.helpers import csrf_token_from, text_of
from tests.voting.test_routes import _redis_available, _redis_url

FIREFOX = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
           "Accept-Language": "en"}
PHONE = {"User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, "
                       "like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
         "Accept-Language": "en"}


def log_in(client, user, headers=FIREFOX, remember=False):
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/accounts/login", data=data, headers=headers).status_code == 302


def logged_in(client) -> bool:
    return client.get("/accounts/me", headers=FIREFOX).status_code == 200


def copy_of(client, app, *names):
    """Another browser holding copies of `client`'s cookies (as a thief would)."""
    other = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        if cookie is not None:
            other.set_cookie(name, cookie.value)
    return other


def test_the_cookie_holds_only_an_id_and_the_data_stays_on_the_server(client, create_user):
    log_in(client, create_user())
    value = client.get_cookie("session").value
    assert "." not in value and len(value) >= 40  # no signed payload: a random id
    with client.session_transaction() as session:
        assert session["_user_id"]  # the login is in the server's copy


def test_a_session_cookie_copied_before_logout_is_refused_after(app, client, create_user):
    log_in(client, create_user())
    thief = copy_of(client, app, "session")
    assert logged_in(thief)
    client.post("/accounts/logout")
    assert not logged_in(thief)
    assert thief.get("/accounts/me").headers["Location"].startswith("/accounts/login")


def test_a_remember_me_cookie_copied_before_logout_is_refused_after(app, client, create_user):
    log_in(client, create_user(), remember=True)
    thief = copy_of(client, app, "remember_token")
    assert logged_in(thief)  # the cookie alone logs in, as it should
    client.post("/accounts/logout")
    assert not logged_in(copy_of(client, app)) and not logged_in(thief)


def test_the_session_id_changes_at_login(client, create_user):
    client.get("/accounts/locale/en")  # a session before logging in
    before = client.get_cookie("session").value
    log_in(client, create_user())
    assert client.get_cookie("session").value != before


def test_the_sessions_page_lists_each_browser_without_its_address(app, client, create_user):
    user = create_user()
    phone = app.test_client()
    log_in(phone, user, headers=PHONE)
    log_in(client, user, remember=True)
    page = text_of(client.get("/accounts/sessions", headers=FIREFOX))
    assert "Firefox · Linux" in page and "Chrome · Android" in page
    assert "(this browser)" in page and "remembered for 30 days" in page
    assert "127.0.0.1" not in page
    unknown = app.test_client()
    log_in(unknown, user, headers={"User-Agent": "curl/8.5.0", "Accept-Language": "en"})
    assert "Unknown browser" in text_of(client.get("/accounts/sessions", headers=FIREFOX))
    response = client.get("/accounts/sessions")
    assert response.headers["Cache-Control"] == "no-store"


def test_log_out_everywhere_else_keeps_this_browser_only(app, client, create_user, db):
    user = create_user()
    phone, laptop = app.test_client(), app.test_client()
    log_in(phone, user, headers=PHONE, remember=True)
    log_in(laptop, user)
    log_in(client, user)
    response = client.post("/accounts/sessions/others/end", headers=FIREFOX,
                           follow_redirects=True)
    assert "2 other sessions were logged out." in text_of(response)
    assert logged_in(client)
    assert not logged_in(laptop) and not logged_in(phone)
    assert not logged_in(copy_of(phone, app, "remember_token"))
    assert db.session.scalar(db.select(db.func.count()).select_from(Login)) == 1


def test_one_session_can_be_ended_and_only_ones_own(app, client, create_user, db):
    user, stranger = create_user(), create_user()
    phone = app.test_client()
    log_in(phone, user, headers=PHONE)
    log_in(client, user)
    foreign = app.test_client()
    log_in(foreign, stranger)
    phone_login, foreign_login = (db.session.scalar(db.select(Login.id).where(
        Login.user_id == u.id, Login.browser.contains(b))) for u, b in (
        (user, "Android"), (stranger, "Linux")))
    client.post(f"/accounts/sessions/{foreign_login}/end")
    assert logged_in(foreign)  # somebody else's: untouched
    client.post(f"/accounts/sessions/{phone_login}/end")
    assert not logged_in(phone) and logged_in(client)


def test_ending_this_browsers_own_session_logs_it_out(client, create_user, db):
    user = create_user()
    log_in(client, user)
    own = db.session.scalar(db.select(Login.id).where(Login.user_id == user.id))
    response = client.post(f"/accounts/sessions/{own}/end")
    assert response.headers["Location"] == "/"
    assert not logged_in(client)


def test_the_sessions_page_needs_a_login(client):
    assert client.get("/accounts/sessions").status_code == 302
    assert client.post("/accounts/sessions/others/end").status_code == 302


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_a_forged_log_out_everywhere_is_refused(app, client, create_user):
    user = create_user()
    phone = app.test_client()
    for browser in (phone, client):
        token = csrf_token_from(text_of(browser.get("/accounts/login")))
        browser.post("/accounts/login", data={"email": user.email, "password": PASSWORD,
                                              "csrf_token": token})
    assert client.post("/accounts/sessions/others/end").status_code == 400
    assert logged_in(phone)


def test_a_blocked_account_is_logged_out_everywhere(app, client, create_user, db):
    moderator = create_user(role="moderator")
    user = create_user()
    log_in(client, user, remember=True)
    from app.moderation.services import block

    block(moderator, user, "spam")
    db.session.commit()
    assert not logged_in(client) and not logged_in(copy_of(client, app, "remember_token"))


def test_reading_pages_writes_nothing_until_the_login_is_a_few_minutes_old(
        client, create_user, db, clock, app):
    user = create_user()
    log_in(client, user)
    writes = []

    def watch(conn, cursor, statement, *args):
        if statement.startswith(("UPDATE", "INSERT", "DELETE")):
            writes.append(statement.split()[0:3])

    event.listen(db.engine, "before_cursor_execute", watch)
    try:
        store = app.config["SESSION_CACHELIB"]
        assert logged_in(client)  # the first page may add its form's token to the session
        writes.clear()
        stored = sorted(p.stat().st_mtime_ns for p in store_files(app))
        for _ in range(3):
            assert logged_in(client)
        assert writes == []
        assert sorted(p.stat().st_mtime_ns for p in store_files(app)) == stored
        clock.advance(seconds=app.config["LOGIN_TOUCH_SECONDS"] + 1)
        assert logged_in(client)
        assert writes == [["UPDATE", "logins", "SET"]]
        assert store is app.config["SESSION_CACHELIB"]
        assert sorted(p.stat().st_mtime_ns for p in store_files(app)) != stored
    finally:
        event.remove(db.engine, "before_cursor_execute", watch)
    seen = db.session.scalar(db.select(Login.last_seen_at).where(Login.user_id == user.id))
    assert seen == clock.now()


def store_files(app):
    from pathlib import Path

    return [p for p in Path(app.config["SESSION_FILE_DIR"]).iterdir()
            if not p.name.startswith("__")]


def test_a_login_unused_for_longer_than_a_session_lives_is_over(client, create_user, clock):
    log_in(client, create_user(), remember=True)
    clock.advance(days=31)
    assert not logged_in(client)


needs_redis = pytest.mark.skipif(not _redis_available() and not os.environ.get("CI"),
                                 reason="needs a Redis server on 127.0.0.1:6379")
PREFIX = f"minga-test-sessions-{uuid.uuid4().hex[:8]}:"


@needs_redis
@pytest.mark.config(SESSION_REDIS_URL=_redis_url(), SESSION_KEY_PREFIX=PREFIX)
def test_with_redis_configured_sessions_live_in_redis_and_logout_deletes_them(
        app, client, create_user):
    import redis

    store = redis.Redis.from_url(_redis_url())
    try:
        log_in(client, create_user())
        key = PREFIX + client.get_cookie("session").value
        assert store.exists(key) and 0 < store.ttl(key) <= 12 * 3600
        thief = copy_of(client, app, "session")
        client.post("/accounts/logout")
        assert not store.exists(key)
        assert not logged_in(thief)
    finally:
        store.delete(*store.keys(PREFIX + "*") or ["-"])


@pytest.mark.parametrize(("agent", "label"), [
    (FIREFOX["User-Agent"], "Firefox · Linux"),
    (PHONE["User-Agent"], "Chrome · Android"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge · Windows"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
     "like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari · iOS"),
    ("curl/8.5.0", "?"),
    ("", "?"),
])
def test_browser_family(agent, label):
    assert browser_family(agent) == label

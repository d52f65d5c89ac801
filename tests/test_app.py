"""The shell every page shares: errors, security headers, languages, sessions."""

import re

import pytest
from flask import abort
from werkzeug.exceptions import RequestEntityTooLarge

from app.core.errors import Conflict
from tests.helpers import text_of


@pytest.fixture
def failing_routes(app):
    """Routes that fail in each way the error pages must handle."""
    @app.route("/boom")
    def boom():
        raise RuntimeError("kaboom")

    @app.route("/api/v1/boom")
    def api_boom():
        raise RuntimeError("kaboom")

    @app.route("/teapot/<int:code>")
    def status(code):
        abort(code)

    @app.route("/too-big", methods=["POST"])
    def too_big():
        raise RequestEntityTooLarge

    @app.route("/conflict")
    def conflict():
        raise Conflict

    return app


@pytest.mark.parametrize("code, title", [
    (400, "Bad request"), (403, "Not allowed"), (404, "Page not found"),
    (405, "Method not allowed"), (409, "Conflict"), (413, "Upload too large"),
    (422, "Could not process the request"), (429, "Too many requests"),
])
def test_error_pages_are_html_with_the_site_layout(client, failing_routes, code, title):
    response = client.get(f"/teapot/{code}", headers={"Accept-Language": "en"})
    assert response.status_code == code
    assert response.mimetype == "text/html"
    html = text_of(response)
    assert title in html and 'class="site-header"' in html


def test_unexpected_error_is_a_friendly_500(client, failing_routes):
    response = client.get("/boom", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Something went wrong" in text_of(response)
    assert "kaboom" not in text_of(response)


@pytest.mark.parametrize("url, code", [("/api/v1/boom", 500), ("/api/v1/nothing-here", 404)])
def test_api_errors_are_json(client, failing_routes, url, code):
    response = client.get(url)
    assert response.status_code == code
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]


def test_domain_errors_get_their_status(client, failing_routes):
    assert client.get("/conflict").status_code == 409


def test_request_over_the_size_limit_is_413(client, app):
    response = client.post("/accounts/login", data={"email": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


def test_wrong_method_is_405(client):
    assert client.delete("/calls/").status_code == 405


def test_every_page_carries_the_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script(client, create_call):
    create_call()
    for url in ["/", "/calls/", "/calls/call-1/", "/accounts/register", "/accounts/login"]:
        html = text_of(client.get(url))
        assert "<script>" not in html and " onclick=" not in html and "style=" not in html


def test_default_language_is_spanish(client):
    html = text_of(client.get("/accounts/login"))
    assert '<html lang="es">' in html and "Iniciar sesión" in html


def test_browser_language_is_honoured(client):
    html = text_of(client.get("/accounts/login", headers={"Accept-Language": "en-GB,en;q=0.9"}))
    assert '<html lang="en">' in html and "Forgot your password?" in html


def test_chosen_language_wins_over_the_browser(client):
    response = client.post("/accounts/locale", data={"locale": "en", "next": "/calls/"})
    assert response.headers["Location"] == "/calls/"
    html = text_of(client.get("/calls/", headers={"Accept-Language": "es-CL"}))
    assert '<html lang="en">' in html


def test_language_choice_is_kept_on_the_account(client, create_user, login, db):
    user = create_user()
    login(user)
    client.post("/accounts/locale", data={"locale": "en", "next": "/"})
    db.session.expire_all()
    assert user.locale == "en"


def test_unknown_language_is_ignored(client):
    client.post("/accounts/locale", data={"locale": "xx", "next": "/"})
    assert '<html lang="es">' in text_of(client.get("/"))


def test_language_switch_cannot_redirect_off_site(client):
    response = client.post("/accounts/locale", data={"locale": "en",
                                                     "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_sessions_expire_after_twelve_hours(app):
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 12 * 3600
    assert app.config["REMEMBER_COOKIE_DURATION"].days == 30


def test_language_switch_marks_the_current_language(client, create_user, login):
    html = text_of(client.get("/", headers={"Accept-Language": "en"}))
    def link(code):
        return re.search(rf'<a href="/accounts/locale/{code}[^"]*"[^>]*>', html).group(0)
    assert 'aria-current="true"' in link("en")
    assert 'aria-current' not in link("es")
    login(create_user())  # people with an account switch by form: the choice is saved
    html = text_of(client.get("/", headers={"Accept-Language": "en"}))
    def button(code):
        return re.search(rf'<button[^>]*value="{code}"[^>]*>', html).group(0)
    assert 'aria-current="true"' in button("en")
    assert 'aria-current' not in button("es")


def test_readers_switch_language_by_link_without_a_cookie_before(client):
    page = client.get("/calls/?x=1")
    assert "Set-Cookie" not in page.headers  # reading sets no cookie, so no form token
    assert "csrf_token" not in text_of(page)
    href = re.search(r'href="(/accounts/locale/en\?[^"]+)"', text_of(page)).group(1)
    response = client.get(href.replace("&amp;", "&"))
    assert response.status_code == 302 and response.headers["Location"] == "/calls/?x=1"
    assert '<html lang="en">' in text_of(client.get("/calls/", headers={"Accept-Language": "es"}))


@pytest.mark.parametrize("path", ["/accounts/locale/xx?next=/",
                                  "/accounts/locale/en?next=//evil.example/"])
def test_language_link_refuses_unknown_languages_and_other_sites(client, path):
    response = client.get(path)
    if "xx" in path:
        assert response.status_code == 404
    else:
        assert response.headers["Location"] == "/"


@pytest.mark.parametrize("method, url, data", [
    ("get", "/calls/a%00b/", None),
    ("get", "/calls/%C3%B1and%C3%BA/", None),
    ("get", "/calls/" + "x" * 300 + "/", None),
    ("get", "/admin/users?q=%00", None),
    ("get", "/admin/users?page=99999999999999999999999", None),
    ("post", "/admin/users/99999999999999999999999/role", {"role": "admin"}),
    ("post", "/accounts/register", {"name": "a\x00b", "email": "n@example.org"}),
    ("post", "/accounts/login", {"email": "\x00", "password": "x"}),
    ("post", "/accounts/locale", {"locale": "\x00"}),
])
def test_odd_input_never_causes_a_500(client, admin, login, method, url, data):
    login(admin)
    response = getattr(client, method)(url, data=data)
    assert response.status_code < 500


def test_405_says_which_methods_are_allowed(client):
    response = client.delete("/accounts/login")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_readers_get_no_cookie(client):
    assert "Set-Cookie" not in client.get("/static/css/minga.css").headers
    assert "Set-Cookie" not in client.get("/calls/").headers


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(app, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with db.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == app.config["SQLITE_BUSY_TIMEOUT_MS"]


def test_database_errors_do_not_log_personal_data(app):
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["hide_parameters"] is True


@pytest.mark.parametrize("url, data", [
    ("/accounts/locale", {"locale": "en", "next": "/\r\nSet-Cookie: x=1"}),
    ("/accounts/locale", {"locale": "en", "next": "/ok\tpath"}),
])
def test_control_characters_in_next_are_ignored(client, url, data):
    response = client.post(url, data=data)
    assert response.status_code == 302 and response.headers["Location"] == "/"


@pytest.mark.parametrize("host", ["a" * 300 + ".example.org", "b" * 64 + ".org"])
def test_a_host_no_url_can_carry_is_a_bad_request_not_a_crash(client, host):
    response = client.get("/", headers={"Host": host, "Accept-Language": "en"})
    assert response.status_code == 400
    assert "Bad request" in response.get_data(as_text=True)

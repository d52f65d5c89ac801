"""Pages that depend on who asks are never kept by a browser or a proxy (Cache-Control)."""

import pytest

from tests.conftest import PASSWORD

PRIVATE = ["/accounts/me", "/accounts/sessions", "/accounts/me/votes", "/moderation/",
           "/admin/", "/admin/users", "/accounts/me/proposals", "/calls/nap/",
           "/calls/nap/proposals/", "/review/nap/"]


@pytest.fixture
def admin_browser(client, create_user, create_call):
    create_call(slug="nap")
    admin = create_user(role="admin")
    client.post("/accounts/login", data={"email": admin.email, "password": PASSWORD})
    return client


@pytest.mark.parametrize("path", PRIVATE)
def test_every_page_for_a_logged_in_person_says_no_store(admin_browser, path):
    response = admin_browser.get(path)
    assert response.status_code in (200, 403)  # the review queue needs a member
    assert response.headers["Cache-Control"] == "no-store"


def test_a_readers_page_without_a_session_may_be_kept(client, create_call):
    create_call(slug="nap")
    response = client.get("/calls/nap/proposals/")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "Set-Cookie" not in response.headers

import pytest

from app.accounts.models import User
from app.calls.models import Call
from tests.admin.conftest import CALL_FORM, edit_form
from tests.helpers import text_of

ADMIN_PAGES = ["/admin/", "/admin/calls/new", "/admin/users", "/admin/calls/call-1/edit"]



@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_login(client, create_call, url):
    create_call()
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login?next=")


@pytest.mark.parametrize("role, status", [("participant", 403), ("moderator", 403),
                                          ("admin", 200)])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_by_role(client, create_user, create_call, login, role, status, url):
    create_call()
    login(create_user(role=role))
    assert client.get(url).status_code == status


@pytest.mark.parametrize("role", ["participant", "moderator"])
def test_non_admins_cannot_post_a_call(client, create_user, login, db, role):
    login(create_user(role=role))
    assert client.post("/admin/calls/new", data=CALL_FORM).status_code == 403
    assert db.session.scalar(db.select(Call)) is None


def test_admin_creates_a_call_in_site_time(client, admin, login, db):
    login(admin)
    response = client.post("/admin/calls/new", data=CALL_FORM)
    assert response.status_code == 302
    assert response.headers["Location"] == "/calls/nap-2026/"
    call = db.session.scalar(db.select(Call))
    # 09:00 in Santiago on 1 April 2026 (UTC-3) is 12:00 UTC.
    assert call.submission_opens_at.isoformat() == "2026-04-01T12:00:00+00:00"
    assert call.themes == ["Acceso a la información", "Contrataciones abiertas"]
    assert "Plan de Acción 2026–2028" in text_of(client.get("/calls/nap-2026/"))


def test_dates_out_of_order_keep_what_was_typed(client, admin, login, db):
    login(admin)
    data = dict(CALL_FORM, voting_opens_at="2026-04-15T09:00")
    response = client.post("/admin/calls/new", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    html = text_of(response)
    assert 'id="voting_opens_at-error"' in html
    assert "Voting cannot open before submissions close." in html
    assert 'value="2026-04-15T09:00"' in html and 'value="Plan de Acción 2026–2028"' in html
    assert "Contrataciones abiertas" in html
    assert db.session.scalar(db.select(Call)) is None


@pytest.mark.parametrize("field, value", [("votes_per_voter", "0"), ("themes", "  \n "),
                                          ("submission_opens_at", "not a date"),
                                          ("slug", "Not A Slug")])
def test_invalid_call_form_is_refused_beside_the_field(client, admin, login, db, field, value):
    login(admin)
    response = client.post("/admin/calls/new", data=dict(CALL_FORM, **{field: value}))
    assert response.status_code == 422
    assert f'id="{field}-error"' in text_of(response)
    assert db.session.scalar(db.select(Call)) is None


def test_taken_slug_is_a_conflict(client, admin, login, create_call):
    create_call(slug="nap-2026")
    login(admin)
    response = client.post("/admin/calls/new", data=CALL_FORM)
    assert response.status_code == 409
    assert 'id="slug-error"' in text_of(response)


def test_admin_edits_a_call(client, admin, login, create_call, db):
    call = create_call()
    login(admin)
    page = text_of(client.get(f"/admin/calls/{call.slug}/edit"))
    assert 'name="version" type="hidden" value="1"' in page
    data = edit_form(call, title="Nuevo título")
    response = client.post(f"/admin/calls/{call.slug}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert call.title == "Nuevo título" and call.slug == "call-1"


def test_edit_from_a_stale_page_is_a_conflict_and_keeps_the_text(client, admin, login,
                                                                   create_call, db):
    call = create_call()
    login(admin)
    stale = edit_form(call, title="Second")
    client.post(f"/admin/calls/{call.slug}/edit", data=edit_form(call, title="First"))
    response = client.post(f"/admin/calls/{call.slug}/edit", data=stale)
    assert response.status_code == 409
    assert 'value="Second"' in text_of(response)
    db.session.expire_all()
    assert call.title == "First"


def test_unknown_call_edit_is_404(client, admin, login):
    login(admin)
    assert client.get("/admin/calls/nope/edit").status_code == 404


def test_admin_changes_a_role_from_the_users_page(client, admin, login, create_user, db):
    user = create_user(name="Camila")
    login(admin)
    page = text_of(client.get("/admin/users?q=cami"))
    assert "Camila" in page and "admin@example.org" not in page
    response = client.post(f"/admin/users/{user.id}/role", data={"role": "moderator"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).role == "moderator"


def test_last_admin_cannot_demote_themselves_from_the_page(client, admin, login, db):
    login(admin)
    response = client.post(f"/admin/users/{admin.id}/role", data={"role": "participant"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 409
    assert "last administrator" in text_of(response)
    db.session.expire_all()
    assert db.session.get(User, admin.id).role == "admin"


def test_users_page_is_paged(client, admin, login, create_user):
    for _ in range(30):
        create_user()
    login(admin)
    first = text_of(client.get("/admin/users", headers={"Accept-Language": "en"}))
    assert "Page 1 of 2" in first
    second = text_of(client.get("/admin/users?page=2"))
    assert second.count("<tr>") == 1 + 6  # header row + the remaining 6 accounts


@pytest.mark.parametrize("field, value", [("submission_opens_at", "0001-01-01T00:00"),
                                          ("voting_closes_at", "9999-12-31T23:59")])
def test_absurd_years_are_refused(client, admin, login, db, field, value):
    login(admin)
    response = client.post("/admin/calls/new", data=dict(CALL_FORM, **{field: value}))
    assert response.status_code == 422
    assert f'id="{field}-error"' in text_of(response)


def test_garbage_version_is_a_conflict_not_a_crash(client, admin, login, create_call):
    call = create_call()
    login(admin)
    response = client.post(f"/admin/calls/{call.slug}/edit", data=dict(CALL_FORM, version="abc"))
    assert response.status_code == 409

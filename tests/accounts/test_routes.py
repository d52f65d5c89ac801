import pytest

from app.accounts.models import User
from tests.conftest import PASSWORD
from tests.helpers import csrf_token_from, link_in, text_of

FORM = {
    "name": "Ana Pérez",
    "email": "Ana@Example.org",
    "password": PASSWORD,
    "sector": "civil_society",
    "region": "Valparaíso",
    "organisation": "Fundación Abierta",
    "accept_privacy": "y",
}


def count_users(db):
    return db.session.scalar(db.select(db.func.count()).select_from(User))


def test_register_then_verify_then_login(client, db, outbox):
    response = client.post("/accounts/register", data=FORM)
    assert response.status_code == 302
    user = db.session.scalar(db.select(User))
    assert user.email == "ana@example.org" and not user.is_verified
    assert "/accounts/me" not in text_of(client.get("/"))  # not logged in before confirming

    path = link_in(outbox()[-1], "/accounts/verify/")
    response = client.get(path, follow_redirects=True)
    assert "confirmed" in text_of(response) or "confirmado" in text_of(response)
    db.session.expire_all()
    assert db.session.get(User, user.id).is_verified

    response = client.post("/accounts/login", data={"email": "ANA@example.org",
                                                    "password": PASSWORD})
    assert response.status_code == 302
    assert "Ana Pérez" in text_of(client.get("/"))


def test_register_form_errors_keep_what_was_typed(client, db):
    data = dict(FORM, password="short", accept_privacy="")
    response = client.post("/accounts/register", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    html = text_of(response)
    assert 'value="Ana Pérez"' in html and 'value="Fundación Abierta"' in html
    assert 'value="Ana@Example.org"' in html
    assert "You must accept the privacy notice" in html
    assert count_users(db) == 0


def test_a_taken_address_is_answered_as_a_new_one_and_its_owner_mailed(app, db, create_user,
                                                                      outbox):
    create_user(email="taken@example.org", name="Owner")
    answers = []
    for address in ["Taken@Example.org", "fresh@example.org"]:
        client = app.test_client()
        response = client.post("/accounts/register", data=dict(FORM, email=address),
                               headers={"Accept-Language": "en"}, follow_redirects=True)
        answers.append((response.status_code,
                        text_of(response).replace(address, "ADDRESS"),
                        "/accounts/me" in text_of(client.get("/"))))
    assert answers[0] == answers[1]
    assert answers[0][0] == 200 and "Check your email" in answers[0][1]
    assert count_users(db) == 2
    owner_mail, new_mail = outbox()
    assert owner_mail["To"] == "taken@example.org"
    assert "Owner" in owner_mail.get_content() and "Ana" not in owner_mail.get_content()
    assert "/accounts/verify/" in new_mail.get_content()


def test_common_password_is_refused_beside_the_field(client, db):
    response = client.post("/accounts/register", data=dict(FORM, password="password1234"),
                           headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert 'id="password-error"' in text_of(response)
    assert "too common" in text_of(response)
    assert count_users(db) == 0


def test_expired_verification_link_offers_a_new_one(client, db, outbox, clock, app):
    client.post("/accounts/register", data=FORM)
    path = link_in(outbox()[-1], "/accounts/verify/")
    clock.advance(seconds=app.config["VERIFY_TOKEN_MAX_AGE"] + 60)
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "expired" in text_of(response)
    assert "/accounts/verify/resend" in text_of(response)


def test_altered_link_is_refused_with_a_way_forward(client, db):
    response = client.get("/accounts/verify/garbage.token", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "not valid" in text_of(response)


def test_reused_verification_link_says_already_verified(client, db, outbox):
    client.post("/accounts/register", data=FORM)
    path = link_in(outbox()[-1], "/accounts/verify/")
    client.get(path)
    response = client.get(path, headers={"Accept-Language": "en"}, follow_redirects=True)
    assert "already verified" in text_of(response)


def test_resend_verification_does_not_reveal_accounts(client, db, create_user, outbox):
    create_user(email="pending@example.org", email_verified_at=None)
    known = client.post("/accounts/verify/resend", data={"email": "pending@example.org"},
                        follow_redirects=True)
    unknown = client.post("/accounts/verify/resend", data={"email": "nobody@example.org"},
                          follow_redirects=True)
    assert len(outbox()) == 1
    assert known.status_code == unknown.status_code == 200
    def strip(r):
        return text_of(r).replace("pending@example.org", "").replace("nobody@example.org", "")
    assert strip(known) == strip(unknown)


def test_login_with_wrong_password_is_refused(client, create_user):
    user = create_user()
    response = client.post("/accounts/login", data={"email": user.email, "password": "nope-nope"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 401
    assert "incorrect" in text_of(response)
    assert 'value="' + user.email + '"' in text_of(response)


def test_login_redirects_only_within_the_site(client, create_user):
    user = create_user()
    response = client.post("/accounts/login", data={
        "email": user.email, "password": PASSWORD, "next": "//evil.example/phish"})
    assert response.headers["Location"] == "/"
    client.post("/accounts/logout")
    response = client.post("/accounts/login", data={
        "email": user.email, "password": PASSWORD, "next": "/calls/"})
    assert response.headers["Location"] == "/calls/"


def test_login_lockout_shows_429(client, create_user, app):
    user = create_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/accounts/login", data={"email": user.email, "password": "wrong-wrong"})
    response = client.post("/accounts/login", data={"email": user.email, "password": PASSWORD},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 429
    assert "Too many failed attempts" in text_of(response)


def test_the_lockout_answers_an_unknown_address_exactly_like_a_known_one(app, create_user):
    known = create_user(email="known@example.org")
    answers = {}
    for address in [known.email, "unknown@example.org"]:
        client = app.test_client()
        answers[address] = [
            (response.status_code, text_of(response).replace(address, "ADDRESS"))
            for response in (client.post("/accounts/login", headers={"Accept-Language": "en"},
                                         data={"email": address, "password": "wrong-wrong"})
                             for _ in range(app.config["LOGIN_MAX_FAILURES"] + 1))]
    assert answers[known.email] == answers["unknown@example.org"]
    assert [status for status, _ in answers[known.email]] == [401] * 5 + [429]


def test_a_browser_that_logged_in_before_keeps_logging_in_during_a_lockout(app, create_user):
    user = create_user()
    owner = app.test_client()
    owner.post("/accounts/login", data={"email": user.email, "password": PASSWORD})
    assert owner.get_cookie("minga_device", path="/accounts/") is not None
    owner.post("/accounts/logout")
    attacker = app.test_client()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        attacker.post("/accounts/login", data={"email": user.email, "password": "wrong-wrong"})
    stranger = app.test_client().post("/accounts/login",
                                      data={"email": user.email, "password": PASSWORD})
    assert stranger.status_code == 429
    response = owner.post("/accounts/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "/accounts/me" in text_of(owner.get("/"))


def test_a_forged_or_foreign_device_cookie_is_not_trusted(app, create_user):
    user, other = create_user(), create_user()
    browser = app.test_client()
    browser.post("/accounts/login", data={"email": other.email, "password": PASSWORD})
    browser.post("/accounts/logout")  # it trusts `other`, not `user`
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        app.test_client().post("/accounts/login",
                               data={"email": user.email, "password": "wrong-wrong"})
    assert browser.post("/accounts/login", data={
        "email": user.email, "password": PASSWORD}).status_code == 429
    forged = app.test_client()
    forged.set_cookie("minga_device", "W1siYWJjIiwibiIsMV1d.forged", path="/accounts/")
    assert forged.post("/accounts/login", data={
        "email": user.email, "password": PASSWORD}).status_code == 429


def test_a_password_reset_lets_the_owner_in_during_a_lockout(app, create_user, outbox):
    user = create_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        app.test_client().post("/accounts/login",
                               data={"email": user.email, "password": "wrong-wrong"})
    client = app.test_client()
    client.post("/accounts/reset", data={"email": user.email})
    path = link_in(outbox()[-1], "/accounts/reset/")
    client.post(path, data={"password": "a-brand-new-long-secret"})
    response = client.post("/accounts/login", data={"email": user.email,
                                                    "password": "a-brand-new-long-secret"})
    assert response.status_code == 302


@pytest.mark.config(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
def test_failed_logins_are_throttled_per_address(client, create_user):
    users = [create_user() for _ in range(4)]
    statuses = [client.post("/accounts/login", data={"email": u.email, "password": "wrong-wrong"},
                            environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code
                for u in users]
    assert statuses == [401, 401, 401, 429]
    # Another address is not affected.
    response = client.post("/accounts/login", data={"email": users[0].email, "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": "203.0.113.10"})
    assert response.status_code == 302


@pytest.mark.config(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="2 per minute")
def test_successful_logins_do_not_count_toward_the_limit(client, create_user):
    user = create_user()
    for _ in range(4):
        assert client.post("/accounts/login", data={"email": user.email, "password": PASSWORD}
                           ).status_code == 302
        client.post("/accounts/logout")


def test_session_and_remember_cookies_are_strict(client, create_user):
    user = create_user()
    response = client.post("/accounts/login", data={"email": user.email, "password": PASSWORD,
                                                    "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember_cookie):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires=" in session_cookie
    assert "Expires=" in remember_cookie


def test_login_starts_a_new_session(client, create_user):
    user = create_user()
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
        session["locale"] = "en"
    client.post("/accounts/login", data={"email": user.email, "password": PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["locale"] == "en"


def test_logout_needs_a_post(client, create_user, login):
    login(create_user())
    response = client.get("/accounts/logout")
    assert response.status_code == 200
    assert "/accounts/me" in text_of(client.get("/"))
    client.post("/accounts/logout")
    assert "/accounts/me" not in text_of(client.get("/"))


def test_reset_does_not_reveal_whether_an_address_is_registered(client, create_user, outbox):
    user = create_user()
    known = client.post("/accounts/reset", data={"email": user.email}, follow_redirects=True)
    unknown = client.post("/accounts/reset", data={"email": "nobody@example.org"},
                          follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert text_of(known) == text_of(unknown)
    assert len(outbox()) == 1


def test_reset_flow_through_the_pages(client, create_user, outbox, db):
    user = create_user()
    client.post("/accounts/reset", data={"email": user.email})
    path = link_in(outbox()[-1], "/accounts/reset/")
    assert client.get(path).status_code == 200
    response = client.post(path, data={"password": "password12345"})
    assert response.status_code == 422  # too common: refused beside the field
    response = client.post(path, data={"password": "new-and-long-secret-5"})
    assert response.status_code == 302
    assert client.post("/accounts/login", data={"email": user.email,
                                                "password": "new-and-long-secret-5"}
                       ).status_code == 302
    client.post("/accounts/logout")
    reused = client.get(path, headers={"Accept-Language": "en"})
    assert reused.status_code == 400 and "already been used" in text_of(reused)


def test_profile_edit_and_validation(client, create_user, login, db):
    user = create_user()
    login(user)
    response = client.post("/accounts/me", data={"name": "New Name", "sector": "academia",
                                                 "region": "Maule", "organisation": ""})
    assert response.status_code == 302
    db.session.expire_all()
    assert (user.name, user.sector, user.region, user.organisation) == (
        "New Name", "academia", "Maule", None)
    response = client.post("/accounts/me", data={"name": "", "sector": "academia",
                                                 "region": "Maule", "organisation": "Org"})
    assert response.status_code == 422
    assert 'value="Org"' in text_of(response)


def test_profile_needs_login(client):
    response = client.get("/accounts/me")
    assert response.status_code == 302
    assert "/accounts/login?next=" in response.headers["Location"]


def test_password_change_signs_out_other_devices(app, create_user):
    user = create_user()
    other_device = app.test_client()
    other_device.post("/accounts/login", data={"email": user.email, "password": PASSWORD})
    assert "/accounts/me" in text_of(other_device.get("/"))
    this_device = app.test_client()
    this_device.post("/accounts/login", data={"email": user.email, "password": PASSWORD})
    response = this_device.post("/accounts/me/password", data={
        "pw-current_password": PASSWORD, "pw-new_password": "fresh-long-secret-8"})
    assert response.status_code == 302
    assert "/accounts/me" in text_of(this_device.get("/"))
    assert "/accounts/me" not in text_of(other_device.get("/"))


def test_password_change_with_wrong_current_password(client, create_user, login):
    login(create_user())
    response = client.post("/accounts/me/password", data={
        "pw-current_password": "not-it-at-all", "pw-new_password": "fresh-long-secret-8"},
        headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "current password is incorrect" in text_of(response)


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_forged_post_without_csrf_token_is_refused(client, create_user, db):
    response = client.post("/accounts/register", data=FORM, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "form expired" in text_of(response)
    assert count_users(db) == 0


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_form_with_its_csrf_token_is_accepted(client, db):
    token = csrf_token_from(text_of(client.get("/accounts/register")))
    response = client.post("/accounts/register", data=dict(FORM, csrf_token=token))
    assert response.status_code == 302
    assert count_users(db) == 1


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_forged_logout_is_refused(client, create_user):
    user = create_user()
    token = csrf_token_from(text_of(client.get("/accounts/login")))
    client.post("/accounts/login", data={"email": user.email, "password": PASSWORD,
                                         "csrf_token": token})
    assert client.post("/accounts/logout").status_code == 400
    assert "/accounts/me" in text_of(client.get("/"))


def test_logout_also_ends_remember_me(client, create_user):
    user = create_user()
    client.post("/accounts/login", data={"email": user.email, "password": PASSWORD,
                                         "remember": "y"})
    assert client.get_cookie("remember_token") is not None
    client.post("/accounts/logout")
    assert client.get_cookie("remember_token") is None
    client.delete_cookie("session")
    assert "/accounts/me" not in text_of(client.get("/"))


def test_remember_me_restores_a_login_after_the_session_ends(client, create_user):
    user = create_user()
    client.post("/accounts/login", data={"email": user.email, "password": PASSWORD,
                                         "remember": "y"})
    client.delete_cookie("session")
    assert "/accounts/me" in text_of(client.get("/"))


def test_cookie_lifetimes_are_twelve_hours_and_thirty_days(client, create_user):
    from datetime import UTC, datetime, timedelta
    from email.utils import parsedate_to_datetime
    from http.cookies import SimpleCookie

    user = create_user()
    response = client.post("/accounts/login", data={"email": user.email, "password": PASSWORD,
                                                    "remember": "y"})
    expiry = {}
    for header in response.headers.getlist("Set-Cookie"):
        cookie = SimpleCookie(header)
        for name, morsel in cookie.items():
            expiry[name] = parsedate_to_datetime(morsel["expires"]) - datetime.now(UTC)
    assert timedelta(hours=11, minutes=55) < expiry["session"] <= timedelta(hours=12)
    assert timedelta(days=29, hours=23) < expiry["remember_token"] <= timedelta(days=30)


def test_concurrent_duplicate_registration_creates_one_account(app, db, monkeypatch, outbox):
    """The unique index, not the earlier lookup, has the last word."""
    from app.accounts import services

    real_find = services.find_by_email
    blind = iter([None, None])  # the race window: both registrations see a free address
    monkeypatch.setattr(services, "find_by_email",
                        lambda email: None if next(blind, "seen") is None else real_find(email))
    assert app.test_client().post("/accounts/register", data=FORM).status_code == 302
    assert app.test_client().post("/accounts/register", data=FORM).status_code == 302
    assert count_users(db) == 1
    verification, attempt = outbox()  # the second is told to its owner, not created
    assert "/accounts/verify/" in verification.get_content()
    assert "/accounts/reset" in attempt.get_content()


@pytest.mark.config(RATELIMIT_ENABLED=True, MAIL_RATE_LIMIT="2 per minute")
def test_mail_sending_forms_are_limited_per_address(client, outbox):
    for _ in range(2):
        client.post("/accounts/reset", data={"email": "someone@example.org"})
    assert client.post("/accounts/reset", data={"email": "x@example.org"}).status_code == 429

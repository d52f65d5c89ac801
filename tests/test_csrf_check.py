"""The CSRF check with kept serializers (app/csrf_check.py, app/lean_flask.py): the same
tokens, rules and refusals as Flask-WTF's."""

import time
from types import SimpleNamespace

import pytest
from itsdangerous import TimestampSigner, URLSafeSerializer, URLSafeTimedSerializer
from wtforms import ValidationError

from app import lean_flask
from app.csrf_check import check_token
from app.lean_flask import keep_signers
from app.notifications import unsubscribe_token
from tests.accounts.test_routes import FORM, count_users
from tests.helpers import csrf_token_from, text_of

CSRF_ON = pytest.mark.config(WTF_CSRF_ENABLED=True)


@CSRF_ON
def test_a_token_from_another_session_is_refused(app, db):
    stranger, victim = app.test_client(), app.test_client()
    token = csrf_token_from(text_of(stranger.get("/accounts/register")))
    victim.get("/accounts/register")  # the victim's session has a token of its own
    response = victim.post("/accounts/register", data=dict(FORM, csrf_token=token),
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "form expired" in text_of(response)
    assert count_users(db) == 0


@CSRF_ON
def test_a_tampered_token_is_refused_and_the_real_one_still_works(client, db):
    token = csrf_token_from(text_of(client.get("/accounts/register")))
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post("/accounts/register",
                       data=dict(FORM, csrf_token=forged)).status_code == 400
    assert client.post("/accounts/register",
                       data=dict(FORM, csrf_token=token)).status_code == 302
    assert count_users(db) == 1


@CSRF_ON
def test_over_https_a_form_sent_from_another_site_is_refused(client, db):
    token = csrf_token_from(text_of(client.get("/accounts/register",
                                               base_url="https://localhost")))
    post = {"data": dict(FORM, csrf_token=token), "base_url": "https://localhost"}
    assert client.post("/accounts/register", **post).status_code == 400  # no referrer
    assert client.post("/accounts/register", **post, headers={
        "Referer": "https://evil.example/accounts/register"}).status_code == 400
    assert client.post("/accounts/register", **post, headers={
        "Referer": "https://localhost/accounts/register"}).status_code == 302
    assert count_users(db) == 1


class OldSigner(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(time.time()) - 7200


def test_an_expired_token_is_refused(app):
    with app.test_request_context("/"):
        from flask import session

        session["csrf_token"] = "a" * 40
        old = URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token",
                                     signer=OldSigner).dumps("a" * 40)
        config = {**app.config, "WTF_CSRF_TIME_LIMIT": 3600}
        with pytest.raises(ValidationError, match="expired"):
            check_token(old, config, app.secret_key)
        config["WTF_CSRF_TIME_LIMIT"] = None  # no limit configured: accepted
        check_token(old, config, app.secret_key)


def test_a_token_checked_before_still_expires_and_still_must_match(app, monkeypatch):
    with app.test_request_context("/"):
        from flask import session

        session["csrf_token"] = "b" * 40
        token = URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token").dumps("b" * 40)
        config = {**app.config, "WTF_CSRF_TIME_LIMIT": 3600}
        check_token(token, config, app.secret_key)  # checked, and remembered
        check_token(token, config, app.secret_key)
        session["csrf_token"] = "c" * 40  # another session posting it
        with pytest.raises(ValidationError, match="do not match"):
            check_token(token, config, app.secret_key)
        session["csrf_token"] = "b" * 40
        later = time.time() + 3601
        monkeypatch.setattr(lean_flask, "time", SimpleNamespace(time=lambda: later))
        with pytest.raises(ValidationError, match="expired"):
            check_token(token, config, app.secret_key)


def test_kept_signers_sign_as_a_fresh_serializer_does_and_honour_old_keys():
    kept = keep_signers(URLSafeSerializer(["old-key", "new-key"], salt="s"))
    fresh = URLSafeSerializer(["old-key", "new-key"], salt="s")
    for value in ({"a": 1}, ["x"], "text"):
        assert kept.dumps(value) == fresh.dumps(value)
        assert kept.loads(fresh.dumps(value)) == value
    signed_before_rotation = URLSafeSerializer("old-key", salt="s").dumps({"id": 7})
    assert kept.loads(signed_before_rotation) == {"id": 7}
    with pytest.raises(Exception, match="does not match"):
        kept.loads(URLSafeSerializer("other-key", salt="s").dumps({"id": 7}))
    assert kept.loads(kept.dumps({"b": 2}, salt="t"), salt="t") == {"b": 2}
    with pytest.raises(Exception, match="does not match"):
        kept.loads(kept.dumps({"b": 2}, salt="t"), salt="s")


@CSRF_ON
def test_every_post_is_checked_by_the_kept_serializer(client, db, monkeypatch):
    """Flask-WTF 1.3 calls `protect(apply_exemptions=True)`: that path too is the kept one."""
    def rebuilt(*args, **kwargs):
        raise AssertionError("Flask-WTF's per-request check ran")

    monkeypatch.setattr("flask_wtf.csrf.validate_csrf", rebuilt)
    token = csrf_token_from(text_of(client.get("/accounts/register")))
    assert client.post("/accounts/register",
                       data=dict(FORM, csrf_token=token)).status_code == 302
    assert count_users(db) == 1


@CSRF_ON
def test_a_mail_clients_one_click_unsubscribe_needs_no_token(app, client, db, create_user):
    user = create_user()
    with app.test_request_context():
        token = unsubscribe_token(user, "comment")
    response = client.post(f"/accounts/unsubscribe/{token}",
                           data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    db.session.expire_all()
    assert user.notify_comments is False

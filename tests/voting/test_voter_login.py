"""A vote reads the voter's login with the vote's own query: the rules of a login still hold.

The account's model is not loaded (app/accounts/login.py); these tests hold the vote to
what Flask-Login and the user loader decide everywhere else.
"""

import pytest
from sqlalchemy import event

from app.accounts.login import SessionAccount, account_from_row, load_user, login_of
from app.accounts.models import new_session_token
from app.voting.models import Vote
from tests.helpers import text_of
from tests.voting.test_routes import EN, JSON, call, proposals, url, voter  # noqa: F401

UA = {"User-Agent": "browser-one"}


def count_votes(db):
    return db.session.scalar(db.select(db.func.count()).select_from(Vote))


@pytest.fixture
def user_loads(db):
    """How many times the request loaded the account's whole row (the user loader's query)."""
    seen = []

    def watch(conn, cursor, statement, *args):
        if statement.startswith("SELECT users.id, users.email"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", watch)
    yield seen
    event.remove(db.engine, "before_cursor_execute", watch)


def test_a_vote_does_not_load_the_account_model(client, db, proposals, voter, user_loads):  # noqa: F811
    path = url(proposals[0])
    assert client.post(path, headers=EN).status_code == 302
    assert user_loads == []
    assert count_votes(db) == 1
    # The next page shows the flash in the account's language and knows who is logged in.
    page = text_of(client.get(f"/calls/nap/proposals/{proposals[0].reference}", headers=EN))
    assert "Your vote is counted. You have used 1 of 2 votes." in page
    assert voter.name in page


def test_a_refusal_page_still_shows_the_account(client, db, proposals, voter):  # noqa: F811
    client.post(url(proposals[0]))
    response = client.post(url(proposals[0]), headers=EN)
    assert response.status_code == 409
    assert voter.name in text_of(response)  # read through SessionAccount from the model


def test_the_in_page_answer_with_the_read_login(client, db, proposals, voter):  # noqa: F811
    data = client.post(url(proposals[1]), headers=JSON).json
    assert data["ok"] and data["voted"] and (data["used"], data["budget"]) == (1, 2)
    data = client.post(url(proposals[1], "withdraw"), headers=JSON).json
    assert data["ok"] and not data["voted"] and data["used"] == 0


def test_a_changed_password_ends_the_session_for_votes(client, db, proposals, voter):  # noqa: F811
    voter.session_token = new_session_token()  # as a password change elsewhere does
    db.session.commit()
    response = client.post(url(proposals[0]), headers=EN)
    assert response.status_code == 403 and "Log in to vote." in text_of(response)
    assert count_votes(db) == 0


def test_a_blocked_account_cannot_vote(client, db, proposals, voter, clock):  # noqa: F811
    voter.blocked_at = clock.now()
    db.session.commit()
    assert client.post(url(proposals[0]), headers=EN).status_code == 403
    assert count_votes(db) == 0


def test_a_deleted_account_cannot_vote(client, db, proposals, voter):  # noqa: F811
    from app.accounts.models import User

    db.session.execute(db.delete(User).where(User.id == voter.id))
    db.session.commit()
    assert client.post(url(proposals[0]), headers=EN).status_code == 403
    assert count_votes(db) == 0


def test_an_unverified_account_is_asked_to_confirm(client, db, proposals, create_user, login):  # noqa: F811
    login(create_user(email_verified_at=None))
    response = client.post(url(proposals[0]), headers=EN)
    assert response.status_code == 403
    assert "Confirm your email address to vote." in text_of(response)
    assert count_votes(db) == 0


def test_a_remembered_login_alone_still_votes(client, db, proposals, create_user, login):  # noqa: F811
    user = create_user()
    login(user, remember=True)
    client.delete_cookie("session")  # the browser was closed: only the remember cookie is left
    assert client.post(url(proposals[0]), headers=EN).status_code == 302
    assert count_votes(db) == 1
    assert client.post(url(proposals[1]), headers=EN).status_code == 302
    assert count_votes(db) == 2


def test_adopting_a_login_keeps_flask_login_s_steps(app, db, create_user, monkeypatch):
    from flask import g
    from flask_login import current_user
    from flask_login.signals import user_accessed

    from app.extensions import login_manager

    user = create_user()
    account = account_from_row(login_of(user.get_id()),
                               (user.session_token, None, user.email_verified_at, None))
    accessed = []

    def seen(sender):
        accessed.append(sender)

    user_accessed.connect(seen)
    try:
        with app.app_context(), app.test_request_context():  # a `g` of its own
            assert login_manager.adopt(account) and current_user.id == user.id
            assert not login_manager.adopt(account)  # a user is already loaded: kept
        assert len(accessed) == 1
        # When session protection refuses the session, the request is anonymous, as
        # Flask-Login's own loading makes it.
        monkeypatch.setattr(login_manager, "_session_protection_failed", lambda: True)
        with app.app_context(), app.test_request_context():
            assert not login_manager.adopt(account)
            assert "_login_user" in g and not current_user.is_authenticated
    finally:
        user_accessed.disconnect(seen)


def test_basic_session_protection_marks_a_moved_session_not_fresh(client, db, proposals,  # noqa: F811
                                                                  create_user):
    user = create_user()
    client.post("/accounts/login", data={"email": user.email,
                                         "password": "quiet-harbour-lantern-42"}, headers=UA)
    response = client.post(url(proposals[0]), headers={**EN, "User-Agent": "someone-else"})
    assert response.status_code == 302 and count_votes(db) == 1
    with client.session_transaction() as session:
        assert session["_fresh"] is False


def test_the_login_rule_is_the_loaders(app, db, create_user):
    user = create_user()
    assert login_of(user.get_id()) == (user.id, user.session_token)
    for broken in (None, 42, "", "x.token", "-1.token", f"{user.id}", f"{user.id}.",
                   f"{user.id + 1}.{user.session_token}"):
        assert load_user(broken) is None
    assert load_user(user.get_id()) == user
    assert load_user(f"{user.id}.wrong-token") is None
    row = (user.session_token, None, user.email_verified_at, "en")
    account = account_from_row(login_of(user.get_id()), row)
    assert isinstance(account, SessionAccount)
    assert account == user and account.get_id() == user.get_id()
    assert account.is_authenticated and account.is_verified and account.locale == "en"
    assert account.name == user.name and account.is_admin is False  # from the model
    assert account_from_row((user.id, "wrong-token"), row) is None
    assert account_from_row((user.id, user.session_token),
                            (user.session_token, user.created_at, None, None)) is None
    assert account_from_row((user.id, user.session_token), None) is None

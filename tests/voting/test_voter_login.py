"""A vote honours the voter's login as every other page does (Flask-Login's user loader)."""

from app.accounts.logins import end_all_logins, load_login, start_login
from app.voting.models import Vote
from tests.helpers import text_of
from tests.voting.test_routes import EN, JSON, call, proposals, url, voter  # noqa: F401

UA = {"User-Agent": "browser-one"}


def count_votes(db):
    return db.session.scalar(db.select(db.func.count()).select_from(Vote))


def test_the_page_after_a_vote_says_it_is_counted_once(client, db, proposals, voter):  # noqa: F811
    path = url(proposals[0])
    assert client.post(path, headers=EN).status_code == 302
    assert count_votes(db) == 1
    # The next page shows the outcome in the account's language and knows who is logged in.
    page = text_of(client.get(f"/calls/nap/proposals/{proposals[0].reference}", headers=EN))
    assert "Your vote is counted. You have used 1 of 2 votes." in page
    assert voter.name in page
    again = text_of(client.get(f"/calls/nap/proposals/{proposals[0].reference}", headers=EN))
    assert "Your vote is counted" not in again


def test_a_refused_vote_leaves_no_success_message(client, db, proposals, voter):  # noqa: F811
    client.post(url(proposals[0]))
    client.get(f"/calls/nap/proposals/{proposals[0].reference}")  # the first one's message
    assert client.post(url(proposals[0]), headers=EN).status_code == 409
    page = text_of(client.get(f"/calls/nap/proposals/{proposals[0].reference}", headers=EN))
    assert "Your vote is counted" not in page


def test_a_refusal_page_still_shows_the_account(client, db, proposals, voter):  # noqa: F811
    client.post(url(proposals[0]))
    response = client.post(url(proposals[0]), headers=EN)
    assert response.status_code == 409
    assert voter.name in text_of(response)


def test_the_in_page_answer_with_the_read_login(client, db, proposals, voter):  # noqa: F811
    data = client.post(url(proposals[1]), headers=JSON).json
    assert data["ok"] and data["voted"] and (data["used"], data["budget"]) == (1, 2)
    data = client.post(url(proposals[1], "withdraw"), headers=JSON).json
    assert data["ok"] and not data["voted"] and data["used"] == 0


def test_a_changed_password_ends_the_session_for_votes(client, db, proposals, voter):  # noqa: F811
    end_all_logins(voter)  # as a password change elsewhere does
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


def test_basic_session_protection_marks_a_moved_session_not_fresh(client, db, proposals,  # noqa: F811
                                                                  create_user):
    user = create_user()
    client.post("/accounts/login", data={"email": user.email,
                                         "password": "quiet-harbour-lantern-42"}, headers=UA)
    response = client.post(url(proposals[0]), headers={**EN, "User-Agent": "someone-else"})
    assert response.status_code == 302 and count_votes(db) == 1
    with client.session_transaction() as session:
        assert session["_fresh"] is False


def test_the_login_rule_is_the_loaders(app, db, create_user, clock):
    user = create_user()
    token = start_login(user, "Firefox · Linux", remembered=False).token
    db.session.commit()
    assert user.get_id() == token
    for broken in (None, 42, "", "x" * 500, token + "x", token[:-1]):
        assert load_login(broken) is None
    assert load_login(token) == user
    clock.advance(days=31)  # unused for longer than even a remembered login lives
    assert load_login(token) is None

"""Opposition (stop every mail) and blocking (freeze the account until its owner lifts it)."""

import re

import pytest

from app.accounts.models import User
from app.moderation import services as moderation
from app.privacy import objection
from tests.conftest import PASSWORD
from tests.helpers import text_of

EN = {"Accept-Language": "en"}


@pytest.fixture
def author(create_user):
    return create_user(email="author@example.org", locale="en")


@pytest.fixture
def proposal(create_call, create_proposal, author):
    return create_proposal(create_call(slug="nap"), author=author)


def comment_on(db, create_user, proposal):
    moderation.add_comment(create_user(), proposal, "Un comentario")
    db.session.commit()


def mail_to(outbox, address):
    return [m for m in outbox() if m["To"] == address]


def test_one_switch_stops_every_mail_and_another_brings_it_back(
        app, db, client, login, outbox, author, proposal, create_user):
    login(author)
    assert client.post("/accounts/data/mail", data={"stop": "y"}).status_code == 302
    comment_on(db, create_user, proposal)
    assert mail_to(outbox, author.email) == []
    page = text_of(client.get("/accounts/data", headers=EN))
    assert re.search(r'<input[^>]* checked id="stop"', page)
    client.post("/accounts/data/mail", data={})
    comment_on(db, create_user, proposal)
    assert len(mail_to(outbox, author.email)) == 1


def test_what_the_person_asks_for_still_comes_with_mail_stopped(
        app, db, client, login, outbox, author):
    login(author)
    client.post("/accounts/data/mail", data={"stop": "y"})
    client.post("/accounts/data/export")
    assert len(mail_to(outbox, author.email)) == 1


def test_a_frozen_account_cannot_log_in_gets_no_mail_until_its_owner_lifts_it(
        app, db, client, login, outbox, author, proposal, create_user):
    login(author)
    refused = client.post("/accounts/data/freeze", data={"freeze_password": "wrong one"},
                          headers=EN)
    assert refused.status_code == 422 and "Your current password is incorrect." in \
        text_of(refused)
    assert client.post("/accounts/data/freeze",
                       data={"freeze_password": PASSWORD}).status_code == 302
    assert client.get("/accounts/me").status_code == 302  # every login ended
    comment_on(db, create_user, proposal)
    assert mail_to(outbox, author.email) == []
    again = login(author)
    assert again.status_code == 403 and "You froze this account" in text_of(
        client.post("/accounts/login", data={"email": author.email, "password": PASSWORD},
                    headers=EN))
    wrong = client.post("/accounts/unfreeze", data={"email": author.email,
                                                    "password": "not it at all"}, headers=EN)
    assert wrong.status_code == 401
    assert db.session.get(User, author.id).frozen_at is not None
    lifted = client.post("/accounts/unfreeze", data={"email": author.email,
                                                     "password": PASSWORD})
    assert lifted.status_code == 302
    assert login(author).status_code == 302
    assert client.get("/accounts/me").status_code == 200


def test_unfreezing_an_account_that_is_not_frozen_says_so(app, db, author):
    with pytest.raises(objection.NotFrozen):
        objection.unfreeze(author.email, PASSWORD)

"""Access and portability: a zip of everything, built by a job, its link mailed, taken
once, within a day, only by its owner logged in."""

import io
import json
import zipfile

import pytest

from app.privacy import portability
from app.voting import services as voting
from tests.conftest import PASSWORD
from tests.helpers import link_in, text_of

EN = {"Accept-Language": "en"}


@pytest.fixture
def person(create_user):
    return create_user(name="Rocío Andrade", email="rocio@example.org", locale="en")


@pytest.fixture
def with_contributions(db, create_call, create_proposal, person, clock):
    call = create_call(slug="nap")
    published = create_proposal(call, author=person, title="=HYPERLINK(\"x\")")
    create_proposal(call, author=person, status="draft", title="Mi borrador")
    clock.advance(days=16)
    voting.cast_vote(call, published, person)
    db.session.commit()
    return published


def ask_and_open(client, login, outbox, person):
    login(person)
    asked = client.post("/accounts/data/export", headers=EN)
    assert asked.status_code == 302
    [message] = [m for m in outbox() if "/accounts/data/download/" in m.get_content()]
    assert message["To"] == person.email
    return link_in(message, "/accounts/data/download/")


def test_the_download_holds_everything_about_me_as_json_and_csv(
        app, db, client, login, outbox, person, with_contributions):
    link = ask_and_open(client, login, outbox, person)
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    assert "no-store" in response.headers["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    data = json.loads(archive.read("data.json"))
    assert data["account"][0]["email"] == "rocio@example.org"
    assert {p["title"] for p in data["proposals"]} == {"=HYPERLINK(\"x\")", "Mi borrador"}
    assert data["votes"][0]["proposal"] == with_contributions.reference
    assert data["sessions"] and data["audit"]
    proposals_csv = archive.read("proposals.csv").decode()
    assert "'=HYPERLINK" in proposals_csv  # a spreadsheet does not run it
    assert {"account.csv", "votes.csv", "comments.csv", "README.txt"} <= set(archive.namelist())
    # Once only: the file is gone.
    again = client.get(link, headers=EN)
    assert again.status_code == 400
    assert not list(portability.folder().iterdir())


def test_the_link_is_for_its_owner_logged_in_and_for_a_day(
        app, db, client, login, outbox, person, create_user, clock):
    link = ask_and_open(client, login, outbox, person)
    assert app.test_client().get(link).status_code == 302  # to the login page
    stranger = app.test_client()
    stranger.post("/accounts/login", data={"email": create_user().email,
                                           "password": PASSWORD})
    assert stranger.get(link).status_code == 400
    clock.advance(hours=25)
    expired = client.get(link, headers=EN)
    assert expired.status_code == 400 and "expired" in text_of(expired)


def test_a_second_request_while_one_is_built_waits(app, db, person):
    from app.accounts.models import User

    user = db.session.get(User, person.id)
    app.config["JOBS_IMMEDIATE"] = True
    portability.request_download(user)  # not committed: its job has not run
    with pytest.raises(portability.ExportUnderway):
        portability.request_download(user)


def test_erasure_deletes_a_download_waiting(app, db, client, login, outbox, person):
    from app.privacy import erasure

    ask_and_open(client, login, outbox, person)
    assert list(portability.folder().iterdir())
    erasure.erase_account(person)
    db.session.commit()
    assert not list(portability.folder().iterdir())

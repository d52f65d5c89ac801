"""Erasure: confirmed with the password and a mailed link; the person leaves no trace,
the public record stays under a pseudonym, and every tally is unchanged."""

import os
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app.accounts.models import Login, User
from app.audit.models import AuditEvent
from app.moderation.models import Comment
from app.privacy import erasure
from app.proposals.models import Proposal
from app.voting import services as voting
from app.voting.models import Ballot
from tests.conftest import PASSWORD
from tests.helpers import fingerprint_from, link_in, text_of

EN = {"Accept-Language": "en"}
NAME, EMAIL, ORGANISATION = "Zacarías Quintanilla", "zacarias.q@example.org", "Fundación Zeta"


@pytest.fixture
def call(create_call, clock):
    call = create_call(slug="nap", votes_per_voter=3)
    return call


@pytest.fixture
def person(create_user):
    return create_user(name=NAME, email=EMAIL, organisation=ORGANISATION)


@pytest.fixture
def contributions(app, db, call, person, create_proposal, create_user, clock):
    """A published proposal, a draft, a comment and two votes of `person`."""
    published = create_proposal(call, author=person, organisation=ORGANISATION,
                                title="Propuesta pública de Zacarías")
    draft = create_proposal(call, author=person, status="draft", title="Borrador secreto")
    other = create_proposal(call, title="Otra propuesta")
    db.session.add(Comment(proposal_id=other.id, author_id=person.id, body="Buen punto",
                           created_at=clock.now()))
    db.session.commit()
    clock.advance(days=16)  # voting
    voting.cast_vote(call, published, person)
    voting.cast_vote(call, other, person)
    voting.cast_vote(call, other, create_user())
    db.session.commit()
    return published, draft, other


def erase_through_the_app(client, login, outbox, person):
    login(person)
    refused = client.post("/accounts/delete", data={"password": "not my password"},
                          headers=EN)
    assert refused.status_code == 422
    assert "Your current password is incorrect." in text_of(refused)
    asked = client.post("/accounts/delete", data={"password": PASSWORD})
    assert asked.status_code == 302
    [message] = [m for m in outbox() if "delete" in m["Subject"].lower()
                 or "eliminar" in m["Subject"].lower()]
    assert message["To"] == EMAIL
    link = link_in(message, "/accounts/delete/")
    page = client.get(link, headers=EN)
    assert page.status_code == 200
    html = text_of(page)
    assert "1 draft is deleted." in html
    assert "2 votes stay counted" in html
    unticked = client.post(link, data={"consequences_seen": fingerprint_from(html)},
                           headers=EN)
    assert unticked.status_code == 409  # nothing happens without the box ticked
    done = client.post(link, data={"consequences_seen": fingerprint_from(html),
                                   "confirm": "y"}, headers=EN)
    assert done.status_code == 302
    return link


def test_erasure_keeps_the_public_record_under_a_pseudonym(
        app, db, client, login, outbox, runner, call, person, contributions):
    published, draft, other = contributions
    counts = {p.id: p.vote_count for p in (published, other)}
    draft_id = draft.id
    assert ORGANISATION in text_of(client.get("/calls/nap/export.csv"))  # kept, built
    link = erase_through_the_app(client, login, outbox, person)

    db.session.expire_all()
    user = db.session.get(User, person.id)
    assert user.is_erased and re.fullmatch(r"Participante [0-9A-F]{4}", user.name)
    assert user.organisation is None and user.email != EMAIL
    # Drafts go; the public proposal stays, under the pseudonym, without the organisation.
    assert db.session.get(Proposal, draft_id) is None
    page = text_of(client.get(f"/calls/nap/proposals/{published.reference}", headers=EN))
    assert user.name in page and NAME not in page and ORGANISATION not in page
    assert ORGANISATION not in text_of(client.get("/calls/nap/export.csv"))  # built again
    # Votes stay counted, linked to nobody; the counters still agree with the rows.
    assert {p.id: db.session.get(Proposal, p.id).vote_count for p in (published, other)} \
        == counts
    assert db.session.scalar(select(Ballot).where(Ballot.user_id == person.id)) is None
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "vote.cast", AuditEvent.actor_id == person.id)) is None
    result = runner.invoke(args=["votes", "verify", "--call", "nap"])
    assert result.exit_code == 0, result.output
    # Every login ended; nobody logs in with the old address or password again.
    assert db.session.scalar(select(Login).where(Login.user_id == person.id)) is None
    assert client.get("/accounts/me").status_code == 302
    again = client.post("/accounts/login", data={"email": EMAIL, "password": PASSWORD})
    assert again.status_code == 401
    # The link was spent.
    assert client.get(link).status_code == 302  # logged out: to the login page first


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="greps the SQLite file")
def test_no_trace_of_the_person_is_left_in_the_database_file(
        app, db, client, login, outbox, call, person, contributions):
    erase_through_the_app(client, login, outbox, person)
    path = Path(db.engine.url.database)
    db.session.remove()
    db.engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    content = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    for trace in (EMAIL, NAME, "Quintanilla", ORGANISATION, "Borrador secreto"):
        assert trace.encode() not in content, trace
    assert "Propuesta pública de Zacarías".encode() in content  # the public record stays


def test_the_link_works_only_for_its_account_and_only_recently(
        app, db, client, login, outbox, person, create_user, clock):
    login(person)
    client.post("/accounts/delete", data={"password": PASSWORD})
    link = link_in(outbox()[-1], "/accounts/delete/")
    stranger = app.test_client()
    stranger.post("/accounts/login", data={"email": create_user().email,
                                           "password": PASSWORD})
    assert stranger.get(link).status_code == 400
    clock.advance(hours=25)
    assert client.get(link, headers=EN).status_code == 400
    assert not db.session.get(User, person.id).is_erased


def test_erasing_twice_is_refused(app, db, person):
    erasure.erase_account(person)
    with pytest.raises(erasure.AlreadyErased):
        erasure.erase_account(person)


def test_the_audit_trail_about_the_person_keeps_only_the_pseudonym(app, db, person):
    from app.accounts import services

    services.update_profile(person, name=NAME, sector="academia", region=person.region,
                            organisation=None, notify_by_email=True)
    db.session.commit()
    erasure.erase_account(person)
    db.session.commit()
    about = db.session.scalars(select(AuditEvent).where(
        AuditEvent.target_type == "users", AuditEvent.target_id == str(person.id))).all()
    assert about and all(e.before is None and e.after is None for e in about)


def test_the_last_administrator_cannot_erase_their_account(app, db, admin, create_user):
    from app.accounts.services import LastAdmin

    with pytest.raises(LastAdmin):
        erasure.erase_account(admin)
    create_user(role="admin")
    erasure.erase_account(admin)
    assert admin.role == "participant"

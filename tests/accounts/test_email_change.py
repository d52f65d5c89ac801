"""Rectifying one's address: the change waits for the new address to be proven, the old
one is told, and the form tells nobody which addresses have accounts."""

from app.accounts.models import User
from tests.conftest import PASSWORD
from tests.helpers import link_in, text_of

EN = {"Accept-Language": "en"}
NEW = "nueva.direccion@example.org"


def ask(client, address, password=PASSWORD):
    return client.post("/accounts/me/email", headers=EN, data={
        "em-new_email": address, "em-email_password": password})


def test_the_address_changes_only_when_the_link_sent_to_it_is_opened(
        db, client, login, create_user, outbox):
    person = create_user(email="vieja@example.org", name="Elena Soto")
    login(person)
    assert ask(client, NEW).status_code == 302
    db.session.refresh(person)
    assert person.email == "vieja@example.org"  # not yet
    [mail] = [m for m in outbox() if m["To"] == NEW]
    link = link_in(mail, "/accounts/email/")
    assert client.get(link).status_code == 302
    db.session.refresh(person)
    assert person.email == NEW and person.pending_email is None and person.is_verified
    [notice] = [m for m in outbox() if m["To"] == "vieja@example.org"]
    assert "changed" in notice["Subject"].lower() or "cambi" in notice["Subject"].lower()
    again = client.get(link, headers=EN)  # used once: the pending address is gone
    assert again.status_code == 400 and "This link" in text_of(again)


def test_a_wrong_password_a_bad_address_or_the_same_one_are_refused_keeping_what_was_typed(
        client, login, create_user, outbox):
    person = create_user(email="vieja@example.org")
    login(person)
    wrong = ask(client, NEW, password="not my password")
    assert wrong.status_code == 422
    assert "Your current password is incorrect." in text_of(wrong)
    assert NEW in wrong.get_data(as_text=True)  # what was typed stays
    assert ask(client, "no-es-un-correo").status_code == 422
    same = ask(client, "VIEJA@example.org")
    assert same.status_code == 422 and "already your email address" in text_of(same)
    assert [m for m in outbox() if m["To"] == NEW] == []


def test_an_address_with_an_account_gets_the_same_answer_and_no_link(
        db, client, login, create_user, outbox):
    create_user(email=NEW)
    person = create_user(email="vieja@example.org")
    login(person)
    answer = ask(client, NEW)
    assert answer.status_code == 302  # the same answer as for a free address
    assert [m for m in outbox() if m["To"] == NEW] == []
    db.session.refresh(person)
    assert person.pending_email is None


def test_an_address_taken_meanwhile_is_refused_at_the_link(
        db, client, login, create_user, outbox):
    person = create_user(email="vieja@example.org")
    login(person)
    ask(client, NEW)
    link = link_in([m for m in outbox() if m["To"] == NEW][0], "/accounts/email/")
    create_user(email=NEW)  # someone registered it before the link was opened
    refused = client.get(link, headers=EN)
    assert refused.status_code == 409
    assert "belongs to another account" in text_of(refused)
    assert db.session.get(User, person.id).email == "vieja@example.org"

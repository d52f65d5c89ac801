"""Daily and weekly digests for followers: one mail per person, through the job queue and a
real SMTP server, nothing when nothing happened, nothing twice."""

import email
import email.policy
from datetime import timedelta

import pytest

from app.core import jobs
from app.plans import digests, follows, readings, reporting
from tests.core.test_mail import smtp_server  # noqa: F401  (shared fixture)
from tests.helpers import text_of


@pytest.fixture
def commitment(db, create_plan, create_commitment):
    return create_commitment(create_plan(slug="nap"), milestones=[1])


@pytest.fixture
def official(implementer, commitment):
    return implementer(commitment, name="Iván Implementador")


def received(server, person) -> list:
    return [email.message_from_bytes(m.content, policy=email.policy.default)
            for m in server.messages if m.rcpt_tos == [person.email]]


def run_digests(db):
    db.session.commit()
    jobs.enqueue("send_digests")


def test_a_daily_follower_gets_one_digest_instead_of_each_mail(
        db, client, login, clock, create_user, commitment, official,
        smtp_server):  # noqa: F811
    fan, critic = create_user(name="Fernanda"), create_user(name="Clara")
    login(fan)
    page = f"/plans/nap/commitments/{commitment.reference}"
    client.post(f"{page}/follow")
    response = client.post(f"{page}/follow", data={"frequency": "daily"})
    assert response.status_code == 302
    assert 'value="daily" selected' in client.get(page).get_data(as_text=True)
    clock.set(clock.now() + timedelta(minutes=5))
    update = reporting.post_update(official, commitment, commitment.milestones[0], "limited",
                                   "Se licitó el portal.")
    db.session.commit()
    readings.give_reading(critic, update, "disagree", "No se licitó nada.")
    db.session.commit()
    assert received(smtp_server, fan) == []  # no mail on each piece of news

    run_digests(db)
    assert received(smtp_server, fan) == []  # a day has not passed yet

    clock.set(clock.now() + timedelta(days=1))
    run_digests(db)
    [digest] = received(smtp_server, fan)
    body = digest.get_content()
    assert digest["Subject"] == "Su resumen diario de los planes y compromisos que sigue"
    assert "Se licitó el portal." in body and "No se licitó nada." in body
    assert commitment.reference in body
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    run_digests(db)  # the job started again the same hour: nothing twice
    assert len(received(smtp_server, fan)) == 1


def test_nothing_happened_no_digest(db, clock, create_user, commitment,
                                    smtp_server):  # noqa: F811
    fan = create_user()
    follows.follow(fan, commitment.plan, "weekly")
    clock.set(clock.now() + timedelta(days=8))
    run_digests(db)
    assert received(smtp_server, fan) == []


def test_one_weekly_mail_per_person_for_a_plan_and_its_commitment(
        db, client, clock, create_user, commitment, official, smtp_server):  # noqa: F811
    fan, quick = create_user(), create_user()
    follows.follow(fan, commitment, "weekly")
    follows.follow(fan, commitment.plan, "weekly")
    follows.follow(quick, commitment.plan)  # at once, as before
    db.session.commit()
    clock.set(clock.now() + timedelta(days=2))
    reporting.post_update(official, commitment, commitment.milestones[0], "substantial",
                          "Avance del registro.")
    db.session.commit()
    assert len(received(smtp_server, quick)) == 1
    clock.set(clock.now() + timedelta(days=3))
    run_digests(db)
    assert received(smtp_server, fan) == []  # weekly: not yet
    clock.set(clock.now() + timedelta(days=2))
    run_digests(db)
    [digest] = received(smtp_server, fan)
    body = digest.get_content()
    assert body.count("Avance del registro.") == 1  # told once, though followed twice
    assert "List-Unsubscribe" not in digest  # two follows: each has its link in the body
    assert len(received(smtp_server, quick)) == 1  # an immediate follower gets no digest
    link = next(line for line in body.splitlines() if "/plans/unfollow/" in line)
    assert client.post(link.strip()).status_code == 200
    assert "Ya había dejado de seguirlo" in text_of(client.get(link.strip()))
    assert follows.follow_of(fan, commitment) is None  # the first link: the commitment's


def test_a_digest_leaves_out_what_the_follower_did(db, clock, commitment, official,
                                                   smtp_server):  # noqa: F811
    follows.follow(official, commitment, "daily")
    db.session.commit()
    reporting.post_update(official, commitment, commitment.milestones[0], "limited", "Yo.")
    clock.set(clock.now() + timedelta(days=1))
    run_digests(db)
    assert received(smtp_server, official) == []


def test_an_overdue_milestone_is_in_the_digest(db, clock, create_user, commitment,
                                               smtp_server):  # noqa: F811
    fan = create_user(locale="en")
    follows.follow(fan, commitment, "daily")
    db.session.commit()
    clock.set(clock.now() + timedelta(days=5000))
    follows.tell_overdue()
    clock.set(clock.now() + timedelta(hours=1))
    run_digests(db)
    [digest] = received(smtp_server, fan)
    assert digest["Subject"] == "Your daily digest of the plans and commitments you follow"
    assert "“Hito 1” is past its end date" in digest.get_content()


def test_an_unknown_frequency_is_refused(db, create_user, commitment):
    with pytest.raises(follows.UnknownFrequency):
        follows.set_frequency(create_user(), commitment, "hourly")


def test_a_changed_frequency_starts_its_digest_from_now(db, clock, create_user, commitment,
                                                        official):
    fan = create_user()
    follows.follow(fan, commitment)
    reporting.post_update(official, commitment, commitment.milestones[0], "limited", "Ya.")
    db.session.commit()
    clock.set(clock.now() + timedelta(hours=2))
    found = follows.set_frequency(fan, commitment, "daily")
    assert found.last_digest_at == clock.now()
    assert not digests.is_due(found, clock.now() + timedelta(hours=20))
    assert digests.is_due(found, clock.now() + timedelta(hours=24))

"""Following plans and commitments: mail on news, through the job queue, one-click stop."""

from datetime import timedelta

import pytest

from app.plans import follows, readings, reporting
from app.voting import services as voting
from tests.helpers import link_in, text_of


@pytest.fixture
def followed(db, clock, create_plan, create_commitment, implementer, create_call,
             create_proposal):
    at = clock.now()
    call = create_call(slug="nap", submission_opens_at=at - timedelta(days=20),
                       submission_closes_at=at - timedelta(days=10),
                       voting_opens_at=at - timedelta(days=5),
                       voting_closes_at=at + timedelta(days=5))
    source = create_proposal(call, status="included")
    commitment = create_commitment(create_plan(call, slug="nap"), sources=[source.reference],
                                   milestones=[1])
    return commitment, implementer(commitment, name="Iván Implementador"), source


def test_followers_get_a_mail_for_an_update_and_a_dispute(db, create_user, outbox, followed):
    commitment, official, _source = followed
    fan, plan_fan = create_user(name="Fernanda"), create_user(name="Pablo")
    follows.follow(fan, commitment)
    follows.follow(plan_fan, commitment.plan)
    follows.follow(fan, commitment.plan)  # both: still one mail
    db.session.commit()
    update = reporting.post_update(official, commitment, commitment.milestones[0], "limited",
                                   "Se licitó el portal.")
    db.session.commit()
    mails = outbox()
    assert sorted(m["To"] for m in mails) == sorted([fan.email, plan_fan.email])
    assert "Se licitó el portal." in mails[0].get_content()
    assert mails[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    readings.give_reading(create_user(), update, "agree", "Bien.")  # agreement: no mail
    db.session.commit()
    assert len(outbox()) == 2
    readings.give_reading(plan_fan, update, "disagree", "No se licitó.")
    db.session.commit()
    assert [m["To"] for m in outbox()[2:]] == [fan.email]  # not to the critic themself


def test_the_one_click_link_stops_the_follow(db, client, create_user, outbox, followed):
    commitment, official, _source = followed
    fan = create_user()
    follows.follow(fan, commitment)
    db.session.commit()
    reporting.post_update(official, commitment, commitment.milestones[0], "limited", "Hecho.")
    db.session.commit()
    link = link_in(outbox()[0], "/plans/unfollow/")
    assert client.post(link).status_code == 200  # RFC 8058: a POST without any form
    assert follows.follow_of(fan, commitment) is None
    assert "Ya había dejado de seguirlo" in text_of(client.get(link))
    assert client.get("/plans/unfollow/garbage").status_code == 400


def test_overdue_milestones_are_announced_once(db, app, clock, create_user, outbox, followed):
    commitment, _official, _source = followed
    fan = create_user()
    follows.follow(fan, commitment)
    db.session.commit()
    clock.set(clock.now() + timedelta(days=5000))  # long past every end date
    assert follows.tell_overdue() == 1
    assert follows.tell_overdue() == 0
    assert "Hito 1" in outbox()[0].get_content()


def test_voters_of_the_source_proposal_are_offered_to_follow(db, client, login, create_user,
                                                            followed):
    commitment, _official, source = followed
    voter = create_user()
    source.status = "published"  # in the vote, then kept for the plan
    db.session.commit()
    voting.cast_vote(source.call, source, voter)
    source.status = "included"
    db.session.commit()
    login(voter)
    page = text_of(client.get(f"/plans/nap/commitments/{commitment.reference}"))
    assert f"Usted votó por {source.reference}" in page
    assert client.post(f"/plans/nap/commitments/{commitment.reference}/follow"
                       ).status_code == 302
    assert follows.follow_of(voter, commitment) is not None
    page = text_of(client.get(f"/plans/nap/commitments/{commitment.reference}"))
    assert "Dejar de seguir" in page
    client.post(f"/plans/nap/commitments/{commitment.reference}/follow")
    assert follows.follow_of(voter, commitment) is None


def test_the_unverified_cannot_follow(db, create_user, followed):
    commitment, _official, _source = followed
    with pytest.raises(follows.CannotFollow):
        follows.follow(create_user(email_verified_at=None), commitment)


def test_a_follower_who_stopped_all_mail_or_froze_the_account_hears_nothing(
        db, clock, create_user, outbox, followed):
    from app.privacy import objection

    commitment, _official, _source = followed
    stopped, frozen = create_user(), create_user()
    for person in (stopped, frozen):
        follows.follow(person, commitment)
    db.session.commit()
    objection.set_mail_stopped(stopped, True)
    frozen.frozen_at = clock.now()
    db.session.commit()
    before = len(outbox())
    clock.set(clock.now() + timedelta(days=5000))
    follows.tell_overdue()
    sent_to = {m["To"] for m in outbox()[before:]}
    assert stopped.email not in sent_to and frozen.email not in sent_to

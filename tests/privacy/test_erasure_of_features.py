"""Erasure and download reach the data of the Working Group and of the plans: a term keeps
its public name and role but not the account, follows and implementer roles go."""

import io
import json
import zipfile
from datetime import date

from sqlalchemy import select

from app.plans.models import Follow
from app.privacy import erasure, portability
from app.working_group.models import Seat, SeatTerm


def test_a_term_keeps_its_public_record_and_loses_its_account_and_follows_go(
        db, clock, create_user):
    person = create_user(name="Rosa Ancán", email="rosa.ancan@example.org")
    seat = Seat(constituency="civil_society", name="Red de Sociedad Civil", position=1,
                created_at=clock.now())
    db.session.add(seat)
    db.session.flush()
    term = SeatTerm(seat_id=seat.id, holder_name="Rosa Ancán", role="Coordinadora",
                    organisation="Red de Gobierno Abierto", holder_id=person.id,
                    starts_on=date(2017, 7, 31), created_at=clock.now())
    db.session.add_all([term, Follow(user_id=person.id, target_type="plan", target_id=1,
                                     created_at=clock.now())])
    db.session.commit()

    download = json.loads(zipfile.ZipFile(io.BytesIO(portability.build_zip(person)))
                          .read("data.json"))
    assert download["working_group_terms"][0]["role"] == "Coordinadora"
    assert download["plan_follows"] == [{"follows": "plan", "id": 1, "frequency": "immediate"}]

    erasure.erase_account(person)
    db.session.commit()
    db.session.refresh(term)
    assert term.holder_id is None  # no way back to the person's account
    assert (term.holder_name, term.role) == ("Rosa Ancán", "Coordinadora")  # the public record
    assert db.session.scalars(select(Follow)).all() == []


def _chosen(db, create_call, create_user):
    from app.priorities import services as priorities
    from tests.cocreation_factories import make_poll

    poll = make_poll(create_call(slug="prioridades"))
    theme = priorities.themes_of(poll)[0]
    person = create_user(name="Rosa Ancán", email="rosa.ancan@example.org")
    priorities.choose_priorities(poll, person, [theme.id])
    db.session.commit()
    return poll, theme, person


def _links(db, poll, person) -> tuple:
    from app.audit.models import AuditEvent
    from app.priorities.models import PriorityBallot

    db.session.expire_all()
    ballots = db.session.scalars(select(PriorityBallot.user_id).where(
        PriorityBallot.poll_id == poll.id)).all()
    actors = db.session.scalars(select(AuditEvent.actor_id).where(
        AuditEvent.action == "priorities.chosen")).all()
    return ballots, actors


def test_a_choice_of_priorities_is_in_the_download_and_unlinked_by_erasure(
        db, create_call, create_user):
    poll, theme, person = _chosen(db, create_call, create_user)
    download = json.loads(zipfile.ZipFile(io.BytesIO(portability.build_zip(person)))
                          .read("data.json"))
    assert download["priority_choices"][0]["themes"] == theme.name
    assert _links(db, poll, person) == ([person.id], [person.id])

    erasure.erase_account(person)
    db.session.commit()
    assert _links(db, poll, person) == ([None], [None])  # the ballot belongs to nobody
    db.session.refresh(theme)
    assert theme.vote_count == 1  # and is still counted


def test_choices_are_unlinked_once_the_poll_closed_longer_ago_than_the_retention(
        app, db, clock, create_call, create_user):
    from datetime import timedelta

    from app.privacy import retention

    poll, _theme, person = _chosen(db, create_call, create_user)
    clock.set(poll.closes_at + timedelta(days=300))  # closed, within the 12 months
    assert retention.apply_retention()["priority_choice_links"] == 0
    assert _links(db, poll, person) == ([person.id], [person.id])
    clock.set(poll.closes_at + timedelta(days=400))
    assert retention.apply_retention()["priority_choice_links"] == 1
    assert _links(db, poll, person) == ([None], [None])

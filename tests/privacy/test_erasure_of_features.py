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
    assert download["plan_follows"] == [{"follows": "plan", "id": 1}]

    erasure.erase_account(person)
    db.session.commit()
    db.session.refresh(term)
    assert term.holder_id is None  # no way back to the person's account
    assert (term.holder_name, term.role) == ("Rosa Ancán", "Coordinadora")  # the public record
    assert db.session.scalars(select(Follow)).all() == []

from datetime import timedelta

import pytest

from app.review import services as review
from app.voting import services as voting
from tests.review.conftest import AGREE, RESPONSE
from tests.review.conftest import publish as publish_results
from tests.seating import decide, seat

SECRET_NOTE = "Nota interna reservada 77c1"


@pytest.fixture
def full_cycle(db, create_call, create_proposal, create_user, admin, clock):
    """A call taken through voting, review and publication, with traces of every kind."""
    call = create_call(slug="nap", votes_per_voter=3)
    authors = [create_user(email=f"autora{n}@example.org", organisation=f"Fundación {n}")
               for n in range(3)]
    proposals = [create_proposal(call, author=authors[n], title=f"Propuesta pública {n}",
                                 organisation=f"Fundación {n}")
                 for n in range(3)]
    clock.set(call.voting_opens_at + timedelta(hours=1))
    far_south = "Aysén del General Carlos Ibáñez del Campo"
    voters = [create_user(email=f"votante{n}@example.org", region="Maule" if n < 6 else far_south)
              for n in range(8)]
    for n, voter in enumerate(voters):
        for proposal in proposals[: 1 + n % 3]:
            voting.cast_vote(call, proposal, voter)
    db.session.commit()
    members = {}
    for constituency in ("government", "civil_society", "academia"):
        members[constituency] = create_user(email=f"mesa-{constituency}@example.org")
        seat(members[constituency], constituency)
    db.session.commit()

    def close_voting():
        clock.set(call.voting_closes_at + timedelta(hours=1))

    def publish():
        close_voting()
        review.add_note(members["academia"], call, proposals[0], SECRET_NOTE)
        for proposal in proposals:
            decide(call, proposal, outcome="included",
                                   response=RESPONSE, positions=AGREE)
        publish_results(admin, call)
        db.session.commit()

    return {"call": call, "proposals": proposals, "voters": voters, "authors": authors,
            "members": members, "close_voting": close_voting, "publish": publish}

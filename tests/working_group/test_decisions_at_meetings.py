from datetime import timedelta

from tests.conftest import T0
from tests.helpers import text_of
from tests.review.conftest import RESPONSE
from tests.seating import decide


def test_a_decision_names_its_meeting_and_the_meeting_lists_it_once_published(
        db, client, clock, group, people, create_call, create_proposal):
    call = create_call(slug="revision", submission_opens_at=T0 - timedelta(days=40),
                       submission_closes_at=T0 - timedelta(days=30),
                       voting_opens_at=T0 - timedelta(days=20),
                       voting_closes_at=T0 - timedelta(days=10))
    proposal = create_proposal(call, title="Registro de lobby municipal")
    meeting = group.meetings["circulated"]
    decide(call, proposal, outcome="included", response=RESPONSE, meeting_id=meeting.id)
    db.session.commit()
    url = f"/working-group/meetings/{meeting.id}"
    assert "Registro de lobby municipal" not in text_of(client.get(url))  # not yet public
    call.results_published_at = T0 - timedelta(days=1)
    db.session.commit()
    assert "Registro de lobby municipal" in text_of(client.get(url))

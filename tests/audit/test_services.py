"""The audit trail: append-only events, written with the change they record."""

import pytest

from app.audit.models import AuditEvent
from app.audit.services import append_event, events_for, record_event
from app.voting import services as voting


@pytest.fixture
def open_call(create_call, clock):
    call = create_call(slug="nap", votes_per_voter=2)
    clock.advance(days=16)
    return call


def test_appended_events_read_like_recorded_ones(db, create_call, admin):
    call = create_call()
    record_event(admin, "call.noted", call, after={"why": "pending first"})
    append_event(admin.id, "call.appended", "calls", call.id)
    record_event(None, "call.later", call, before={"n": 1}, after={"n": 2})
    db.session.commit()
    events = events_for(call)
    # Pending events are flushed before an appended one: ids follow the order of events.
    assert [e.action for e in events] == ["call.noted", "call.appended", "call.later"]
    appended = events[1]
    assert (appended.actor_id, appended.target_type, appended.target_id) == (
        admin.id, "calls", str(call.id))
    assert appended.before is None and appended.after is None
    assert appended.occurred_at.tzinfo is not None
    stored = dict(db.session.execute(db.text(
        "SELECT action, CAST(\"after\" AS TEXT) FROM audit_events")).all())
    assert stored["call.appended"] == stored["call.noted"].replace(
        '{"why": "pending first"}', "null")  # JSON null, as record_event stores it


def test_appended_event_goes_with_its_transaction(db, create_call):
    call = create_call()
    append_event(None, "call.appended", "calls", call.id)
    db.session.rollback()
    assert events_for(call) == []


def test_votes_and_withdrawals_are_in_the_trail(db, open_call, create_proposal, create_user):
    proposal = create_proposal(open_call)
    voter = create_user()
    voting.cast_vote(open_call, proposal, voter)
    voting.withdraw_vote(open_call, proposal, voter)
    db.session.commit()
    assert [(e.action, e.actor_id) for e in events_for(proposal)] == [
        ("vote.cast", voter.id), ("vote.withdrawn", voter.id)]


def test_code_votes_are_not_tied_to_anyone(db, create_call, create_proposal, clock):
    call = create_call(eligibility="code")
    proposal = create_proposal(call)
    [code] = voting.generate_codes(call, 1)
    clock.advance(days=16)
    ballot = voting.redeem_code(call, code)
    voting.cast_vote(call, proposal, None, ballot)
    db.session.commit()
    [event] = [e for e in events_for(proposal) if e.action == "vote.cast"]
    assert event.actor_id is None
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "vote.cast")) == 1

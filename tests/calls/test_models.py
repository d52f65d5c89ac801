from datetime import timedelta

import pytest

from app.calls.models import Phase
from tests.conftest import T0


@pytest.mark.parametrize("offset, phase", [
    (timedelta(days=-6), Phase.UPCOMING),
    (timedelta(days=-5, seconds=-1), Phase.UPCOMING),
    (timedelta(days=-5), Phase.SUBMISSION),
    (timedelta(days=10, seconds=-1), Phase.SUBMISSION),
    (timedelta(days=10), Phase.PRE_VOTING),
    (timedelta(days=15), Phase.VOTING),
    (timedelta(days=30, seconds=-1), Phase.VOTING),
    (timedelta(days=30), Phase.REVIEW),
    (timedelta(days=400), Phase.REVIEW),
])
def test_phase_is_derived_from_the_dates(create_call, offset, phase):
    call = create_call()
    assert call.phase(T0 + offset) == phase


def test_results_phase_starts_when_results_are_published(create_call):
    call = create_call(results_published_at=T0 + timedelta(days=40))
    assert call.phase(T0 + timedelta(days=39)) == Phase.REVIEW
    assert call.phase(T0 + timedelta(days=40)) == Phase.RESULTS


def test_phase_follows_the_app_clock(create_call, clock):
    call = create_call()
    assert call.phase(clock.now()) == Phase.SUBMISSION
    clock.advance(days=20)
    assert call.phase(clock.now()) == Phase.VOTING


def test_timeline_marks_past_current_and_future_steps(create_call):
    call = create_call()
    states = [step["state"] for step in call.timeline(T0 + timedelta(days=20))]
    assert states == ["past", "current", "future", "future"]
    states = [step["state"] for step in call.timeline(T0 - timedelta(days=30))]
    assert states == ["future", "future", "future", "future"]


def test_dates_come_back_aware_in_utc(create_call, db):
    call = create_call()
    db.session.expire_all()
    assert call.submission_opens_at == T0 - timedelta(days=5)
    assert call.submission_opens_at.utcoffset() == timedelta(0)

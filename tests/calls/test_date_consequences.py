"""Which consequences new dates have, phase by phase, and that the service acts on them only
once they are confirmed as they stand."""

from datetime import timedelta

import pytest

from app.calls import services
from app.calls.consequences import date_change_consequences
from app.core.confirmation import ConfirmationRequired, fingerprint
from app.voting import services as voting
from tests.conftest import T0
from tests.review.conftest import RESPONSE
from tests.seating import decide, seat_panel

DAY = timedelta(days=1)
# The default test call (tests/conftest.py): submissions T0-5d to T0+10d, voting from
# T0+15d to T0+30d. Where the clock stands for each phase:
AT = {"upcoming": T0 - 10 * DAY, "submission": T0, "pre_voting": T0 + 12 * DAY,
      "voting": T0 + 20 * DAY, "review": T0 + 31 * DAY}


def dates_of(call, **moved) -> dict:
    return {field: moved.get(field, getattr(call, field))
            for field in services.DATE_FIELDS}


@pytest.mark.parametrize("phase, moved, keys", [
    ("submission", {}, []),
    ("submission", {"voting_closes_at": T0 + 40 * DAY}, []),  # no boundary crosses now
    ("upcoming", {"submission_opens_at": T0 - 11 * DAY},
     [("phase", "upcoming", "submission"), ("submissions_open",)]),
    ("submission", {"submission_opens_at": T0 + DAY},
     [("phase", "submission", "upcoming"), ("submissions_wait", 0)]),
    ("submission", {"submission_closes_at": T0 - DAY},
     [("phase", "submission", "pre_voting"), ("submissions_close",)]),
    ("submission", {"submission_closes_at": T0 - DAY, "voting_opens_at": T0 - DAY},
     [("phase", "submission", "voting"), ("submissions_close",), ("voting_opens",)]),
    ("pre_voting", {"submission_closes_at": T0 + 14 * DAY},
     [("phase", "pre_voting", "submission"), ("submissions_reopen",)]),
    ("voting", {"voting_closes_at": T0 + 19 * DAY},
     [("phase", "voting", "review"), ("voting_closes",)]),
    ("review", {"voting_closes_at": T0 + 32 * DAY},
     [("phase", "review", "voting"), ("voting_reopens",)]),
])
def test_each_boundary_moved_across_now_is_named(db, create_call, clock, phase, moved, keys):
    call = create_call()
    clock.set(AT[phase])
    assert call.phase(clock.now()) == phase
    found = date_change_consequences(call, dates_of(call, **moved), clock.now())
    assert [c.key for c in found] == keys


def test_closing_submissions_counts_the_drafts_that_will_never_be_published(
        db, create_call, create_proposal, clock):
    call = create_call()
    for _ in range(3):
        create_proposal(call, status="draft")
    create_proposal(call)
    found = date_change_consequences(call, dates_of(call, submission_closes_at=T0 - DAY),
                                     clock.now())
    assert found[-1].key == ("drafts", 3)
    assert "3 borradores no se publicarán nunca" in found[-1].message  # the default language


def test_closing_the_vote_early_says_how_many_votes_become_final(
        db, create_call, create_proposal, create_user, clock, app):
    call = create_call()
    proposals = [create_proposal(call) for _ in range(2)]
    clock.set(AT["voting"])
    for voter in (create_user(), create_user()):
        for proposal in proposals:
            voting.cast_vote(call, proposal, voter)
    db.session.commit()
    with app.test_request_context(headers={"Accept-Language": "en"}):
        [_, closes] = date_change_consequences(
            call, dates_of(call, voting_closes_at=T0 + 19 * DAY), clock.now())
        # 15:00 UTC on 9 April 2026 is 11:00 in Santiago (UTC-4 from 5 April).
        assert str(closes.message) == ("Voting closes now, not on 9 Apr 2026, 11:00: the 4 "
                                       "votes cast so far are final and nobody can vote any "
                                       "more.")


def test_reopening_the_vote_names_the_decisions_that_wait(
        db, create_call, create_proposal, admin, create_user, clock):
    call = create_call()
    proposal = create_proposal(call)
    seat_panel(create_user)
    clock.set(AT["review"])
    decide(call, proposal, outcome="included", response=RESPONSE)
    found = date_change_consequences(call, dates_of(call, voting_closes_at=T0 + 32 * DAY),
                                     clock.now())
    assert [c.key for c in found][-1] == ("decisions_wait", 1)


def test_the_service_changes_nothing_until_the_figures_are_confirmed(
        db, create_call, create_proposal, admin, clock):
    call = create_call()
    create_proposal(call, status="draft")
    closes = call.submission_closes_at
    data = {field: getattr(call, field) for field in services.EDITABLE_FIELDS}
    data["submission_closes_at"] = T0 - DAY
    with pytest.raises(ConfirmationRequired) as raised:
        services.update_call(admin, call, call.version, **data)
    seen = fingerprint(raised.value.consequences)
    db.session.rollback()
    assert call.submission_closes_at == closes and call.version == 1
    create_proposal(call, status="draft")  # the figures move: two drafts now
    with pytest.raises(ConfirmationRequired) as raised:
        services.update_call(admin, call, call.version, seen, **data)
    assert ("drafts", 2) in [c.key for c in raised.value.consequences]
    db.session.rollback()
    services.update_call(admin, call, call.version,
                         fingerprint(raised.value.consequences), **data)
    db.session.commit()
    assert call.submission_closes_at == T0 - DAY


def test_published_results_keep_the_call_in_its_last_phase(db, create_call, admin, clock):
    call = create_call(results_published_at=T0 + 31 * DAY)
    clock.set(T0 + 40 * DAY)
    data = {field: getattr(call, field) for field in services.EDITABLE_FIELDS}
    with pytest.raises(services.ResultsAlreadyPublished) as raised:
        services.update_call(admin, call, call.version,
                             **dict(data, voting_closes_at=T0 + 50 * DAY))
    assert raised.value.field == "voting_closes_at"
    # Dates that stay in the past may still be corrected.
    services.update_call(admin, call, call.version,
                         **dict(data, voting_closes_at=T0 + 29 * DAY))

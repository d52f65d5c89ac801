from datetime import timedelta

import pytest

from app.audit.services import events_for
from app.calls import services
from app.core.errors import Conflict, NotAllowed
from tests.conftest import T0


def call_data(**overrides):
    data = {
        "title": "Plan 2026", "description": "Texto", "rules": "Reglas",
        "submission_opens_at": T0, "submission_closes_at": T0 + timedelta(days=30),
        "voting_opens_at": T0 + timedelta(days=30), "voting_closes_at": T0 + timedelta(days=45),
        "votes_per_voter": 10, "themes": ["Datos abiertos"], "allow_vote_withdrawal": True,
        "hide_counts_until_close": True, "max_proposals_per_author": 5, "eligibility": "email",
        "decision_rule": "consensus", "comments_open": True,
    }
    data.update(overrides)
    return data


def test_admin_creates_a_call_and_it_is_audited(db, admin):
    call = services.create_call(admin, "nap-2026", **call_data())
    db.session.commit()
    assert services.get_call("nap-2026") == call
    [event] = events_for(call)
    assert event.action == "call.created" and event.actor_id == admin.id


@pytest.mark.parametrize("role", ["participant", "moderator"])
def test_only_admins_create_calls(db, create_user, role):
    with pytest.raises(NotAllowed):
        services.create_call(create_user(role=role), "nap-2026", **call_data())


@pytest.mark.parametrize("field, value", [
    ("submission_closes_at", T0),
    ("submission_closes_at", T0 - timedelta(days=1)),
    ("voting_opens_at", T0 + timedelta(days=29)),
    ("voting_closes_at", T0 + timedelta(days=30)),
])
def test_dates_out_of_order_name_the_field(db, admin, field, value):
    with pytest.raises(services.DatesOutOfOrder) as raised:
        services.create_call(admin, "nap-2026", **call_data(**{field: value}))
    assert raised.value.field == field


@pytest.mark.parametrize("field, value", [
    ("votes_per_voter", 0), ("max_proposals_per_author", 0), ("themes", ["  ", ""]),
    ("eligibility", "anyone"), ("decision_rule", "dictator"),
])
def test_invalid_settings_are_refused(db, admin, field, value):
    with pytest.raises(services.InvalidSetting) as raised:
        services.create_call(admin, "nap-2026", **call_data(**{field: value}))
    assert raised.value.field == field


@pytest.mark.parametrize("slug", ["Has Spaces", "-leading", "ñandú", "a" * 65, ""])
def test_invalid_slugs_are_refused(db, admin, slug):
    with pytest.raises(services.InvalidSlug):
        services.create_call(admin, slug, **call_data())


def test_slug_must_be_unique(db, admin, create_call):
    create_call(slug="nap-2026")
    with pytest.raises(services.SlugTaken):
        services.create_call(admin, "NAP-2026", **call_data())


def test_themes_are_trimmed_and_deduplicated(db, admin):
    call = services.create_call(admin, "nap", **call_data(
        themes=[" Datos  abiertos ", "datos abiertos", "", "Lobby"]))
    assert call.themes == ["Datos abiertos", "Lobby"]


def test_update_with_a_stale_version_is_a_conflict(db, admin, create_call):
    call = create_call()
    services.update_call(admin, call, call.version, **call_data(title="First"))
    db.session.commit()
    with pytest.raises(Conflict):
        services.update_call(admin, call, 1, **call_data(title="Second"))
    assert call.title == "First"


def test_update_is_audited_with_before_and_after(db, admin, create_call):
    call = create_call(title="Old")
    services.update_call(admin, call, call.version, **call_data(title="New"))
    [event] = events_for(call)
    assert event.before["title"] == "Old" and event.after["title"] == "New"


def test_vote_budget_is_locked_once_voting_opens(db, admin, create_call, clock):
    call = create_call()
    clock.advance(days=16)
    data = {f: getattr(call, f) for f in services.EDITABLE_FIELDS}
    with pytest.raises(services.SettingLocked) as raised:
        services.update_call(admin, call, call.version, **dict(data, votes_per_voter=3))
    assert raised.value.field == "votes_per_voter"
    services.update_call(admin, call, call.version, **dict(data, title="Still editable"))
    assert call.title == "Still editable"


def _dated(create_call, slug, start_days, **fields):
    """A call whose submissions open `start_days` from T0, each phase ten days long."""
    start = T0 + timedelta(days=start_days)
    return create_call(slug=slug, submission_opens_at=start,
                       submission_closes_at=start + timedelta(days=10),
                       voting_opens_at=start + timedelta(days=20),
                       voting_closes_at=start + timedelta(days=30), **fields)


def test_home_calls_lists_every_call_in_progress_soonest_step_first(db, create_call):
    old = _dated(create_call, "old", -900, results_published_at=T0 - timedelta(days=800))
    later = _dated(create_call, "later", 200)
    sooner = _dated(create_call, "sooner", 100)
    submitting = _dated(create_call, "submitting", -5)  # submissions close in 5 days
    voting = _dated(create_call, "voting", -22)  # voting closes in 8 days
    reviewing = _dated(create_call, "reviewing", -40)  # no date ends the review
    found = services.home_calls(T0)
    assert found.in_progress == [submitting, voting, reviewing]
    assert found.upcoming == [sooner, later]
    assert found.past == [old]


def test_home_calls_keeps_the_latest_finished_cycles(db, create_call):
    assert not services.home_calls(T0)
    finished = [_dated(create_call, f"cycle-{n}", -1000 + 100 * n,
                       results_published_at=T0 - timedelta(days=1)) for n in range(7)]
    found = services.home_calls(T0)
    assert found and not found.in_progress and not found.upcoming
    assert found.past == finished[::-1][:services.PAST_ON_HOME]

"""The priorities poll's rules: who may choose, how many, once; adoption by an admin."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEvent
from app.core.errors import NotAllowed
from app.priorities import services
from app.priorities.models import PriorityBallot, PriorityPick
from app.voting.services import generate_codes
from tests.cocreation_factories import make_poll


@pytest.fixture
def poll(create_call):
    return make_poll(create_call(slug="nap", eligibility="code"), max_picks=2)


def theme_ids(poll):
    return [t.id for t in services.themes_of(poll)]


def counts(poll):
    return {t.name: t.vote_count for t in services.themes_of(poll)}


def test_a_verified_account_chooses_up_to_n_themes_once(db, poll, create_user):
    voter = create_user()
    first, second, *_ = theme_ids(poll)
    services.choose_priorities(poll, voter, [first, second])
    db.session.commit()
    assert counts(poll)["Acceso a la información"] == 1
    assert counts(poll)["Contrataciones abiertas"] == 1
    with pytest.raises(services.AlreadyChose):
        services.choose_priorities(poll, voter, [first])
    db.session.rollback()
    assert services.ballot_count(poll) == 1
    assert services.has_chosen(poll, voter)


def test_more_themes_than_the_setting_are_refused(db, poll, create_user):
    with pytest.raises(services.TooManyPicks):
        services.choose_priorities(poll, create_user(), theme_ids(poll)[:3])


@pytest.mark.parametrize("picked", [[], ["999999"], ["abc"]])
def test_no_theme_or_an_unknown_one_is_refused(db, poll, create_user, picked):
    with pytest.raises(services.NoPick):
        services.choose_priorities(poll, create_user(), picked)


def test_an_unconfirmed_account_and_a_visitor_without_a_code_are_refused(db, poll, create_user):
    from flask_login import AnonymousUserMixin

    with pytest.raises(services.PollNotEligible):
        services.choose_priorities(poll, create_user(email_verified_at=None), theme_ids(poll)[:1])
    with pytest.raises(services.PollNotEligible):
        services.choose_priorities(poll, AnonymousUserMixin(), theme_ids(poll)[:1])


def test_a_voting_code_of_the_call_chooses_once_and_stays_anonymous(db, poll):
    from flask_login import AnonymousUserMixin

    code = generate_codes(poll.call, 1)[0]
    db.session.commit()
    services.choose_priorities(poll, AnonymousUserMixin(), theme_ids(poll)[:1], code=code)
    db.session.commit()
    with pytest.raises(services.AlreadyChose):
        services.choose_priorities(poll, AnonymousUserMixin(), theme_ids(poll)[1:2],
                                   code=code.lower())
    db.session.rollback()
    with pytest.raises(services.PollNotEligible):
        services.choose_priorities(poll, AnonymousUserMixin(), theme_ids(poll)[:1],
                                   code="NOPE-NOPE")
    db.session.rollback()
    ballot = db.session.scalar(select(PriorityBallot))
    assert ballot.user_id is None and ballot.code_id is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "priorities.chosen"))
    assert event.actor_id is None


def test_the_poll_takes_choices_only_while_open(db, poll, create_user, clock):
    clock.advance(days=4)
    with pytest.raises(services.PollClosed):
        services.choose_priorities(poll, create_user(), theme_ids(poll)[:1])


def test_the_admin_adopts_the_most_chosen_themes_in_one_audited_step(db, poll, create_user,
                                                                       admin, clock):
    ids = theme_ids(poll)
    for picks in ([ids[2]], [ids[2], ids[3]], [ids[3]], [ids[2]], [ids[0]]):
        services.choose_priorities(poll, create_user(), picks)
    db.session.commit()
    with pytest.raises(services.PollNotClosed):
        services.adopt_top_themes(admin, poll, 2)
    clock.advance(days=4)
    with pytest.raises(NotAllowed):
        services.adopt_top_themes(create_user(), poll, 2)
    adopted = services.adopt_top_themes(admin, poll, 2)
    db.session.commit()
    assert adopted == ["Medio ambiente", "Integridad"]
    assert poll.call.themes == ["Medio ambiente", "Integridad"]
    assert poll.adopted_at is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "priorities.adopted"))
    assert event.before == {"themes": ["Acceso a la información", "Contrataciones abiertas"]}
    assert event.after["themes"] == ["Medio ambiente", "Integridad"]
    assert event.after["counts"] == {"Medio ambiente": 3, "Integridad": 2}


def test_adopting_more_themes_than_there_are_is_refused(db, poll, admin, clock):
    clock.advance(days=4)
    with pytest.raises(services.NothingToAdopt):
        services.adopt_top_themes(admin, poll, 5)


def test_themes_change_only_before_the_poll_opens(db, create_call, admin):
    later = make_poll(create_call(), opens_in_days=2, closes_in_days=5)
    theme = services.add_theme(admin, later, "  Salud   pública ", "Listas de espera.")
    assert theme.name == "Salud pública"
    with pytest.raises(services.ThemeExists):
        services.add_theme(admin, later, "Salud pública", "")
    services.remove_theme(admin, theme)
    db.session.commit()
    running = make_poll(create_call())
    with pytest.raises(services.PollStarted):
        services.add_theme(admin, running, "Otro", "")
    with pytest.raises(services.PollStarted):
        services.remove_theme(admin, services.themes_of(running)[0])


def test_the_poll_settings_are_checked(db, create_call, admin, clock):
    call = create_call()
    at = clock.now()
    with pytest.raises(services.InvalidPollSetting):
        services.save_poll(admin, call, 0, at, at + timedelta(days=1))
    with pytest.raises(services.InvalidPollSetting):
        services.save_poll(admin, call, 3, at, at - timedelta(days=1))
    poll = services.save_poll(admin, call, 3, at, at + timedelta(days=1))
    again = services.save_poll(admin, call, 4, at, at + timedelta(days=2))
    assert again.id == poll.id and again.max_picks == 4


def test_counts_equal_the_pick_rows(db, poll, create_user):
    ids = theme_ids(poll)
    for n in range(6):
        services.choose_priorities(poll, create_user(), [ids[n % 4], ids[(n + 1) % 4]])
    db.session.commit()
    for theme in services.themes_of(poll):
        rows = db.session.scalar(select(func.count()).select_from(PriorityPick)
                                 .where(PriorityPick.theme_id == theme.id))
        assert theme.vote_count == rows
    assert sum(counts(poll).values()) == 12

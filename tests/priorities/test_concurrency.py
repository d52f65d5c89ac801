"""Choices fired in parallel at a real multi-threaded server: one ballot each, exact counts.

Runs on a SQLite file and, in CI's second pass, on PostgreSQL.
"""

from sqlalchemy import func, select

from app.priorities import services
from app.priorities.models import PriorityBallot, PriorityPick
from tests.cocreation_factories import make_poll
from tests.http_client import all_at_once
from tests.voting.test_concurrency import logged_in


def test_one_voter_sending_twenty_ballots_at_once_counts_once(live_server, db, create_call,
                                                              create_user):
    poll = make_poll(create_call(slug="nap"), max_picks=2)
    ids = [str(t.id) for t in services.themes_of(poll)]
    browser = logged_in(live_server, create_user())
    jobs = [lambda n=n: browser.post("/calls/nap/priorities",
                                     {"themes": [ids[n % 4], ids[(n + 1) % 4]]})[0]
            for n in range(20)]
    results = all_at_once(jobs)
    assert results.count(302) == 1
    assert set(results) <= {302, 409}
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(PriorityBallot)) == 1
    assert sum(t.vote_count for t in services.themes_of(poll)) == 2


def test_a_hundred_voters_at_once_are_all_counted_exactly(live_server, db, create_call,
                                                          create_user):
    poll = make_poll(create_call(slug="nap"), max_picks=2)
    ids = [str(t.id) for t in services.themes_of(poll)]
    browsers = [logged_in(live_server, create_user()) for _ in range(100)]
    results = all_at_once([lambda b=b, n=n: b.post("/calls/nap/priorities",
                                                   {"themes": [ids[0], ids[1 + n % 3]]})[0]
                           for n, b in enumerate(browsers)])
    assert results == [302] * 100
    db.session.rollback()
    themes = {t.name: t for t in services.themes_of(poll)}
    assert themes["Acceso a la información"].vote_count == 100
    assert sum(t.vote_count for t in themes.values()) == 200
    for theme in themes.values():
        rows = db.session.scalar(select(func.count()).select_from(PriorityPick)
                                 .where(PriorityPick.theme_id == theme.id))
        assert theme.vote_count == rows

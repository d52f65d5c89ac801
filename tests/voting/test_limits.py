"""Vote rate limits: per address and per voter, shared by casting and withdrawing.

Flask-Limiter counts them (app/voting/limits.py), in memory here and in Redis where
configured, with its own keys and fixed windows.
"""

import os

import pytest

from app.voting.models import Vote
from tests.helpers import run_in_fresh_process
from tests.voting.conftest import PREFIX, _redis_available, _redis_url
from tests.voting.test_routes import (  # noqa: F401  (fixtures)
    EN,
    call,
    proposals,
    url,
    voter,
)

needs_redis = pytest.mark.skipif(not _redis_available() and not os.environ.get("CI"),
                                 reason="needs a Redis server on 127.0.0.1:6379")


def count_votes(db):
    return db.session.scalar(db.select(db.func.count()).select_from(Vote))


def browser(app, create_user, address):
    """A logged-in voter whose requests come from `address`."""
    person = app.test_client()
    person.environ_base["REMOTE_ADDR"] = address
    person.post("/accounts/login", data={"email": create_user().email,
                                         "password": "quiet-harbour-lantern-42"})
    return person


@pytest.mark.config(RATELIMIT_ENABLED=True, VOTE_RATE_LIMIT_VOTER="2 per minute")
def test_each_voter_has_a_limit_shared_by_votes_and_withdrawals(client, db, proposals, voter):  # noqa: F811
    statuses = [client.post(url(proposals[0], "vote" if n % 2 == 0 else "withdraw"),
                            headers=EN).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert count_votes(db) == 0


@pytest.mark.config(RATELIMIT_ENABLED=True, VOTE_RATE_LIMIT_ADDRESS="3 per minute",
                    VOTE_RATE_LIMIT_VOTER="10 per minute")
def test_an_address_has_a_limit_across_voters(app, db, proposals, create_user):  # noqa: F811
    first, second = (browser(app, create_user, "198.51.100.7") for _ in range(2))
    elsewhere = browser(app, create_user, "198.51.100.8")
    assert [first.post(url(proposals[0])).status_code,
            second.post(url(proposals[0])).status_code,
            first.post(url(proposals[1])).status_code] == [302, 302, 302]
    assert second.post(url(proposals[1])).status_code == 429
    assert elsewhere.post(url(proposals[1])).status_code == 302
    assert count_votes(db) == 4


@pytest.mark.config(RATELIMIT_ENABLED=True, VOTE_RATE_LIMIT_VOTER="10 per minute;2 per hour")
def test_every_limit_of_a_setting_applies(client, db, proposals, voter):  # noqa: F811
    statuses = [client.post(url(p)).status_code for p in proposals]
    assert statuses == [302, 302, 429]


@pytest.mark.config(RATELIMIT_ENABLED=False, VOTE_RATE_LIMIT_VOTER="1 per minute")
def test_limits_switched_off(client, db, proposals, voter):  # noqa: F811
    assert [client.post(url(p)).status_code for p in proposals[:2]] == [302, 302]


@needs_redis
@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=_redis_url(),
                    RATELIMIT_KEY_PREFIX=PREFIX, VOTE_RATE_LIMIT_VOTER="2 per minute",
                    VOTE_RATE_LIMIT_ADDRESS="600 per minute")
def test_redis_holds_both_counts_under_flask_limiters_keys(client, db, proposals, voter,  # noqa: F811
                                                           redis_store):
    store = redis_store
    path = url(proposals[0])
    assert client.post(path).status_code == 302
    assert client.post(url(proposals[0], "withdraw")).status_code == 302
    assert client.post(path).status_code == 429
    keys = {key.decode() for key in store.keys(f"*{PREFIX}*")}
    voter_keys = [k for k in keys if f"voter:user:{voter.id}" in k and "votes-by-voter" in k]
    address_keys = [k for k in keys if "127.0.0.1" in k and "votes-by-address" in k]
    assert len(voter_keys) == 1 and len(address_keys) == 1
    # Exactly what was asked: each request counted once on each limit.
    assert int(store.get(voter_keys[0])) == 3 and int(store.get(address_keys[0])) == 3
    assert 0 < store.ttl(voter_keys[0]) <= 60


@needs_redis
@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=_redis_url(),
                    RATELIMIT_KEY_PREFIX=PREFIX, VOTE_RATE_LIMIT_VOTER="10 per minute")
@pytest.mark.parametrize("trouble", ["script flushed", "connection killed"])
def test_votes_go_on_when_redis_forgets_the_script_or_drops_the_connection(
        client, db, proposals, voter, trouble, redis_store):  # noqa: F811
    store = redis_store
    assert client.post(url(proposals[0])).status_code == 302
    if trouble == "script flushed":
        store.script_flush()
    else:
        store.client_kill_filter(_type="normal", skipme=True)
    assert client.post(url(proposals[1])).status_code == 302
    assert count_votes(db) == 2
    voter_keys = [k for k in store.keys(f"*{PREFIX}*")
                  if f"voter:user:{voter.id}".encode() in k and b"votes-by-voter" in k]
    assert [int(store.get(k)) for k in voter_keys] == [2]


@needs_redis
@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=_redis_url(),
                    RATELIMIT_KEY_PREFIX=PREFIX, VOTE_RATE_LIMIT_ADDRESS="2 per minute")
def test_redis_address_limit(app, db, proposals, create_user, redis_store):  # noqa: F811
    first, second = (browser(app, create_user, "203.0.113.9") for _ in range(2))
    assert first.post(url(proposals[0])).status_code == 302
    assert second.post(url(proposals[0])).status_code == 302
    assert second.post(url(proposals[1])).status_code == 429
    assert count_votes(db) == 2


UNREACHABLE = "redis://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=UNREACHABLE,
                    RATELIMIT_SWALLOW_ERRORS=True)
def test_with_redis_down_votes_go_through_uncounted_and_the_outage_is_logged(
        client, db, proposals, voter, caplog):  # noqa: F811
    response = client.post(url(proposals[0]), headers=EN)
    assert response.status_code == 302
    assert client.post(url(proposals[1]), headers={**EN, "Accept": "application/json"}
                       ).get_json()["voted"] is True
    assert count_votes(db) == 2
    assert "Failed to rate limit" in caplog.text  # Flask-Limiter says so, without the voter
    assert voter.email not in caplog.text
    assert "127.0.0.1" not in caplog.text.replace("127.0.0.1:9", "")  # Redis's, not theirs


def test_with_redis_down_and_no_swallowing_a_vote_is_refused_with_503_and_nothing_written():
    # Flask-Limiter takes RATELIMIT_SWALLOW_ERRORS from the first app of a process (one, in
    # production), and this suite's first app swallows: so this runs in a process of its own.
    run_in_fresh_process(refused_with_503)


@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=UNREACHABLE,
                    RATELIMIT_SWALLOW_ERRORS=False)
def refused_with_503(client, db, proposals, voter):  # noqa: F811
    response = client.post(url(proposals[0]), headers=EN)
    assert response.status_code == 503
    assert "Nothing was changed: please try again in a minute" in response.get_data(as_text=True)
    assert count_votes(db) == 0


@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=UNREACHABLE,
                    RATELIMIT_SWALLOW_ERRORS=True)
def test_with_redis_down_people_can_still_log_in(app, create_user):
    person = app.test_client()
    response = person.post("/accounts/login", data={"email": create_user().email,
                                                    "password": "quiet-harbour-lantern-42"})
    assert response.status_code == 302



_SILENT = []


def _silent_redis() -> str:
    """The address of a server that takes connections and never answers, like a Redis
    that hangs (started once, at collection, so a test's configuration can name it)."""
    import socket

    if not _SILENT:
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        _SILENT.append(server)
    return f"redis://127.0.0.1:{_SILENT[0].getsockname()[1]}"


@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_SWALLOW_ERRORS=True,
                    RATELIMIT_STORAGE_URI=_silent_redis(),
                    RATELIMIT_STORAGE_OPTIONS={"socket_connect_timeout": 0.2,
                                               "socket_timeout": 0.2})
def test_with_redis_hanging_a_vote_goes_through_once_its_timeout_passes(
        client, db, proposals, voter):  # noqa: F811
    assert client.post(url(proposals[0]), headers=EN).status_code == 302
    assert count_votes(db) == 1

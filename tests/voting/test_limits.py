"""Vote rate limits: per address and per voter, shared by casting and withdrawing.

In Redis they are counted in one round trip (app/voting/limits.py); with any other storage
(memory here) through the limiter's own strategy. Both keep Flask-Limiter's keys and rules.
"""

import os

import pytest
from werkzeug.exceptions import TooManyRequests

from app.voting.models import Vote
from tests.conftest import PASSWORD
from tests.voting.test_routes import (  # noqa: F401  (fixtures)
    EN,
    PREFIX,
    _redis_available,
    _redis_url,
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


def commands_run(store) -> dict[str, int]:
    """How many times Redis ran each command so far (its own count, whoever sent them)."""
    return {name.removeprefix("cmdstat_"): stats["calls"]
            for name, stats in store.info("commandstats").items()}


def commands_during(store, action) -> dict[str, int]:
    before = commands_run(store)
    action()
    after = commands_run(store)
    return {name: n - before.get(name, 0) for name, n in after.items()
            if n != before.get(name, 0) and name != "info"}


@needs_redis
@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=_redis_url(),
                    RATELIMIT_KEY_PREFIX=PREFIX, VOTE_RATE_LIMIT_VOTER="2 per minute",
                    VOTE_RATE_LIMIT_ADDRESS="600 per minute")
def test_redis_counts_both_limits_in_one_round_trip(client, db, proposals, voter):  # noqa: F811
    import redis

    store = redis.Redis.from_url(_redis_url())
    store.delete(*store.keys(f"*{PREFIX}*") or ["-"])
    path = url(proposals[0])
    try:
        client.post(url(proposals[1]))  # the script is loaded and the connection open
        store.delete(*store.keys(f"*{PREFIX}*") or ["-"])
        # One EVALSHA; the script itself counts and sets the expiry of both keys.
        assert commands_during(store, lambda: client.post(path)) == {
            "evalsha": 1, "incrby": 2, "expire": 2}
        # Flask-Limiter's keys and fixed windows, so its tools and other limits agree.
        voter_key = f"LIMITS:LIMITER/{PREFIX}/voter:user:{voter.id}/votes-by-voter/2/1/minute"
        address_key = f"LIMITS:LIMITER/{PREFIX}/127.0.0.1/votes-by-address/600/1/minute"
        assert int(store.get(voter_key)) == 1 and int(store.get(address_key)) == 1
        assert 0 < store.ttl(voter_key) <= 60 and 0 < store.ttl(address_key) <= 60
        assert client.post(url(proposals[0], "withdraw")).status_code == 302
        assert client.post(path).status_code == 429
        # The voter's refused request stopped at their own limit: the address kept its count.
        assert int(store.get(voter_key)) == 3 and int(store.get(address_key)) == 2
    finally:
        store.delete(*store.keys(f"*{PREFIX}*") or ["-"])


@needs_redis
@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=_redis_url(),
                    RATELIMIT_KEY_PREFIX=PREFIX, VOTE_RATE_LIMIT_VOTER="3 per minute")
def test_a_count_whose_answer_was_never_read_does_not_answer_the_next(app):
    """A request that fails between sending its count and reading the answer (a database
    error) leaves that answer on the connection: the next count must not read it."""
    import redis

    from app.voting.limits import count_vote_request

    store = redis.Redis.from_url(_redis_url())
    store.delete(*store.keys(f"*{PREFIX}*") or ["-"])
    try:
        with app.test_request_context("/"):
            count_vote_request("192.0.2.1", "voter:user:1")()
            count_vote_request("192.0.2.1", "voter:user:1")()
            count_vote_request("192.0.2.1", "voter:user:1")  # sent, never read
            # The fourth is over the limit of 3, whatever answer is left on the connection.
            with pytest.raises(TooManyRequests):
                count_vote_request("192.0.2.1", "voter:user:1")()
            count_vote_request("192.0.2.2", "voter:user:2")()  # and the next voter is fine
            # An answer never read that was an error (Redis forgot the script) is drained too.
            store.script_flush()
            count_vote_request("192.0.2.3", "voter:user:3")  # NOSCRIPT, never read
            count_vote_request("192.0.2.3", "voter:user:3")()
        assert int(store.get(
            f"LIMITS:LIMITER/{PREFIX}/voter:user:3/votes-by-voter/3/1/minute")) == 1
    finally:
        store.delete(*store.keys(f"*{PREFIX}*") or ["-"])


@needs_redis
@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=_redis_url(),
                    RATELIMIT_KEY_PREFIX=PREFIX, VOTE_RATE_LIMIT_VOTER="10 per minute")
@pytest.mark.parametrize("trouble", ["script flushed", "connection killed"])
def test_votes_go_on_when_redis_forgets_the_script_or_drops_the_connection(
        client, db, proposals, voter, trouble):  # noqa: F811
    import redis

    store = redis.Redis.from_url(_redis_url())
    store.delete(*store.keys(f"*{PREFIX}*") or ["-"])
    try:
        assert client.post(url(proposals[0])).status_code == 302
        if trouble == "script flushed":
            store.script_flush()
        else:
            store.client_kill_filter(_type="normal", skipme=True)
        assert client.post(url(proposals[1])).status_code == 302
        assert count_votes(db) == 2
        voter_key = f"LIMITS:LIMITER/{PREFIX}/voter:user:{voter.id}/votes-by-voter/10/1/minute"
        assert int(store.get(voter_key)) == 2
    finally:
        store.delete(*store.keys(f"*{PREFIX}*") or ["-"])


@needs_redis
@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=_redis_url(),
                    RATELIMIT_KEY_PREFIX=PREFIX, VOTE_RATE_LIMIT_ADDRESS="2 per minute")
def test_redis_address_limit(app, db, proposals, create_user):  # noqa: F811
    import redis

    store = redis.Redis.from_url(_redis_url())
    try:
        first, second = (browser(app, create_user, "203.0.113.9") for _ in range(2))
        assert first.post(url(proposals[0])).status_code == 302
        assert second.post(url(proposals[0])).status_code == 302
        assert second.post(url(proposals[1])).status_code == 429
        assert count_votes(db) == 2
    finally:
        store.delete(*store.keys(f"*{PREFIX}*") or ["-"])


@pytest.mark.config(RATELIMIT_ENABLED=True)
def test_flask_limiter_leaves_the_vote_views_to_their_own_count(client, db, proposals, voter,  # noqa: F811
                                                               monkeypatch):
    from flask import request
    from flask_limiter import Limiter

    checked = []
    check = Limiter._check_request_limit

    def spy(self, *args, **kwargs):
        checked.append(request.endpoint)
        return check(self, *args, **kwargs)

    monkeypatch.setattr(Limiter, "_check_request_limit", spy)
    assert client.post(url(proposals[0])).status_code == 302
    assert client.post(url(proposals[0], "withdraw")).status_code == 302
    client.get("/calls/nap/")
    assert checked == ["calls.show"]  # every other view still goes through Flask-Limiter


@pytest.mark.config(RATELIMIT_ENABLED=True)
def test_limit_headers_come_with_flask_limiters_views_only(client, db, proposals,  # noqa: F811
                                                           create_user, monkeypatch):
    from app.extensions import limiter

    # The process's one Limiter reads RATELIMIT_HEADERS_ENABLED from the first app only.
    monkeypatch.setattr(limiter, "_headers_enabled", True)
    user = create_user()
    login = client.post("/accounts/login", data={"email": user.email, "password": PASSWORD})
    assert login.status_code == 302 and "X-RateLimit-Limit" in login.headers
    vote = client.post(url(proposals[0]))
    assert vote.status_code == 302 and "X-RateLimit-Limit" not in vote.headers


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
    assert "vote rate limits not counted" in caplog.text
    assert voter.email not in caplog.text and "127.0.0.1" not in caplog.text.replace(
        UNREACHABLE, "")


@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=UNREACHABLE,
                    RATELIMIT_SWALLOW_ERRORS=False)
def test_with_redis_down_and_no_swallowing_a_vote_is_refused_with_503_and_nothing_written(
        client, db, proposals, voter):  # noqa: F811
    response = client.post(url(proposals[0]), headers=EN)
    assert response.status_code == 503
    assert "Votes cannot be counted just now" in response.get_data(as_text=True)
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

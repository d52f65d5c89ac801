"""Two app hosts, each in a network namespace of its own, behind what a load balancer would
do, sharing one PostgreSQL and one Redis over the network: a login on one host is valid on
the other, rate limits count across both, and a vote storm spread over both loses nothing
acknowledged and doubles nothing when one host is killed in the middle of it.

PostgreSQL only (SQLite is one file on one host); skipped, with the reason, where network
namespaces cannot be made (not root, no `ip`).
"""

import os
import random
import threading
import uuid
from urllib.parse import urlsplit

import pytest
from sqlalchemy import make_url

from tests.conftest import PASSWORD
from tests.durability.conftest import SLUG, vote_path
from tests.durability.hosts import (
    Forwarder,
    make_host,
    remove_host,
    remove_stale_hosts,
    unavailable,
)
from tests.durability import storm
from tests.durability.storm import Voter
from tests.voting.conftest import _redis_available, _redis_url

pytestmark = pytest.mark.durability
PORT = 8000  # each host has its own address, so both serve on the same port


@pytest.fixture
def network(db):
    """Two hosts (namespaces) and the forwarder that carries their database and Redis
    connections; all removed at the end, with whatever still runs in the hosts."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("several hosts share one PostgreSQL server: set DATABASE_URL to one")
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    if not _redis_available() and not os.environ.get("CI"):
        pytest.skip("needs a Redis server on 127.0.0.1:6379")
    remove_stale_hosts()
    forwarder, hosts = Forwarder(), []
    try:
        hosts += [make_host(0), make_host(1)]
        yield hosts, forwarder
    finally:
        for host in hosts:
            remove_host(host)
        forwarder.close()


@pytest.fixture
def shared(server_env):
    """What every host shares: the settings naming PostgreSQL and Redis, and this run's
    Redis keys (its own prefix; deleted at the end)."""
    import redis

    prefix = f"minga-hosts-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    store = redis.Redis.from_url(_redis_url())
    yield prefix
    store.delete(*store.keys(f"*{prefix}*") or ["-"])
    store.close()


@pytest.fixture
def app_hosts(network, shared, serve, server_env, tmp_path):
    """Start Minga on both hosts, as the README's "Scaling out" deploys it; returns their
    servers once both answer."""
    hosts, forwarder = network
    database = make_url(server_env["DATABASE_URL"])
    redis_url = urlsplit(_redis_url())
    servers = []
    for number, host in enumerate(hosts):
        redis = (f"redis://{host.gateway}:{forwarder.listen(host.gateway, redis_url.port)}"
                 f"{redis_url.path}")
        env = {**server_env,
               "DATABASE_URL": database.set(
                   host=host.gateway, port=forwarder.listen(host.gateway, database.port or 5432)
               ).render_as_string(hide_password=False),
               "SESSION_REDIS_URL": redis, "SESSION_KEY_PREFIX": f"{shared}-session:",
               "RATELIMIT_ENABLED": "1", "RATELIMIT_STORAGE_URI": redis,
               "RATELIMIT_KEY_PREFIX": shared, "LOGIN_RATE_LIMIT": "3 per minute",
               "PROXY_FIX_HOPS": "1",  # the load balancer's X-Forwarded-For names the client
               # Each host's own disk: only what PostgreSQL and Redis hold is shared.
               "JOBS_SQLITE_PATH": str(tmp_path / f"host-{number}" / "jobs.sqlite3"),
               **{name: str(tmp_path / f"host-{number}" / folder) for name, folder in (
                   ("SESSION_FILE_DIR", "sessions"), ("MAIL_OUTBOX_DIR", "outbox"),
                   ("EXPORT_DIR", "exports"))}}
        servers.append(serve(env, wait=False, host=host.address, port=PORT,
                             prefix=host.prefix))
    for server in servers:
        server.wait_ready()
        assert server.get("/readyz")[0] == 200  # PostgreSQL and Redis reached over the network
    return servers


@pytest.fixture
def vote_open(open_vote, create_proposal):
    call = open_vote(votes_per_voter=10)
    return [create_proposal(call).reference for _ in range(12)]


def test_a_login_on_one_host_is_valid_on_the_other_and_limits_count_across_both(
        app_hosts, vote_open, create_user):
    a, b = (server.address for server in app_hosts)
    voter = Voter(create_user().email, forwarded_for="198.51.100.20")
    voter.log_in(a, PASSWORD)
    assert voter.request(b, "GET", "/accounts/me/votes")[0] == 200
    assert voter.vote(b, vote_path(vote_open[0])) == (200, True)
    # Logging out on B ends the session on A too: a copy of its cookie no longer logs in.
    copied = Voter(voter.email)
    copied.cookie = voter.cookie
    assert voter.request(b, "POST", "/accounts/logout", {"csrf_token": voter.token})[0] == 302
    assert copied.request(a, "GET", "/accounts/me/votes")[0] == 302

    # Failed logins from one client address, turn by turn on each host, each for another
    # address (so no account's own lockout is involved): the fourth is one too many.
    stranger = Voter("", forwarded_for="198.51.100.66")
    statuses = []
    for attempt in range(4):
        server = (a, b)[attempt % 2]
        statuses.append(stranger.request(server, "POST", "/accounts/login", {
            "csrf_token": stranger.form_token(server, "/accounts/login"),
            "email": f"nobody-{attempt}@example.org", "password": "not-the-password"})[0])
    assert statuses == [401, 401, 401, 429]


def test_a_host_killed_mid_storm_loses_no_acknowledged_vote_and_doubles_none(
        db, runner, app_hosts, vote_open, voters):
    host_a, host_b = app_hosts
    people = {voter.email: voter for voter in voters(40, host_a.address, host_b.address)}
    plan = storm.duplicated_plan(list(people), vote_open, distinct=6, repeats=2,
                                 rng=random.Random(4))
    a_down = threading.Event()

    def send(number, pair):
        """The load balancer: turn by turn, and only to B once A has stopped answering."""
        server = host_b if a_down.is_set() or number % 2 else host_a
        return people[pair[0]].vote(server.address, vote_path(pair[1]))

    def crash() -> bool:
        host_a.kill()
        a_down.set()
        return False  # B goes on

    records, crashed_at = storm.storm_with_crash(plan, send, threads=12,
                                                 crash_after=len(plan) // 3, crash=crash)
    assert crashed_at is not None and not host_a.alive and host_b.alive
    assert any(r.voted and r.sent > crashed_at for r in records)  # B went on alone

    again = storm.send_again(records, send, threads=12)  # through B
    db.session.commit()
    storm.assert_counted_once(records, again, storm.vote_rows(db.session.connection()))
    db.session.commit()
    result = runner.invoke(args=["votes", "verify", "--call", SLUG])
    assert result.exit_code == 0, result.output

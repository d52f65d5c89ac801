"""Fixtures of the durability tests: a vote open now by the servers' clock, gunicorn
servers on this test's database (stopped when the test ends, whether it passed or not),
and voters logged in on them."""

import itertools
import os
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import PASSWORD
from tests.core.test_mail import free_port
from tests.durability.servers import Server
from tests.durability.storm import Voter

SLUG = "storm"


def vote_path(reference: str) -> str:
    return f"/calls/{SLUG}/proposals/{reference}/vote"


@pytest.fixture
def open_vote(app, clock, create_call):
    """A call whose vote is open now: the servers run on the real clock, not the tests'."""
    clock.set(datetime.now(UTC))
    now = clock.now()

    def make(votes_per_voter: int):
        return create_call(slug=SLUG, votes_per_voter=votes_per_voter,
                           submission_opens_at=now - timedelta(days=20),
                           submission_closes_at=now - timedelta(days=10),
                           voting_opens_at=now - timedelta(days=1),
                           voting_closes_at=now + timedelta(days=1))

    return make


@pytest.fixture
def server_env(app, tmp_path):
    """The environment of a process serving this test's database (and its queue, sessions,
    mail and exports folders), as `make run` or a deployment would set it."""
    config = app.config
    return {
        **os.environ, "MINGA_CONFIG": "development", "SECRET_KEY": "durability-test-secret",
        "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"],
        "JOBS_SQLITE_PATH": config["JOBS_SQLITE_PATH"], "JOBS_IMMEDIATE": "0",
        "SESSION_FILE_DIR": config["SESSION_FILE_DIR"],
        "MAIL_OUTBOX_DIR": config["MAIL_OUTBOX_DIR"], "EXPORT_DIR": config["EXPORT_DIR"],
        # These tests count votes, not requests: the limits have tests of their own.
        "RATELIMIT_ENABLED": "0", "PYTHONDONTWRITEBYTECODE": "1",
    }


@pytest.fixture
def serve(db, server_env, tmp_path):
    """serve(**options) starts a gunicorn Server on this test's database (`wait=False`: do
    not wait for it to answer); every one is stopped at the end of the test."""
    servers, numbers = [], itertools.count(1)

    def start(env: dict | None = None, wait: bool = True, **options) -> Server:
        db.session.commit()  # the test body's snapshot must not hold up the servers' writes
        options.setdefault("port", free_port())
        server = Server(env or server_env, tmp_path / f"gunicorn-{next(numbers)}.log",
                        **options)
        servers.append(server)
        return server.start(wait=wait)

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def voters(create_user):
    """voters(n, *servers): n accounts, each logged in through the login form of one of the
    servers in turn, each behind an address of its own (as a load balancer reports it,
    when the servers trust one: PROXY_FIX_HOPS)."""
    from concurrent.futures import ThreadPoolExecutor

    def make(count: int, *servers) -> list[Voter]:
        people = [Voter(create_user().email, forwarded_for=f"203.0.113.{n % 250 + 1}")
                  for n in range(count)]

        def log_in(number: int) -> None:
            people[number].log_in(servers[number % len(servers)], PASSWORD)

        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(log_in, range(count)))
        return people

    return make

"""Mail leaves from a real worker (`flask jobs worker`, a separate process) through the
real queue (Huey on a SQLite file), never from inside a request."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from app.core import jobs, outbox
from app.core.outbox import OutboxMessage
from tests.core.test_mail import free_port

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.config(JOBS_IMMEDIATE=False, MAIL_RETRY_SECONDS=0.2,
                                MAIL_MAX_ATTEMPTS=3)


class SlowCollector:
    """An SMTP server that takes its time over every message, and counts connections."""

    def __init__(self, seconds: float):
        self.seconds, self.messages, self.connections = seconds, [], 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        await asyncio.sleep(self.seconds)
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def slow_smtp(app):
    handler = SlowCollector(seconds=1.0)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=port,
                      MAIL_USE_STARTTLS=False)
    yield handler
    controller.stop()


@pytest.fixture
def worker(app):
    """Start `flask jobs worker` on this test's queue, database and mail settings."""
    started = []

    def start():
        config = app.config
        env = {**os.environ, "MINGA_CONFIG": "development", "SECRET_KEY": config["SECRET_KEY"],
               "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"],
               "JOBS_SQLITE_PATH": config["JOBS_SQLITE_PATH"], "JOBS_IMMEDIATE": "0",
               "MAIL_BACKEND": config["MAIL_BACKEND"],
               "MAIL_OUTBOX_DIR": config["MAIL_OUTBOX_DIR"],
               "MAIL_SERVER": config["MAIL_SERVER"], "MAIL_PORT": str(config["MAIL_PORT"]),
               "MAIL_USE_STARTTLS": "0", "MAIL_TIMEOUT": "5",
               "MAIL_RETRY_SECONDS": str(config["MAIL_RETRY_SECONDS"]),
               "MAIL_MAX_ATTEMPTS": str(config["MAIL_MAX_ATTEMPTS"])}
        process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "app", "jobs", "worker", "--workers", "1"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        started.append(process)
        return process

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=20)


def eventually(check, timeout: float = 30.0):
    """Wait for the worker to have done something (not a speed check: a generous bound)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError("the worker did not get there")


def rows(db):
    db.session.commit()  # a fresh snapshot
    return db.session.scalars(db.select(OutboxMessage)).all()


def test_requests_only_queue_and_the_worker_delivers(app, client, db, create_user, slow_smtp,
                                                     worker):
    user = create_user()
    known = client.post("/accounts/reset", data={"email": user.email})
    unknown = client.post("/accounts/reset", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    # Both answered without touching the (slow) mail server: one message waits.
    assert slow_smtp.connections == 0
    [waiting] = rows(db)
    assert waiting.status == "queued" and waiting.to_address == user.email
    worker()
    eventually(lambda: slow_smtp.messages)
    [envelope] = slow_smtp.messages
    assert envelope.rcpt_tos == [user.email] and b"/accounts/reset/" in envelope.content
    eventually(lambda: rows(db) == [])  # delivered, so no longer kept


def test_a_refused_message_is_retried_then_kept_and_an_admin_sends_it_again(
        app, client, db, create_user, login, admin, worker):
    port = free_port()  # nothing listens there yet: every attempt is refused
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=port,
                      MAIL_USE_STARTTLS=False)
    user = create_user(email="ana@example.org")
    client.post("/accounts/reset", data={"email": user.email})
    worker()
    failed = eventually(lambda: [m for m in rows(db) if m.status == "failed"])
    assert failed[0].attempts == 3 and failed[0].last_error == "ConnectionRefusedError"

    login(admin)
    page = client.get("/admin/outbox", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Failed" in page and "a…@example.org" in page and "ana@example.org" not in page

    received = []

    class Collector:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    controller = Controller(Collector(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        response = client.post(f"/admin/outbox/{failed[0].id}/retry")
        assert response.status_code == 302
        eventually(lambda: received)
        assert received[0].rcpt_tos == ["ana@example.org"]
    finally:
        controller.stop()
    eventually(lambda: rows(db) == [])


def test_the_sweep_queues_what_a_crash_left_without_a_job(app, db, clock):
    from datetime import timedelta

    def message(status, minutes_ago):
        row = OutboxMessage(to_address="a@example.org", subject="s", body="b", headers={},
                            status=status, attempts=0, created_at=clock.now(),
                            next_attempt_at=clock.now() - timedelta(minutes=minutes_ago))
        db.session.add(row)
        return row

    lost, dead_worker = message("queued", 5), message("sending", 30)
    message("sending", 1)  # a worker is on it right now
    message("failed", 60)  # waits for an administrator
    db.session.commit()
    huey = jobs.huey_of(app)
    assert outbox.sweep_outbox() == 2
    assert huey.pending_count() == 2
    db.session.refresh(dead_worker)
    assert dead_worker.status == "retrying" and lost.status == "queued"


def test_a_rolled_back_action_sends_nothing(app, db):
    from app.core.mail import send_mail

    send_mail("ana@example.org", "Hola", "x")
    db.session.rollback()
    assert jobs.huey_of(app).pending_count() == 0
    assert rows(db) == []


def test_only_failed_messages_are_retried_and_only_by_admins(app, client, db, login, admin,
                                                             create_user):
    from app.core.mail import send_mail

    send_mail("ana@example.org", "Hola", "x")
    db.session.commit()
    [message] = rows(db)
    login(create_user())
    assert client.get("/admin/outbox").status_code == 403
    assert client.post(f"/admin/outbox/{message.id}/retry").status_code == 403
    client.post("/accounts/logout")
    login(admin)
    response = client.post(f"/admin/outbox/{message.id}/retry",
                           headers={"Accept-Language": "en"})
    assert response.status_code == 409
    assert "Only a message that failed" in response.get_data(as_text=True)


def test_a_savepoint_does_not_send_what_the_transaction_has_not_committed(app, db):
    from app.core.mail import send_mail

    send_mail("ana@example.org", "Hola", "x")
    with db.session.begin_nested():
        send_mail("beto@example.org", "Hola", "y")
    assert jobs.huey_of(app).pending_count() == 0  # nothing leaves before the commit
    db.session.commit()
    assert jobs.huey_of(app).pending_count() == 2


def test_deployments_sharing_one_redis_keep_their_jobs_apart(app):
    """Two deployments on one Redis, each with its JOBS_QUEUE_NAME: a job queued by one is
    never in the other's queue, so neither's worker runs the other's mail."""
    import uuid

    from flask import Flask

    names = [f"minga-test-{uuid.uuid4().hex}" for _ in range(2)]
    deployments = []
    for name in names:
        other = Flask(name)
        other.config.update(app.config, JOBS_REDIS_URL="redis://127.0.0.1:6379/0",
                            JOBS_QUEUE_NAME=name, JOBS_IMMEDIATE=False)
        jobs.init_app(other)
        jobs.register(other, outbox.sweep_outbox)
        deployments.append(other)
    try:
        with deployments[0].app_context():
            jobs.enqueue("sweep_outbox")
        assert [jobs.huey_of(d).pending_count() for d in deployments] == [1, 0]
    finally:
        for deployment in deployments:
            jobs.huey_of(deployment).flush()

"""Fixtures: a fresh app and database per test, a movable clock, factories and login.

Tests run against a real SQLite file, or against the PostgreSQL database in
DATABASE_URL (CI runs both). CSRF is off by default so tests can post forms
directly; `@pytest.mark.config(WTF_CSRF_ENABLED=True)` turns it back on for
the tests that prove it works.
"""

import email
import email.policy
import itertools
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text
from werkzeug.serving import make_server

from app import create_app
from app.accounts.models import User
from app.accounts.passwords import hash_password
from app.calls.models import Call
from app.core.clock import FrozenClock
from app.extensions import db as _db

# A fixed moment inside the default test call's submission window.
T0 = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
PASSWORD = "quiet-harbour-lantern-42"


def pytest_configure(config):
    config.addinivalue_line("markers", "config(**overrides): app config for this test")


class IsolatedClient(FlaskClient):
    """Give every request its own app context, as in production.

    The fixture keeps a context pushed for the test body; without this, requests
    would share its `g` (Flask-Login's cached user) and its database session.
    """

    def open(self, *args, **kwargs):
        # End the test body's transaction around each request: it holds a snapshot
        # (SQLite WAL, PostgreSQL) in which the request's writes would be invisible.
        _db.session.commit()
        try:
            with self.application.app_context():
                return super().open(*args, **kwargs)
        finally:
            _db.session.commit()


@pytest.fixture
def app(request, tmp_path):
    overrides = {
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SESSION_FILE_DIR": str(tmp_path / "sessions"),
        "EXPORT_DIR": str(tmp_path / "exports"),
        "DATA_EXPORT_DIR": str(tmp_path / "data-exports"),
        "MINGA_STORAGE_DIR": str(tmp_path / "documents"),
        "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3"),
        "WTF_CSRF_ENABLED": False,
    }
    if not os.environ.get("DATABASE_URL"):
        overrides["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'minga-test.sqlite3'}"
    marker = request.node.get_closest_marker("config")
    if marker:
        overrides.update(marker.kwargs)
    app = create_app(overrides)
    app.clock = FrozenClock(T0)
    app.test_client_class = IsolatedClient
    # A request context, so services called directly can build links as in a request.
    with app.test_request_context():
        _db.drop_all()  # a run that was interrupted may have left tables behind
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def clock(app) -> FrozenClock:
    return app.clock


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def create_user(app):
    counter = {"n": 0}

    def make(**fields) -> User:
        counter["n"] += 1
        n = counter["n"]
        values = {
            "email": f"person{n}@example.org",
            "name": f"Person {n}",
            "sector": "civil_society",
            "region": app.config["MINGA_REGIONS"][0],
            "role": "participant",
            "email_verified_at": app.clock.now(),
            "privacy_accepted_at": app.clock.now(),
            "created_at": app.clock.now(),
        }
        password = fields.pop("password", PASSWORD)
        values.update(fields)
        user = User(password_hash=hash_password(password), **values)
        _db.session.add(user)
        _db.session.commit()
        return user

    return make


@pytest.fixture
def admin(create_user) -> User:
    return create_user(role="admin", name="Admin", email="admin@example.org",
                       sector="government")


@pytest.fixture
def create_call(app):
    numbers = itertools.count(1)

    def make(**fields) -> Call:
        now = app.clock.now()
        values = {
            "slug": f"call-{next(numbers)}",
            "title": "Plan de Acción 2026",
            "description": "Una convocatoria abierta.",
            "submission_opens_at": now - timedelta(days=5),
            "submission_closes_at": now + timedelta(days=10),
            "voting_opens_at": now + timedelta(days=15),
            "voting_closes_at": now + timedelta(days=30),
            "themes": ["Acceso a la información", "Contrataciones abiertas"],
            "rules": "La Mesa decide por consenso.",
            "created_at": now,
            "updated_at": now,
        }
        values.update(fields)
        call = Call(**values)
        _db.session.add(call)
        _db.session.commit()
        return call

    return make


PROPOSAL_TEXT = {
    "title": "Registro abierto de beneficiarios finales",
    "summary": "Publicar quién controla las empresas que contratan con el Estado.",
    "problem": "Hoy no se sabe quién está detrás de muchas empresas proveedoras.",
    "commitment": "- Crear un registro público\n- Publicarlo como datos abiertos",
    "solution": "La ciudadanía y la prensa podrán detectar conflictos de interés.",
    "expected_results": "Registro en línea con actualización mensual.",
    "ogp_values": ["transparency", "accountability"],
    "responsible_body": "ChileCompra",
    "region": "national",
    "organisation": None,
}


@pytest.fixture
def create_proposal(app, create_user):
    """Make a proposal directly in any phase (published unless status says otherwise)."""
    from app.proposals import search
    from app.proposals.models import Proposal
    from app.proposals.references import next_reference

    def make(call, author=None, **fields) -> Proposal:
        now = app.clock.now()
        values = dict(PROPOSAL_TEXT, theme=call.themes[0], status="published",
                      created_at=now, updated_at=now, published_at=now, vote_count=0)
        values.update(fields)
        proposal = Proposal(call=call, author=author or create_user(), **values)
        _db.session.add(proposal)
        _db.session.flush()
        if proposal.status != "draft":
            proposal.reference = proposal.reference or next_reference(call)
            search.index_proposal(proposal)
        else:
            proposal.published_at = None
        _db.session.commit()
        return proposal

    return make


@pytest.fixture
def login(client):
    def do(user: User, password: str = PASSWORD, remember: bool = False, follow=False):
        data = {"email": user.email, "password": password}
        if remember:
            data["remember"] = "y"
        return client.post("/accounts/login", data=data, follow_redirects=follow)

    return do


@pytest.fixture
def outbox(app):
    """Read the file backend's messages: outbox() returns them oldest first.

    Mail leaves when the transaction that queued it commits (app/core/outbox.py): a test
    calling services directly commits first, as a request would.
    """
    def read() -> list[email.message.EmailMessage]:
        _db.session.commit()
        folder = Path(app.config["MAIL_OUTBOX_DIR"])
        if not folder.exists():
            return []
        return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
                for p in sorted(folder.glob("*.eml"))]

    return read


@pytest.fixture
def live_server(app):
    """The app served by a real multi-threaded WSGI server on loopback; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def spare_postgresql():
    """On PostgreSQL, the URL of a database beside the tests' own, for restores (dropped at
    the end of the run); None on SQLite. Made once: dropping a database forces a checkpoint,
    seconds on a busy machine."""
    url = make_url(os.environ.get("DATABASE_URL") or "sqlite://")
    if url.get_backend_name() != "postgresql":
        yield None
        return
    url = url.set(drivername="postgresql+psycopg")
    name = f"minga_restore_{os.getpid()}"
    maintenance = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with maintenance.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name)
    finally:
        with maintenance.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        maintenance.dispose()


@pytest.fixture
def empty_database(tmp_path, spare_postgresql):
    """empty_database() gives the URL of an empty database of the kind the tests run on: a
    SQLite file that does not exist yet, or the spare PostgreSQL database emptied (so on
    PostgreSQL, once per test)."""
    numbers = itertools.count(1)

    def make() -> str:
        number = next(numbers)
        if spare_postgresql is None:
            return f"sqlite:///{tmp_path / f'restored-{number}.sqlite3'}"
        assert number == 1, "one empty PostgreSQL database per test"
        engine = create_engine(spare_postgresql)
        try:
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        finally:
            engine.dispose()
        return spare_postgresql.render_as_string(hide_password=False)

    return make

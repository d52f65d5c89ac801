"""`flask backup` and `flask restore` on the database the tests run on (SQLite, or
PostgreSQL in CI's second pass): a round trip, what they refuse, and the checks that stop
a restore that differs from its backup. During a vote storm: tests/durability."""

import shutil
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import delete, func, select, text

from app import create_app
from app.accounts.models import User
from app.backup import services
from app.extensions import db as _db

HEADERS = {"sqlite": services.SQLITE_HEADER, "postgresql": services.PG_DUMP_HEADER}


@pytest.fixture
def restore_target(app, empty_database):
    """restore_target() gives an app on a new, empty database, as a fresh instance has."""
    made = []

    def make():
        folders = {name: app.config[name] for name in (
            "MAIL_OUTBOX_DIR", "SESSION_FILE_DIR", "EXPORT_DIR", "JOBS_SQLITE_PATH")}
        target = create_app({**folders, "SQLALCHEMY_DATABASE_URI": empty_database()})
        made.append(target)
        return target

    yield make
    for target in made:
        with target.app_context():
            _db.engine.dispose()


@pytest.fixture
def backup_file(db, runner, tmp_path):
    """backup_file() backs up the test's database through the command; returns the file."""
    def make():
        db.session.commit()
        out = tmp_path / "minga.backup"
        result = runner.invoke(args=["backup", "--out", str(out)])
        assert result.exit_code == 0, result.output
        return out

    return make


def emails(db) -> list[str]:
    return sorted(db.session.scalars(select(User.email)))


def test_a_backup_restores_every_row_into_an_empty_database(db, create_user, backup_file,
                                                            restore_target):
    people = [create_user().email for _ in range(3)]
    file = backup_file()
    with restore_target().app_context() as context:
        result = context.app.test_cli_runner().invoke(args=["restore", str(file)])
        assert result.exit_code == 0, result.output
        assert "the integrity checks pass" in result.output
        assert emails(_db) == sorted(people)


def test_the_backup_holds_what_sqlite_still_keeps_in_its_write_ahead_log(
        db, create_user, backup_file, tmp_path):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's write-ahead log")
    people = [create_user().email for _ in range(3)]
    db.session.commit()
    copied = shutil.copyfile(db.engine.url.database, tmp_path / "copied.sqlite3")

    def users_in(path) -> int:
        connection = sqlite3.connect(path)
        try:
            tables = {name for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "users" not in tables:
                return 0
            return connection.execute("SELECT count(*) FROM users").fetchone()[0]
        finally:
            connection.close()

    assert users_in(copied) == 0  # a copy of the file: the accounts are in the WAL beside it
    assert users_in(backup_file()) == len(people)


def test_restore_refuses_a_database_that_is_not_empty(db, runner, create_user, backup_file):
    create_user()
    file = backup_file()
    create_user()
    result = runner.invoke(args=["restore", str(file)])
    assert result.exit_code == 1
    assert "The database is not empty" in result.output
    assert "restored only into an empty database" in result.output
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(User)) == 2


def test_restore_refuses_a_file_that_is_not_a_backup_of_this_kind_of_database(
        db, tmp_path, restore_target):
    other = "postgresql" if db.engine.dialect.name == "sqlite" else "sqlite"
    wrong_kind = tmp_path / "other.backup"
    wrong_kind.write_bytes(HEADERS[other] + b"\0" * 100)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a backup")
    with restore_target().app_context() as context:
        runner = context.app.test_cli_runner()
        result = runner.invoke(args=["restore", str(wrong_kind)])
        assert result.exit_code == 1
        assert f"is a {services.KINDS[other]} backup" in result.output
        result = runner.invoke(args=["restore", str(notes)])
        assert result.exit_code == 1
        assert "is not a backup made by `flask backup`" in result.output


def test_backup_never_overwrites_a_file(runner, tmp_path):
    out = tmp_path / "last-night.backup"
    out.write_text("yesterday's backup")
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 1 and "exists already" in result.output
    assert out.read_text() == "yesterday's backup"


def test_the_checks_name_what_differs_from_the_backup(db, create_user, backup_file,
                                                      restore_target):
    first, _ = create_user(), create_user()
    file = backup_file()
    with restore_target().app_context():
        engine = _db.engine
        counts = services.restore(engine, file)
        assert services.check_restored(engine, counts) == []
        sqlite = engine.dialect.name == "sqlite"
        with engine.begin() as connection:
            connection.execute(delete(User).where(User.id == first.id))
            if not sqlite:  # the next account would be given an id already taken
                connection.execute(text(
                    "SELECT setval(pg_get_serial_sequence('users', 'id'), 1, false)"))
        if sqlite:  # a ballot of no call and no account (foreign keys are off by default)
            with closing(sqlite3.connect(engine.url.database)) as connection, connection:
                connection.execute("INSERT INTO ballots (call_id, user_id, budget, used, "
                                   "created_at) VALUES (999, 999, 3, 0, '2026-01-01')")
        problems = "\n".join(services.check_restored(engine, counts))
    assert f"{'users' if sqlite else 'public.users'} holds 1 rows; the backup holds 2" \
        in problems
    if sqlite:
        assert "a row of ballots (rowid 1) points to a missing" in problems
    else:
        assert "the sequence of public.users.id (1) is behind its rows (2)" in problems

"""A login checks the password (tens of milliseconds of hashing) before it takes SQLite's
one write lock: meanwhile other logins and votes on the site go on."""

import os
import sqlite3

import pytest

from app.accounts import passwords, throttle
from tests.conftest import PASSWORD

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")),
                                reason="SQLite's write lock; PostgreSQL locks rows")


def test_the_password_is_checked_while_others_can_still_write(app, client, db, create_user,
                                                             monkeypatch):
    user = create_user()
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    seen = []
    check = passwords.password_matches

    def check_while_another_writes(password_hash, password):
        other = sqlite3.connect(path, isolation_level=None, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            seen.append("free")
        except sqlite3.OperationalError:
            seen.append("locked")
        finally:
            other.close()
        return check(password_hash, password)

    monkeypatch.setattr(passwords, "password_matches", check_while_another_writes)
    wrong = client.post("/accounts/login", data={"email": user.email,
                                                 "password": "not-the-password-at-all"})
    assert wrong.status_code == 401
    counter = throttle.find(throttle.address_key(user.email))
    assert counter.failures == 1  # still counted
    db.session.rollback()
    right = client.post("/accounts/login", data={"email": user.email, "password": PASSWORD})
    assert right.status_code == 302
    assert throttle.find(throttle.address_key(user.email)) is None  # cleared
    assert seen == ["free", "free"]

"""The connection each process keeps for votes (app/database.py, OwnConnection)."""

import pytest

from app.database import OwnConnection, _kept
from app.voting import services
from tests.voting.test_routes import call, count_votes, proposals, url, voter  # noqa: F401


def kept_connection(db) -> OwnConnection | None:
    return _kept.get(db.engine)


def lose(db, kept: OwnConnection) -> None:
    """The database drops the kept connection (PostgreSQL restarting ends its backend)."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as other:
            other.exec_driver_sql(
                f"SELECT pg_terminate_backend({kept.connection.info.backend_pid})")
    else:
        kept.connection.close()


def test_votes_share_one_connection_and_leave_no_transaction_open(
        client, db, proposals, voter):  # noqa: F811
    assert client.post(url(proposals[0])).status_code == 302
    kept = kept_connection(db)
    assert client.post(url(proposals[1])).status_code == 302
    assert kept_connection(db) is kept and not kept.closed
    if db.engine.dialect.name == "sqlite":
        assert not kept.connection.in_transaction
    else:
        assert kept.connection.info.transaction_status.name == "IDLE"
    assert count_votes(db) == 2


def test_after_the_connection_is_lost_the_next_vote_opens_another(
        client, db, call, proposals, voter):  # noqa: F811
    assert client.post(url(proposals[0])).status_code == 302
    lost = kept_connection(db)
    lose(db, lost)
    # The vote that finds it gone fails whole (nothing half-written); the next one works.
    statuses = [client.post(url(proposals[1])).status_code for _ in range(2)]
    assert statuses in ([500, 302], [302, 409])
    assert lost.closed and kept_connection(db) is not lost
    db.session.rollback()
    assert count_votes(db) == 2
    assert services.count_mismatches(call) == []


def test_the_kept_connection_closes_with_the_engine(client, db, proposals, voter):  # noqa: F811
    assert client.post(url(proposals[0])).status_code == 302
    kept = kept_connection(db)
    db.engine.dispose()
    assert kept.closed and kept_connection(db) is None
    with pytest.raises(Exception):  # noqa: B017 - each driver says it its own way
        kept.connection.execute("SELECT 1")
    assert client.post(url(proposals[1])).status_code == 302

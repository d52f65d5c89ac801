"""A vote holds SQLite's one write lock for its writes only, not for its whole request."""

import pytest
from sqlalchemy import event

from tests.voting.test_routes import call, proposals, url, voter  # noqa: F401  (fixtures)


@pytest.fixture
def statements(db):
    """Every statement SQLite runs from now on, as it ran them (BEGIN IMMEDIATE included)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has no database-wide write lock")
    seen: list[str] = []

    def trace(dbapi_connection, _record):
        dbapi_connection.set_trace_callback(seen.append)

    db.engine.dispose()  # new connections, so every one is traced
    event.listen(db.engine, "connect", trace)
    yield seen
    event.remove(db.engine, "connect", trace)


def test_vote_reads_before_taking_the_write_lock(client, db, proposals, voter, statements):  # noqa: F811
    statements.clear()
    response = client.post(url(proposals[0]), data={"next": ""})
    assert response.status_code == 302
    locked = statements.index("BEGIN IMMEDIATE")
    before, after = statements[:locked], statements[locked:]
    assert before[0] == "BEGIN" and any("FROM users" in s for s in before)
    assert any("FROM proposals" in s for s in before)
    assert not any(s.startswith(("INSERT", "UPDATE", "DELETE")) for s in before)
    writes = [s.split()[0] + " " + s.split()[1 if s.startswith("UPDATE") else 2]
              for s in after if s.startswith(("INSERT", "UPDATE"))]
    assert writes == ["INSERT ballots", "UPDATE proposals", "INSERT votes", "UPDATE ballots",
                      "INSERT audit_events"]
    assert after[-1] == "COMMIT"


def test_a_refused_vote_leaves_the_count_alone(client, db, proposals, voter):  # noqa: F811
    client.post(url(proposals[0]), data={"next": ""})
    response = client.post(url(proposals[0]), data={"next": ""})
    assert response.status_code == 409
    db.session.refresh(proposals[0])
    assert proposals[0].vote_count == 1

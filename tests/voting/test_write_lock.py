"""A vote holds SQLite's one write lock for its writes only, not for its whole request."""

import pytest
from sqlalchemy import event

from tests.voting.test_routes import EN, JSON, call, proposals, url, voter  # noqa: F401  (fixtures)


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


def writes(statements) -> list[str]:
    return [s.split()[0] + " " + s.split()[1 if s.startswith("UPDATE") else 2]
            for s in statements if s.startswith(("INSERT", "UPDATE", "DELETE"))]


def test_vote_reads_before_taking_the_write_lock(client, db, proposals, voter, statements):  # noqa: F811
    path = url(proposals[0])
    statements.clear()
    response = client.post(path, data={"next": ""})
    assert response.status_code == 302
    locked = statements.index("BEGIN IMMEDIATE")
    before, after = statements[:locked], statements[locked:]
    # The reads, outside any transaction: the login's account, call, proposal, ballot.
    reads = [s for s in before if s.startswith("SELECT")]
    assert all(any(f"FROM {t}" in read for read in reads)
               for t in ("users", "calls", "proposals", "ballots"))
    assert "BEGIN" not in before
    assert not any(s.startswith(("INSERT", "UPDATE", "DELETE")) for s in before)
    assert writes(after) == ["INSERT ballots", "UPDATE proposals", "INSERT votes",
                             "UPDATE ballots", "INSERT audit_events"]
    assert after.count("COMMIT") == 1 and after.count("BEGIN IMMEDIATE") == 1
    assert not writes(after[after.index("COMMIT"):])  # what it reads after, it reads unlocked


def test_next_votes_reuse_the_ballot(client, db, proposals, voter, statements):  # noqa: F811
    client.post(url(proposals[0]), data={"next": ""})
    path = url(proposals[1])
    statements.clear()
    assert client.post(path, data={"next": ""}).status_code == 302
    after = statements[statements.index("BEGIN IMMEDIATE"):]
    assert writes(after) == ["UPDATE proposals", "INSERT votes", "UPDATE ballots",
                             "INSERT audit_events"]


def test_withdrawal_writes_in_the_lock_order_of_votes_and_merges(
        client, db, proposals, voter, statements):  # noqa: F811
    client.post(url(proposals[0]), data={"next": ""})
    path = url(proposals[0], "withdraw")
    statements.clear()
    assert client.post(path, data={"next": ""}).status_code == 302
    after = statements[statements.index("BEGIN IMMEDIATE"):]
    # The proposal row first, as a cast and a merge take it, so neither waits on the other
    # in a circle (PostgreSQL row locks); then the vote, the ballot and the audit trail.
    assert writes(after) == ["UPDATE proposals", "DELETE votes", "UPDATE ballots",
                             "INSERT audit_events"]
    assert "COMMIT" in after


def test_refusal_page_renders_without_the_lock(client, db, proposals, voter, statements):  # noqa: F811
    client.post(url(proposals[0]), data={"next": ""})
    path = url(proposals[0])
    statements.clear()
    response = client.post(path, data={"next": ""}, headers=EN)
    assert response.status_code == 409
    rolled_back = statements.index("ROLLBACK")
    assert "BEGIN IMMEDIATE" not in statements[rolled_back:]
    assert any(s.startswith("SELECT") for s in statements[rolled_back:])  # the page's reads


def test_in_page_answer_renders_without_the_lock(client, db, call, proposals, voter,  # noqa: F811
                                                 statements):
    call.hide_counts_until_close = False  # the answer then reads the new count
    db.session.commit()
    path = url(proposals[0])
    statements.clear()
    response = client.post(path, headers=JSON)
    assert response.status_code == 200 and response.json["voted"]
    assert statements.count("BEGIN IMMEDIATE") == 1
    committed = statements.index("COMMIT", statements.index("BEGIN IMMEDIATE"))
    assert any(s.startswith("SELECT") for s in statements[committed:])  # the count's read


def test_a_refused_vote_leaves_the_count_alone(client, db, proposals, voter):  # noqa: F811
    client.post(url(proposals[0]), data={"next": ""})
    response = client.post(url(proposals[0]), data={"next": ""})
    assert response.status_code == 409
    db.session.refresh(proposals[0])
    assert proposals[0].vote_count == 1

"""The benchmark's generated call is consistent, the way the services would have left it."""

import sqlite3

import pytest

from app.proposals.search_words import stems
from bench import data

SMALL = data.Sizes(proposals=120, users=1_000, votes=2_000)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A call built with few votes and grown to SMALL.votes, one built at once, and the
    copy the benchmark keeps of the first before it grows."""
    at = data.anchor()
    folder = tmp_path_factory.mktemp("bench")
    grown, direct = folder / "grown.sqlite3", folder / "direct.sqlite3"
    few = data.Sizes(SMALL.proposals, SMALL.users, 200)
    data.build(f"sqlite:///{grown}", few, at)
    copy = data.copy_database(f"sqlite:///{grown}", "_few")
    data.grow(f"sqlite:///{grown}", SMALL, at, had=data.vote_total(few, at))
    data.build(f"sqlite:///{direct}", SMALL, at)
    with sqlite3.connect(grown) as a, sqlite3.connect(direct) as b, \
            sqlite3.connect(copy.removeprefix("sqlite:///")) as c:
        yield a, b, c


def test_counters_match_the_vote_rows(built):
    database, *_ = built
    assert database.execute(
        "SELECT count(*) FROM proposals WHERE vote_count != "
        "(SELECT count(*) FROM votes WHERE proposal_id = proposals.id)").fetchone() == (0,)
    assert database.execute(
        "SELECT count(*) FROM ballots WHERE used != "
        "(SELECT count(*) FROM votes WHERE ballot_id = ballots.id) OR used > budget"
    ).fetchone() == (0,)
    total = database.execute("SELECT count(*) FROM votes").fetchone()[0]
    assert SMALL.votes <= total < SMALL.votes + data.VOTES_PER_VOTER


def test_growing_gives_the_same_votes_as_building_at_once(built):
    grown, direct, _ = built
    query = "SELECT ballot_id, proposal_id FROM votes ORDER BY id"
    assert grown.execute(query).fetchall() == direct.execute(query).fetchall()


def test_votes_are_long_tailed_and_never_on_withdrawn_proposals(built):
    database, *_ = built
    counts = [n for (n,) in database.execute(
        "SELECT vote_count FROM proposals ORDER BY vote_count DESC")]
    top_tenth = sum(counts[: len(counts) // 10])
    assert top_tenth > 0.3 * sum(counts)  # a uniform spread would give 10 %
    assert database.execute("SELECT count(*) FROM votes JOIN proposals ON proposals.id = "
                            "proposal_id WHERE status != 'published'").fetchone() == (0,)


def test_fresh_voters_and_search_are_ready_for_the_benchmark(built):
    database, *_ = built
    # The casting benchmark logs in users past SMALL.voters: none may have voted yet.
    assert database.execute("SELECT count(*) FROM ballots WHERE user_id > ? OR user_id = 1",
                            (SMALL.voters,)).fetchone() == (0,)
    # Stemmed as the app indexes: "transparencia" is held as its stem.
    [stem] = stems(["transparencia"])
    assert database.execute("SELECT count(*) FROM proposal_search WHERE proposal_search "
                            "MATCH ?", (stem,)).fetchone()[0] > 0
    assert database.execute("SELECT count(*) FROM proposal_search WHERE proposal_search "
                            "MATCH 'transparencia'").fetchone()[0] == 0


def test_the_copy_holds_the_call_as_it_was_before_it_grew(built):
    grown, _, copy = built
    few = data.Sizes(SMALL.proposals, SMALL.users, 200)
    assert copy.execute("SELECT count(*) FROM votes").fetchone()[0] == data.vote_total(
        few, data.anchor())
    query = "SELECT id, reference FROM proposals ORDER BY id"
    assert copy.execute(query).fetchall() == grown.execute(query).fetchall()
    assert grown.execute("SELECT count(*) FROM votes").fetchone()[0] >= SMALL.votes


def test_fresh_voters_are_users_without_a_ballot_then_accounts_added(tmp_path):
    at = data.anchor()
    path = tmp_path / "fresh.sqlite3"
    data.build(f"sqlite:///{path}", SMALL, at)
    kept = SMALL.users - SMALL.voters  # the users kept without a ballot
    assert data.fresh_voters(f"sqlite:///{path}", SMALL, at, 3) == (
        [SMALL.voters + 1, SMALL.voters + 2, SMALL.voters + 3], 0)
    ids, added = data.fresh_voters(f"sqlite:///{path}", SMALL, at, kept + 5)
    assert added == 5 and ids == list(range(SMALL.voters + 1, SMALL.users + 6))
    with sqlite3.connect(path) as database:
        assert database.execute("SELECT count(*), max(id) FROM users").fetchone() == (
            SMALL.users + 5, SMALL.users + 5)
        assert database.execute("SELECT email FROM users WHERE id = ?", (ids[-1],)).fetchone() \
            == (f"voter-{ids[-1]}@bench.example.org",)
        placeholders = ",".join("?" * len(ids))
        assert database.execute(f"SELECT count(*) FROM ballots WHERE user_id IN "
                                f"({placeholders})", ids).fetchone() == (0,)

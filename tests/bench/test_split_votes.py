"""The prepared votes split in two for the turns with hello: each vote in one file."""

from bench.run import split_votes


def test_the_two_halves_hold_every_prepared_vote_once_in_order(tmp_path):
    votes = tmp_path / "votes.tsv"
    lines = [f"/calls/c/proposals/{n}/vote\tsession=s{n}\tcsrf_token=t\t2001:db8::{n}"
             for n in range(7)]
    votes.write_text("\n".join(lines) + "\n")
    first, second = split_votes(votes)
    assert first.read_text().splitlines() == lines[:3]
    assert second.read_text().splitlines() == lines[3:]
    assert first.read_text().endswith("\n") and second.read_text().endswith("\n")


def test_a_measurement_that_spent_every_prepared_vote_stops_the_run(tmp_path):
    import pytest

    from bench.run import check_not_spent

    votes = tmp_path / "votes.1.tsv"
    votes.write_text("a\nb\nc\n")
    check_not_spent({"requests": 2}, votes)  # time ran out first: a rate of the server
    with pytest.raises(SystemExit, match=r"all 3 votes of votes\.1\.tsv were cast"):
        check_not_spent({"requests": 3}, votes)

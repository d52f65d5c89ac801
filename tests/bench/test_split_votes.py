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

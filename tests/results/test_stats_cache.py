"""The results page's figures are kept for STATS_CACHE_SECONDS, and start over when what may
be shown changes."""

import re
from datetime import timedelta

import pytest

from app.voting import services as voting
from tests.helpers import text_of

EN = {"Accept-Language": "en"}
ES = {"Accept-Language": "es"}


def votes_cast(client) -> int:
    html = text_of(client.get("/calls/live/results", headers=EN))
    return int(re.search(r"<strong>(\d+)</strong> votes cast", html).group(1))


@pytest.fixture
def live_call(db, create_call, create_proposal, create_user, clock):
    """Voting is open and counts are public as they come in; three votes so far."""
    call = create_call(slug="live", hide_counts_until_close=False)
    proposals = [create_proposal(call, title=f"Propuesta {n}") for n in range(2)]
    clock.set(call.voting_opens_at + timedelta(hours=1))
    voters = [create_user() for _ in range(3)]
    for voter in voters:
        voting.cast_vote(call, proposals[0], voter)
    db.session.commit()

    def vote():
        voting.cast_vote(call, proposals[1], create_user())
        db.session.commit()

    return {"call": call, "vote": vote}


def test_without_a_cache_every_request_sees_new_votes(client, live_call):
    assert votes_cast(client) == 3
    live_call["vote"]()
    assert votes_cast(client) == 4
    assert "Figures as of" not in text_of(client.get("/calls/live/results", headers=EN))


@pytest.mark.config(STATS_CACHE_SECONDS=300)
def test_figures_are_kept_for_the_time_to_live(client, live_call, clock):
    assert votes_cast(client) == 3
    live_call["vote"]()
    clock.advance(seconds=299)
    assert votes_cast(client) == 3  # the figures computed 299 seconds ago
    html = text_of(client.get("/calls/live/results", headers=EN))
    assert "Figures as of" in html
    clock.advance(seconds=1)
    assert votes_cast(client) == 4


@pytest.mark.config(STATS_CACHE_SECONDS=300)
def test_the_ranking_itself_is_never_cached(client, live_call):
    votes_cast(client)
    live_call["vote"]()
    html = text_of(client.get("/calls/live/results", headers=EN))
    assert re.search(r"<td[^>]*>1</td>\s*<td[^>]*><a [^>]+>[^<]+Propuesta 1", html)  # its new vote


@pytest.mark.config(STATS_CACHE_SECONDS=30 * 24 * 3600)
def test_publication_and_closing_start_new_figures(client, full_cycle):
    results = "/calls/nap/results"
    html = text_of(client.get(results, headers=EN))
    assert "votes cast" not in html  # counts hidden while voting
    full_cycle["close_voting"]()
    html = text_of(client.get(results, headers=EN))
    assert "<strong>15</strong> votes cast" in html  # the counters add up to the vote rows
    assert "of proposals included in the plan" not in html
    full_cycle["publish"]()
    assert "100.0%" in text_of(client.get(results, headers=EN))


@pytest.mark.config(STATS_CACHE_SECONDS=300)
def test_one_entry_serves_both_languages(client, full_cycle):
    full_cycle["close_voting"]()
    english = text_of(client.get("/calls/nap/results", headers=EN))
    spanish = text_of(client.get("/calls/nap/results", headers=ES))
    sectors = lambda html: html.split('id="chart-sector"')[1].split("</figure>")[0]  # noqa: E731
    assert "Civil society organisation" in sectors(english)
    assert "Organización de la sociedad civil" in sectors(spanish)
    assert "Civil society organisation" not in sectors(spanish)
    assert "Cifras al" in spanish

"""The results page's charts: every participant counted, nobody singled out, figures written
as the reader's language writes them."""

import re
from datetime import timedelta
from itertools import product

import pytest
from flask_babel import force_locale

from app.results.stats import MIN_GROUP, OTHER_KEY, merge_small_groups, share
from app.voting import services as voting
from tests.helpers import text_of

EN = {"Accept-Language": "en"}
ES = {"Accept-Language": "es"}


def test_small_groups_fold_into_others_and_nobody_is_lost():
    assert merge_small_groups([("A", 12), ("B", 4), ("C", 3), ("D", 1)]) == [
        ("A", 12), (OTHER_KEY, 8)]
    # "Others" under five would single out C: the smallest group shown joins it.
    assert merge_small_groups([("A", 9), ("B", 6), ("C", 3)]) == [("A", 9), (OTHER_KEY, 9)]
    assert merge_small_groups([("B", 6), ("A", 9)]) == [("A", 9), ("B", 6)]
    assert merge_small_groups([]) == []


@pytest.mark.parametrize("rows", [
    [("civil_society", 6), ("academia", 1), ("private_sector", 1), ("citizen", 1)],
    [("A", 3), ("B", 3)],
    [("A", MIN_GROUP - 1)],
])
def test_a_breakdown_that_would_be_only_others_is_withheld(rows):
    assert merge_small_groups(rows) is None


def test_no_breakdown_loses_anyone_or_shows_a_group_under_five():
    for sizes in product(range(MIN_GROUP + 3), repeat=4):
        rows = [(key, n) for key, n in zip("ABCD", sizes, strict=True) if n]
        shown = merge_small_groups(rows)
        if shown is None:
            continue
        assert sum(n for _key, n in shown) == sum(sizes), sizes
        assert all(n >= MIN_GROUP for _key, n in shown), sizes


@pytest.fixture
def sectors_call(db, create_call, create_proposal, create_user, clock):
    """Voting has closed on a call whose participants are given by sector; returns a maker."""
    def make(**sectors):
        call = create_call(slug="nap", hide_counts_until_close=False,
                           themes=["Datos abiertos y transformación digital", "Salud"])
        author = create_user(sector="civil_society")
        proposal = create_proposal(call, author=author)
        clock.set(call.voting_opens_at + timedelta(hours=1))
        voters = [create_user(sector=sector) for sector, n in sectors.items() for _ in range(n)]
        for voter in voters:
            voting.cast_vote(call, proposal, voter)
        db.session.commit()
        return call
    return make


def chart(html: str, name: str) -> str:
    return html.split(f'id="chart-{name}"')[1].split("</figure>")[0]


def test_the_sector_chart_counts_everyone_or_says_why_not(client, sectors_call):
    sectors_call(civil_society=5, academia=1, private_sector=1, citizen=1)  # 6 of 9 together
    html = text_of(client.get("/calls/nap/results", headers=EN))
    assert "<strong>9</strong> participants" in html
    sectors = chart(html, "sector")
    assert "too few people in each group" in sectors
    assert "Civil society organisation" not in sectors and "<table" not in sectors


def test_a_small_others_takes_the_next_group_and_the_total_is_everyone(client, sectors_call):
    sectors_call(civil_society=6, academia=5, citizen=3, private_sector=1)
    html = text_of(client.get("/calls/nap/results", headers=EN))
    assert "<strong>16</strong> participants" in html
    sectors = chart(html, "sector")
    labels = re.findall(r'<th scope="row" class="bar-label">([^<]+)</th>', sectors)
    values = re.findall(r'<span class="bar-value">(\d+)</span>', sectors)
    assert labels == ["Civil society organisation", "Others (smaller groups together)", "Total"]
    assert values == ["7", "9", "16"]  # the author is civil society too


def test_figures_are_written_in_the_readers_language(app, client, full_cycle):
    full_cycle["publish"]()
    spanish = text_of(client.get("/calls/nap/results", headers=ES))
    english = text_of(client.get("/calls/nap/results", headers=EN))
    assert "100,0\N{NO-BREAK SPACE}%" in spanish and "100.0%" in english
    days = chart(spanish, "days")
    voting_day = full_cycle["call"].voting_opens_at  # 25 March 2026, when everyone voted
    assert "25 mar 2026" in days and voting_day.date().isoformat() not in days
    assert "Mar 25, 2026" in chart(english, "days")
    with force_locale("es"):
        assert share(0.25) == "25,0\N{NO-BREAK SPACE}%"
    with force_locale("en"):
        assert share(0.25) == "25.0%"

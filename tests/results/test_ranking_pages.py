"""The results page shows the ranking a page at a time, with ranks right across pages."""

import re
from datetime import timedelta

import pytest

from app.voting import ranking
from tests.helpers import text_of
from tests.review.conftest import RESPONSE, publish
from tests.seating import decide, seat_panel

EN = {"Accept-Language": "en"}
ROW = re.compile(r'<tr>\s*<td[^>]*>(\d+)( <span class="badge">tie</span>)?</td>\s*<td[^>]*>(\d+)</td>\s*'
                 r'<td[^>]*><a href="[^"]+">[^<]+ · ([^<]+)</a>')


def rows(client, url):
    """(rank, tied, votes, title) of each row of the ranking table on the English page."""
    response = client.get(url, headers=EN)
    assert response.status_code == 200
    return [(int(rank), bool(tie), int(votes), title)
            for rank, tie, votes, title in ROW.findall(text_of(response))]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(ranking, "PER_PAGE", 2)


@pytest.fixture
def closed_call(create_call, create_proposal, clock):
    """Voting has closed: 9, 7, 7, 7 and 5 votes, so a tie runs over a page boundary."""
    call = create_call(slug="nap")
    proposals = [create_proposal(call, title=f"Propuesta {n}", vote_count=votes)
                 for n, votes in enumerate((9, 7, 7, 7, 5))]
    clock.set(call.voting_closes_at + timedelta(hours=1))
    return call, proposals


def test_ranks_and_ties_are_right_across_page_boundaries(client, closed_call, small_pages):
    assert rows(client, "/calls/nap/results") == [(1, False, 9, "Propuesta 0"),
                                                  (2, True, 7, "Propuesta 1")]
    assert rows(client, "/calls/nap/results?page=2") == [(2, True, 7, "Propuesta 2"),
                                                         (2, True, 7, "Propuesta 3")]
    assert rows(client, "/calls/nap/results?page=3") == [(5, False, 5, "Propuesta 4")]


def test_pages_link_to_each_other(client, closed_call, small_pages):
    html = text_of(client.get("/calls/nap/results?page=2", headers=EN))
    assert "Page 2 of 3" in html
    assert 'href="/calls/nap/results?page=1"' in html and 'href="/calls/nap/results?page=3"' in html


def test_one_page_needs_no_page_links(client, closed_call):
    html = text_of(client.get("/calls/nap/results", headers=EN))
    assert len(rows(client, "/calls/nap/results")) == 5
    assert 'class="pagination"' not in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "2.5", "", "1e9", "9" * 40])
def test_bad_page_numbers_never_fail(client, closed_call, small_pages, page):
    assert rows(client, f"/calls/nap/results?page={page}")


def test_a_page_past_the_end_shows_the_last_page(client, closed_call, small_pages):
    assert rows(client, "/calls/nap/results?page=40") == [(5, False, 5, "Propuesta 4")]


def test_a_call_without_proposals_shows_the_empty_state(client, create_call, clock):
    call = create_call(slug="empty")
    clock.set(call.voting_closes_at + timedelta(hours=1))
    response = client.get("/calls/empty/results?page=3", headers=EN)
    assert response.status_code == 200 and "No proposals to rank." in text_of(response)


def test_each_page_shows_its_own_outcomes(client, db, closed_call, small_pages, admin,
                                          create_user):
    call, proposals = closed_call
    seat_panel(create_user)
    for n, proposal in enumerate(proposals):
        decide(call, proposal, response=RESPONSE,
               outcome="included" if n < 4 else "not_included")
    publish(admin, call)
    db.session.commit()
    last = text_of(client.get("/calls/nap/results?page=3", headers=EN))
    first = text_of(client.get("/calls/nap/results", headers=EN))
    assert "Not included" in last and "Included in the plan" not in last
    assert "Included in the plan" in first and "Not included" not in first


def test_counts_stay_hidden_while_voting(client, create_call, create_proposal, clock):
    call = create_call(slug="nap")
    create_proposal(call, title="Propuesta secreta", vote_count=40)
    clock.set(call.voting_opens_at + timedelta(hours=1))
    assert rows(client, "/calls/nap/results?page=2") == []
    assert "Vote counts are hidden" in text_of(client.get("/calls/nap/results", headers=EN))

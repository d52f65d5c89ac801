"""The Working Group queue a page at a time: same ranks as the public results, filters in SQL
that survive paging, progress figures over the whole call."""

import html as markup
import re
from datetime import timedelta

import pytest

from app.review import services
from app.voting import ranking
from tests.helpers import text_of
from tests.review.conftest import AGREE, RESPONSE
from tests.seating import decide

EN = {"Accept-Language": "en"}
ROW = re.compile(r'<tr[^>]*>\s*(?:<td[^>]*>(\d+)( <span class="badge">tie</span>)?</td>\s*'
                 r'<td[^>]*>(\d+)</td>)?\s*<td[^>]*><a href="[^"]+">[^<]+ · ([^<]+)</a>')
VOTES = (9, 7, 7, 5, 3, 3)


def page(client, url):
    response = client.get(url, headers=EN)
    assert response.status_code == 200
    return text_of(response)


def rows(html):
    """(rank, tied, votes, title) of each row; rank and votes are None while counts are hidden."""
    return [(int(rank) if rank else None, bool(tie), int(votes) if votes else None, title)
            for rank, tie, votes, title in ROW.findall(html)]


def next_link(html):
    found = re.search(r'<a rel="next" href="([^"]+)"', html)
    return markup.unescape(found.group(1)) if found else None


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(ranking, "PER_PAGE", 2)


@pytest.fixture
def ranked(review_call, create_proposal):
    """Six proposals, themes alternating; 9, 7, 7, 5, 3 and 3 votes."""
    themes = review_call.themes
    return [create_proposal(review_call, title=f"Propuesta {n}", vote_count=votes,
                            theme=themes[n % 2],
                            ogp_values=["participation"] if n in (3, 4) else ["transparency"])
            for n, votes in enumerate(VOTES)]


@pytest.fixture
def member(client, group, login, to_review):
    to_review()
    login(group["academia"])
    return group["academia"]


def test_queue_pages_carry_the_public_ranks(client, ranked, member):
    queue = [rows(page(client, f"/review/nap/?page={n}")) for n in (1, 2, 3)]
    public = [rows(page(client, f"/calls/nap/results?page={n}")) for n in (1, 2, 3)]
    assert queue == public
    assert queue[1] == [(2, True, 7, "Propuesta 2"), (4, False, 5, "Propuesta 3")]
    assert queue[2] == [(5, True, 3, "Propuesta 4"), (5, True, 3, "Propuesta 5")]


def test_filters_keep_the_global_ranks_and_survive_paging(client, review_call, ranked, member):
    theme = review_call.themes[1]
    first = page(client, "/review/nap/?" + f"theme={theme}")
    assert rows(first) == [(2, True, 7, "Propuesta 1"), (4, False, 5, "Propuesta 3")]
    link = next_link(first)
    assert f"theme={theme.replace(' ', '+')}" in link and "page=2" in link
    assert "decision=" not in link  # only the filters in use travel
    assert rows(page(client, link)) == [(5, True, 3, "Propuesta 5")]


def test_filters_combine(client, db, review_call, ranked, member):
    decide(review_call, ranked[1], outcome="included",
                             response=RESPONSE, positions=AGREE)
    services.save_assessment(member, review_call, ranked[5],
                             {c: 2 for c in ("relevance", "specificity", "measurability",
                                             "feasibility", "impact")}, "")
    db.session.commit()
    theme = review_call.themes[1]
    url = f"/review/nap/?theme={theme}&decision=undecided"
    assert [r[3] for r in rows(page(client, url))] == ["Propuesta 3", "Propuesta 5"]
    url += "&mine=not_assessed"
    assert [r[3] for r in rows(page(client, url))] == ["Propuesta 3"]
    url = "/review/nap/?value=participation&decision=undecided"
    assert [r[3] for r in rows(page(client, url))] == ["Propuesta 3", "Propuesta 4"]
    assert rows(page(client, "/review/nap/?value=nonsense")) == []
    assert [r[3] for r in rows(page(client, "/review/nap/?mine=assessed"))] == ["Propuesta 5"]


def test_progress_counts_the_whole_call(client, db, review_call, ranked, member):
    for proposal in ranked[4:]:
        decide(review_call, proposal, outcome="included",
                                 response=RESPONSE, positions=AGREE)
    db.session.commit()
    for url in ("/review/nap/", "/review/nap/?page=2", "/review/nap/?decision=undecided"):
        assert "2 of 6 proposals have a decision" in page(client, url), url


@pytest.mark.parametrize("number", ["0", "-2", "x", "3.5", "", "9" * 40, "99"])
def test_bad_page_numbers_never_fail(client, ranked, member, number):
    assert rows(page(client, f"/review/nap/?page={number}"))


def test_a_filter_with_no_match_shows_the_empty_state(client, ranked, member):
    html = page(client, "/review/nap/?theme=Ninguno&page=4")
    assert "No proposal matches these filters." in html and rows(html) == []


def test_reference_order_across_pages_while_counts_are_hidden(client, review_call, ranked,
                                                              group, login, clock):
    clock.set(review_call.voting_opens_at + timedelta(hours=1))
    login(group["academia"])
    html = page(client, "/review/nap/?page=2")
    assert rows(html) == [(None, False, None, "Propuesta 2"), (None, False, None, "Propuesta 3")]
    assert ">7<" not in html and "Rank" not in html


def test_the_detail_page_shows_the_same_rank(client, ranked, member):
    html = page(client, f"/review/nap/proposals/{ranked[2].reference}")
    assert "Rank 2 (tie) · 7 votes" in html
    assert "Rank 4 · 5 votes" in page(client, f"/review/nap/proposals/{ranked[3].reference}")


def test_an_administrator_has_assessed_nothing(client, ranked, group, admin, login, to_review):
    to_review()
    login(admin)
    assert rows(page(client, "/review/nap/?mine=assessed")) == []
    assert [r[3] for r in rows(page(client, "/review/nap/?mine=not_assessed&page=3"))] == [
        "Propuesta 4", "Propuesta 5"]


def test_a_decision_without_agreement_is_not_decided_in_the_queue(client, db, review_call,
                                                                  ranked, member):
    decide(review_call, ranked[0], outcome="included", response=RESPONSE, positions=AGREE)
    # Every position is in, but consensus is not met: it cannot be published either.
    decide(review_call, ranked[1], outcome="included", response=RESPONSE,
           positions={**AGREE, "academia": "disagree"})
    db.session.commit()
    assert "1 of 6 proposals have a decision" in page(client, "/review/nap/")
    assert [r[3] for r in rows(page(client, "/review/nap/?decision=decided"))] == [
        "Propuesta 0"]
    undecided = page(client, "/review/nap/?decision=undecided")
    assert "Propuesta 1" in [r[3] for r in rows(undecided)]

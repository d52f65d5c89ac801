"""Paged ranking: the ranks and ties of every page agree with ranking the whole call at once."""

import random

import pytest

from app.voting import ranking


@pytest.fixture
def call(create_call):
    return create_call()


def ranked(call):
    return [(r.rank, r.tied, r.proposal.id) for r in ranking.ranked_proposals(call)]


def every_page(call, per_page):
    first = ranking.ranking_page(call, 1, per_page=per_page)
    pages = [ranking.ranking_page(call, n, per_page=per_page) for n in range(1, first.pages + 1)]
    return [(r.rank, r.tied, r.proposal.id) for page in pages for r in page.items]


@pytest.mark.parametrize("per_page", [1, 2, 3, 7])
def test_pages_agree_with_the_whole_ranking(db, call, create_proposal, per_page):
    rng = random.Random(per_page)
    for n in range(12):
        create_proposal(call, title=f"Propuesta {n}", vote_count=rng.choice([0, 1, 1, 4, 4, 9]))
    create_proposal(call, title="Retirada", status="withdrawn", vote_count=9)  # not ranked
    assert every_page(call, per_page) == ranked(call)


def test_ranks_and_ties_across_a_page_boundary(db, call, create_proposal):
    for votes in (9, 7, 7, 7, 5):
        create_proposal(call, vote_count=votes)
    pages = [[(r.rank, r.tied, r.votes) for r in ranking.ranking_page(call, n, per_page=2).items]
             for n in (1, 2, 3)]
    assert pages == [[(1, False, 9), (2, True, 7)], [(2, True, 7), (2, True, 7)],
                     [(5, False, 5)]]


def test_a_page_past_the_end_is_the_last_page(db, call, create_proposal):
    for votes in (3, 2, 1):
        create_proposal(call, vote_count=votes)
    page = ranking.ranking_page(call, 50, per_page=2)
    assert (page.page, page.pages, [r.votes for r in page.items]) == (2, 2, [1])
    assert not page.has_next and page.has_prev


def test_an_empty_ranking_has_one_empty_page(db, call):
    page = ranking.ranking_page(call, 3)
    assert (page.page, page.pages, page.total, page.items) == (1, 1, 0, [])


def test_rank_of_one_proposal(db, call, create_proposal):
    top, tied, other_tied = (create_proposal(call, vote_count=n) for n in (8, 3, 3))
    withdrawn = create_proposal(call, status="withdrawn", vote_count=20)
    place = lambda p: (ranking.rank_of(call, p).rank, ranking.rank_of(call, p).tied)  # noqa: E731
    assert [place(p) for p in (top, tied, other_tied)] == [(1, False), (2, True), (2, True)]
    assert ranking.rank_of(call, withdrawn) is None


def test_reference_order_works_out_no_ranks(db, call, create_proposal):
    low, high = create_proposal(call, vote_count=1), create_proposal(call, vote_count=5)
    page = ranking.ranking_page(call, 1, by_votes=False)
    assert [r.proposal.id for r in page.items] == [low.id, high.id]
    assert {r.rank for r in page.items} == {None}


@pytest.mark.parametrize("value, page", [(None, 1), ("", 1), ("abc", 1), ("0", 1), ("-3", 1),
                                         ("2.5", 1), ("4", 4), ("9" * 40, ranking.MAX_PAGE)])
def test_page_number(value, page):
    assert ranking.page_number(value) == page

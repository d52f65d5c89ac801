"""The public list pages on ids: every order walks all proposals once, page by page."""

import re
from datetime import timedelta

import pytest

from app.proposals import queries

REFERENCE = re.compile(r'/calls/nap-2026/proposals/(\d{4}-\d{4})"')


@pytest.fixture
def call(create_call):
    return create_call(slug="nap-2026", hide_counts_until_close=False)


@pytest.fixture
def many(app, call, create_proposal, create_user, monkeypatch):
    monkeypatch.setattr(queries, "PER_PAGE", 4)
    author = create_user()
    start = app.clock.now()
    made = []
    for n in range(11):
        made.append(create_proposal(call, author=author, vote_count=n % 3,
                                    title=f"Propuesta número {n} para el plan",
                                    published_at=start - timedelta(hours=n)))
    return made


def references_on(client, query: str) -> list[str]:
    page = client.get(f"/calls/nap-2026/proposals/?{query}").get_data(as_text=True)
    return list(dict.fromkeys(REFERENCE.findall(page)))


@pytest.mark.parametrize("sort", ["votes", "recent", "random"])
def test_pages_cover_every_proposal_once(client, many, sort):
    seen = [ref for page in (1, 2, 3) for ref in references_on(client, f"sort={sort}&page={page}")]
    assert sorted(seen) == sorted(p.reference for p in many)


def test_votes_order_breaks_ties_by_reference(client, many):
    expected = [p.reference for p in sorted(many, key=lambda p: (-p.vote_count, p.reference))]
    seen = [ref for page in (1, 2, 3) for ref in references_on(client, f"sort=votes&page={page}")]
    assert seen == expected


def test_recent_order_is_newest_first(client, many):
    assert references_on(client, "sort=recent&page=1") == [p.reference for p in many[:4]]


def test_a_page_past_the_end_is_empty_not_an_error(client, many):
    response = client.get("/calls/nap-2026/proposals/?sort=random&page=9")
    assert response.status_code == 200
    assert references_on(client, "sort=random&page=9") == []

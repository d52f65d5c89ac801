"""The random order gives no proposal an edge and shows no pattern, and it holds still
while one visitor pages through it."""

import random
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import load_only

from app.proposals import queries
from app.proposals.models import SHUFFLE_PRIME, Proposal

PROPOSALS, PER_PAGE, VISITORS = 100, 20, 1_000
# The chi-square distribution's upper 0.1 % point for PROPOSALS - 1 = 99 degrees of
# freedom: scipy.stats.chi2.ppf(0.999, 99) = 148.2304 (R: qchisq(0.999, 99)).
CHI_SQUARE_99_AT_P001 = 148.2304
# Five references in equal steps, as the old order showed: 0050, 0040, 0030, 0020, 0010.
PATTERN_RUN = 5


@pytest.fixture
def call(app, create_call, create_proposal, create_user):
    call = create_call(slug="nap")
    author = create_user()
    # Keys as publication draws them, but fixed, so the statistics below are the same on
    # every run (and a failure can be reproduced) rather than failing one run in a thousand.
    keys = random.Random(2026)
    for n in range(PROPOSALS):
        create_proposal(call, author=author, title=f"Propuesta {n}",
                        shuffle_key=keys.randrange(SHUFFLE_PRIME))
    return call


def visitor(n: int) -> int:
    return queries.visitor_seed("a secret key", f"10.0.{n // 256}.{n % 256}", "Firefox",
                                date(2026, 7, 1))


def number(reference: str) -> int:
    return int(reference.rsplit("-", 1)[1])  # 2026-0042 → 42


def numbers_on(call, seed: int, page: int = 1) -> list[int]:
    """The reference numbers on one page of the list in this visitor's random order."""
    found = queries.list_proposals(call, queries.Listing(sort="random", page=page), seed,
                                   per_page=PER_PAGE,
                                   options=(load_only(Proposal.id, Proposal.reference),))
    return [number(p.reference) for p in found.items]


def all_pages(db, call, seed: int) -> list[list[int]]:
    """Every page of this visitor's random order, in one query (as the list orders it)."""
    references = db.session.scalars(
        select(Proposal.reference).where(Proposal.call_id == call.id)
        .order_by(queries.shuffle_rank(seed), Proposal.id)).all()
    numbers = [number(r) for r in references]
    return [numbers[i:i + PER_PAGE] for i in range(0, len(numbers), PER_PAGE)]


def longest_arithmetic_run(numbers: list[int]) -> int:
    """How many neighbours in a row go up or down in equal steps."""
    longest = run = min(len(numbers), 2)
    for before, middle, after in zip(numbers, numbers[1:], numbers[2:], strict=False):
        run = run + 1 if after - middle == middle - before else 2
        longest = max(longest, run)
    return longest


def test_every_proposal_is_as_likely_to_be_on_the_first_page(db, call):
    on_first_page = dict.fromkeys(range(1, PROPOSALS + 1), 0)
    for n in range(VISITORS):
        for shown in all_pages(db, call, visitor(n))[0]:
            on_first_page[shown] += 1
    share = PER_PAGE / PROPOSALS
    expected = VISITORS * share
    # Pearson's statistic, each term divided by (1 - share) as well: a visitor's page holds
    # PER_PAGE different proposals, so each count is binomial (VISITORS, share), not Poisson.
    statistic = sum((seen - expected) ** 2 / (expected * (1 - share))
                    for seen in on_first_page.values())
    assert statistic < CHI_SQUARE_99_AT_P001
    assert min(on_first_page.values()) > 0


def test_no_page_shows_references_in_equal_steps(db, call):
    pages = [page for n in range(VISITORS) for page in all_pages(db, call, visitor(n))]
    assert max(longest_arithmetic_run(page) for page in pages) < PATTERN_RUN
    # Three in equal steps happen by chance (about one neighbouring triple in 200 here);
    # an order built on arithmetic (id * a + b mod p) gave them on most pages.
    triples = [longest_arithmetic_run(page[i:i + 3]) == 3
               for page in pages for i in range(len(page) - 2)]
    assert sum(triples) / len(triples) < 0.02


def test_paging_with_one_seed_shows_every_proposal_once(db, call):
    for n in range(3):
        seed = visitor(n)
        pages = [numbers_on(call, seed, page) for page in range(1, 7)]
        assert pages == [numbers_on(call, seed, page) for page in range(1, 7)]
        assert pages[:5] == all_pages(db, call, seed) and pages[5] == []
        assert sorted(n for page in pages for n in page) == list(range(1, PROPOSALS + 1))


def test_visitors_see_different_orders(call):
    first_pages = {tuple(numbers_on(call, visitor(n))) for n in range(20)}
    assert len(first_pages) == 20


def test_publication_draws_each_proposal_a_key(db, create_call, create_proposal):
    call = create_call()
    keys = [create_proposal(call).shuffle_key for _ in range(20)]
    assert all(0 <= key < SHUFFLE_PRIME for key in keys)
    assert len(set(keys)) == 20


@pytest.mark.parametrize("seed", [0, 1, 2**62 - 1, 2**31 - 1, 2**31, 0x2AAA_AAAA_5555_5555])
def test_the_database_computes_the_order_exactly(db, create_call, create_proposal, seed):
    # Both databases must give these very numbers: an overflow would turn SQLite's to
    # floating point and make PostgreSQL refuse the query.
    call = create_call()
    keys = [0, 1, 12345, SHUFFLE_PRIME // 2, SHUFFLE_PRIME - 2, SHUFFLE_PRIME - 1]
    for key in keys:
        create_proposal(call, shuffle_key=key)
    computed = db.session.execute(
        select(Proposal.shuffle_key, queries.shuffle_rank(seed))
        .where(Proposal.call_id == call.id).order_by(Proposal.shuffle_key)).all()
    mask, multiplier = seed % 2**31, 1 + (seed >> 31) % (SHUFFLE_PRIME - 1)
    assert computed == [(key, (key ^ mask) * multiplier % SHUFFLE_PRIME) for key in keys]

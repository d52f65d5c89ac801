"""No public page sends more SQL because it shows more rows (no N+1 queries).

Each page is requested once on a small world and once on a world three times
as large (still one page of results), counting every statement the request
sends to the database. A query per row — a lazy relationship read in a
template, a lookup in a loop — makes the second count larger. Counting is
exact on any machine, so nothing here is timed.
"""

from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import event

from app.accounts.models import User
from app.calls.models import Call
from app.moderation import services as moderation
from app.moderation.models import Comment
from app.proposals.models import Proposal
from app.review import services as review
from app.review.models import CONSTITUENCIES, CRITERIA, VOTING_CONSTITUENCIES
from app.voting import services as voting
from tests.conftest import T0
from tests.helpers import text_of
from tests.review.conftest import RESPONSE, publish
from tests.seating import decide, seat

# Active proposals in the call (and calls, comments, voters…): the large world has three
# times as many, still one page everywhere (20 proposals, 10 top-level comments per page).
SMALL, LARGE = 3, 9
VOTING, REVIEW, RESULTS = "voting", "review", "results"
OUTCOMES = ("included", "partially_included", "not_included")


@contextmanager
def recorded_statements(engine):
    """Collect every statement sent to the database while the block runs.

    Nothing is filtered out: the BEGIN that app/database.py issues on SQLite, and the
    login cookie's user lookup, are one per request whatever the page shows.
    """
    statements: list[str] = []

    def record(_connection, _cursor, statement, _parameters, _context, _executemany):
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


# --- the worlds ---------------------------------------------------------------------------

@dataclass
class World:
    call: Call  # "nap", the call every call page looks at
    calls: list[Call]  # nap and the other cycles
    proposals: list[Proposal]  # nap's active proposals; proposals[0] gets everything
    duplicates: list[Proposal]  # merged into proposals[0]
    comments: list[Comment]  # top-level comments on proposals[0], each with one reply
    voter: User  # voted for two thirds of nap's proposals and in every other call
    author: User  # wrote proposals[0], a draft, and one proposal in every other call
    member: User  # a voting member of the Working Group who assessed everything
    members: dict[str, list[User]]  # by constituency, observers included

    @property
    def target(self) -> Proposal:
        return self.proposals[0]

    @property
    def ranked(self) -> list[Proposal]:
        return self.proposals + self.duplicates


class WorldBuilder:
    """Take a fresh database through one co-creation cycle with `size` rows of everything.

    Everything goes through the services, as in the app. Rows on a page belong to
    different people (and, on "my votes" and "my proposals", to different calls), so a
    relationship loaded once per row cannot hide behind the session's identity map.
    """

    def __init__(self, db, clock, create_user, create_call, create_proposal):
        self.db, self.clock = db, clock
        self.create_user, self.create_call = create_user, create_call
        self.create_proposal = create_proposal

    def build(self, size: int, stage: str) -> World:
        self._empty_database()
        world = self._submission(size)
        self._voting(world, size)
        if stage in (REVIEW, RESULTS):
            self._review(world)
        if stage == RESULTS:
            publish(self.admin, world.call)
        self.db.session.commit()
        return world

    def _empty_database(self):
        # What the `app` fixture does before a test, so both worlds start alike.
        self.db.session.remove()
        self.db.drop_all()
        self.db.create_all()
        self.clock.set(T0)

    def _submission(self, size: int) -> World:
        self.admin = self.create_user(role="admin", sector="government")
        self.moderator = self.create_user(role="moderator")
        nap = self.create_call(slug="nap", votes_per_voter=2 * LARGE,
                               hide_counts_until_close=False)  # so sort=votes while voting
        others = [self.create_call(slug=f"cycle-{n}", title=f"Plan de Acción {n}")
                  for n in range(1, size)]
        author = self.create_user(name="Autora constante")
        proposals = [self.create_proposal(nap, author=author if n == 0 else None,
                                          title=f"Propuesta {n}", theme=nap.themes[n % 2])
                     for n in range(size)]
        duplicates = [self.create_proposal(nap, title=f"Duplicado {n}")
                      for n in range(size // 3)]
        self.create_proposal(nap, author=author, title="Borrador propio", status="draft")
        self.elsewhere = [self.create_proposal(call, author=author, title=f"En {call.slug}")
                          for call in others]
        members = {constituency: [self.create_user(name=f"Mesa {constituency} {n}")
                                  for n in range(size // 3)]
                   for constituency in CONSTITUENCIES}
        for constituency, people in members.items():
            for person in people:
                seat(person, constituency)
        self.db.session.commit()
        return World(call=nap, calls=[nap, *others], proposals=proposals,
                     duplicates=duplicates, comments=[], voter=self.create_user(name="Votante"),
                     author=author, member=members["government"][0], members=members)

    def _voting(self, world: World, size: int):
        self.clock.set(world.call.voting_opens_at + timedelta(hours=1))
        # Conflicts are declared once the proposals are final.
        for observer in world.members["observer"]:
            review.declare_conflict(observer, world.call, world.proposals[0],
                                    "Mi organización la apoyó.")
        for proposal in world.proposals[: 2 * size // 3]:
            voting.cast_vote(world.call, proposal, world.voter)
        for proposal in self.elsewhere:
            voting.cast_vote(proposal.call, proposal, world.voter)
        for n in range(size):
            supporter = self.create_user()
            for proposal in world.ranked[: n + 1]:
                voting.cast_vote(world.call, proposal, supporter)
        # Comments while voting is open, so the voter's own comment is still editable.
        target = world.target
        world.comments = [
            moderation.add_comment(world.voter if n == 0 else self.create_user(), target,
                                   f"Comentario número {n}")
            for n in range(size)]
        for n, comment in enumerate(world.comments):
            replier = world.author if n == 0 else self.create_user()
            moderation.add_comment(replier, target, f"Respuesta número {n}", parent=comment)
        for duplicate in world.duplicates:
            moderation.merge(self.moderator, duplicate, target)
        self.db.session.commit()

    def _review(self, world: World):
        self.clock.set(world.call.voting_closes_at + timedelta(hours=1))
        voting_members = [person for constituency in VOTING_CONSTITUENCIES
                          for person in world.members[constituency]]
        for m, person in enumerate(voting_members):
            for p, proposal in enumerate(world.ranked):
                scores = {criterion: (m + p + c) % 4 for c, criterion in enumerate(CRITERIA)}
                review.save_assessment(person, world.call, proposal, scores, "Bien planteada.")
        for n, proposal in enumerate(world.proposals):
            decide(world.call, proposal, outcome=OUTCOMES[n % 3], response=RESPONSE)
        for duplicate in world.duplicates:
            decide(world.call, duplicate, outcome="merged", response=RESPONSE,
                   merged_into=world.target)
        self.db.session.commit()


@pytest.fixture
def build_world(db, clock, create_user, create_call, create_proposal):
    return WorldBuilder(db, clock, create_user, create_call, create_proposal).build


# --- the pages ----------------------------------------------------------------------------

def references(proposals) -> list[str]:
    return [p.reference for p in proposals]


@dataclass(frozen=True)
class Page:
    path: str  # formatted with `ref`, the reference of the busiest proposal
    stage: str  # how far the cycle has gone when the page is read
    viewer: str | None  # the World attribute of who is logged in, or None for a visitor
    # Text the page must contain: proof that every row really is on it.
    shows: Callable[[World], list[str]]

    @property
    def id(self) -> str:
        return f"{self.path} ({self.stage}, {self.viewer or 'visitor'})"


PAGES = [
    Page("/", VOTING, None, lambda w: [f"/calls/{c.slug}/" for c in w.calls]),  # all voting
    Page("/", REVIEW, "member", lambda w: ['href="/review/nap/"']),  # the menu's review link
    Page("/calls/", VOTING, None, lambda w: [f"/calls/{c.slug}/" for c in w.calls]),
    Page("/calls/nap/", VOTING, None,
         lambda w: [p.name for people in w.members.values() for p in people]),
    *[Page(f"/calls/nap/proposals/?sort={sort}", VOTING, "voter",
           lambda w: [*references(w.proposals), "You support this proposal"])
      for sort in ("votes", "recent", "random")],
    Page("/calls/nap/proposals/{ref}", VOTING, "voter",
         lambda w: [f"Comentario número {n}" for n in range(len(w.comments))]
         + [f"Respuesta número {n}" for n in range(len(w.comments))]
         + references(w.duplicates) + ["You support this proposal"]),
    Page("/calls/nap/proposals/{ref}", RESULTS, None,
         lambda w: [f"Respuesta número {n}" for n in range(len(w.comments))]
         + references(w.duplicates) + ["Working Group response"]),
    Page("/calls/nap/results", RESULTS, None,
         lambda w: [*references(w.ranked), "Reasoned response"]),
    Page("/review/nap/", REVIEW, "member", lambda w: references(w.ranked)),
    Page("/api/v1/calls", VOTING, None, lambda w: [f'"slug":"{c.slug}"' for c in w.calls]),
    Page("/api/v1/calls/nap/proposals", RESULTS, None,
         lambda w: [*references(w.proposals), '"outcome":"included"']),
    Page("/api/v1/calls/nap/proposals?status=merged", RESULTS, None,
         lambda w: [*references(w.duplicates), f'"merged_into":"{w.target.reference}"']),
    Page("/api/v1/calls/nap/results", RESULTS, None, lambda w: references(w.ranked)),
    Page("/accounts/me/votes", VOTING, "voter",
         lambda w: [*references(w.proposals[: 2 * len(w.proposals) // 3]),
                    *[c.title for c in w.calls]]),
    Page("/accounts/me/proposals", VOTING, "author",
         lambda w: [w.target.reference, "Borrador propio", *[c.title for c in w.calls]]),
]


def statements_for(page: Page, world: World, client, login, db) -> list[str]:
    if page.viewer:
        assert login(getattr(world, page.viewer)).status_code == 302
    path = page.path.format(ref=world.target.reference)
    with recorded_statements(db.engine) as statements:
        response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 200, path
    body = text_of(response)
    missing = [text for text in page.shows(world) if text not in body]
    assert not missing, f"{path} does not show {missing}: the test data is not on the page"
    return statements


@pytest.mark.parametrize("page", PAGES, ids=[page.id for page in PAGES])
def test_statements_per_page_do_not_grow_with_its_rows(page, build_world, client, login, db):
    counted = {size: statements_for(page, build_world(size, page.stage), client, login, db)
               for size in (SMALL, LARGE)}
    small, large = counted[SMALL], counted[LARGE]
    extra = Counter(large) - Counter(small)
    assert len(small) == len(large), (
        f"{page.id}: {len(small)} statements with {SMALL} rows, {len(large)} with {LARGE}; "
        "sent more often with more rows: "
        + "; ".join(f"{n}× {statement[:160]}…" for statement, n in extra.items()))

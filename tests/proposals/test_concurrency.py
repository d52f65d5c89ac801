"""Publishing at the same moment through a real multi-threaded server never shares a reference,
not even across the calls of a year."""

import threading

from app.proposals.models import Proposal
from tests.conftest import PASSWORD
from tests.http_client import Browser


def test_simultaneous_publications_get_distinct_consecutive_references(
        live_server, db, create_call, create_user, create_proposal):
    # Two calls of one year, and the year's first references: the counter's row is made
    # by one of the publications while the others wait.
    calls = [create_call(slug="nap"), create_call(slug="regional")]
    authors = [create_user() for _ in range(12)]
    drafts = [(calls[i % 2].slug, create_proposal(calls[i % 2], author=a, status="draft").id)
              for i, a in enumerate(authors)]
    year = calls[0].year
    browsers = []
    for author in authors:
        browser = Browser(live_server)
        assert browser.post("/accounts/login", {"email": author.email,
                                                "password": PASSWORD})[0] == 302
        browsers.append(browser)

    start = threading.Barrier(len(browsers))
    results = [None] * len(browsers)

    def publish(index):
        start.wait()
        slug, draft_id = drafts[index]
        results[index] = browsers[index].post(
            f"/calls/{slug}/proposals/drafts/{draft_id}/publish")[0]

    threads = [threading.Thread(target=publish, args=(i,)) for i in range(len(browsers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert results == [302] * len(browsers)
    db.session.rollback()  # leave the snapshot taken before the server wrote
    references = sorted(db.session.scalars(db.select(Proposal.reference)))
    assert references == [f"{year}-{n:04d}" for n in range(1, len(browsers) + 1)]


def test_double_clicked_publish_and_withdraw_never_fail(live_server, db, create_call, create_user,
                                                        create_proposal):
    call = create_call(slug="nap")
    author = create_user()
    draft_id = create_proposal(call, author=author, status="draft").id
    browser = Browser(live_server)
    browser.post("/accounts/login", {"email": author.email, "password": PASSWORD})

    def publish():
        return browser.post(f"/calls/nap/proposals/drafts/{draft_id}/publish")[0]

    threads_results = []
    start = threading.Barrier(4)

    def run(job):
        start.wait()
        threads_results.append(job())

    threads = [threading.Thread(target=run, args=(publish,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(threads_results) == [302, 409, 409, 409]

    db.session.rollback()
    reference = db.session.scalar(db.select(Proposal.reference))
    threads_results.clear()
    start = threading.Barrier(3)
    withdraw = lambda: browser.post(f"/calls/nap/proposals/{reference}/withdraw",  # noqa: E731
                                    {"reason": "Lo fusioné con otra"})[0]
    threads = [threading.Thread(target=run, args=(withdraw,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(threads_results)[0] == 302
    assert set(threads_results) <= {302, 409}

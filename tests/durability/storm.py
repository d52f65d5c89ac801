"""Voters over HTTP, sending what a browser sends, and storms of their votes in which every
answer is kept: acknowledged (200 with `"voted": true`), refused, or never answered."""

import http.client
import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import text

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
Address = tuple[str, int]  # a server's host and port
Pair = tuple[str, str]  # (voter's email, proposal reference)


class Voter:
    """One browser: its session cookie and the CSRF token of its session's forms.

    `forwarded_for` is the client address a load balancer in front of the hosts would
    report (with PROXY_FIX_HOPS=1); without one the server sees the test's own address.
    """

    def __init__(self, email: str, forwarded_for: str | None = None):
        self.email, self.forwarded_for = email, forwarded_for
        self.cookie, self.token = "", ""

    def request(self, server: Address, method: str, path: str, form: dict | None = None,
                accept: str = "text/html") -> tuple[int, str]:
        """Send one request; raise OSError (or http.client's errors) when nothing answers."""
        headers = {"Accept": accept}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(*server, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("session="):
                self.cookie = header.split(";", 1)[0]
        return response.status, answer

    def form_token(self, server: Address, path: str) -> str:
        status, page = self.request(server, "GET", path)
        found = TOKEN.search(page)
        assert status == 200 and found, f"no form at {path} (HTTP {status})"
        return found.group(1)

    def log_in(self, server: Address, password: str) -> None:
        """Log in through the form, then keep the CSRF token of the logged-in session."""
        status, _ = self.request(server, "POST", "/accounts/login", {
            "csrf_token": self.form_token(server, "/accounts/login"), "email": self.email,
            "password": password})
        assert status == 302, f"login of {self.email} refused (HTTP {status})"
        # Every form of a session carries the same token: the logout page's is the
        # cheapest to fetch (a vote page lists twenty proposals, with two forms each).
        self.token = self.form_token(server, "/accounts/logout")

    def vote(self, server: Address, vote_path: str) -> tuple[int, bool]:
        """The vote as static/js/minga.js sends it: (status, whether the answer says voted)."""
        status, body = self.request(server, "POST", vote_path, {"csrf_token": self.token},
                                    accept="application/json")
        voted = status == 200 and json.loads(body).get("voted") is True
        return status, voted


@dataclass
class Sent:
    """One vote request and what came back of it."""

    pair: Pair
    sent: float  # time.monotonic()
    answered: float | None = None  # None: no answer (connection refused, reset, cut off)
    status: int | None = None
    voted: bool = False


def duplicated_plan(emails: list[str], references: list[str], distinct: int, repeats: int,
                    rng: random.Random) -> list[Pair]:
    """Each voter's `distinct` proposals, `repeats` of them asked twice in a row (so the
    two requests race), every voter's requests mixed with everyone else's."""
    units = []
    for email in emails:
        chosen = rng.sample(references, distinct)
        doubled = set(rng.sample(chosen, repeats))
        units += [[(email, ref)] * (2 if ref in doubled else 1) for ref in chosen]
    rng.shuffle(units)
    return [pair for unit in units for pair in unit]


def storm(plan: list[Pair], send: Callable[[int, Pair], tuple[int, bool]], threads: int,
          stop: threading.Event | None = None,
          answered: Callable[[Sent], None] | None = None) -> list[Sent]:
    """Send the plan's votes from `threads` threads, in its order, until done or `stop`.

    `send(n, pair)` sends the n-th vote of the plan; `answered` sees each record as its
    answer (or its failure) arrives. Returns a record of every request sent.
    """
    stop = stop or threading.Event()
    records: list[Sent] = []
    lock = threading.Lock()
    upcoming = iter(enumerate(plan))

    def work():
        while not stop.is_set():
            with lock:
                step = next(upcoming, None)
            if step is None:
                return
            number, pair = step
            record = Sent(pair, time.monotonic())
            with lock:
                records.append(record)
            try:
                record.status, record.voted = send(number, pair)
                record.answered = time.monotonic()
            except (OSError, http.client.HTTPException):
                pass  # nothing answered: the vote may or may not have been written
            if answered:
                answered(record)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    return records


def storm_with_crash(plan: list[Pair], send: Callable[[int, Pair], tuple[int, bool]],
                     threads: int, crash_after: int,
                     crash: Callable[[], bool]) -> tuple[list[Sent], float | None]:
    """`storm`, calling `crash()` once `crash_after` requests have been answered; `crash`
    says whether the storm stops there. Returns the records and the moment of the crash
    (None if the storm ended first)."""
    lock, answers, moment = threading.Lock(), [0], []
    due, stop, over = threading.Event(), threading.Event(), threading.Event()

    def answered(record):
        with lock:
            answers[0] += record.answered is not None
            if answers[0] >= crash_after:
                due.set()

    def crasher():
        due.wait()
        if not over.is_set():
            if crash():
                stop.set()
            moment.append(time.monotonic())

    thread = threading.Thread(target=crasher)
    thread.start()
    try:
        records = storm(plan, send, threads, stop=stop, answered=answered)
    finally:
        over.set()
        due.set()
        thread.join()
    return records, (moment[0] if moment else None)


def send_again(records: list[Sent], send: Callable[[int, Pair], tuple[int, bool]],
               threads: int) -> list[Sent]:
    """Each voter whose vote got no answer sends it again; returns the new records. Each is
    counted now, or answered 409 ("you already support it") if the first try committed."""
    again = storm(sorted(unanswered(records)), send, threads)
    assert all(r.voted or r.status == 409 for r in again), Counter(r.status for r in again)
    return again


def acknowledged(records: list[Sent]) -> set[Pair]:
    return {r.pair for r in records if r.voted}


def unanswered(records: list[Sent]) -> set[Pair]:
    return {r.pair for r in records if r.answered is None}


def vote_rows(connection) -> list[Pair]:
    """Every vote row of the database, as (voter's email, proposal reference)."""
    return [tuple(row) for row in connection.execute(text(
        "SELECT u.email, p.reference FROM votes v JOIN ballots b ON b.id = v.ballot_id "
        "JOIN users u ON u.id = b.user_id JOIN proposals p ON p.id = v.proposal_id"))]


def assert_nothing_lost_or_doubled(records: list[Sent], rows: list[Pair]) -> None:
    """Every acknowledged vote is a row, once; a row nobody was told about comes only
    from a request that got no answer (the server died between its commit and its reply)."""
    doubled_rows = [pair for pair, n in Counter(rows).items() if n > 1]
    assert doubled_rows == [], "vote rows written twice"
    doubled_acks = [pair for pair, n in Counter(r.pair for r in records if r.voted).items()
                    if n > 1]
    assert doubled_acks == [], "the same vote acknowledged twice"
    lost = acknowledged(records) - set(rows)
    assert lost == set(), f"{len(lost)} acknowledged votes lost"
    unexplained = set(rows) - acknowledged(records) - unanswered(records)
    assert unexplained == set(), f"{len(unexplained)} rows no request explains"
    errors = Counter(r.status for r in records if r.status and r.status >= 500)
    assert not errors, f"server errors: {errors}"


def assert_counted_once(records: list[Sent], again: list[Sent], rows: list[Pair]) -> None:
    """After `send_again`: nothing lost or doubled, and every vote sent is a row."""
    assert_nothing_lost_or_doubled(records + again, rows)
    assert {r.pair for r in records} - set(rows) == set(), "votes sent but not counted"

"""Log benchmark voters in over HTTP, as a browser would, and write the votes they will cast.

Each voter gets a session cookie and a CSRF token from the real login form; wrk
then replays the requests their browsers send (bench/browser.py). Behind the proxy
the README recommends (PROXY_FIX_HOPS=1), each voter comes from an address of their
own, so the per-address and per-voter vote limits apply as in production. The addresses
are from the IPv6 documentation prefix and only ever travel as a header.
"""

import http.client
import re
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from random import Random
from urllib.parse import urlencode

from bench import browser
from bench.browser import Site, Voter
from bench.data import PASSWORD, SLUG, VOTES_PER_VOTER, Sizes, zipf_sampler

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
LIST = f"/calls/{SLUG}/proposals/"


class Browser:
    """Just enough of a browser: keeps the session cookie, sends proxy headers."""

    def __init__(self, port: int, address: str):
        self.port, self.address, self.cookie = port, address, ""

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"X-Forwarded-For": self.address, "X-Forwarded-Proto": "https",
                   "Referer": f"https://127.0.0.1:{self.port}{path}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            morsel = SimpleCookie(header).get("session")
            if morsel is not None:
                self.cookie = f"session={morsel.value}"
        connection.close()
        return response.status, text

    def token(self, path: str) -> str:
        status, text = self.request("GET", path)
        found = TOKEN.search(text)
        if status != 200 or not found:
            raise RuntimeError(f"no form at {path} (HTTP {status})")
        return found.group(1)

    def log_in(self, email: str) -> str:
        """Log in; return the CSRF token the logged-in session's forms carry (read from
        the proposal list, where the votes are cast: `LIST`)."""
        token = self.token("/accounts/login")
        status, _ = self.request("POST", "/accounts/login", {
            "csrf_token": token, "email": email, "password": PASSWORD, "next": ""})
        if status not in (302, 303):
            raise RuntimeError(f"login of {email} refused (HTTP {status})")
        return self.token(LIST)


def address(user_id: int) -> str:
    return f"2001:db8::{user_id >> 16:x}:{user_id & 0xFFFF:x}"


def log_in_user(port: int, user_id: int, email: str) -> tuple[str, str]:
    visitor = Browser(port, address(user_id))
    token = visitor.log_in(email)
    return visitor.cookie, token


def log_in_voters(port: int, ids: list[int]) -> list[Voter]:
    """Log in the users `ids` (none may have voted yet), four at a time."""
    def log_in(uid: int) -> Voter:
        cookie, token = log_in_user(port, uid, f"voter-{uid}@bench.example.org")
        return Voter(cookie, token, address(uid))

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(log_in, ids))


def proposal_path(reference: str) -> str:
    return f"/calls/{SLUG}/proposals/{reference}"


# One visit per vote: the requests a voter's browser sends for it, one after another.
def json_vote_visit(site: Site, voter: Voter, reference: str, rng: Random) -> list[bytes]:
    """A vote from the list, where most are cast, sent by static/js/minga.js."""
    vote = proposal_path(reference) + "/vote"
    return [browser.json_vote(site, voter, vote, LIST, rng)]


def form_vote_visit(site: Site, voter: Voter, reference: str, rng: Random) -> list[bytes]:
    """The same vote without JavaScript: the form's POST (its redirect back to the list
    is followed by wrk/browser.lua, as the browser does)."""
    return [browser.form_vote(site, voter, proposal_path(reference) + "/vote", LIST)]


def journey_visit(site: Site, voter: Voter, reference: str, rng: Random) -> list[bytes]:
    """The list, a proposal's page from it, the vote from that page, back to the list."""
    proposal = proposal_path(reference)
    return [browser.page(site, voter, LIST),
            browser.page(site, voter, proposal, LIST),
            browser.json_vote(site, voter, proposal + "/vote", proposal, rng),
            browser.page(site, voter, LIST, proposal)]


def prepare_visits(site: Site, sizes: Sizes, references: dict[int, str], voters: list[Voter],
                   visit, prefix: Path, threads: int, seed: int) -> list[str]:
    """Every vote `voters` can cast (all of their budget, on Zipf-drawn proposals) as
    `visit`s, written for the two turns of a measurement (browser.write_visits)."""
    _, draw = zipf_sampler(sizes, seed=seed)
    choices = [draw(VOTES_PER_VOTER) for _ in voters]
    rng = Random(seed)
    # Round by round, so consecutive votes come from different voters, as in a crowd.
    visits = [visit(site, voter, references[chosen[round_]], rng)
              for round_ in range(VOTES_PER_VOTER)
              for voter, chosen in zip(voters, choices, strict=True)]
    return browser.write_visits(visits, prefix, threads)

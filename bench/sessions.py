"""Log benchmark voters in over HTTP, as a browser would, and write the votes they will cast.

Each voter gets a session cookie and a CSRF token from the real login form; wrk
then only replays prepared POSTs. Behind the proxy the README recommends
(PROXY_FIX_HOPS=1), each voter comes from an address of their own, so the
per-address and per-voter vote limits apply as in production. The addresses
are from the IPv6 documentation prefix and only ever travel as a header.
"""

import http.client
import re
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

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
    browser = Browser(port, address(user_id))
    token = browser.log_in(email)
    return browser.cookie, token


def prepare_votes(port: int, sizes: Sizes, references: dict[int, str], voters: int,
                  out: Path) -> int:
    """Log in `voters` fresh voters; write one line per vote they will cast; return the count."""
    fresh = list(range(sizes.voters + 1, sizes.users + 1))[:voters]
    with ThreadPoolExecutor(max_workers=4) as pool:
        sessions = list(pool.map(
            lambda uid: log_in_user(port, uid, f"voter-{uid}@bench.example.org"), fresh))
    _, draw = zipf_sampler(sizes, seed=7)
    choices = [draw(VOTES_PER_VOTER) for _ in fresh]
    lines = []
    # Round by round, so consecutive votes come from different voters, as in a crowd.
    for round_ in range(VOTES_PER_VOTER):
        for uid, (cookie, token), chosen in zip(fresh, sessions, choices, strict=True):
            path = f"/calls/{SLUG}/proposals/{references[chosen[round_]]}/vote"
            # What the list's vote button posts: it returns the voter to the list.
            body = urlencode({"csrf_token": token, "next": LIST})
            lines.append(f"{path}\t{cookie}\t{body}\t{address(uid)}")
    out.write_text("\n".join(lines) + "\n")
    return len(lines)

"""The requests a browser sends while voting, written out for wrk to replay (wrk/browser.lua).

Built here, not in Lua, so they can be checked by tests and read in the files: each is
the request as the browser sends it, plus the two headers of the proxy the README
recommends (PROXY_FIX_HOPS=1). The site is https behind that proxy, so the browser's
origin is https://<host>; the Referrer-Policy (strict-origin-when-cross-origin) lets
a same-origin request carry the page's whole URL.
"""

import random
import string
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

# What every request of one browser carries: a Chilean Spanish reader's browser.
BROWSER_HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/131.0.0.0 Safari/537.36",
    "Accept-Language": "es-CL,es;q=0.9,en;q=0.8",
    "Accept-Encoding": "gzip, deflate, br",
}
PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class Voter(NamedTuple):
    cookie: str  # "session=…", from the real login form
    token: str  # the CSRF token the logged-in session's forms carry
    address: str  # the client address the proxy reports


class Site(NamedTuple):
    host: str  # as the Host header names it: 127.0.0.1:<port>

    @property
    def origin(self) -> str:
        return f"https://{self.host}"


def form_data(fields: dict[str, str], boundary: str) -> bytes:
    """The body `fetch(…, {body: new FormData(form)})` sends for a form with `fields`
    (multipart/form-data; the submit button has no name, so it is not a field)."""
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
             f"{value}\r\n" for name, value in fields.items()]
    return "".join([*parts, f"--{boundary}--\r\n"]).encode()


def webkit_boundary(rng: random.Random) -> str:
    """A boundary as Chrome and Safari draw one for each request."""
    return "----WebKitFormBoundary" + "".join(
        rng.choices(string.ascii_letters + string.digits, k=16))


def raw_request(site: Site, method: str, path: str, headers: dict[str, str],
                body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {site.host}", *(
        f"{name}: {value}" for name, value in headers.items())]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _headers(site: Site, voter: Voter, referer_path: str | None, **extra: str) -> dict:
    headers = {**BROWSER_HEADERS, **extra, "Cookie": voter.cookie}
    if referer_path is not None:
        headers["Referer"] = site.origin + referer_path
    # Added by the proxy in front of gunicorn.
    headers.update({"X-Forwarded-For": voter.address, "X-Forwarded-Proto": "https"})
    return headers


def page(site: Site, voter: Voter, path: str, referer_path: str | None = None) -> bytes:
    """A logged-in voter following a link to `path` (from `referer_path`)."""
    return raw_request(site, "GET", path, _headers(site, voter, referer_path,
                                                   Accept=PAGE_ACCEPT))


def json_vote(site: Site, voter: Voter, vote_path: str, page_path: str,
              rng: random.Random) -> bytes:
    """The vote as static/js/minga.js posts the vote form of the page at `page_path`:
    fetch(form.action, {method: "POST", body: new FormData(form),
    headers: {Accept: "application/json"}}), same origin, with its cookies."""
    boundary = webkit_boundary(rng)
    body = form_data({"csrf_token": voter.token, "next": page_path}, boundary)
    return raw_request(site, "POST", vote_path, _headers(
        site, voter, page_path, Accept="application/json", Origin=site.origin,
        **{"Content-Type": f"multipart/form-data; boundary={boundary}"}), body)


def form_vote(site: Site, voter: Voter, vote_path: str, page_path: str) -> bytes:
    """The same form sent without JavaScript: urlencoded, and the answer is a redirect
    (which wrk/browser.lua follows as the browser does)."""
    body = urlencode({"csrf_token": voter.token, "next": page_path}).encode()
    return raw_request(site, "POST", vote_path, _headers(
        site, voter, page_path, Accept=PAGE_ACCEPT, Origin=site.origin,
        **{"Content-Type": "application/x-www-form-urlencoded"}), body)


def write_visits(visits: list[list[bytes]], prefix: Path, threads: int) -> list[str]:
    """Write `visits` (each the requests one browser sends in a row) for the two turns of
    a measurement: the first half of the visits for the first, the rest for the second;
    each vote can be cast once, and each run of wrk starts at its files' first request.

    wrk thread n of a turn reads `<turn prefix>.<n>`: visits n, n + threads, …, so
    consecutive visits come from different voters. A request is stored as its size on a
    line of its own, then its bytes. Returns the two turn prefixes, for browser.lua.
    """
    turns = [visits[:len(visits) // 2], visits[len(visits) // 2:]]
    prefixes = []
    for number, turn in enumerate(turns, start=1):
        turn_prefix = f"{prefix}.{number}"
        for thread in range(threads):
            with open(f"{turn_prefix}.{thread}", "wb") as out:
                for visit in turn[thread::threads]:
                    for request in visit:
                        out.write(b"%d\n" % len(request) + request)
        prefixes.append(turn_prefix)
    return prefixes

"""The requests the benchmark replays are the ones a browser sends (bench/browser.py), and
wrk/browser.lua replays them as the browser would."""

import io
import json
import random
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from werkzeug.formparser import parse_form_data

from bench import browser
from bench.browser import Site, Voter

SITE = Site("127.0.0.1:8000")
VOTER = Voter("session=abc.def", "tok.en-_1", "2001:db8::1")
LIST = "/calls/c/proposals/"


def parse(raw: bytes) -> tuple[str, dict[str, str], bytes]:
    head, body = raw.split(b"\r\n\r\n", 1)
    line, *fields = head.decode().split("\r\n")
    return line, dict(field.split(": ", 1) for field in fields), body


def form_of(headers: dict[str, str], body: bytes) -> dict[str, str]:
    """The form as Flask reads it from the request."""
    _, form, files = parse_form_data({
        "REQUEST_METHOD": "POST", "wsgi.input": io.BytesIO(body),
        "CONTENT_TYPE": headers["Content-Type"], "CONTENT_LENGTH": headers["Content-Length"]})
    assert not files
    return form.to_dict()


def test_form_data_is_what_a_browser_sends_for_the_vote_form():
    body = browser.form_data({"csrf_token": "t", "next": "/x/"}, "----WebKitFormBoundaryB")
    assert body == (b'------WebKitFormBoundaryB\r\nContent-Disposition: form-data; '
                    b'name="csrf_token"\r\n\r\nt\r\n'
                    b'------WebKitFormBoundaryB\r\nContent-Disposition: form-data; '
                    b'name="next"\r\n\r\n/x/\r\n'
                    b'------WebKitFormBoundaryB--\r\n')


def test_the_json_vote_is_the_fetch_of_static_js_minga_js():
    raw = browser.json_vote(SITE, VOTER, "/calls/c/proposals/p/vote", LIST, random.Random(1))
    line, headers, body = parse(raw)
    assert line == "POST /calls/c/proposals/p/vote HTTP/1.1"
    assert headers["Host"] == "127.0.0.1:8000"
    assert headers["Accept"] == "application/json"
    assert headers["Content-Type"].startswith(
        "multipart/form-data; boundary=----WebKitFormBoundary")
    assert headers["Origin"] == "https://127.0.0.1:8000"
    assert headers["Referer"] == "https://127.0.0.1:8000/calls/c/proposals/"
    assert headers["Cookie"] == "session=abc.def"
    assert headers["X-Forwarded-For"] == "2001:db8::1"
    assert int(headers["Content-Length"]) == len(body)
    assert form_of(headers, body) == {"csrf_token": "tok.en-_1", "next": LIST}


def test_the_plain_vote_and_the_page_are_what_the_browser_sends_without_javascript():
    _, headers, body = parse(browser.form_vote(SITE, VOTER, "/calls/c/proposals/p/vote", LIST))
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert body == b"csrf_token=tok.en-_1&next=%2Fcalls%2Fc%2Fproposals%2F"
    assert form_of(headers, body) == {"csrf_token": "tok.en-_1", "next": LIST}
    line, headers, body = parse(browser.page(SITE, VOTER, "/calls/c/proposals/p", LIST))
    assert line == "GET /calls/c/proposals/p HTTP/1.1" and body == b""
    assert headers["Referer"] == "https://127.0.0.1:8000/calls/c/proposals/"
    assert "Origin" not in headers and "Content-Length" not in headers


def read_requests(path: str) -> list[bytes]:
    """What wrk/browser.lua reads: each request's size on a line, then its bytes."""
    out, data = [], Path(path).read_bytes()
    while data:
        size, data = data.split(b"\n", 1)
        out.append(data[:int(size)])
        data = data[int(size):]
    return out


def test_visits_are_split_in_two_turns_and_dealt_to_the_threads_whole(tmp_path):
    visits = [[f"v{n}a\r\n".encode(), f"v{n}b".encode()] for n in range(5)]
    first, second = browser.write_visits(visits, tmp_path / "row", threads=2)
    assert read_requests(f"{first}.0") == [b"v0a\r\n", b"v0b"]
    assert read_requests(f"{first}.1") == [b"v1a\r\n", b"v1b"]
    assert read_requests(f"{second}.0") == [b"v2a\r\n", b"v2b", b"v4a\r\n", b"v4b"]
    assert read_requests(f"{second}.1") == [b"v3a\r\n", b"v3b"]


class ScenarioHandler(BaseHTTPRequestHandler):
    """A site that answers the four kinds of request of the scenario below."""

    protocol_version = "HTTP/1.1"
    seen: ClassVar[list] = []  # every request received, in order

    def answer(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.seen.append(("POST", self.path, dict(self.headers)))
        if self.path == "/form-vote":
            host = self.headers["Host"]
            self.answer(302, headers={"Location": f"https://{host}/list?page=2#proposal-1",
                                      "Set-Cookie": "notice=vote-cast.1.20; Path=/; HttpOnly"})
        else:
            ok = self.path == "/json-vote"
            self.answer(200, json.dumps({"ok": ok, "message": "m"}).encode())

    def do_GET(self):
        self.seen.append(("GET", self.path, dict(self.headers)))
        self.answer(200, b"<html>page</html>")

    def log_message(self, *args):
        pass


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")
def test_wrk_replays_the_visits_as_a_browser_follows_redirects_and_reads_answers(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), ScenarioHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = Site(f"127.0.0.1:{server.server_port}")
    rng = random.Random(1)
    visits = [[browser.form_vote(site, VOTER, "/form-vote", LIST)],
              [browser.json_vote(site, VOTER, "/json-vote", LIST, rng)],
              [browser.json_vote(site, VOTER, "/json-refused", LIST, rng)],
              [browser.page(site, VOTER, LIST)]]
    turn, _ = browser.write_visits(visits + visits, tmp_path / "row", threads=1)
    wrk_dir = Path(__file__).resolve().parents[2] / "bench" / "wrk"
    try:
        output = subprocess.run(
            ["wrk", "-t1", "-c1", "-d1s", "-s", str(wrk_dir / "browser.lua"),
             f"http://{site.host}", "--", turn], capture_output=True, text=True, check=True,
            timeout=30).stdout
    finally:
        server.shutdown()
    result = json.loads(output.split("BENCH ", 1)[1])
    # The vote and its page count as one request; the refused JSON vote is an error.
    assert (result["requests"], result["http_requests"]) == (4, 5)
    assert (result["votes"], result["errors"], result["spent"]) == (2, 1, True)
    (_, _, vote), (method, path, page) = ScenarioHandler.seen[0], ScenarioHandler.seen[1]
    assert (method, path) == ("GET", "/list?page=2")  # the fragment stays in the browser
    assert page["Cookie"] == "session=abc.def; notice=vote-cast.1.20"
    assert page["Referer"] == vote["Referer"] and page["Accept"] == vote["Accept"]
    assert "Origin" not in page and "Content-Type" not in page

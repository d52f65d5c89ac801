"""A tiny cookie-keeping HTTP client for tests against the live server (no extra dependency)."""

import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request

from flask import has_app_context

from app.extensions import db


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        # As IsolatedClient does: end the test body's transaction first (when this thread
        # has one), or its snapshot would refuse its next write once the server has
        # written (a login writes) with "database is locked".
        if has_app_context():
            db.session.commit()
        body = urllib.parse.urlencode(data or {}, doseq=True).encode() if method == "POST" else None
        req = urllib.request.Request(self.base_url + path, data=body, method=method)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", "")

    def post(self, path: str, data: dict | None = None) -> tuple[int, str]:
        return self.request("POST", path, data)


def all_at_once(jobs) -> list:
    """Run the jobs in threads released by one barrier; return their results in order."""
    start = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index):
        start.wait()
        results[index] = jobs[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results

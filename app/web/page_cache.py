"""Public pages for readers without a cookie, kept a few seconds by each process.

During a national call most requests are people reading: the list, a proposal, the
results, from a link in the news. Such a reader has no session, so the page they get
is the page everyone without a session gets (for that address and language), and a
worker can serve it again for PAGE_CACHE_SECONDS instead of building it each time.

Anyone with a session (logged in, a flash message, a chosen language, a form's token)
is never served from here, and their pages are never kept: what they see is live.
Reader pages carry no form token and set no cookie (see accounts.choose_locale and
csrf_field), and a response that sets a cookie anyway is not kept. A change made
through this process (any successful POST) empties its store at once; other
processes catch up within PAGE_CACHE_SECONDS. 0 turns the cache off.
"""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app, g, request, session

from app.core.clock import now
from app.web.requests import browser_locale

# Pages anyone may read that depend on nothing but the address and the language.
CACHEABLE_ENDPOINTS = frozenset({"calls.home", "calls.index", "calls.show", "proposals.index",
                                 "proposals.show", "results.show"})
SAFE_METHODS = frozenset({"GET", "HEAD"})
STORE = "minga.page_cache"


@dataclass(frozen=True)
class KeptPage:
    kept_at: datetime
    body: bytes
    content_type: str


def is_reader() -> bool:
    """A visitor with neither a session nor a remember-me cookie."""
    cookies = request.cookies
    return (current_app.config["SESSION_COOKIE_NAME"] not in cookies
            and current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies)


def _key() -> tuple | None:
    if (request.method not in SAFE_METHODS or request.endpoint not in CACHEABLE_ENDPOINTS
            or not is_reader()):
        return None
    # A reader has no session and no account: the language is their browser's choice.
    return request.host, request.full_path, browser_locale()


def _store(app: Flask) -> OrderedDict:
    return app.extensions[STORE]


def serve_kept_page():
    key = _key()
    if key is None:
        return None
    store = _store(current_app)
    kept = store.get(key)
    if kept is None or not 0 <= (now() - kept.kept_at).total_seconds() < current_app.config[
            "PAGE_CACHE_SECONDS"]:
        g.page_cache_key = key  # built by the view, then kept by keep_page
        return None
    store.move_to_end(key)
    response = current_app.response_class(kept.body, content_type=kept.content_type)
    response.headers["X-Minga-Cache"] = "hit"
    return response


def forget_kept_pages(app: Flask) -> None:
    """After a change made through this process: its readers see it at once."""
    store = app.extensions.get(STORE)  # none while the cache is off
    if store is not None:
        store.clear()


def keep_page(response):
    if request.method not in SAFE_METHODS:
        if response.status_code < 400:
            forget_kept_pages(current_app)
        return response
    store = _store(current_app)
    key = g.pop("page_cache_key", None)
    # A session with anything in it becomes a cookie after this hook: not a reader's page.
    if (key is None or response.status_code != 200 or session
            or response.direct_passthrough or "Set-Cookie" in response.headers):
        return response
    store[key] = KeptPage(now(), response.get_data(), response.content_type)
    store.move_to_end(key)
    while len(store) > current_app.config["PAGE_CACHE_ENTRIES"]:
        store.popitem(last=False)
    return response


def init_app(app: Flask) -> None:
    if app.config["PAGE_CACHE_SECONDS"] <= 0:
        return
    app.extensions[STORE] = OrderedDict()
    # Call it before any other hook is registered: first in line, a kept page skips the
    # other hooks' work; last after (Flask runs those in reverse), it keeps the response
    # every other hook has finished (security headers are added again).
    app.before_request(serve_kept_page)
    app.after_request(keep_page)

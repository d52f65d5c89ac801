"""Plain-form votes answered without Flask's request machinery (app/voting/fast_path.py):
the same answer, rules and refusals as the vote view's, and Flask's wherever it is not
the plain case."""

import pytest
from flask_login.utils import _create_identifier
from flask_wtf.csrf import same_origin

from app.audit.models import AuditEvent
from app.csrf_check import same_site
from app.extensions import session_identifier
from app.voting.fast_path import VoteFastPath
from app.voting.models import Ballot, Vote
from tests.conftest import PASSWORD
from tests.helpers import csrf_token_from, text_of
from tests.voting.test_limits import PREFIX, _redis_url, needs_redis
from tests.voting.test_routes import EN, JSON, call, proposals, url  # noqa: F401

CSRF_ON = pytest.mark.config(WTF_CSRF_ENABLED=True)
LIST = "/calls/nap/proposals/"
AGENT = {"User-Agent": "phone-browser/1.0", "Accept-Language": "en"}


def fast_path(app) -> VoteFastPath:
    layer = app.wsgi_app
    while not isinstance(layer, VoteFastPath):
        layer = layer.app  # ProxyFix
    return layer


def count(db, model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


class Voter:
    """A browser that logged in through the real form and holds the list's form token."""

    def __init__(self, client, user, base_url="http://localhost"):
        self.client, self.base_url, self.user = client, base_url, user
        page = client.get("/accounts/login", base_url=base_url, headers=self.headers())
        client.post("/accounts/login", base_url=base_url, headers=self.headers(), data={
            "csrf_token": csrf_token_from(text_of(page)), "email": user.email,
            "password": PASSWORD})
        self.token = csrf_token_from(text_of(client.get(LIST, base_url=base_url,
                                                        headers=self.headers())))

    def headers(self, **extra) -> dict:
        referrer = {"Referer": f"{self.base_url}{LIST}"}
        return {**AGENT, **referrer, **extra}

    def post(self, path, headers=None, **fields):
        data = {"csrf_token": self.token, "next": LIST, **fields}
        return self.client.post(path, data=data, base_url=self.base_url,
                                headers=headers or self.headers())


@pytest.fixture
def voter(app, create_user, client):
    return Voter(client, create_user())


def comparable(response) -> tuple:
    """Status, body and headers, the notice cookie's expiry date (a clock's second) aside."""
    headers = sorted((name, value.split("; Expires=")[0] + value.partition("; Max-Age")[2]
                      if name == "Set-Cookie" else value) for name, value in response.headers)
    return response.status, response.get_data(), headers


@CSRF_ON
@pytest.mark.parametrize("base_url", ["http://localhost", "https://localhost"])
def test_a_plain_vote_is_answered_as_the_vote_view_answers_it(app, db, client, proposals,  # noqa: F811
                                                               create_user, base_url):
    app.config["SESSION_COOKIE_SECURE"] = base_url.startswith("https")
    voter = Voter(client, create_user(), base_url)
    served = fast_path(app).served
    fast = voter.post(url(proposals[0]))
    assert fast_path(app).served == served + 1
    app.config["VOTE_FAST_PATH"] = False
    flask = voter.post(url(proposals[1]))
    assert fast_path(app).served == served + 1
    assert fast.status_code == 302 and fast.headers["Location"] == LIST
    # The second vote's notice says 2 of 2 where the first says 1 of 2.
    status, body, headers = comparable(flask)
    assert comparable(fast) == (status, body, [
        (name, value.replace("vote-cast.2.", "vote-cast.1.")) for name, value in headers])
    assert count(db, Vote) == 2 and count(db, AuditEvent) >= 2
    page = text_of(client.get(LIST, base_url=base_url, headers=AGENT))
    assert "You have used 2 of 2 votes." in page


@CSRF_ON
def test_a_withdrawal_takes_the_same_way(app, db, call, proposals, voter):  # noqa: F811
    voter.post(url(proposals[0]))
    served = fast_path(app).served
    response = voter.post(url(proposals[0], "withdraw"))
    assert response.status_code == 302 and fast_path(app).served == served + 1
    assert count(db, Vote) == 0
    assert db.session.scalar(db.select(Ballot.used)) == 0
    assert "Your vote is withdrawn." in text_of(voter.client.get(LIST, headers=AGENT))


@CSRF_ON
@pytest.mark.parametrize("change, status", [
    ({"data": {"csrf_token": "forged"}}, 400),
    ({"data": {"csrf_token": ""}}, 400),
    ({"data": {"next": "//evil.example/"}}, 302),  # Flask sends the voter to the proposal
    ({"data": {"next": "/calls/\x00"}}, 400),
    ({"data": {"extra": "field"}}, 302),
    ({"headers": {"Accept": "application/json"}}, 200),
    ({"query": "?lang=es"}, 302),
])
def test_anything_but_the_plain_case_is_flasks(app, db, proposals, voter, change, status):  # noqa: F811
    served = fast_path(app).served
    headers = voter.headers(**change.get("headers", {}))
    response = voter.post(url(proposals[0]) + change.get("query", ""), headers=headers,
                          **change.get("data", {}))
    assert response.status_code == status
    assert fast_path(app).served == served
    assert count(db, Vote) == (1 if status < 400 else 0)
    if change.get("data", {}).get("next") == "//evil.example/":
        assert response.headers["Location"].endswith(f"/proposals/{proposals[0].reference}")


@CSRF_ON
def test_a_session_from_another_browser_is_flasks_to_judge(app, db, proposals, voter):  # noqa: F811
    # Flask-Login's basic session protection lets the vote through, marking the
    # session no longer fresh: a changed session the fast path does not write.
    served = fast_path(app).served
    response = voter.post(url(proposals[0]),
                          headers=voter.headers(**{"User-Agent": "another-browser"}))
    assert response.status_code == 302 and fast_path(app).served == served
    assert count(db, Vote) == 1


@CSRF_ON
def test_over_https_a_vote_from_another_site_is_refused(app, db, client, proposals,  # noqa: F811
                                                        create_user):
    app.config["SESSION_COOKIE_SECURE"] = True
    voter = Voter(client, create_user(), "https://localhost")
    for referrer in ({}, {"Referer": "https://evil.example/calls/nap/proposals/"}):
        headers = {**AGENT, **referrer}
        assert voter.post(url(proposals[0]), headers=headers).status_code == 400
    assert count(db, Vote) == 0


def refusals_worded_by_flask_with_limits_counted_once(db, proposals, voter):  # noqa: F811
    assert voter.post(url(proposals[0])).status_code == 302  # counted: 1
    again = voter.post(url(proposals[0]))  # counted: 2, refused by the service
    assert again.status_code == 409 and "already support" in text_of(again)
    missing = voter.post("/calls/nap/proposals/NO-SUCH/vote")  # counted: 3
    assert missing.status_code == 404
    over = voter.post(url(proposals[1]))  # counted: 4, over the limit
    assert over.status_code == 429
    assert count(db, Vote) == 1


@pytest.mark.config(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=True,
                    VOTE_RATE_LIMIT_VOTER="3 per minute")
def test_refusals_are_flasks_and_the_limits_count_once(db, proposals, voter):  # noqa: F811
    refusals_worded_by_flask_with_limits_counted_once(db, proposals, voter)


@needs_redis
@pytest.mark.config(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=True,
                    RATELIMIT_STORAGE_URI=_redis_url(), RATELIMIT_KEY_PREFIX=PREFIX,
                    VOTE_RATE_LIMIT_VOTER="3 per minute")
def test_in_redis_too_the_limits_count_once(db, proposals, voter):  # noqa: F811
    refusals_worded_by_flask_with_limits_counted_once(db, proposals, voter)


@CSRF_ON
def test_a_blocked_account_cannot_vote_with_its_old_session(app, db, proposals, voter,  # noqa: F811
                                                            clock):
    voter.user.blocked_at = clock.now()
    db.session.commit()
    served = fast_path(app).served
    response = voter.post(url(proposals[0]))
    assert response.status_code == 403 and "Log in to vote" in text_of(response)
    assert count(db, Vote) == 0 and fast_path(app).served == served


@pytest.mark.config(PAGE_CACHE_SECONDS=10, RATELIMIT_ENABLED=True)
def test_every_hook_of_the_site_is_known_to_the_fast_path(app):
    # The fast path applies what these hooks do to a vote (or leaves the vote to Flask):
    # a new hook must be looked at in app/voting/fast_path.py, and added here.
    hooks = {when: sorted(f.__qualname__.rsplit(".", 1)[-1] for f in funcs[None])
             for when, funcs in (("before", app.before_request_funcs),
                                 ("after", app.after_request_funcs),
                                 ("teardown", app.teardown_request_funcs))}
    assert hooks == {
        "before": ["_check_request_limit", "csrf_protect", "expire_sessions",
                   "refuse_nul_bytes", "serve_kept_page"],
        "after": ["_forget_shown", "_update_remember_cookie", "add_security_headers",
                  "keep_page", "limit_headers"],
        "teardown": ["__release_context"],
    }


@pytest.mark.parametrize("forwarded, remote, agent", [
    (None, "192.0.2.1", "Firefox"), ("2001:db8::1", "127.0.0.1", None),
    ("203.0.113.9, 10.0.0.1", "10.0.0.1", "Chromium/156 (ñ)"), (None, None, None)])
def test_the_session_identifier_is_flask_logins(app, forwarded, remote, agent):
    headers = {"User-Agent": agent} if agent else {}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    environ = {"REMOTE_ADDR": remote} if remote else {}
    with app.test_request_context(headers=headers, environ_base=environ):
        assert session_identifier(forwarded, remote, agent) == _create_identifier()


@pytest.mark.parametrize("referrer", [
    "https://localhost/calls/", "https://localhost:443/x", "https://LOCALHOST/x",
    "http://localhost/x", "https://localhost.evil/x", "https://localhost@evil/x",
    "https://localhost", "https://other/"])
def test_same_site_is_flask_wtfs_same_origin(referrer):
    assert same_site(referrer, "localhost") == same_origin(referrer, "https://localhost/")


@pytest.mark.config(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=True,
                    VOTE_RATE_LIMIT_VOTER="2 per minute")
def test_trouble_before_the_commit_leaves_the_vote_to_flask(app, db, proposals, voter,  # noqa: F811
                                                            monkeypatch):
    from app.voting import services

    real, calls = services.vote_target, []

    def fails_once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("the database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "vote_target", fails_once)
    served = fast_path(app).served
    assert voter.post(url(proposals[0])).status_code == 302  # by Flask, counted once
    assert fast_path(app).served == served and count(db, Vote) == 1
    assert voter.post(url(proposals[1])).status_code == 302  # the second of 2 allowed
    assert fast_path(app).served == served + 1 and count(db, Vote) == 2


@CSRF_ON
def test_with_the_limits_storage_down_the_503_page_is_flasks(app, db, proposals, voter,  # noqa: F811
                                                             monkeypatch):
    # What count_vote_request raises with Redis down and RATELIMIT_SWALLOW_ERRORS off
    # (tests/voting/test_limits.py), here after the voter logged in.
    from app.voting import fast_path as module
    from app.voting.limits import LimitsUnavailable

    def storage_down(*args):
        raise LimitsUnavailable

    monkeypatch.setattr(module, "count_vote_request", storage_down)
    served = fast_path(app).served
    response = voter.post(url(proposals[0]))
    assert response.status_code == 503
    assert "Votes cannot be counted just now" in text_of(response)
    assert count(db, Vote) == 0 and fast_path(app).served == served


@CSRF_ON
def test_a_quoted_cookie_is_read_as_werkzeug_reads_it(app, db, proposals, voter):  # noqa: F811
    # Inside quotes a semicolon is part of a value: there is no session cookie here.
    cookie = voter.client.get_cookie("session").value
    stranger = app.test_client(use_cookies=False)  # sends the header below as it is
    served = fast_path(app).served
    response = stranger.post(url(proposals[0]), data={"csrf_token": voter.token, "next": LIST},
                             headers=voter.headers(), environ_overrides={
                                 "HTTP_COOKIE": f'a="x; session={cookie}; z=y"'})
    assert response.status_code == 400
    assert count(db, Vote) == 0 and fast_path(app).served == served


@CSRF_ON
def test_a_referrer_with_a_port_that_is_not_one_is_refused(app, db, client, proposals,  # noqa: F811
                                                           create_user):
    app.config["SESSION_COOKIE_SECURE"] = True
    voter = Voter(client, create_user(), "https://localhost")
    response = voter.post(url(proposals[0]), headers={
        **AGENT, "Referer": "https://localhost:99999/calls/nap/proposals/"})
    assert response.status_code == 400
    assert count(db, Vote) == 0


def test_very_long_headers_are_identified_but_not_kept():
    agent = "x" * 4000
    assert session_identifier(None, "192.0.2.1", agent) == \
        session_identifier(None, "192.0.2.1", agent)
    from app.extensions import _kept_identifier

    before = _kept_identifier.cache_info().currsize
    session_identifier("203.0.113.1", None, agent)
    assert _kept_identifier.cache_info().currsize == before

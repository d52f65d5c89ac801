"""Session cookies read once and remembered (app/lean_flask.py): the same sessions,
expiring and refusing forgeries as Flask's do."""

import time
from types import SimpleNamespace

from app import lean_flask
from tests.helpers import text_of


def open_with(app, cookie: str):
    with app.test_request_context(headers={"Cookie": f"session={cookie}"}) as ctx:
        return app.session_interface.open_session(app, ctx.request)


def signed(app, values: dict) -> str:
    return app.session_interface.get_signing_serializer(app).dumps(values)


def test_a_cookie_read_again_gives_the_same_values_in_a_session_of_its_own(app):
    cookie = signed(app, {"_user_id": "7.x", "csrf_token": "abc", "_fresh": True})
    first = open_with(app, cookie)
    first["csrf_token"] = "changed"
    second = open_with(app, cookie)
    assert dict(second) == {"_user_id": "7.x", "csrf_token": "abc", "_fresh": True}
    assert second is not first and not second.modified


def test_values_inside_a_session_changed_in_place_do_not_reach_the_next_request(app):
    cookie = signed(app, {"ballots": {"1": 5}, "_flashes": [("info", "Hola")]})
    open_with(app, cookie)["ballots"]["1"] = 99
    assert open_with(app, cookie)["ballots"] == {"1": 5}


def test_a_forged_cookie_opens_an_empty_session_every_time(app):
    cookie = signed(app, {"_user_id": "7.x"})
    forged = cookie[:-3] + ("AAA" if not cookie.endswith("AAA") else "BBB")
    assert dict(open_with(app, forged)) == {} and dict(open_with(app, forged)) == {}
    assert dict(open_with(app, cookie)) == {"_user_id": "7.x"}


def test_a_remembered_session_still_ends_after_its_lifetime(client, create_user, login,
                                                            monkeypatch):
    login(create_user())
    assert "/accounts/me" in text_of(client.get("/"))  # read, and remembered
    assert "/accounts/me" in text_of(client.get("/"))
    lifetime = client.application.permanent_session_lifetime.total_seconds()
    later = time.time() + lifetime + 60
    monkeypatch.setattr(lean_flask, "time", SimpleNamespace(time=lambda: later))
    assert "/accounts/me" not in text_of(client.get("/"))


def test_a_page_read_with_an_unchanged_session_varies_on_cookie_once(
        client, create_user, login):
    login(create_user())
    client.get("/")  # whatever the first page adds to the session is saved here
    response = client.get("/calls/")
    assert "Set-Cookie" not in response.headers
    assert response.headers.getlist("Vary") == ["Cookie"]


def test_cookie_joins_a_vary_the_response_already_has():
    from flask import Response

    from app.lean_flask import vary_on_cookie

    for before, after in ((None, "Cookie"), ("Accept-Language", "Accept-Language, Cookie"),
                          ("accept, COOKIE", "accept, COOKIE")):
        response = Response()
        if before:
            response.headers["Vary"] = before
        vary_on_cookie(response)
        assert response.headers["Vary"] == after

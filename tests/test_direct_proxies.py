"""The context globals read attributes directly (app/direct_proxies.py), and otherwise
behave as werkzeug's LocalProxy does, bound or unbound."""

import pytest
from flask import Request, current_app, g, request, session
from flask_login import current_user

from app.direct_proxies import DirectLocalProxy, install


def test_the_globals_are_direct_once_an_app_exists(app):
    for proxy in (request, session, g, current_app, current_user):
        assert type(proxy) is DirectLocalProxy


def test_inside_a_request_they_read_write_and_miss_like_the_objects(app):
    with app.test_request_context("/calls/?page=2", method="POST", data={"title": "Agua"}):
        assert request.method == "POST" and request.args["page"] == "2"
        assert request.form["title"] == "Agua"
        assert current_app.config is app.config and current_app.name == app.name
        assert isinstance(request, Request) and request.__class__ is type(
            request._get_current_object())
        g.counted = 3
        assert g.counted == 3 and "counted" in g
        del g.counted
        assert not hasattr(g, "counted") and getattr(g, "counted", None) is None
        with pytest.raises(AttributeError):
            _ = g.counted
        session["seen"] = True
        assert session.get("seen") is True and session.modified
        assert current_user.is_authenticated is False


def test_unbound_they_say_so_and_still_answer_isinstance_and_repr():
    install()
    assert type(request) is DirectLocalProxy
    with pytest.raises(RuntimeError, match="outside of request context"):
        _ = request.method
    with pytest.raises(RuntimeError, match="outside of application context"):
        _ = current_app.config
    assert not isinstance(request, Request)
    assert not g and "unbound" in repr(request)

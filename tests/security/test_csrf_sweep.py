"""Every POST route of the app refuses a forged form: the attacker's view, kept in the suite.

Routes are read from the URL map, so a new form is covered the day it is added.
"""

import pytest
from flask import url_for

from tests.conftest import PASSWORD
from tests.helpers import csrf_token_from, text_of

# One-click unsubscribe from a mail client (RFC 8058) posts without a form, by design.
EXEMPT = {"accounts.unsubscribe"}


def post_routes(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and rule.endpoint not in EXEMPT \
                and rule.endpoint != "static":
            yield rule


def example_url(app, rule) -> str:
    """A URL of the rule: "1" fits every converter the app uses (ids, slugs, references)."""
    with app.test_request_context():
        return url_for(rule.endpoint, **dict.fromkeys(rule.arguments, "1"))


def logged_in_with_token(app, user):
    client = app.test_client()
    token = csrf_token_from(text_of(client.get("/accounts/login")))
    assert client.post("/accounts/login", data={"email": user.email, "password": PASSWORD,
                                                "csrf_token": token}).status_code == 302
    return client, csrf_token_from(text_of(client.get("/accounts/me")))


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_every_post_route_refuses_a_missing_foreign_or_garbage_token_and_json(
        app, create_user, create_call):
    create_call(slug="x")
    _attacker, attacker_token = logged_in_with_token(app, create_user(role="admin"))
    victim, _token = logged_in_with_token(app, create_user(role="admin"))
    routes = list(post_routes(app))
    assert len(routes) > 30  # the sweep sees the whole app
    refused = {}
    for rule in routes:
        url = example_url(app, rule)
        answers = [
            victim.post(url, data={"body": "x"}).status_code,
            victim.post(url, data={"csrf_token": "garbage", "body": "x"}).status_code,
            victim.post(url, data={"csrf_token": attacker_token, "body": "x"}).status_code,
            victim.post(url, json={"body": "x"}).status_code,
        ]
        refused[rule.endpoint] = answers
    assert {endpoint: answers for endpoint, answers in refused.items()
            if answers != [400] * 4} == {}

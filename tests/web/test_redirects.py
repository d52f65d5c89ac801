"""`next` parameters lead only to paths of this site (app/redirects.py)."""

import pytest

from app.web.redirects import safe_next


@pytest.mark.parametrize("target", [
    "/calls/", "/calls/nap/proposals/?page=2&sort=votes", "/calls/nap/proposals/2026-0001#c",
    "/search?q=a:b",
])
def test_a_path_of_the_site_is_followed(app, target):
    with app.test_request_context():
        assert safe_next(target).headers["Location"] == target


@pytest.mark.parametrize("target", [
    None, "", "https://evil.example/", "//evil.example/", "///evil.example", "/\\evil.example",
    "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", " /calls/", "/calls /x",
    "javascript:alert(1)", "calls/", "/\x7f/evil.example", "/\x00",
])
def test_anything_else_goes_to_the_default_page(app, target):
    with app.test_request_context():
        assert safe_next(target, "calls.show", slug="nap").headers["Location"] == "/calls/nap/"


@pytest.mark.parametrize("target, location", [
    ("/calls/nap/proposals/?page=3&q=agua", "/calls/nap/proposals/?page=3&q=agua#p-1"),
    ("/calls/nap/proposals/#comments", "/calls/nap/proposals/#p-1"),
    ("//evil.example/#x", "/calls/nap/#p-1"),
])
def test_an_anchor_replaces_the_fragment_on_either_page(app, target, location):
    with app.test_request_context():
        response = safe_next(target, "calls.show", anchor="p-1", slug="nap")
        assert response.headers["Location"] == location

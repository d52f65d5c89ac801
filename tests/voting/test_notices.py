"""A plain-form vote says its outcome on the next page without rewriting the session.

The outcome rides on a short notice cookie (app/notices.py): shown once, in the reader's
language, then deleted; a forged one can only show a registered sentence.
"""

import pytest

from app.notices import MAX_AGE_SECONDS, NOTICES, cookie_name, leave_notice, set_cookie_header
from tests.helpers import text_of
from tests.voting.test_routes import EN, call, proposals, url, voter  # noqa: F401

ES = {"Accept-Language": "es"}
CAST = "Your vote is counted. You have used 1 of 2 votes."


def set_cookies(response) -> list[str]:
    return response.headers.getlist("Set-Cookie")


def notice_of(client):
    cookie = client.get_cookie("notice")
    return cookie.value if cookie else None


def test_the_next_page_says_the_vote_is_counted_once(client, db, proposals, voter):  # noqa: F811
    back = "/calls/nap/proposals/"
    response = client.post(url(proposals[0]), data={"next": back}, headers=EN)
    assert response.status_code == 302 and response.headers["Location"] == back
    # Only the notice is set: the session cookie is not sent again.
    assert [c.split("=", 1)[0] for c in set_cookies(response)] == ["notice"]
    assert notice_of(client) == "vote-cast.1.2"

    page = client.get(back, headers=EN)
    assert CAST in text_of(page)
    assert notice_of(client) is None  # deleted by the page that showed it
    assert CAST not in text_of(client.get(back, headers=EN))


def test_withdrawal_is_said_in_the_readers_language(client, db, proposals, voter):  # noqa: F811
    client.post(url(proposals[0]), headers=EN)
    client.get("/", headers=EN)
    client.post(url(proposals[0], "withdraw"), headers=ES)
    assert notice_of(client) == "vote-withdrawn.0.2"
    page = text_of(client.get(f"/calls/nap/proposals/{proposals[0].reference}", headers=ES))
    assert "Retiraste tu voto. Has usado 0 de 2 votos." in page


def test_a_refused_vote_leaves_no_notice(client, db, proposals, voter):  # noqa: F811
    client.post(url(proposals[0]), headers=EN)
    client.get("/", headers=EN)
    assert client.post(url(proposals[0]), headers=EN).status_code == 409
    assert notice_of(client) is None


@pytest.mark.parametrize("forged", [
    "vote-cast.1", "vote-cast.1.2.3", "vote-cast.one.2", "admin-note.1.2",
    "vote-cast.-1.2", "<script>.1.2", "",
])
def test_a_forged_notice_says_nothing_and_goes(client, db, proposals, forged):  # noqa: F811
    client.set_cookie("notice", forged)
    page = client.get("/calls/nap/", headers=EN)
    assert page.status_code == 200
    assert 'class="flash' not in page.get_data(as_text=True)
    assert notice_of(client) is None


def test_a_forged_notice_can_only_say_a_registered_sentence(client, db, call):  # noqa: F811
    client.set_cookie("notice", "vote-cast.7.9")
    page = text_of(client.get("/calls/nap/", headers=EN))
    assert "Your vote is counted. You have used 7 of 9 votes." in page


@pytest.mark.config(SESSION_COOKIE_SECURE=True)
def test_secure_sites_name_the_cookie_for_their_own_host_only(app):
    with app.test_request_context("/"):
        response = leave_notice(app.response_class(), "vote-cast", used=1, budget=2)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-notice=vote-cast.1.2;")
    for attribute in ("Secure", "HttpOnly", "Path=/", "SameSite=Lax"):
        assert attribute in cookie
    assert "Domain" not in cookie


@pytest.mark.parametrize("secure", [False, True])
def test_the_notice_cookie_is_the_one_werkzeug_would_set(app, secure):
    from email.utils import parsedate_to_datetime

    from werkzeug.http import dump_cookie

    app.config["SESSION_COOKIE_SECURE"] = secure
    with app.test_request_context("/"):
        written = set_cookie_header("vote-withdrawn.0.3")
        expected = dump_cookie(cookie_name(), "vote-withdrawn.0.3", max_age=MAX_AGE_SECONDS,
                               path="/", httponly=True, samesite="Lax", secure=secure)

    def parts(header):
        named = dict(part.partition("=")[::2] for part in header.split("; "))
        return named.pop("Expires"), named

    (written_expires, written_rest), (expected_expires, expected_rest) = map(
        parts, (written, expected))
    assert written_rest == expected_rest
    assert list(written_rest) == list(expected_rest)  # same order
    gap = parsedate_to_datetime(written_expires) - parsedate_to_datetime(expected_expires)
    assert abs(gap.total_seconds()) <= 1


def test_every_notice_has_a_spanish_sentence(app):
    from flask_babel import force_locale

    with app.test_request_context("/"), force_locale("es"):
        for _category, names, message in NOTICES.values():
            spanish = str(message)
            assert spanish != message._args[0]
            assert spanish % dict.fromkeys(names, 1)

"""Open redirects: wherever the app takes a place to go next, it stays on its own host.

Every route that redirects to a target it was given (`next`, through
app/web/redirects.py `safe_next`) is sent each of HOSTILE's targets; the Location it
answers with, read the way a browser reads it, must lead to this site (or there must be
no redirect at all). A new caller of `safe_next` must be added to PLACES: a test reads the
app's sources for them.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.security.conftest import sign_in

HOST = "localhost"  # the test client's

HOSTILE = [
    # another host, spelled the usual ways
    "https://evil.example", "http://evil.example/", "//evil.example", "//evil.example/calls/",
    "///evil.example", "////evil.example", "https:evil.example", "https:/evil.example",
    "http://localhost.evil.example/", "//localhost@evil.example", "https://localhost@evil.example",
    # backslashes, which browsers read as slashes
    "/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\\/evil.example",
    "https:\\\\evil.example", "//evil.example\\@localhost",
    # tabs, newlines and spaces, which browsers drop or trim
    "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example",
    " //evil.example", "/ /evil.example",
    # percent-encoding, as typed and as a second layer
    "%2F%2Fevil.example", "/%2F/evil.example", "/%09/evil.example", "/%5Cevil.example",
    "/%0d%0aLocation:%20https://evil.example", "/x/../..//evil.example",
    # other schemes
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
    "\x01javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    # look-alikes of "/" and "."
    "/\u2215evil.example", "\uff0f\uff0fevil.example", "/\uff0fevil.example",
    "//evil\u3002example", "\u2044\u2044evil.example",
]

C0_AND_SPACE = "".join(map(chr, range(0x21)))
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def where_a_browser_goes(location: str, base_scheme: str = "http") -> tuple[str, str | None]:
    """(scheme, host) a browser on this site reaches by following `location`.

    The parts of the WHATWG URL parser that matter here: leading and trailing controls and
    spaces go, tabs and newlines anywhere go, a backslash counts as a slash in an http(s)
    URL, an http(s) URL skips any number of slashes before its host, and a same-scheme URL
    without slashes is a path.
    """
    url = re.sub(r"[\t\n\r]", "", location.strip(C0_AND_SPACE))
    scheme = base_scheme
    found = SCHEME.match(url)
    if found:
        scheme = found.group(1).lower()
        if scheme not in ("http", "https"):
            return scheme, None
        url = url[found.end():].replace("\\", "/")
        if scheme == base_scheme and not url.startswith("/"):
            return scheme, HOST  # "http:evil.example" is a path of this site
    else:
        url = url.replace("\\", "/")
        if not url.startswith("//"):
            return scheme, HOST  # a path of this site
    authority = re.split(r"[/?#]", url.lstrip("/"), maxsplit=1)[0]
    host = authority.rsplit("@", 1)[-1].split(":")[0].lower()
    return scheme, host


EVIL = "evil.example"


@pytest.mark.parametrize(("location", "goes"), [
    ("/calls/", ("http", HOST)), ("/calls/x?next=//evil.example", ("http", HOST)),
    ("https://evil.example/", ("https", EVIL)), ("//evil.example", ("http", EVIL)),
    ("///evil.example", ("http", EVIL)), ("/\\evil.example", ("http", EVIL)),
    ("/\t/evil.example", ("http", EVIL)), (" //evil.example", ("http", EVIL)),
    ("https:evil.example", ("https", EVIL)), ("http:evil.example", ("http", HOST)),
    ("//localhost@evil.example", ("http", EVIL)), ("//evil.example%2F@localhost", ("http", HOST)),
    ("java\tscript:alert(1)", ("javascript", None)),
])
def test_the_ruler_reads_locations_as_a_browser_does(location, goes):
    assert where_a_browser_goes(location) == goes


def stays_here(response) -> bool:
    if not 300 <= response.status_code < 400:
        return True  # refused outright (a NUL byte, say): nothing to follow
    return where_a_browser_goes(response.headers["Location"]) in {("http", HOST),
                                                                   ("https", HOST)}


class NextField(HTMLParser):
    """The value of the form's hidden `next` field, as a browser would send it back."""

    value = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "next":
            self.value = attrs.get("value") or ""


# -- the places that take a target ----------------------------------------------------------

def login_from_a_link(app, world, target):
    """A link to the login page carries `next`; the form sends it back."""
    client = app.test_client()
    page = NextField()
    page.feed(client.get("/accounts/login", query_string={"next": target}).get_data(as_text=True))
    return client.post("/accounts/login", data={
        "email": world.user("participant").email, "password": PASSWORD, "next": page.value})


def login_posted(app, world, target):
    return app.test_client().post("/accounts/login", data={
        "email": world.user("participant").email, "password": PASSWORD, "next": target})


def language_link(app, _world, target):
    return app.test_client().get("/accounts/locale/en", query_string={"next": target})


def language_form(app, world, target):
    return sign_in(app, world.user("participant")).post(
        "/accounts/locale", data={"locale": "en", "next": target})


def vote_then_withdraw(app, world, target):
    """Both vote buttons send the voter back where they were (`next`)."""
    client = sign_in(app, world.user("participant"))
    url = f"/calls/voting/proposals/{world.votable.reference}/vote"
    cast = client.post(url, data={"next": target})
    withdrawn = client.post(f"{url}/withdraw", data={"next": target})
    return cast if not stays_here(cast) else withdrawn


def hide_then_restore(app, world, target):
    """Moderators' buttons on a proposal's page return to it (`next`)."""
    client = sign_in(app, world.user("moderator"))
    url = f"/moderation/proposal/{world.others.id}"
    hidden = client.post(f"{url}/hide", data={"reason": "Contenido ofensivo", "next": target})
    restored = client.post(f"{url}/restore", data={"next": target})
    return hidden if not stays_here(hidden) else restored


def accepting_the_notice(app, world, target):
    """Accepting a changed privacy notice goes on where the login was going (`next`)."""
    return sign_in(app, world.user("participant")).post(
        "/accounts/privacy/accept", data={"accept": "y", "next": target})


PLACES = {
    "accepting the privacy notice": accepting_the_notice,
    "login, next from a link": login_from_a_link,
    "login, next posted": login_posted,
    "language link": language_link,
    "language form": language_form,
    "vote and withdrawal": vote_then_withdraw,
    "moderation": hide_then_restore,
}
# The views that pass a target to safe_next, by module: each has a place above.
SAFE_NEXT_CALLERS = {"accounts/routes.py": 3, "voting/routes.py": 1, "moderation/routes.py": 2,
                     "privacy/routes.py": 1}
SAFE_TARGET_CALLS = ("safe_next(", "next_url(", "is_safe_path(")


ROOT = Path(__file__).resolve().parents[2]
APP_SOURCES = {path.relative_to(ROOT): path.read_text() for path in (ROOT / "app").rglob("*.py")}


def test_every_caller_of_safe_next_has_a_place():
    found = {str(path.relative_to("app")): sum(text.count(call) for call in SAFE_TARGET_CALLS)
             for path, text in APP_SOURCES.items()
             if any(call in text for call in SAFE_TARGET_CALLS) and path.name != "redirects.py"}
    assert found == SAFE_NEXT_CALLERS, "a new place takes a target: add it to PLACES"


def test_no_view_redirects_to_what_the_request_says_but_through_safe_next():
    # `redirect(request.args["next"])`, `redirect(request.referrer)` and the like.
    direct = re.compile(r"redirect\(\s*(request\.|form\.|\w+\.data\b)|request\.referrer")
    assert sorted(str(path) for path, text in APP_SOURCES.items() if direct.search(text)) == []


@pytest.mark.parametrize("place", sorted(PLACES))
def test_no_target_leads_off_the_site(app, world, place):
    follow = PLACES[place]
    # It takes a target (a vote comes back to the voted proposal's anchor on it).
    assert follow(app, world, "/calls/").headers["Location"].split("#")[0] == "/calls/"
    leaks = {}
    for target in HOSTILE:
        response = follow(app, world, target)
        if not stays_here(response):
            leaks[repr(target)] = response.headers["Location"]
    assert leaks == {}


# -- links in mail ------------------------------------------------------------------------

def reset_requested(app, world):
    """Anyone may ask for someone else's reset link: the mail holds the token."""
    return app.test_client().post("/accounts/reset", base_url=f"http://{EVIL}",
                                  data={"email": world.user("author").email})


def comment_posted(app, world):
    """Any participant's comment mails the author a link to the proposal (and the
    participant's whole visit names the forged host)."""
    client, site = app.test_client(), f"http://{EVIL}"
    client.post("/accounts/login", base_url=site, data={
        "email": world.user("participant").email, "password": PASSWORD})
    return client.post(f"/calls/open/proposals/{world.published.reference}/comments",
                       base_url=site, data={"body": "Un comentario"})


# Mail links are built from the request's Host header (url_for(_external=True)); Flask's
# TRUSTED_HOSTS (config.py) refuses a host the site does not answer to, so a forged Host
# never reaches a mail, nor a reset token with it.
@pytest.mark.parametrize("sender", [reset_requested, comment_posted],
                         ids=["password reset", "comment notification"])
def test_links_in_mail_lead_to_the_site_whatever_host_the_request_named(app, world, outbox,
                                                                       sender):
    before = len(outbox())
    response = sender(app, world)
    sent = outbox()[before:]
    if response.status_code == 400:  # the forged host refused outright: nothing sent
        assert sent == []
    else:
        assert response.status_code == 302
        assert len(sent) == 1
        assert EVIL not in sent[0].get_content()

"""Outcome messages that outlive a redirect without re-signing the session.

Flask's `flash` keeps its message in the session cookie, so every flash serialises,
compresses and signs the whole session again and sends it back. A vote is the busiest
form of the site and its outcome is one fixed sentence with two numbers: it travels
instead as a short cookie naming the sentence and the numbers (`vote-cast.3.20`),
worded in the reader's language by the page it leads to, which then deletes it.

Only the sentences registered here can be shown, filled only with whole numbers, so
a forged cookie can make the site say nothing but these sentences, and only to the
browser that holds it. Where cookies are secure the name carries the `__Host-`
prefix, which another host (a sibling subdomain) cannot set.
"""

import time
from typing import NamedTuple

from flask import Flask, current_app, g, request
from flask_babel import lazy_gettext as _l
from werkzeug.http import http_date


class Notice(NamedTuple):
    category: str  # the flash category it is shown with
    numbers: tuple[str, ...]  # the names of the whole numbers that fill it, in cookie order
    sentence: object  # lazy: worded in the language of the page that shows it


NOTICES = {
    "vote-cast": Notice("success", ("used", "budget"),
                        _l("Your vote is counted. You have used %(used)d of %(budget)d "
                           "votes.")),
    "vote-withdrawn": Notice("success", ("used", "budget"),
                             _l("Your vote is withdrawn. You have used %(used)d of "
                                "%(budget)d votes.")),
}
MAX_AGE_SECONDS = 120  # long enough for the redirect it rides on, short enough to go stale
SHOWN = "minga_notice_shown"


def cookie_name() -> str:
    return "__Host-notice" if current_app.config["SESSION_COOKIE_SECURE"] else "notice"


def _cookie_attributes() -> dict:
    """Path, flags and name as the cookie is set and deleted (a deletion must match)."""
    return {"key": cookie_name(), "path": "/", "httponly": True, "samesite": "Lax",
            "secure": current_app.config["SESSION_COOKIE_SECURE"]}


def notice_text(kind: str, **numbers: int) -> str:
    """The sentence of notice `kind`, in the current language, filled with `numbers`."""
    return str(NOTICES[kind].sentence) % numbers


def leave_notice(response, kind: str, **numbers: int):
    """Have the next page the browser shows say notice `kind` (filled with `numbers`)."""
    response.headers.add("Set-Cookie", notice_cookie(kind, **numbers))
    return response


def notice_cookie(kind: str, **numbers: int) -> str:
    """The Set-Cookie header value that leaves notice `kind`, filled with `numbers`."""
    return set_cookie_header(
        ".".join([kind, *(str(int(numbers[name])) for name in NOTICES[kind].numbers)]))


def set_cookie_header(value: str) -> str:
    """The header `response.set_cookie` would write for the notice cookie holding `value`.

    Written here: werkzeug's `dump_cookie` (quoting, seven options, its date) was 2 %
    of a vote, for a value made of letters, digits, dots and hyphens that needs none.
    """
    secure = "; Secure" if current_app.config["SESSION_COOKIE_SECURE"] else ""
    return (f"{cookie_name()}={value}; Expires={http_date(time.time() + MAX_AGE_SECONDS)}; "
            f"Max-Age={MAX_AGE_SECONDS}{secure}; HttpOnly; Path=/; SameSite=Lax")


def _read(value: str) -> tuple[str, str] | None:
    kind, *raw = value.split(".")
    notice = NOTICES.get(kind)
    if notice is None or len(raw) != len(notice.numbers) or not all(n.isdigit() for n in raw):
        return None
    return notice.category, notice_text(
        kind, **{name: int(n) for name, n in zip(notice.numbers, raw, strict=True)})


def take_notices() -> list[tuple[str, str]]:
    """The (category, message) the browser's notice cookie holds, if any, now shown."""
    value = request.cookies.get(cookie_name())
    if value is None:
        return []
    g.setdefault(SHOWN, True)  # shown or unreadable: either way it goes
    notice = _read(value[:64])
    return [notice] if notice else []


def _forget_shown(response):
    if g.pop(SHOWN, False):
        response.delete_cookie(**_cookie_attributes())
    return response


def init_app(app: Flask) -> None:
    app.after_request(_forget_shown)
    app.jinja_env.globals["take_notices"] = take_notices

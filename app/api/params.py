"""Strict reading of API query parameters: a bad one is a 400 that names it.

Each rule here is described in the OpenAPI document (app/api/openapi.py), so that a
request the document calls valid is answered and one it calls invalid is refused.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.calls.models import Call
from app.core.errors import DomainError
from app.proposals.models import NATIONAL, OGP_VALUES, PUBLIC_STATUSES
from app.proposals.queries import Listing, allowed_sorts

MAX_PER_PAGE = 100
MAX_PAGE = 100_000
MAX_TEXT = 200  # q and body; responsible bodies are stored in at most 200 characters
KNOWN = {"q", "theme", "value", "region", "body", "status", "sort", "page", "per_page"}


class BadParameter(DomainError):
    status = 400


def _int(args, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw is None:
        return default
    # ASCII digits only: int() would also take " 7", "+7", "1_0" and other scripts' digits.
    value = None
    if raw.isascii() and raw.isdigit():
        try:
            value = int(raw)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            value = None
    if value is None or not low <= value <= high:
        raise BadParameter(_l("%(name)s must be a whole number from %(low)d to %(high)d.",
                              name=name, low=low, high=high))
    return value


def _choice(args, name: str, allowed) -> str:
    """The chosen value, or "" when the parameter is absent; given empty, it is refused."""
    if name not in args:
        return ""
    value = args[name]
    if value not in allowed:
        raise BadParameter(_l("%(name)s must be one of: %(allowed)s.", name=name,
                              allowed=", ".join(sorted(allowed))))
    return value


def _text(args, name: str) -> str:
    raw = args.get(name, "")
    if len(raw) > MAX_TEXT:  # counted before stripping, as the document's maxLength is
        raise BadParameter(_l("%(name)s must be at most %(count)d characters.",
                              name=name, count=MAX_TEXT))
    return raw


def _sort(args, call: Call, at, q: str) -> str:
    sort = args.get("sort")
    if sort == "votes" and not call.counts_public(at):
        raise BadParameter(_l("sort=votes is not available while vote counts are hidden."))
    if sort == "relevance" and not q:
        raise BadParameter(_l("sort=relevance needs words to search for in q."))
    return _choice(args, "sort", set(allowed_sorts(call, at, q))) or (
        "relevance" if q else "recent")


def listing(args, call: Call, at) -> tuple[Listing, int]:
    """Return the cleaned listing and per_page.

    :raises BadParameter:
    """
    unknown = sorted(set(args) - KNOWN)
    if unknown:
        raise BadParameter(_l("Unknown parameter: %(names)s.", names=", ".join(unknown)))
    repeated = sorted(name for name in args if len(args.getlist(name)) > 1)
    if repeated:
        raise BadParameter(_l("Give each parameter once: %(names)s.",
                              names=", ".join(repeated)))
    q = _text(args, "q").strip()
    regions = {NATIONAL, *current_app.config["MINGA_REGIONS"]}
    result = Listing(q=q, theme=_choice(args, "theme", set(call.themes)),
                     value=_choice(args, "value", set(OGP_VALUES)),
                     region=_choice(args, "region", regions), body=_text(args, "body"),
                     status=_choice(args, "status", set(PUBLIC_STATUSES)),
                     sort=_sort(args, call, at, q), page=_int(args, "page", 1, 1, MAX_PAGE))
    return result, _int(args, "per_page", 20, 1, MAX_PER_PAGE)

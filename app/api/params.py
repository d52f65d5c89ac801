"""Strict reading of API query parameters: a bad one is a 400 that names it."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.calls.models import Call
from app.core.errors import DomainError
from app.proposals.models import NATIONAL, OGP_VALUES, PUBLIC_STATUSES
from app.proposals.queries import Listing, allowed_sorts

MAX_PER_PAGE = 100
KNOWN = {"q", "theme", "value", "region", "body", "status", "sort", "page", "per_page"}


class BadParameter(DomainError):
    status = 400


def _int(args, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise BadParameter(_l("%(name)s must be a whole number from %(low)d to %(high)d.",
                              name=name, low=low, high=high))
    return value


def _choice(args, name: str, allowed) -> str:
    value = args.get(name, "")
    if value and value not in allowed:
        raise BadParameter(_l("%(name)s must be one of: %(allowed)s.", name=name,
                              allowed=", ".join(sorted(allowed))))
    return value


def listing(args, call: Call, at) -> tuple[Listing, int]:
    """Return the cleaned listing and per_page.

    :raises BadParameter:
    """
    unknown = sorted(set(args) - KNOWN)
    if unknown:
        raise BadParameter(_l("Unknown parameter: %(names)s.", names=", ".join(unknown)))
    q = args.get("q", "").strip()
    if len(q) > 200:
        raise BadParameter(_l("q must be at most 200 characters."))
    sorts = allowed_sorts(call, at, q)
    sort = args.get("sort", "")
    if sort == "votes" and "votes" not in sorts:
        raise BadParameter(_l("sort=votes is not available while vote counts are hidden."))
    sort = _choice(args, "sort", set(sorts)) or ("relevance" if q else "recent")
    regions = {NATIONAL, *current_app.config["MINGA_REGIONS"]}
    result = Listing(q=q, theme=_choice(args, "theme", set(call.themes)),
                     value=_choice(args, "value", set(OGP_VALUES)),
                     region=_choice(args, "region", regions),
                     body=args.get("body", "")[:200],
                     status=_choice(args, "status", set(PUBLIC_STATUSES)), sort=sort,
                     page=_int(args, "page", 1, 1, 100_000))
    return result, _int(args, "per_page", 20, 1, MAX_PER_PAGE)

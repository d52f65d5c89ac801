"""Call rules: valid phase dates, settings and texts, who may create and edit, which calls
the home page shows."""

import re
from datetime import datetime
from typing import NamedTuple

from flask import abort, current_app
from flask_babel import lazy_gettext as _l

from app.audit.services import record_event
from app.calls.models import DATE_FIELDS, DECISION_RULES, ELIGIBILITY, TEXT_FIELDS, Call, Phase
from app.core.clock import now
from app.core.confirmation import require_confirmation
from app.core.errors import Conflict, DomainError, NotAllowed, flush_or_conflict
from app.extensions import db

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EDITABLE_FIELDS = (
    "title", "description", "submission_opens_at", "submission_closes_at", "voting_opens_at",
    "voting_closes_at", "votes_per_voter", "themes", "allow_vote_withdrawal",
    "hide_counts_until_close", "max_proposals_per_author", "eligibility", "decision_rule",
    "rules", "comments_open", "translations",
)
TEXT_LIMITS = {"title": 200, "description": 20000, "rules": 20000}
# Changing these once voting has opened would change the rules under voters' feet.
LOCKED_ONCE_VOTING = ("votes_per_voter", "eligibility", "voting_opens_at")


class InvalidSlug(DomainError):
    message = _l("Use lower-case letters, digits and hyphens only, e.g. nap-2026.")


class SlugTaken(DomainError):
    status = 409
    message = _l("Another call already uses this address.")


class DatesOutOfOrder(DomainError):
    pass


class InvalidSetting(DomainError):
    pass


class SettingLocked(DomainError):
    status = 409
    message = _l("This setting cannot change once voting has opened.")


class ResultsAlreadyPublished(DomainError):
    status = 409
    message = _l("The results of this call are published: its dates can no longer take it "
                 "back to an earlier phase.")


class TextTooLong(DomainError):
    pass


class CallNotFound(DomainError):
    status = 404
    message = _l("There is no call at this address.")


def can_manage_calls(user) -> bool:
    return bool(user and user.is_authenticated and user.is_admin)


def _check(data: dict) -> None:
    order = [
        ("submission_closes_at", "submission_opens_at",
         _l("Submissions must close after they open.")),
        ("voting_opens_at", "submission_closes_at",
         _l("Voting cannot open before submissions close.")),
        ("voting_closes_at", "voting_opens_at", _l("Voting must close after it opens.")),
    ]
    for later, earlier, message in order:
        if data[later] < data[earlier] or (later != "voting_opens_at"
                                            and data[later] == data[earlier]):
            raise DatesOutOfOrder(message, field=later)
    if data["votes_per_voter"] < 1:
        raise InvalidSetting(_l("Each voter needs at least one vote."), field="votes_per_voter")
    if data["max_proposals_per_author"] < 1:
        raise InvalidSetting(_l("Allow at least one proposal per author."),
                             field="max_proposals_per_author")
    if not data["themes"]:
        raise InvalidSetting(_l("Give at least one theme."), field="themes")
    if data["eligibility"] not in ELIGIBILITY:
        raise InvalidSetting(_l("Choose one of the listed options."), field="eligibility")
    if data["decision_rule"] not in DECISION_RULES:
        raise InvalidSetting(_l("Choose one of the listed options."), field="decision_rule")


def clean_themes(themes) -> list[str]:
    """Return the themes trimmed, without blanks or repeats, in the order given."""
    seen: dict[str, str] = {}
    for theme in themes:
        theme = " ".join(theme.split())
        if theme and theme.casefold() not in seen:
            seen[theme.casefold()] = theme
    return list(seen.values())


def other_locales() -> list[str]:
    """The languages a call may have texts in besides the default one (its main columns)."""
    config = current_app.config
    return [code for code in config["MINGA_LOCALES"] if code != config["MINGA_DEFAULT_LOCALE"]]


def clean_translations(translations: dict | None) -> dict:
    """Keep the written texts of the other languages, trimmed; drop blank ones.

    :raises TextTooLong:
    """
    cleaned = {}
    for code in other_locales():
        given = (translations or {}).get(code) or {}
        texts = {}
        for field in TEXT_FIELDS:
            text = (given.get(field) or "").strip()
            if len(text) > TEXT_LIMITS[field]:
                raise TextTooLong(_l("Keep it under %(n)d characters.", n=TEXT_LIMITS[field]),
                                  field=f"{field}_{code}")
            if text:
                texts[field] = text
        if texts:
            cleaned[code] = texts
    return cleaned


def _snapshot(call: Call) -> dict:
    return {field: (value.isoformat() if hasattr(value, "isoformat") else value)
            for field in EDITABLE_FIELDS for value in [getattr(call, field)]}


def create_call(actor, slug: str, **data) -> Call:
    """Create a call.

    :raises NotAllowed, InvalidSlug, SlugTaken, DatesOutOfOrder, InvalidSetting:
    """
    if not can_manage_calls(actor):
        raise NotAllowed
    slug = (slug or "").strip().lower()
    if not SLUG_PATTERN.match(slug) or len(slug) > 64:
        raise InvalidSlug(field="slug")
    if db.session.scalar(db.select(Call.id).where(Call.slug == slug)):
        raise SlugTaken(field="slug")
    data["themes"] = clean_themes(data.get("themes", []))
    data["translations"] = clean_translations(data.get("translations"))
    _check(data)
    call = Call(slug=slug, created_at=now(), updated_at=now(), **data)
    db.session.add(call)
    db.session.flush()
    record_event(actor, "call.created", call, after=_snapshot(call))
    return call


def update_call(actor, call: Call, expected_version: int, confirmed: str | None = None,
                **data) -> Call:
    """Change a call's texts, dates and settings.

    New dates that move the call into another phase now (submissions closing at once,
    voting reopening) need `confirmed`: the fingerprint of the consequences the admin saw
    (app/calls/consequences.py).

    :raises NotAllowed, Conflict, DatesOutOfOrder, InvalidSetting, TextTooLong,
        SettingLocked, ResultsAlreadyPublished, ConfirmationRequired:
    """
    # Here, not at the top: the consequences count proposals and votes, whose packages
    # import this module.
    from app.calls.consequences import date_change_consequences, phase_after

    if not can_manage_calls(actor):
        raise NotAllowed
    if expected_version != call.version:
        raise Conflict
    data["themes"] = clean_themes(data.get("themes", []))
    data["translations"] = clean_translations(data.get("translations"))
    _check(data)
    at = now()
    phase = call.phase(at)
    if phase not in (Phase.UPCOMING, Phase.SUBMISSION, Phase.PRE_VOTING):
        for field in LOCKED_ONCE_VOTING:
            if data[field] != getattr(call, field):
                raise SettingLocked(field=field)
    if phase == Phase.RESULTS and phase_after(call, data, at) != Phase.RESULTS:
        moved = next(f for f in DATE_FIELDS if data[f] > at)
        raise ResultsAlreadyPublished(field=moved)
    require_confirmation(date_change_consequences(call, data, at), confirmed)
    before = _snapshot(call)
    for field, value in data.items():
        setattr(call, field, value)
    call.updated_at = at
    flush_or_conflict()  # another request may have saved between our read and write
    record_event(actor, "call.updated", call, before=before, after=_snapshot(call))
    return call


_CALL_BY_SLUG = db.select(Call).where(Call.slug == db.bindparam("slug"))  # every call page


def get_call(slug: str) -> Call:
    """:raises CallNotFound:"""
    if not SLUG_PATTERN.match(slug or ""):
        raise CallNotFound
    call = db.session.scalar(_CALL_BY_SLUG, {"slug": slug})
    if call is None:
        raise CallNotFound
    return call


def get_call_or_404(slug: str) -> Call:
    try:
        return get_call(slug)
    except CallNotFound:
        abort(404)


def list_calls() -> list[Call]:
    """Return every cycle, newest first: the archive stays online."""
    return list(db.session.scalars(
        db.select(Call).order_by(Call.submission_opens_at.desc(), Call.id.desc())))


class HomeCalls(NamedTuple):
    """The calls the home page shows; false when there is no call at all."""

    in_progress: list[Call]  # soonest next step first; those in review last
    upcoming: list[Call]  # soonest first
    past: list[Call]  # results published, newest first, at most PAST_ON_HOME

    def __bool__(self) -> bool:
        return bool(self.in_progress or self.upcoming or self.past)


PAST_ON_HOME = 5
IN_PROGRESS = (Phase.SUBMISSION, Phase.PRE_VOTING, Phase.VOTING, Phase.REVIEW)


def next_boundary(call: Call, at: datetime) -> datetime | None:
    """When the call's current phase ends, or None when no date says (review, results)."""
    return next((getattr(call, field) for field in DATE_FIELDS if at < getattr(call, field)),
                None)


def home_calls(at=None) -> HomeCalls:
    """Every call in progress, the ones opening soon and the latest finished, in one query."""
    at = at or now()
    calls = list_calls()
    phases = {call.id: call.phase(at) for call in calls}
    in_progress = [c for c in calls if phases[c.id] in IN_PROGRESS]
    in_progress.sort(key=lambda c: (next_boundary(c, at) is None, next_boundary(c, at) or at))
    upcoming = sorted((c for c in calls if phases[c.id] == Phase.UPCOMING),
                      key=lambda c: c.submission_opens_at)
    past = [c for c in calls if phases[c.id] == Phase.RESULTS][:PAST_ON_HOME]
    return HomeCalls(in_progress, upcoming, past)

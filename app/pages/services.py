"""The site's own pages (privacy notice, terms of use, accessibility statement, help):
a default text per language ships with Minga; an administrator may replace it."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record_event
from app.core.clock import now
from app.core.errors import DomainError, NotAllowed
from app.extensions import db
from app.pages.models import SitePage

DEFAULTS = Path(__file__).parent / "defaults"
PAGES = {
    "help": _l("Help"),
    "privacy": _l("Privacy notice"),
    "terms": _l("Terms of use"),
    "accessibility": _l("Accessibility statement"),
}
TITLE_MAX, BODY_MAX = 200, 60_000


class UnknownPage(DomainError):
    status = 404
    message = _l("There is no such page.")


class PageTextMissing(DomainError):
    message = _l("Write the page's text, or put back the default text.")


class PageTooLong(DomainError):
    message = _l("This text is too long.")


@dataclass(frozen=True)
class ShownPage:
    slug: str
    locale: str
    title: str
    body: str
    customised: bool
    updated_at: datetime | None


def _check(slug: str) -> None:
    if slug not in PAGES:
        raise UnknownPage


@cache
def _default_body(slug: str, locale: str) -> str:
    return (DEFAULTS / f"{slug}.{locale}.txt").read_text(encoding="utf-8")


def _fill(text: str) -> str:
    """The deployment's own facts, named in the default texts (and usable in an admin's)."""
    config = current_app.config
    for name, value in (("{site}", config["MINGA_SITE_NAME"]),
                        ("{controller}", config["MINGA_DATA_CONTROLLER"]),
                        ("{contact}", config["MINGA_CONTACT_EMAIL"]),
                        ("{base_url}", config["MINGA_BASE_URL"]),
                        # The retention settings, so the notice states what the app does.
                        ("{unverified_days}", str(config["PRIVACY_UNVERIFIED_DAYS"])),
                        ("{vote_link_months}", str(config["PRIVACY_VOTE_LINK_MONTHS"])),
                        ("{export_hours}", str(config["DATA_EXPORT_HOURS"]))):
        text = text.replace(name, value)
    return text


def _locale(locale: str) -> str:
    return locale if locale in current_app.config["MINGA_LOCALES"] \
        else current_app.config["MINGA_DEFAULT_LOCALE"]


def editable_text(slug: str, locale: str) -> tuple[str, str, SitePage | None]:
    """(title, body, the administrator's row or None) as written: {placeholders} kept.

    :raises UnknownPage:
    """
    _check(slug)
    locale = _locale(locale)
    row = db.session.scalar(select(SitePage).where(SitePage.slug == slug,
                                                   SitePage.locale == locale))
    if row is not None:
        return row.title, row.body, row
    with force_locale(locale):
        title = str(PAGES[slug])
    return title, _default_body(slug, locale), None


def page(slug: str, locale: str) -> ShownPage:
    """The page as a reader in `locale` sees it: the administrator's text in that language,
    else the default text of that language.

    :raises UnknownPage:
    """
    title, body, row = editable_text(slug, locale)
    return ShownPage(slug, _locale(locale), _fill(title), _fill(body), row is not None,
                     row.updated_at if row is not None else None)


def _require_admin(actor) -> None:
    if not getattr(actor, "is_admin", False):
        raise NotAllowed


def save_page(actor, slug: str, locale: str, title: str, body: str) -> SitePage:
    """Replace the page's text in one language.

    :raises NotAllowed, UnknownPage, PageTextMissing, PageTooLong:
    """
    _require_admin(actor)
    _check(slug)
    locale = _locale(locale)
    title, body = " ".join((title or "").split()), (body or "").strip()
    if not title:
        raise PageTextMissing(field="title")
    if not body:
        raise PageTextMissing(field="body")
    if len(title) > TITLE_MAX:
        raise PageTooLong(field="title")
    if len(body) > BODY_MAX:
        raise PageTooLong(field="body")
    row = db.session.scalar(select(SitePage).where(SitePage.slug == slug,
                                                   SitePage.locale == locale)
                            .with_for_update())
    before = {"title": row.title, "body": row.body} if row is not None else None
    if row is None:
        row = SitePage(slug=slug, locale=locale)
        db.session.add(row)
    row.title, row.body = title, body
    row.updated_at, row.updated_by_id = now(), actor.id
    db.session.flush()
    record_event(actor, "page.updated", row, before=before,
                 after={"title": title, "body": body})
    return row


def restore_default(actor, slug: str, locale: str) -> None:
    """Drop the administrator's text: the default text is shown again.

    :raises NotAllowed, UnknownPage:
    """
    _require_admin(actor)
    _check(slug)
    row = db.session.scalar(select(SitePage).where(SitePage.slug == slug,
                                                   SitePage.locale == _locale(locale)))
    if row is None:
        return
    record_event(actor, "page.default_restored", row, before={"title": row.title,
                                                              "body": row.body})
    db.session.delete(row)

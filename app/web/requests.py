"""The app's Request class, and what every request is asked: who sends it, in which language."""

from babel import support
from flask import Request, current_app, g, has_request_context, request
from flask_babel import Domain, get_locale
from werkzeug.utils import cached_property
from wtforms.i18n import messages_path

_wtforms_catalogues: dict[str, support.Translations] = {}


def client_address() -> str:
    """Return the client's address (after ProxyFix), the key for per-address limits."""
    return request.remote_addr or "unknown"


def prefers_json() -> bool:
    """The client asks for JSON first (the page's own scripts do; a plain form does not)."""
    return request.accept_mimetypes.best == "application/json"


def browser_locale() -> str:
    """The language the browser asks for, among the site's, else the site's default."""
    config = current_app.config
    return request.accept_languages.best_match(config["MINGA_LOCALES"]) or config[
        "MINGA_DEFAULT_LOCALE"]


def wtforms_catalogue(locale: str) -> support.Translations:
    """WTForms' own messages ("This field is required.") in `locale`, read once per process."""
    catalogue = _wtforms_catalogues.get(locale)
    if catalogue is None:
        catalogue = support.Translations.load(messages_path(), [locale], domain="wtforms")
        _wtforms_catalogues[locale] = catalogue
    return catalogue


class MingaRequest(Request):
    @cached_property
    def wtforms_translations(self):
        # Flask-WTF reads this attribute of the request, and loads WTForms' catalogue
        # from disk on every request only where it is missing.
        return wtforms_catalogue(str(get_locale()))


class RequestDomain(Domain):
    """Flask-Babel's message domain, its catalogue looked up once per request and locale.

    A list page looks up about a hundred strings, and Flask-Babel finds the catalogue
    anew for each (context, cache, locale, identifier): a tenth of the page. The locale
    is the key, so mail worded under `force_locale` still gets its own language.
    """

    def get_translations(self):
        if not has_request_context():
            return super().get_translations()
        locale = get_locale()
        kept = g.get("minga_catalogue")
        if kept is not None and kept[0] is locale:
            return kept[1]
        translations = super().get_translations()
        g.minga_catalogue = (locale, translations)
        return translations


def install_template_gettext(app) -> None:
    """Templates' `_()` and `ngettext()` through a `RequestDomain` (Jinja's documented
    `install_gettext_callables`, as Flask-Babel itself installs them)."""
    domain = RequestDomain()
    catalogue = domain.get_translations
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: catalogue().ugettext(string),
        ngettext=lambda singular, plural, n: catalogue().ungettext(singular, plural, n),
        pgettext=lambda context, string: catalogue().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: catalogue().unpgettext(
            context, singular, plural, n),
        newstyle=True)

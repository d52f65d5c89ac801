"""The app's Request class, and what every request is asked: who sends it, in which language."""

from babel import support
from flask import Request, current_app, request
from flask_babel import get_locale
from werkzeug.utils import cached_property
from wtforms.i18n import messages_path

_wtforms_catalogues: dict[str, support.Translations] = {}


def client_address() -> str:
    """Return the client's address (after ProxyFix), the key for per-address limits."""
    return request.remote_addr or "unknown"


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

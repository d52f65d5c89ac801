"""Translation lookups fast enough for a page with a hundred strings.

Flask-Babel finds the catalogue anew for every string (context, domain, locale,
locale identifier, cache), and Flask-WTF reads WTForms' catalogue from disk once
per request. A list page looks up about eighty strings; together that was a
sixth of its cost. Here a request keeps its catalogue beside the locale it was
chosen for, so `force_locale` (mail in the recipient's language) still switches.
"""

from babel import support
from flask import current_app, g, has_request_context, request
from flask_babel import Domain, get_locale
from werkzeug.utils import cached_property
from wtforms.i18n import messages_path

from app.form_body import FormBodyRequest

_wtforms_catalogues: dict[str, support.Translations] = {}


class RequestDomain(Domain):
    """Flask-Babel's domain, with the catalogue kept on the request for its locale."""

    def get_translations(self):
        if not has_request_context():
            return super().get_translations()
        # Flask-Babel keeps the request's (or force_locale's) locale here once chosen.
        locale = getattr(g.get("_flask_babel"), "babel_locale", None) or get_locale()
        cached = g.get("_minga_translations")
        if cached is not None and cached[0] is locale:
            return cached[1]
        translations = super().get_translations()
        g._minga_translations = (locale, translations)
        return translations


_domain = RequestDomain()


def browser_locale() -> str:
    """The language the browser asks for, among the site's, else the site's default."""
    config = current_app.config
    return request.accept_languages.best_match(config["MINGA_LOCALES"]) or config[
        "MINGA_DEFAULT_LOCALE"]


def install(app, babel) -> None:
    """Route Python's `_()` and the templates' `_()`/`ngettext()` through RequestDomain."""
    babel.domain_instance = _domain  # Flask-Babel's cached property, set before first use
    translations = _domain.get_translations
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: translations().ugettext(string),
        ngettext=lambda singular, plural, n: translations().ungettext(singular, plural, n),
        pgettext=lambda context, string: translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: translations().unpgettext(
            context, singular, plural, n),
        newstyle=True,
    )


def wtforms_catalogue(locale: str) -> support.Translations:
    """WTForms' own messages ("This field is required.") in `locale`, read once per process."""
    catalogue = _wtforms_catalogues.get(locale)
    if catalogue is None:
        catalogue = support.Translations.load(messages_path(), [locale], domain="wtforms")
        _wtforms_catalogues[locale] = catalogue
    return catalogue


class MingaRequest(FormBodyRequest):
    @cached_property
    def wtforms_translations(self):
        # Flask-WTF looks for this attribute before it loads the catalogue from disk.
        return wtforms_catalogue(str(get_locale()))

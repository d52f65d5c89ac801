"""The reader the Spanish sweeps rely on: it names each kind of English, and only English."""

from tests.i18n.catalogue import (
    NOT_IN_CATALOGUE,
    RAW,
    UNTRANSLATED,
    EnglishFinder,
    page_text,
)

NEW = "A sentence nobody has translated yet, for %(who)s"


def test_each_kind_of_english_is_named(spanish_catalogue):
    finder = EnglishFinder(spanish_catalogue, {NEW})
    finder.read("a page", page_text(
        '<html lang="es"><title>Propuestas</title><p>Hidden by moderation: pending review</p>'
        "<p>A sentence nobody has translated yet, for Ana</p>"
        '<button data-confirm="Delete this comment?">Borrar</button>'
        '<a lang="en" href="/accounts/locale/en">English</a>'
        "<p>Ocultado por la moderación: contiene datos personales.</p></html>"))
    assert set(finder.findings) == {
        (UNTRANSLATED, "Hidden by moderation: %(reason)s"),
        (NOT_IN_CATALOGUE, NEW),
        (RAW, "pending review — in «pending review»"),
        (UNTRANSLATED, "Delete this comment?"),
    }
    assert "run make extract-messages" in finder.report()


def test_spanish_code_and_addresses_are_not_english(spanish_catalogue):
    finder = EnglishFinder(spanish_catalogue, set())
    finder.read("a page", page_text(
        '<html lang="es"><script src="/static/js/minga.js"></script>'
        '<p>Escribe a persona@example.org o abre https://example.org/calls/review/</p>'
        '<p>Ruta: /calls/review/proposals/</p><input type="hidden" value="pending review">'
        "<textarea>lo que escribió alguien in English</textarea><p>OK · API · CSV</p></html>"))
    assert finder.findings == {}

"""Every user-facing string has a Spanish translation (Spanish is the default language)."""

from pathlib import Path

from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "app" / "translations"


def test_spanish_catalogue_is_complete_and_current():
    template = read_po((TRANSLATIONS / "messages.pot").open("rb"))
    spanish = read_po((TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po").open("rb"))
    untranslated = []
    for message in template:
        if not message.id:
            continue
        translated = spanish.get(message.id)
        strings = translated.string if translated else None
        if not strings or (isinstance(strings, tuple) and not all(strings)) or \
                (translated and translated.fuzzy):
            untranslated.append(message.id)
    assert untranslated == []


def test_placeholders_survive_translation():
    spanish = read_po((TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po").open("rb"))
    problems = [(m.id, errors) for m, errors in spanish.check() if errors]
    assert problems == []

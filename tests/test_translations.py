"""Every user-facing string has a Spanish translation (Spanish is the default language)."""

from babel.messages.pofile import read_po

from tests.i18n.catalogue import TRANSLATIONS, source_messages


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


def test_template_is_current_with_the_sources():
    """`make extract-messages` was run after the last string change."""
    template = {m.id[0] if isinstance(m.id, tuple) else m.id
                for m in read_po((TRANSLATIONS / "messages.pot").open("rb")) if m.id}
    assert source_messages() - template == set(), "run `make extract-messages` and translate"

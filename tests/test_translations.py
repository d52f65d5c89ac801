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


def test_template_is_current_with_the_sources():
    """`make extract-messages` was run after the last string change."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    root = TRANSLATIONS.parent.parent
    method_map = [("app/**.py", "python"), ("templates/**.html", "jinja2"),
                  ("templates/**.txt", "jinja2")]
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            root, method_map, keywords=keywords,
            callback=None, strip_comment_tags=False,
            directory_filter=lambda path: ".venv" not in path and "tests" not in path):
        found.add(message[0] if isinstance(message, tuple) else message)
    template = {m.id[0] if isinstance(m.id, tuple) else m.id
                for m in read_po((TRANSLATIONS / "messages.pot").open("rb")) if m.id}
    assert found - template == set(), "run `make extract-messages` and translate"

"""The Spanish catalogue as committed, and a reader that finds English in Spanish output.

What counts as English on a Spanish page or in a Spanish mail, reported apart because
each has its own fix:

- a message of messages.po shown untranslated although the catalogue translates it
  (translated too early, in another language, or a stale compiled catalogue);
- a message of messages.po with no Spanish translation;
- a message of the code that is not in the catalogue at all (run `make extract-messages`);
- English words that never went through gettext (a raw status code, a hard-coded label):
  words that only the English side of the catalogue uses.

Messages are matched by their literal pieces of at least two words (between placeholders),
so "OK" or "Email" alone never count; single words are caught by the last rule.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from babel.support import Translations

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"
SPANISH_PO = TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po"

PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdif%]")
WORD = re.compile(r"[^\W\d_]+")
# Links, paths and addresses are not language.
NOT_TEXT = re.compile(r"https?://\S+|(?<![\w/])/[\w\-./]+|\S+@\S+")

UNTRANSLATED = "shown in English although messages.po translates it"
NO_SPANISH = "no Spanish translation in messages.po"
NOT_IN_CATALOGUE = "not in the catalogue: run make extract-messages, then translate"
RAW = "English that never went through gettext"


def read_spanish():
    with SPANISH_PO.open("rb") as handle:
        return read_po(handle)


def source_messages() -> set[str]:
    """Every msgid the code and templates mark (plural forms by their singular)."""
    method_map = [("app/**.py", "python"), ("templates/**.html", "jinja2"),
                  ("templates/**.txt", "jinja2")]
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, keywords=keywords, callback=None, strip_comment_tags=False,
            directory_filter=lambda path: ".venv" not in path and "tests" not in path):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def stale_compiled_entries(catalogue, directories) -> list[str]:
    """Messages whose compiled Spanish (the .mo the app reads) differs from messages.po."""
    compiled = Translations()
    for directory in directories:
        compiled.merge(Translations.load(directory, ["es"]))
    stale = []
    for message in catalogue:
        if not message.id or not _all_translated(message):
            continue
        if isinstance(message.id, tuple):
            got = compiled.ungettext(message.id[0], message.id[1], 1)
            expected = message.string[0]
        else:
            got, expected = compiled.ugettext(message.id), message.string
        if got != expected:
            stale.append(message.id)
    return stale


def normalise(text: str) -> str:
    return " ".join(text.split())


def pieces(msgid: str) -> list[str]:
    """The literal parts of a message (between its placeholders) of at least two words."""
    return [piece for piece in (normalise(p).strip(" .,:;“”«»()\"'")
                                for p in PLACEHOLDER.split(msgid))
            if len(WORD.findall(piece)) >= 2]


@dataclass(frozen=True)
class _Message:
    """A message as it reads once its placeholders are filled: found whole, named exactly."""

    kind: str
    msgid: str
    clue: str  # its longest literal part: looked for first, as a cheap filter
    pattern: re.Pattern

    @classmethod
    def of(cls, kind: str, msgid: str) -> "_Message | None":
        parts = pieces(msgid)
        if not parts:
            return None
        # A placeholder at either end is left to the reader of the rest (the word check).
        literal = [re.escape(part) for part in PLACEHOLDER.split(normalise(msgid).strip())]
        pattern = ".+?".join(literal).removeprefix(".+?").removesuffix(".+?")
        return cls(kind, msgid, max(parts, key=len), re.compile(pattern))


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text)) if len(w) >= 3}


def _forms(value) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def _all_translated(message) -> bool:
    return all(_forms(message.string)) and not message.fuzzy


@dataclass
class EnglishFinder:
    """Finds the English in Spanish output; `findings` groups what it saw and where."""

    catalogue: object
    sources: set
    allowed_words: frozenset = frozenset()
    findings: dict = field(default_factory=dict)  # (kind, what) -> [where, ...]

    def __post_init__(self):
        english, spanish, spanish_text, messages = set(), set(), [], []
        known = set()
        for message in self.catalogue:
            if not message.id:
                continue
            ids = _forms(message.id)
            known.add(ids[0])
            for text in _forms(message.string):
                spanish |= _words(text or "")
                spanish_text.append(normalise(text or ""))
            kind = UNTRANSLATED if _all_translated(message) else NO_SPANISH
            for msgid in ids:
                english |= _words(msgid)
                messages.append(_Message.of(kind, msgid))
        for msgid in self.sources - known:
            english |= _words(msgid)
            messages.append(_Message.of(NOT_IN_CATALOGUE, msgid))
        # English that the Spanish catalogue itself uses (a name, "CC BY 4.0") is no sign.
        everything_spanish = "\n".join(spanish_text)
        # Longest first, so a message that contains a shorter one is the one named.
        self.messages = sorted((m for m in messages if m and m.clue not in everything_spanish),
                               key=lambda m: -len(m.pattern.pattern))
        self.english_only = english - spanish - set(self.allowed_words)

    def read(self, where: str, lines: list[str]) -> None:
        """Note every piece of English in `lines` (text as a reader gets it) seen at `where`."""
        text = "\n".join(normalise(NOT_TEXT.sub(" ", line)) for line in lines)
        for message in self.messages:
            if message.clue in text and message.pattern.search(text):
                self.findings.setdefault((message.kind, message.msgid), []).append(where)
                text = message.pattern.sub("\n", text)
        for line in text.split("\n"):
            english = sorted({w for w in WORD.findall(line) if w.lower() in self.english_only})
            if english:
                self.findings.setdefault((RAW, f"{' '.join(english)} — in «{line[:100]}»"),
                                         []).append(where)

    def report(self) -> str:
        lines = []
        for kind in (NOT_IN_CATALOGUE, NO_SPANISH, UNTRANSLATED, RAW):
            found = [(what, where) for (k, what), where in self.findings.items() if k == kind]
            if found:
                lines.append(f"{kind}:")
                lines += [f"  {what!r} at {', '.join(sorted(set(where))[:3])}"
                          for what, where in sorted(found)]
        return "\n".join(lines)


class _VisibleText(HTMLParser):
    """The text of a page as a reader meets it: text, and the attributes read aloud or shown."""

    HUMAN_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label", "data-confirm", "label")
    NOT_READ = frozenset({"script", "style", "textarea"})  # code, and what someone typed
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                      "meta", "source", "track", "wbr"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        # Text marked as another language (the language switcher's "English") is meant so.
        skip = self._skipping() or tag in self.NOT_READ or bool(lang and lang != "es")
        if not skip:
            self.lines += [attrs[name] for name in self.HUMAN_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.lines.append(attrs["value"])
        if tag not in self.VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.lines.append(data)


def page_text(markup: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    return parser.lines


def mail_text(message) -> list[str]:
    return [str(message["Subject"]), *message.get_content().splitlines()]

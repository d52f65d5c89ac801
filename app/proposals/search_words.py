"""Words as the search sees them: lower case, without accents, Spanish endings stemmed.

"Información", "informacion" and "informaciones" are all `inform`; "aguas" and "agua" are
both `agu`. Snowball's Spanish stemmer is the one PostgreSQL's `spanish` configuration
uses, so SQLite (stemmed here, in Python) and PostgreSQL find the same proposals.
PyStemmer is the Snowball project's C binding: about 0.2 µs a word against 20 µs for
the pure-Python snowballstemmer, which counts when a whole database is re-indexed.
"""

import re
import threading
import unicodedata

import Stemmer

# Words too common to say anything about a proposal: left out of what is searched for.
STOPWORDS = frozenset("""
a al algo ante con contra de del desde donde el ella ellas ellos en entre era es esa ese eso esta
este esto estos fue ha han hay la las le les lo los mas muy no nos o para pero por que se
sea ser si sin sobre su sus tambien tiene todo todos un una unas uno unos y ya
the and for with from that this into are was were will have has not but all any our their its
""".split())
MAX_QUERY_WORDS = 12

# Letters and digits only: the underscore \w allows is a separator to FTS5 and PostgreSQL.
_WORD = re.compile(r"[^\W_]+")
# A stemmer keeps state while it works: one per thread.
_local = threading.local()


def fold(text: str) -> str:
    """Lower-case and strip accents (and ñ's tilde), as PostgreSQL's unaccent does."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str | None) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text or ""))


def stems(words: list[str]) -> list[str]:
    """Each folded word's Spanish stem."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("spanish")
    return stemmer.stemWords(words)


def indexed_form(text: str | None) -> str:
    """A text as the SQLite index holds it: its stems, separated by spaces."""
    return " ".join(stems(tokens(text)))


def query_words(query: str | None, any_word: bool = False) -> list[str]:
    """The words of what someone typed worth searching for, each once, accents kept.

    Accents stay for PostgreSQL's stemmer, which needs them (see search.PG_CONFIGS).
    No operator can reach the engine: only letters and digits come through.
    `any_word` (proposals alike) also leaves out words of three letters or fewer.
    """
    kept, seen = [], set()
    for word in _WORD.findall(unicodedata.normalize("NFC", (query or "").lower())):
        folded = fold(word)
        if folded in STOPWORDS or folded in seen or (any_word and len(folded) <= 3):
            continue
        seen.add(folded)
        kept.append(word)
    return kept[:MAX_QUERY_WORDS]

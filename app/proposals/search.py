"""Full-text search over published proposals, one interface for both databases.

SQLite: an FTS5 table `proposal_search` (rowid = proposal id) kept up to date
by the services when a proposal is published or edited. PostgreSQL: a GIN
expression index over the same texts, so there is nothing to keep up to date.
The DDL hangs off the proposals table, so `create_all`/`drop_all` (tests) and
the migration create the same things.
"""

import re
import unicodedata

from sqlalchemy import DDL, event, func, literal_column, select, text
from sqlalchemy.sql.elements import ColumnElement

from app.extensions import db
from app.proposals.models import Proposal

FTS_TABLE = "proposal_search"
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')"
)
SQLITE_DROP = f"DROP TABLE IF EXISTS {FTS_TABLE}"
_PG_COLUMNS = ("title", "summary", "problem", "commitment", "solution", "expected_results")


# translate() is immutable (unlike unaccent), so the folded text can be indexed.
_ACCENTED = "áéíóúüñàèìòùâêîôûäëïöÁÉÍÓÚÜÑÀÈÌÒÙÂÊÎÔÛÄËÏÖ"
_PLAIN = "aeiouunaeiouaeiouaeioAEIOUUNAEIOUAEIOUAEIO"


def _pg_document(prefix: str = "", columns=_PG_COLUMNS) -> str:
    joined = " || ' ' || ".join(f"coalesce({prefix}{column}, '')" for column in columns)
    return f"to_tsvector('simple', translate({joined}, '{_ACCENTED}', '{_PLAIN}'))"


# Unqualified in the index; qualified in queries (joins bring other `title` columns).
# PostgreSQL parses both to the same expression, so queries use the index.
PG_DOCUMENT = _pg_document()
PG_CREATE = f"CREATE INDEX IF NOT EXISTS ix_proposals_search ON proposals USING gin ({PG_DOCUMENT})"
PG_DROP = "DROP INDEX IF EXISTS ix_proposals_search"

event.listen(Proposal.__table__, "after_create", DDL(SQLITE_CREATE).execute_if(dialect="sqlite"))
event.listen(Proposal.__table__, "before_drop", DDL(SQLITE_DROP).execute_if(dialect="sqlite"))
event.listen(Proposal.__table__, "after_create", DDL(PG_CREATE).execute_if(dialect="postgresql"))

# Words too common to say two proposals are alike.
STOPWORDS = frozenset("""
a al algo ante con contra de del desde donde el ella ellas ellos en entre era es esa ese eso esta
este esto estos fue ha han hay la las le les lo los mas más muy no nos o para pero por que qué se
sea ser si sin sobre su sus también tiene todo todos un una unas uno unos y ya
the and for with from that this into are was were will have has not but all any our their its
""".split())

_WORD = re.compile(r"\w+", re.UNICODE)


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def fold(text_: str) -> str:
    """Lower-case and strip accents, as both indexes do with the stored text."""
    decomposed = unicodedata.normalize("NFKD", text_.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(query: str) -> list[str]:
    """Split what someone typed into plain words: no operator can reach the engine."""
    return _WORD.findall(fold(query or ""))[:12]


def index_proposal(proposal: Proposal) -> None:
    """Put a proposal's current text in the SQLite index (PostgreSQL indexes by itself)."""
    if _dialect() != "sqlite":
        return
    db.session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": proposal.id})
    db.session.execute(
        text(f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) "
             "VALUES (:id, :title, :summary, :body)"),
        {"id": proposal.id, "title": proposal.title, "summary": proposal.summary,
         "body": proposal.search_text})


def _sqlite_query(terms: list[str], any_word: bool) -> str:
    quoted = [f'"{term}"' for term in terms]
    if not any_word:
        quoted[-1] += "*"  # the last word may still be being typed
    return (" OR " if any_word else " ").join(quoted)


def _pg_query(terms: list[str], any_word: bool) -> str:
    if any_word:
        return " | ".join(terms)
    return " & ".join([*terms[:-1], terms[-1] + ":*"])


def match(query: str, any_word: bool = False,
          short_only: bool = False) -> tuple[ColumnElement, ColumnElement] | None:
    """Return (condition, relevance) for proposals matching the words of `query`.

    `short_only` looks at titles and summaries alone. Relevance sorts ascending
    (best first). None when the query has no words.
    """
    terms = words(query)
    if any_word:
        terms = [t for t in terms if len(t) > 3 and t not in STOPWORDS]
    if not terms:
        return None
    if _dialect() == "sqlite":
        fts = db.table(FTS_TABLE, db.column("rowid"))
        ranked = (
            select(fts.c.rowid.label("id"), literal_column(f"bm25({FTS_TABLE})").label("rank"))
            .where(text(f"{FTS_TABLE} MATCH :fts_query").bindparams(
                fts_query=("{title summary} : (%s)" if short_only else "%s")
                % _sqlite_query(terms, any_word)))
            .subquery()
        )
        rank = select(ranked.c.rank).where(ranked.c.id == Proposal.id).scalar_subquery()
        return Proposal.id.in_(select(ranked.c.id)), rank
    tsquery = func.to_tsquery("simple", _pg_query(terms, any_word))
    columns = ("title", "summary") if short_only else _PG_COLUMNS
    document = literal_column(_pg_document("proposals.", columns))
    return document.op("@@")(tsquery), -func.ts_rank(document, tsquery)

"""Full-text search over published proposals, one interface for both databases.

Words match whatever their accents and Spanish endings (see search_words): "aguas" finds
"agua", "informacion" finds "información". A proposal's reference is searchable too, by
its words ("2026-0032", or "0032" alone), and a query that is exactly a reference lists
that proposal first.

Both databases keep a table `proposal_search`, one row per proposal but drafts, written
by the services when a proposal is published or edited (`flask search reindex` rebuilds
it). SQLite: an FTS5 table of each text already folded and stemmed in Python. PostgreSQL:
a tsvector built by the text search configuration `minga_spanish` (unaccent, then
Snowball's Spanish stemmer), under a GIN index. Kept apart from `proposals`, so a vote
(which updates the proposal's count) never recomputes it, and ranking reads it as stored.
The DDL hangs off the proposals table, so `create_all`/`drop_all` (tests) and the
migrations create the same things.
"""

from functools import reduce
from typing import NamedTuple

from sqlalchemy import (
    DDL,
    ColumnElement,
    Select,
    Subquery,
    case,
    column,
    event,
    func,
    literal_column,
    select,
    table,
    text,
)

from app.extensions import db
from app.proposals.models import TEXT_FIELDS, Proposal
from app.proposals.search_words import indexed_form, query_words, stems, tokens

TABLE = "proposal_search"
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "title, summary, body, reference, tokenize = 'unicode61 remove_diacritics 2')"
)
# bm25 weights of title, summary, body and reference: a word in the title counts most.
_SQLITE_RANK = f"bm25({TABLE}, 5.0, 2.0, 1.0, 5.0)"

PG_CONFIG = "minga_spanish"
# unaccent is an extension, used here as a dictionary: one to_tsvector folds and stems,
# and stays immutable (the unaccent() function is only stable).
PG_CONFIG_CREATE = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{PG_CONFIG}'
                 AND cfgnamespace = current_schema()::regnamespace) THEN
    CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = pg_catalog.spanish);
    ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG}
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
  END IF;
END $$""",
)
# Each text is read twice. PostgreSQL's Snowball (older than PyStemmer's) stems "-ación"
# only with its accent: through unaccent first, "información" stays `informacion` while
# "informaciones" becomes `inform`. The plain `spanish` reading stems the accented text
# (`inform`); the unaccented one matches what people type without accents.
PG_CONFIGS = ("pg_catalog.spanish", PG_CONFIG)
PG_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (proposal_id integer PRIMARY KEY "
    "REFERENCES proposals (id) ON DELETE CASCADE, document tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_document ON {TABLE} USING gin (document)",
)


def _pg_document() -> str:
    """A proposal's tsvector: title (weight A), summary (B), reference (C), texts (D).

    Weights let one index serve both searches: everything, or title and summary alone.
    The reference's punctuation becomes spaces, since PostgreSQL reads "2026-0032" as
    2026 and the negative number -0032.
    """
    def vector(sql: str, configs=PG_CONFIGS) -> str:
        return " || ".join(f"to_tsvector('{config}'::regconfig, {sql})" for config in configs)

    def coalesced(name: str) -> str:
        return f"coalesce({name}, '')"

    texts = " || ' ' || ".join(coalesced(name) for name in TEXT_FIELDS)
    reference = f"regexp_replace({coalesced('reference')}, '[^[:alnum:]]+', ' ', 'g')"
    return (f"setweight({vector(coalesced('title'))}, 'A') || "
            f"setweight({vector(coalesced('summary'))}, 'B') || "
            f"setweight({vector(reference, (PG_CONFIG,))}, 'C') || {vector(texts)}")


# Rows of every proposal but drafts; `AND id = :id` narrows it to one.
PG_FILL = (f"INSERT INTO {TABLE} (proposal_id, document) SELECT id, {_pg_document()} "
           "FROM proposals WHERE status != 'draft'")
_PG_INDEX_ONE = text(f"{PG_FILL} AND id = :id ON CONFLICT (proposal_id) "
                     "DO UPDATE SET document = excluded.document")

_DROP = f"DROP TABLE IF EXISTS {TABLE}"
event.listen(Proposal.__table__, "after_create", DDL(SQLITE_CREATE).execute_if(dialect="sqlite"))
for _statement in (*PG_CONFIG_CREATE, *PG_CREATE):
    event.listen(Proposal.__table__, "after_create",
                 DDL(_statement).execute_if(dialect="postgresql"))
event.listen(Proposal.__table__, "before_drop", DDL(_DROP))

# Sorts before any bm25 or ts_rank score: the proposal whose reference was typed.
_EXACT_REFERENCE_FIRST = -1e9


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def index_row(proposal_id: int, reference: str | None, title: str, summary: str,
              body: str) -> dict:
    """A proposal's row in the SQLite index: its texts folded and stemmed."""
    return {"rowid": proposal_id, "title": indexed_form(title),
            "summary": indexed_form(summary), "body": indexed_form(body),
            "reference": indexed_form(reference)}


_SQLITE_INSERT = text(f"INSERT INTO {TABLE} (rowid, title, summary, body, reference) "
                      "VALUES (:rowid, :title, :summary, :body, :reference)")


def index_proposal(proposal: Proposal) -> None:
    """Put a proposal's current text in the search table (after a flush)."""
    if _dialect() != "sqlite":
        db.session.execute(_PG_INDEX_ONE, {"id": proposal.id})
        return
    db.session.execute(text(f"DELETE FROM {TABLE} WHERE rowid = :id"), {"id": proposal.id})
    db.session.execute(_SQLITE_INSERT, index_row(proposal.id, proposal.reference,
                                                 proposal.title, proposal.summary,
                                                 proposal.search_text))


def reindex(connection) -> int:
    """Rebuild the search table from every proposal but drafts; return how many it holds.

    For a migration that changes what is indexed, a new stemmer, or references rewritten.
    """
    connection.execute(text(f"DELETE FROM {TABLE}"))
    if connection.dialect.name != "sqlite":
        return connection.execute(text(PG_FILL)).rowcount
    proposals = Proposal.__table__
    rows = connection.execute(
        select(proposals.c.id, proposals.c.reference, proposals.c.title, proposals.c.summary,
               *(proposals.c[name] for name in TEXT_FIELDS))
        .where(proposals.c.status != "draft"))
    indexed = [index_row(row.id, row.reference, row.title, row.summary,
                         "\n".join(getattr(row, name) or "" for name in TEXT_FIELDS))
               for row in rows]
    if indexed:
        connection.execute(_SQLITE_INSERT, indexed)
    return len(indexed)


def _sqlite_ranked(words: list[str], any_word: bool, short_only: bool):
    """(proposal id, rank) of the FTS5 rows matching the folded words' stems."""
    terms = (" OR " if any_word else " ").join(f'"{stem}"' for stem in
                                              dict.fromkeys(stems(words)))
    fts = table(TABLE, column("rowid"))
    return (select(fts.c.rowid.label("id"), literal_column(_SQLITE_RANK).label("rank"))
            .where(text(f"{TABLE} MATCH :fts_query").bindparams(
                fts_query=f"{{title summary}} : ({terms})" if short_only else terms)))


def _pg_ranked(words: list[str], any_word: bool, short_only: bool):
    """(proposal id, rank) of the documents matching the words, each read both ways."""
    weights = ":AB" if short_only else ""
    readings = [reduce(lambda a, b: a.op("||")(b).self_group(),
                       (func.to_tsquery(literal_column(f"'{config}'::regconfig"), word + weights)
                        for config in PG_CONFIGS))
                for word in words]
    tsquery = reduce(lambda a, b: a.op("||" if any_word else "&&")(b).self_group(), readings)
    documents = table(TABLE, column("proposal_id"), column("document"))
    return (select(documents.c.proposal_id.label("id"),
                   (-func.ts_rank(documents.c.document, tsquery)).label("rank"))
            .where(documents.c.document.op("@@")(tsquery)))


class Match(NamedTuple):
    """Proposals matching a query: join `ranked` on its `id`, order by `relevance`."""

    ranked: Subquery
    relevance: ColumnElement

    def applied_to(self, stmt: Select) -> Select:
        """Keep the statement's proposals that match.

        A join, not `id IN (...)` with a correlated rank: SQLite ran the full-text query
        again for each proposal it ranked (40 s for 10,000 proposals).
        """
        return stmt.join(self.ranked, self.ranked.c.id == Proposal.id)


def match(query: str, any_word: bool = False, short_only: bool = False) -> Match | None:
    """Return how to find and rank the proposals matching the words of `query`.

    Every word must match, unless `any_word`. `short_only` looks at titles and summaries
    alone. Relevance sorts ascending (best first); a query that is exactly a proposal's
    reference puts that one first. None when the query has no word worth searching for.
    """
    words = query_words(query, any_word)
    sqlite = _dialect() == "sqlite"
    if sqlite:
        # Folded as the index holds them; a few characters fold to nothing at all (ͺ).
        words = tokens(" ".join(words))
    if not words:
        return None
    ranked = (_sqlite_ranked if sqlite else _pg_ranked)(
        words, any_word, short_only).subquery()
    exact = func.lower(Proposal.reference) == query.strip().lower()
    return Match(ranked, case((exact, _EXACT_REFERENCE_FIRST), else_=ranked.c.rank))

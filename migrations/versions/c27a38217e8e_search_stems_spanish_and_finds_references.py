"""search stems Spanish, folds accents and finds references

Revision ID: c27a38217e8e
Revises: f4aaaa21edd4
Create Date: 2026-12-08 10:12:31.402117

"""
from alembic import op

# The one function that folds and stems, so the rows indexed here read as the app's.
from app.proposals.search import reindex


# revision identifiers, used by Alembic.
revision = 'c27a38217e8e'
down_revision = 'f4aaaa21edd4'
branch_labels = None
depends_on = None

# Same DDL as app/proposals/search.py, frozen here as of this revision.
SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS proposal_search USING fts5("
    "title, summary, body, reference, tokenize = 'unicode61 remove_diacritics 2')"
)
PG_CONFIG = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'minga_spanish'
                 AND cfgnamespace = current_schema()::regnamespace) THEN
    CREATE TEXT SEARCH CONFIGURATION minga_spanish (COPY = pg_catalog.spanish);
    ALTER TEXT SEARCH CONFIGURATION minga_spanish
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
  END IF;
END $$""",
)
PG_SEARCH = (
    "CREATE TABLE IF NOT EXISTS proposal_search (proposal_id integer PRIMARY KEY "
    "REFERENCES proposals (id) ON DELETE CASCADE, document tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS proposal_search_document ON proposal_search USING gin (document)",
)

# What revision 6df46b95ed75 built: accents folded, no stemming, no reference.
OLD_SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS proposal_search USING fts5("
    "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')"
)
OLD_SQLITE_ROWS = (
    "INSERT INTO proposal_search (rowid, title, summary, body) "
    "SELECT id, title, summary, problem || char(10) || commitment || char(10) || solution "
    "|| char(10) || expected_results FROM proposals WHERE status != 'draft'"
)
OLD_PG_SEARCH = (
    "CREATE INDEX IF NOT EXISTS ix_proposals_search ON proposals USING gin (to_tsvector('"
    "simple', translate(coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coa"
    "lesce(problem, '') || ' ' || coalesce(commitment, '') || ' ' || coalesce(solution, '"
    "') || ' ' || coalesce(expected_results, ''), 'áéíóúüñàèìòùâêîôûäëïöÁÉÍÓÚÜÑÀÈÌÒÙÂÊÎÔÛ"
    "ÄËÏÖ', 'aeiouunaeiouaeiouaeioAEIOUUNAEIOUAEIOUAEIO')))"
)


def upgrade():
    # "aguas" found 1 proposal where "agua" found 4, and a reference found nothing: index
    # Spanish stems (Snowball, both databases) and the reference's words. On PostgreSQL
    # the document moves from an expression index on proposals to a table of its own, so
    # a vote no longer recomputes it and ranking reads it as stored.
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS proposal_search")
        op.execute(SQLITE_SEARCH)
    elif dialect == "postgresql":
        for statement in PG_CONFIG:
            op.execute(statement)
        op.execute("DROP INDEX IF EXISTS ix_proposals_search")
        for statement in PG_SEARCH:
            op.execute(statement)
    reindex(op.get_bind())


def downgrade():
    dialect = op.get_bind().dialect.name
    op.execute("DROP TABLE IF EXISTS proposal_search")
    if dialect == "sqlite":
        op.execute(OLD_SQLITE_SEARCH)
        op.execute(OLD_SQLITE_ROWS)
    elif dialect == "postgresql":
        op.execute(OLD_PG_SEARCH)
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS minga_spanish")
        # unaccent stays: it may have been there before, for something else.

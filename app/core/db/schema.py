"""What Alembic compares: the naming convention of constraints and the objects it skips."""

from app.core.db.types import render_item  # noqa: F401  (Migrate's render_item, here with its kin)

# Named constraints so Alembic batch migrations on SQLite can alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# ix_proposals_search: PostgreSQL's expression index before revision c27a38217e8e.
SEARCH_OBJECTS = ("proposal_search", "ix_proposals_search")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Hide the full-text objects from Alembic: they are DDL of their own, not models.

    (The `proposal_search` table on either database and its index; see
    app/proposals/search.py.)
    """
    return not (type_ in ("table", "index") and name and name.startswith(SEARCH_OBJECTS))

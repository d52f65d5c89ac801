"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from app.core.db.schema import include_object
from app.extensions import db as _db


def _reset(db):
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def test_migrations_produce_the_models_schema(app, db):
    _reset(db)
    try:
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "render_as_batch": True, "include_object": include_object})
            differences = compare_metadata(context, _db.metadata)
        assert differences == []
        tables = set(inspect(db.engine).get_table_names())
        assert {"users", "calls", "audit_events", "proposals", "alembic_version"} <= tables
        if db.engine.dialect.name == "sqlite":
            assert "proposal_search" in tables  # the FTS5 index came with the migration
        else:
            indexes = {i["name"] for i in inspect(db.engine).get_indexes("proposals")}
            assert "ix_proposals_search" in indexes
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    finally:
        _reset(db)
        db.create_all()  # the fixture's teardown expects the tables


def test_search_ddl_in_the_migration_matches_the_app():
    import importlib.util
    from pathlib import Path

    from app.proposals import search

    [path] = Path("migrations/versions").glob("*_proposals_and_their_search_index.py")
    spec = importlib.util.spec_from_file_location("search_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.SQLITE_SEARCH == search.SQLITE_CREATE
    assert module.PG_SEARCH == search.PG_CREATE

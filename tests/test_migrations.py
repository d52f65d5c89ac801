"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import importlib.util
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from app.core.db.schema import include_object
from app.extensions import db as _db
from app.proposals import search

STEMMING_REVISION = "c27a38217e8e"


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
        assert "proposal_search" in tables  # the search table came with the migrations
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    finally:
        _reset(db)
        db.create_all()  # the fixture's teardown expects the tables


def _migration(pattern: str):
    [path] = Path("migrations/versions").glob(pattern)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_search_ddl_in_the_migrations_matches_the_app():
    latest = _migration("*_search_stems_spanish_and_finds_references.py")
    assert latest.SQLITE_SEARCH == search.SQLITE_CREATE
    assert latest.PG_SEARCH == search.PG_CREATE
    assert latest.PG_CONFIG == search.PG_CONFIG_CREATE
    first = _migration("*_proposals_and_their_search_index.py")
    assert (latest.OLD_SQLITE_SEARCH, latest.OLD_PG_SEARCH) == (first.SQLITE_SEARCH,
                                                                first.PG_SEARCH)


def test_upgrading_makes_existing_proposals_searchable_by_stem(app, db, client, create_call,
                                                                create_proposal):
    _reset(db)
    try:
        upgrade()
        call = create_call(slug="nap-2026")
        reference = create_proposal(call, title="Derechos de agua").reference
        db.session.commit()
        downgrade(revision=STEMMING_REVISION + "-1")  # the unstemmed index, its rows rebuilt
        upgrade()
        for q in ("aguas", reference):
            body = client.get("/api/v1/calls/nap-2026/proposals", query_string={"q": q}).json
            assert [item["reference"] for item in body["items"]] == [reference]
    finally:
        db.session.rollback()
        _reset(db)
        db.create_all()

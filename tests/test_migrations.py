"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import importlib.util
from datetime import timedelta
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, Table, inspect, text

from app.core.db.schema import include_object
from app.extensions import db as _db
from app.proposals import search
from app.proposals.models import SHUFFLE_PRIME
from app.proposals.references import next_reference
from tests.conftest import PROPOSAL_TEXT

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


BEFORE_ISSUE_19 = "a3112506e420"  # references per call, the random order on ids


def test_shared_references_are_renumbered_and_their_addresses_kept(
        app, db, client, create_call, create_user):
    _reset(db)
    try:
        upgrade(revision=BEFORE_ISSUE_19)
        opened = app.clock.now() - timedelta(days=5)
        first = create_call(slug="nap-2026")
        later = create_call(slug="regional-2026", submission_opens_at=opened + timedelta(days=1))
        earlier_year = create_call(slug="nap-2024", submission_opens_at=opened.replace(year=2024))
        # Rows as the schema of then holds them (the model has moved on since).
        users = Table("users", MetaData(), autoload_with=db.engine)
        with db.engine.begin() as connection:
            author_id = connection.execute(users.insert().values(
                email="autora@example.org", password_hash="x", name="Autora",
                sector="citizen", region="Maule", role="participant",
                privacy_accepted_at=opened, created_at=opened,
                notify_by_email=True)).inserted_primary_key[0]
        proposals = Table("proposals", MetaData(), autoload_with=db.engine)
        held = {first: ["2026-0001", "2026-0002", "2026-0003"],
                # Its 0004 is nobody else's, but the call moves whole, keeping its order.
                later: ["2026-0001", "2026-0002", "2026-0004", "2026-0003"],
                earlier_year: ["2024-0001"]}
        ids = {}
        with db.engine.begin() as connection:
            for call, references in held.items():
                for reference in references:
                    ids[call.slug, reference] = connection.execute(proposals.insert().values(
                        **PROPOSAL_TEXT, call_id=call.id, author_id=author_id,
                        reference=reference, theme=call.themes[0], status="published",
                        vote_count=0, created_at=opened, updated_at=opened,
                        version=1)).inserted_primary_key[0]
        versions = text("SELECT slug, data_version FROM calls")
        before = dict(db.session.execute(versions).all())
        db.session.rollback()  # reading began a transaction, whose snapshot would stay

        upgrade()
        now_held = {row.id: row for row in db.session.execute(
            text("SELECT id, reference, shuffle_key FROM proposals"))}
        moved = {(slug, old): now_held[pid].reference for (slug, old), pid in ids.items()}
        assert moved == {
            ("nap-2026", "2026-0001"): "2026-0001", ("nap-2026", "2026-0002"): "2026-0002",
            ("nap-2026", "2026-0003"): "2026-0003", ("nap-2024", "2024-0001"): "2024-0001",
            ("regional-2026", "2026-0001"): "2026-0005",
            ("regional-2026", "2026-0002"): "2026-0006",
            ("regional-2026", "2026-0003"): "2026-0007",
            ("regional-2026", "2026-0004"): "2026-0008"}
        assert all(0 <= row.shuffle_key < SHUFFLE_PRIME for row in now_held.values())
        assert len({row.shuffle_key for row in now_held.values()}) == len(now_held)
        after = dict(db.session.execute(versions).all())
        assert {slug: after[slug] - before[slug] for slug in after} == {
            "nap-2026": 0, "regional-2026": 1, "nap-2024": 0}  # its export is built again
        assert next_reference(first) == "2026-0009"
        assert next_reference(earlier_year) == "2024-0002"
        db.session.rollback()
        response = client.get("/calls/regional-2026/proposals/2026-0001")
        assert response.status_code == 301
        assert response.headers["Location"] == "/calls/regional-2026/proposals/2026-0005"
        db.session.remove()

        downgrade(revision=BEFORE_ISSUE_19)
        with db.engine.connect() as connection:
            back = dict(connection.execute(text("SELECT id, reference FROM proposals")).all())
            counters = dict(connection.execute(
                text("SELECT slug, last_proposal_number FROM calls")).all())
        assert {key: back[pid] for key, pid in ids.items()} == {key: key[1] for key in ids}
        assert counters == {"nap-2026": 3, "regional-2026": 4, "nap-2024": 1}
    finally:
        db.session.remove()
        _reset(db)
        db.create_all()


BEFORE_PANELS_FROM_SEATS = "14be44931729"  # review panels kept per call


def test_per_call_members_become_seat_terms_and_every_decision_stays(
        app, db, create_call, create_user, create_proposal):
    from app.review import services as review
    from app.working_group.models import SeatTerm

    _reset(db)
    try:
        upgrade(revision=BEFORE_PANELS_FROM_SEATS)
        call = create_call(slug="nap-2024")
        proposal = create_proposal(call, title="Registro de lobby")
        people = {c: create_user(name=f"Integrante {c}")
                  for c in ("government", "civil_society", "academia", "observer")}
        second = create_user(name="Segunda integrante")
        seated = create_user(name="Con asiento")
        at = app.clock.now()
        review_day = call.voting_closes_at.date()
        tables = {name: Table(name, MetaData(), autoload_with=db.engine) for name in (
            "working_group_members", "wg_seats", "wg_seat_terms", "assessments",
            "conflicts_of_interest", "internal_notes", "decisions")}
        with db.engine.begin() as connection:
            def insert(table, **values):
                return connection.execute(
                    tables[table].insert().values(**values)).inserted_primary_key[0]

            # One person already holds a seat of their constituency: their row takes it.
            seat_id = insert("wg_seats", constituency="academia", name="Red Académica",
                             position=0, created_at=at)
            insert("wg_seat_terms", seat_id=seat_id, holder_name="Con asiento",
                   holder_id=seated.id, role="", organisation="", appointed_by="",
                   alternate_name="", starts_on=review_day - timedelta(days=400),
                   created_at=at)
            ids = {c: insert("working_group_members", call_id=call.id, user_id=user.id,
                             constituency=c, created_at=at) for c, user in people.items()}
            ids["second"] = insert("working_group_members", call_id=call.id,
                                   user_id=second.id, constituency="civil_society",
                                   created_at=at)
            ids["seated"] = insert("working_group_members", call_id=call.id,
                                   user_id=seated.id, constituency="academia", created_at=at)
            insert("assessments", member_id=ids["government"], proposal_id=proposal.id,
                   relevance=3, specificity=2, measurability=1, feasibility=2, impact=3,
                   comment="", created_at=at, updated_at=at)
            insert("conflicts_of_interest", member_id=ids["second"], proposal_id=proposal.id,
                   reason="La presentó mi organización", declared_at=at)
            insert("internal_notes", member_id=ids["observer"], proposal_id=proposal.id,
                   body="Revisar plazos", created_at=at)
            insert("decisions", proposal_id=proposal.id, outcome="included",
                   response="Respuesta razonada " * 20, position_government="agree",
                   position_civil_society="agree", position_academia="agree",
                   decided_by_id=people["academia"].id, decided_at=at, version=1)
        db.session.rollback()

        upgrade()
        counts = {name: db.session.scalar(text(f"SELECT count(*) FROM {name}"))
                  for name in ("assessments", "conflicts_of_interest", "internal_notes",
                               "decisions", "working_group_members")}
        assert counts == {"assessments": 1, "conflicts_of_interest": 1, "internal_notes": 1,
                          "decisions": 1, "working_group_members": 6}
        assert db.session.scalar(text("SELECT count(*) FROM working_group_members "
                                      "WHERE seat_id IS NULL")) == 0
        seated_seat = db.session.scalar(text(
            f"SELECT seat_id FROM working_group_members WHERE id = {ids['seated']}"))
        assert seated_seat == seat_id
        db.session.rollback()
        # Everyone is still on the call's panel, from the seats, and the decision stands.
        panel = {m.user_id: m for m in review.members(call)}
        assert set(panel) == {u.id for u in [*people.values(), second, seated]}
        assert panel[people["government"].id].id == ids["government"]
        pair = db.session.scalar(db.select(SeatTerm).where(
            SeatTerm.holder_id == people["civil_society"].id))
        assert pair.alternate_id == second.id and pair.seat.constituency == "civil_society"
        decision = review.decision_for(proposal)
        assert decision.positions() == {"government": "agree", "civil_society": "agree",
                                        "academia": "agree"}
        assert review.stands(call, decision, set()) and review.undecided(call) == []
        db.session.remove()
        downgrade(revision=BEFORE_PANELS_FROM_SEATS)
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM decisions")).scalar() == 1
    finally:
        db.session.remove()
        _reset(db)
        db.create_all()


def test_comments_on_commitments_come_and_go_with_their_revision(
        app, db, create_call, create_proposal, create_user):
    """Upgrading keeps proposal comments; a comment is on exactly one thing; downgrading
    drops only the comments on commitments."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    from app.moderation import services as moderation
    from app.plans import comments
    from app.plans import services as plans
    from app.plans.models import Commitment

    _reset(db)
    try:
        upgrade()
        admin = create_user(role="admin")
        proposal = create_proposal(create_call(slug="nap"))
        kept = moderation.add_comment(create_user(), proposal, "Sobre la propuesta").id
        plan = plans.create_plan(admin, "nap-2016", title="Plan", status="implementation",
                                 starts_on=app.clock.now().date(),
                                 ends_on=app.clock.now().date())
        commitment = plans.create_commitment(admin, plan, title="C", lead_agency="A")
        comments.add_comment(create_user(), commitment, "Sobre el compromiso")
        db.session.commit()
        insert = text("INSERT INTO comments (proposal_id, commitment_id, author_id, body, "
                      "created_at, consultation) VALUES (:p, :c, :a, 'x', :t, false)")
        for both_or_none in ({"p": proposal.id, "c": commitment.id}, {"p": None, "c": None}):
            with pytest.raises(IntegrityError), db.engine.begin() as connection:
                connection.execute(insert, {**both_or_none, "a": admin.id,
                                            "t": app.clock.now()})
        assert db.session.get(Commitment, commitment.id) is not None
        db.session.remove()
        downgrade(revision="5e7c1d9a2b40")  # the revision before comments on commitments
        with db.engine.connect() as connection:
            left = connection.execute(text("SELECT id, proposal_id FROM comments")).all()
        assert [tuple(row) for row in left] == [(kept, proposal.id)]
        upgrade()
    finally:
        db.session.remove()
        _reset(db)
        db.create_all()

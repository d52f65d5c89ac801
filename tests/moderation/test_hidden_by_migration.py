"""Content hidden before the migration that records who hid it keeps its moderator."""

from datetime import timedelta

from flask_migrate import downgrade, upgrade
from sqlalchemy import column, insert, select, table, text

from tests.conftest import T0

BEFORE = "8f1dc9102a33"  # the revision before "who hid a proposal or comment, and when"


def _reset(db):
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _rows(connection, table_name, /, **values):
    target = table(table_name, *(column(key) for key in values))
    return connection.execute(insert(target).values(**values).returning(column("id"))).scalar()


def _old_data(connection):
    """A moderator's hide and a hide by reports, as the audit trail recorded them."""
    def user(n, role):
        return _rows(connection, "users", email=f"p{n}@example.org", password_hash="x",
                     name=f"P{n}", sector="citizen", region="national", role=role,
                     privacy_accepted_at=T0, created_at=T0, notify_by_email=True,
                     notify_comments=True, notify_moderation=True, notify_merges=True)

    moderator, author = user(1, "moderator"), user(2, "participant")
    call = _rows(connection, "calls", slug="nap", title="t", description="d",
                 submission_opens_at=T0, submission_closes_at=T0, voting_opens_at=T0,
                 voting_closes_at=T0, votes_per_voter=3, themes="[]",
                 allow_vote_withdrawal=True, hide_counts_until_close=True,
                 max_proposals_per_author=3, eligibility="email", decision_rule="consensus",
                 rules="r", created_at=T0, updated_at=T0, version=1, comments_open=True,
                 last_proposal_number=0)
    ids = {}
    for name, status in (("by_moderator", "hidden"), ("by_reports", "hidden"),
                         ("restored", "published")):
        ids[name] = _rows(connection, "proposals", call_id=call, author_id=author, title=name,
                          summary="s", problem="p", commitment="c", solution="s",
                          expected_results="e", ogp_values="[]", theme="t",
                          responsible_body="b", region="national", status=status,
                          vote_count=0, created_at=T0, updated_at=T0, version=1,
                          moderation_reason="Lenguaje ofensivo")
    ids["comment"] = _rows(connection, "comments", proposal_id=ids["restored"],
                           author_id=author, body="b", created_at=T0,
                           hidden_at=T0 + timedelta(days=2), hidden_reason="Insultos")
    events = [("by_reports", "proposals", None, 1), ("by_moderator", "proposals", None, 1),
              ("by_moderator", "proposals", moderator, 2), ("restored", "proposals", None, 1),
              ("comment", "comments", moderator, 2)]
    for name, kind, actor, day in events:
        _rows(connection, "audit_events", occurred_at=T0 + timedelta(days=day),
              actor_id=actor, action="moderation.hidden", target_type=kind,
              target_id=str(ids[name]))
    return moderator, ids


def test_upgrade_takes_who_and_when_from_the_audit_trail_and_downgrade_keeps_rows(app, db):
    _reset(db)
    try:
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            moderator, ids = _old_data(connection)
        upgrade()
        with db.engine.connect() as connection:
            if connection.dialect.name == "sqlite":  # turned off for the migration only
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            proposals = {row.id: row for row in connection.execute(text(
                "SELECT id, hidden_by_id, hidden_at FROM proposals"))}
            comment_by = connection.execute(text("SELECT hidden_by_id FROM comments")).scalar()
        hidden_on = {key: str(proposals[ids[key]].hidden_at)[:10] for key in ids
                     if key != "comment"}
        assert proposals[ids["by_moderator"]].hidden_by_id == moderator == comment_by
        assert proposals[ids["by_reports"]].hidden_by_id is None
        assert proposals[ids["restored"]].hidden_by_id is None
        assert hidden_on == {"by_moderator": "2026-03-12", "by_reports": "2026-03-11",
                             "restored": "None"}
        downgrade(revision=BEFORE)
        with db.engine.connect() as connection:
            assert connection.execute(select(text("count(*)")).select_from(
                text("proposals"))).scalar() == 3
    finally:
        _reset(db)
        db.create_all()  # the fixture's teardown expects the tables

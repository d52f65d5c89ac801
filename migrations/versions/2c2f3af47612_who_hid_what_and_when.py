"""who hid a proposal or comment, and when

Moderators list hidden content by who hid it (a moderator, or reports automatically) and
when, and restore it from there. Until now only the audit trail knew; the rows hidden
today take both from their latest "moderation.hidden" event, so that content a moderator
hid is not mistaken for an automatic hide (which dismissing the reports undoes).

Revision ID: 2c2f3af47612
Revises: 8f1dc9102a33
Create Date: 2026-12-05 14:15:58.787064

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2c2f3af47612'
down_revision = '8f1dc9102a33'
branch_labels = None
depends_on = None


def _latest_hide(table, column):
    """The `column` of the latest "moderation.hidden" event of each row of `table`."""
    return (f"(SELECT a.{column} FROM audit_events a WHERE a.action = 'moderation.hidden' "
            f"AND a.target_type = '{table}' AND a.target_id = CAST({table}.id AS VARCHAR(64)) "
            f"ORDER BY a.id DESC LIMIT 1)")


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hidden_by_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_comments_hidden_at', ['hidden_at'], unique=False,
                              sqlite_where=sa.text('hidden_at IS NOT NULL'),
                              postgresql_where=sa.text('hidden_at IS NOT NULL'))
        batch_op.create_foreign_key(batch_op.f('fk_comments_hidden_by_id_users'), 'users',
                                    ['hidden_by_id'], ['id'])

    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hidden_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('hidden_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_proposals_hidden_by_id_users'), 'users',
                                    ['hidden_by_id'], ['id'])

    op.execute(f"UPDATE comments SET hidden_by_id = {_latest_hide('comments', 'actor_id')} "
               "WHERE hidden_at IS NOT NULL")
    # A proposal hidden before the audit trail recorded it keeps its last change as the date.
    op.execute(f"UPDATE proposals SET hidden_by_id = {_latest_hide('proposals', 'actor_id')}, "
               f"hidden_at = COALESCE({_latest_hide('proposals', 'occurred_at')}, updated_at) "
               "WHERE status = 'hidden'")


def downgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_proposals_hidden_by_id_users'),
                                 type_='foreignkey')
        batch_op.drop_column('hidden_by_id')
        batch_op.drop_column('hidden_at')

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comments_hidden_by_id_users'),
                                 type_='foreignkey')
        batch_op.drop_index('ix_comments_hidden_at',
                            sqlite_where=sa.text('hidden_at IS NOT NULL'),
                            postgresql_where=sa.text('hidden_at IS NOT NULL'))
        batch_op.drop_column('hidden_by_id')

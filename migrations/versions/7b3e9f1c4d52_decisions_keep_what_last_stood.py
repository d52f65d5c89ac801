"""decisions keep what last stood for the public, and who recorded each position

Revision ID: 7b3e9f1c4d52
Revises: 7c0a5e2d9b13
Create Date: 2026-12-05 21:30:00

A revision of a published decision gathers the constituencies' positions again; meanwhile
the public keeps reading the decision as it last stood (standing_*). Every decision of a
call whose results are published stood when they were: it is copied as it is now. Who
recorded each position starts empty: only positions recorded from now on can be withdrawn
when their recorder declares a conflict.
"""
import sqlalchemy as sa
from alembic import op

from app.core.db.types import UTCDateTime

# revision identifiers, used by Alembic.
revision = '7b3e9f1c4d52'
down_revision = "7c0a5e2d9b13"
branch_labels = None
depends_on = None

CONSTITUENCIES = ('government', 'civil_society', 'academia')

decisions = sa.table(
    'decisions', sa.column('id', sa.Integer), sa.column('proposal_id', sa.Integer),
    sa.column('outcome', sa.String), sa.column('response', sa.Text),
    sa.column('merged_into_id', sa.Integer), sa.column('decided_at', UTCDateTime()),
    *[sa.column(f'position_{c}', sa.String) for c in CONSTITUENCIES],
    sa.column('standing_outcome', sa.String), sa.column('standing_response', sa.Text),
    sa.column('standing_merged_into_id', sa.Integer),
    sa.column('standing_positions', sa.JSON), sa.column('standing_at', UTCDateTime()))
proposals = sa.table('proposals', sa.column('id', sa.Integer), sa.column('call_id', sa.Integer))
calls = sa.table('calls', sa.column('id', sa.Integer),
                 sa.column('results_published_at', UTCDateTime()))


def upgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        for c in CONSTITUENCIES:
            batch_op.add_column(sa.Column(f'position_{c}_by_id', sa.Integer(), nullable=True))
            batch_op.create_foreign_key(f'fk_decisions_position_{c}_by_id_users', 'users',
                                        [f'position_{c}_by_id'], ['id'])
        batch_op.add_column(sa.Column('standing_outcome', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('standing_response', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('standing_merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_decisions_standing_merged_into_id_proposals',
                                    'proposals', ['standing_merged_into_id'], ['id'])
        batch_op.add_column(sa.Column('standing_positions', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('standing_at', UTCDateTime(), nullable=True))
    connection = op.get_bind()
    published = connection.execute(
        sa.select(decisions).join(proposals, proposals.c.id == decisions.c.proposal_id)
        .join(calls, calls.c.id == proposals.c.call_id)
        .where(calls.c.results_published_at.is_not(None))).mappings().all()
    for row in published:
        connection.execute(decisions.update().where(decisions.c.id == row['id']).values(
            standing_outcome=row['outcome'], standing_response=row['response'],
            standing_merged_into_id=row['merged_into_id'], standing_at=row['decided_at'],
            standing_positions={c: row[f'position_{c}'] for c in CONSTITUENCIES}))


def downgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_column('standing_at')
        batch_op.drop_column('standing_positions')
        batch_op.drop_constraint('fk_decisions_standing_merged_into_id_proposals',
                                 type_='foreignkey')
        batch_op.drop_column('standing_merged_into_id')
        batch_op.drop_column('standing_response')
        batch_op.drop_column('standing_outcome')
        for c in reversed(CONSTITUENCIES):
            batch_op.drop_constraint(f'fk_decisions_position_{c}_by_id_users',
                                     type_='foreignkey')
            batch_op.drop_column(f'position_{c}_by_id')

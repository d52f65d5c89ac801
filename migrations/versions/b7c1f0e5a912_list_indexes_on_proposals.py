"""list indexes on proposals: recent order, merged-into, id in the call/status index

The public list's "recent" order walks an index backwards instead of sorting every
proposal of the call; a proposal page finds the duplicates merged into it without a
scan of every proposal; with the id in the (call, status) index PostgreSQL counts and
shuffles a call's proposals from the index alone.

Revision ID: b7c1f0e5a912
Revises: ea3a2744a32b
Create Date: 2026-11-26 23:05:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7c1f0e5a912'
down_revision = 'ea3a2744a32b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index('ix_proposals_call_id_status')
        batch_op.create_index('ix_proposals_call_id_status', ['call_id', 'status', 'id'],
                              unique=False)
        batch_op.create_index('ix_proposals_recent', ['call_id', 'published_at', 'status'],
                              unique=False)
        batch_op.create_index('ix_proposals_merged_into_id', ['merged_into_id'], unique=False,
                              sqlite_where=sa.text('merged_into_id IS NOT NULL'),
                              postgresql_where=sa.text('merged_into_id IS NOT NULL'))


def downgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index('ix_proposals_merged_into_id')
        batch_op.drop_index('ix_proposals_recent')
        batch_op.drop_index('ix_proposals_call_id_status')
        batch_op.create_index('ix_proposals_call_id_status', ['call_id', 'status'], unique=False)

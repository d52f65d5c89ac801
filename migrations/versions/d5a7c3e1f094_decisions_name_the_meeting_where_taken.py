"""decisions name the Working Group meeting where they were taken

Revision ID: d5a7c3e1f094
Revises: c3f9a1b6e852
Create Date: 2026-12-05 18:05:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'd5a7c3e1f094'
down_revision = 'c3f9a1b6e852'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_decisions_meeting_id'), ['meeting_id'],
                              unique=False)
        batch_op.create_foreign_key('fk_decisions_meeting_id', 'wg_meetings',
                                    ['meeting_id'], ['id'])


def downgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_constraint('fk_decisions_meeting_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_decisions_meeting_id'))
        batch_op.drop_column('meeting_id')

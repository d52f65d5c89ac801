"""the public document repository

Revision ID: c3f9a1b6e852
Revises: 09b226467ee9
Create Date: 2026-12-05 18:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c3f9a1b6e852'
down_revision = "09b226467ee9"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'wg_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('dated_on', sa.Date(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=True),
        sa.Column('call_id', sa.Integer(), nullable=True),
        sa.Column('storage_key', sa.String(length=64), nullable=False),
        sa.Column('file_format', sa.String(length=10), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['meeting_id'], ['wg_meetings.id']),
        sa.ForeignKeyConstraint(['call_id'], ['calls.id']),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('wg_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wg_documents_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_wg_documents_dated_on'), ['dated_on'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('wg_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wg_documents_dated_on'))
        batch_op.drop_index(batch_op.f('ix_wg_documents_kind'))
    op.drop_table('wg_documents')

"""working group: seats, the history of their holders, versions of the rules

Revision ID: a1c0e5d2f721
Revises: bf74bad7dbb8
Create Date: 2026-12-05 17:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a1c0e5d2f721'
down_revision = 'bf74bad7dbb8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'wg_seats',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('constituency', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'wg_seat_terms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seat_id', sa.Integer(), nullable=False),
        sa.Column('holder_name', sa.String(length=200), nullable=False),
        sa.Column('role', sa.String(length=200), nullable=False),
        sa.Column('organisation', sa.String(length=200), nullable=False),
        sa.Column('holder_id', sa.Integer(), nullable=True),
        sa.Column('appointed_by', sa.String(length=200), nullable=False),
        sa.Column('alternate_name', sa.String(length=200), nullable=False),
        sa.Column('alternate_id', sa.Integer(), nullable=True),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['seat_id'], ['wg_seats.id']),
        sa.ForeignKeyConstraint(['holder_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['alternate_id'], ['users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('wg_seat_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wg_seat_terms_seat_id'), ['seat_id'], unique=False)
    op.create_table(
        'wg_rules_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('adopted_on', sa.Date(), nullable=False),
        sa.Column('adopted_at', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('wg_rules_versions')
    with op.batch_alter_table('wg_seat_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wg_seat_terms_seat_id'))
    op.drop_table('wg_seat_terms')
    op.drop_table('wg_seats')

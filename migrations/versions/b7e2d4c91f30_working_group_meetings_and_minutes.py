"""working group: meetings, agendas, attendance, minutes and their approvals

Revision ID: b7e2d4c91f30
Revises: a1c0e5d2f721
Create Date: 2026-12-05 17:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b7e2d4c91f30'
down_revision = 'a1c0e5d2f721'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'wg_meetings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('starts_at', sa.DateTime(), nullable=False),
        sa.Column('place', sa.String(length=300), nullable=False),
        sa.Column('online_link', sa.String(length=500), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('wg_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wg_meetings_starts_at'), ['starts_at'], unique=False)
    op.create_table(
        'wg_agenda_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('call_id', sa.Integer(), nullable=True),
        sa.Column('proposal_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['meeting_id'], ['wg_meetings.id']),
        sa.ForeignKeyConstraint(['call_id'], ['calls.id']),
        sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('meeting_id', 'position'),
    )
    op.create_table(
        'wg_attendance',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('seat_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['wg_meetings.id']),
        sa.ForeignKeyConstraint(['seat_id'], ['wg_seats.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('meeting_id', 'seat_id'),
    )
    op.create_table(
        'wg_minutes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('corrects_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('circulated_at', sa.DateTime(), nullable=True),
        sa.Column('published_at', sa.DateTime(), nullable=True),
        sa.Column('row_version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['wg_meetings.id']),
        sa.ForeignKeyConstraint(['corrects_id'], ['wg_minutes.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('meeting_id', 'version'),
    )
    with op.batch_alter_table('wg_minutes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wg_minutes_meeting_id'), ['meeting_id'], unique=False)
    op.create_table(
        'wg_minutes_responses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('minutes_id', sa.Integer(), nullable=False),
        sa.Column('seat_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('stance', sa.String(length=10), nullable=True),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['minutes_id'], ['wg_minutes.id']),
        sa.ForeignKeyConstraint(['seat_id'], ['wg_seats.id']),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('minutes_id', 'seat_id'),
    )
    with op.batch_alter_table('wg_rules_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_wg_rules_versions_meeting_id', 'wg_meetings',
                                    ['meeting_id'], ['id'])


def downgrade():
    with op.batch_alter_table('wg_rules_versions', schema=None) as batch_op:
        batch_op.drop_constraint('fk_wg_rules_versions_meeting_id', type_='foreignkey')
        batch_op.drop_column('meeting_id')
    op.drop_table('wg_minutes_responses')
    with op.batch_alter_table('wg_minutes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wg_minutes_meeting_id'))
    op.drop_table('wg_minutes')
    op.drop_table('wg_attendance')
    op.drop_table('wg_agenda_items')
    with op.batch_alter_table('wg_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wg_meetings_starts_at'))
    op.drop_table('wg_meetings')

"""dialogue sessions, their facilitators, and proposals entered on behalf of others

A proposal gathered offline keeps who proposed it (credited_author), where it came from
(origin, origin_note, dialogue_session_id); author_id is the account that entered it.

Revision ID: 09b226467ee9
Revises: 7e7245fd4cf4
Create Date: 2026-12-05 17:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '09b226467ee9'
down_revision = '7e7245fd4cf4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('dialogue_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('region', sa.String(length=80), nullable=False),
    sa.Column('city', sa.String(length=120), nullable=False),
    sa.Column('held_at', sa.DateTime(), nullable=False),
    sa.Column('convened_by', sa.String(length=200), nullable=False),
    sa.Column('attendance', sa.JSON(), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('documents', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_dialogue_sessions_call_id_calls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dialogue_sessions'))
    )
    with op.batch_alter_table('dialogue_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dialogue_sessions_call_id'), ['call_id'], unique=False)
    op.create_table('dialogue_facilitators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_sessions.id'], name=op.f('fk_dialogue_facilitators_session_id_dialogue_sessions')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_dialogue_facilitators_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dialogue_facilitators')),
    sa.UniqueConstraint('session_id', 'user_id', name=op.f('uq_dialogue_facilitators_session_id_user_id'))
    )
    with op.batch_alter_table('dialogue_facilitators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dialogue_facilitators_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('credited_author', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('origin', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('origin_note', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('dialogue_session_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_proposals_dialogue_session_id'), ['dialogue_session_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_proposals_dialogue_session_id_dialogue_sessions'), 'dialogue_sessions', ['dialogue_session_id'], ['id'])


def downgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_proposals_dialogue_session_id_dialogue_sessions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_proposals_dialogue_session_id'))
        batch_op.drop_column('dialogue_session_id')
        batch_op.drop_column('origin_note')
        batch_op.drop_column('origin')
        batch_op.drop_column('credited_author')
    with op.batch_alter_table('dialogue_facilitators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dialogue_facilitators_user_id'))
    op.drop_table('dialogue_facilitators')
    with op.batch_alter_table('dialogue_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dialogue_sessions_call_id'))
    op.drop_table('dialogue_sessions')

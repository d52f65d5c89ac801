"""thematic priorities poll: candidate themes, one ballot per account or code, picks

Revision ID: 7e7245fd4cf4
Revises: 84ed8a3e4188
Create Date: 2026-12-05 17:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7e7245fd4cf4'
down_revision = "84ed8a3e4188"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('priority_polls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('max_picks', sa.Integer(), nullable=False),
    sa.Column('opens_at', sa.DateTime(), nullable=False),
    sa.Column('closes_at', sa.DateTime(), nullable=False),
    sa.Column('adopted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('max_picks >= 1', name=op.f('ck_priority_polls_at_least_one_pick')),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_priority_polls_call_id_calls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority_polls')),
    sa.UniqueConstraint('call_id', name=op.f('uq_priority_polls_call_id'))
    )
    op.create_table('priority_ballots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('code_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(user_id IS NULL) <> (code_id IS NULL)', name=op.f('ck_priority_ballots_one_kind_of_voter')),
    sa.ForeignKeyConstraint(['code_id'], ['voting_codes.id'], name=op.f('fk_priority_ballots_code_id_voting_codes')),
    sa.ForeignKeyConstraint(['poll_id'], ['priority_polls.id'], name=op.f('fk_priority_ballots_poll_id_priority_polls')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_priority_ballots_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority_ballots')),
    sa.UniqueConstraint('poll_id', 'code_id', name=op.f('uq_priority_ballots_poll_id_code_id')),
    sa.UniqueConstraint('poll_id', 'user_id', name=op.f('uq_priority_ballots_poll_id_user_id'))
    )
    op.create_table('priority_themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('vote_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['priority_polls.id'], name=op.f('fk_priority_themes_poll_id_priority_polls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority_themes')),
    sa.UniqueConstraint('poll_id', 'name', name=op.f('uq_priority_themes_poll_id_name'))
    )
    with op.batch_alter_table('priority_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_priority_themes_poll_id'), ['poll_id'], unique=False)
    op.create_table('priority_picks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ballot_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ballot_id'], ['priority_ballots.id'], name=op.f('fk_priority_picks_ballot_id_priority_ballots')),
    sa.ForeignKeyConstraint(['theme_id'], ['priority_themes.id'], name=op.f('fk_priority_picks_theme_id_priority_themes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority_picks')),
    sa.UniqueConstraint('ballot_id', 'theme_id', name=op.f('uq_priority_picks_ballot_id_theme_id'))
    )
    with op.batch_alter_table('priority_picks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_priority_picks_theme_id'), ['theme_id'], unique=False)


def downgrade():
    with op.batch_alter_table('priority_picks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_priority_picks_theme_id'))
    op.drop_table('priority_picks')
    with op.batch_alter_table('priority_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_priority_themes_poll_id'))
    op.drop_table('priority_themes')
    op.drop_table('priority_ballots')
    op.drop_table('priority_polls')

"""votes without an index on created_at

Nothing finds votes by the time they were cast: a voter's own list goes through the
ballot, votes per day read every vote of the call. Every vote wrote to that index:
one page more per vote, and on SQLite one more page to checkpoint.

Revision ID: a91d3e6c0b57
Revises: f3a81c2d9b40
Create Date: 2026-11-30 12:50:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a91d3e6c0b57'
down_revision = 'f3a81c2d9b40'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index('ix_votes_created_at')


def downgrade():
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index('ix_votes_created_at', ['created_at'], unique=False)

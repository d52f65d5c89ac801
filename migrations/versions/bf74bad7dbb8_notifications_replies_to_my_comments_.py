"""notifications: replies to my comments, outcomes of what I voted for

Revision ID: bf74bad7dbb8
Revises: c27a38217e8e
Create Date: 2026-12-05 15:12:02.136137

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'bf74bad7dbb8'
down_revision = 'c27a38217e8e'
branch_labels = None
depends_on = None


def upgrade():
    # Two more kinds of notification, on by default like the others (one-click opt-out).
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notify_replies', sa.Boolean(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('notify_outcomes', sa.Boolean(), server_default='1', nullable=False))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('notify_outcomes')
        batch_op.drop_column('notify_replies')


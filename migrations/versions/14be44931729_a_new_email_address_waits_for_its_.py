"""a new email address waits for its confirmation

Revision ID: 14be44931729
Revises: 1333597ee50c
Create Date: 2026-12-05 18:50:37.216948

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '14be44931729'
down_revision = '1333597ee50c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_email', sa.String(length=254), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('pending_email')

"""calls.data_version: the kept open-data files follow it

Revision ID: 74b6c40e3258
Revises: 1d8b94a76483
Create Date: 2026-12-05 14:09:42.730876

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '74b6c40e3258'
down_revision = '1d8b94a76483'
branch_labels = None
depends_on = None


def upgrade():
    # Moved by app/results/data_version.py on every change of a call's public data.
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data_version', sa.Integer(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_column('data_version')


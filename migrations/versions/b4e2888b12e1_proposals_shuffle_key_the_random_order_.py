"""proposals.shuffle_key: the random order permutes random keys

The random order was an affine map of the ids, (id * a + b) mod P: every visitor saw
references in arithmetic runs (0050, 0040, 0030 …). Each proposal now draws a key once,
uniformly, and a visitor's seed permutes the keys (app/proposals/queries.py). Existing
proposals draw theirs here, from the database's own generator.

Revision ID: b4e2888b12e1
Revises: a3112506e420
Create Date: 2026-12-05 14:18:34.031045

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4e2888b12e1'
down_revision = 'a3112506e420'
branch_labels = None
depends_on = None

SHUFFLE_PRIME = 2_147_483_647  # app/proposals/models.py: keys are uniform below it


def upgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shuffle_key', sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == 'sqlite':
        # random() is a signed 64-bit integer there: its remainder, made positive.
        draw = f'abs(random() % {SHUFFLE_PRIME})'
    else:
        draw = f'floor(random() * {SHUFFLE_PRIME})'
    op.execute(f'UPDATE proposals SET shuffle_key = {draw}')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.alter_column('shuffle_key', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_index('ix_proposals_call_id_status')
        batch_op.create_index('ix_proposals_call_id_status',
                              ['call_id', 'status', 'id', 'shuffle_key'], unique=False)


def downgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index('ix_proposals_call_id_status')
        batch_op.create_index('ix_proposals_call_id_status', ['call_id', 'status', 'id'],
                              unique=False)
        batch_op.drop_column('shuffle_key')

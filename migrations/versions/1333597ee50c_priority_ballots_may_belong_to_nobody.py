"""priority ballots may belong to nobody

An erasure or the retention period unlinks a person from their choice of priorities, as
from their votes: the ballot stays, counted, belonging to nobody.

Revision ID: 1333597ee50c
Revises: d5a7c3e1f094
Create Date: 2026-12-05 18:48:04.216738

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1333597ee50c'
down_revision = 'd5a7c3e1f094'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('priority_ballots', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_priority_ballots_one_kind_of_voter'), type_='check')
        batch_op.create_check_constraint('at_most_one_voter',
                                         'user_id IS NULL OR code_id IS NULL')


def downgrade():
    # Ballots already unlinked cannot be linked back: with any, the old check cannot be
    # restored and the downgrade stops here.
    with op.batch_alter_table('priority_ballots', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_priority_ballots_at_most_one_voter'), type_='check')
        batch_op.create_check_constraint('one_kind_of_voter',
                                         '(user_id IS NULL) <> (code_id IS NULL)')

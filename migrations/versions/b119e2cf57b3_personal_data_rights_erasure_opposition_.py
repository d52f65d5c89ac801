"""personal data rights: erasure, opposition, blocking

An account can stop every mail (opposition), be frozen at its owner's request (blocking)
and be erased (a pseudonym stays). A ballot may belong to nobody once the link between a
voter and their votes is dropped (an erasure, or the retention period after results):
the check that a ballot has exactly one kind of voter becomes "at most one".

Revision ID: b119e2cf57b3
Revises: 1a57a305edcb
Create Date: 2026-12-05 17:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b119e2cf57b3'
down_revision = "1a57a305edcb"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_stopped', sa.Boolean(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('frozen_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_ballots_one_kind_of_voter'), type_='check')
        batch_op.create_check_constraint('at_most_one_voter',
                                         'user_id IS NULL OR code_id IS NULL')


def downgrade():
    # Ballots already unlinked from their voters cannot be linked back: with any, the old
    # check cannot be restored and the downgrade stops here.
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_ballots_at_most_one_voter'), type_='check')
        batch_op.create_check_constraint('one_kind_of_voter',
                                         '(user_id IS NULL) <> (code_id IS NULL)')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
        batch_op.drop_column('frozen_at')
        batch_op.drop_column('mail_stopped')

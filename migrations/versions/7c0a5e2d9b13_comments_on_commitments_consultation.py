"""comments on commitments and the consultation on the draft plan

A comment is on a proposal or on a commitment (exactly one); a commitment comment may be
about one template field and, posted in the plan's consultation window, carries the
Working Group's answer. Plans get the window's dates.

Revision ID: 7c0a5e2d9b13
Revises: 5e7c1d9a2b40
Create Date: 2026-12-05 20:45:00

"""
from alembic import op
import sqlalchemy as sa

import app.core.db.types

# revision identifiers, used by Alembic.
revision = '7c0a5e2d9b13'
down_revision = "5e7c1d9a2b40"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('commitment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('field', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('consultation', sa.Boolean(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('answer', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('answered_at', app.core.db.types.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column('answered_by_id', sa.Integer(), nullable=True))
        batch_op.alter_column('proposal_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_comments_commitment_id'), ['commitment_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_comments_commitment_id_commitments'),
                                    'commitments', ['commitment_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_comments_answered_by_id_users'),
                                    'users', ['answered_by_id'], ['id'])
        batch_op.create_check_constraint('on_one_thing',
                                         '(proposal_id IS NULL) <> (commitment_id IS NULL)')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consultation_opens_at',
                                      app.core.db.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('consultation_closes_at',
                                      app.core.db.types.UTCDateTime(), nullable=True))


def downgrade():
    # Comments on commitments have no proposal to belong to: they go with the downgrade.
    op.execute("DELETE FROM comments WHERE commitment_id IS NOT NULL AND parent_id IS NOT NULL")
    op.execute("DELETE FROM comments WHERE commitment_id IS NOT NULL")
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_column('consultation_closes_at')
        batch_op.drop_column('consultation_opens_at')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_comments_on_one_thing'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_comments_answered_by_id_users'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_comments_commitment_id_commitments'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_comments_commitment_id'))
        batch_op.alter_column('proposal_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('answered_by_id')
        batch_op.drop_column('answered_at')
        batch_op.drop_column('answer')
        batch_op.drop_column('consultation')
        batch_op.drop_column('field')
        batch_op.drop_column('commitment_id')

"""follows choose digests; evidence names a repository document

Revision ID: 4fae45428f64
Revises: 14be44931729
Create Date: 2026-12-05 20:25:53.730867

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4fae45428f64'
down_revision = '14be44931729'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('plan_follows', schema=None) as batch_op:
        batch_op.add_column(sa.Column('frequency', sa.String(length=10), server_default='immediate', nullable=False))
        batch_op.add_column(sa.Column('last_digest_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('progress_evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_progress_evidence_document_id'), ['document_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_progress_evidence_document_id_wg_documents'), 'wg_documents', ['document_id'], ['id'])


def downgrade():
    with op.batch_alter_table('progress_evidence', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_progress_evidence_document_id_wg_documents'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_progress_evidence_document_id'))
        batch_op.drop_column('document_id')

    with op.batch_alter_table('plan_follows', schema=None) as batch_op:
        batch_op.drop_column('last_digest_at')
        batch_op.drop_column('frequency')

"""downloads of one's data

Each request for a copy of everything Minga holds about a person: built by a job, its
link mailed, taken once (only a hash of the link's token is kept).

Revision ID: b034c05b86f3
Revises: b119e2cf57b3
Create Date: 2026-12-05 17:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b034c05b86f3'
down_revision = 'b119e2cf57b3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'data_exports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=True),
        sa.Column('file_name', sa.String(length=80), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=True),
        sa.Column('taken_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_data_exports_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_data_exports')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_data_exports_token_hash')),
    )
    with op.batch_alter_table('data_exports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_exports_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('data_exports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_exports_user_id'))
    op.drop_table('data_exports')

"""privacy notice versions and the version each person accepted

The notice shipped with Minga is version 1: everyone who registered until now accepted
it. Each material change an administrator publishes is a new version, which everyone
accepts again at their next login.

Revision ID: 84ed8a3e4188
Revises: b034c05b86f3
Create Date: 2026-12-05 17:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '84ed8a3e4188'
down_revision = 'b034c05b86f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'privacy_notice_versions',
        sa.Column('version', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('published_at', sa.DateTime(), nullable=False),
        sa.Column('published_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['published_by_id'], ['users.id'],
                                name=op.f('fk_privacy_notice_versions_published_by_id_users')),
        sa.PrimaryKeyConstraint('version', name=op.f('pk_privacy_notice_versions')),
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('privacy_version', sa.Integer(), server_default='1',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('privacy_version')
    op.drop_table('privacy_notice_versions')

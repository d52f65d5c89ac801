"""site pages: an administrator's text per page and language

Revision ID: 4cd518a57334
Revises: 74b6c40e3258
Create Date: 2026-12-05 14:16:01.230223

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4cd518a57334'
down_revision = '74b6c40e3258'
branch_labels = None
depends_on = None


def upgrade():
    # Without a row, a page shows the default text shipped in app/pages/defaults.
    op.create_table('site_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_site_pages_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_pages')),
    sa.UniqueConstraint('slug', 'locale', name=op.f('uq_site_pages_slug_locale'))
    )


def downgrade():
    op.drop_table('site_pages')

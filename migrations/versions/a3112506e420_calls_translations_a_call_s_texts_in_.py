"""calls.translations: a call's texts in the site's other languages

Revision ID: a3112506e420
Revises: 2c2f3af47612
Create Date: 2026-12-05 14:22:23.607870

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a3112506e420'
down_revision = '2c2f3af47612'
branch_labels = None
depends_on = None


def upgrade():
    # Title, description and rules per language besides the default one, e.g.
    # {"en": {"title": ...}}; existing calls start with none and show their default text.
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('translations', sa.JSON(), server_default='{}', nullable=False))


def downgrade():
    # The texts in other languages are lost; each call keeps its default-language text.
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_column('translations')

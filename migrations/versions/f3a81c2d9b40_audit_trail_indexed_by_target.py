"""audit trail indexed by target, not by time, actor or action

Nothing reads the trail by time, actor or action; it is read as one target's history
(`events_for`), which scanned the whole table. Every vote appends an event: three
indexes nobody used were three more pages written per vote.

Revision ID: f3a81c2d9b40
Revises: b7c1f0e5a912
Create Date: 2026-11-30 12:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f3a81c2d9b40'
down_revision = 'b7c1f0e5a912'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_occurred_at')
        batch_op.drop_index('ix_audit_events_actor_id')
        batch_op.drop_index('ix_audit_events_action')
        batch_op.create_index('ix_audit_events_target', ['target_type', 'target_id', 'id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_target')
        batch_op.create_index('ix_audit_events_action', ['action'], unique=False)
        batch_op.create_index('ix_audit_events_actor_id', ['actor_id'], unique=False)
        batch_op.create_index('ix_audit_events_occurred_at', ['occurred_at'], unique=False)

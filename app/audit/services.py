from sqlalchemy import insert

from app.audit.models import AuditEvent
from app.core.clock import now
from app.extensions import db

_APPEND = insert(AuditEvent.__table__)  # Core, built once: no object to flush


def record_event(actor, action: str, target, before: dict | None = None,
                 after: dict | None = None) -> AuditEvent:
    """Append an audit event for `target` (any model with an id); never updates old ones."""
    event = AuditEvent(
        occurred_at=now(),
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=target.__tablename__,
        target_id=str(target.id),
        before=before,
        after=after,
    )
    db.session.add(event)
    return event


def append_event(actor_id: int | None, action: str, target_type: str, target_id,
                 before: dict | None = None, after: dict | None = None) -> None:
    """`record_event` for a write that holds no model of its target (a vote): one INSERT
    now, in the session's transaction, so it commits or rolls back with it."""
    if db.session.new:  # events recorded before it keep their place in the order of ids
        db.session.flush()
    db.session.execute(_APPEND, {
        "occurred_at": now(), "actor_id": actor_id, "action": action,
        "target_type": target_type, "target_id": str(target_id), "before": before,
        "after": after})


def events_for(target) -> list[AuditEvent]:
    """Return the audit events of one target, oldest first."""
    return list(db.session.scalars(
        db.select(AuditEvent)
        .where(AuditEvent.target_type == target.__tablename__,
               AuditEvent.target_id == str(target.id))
        .order_by(AuditEvent.id)
    ))

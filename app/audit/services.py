from app.audit.models import AuditEvent
from app.clock import now
from app.extensions import db


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


def events_for(target) -> list[AuditEvent]:
    """Return the audit events of one target, oldest first."""
    return list(db.session.scalars(
        db.select(AuditEvent)
        .where(AuditEvent.target_type == target.__tablename__,
               AuditEvent.target_id == str(target.id))
        .order_by(AuditEvent.id)
    ))

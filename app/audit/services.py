from sqlalchemy import bindparam, insert

from app.audit.models import AuditEvent
from app.clock import now
from app.database import Prepared
from app.extensions import db

# Core, run on the cursor: no ORM object to flush, no per-statement execution machinery.
_APPEND = Prepared(insert(AuditEvent.__table__).values(
    {column: bindparam(column) for column in ("occurred_at", "actor_id", "action",
                                              "target_type", "target_id", "before", "after")}))


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
                 before: dict | None = None, after: dict | None = None,
                 connection=None) -> None:
    """`record_event` for the busiest writes (votes): one INSERT now, no object to flush.

    Written at once on `connection` (by default the session's), in the caller's
    transaction, so it commits or rolls back with it. Events the session still holds
    pending are flushed first, so ids keep the order in which events happened.
    """
    # A vote runs on a connection of its own and may have no session at all: do not make
    # one (and its teardown) only to find it holds nothing.
    if connection is None or db.session.registry.has():
        session = db.session()
        if session.new:
            session.flush()
        connection = connection or session.connection()
    _APPEND.rowcount(connection, {
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

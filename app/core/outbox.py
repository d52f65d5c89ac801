"""The mail outbox: a message is a row written in the same transaction as what it tells,
and delivered by a background job once that transaction commits.

A request therefore never waits for the mail server (and its timing says nothing about
whether an address has an account); a crash after the commit loses nothing (a sweep every
minute queues what is still waiting); a server that refuses is tried again with growing
delays, and a message that keeps failing stays, shown to administrators with a retry
button. A delivered message is deleted: the outbox keeps no one's mail longer than needed.
Delivery is at least once: a worker killed between sending and recording may send again.
"""

import logging
from datetime import datetime, timedelta

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Integer, String, Text, select, update
from sqlalchemy.orm import Mapped, mapped_column

from app.audit.services import record_event
from app.core import jobs
from app.core.clock import now
from app.core.db.types import UTCDateTime
from app.core.errors import DomainError, NotAllowed
from app.extensions import db

log = logging.getLogger(__name__)

QUEUED, SENDING, RETRYING, FAILED = "queued", "sending", "retrying", "failed"
STATUS_LABELS = {QUEUED: _l("Waiting"), SENDING: _l("Being sent"),
                 RETRYING: _l("Will be tried again"), FAILED: _l("Failed")}
# A worker that died mid-delivery leaves its message "sending": after this, it is retaken.
SENDING_STALE = timedelta(minutes=10)


class OutboxMessage(db.Model):
    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default=QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The kind of failure only (an exception's class name): never the server's words,
    # which may quote the address.
    last_error: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    @property
    def masked_address(self) -> str:
        """Enough for an administrator to tell messages apart, not to read the address."""
        local, _, domain = self.to_address.partition("@")
        return f"{local[:1]}…@{domain}"

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))


class NotRetryable(DomainError):
    status = 409
    message = _l("Only a message that failed can be tried again.")


def queue_mail(to: str, subject: str, body: str, headers: dict | None = None) -> None:
    """Put a message in the outbox; it leaves once the current transaction commits."""
    message = OutboxMessage(to_address=to, subject=subject, body=body, headers=headers or {},
                            status=QUEUED, attempts=0, next_attempt_at=now(),
                            created_at=now())
    db.session.add(message)
    db.session.flush()
    jobs.enqueue_after_commit("deliver_mail", message.id)


def _claim(message_id: int) -> OutboxMessage | None:
    """Take the message for this worker, unless another has it or it is done."""
    claimed = db.session.execute(
        update(OutboxMessage).where(OutboxMessage.id == message_id,
                                    OutboxMessage.status.in_((QUEUED, RETRYING)))
        .values(status=SENDING, next_attempt_at=now())
        .execution_options(synchronize_session=False))
    db.session.commit()
    if claimed.rowcount != 1:
        return None
    return db.session.get(OutboxMessage, message_id)


def deliver_mail(message_id: int) -> None:
    """The job: send one message; on failure, schedule the next try or give up (kept)."""
    from app.core.mail import deliver

    message = _claim(message_id)
    if message is None:
        return
    error = deliver(message.to_address, message.subject, message.body, message.headers)
    if error is None:
        db.session.delete(message)
        db.session.commit()
        return
    config = current_app.config
    message.attempts += 1
    message.last_error = error
    if message.attempts >= config["MAIL_MAX_ATTEMPTS"]:
        message.status = FAILED
        db.session.commit()
        log.error("mail %s failed %s times; kept for an administrator", message.id,
                  message.attempts)
        return
    delay = config["MAIL_RETRY_SECONDS"] * 2 ** (message.attempts - 1)
    message.status, message.next_attempt_at = RETRYING, now() + timedelta(seconds=delay)
    db.session.commit()
    jobs.enqueue("deliver_mail", message.id, delay=delay)


def sweep_outbox() -> int:
    """The periodic job: queue what waits without a job (a crash after a commit, a queue
    that was down, a worker that died mid-delivery). Returns how many were queued."""
    moment = now()
    stale = db.session.scalars(select(OutboxMessage.id).where(
        ((OutboxMessage.status.in_((QUEUED, RETRYING)))
         & (OutboxMessage.next_attempt_at <= moment - timedelta(minutes=1)))
        | ((OutboxMessage.status == SENDING)
           & (OutboxMessage.next_attempt_at <= moment - SENDING_STALE)))
        .order_by(OutboxMessage.id).limit(500)).all()
    if stale:
        db.session.execute(update(OutboxMessage).where(
            OutboxMessage.id.in_(stale), OutboxMessage.status == SENDING)
            .values(status=RETRYING).execution_options(synchronize_session=False))
        db.session.commit()
    for message_id in stale:
        jobs.enqueue("deliver_mail", message_id)
    return len(stale)


def waiting(page: int = 1, per_page: int = 50):
    """Messages not delivered yet, failed first, for the administrators' outbox page."""
    order = (OutboxMessage.status != FAILED, OutboxMessage.id)
    return db.paginate(select(OutboxMessage).order_by(*order), page=page,
                       per_page=per_page, error_out=False)


def retry(actor, message_id: int) -> None:
    """Try a failed message again, from its first attempt.

    :raises NotAllowed, NotRetryable:
    """
    if not getattr(actor, "is_admin", False):
        raise NotAllowed
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status != FAILED:
        raise NotRetryable
    message.status, message.attempts, message.next_attempt_at = QUEUED, 0, now()
    record_event(actor, "mail.retried", message)
    jobs.enqueue_after_commit("deliver_mail", message.id)


def init_app(app: Flask) -> None:
    jobs.register(app, deliver_mail)
    jobs.register(app, sweep_outbox, every_minute=True)

"""Outgoing mail: a `file` backend (each message an .eml in the outbox) and `smtp`.

Log lines name the file or the server, never the recipient: addresses are
personal data.
"""

import logging
import smtplib
import ssl
import time
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

from app.core.clock import now

log = logging.getLogger(__name__)


def build_message(to: str, subject: str, body: str,
                  headers: dict | None = None) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(now().timestamp(), localtime=False)
    message["Message-ID"] = make_msgid(domain="minga.local")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message


def _write_to_outbox(message: EmailMessage) -> Path:
    outbox = Path(current_app.config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    # Wall-clock nanoseconds keep names in sending order even when the app clock stands still.
    path = outbox / f"{now():%Y%m%dT%H%M%S}-{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(bytes(message))
    log.info("mail written to %s", path)
    return path


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"],
                      timeout=config["MAIL_TIMEOUT"]) as smtp:
        if config["MAIL_USE_STARTTLS"]:
            # A verifying context: without one Python accepts any certificate.
            smtp.starttls(context=ssl.create_default_context(cafile=config["MAIL_CA_FILE"]))
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
    log.info("mail sent through %s:%s", config["MAIL_SERVER"], config["MAIL_PORT"])


def send_mail(to: str, subject: str, body: str, headers: dict | None = None) -> bool:
    """Queue a plain-text message: it leaves once the caller's transaction commits, from
    a background job (app/core/outbox.py), so no request waits for the mail server."""
    from app.core.outbox import queue_mail

    queue_mail(to, subject, body, headers)
    return True


def deliver(to: str, subject: str, body: str, headers: dict | None = None) -> str | None:
    """Send now through the configured backend; None when it went, else the kind of
    failure (an exception's class name, which quotes nobody's address)."""
    message = build_message(to, subject, body, headers)
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "file":
        _write_to_outbox(message)
        return None
    if backend != "smtp":
        raise RuntimeError(f"unknown MAIL_BACKEND {backend!r}")
    try:
        _send_smtp(message)
    except (smtplib.SMTPException, OSError) as exc:
        log.error("mail not sent through %s:%s: %s", current_app.config["MAIL_SERVER"],
                  current_app.config["MAIL_PORT"], type(exc).__name__)
        return type(exc).__name__
    return None

"""Log lines: plain text by default, JSON lines when LOG_FORMAT=json; each line of a
request carries its request id (X-Request-ID from the proxy when it looks like one, else
a new one), which the response sends back so a report can be matched to its lines.

Log messages name no person: no email address, no network address (see app/core/mail.py,
and Flask-Limiter's own logger, held at WARNING in app/__init__.py).
"""

import json
import logging
import re
import uuid

from flask import Flask, g, has_request_context, request

HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
                "level": record.levelname, "logger": record.name,
                "message": record.getMessage(),
                "request_id": getattr(record, "request_id", "-")}
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure(app: Flask) -> None:
    level = logging.INFO if not app.testing else logging.WARNING
    logging.basicConfig(level=level)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RequestId) for f in handler.filters):
            handler.addFilter(RequestId())
        if app.config["LOG_FORMAT"] == "json":
            handler.setFormatter(JsonLines())


def init_request_ids(app: Flask) -> None:
    @app.before_request
    def take_request_id():
        incoming = request.headers.get(HEADER, "")
        g.request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex

    @app.after_request
    def send_request_id(response):
        if "request_id" in g:
            response.headers[HEADER] = g.request_id
        return response

"""Structured logs: one JSON line per request, with a request id.

Every request gets an id (the load balancer's ``X-Request-ID`` when it sends a sane
one, else a new one), returned in the response's ``X-Request-ID`` header and written
with the request's log line (logger ``quizapp.request``): method, path, status,
duration in milliseconds, user, remote address. :class:`JsonFormatter` writes any
record as one JSON object per line; ``gunicorn.conf.py`` installs it.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, g, request
from flask_login import current_user
from sqlalchemy import inspect
from werkzeug.wrappers import Response

__all__ = ["JsonFormatter", "register"]

log = logging.getLogger("quizapp.request")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id", "remote_addr")


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message and request fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def register(app: Flask) -> None:
    app.before_request(start_request)
    app.after_request(log_request)


def start_request() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def log_request(response: Response) -> Response:
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers["X-Request-ID"] = request_id
    started = g.get("request_started")
    duration = round((time.perf_counter() - started) * 1000, 2) if started else None
    user = g.get("api_user") or (current_user if current_user.is_authenticated else None)
    log.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "request_id": request_id,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration,
            "user_id": _user_id(user),
            "remote_addr": request.remote_addr,
        },
    )
    return response


def _user_id(user: Any) -> int | None:
    """The user's id from its identity key: the request's commit has expired the object,
    and reading ``user.id`` would reload the whole row for one log field."""
    if user is None:
        return None
    state = inspect(user, raiseerr=False)
    identity = state.identity if state is not None else None
    return int(identity[0]) if identity else getattr(user, "id", None)

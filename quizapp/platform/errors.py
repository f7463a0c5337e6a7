"""Error responses: HTML pages, JSON under ``/api``; a failed request's transaction is
rolled back before any 5xx, and no stack trace ever reaches the user.

A database that cannot be written (disk full, read-only file or volume, server down)
gets a 503 that says so, instead of a crash: the next request tries again, so the
service recovers by itself once the disk has room or the server is back.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InternalError, OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from quizapp.extensions import db
from quizapp.platform import health
from quizapp.platform.boundary import TextTooLongError

__all__ = ["json_error", "register"]

# Operators filter the JSON log lines on this name: it stays put wherever the module lives.
log = logging.getLogger("quizapp.errors")

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported media type",
    429: "Too many attempts",
    500: "Something went wrong",
    503: "Unavailable",
}
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}
STORAGE_MESSAGE = (
    "The database cannot be written or reached right now (disk full, read-only or "
    "down). Nothing was saved; try again in a few minutes."
)
API_PREFIX = "/api/"
READ_ONLY_SQLSTATE = "25006"  # read_only_sql_transaction


def register(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(OperationalError, storage_error)
    app.register_error_handler(InternalError, read_only_error)
    app.register_error_handler(TextTooLongError, text_too_long)
    app.register_error_handler(500, internal_error)


def _wants_json() -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status: int, message: str, *, code: str | None = None) -> Response:
    """``{"error": {"code", "message"}}`` with the status."""
    response = jsonify(error={"code": code or CODES.get(status, "error"), "message": message})
    response.status_code = status
    return response


def _page(status: int, message: str) -> Any:
    if _wants_json():
        return json_error(status, message)
    title = TITLES.get(status, "Error")
    return render_template("error.html", status=status, title=title, message=message), status


def csrf_error(error: CSRFError) -> Any:
    return _page(
        400,
        f"The form expired or was not sent from this site ({error.description}). "
        "Go back, reload the page and try again.",
    )


def http_error(error: HTTPException) -> Any:
    status = error.code or 500
    if status >= 500:
        db.session.rollback()
    response = _page(status, error.description or TITLES.get(status, "Error"))
    if isinstance(response, Response):  # keep Allow, Retry-After, WWW-Authenticate
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
    return response


def storage_error(error: DBAPIError) -> Any:
    db.session.rollback()
    health.writes_failed()
    log.error("database unavailable: %s", error.orig if isinstance(error, DBAPIError) else error)
    response = _page(503, STORAGE_MESSAGE)
    if isinstance(response, tuple):
        return response[0], 503, {"Retry-After": "30"}
    response.headers["Retry-After"] = "30"
    return response


def read_only_error(error: InternalError) -> Any:
    """PostgreSQL refusing a write in a read-only transaction (a standby, or
    ``default_transaction_read_only``) is the same outage as a read-only SQLite file."""
    if getattr(error.orig, "sqlstate", None) == READ_ONLY_SQLSTATE:
        return storage_error(error)
    return internal_error(error)


def text_too_long(error: TextTooLongError) -> Any:
    db.session.rollback()
    return _page(400, str(error))


def internal_error(error: Exception) -> Any:
    db.session.rollback()
    return _page(500, "The server failed to finish this request. Nothing was saved; try again.")

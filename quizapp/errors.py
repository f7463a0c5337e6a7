"""HTML error pages; a failed request's transaction is rolled back before the 500 page."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from quizapp.extensions import db

__all__ = ["register"]

TITLES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    413: "Too large",
    429: "Too many attempts",
    500: "Something went wrong",
}


def register(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(500, internal_error)


def _page(status: int, message: str) -> tuple[str, int]:
    title = TITLES.get(status, "Error")
    return render_template("error.html", status=status, title=title, message=message), status


def csrf_error(error: CSRFError) -> tuple[str, int]:
    return _page(
        400,
        f"The form expired or was not sent from this site ({error.description}). "
        "Go back, reload the page and try again.",
    )


def http_error(error: HTTPException) -> tuple[str, int]:
    status = error.code or 500
    if status >= 500:
        db.session.rollback()
    return _page(status, error.description or TITLES.get(status, "Error"))


def internal_error(error: Exception) -> tuple[str, int]:
    db.session.rollback()
    return _page(500, "The server failed to finish this request. Nothing was saved; try again.")

"""Who may change what: the checks every teacher page makes, of the user and of the row."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort
from flask_login import current_user

from quizapp.extensions import db
from quizapp.sources.audience import may_teach

__all__ = ["owned_or_403", "require_teacher"]

Row = TypeVar("Row")


def owned_or_403(
    model: type[Row], row_id: int, owner_id: Callable[[Row], int | None], message: str
) -> Row:
    """The row with this id, if the logged-in user owns it.

    Args:
        model: the mapped class to load.
        row_id: its primary key.
        owner_id: reads the owning user's id from the row; None (a source imported by
            command) is owned by no one, so every user gets the 403.
        message: what the 403 page says, e.g. "This class belongs to another teacher."

    Raises:
        NotFound: no such row (404).
        Forbidden: someone else owns it (403).
    """
    row = db.get_or_404(model, row_id)
    if owner_id(row) != current_user.id:
        abort(403, message)
    return row


def require_teacher() -> None:
    """The logged-in user must be a teacher or an administrator (403 otherwise,
    :func:`quizapp.sources.audience.may_teach`): the first check of every teacher page,
    run after ``login_required`` has sent a visitor to log in."""
    if not may_teach(current_user):
        abort(403, "This page is for teachers.")

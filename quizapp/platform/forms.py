"""The one form every feature shares: a button that changes something."""

from __future__ import annotations

from flask import abort
from flask_wtf import FlaskForm
from wtforms import SubmitField

__all__ = ["ConfirmForm", "require_confirmation"]


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""

    submit = SubmitField("Confirm")


def require_confirmation() -> None:
    """The button's form must have been posted with a valid CSRF token: 400 otherwise
    (the page was open too long, or the request did not come from it)."""
    if not ConfirmForm().validate_on_submit():
        abort(400, "The form expired; reload the page and try again.")

"""The one form every feature shares: a button that changes something."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SubmitField

__all__ = ["ConfirmForm"]


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""

    submit = SubmitField("Confirm")

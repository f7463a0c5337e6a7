"""What every feature's forms share: a button that changes something, and a time zone."""

from __future__ import annotations

from flask import abort
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField

# types-WTForms (3.2) predates SelectChoice, which WTForms 3.3 added.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]

from quizapp.platform import timezones

__all__ = ["ConfirmForm", "TimeZoneField", "require_confirmation"]


class TimeZoneField(SelectField):
    """A choice of IANA time zone ("Europe/Berlin"), UTC first."""

    def __init__(self, label: str, **kwargs: object) -> None:
        choices = [SelectChoice(name, name.replace("_", " ")) for name in timezones.zone_names()]
        super().__init__(label, choices=choices, **kwargs)  # type: ignore[arg-type]


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""

    submit = SubmitField("Confirm")


def require_confirmation() -> None:
    """The button's form must have been posted with a valid CSRF token: 400 otherwise
    (the page was open too long, or the request did not come from it)."""
    if not ConfirmForm().validate_on_submit():
        abort(400, "The form expired; reload the page and try again.")

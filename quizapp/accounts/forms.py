"""The account forms: sign up, log in and out, settings, passwords, API tokens."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    PasswordField,
    RadioField,
    StringField,
    SubmitField,
)

# types-WTForms (3.2) predates SelectChoice, which WTForms 3.3 added.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import EqualTo, InputRequired, Length, NumberRange, Optional, Regexp

from quizapp.platform.forms import TimeZoneField

__all__ = [
    "ApiTokenForm",
    "LoginForm",
    "LogoutForm",
    "PasswordChangeForm",
    "PasswordResetForm",
    "SettingsForm",
    "SignupForm",
]

EMAIL = Regexp(
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Enter an email address like ana@example.org."
)
# A new password, at sign-up, change or reset.
NEW_PASSWORD = [
    InputRequired(),
    Length(min=8, max=200, message="Use at least 8 and at most 200 characters."),
]


def _repeats(field: str) -> list[InputRequired | EqualTo]:
    """The validators of the field that repeats the password in ``field``."""
    return [InputRequired(), EqualTo(field, message="The passwords differ.")]


class SignupForm(FlaskForm):
    email = StringField("Email", validators=[InputRequired(), Length(max=254), EMAIL])
    display_name = StringField("Name (shown to you)", validators=[Optional(), Length(max=80)])
    password = PasswordField("Password", validators=NEW_PASSWORD)
    confirm = PasswordField("Repeat the password", validators=_repeats("password"))
    teacher = BooleanField("I teach: let me create classes and assign questions")
    submit = SubmitField("Sign up")


class LoginForm(FlaskForm):
    email = StringField("Email", validators=[InputRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=200)])
    remember = BooleanField("Keep me logged in")
    submit = SubmitField("Log in")


class LogoutForm(FlaskForm):
    submit = SubmitField("Log out")


class SettingsForm(FlaskForm):
    desired_retention = DecimalField(
        "Desired retention (0.70 to 0.99)",
        places=2,
        validators=[InputRequired(), NumberRange(min=0.7, max=0.99)],
    )
    new_per_day = IntegerField(
        "New questions per day", validators=[InputRequired(), NumberRange(min=0, max=500)]
    )
    reviews_per_day = IntegerField(
        "Reviews per day", validators=[InputRequired(), NumberRange(min=1, max=5000)]
    )
    date_order = RadioField(
        "Typed numeric dates such as 08/11/2020 mean",
        choices=[
            SelectChoice("day_first", "day first: 8 November 2020"),
            SelectChoice("month_first", "month first: August 11, 2020"),
        ],
        validators=[InputRequired()],
    )
    timezone = TimeZoneField("Time zone (your new classes take it)", default="UTC")
    submit = SubmitField("Save settings")


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        "Current password", validators=[InputRequired(), Length(max=200)]
    )
    new_password = PasswordField("New password", validators=NEW_PASSWORD)
    confirm = PasswordField("Repeat the new password", validators=_repeats("new_password"))
    submit = SubmitField("Change the password")


class PasswordResetForm(FlaskForm):
    new_password = PasswordField("New password", validators=NEW_PASSWORD)
    confirm = PasswordField("Repeat the new password", validators=_repeats("new_password"))
    submit = SubmitField("Set the password")


class ApiTokenForm(FlaskForm):
    name = StringField("Token name (what uses it)", validators=[InputRequired(), Length(max=80)])
    scope = RadioField(
        "Access",
        choices=[
            SelectChoice("read", "read: queue, questions, stats, sets, exports"),
            SelectChoice("write", "read and write: also submit answers"),
        ],
        default="read",
        validators=[InputRequired()],
    )
    submit = SubmitField("Create a token")

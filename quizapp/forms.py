"""The web forms; each carries a CSRF token through Flask-WTF."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from quizapp.scoring import MAX_ANSWER_LENGTH

__all__ = [
    "AnswerForm",
    "LoginForm",
    "LogoutForm",
    "RatingForm",
    "SettingsForm",
    "SignupForm",
]

EMAIL = Regexp(
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Enter an email address like ana@example.org."
)
RATINGS = [
    SelectChoice("1", "Again"),
    SelectChoice("2", "Hard"),
    SelectChoice("3", "Good"),
    SelectChoice("4", "Easy"),
]


class SignupForm(FlaskForm):
    email = StringField("Email", validators=[InputRequired(), Length(max=254), EMAIL])
    display_name = StringField("Name (shown to you)", validators=[Optional(), Length(max=80)])
    password = PasswordField(
        "Password",
        validators=[
            InputRequired(),
            Length(min=8, max=200, message="Use at least 8 and at most 200 characters."),
        ],
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[InputRequired(), EqualTo("password", message="The passwords differ.")],
    )
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
    submit = SubmitField("Save settings")


class AnswerForm(FlaskForm):
    """One answer; ``order`` answers add a ``position_<i>`` select per item."""

    question_id = HiddenField(validators=[InputRequired()])
    card_version = HiddenField(validators=[InputRequired()])
    shown_at = HiddenField()
    answer = StringField(
        "Your answer",
        validators=[
            Length(
                max=MAX_ANSWER_LENGTH,
                message=f"Answers are limited to {MAX_ANSWER_LENGTH} characters.",
            )
        ],
    )
    submit = SubmitField("Answer")


class RatingForm(FlaskForm):
    rating = RadioField("How well did you know it?", choices=RATINGS, validators=[InputRequired()])
    submit = SubmitField("Change rating")

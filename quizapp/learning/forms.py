"""The learner's forms: an answer, a changed rating, a join code."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, StringField, SubmitField

# types-WTForms (3.2) predates SelectChoice, which WTForms 3.3 added.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from quizapp.learning.scoring import MAX_ANSWER_LENGTH

__all__ = ["AnswerForm", "JoinClassForm", "RatingForm", "StudyChoiceForm", "StudyMoreForm"]

RATINGS = [
    SelectChoice("1", "Again"),
    SelectChoice("2", "Hard"),
    SelectChoice("3", "Good"),
    SelectChoice("4", "Easy"),
]


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


class StudyChoiceForm(FlaskForm):
    """Whether a source comes in the daily quiz, and at most how many of its new facts a
    day (empty: only the overall limit)."""

    studying = BooleanField("Study it")
    new_per_day = IntegerField(
        "New facts a day from it (empty: no cap of its own)",
        validators=[Optional(), NumberRange(min=0, max=500)],
    )
    submit = SubmitField("Save")


class StudyMoreForm(FlaskForm):
    """When the day's queue is done: more new facts, or review ahead."""

    more = RadioField(
        "Study more",
        choices=[SelectChoice("new", "New facts"), SelectChoice("ahead", "Review ahead")],
        validators=[InputRequired()],
    )
    submit = SubmitField("Study more")


class JoinClassForm(FlaskForm):
    code = StringField(
        "Join code",
        validators=[InputRequired(message="Enter the code your teacher gave you."), Length(max=32)],
    )
    submit = SubmitField("Join")

"""The teacher's forms: classes, question sets and their filters, question edits,
assignments."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

__all__ = [
    "AssignmentForm",
    "ClassForm",
    "ClassSourceForm",
    "MoveItemForm",
    "QuestionEditForm",
    "QuestionFilterForm",
    "QuestionSetForm",
]


class ClassForm(FlaskForm):
    name = StringField("Class name", validators=[InputRequired(), Length(max=120)])
    submit = SubmitField("Create the class")


class ClassSourceForm(FlaskForm):
    """Give a whole document to a class: its learners study all its published questions."""

    source_id = SelectField("Document", coerce=int, validators=[InputRequired()])
    submit = SubmitField("Give to the class")


class QuestionSetForm(FlaskForm):
    name = StringField("Name", validators=[InputRequired(), Length(max=120)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=2000)])
    source_id = SelectField("Document", coerce=int, validators=[InputRequired()])
    submit = SubmitField("Save")


class QuestionFilterForm(FlaskForm):
    """The set builder's filters, read from the query string (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    section = SelectField("Section", validators=[Optional()], validate_choice=False)
    kind = SelectField(
        "Kind",
        choices=[
            SelectChoice("", "any"),
            SelectChoice("date", "date (typed)"),
            SelectChoice("cloze", "cloze"),
            SelectChoice("choice", "multiple choice"),
            SelectChoice("order", "order"),
        ],
        validators=[Optional()],
    )
    date_from = DateField("Dates from", validators=[Optional()])
    date_to = DateField("Dates to", validators=[Optional()])
    difficulty_min = DecimalField(
        "Difficulty from (0 easy)", places=2, validators=[Optional(), NumberRange(0, 1)]
    )
    difficulty_max = DecimalField(
        "Difficulty to (1 hard)", places=2, validators=[Optional(), NumberRange(0, 1)]
    )
    disputed = SelectField(
        "Disputed",
        choices=[
            SelectChoice("", "either"),
            SelectChoice("yes", "disputed only"),
            SelectChoice("no", "undisputed only"),
        ],
        validators=[Optional()],
    )
    text = StringField("Text", validators=[Optional(), Length(max=200)])


class QuestionEditForm(FlaskForm):
    prompt = TextAreaField("Prompt", validators=[InputRequired(), Length(max=1000)])
    accept = TextAreaField(
        "Other accepted answers (one per line)", validators=[Optional(), Length(max=5000)]
    )
    choices = TextAreaField(
        "Options, the right one among them (one per line)",
        validators=[Optional(), Length(max=2000)],
    )
    submit = SubmitField("Save the edit")


class AssignmentForm(FlaskForm):
    set_id = SelectField("Question set", coerce=int, validators=[InputRequired()])
    opens_at = DateTimeLocalField("Opens (UTC)", validators=[InputRequired()])
    due_at = DateTimeLocalField("Due (UTC)", validators=[InputRequired()])
    max_attempts = IntegerField(
        "Attempts allowed (0: no limit)",
        default=1,
        validators=[InputRequired(), NumberRange(min=0, max=100)],
    )
    submit = SubmitField("Assign")


class MoveItemForm(FlaskForm):
    direction = HiddenField(validators=[InputRequired(), Regexp(r"^(up|down)$")])
    submit = SubmitField("Move")

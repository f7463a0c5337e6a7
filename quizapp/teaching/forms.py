"""The teacher's forms: classes, question sets and their filters, question edits,
assignments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)

# types-WTForms (3.2) predates SelectChoice, which WTForms 3.3 added.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import (
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from question_bank import DateValue, parse_date_answer
from quizapp.platform import timezones
from quizapp.platform.forms import TimeZoneField
from quizapp.teaching.review import GRADING_METHODS, MOMENTS

__all__ = [
    "AnswerKeyForm",
    "AssignmentForm",
    "ClassForm",
    "ClassTimeZoneForm",
    "ClassSourceForm",
    "MoveItemForm",
    "OverrideForm",
    "QuestionEditForm",
    "QuestionFilterForm",
    "QuestionSetForm",
    "TypedDateField",
]


class ClassForm(FlaskForm):
    name = StringField("Class name", validators=[InputRequired(), Length(max=120)])
    timezone = TimeZoneField(
        "Time zone (open and due dates are entered and shown in it)",
        default=timezones.DEFAULT_ZONE,
    )
    submit = SubmitField("Create the class")


class ClassTimeZoneForm(FlaskForm):
    timezone = TimeZoneField("Time zone")
    submit = SubmitField("Change the time zone")


class ClassSourceForm(FlaskForm):
    """Give a whole document to a class: its learners study all its published questions."""

    source_id = SelectField("Document", coerce=int, validators=[InputRequired()])
    submit = SubmitField("Give to the class")


class QuestionSetForm(FlaskForm):
    name = StringField("Name", validators=[InputRequired(), Length(max=120)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=2000)])
    source_id = SelectField("Document", coerce=int, validators=[InputRequired()])
    submit = SubmitField("Save")


class TypedDateField(StringField):
    """A date written as a learner would answer it ("100 BC", "AD 14", "March 2020",
    "2020-11-08"), read with the library's answer parser into :attr:`value`: a BC date
    has no ``datetime.date``, so the browser's date input cannot hold one.

    ``day_first`` says how to read an ambiguous numeric date (the teacher's setting).
    """

    value: DateValue | None = None
    day_first: bool = True

    def pre_validate(self, form: Any) -> None:
        text = (self.data or "").strip()
        self.value = parse_date_answer(text, day_first=self.day_first) if text else None
        if text and self.value is None:
            raise ValidationError(
                "Write a date such as 100 BC, AD 14, the 1990s, March 2020 or 2020-11-08."
            )


def _choices(names: Mapping[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in names.items()]


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
    date_from = TypedDateField("Dates from", validators=[Optional(), Length(max=100)])
    date_to = TypedDateField("Dates to", validators=[Optional(), Length(max=100)])
    difficulty_min = DecimalField(
        "Difficulty from (0 easy)", places=2, validators=[Optional(), NumberRange(0, 1)]
    )
    difficulty_max = DecimalField(
        "Difficulty to (1 hard)", places=2, validators=[Optional(), NumberRange(0, 1)]
    )
    disputed = SelectField(
        "Disputed",
        choices=_choices({"": "either", "yes": "disputed only", "no": "undisputed only"}),
        validators=[Optional()],
    )
    text = StringField("Text", validators=[Optional(), Length(max=200)])

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        if not super().validate(extra_validators):
            return False
        first, last = self.date_from.value, self.date_to.value
        if first is not None and last is not None and first.bounds()[0] > last.bounds()[1]:
            self.date_to.errors = [f"{last.display()} comes before {first.display()}."]
            return False
        return True


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


class AnswerKeyForm(FlaskForm):
    """A curator's correction of a question's answer key."""

    answer = StringField("Right answer", validators=[InputRequired(), Length(max=200)])
    granularity = SelectField(
        "Asked as",
        choices=_choices({"": "as written", "day": "a day", "month": "a month", "year": "a year"}),
        validators=[Optional()],
    )
    submit = SubmitField("Correct the key")


class AssignmentForm(FlaskForm):
    set_id = SelectField("Question set", coerce=int, validators=[InputRequired()])
    # Typed in the class's time zone; the view names it in the labels.
    opens_at = DateTimeLocalField("Opens", validators=[InputRequired()])
    due_at = DateTimeLocalField("Due", validators=[InputRequired()])
    max_attempts = IntegerField(
        "Attempts allowed (0: no limit)",
        default=1,
        validators=[InputRequired(), NumberRange(min=0, max=100)],
    )
    show_score = SelectField(
        "Learners see their score", choices=_choices(MOMENTS), default="attempt"
    )
    show_answer = SelectField(
        "Learners see the right answers", choices=_choices(MOMENTS), default="due"
    )
    show_passage = SelectField(
        "Learners see the passages", choices=_choices(MOMENTS), default="due"
    )
    grading = SelectField("Grade", choices=_choices(GRADING_METHODS), default="best")
    submit = SubmitField("Assign")


class OverrideForm(FlaskForm):
    """The teacher's grade for one learner on one assignment; an empty grade removes it."""

    grade = DecimalField(
        "Grade (%; empty: the computed grade)",
        places=1,
        validators=[Optional(), NumberRange(min=0, max=100)],
    )
    comment = TextAreaField(
        "Comment (the learner reads it)", validators=[Optional(), Length(max=1000)]
    )
    submit = SubmitField("Save the grade")


class MoveItemForm(FlaskForm):
    direction = HiddenField(validators=[InputRequired(), Regexp(r"^(up|down)$")])
    submit = SubmitField("Move")

"""What a teacher learns from an assignment: grades, item analysis, retention, CSV.

Item analysis uses each learner's *first* attempt (what they knew before practising the
set): facility is the share of respondents who got the question fully right;
discrimination is the correlation between the question's score and the learner's score
on the rest of the attempt (the point-biserial correlation when the question is scored
right or wrong). A question is flagged as possibly broken when its discrimination is
below :data:`FLAG_BELOW` (stronger learners do no better on it than weaker ones), and
only once at least :data:`MIN_RESPONDENTS` learners answered it.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup
from sqlalchemy import select

from quizapp.export.spreadsheet import spreadsheet_safe as safe_text
from quizapp.extensions import db
from quizapp.learning import charts
from quizapp.learning.stats import recall_by_week, week_window
from quizapp.models import (
    Assignment,
    AssignmentAnswer,
    AssignmentAttempt,
    Question,
    QuestionSetItem,
    Review,
    SchoolClass,
    User,
)
from quizapp.teaching.assignments import AssignmentStatus, assignment_status
from quizapp.teaching.classes import roster
from quizapp.teaching.question_sets import active_questions
from quizapp.teaching.regrading import attempt_regraded

__all__ = [
    "FLAG_BELOW",
    "MIN_RESPONDENTS",
    "QuestionResult",
    "assignment_grades",
    "class_retention",
    "class_retention_chart",
    "grades_csv",
    "item_rest_correlation",
    "percent",
    "question_results",
    "spreadsheet_safe",
]

MIN_RESPONDENTS = 5
FLAG_BELOW = 0.2
COMMON_WRONG = 3


@dataclass(frozen=True)
class QuestionResult:
    """Item analysis of one question of an assignment."""

    question: Question
    respondents: int
    facility: float | None
    discrimination: float | None
    common_wrong: list[tuple[str, int]]

    @property
    def flagged(self) -> bool:
        return (
            self.respondents >= MIN_RESPONDENTS
            and self.discrimination is not None
            and self.discrimination < FLAG_BELOW
        )


def assignment_grades(assignment: Assignment, now: datetime) -> list[tuple[User, AssignmentStatus]]:
    """Every learner of the class with their standing on the assignment, by name."""
    return [
        (learner, assignment_status(assignment, learner, now))
        for learner in roster(assignment.school_class)
    ]


def _first_attempt_scores(assignment: Assignment) -> dict[int, dict[int, Review]]:
    """learner id -> question id -> review, from each current learner's first attempt."""
    members = {learner.id for learner in roster(assignment.school_class)}
    rows = db.session.execute(
        select(AssignmentAttempt.user_id, AssignmentAnswer.question_id, Review)
        .join(AssignmentAnswer, AssignmentAnswer.attempt_id == AssignmentAttempt.id)
        .join(Review, Review.id == AssignmentAnswer.review_id)
        .where(AssignmentAttempt.assignment_id == assignment.id, AssignmentAttempt.number == 1)
    ).all()
    scores: dict[int, dict[int, Review]] = {}
    for user_id, question_id, review in rows:
        if user_id in members:
            scores.setdefault(user_id, {})[question_id] = review
    return scores


def item_rest_correlation(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Pearson correlation of (item score, rest score) pairs; None without variance."""
    count = len(pairs)
    if count < 2:
        return None
    mean_x = sum(x for x, _ in pairs) / count
    mean_y = sum(y for _, y in pairs) / count
    cov = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    var_x = sum((x - mean_x) ** 2 for x, _ in pairs)
    var_y = sum((y - mean_y) ** 2 for _, y in pairs)
    if var_x == 0 or var_y == 0:
        return None
    return cov / math.sqrt(var_x * var_y)


def question_results(assignment: Assignment) -> list[QuestionResult]:
    """Facility, discrimination and the most common wrong answers, per question."""
    scores = _first_attempt_scores(assignment)
    results = []
    for question in active_questions(assignment.question_set):
        answered = [
            (reviews[question.id], sum(r.score for qid, r in reviews.items() if qid != question.id))
            for reviews in scores.values()
            if question.id in reviews
        ]
        wrong = Counter(review.given_display for review, _rest in answered if not review.correct)
        results.append(
            QuestionResult(
                question=question,
                respondents=len(answered),
                facility=(
                    sum(review.correct for review, _ in answered) / len(answered)
                    if answered
                    else None
                ),
                discrimination=item_rest_correlation(
                    [(review.score, rest) for review, rest in answered]
                ),
                common_wrong=wrong.most_common(COMMON_WRONG),
            )
        )
    return results


def class_retention(
    school_class: SchoolClass, now: datetime, weeks: int = 12
) -> list[tuple[date, float | None, int]]:
    """Per week, the share of the class's reviews of assigned questions rated Hard or
    better: how much of the assigned material the learners still recall.

    Every review counts, in the daily quiz as in assignments, by the class's current
    learners, of any question of a set assigned to the class; weeks start at Monday
    midnight in the class's time zone.

    Returns:
        ``(monday, share or None when there were no reviews, count)`` per week, oldest
        first.
    """
    first, since = week_window(now, weeks, school_class.timezone)
    assigned = (
        select(QuestionSetItem.question_id)
        .join(Assignment, Assignment.set_id == QuestionSetItem.set_id)
        .where(Assignment.class_id == school_class.id)
    )
    members = [learner.id for learner in roster(school_class)]
    rows = db.session.execute(
        select(Review.reviewed_at, Review.rating).where(
            Review.user_id.in_(members),
            Review.question_id.in_(assigned),
            Review.reviewed_at >= since,
        )
    ).all()
    return recall_by_week(rows, first, weeks, school_class.timezone)


def class_retention_chart(school_class: SchoolClass, now: datetime) -> Markup:
    return charts.retention_chart(
        class_retention(school_class, now),
        chart_id="chart-class-retention",
        title="Assigned material recalled per week",
    )


def spreadsheet_safe(value: object) -> str:
    """The value as a CSV cell that a spreadsheet will not run as a formula (the
    exports' rule: a leading apostrophe before ``=``, ``+``, ``-``, ``@``, tab, CR)."""
    return safe_text("" if value is None else str(value))


def grades_csv(assignment: Assignment, now: datetime) -> str:
    """The assignment's grades, one row per learner of the class.

    Columns: name, email, attempts, final grade (percent: the teacher's override, else
    the computed grade), computed grade (percent, by the assignment's grading method),
    overridden (yes/no), the override's comment, re-graded attempts ("attempt 1: 60 ->
    80", after a corrected answer key), submitted (yes/no), submitted at (the
    last counted attempt; UTC, ISO 8601), late (yes/no). Every cell goes through
    :func:`spreadsheet_safe`.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "name",
            "email",
            "attempts",
            "final grade %",
            "computed grade %",
            "overridden",
            "comment",
            "re-graded",
            "submitted",
            "submitted at",
            "late",
        ]
    )
    for learner, status in assignment_grades(assignment, now):
        counted = status.counted
        submitted_at = counted[-1].submitted_at if counted else None
        override = status.override
        writer.writerow(
            spreadsheet_safe(cell)
            for cell in (
                learner.display_name,
                learner.email,
                len(status.attempts),
                percent(status.final_grade),
                percent(status.grade),
                "yes" if override is not None else "no",
                override.comment if override is not None else "",
                _regraded(status),
                "yes" if counted else "no",
                submitted_at.isoformat(timespec="seconds") if submitted_at else "",
                "yes" if status.late else "no",
            )
        )
    return buffer.getvalue()


def _regraded(status: AssignmentStatus) -> str:
    """The re-graded attempts, "attempt 1: 60 -> 80", for the grades CSV."""
    notes = []
    for attempt in status.attempts:
        change = attempt_regraded(attempt)
        if change is not None and change[0] is not None:
            notes.append(f"attempt {attempt.number}: {percent(change[0])} -> {percent(change[1])}")
    return "; ".join(notes)


def percent(grade: float | None) -> str:
    """A grade as the CSVs write it: "85" (percent, rounded), "" for none."""
    return "" if grade is None else f"{grade * 100:.0f}"

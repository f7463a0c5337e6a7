"""What a learner sees of their assignment answers, and which attempts make the grade.

Moodle's review options, per assignment: the score (with the feedback and the rating),
the right answer, and the passage each have a moment from which the learner sees them
for an answer they gave:

- ``answer``: immediately after each answer, during the attempt;
- ``attempt``: once the attempt is submitted;
- ``due``: once the attempt is submitted and the due date has passed;
- ``never``.

The default shows the score after the attempt and the right answer and the passage
after the due date: during an open assignment with attempts left a learner learns how
they did, not what to write next time (nor what to tell a classmate who has not
submitted yet). The teacher always sees everything. The daily quiz has no options: the
passage after each answer is how it teaches.

The grading method says which submitted attempts make the grade: the best, the last,
the first, or the average of all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from quizapp.models import Assignment, AssignmentAttempt

__all__ = [
    "GRADING_METHODS",
    "MOMENTS",
    "Shown",
    "computed_grade",
    "grade_attempts",
    "shown",
]

# Each moment's value and how the teacher's form names it.
MOMENTS = {
    "answer": "immediately after each answer",
    "attempt": "after the attempt",
    "due": "after the due date",
    "never": "never",
}
GRADING_METHODS = {
    "best": "best attempt",
    "last": "last attempt",
    "first": "first attempt",
    "average": "average of the attempts",
}


@dataclass(frozen=True)
class Shown:
    """What the learner sees of the answers of one attempt now."""

    score: bool
    answer: bool
    passage: bool

    @property
    def anything(self) -> bool:
        return self.score or self.answer or self.passage


def _reached(moment: str, attempt: AssignmentAttempt, due_at: datetime, now: datetime) -> bool:
    if moment == "answer":
        return True
    if moment == "attempt":
        return attempt.submitted_at is not None
    if moment == "due":
        return attempt.submitted_at is not None and now > due_at
    return False


def shown(assignment: Assignment, attempt: AssignmentAttempt, now: datetime) -> Shown:
    """What ``attempt``'s learner sees of its answers at ``now``, under the assignment's
    review options."""
    due_at = assignment.due_at
    return Shown(
        score=_reached(assignment.show_score, attempt, due_at, now),
        answer=_reached(assignment.show_answer, attempt, due_at, now),
        passage=_reached(assignment.show_passage, attempt, due_at, now),
    )


def grade_attempts(method: str, submitted: Sequence[AssignmentAttempt]) -> list[AssignmentAttempt]:
    """The submitted attempts that make the grade under ``method``: one (the best, the
    last or the first), or every one for the average; none before a submission."""
    if not submitted:
        return []
    by_number = sorted(submitted, key=lambda attempt: attempt.number)
    if method == "average":
        return by_number
    if method == "last":
        return [by_number[-1]]
    if method == "first":
        return [by_number[0]]
    # The best; of equal scores the earliest.
    return [max(by_number, key=lambda attempt: (attempt.score or 0.0, -attempt.number))]


def computed_grade(method: str, submitted: Sequence[AssignmentAttempt]) -> float | None:
    """The grade (0 to 1) the attempts earn under ``method``; None before a submission."""
    counted = grade_attempts(method, submitted)
    if not counted:
        return None
    return sum(attempt.score or 0.0 for attempt in counted) / len(counted)

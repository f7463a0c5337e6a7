"""Re-grading the assignment answers of a question whose answer key was corrected.

A corrected key (:func:`quizapp.teaching.curation.correct_key`) grades the answers given
from then on. The answers already given in assignments keep the grade they got until a
curator of the question asks for them to be re-graded: each is graded again, with the
same grading (:func:`quizapp.learning.answering.grade_again`) and as its assignment
asks the question (the set's teacher's own version, if any), against the learner's
answer as stored. An answer whose score or
right answer changes gets an :class:`~quizapp.models.AnswerRegrade` row with the score
and right answer before and after, and its attempt's score before and after; the
review then holds the new grade, and a submitted attempt's score is the mean of its
answers again. The learner's answer history and the teacher's grades show both.

Only assignment answers are re-graded: they are grades. A daily-quiz review is the
learner's schedule (its rating has already moved their card), which a key correction
does not rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.learning.answering import grade_again
from quizapp.learning.scoring import Grade
from quizapp.models import AnswerRegrade, AssignmentAnswer, AssignmentAttempt, Question, User
from quizapp.sources.audience import is_curator
from quizapp.teaching.curation import EditNotAllowedError

__all__ = ["Regrading", "attempt_regraded", "pending_regrades", "regrade_question"]


@dataclass(frozen=True)
class Regrading:
    """An assignment answer whose grade the question's key now changes."""

    answer: AssignmentAnswer
    grade: Grade

    @property
    def score_changes(self) -> bool:
        return self.grade.score != self.answer.review.score


def pending_regrades(question: Question) -> list[Regrading]:
    """The assignment answers to ``question`` that its key (as each assignment asks it)
    would grade otherwise than they were graded: another score or right answer."""
    answers = db.session.scalars(
        select(AssignmentAnswer)
        .where(AssignmentAnswer.question_id == question.id)
        .order_by(AssignmentAnswer.id)
    ).all()
    pending = []
    for answer in answers:
        review = answer.review
        grade = grade_again(answer)
        if grade.score != review.score or grade.expected_display != review.expected_display:
            pending.append(Regrading(answer, grade))
    return pending


def _attempt_score(attempt: AssignmentAttempt) -> float:
    scores = [answer.review.score for answer in attempt.answers]
    return sum(scores) / len(scores) if scores else 0.0


def regrade_question(question: Question, user: User, *, now: datetime) -> list[AnswerRegrade]:
    """Re-grade the assignment answers to ``question`` that its key grades otherwise,
    keeping each old and new grade (the caller commits).

    Returns:
        The re-grades recorded, one per answer that changed.

    Raises:
        EditNotAllowedError: ``user`` does not curate the question's source.
    """
    if not is_curator(user, question.source):
        raise EditNotAllowedError(
            f"question {question.id}: only its document's owner or an administrator re-grades"
        )
    recorded = []
    for pending in pending_regrades(question):
        answer, grade = pending.answer, pending.grade
        review, attempt = answer.review, answer.attempt
        before = attempt.score
        regrade = AnswerRegrade(
            answer_id=answer.id,
            old_score=review.score,
            new_score=grade.score,
            old_expected=review.expected_display,
            new_expected=grade.expected_display[:1000],
            attempt_score_before=before,
            regraded_by=user.id,
            regraded_at=now,
        )
        review.score = grade.score
        review.correct = grade.correct
        review.expected_display = grade.expected_display[:1000]
        review.given_display = grade.given_display[:500]
        review.feedback = grade.feedback[:500]
        if attempt.submitted_at is not None:
            attempt.score = _attempt_score(attempt)
            regrade.attempt_score_after = attempt.score
        db.session.add(regrade)
        recorded.append(regrade)
    db.session.flush()
    return recorded


def attempt_regraded(attempt: AssignmentAttempt) -> tuple[float | None, float | None] | None:
    """The attempt's score before its first re-grade and after its last, or None when
    none of its answers was re-graded (both None while the attempt was unfinished)."""
    regrades = sorted(
        (regrade for answer in attempt.answers for regrade in answer.regrades),
        key=lambda regrade: regrade.id,
    )
    if not regrades:
        return None
    return regrades[0].attempt_score_before, regrades[-1].attempt_score_after

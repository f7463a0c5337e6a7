"""Assignments: a question set given to a class, answered in attempts.

Rules:

- An assignment opens at ``opens_at``; before that it is listed but cannot be started.
- An *attempt* is one pass through the set's questions (retired ones left out), in the
  set's order. A learner has at most one unfinished attempt; a new attempt can start
  when the previous one is finished and fewer than ``max_attempts`` were started
  (0 = no limit).
- An attempt is submitted when its last question is answered. Its score is the mean
  score of its answers. Work submitted after ``due_at`` is accepted and marked late.
- The assignment's grade comes from the submitted attempts its grading method counts
  (best, last, first or the average; :mod:`quizapp.teaching.review`), and the learner
  sees scores, right answers and passages when its review options say so.
- Every answer goes through the one answer function,
  :func:`quizapp.learning.answering.answer_question`: graded like a daily-quiz answer
  (against the set's teacher's own version of the question, if any), it creates or
  reviews the learner's FSRS card for the question, so assigned questions keep coming
  back in the daily quiz until they are remembered, and is linked to the attempt here
  (:func:`link_answer`). The card version in the form makes a second submission of the
  same answer find the first one instead of recording another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.models import (
    Assignment,
    AssignmentAnswer,
    AssignmentAttempt,
    Card,
    ClassMember,
    GradeOverride,
    Question,
    QuestionSet,
    Review,
    SchoolClass,
    User,
)
from quizapp.teaching import review
from quizapp.teaching.question_sets import active_questions

__all__ = [
    "AssignmentError",
    "AssignmentStatus",
    "answer_for_review",
    "answer_given",
    "assignment_status",
    "attempt_progress",
    "attempts_of",
    "card_version",
    "check_question",
    "create_assignment",
    "learner_assignment",
    "learner_assignments",
    "link_answer",
    "next_question",
    "override_for",
    "settle_attempt",
    "start_attempt",
]


class AssignmentError(ValueError):
    """The learner cannot do this now; the message says why, in the learner's words."""


@dataclass(frozen=True)
class AssignmentStatus:
    """Where one learner stands on one assignment."""

    assignment: Assignment
    attempts: list[AssignmentAttempt]
    questions: int
    now: datetime
    override: GradeOverride | None = None

    @property
    def is_open(self) -> bool:
        return self.assignment.opens_at <= self.now

    @property
    def overdue(self) -> bool:
        return self.now > self.assignment.due_at

    @property
    def current(self) -> AssignmentAttempt | None:
        return next((a for a in self.attempts if a.submitted_at is None), None)

    @property
    def submitted(self) -> list[AssignmentAttempt]:
        return [attempt for attempt in self.attempts if attempt.submitted_at is not None]

    @property
    def best(self) -> AssignmentAttempt | None:
        return max(self.submitted, key=lambda a: (a.score or 0.0, -a.number), default=None)

    @property
    def counted(self) -> list[AssignmentAttempt]:
        """The submitted attempts the grading method counts."""
        return review.grade_attempts(self.assignment.grading, self.submitted)

    @property
    def grade(self) -> float | None:
        """The grade the attempts earn (0 to 1), None before a submission."""
        return review.computed_grade(self.assignment.grading, self.submitted)

    @property
    def final_grade(self) -> float | None:
        """The teacher's grade when they set one, else the computed grade."""
        return self.override.score if self.override is not None else self.grade

    @property
    def late(self) -> bool:
        """Whether an attempt that makes the grade was submitted after the due date."""
        return any(attempt.late for attempt in self.counted)

    def shown(self, attempt: AssignmentAttempt) -> review.Shown:
        """What the learner sees of ``attempt``'s answers now."""
        return review.shown(self.assignment, attempt, self.now)

    @property
    def grade_shown(self) -> bool:
        """Whether the learner sees their grade: the score of the attempts it counts."""
        return bool(self.counted) and all(self.shown(a).score for a in self.counted)

    @property
    def done(self) -> bool:
        return bool(self.submitted)

    @property
    def attempts_left(self) -> int | None:
        """None when there is no limit."""
        limit = self.assignment.max_attempts
        return None if limit == 0 else max(0, limit - len(self.attempts))

    @property
    def can_start(self) -> bool:
        return (
            self.is_open and self.current is None and self.questions > 0 and self.attempts_left != 0
        )


def create_assignment(
    school_class: SchoolClass,
    question_set: QuestionSet,
    *,
    opens_at: datetime,
    due_at: datetime,
    max_attempts: int,
    now: datetime,
    show_score: str = "attempt",
    show_answer: str = "due",
    show_passage: str = "due",
    grading: str = "best",
) -> Assignment:
    """Assign a set to a class (the caller commits).

    ``show_score``, ``show_answer`` and ``show_passage`` are moments of
    :data:`quizapp.teaching.review.MOMENTS`; ``grading`` a method of
    :data:`~quizapp.teaching.review.GRADING_METHODS`.

    Raises:
        ValueError: the due date is not after the open date, the attempts limit is
            negative, or a review option or the grading method is unknown.
    """
    if due_at <= opens_at:
        raise ValueError("the due date must come after the open date")
    if max_attempts < 0:
        raise ValueError("the attempts limit cannot be negative")
    if any(moment not in review.MOMENTS for moment in (show_score, show_answer, show_passage)):
        raise ValueError(f"a review option is one of {', '.join(review.MOMENTS)}")
    if grading not in review.GRADING_METHODS:
        raise ValueError(f"the grading method is one of {', '.join(review.GRADING_METHODS)}")
    assignment = Assignment(
        class_id=school_class.id,
        set_id=question_set.id,
        opens_at=opens_at,
        due_at=due_at,
        max_attempts=max_attempts,
        show_score=show_score,
        show_answer=show_answer,
        show_passage=show_passage,
        grading=grading,
        created_at=now,
    )
    db.session.add(assignment)
    db.session.flush()
    return assignment


def attempts_of(assignment: Assignment, user: User) -> list[AssignmentAttempt]:
    return list(
        db.session.scalars(
            select(AssignmentAttempt)
            .where(
                AssignmentAttempt.assignment_id == assignment.id,
                AssignmentAttempt.user_id == user.id,
            )
            .order_by(AssignmentAttempt.number)
        )
    )


def assignment_status(assignment: Assignment, user: User, now: datetime) -> AssignmentStatus:
    return AssignmentStatus(
        assignment,
        attempts_of(assignment, user),
        len(active_questions(assignment.question_set)),
        now,
        override_for(assignment, user),
    )


def override_for(assignment: Assignment, user: User) -> GradeOverride | None:
    """The teacher's grade for ``user`` on ``assignment``, if they set one."""
    return db.session.scalars(
        select(GradeOverride).where(
            GradeOverride.assignment_id == assignment.id, GradeOverride.user_id == user.id
        )
    ).first()


def learner_assignment(assignment_id: int, user: User) -> Assignment | None:
    """The assignment when ``user`` is in its class, else None."""
    return db.session.scalars(
        select(Assignment)
        .join(ClassMember, ClassMember.class_id == Assignment.class_id)
        .where(Assignment.id == assignment_id, ClassMember.user_id == user.id)
    ).first()


def learner_assignments(user: User, now: datetime) -> list[AssignmentStatus]:
    """The assignments of every class ``user`` is in: unfinished ones first, due soonest
    first, then finished ones."""
    assignments = db.session.scalars(
        select(Assignment)
        .join(ClassMember, ClassMember.class_id == Assignment.class_id)
        .where(ClassMember.user_id == user.id)
        .order_by(Assignment.due_at, Assignment.id)
    ).all()
    statuses = [assignment_status(assignment, user, now) for assignment in assignments]
    return sorted(statuses, key=lambda status: status.done)


def start_attempt(assignment: Assignment, user: User, *, now: datetime) -> AssignmentAttempt:
    """Start the learner's next attempt, or return the unfinished one.

    Raises:
        AssignmentError: not open yet, no questions, or no attempts left.
    """
    status = assignment_status(assignment, user, now)
    if status.current is not None:
        return status.current
    if not status.is_open:
        raise AssignmentError("This assignment is not open yet.")
    if status.questions == 0:
        raise AssignmentError("This assignment has no questions.")
    if status.attempts_left == 0:
        raise AssignmentError("You have used every attempt of this assignment.")
    attempt = AssignmentAttempt(
        assignment_id=assignment.id,
        user_id=user.id,
        number=len(status.attempts) + 1,
        started_at=now,
        late=False,
    )
    try:
        with db.session.begin_nested():
            db.session.add(attempt)
            db.session.flush()
    except IntegrityError:
        # Two starts raced; the other one made the attempt.
        current = assignment_status(assignment, user, now).current
        if current is None:
            raise
        return current
    return attempt


def _answered_ids(attempt: AssignmentAttempt) -> set[int]:
    return set(
        db.session.scalars(
            select(AssignmentAnswer.question_id).where(AssignmentAnswer.attempt_id == attempt.id)
        )
    )


def next_question(attempt: AssignmentAttempt) -> Question | None:
    """The attempt's first unanswered question, or None when all are answered."""
    answered = _answered_ids(attempt)
    return next(
        (q for q in active_questions(attempt.assignment.question_set) if q.id not in answered),
        None,
    )


def attempt_progress(attempt: AssignmentAttempt) -> tuple[int, int]:
    """Questions answered in the attempt, and questions in the set."""
    questions = {q.id for q in active_questions(attempt.assignment.question_set)}
    return len(_answered_ids(attempt) & questions), len(questions)


def card_version(user: User, question: Question) -> int:
    """The version of the learner's card for ``question``'s fact (0 when there is none
    yet), to put in the answer form."""
    reps = db.session.scalar(
        select(Card.reps).where(Card.user_id == user.id, Card.fact == question.fact)
    )
    return int(reps or 0)


def check_question(attempt: AssignmentAttempt, question: Question) -> None:
    """Check that ``question`` is asked in ``attempt``: a live question of its set.

    Raises:
        AssignmentError: it is not (any more) part of the assignment.
    """
    if question.id not in {q.id for q in active_questions(attempt.assignment.question_set)}:
        raise AssignmentError("This question is not part of the assignment.")


def answer_given(attempt: AssignmentAttempt, question: Question) -> AssignmentAnswer | None:
    """The answer already given to ``question`` in ``attempt``, if any."""
    return db.session.scalars(
        select(AssignmentAnswer).where(
            AssignmentAnswer.attempt_id == attempt.id,
            AssignmentAnswer.question_id == question.id,
        )
    ).first()


def answer_for_review(review: Review) -> AssignmentAnswer | None:
    """The assignment answer that recorded ``review`` (None for a daily-quiz review)."""
    return db.session.scalars(
        select(AssignmentAnswer).where(AssignmentAnswer.review_id == review.id)
    ).first()


def link_answer(
    attempt: AssignmentAttempt, question: Question, review: Review, *, now: datetime
) -> AssignmentAnswer:
    """Make ``review`` the attempt's answer to ``question``, and submit the attempt when
    that was its last question.

    Raises:
        AssignmentError: the attempt is already submitted.
    """
    if attempt.submitted_at is not None:
        raise AssignmentError("This attempt is already submitted.")
    answer = AssignmentAnswer(
        attempt_id=attempt.id, question_id=question.id, review_id=review.id, answered_at=now
    )
    db.session.add(answer)
    db.session.flush()
    _submit_when_complete(attempt, now)
    return answer


def settle_attempt(attempt: AssignmentAttempt, *, now: datetime) -> bool:
    """Submit an unfinished attempt whose remaining questions were all retired since.

    Returns:
        Whether the attempt is (now) submitted.
    """
    if attempt.submitted_at is None and next_question(attempt) is None:
        _submit_when_complete(attempt, now)
    return attempt.submitted_at is not None


def _submit_when_complete(attempt: AssignmentAttempt, now: datetime) -> None:
    questions = active_questions(attempt.assignment.question_set)
    answers = db.session.scalars(
        select(AssignmentAnswer).where(AssignmentAnswer.attempt_id == attempt.id)
    ).all()
    answered = {answer.question_id: answer for answer in answers}
    if any(question.id not in answered for question in questions):
        return
    scores = [answered[question.id].review.score for question in questions]
    attempt.submitted_at = now
    attempt.score = sum(scores) / len(scores) if scores else 0.0
    attempt.late = now > attempt.assignment.due_at

"""The one answer function: the daily quiz, an assignment and the API grade and record
an answer through :func:`answer_question`.

In order:

1. **The rule.** The question is looked up as ``user`` is asked it
   (:func:`asked_question`): in the daily quiz and through the API, a question they may
   be asked (:func:`quizapp.sources.audience.may_be_asked`); in an attempt, a live
   question of its assignment's set. Any other question is "not asked"
   (:class:`QuestionNotAskedError`), whatever the reason, so neither its prompt nor its
   answer leaks. A learner taken out of the assignment's class answers nothing more in
   an attempt they started before.
2. **The version.** In an assignment the question reads as the set's teacher wrote it
   (their own version, :func:`quizapp.teaching.curation.asked_in_set`); elsewhere as its
   curators left it.
3. **Grading**, date-aware (:func:`quizapp.learning.scoring.grade_answer`); an order
   question is answered with its item indices, earliest first ("2,0,1").
4. **The attempt's rules**: a question answered once per attempt, no answer after the
   attempt is submitted, the attempt submitted with its last answer.
5. **Recording once**: the learner's FSRS card is reviewed at the version the question
   was shown at (:func:`quizapp.learning.scheduling.record_answer`); a second submission
   of the same form finds the review the first one recorded (``duplicate``).

The caller commits a new answer (nothing is left to commit after a duplicate).

:func:`grade_again` grades an assignment answer already recorded once more, by the same
rules (its assignment's version of the question, the learner's date order), for a
re-grade after its key was corrected (:mod:`quizapp.teaching.regrading`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fsrs import Scheduler

from quizapp.learning.scheduling import (
    DuplicateAnswer,
    StaleAnswerError,
    question_and_card,
    record_answer,
)
from quizapp.learning.scoring import (
    AnswerTooLongError,
    Grade,
    UnreadableAnswerError,
    grade_answer,
)
from quizapp.models import AssignmentAnswer, AssignmentAttempt, Card, Review, User
from quizapp.sources.audience import fact_withheld, may_be_asked
from quizapp.teaching import assignments
from quizapp.teaching.curation import AskedQuestion, as_asked, asked_in_set

__all__ = [
    "AnswerOutcome",
    "InvalidAnswerError",
    "QuestionNotAskedError",
    "answer_question",
    "asked_for_review",
    "asked_question",
    "grade_again",
]


class QuestionNotAskedError(LookupError):
    """No such question is asked to this user here: it does not exist, is not live, or
    is not theirs to be asked."""


class InvalidAnswerError(ValueError):
    """The answer cannot be graded as given (too long, empty, not read as a date, or not
    an order of the items): nothing is recorded, and the question is asked again.

    Attributes:
        question: the question as asked, to show again with the message.
        order_items: for an order question, how many items it orders.
    """

    def __init__(self, message: str, question: AskedQuestion, *, order_items: int | None = None):
        super().__init__(message)
        self.question = question
        self.order_items = order_items


@dataclass(frozen=True)
class AnswerOutcome:
    """What answering did.

    Attributes:
        review: the review recorded, or the one already recorded for this submission.
        question: the question as it was asked.
        duplicate: the same answer had been recorded before; nothing new was written.
        attempt: the attempt the answer belongs to (None in the daily quiz).
    """

    review: Review
    question: AskedQuestion
    duplicate: bool
    attempt: AssignmentAttempt | None = None


def asked_question(
    user: User, question_id: int, *, now: datetime, attempt: AssignmentAttempt | None = None
) -> tuple[AskedQuestion, Card | None]:
    """The question as ``user`` is asked it, and their card for it.

    Args:
        user: the learner.
        question_id: the question's id, as the form or the request gave it.
        now: the time of the request: outside an attempt, a fact an assignment of the
            learner's still keeps the answer of is not asked
            (:func:`quizapp.sources.audience.fact_withheld`).
        attempt: the learner's attempt the question is answered in; None for the daily
            quiz and the API.

    Raises:
        QuestionNotAskedError: ``user`` is not asked this question (or the attempt is
            not theirs).
        quizapp.teaching.assignments.AssignmentError: the learner left the assignment's
            class, or the question is not (any more) part of the attempt's assignment.
    """
    found = question_and_card(user, question_id)
    if found is None or (attempt is not None and attempt.user_id != user.id):
        raise QuestionNotAskedError(f"question {question_id} is not asked to user {user.id}")
    if attempt is not None:
        if assignments.learner_assignment(attempt.assignment_id, user) is None:
            raise assignments.AssignmentError("You are no longer in this assignment's class.")
        assignments.check_question(attempt, found.question)
        return asked_in_set(found.question, attempt.assignment.question_set), found.card
    if not may_be_asked(
        user, found.question, audience=found.audience, owner_id=found.owner_id
    ) or fact_withheld(user, found.question.fact, now):
        raise QuestionNotAskedError(f"question {question_id} is not asked to user {user.id}")
    return as_asked(found.question), found.card


def _order_answer(question: AskedQuestion, given: str) -> str:
    count = len(question.items)
    parts = [part.strip() for part in given.split(",")]
    if sorted(parts) != sorted(str(index) for index in range(count)):
        raise InvalidAnswerError(
            f"Give each of the {count} events a different place, earliest first.",
            question,
            order_items=count,
        )
    return ",".join(parts)


def answer_question(
    user: User,
    question_id: int,
    given: str,
    *,
    card_version: int,
    duration_ms: int | None,
    scheduler: Scheduler,
    now: datetime,
    attempt: AssignmentAttempt | None = None,
) -> AnswerOutcome:
    """Grade and record ``user``'s answer to a question, once.

    Args:
        user: the learner.
        question_id: the question answered.
        given: the answer as typed (stripped); for an order question the item indices in
            the learner's order, earliest first, separated by commas.
        card_version: the card's version when the question was shown (0 for a new one).
        duration_ms: time taken, or None.
        scheduler: the learner's FSRS scheduler.
        now: the time of the answer.
        attempt: the learner's assignment attempt, or None for the daily quiz and the API.

    Returns:
        The outcome: the review (new, or the one already recorded) and the question as
        asked.

    Raises:
        QuestionNotAskedError: the user is not asked this question.
        InvalidAnswerError: the answer is too long, or not an order of the items.
        quizapp.teaching.assignments.AssignmentError: the learner left the attempt's
            class, the question is not part of the attempt, or the attempt is already
            submitted.
        StaleAnswerError: the card was reviewed since the question was shown, and not by
            this same submission.
    """
    asked, card = asked_question(user, question_id, now=now, attempt=attempt)
    if asked.kind == "order":
        given = _order_answer(asked, given)
    try:
        grade = grade_answer(asked, given, day_first=user.day_first, duration_ms=duration_ms)
    except (AnswerTooLongError, UnreadableAnswerError) as error:
        raise InvalidAnswerError(str(error), asked) from error
    if attempt is not None:
        existing = assignments.answer_given(attempt, asked.question)
        if existing is not None:
            return AnswerOutcome(existing.review, asked, duplicate=True, attempt=attempt)
        if attempt.submitted_at is not None:
            raise assignments.AssignmentError("This attempt is already submitted.")
    outcome = record_answer(
        user,
        asked.question,
        grade,
        given=given,
        card_version=card_version,
        duration_ms=duration_ms,
        scheduler=scheduler,
        now=now,
        card=card,
    )
    if isinstance(outcome, DuplicateAnswer):
        if attempt is not None:
            linked = assignments.answer_for_review(outcome.review)
            if linked is None or linked.attempt_id != attempt.id:
                # That version of the card was answered elsewhere, not in this attempt.
                raise StaleAnswerError("the card was reviewed outside this attempt")
        return AnswerOutcome(outcome.review, asked, duplicate=True, attempt=attempt)
    if attempt is not None:
        assignments.link_answer(attempt, asked.question, outcome, now=now)
    return AnswerOutcome(outcome, asked, duplicate=False, attempt=attempt)


def asked_for_review(review: Review) -> AskedQuestion:
    """The question of ``review`` as it was asked: in an assignment with the set's
    teacher's own version, else as its curators left it."""
    question = review.question
    linked = assignments.answer_for_review(review)
    if linked is None:
        return as_asked(question)
    return asked_in_set(question, linked.attempt.assignment.question_set)


def grade_again(answer: AssignmentAnswer) -> Grade:
    """``answer`` graded as its assignment asks the question now (its key may have been
    corrected since), against the answer as the learner gave it."""
    review = answer.review
    asked = asked_in_set(answer.question, answer.attempt.assignment.question_set)
    return grade_answer(
        asked,
        review.given_answer,
        day_first=answer.attempt.user.day_first,
        duration_ms=review.duration_ms,
    )

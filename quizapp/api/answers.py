"""``POST /answers``: grade and record an answer, once per card version."""

from __future__ import annotations

from flask import current_app, jsonify
from werkzeug.wrappers import Response

from quizapp.api.blueprint import ApiError, _field, _json_body, _user, bp
from quizapp.api.reviews import review_json
from quizapp.extensions import db
from quizapp.learning.scheduling import (
    DuplicateAnswer,
    StaleAnswerError,
    record_answer,
    scheduler_for,
)
from quizapp.learning.scoring import (
    MAX_ANSWER_LENGTH,
    MAX_DURATION_MS,
    AnswerTooLongError,
    grade_answer,
)
from quizapp.models import MAX_ID, Question, utcnow


def _order_answer(question: Question, given: str) -> str:
    count = len(question.items)
    parts = [part.strip() for part in given.split(",")]
    if sorted(parts) != sorted(str(index) for index in range(count)):
        raise ApiError(
            400,
            f"For an order question, answer with the item indices 0-{count - 1}, earliest "
            "first, separated by commas (for example '2,0,1').",
        )
    return ",".join(parts)


@bp.route("/answers", methods=["POST"])
def answer() -> tuple[Response, int]:
    """Answer a question: 201 with the new review, 200 with the review already recorded
    for this card version (a retry), 409 when the card has moved on."""
    user, now = _user(), utcnow()
    body = _json_body()
    question_id = _field(body, "question_id", int)
    card_version = _field(body, "card_version", int)
    given = _field(body, "answer", str).strip()
    duration = _field(body, "duration_ms", int, required=False)
    if not 1 <= question_id <= MAX_ID:
        raise ApiError(400, f"'question_id' must be from 1 to {MAX_ID}.")
    if not 0 <= card_version <= MAX_ID:
        raise ApiError(400, f"'card_version' must be from 0 to {MAX_ID}.")
    if duration is not None and not 0 <= duration <= MAX_DURATION_MS:
        raise ApiError(400, f"'duration_ms' must be from 0 to {MAX_DURATION_MS}.")
    if len(given) > MAX_ANSWER_LENGTH:
        raise ApiError(400, f"Answers are limited to {MAX_ANSWER_LENGTH} characters.")
    question = db.session.get(Question, question_id)
    if question is None or question.retired:
        raise ApiError(404, f"No question {question_id} is asked.")
    if question.kind == "order":
        given = _order_answer(question, given)
    try:
        grade = grade_answer(question, given, day_first=user.day_first, duration_ms=duration)
        outcome = record_answer(
            user,
            question,
            grade,
            given=given,
            card_version=card_version,
            duration_ms=duration,
            scheduler=scheduler_for(user, enable_fuzzing=current_app.config["FSRS_FUZZING"]),
            now=now,
        )
    except AnswerTooLongError as error:
        raise ApiError(400, str(error)) from error
    except StaleAnswerError as error:
        db.session.rollback()
        raise ApiError(
            409, "The card was reviewed since this version; fetch the queue again."
        ) from error
    if isinstance(outcome, DuplicateAnswer):
        body_json = review_json(outcome.review)
        db.session.rollback()
        return jsonify(body_json), 200
    db.session.commit()
    return jsonify(review_json(outcome)), 201

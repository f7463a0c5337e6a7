"""``POST /answers``: grade and record an answer, once per card version."""

from __future__ import annotations

from flask import current_app, jsonify
from werkzeug.wrappers import Response

from quizapp.api.blueprint import ApiError, _field, _json_body, _user, bp
from quizapp.api.reviews import review_json
from quizapp.extensions import db
from quizapp.learning import answering
from quizapp.learning.scheduling import StaleAnswerError, scheduler_for
from quizapp.learning.scoring import MAX_ANSWER_LENGTH, MAX_DURATION_MS
from quizapp.models import MAX_ID, utcnow


@bp.route("/answers", methods=["POST"])
def answer() -> tuple[Response, int]:
    """Answer a question: 201 with the new review, 200 with the review already recorded
    for this card version (a retry), 409 when the card has moved on, 404 for a question
    the user is not asked."""
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
    try:
        outcome = answering.answer_question(
            user,
            question_id,
            given,
            card_version=card_version,
            duration_ms=duration,
            scheduler=scheduler_for(user, enable_fuzzing=current_app.config["FSRS_FUZZING"]),
            now=now,
        )
    except answering.QuestionNotAskedError as error:
        raise ApiError(404, f"No question {question_id} is asked.") from error
    except answering.InvalidAnswerError as error:
        if error.order_items is None:
            raise ApiError(400, str(error)) from error
        raise ApiError(
            400,
            f"For an order question, answer with the item indices 0-{error.order_items - 1}, "
            "earliest first, separated by commas (for example '2,0,1').",
        ) from error
    except StaleAnswerError as error:
        db.session.rollback()
        raise ApiError(
            409, "The card was reviewed since this version; fetch the queue again."
        ) from error
    if outcome.duplicate:
        body_json = review_json(outcome.review)
        db.session.rollback()
        return jsonify(body_json), 200
    db.session.commit()
    return jsonify(review_json(outcome.review)), 201

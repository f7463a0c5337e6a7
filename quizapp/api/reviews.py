"""``GET /reviews``: the user's recorded answers."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from sqlalchemy import select
from werkzeug.wrappers import Response

from quizapp.api.blueprint import ApiError, _paginate_query, _time, _user, bp
from quizapp.extensions import db
from quizapp.models import Review, utcnow
from quizapp.teaching import review as review_options
from quizapp.teaching.assignments import answer_for_review


def review_json(review: Review) -> dict[str, Any]:
    """The review; an assignment's answer without what its review options hide now (the
    score, feedback, rating and correctness, or the right answer: null)."""
    linked = answer_for_review(review)
    shown = (
        review_options.shown(linked.attempt.assignment, linked.attempt, utcnow())
        if linked
        else None
    )
    hide_score = shown is not None and not shown.score
    hide_answer = shown is not None and not shown.answer
    return {
        "id": review.id,
        "question_id": review.question_id,
        "card_version": review.card_version,
        "rating": None if hide_score else review.rating,
        "override": review.override,
        "score": None if hide_score else review.score,
        "correct": None if hide_score else review.correct,
        "given": review.given_answer,
        "expected": None if hide_answer else review.expected_display,
        "feedback": None if hide_score else review.feedback,
        "duration_ms": review.duration_ms,
        "reviewed_at": _time(review.reviewed_at),
    }


@bp.route("/reviews")
def reviews() -> Response:
    query = select(Review).where(Review.user_id == _user().id).order_by(Review.id.desc())
    return _paginate_query(query, review_json)


@bp.route("/reviews/<int:review_id>")
def review(review_id: int) -> Response:
    found = db.session.get(Review, review_id)
    if found is None or found.user_id != _user().id:
        raise ApiError(404, f"You have no review {review_id}.")
    return jsonify(review_json(found))

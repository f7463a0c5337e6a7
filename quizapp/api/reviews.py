"""``GET /reviews``: the user's recorded answers."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from sqlalchemy import select
from werkzeug.wrappers import Response

from quizapp.api.blueprint import ApiError, _paginate_query, _time, _user, bp
from quizapp.extensions import db
from quizapp.models import Review


def review_json(review: Review) -> dict[str, Any]:
    return {
        "id": review.id,
        "question_id": review.question_id,
        "card_version": review.card_version,
        "rating": review.rating,
        "override": review.override,
        "score": review.score,
        "correct": review.correct,
        "given": review.given_answer,
        "expected": review.expected_display,
        "feedback": review.feedback,
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

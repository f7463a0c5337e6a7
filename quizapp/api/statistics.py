"""``GET /stats``: the streak, today's results and the totals."""

from __future__ import annotations

from flask import jsonify
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from quizapp.api.blueprint import _user, bp
from quizapp.api.queue import _status_json
from quizapp.extensions import db
from quizapp.learning import stats
from quizapp.learning.scheduling import streak
from quizapp.models import Review, utcnow


@bp.route("/stats")
def statistics() -> Response:
    user, now = _user(), utcnow()
    totals = db.session.execute(
        select(func.count(Review.id), func.count(Review.id).filter(Review.correct.is_(True))).where(
            Review.user_id == user.id
        )
    ).one()
    today = stats.todays_results(user, now)
    return jsonify(
        streak=streak(user, now),
        today=_status_json(user, now),
        today_results={
            "answered": today.answered,
            "right": today.right,
            "partial": today.partial,
            "wrong": today.wrong,
        },
        reviews=int(totals[0]),
        correct=int(totals[1]),
    )

"""``GET /queue``: today's session counts and the next question."""

from __future__ import annotations

from datetime import datetime

from flask import jsonify
from werkzeug.wrappers import Response

from quizapp.api.blueprint import _user, bp
from quizapp.api.questions import question_json
from quizapp.learning.scheduling import next_item, session_status
from quizapp.models import User, utcnow


def _status_json(user: User, now: datetime) -> dict[str, int]:
    status = session_status(user, now)
    return {
        "done": status.done,
        "due": status.due,
        "new": status.new,
        "later": status.later,
        "remaining": status.remaining,
    }


@bp.route("/queue")
def queue() -> Response:
    """Today's session: the counts, and the next question with its card version."""
    user, now = _user(), utcnow()
    item = next_item(user, now)
    upcoming = None
    if item is not None:
        upcoming = question_json(item.question) | {
            "card_version": item.version,
            "new": item.card is None,
        }
    return jsonify(status=_status_json(user, now), next=upcoming)

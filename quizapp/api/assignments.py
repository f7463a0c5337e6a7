"""``GET /assignments``: the learner's assignments and their progress."""

from __future__ import annotations

from typing import Any

from werkzeug.wrappers import Response

from quizapp.api.blueprint import _page_args, _paginated, _time, _user, bp
from quizapp.models import utcnow
from quizapp.teaching import assignments


def _assignment_json(status: assignments.AssignmentStatus) -> dict[str, Any]:
    assignment = status.assignment
    return {
        "id": assignment.id,
        "class_id": assignment.class_id,
        "set_id": assignment.set_id,
        "set_name": assignment.question_set.name,
        "opens_at": _time(assignment.opens_at),
        "due_at": _time(assignment.due_at),
        "max_attempts": assignment.max_attempts,
        "questions": status.questions,
        "attempts": len(status.attempts),
        "done": status.done,
        # The grade (by the assignment's grading method), once the learner may see it.
        "best_score": status.grade if status.grade_shown else None,
    }


@bp.route("/assignments")
def assignment_list() -> Response:
    page, per_page = _page_args()
    statuses = assignments.learner_assignments(_user(), utcnow())
    start = (page - 1) * per_page
    items = [_assignment_json(status) for status in statuses[start : start + per_page]]
    return _paginated(items, len(statuses), page, per_page)

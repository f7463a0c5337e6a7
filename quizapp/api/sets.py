"""``GET /sets``: the user's own question sets and those assigned to their classes."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from sqlalchemy import or_, select
from werkzeug.wrappers import Response

from quizapp.api.blueprint import _found_or_404, _paginate_query, _user, bp
from quizapp.export import readable_set as readable_set_for
from quizapp.models import Assignment, ClassMember, QuestionSet, User


def _set_json(question_set: QuestionSet) -> dict[str, Any]:
    return {
        "id": question_set.id,
        "name": question_set.name,
        "description": question_set.description,
        "source_id": question_set.source_id,
        "owner_id": question_set.owner_id,
        "question_ids": [item.question_id for item in question_set.items],
    }


def _readable_sets(user: User) -> Any:
    assigned = (
        select(Assignment.set_id)
        .join(ClassMember, ClassMember.class_id == Assignment.class_id)
        .where(ClassMember.user_id == user.id)
    )
    return select(QuestionSet).where(
        or_(QuestionSet.owner_id == user.id, QuestionSet.id.in_(assigned))
    )


@bp.route("/sets")
def sets() -> Response:
    """The user's own sets and those assigned to a class the user is in."""
    query = _readable_sets(_user()).order_by(QuestionSet.name, QuestionSet.id)
    return _paginate_query(query, _set_json)


@bp.route("/sets/<int:set_id>")
def question_set(set_id: int) -> Response:
    found = _found_or_404(readable_set_for(set_id, _user()), f"You have no set {set_id}.")
    return jsonify(_set_json(found))

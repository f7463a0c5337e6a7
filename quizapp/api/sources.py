"""``GET /sources``: the documents, and each one's current questions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from werkzeug.wrappers import Response

from quizapp.api.blueprint import _found_or_404, _paginate_query, bp
from quizapp.api.questions import question_json
from quizapp.extensions import db
from quizapp.models import Question, Source


@bp.route("/sources")
def sources() -> Response:
    def serialise(source: Source) -> dict[str, Any]:
        return {"id": source.id, "title": source.title, "file": source.file}

    return _paginate_query(select(Source).order_by(Source.title, Source.id), serialise)


@bp.route("/sources/<int:source_id>/questions")
def source_question_list(source_id: int) -> Response:
    _found_or_404(db.session.get(Source, source_id), f"No source {source_id}.")
    query = (
        select(Question)
        .where(Question.source_id == source_id, Question.retired.is_(False))
        .order_by(Question.id)
    )
    return _paginate_query(query, question_json)

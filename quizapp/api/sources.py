"""``GET /sources``: the documents the user may read, and each one's current questions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from werkzeug.wrappers import Response

from quizapp.api.blueprint import _paginate_query, _readable_or_404, _user, bp
from quizapp.api.questions import question_json
from quizapp.models import Question, Source
from quizapp.sources.audience import may_see_source, visible_sources


def readable_source(source_id: int) -> Source:
    """The source, when the token's user may read it; 404 otherwise."""
    return _readable_or_404(Source, source_id, may_see_source, "source")


@bp.route("/sources")
def sources() -> Response:
    def serialise(source: Source) -> dict[str, Any]:
        return {"id": source.id, "title": source.title, "file": source.file}

    query = visible_sources(_user()).order_by(Source.title, Source.id)
    return _paginate_query(query, serialise)


@bp.route("/sources/<int:source_id>/questions")
def source_question_list(source_id: int) -> Response:
    readable_source(source_id)
    query = (
        select(Question)
        .where(Question.source_id == source_id, Question.retired.is_(False))
        .order_by(Question.id)
    )
    return _paginate_query(query, question_json)

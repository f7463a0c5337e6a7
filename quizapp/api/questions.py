"""``GET /questions/<id>``: a question as a learner sees it, and the passage it came
from; 404 for a question the user may not read (:mod:`quizapp.sources.audience`)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from werkzeug.wrappers import Response

from quizapp.api.blueprint import _readable_or_404, bp
from quizapp.models import Question
from quizapp.platform.addresses import external_url
from quizapp.sources.audience import may_see_question


def question_json(question: Question) -> dict[str, Any]:
    """A question as a learner sees it: never its answer."""
    return {
        "id": question.id,
        "source_id": question.source_id,
        "kind": question.kind,
        "prompt": question.prompt,
        "choices": list(question.choices) if question.kind == "choice" else [],
        "items": [
            {"index": index, "text": str(item.get("text", ""))}
            for index, item in enumerate(question.items)
        ]
        if question.kind == "order"
        else [],
        "granularity": question.answer.get("granularity")
        if question.kind in ("date", "cloze")
        else None,
        "section": question.section,
        "difficulty": question.difficulty,
        "retired": question.retired,
    }


def _readable_question(question_id: int) -> Question:
    return _readable_or_404(Question, question_id, may_see_question, "question")


@bp.route("/questions/<int:question_id>")
def question(question_id: int) -> Response:
    return jsonify(question_json(_readable_question(question_id)))


@bp.route("/questions/<int:question_id>/passage")
def passage(question_id: int) -> Response:
    """The passage a question came from, and where its sentence is inside it."""
    found = _readable_question(question_id)
    return jsonify(
        question_id=found.id,
        source_id=found.source_id,
        section=found.passage.section,
        text=found.passage.text,
        evidence=[found.evidence_start, found.evidence_end],
        url=external_url("learner.source", source_id=found.source_id) + f"#{found.passage.bank_id}",
    )

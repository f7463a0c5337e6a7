"""``GET /sources/<id>/export`` and ``/sets/<id>/export``: a file in any export format."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from werkzeug.wrappers import Response

from quizapp.api.blueprint import ApiError, _now, _user, bp
from quizapp.api.sources import readable_source
from quizapp.export import FORMATS, export_file, learner_progress, set_questions, source_questions
from quizapp.export import readable_set as readable_set_for
from quizapp.learning.scheduling import scheduler_for


def _export_format() -> str:
    fmt = request.args.get("format", "csv")
    if fmt not in FORMATS:
        raise ApiError(400, f"'format' must be one of {', '.join(FORMATS)}.")
    return fmt


def _export(questions: list[Any], *, title: str, deck_key: str) -> Response:
    fmt, user = _export_format(), _user()
    progress = None
    if fmt == "apkg" and request.args.get("progress") == "1":
        progress = learner_progress(
            user, [q.id for q in questions], scheduler=scheduler_for(user, enable_fuzzing=False)
        )
    exported = export_file(
        fmt,
        questions,
        title=title,
        deck_key=deck_key,
        base_url=str(current_app.config.get("BASE_URL") or request.host_url),
        now=_now(),
        progress=progress,
    )
    response = Response(exported.data, mimetype=exported.mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=exported.filename)
    return response


@bp.route("/sources/<int:source_id>/export")
def source_export(source_id: int) -> Response:
    source = readable_source(source_id)
    return _export(
        source_questions(source.id), title=source.title, deck_key=f"source:{source.file}"
    )


@bp.route("/sets/<int:set_id>/export")
def set_export(set_id: int) -> Response:
    found = readable_set_for(set_id, _user())
    if found is None:
        raise ApiError(404, f"You have no set {set_id}.")
    return _export(
        set_questions(found),
        title=found.name,
        deck_key=f"set:{found.source.file}:{found.id}",
    )

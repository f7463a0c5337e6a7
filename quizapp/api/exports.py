"""``GET /sources/<id>/export`` and ``/sets/<id>/export``: a file in any export format."""

from __future__ import annotations

from flask import request
from werkzeug.wrappers import Response

from quizapp.api.blueprint import ApiError, _found_or_404, _user, bp
from quizapp.api.sources import readable_source
from quizapp.export import (
    FORMATS,
    ExportQuestion,
    export_questions,
    set_questions,
    source_questions,
)
from quizapp.export import readable_set as readable_set_for
from quizapp.models import utcnow
from quizapp.platform.addresses import public_base_url


def _export_format() -> str:
    fmt = request.args.get("format", "csv")
    if fmt not in FORMATS:
        raise ApiError(400, f"'format' must be one of {', '.join(FORMATS)}.")
    return fmt


def _export(questions: list[ExportQuestion], *, title: str, deck_key: str) -> Response:
    exported = export_questions(
        _export_format(),
        questions,
        title=title,
        deck_key=deck_key,
        base_url=public_base_url(),
        now=utcnow(),
        progress_of=_user() if request.args.get("progress") == "1" else None,
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
    found = _found_or_404(readable_set_for(set_id, _user()), f"You have no set {set_id}.")
    return _export(
        set_questions(found),
        title=found.name,
        deck_key=f"set:{found.source.file}:{found.id}",
    )

"""Export pages and downloads: a whole source, or a teacher's question set.

A source may be exported by whoever may read it (:mod:`quizapp.sources.audience`); a
set by its owner and the learners of a class it is assigned to, with the set's teacher's
own versions of its questions. ``?progress=1`` on an Anki download adds the user's own scheduling
state and review history, never anyone else's.
"""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from quizapp.export import (
    FORMATS,
    ExportQuestion,
    export_questions,
    readable_set,
    set_questions,
    source_questions,
)
from quizapp.extensions import db
from quizapp.models import QuestionSet, Source, utcnow
from quizapp.platform.addresses import public_base_url
from quizapp.sources.audience import may_see_source

bp = Blueprint("exports", __name__)

FORMAT_PATTERN = "<any(apkg, csv, xml, gift):fmt>"


@bp.before_request
@login_required
def require_login() -> None:
    """Every export needs a logged-in user."""


def _download(fmt: str, questions: list[ExportQuestion], *, title: str, deck_key: str) -> Response:
    exported = export_questions(
        fmt,
        questions,
        title=title,
        deck_key=deck_key,
        base_url=public_base_url(),
        now=utcnow(),
        progress_of=current_user if request.args.get("progress") == "1" else None,
    )
    return send_file(
        BytesIO(exported.data),
        mimetype=exported.mimetype,
        as_attachment=True,
        download_name=exported.filename,
    )


def _page(title: str, count: int, links: dict[str, str], *, back: str | None) -> str:
    return render_template("export/export.html", title=title, count=count, links=links, back=back)


def _readable_source(source_id: int) -> Source:
    source = db.session.get(Source, source_id)
    if source is None or not may_see_source(current_user, source):
        abort(404)
    return source


@bp.route("/sources/<int:source_id>/export")
def source_page(source_id: int) -> str:
    source = _readable_source(source_id)
    links = {
        fmt: url_for("exports.source_download", source_id=source.id, fmt=fmt) for fmt in FORMATS
    }
    count = len(source_questions(source.id))
    return _page(source.title, count, links, back=url_for("learner.source", source_id=source.id))


@bp.route(f"/sources/<int:source_id>/export.{FORMAT_PATTERN}")
def source_download(source_id: int, fmt: str) -> Response:
    source = _readable_source(source_id)
    return _download(
        fmt, source_questions(source.id), title=source.title, deck_key=f"source:{source.file}"
    )


def _readable_set(set_id: int) -> QuestionSet:
    question_set = readable_set(set_id, current_user)
    if question_set is None:
        abort(404)
    return question_set


@bp.route("/sets/<int:set_id>/export")
def set_page(set_id: int) -> str:
    question_set = _readable_set(set_id)
    links = {fmt: url_for("exports.set_download", set_id=set_id, fmt=fmt) for fmt in FORMATS}
    return _page(question_set.name, len(set_questions(question_set)), links, back=None)


@bp.route(f"/sets/<int:set_id>/export.{FORMAT_PATTERN}")
def set_download(set_id: int, fmt: str) -> Response:
    question_set = _readable_set(set_id)
    return _download(
        fmt,
        set_questions(question_set),
        title=question_set.name,
        deck_key=f"set:{question_set.source.file}:{question_set.id}",
    )

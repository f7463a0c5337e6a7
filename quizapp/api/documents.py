"""A teacher's own documents: upload (``POST /documents``), the generation job, the
review of the generated questions, publishing."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import current_app, jsonify, request
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from question_bank import check_extension
from quizapp.api.blueprint import (
    ApiError,
    _field,
    _found_or_404,
    _json_body,
    _page_args,
    _paginated,
    _user,
    bp,
)
from quizapp.api.questions import question_json
from quizapp.extensions import db
from quizapp.models import GenerationJob, Question, Source, User, utcnow
from quizapp.platform.addresses import external_url
from quizapp.sources import generation, importer, queue
from quizapp.sources.audience import is_curator, may_teach
from quizapp.sources.decisions import (
    DECISIONS,
    NotReviewedError,
    ReviewItem,
    accept_pending,
    decide,
    review_counts,
    review_items,
)
from quizapp.sources.upload_limit import read_upload


def _teacher() -> User:
    user = _user()
    if not may_teach(user):
        raise ApiError(403, "Uploading and reviewing documents is for teachers.")
    return user


Owned = TypeVar("Owned", Source, GenerationJob)


def _own(model: type[Owned], row_id: int, name: str) -> Owned:
    """A document the teacher curates (theirs; any, for an administrator) or the
    teacher's job: 404 if none, 403 if another teacher's (as the pages answer)."""
    teacher = _teacher()
    row = _found_or_404(db.session.get(model, row_id), f"No {name} {row_id}.")
    mine = is_curator(teacher, row) if isinstance(row, Source) else row.owner_id == teacher.id
    if not mine:
        raise ApiError(403, f"This {name} belongs to another teacher.")
    return row


def _own_source(source_id: int) -> Source:
    return _own(Source, source_id, "document")


def _own_job(job_id: int) -> GenerationJob:
    return _own(GenerationJob, job_id, "job")


def _uploaded_file() -> tuple[str, bytes]:
    """The ``document`` field's name and bytes, within the upload limit."""
    if request.mimetype != "multipart/form-data":
        raise ApiError(
            415, "Send the document as multipart/form-data, in a file field named 'document'."
        )
    storage = request.files.get("document")
    if not isinstance(storage, FileStorage) or not storage.filename:
        raise ApiError(400, "Send the document in a file field named 'document'.")
    return storage.filename, read_upload(storage)


def _review_json(item: ReviewItem) -> dict[str, Any]:
    """A question as its teacher reviews it: with its answer and decision."""
    return question_json(item.question) | {
        "bank_id": item.question.bank_id,
        "answer": dict(item.question.answer),
        "decision": item.decision,
    }


def _counts_json(source: Source) -> dict[str, int]:
    counts = review_counts(source)
    return {"pending": counts.pending, "accepted": counts.accepted, "rejected": counts.rejected}


@bp.route("/documents", methods=["POST"])
def upload_document() -> tuple[Response, int]:
    """Check an uploaded document's size and type, queue its job: 202 at once with the
    job's state and its URL in ``Location``; the job reads the document. A refused file
    stores nothing."""
    teacher = _teacher()
    filename, data = _uploaded_file()
    try:
        check_extension(filename)
    except importer.DocumentError as error:
        raise ApiError(415, f"Not stored: {error}") from error
    try:
        job = generation.create_upload_job(teacher, filename, data, now=utcnow())
    except importer.DocumentError as error:
        db.session.rollback()
        raise ApiError(400, f"Not stored: {error}") from error
    db.session.commit()
    queue.start_generation(current_app._get_current_object(), job)  # type: ignore[attr-defined]
    db.session.refresh(job)
    response = jsonify(generation.job_state(job))
    response.headers["Location"] = external_url("api.document_job", job_id=job.id)
    return response, 202


@bp.route("/jobs/<int:job_id>")
def document_job(job_id: int) -> Response:
    response = jsonify(generation.job_state(_own_job(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/documents/<int:source_id>/questions")
def document_questions(source_id: int) -> Response:
    """Every current question of the teacher's document with its decision, in document
    order."""
    source = _own_source(source_id)
    page, per_page = _page_args()
    items = review_items(source)
    start = (page - 1) * per_page
    return _paginated(
        [_review_json(item) for item in items[start : start + per_page]],
        len(items),
        page,
        per_page,
    )


@bp.route("/documents/<int:source_id>/questions/<int:question_id>/decision", methods=["POST"])
def document_decision(source_id: int, question_id: int) -> Response:
    source = _own_source(source_id)
    body = _json_body()
    decision = _field(body, "decision", str)
    if decision not in DECISIONS:
        raise ApiError(400, f"'decision' must be one of {', '.join(DECISIONS)}.")
    question = db.session.get(Question, question_id)
    if question is None or question.source_id != source.id:
        raise ApiError(404, f"Document {source.id} has no question {question_id}.")
    try:
        decide(question, decision, _user(), now=utcnow())
    except NotReviewedError as error:
        raise ApiError(404, f"Document {source.id} was imported, not uploaded.") from error
    db.session.commit()
    return jsonify(question_id=question.id, decision=decision, counts=_counts_json(source))


@bp.route("/documents/<int:source_id>/publish", methods=["POST"])
def publish_document(source_id: int) -> Response:
    """Accept every pending question: learners get them from now on."""
    source = _own_source(source_id)
    try:
        accepted = accept_pending(source, _user(), now=utcnow())
    except NotReviewedError as error:
        raise ApiError(404, f"Document {source.id} was imported, not uploaded.") from error
    db.session.commit()
    return jsonify(accepted=accepted, counts=_counts_json(source))

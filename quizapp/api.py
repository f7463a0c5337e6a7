"""The JSON API, ``/api/v1``: the daily queue, answers, questions and passages, stats,
sets, assignments and exports, for programs acting as a user; and for teachers, their
own documents: upload, the generation job, review decisions and publishing.

Authentication is a personal token (``Authorization: Bearer qz_...``) created on the
settings page; the session cookie is never read here, so the blueprint is exempt from
CSRF and nothing else is. A ``read`` token may only GET; answering needs ``write``.
Requests are counted per token in fixed windows stored in the database
(``API_RATE_LIMIT`` per ``API_RATE_WINDOW`` seconds, shared by every worker). Every error
is ``{"error": {"code", "message"}}``; lists are paginated with ``page`` and ``per_page``
and give the ``next`` page's URL (also in a ``Link`` header). The OpenAPI document
(:mod:`quizapp.openapi`) is served at ``/api/v1/openapi.json``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Blueprint, current_app, g, jsonify, request, url_for
from sqlalchemy import func, or_, select
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from question_bank.formats import check_extension
from quizapp.accounts.tokens import token_for
from quizapp.export import FORMATS, export_file, learner_progress, set_questions, source_questions
from quizapp.export import readable_set as readable_set_for
from quizapp.extensions import csrf, db
from quizapp.learning import stats
from quizapp.learning.scheduling import (
    DuplicateAnswer,
    StaleAnswerError,
    next_item,
    record_answer,
    scheduler_for,
    session_status,
    streak,
)
from quizapp.learning.scoring import MAX_ANSWER_LENGTH, AnswerTooLongError, grade_answer
from quizapp.models import (
    Assignment,
    ClassMember,
    GenerationJob,
    Question,
    QuestionSet,
    Review,
    Source,
    User,
)
from quizapp.openapi import openapi_document
from quizapp.platform.errors import json_error
from quizapp.platform.ratelimit import count_request
from quizapp.sources import generation, importer
from quizapp.sources.decisions import (
    DECISIONS,
    ReviewItem,
    accept_pending,
    decide,
    review_counts,
    review_items,
)
from quizapp.sources.upload_limit import FORM_OVERHEAD, max_upload_bytes, max_upload_mb
from quizapp.teaching import assignments

__all__ = ["bp"]

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_ENDPOINTS = frozenset({"api.openapi"})
UPLOAD_ENDPOINTS = frozenset({"api.upload_document"})
MAX_PER_PAGE = 100
MAX_ID = 2**31 - 1  # a database INTEGER
MAX_PAGE = 1_000_000
MAX_DURATION_MS = 60 * 60 * 1000


class ApiError(Exception):
    """An error answered as JSON with ``status``."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@bp.errorhandler(ApiError)
def api_error(error: ApiError) -> Response:
    response = json_error(error.status, error.message)
    response.headers.update(error.headers)
    return response


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> Response:
    return json_error(
        413,
        f"The file is larger than the {max_upload_mb():g} MB upload limit. Nothing was "
        "stored: split the document into parts, or save it as plain text (often much "
        "smaller).",
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _user() -> User:
    user: User = g.api_user
    return user


@bp.before_request
def authenticate() -> None:
    """Find the token's user, check its scope, count the request against its limit."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return
    now = _now()
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    token = token_for(secret.strip(), now=now) if scheme.lower() == "bearer" else None
    if token is None:
        raise ApiError(
            401,
            "Send a valid API token as 'Authorization: Bearer <token>' "
            "(create one on the settings page).",
            headers={"WWW-Authenticate": 'Bearer realm="quizapp"'},
        )
    if request.method not in READ_METHODS and token.scope != "write":
        raise ApiError(403, "This token is read-only; create a token with write access.")
    if request.endpoint in UPLOAD_ENDPOINTS:
        request.max_content_length = max_upload_bytes() + FORM_OVERHEAD
    window = timedelta(seconds=int(current_app.config["API_RATE_WINDOW"]))
    limit = count_request(
        f"token:{token.id}", limit=int(current_app.config["API_RATE_LIMIT"]), window=window, now=now
    )
    db.session.commit()
    g.rate_limit_headers = {
        "X-RateLimit-Limit": str(limit.limit),
        "X-RateLimit-Remaining": str(limit.remaining),
        "X-RateLimit-Reset": str(int(limit.reset_at.timestamp())),
    }
    if not limit.allowed:
        raise ApiError(
            429,
            f"Rate limit of {limit.limit} requests per {int(window.total_seconds())} s "
            "reached; retry later.",
            headers=g.rate_limit_headers | {"Retry-After": str(limit.retry_after(now))},
        )
    g.api_user = token.user


@bp.after_request
def add_rate_limit_headers(response: Response) -> Response:
    response.headers.update(g.get("rate_limit_headers", {}))
    return response


# --- input -----------------------------------------------------------------------------


def _query_int(name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or not minimum <= int(raw) <= maximum:
        raise ApiError(400, f"'{name}' must be a whole number from {minimum} to {maximum}.")
    return int(raw)


def _json_body() -> dict[str, Any]:
    if not request.is_json:
        raise ApiError(415, "Send the body as JSON with 'Content-Type: application/json'.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "The body must be a JSON object.")
    return body


def _field(body: dict[str, Any], name: str, kind: type, *, required: bool = True) -> Any:
    value = body.get(name)
    if value is None and not required:
        return None
    # JSON does not tell 21 from 21.0 (both are integers to JSON Schema), but true is
    # not a number here, although Python's bool is an int.
    if kind is int and isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        expected = {int: "an integer", str: "a string"}[kind]
        raise ApiError(400, f"'{name}' must be {expected}.")
    return value


# --- pagination ------------------------------------------------------------------------


def _page_args() -> tuple[int, int]:
    page = _query_int("page", 1, minimum=1, maximum=MAX_PAGE)
    per_page = _query_int("per_page", 20, minimum=1, maximum=MAX_PER_PAGE)
    return page, per_page


def _paginated(items: list[dict[str, Any]], total: int, page: int, per_page: int) -> Response:
    """A page of a list: ``items``, ``page``, ``per_page``, ``total`` and the ``next``
    page's URL (None on the last page), also given as a ``Link`` header."""
    next_url = None
    if page * per_page < total:
        args = {**request.view_args, **request.args.to_dict(), "page": page + 1}
        args["per_page"] = per_page
        next_url = url_for(request.endpoint or "", _external=True, **args)
    response = jsonify(items=items, page=page, per_page=per_page, total=total, next=next_url)
    if next_url:
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return response


def _paginate_query(query: Any, serialise: Any) -> Response:
    page, per_page = _page_args()
    total = int(db.session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return _paginated([serialise(row) for row in rows], total, page, per_page)


# --- representations -------------------------------------------------------------------


def _time(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


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


def review_json(review: Review) -> dict[str, Any]:
    return {
        "id": review.id,
        "question_id": review.card.question_id,
        "card_version": review.card_version,
        "rating": review.rating,
        "override": review.override,
        "score": review.score,
        "correct": review.correct,
        "given": review.given_answer,
        "expected": review.expected_display,
        "feedback": review.feedback,
        "duration_ms": review.duration_ms,
        "reviewed_at": _time(review.reviewed_at),
    }


def _status_json(user: User, now: datetime) -> dict[str, int]:
    status = session_status(user, now)
    return {
        "done": status.done,
        "due": status.due,
        "new": status.new,
        "later": status.later,
        "remaining": status.remaining,
    }


def _set_json(question_set: QuestionSet) -> dict[str, Any]:
    return {
        "id": question_set.id,
        "name": question_set.name,
        "description": question_set.description,
        "source_id": question_set.source_id,
        "owner_id": question_set.owner_id,
        "question_ids": [item.question_id for item in question_set.items],
    }


def _assignment_json(status: assignments.AssignmentStatus) -> dict[str, Any]:
    assignment = status.assignment
    best = status.best
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
        "best_score": best.score if best else None,
    }


# --- endpoints -------------------------------------------------------------------------


@bp.route("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(server_url=url_for("api.me", _external=True)[: -len("/me")]))


@bp.route("/me")
def me() -> Response:
    user = _user()
    return jsonify(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        desired_retention=user.desired_retention,
        new_per_day=user.new_per_day,
        reviews_per_day=user.reviews_per_day,
        day_first=user.day_first,
    )


@bp.route("/queue")
def queue() -> Response:
    """Today's session: the counts, and the next question with its card version."""
    user, now = _user(), _now()
    item = next_item(user, now)
    upcoming = None
    if isinstance(item, Question):
        upcoming = question_json(item) | {"card_version": 0, "new": True}
    elif item is not None:
        upcoming = question_json(item.question) | {"card_version": item.reps, "new": False}
    return jsonify(status=_status_json(user, now), next=upcoming)


def _order_answer(question: Question, given: str) -> str:
    count = len(question.items)
    parts = [part.strip() for part in given.split(",")]
    if sorted(parts) != sorted(str(index) for index in range(count)):
        raise ApiError(
            400,
            f"For an order question, answer with the item indices 0-{count - 1}, earliest "
            "first, separated by commas (for example '2,0,1').",
        )
    return ",".join(parts)


@bp.route("/answers", methods=["POST"])
def answer() -> tuple[Response, int]:
    """Answer a question: 201 with the new review, 200 with the review already recorded
    for this card version (a retry), 409 when the card has moved on."""
    user, now = _user(), _now()
    body = _json_body()
    question_id = _field(body, "question_id", int)
    card_version = _field(body, "card_version", int)
    given = _field(body, "answer", str).strip()
    duration = _field(body, "duration_ms", int, required=False)
    if not 1 <= question_id <= MAX_ID:
        raise ApiError(400, f"'question_id' must be from 1 to {MAX_ID}.")
    if not 0 <= card_version <= MAX_ID:
        raise ApiError(400, f"'card_version' must be from 0 to {MAX_ID}.")
    if duration is not None and not 0 <= duration <= MAX_DURATION_MS:
        raise ApiError(400, f"'duration_ms' must be from 0 to {MAX_DURATION_MS}.")
    if len(given) > MAX_ANSWER_LENGTH:
        raise ApiError(400, f"Answers are limited to {MAX_ANSWER_LENGTH} characters.")
    question = db.session.get(Question, question_id)
    if question is None or question.retired:
        raise ApiError(404, f"No question {question_id} is asked.")
    if question.kind == "order":
        given = _order_answer(question, given)
    try:
        grade = grade_answer(question, given, day_first=user.day_first, duration_ms=duration)
        outcome = record_answer(
            user,
            question,
            grade,
            given=given,
            card_version=card_version,
            duration_ms=duration,
            scheduler=scheduler_for(user, enable_fuzzing=current_app.config["FSRS_FUZZING"]),
            now=now,
        )
    except AnswerTooLongError as error:
        raise ApiError(400, str(error)) from error
    except StaleAnswerError as error:
        db.session.rollback()
        raise ApiError(
            409, "The card was reviewed since this version; fetch the queue again."
        ) from error
    if isinstance(outcome, DuplicateAnswer):
        body_json = review_json(outcome.review)
        db.session.rollback()
        return jsonify(body_json), 200
    db.session.commit()
    return jsonify(review_json(outcome)), 201


@bp.route("/reviews")
def reviews() -> Response:
    query = select(Review).where(Review.user_id == _user().id).order_by(Review.id.desc())
    return _paginate_query(query, review_json)


@bp.route("/reviews/<int:review_id>")
def review(review_id: int) -> Response:
    found = db.session.get(Review, review_id)
    if found is None or found.user_id != _user().id:
        raise ApiError(404, f"You have no review {review_id}.")
    return jsonify(review_json(found))


@bp.route("/questions/<int:question_id>")
def question(question_id: int) -> Response:
    found = db.session.get(Question, question_id)
    if found is None:
        raise ApiError(404, f"No question {question_id}.")
    return jsonify(question_json(found))


@bp.route("/questions/<int:question_id>/passage")
def passage(question_id: int) -> Response:
    """The passage a question came from, and where its sentence is inside it."""
    found = db.session.get(Question, question_id)
    if found is None:
        raise ApiError(404, f"No question {question_id}.")
    return jsonify(
        question_id=found.id,
        source_id=found.source_id,
        section=found.passage.section,
        text=found.passage.text,
        evidence=[found.evidence_start, found.evidence_end],
        url=url_for("learner.source", source_id=found.source_id, _external=True)
        + f"#{found.passage.bank_id}",
    )


@bp.route("/stats")
def statistics() -> Response:
    user, now = _user(), _now()
    totals = db.session.execute(
        select(func.count(Review.id), func.count(Review.id).filter(Review.correct.is_(True))).where(
            Review.user_id == user.id
        )
    ).one()
    today = stats.todays_results(user, now)
    return jsonify(
        streak=streak(user, now),
        today=_status_json(user, now),
        today_results={
            "answered": today.answered,
            "right": today.right,
            "partial": today.partial,
            "wrong": today.wrong,
        },
        reviews=int(totals[0]),
        correct=int(totals[1]),
    )


@bp.route("/sources")
def sources() -> Response:
    def serialise(source: Source) -> dict[str, Any]:
        return {"id": source.id, "title": source.title, "file": source.file}

    return _paginate_query(select(Source).order_by(Source.title, Source.id), serialise)


@bp.route("/sources/<int:source_id>/questions")
def source_question_list(source_id: int) -> Response:
    if db.session.get(Source, source_id) is None:
        raise ApiError(404, f"No source {source_id}.")
    query = (
        select(Question)
        .where(Question.source_id == source_id, Question.retired.is_(False))
        .order_by(Question.id)
    )
    return _paginate_query(query, question_json)


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
    found = readable_set_for(set_id, _user())
    if found is None:
        raise ApiError(404, f"You have no set {set_id}.")
    return jsonify(_set_json(found))


@bp.route("/assignments")
def assignment_list() -> Response:
    page, per_page = _page_args()
    statuses = assignments.learner_assignments(_user(), _now())
    start = (page - 1) * per_page
    items = [_assignment_json(status) for status in statuses[start : start + per_page]]
    return _paginated(items, len(statuses), page, per_page)


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
    source = db.session.get(Source, source_id)
    if source is None:
        raise ApiError(404, f"No source {source_id}.")
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


# --- a teacher's own documents ---------------------------------------------------------


def _teacher() -> User:
    user = _user()
    if user.role != "teacher":
        raise ApiError(403, "Uploading and reviewing documents is for teachers.")
    return user


def _own_source(source_id: int) -> Source:
    """The teacher's uploaded document: 404 if none, 403 if another teacher's (as the
    pages answer)."""
    teacher = _teacher()
    source = db.session.get(Source, source_id)
    if source is None:
        raise ApiError(404, f"No document {source_id}.")
    if source.owner_id != teacher.id:
        raise ApiError(403, "This document belongs to another teacher.")
    return source


def _own_job(job_id: int) -> GenerationJob:
    teacher = _teacher()
    job = db.session.get(GenerationJob, job_id)
    if job is None:
        raise ApiError(404, f"No job {job_id}.")
    if job.owner_id != teacher.id:
        raise ApiError(403, "This job belongs to another teacher.")
    return job


def _uploaded_file() -> tuple[str, bytes]:
    """The ``document`` field's name and bytes, within the upload limit."""
    if request.mimetype != "multipart/form-data":
        raise ApiError(
            415, "Send the document as multipart/form-data, in a file field named 'document'."
        )
    storage = request.files.get("document")
    if not isinstance(storage, FileStorage) or not storage.filename:
        raise ApiError(400, "Send the document in a file field named 'document'.")
    data = storage.read(max_upload_bytes() + 1)
    if len(data) > max_upload_bytes():
        raise RequestEntityTooLarge()
    return storage.filename, data


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


def _fresh_state(job: GenerationJob) -> dict[str, Any]:
    if generation.mark_stale(now=_now(), stale_after=generation.stale_after(current_app)):
        db.session.commit()
    return generation.job_state(job)


@bp.route("/documents", methods=["POST"])
def upload_document() -> tuple[Response, int]:
    """Check an uploaded document, queue its job and start it: 202 with the job's state
    and its URL in ``Location``. A refused file stores nothing."""
    teacher = _teacher()
    filename, data = _uploaded_file()
    try:
        check_extension(filename)
    except importer.DocumentError as error:
        raise ApiError(415, f"Not stored: {error}") from error
    try:
        job = generation.create_upload_job(teacher, filename, data, now=_now())
    except importer.DocumentError as error:
        db.session.rollback()
        raise ApiError(400, f"Not stored: {error}") from error
    db.session.commit()
    generation.start_job(current_app._get_current_object(), job.id)  # type: ignore[attr-defined]
    response = jsonify(generation.job_state(job))
    response.headers["Location"] = url_for("api.document_job", job_id=job.id, _external=True)
    return response, 202


@bp.route("/jobs/<int:job_id>")
def document_job(job_id: int) -> Response:
    response = jsonify(_fresh_state(_own_job(job_id)))
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
    decide(question, decision, _user(), now=_now())
    db.session.commit()
    return jsonify(question_id=question.id, decision=decision, counts=_counts_json(source))


@bp.route("/documents/<int:source_id>/publish", methods=["POST"])
def publish_document(source_id: int) -> Response:
    """Accept every pending question: learners get them from now on."""
    source = _own_source(source_id)
    accepted = accept_pending(source, _user(), now=_now())
    db.session.commit()
    return jsonify(accepted=accepted, counts=_counts_json(source))

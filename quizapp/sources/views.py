"""A teacher's own documents: upload, generation progress, review, regenerate.

Every page needs a teacher's (or an administrator's) account; a document of another
teacher is 403 unless the user is an administrator (who curates every document), a job
of another teacher is 403, and one that does not exist 404. Uploads may be up to
``MAX_UPLOAD_MB`` megabytes (20 by default, ``QUIZAPP_MAX_UPLOAD_MB``); every other form
keeps the app's small limit.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.datastructures import FileStorage, ImmutableMultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from quizapp.extensions import db
from quizapp.models import AUDIENCES, EVERYONE, GenerationJob, Question, Source, utcnow
from quizapp.platform.forms import ConfirmForm, require_confirmation
from quizapp.platform.ownership import owned_or_403, require_teacher
from quizapp.sources import audience, decisions, generation, importer, passages, queue
from quizapp.sources.forms import RegenerateForm, UploadForm
from quizapp.sources.upload_limit import (
    FORM_OVERHEAD,
    max_upload_bytes,
    max_upload_mb,
    read_upload,
    too_large_message,
)

bp = Blueprint("uploads", __name__, url_prefix="/teach")

UPLOAD_ENDPOINTS = frozenset({"uploads.upload", "uploads.regenerate"})


# Every page needs a logged-in teacher (or administrator).
bp.before_request(login_required(require_teacher))


@bp.before_request
def allow_large_uploads() -> None:
    """The upload forms get the larger size limit; every other form keeps the small one."""
    if request.endpoint in UPLOAD_ENDPOINTS:
        request.max_content_length = max_upload_bytes() + FORM_OVERHEAD


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    # The page's own forms (the logout button) read the request body again, which would
    # raise again: give them an empty body instead.
    request.__dict__["form"] = ImmutableMultiDict()
    request.__dict__["files"] = ImmutableMultiDict()
    page = render_template("error.html", status=413, title="Too large", message=too_large_message())
    return page, 413


def _curated_source(source_id: int) -> Source:
    """The document, when the user curates it (its owner, or an administrator)."""
    source = db.get_or_404(Source, source_id)
    if not audience.is_curator(current_user, source):
        abort(403, "This document belongs to another teacher.")
    return source


def _own_job(job_id: int) -> GenerationJob:
    return owned_or_403(
        GenerationJob, job_id, lambda j: j.owner_id, "This job belongs to another teacher."
    )


def _read_upload(storage: FileStorage) -> tuple[str, bytes]:
    return storage.filename or "document", read_upload(storage)


def _start(job: GenerationJob) -> Response:
    db.session.commit()
    queue.start_generation(current_app._get_current_object(), job)  # type: ignore[attr-defined]
    return redirect(url_for("uploads.job", job_id=job.id))


@bp.route("/documents")
def documents_list() -> str:
    return render_template(
        "sources/documents.html",
        sources=generation.owner_sources(current_user),
        jobs=generation.owner_jobs(current_user),
        form=UploadForm(),
        limit_mb=max_upload_mb(),
    )


@bp.route("/documents/upload", methods=["GET", "POST"])
def upload() -> str | Response | tuple[str, int]:
    form = UploadForm()
    status = 200
    if form.validate_on_submit():
        filename, data = _read_upload(form.document.data)
        try:
            job = generation.create_upload_job(current_user, filename, data, now=utcnow())
        except importer.DocumentError as error:
            db.session.rollback()
            form.document.errors = [f"Not stored: {error}"]
            status = 400
        else:
            return _start(job)
    elif request.method == "POST":
        status = 400
    page = render_template("sources/upload.html", form=form, limit_mb=max_upload_mb())
    return page, status


@bp.route("/jobs/<int:job_id>")
def job(job_id: int) -> str:
    job = _own_job(job_id)
    return render_template(
        "sources/job.html", job=job, state=generation.job_state(job), form=ConfirmForm()
    )


@bp.route("/jobs/<int:job_id>/status")
def job_status(job_id: int) -> Response:
    job = _own_job(job_id)
    response = jsonify(generation.job_state(job))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
def retry_job(job_id: int) -> Response:
    job = _own_job(job_id)
    require_confirmation()
    try:
        generation.retry_job(job, now=utcnow())
    except generation.JobNotRetryableError as error:
        abort(400, str(error))
    return _start(job)


@bp.route("/documents/<int:source_id>/review")
def review_questions(source_id: int) -> str:
    source = _curated_source(source_id)
    show = request.args.get("show", "all")
    items = decisions.review_items(source, decision=show if show in decisions.DECISIONS else None)
    return render_template(
        "sources/review.html",
        source=source,
        items=items,
        evidence={item.question.id: passages.evidence_for(item.question) for item in items},
        counts=decisions.review_counts(source),
        show=show,
        form=ConfirmForm(),
        regenerate=RegenerateForm(),
        limit_mb=max_upload_mb(),
    )


@bp.route("/documents/<int:source_id>/questions/<int:question_id>/decision", methods=["POST"])
def decide(source_id: int, question_id: int) -> Response | tuple[Response, int]:
    source = _curated_source(source_id)
    question = db.get_or_404(Question, question_id)
    if question.source_id != source.id:
        abort(404, "This question is not from this document.")
    require_confirmation()
    decision = request.form.get("decision", "")
    if decision not in decisions.DECISIONS:
        abort(400, f"Decide accepted, rejected or pending, not {decision!r}.")
    try:
        decisions.decide(question, decision, current_user, now=utcnow())
    except decisions.NotReviewedError:
        abort(404, "This document was imported by command: its questions are not reviewed.")
    db.session.commit()
    if request.accept_mimetypes.best == "application/json":
        counts = decisions.review_counts(source)
        return jsonify(
            question_id=question.id,
            decision=decision,
            counts={
                "pending": counts.pending,
                "accepted": counts.accepted,
                "rejected": counts.rejected,
            },
        ), 200
    target = url_for("uploads.review_questions", source_id=source.id, show=request.args.get("show"))
    return redirect(f"{target}#question-{question.id}")


@bp.route("/documents/<int:source_id>/accept-all", methods=["POST"])
def accept_all(source_id: int) -> Response:
    source = _curated_source(source_id)
    require_confirmation()
    try:
        accepted = decisions.accept_pending(source, current_user, now=utcnow())
    except decisions.NotReviewedError:
        abort(404, "This document was imported by command: its questions are not reviewed.")
    db.session.commit()
    flash(
        f"{accepted} question{'' if accepted == 1 else 's'} accepted: learners get them now.",
        "success",
    )
    return redirect(url_for("uploads.review_questions", source_id=source.id))


@bp.route("/documents/<int:source_id>/audience", methods=["POST"])
def set_audience(source_id: int) -> Response:
    """An administrator publishes a document for everyone, or gives it back to its owner
    and their classes."""
    source = _curated_source(source_id)
    require_confirmation()
    wanted = request.form.get("audience", "")
    if wanted not in AUDIENCES:
        abort(400, f"Choose an audience among {', '.join(AUDIENCES)}, not {wanted!r}.")
    try:
        audience.set_audience(source, current_user, wanted)
    except audience.NotAllowedError:
        abort(403, "Only an administrator publishes a document for everyone.")
    db.session.commit()
    flash(
        f"{source.title} is for everyone now."
        if wanted == EVERYONE
        else f"{source.title} is for its owner and the classes they give it to.",
        "success",
    )
    return redirect(url_for("uploads.review_questions", source_id=source.id))


@bp.route("/documents/<int:source_id>/regenerate", methods=["POST"])
def regenerate(source_id: int) -> Response | tuple[str, int]:
    source = _curated_source(source_id)
    form = RegenerateForm()
    if not form.validate_on_submit():
        abort(400, "The form expired; reload the page and try again.")
    storage = form.document.data
    try:
        if isinstance(storage, FileStorage) and storage.filename:
            filename, data = _read_upload(storage)
            job = generation.create_upload_job(
                current_user, filename, data, now=utcnow(), source=source
            )
        else:
            job = generation.create_regeneration_job(source, current_user, now=utcnow())
    except (importer.DocumentError, generation.JobNotRetryableError) as error:
        db.session.rollback()
        abort(400, f"Not stored: {error}")
    return _start(job)

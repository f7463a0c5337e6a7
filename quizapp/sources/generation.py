"""Building banks from uploaded documents in a job queue's workers, one job row per build.

An upload is checked for its size and type only (:func:`create_upload_job`): reading it
can take long, so it happens in the job. The row is queued and the job queue
(:mod:`quizapp.sources.queue`) hands it to a worker process, which claims it
(:func:`claim_job`: at most ``GENERATION_JOBS_PER_OWNER`` running jobs per teacher, so one
teacher's documents cannot hold every worker) and runs it (:func:`run_claimed_job`):
read the document (convert HTML or PDF) and build the bank, each step in a child
process under its CPU time and memory limits (:mod:`quizapp.sources.limits`), then store
the questions as pending questions of the teacher's source in one transaction. A job over
a limit fails with the reason and stores nothing.

Each stage commits the row's ``status``, ``stage`` and ``progress``, so any web worker
serving the job page reads the truth from the database. While a worker holds a job it
refreshes ``heartbeat_at``. A running job whose heartbeat is older than
``GENERATION_STALE_SECONDS`` lost its worker (killed, crashed, its machine gone):
:func:`recover_job` queues it again, up to ``GENERATION_MAX_ATTEMPTS`` starts in all, then
fails it with the reason. ``attempts`` fences a worker that was only slow: every write a
worker makes names the attempt it holds, so once its job was given to another worker its
writes change nothing. A failed job can be run again by hand (:func:`retry_job`), since
the upload is kept until the job is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Any, Literal

from flask import Flask, current_app
from sqlalchemy import func, select, update
from werkzeug.utils import secure_filename

from question_bank import ReadLimits, check_extension
from quizapp.extensions import db
from quizapp.models import CLASSES, EVERYONE, GenerationJob, Source, User, utcnow
from quizapp.platform.boundary import fit_text
from quizapp.platform.progress import progress_state
from quizapp.sources import decisions, importer
from quizapp.sources.audience import is_curator
from quizapp.sources.limits import (
    JobLimits,
    LimitExceededError,
    StepCrashedError,
    run_limited,
)

__all__ = [
    "DEFAULT_MAX_UPLOAD_MB",
    "JobNotRetryableError",
    "JobSettings",
    "claim_job",
    "create_regeneration_job",
    "create_upload_job",
    "job_settings",
    "job_state",
    "owner_jobs",
    "owner_sources",
    "recover_job",
    "retry_job",
    "run_claimed_job",
]

DEFAULT_MAX_UPLOAD_MB = 20
# Build speed measured by bench/generate.py, used only to move the progress bar during
# the one long step that reports nothing (finding facts and writing questions).
BUILD_CHARS_PER_SECOND = 800_000
ACTIVE = ("queued", "running")
_PDF = b"%PDF-"

# Where each stage starts on the progress bar (0-100).
STAGES = {
    "reading": (5, "reading the document"),
    "building": (15, "finding dated facts and writing questions"),
    "storing": (85, "storing the questions"),
}
BUILD_SPAN = 70  # progress points the building stage may move through


class JobNotRetryableError(ValueError):
    """Only a failed job whose document is still at hand can be run again."""


@dataclass(frozen=True)
class JobSettings:
    """How jobs run: their limits, their heartbeat, their retries (from the app's config,
    :func:`job_settings`)."""

    limits: JobLimits = field(default_factory=JobLimits)
    jobs_per_owner: int = 1
    max_attempts: int = 3
    heartbeat_seconds: float = 5.0
    stale_seconds: float = 90.0
    defer_seconds: float = 5.0


def job_settings(app: Flask) -> JobSettings:
    """The settings in ``app.config`` (``QUIZAPP_GENERATION_*``, ``QUIZAPP_MAX_*``)."""
    config = app.config
    read = ReadLimits()
    return JobSettings(
        limits=JobLimits(
            read_seconds=int(config.get("GENERATION_READ_SECONDS", 60)),
            build_seconds=int(config.get("GENERATION_BUILD_SECONDS", 300)),
            memory_mb=int(config.get("GENERATION_MEMORY_MB", 2048)),
            low_priority=bool(config.get("GENERATION_LOW_PRIORITY", True)),
            read=ReadLimits(
                max_characters=int(config.get("MAX_DOCUMENT_CHARACTERS", read.max_characters)),
                max_pdf_pages=int(config.get("MAX_PDF_PAGES", read.max_pdf_pages)),
                max_html_nodes=int(config.get("MAX_HTML_NODES", read.max_html_nodes)),
                max_html_depth=int(config.get("MAX_HTML_DEPTH", read.max_html_depth)),
            ),
        ),
        jobs_per_owner=int(config.get("GENERATION_JOBS_PER_OWNER", 1)),
        max_attempts=int(config.get("GENERATION_MAX_ATTEMPTS", 3)),
        heartbeat_seconds=float(config.get("GENERATION_HEARTBEAT_SECONDS", 5)),
        stale_seconds=float(config.get("GENERATION_STALE_SECONDS", 90)),
        defer_seconds=float(config.get("GENERATION_DEFER_SECONDS", 5)),
    )


def _stored_name(filename: str) -> str:
    name = secure_filename(filename)
    return name if PurePath(name).suffix else f"{name or 'document'}.txt"


def create_upload_job(
    owner: User, filename: str, data: bytes, *, now: datetime, source: Source | None = None
) -> GenerationJob:
    """Queue the job that reads an uploaded document and builds its bank.

    Only what costs nothing is checked here: the extension names a known format, the
    file is not empty, a PDF starts like one. Decoding and converting happen in the job,
    under its limits, and a document that cannot be read fails the job with the reason.

    Args:
        owner: the uploading teacher.
        filename: the file's name as uploaded; its extension names the format.
        data: the file's bytes (the caller has checked their size).
        now: the upload time.
        source: the teacher's source this is a new version of; a new source otherwise.

    Returns:
        The queued job (flushed, not committed).

    Raises:
        importer.DocumentError: unknown extension, empty file, or a ``.pdf`` that is not
            a PDF; the message says which. Nothing is added to the session.
    """
    fmt = check_extension(filename)
    if not data.strip():
        raise importer.DocumentError(f"{filename}: the file is empty")
    if fmt == "pdf" and not data.lstrip(b"\xef\xbb\xbf").startswith(_PDF):
        raise importer.DocumentError(
            f"{filename}: this is not a PDF (it does not start with %PDF-); "
            "the file is broken or has the wrong extension"
        )
    return _queue(
        owner,
        now,
        source_id=source.id if source is not None else None,
        filename=_stored_name(filename),
        document_format=fmt,
        size=len(data),
        data=data,
    )


def create_regeneration_job(source: Source, owner: User, *, now: datetime) -> GenerationJob:
    """Queue a rebuild of the teacher's source from its stored text.

    Raises:
        decisions.NotOwnerError: the source is not the teacher's.
        JobNotRetryableError: the source has no stored text.
    """
    if not is_curator(owner, source):
        raise decisions.NotOwnerError(f"source {source.id} was uploaded by another teacher")
    if not source.text:
        raise JobNotRetryableError("this document's text is not stored; upload it again")
    return _queue(
        owner,
        now,
        source_id=source.id,
        filename=source.file,
        document_format=source.document_format,
        size=len(source.text.encode("utf-8")),
        data=None,
    )


def _queue(owner: User, now: datetime, **document: Any) -> GenerationJob:
    """A new job for ``owner``, queued and waiting for a queue worker."""
    job = GenerationJob(
        owner_id=owner.id,
        status="queued",
        stage="waiting to start",
        progress=0,
        message="",
        created_at=now,
        heartbeat_at=now,
        **document,
    )
    db.session.add(job)
    db.session.flush()
    return job


# --- claiming and running (in a queue worker) ------------------------------------------

Claim = Literal["claimed", "busy", "gone"]


def claim_job(job_id: int, *, now: datetime, jobs_per_owner: int) -> tuple[Claim, int]:
    """Take a queued job for this worker, unless its teacher already has
    ``jobs_per_owner`` jobs running.

    The teacher's row is locked first (PostgreSQL), and on SQLite the claim's update
    takes the write lock before the count: two workers never both see room for one more.

    Returns:
        ``("claimed", attempt)`` with the attempt this worker now holds; ``("busy", 0)``
        when the teacher is at the limit (the job stays queued: try again later);
        ``("gone", 0)`` when the job is not queued (done, failed, or another worker's).
    """
    owner_id = db.session.scalar(
        select(GenerationJob.owner_id).where(
            GenerationJob.id == job_id, GenerationJob.status == "queued"
        )
    )
    if owner_id is None:
        db.session.rollback()
        return "gone", 0
    db.session.execute(select(User.id).where(User.id == owner_id).with_for_update())
    claimed = db.session.execute(
        update(GenerationJob)
        .where(GenerationJob.id == job_id, GenerationJob.status == "queued")
        .values(
            status="running",
            attempts=GenerationJob.attempts + 1,
            started_at=now,
            heartbeat_at=now,
            progress=STAGES["reading"][0],
            stage=STAGES["reading"][1],
            message="",
        )
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        return "gone", 0
    running = db.session.scalar(
        select(func.count())
        .select_from(GenerationJob)
        .where(
            GenerationJob.owner_id == owner_id,
            GenerationJob.status == "running",
            GenerationJob.id != job_id,
        )
    )
    if (running or 0) >= jobs_per_owner:
        db.session.rollback()
        db.session.execute(
            update(GenerationJob)
            .where(GenerationJob.id == job_id, GenerationJob.status == "queued")
            .values(stage="waiting: another of your documents is being generated")
        )
        db.session.commit()
        return "busy", 0
    attempt = db.session.scalar(select(GenerationJob.attempts).where(GenerationJob.id == job_id))
    db.session.commit()
    return "claimed", int(attempt or 0)


def _fenced(job_id: int, attempt: int, **values: Any) -> bool:
    """Update the job if this worker still holds it (running, same attempt); commit."""
    changed = db.session.execute(
        update(GenerationJob)
        .where(
            GenerationJob.id == job_id,
            GenerationJob.status == "running",
            GenerationJob.attempts == attempt,
        )
        .values(**values)
    )
    db.session.commit()
    return bool(changed.rowcount == 1)  # type: ignore[attr-defined]


def _document_kind(fmt: str) -> str:
    return {"pdf": "PDF", "html": "page"}.get(fmt, "document")


def run_claimed_job(
    job_id: int,
    attempt: int,
    *,
    settings: JobSettings,
    clock: Callable[[], datetime] = utcnow,
) -> None:
    """Read, build and store a job this worker claimed (:func:`claim_job`), committing each
    stage; needs an app context. Ends with the job done or failed with its reason, unless
    another worker took the job over meanwhile (then nothing more is written)."""
    job = db.session.get(GenerationJob, job_id)
    assert job is not None
    limits = settings.limits

    def beat() -> bool:
        return _beat(job_id, attempt, clock())

    def limited(step: Callable[[], Any], too_slow: str, too_big: str, seconds: int) -> Any:
        return run_limited(
            step,
            cpu_seconds=seconds,
            memory_mb=limits.memory_mb,
            too_slow=too_slow,
            too_big=too_big,
            tick_seconds=settings.heartbeat_seconds,
            on_tick=beat,
            low_priority=limits.low_priority,
        )

    try:
        source = db.session.get(Source, job.source_id) if job.source_id else None
        title = source.title if source is not None else None
        filename, fmt = job.filename, job.document_format
        if job.data is not None:
            data, kind = job.data, _document_kind(job.document_format)
            db.session.commit()  # no transaction stays open while the child works

            def read() -> importer.DocumentText:
                return importer.convert_upload(data, filename, limits.read)

            converted = limited(
                read,
                f"this {kind} took more than {limits.read_seconds} s to read",
                f"reading this {kind} needed more than {limits.memory_mb:,} MB of memory",
                limits.read_seconds,
            )
            text, fmt = converted.text, converted.format
        elif source is not None and source.text:
            text, fmt = source.text, source.document_format
            db.session.commit()
        else:
            raise importer.DocumentError(f"{filename}: the document is no longer stored")
        message = f"finding dated facts and writing questions ({len(text):,} characters)"
        progress, _ = STAGES["building"]
        if not _fenced(job_id, attempt, progress=progress, stage=message, heartbeat_at=clock()):
            return

        def build() -> importer.Bank:
            return importer.build_bank_from_text(text, file=filename, title=title)

        bank = limited(
            build,
            f"finding the dated facts of this document took more than {limits.build_seconds} s",
            f"finding the dated facts of this document needed more than "
            f"{limits.memory_mb:,} MB of memory",
            limits.build_seconds,
        )
        _store(job_id, attempt, bank, text, fmt, clock)
    except importer.QuestionBankError as error:
        db.session.rollback()
        _fail(job_id, attempt, str(error), clock())
    except LimitExceededError as error:
        db.session.rollback()
        _fail(job_id, attempt, f"{error}; nothing was stored", clock())
    except StepCrashedError as error:
        db.session.rollback()
        _fail(job_id, attempt, f"{error}; nothing was stored", clock())
    except Exception as error:  # a worker must leave the row finished whatever happened
        db.session.rollback()
        current_app.logger.exception("generation job %s failed", job_id)
        _fail(job_id, attempt, f"internal error ({type(error).__name__}); try again", clock())


def _beat(job_id: int, attempt: int, now: datetime) -> bool:
    """Refresh the heartbeat of a job this worker holds, and move its progress bar through
    the building stage by the measured speed (that step reports nothing until it ends).

    Returns:
        False when the job is no longer this worker's.
    """
    job = db.session.get(GenerationJob, job_id)
    db.session.commit()
    if job is None or job.status != "running" or job.attempts != attempt:
        return False
    values: dict[str, Any] = {"heartbeat_at": now}
    building_start = STAGES["building"][0]
    if building_start <= job.progress < STAGES["storing"][0] and job.stage.startswith("finding"):
        elapsed = (now - (job.started_at or now)).total_seconds()
        expected = max(1.0, job.size / BUILD_CHARS_PER_SECOND)
        values["progress"] = building_start + int(BUILD_SPAN * min(0.95, elapsed / expected))
    return _fenced(job_id, attempt, **values)


def _fail(job_id: int, attempt: int, message: str, now: datetime) -> None:
    _fenced(job_id, attempt, status="failed", message=message, finished_at=now, heartbeat_at=now)


def _store(
    job_id: int,
    attempt: int,
    bank: importer.Bank,
    text: str,
    fmt: str,
    clock: Callable[[], datetime],
) -> None:
    progress, _ = STAGES["storing"]
    message = f"storing {len(bank.questions):,} questions"
    if not _fenced(job_id, attempt, progress=progress, stage=message, heartbeat_at=clock()):
        return
    # The fence again, as the transaction's first write: it takes the job's row (and on
    # SQLite the write lock), so a retry cannot take the job while its questions go in.
    held = db.session.execute(
        update(GenerationJob)
        .where(
            GenerationJob.id == job_id,
            GenerationJob.status == "running",
            GenerationJob.attempts == attempt,
        )
        .values(heartbeat_at=clock())
    )
    if held.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        return
    job = db.session.get(GenerationJob, job_id)
    assert job is not None
    source = db.session.get(Source, job.source_id) if job.source_id else None
    now = clock()
    if source is None:
        title = fit_text(bank.source.title, importer.TITLE_LENGTH)
        source = Source(
            title=title,
            file=_unique_file(title, job.filename),
            sha256=bank.source.sha256,
            generator=bank.source.generator,
            owner_id=job.owner_id,
            # An administrator's upload is for everyone once published; a teacher's, for
            # the teacher and the classes they give it to.
            audience=EVERYONE if job.owner.is_admin else CLASSES,
            imported_at=now,
        )
        db.session.add(source)
        db.session.flush()
    summary = importer.import_bank(bank, now=now, document_text=text, source=source)
    source.document_format = fmt
    counts = decisions.review_counts(source)
    job.source_id = source.id
    job.document_format = fmt
    job.status = "done"
    job.stage = "finished"
    job.progress = 100
    job.report = dict(bank.report)
    job.summary = {
        "added": summary.added,
        "updated": summary.updated,
        "retired": summary.retired,
        "unchanged": summary.unchanged,
        "pending": counts.pending,
        "accepted": counts.accepted,
        "rejected": counts.rejected,
        "characters": len(text),
    }
    job.data = None
    job.finished_at = clock()
    job.heartbeat_at = job.finished_at
    db.session.commit()


def _unique_file(title: str, file: str) -> str:
    """``file``, or ``name-2.ext``, ``name-3.ext``...: a source is unique by title and file.

    Two jobs storing documents of one title at once would pick the same free name: on
    PostgreSQL a lock on the title, held to the end of the transaction, makes the second
    wait and see the first's row (SQLite's write lock, taken by the job's fence, already
    does)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(func.pg_advisory_xact_lock(func.hashtext(title))))
    path = PurePath(file)
    candidate, number = file, 1
    while db.session.scalar(
        select(Source.id).where(Source.title == title, Source.file == candidate)
    ):
        number += 1
        candidate = f"{path.stem}-{number}{path.suffix}"
    return candidate


Recovery = Literal["finished", "waiting", "requeued", "failed"]


def recover_job(job_id: int, *, now: datetime, settings: JobSettings) -> Recovery:
    """Look after a job whose worker may have died.

    A running job whose heartbeat is older than ``stale_seconds`` lost its worker: it is
    queued again (the caller enqueues it) while it has had fewer than ``max_attempts``
    starts, else failed with the reason. The update names the attempt and heartbeat it
    saw, so a worker that beat meanwhile keeps its job.

    Returns:
        ``"finished"`` (done or failed: nothing more to watch), ``"waiting"`` (queued, or
        running with a live worker), ``"requeued"`` or ``"failed"``.
    """
    job = db.session.get(GenerationJob, job_id)
    if job is None or job.status not in ACTIVE:
        db.session.rollback()
        return "finished"
    stale = now - timedelta(seconds=settings.stale_seconds)
    if job.status == "queued" or (job.heartbeat_at or now) >= stale:
        db.session.rollback()
        return "waiting"
    attempts = job.attempts
    same = update(GenerationJob).where(
        GenerationJob.id == job_id,
        GenerationJob.status == "running",
        GenerationJob.attempts == attempts,
        GenerationJob.heartbeat_at == job.heartbeat_at,
    )
    if attempts >= settings.max_attempts:
        values: dict[str, Any] = {
            "status": "failed",
            "message": (
                f"the worker running this job stopped {attempts} times (killed or crashed: "
                "the document may be more than the generator can take); nothing was stored"
            ),
            "finished_at": now,
            "heartbeat_at": now,
        }
        outcome: Recovery = "failed"
    else:
        values = {
            "status": "queued",
            "stage": (
                f"waiting to start again: the worker running it stopped "
                f"(attempt {attempts + 1} of {settings.max_attempts})"
            ),
            "progress": 0,
            "heartbeat_at": now,
        }
        outcome = "requeued"
    changed = db.session.execute(same.values(**values))
    db.session.commit()
    return outcome if changed.rowcount == 1 else "waiting"  # type: ignore[attr-defined]


# --- reading and managing jobs ------------------------------------------------------


def retry_job(job: GenerationJob, *, now: datetime) -> None:
    """Queue a failed job again.

    Raises:
        JobNotRetryableError: the job did not fail, or its document is gone.
    """
    if job.status != "failed":
        raise JobNotRetryableError(f"job {job.id} is {job.status}; only a failed job is retried")
    has_document = job.data is not None or (job.source is not None and bool(job.source.text))
    if not has_document:
        raise JobNotRetryableError(f"job {job.id}: the document is gone; upload it again")
    job.status = "queued"
    job.stage = "waiting to start"
    job.progress = 0
    job.message = ""
    job.attempts = 0
    job.started_at = job.finished_at = None
    job.heartbeat_at = now
    db.session.flush()


def job_state(job: GenerationJob) -> dict[str, Any]:
    """The job as the job page's script polls it."""
    return {
        **progress_state(job),
        "attempts": job.attempts,
        "source_id": job.source_id,
        "report": job.report,
        "summary": job.summary,
        "filename": job.filename,
        "format": job.document_format,
        "size": job.size,
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
    }


def owner_jobs(owner: User, *, limit: int = 20) -> list[GenerationJob]:
    """The teacher's latest jobs, newest first."""
    return list(
        db.session.scalars(
            select(GenerationJob)
            .where(GenerationJob.owner_id == owner.id)
            .order_by(GenerationJob.created_at.desc(), GenerationJob.id.desc())
            .limit(limit)
        )
    )


def owner_sources(owner: User) -> list[tuple[Source, decisions.ReviewCounts]]:
    """The teacher's uploaded documents with their review counts, by title."""
    sources = db.session.scalars(
        select(Source).where(Source.owner_id == owner.id).order_by(Source.title, Source.id)
    ).all()
    return [(source, decisions.review_counts(source)) for source in sources]

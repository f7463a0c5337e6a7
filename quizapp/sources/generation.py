"""Building banks from uploaded documents in the background, one job row per build.

An upload is checked at once (:func:`create_upload_job`: unknown, broken or unreadable
files are refused with the reason and nothing is stored), then a
:class:`~quizapp.models.GenerationJob` row is queued and a worker thread of the process
that took the upload runs it (:func:`start_job`): read (convert HTML or PDF), find facts
and write questions, store them as pending questions of the teacher's source. Each
stage commits the row's ``status``, ``stage`` and ``progress``, so any worker serving
the job page reads the truth from the database. While a process holds a job it
refreshes the job's ``heartbeat_at``; a queued or running job whose heartbeat is older
than ``GENERATION_STALE_SECONDS`` (its worker died) is marked failed by
:func:`mark_stale` and can be retried (:func:`retry_job`), since the upload is kept
until the job is done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Any

from flask import Flask, current_app
from sqlalchemy import or_, select, update
from sqlalchemy.exc import OperationalError
from werkzeug.utils import secure_filename

from quizapp.extensions import db
from quizapp.models import CLASSES, EVERYONE, GenerationJob, Source, User, utcnow
from quizapp.platform.boundary import fit_text
from quizapp.sources import decisions, importer
from quizapp.sources.audience import is_curator

__all__ = [
    "DEFAULT_MAX_UPLOAD_MB",
    "JobNotRetryableError",
    "create_regeneration_job",
    "create_upload_job",
    "job_state",
    "mark_stale",
    "owner_jobs",
    "owner_sources",
    "retry_job",
    "run_job",
    "stale_after",
    "start_job",
    "wait_for_jobs",
]

DEFAULT_MAX_UPLOAD_MB = 20
DEFAULT_STALE_SECONDS = 120
DEFAULT_HEARTBEAT_SECONDS = 10
# Build speed measured by bench/generate.py, used only to move the progress bar during
# the one long step that reports nothing (finding facts and writing questions).
BUILD_CHARS_PER_SECOND = 800_000
ACTIVE = ("queued", "running")

# Where each stage starts on the progress bar (0-100).
STAGES = {
    "reading": (5, "reading the document"),
    "building": (15, "finding dated facts and writing questions"),
    "storing": (85, "storing the questions"),
}
BUILD_SPAN = 70  # progress points the building stage may move through


class JobNotRetryableError(ValueError):
    """Only a failed job whose document is still at hand can be run again."""


def _stored_name(filename: str) -> str:
    name = secure_filename(filename)
    return name if PurePath(name).suffix else f"{name or 'document'}.txt"


def create_upload_job(
    owner: User, filename: str, data: bytes, *, now: datetime, source: Source | None = None
) -> GenerationJob:
    """Check an uploaded document and queue the job that builds its bank.

    Args:
        owner: the uploading teacher.
        filename: the file's name as uploaded; its extension names the format.
        data: the file's bytes.
        now: the upload time.
        source: the teacher's source this is a new version of; a new source otherwise.

    Returns:
        The queued job (flushed, not committed).

    Raises:
        importer.DocumentError: the file cannot be read; the message says why. Nothing
            is added to the session.
    """
    fmt = importer.check_upload(data, filename)
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
    """A new job for ``owner``, queued and waiting for a worker thread."""
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


# --- running -------------------------------------------------------------------------


def _set_stage(job: GenerationJob, stage: str, now: datetime, message: str = "") -> None:
    job.progress, job.stage = STAGES[stage]
    if message:
        job.stage = message
    job.heartbeat_at = now
    db.session.commit()


def _unique_file(title: str, file: str) -> str:
    """``file``, or ``name-2.ext``, ``name-3.ext``...: a source is unique by title and file."""
    path = PurePath(file)
    candidate, number = file, 1
    while db.session.scalar(
        select(Source.id).where(Source.title == title, Source.file == candidate)
    ):
        number += 1
        candidate = f"{path.stem}-{number}{path.suffix}"
    return candidate


def run_job(job_id: int, *, clock: Callable[[], datetime] = utcnow) -> GenerationJob | None:
    """Run a queued job to its end, committing each stage; needs an app context.

    A job that another worker already claimed (not queued any more) is left alone.

    Returns:
        The finished job, or None when it was not queued.
    """
    claimed = db.session.execute(
        update(GenerationJob)
        .where(GenerationJob.id == job_id, GenerationJob.status == "queued")
        .values(status="running", started_at=clock(), heartbeat_at=clock(), message="")
    )
    db.session.commit()
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    job = db.session.get(GenerationJob, job_id)
    assert job is not None
    try:
        _run(job, clock)
    except importer.QuestionBankError as error:
        db.session.rollback()
        _fail(job, str(error), clock())
    except Exception as error:  # a worker must leave the row finished whatever happened
        db.session.rollback()
        current_app.logger.exception("generation job %s failed", job_id)
        _fail(job, f"internal error ({type(error).__name__}); try again", clock())
    return job


def _fail(job: GenerationJob, message: str, now: datetime) -> None:
    job = db.session.get(GenerationJob, job.id) or job
    job.status = "failed"
    job.message = message
    job.finished_at = now
    job.heartbeat_at = now
    db.session.commit()


def _run(job: GenerationJob, clock: Callable[[], datetime]) -> None:
    _set_stage(job, "reading", clock())
    source = db.session.get(Source, job.source_id) if job.source_id else None
    fmt: str
    if job.data is not None:
        converted = importer.convert_upload(job.data, job.filename)
        text, fmt = converted.text, converted.format
    elif source is not None and source.text:
        text, fmt = source.text, source.document_format
    else:
        raise importer.DocumentError(f"{job.filename}: the document is no longer stored")
    message = f"finding dated facts and writing questions ({len(text):,} characters)"
    _set_stage(job, "building", clock(), message)
    bank = importer.build_bank_from_text(
        text, file=job.filename, title=source.title if source is not None else None
    )
    _set_stage(job, "storing", clock(), f"storing {len(bank.questions):,} questions")
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


# --- the worker threads ----------------------------------------------------------------


@dataclass
class _Runner:
    """A process's worker threads for one app, and the heartbeat of the jobs they hold."""

    app: Flask
    executor: ThreadPoolExecutor
    held: dict[int, datetime] = field(default_factory=dict)  # job id -> held since
    futures: list[Future[None]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    beating: bool = False

    def submit(self, job_id: int) -> Future[None]:
        with self.lock:
            self.held[job_id] = utcnow()
            self.futures = [future for future in self.futures if not future.done()]
            future = self.executor.submit(self._work, job_id)
            self.futures.append(future)
            if not self.beating:
                self.beating = True
                threading.Thread(
                    target=self._beat, name="quizapp-generation-heartbeat", daemon=True
                ).start()
        return future

    def _work(self, job_id: int) -> None:
        try:
            with self.app.app_context():
                try:
                    run_job(job_id)
                finally:
                    db.session.remove()
        finally:
            with self.lock:
                self.held.pop(job_id, None)

    def _beat(self) -> None:
        interval = float(
            self.app.config.get("GENERATION_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS)
        )
        stop = threading.Event()
        while not stop.wait(interval):
            with self.lock:
                held = list(self.held)
                if not held:
                    self.beating = False
                    return
            with self.app.app_context():
                try:
                    _heartbeat(held, utcnow())
                except OperationalError:  # the database is busy (a job storing): next beat
                    db.session.rollback()
                finally:
                    db.session.remove()


def _heartbeat(job_ids: list[int], now: datetime) -> None:
    db.session.execute(
        update(GenerationJob)
        .where(GenerationJob.id.in_(job_ids), GenerationJob.status.in_(ACTIVE))
        .values(heartbeat_at=now)
    )
    # Move the bar through the building stage by the measured speed: that step is one
    # library call that reports nothing until it ends.
    building_start = STAGES["building"][0]
    for job in db.session.scalars(
        select(GenerationJob).where(
            GenerationJob.id.in_(job_ids),
            GenerationJob.status == "running",
            GenerationJob.progress >= building_start,
            GenerationJob.progress < STAGES["storing"][0],
            GenerationJob.stage.startswith("finding"),
        )
    ):
        elapsed = (now - (job.started_at or now)).total_seconds()
        expected = max(1.0, job.size / BUILD_CHARS_PER_SECOND)
        job.progress = building_start + int(BUILD_SPAN * min(0.95, elapsed / expected))
    db.session.commit()


def _runner(app: Flask) -> _Runner:
    runner = app.extensions.get("quizapp.generation")
    if runner is None:
        workers = int(app.config.get("GENERATION_WORKERS", 1))
        runner = _Runner(
            app, ThreadPoolExecutor(max_workers=workers, thread_name_prefix="quizapp-generation")
        )
        app.extensions["quizapp.generation"] = runner
    assert isinstance(runner, _Runner)
    return runner


def start_job(app: Flask, job_id: int) -> Future[None]:
    """Run a committed, queued job in one of this process's worker threads."""
    return _runner(app).submit(job_id)


def wait_for_jobs(app: Flask, timeout: float | None = None) -> None:
    """Wait until this process's worker threads finish every job they were given."""
    runner = _runner(app)
    with runner.lock:
        futures = list(runner.futures)
    for future in futures:
        future.result(timeout=timeout)


# --- reading and managing jobs ------------------------------------------------------


def mark_stale(*, now: datetime, stale_after: timedelta) -> int:
    """Mark failed every queued or running job whose worker stopped beating.

    Returns:
        How many jobs were marked.
    """
    limit = now - stale_after
    stale = db.session.scalars(
        select(GenerationJob).where(
            GenerationJob.status.in_(ACTIVE),
            or_(
                GenerationJob.heartbeat_at < limit,
                GenerationJob.heartbeat_at.is_(None) & (GenerationJob.created_at < limit),
            ),
        )
    ).all()
    for job in stale:
        job.status = "failed"
        job.message = (
            "the worker running this job stopped (the server restarted?); run it again with Retry"
        )
        job.finished_at = now
    db.session.flush()
    return len(stale)


def stale_after(app: Flask) -> timedelta:
    """How long a job may go without a heartbeat (``GENERATION_STALE_SECONDS``)."""
    seconds = app.config.get("GENERATION_STALE_SECONDS", DEFAULT_STALE_SECONDS)
    return timedelta(seconds=float(seconds))


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
    job.started_at = job.finished_at = None
    job.heartbeat_at = now
    db.session.flush()


def job_state(job: GenerationJob) -> dict[str, Any]:
    """The job as the job page's script polls it."""
    return {
        "id": job.id,
        "status": job.status,
        "stage": job.stage,
        "progress": job.progress,
        "message": job.message,
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

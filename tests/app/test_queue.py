"""Generation jobs in the real job queue: huey's consumer and its worker processes, started
as ``flask --app quizapp worker`` and killed with real signals.

The queue is a SQLite file beside the test's database; in the PostgreSQL pass the test
database itself (huey's tables, dropped afterwards); with ``QUIZAPP_TEST_REDIS_URL`` set
(CI starts a redis-server) the same tests run once more on Redis.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import conftest
import pytest
from conftest import (
    DATA,
    NOW,
    SAMPLE_BANK,
    AuthActions,
    add_simulated_reviews,
    add_user,
    count_rows,
    make_app,
    reset_database,
)
from flask import Flask
from flask.testing import FlaskClient
from sample_pdf import make_raw_pdf, many_runs_pdf
from sqlalchemy import func, select, text
from werkzeug.test import EnvironBuilder

from question_bank.build import build_bank
from question_bank.formats import document_text
from quizapp.extensions import db
from quizapp.models import GenerationJob, Question, ScheduleFit, Source, User
from quizapp.sources.decisions import review_counts
from quizapp.sources.queue import queue_for

pytestmark = pytest.mark.slow

FLASK = Path(sys.executable).with_name("flask")
ROOT = Path(__file__).resolve().parents[2]
LIMITS = {
    "GENERATION_READ_SECONDS": 5,
    # Long enough for the 1,500 dated sentences the killed-worker tests build on a busy
    # machine; the build-time test sets its own 10 s.
    "GENERATION_BUILD_SECONDS": 60,
    # The machine running the suite is busy with other tests: at the lowest priority a
    # job would wait for them.
    "GENERATION_LOW_PRIORITY": False,
    "GENERATION_MEMORY_MB": 400,
    "GENERATION_HEARTBEAT_SECONDS": 0.5,
    "GENERATION_STALE_SECONDS": 3,
    "GENERATION_DEFER_SECONDS": 0.5,
    "GENERATION_MAX_ATTEMPTS": 3,
}


@pytest.fixture(params=["database", "redis"])
def queue_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "redis":
        url = os.environ.get("QUIZAPP_TEST_REDIS_URL")
        if not url:
            message = "QUIZAPP_TEST_REDIS_URL is not set (CI starts a redis-server)"
            if os.environ.get("CI") == "true":
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
        return url
    return os.environ.get("QUIZAPP_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'queue.db'}"


class Workers:
    """``flask --app quizapp worker`` in its own process group."""

    def __init__(self, tmp_path: Path, config: dict[str, Any]) -> None:
        self.log = tmp_path / "worker.log"
        self.env = {
            **os.environ,
            "QUIZAPP_DATABASE_URL": conftest.test_database_url(tmp_path),
            "QUIZAPP_SECRET_KEY": "test secret",
            **{
                f"QUIZAPP_{key}": value if isinstance(value, str) else json.dumps(value)
                for key, value in config.items()
            },
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, workers: int = 2) -> None:
        with self.log.open("ab") as handle:
            self.process = subprocess.Popen(
                [str(FLASK), "--app", "quizapp", "worker", "--workers", str(workers)],
                env=self.env,
                stdout=handle,
                stderr=handle,
                start_new_session=True,
            )

    def worker_pids(self) -> list[int]:
        """The consumer's worker processes."""
        assert self.process is not None
        return _children(self.process.pid)

    def busy_worker(self) -> int | None:
        """The worker process that has a child (a job's limited step) right now."""
        for pid in self.worker_pids():
            if _children(pid):
                return pid
        return None

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


@pytest.fixture
def world(
    tmp_path: Path, queue_url: str
) -> Iterator[tuple[Flask, FlaskClient, Workers, dict[str, Any]]]:
    config = {**LIMITS, "QUEUE_URL": queue_url}
    app, client, workers = teacher_and_workers(tmp_path, config)
    yield app, client, workers, config
    close_queue(app, workers, queue_url)


def teacher_and_workers(
    tmp_path: Path, config: dict[str, Any]
) -> tuple[Flask, FlaskClient, Workers]:
    """An app whose jobs wait for worker processes, on an empty database; a client with a
    teacher logged in; the workers, not started yet."""
    app = make_app(tmp_path, QUEUE_IMMEDIATE=False, **config)
    with app.app_context():
        reset_database()
    client = app.test_client()
    AuthActions(app, client).login_as_teacher()
    return app, client, Workers(tmp_path, config)


def close_queue(app: Flask, workers: Workers, queue_url: str) -> None:
    """Stop the workers, empty the queue and close its storage's connections."""
    workers.stop()
    with app.app_context():
        storage = queue_for(app).storage
        storage.flush_all()
        storage.close()
        if db.engine.dialect.name == "postgresql" and queue_url.startswith("postgres"):
            for table in ("kv", "schedule", "task", "counter"):
                db.session.execute(text(f"DROP TABLE IF EXISTS huey_{table}"))
            db.session.commit()
    if workers.log.exists():
        print(workers.log.read_text()[-4000:])


def upload(client: FlaskClient, name: str, data: bytes) -> tuple[int, float]:
    """Upload through the page; the job's id and how long the request took."""
    # The body of a large upload is a temporary file that the test client never closes.
    environ = EnvironBuilder(
        path="/teach/documents/upload",
        method="POST",
        data={"document": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    ).get_environ()
    started = time.perf_counter()
    try:
        response = client.open(environ)
    finally:
        environ["wsgi.input"].close()
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.text[:300]
    return int(response.location.rsplit("/", 1)[1]), elapsed


def job_row(app: Flask, job_id: int) -> GenerationJob:
    with app.app_context():
        job = db.session.get(GenerationJob, job_id)
        assert job is not None
        db.session.expunge(job)
        return job


def wait_for(
    app: Flask, job_id: int, done: Callable[[GenerationJob], bool], timeout: float = 120
) -> GenerationJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = job_row(app, job_id)
        if done(job):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} never got there: {job_row(app, job_id).__dict__}")


def finished(job: GenerationJob) -> bool:
    return job.status in ("done", "failed")


def failed_job_page(client: FlaskClient, job_id: int) -> str:
    """The page of a job that failed: it offers a retry."""
    page = client.get(f"/teach/jobs/{job_id}").text
    assert 'id="retry"' in page
    return page


def slow_valid_pdf(sentences: int) -> bytes:
    """A PDF whose every letter is its own text run: slow to read, with dated facts (one
    sentence a line, five lines a paragraph)."""
    names = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo"]
    places = ["Kiel", "Riga", "Turku", "Visby", "Lund", "Bergen", "Tallinn", "Gdansk"]
    lines = []
    for n in range(sentences):
        sentence = (
            f"The {places[n % 8]} charter of {names[n // 8 % 8]} was granted by the king "
            f"on {1 + n % 28} May {1500 + n % 400}."
        )
        runs = b" ".join(b"(" + letter.encode() + b") Tj" for letter in sentence)
        lines.append(runs + (b" T* T*" if n % 5 == 4 else b" T*"))
    return make_raw_pdf([b"BT /F1 11 Tf 14 TL 72 760 Td " + b" ".join(lines) + b" ET"])


def test_upload_returns_at_once_and_a_pdf_over_its_cpu_limit_fails_with_the_reason(
    world: tuple[Flask, FlaskClient, Workers, dict[str, Any]],
) -> None:
    app, client, workers, config = world
    hostile = many_runs_pdf(100_000, pages=30)  # 91 KB, minutes of reading
    job_id, seconds = upload(client, "slow.pdf", hostile)
    assert seconds < 2.0  # nothing is read in the request
    assert job_row(app, job_id).status == "queued"
    workers.start()
    job = wait_for(app, job_id, finished)
    assert job.status == "failed"
    assert "this PDF took more than 5 s to read; nothing was stored" in job.message
    assert job.source_id is None and count_rows(app, Source) == 0 and count_rows(app, Question) == 0
    assert "this PDF took more than 5 s to read" in failed_job_page(client, job_id)


def test_a_job_over_its_build_time_fails_with_the_reason_and_stores_nothing(
    tmp_path: Path, queue_url: str
) -> None:
    config = {**LIMITS, "QUEUE_URL": queue_url, "GENERATION_BUILD_SECONDS": 10}
    app, client, workers = teacher_and_workers(tmp_path, config)
    try:
        # Many dates in one endless sentence: quadratic in the fact finder (minutes at 24 KB).
        endless = ("On 5 May 1994 the truce " * 1_000).encode()
        slow_id, _ = upload(client, "endless.txt", endless)
        workers.start()
        job = wait_for(app, slow_id, finished)
        assert job.status == "failed", job.message
        assert "finding the dated facts of this document took more than 10 s" in job.message
        assert count_rows(app, Source) == 0 and count_rows(app, Question) == 0
    finally:
        close_queue(app, workers, queue_url)


@pytest.mark.parametrize("queue_url", ["database"], indirect=True)
def test_a_job_over_its_memory_limit_fails_with_the_reason(tmp_path: Path, queue_url: str) -> None:
    config = {**LIMITS, "QUEUE_URL": queue_url, "GENERATION_MEMORY_MB": 30}
    app, client, workers = teacher_and_workers(tmp_path, config)
    try:
        article = (
            DATA.parents[2] / "quizapp/documents/second-nagorno-karabakh-war.txt"
        ).read_text()
        big = "\n\n".join(f"{article}\n\nPart {n}." for n in range(25)).encode()  # 2.5 MB
        job_id, _ = upload(client, "big.txt", big)
        workers.start()
        job = wait_for(app, job_id, finished)
        assert job.status == "failed"
        assert "needed more than 30 MB of memory; nothing was stored" in job.message
        assert count_rows(app, Source) == 0 and count_rows(app, Question) == 0
    finally:
        close_queue(app, workers, queue_url)


def test_one_teachers_documents_cannot_hold_every_worker(
    world: tuple[Flask, FlaskClient, Workers, dict[str, Any]],
) -> None:
    app, client, workers, config = world
    hostile = many_runs_pdf(100_000, pages=30)
    first, _ = upload(client, "slow-1.pdf", hostile)
    second, _ = upload(client, "slow-2.pdf", hostile)
    other_client = app.test_client()
    add_user(app, "other@example.org", role="teacher")
    AuthActions(app, other_client).login("other@example.org")
    other, _ = upload(other_client, "notes.md", (DATA / "notes.md").read_bytes())
    workers.start(workers=2)
    jobs = [wait_for(app, job_id, finished) for job_id in (first, second, other)]
    theirs = jobs.pop()
    one, two = sorted(jobs, key=lambda job: job.started_at or job.created_at)
    assert theirs.status == "done" and one.status == two.status == "failed"
    # The teacher's two jobs never ran at once; the other teacher's did not wait for both.
    assert two.started_at is not None and one.finished_at is not None
    assert two.started_at >= one.finished_at
    assert theirs.finished_at is not None and two.finished_at is not None
    assert theirs.finished_at < two.finished_at
    assert one.attempts == two.attempts == 1  # waiting for a turn is not an attempt


def test_a_worker_stores_an_upload_as_its_teacher_s_unpublished_and_pending(
    world: tuple[Flask, FlaskClient, Workers, dict[str, Any]],
) -> None:
    app, client, workers, config = world
    notes = (DATA / "notes.md").read_bytes()
    teacher_job, _ = upload(client, "notes.md", notes)
    admin_client = app.test_client()
    AuthActions(app, admin_client).login_as_teacher("admin@example.org", is_admin=True)
    admin_job, _ = upload(admin_client, "notes.md", notes)
    workers.start()
    mine, admins = (wait_for(app, job_id, finished) for job_id in (teacher_job, admin_job))
    assert mine.status == admins.status == "done", (mine.message, admins.message)
    with app.app_context():
        source = db.session.get(Source, mine.source_id)
        admin_source = db.session.get(Source, admins.source_id)
        assert source is not None and admin_source is not None
        assert (source.owner_id, source.audience) == (mine.owner_id, "classes")
        # An administrator's upload is for everyone once published, but not before.
        assert (admin_source.owner_id, admin_source.audience) == (admins.owner_id, "everyone")
        for stored in (source, admin_source):
            counts = review_counts(stored)
            assert counts.pending > 0 and counts.accepted == counts.rejected == 0
    question_id = first_question(app, source.id)
    assert client.get(f"/teach/documents/{source.id}/review").status_code == 200
    assert client.get(f"/teach/questions/{question_id}").status_code == 200
    assert client.get(f"/sources/{source.id}").status_code == 200
    other = app.test_client()
    AuthActions(app, other).login_as_teacher("other@example.org")
    learner = app.test_client()
    AuthActions(app, learner).login_as_learner()
    assert other.get(f"/teach/jobs/{teacher_job}").status_code == 403
    assert other.get(f"/teach/documents/{source.id}/review").status_code == 403
    assert other.get(f"/teach/questions/{question_id}").status_code == 404
    for stranger in (other, learner):
        # The administrator's upload, for everyone once published, reaches no one before.
        for source_id in (source.id, admin_source.id):
            assert stranger.get(f"/sources/{source_id}").status_code == 404, source_id


def first_question(app: Flask, source_id: int) -> int:
    with app.app_context():
        first = db.session.scalars(
            select(Question.id).where(Question.source_id == source_id).order_by(Question.id)
        ).first()
        assert first is not None
        return first


def kill_busy_worker(workers: Workers, app: Flask, job_id: int, attempt: int) -> None:
    """Wait until a worker runs the job's ``attempt``, then ``kill -9`` it."""
    wait_for(
        app,
        job_id,
        lambda job: job.status == "running" and job.attempts == attempt,
        timeout=60,
    )
    deadline = time.monotonic() + 30
    while (pid := workers.busy_worker()) is None:
        assert time.monotonic() < deadline, "no worker is running the job"
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)


def test_a_killed_worker_s_job_finishes_on_a_retry_with_the_same_bank(
    world: tuple[Flask, FlaskClient, Workers, dict[str, Any]],
) -> None:
    app, client, workers, config = world
    data = slow_valid_pdf(1_500)
    job_id, _ = upload(client, "charters.pdf", data)
    workers.start()
    kill_busy_worker(workers, app, job_id, attempt=1)
    job = wait_for(app, job_id, finished)
    assert job.status == "done", job.message
    assert job.attempts == 2  # the first start, killed; the retry, finished
    expected = build_bank(document_text(data, name="charters.pdf").text, file="charters.pdf")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Source)) == 1
        stored = set(db.session.scalars(select(Question.bank_id)))
    assert stored == {question.id for question in expected.questions}


def test_a_job_that_keeps_losing_its_worker_fails_after_its_attempts(
    world: tuple[Flask, FlaskClient, Workers, dict[str, Any]],
) -> None:
    app, client, workers, config = world
    job_id, _ = upload(client, "charters.pdf", slow_valid_pdf(1_500))
    workers.start()
    for attempt in (1, 2, 3):
        kill_busy_worker(workers, app, job_id, attempt)
    job = wait_for(app, job_id, finished)
    assert job.status == "failed" and job.attempts == 3
    assert "the worker running this job stopped 3 times" in job.message
    assert count_rows(app, Source) == 0
    assert "stopped 3 times" in failed_job_page(client, job_id)


def test_a_worker_fits_a_learner_s_schedule_while_the_page_shows_its_progress(
    world: tuple[Flask, FlaskClient, Workers, dict[str, Any]],
) -> None:
    from question_bank.bank import load_bank
    from quizapp.sources.importer import import_bank

    app, _teacher, workers, _config = world
    app.config["OPTIMIZE_MIN_REVIEWS"] = 100
    workers.env["QUIZAPP_OPTIMIZE_MIN_REVIEWS"] = "100"
    with app.app_context():
        import_bank(load_bank(SAMPLE_BANK), now=NOW)
        db.session.commit()
    client = app.test_client()
    learner_id = AuthActions(app, client).login_as_learner()
    add_simulated_reviews(app, learner_id, cards=100, days=60)

    response = client.post("/study/optimize")
    assert response.status_code == 302
    fit_url = response.headers["Location"]
    page = client.get(fit_url).text  # no worker yet: the fit waits, the page says so
    assert 'data-status="queued"' in page and "queued: waiting for a worker" in page
    assert client.get(fit_url + "/status").get_json()["progress"] == 0

    workers.start(workers=1)
    deadline = time.monotonic() + 60
    while (state := client.get(fit_url + "/status").get_json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, state
        time.sleep(0.2)
    assert state["status"] == "done", state
    assert state["adopted"] and state["progress"] == 100
    assert state["log_loss_after"] < state["log_loss_before"]
    with app.app_context():
        learner = db.session.get(User, learner_id)
        fit = db.session.scalars(select(ScheduleFit)).one()
        assert learner is not None and learner.fsrs_parameters == fit.parameters
        assert fit.started_at is not None and fit.finished_at is not None
    assert 'id="fit-metrics"' in client.get(fit_url).text

"""The job queue that runs generation jobs: huey, in worker processes apart from the web.

Where the queue lives is ``QUEUE_URL`` (``QUIZAPP_QUEUE_URL``):

- ``sqlite:///PATH`` (the default: ``instance/queue.sqlite``): the embedded setup, no
  server; workers run on the machine that holds the file.
- ``postgresql://...``: a PostgreSQL database (the app's own will do: huey keeps its
  tables beside the app's, prefixed ``huey_``, and wakes workers with LISTEN/NOTIFY);
  workers run on any machine that reaches it.
- ``redis://...``: a Redis server; workers run on any machine that reaches it.

Two tasks for generation: ``generate`` claims a job and runs it (a teacher at the
running-jobs limit: the task comes back ``GENERATION_DEFER_SECONDS`` later, and other
teachers' jobs go first), and ``watch`` looks after a job every third of
``GENERATION_STALE_SECONDS`` until it is finished, queueing it again when its worker died
(huey does not: a task whose worker is killed mid-run is lost, by design). Two for
personal FSRS parameters (:mod:`quizapp.learning.optimizing`): ``optimize`` runs a
learner's fit, and the periodic ``nightly-fits`` (at ``OPTIMIZE_NIGHTLY_HOUR``, UTC) queues
one for each learner with enough new reviews. ``flask --app quizapp worker`` runs the
consumer.

With ``QUEUE_IMMEDIATE`` (tests), huey runs a task as it is enqueued, in the enqueuing
process: its own immediate mode.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from flask import Flask
from huey import Huey, PostgresHuey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from huey.exceptions import RetryTask
from sqlalchemy.engine import make_url

from quizapp.extensions import db
from quizapp.models import GenerationJob, ScheduleFit, utcnow

__all__ = ["queue_for", "queue_url", "run_worker", "start_fit", "start_generation"]

QUEUE_NAME = "quizapp"
_EXTENSION = "quizapp.queue"
logger = logging.getLogger("quizapp.queue")


def queue_url(app: Flask) -> str:
    """``QUEUE_URL``, by default a SQLite file in the instance folder."""
    url = app.config.get("QUEUE_URL") or ""
    return str(url) or f"sqlite:///{Path(app.instance_path) / 'queue.sqlite'}"


def _make_huey(app: Flask) -> Huey:
    if app.config.get("QUEUE_IMMEDIATE"):
        return Huey(QUEUE_NAME, immediate=True, results=False)
    url = queue_url(app)
    scheme = url.split(":", 1)[0].split("+", 1)[0]
    if scheme == "sqlite":
        path = make_url(url).database
        if not path:
            raise ValueError(f"QUEUE_URL={url}: name a SQLite file, e.g. sqlite:///queue.sqlite")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(QUEUE_NAME, filename=path, results=False)
    if scheme in ("postgresql", "postgres"):
        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        return PostgresHuey(QUEUE_NAME, dsn=dsn, results=False)
    if scheme in ("redis", "rediss", "unix"):
        return RedisHuey(QUEUE_NAME, url=url, results=False)
    raise ValueError(f"QUEUE_URL={url}: use sqlite:///FILE, postgresql://... or redis://...")


def queue_for(app: Flask) -> Huey:
    """The app's queue, with its tasks (made once per app)."""
    huey = app.extensions.get(_EXTENSION)
    if huey is None:
        huey = _make_huey(app)
        _register_tasks(huey, app)
        app.extensions[_EXTENSION] = huey
    assert isinstance(huey, Huey)
    return huey


def _register_tasks(huey: Huey, app: Flask) -> None:
    from quizapp.learning import optimizing
    from quizapp.sources import generation

    @huey.task(name="generate")
    def generate(job_id: int) -> None:
        settings = generation.job_settings(app)
        with app.app_context():
            try:
                claim, attempt = generation.claim_job(
                    job_id, now=utcnow(), jobs_per_owner=settings.jobs_per_owner
                )
                if claim == "busy":
                    raise RetryTask(delay=settings.defer_seconds)
                if claim == "claimed":
                    generation.run_claimed_job(job_id, attempt, settings=settings)
            finally:
                db.session.remove()

    @huey.task(name="watch")
    def watch(job_id: int) -> None:
        settings = generation.job_settings(app)
        with app.app_context():
            try:
                outcome = generation.recover_job(job_id, now=utcnow(), settings=settings)
            finally:
                db.session.remove()
        if outcome == "requeued":
            logger.warning("generation job %s lost its worker: queued again", job_id)
            generate(job_id)
        if outcome != "finished" and outcome != "failed":
            watch.schedule((job_id,), delay=settings.stale_seconds / 3)

    @huey.task(name="optimize")
    def optimize(fit_id: int) -> None:
        with app.app_context():
            try:
                optimizing.run_fit(fit_id, now=utcnow)
            finally:
                db.session.remove()

    @huey.periodic_task(
        crontab(minute="0", hour=str(app.config.get("OPTIMIZE_NIGHTLY_HOUR", 3))),
        name="nightly-fits",
    )
    def nightly_fits() -> None:
        with app.app_context():
            try:
                fit_ids = optimizing.queue_nightly_fits(
                    now=utcnow(),
                    minimum=optimizing.minimum_reviews(app),
                    new_reviews=optimizing.nightly_new_reviews(app),
                )
            finally:
                db.session.remove()
        for fit_id in fit_ids:
            optimize(fit_id)

    @huey.on_startup()
    def fresh_connections() -> None:
        # A worker process is forked from the consumer: it opens its own connections.
        with app.app_context():
            db.engine.dispose(close=False)

    app.extensions[_EXTENSION + ".tasks"] = {
        "generate": generate,
        "watch": watch,
        "optimize": optimize,
        "nightly-fits": nightly_fits,
    }


def start_generation(app: Flask, job: GenerationJob) -> None:
    """Hand a committed, queued job to the queue, and start watching it."""
    from quizapp.sources import generation

    queue_for(app)
    tasks: dict[str, Any] = app.extensions[_EXTENSION + ".tasks"]

    settings = generation.job_settings(app)
    tasks["watch"].schedule((job.id,), delay=settings.stale_seconds / 3)
    tasks["generate"](job.id)


def start_fit(app: Flask, fit: ScheduleFit) -> None:
    """Hand a committed, queued fit of a learner's FSRS parameters to the queue."""
    queue_for(app)
    app.extensions[_EXTENSION + ".tasks"]["optimize"](fit.id)


def run_worker(app: Flask, *, workers: int) -> None:
    """Run the queue's consumer with ``workers`` worker processes until SIGINT (finish
    the jobs at hand) or SIGTERM (stop now; their jobs are queued again later)."""
    huey = queue_for(app)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    _warm_up()
    consumer = Consumer(
        huey,
        workers=workers,
        worker_type="process",
        periodic=True,  # the nightly fits
        initial_delay=0.1,
        max_delay=1.0,  # an idle SQLite queue is polled at least every second
        scheduler_interval=1,
        check_worker_health=True,
        health_check_interval=1,  # a killed worker is replaced within a second
    )
    with app.app_context():
        db.engine.dispose()
    consumer.run()


def _warm_up() -> None:
    """Load the generator's word tables once, before the workers fork: every job's child
    process starts with them instead of spending two seconds loading them."""
    from question_bank import QuestionBankError, build_bank

    with contextlib.suppress(QuestionBankError):
        build_bank("The Bishkek Protocol was signed on 5 May 1994.\n", file="warm-up.txt")

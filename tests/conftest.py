"""Shared fixtures: an app on a fresh database, its clients, and small factories.

Set ``QUIZAPP_TEST_DATABASE_URL`` to run the suite against another database (such as
PostgreSQL); by default each test gets its own SQLite file.
"""

from __future__ import annotations

import http.client
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from fsrs.scheduler import DEFAULT_PARAMETERS as DEFAULT_FSRS_PARAMETERS
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.exc import OperationalError, ProgrammingError
from werkzeug.serving import make_server
from werkzeug.test import TestResponse

from question_bank.bank import load_bank
from quizapp import create_app
from quizapp.accounts.users import create_user
from quizapp.extensions import db
from quizapp.learning.scheduling import LOOK_UP, DuplicateAnswer, record_answer, scheduler_for
from quizapp.learning.scoring import grade_answer
from quizapp.models import Card, Question, Review, User

DATA = Path(__file__).parent / "app" / "data"
SAMPLE_BANK = DATA / "sample_bank.yaml"
PASSWORD = "correct horse battery"
NOW = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def test_database_url(tmp_path: Path) -> str:
    """``QUIZAPP_TEST_DATABASE_URL``, else a SQLite file in the test's folder."""
    return os.environ.get("QUIZAPP_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite'}"


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    config: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "test secret",
        "DATABASE_URL": test_database_url(tmp_path),
        "WTF_CSRF_ENABLED": False,
        "FSRS_FUZZING": False,
        # Generation jobs run as they are queued, in the test's process (huey's own
        # immediate mode); tests/app/test_queue.py runs real workers.
        "QUEUE_IMMEDIATE": True,
    }
    config.update(overrides)
    app = create_app(config)
    _apps.append(app)
    return app


_postgres: Engine | None = None  # the test database, when it is PostgreSQL
_apps: list[Flask] = []  # the apps made by the current test
_schema_ready = False


def _check_test_database() -> None:
    """With ``QUIZAPP_TEST_DATABASE_URL`` set, the server must answer: under ``CI=true``
    every test fails when it does not; elsewhere every test is skipped, saying why."""
    global _postgres
    url = os.environ.get("QUIZAPP_TEST_DATABASE_URL")
    if not url:
        return
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        engine.dispose()
        message = f"QUIZAPP_TEST_DATABASE_URL={url} does not answer: {error.orig}"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message + ' (start one with: eval "$(.ci/start-postgres)")')
    if engine.dialect.name == "postgresql":
        _postgres = engine
    else:
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def test_database() -> Iterator[None]:
    _check_test_database()
    yield
    if _postgres is not None:
        _postgres.dispose()


@pytest.fixture(autouse=True)
def empty_postgres_after_test(test_database: None) -> Iterator[None]:
    """After every test: close its apps' connections; then, on PostgreSQL, one TRUNCATE
    empties every table, whichever fixtures the test used (DDL for every test would make
    the suite several times slower). A test that dropped the tables gets them recreated
    by the next ``app``."""
    global _schema_ready
    yield
    # Close every connection the test's apps opened: no open transaction may hold a lock
    # that TRUNCATE waits for, and no connection is left for the garbage collector.
    while _apps:
        with _apps.pop().app_context():
            db.session.remove()
            db.engine.dispose()
    if _postgres is None:
        return
    names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
    try:
        with _postgres.begin() as connection:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    except ProgrammingError:
        _schema_ready = False


def schema_changed() -> None:
    """A test changed the schema by other means: the next ``app`` recreates it."""
    global _schema_ready
    _schema_ready = False


def reset_database() -> None:
    """An empty database with the models' schema, for the current app.

    SQLite files are per test and created here. PostgreSQL's schema is created once per
    session (and again after a test dropped it); :func:`empty_postgres_after_test`
    empties it after every test.
    """
    global _schema_ready
    if db.engine.dialect.name == "postgresql" and _schema_ready:
        return
    db.drop_all()
    db.create_all()
    _schema_ready = db.engine.dialect.name == "postgresql"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app(tmp_path)
    with app.app_context():
        reset_database()
    yield app
    with app.app_context():
        db.session.remove()
        if db.engine.dialect.name == "sqlite":
            db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def add_user(app: Flask, email: str, *, role: str = "learner", **settings: Any) -> int:
    """Create an account with :data:`PASSWORD` and return its id."""
    with app.app_context():
        user = create_user(email, PASSWORD, display_name=email.split("@")[0], role=role)
        for key, value in settings.items():
            setattr(user, key, value)
        db.session.commit()
        return user.id


def session_id(app: Flask, user_id: int) -> str:
    """What a new login session of this user carries as ``_user_id`` (its row is
    stored, as a login through the form stores it)."""
    from quizapp.accounts.sessions import open_login

    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        carried = open_login(user, remember=False, now=datetime.now(UTC))
        db.session.commit()
        return carried


@contextmanager
def new_learner(app: Flask, **settings: Any) -> Iterator[User]:
    """A new learner, a@example.org (with ``settings``), inside an app context."""
    add_user(app, "a@example.org", **settings)
    with app.app_context():
        yield get_user("a@example.org")


def count_rows(app: Flask, model: Any) -> int:
    """How many rows the model's table holds now."""
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def get_user(email: str) -> User:
    user = db.session.scalars(db.select(User).where(User.email == email)).one()
    return user


def record(
    user: User,
    question: Question,
    given: str = "8 November 2020",
    *,
    now: datetime = NOW,
    version: int | None = None,
    card: Card | None | Any = LOOK_UP,
) -> Review | DuplicateAnswer:
    """``user``'s answer ``given`` to ``question``, graded and recorded by
    :func:`quizapp.learning.scheduling.record_answer` at ``now`` (20 s taken, FSRS without
    fuzzing), at ``version`` or else the card's version now; ``card`` as
    ``record_answer`` takes it. Nothing is committed."""
    if version is None:
        found = (
            db.session.scalars(
                db.select(Card).where(Card.user_id == user.id, Card.fact == question.fact)
            ).first()
            if card is LOOK_UP
            else card
        )
        version = found.reps if found is not None else 0
    return record_answer(
        user,
        question,
        grade_answer(question, given, day_first=True, duration_ms=20000),
        given=given,
        card_version=version,
        duration_ms=20000,
        scheduler=scheduler_for(user, enable_fuzzing=False),
        now=now,
        card=card,
    )


def change_password(
    client: FlaskClient, current: str, new: str, confirm: str | None = None
) -> TestResponse:
    """Post the settings page's password form; ``confirm`` repeats ``new`` unless given."""
    return client.post(
        "/settings/password",
        data={
            "current_password": current,
            "new_password": new,
            "confirm": new if confirm is None else confirm,
        },
    )


class AuthActions:
    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self._app = app
        self._client = client

    def login(self, email: str, password: str = PASSWORD, **query: str) -> TestResponse:
        return self._client.post(
            "/login", data={"email": email, "password": password}, query_string=query
        )

    def logout(self) -> TestResponse:
        return self._client.post("/logout")

    def _login_as(self, email: str, role: str, **settings: Any) -> int:
        with self._app.app_context():
            existing = db.session.scalar(db.select(User.id).where(User.email == email))
        user_id = existing or add_user(self._app, email, role=role, **settings)
        response = self.login(email)
        assert response.status_code == 302, response.text
        return user_id

    def login_as_learner(self, email: str = "learner@example.org", **settings: Any) -> int:
        return self._login_as(email, "learner", **settings)

    def login_as_teacher(self, email: str = "teacher@example.org", **settings: Any) -> int:
        return self._login_as(email, "teacher", **settings)


@pytest.fixture
def auth(app: Flask, client: FlaskClient) -> AuthActions:
    return AuthActions(app, client)


@pytest.fixture
def sample_bank() -> Any:
    return load_bank(SAMPLE_BANK)


@pytest.fixture
def imported(app: Flask, sample_bank: Any) -> int:
    """The sample bank imported; returns its source id."""
    from quizapp.sources.importer import import_bank

    with app.app_context():
        summary = import_bank(sample_bank, now=NOW, document_text=(DATA / "sample.txt").read_text())
        db.session.commit()
        return summary.source_id


@pytest.fixture
def eras(app: Flask) -> int:
    """The eras bank imported for everyone (dates of every era, facts asked by a date, a
    cloze and a choice question); returns its source id."""
    from quizapp.sources.importer import import_bank

    with app.app_context():
        text = (DATA / "eras.txt").read_text()
        summary = import_bank(load_bank(DATA / "eras_bank.yaml"), now=NOW, document_text=text)
        db.session.commit()
        return summary.source_id


def make_upload(
    app: Flask, teacher_id: int, *, title: str = "T1's notes", accept: Any = None
) -> int:
    """The teacher's upload of the sample bank, as a finished generation stores it: its
    questions pending, but those whose bank ids are in ``accept`` (every one when None)
    accepted by the teacher. Returns the source's id."""
    from quizapp.models import Question, Source
    from quizapp.sources import decisions
    from quizapp.sources.importer import import_bank

    with app.app_context():
        source = Source(
            title=title, file=f"{title}.txt", sha256="0" * 64, generator="test", owner_id=teacher_id
        )
        db.session.add(source)
        db.session.flush()
        import_bank(
            load_bank(SAMPLE_BANK),
            now=NOW,
            document_text=(DATA / "sample.txt").read_text(),
            source=source,
        )
        teacher = db.session.get(User, teacher_id)
        for question in db.session.scalars(
            db.select(Question).where(Question.source_id == source.id)
        ):
            if accept is None or question.bank_id in accept:
                decisions.decide(question, "accepted", teacher, now=NOW)
        db.session.commit()
        return source.id


# --- teaching --------------------------------------------------------------------------


@dataclass(frozen=True)
class Classroom:
    """Ids of a small class: a teacher, a learner in the class, a set of every sample
    question, and an assignment of that set, open now and due in a week."""

    teacher_id: int
    learner_id: int
    class_id: int
    join_code: str
    set_id: int
    assignment_id: int
    question_ids: list[int]


def make_class(app: Flask, teacher_id: int, name: str = "History 9B") -> tuple[int, str]:
    """A class of the teacher's; returns its id and join code."""
    from quizapp.teaching.classes import create_class

    with app.app_context():
        school_class = create_class(db.session.get(User, teacher_id), name, now=NOW)
        db.session.commit()
        return school_class.id, school_class.join_code


def join(app: Flask, user_id: int, class_id: int) -> None:
    from quizapp.models import ClassMember

    with app.app_context():
        db.session.add(ClassMember(class_id=class_id, user_id=user_id, joined_at=NOW))
        db.session.commit()


def make_set(
    app: Flask, teacher_id: int, source_id: int, *, name: str = "Shusha and after"
) -> tuple[int, list[int]]:
    """A set of every question of the source, in bank order; returns its id and the
    question ids."""
    from quizapp.models import Question, Source
    from quizapp.teaching.question_sets import add_questions, create_set

    with app.app_context():
        question_set = create_set(
            db.session.get(User, teacher_id),
            db.session.get(Source, source_id),
            name,
            "Dates of the war's end",
            now=NOW,
        )
        ids = list(
            db.session.scalars(
                db.select(Question.id).where(Question.source_id == source_id).order_by(Question.id)
            )
        )
        add_questions(question_set, ids, now=NOW)
        db.session.commit()
        return question_set.id, ids


def make_assignment(
    app: Flask,
    class_id: int,
    set_id: int,
    *,
    opens_at: datetime | None = None,
    due_at: datetime | None = None,
    max_attempts: int = 2,
    show_answer: str | None = "answer",
) -> int:
    """An assignment; by default open since yesterday and due in a week (real time, since
    the pages read the clock), its answers shown after each answer, so that the daily
    quiz asks its facts too (None: the assignment's own default, after the due date,
    which keeps them from the daily quiz until then)."""
    from quizapp.models import QuestionSet, SchoolClass
    from quizapp.teaching.assignments import create_assignment

    real_now = datetime.now(UTC)
    with app.app_context():
        assignment = create_assignment(
            db.session.get(SchoolClass, class_id),
            db.session.get(QuestionSet, set_id),
            opens_at=opens_at or real_now - timedelta(days=1),
            due_at=due_at or real_now + timedelta(days=7),
            max_attempts=max_attempts,
            now=real_now,
            **({} if show_answer is None else {"show_answer": show_answer}),
        )
        db.session.commit()
        return assignment.id


@pytest.fixture
def classroom(app: Flask, imported: int) -> Classroom:
    teacher_id = add_user(app, "teacher@example.org", role="teacher")
    learner_id = add_user(app, "learner@example.org")
    class_id, code = make_class(app, teacher_id)
    join(app, learner_id, class_id)
    set_id, question_ids = make_set(app, teacher_id, imported)
    assignment_id = make_assignment(app, class_id, set_id)
    return Classroom(teacher_id, learner_id, class_id, code, set_id, assignment_id, question_ids)


# --- real concurrent requests ----------------------------------------------------------


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """The app served over HTTP on a free port of 127.0.0.1, a thread per request, so
    that requests sent at once really run at once; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def post_at_once(
    url: str, forms: list[dict[str, str]], *, cookie: str | None = None
) -> list[tuple[int, str]]:
    """POST each form to ``url`` from a thread of its own, all released together by a
    barrier once connected; the (status, body) of each, in order."""
    parts = urlsplit(url)
    barrier = threading.Barrier(len(forms))
    results: list[tuple[int, str]] = [(0, "")] * len(forms)

    def send(index: int, form: dict[str, str]) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        connection.connect()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = cookie
        body = urlencode(form)
        barrier.wait()
        connection.request("POST", parts.path, body=body, headers=headers)
        response = connection.getresponse()
        results[index] = (response.status, response.read().decode())
        connection.close()

    threads = [
        threading.Thread(target=send, args=(index, form)) for index, form in enumerate(forms)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return results


# A learner who forgets faster than FSRS's defaults expect: a fit on their reviews must
# predict them better than the defaults.
FORGETFUL = (0.05, 0.3, 0.8, 3.0, *DEFAULT_FSRS_PARAMETERS[4:20], 0.4)


def add_simulated_reviews(
    app: Flask,
    user_id: int,
    *,
    cards: int,
    days: int,
    parameters: tuple[float, ...] = FORGETFUL,
    seed: int = 3,
) -> int:
    """Cards and reviews of a learner whose memory follows FSRS with ``parameters``,
    scheduled by the default scheduler: ``cards`` new facts over the first days (10 a
    day), reviewed when due for ``days`` days, recalled with the memory's
    retrievability (Good) or not (Again). Every card asks the first question of the
    database (their facts are made up). Returns the number of reviews stored."""
    import random

    from fsrs import Card as FsrsCard
    from fsrs import Rating, Scheduler

    from quizapp.models import Card, Question, Review

    rng = random.Random(seed)
    app_scheduler = Scheduler(enable_fuzzing=False)
    memory = Scheduler(parameters=parameters, enable_fuzzing=False)
    with app.app_context():
        question_id = db.session.scalar(db.select(Question.id).order_by(Question.id).limit(1))
        assert question_id is not None, "import a bank first"
        stored = 0
        for index in range(cards):
            now = NOW + timedelta(days=index // 10, minutes=index)
            card, truth = FsrsCard(due=now), FsrsCard(due=now)
            row = Card(user_id=user_id, fact=f"f-sim{index}", question_id=question_id)
            reviews = []
            while card.due < NOW + timedelta(days=days):
                when = max(now, card.due)
                recalled = (
                    truth.last_review is not None
                    and rng.random() < memory.get_card_retrievability(truth, when)
                )
                rating = Rating.Good if recalled or truth.last_review is None else Rating.Again
                before = card.to_dict()
                card, _ = app_scheduler.review_card(card, rating, when)
                truth, _ = memory.review_card(truth, rating, when)
                reviews.append((when, rating, before))
                now = when
            row.state, row.step = int(card.state), card.step
            row.stability, row.difficulty = card.stability, card.difficulty
            row.due, row.last_review, row.reps = card.due, card.last_review, len(reviews)
            db.session.add(row)
            db.session.flush()
            for version, (when, rating, before) in enumerate(reviews):
                db.session.add(
                    Review(
                        card_id=row.id,
                        user_id=user_id,
                        question_id=question_id,
                        card_version=version,
                        rating=int(rating),
                        original_rating=int(rating),
                        score=1.0 if rating > Rating.Again else 0.0,
                        correct=rating > Rating.Again,
                        given_answer="",
                        given_display="",
                        expected_display="",
                        feedback="",
                        reviewed_at=when,
                        state_before=int(before["state"]),
                        card_before=before,
                    )
                )
            stored += len(reviews)
        db.session.commit()
        return stored

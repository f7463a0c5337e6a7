"""Shared fixtures: an app on a fresh database, its clients, and small factories.

Set ``QUIZAPP_TEST_DATABASE_URL`` to run the suite against another database (such as
PostgreSQL); by default each test gets its own SQLite file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from werkzeug.test import TestResponse

from quizapp import create_app
from quizapp.accounts import create_user
from quizapp.extensions import db
from quizapp.models import User

DATA = Path(__file__).parent / "app" / "data"
SAMPLE_BANK = DATA / "sample_bank.yaml"
PASSWORD = "correct horse battery"
NOW = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    config: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "test secret",
        "DATABASE_URL": os.environ.get(
            "QUIZAPP_TEST_DATABASE_URL", f"sqlite:///{tmp_path / 'test.sqlite'}"
        ),
        "WTF_CSRF_ENABLED": False,
        "FSRS_FUZZING": False,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app(tmp_path)
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
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


def get_user(email: str) -> User:
    user = db.session.scalars(db.select(User).where(User.email == email)).one()
    return user


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
    from question_bank.bank import load_bank

    return load_bank(SAMPLE_BANK)


@pytest.fixture
def imported(app: Flask, sample_bank: Any) -> int:
    """The sample bank imported; returns its source id."""
    from quizapp.importer import import_bank

    with app.app_context():
        summary = import_bank(sample_bank, now=NOW, document_text=(DATA / "sample.txt").read_text())
        db.session.commit()
        return summary.source_id


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
    from quizapp.classes import create_class

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
    from quizapp.question_sets import add_questions, create_set

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
) -> int:
    """An assignment; by default open since yesterday and due in a week (real time, since
    the pages read the clock)."""
    from quizapp.assignments import create_assignment
    from quizapp.models import QuestionSet, SchoolClass

    real_now = datetime.now(UTC)
    with app.app_context():
        assignment = create_assignment(
            db.session.get(SchoolClass, class_id),
            db.session.get(QuestionSet, set_id),
            opens_at=opens_at or real_now - timedelta(days=1),
            due_at=due_at or real_now + timedelta(days=7),
            max_attempts=max_attempts,
            now=real_now,
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

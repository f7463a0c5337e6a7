"""Shared fixtures: an app on a fresh database, its clients, and small factories.

Set ``QUIZAPP_TEST_DATABASE_URL`` to run the suite against another database (such as
PostgreSQL); by default each test gets its own SQLite file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
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

"""The application factory: configuration, the SQLite defaults, the secret key, migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import make_app
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import text

from quizapp import instance_secret_key
from quizapp.extensions import db


def test_database_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    app = Flask("probe")
    app.config.from_prefixed_env("QUIZAPP")
    assert app.config["DATABASE_URL"].endswith("env.sqlite")


def test_sqlite_runs_with_wal_and_foreign_keys(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite only")
    with app.app_context():
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = instance_secret_key(tmp_path)
    assert len(first) == 64 and instance_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_migrations_build_the_models_schema(tmp_path: Path) -> None:
    app = make_app(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'migrated.sqlite'}")
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    assert differences == []

"""Migrations apply cleanly on the test database (SQLite, or PostgreSQL with
``QUIZAPP_TEST_DATABASE_URL``): from empty to head, from every earlier revision to
head, all the way down and up again, and the result matches the models exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import conftest
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from conftest import make_app
from flask import Flask, current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from quizapp.extensions import db


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app(tmp_path, DATABASE_URL=conftest.test_database_url(tmp_path))
    with app.app_context():
        _drop_everything()
    yield app
    with app.app_context():
        _drop_everything()
        db.session.remove()
        db.engine.dispose()
    conftest.schema_changed()


def _drop_everything() -> None:
    db.session.remove()
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _revisions() -> list[str]:
    """Every revision, oldest first."""
    config = current_app.extensions["migrate"].migrate.get_config()
    script = ScriptDirectory.from_config(config)
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def _current() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _differences() -> list[object]:
    with db.engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), db.metadata))


def test_upgrade_from_empty_matches_the_models(empty_app: Flask) -> None:
    with empty_app.app_context():
        upgrade()
        assert _current() == _revisions()[-1]
        assert _differences() == []


def test_upgrade_from_every_earlier_revision(empty_app: Flask) -> None:
    with empty_app.app_context():
        revisions = _revisions()
        assert len(revisions) >= 3
        for revision in revisions[:-1]:
            _drop_everything()
            upgrade(revision=revision)
            assert _current() == revision
            upgrade()
            assert _current() == revisions[-1], f"from {revision}"
            assert _differences() == [], f"from {revision}"


def test_downgrade_step_by_step_then_upgrade_again(empty_app: Flask) -> None:
    with empty_app.app_context():
        revisions = _revisions()
        upgrade()
        for expected in reversed([None, *revisions[:-1]]):
            downgrade(revision="-1")
            assert _current() == expected
        tables = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert tables == set()
        upgrade()
        assert _differences() == []


def test_links_replaced_before_the_upgrade_count_as_expired_not_redeemed(
    empty_app: Flask,
) -> None:
    """Before ``d4a8e1f07c93`` a newer link marked the older ones used; they become
    expired, and a link really redeemed stays used."""
    with empty_app.app_context():
        upgrade(revision="b3f1c0d2a4e5")
        issued, replaced, redeemed = (
            "2026-01-01 10:00:00",
            "2026-01-02 10:00:00",
            "2026-01-02 11:00:00",
        )
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    'INSERT INTO "user" (id, email, password_hash, display_name, role, is_admin, '
                    "desired_retention, new_per_day, reviews_per_day, day_first, created_at) "
                    "VALUES (1, 'a@example.org', 'x', 'a', 'learner', false, 0.9, 10, 200, true, "
                    ":at)"
                ),
                {"at": issued},
            )
            for number, (created, used) in enumerate(
                [(issued, replaced), (replaced, redeemed)], start=1
            ):
                connection.execute(
                    text(
                        "INSERT INTO password_reset (id, user_id, token_hash, created_at, "
                        "expires_at, used_at) VALUES (:id, 1, :hash, :created, :expires, :used)"
                    ),
                    {
                        "id": number,
                        "hash": str(number) * 64,
                        "created": created,
                        "expires": "2026-01-05 10:00:00",
                        "used": used,
                    },
                )
        upgrade(revision="d4a8e1f07c93")
        with db.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, used_at IS NULL, told_at IS NULL FROM password_reset ORDER BY id")
            ).all()
        assert [tuple(row) for row in rows] == [(1, True, True), (2, False, True)]
        downgrade(revision="b3f1c0d2a4e5")
        with db.engine.connect() as connection:
            used = (
                connection.execute(text("SELECT used_at IS NULL FROM password_reset ORDER BY id"))
                .scalars()
                .all()
            )
        assert used == [False, False]

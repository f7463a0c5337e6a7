"""``/healthz`` tells a load balancer when the database answers but cannot be written: a
read-only SQLite file, a read-only PostgreSQL server (a full disk, and the recovery after
it: tests/app/test_security.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import add_user, make_app
from flask import Flask
from flask.testing import FlaskClient

from quizapp.extensions import db


def test_a_writable_database_is_ok(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_a_read_only_sqlite_file_is_reported(tmp_path: Path, app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("a SQLite file")
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.session.remove()
        db.engine.dispose()
    path = tmp_path / "test.sqlite"
    read_only = make_app(tmp_path, DATABASE_URL=f"sqlite:///file:{path}?mode=ro&uri=true")
    client = read_only.test_client()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "degraded", "database": "read-only"}
    with read_only.app_context():
        db.engine.dispose()


def test_a_read_only_postgresql_server_is_reported_and_writes_are_503(
    tmp_path: Path, app: Flask
) -> None:
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL")
    add_user(app, "ro@example.org")
    options = {"connect_args": {"options": "-c default_transaction_read_only=on"}}
    read_only = make_app(tmp_path, SQLALCHEMY_ENGINE_OPTIONS=options)
    client = read_only.test_client()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "degraded", "database": "read-only"}
    login = client.post("/login", data={"email": "ro@example.org", "password": "wrong one"})
    assert login.status_code == 503 and "read-only" in login.text
    with read_only.app_context():
        db.engine.dispose()

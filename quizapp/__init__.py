"""quizapp: the Flask service where learners answer questions drawn from documents."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import make_url
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from quizapp.extensions import csrf, db, login_manager, migrate
from quizapp.models import MAX_ID
from quizapp.platform import sqlite_lock

__all__ = ["create_app"]


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route, bounded to what an INTEGER column holds: a larger
    number in a URL is a 404, never an overflow error inside the database driver."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application.

    Configuration comes from the defaults below, then ``instance/config.py`` if present,
    then ``QUIZAPP_*`` environment variables (``QUIZAPP_DATABASE_URL``,
    ``QUIZAPP_SECRET_KEY``, ``QUIZAPP_SESSION_COOKIE_SECURE``...), then ``test_config``.
    """
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    configure(app, test_config)
    app.url_map.converters["int"] = IdConverter
    if int(app.config.get("PROXY_COUNT") or 0) > 0:
        # Behind N load balancers or proxies: trust N hops of X-Forwarded-For/-Proto/
        # -Host, so login limits see the learner's address and links use https.
        hops = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    register_extensions(app)
    register_request_hooks(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_template_helpers(app)
    return app


def configure(app: Flask, test_config: Mapping[str, Any] | None) -> None:
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(
        DATABASE_URL=f"sqlite:///{Path(app.instance_path) / 'quizapp.sqlite'}",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=64 * 1024,
        FSRS_FUZZING=True,
        WTF_CSRF_TIME_LIMIT=None,
        # The JSON API's limit per token: API_RATE_LIMIT requests per API_RATE_WINDOW s.
        API_RATE_LIMIT=600,
        API_RATE_WINDOW=60,
    )
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("QUIZAPP")
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", app.config["DATABASE_URL"])
    queue_sqlite_writers(app)
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def queue_sqlite_writers(app: Flask) -> None:
    """On a SQLite database file, writers wait for each other on a file lock instead of
    SQLite's sleeping busy handler (:mod:`quizapp.platform.sqlite_lock`)."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    if url.query.get("mode") == "memory" or url.database.startswith("file:"):
        return
    options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    connect_args = options.setdefault("connect_args", {})
    connect_args.setdefault("factory", sqlite_lock.connection_factory(url.database))


def instance_secret_key(instance: Path) -> str:
    """The secret key kept in ``instance/secret_key``, generated on first use."""
    path = instance / "secret_key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    """WAL, foreign keys and a busy timeout on every new SQLite connection.

    ``synchronous=NORMAL`` is the setting SQLite recommends with WAL: a commit no longer
    waits for an fsync (only checkpoints do), so the write lock is held for less time;
    the database stays consistent, and only a power cut can lose the last commits.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def register_extensions(app: Flask) -> None:
    from quizapp.accounts import sessions

    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_pragmas)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in to continue."
    login_manager.login_message_category = "info"
    login_manager.user_loader(sessions.load_session_user)


def register_request_hooks(app: Flask) -> None:
    from quizapp.platform import boundary, requestlog, security

    requestlog.register(app)
    boundary.register(app)
    security.register(app)


def register_blueprints(app: Flask) -> None:
    from quizapp import api
    from quizapp.accounts import views as accounts
    from quizapp.export import views as export
    from quizapp.learning import views as learning
    from quizapp.platform import health
    from quizapp.sources import views as sources
    from quizapp.teaching import views as teaching

    app.register_blueprint(accounts.bp)
    app.register_blueprint(learning.bp)
    app.register_blueprint(teaching.bp)
    app.register_blueprint(sources.bp)
    app.register_blueprint(export.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(health.bp)


def register_errorhandlers(app: Flask) -> None:
    from quizapp.platform import errors

    errors.register(app)


def register_commands(app: Flask) -> None:
    from quizapp import cli

    cli.register(app)


def register_template_helpers(app: Flask) -> None:
    from quizapp.platform import templating

    templating.register(app)

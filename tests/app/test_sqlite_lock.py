"""Writers on one SQLite file queue on a file lock instead of SQLite's busy handler."""

from __future__ import annotations

import gc
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from quizapp import create_app
from quizapp.extensions import db
from quizapp.platform.sqlite_lock import connection_factory, lock_path


def _connect(database: Path, *, queued: bool = True, busy_ms: int = 0) -> sqlite3.Connection:
    factory = connection_factory(str(database)) if queued else sqlite3.Connection
    connection = sqlite3.connect(database, factory=factory, check_same_thread=False)
    connection.execute(f"PRAGMA busy_timeout={busy_ms}")
    return connection


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "queue.sqlite"
    with _connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE t (writer TEXT)")
    return path


def _write_in_thread(
    database: Path, writer: str, done: list[str], *, busy_ms: int = 0
) -> threading.Thread:
    def write() -> None:
        connection = _connect(database, busy_ms=busy_ms)
        connection.execute("INSERT INTO t VALUES (?)", (writer,))
        connection.commit()
        connection.close()
        done.append(writer)

    thread = threading.Thread(target=write)
    thread.start()
    return thread


def test_a_second_writer_waits_for_the_first_to_commit(database: Path) -> None:
    # busy_timeout=0: without the queue the second INSERT fails at once with
    # "database is locked"; with it, it waits for the first transaction to end.
    first = _connect(database)
    first.execute("INSERT INTO t VALUES ('first')")
    done: list[str] = []
    thread = _write_in_thread(database, "second", done)
    time.sleep(0.2)
    assert done == []  # still queued behind the open transaction
    first.commit()
    thread.join(5)
    assert done == ["second"]
    rows = [row[0] for row in first.execute("SELECT writer FROM t ORDER BY rowid")]
    assert rows == ["first", "second"]
    first.close()


@pytest.mark.parametrize("end", ["rollback", "close"])
def test_a_rollback_or_close_releases_the_queue(database: Path, end: str) -> None:
    first = _connect(database)
    first.execute("INSERT INTO t VALUES ('undone')")
    done: list[str] = []
    thread = _write_in_thread(database, "second", done)
    time.sleep(0.1)
    getattr(first, end)()
    thread.join(5)
    assert done == ["second"]
    with _connect(database) as check:
        assert [row[0] for row in check.execute("SELECT writer FROM t")] == ["second"]


def test_a_connection_dropped_without_closing_releases_the_queue(database: Path) -> None:
    first = _connect(database)
    first.execute("INSERT INTO t VALUES ('dropped')")
    done: list[str] = []
    # The queue is released as the connection is collected, a moment before SQLite
    # closes it and lets go of its own lock: the busy timeout covers that moment.
    thread = _write_in_thread(database, "second", done, busy_ms=5000)
    time.sleep(0.1)
    assert done == []
    del first
    gc.collect()
    thread.join(5)
    assert done == ["second"]


def test_reads_do_not_queue_behind_a_writer(database: Path) -> None:
    writer = _connect(database)
    writer.execute("INSERT INTO t VALUES ('pending')")
    reader = _connect(database)
    assert reader.execute("SELECT count(*) FROM t").fetchone() == (0,)
    writer.commit()
    assert reader.execute("SELECT count(*) FROM t").fetchone() == (1,)
    reader.close()
    writer.close()


def test_one_thread_with_two_writers_meets_sqlites_lock_not_a_deadlock(database: Path) -> None:
    first = _connect(database)
    first.execute("INSERT INTO t VALUES ('first')")
    second = _connect(database, busy_ms=50)
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        second.execute("INSERT INTO t VALUES ('second')")
    assert time.monotonic() - started < 2
    second.close()
    first.commit()
    first.close()


def test_a_writer_outside_the_queue_is_still_kept_out_by_sqlite(database: Path) -> None:
    queued = _connect(database)
    queued.execute("INSERT INTO t VALUES ('queued')")
    outsider = _connect(database, queued=False, busy_ms=0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        outsider.execute("INSERT INTO t VALUES ('outsider')")
    queued.commit()
    outsider.execute("INSERT INTO t VALUES ('outsider')")
    outsider.commit()
    outsider.close()
    queued.close()


def test_the_app_queues_writers_on_a_sqlite_file_only(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "x"})
    factory = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["factory"]
    assert issubclass(factory, sqlite3.Connection) and factory is not sqlite3.Connection
    with app.app_context():
        db.session.execute(text("CREATE TABLE t (x INTEGER)"))
        db.session.execute(text("INSERT INTO t VALUES (1)"))
        db.session.commit()
        assert db.session.execute(text("SELECT count(*) FROM t")).scalar() == 1
        db.engine.dispose()
    assert Path(lock_path(str(tmp_path / "app.sqlite"))).exists()
    for url in ("sqlite://", "postgresql://quizapp@localhost/x"):
        other = create_app({"DATABASE_URL": url, "SECRET_KEY": "x"})
        options = other.config.get("SQLALCHEMY_ENGINE_OPTIONS", {})
        assert "factory" not in options.get("connect_args", {}), url

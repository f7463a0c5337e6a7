"""One writer at a time on a SQLite database, queued by the kernel instead of by polling.

SQLite lets one connection write at a time. A connection that finds the write lock
taken calls its busy handler, which sleeps and tries again: after 1, 2, 5, 10, 15, 20,
25, 25, 25, 50, 50 and then 100 ms. Under concurrent answers a writer that missed the
lock by a millisecond may sleep 25 or 50 ms while the lock sits free, and those sleeps
are the tail of the answer latency.

:func:`connection_factory` gives ``sqlite3.connect`` a connection class that takes an
exclusive ``flock`` on a file beside the database before its transaction's first write
and releases it when the transaction ends (commit, rollback or close). Waiters block in
the kernel and the next one wakes as soon as the lock is released; by the time a
connection reaches SQLite's own lock it is free, so the busy handler is left for
writers outside the application (the ``sqlite3`` shell, a backup).

Reads take no lock: in WAL mode they never wait for a writer. A thread that already
holds the lock through one connection and writes through a second one (two sessions
interleaved in one thread, as a test of racing submissions does) does not queue behind
itself: that second connection meets SQLite's lock and busy timeout as before.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable
from typing import Any, Self

__all__ = ["connection_factory", "lock_path"]

# The statements that write; anything else (SELECT, PRAGMA, EXPLAIN) takes no lock.
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")
# Threads holding the lock (thread id -> connections), so that a thread never queues
# behind itself.
_holders: dict[int, int] = {}
_holders_guard = threading.Lock()


def lock_path(database: str) -> str:
    """The lock file for a database file: beside it, named after it."""
    return f"{database}-writer.lock"


def connection_factory(database: str) -> type[sqlite3.Connection]:
    """A ``sqlite3.Connection`` class whose writers queue on ``lock_path(database)``."""
    path = lock_path(database)

    class WriterQueuedConnection(sqlite3.Connection):
        _lock: _Held | None = None

        def cursor(self, factory: Any = None) -> sqlite3.Cursor:  # type: ignore[override]
            return super().cursor(factory or _WriterQueuedCursor)

        def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
            return self.cursor().execute(sql, parameters)

        def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
            return self.cursor().executemany(sql, parameters)

        def _writing(self) -> None:
            if self._lock is None and not _held_in_this_thread():
                self._lock = _Held(path, self)

        def _settle(self) -> None:
            """Release the lock once no transaction is open (after a commit, a rollback,
            or a statement that ran outside one, such as DDL)."""
            lock = self._lock
            if lock is not None and not self.in_transaction:
                self._lock = None
                lock.release()

        def commit(self) -> None:
            try:
                super().commit()
            finally:
                self._settle()

        def rollback(self) -> None:
            try:
                super().rollback()
            finally:
                self._settle()

        def __exit__(self, *exc: Any) -> Any:
            try:
                return super().__exit__(*exc)
            finally:
                self._settle()

        def close(self) -> None:
            try:
                super().close()
            finally:
                self._lock, lock = None, self._lock
                if lock is not None:
                    lock.release()

    class _WriterQueuedCursor(sqlite3.Cursor):
        def execute(self, sql: str, parameters: Any = (), /) -> Self:
            return self._run(super().execute, sql, parameters)

        def executemany(self, sql: str, parameters: Any, /) -> Self:
            return self._run(super().executemany, sql, parameters)

        def _run(self, run: Callable[[str, Any], Self], sql: str, parameters: Any) -> Self:
            connection: WriterQueuedConnection = self.connection  # type: ignore[assignment]
            if sql.lstrip()[:7].upper().startswith(_WRITES):
                connection._writing()
            try:
                return run(sql, parameters)
            finally:
                connection._settle()

    return WriterQueuedConnection


class _Held:
    """An exclusive flock on ``path``, taken on creation (waiting for it as long as it
    takes), released by :meth:`release` or when its connection is collected."""

    def __init__(self, path: str, owner: sqlite3.Connection) -> None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self.thread = threading.get_ident()
        with _holders_guard:
            _holders[self.thread] = _holders.get(self.thread, 0) + 1
        # A connection dropped without being closed must not keep every writer waiting.
        self._finalizer = weakref.finalize(owner, _release, fd, self.thread)

    def release(self) -> None:
        self._finalizer()  # runs _release once; later calls do nothing


def _release(fd: int, thread: int) -> None:
    with _holders_guard:
        _holders[thread] -= 1
        if not _holders[thread]:
            del _holders[thread]
    os.close(fd)  # closing the descriptor releases its flock


def _held_in_this_thread() -> bool:
    return threading.get_ident() in _holders

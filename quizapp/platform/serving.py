"""How gunicorn lays out its workers: processes, worker class and threads.

``gunicorn.conf.py`` and ``bench/load.py`` both take the layout from
:func:`layout_from_environment`, so the benchmark measures what production runs.

The default depends on the database (docs/decisions.md, "gunicorn's layout follows the
database"):

- **SQLite**: one ``gthread`` worker per core, one thread each. Writers take turns on
  one lock and every request is Python work on a core, so processes beyond the cores
  only add context switches, and a writer switched out while it holds the lock stalls
  every other writer; the ``gthread`` worker keeps connections alive, which saves a TCP
  handshake per request.

A ``gthread`` worker accepts every connection it can, busy or not, and keeps it alive: on
one shared listening socket a burst of new connections could all land on one worker while
the others idled. ``gthread`` layouts therefore give each worker its own listening socket
(``SO_REUSEPORT``), and the kernel spreads new connections across them by address. A
``sync`` worker takes a connection only when it is free, so it keeps the shared socket.
- **PostgreSQL**: two ``sync`` workers per core, which overlap one request's wait for
  the database with another's work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["WORKER_CLASSES", "Layout", "default_layout", "layout_from_environment"]

WORKER_CLASSES = ("sync", "gthread")


@dataclass(frozen=True)
class Layout:
    """gunicorn's ``workers``, ``worker_class`` and ``threads`` settings."""

    workers: int
    worker_class: str
    threads: int

    @property
    def reuse_port(self) -> bool:
        """Whether each worker listens on its own socket (``SO_REUSEPORT``)."""
        return self.worker_class == "gthread"

    def describe(self) -> str:
        text = f"{self.workers} {self.worker_class} workers"
        if self.worker_class == "gthread":
            text += f" x {self.threads} threads, a listening socket each"
        return text


def default_layout(database_url: str, cores: int) -> Layout:
    """The layout for a database URL (SQLite when empty: the app's default) on ``cores``."""
    cores = max(1, cores)
    if not database_url or database_url.startswith("sqlite"):
        return Layout(workers=cores, worker_class="gthread", threads=1)
    return Layout(workers=2 * cores, worker_class="sync", threads=2)


def layout_from_environment(environ: Mapping[str, str], cores: int) -> Layout:
    """The default layout for ``QUIZAPP_DATABASE_URL``, with ``QUIZAPP_WORKERS``,
    ``QUIZAPP_WORKER_CLASS`` and ``QUIZAPP_THREADS`` overriding its parts.

    Raises:
        ValueError: a setting that is not a positive number or a known worker class.
    """
    default = default_layout(environ.get("QUIZAPP_DATABASE_URL", ""), cores)
    worker_class = environ.get("QUIZAPP_WORKER_CLASS", default.worker_class)
    if worker_class not in WORKER_CLASSES:
        raise ValueError(
            f"QUIZAPP_WORKER_CLASS must be one of {', '.join(WORKER_CLASSES)}, got {worker_class!r}"
        )
    return Layout(
        workers=_positive(environ, "QUIZAPP_WORKERS", default.workers),
        worker_class=worker_class,
        threads=_positive(environ, "QUIZAPP_THREADS", default.threads),
    )


def _positive(environ: Mapping[str, str], name: str, default: int) -> int:
    text = environ.get(name)
    if text is None:
        return default
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, got {text!r}")
    return number

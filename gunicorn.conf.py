"""gunicorn settings for quizapp (``make serve``), all from the environment.

- ``QUIZAPP_BIND``: address to listen on (default ``127.0.0.1:8000``; a load balancer
  or reverse proxy in front terminates TLS).
- ``QUIZAPP_WORKERS``, ``QUIZAPP_WORKER_CLASS`` (``sync`` or ``gthread``),
  ``QUIZAPP_THREADS`` (threads per ``gthread`` worker): the layout. The default follows
  the database (:mod:`quizapp.platform.serving`): on SQLite one ``gthread`` worker per core with
  one thread each (and a listening socket each), on PostgreSQL two ``sync`` workers
  per core. Workers share nothing
  but the database: sessions are signed cookies, login and API rate limits are counted
  in the database. Either way a worker thread reads a request for as long as the client
  takes to send it, so put a proxy that buffers requests in front (nginx does by
  default).
- ``QUIZAPP_TIMEOUT``: seconds before a stuck worker is killed and replaced (default 30).
- ``QUIZAPP_LOG_LEVEL``: ``info`` (default) logs one JSON line per request.

Logs go to stderr as JSON lines (:class:`quizapp.platform.requestlog.JsonFormatter`); gunicorn's
own access log is off, since the app's request line carries more (request id, user,
duration).
"""

import gc
import multiprocessing
import os

from quizapp.platform.serving import layout_from_environment

bind = os.environ.get("QUIZAPP_BIND", "127.0.0.1:8000")
_layout = layout_from_environment(os.environ, multiprocessing.cpu_count())
workers = _layout.workers
worker_class = _layout.worker_class
threads = _layout.threads
reuse_port = _layout.reuse_port
timeout = int(os.environ.get("QUIZAPP_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Replace workers now and then so a slow leak cannot grow without bound. Not often: a new
# worker spends about a second of CPU loading the app, and at 10,000 requests a worker
# under load was replaced every 15-30 s, the answers' p99 rising with each.
max_requests = 100_000
max_requests_jitter = 10_000
# Behind a load balancer on the same network: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("QUIZAPP_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None
wsgi_app = "quizapp:create_app()"

_level = os.environ.get("QUIZAPP_LOG_LEVEL", "info").upper()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "quizapp.platform.requestlog.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": _level, "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": _level, "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
    },
}


def post_worker_init(worker: object) -> None:
    """Move everything loaded with the app (modules, mappers, compiled statements) out of
    the garbage collector's reach: it lives as long as the worker, and a full collection
    walking it paused a request for about 50 ms every few thousand answers."""
    gc.collect()
    gc.freeze()

"""gunicorn settings for quizapp (``make serve``), all from the environment.

- ``QUIZAPP_BIND``: address to listen on (default ``127.0.0.1:8000``; a load balancer
  or reverse proxy in front terminates TLS).
- ``QUIZAPP_WORKERS``: worker processes (default 2 x CPU cores). Workers share nothing
  but the database: sessions are signed cookies, login and API rate limits are counted in
  the database.
- ``QUIZAPP_WORKER_CLASS``: ``sync`` (default) or ``gthread``; ``QUIZAPP_THREADS``:
  threads per ``gthread`` worker (default 2). A sync worker serves one request at a time
  and every idle worker takes the next connection from one shared queue, so a burst is
  served first come, first served; a gthread worker keeps each keep-alive connection it
  accepted, and under load some workers queue more than others (on a quiet host, p99 of
  answers 64-104 ms against 39-75 ms with sync workers; on a busy shared host gthread's
  tail was the lower one: bench/RESULTS.md). Sync workers expect a proxy in front that
  buffers slow clients (nginx does by default); with none, or on a shared host, use
  ``gthread``.
- ``QUIZAPP_TIMEOUT``: seconds before a stuck worker is killed and replaced (default 30).
- ``QUIZAPP_LOG_LEVEL``: ``info`` (default) logs one JSON line per request.

Logs go to stderr as JSON lines (:class:`quizapp.requestlog.JsonFormatter`); gunicorn's
own access log is off, since the app's request line carries more (request id, user,
duration).
"""

import multiprocessing
import os

bind = os.environ.get("QUIZAPP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("QUIZAPP_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = os.environ.get("QUIZAPP_WORKER_CLASS", "sync")
threads = int(os.environ.get("QUIZAPP_THREADS", 2))
timeout = int(os.environ.get("QUIZAPP_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Replace workers now and then so a slow leak cannot grow without bound.
max_requests = 10_000
max_requests_jitter = 1_000
# Behind a load balancer on the same network: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("QUIZAPP_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None
wsgi_app = "quizapp:create_app()"

_level = os.environ.get("QUIZAPP_LOG_LEVEL", "info").upper()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "quizapp.requestlog.JsonFormatter"}},
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

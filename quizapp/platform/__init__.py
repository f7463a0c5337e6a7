"""Plumbing every feature stands on, out of a newcomer's first view.

- ``addresses``: quizapp's public address for links that leave the site.
- ``boundary``: what a request may carry (control characters, JSON, file names) and the
  length check on text before the database.
- ``errors``: error pages, JSON errors under ``/api``, rollback before any 5xx.
- ``forms``: :class:`ConfirmForm`, the button every feature's pages use, and
  :func:`require_confirmation`, the check of its CSRF token.
- ``health``: ``GET /healthz`` for the load balancer (blueprint ``health``).
- ``ownership``: :func:`require_teacher`, every teacher page's first check, and
  :func:`owned_or_403`, the check before a teacher's page touches a row.
- ``progress``: the state a page polls of long work (a generation job, a schedule fit).
- ``ratelimit``: fixed-window request counters in the database (the API's limit).
- ``redirects``: :func:`safe_next`, a ``next`` target that stays on this site.
- ``requestlog``: one JSON log line per request, with its request id.
- ``security``: the security headers on every response.
- ``serving``: gunicorn's worker layout, which follows the database.
- ``sqlite_lock``: SQLite writers queued on a file lock.
- ``templating``: the Jinja filters and globals the pages share.
"""

"""quizapp's own public address, for the links it writes into pages and files that leave
the site (reset links, exported cards and quizzes, API links).

A request's ``Host`` header is whatever the client sent, so a link built from it can
point anywhere: a reset link handed to a learner, or a passage link in an exported deck,
would send its reader to another site. Links are built from ``QUIZAPP_BASE_URL`` when it
is set; otherwise from the address the configured proxies forwarded
(``QUIZAPP_PROXY_COUNT`` hops of ``X-Forwarded-Host``/``-Proto``, read by ``ProxyFix``);
otherwise from the local default the commands use, :data:`DEFAULT_BASE_URL`.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request, url_for

__all__ = ["DEFAULT_BASE_URL", "external_url", "public_base_url"]

DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def public_base_url() -> str:
    """quizapp's address, without a trailing slash."""
    configured = current_app.config.get("BASE_URL")
    if configured:
        return str(configured).rstrip("/")
    behind_proxies = int(current_app.config.get("PROXY_COUNT") or 0) > 0
    if behind_proxies and has_request_context() and "X-Forwarded-Host" in request.headers:
        return request.host_url.rstrip("/")  # ProxyFix set it from X-Forwarded-Host
    return DEFAULT_BASE_URL


def external_url(endpoint: str, **values: Any) -> str:
    """``url_for(endpoint, **values)`` as a full URL on :func:`public_base_url`."""
    path = url_for(endpoint, **values)
    if has_request_context():
        path = path.removeprefix(request.script_root)
    return public_base_url() + path

"""Security headers on every response.

The pages load their one stylesheet and one script from ``/static`` and use no inline
script or style, so the content security policy allows nothing else.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.wrappers import Response

__all__ = ["SECURITY_HEADERS", "register"]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def register(app: Flask) -> None:
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if response.headers.get("Content-Type", "").startswith("text/html"):
        # Pages show personal data: no shared cache keeps them.
        response.headers.setdefault("Cache-Control", "no-store")
    return response

"""How large an uploaded document may be: ``MAX_UPLOAD_MB`` megabytes (20 by default,
``QUIZAPP_MAX_UPLOAD_MB``), plus room for the rest of the form. The upload page and the
API's upload both read it here."""

from __future__ import annotations

from flask import current_app

from quizapp.sources import generation

__all__ = ["FORM_OVERHEAD", "max_upload_bytes", "max_upload_mb"]

FORM_OVERHEAD = 64 * 1024  # the form's other fields and the multipart boundaries


def max_upload_mb() -> float:
    return float(current_app.config.get("MAX_UPLOAD_MB", generation.DEFAULT_MAX_UPLOAD_MB))


def max_upload_bytes() -> int:
    return int(max_upload_mb() * 1024 * 1024)

"""How large an uploaded document may be: ``MAX_UPLOAD_MB`` megabytes (20 by default,
``QUIZAPP_MAX_UPLOAD_MB``), plus room for the rest of the form. The upload page and the
API's upload both read the limit, read the file and word the refusal here."""

from __future__ import annotations

from flask import current_app
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from quizapp.sources import generation

__all__ = [
    "FORM_OVERHEAD",
    "max_upload_bytes",
    "max_upload_mb",
    "read_upload",
    "too_large_message",
]

FORM_OVERHEAD = 64 * 1024  # the form's other fields and the multipart boundaries


def max_upload_mb() -> float:
    return float(current_app.config.get("MAX_UPLOAD_MB", generation.DEFAULT_MAX_UPLOAD_MB))


def max_upload_bytes() -> int:
    return int(max_upload_mb() * 1024 * 1024)


def read_upload(storage: FileStorage) -> bytes:
    """The uploaded file's bytes, read no further than one byte past the limit.

    Raises:
        RequestEntityTooLarge: the file is over the limit (the pages and the API answer
            413 with the limit).
    """
    data = storage.stream.read(max_upload_bytes() + 1)
    if len(data) > max_upload_bytes():
        raise RequestEntityTooLarge()
    return data


def too_large_message() -> str:
    """What the upload page and the API say about a file over the limit."""
    return (
        f"The file is larger than the {max_upload_mb():g} MB upload limit. Nothing was "
        "stored: split the document into parts, or save it as plain text (often much "
        "smaller)."
    )

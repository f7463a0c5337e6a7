"""The input boundary: what a request may carry, checked once for every route, and the
last check on text before it reaches the database.

PostgreSQL refuses a NUL byte in any text value and text longer than its column, and a
lone UTF-16 surrogate cannot be encoded for either database; SQLite keeps NULs and long
text where PostgreSQL fails. Rather than leave each route to fail (a 500 on PostgreSQL,
a silent success on SQLite), every request is checked before its view runs:

- each query parameter, form field (name and value), path segment, uploaded file name
  and JSON string (key or value) may hold no control character but tab, line feed and
  carriage return: a 400 names the field and the character;
- a JSON body must parse, nest at most :data:`MAX_JSON_DEPTH` levels, and hold no lone
  surrogate;
- an uploaded file name is at most :data:`MAX_FILENAME_LENGTH` characters.

A form is checked when it is parsed (:class:`CheckedRequest`), so that an upload is read
under the size limit its route sets; other bodies before the view runs. Text a form or
the importer did not bound and that is longer than its ``String`` column is refused at
flush time with :class:`TextTooLongError` (a 400), on both databases alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from flask import Flask, Request, request
from sqlalchemy import String, event
from sqlalchemy import inspect as inspect_model
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

__all__ = [
    "MAX_FILENAME_LENGTH",
    "MAX_JSON_DEPTH",
    "CheckedRequest",
    "TextTooLongError",
    "check_text",
    "fit_text",
    "register",
]

MAX_JSON_DEPTH = 32
MAX_FILENAME_LENGTH = 255  # what file systems allow
_NO_BODY = frozenset({"GET", "HEAD", "OPTIONS"})  # no view reads a form from these
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class TextTooLongError(ValueError):
    """Text longer than the database column that would store it."""


def check_text(value: str, what: str) -> None:
    """Refuse text with a control character (tab, line feed and carriage return aside)
    or a lone surrogate.

    Raises:
        BadRequest: naming ``what`` and the character.
    """
    found = _FORBIDDEN.search(value)
    if found is None:
        return
    code = ord(found.group())
    kind = "half of a surrogate pair" if code >= 0xD800 else "a control character"
    raise BadRequest(
        f"The {what} contains U+{code:04X}, {kind}, which quizapp does not accept; "
        "remove it and try again."
    )


def fit_text(value: str, length: int) -> str:
    """``value`` shortened to ``length`` characters, ending with an ellipsis when cut:
    for text from a document (a heading, a title), which is stored even when long."""
    if len(value) <= length:
        return value
    return value[: length - 1].rstrip() + "…"


def _check_fields(fields: MultiDict[str, Any], what: str) -> None:
    for name, value in fields.items(multi=True):
        check_text(name, f"{what} name {name[:40]!r}")
        if isinstance(value, str):
            check_text(value, f"{what} {name[:40]!r}")


def _check_file_names(files: Iterable[Any]) -> None:
    for storage in files:
        name = storage.filename or ""
        check_text(name, "file name")
        if len(name) > MAX_FILENAME_LENGTH:
            raise BadRequest(
                f"The file name is {len(name)} characters long; quizapp takes at most "
                f"{MAX_FILENAME_LENGTH}. Nothing was stored: rename the file and upload it "
                "again."
            )


class CheckedRequest(Request):
    """Flask's request, whose form fields and file names are checked when the body is
    parsed: after the route's own size limit is set, before any view reads them."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        _check_fields(self.form, "field")
        _check_file_names(self.files.values())


def _check_json(value: Any, depth: int = 1) -> None:
    if depth > MAX_JSON_DEPTH:
        raise BadRequest(f"The body is nested more than {MAX_JSON_DEPTH} levels deep.")
    if isinstance(value, str):
        check_text(value, "JSON string")
    elif isinstance(value, list):
        for item in value:
            _check_json(item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key, f"JSON key {key[:40]!r}")
            _check_json(item, depth + 1)


def check_request() -> None:
    """Check everything the request carries except a multipart body (checked when parsed,
    :class:`CheckedRequest`)."""
    _check_fields(request.args, "query parameter")
    for name, value in (request.view_args or {}).items():
        if isinstance(value, str):
            check_text(value, f"address part {name!r}")
    if request.is_json:
        body = request.get_data(cache=True)
        if not body:
            return
        try:
            parsed = json.loads(body)
        except RecursionError:
            raise BadRequest(
                f"The body is nested more than {MAX_JSON_DEPTH} levels deep."
            ) from None
        except ValueError as error:
            raise BadRequest(f"The body is not valid JSON: {error}.") from None
        _check_json(parsed)
    elif request.method not in _NO_BODY and request.mimetype != "multipart/form-data":
        request.form  # noqa: B018 - parsing it checks it (CheckedRequest)


def _refuse_long_text(session: Session, *_args: Any) -> None:
    """Before a flush: no new or changed text may be longer than its column."""
    for instance in (*session.new, *session.dirty):
        state = inspect_model(instance)
        for column in state.mapper.columns:
            if not isinstance(column.type, String) or not column.type.length:
                continue
            value = state.dict.get(column.key)
            if isinstance(value, str) and len(value) > column.type.length:
                raise TextTooLongError(
                    f"{column.table.name}.{column.name} is too long: {len(value)} "
                    f"characters, at most {column.type.length}. Nothing was saved."
                )


def register(app: Flask) -> None:
    app.request_class = CheckedRequest
    app.before_request(check_request)
    if not event.contains(Session, "before_flush", _refuse_long_text):
        event.listen(Session, "before_flush", _refuse_long_text)

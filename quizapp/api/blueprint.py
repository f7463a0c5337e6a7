"""The API's blueprint and what every resource module shares: JSON errors, token
authentication and rate limits, reading input, pagination."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from flask import Blueprint, current_app, g, jsonify, request
from sqlalchemy import func, select
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from quizapp.accounts.tokens import token_for
from quizapp.extensions import csrf, db
from quizapp.models import User, utcnow
from quizapp.platform.addresses import external_url
from quizapp.platform.errors import json_error
from quizapp.platform.ratelimit import count_request
from quizapp.sources.upload_limit import FORM_OVERHEAD, max_upload_bytes, too_large_message

__all__ = ["ApiError", "bp"]

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_ENDPOINTS = frozenset({"api.openapi"})
UPLOAD_ENDPOINTS = frozenset({"api.upload_document"})
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000


class ApiError(Exception):
    """An error answered as JSON with ``status``."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@bp.errorhandler(ApiError)
def api_error(error: ApiError) -> Response:
    response = json_error(error.status, error.message)
    response.headers.update(error.headers)
    return response


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> Response:
    return json_error(413, too_large_message())


def _user() -> User:
    user: User = g.api_user
    return user


@bp.before_request
def authenticate() -> None:
    """Find the token's user, check its scope, count the request against its limit."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return
    now = utcnow()
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    token = token_for(secret.strip(), now=now) if scheme.lower() == "bearer" else None
    if token is None:
        raise ApiError(
            401,
            "Send a valid API token as 'Authorization: Bearer <token>' "
            "(create one on the settings page).",
            headers={"WWW-Authenticate": 'Bearer realm="quizapp"'},
        )
    if request.method not in READ_METHODS and token.scope != "write":
        raise ApiError(403, "This token is read-only; create a token with write access.")
    if request.endpoint in UPLOAD_ENDPOINTS:
        request.max_content_length = max_upload_bytes() + FORM_OVERHEAD
    window = timedelta(seconds=int(current_app.config["API_RATE_WINDOW"]))
    limit = count_request(
        f"token:{token.id}", limit=int(current_app.config["API_RATE_LIMIT"]), window=window, now=now
    )
    db.session.commit()
    g.rate_limit_headers = {
        "X-RateLimit-Limit": str(limit.limit),
        "X-RateLimit-Remaining": str(limit.remaining),
        "X-RateLimit-Reset": str(int(limit.reset_at.timestamp())),
    }
    if not limit.allowed:
        raise ApiError(
            429,
            f"Rate limit of {limit.limit} requests per {int(window.total_seconds())} s "
            "reached; retry later.",
            headers=g.rate_limit_headers | {"Retry-After": str(limit.retry_after(now))},
        )
    g.api_user = token.user


@bp.after_request
def add_rate_limit_headers(response: Response) -> Response:
    response.headers.update(g.get("rate_limit_headers", {}))
    return response


Row = TypeVar("Row")


def _found_or_404(row: Row | None, message: str) -> Row:
    """``row``, or a JSON 404 saying ``message`` when there is none."""
    if row is None:
        raise ApiError(404, message)
    return row


def _readable_or_404(
    model: type[Row], row_id: int, may_see: Callable[[User, Row], bool], name: str
) -> Row:
    """The ``model`` row ``row_id`` when the token's user may see it; otherwise the JSON
    404 of a row that does not exist, which tells nothing of other people's rows."""
    row = db.session.get(model, row_id)
    if row is None or not may_see(_user(), row):
        raise ApiError(404, f"No {name} {row_id}.")
    return row


def _query_int(name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or not minimum <= int(raw) <= maximum:
        raise ApiError(400, f"'{name}' must be a whole number from {minimum} to {maximum}.")
    return int(raw)


def _json_body() -> dict[str, Any]:
    if not request.is_json:
        raise ApiError(415, "Send the body as JSON with 'Content-Type: application/json'.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "The body must be a JSON object.")
    return body


def _field(body: dict[str, Any], name: str, kind: type, *, required: bool = True) -> Any:
    value = body.get(name)
    if value is None and not required:
        return None
    # JSON does not tell 21 from 21.0 (both are integers to JSON Schema), but true is
    # not a number here, although Python's bool is an int.
    if kind is int and isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        expected = {int: "an integer", str: "a string"}[kind]
        raise ApiError(400, f"'{name}' must be {expected}.")
    return value


def _page_args() -> tuple[int, int]:
    page = _query_int("page", 1, minimum=1, maximum=MAX_PAGE)
    per_page = _query_int("per_page", 20, minimum=1, maximum=MAX_PER_PAGE)
    return page, per_page


def _paginated(items: list[dict[str, Any]], total: int, page: int, per_page: int) -> Response:
    """A page of a list: ``items``, ``page``, ``per_page``, ``total`` and the ``next``
    page's URL (None on the last page), also given as a ``Link`` header."""
    next_url = None
    if page * per_page < total:
        args = {**(request.view_args or {}), **request.args.to_dict(), "page": page + 1}
        args["per_page"] = per_page
        next_url = external_url(request.endpoint or "", **args)
    response = jsonify(items=items, page=page, per_page=per_page, total=total, next=next_url)
    if next_url:
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return response


def _paginate_query(query: Any, serialise: Any) -> Response:
    page, per_page = _page_args()
    total = int(db.session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return _paginated([serialise(row) for row in rows], total, page, per_page)


def _time(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None

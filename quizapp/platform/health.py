"""Operations: the health endpoint a load balancer polls.

``SELECT 1`` answering is not enough: a database on a full disk, a read-only volume or
a read-only PostgreSQL server still reads, while every write fails with a 503. The
endpoint therefore also writes (one row, :class:`~quizapp.models.HealthCheck`) and
reports ``degraded`` when that fails. A successful write is trusted for
``HEALTH_WRITE_CHECK_SECONDS`` (10) per process, so that polling stays as cheap as a
``SELECT 1``; a failed one is tried again at every poll, and any request of the process
that meets a storage error makes the next poll write again.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from flask import Blueprint, current_app, has_app_context, jsonify
from sqlalchemy import text, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from werkzeug.wrappers import Response

from quizapp.extensions import csrf, db
from quizapp.models import HealthCheck, utcnow

__all__ = ["bp", "database_ok", "writes_failed", "writes_ok"]

bp = Blueprint("health", __name__)
csrf.exempt(bp)
# Operators filter the JSON log lines on this name: it stays put wherever the module lives.
log = logging.getLogger("quizapp.health")

DEFAULT_WRITE_CHECK_SECONDS = 10.0
_STATE = "quizapp.health"  # app.extensions key: {"ok_until": monotonic seconds}


def database_ok() -> bool:
    """Whether the database answers ``SELECT 1``."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        log.warning("health check: database unavailable: %s", error)
        return False
    return True


def _state() -> dict[str, Any]:
    state: dict[str, Any] = current_app.extensions.setdefault(_STATE, {"ok_until": 0.0})
    return state


def writes_failed() -> None:
    """A write of this process failed: the next health check writes again instead of
    trusting its last success."""
    if has_app_context():
        _state()["ok_until"] = 0.0


def writes_ok(now: datetime) -> bool:
    """Whether the database takes a write (committed), or took one in the last
    ``HEALTH_WRITE_CHECK_SECONDS``."""
    state = _state()
    if time.monotonic() < state["ok_until"]:
        return True
    try:
        written = db.session.execute(update(HealthCheck).values(checked_at=now))
        if not getattr(written, "rowcount", 0):
            db.session.add(HealthCheck(id=1, checked_at=now))
        db.session.commit()
    except IntegrityError:  # another process wrote the first row meanwhile: writes work
        db.session.rollback()
    except SQLAlchemyError as error:
        db.session.rollback()
        log.warning("health check: database cannot be written: %s", error)
        state["ok_until"] = 0.0
        return False
    interval = current_app.config.get("HEALTH_WRITE_CHECK_SECONDS", DEFAULT_WRITE_CHECK_SECONDS)
    state["ok_until"] = time.monotonic() + float(interval)
    return True


@bp.route("/healthz")
def healthz() -> tuple[Response, int]:
    """200 ``{"status": "ok"}`` when the database answers and takes writes; 503
    ``degraded`` when it answers but cannot be written, ``unavailable`` when it does
    not answer."""
    if not database_ok():
        return jsonify(status="unavailable", database="unreachable"), 503
    if not writes_ok(utcnow()):
        return jsonify(status="degraded", database="read-only"), 503
    return jsonify(status="ok", database="ok"), 200

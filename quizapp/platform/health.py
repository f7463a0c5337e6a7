"""Operations: the health endpoint a load balancer polls."""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from quizapp.extensions import csrf, db

__all__ = ["bp", "database_ok"]

bp = Blueprint("health", __name__)
csrf.exempt(bp)
# Operators filter the JSON log lines on this name: it stays put wherever the module lives.
log = logging.getLogger("quizapp.health")


def database_ok() -> bool:
    """Whether the database answers ``SELECT 1``."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        log.warning("health check: database unavailable: %s", error)
        return False
    return True


@bp.route("/healthz")
def healthz() -> tuple[Response, int]:
    """200 ``{"status": "ok"}`` when the database answers, else 503."""
    if database_ok():
        return jsonify(status="ok", database="ok"), 200
    return jsonify(status="unavailable", database="unreachable"), 503

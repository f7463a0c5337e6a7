"""``GET /me``: the token's user and their settings."""

from __future__ import annotations

from flask import jsonify
from werkzeug.wrappers import Response

from quizapp.api.blueprint import _user, bp


@bp.route("/me")
def me() -> Response:
    user = _user()
    return jsonify(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        desired_retention=user.desired_retention,
        new_per_day=user.new_per_day,
        reviews_per_day=user.reviews_per_day,
        day_first=user.day_first,
    )

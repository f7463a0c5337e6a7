"""Sign up, log in, log out, and the learner's settings."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from quizapp.accounts import (
    LOGIN_WINDOW,
    EmailTakenError,
    authenticate,
    create_user,
    login_blocked,
    record_failed_login,
)
from quizapp.extensions import db
from quizapp.forms import LoginForm, LogoutForm, SettingsForm, SignupForm

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None (no open redirects)."""
    if not target or "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("learner.dashboard"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = create_user(
                form.email.data or "",
                form.password.data or "",
                display_name=form.display_name.data or "",
                role="teacher" if form.teacher.data else "learner",
            )
        except EmailTakenError:
            form.email.errors.append("An account with this email already exists; log in instead.")
        else:
            db.session.commit()
            login_user(user)
            flash("Welcome! Your first questions are ready.", "success")
            return redirect(url_for("learner.dashboard"))
    return render_template("auth/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for("learner.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        now = datetime.now(UTC)
        email, ip = form.email.data or "", request.remote_addr or "unknown"
        if login_blocked(email, ip, now=now):
            minutes = int(LOGIN_WINDOW.total_seconds() // 60)
            message = (
                f"Too many failed logins for this email. Wait {minutes} minutes and try again."
            )
            form.form_errors.append(message)
            return render_template("auth/login.html", form=form), 429
        user = authenticate(email, form.password.data or "")
        if user is None:
            record_failed_login(email, ip, now=now)
            db.session.commit()
            form.form_errors.append("Wrong email or password.")
        else:
            login_user(user, remember=bool(form.remember.data))
            return redirect(safe_next(request.args.get("next")) or url_for("learner.dashboard"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    form = LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings() -> str | Response:
    form = SettingsForm()
    if request.method == "GET":
        form.desired_retention.data = round(current_user.desired_retention, 2)
        form.new_per_day.data = current_user.new_per_day
        form.reviews_per_day.data = current_user.reviews_per_day
        form.date_order.data = "day_first" if current_user.day_first else "month_first"
    if form.validate_on_submit():
        current_user.desired_retention = float(form.desired_retention.data or 0.9)
        current_user.new_per_day = form.new_per_day.data or 0
        current_user.reviews_per_day = form.reviews_per_day.data or 1
        current_user.day_first = form.date_order.data == "day_first"
        db.session.commit()
        flash("Settings saved.", "success")
        return redirect(url_for("auth.settings"))
    return render_template("auth/settings.html", form=form)

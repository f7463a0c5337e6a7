"""Sign up, log in, log out, the account's settings, password and API tokens, and
one-time password reset links."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from quizapp.accounts import tokens
from quizapp.accounts.forms import (
    ApiTokenForm,
    LoginForm,
    LogoutForm,
    PasswordChangeForm,
    PasswordResetForm,
    SettingsForm,
    SignupForm,
)
from quizapp.accounts.users import (
    LOGIN_WINDOW,
    EmailTakenError,
    ResetLinkError,
    WrongPasswordError,
    authenticate,
    can_issue_reset,
    change_password,
    create_user,
    issue_reset_link,
    login_blocked,
    record_failed_login,
    reset_for,
    reset_password,
)
from quizapp.extensions import db
from quizapp.models import User, utcnow
from quizapp.platform.forms import ConfirmForm, require_confirmation
from quizapp.platform.redirects import safe_next

bp = Blueprint("auth", __name__)
# Every page's menu has the logout button.
bp.add_app_template_global(LogoutForm, "LogoutForm")


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> str | Response | tuple[str, int]:
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
            form.email.errors = ["An account with this email already exists; log in instead."]
        else:
            db.session.commit()
            session.clear()
            login_user(user)
            flash("Welcome! Your first questions are ready.", "success")
            return redirect(url_for("learner.dashboard"))
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/signup.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for("learner.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        now = utcnow()
        email, ip = form.email.data or "", request.remote_addr or "unknown"
        if login_blocked(email, ip, now=now):
            minutes = int(LOGIN_WINDOW.total_seconds() // 60)
            message = (
                f"Too many failed logins for this email. Wait {minutes} minutes and try again."
            )
            form.form_errors.append(message)
            return render_template("accounts/login.html", form=form), 429
        user = authenticate(email, form.password.data or "")
        if user is None:
            record_failed_login(email, ip, now=now)
            db.session.commit()
            form.form_errors.append("Wrong email or password.")
        else:
            # A fresh session on login: nothing set before it (by anyone) carries over.
            session.clear()
            login_user(user, remember=bool(form.remember.data))
            return redirect(safe_next(request.args.get("next")) or url_for("learner.dashboard"))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    form = LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings() -> str | Response | tuple[str, int]:
    if request.method == "GET":
        return _settings_page()
    form = SettingsForm()
    if form.validate_on_submit():
        current_user.desired_retention = float(form.desired_retention.data or 0.9)
        current_user.new_per_day = form.new_per_day.data or 0
        current_user.reviews_per_day = form.reviews_per_day.data or 1
        current_user.day_first = form.date_order.data == "day_first"
        db.session.commit()
        flash("Settings saved.", "success")
        return redirect(url_for("auth.settings"))
    return _settings_page(form=form), 400


def _current_settings() -> SettingsForm:
    form = SettingsForm(formdata=None)
    form.desired_retention.data = round(current_user.desired_retention, 2)
    form.new_per_day.data = current_user.new_per_day
    form.reviews_per_day.data = current_user.reviews_per_day
    form.date_order.data = "day_first" if current_user.day_first else "month_first"
    return form


def _settings_page(**forms: object) -> str:
    """The settings page; a form given in ``forms`` (with its errors) replaces the
    blank one."""
    forms.setdefault("form", _current_settings())
    forms.setdefault("password_form", PasswordChangeForm(formdata=None))
    forms.setdefault("token_form", ApiTokenForm(formdata=None))
    return render_template(
        "accounts/settings.html",
        tokens=tokens.user_tokens(current_user),
        revoke_form=ConfirmForm(formdata=None),
        new_token=session.pop("new_token", None),
        **forms,
    )


@bp.route("/settings/password", methods=["POST"])
@login_required
def password() -> Response | tuple[str, int]:
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            change_password(
                current_user, form.current_password.data or "", form.new_password.data or ""
            )
        except WrongPasswordError:
            form.current_password.errors = ["This is not your current password."]
        else:
            db.session.commit()
            # The session id carries the password's fingerprint: renew this session's,
            # which every other session of the account no longer matches.
            login_user(current_user._get_current_object())
            flash("Password changed; you were logged out everywhere else.", "success")
            return redirect(url_for("auth.settings"))
    return _settings_page(password_form=form), 400


@bp.route("/settings/tokens", methods=["POST"])
@login_required
def create_token() -> Response | tuple[str, int]:
    form = ApiTokenForm()
    if form.validate_on_submit():
        try:
            _token, secret = tokens.create_token(
                current_user, form.name.data or "", form.scope.data or "read", now=utcnow()
            )
        except ValueError as error:
            form.name.errors = [str(error)]
        else:
            db.session.commit()
            # Shown once, on the page this redirects to, then gone from the session.
            session["new_token"] = secret
            return redirect(url_for("auth.settings", _anchor="api-tokens"))
    return _settings_page(token_form=form), 400


@bp.route("/settings/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int) -> Response:
    require_confirmation()
    if not tokens.revoke_token(current_user, token_id, now=utcnow()):
        abort(404)
    db.session.commit()
    flash("Token revoked: it no longer works.", "success")
    return redirect(url_for("auth.settings", _anchor="api-tokens"))


# --- one-time password reset links -----------------------------------------------------


@bp.route("/users/<int:user_id>/reset-link", methods=["POST"])
@login_required
def issue_reset(user_id: int) -> str:
    """A teacher issues a reset link for a learner of one of their classes."""
    require_confirmation()
    user = db.session.get(User, user_id)
    if user is None or not can_issue_reset(current_user, user):
        abort(404)
    secret = issue_reset_link(user, issued_by=current_user, now=utcnow())
    db.session.commit()
    return render_template(
        "accounts/reset_issued.html",
        user=user,
        link=url_for("auth.reset", token=secret, _external=True),
    )


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str) -> str | Response | tuple[str, int]:
    now = utcnow()
    try:
        reset_for(token, now=now)
    except ResetLinkError as error:
        abort(404, str(error))
    form = PasswordResetForm()
    if form.validate_on_submit():
        user = reset_password(token, form.new_password.data or "", now=now)
        db.session.commit()
        logout_user()
        session.clear()
        flash(f"Password set for {user.email}; log in with it.", "success")
        return redirect(url_for("auth.login"))
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/reset.html", form=form), status

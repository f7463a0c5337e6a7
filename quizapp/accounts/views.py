"""Sign up, log in, log out, the account's settings, password and API tokens, and
one-time password reset links."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from quizapp.accounts import sessions, tokens
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
    ResetLinkError,
    WrongPasswordError,
    admit_login,
    authenticate,
    can_issue_reset,
    change_password,
    forget_login_attempt,
    issue_reset_link,
    password_resets,
    register,
    reset_for,
    reset_password,
    tell_resets,
)
from quizapp.extensions import db
from quizapp.models import PasswordReset, User, utcnow
from quizapp.platform.addresses import external_url
from quizapp.platform.forms import ConfirmForm, require_confirmation
from quizapp.platform.redirects import safe_next

bp = Blueprint("auth", __name__)
# Every page's menu has the logout button.
bp.add_app_template_global(LogoutForm, "LogoutForm")


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> str | Response | tuple[str, int]:
    """Sign up, then log in. The answer is the same whether the email is new or already
    has an account (whose owner logs in with their own password), so sign-up does not
    tell who has an account here."""
    if current_user.is_authenticated:
        return redirect(url_for("learner.dashboard"))
    form = SignupForm()
    if form.validate_on_submit():
        email = form.email.data or ""
        register(
            email,
            form.password.data or "",
            display_name=form.display_name.data or "",
            role="teacher" if form.teacher.data else "learner",
        )
        db.session.commit()
        flash(
            f"Welcome! Log in as {email.strip().lower()} with the password you chose. "
            "(If this email already had an account, nothing changed: log in with its "
            "password.)",
            "success",
        )
        return redirect(url_for("auth.login"))
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
        attempt = admit_login(email, ip, now=now)
        if attempt is None:
            minutes = int(LOGIN_WINDOW.total_seconds() // 60)
            message = (
                f"Too many failed logins for this email. Wait {minutes} minutes and try again."
            )
            form.form_errors.append(message)
            return render_template("accounts/login.html", form=form), 429
        user = authenticate(email, form.password.data or "")
        if user is None:
            form.form_errors.append("Wrong email or password.")
        else:
            forget_login_attempt(attempt)
            notices = [_reset_notice(reset) for reset in tell_resets(user, now=now)]
            sessions.sign_in(user, remember=bool(form.remember.data), now=now)
            for notice in notices:  # after signing in, which starts a fresh session
                flash(notice, "warning")
            return redirect(safe_next(request.args.get("next")) or url_for("learner.dashboard"))
    return render_template("accounts/login.html", form=form)


def _reset_notice(reset: PasswordReset) -> str:
    assert reset.used_at is not None
    issuer = reset.issuer
    who = f"{issuer.display_name} ({issuer.email})" if issuer else "an administrator"
    when = reset.used_at.strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Your password was reset on {when} through a link from {who}. If you did not "
        "ask for it, change your password in Settings and tell your teacher."
    )


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    form = LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    sessions.sign_out(now=utcnow())
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
        current_user.timezone = form.timezone.data or current_user.timezone
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
    form.timezone.data = current_user.timezone
    return form


def _settings_page(**forms: object) -> str:
    """The settings page; a form given in ``forms`` (with its errors) replaces the
    blank one, and ``new_token`` shows a token just created."""
    forms.setdefault("form", _current_settings())
    forms.setdefault("password_form", PasswordChangeForm(formdata=None))
    forms.setdefault("token_form", ApiTokenForm(formdata=None))
    return render_template(
        "accounts/settings.html",
        tokens=tokens.user_tokens(current_user),
        revoke_form=ConfirmForm(formdata=None),
        resets=password_resets(current_user),
        **forms,
    )


@bp.route("/settings/password", methods=["POST"])
@login_required
def password() -> Response | tuple[str, int]:
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        this_login = sessions.current_login()
        try:
            change_password(
                user, form.current_password.data or "", form.new_password.data or "", now=utcnow()
            )
        except WrongPasswordError:
            form.current_password.errors = ["This is not your current password."]
        else:
            db.session.commit()
            # Every login of the account ended with the old password; this browser
            # starts a new one, remembered if it was.
            remember = this_login.remember if this_login is not None else False
            sessions.sign_in(user, remember=remember, now=utcnow())
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
            # Shown once, in this answer and nowhere else: not kept in the session
            # cookie for a redirect, and not stored by any cache.
            response = make_response(_settings_page(new_token=secret), 201)
            response.headers["Cache-Control"] = "no-store"
            return response
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
def issue_reset(user_id: int) -> Response:
    """A teacher issues a reset link for a learner of one of their classes."""
    require_confirmation()
    user = db.session.get(User, user_id)
    if user is None or not can_issue_reset(current_user, user):
        abort(404)
    secret = issue_reset_link(user, issued_by=current_user, now=utcnow())
    db.session.commit()
    response = make_response(
        render_template(
            "accounts/reset_issued.html", user=user, link=external_url("auth.reset", token=secret)
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str) -> str | Response | tuple[str, int]:
    now = utcnow()
    try:
        reset_for(token, now=now)
    except ResetLinkError as error:
        abort(404, str(error))
    form = PasswordResetForm()
    if form.validate_on_submit():
        try:
            user = reset_password(token, form.new_password.data or "", now=now)
        except ResetLinkError as error:  # another request redeemed it meanwhile
            db.session.rollback()
            abort(404, str(error))
        db.session.commit()
        sessions.sign_out(now=now)
        flash(f"Password set for {user.email}; log in with it.", "success")
        return redirect(url_for("auth.login"))
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/reset.html", form=form), status

"""Login sessions: a row on the server for every login of a browser.

The session cookie, and with "Keep me logged in" the remember cookie, carry
``"<user id>:<password fingerprint>:<secret>"``. A request is signed in only while a
:class:`~quizapp.models.LoginSession` row with the secret's SHA-256 is neither ended nor
expired, and while the fingerprint matches the password (:meth:`User.get_id`):

- logging out ends this browser's row, so the cookies it held, and any copy of them,
  sign nobody in again, while the account's other browsers stay logged in;
- changing or resetting the password ends every row of the account.

A login without "Keep me logged in" lasts until the browser forgets its cookie or
:data:`SESSION_LIFETIME` has passed; a remembered one, ``REMEMBER_COOKIE_DURATION``
(Flask-Login's setting, 365 days by default).
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app, session
from flask_login import login_user, logout_user
from sqlalchemy import bindparam, delete, or_, select, update

from quizapp.accounts.tokens import hash_secret
from quizapp.extensions import db
from quizapp.models import LoginSession, User, utcnow

__all__ = [
    "SESSION_LIFETIME",
    "current_login",
    "end_login",
    "end_logins",
    "load_session_user",
    "open_login",
    "sign_in",
    "sign_out",
]

SESSION_LIFETIME = timedelta(days=14)
REMEMBER_LIFETIME = timedelta(days=365)  # Flask-Login's default remember cookie duration
# Flask-Login keeps what identifies the login under this session key, and copies it into
# the remember cookie at the end of the request that logged in.
SESSION_KEY = "_user_id"

# Built once: every signed-in request runs it.
_SIGNED_IN = (
    select(User)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(
        User.id == bindparam("user_id"),
        LoginSession.token_hash == bindparam("token_hash"),
        LoginSession.ended_at.is_(None),
        LoginSession.expires_at > bindparam("now"),
    )
)


def _parse(carried: str) -> tuple[int, str, str] | None:
    """The user id, fingerprint and secret a cookie carries, or None when malformed."""
    parts = carried.split(":")
    if len(parts) != 3 or not parts[0].isdigit() or len(parts[0]) > 18:
        return None
    user_id, fingerprint, secret = parts
    if not fingerprint or not 20 <= len(secret) <= 100:
        return None
    return int(user_id), fingerprint, secret


def load_session_user(carried: str) -> User | None:
    """The user a session or remember cookie signs in (Flask-Login's user loader), or
    None when its login has ended or expired or the password changed since."""
    parsed = _parse(carried)
    if parsed is None:
        return None
    user_id, fingerprint, secret = parsed
    user = db.session.scalars(
        _SIGNED_IN,
        {"user_id": user_id, "token_hash": hash_secret(secret), "now": utcnow()},
    ).first()
    if user is None or not hmac.compare_digest(user.password_fingerprint(), fingerprint):
        return None
    return user


def _lifetime(remember: bool) -> timedelta:
    if not remember:
        return SESSION_LIFETIME
    duration = current_app.config.get("REMEMBER_COOKIE_DURATION", REMEMBER_LIFETIME)
    return timedelta(seconds=duration) if isinstance(duration, int) else duration


def open_login(user: User, *, remember: bool, now: datetime) -> str:
    """Add a login row for ``user`` (the caller commits); what its cookies carry.

    The account's ended and expired rows are deleted on the way: they sign nobody in.
    """
    db.session.execute(
        delete(LoginSession).where(
            LoginSession.user_id == user.id,
            or_(LoginSession.ended_at.is_not(None), LoginSession.expires_at <= now),
        )
    )
    secret = secrets.token_urlsafe(32)
    db.session.add(
        LoginSession(
            user_id=user.id,
            token_hash=hash_secret(secret),
            remember=remember,
            created_at=now,
            expires_at=now + _lifetime(remember),
        )
    )
    db.session.flush()
    return f"{user.get_id()}:{secret}"


def end_login(carried: str, *, now: datetime) -> None:
    """End the login a cookie names (the caller commits); nothing when there is none."""
    parsed = _parse(carried)
    if parsed is None:
        return
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.token_hash == hash_secret(parsed[2]), LoginSession.ended_at.is_(None))
        .values(ended_at=now)
    )


def end_logins(user: User, *, now: datetime) -> None:
    """End every login of ``user``, on every browser (the caller commits)."""
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .values(ended_at=now)
    )


def current_login() -> LoginSession | None:
    """This request's login row, when it is signed in."""
    parsed = _parse(str(session.get(SESSION_KEY, "")))
    if parsed is None:
        return None
    return db.session.scalars(
        select(LoginSession).where(LoginSession.token_hash == hash_secret(parsed[2]))
    ).first()


def sign_in(user: User, *, remember: bool, now: datetime) -> None:
    """Log this browser in as ``user``: a new login row (committed) and a fresh cookie
    session, with nothing set before it (by anyone) carried over."""
    carried = open_login(user, remember=remember, now=now)
    db.session.commit()
    session.clear()
    login_user(user, remember=remember)
    session[SESSION_KEY] = carried


def sign_out(*, now: datetime) -> None:
    """End this browser's login on the server and drop its cookies."""
    carried = session.get(SESSION_KEY)
    if carried:
        end_login(str(carried), now=now)
        db.session.commit()
    session.clear()
    # After clearing: logging out asks for the remember cookie to be deleted, and
    # clearing the session afterwards would drop that request.
    logout_user()

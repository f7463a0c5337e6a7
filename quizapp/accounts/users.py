"""Accounts: creating learners, checking and changing passwords, one-time reset links,
and limiting login attempts.

Failed logins are stored in the database (not in process memory) so that every worker
behind a load balancer enforces the same limit. quizapp sends no email: a forgotten
password is reset through a one-time link that a teacher (for a learner of one of their
classes) or an administrator (``flask --app quizapp reset-link EMAIL``) issues and hands
over; only the link's SHA-256 is stored, it expires, and it works once.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select, update

from quizapp.accounts.tokens import hash_secret
from quizapp.extensions import db
from quizapp.models import ClassMember, LoginAttempt, PasswordReset, SchoolClass, User

__all__ = [
    "LOGIN_WINDOW",
    "MAX_FAILED_LOGINS",
    "EmailTakenError",
    "RESET_LINK_LIFETIME",
    "ResetLinkError",
    "WrongPasswordError",
    "authenticate",
    "can_issue_reset",
    "change_password",
    "create_user",
    "issue_reset_link",
    "load_session_user",
    "reset_for",
    "reset_password",
    "login_blocked",
    "normalise_email",
    "record_failed_login",
]

MAX_FAILED_LOGINS = 5
LOGIN_WINDOW = timedelta(minutes=15)
ROLES = ("learner", "teacher")
RESET_LINK_LIFETIME = timedelta(hours=24)
MIN_PASSWORD_LENGTH = 8


class EmailTakenError(ValueError):
    """An account with this email address already exists."""


class WrongPasswordError(ValueError):
    """The current password given to change it is not the account's."""


class ResetLinkError(ValueError):
    """A reset link that does not exist, has expired or was already used."""


# Built once: every signed-in request runs it, and building it cost more than running it.
_USER_BY_ID = select(User).where(User.id == bindparam("user_id"))


def load_session_user(session_id: str) -> User | None:
    """The user behind a session's ``"<id>:<password fingerprint>"``, or None when there
    is none or the password has changed since the session began."""
    user_id, _, fingerprint = session_id.partition(":")
    if not user_id.isdigit() or len(user_id) > 18:
        return None
    user = db.session.scalars(_USER_BY_ID, {"user_id": int(user_id)}).first()
    if user is None or not hmac.compare_digest(user.password_fingerprint(), fingerprint):
        return None
    return user


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(
    email: str, password: str, *, display_name: str = "", role: str = "learner"
) -> User:
    """Add a new account (the caller commits).

    Raises:
        EmailTakenError: the email address is already registered.
        ValueError: the role is not one of :data:`ROLES`.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    email = normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise EmailTakenError(f"an account for {email} already exists")
    user = User(email=email, display_name=display_name.strip() or email.split("@")[0], role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The account with this email and password, or None."""
    user = db.session.scalars(select(User).where(User.email == normalise_email(email))).first()
    if user is None or not user.check_password(password):
        return None
    return user


def login_blocked(email: str, ip: str, *, now: datetime) -> bool:
    """Whether this email and address have failed too often in the last window."""
    failures = db.session.scalar(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.email == normalise_email(email),
            LoginAttempt.ip == ip,
            LoginAttempt.attempted_at > now - LOGIN_WINDOW,
        )
    )
    return (failures or 0) >= MAX_FAILED_LOGINS


def record_failed_login(email: str, ip: str, *, now: datetime) -> None:
    db.session.add(LoginAttempt(email=normalise_email(email)[:254], ip=ip[:64], attempted_at=now))


def change_password(user: User, current: str, new: str) -> None:
    """Replace the user's password after checking the current one (the caller commits).

    Raises:
        WrongPasswordError: ``current`` is not the user's password.
        ValueError: the new password is too short.
    """
    if not user.check_password(current):
        raise WrongPasswordError("the current password is wrong")
    _set_password(user, new)


def _set_password(user: User, new: str) -> None:
    if len(new) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"use at least {MIN_PASSWORD_LENGTH} characters")
    user.set_password(new)


def can_issue_reset(issuer: User, user: User) -> bool:
    """A teacher may issue a reset link for a learner in one of their classes."""
    if issuer.role != "teacher" or issuer.id == user.id:
        return False
    member = db.session.scalar(
        select(ClassMember.id)
        .join(SchoolClass, SchoolClass.id == ClassMember.class_id)
        .where(SchoolClass.teacher_id == issuer.id, ClassMember.user_id == user.id)
        .limit(1)
    )
    return member is not None


def issue_reset_link(user: User, *, issued_by: User | None, now: datetime) -> str:
    """Create a one-time reset token for ``user`` (the caller commits).

    Earlier unused links of the user stop working. ``issued_by`` is None when an
    administrator issues it from the command line.

    Returns:
        The token for the link ``/reset/<token>``; only its hash is stored.
    """
    db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    secret = secrets.token_urlsafe(32)
    db.session.add(
        PasswordReset(
            user_id=user.id,
            issued_by=issued_by.id if issued_by else None,
            token_hash=hash_secret(secret),
            created_at=now,
            expires_at=now + RESET_LINK_LIFETIME,
        )
    )
    db.session.flush()
    return secret


def reset_for(secret: str, *, now: datetime) -> PasswordReset:
    """The usable reset behind a link's token.

    Raises:
        ResetLinkError: unknown, expired or already used.
    """
    reset = db.session.scalars(
        select(PasswordReset).where(PasswordReset.token_hash == hash_secret(secret[:200]))
    ).first()
    if reset is None or reset.used_at is not None or reset.expires_at <= now:
        raise ResetLinkError(
            "This reset link is unknown, expired or already used; ask for a new one."
        )
    return reset


def reset_password(secret: str, new: str, *, now: datetime) -> User:
    """Set a new password through a reset link, which then stops working (the caller
    commits).

    Raises:
        ResetLinkError: unknown, expired or already used.
        ValueError: the new password is too short.
    """
    reset = reset_for(secret, now=now)
    _set_password(reset.user, new)
    reset.used_at = now
    return reset.user

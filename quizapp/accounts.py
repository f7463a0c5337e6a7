"""Accounts: creating learners, checking passwords, and limiting login attempts.

Failed logins are stored in the database (not in process memory) so that every worker
behind a load balancer enforces the same limit.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import LoginAttempt, User

__all__ = [
    "LOGIN_WINDOW",
    "MAX_FAILED_LOGINS",
    "EmailTakenError",
    "authenticate",
    "create_user",
    "login_blocked",
    "normalise_email",
    "record_failed_login",
]

MAX_FAILED_LOGINS = 5
LOGIN_WINDOW = timedelta(minutes=15)
ROLES = ("learner", "teacher")


class EmailTakenError(ValueError):
    """An account with this email address already exists."""


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

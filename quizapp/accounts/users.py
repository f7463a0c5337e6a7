"""Accounts: creating learners, checking and changing passwords, one-time reset links,
and limiting login attempts.

Login attempts are stored in the database (not in process memory) so that every worker
behind a load balancer enforces the same limit. An attempt is counted before its password
is checked, so parallel guesses cannot all slip in under the limit; an unknown email
costs the same password hash as a known one, so the time a login takes does not tell
whether an account exists.

quizapp sends no email: a forgotten password is reset through a one-time link that a
teacher (for a plain learner of one of their classes, never a teacher or an
administrator) or an administrator (``flask --app quizapp reset-link EMAIL``, for anyone)
issues and hands over; only the link's SHA-256 is stored, it expires, it is redeemed
once even by requests racing each other, and the learner is told at the next login who
reset the password and when.
"""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Result, delete, func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.accounts.sessions import end_logins
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
    "admit_login",
    "authenticate",
    "can_issue_reset",
    "change_password",
    "create_user",
    "forget_login_attempt",
    "is_time_zone",
    "issue_reset_link",
    "normalise_email",
    "password_resets",
    "register",
    "reset_for",
    "reset_password",
    "teacher_may_reset",
    "tell_resets",
    "time_zones",
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


USED_LINK = "This reset link is unknown, expired or already used; ask for a new one."


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(
    email: str,
    password: str,
    *,
    display_name: str = "",
    role: str = "learner",
    time_zone: str = "UTC",
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
    user = User(
        email=email,
        display_name=display_name.strip() or email.split("@")[0],
        role=role,
        time_zone=time_zone if is_time_zone(time_zone) else "UTC",
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def register(
    email: str,
    password: str,
    *,
    display_name: str = "",
    role: str = "learner",
    time_zone: str = "UTC",
) -> User | None:
    """Sign up: the new account, or None when the email already has one (the caller
    commits). Either way the password is hashed once, so the time taken does not tell
    the two apart; the page says the same thing for both.

    Raises:
        ValueError: the role is not one of :data:`ROLES`.
    """
    try:
        return create_user(
            email, password, display_name=display_name, role=role, time_zone=time_zone
        )
    except EmailTakenError:
        generate_password_hash(password)
        return None


@cache
def time_zones() -> tuple[str, ...]:
    """Every IANA time zone name this system knows, sorted."""
    return tuple(sorted(zoneinfo.available_timezones()))


def is_time_zone(name: str) -> bool:
    """``name`` is an IANA time zone ("Europe/Paris", "UTC")."""
    return name in time_zones()


@cache
def _dummy_hash() -> str:
    """A hash of a password nobody knows, made like every stored hash."""
    return generate_password_hash(secrets.token_urlsafe(16))


def authenticate(email: str, password: str) -> User | None:
    """The account with this email and password, or None.

    An unknown email is checked against a dummy hash, so that it takes as long as a
    wrong password for a known one.
    """
    user = db.session.scalars(select(User).where(User.email == normalise_email(email))).first()
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if user.check_password(password) else None


def admit_login(email: str, ip: str, *, now: datetime) -> LoginAttempt | None:
    """Count a login attempt for this email and address, or refuse it: the attempt, or
    None when the last :data:`LOGIN_WINDOW` already holds :data:`MAX_FAILED_LOGINS`.

    Commits twice: the attempt is stored before counting, so that of attempts racing
    each other, each counts every one stored before it and no more than the limit are
    admitted. A refused attempt is deleted again. The caller checks the password, then
    forgets the attempt if it was right (:func:`forget_login_attempt`).
    """
    email, ip = normalise_email(email)[:254], ip[:64]
    attempt = LoginAttempt(email=email, ip=ip, attempted_at=now)
    db.session.add(attempt)
    db.session.commit()
    attempts = db.session.scalar(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.email == email,
            LoginAttempt.ip == ip,
            LoginAttempt.attempted_at > now - LOGIN_WINDOW,
        )
    )
    if (attempts or 0) <= MAX_FAILED_LOGINS:
        return attempt
    forget_login_attempt(attempt)
    db.session.commit()
    return None


def forget_login_attempt(attempt: LoginAttempt) -> None:
    """A login succeeded: its attempt does not count against the limit (the caller
    commits)."""
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt.id))


def change_password(user: User, current: str, new: str, *, now: datetime) -> None:
    """Replace the user's password after checking the current one, and end every login
    of the account (the caller commits, then logs this browser in again).

    Raises:
        WrongPasswordError: ``current`` is not the user's password.
        ValueError: the new password is too short.
    """
    if not user.check_password(current):
        raise WrongPasswordError("the current password is wrong")
    _check_length(new)
    user.set_password(new)
    end_logins(user, now=now)


def _check_length(new: str) -> None:
    if len(new) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"use at least {MIN_PASSWORD_LENGTH} characters")


def teacher_may_reset(user: User) -> bool:
    """Whether a teacher may ever reset this account's password: a plain learner's, not
    a teacher's or an administrator's."""
    return user.role == "learner" and not user.is_admin


def can_issue_reset(issuer: User, user: User) -> bool:
    """Whether ``issuer`` may issue a reset link for ``user`` from the pages: a teacher,
    for a plain learner (no teacher, no administrator) who joined one of the teacher's
    classes and is still in it. Anyone else is reset by an administrator from the
    command line: a reset link is a way into the account, and a teacher account can be
    made by anyone (and a teacher's or administrator's account reaches other people's
    data)."""
    if issuer.role != "teacher" or issuer.id == user.id or not teacher_may_reset(user):
        return False
    member = db.session.scalar(
        select(ClassMember.id)
        .join(SchoolClass, SchoolClass.id == ClassMember.class_id)
        .where(SchoolClass.teacher_id == issuer.id, ClassMember.user_id == user.id)
        .limit(1)
    )
    return member is not None


def _update_usable_resets(
    which: ColumnElement[bool], *, now: datetime, **values: datetime
) -> Result[Any]:
    """Set ``values`` on the resets that ``which`` picks and that are still usable at
    ``now`` (unused, unexpired), in one conditional UPDATE: a link used or expired in
    the meantime is left alone, and the result's row count says how many changed."""
    return db.session.execute(
        update(PasswordReset)
        .where(which, PasswordReset.used_at.is_(None), PasswordReset.expires_at > now)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def issue_reset_link(user: User, *, issued_by: User | None, now: datetime) -> str:
    """Create a one-time reset token for ``user`` (the caller commits).

    Earlier unused links of the user expire now. ``issued_by`` is None when an
    administrator issues it from the command line.

    Returns:
        The token for the link ``/reset/<token>``; only its hash is stored.
    """
    _update_usable_resets(PasswordReset.user_id == user.id, now=now, expires_at=now)
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
        raise ResetLinkError(USED_LINK)
    return reset


def reset_password(secret: str, new: str, *, now: datetime) -> User:
    """Set a new password through a reset link, which then stops working, and end every
    login of the account (the caller commits).

    The link is claimed by one conditional UPDATE: of requests racing with the same
    link, the database lets one change the row and the others find it used.

    Raises:
        ResetLinkError: unknown, expired or already used.
        ValueError: the new password is too short.
    """
    _check_length(new)
    reset = reset_for(secret, now=now)
    claimed = _update_usable_resets(PasswordReset.id == reset.id, now=now, used_at=now)
    if getattr(claimed, "rowcount", 0) != 1:
        raise ResetLinkError(USED_LINK)
    user = reset.user
    user.set_password(new)
    end_logins(user, now=now)
    return user


def tell_resets(user: User, *, now: datetime) -> list[PasswordReset]:
    """The resets of ``user``'s password not yet shown to them, marked shown now (the
    caller commits and shows them)."""
    untold = list(
        db.session.scalars(
            select(PasswordReset)
            .where(
                PasswordReset.user_id == user.id,
                PasswordReset.used_at.is_not(None),
                PasswordReset.told_at.is_(None),
            )
            .order_by(PasswordReset.used_at)
        )
    )
    for reset in untold:
        reset.told_at = now
    return untold


def password_resets(user: User) -> list[PasswordReset]:
    """Every reset of ``user``'s password through a link, newest first."""
    return list(
        db.session.scalars(
            select(PasswordReset)
            .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_not(None))
            .order_by(PasswordReset.used_at.desc())
        )
    )

"""Personal API tokens: created and revoked from the settings page, hashed at rest.

A token is ``qz_`` followed by 40 random URL-safe characters. Only its SHA-256 is
stored, with the first characters (``prefix``) so the settings page can tell tokens
apart; the token itself is shown once, when it is created.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import ApiToken, User

__all__ = [
    "SCOPES",
    "TOKEN_PREFIX",
    "create_token",
    "hash_secret",
    "revoke_token",
    "token_for",
    "user_tokens",
]

TOKEN_PREFIX = "qz_"
SCOPES = ("read", "write")
MAX_TOKENS_PER_USER = 20
# Writing last_used_at on every request would make each GET a write; once a minute is
# precise enough for "last used" on the settings page.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    """The SHA-256 (hex) under which a token or a reset link is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(user: User, name: str, scope: str, *, now: datetime) -> tuple[ApiToken, str]:
    """Add a token for ``user`` (the caller commits).

    Returns:
        The stored token and the token itself, which is not stored anywhere.

    Raises:
        ValueError: an unknown scope, or the user already has the most tokens allowed.
    """
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, got {scope!r}")
    if len(user_tokens(user, active_only=True)) >= MAX_TOKENS_PER_USER:
        raise ValueError(f"at most {MAX_TOKENS_PER_USER} tokens; revoke one first")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken(
        user_id=user.id,
        name=name.strip()[:80] or "token",
        token_hash=hash_secret(secret),
        prefix=secret[:10],
        scope=scope,
        created_at=now,
    )
    db.session.add(token)
    db.session.flush()
    return token, secret


def user_tokens(user: User, *, active_only: bool = False) -> list[ApiToken]:
    """The user's tokens, newest first."""
    query = select(ApiToken).where(ApiToken.user_id == user.id)
    if active_only:
        query = query.where(ApiToken.revoked_at.is_(None))
    return list(db.session.scalars(query.order_by(ApiToken.id.desc())))


def revoke_token(user: User, token_id: int, *, now: datetime) -> bool:
    """Revoke one of the user's tokens; False when the user has no such active token."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        return False
    token.revoked_at = now
    return True


def token_for(secret: str, *, now: datetime) -> ApiToken | None:
    """The active token for a secret from an ``Authorization`` header, else None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = db.session.scalars(
        select(ApiToken).where(ApiToken.token_hash == hash_secret(secret))
    ).first()
    if token is None or token.revoked_at is not None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        token.last_used_at = now
    return token

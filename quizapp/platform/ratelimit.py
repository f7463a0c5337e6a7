"""Fixed-window request counters kept in the database, so every worker shares them.

A window is ``window`` long and starts at a multiple of it since the epoch; a key's
counter is incremented with one UPDATE, or created by the first request of the window
(two workers creating it at once are settled by a unique constraint).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.models import RateLimitWindow

__all__ = ["RateLimit", "count_request", "window_start"]


@dataclass(frozen=True)
class RateLimit:
    """The state of a key's window after counting one more request."""

    limit: int
    count: int
    reset_at: datetime

    @property
    def allowed(self) -> bool:
        return self.count <= self.limit

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)

    def retry_after(self, now: datetime) -> int:
        """Whole seconds until the window resets (at least 1)."""
        return max(1, int((self.reset_at - now).total_seconds() + 0.999))


def window_start(now: datetime, window: timedelta) -> datetime:
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, UTC)


def count_request(key: str, *, limit: int, window: timedelta, now: datetime) -> RateLimit:
    """Count one request for ``key`` in the current window (the caller commits).

    Args:
        key: what is limited, such as ``token:12``.
        limit: requests allowed per window.
        window: the window's length (whole seconds).
        now: the request's time.

    Returns:
        The window's count including this request; ``allowed`` is False past the limit.
    """
    start = window_start(now, window)
    increment = (
        update(RateLimitWindow)
        .where(RateLimitWindow.key == key, RateLimitWindow.window_start == start)
        .values(count=RateLimitWindow.count + 1)
        .execution_options(synchronize_session=False)
    )
    if not getattr(db.session.execute(increment), "rowcount", 0):
        try:
            with db.session.begin_nested():
                db.session.execute(
                    delete(RateLimitWindow).where(
                        RateLimitWindow.key == key, RateLimitWindow.window_start < start
                    )
                )
                db.session.add(RateLimitWindow(key=key, window_start=start, count=1))
        except IntegrityError:  # another worker opened the window first
            db.session.execute(increment)
    count = db.session.scalar(
        select(RateLimitWindow.count).where(
            RateLimitWindow.key == key, RateLimitWindow.window_start == start
        )
    )
    return RateLimit(limit=limit, count=int(count or 0), reset_at=start + window)

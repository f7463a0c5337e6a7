"""Long work a page polls: a generation job, a schedule fit.

Both run in the queue's workers and show their progress the same way: the page's
``#job`` block (``templates/_progress.html``) is filled in by ``static/uploads.js``
from the JSON state that :func:`progress_state` starts.
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["PolledWork", "progress_state"]


class PolledWork(Protocol):
    """What a polled page reads of a row of long work."""

    id: int
    status: str
    stage: str
    progress: int
    message: str


def progress_state(work: PolledWork) -> dict[str, Any]:
    """Where ``work`` is: its status (queued, running, done or failed), the stage it is
    in, its progress (0-100) and its message; each kind of work adds its own fields."""
    return {
        "id": work.id,
        "status": work.status,
        "stage": work.stage,
        "progress": work.progress,
        "message": work.message,
    }

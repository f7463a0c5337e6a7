"""Personal FSRS parameters: a learner's own 21 numbers, fitted on their reviews.

FSRS predicts how likely a learner is to recall a card from its review history and 21
parameters. The defaults fit the average learner; fitted on one learner's reviews they
predict that learner better, as Anki does since 23.10. The fit is ``fsrs-rs-python``'s
optimizer (FSRS-6, the parameter format of the ``fsrs`` scheduler; see
docs/decisions.md), run by a queue worker (:mod:`quizapp.sources.queue`), on request
("Optimize my schedule") or nightly.

How a fit is judged: the learner's reviews in time order, the last 20% held out. The fit
learns from the reviews before them; the parameters in use (``before``) and the fit
(``after``) then predict each held-out review from the card's history, and the log loss
and RMSE of those predictions are stored and shown to the learner. The fit is adopted
only when it is better on both (a lower log loss, and an RMSE no higher); otherwise the
parameters in use stay. From then on :func:`quizapp.learning.scheduling.scheduler_for`
schedules with ``user.fsrs_parameters``.

A review's history counts days in the learner's time zone (a review the same day as the
one before is a short-term review, as in Anki); only reviews a day or more after the
previous one are predicted, since FSRS's forgetting curve is what they test.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import fsrs_rs_python as fsrs_rs
from flask import Flask
from fsrs import Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS
from sqlalchemy import func, select, update

from quizapp.extensions import db
from quizapp.learning.scheduling import day_start
from quizapp.models import Review, ScheduleFit, User
from quizapp.platform.progress import progress_state

__all__ = [
    "ACTIVE",
    "HELD_OUT",
    "FitResult",
    "Metrics",
    "NotEnoughReviewsError",
    "ReviewRecord",
    "Step",
    "evaluate",
    "fit_parameters",
    "fit_state",
    "latest_fit",
    "learner_reviews",
    "minimum_reviews",
    "nightly_new_reviews",
    "queue_nightly_fits",
    "request_fit",
    "review_count",
    "review_items",
    "run_fit",
]

HELD_OUT = 0.2
"""The share of a learner's reviews, the latest, that judges a fit."""
DEFAULT_MIN_REVIEWS = 400
"""Fewer reviews hold out fewer than 80, too few to tell a better fit from chance."""
DEFAULT_NIGHTLY_NEW_REVIEWS = 100
"""The nightly task fits a learner again once they have this many reviews since the
last fit."""
STALE_AFTER = timedelta(hours=1)
"""A fit still queued or running after this lost its worker; another may start."""
ACTIVE = ("queued", "running")
TRAINING = fsrs_rs.TrainingConfig(gamma=10.0)
"""The optimizer's settings: fsrs-rs's own, but ten times its weight (``gamma``) on the
penalty for parameters far from the defaults. At its own weight (1) a fit on a learner's
first 80% predicted their last 20% worse than the defaults on average (100 simulated
learners apart from bench/learning.py's, log loss 0.3044 against 0.3024); at 10 better
(0.3016, and RMSE 0.0738 against 0.0750). See docs/decisions.md."""


class NotEnoughReviewsError(ValueError):
    """The learner has fewer reviews than a fit needs."""

    def __init__(self, reviews: int, needed: int) -> None:
        self.reviews = reviews
        self.needed = needed
        super().__init__(
            f"Optimizing your schedule needs at least {needed} reviews; you have {reviews} "
            f"({needed - reviews} to go). Until then FSRS's default parameters schedule "
            "your cards."
        )


@dataclass(frozen=True)
class ReviewRecord:
    """One review, as the optimizer reads it."""

    card_id: int
    reviewed_at: datetime
    rating: int


@dataclass(frozen=True)
class Metrics:
    """How well parameters predict held-out reviews: log loss (lower is better) and
    RMSE over bins of predicted recall, as Anki shows them."""

    log_loss: float
    rmse: float

    def better_than(self, other: Metrics) -> bool:
        return self.log_loss < other.log_loss and self.rmse <= other.rmse


@dataclass(frozen=True)
class FitResult:
    """What a fit found: the parameters fitted on the earlier reviews and both sets'
    metrics on the held-out ones."""

    reviews: int
    train_items: int
    test_items: int
    before: Metrics
    after: Metrics
    parameters: list[float]

    @property
    def better(self) -> bool:
        return self.after.better_than(self.before)


Step = tuple[int, int]
"""A review in a card's history: its rating (1-4) and the whole days since the card's
previous review (0 for the first, and for one on the same day)."""


def review_items(
    records: Sequence[ReviewRecord], zone: str = "UTC"
) -> list[tuple[datetime, list[Step]]]:
    """One optimizer item per review that can be predicted: the card's history up to and
    including it, each step's gap in whole days in the learner's time zone, paired with
    the time of the review it predicts.

    A card's first review, and a review on the same day as the card's previous one, are
    history only: FSRS's forgetting curve predicts reviews a day or more apart.
    """
    by_card: dict[int, list[ReviewRecord]] = defaultdict(list)
    for record in sorted(records, key=lambda r: (r.reviewed_at, r.card_id)):
        by_card[record.card_id].append(record)
    items: list[tuple[datetime, list[Step]]] = []
    for history in by_card.values():
        steps: list[Step] = []
        previous: datetime | None = None
        for record in history:
            day = day_start(record.reviewed_at, zone)
            # Rounded: a day is 23 or 25 hours long where the clocks change.
            gap = 0 if previous is None else round((day - previous) / timedelta(days=1))
            steps.append((record.rating, gap))
            if previous is not None and gap > 0:
                items.append((record.reviewed_at, list(steps)))
            previous = day
    return items


def _fsrs_items(items: Sequence[list[Step]]) -> list[fsrs_rs.FSRSItem]:
    return [
        fsrs_rs.FSRSItem([fsrs_rs.FSRSReview(rating, gap) for rating, gap in steps])
        for steps in items
    ]


def held_out_since(records: Sequence[ReviewRecord]) -> datetime:
    """The time of the first held-out review: the last :data:`HELD_OUT` of them."""
    times = sorted(record.reviewed_at for record in records)
    return times[min(len(times) - 1, math.floor(len(times) * (1 - HELD_OUT)))]


def evaluate(parameters: Sequence[float], items: Sequence[list[Step]]) -> Metrics:
    """The log loss and RMSE of ``parameters``' predictions of ``items``' last reviews."""
    found = fsrs_rs.FSRS(list(parameters)).evaluate(_fsrs_items(items))
    return Metrics(log_loss=float(found.log_loss), rmse=float(found.rmse_bins))


def fit_parameters(
    records: Sequence[ReviewRecord],
    *,
    current: Sequence[float] | None = None,
    zone: str = "UTC",
    progress: Callable[[str, int], None] | None = None,
) -> FitResult:
    """Fit FSRS parameters on all but the latest :data:`HELD_OUT` of ``records`` and
    judge them, and ``current`` (the defaults when None), on those latest.

    Raises:
        NotEnoughReviewsError: ``records`` leave no review to learn from or none to
            judge with (every review on a card's first day, say).
    """
    report = progress or (lambda stage, percent: None)
    in_use = list(current) if current is not None else list(DEFAULT_PARAMETERS)
    since = held_out_since(records) if records else None
    items = review_items(records, zone)
    train = [item for at, item in items if since is not None and at < since]
    test = [item for at, item in items if since is not None and at >= since]
    if not train or not test:
        raise NotEnoughReviewsError(len(records), len(records) + 1)
    report("fitting your parameters", 30)
    found = fsrs_rs.FSRS(in_use).compute_parameters(_fsrs_items(train), training_config=TRAINING)
    fitted = [float(value) for value in found]
    # The scheduler checks every parameter against FSRS-6's bounds: a fit it refuses
    # would fail every answer, so it is refused here first (ValueError).
    Scheduler(parameters=fitted)
    report("comparing with the parameters in use", 80)
    return FitResult(
        reviews=len(records),
        train_items=len(train),
        test_items=len(test),
        before=evaluate(in_use, test),
        after=evaluate(fitted, test),
        parameters=fitted,
    )


# --- the learner's fits, in the database ------------------------------------------------


def minimum_reviews(app: Flask) -> int:
    """``OPTIMIZE_MIN_REVIEWS``: the reviews a learner needs before a fit."""
    return int(app.config.get("OPTIMIZE_MIN_REVIEWS", DEFAULT_MIN_REVIEWS))


def nightly_new_reviews(app: Flask) -> int:
    """``OPTIMIZE_NIGHTLY_NEW_REVIEWS``: the new reviews since a learner's last fit that
    earn them another one at night."""
    return int(app.config.get("OPTIMIZE_NIGHTLY_NEW_REVIEWS", DEFAULT_NIGHTLY_NEW_REVIEWS))


def review_count(user: User) -> int:
    return db.session.scalar(select(func.count()).where(Review.user_id == user.id)) or 0


def learner_reviews(user_id: int) -> list[ReviewRecord]:
    rows = db.session.execute(
        select(Review.card_id, Review.reviewed_at, Review.rating)
        .where(Review.user_id == user_id)
        .order_by(Review.reviewed_at, Review.id)
    )
    return [ReviewRecord(card_id, at, rating) for card_id, at, rating in rows]


def latest_fit(user: User) -> ScheduleFit | None:
    return db.session.scalar(
        select(ScheduleFit)
        .where(ScheduleFit.user_id == user.id)
        .order_by(ScheduleFit.id.desc())
        .limit(1)
    )


def _active_fit(user_id: int, now: datetime) -> ScheduleFit | None:
    return db.session.scalar(
        select(ScheduleFit)
        .where(
            ScheduleFit.user_id == user_id,
            ScheduleFit.status.in_(ACTIVE),
            ScheduleFit.created_at > now - STALE_AFTER,
        )
        .order_by(ScheduleFit.id.desc())
        .limit(1)
    )


def request_fit(
    user: User, *, now: datetime, minimum: int, trigger: str = "request"
) -> tuple[ScheduleFit, bool]:
    """A queued fit for ``user`` (flushed, not committed), or the one already queued or
    running: ``(fit, created)``.

    Raises:
        NotEnoughReviewsError: the learner has fewer than ``minimum`` reviews.
    """
    active = _active_fit(user.id, now)
    if active is not None:
        return active, False
    reviews = review_count(user)
    if reviews < minimum:
        raise NotEnoughReviewsError(reviews, minimum)
    fit = ScheduleFit(user_id=user.id, trigger=trigger, created_at=now, reviews=reviews)
    db.session.add(fit)
    db.session.flush()
    return fit, True


def run_fit(fit_id: int, *, now: Callable[[], datetime]) -> str:
    """Claim a queued fit and run it (in a queue worker): ``"done"``, ``"failed"``, or
    ``"gone"`` when another worker claimed it or it is finished. Commits as it goes, so
    the learner's page shows the progress."""
    claimed = db.session.execute(
        update(ScheduleFit)
        .where(ScheduleFit.id == fit_id, ScheduleFit.status == "queued")
        .values(status="running", started_at=now(), stage="reading your reviews", progress=10)
    )
    db.session.commit()
    if getattr(claimed, "rowcount", 0) != 1:
        return "gone"
    fit = db.session.get(ScheduleFit, fit_id)
    assert fit is not None
    user = db.session.get(User, fit.user_id)
    assert user is not None

    def report(stage: str, percent: int) -> None:
        fit.stage, fit.progress = stage, percent
        db.session.commit()

    records = learner_reviews(user.id)
    fit.reviews = len(records)
    fit.parameters_before = list(user.fsrs_parameters) if user.fsrs_parameters else None
    try:
        result = fit_parameters(
            records, current=user.fsrs_parameters, zone=user.time_zone, progress=report
        )
    except NotEnoughReviewsError:
        return _finish(fit, now(), "failed", _too_few_message(len(records)))
    except (ValueError, RuntimeError) as error:
        return _finish(fit, now(), "failed", f"The fit failed: {error}")
    fit.train_items, fit.test_items = result.train_items, result.test_items
    fit.log_loss_before, fit.rmse_before = result.before.log_loss, result.before.rmse
    fit.log_loss_after, fit.rmse_after = result.after.log_loss, result.after.rmse
    fit.parameters = result.parameters
    fit.adopted = result.better
    if result.better:
        user.fsrs_parameters = result.parameters
        message = "The fit predicts your held-out reviews better: your schedule uses it now."
    else:
        message = (
            "The fit does not predict your held-out reviews better than the parameters in "
            "use: those stay."
        )
    return _finish(fit, now(), "done", message)


def _too_few_message(reviews: int) -> str:
    return (
        f"None of your {reviews} reviews came a day or more after the card's previous "
        "review in both the earlier 80% and the latest 20%: there is nothing to fit or "
        "to judge a fit with yet."
    )


def _finish(fit: ScheduleFit, at: datetime, status: str, message: str) -> str:
    fit.status, fit.message, fit.finished_at = status, message, at
    fit.stage, fit.progress = ("finished", 100) if status == "done" else ("failed", fit.progress)
    db.session.commit()
    return status


def queue_nightly_fits(*, now: datetime, minimum: int, new_reviews: int) -> list[int]:
    """The nightly task: a queued fit (committed) for each learner with at least
    ``minimum`` reviews, ``new_reviews`` of them since their last fit (or no fit yet),
    and no fit queued or running. A fit left queued or running past
    :data:`STALE_AFTER` lost its worker and is marked failed. Returns the new fits' ids."""
    db.session.execute(
        update(ScheduleFit)
        .where(ScheduleFit.status.in_(ACTIVE), ScheduleFit.created_at <= now - STALE_AFTER)
        .values(
            status="failed",
            stage="failed",
            finished_at=now,
            message="The worker running this fit stopped; run it again.",
        )
    )
    counts = db.session.execute(
        select(Review.user_id, func.count())
        .group_by(Review.user_id)
        .having(func.count() >= minimum)
    ).all()
    last_fit = dict(
        db.session.execute(
            select(ScheduleFit.user_id, func.max(ScheduleFit.reviews)).group_by(ScheduleFit.user_id)
        ).all()
    )
    created: list[int] = []
    for user_id, reviews in counts:
        if user_id in last_fit and reviews - last_fit[user_id] < new_reviews:
            continue
        if _active_fit(user_id, now) is not None:
            continue
        fit = ScheduleFit(user_id=user_id, trigger="nightly", created_at=now, reviews=reviews)
        db.session.add(fit)
        db.session.flush()
        created.append(fit.id)
    db.session.commit()
    return created


def fit_state(fit: ScheduleFit) -> dict[str, Any]:
    """The fit as its page's script polls it."""
    return {
        **progress_state(fit),
        "reviews": fit.reviews,
        "log_loss_before": fit.log_loss_before,
        "rmse_before": fit.rmse_before,
        "log_loss_after": fit.log_loss_after,
        "rmse_after": fit.rmse_after,
        "adopted": fit.adopted,
    }

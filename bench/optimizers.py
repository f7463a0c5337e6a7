"""The three FSRS optimizers on one simulated learner's 10,000 reviews: time to fit, the
parameters' format, and log loss and RMSE on the held-out last 20%.

The learner's memory is FSRS with each default parameter scaled by a seeded factor from
0.8 to 1.2; the default scheduler schedules 15 new cards a day, each reviewed when due,
recalled (Good) with the memory's retrievability or not (Again). Each optimizer fits all
10,000 reviews (the time asked for), then the first 80% alone, whose parameters
``fsrs-rs-python``'s ``evaluate`` judges on the last 20%, the same way for all three.
Every fit must be accepted by the scheduler (``fsrs.Scheduler(parameters=...)``).

py-fsrs's ``Optimizer`` and ``fsrs-optimizer`` need torch, which quizapp does not
install: run this in a virtual environment of its own::

    python3.11 -m venv /tmp/optimizers
    /tmp/optimizers/bin/pip install 'fsrs[optimizer]' fsrs-optimizer fsrs-rs-python
    /tmp/optimizers/bin/python bench/optimizers.py [rs] [py-fsrs] [fsrs-optimizer]

With no argument it runs the three; ``rs`` alone runs in quizapp's own environment.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import fsrs_rs_python as fsrs_rs
from fsrs import Card, Rating, ReviewLog, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

Record = tuple[int, datetime, int]  # card, time, rating
REVIEWS = 10_000


def simulate(seed: int = 1) -> list[Record]:
    rng = random.Random(seed)
    memory_parameters = tuple(
        min(high, max(low, value * rng.uniform(0.8, 1.2)))
        for value, low, high in zip(
            DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True
        )
    )
    memory = Scheduler(parameters=memory_parameters, enable_fuzzing=False)
    app = Scheduler(enable_fuzzing=False)
    start = datetime(2026, 1, 1, 8, tzinfo=UTC)
    records: list[Record] = []
    cards: dict[int, tuple[Card, Card]] = {}
    day = 0
    while len(records) < REVIEWS:
        now = start + timedelta(days=day)
        for _ in range(15):
            card_id = len(cards) + 1
            cards[card_id] = (Card(card_id=card_id, due=now), Card(card_id=card_id, due=now))
        for card_id, (card, truth) in list(cards.items()):
            while card.due <= now + timedelta(hours=12) and len(records) < REVIEWS:
                when = max(now, card.due)
                recalled = truth.last_review is not None and rng.random() < (
                    memory.get_card_retrievability(truth, when)
                )
                rating = Rating.Good if recalled or truth.last_review is None else Rating.Again
                card, _ = app.review_card(card, rating, when)
                truth, _ = memory.review_card(truth, rating, when)
                records.append((card_id, when, int(rating)))
            cards[card_id] = (card, truth)
        day += 1
    return sorted(records, key=lambda record: record[1])


def items(records: Sequence[Record]) -> list[tuple[datetime, fsrs_rs.FSRSItem]]:
    """An item per review a day or more after the card's previous one (as the app)."""
    by_card: dict[int, list[tuple[datetime, int]]] = {}
    for card_id, when, rating in records:
        by_card.setdefault(card_id, []).append((when, rating))
    found = []
    for history in by_card.values():
        steps: list[fsrs_rs.FSRSReview] = []
        for index, (when, rating) in enumerate(history):
            gap = 0 if index == 0 else (when.date() - history[index - 1][0].date()).days
            steps.append(fsrs_rs.FSRSReview(rating, gap))
            if index and gap > 0:
                found.append((when, fsrs_rs.FSRSItem(list(steps))))
    return found


def fit_rs(records: Sequence[Record]) -> list[float]:
    train = [item for _, item in items(records)]
    return list(fsrs_rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(train))


def fit_py_fsrs(records: Sequence[Record]) -> list[float]:
    from fsrs.optimizer import Optimizer

    logs = [
        ReviewLog(card_id=card, rating=Rating(rating), review_datetime=when, review_duration=None)
        for card, when, rating in records
    ]
    return list(Optimizer(logs).compute_optimal_parameters())


def fit_fsrs_optimizer(records: Sequence[Record]) -> list[float]:
    import pandas as pd  # type: ignore[import-not-found,import-untyped,unused-ignore]
    from fsrs_optimizer import Optimizer  # type: ignore[import-not-found,import-untyped,unused-ignore]

    folder = tempfile.mkdtemp()
    here = os.getcwd()
    os.chdir(folder)  # it reads ./revlog.csv and writes beside it
    try:
        pd.DataFrame(
            {
                "card_id": [card for card, _, _ in records],
                "review_time": [int(when.timestamp() * 1000) for _, when, _ in records],
                "review_rating": [rating for _, _, rating in records],
                "review_state": [1] * len(records),
                "review_duration": [0] * len(records),
            }
        ).to_csv("revlog.csv", index=False)
        optimizer: Any = Optimizer()
        optimizer.create_time_series("UTC", "2006-01-01", 0, analysis=False)
        optimizer.define_model()
        optimizer.pretrain(verbose=False)
        optimizer.train(verbose=False)
        return [float(value) for value in optimizer.w]
    finally:
        os.chdir(here)


FITS: dict[str, Callable[[Sequence[Record]], list[float]]] = {
    "rs": fit_rs,
    "py-fsrs": fit_py_fsrs,
    "fsrs-optimizer": fit_fsrs_optimizer,
}


def main() -> None:
    records = simulate()
    since = records[int(len(records) * 0.8)][1]
    earlier = [record for record in records if record[1] < since]
    held_out = [item for when, item in items(records) if when >= since]

    def judge(parameters: Sequence[float]) -> str:
        found = fsrs_rs.FSRS(list(parameters)).evaluate(held_out)
        return f"log loss {found.log_loss:.4f}, RMSE {found.rmse_bins:.4f}"

    print(f"{len(records)} reviews, {len(held_out)} held-out items")
    print(f"defaults: {judge(DEFAULT_PARAMETERS)}")
    for name in sys.argv[1:] or list(FITS):
        started = time.perf_counter()
        parameters = FITS[name](records)
        elapsed = time.perf_counter() - started
        Scheduler(parameters=parameters)  # raises ValueError outside FSRS-6's format
        fitted = FITS[name](earlier)
        print(
            f"{name}: {elapsed:.2f} s for {len(records)} reviews, {len(parameters)} "
            f"parameters the scheduler accepts; fitted on the first 80%: {judge(fitted)}"
        )


if __name__ == "__main__":
    main()

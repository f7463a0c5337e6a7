"""Simulated learners: what one card per fact, its forms and honest grading teach.

Learners whose memory follows FSRS's own model, with parameters drawn around the
defaults (seeded), study the bundled document and two real articles
(``bench/real/articles``) for 60 days at 10 new facts a day. The app's own pieces decide
what happens: :func:`quizapp.learning.facts.choose_form` picks each review's form,
:func:`quizapp.learning.scoring.grade_answer` grades the answer the learner gives, and a
py-fsrs scheduler with the default parameters (the app's) schedules the card from the
rating; the questions are the app's own ``Question`` rows, built from each bank and never
saved. The queue is the app's, on facts: due cards first, then new facts a source
after another, then learning steps later the same day.

A learner who recalls the fact gives the right answer in the form asked (the right
option, or the answer's date as the document writes it); one who does not picks another
option, or types only the year of the date (the strategy the issue found passing 58 of
86 typed answers). Their memory is a second FSRS card under their own parameters,
reviewed with Good when recalled and Again when not; recall happens with its
retrievability.

Reports: forms of one fact on the same day (must be 0); true retention of due reviews
(recalled among reviews of cards in the Review state, at or after their due date)
against the desired retention; reviews per learner and day; the share of facts "passed"
(rated Hard or better) by typing only the year, among facts whose answer is finer than a
year, a day or a month or a range of them (must be 0).

The optimizer (:func:`quizapp.learning.optimizing.fit_parameters`, the app's own fit):
for each learner, parameters fitted on the first 80% of their reviews, and the log loss
and RMSE of those and of the default parameters on the last 20% (lower on average); the
share of learners whose fit the app would adopt; and the time of one fit on 10,000
reviews (the first learners' reviews pooled, their cards kept apart).

    python bench/learning.py [--learners 200] [--days 60] [--new 10] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fsrs import Card as FsrsCard  # noqa: E402
from fsrs import Rating, Scheduler, State  # noqa: E402
from fsrs.scheduler import (  # noqa: E402
    DEFAULT_PARAMETERS,
    LOWER_BOUNDS_PARAMETERS,
    UPPER_BOUNDS_PARAMETERS,
)

from question_bank import build_bank, read_document_file  # noqa: E402
from quizapp.learning.facts import choose_form  # noqa: E402
from quizapp.learning.optimizing import FitResult, ReviewRecord, fit_parameters  # noqa: E402
from quizapp.learning.scoring import UnreadableAnswerError, grade_answer  # noqa: E402
from quizapp.models import Question  # noqa: E402

DOCUMENTS = (
    ROOT / "quizapp" / "documents" / "second-nagorno-karabakh-war.txt",
    ROOT / "bench" / "real" / "articles" / "apollo-8.txt",
    ROOT / "bench" / "real" / "articles" / "battle-of-stalingrad.txt",
)
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
DESIRED_RETENTION = 0.9
FORMS = ("choice", "cloze", "date")


@dataclass(frozen=True)
class Fact:
    key: str
    source: int
    forms: tuple[Question, ...]


@dataclass
class Memory:
    """The app's card of a fact (default parameters) and the learner's true memory."""

    card: FsrsCard
    truth: FsrsCard
    state: int = int(State.Learning)
    stability: float | None = None
    last_review: datetime | None = None
    question_id: int = 0


@dataclass
class Tally:
    reviews: int = 0
    two_forms_days: int = 0
    due_reviews: int = 0
    due_recalled: int = 0
    year_only: int = 0
    year_only_passed: int = 0
    days: int = 0
    forms_seen: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fits: list[FitResult] = field(default_factory=list)
    fit_seconds: float = 0.0
    records: list[ReviewRecord] = field(default_factory=list)


def load_facts() -> list[Fact]:
    facts: list[Fact] = []
    next_id = 1
    for source, path in enumerate(DOCUMENTS):
        bank = build_bank(read_document_file(str(path)), file=path.name)
        grouped: dict[str, list[Question]] = defaultdict(list)
        for question in bank.questions:
            data = question.to_dict()
            if data["kind"] not in FORMS:
                continue
            grouped[data.get("fact") or data["id"]].append(
                Question(
                    id=next_id,
                    kind=data["kind"],
                    answer=dict(data["answer"]),
                    accept=list(data["accept"]),
                    choices=list(data["choices"]),
                    items=[],
                    disputed=[dict(other) for other in data.get("disputed", [])],
                )
            )
            next_id += 1
        facts.extend(Fact(key, source, tuple(forms)) for key, forms in grouped.items())
    return facts


def learner_parameters(rng: random.Random) -> tuple[float, ...]:
    """FSRS parameters around the defaults: each scaled by up to +-20%, within FSRS's
    bounds."""
    return tuple(
        min(high, max(low, value * rng.uniform(0.8, 1.2)))
        for value, low, high in zip(
            DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True
        )
    )


def year_of(form: Question) -> str:
    date = str(form.answer["date"]).split("/")[0]
    year = int(date[:5] if date.startswith("-") else date[:4])
    return f"{-year} BC" if year < 0 else str(year)


def finer_than_a_year(form: Question) -> bool:
    """The answer is a day or a month, or a range of them: typing its year is not it."""
    ends = str(form.answer["date"]).split("/")
    return all("-" in end.lstrip("-") for end in ends)


def give(form: Question, recalled: bool, rng: random.Random) -> str:
    if form.kind == "choice":
        if recalled:
            return str(form.answer["text"])
        wrong = [choice for choice in form.choices if choice != form.answer["text"]]
        return rng.choice(wrong) if wrong else "1"
    return str(form.answer["text"]) if recalled else year_of(form)


def simulate(
    facts: list[Fact], learner: int, *, days: int, new_per_day: int, seed: int, tally: Tally
) -> list[ReviewRecord]:
    """One learner's days; returns the reviews the app stored (card, time, rating)."""
    rng = random.Random(seed * 100_003 + learner)
    app = Scheduler(desired_retention=DESIRED_RETENTION, enable_fuzzing=False)
    truth = Scheduler(parameters=learner_parameters(rng), enable_fuzzing=False)
    by_source: dict[int, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_source[fact.source].append(fact)
    waiting = {source: list(queue) for source, queue in by_source.items()}
    memories: dict[str, Memory] = {}
    records: list[ReviewRecord] = []
    for day in range(days):
        day_start = START + timedelta(days=day)
        now = day_start + timedelta(hours=1)
        end = day_start + timedelta(days=1)
        introduced: dict[int, int] = defaultdict(int)
        forms_today: dict[str, set[str]] = defaultdict(set)
        while now < end:
            due = [key for key, memory in memories.items() if memory.card.due <= now]
            key: str | None = None
            if due:
                key = min(due, key=lambda k: memories[k].card.due)
            elif sum(introduced.values()) < new_per_day and any(waiting.values()):
                source = min(
                    (source for source, queue in waiting.items() if queue),
                    key=lambda source: (introduced[source], source),
                )
                fact = waiting[source].pop(0)
                introduced[source] += 1
                memories[fact.key] = Memory(
                    FsrsCard(card_id=0, state=State.Learning, step=0, due=now),
                    FsrsCard(card_id=0, state=State.Learning, step=0, due=now),
                )
                key = fact.key
            else:
                later = [
                    memory.card.due
                    for memory in memories.values()
                    if memory.card.state != State.Review and memory.card.due < end
                ]
                if not later:
                    break
                now = max(now, min(later))
                continue
            rating = review(
                facts_by_key[key], memories[key], now, day_start, app, truth, rng, tally
            )
            records.append(ReviewRecord(learner * 100_000 + card_ids[key], now, rating))
            forms_today[key].add(tally_last_kind[0])
            now += timedelta(minutes=1)
        tally.two_forms_days += sum(1 for kinds in forms_today.values() if len(kinds) > 1)
        tally.days += 1
    return records


facts_by_key: dict[str, Fact] = {}
card_ids: dict[str, int] = {}
tally_last_kind = [""]


def review(
    fact: Fact,
    memory: Memory,
    now: datetime,
    day_start: datetime,
    app: Scheduler,
    truth: Scheduler,
    rng: random.Random,
    tally: Tally,
) -> int:
    """Ask the fact, grade and schedule it; returns the rating the app stored."""
    is_new = memory.last_review is None
    form = choose_form(fact.forms, None if is_new else memory, day_start)
    retrievability = 0.0 if is_new else truth.get_card_retrievability(memory.truth, now)
    recalled = rng.random() < retrievability
    given = give(form, recalled, rng)
    try:
        grade = grade_answer(form, given, day_first=True, duration_ms=12_000)
        rating = Rating(grade.rating)
    except UnreadableAnswerError:
        rating = Rating.Again
    if memory.card.state == State.Review and memory.card.due <= now:
        tally.due_reviews += 1
        tally.due_recalled += recalled
    if form.kind != "choice" and not recalled and finer_than_a_year(form):
        tally.year_only += 1
        tally.year_only_passed += rating >= Rating.Hard
    tally.reviews += 1
    tally.forms_seen[form.kind] += 1
    tally_last_kind[0] = form.kind
    memory.card, _log = app.review_card(memory.card, rating, review_datetime=now)
    truth_rating = Rating.Good if recalled or is_new and rating >= Rating.Hard else Rating.Again
    memory.truth, _log = truth.review_card(memory.truth, truth_rating, review_datetime=now)
    memory.state = int(memory.card.state)
    memory.stability = memory.card.stability
    memory.last_review = now
    memory.question_id = form.id
    return int(rating)


def fit(records: list[ReviewRecord], tally: Tally) -> None:
    """The app's fit on one learner's reviews, against the default parameters."""
    started = time.perf_counter()
    tally.fits.append(fit_parameters(records))
    tally.fit_seconds += time.perf_counter() - started
    if len(tally.records) < 10_000:
        tally.records.extend(records[: 10_000 - len(tally.records)])


def report_fits(tally: Tally) -> None:
    fits = tally.fits
    count = len(fits)
    mean = {
        name: sum(getattr(getattr(result, side), metric) for result in fits) / count
        for side in ("before", "after")
        for metric in ("log_loss", "rmse")
        for name in [f"{metric} {side}"]
    }
    lower = sum(result.after.log_loss < result.before.log_loss for result in fits)
    print(
        f"optimizer, last 20% of each learner's reviews: log loss {mean['log_loss before']:.4f}"
        f" (defaults) -> {mean['log_loss after']:.4f} (fitted), lower for {lower} of {count}"
    )
    print(
        f"optimizer, RMSE (bins): {mean['rmse before']:.4f} (defaults) -> "
        f"{mean['rmse after']:.4f} (fitted); the app would adopt "
        f"{sum(result.better for result in fits)} of {count} fits"
    )
    reviews = sum(result.reviews for result in fits)
    print(f"optimizer: {tally.fit_seconds:.1f} s for {count} fits of {reviews} reviews")
    if len(tally.records) == 10_000:
        started = time.perf_counter()
        pooled = fit_parameters(tally.records)
        elapsed = time.perf_counter() - started
        print(
            f"optimizer: one fit on 10,000 reviews ({pooled.train_items} items fitted, "
            f"{pooled.test_items} held out): {elapsed:.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    facts = load_facts()
    facts_by_key.update({fact.key: fact for fact in facts})
    card_ids.update({fact.key: number for number, fact in enumerate(facts)})
    three = sum(1 for fact in facts if len({form.kind for form in fact.forms}) == 3)
    print(f"{len(facts)} facts from {len(DOCUMENTS)} documents ({three} with all three forms)")
    tally = Tally()
    for learner in range(args.learners):
        records = simulate(
            facts, learner, days=args.days, new_per_day=args.new, seed=args.seed, tally=tally
        )
        fit(records, tally)
    elapsed = time.perf_counter() - started
    retention = tally.due_recalled / tally.due_reviews if tally.due_reviews else float("nan")
    passed = tally.year_only_passed / tally.year_only if tally.year_only else 0.0
    print(f"learners {args.learners}, days {args.days}, new facts a day {args.new}")
    print(f"forms of one fact on the same day: {tally.two_forms_days}")
    print(
        f"true retention of due reviews: {retention:.3f} "
        f"(desired {DESIRED_RETENTION}; {tally.due_reviews} due reviews)"
    )
    print(f"reviews per learner and day: {tally.reviews / tally.days:.1f}")
    print(f"forms asked: {dict(tally.forms_seen)}")
    print(
        f"facts passed by typing only the year: {passed:.3f} "
        f"({tally.year_only_passed} of {tally.year_only} year-only answers)"
    )
    report_fits(tally)
    print(f"time: {elapsed:.0f} s")


if __name__ == "__main__":
    main()

"""Today's queue for a heavy learner: 10,000 cards and 100,000 reviews.

Builds a fresh SQLite database through the app factory (the schema of the models, WAL),
bulk-inserts one source, 10,000 questions, a learner's 10,000 cards spread over every FSRS
state with due dates from a year ago to a year ahead, and 100,000 reviews over the past
year (plus ``--others`` other learners with the same load, so that the indexes have to
pick the learner out), and a class of every learner with two assignments of
``--assigned`` questions each: one due in a week, which keeps its answers until then, so
the queue withholds its facts, and one past its due date, whose answers are out. Then
times, with a fixed ``now``:

- ``next_item(user, now)``: what ``GET /quiz`` asks first (the due query, the new-card
  budget, the unseen questions, the learning cards coming back today); also for the
  caught-up learner (``next_item_idle``), its longest path;
- ``session_status(user, now)``: the counts every quiz and result page shows;

median and p90 over ``--runs`` calls each, and the median CPU time of this process (the
session is cleared between calls so that nothing is served from the identity map), and
prints SQLite's ``EXPLAIN QUERY PLAN`` of every statement ``next_item`` runs, which shows
the ``(user_id, due)`` index at work.

    python bench/queue_query.py [--cards 10000] [--reviews 100000] [--others 2]
        [--assigned 500] [--runs 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
TARGET_MS = 5.0
CHUNK = 5000


def populate(
    app: Any, *, cards: int, reviews: int, others: int, assigned: int, seed: int
) -> tuple[list[int], set[str]]:
    """Fill the database; return the learners' ids and the facts withheld at ``NOW``.
    The first learner is the heavy learner with cards due; the second (when ``others`` >
    0) has the same load but is caught up: nothing is due before tomorrow, so
    ``next_item`` takes its longest path."""
    from fsrs import State
    from sqlalchemy import insert

    from quizapp.extensions import db
    from quizapp.models import (
        EVERYONE,
        Assignment,
        Card,
        ClassMember,
        Passage,
        Question,
        QuestionSet,
        QuestionSetItem,
        Review,
        SchoolClass,
        Source,
        User,
    )

    rng = random.Random(seed)
    with app.app_context():
        db.create_all()
        source = Source(
            title="Bench", file="bench.txt", sha256="0" * 64, generator="bench", audience=EVERYONE
        )
        db.session.add(source)
        db.session.flush()
        passage = Passage(
            source_id=source.id, bank_id="p-bench", section="S", start=0, end=10, text="x" * 10
        )
        db.session.add(passage)
        db.session.flush()
        db.session.execute(
            insert(Question),
            [
                {
                    "source_id": source.id,
                    "bank_id": f"q-{number:08x}",
                    "fact": f"f-{number:08x}",
                    "kind": "date",
                    "prompt": f"Question {number}?",
                    "answer": {"date": "2020-11-08", "granularity": "day", "text": "8 Nov 2020"},
                    "accept": [],
                    "choices": [],
                    "items": [],
                    "disputed": [],
                    "tags": [],
                    "passage_id": passage.id,
                    "evidence_start": 0,
                    "evidence_end": 10,
                    "section": f"Section {number % 20}",
                    "difficulty": 0.5,
                    "retired": number % 100 == 0,
                    "created_at": NOW - timedelta(days=400),
                    "updated_at": NOW - timedelta(days=400),
                }
                for number in range(cards)
            ],
        )
        facts = {
            row.id: row.fact for row in db.session.execute(db.select(Question.id, Question.fact))
        }
        question_ids = sorted(facts)
        user_ids = []
        for number in range(1 + others):
            user = User(
                email=f"heavy{number}@example.org",
                password_hash="x",
                display_name=f"heavy{number}",
                new_per_day=20,
                reviews_per_day=200,
            )
            db.session.add(user)
            db.session.flush()
            user_ids.append(user.id)
        states = [int(State.Review)] * 8 + [int(State.Learning), int(State.Relearning)]
        for user_id in user_ids:
            caught_up = len(user_ids) > 1 and user_id == user_ids[1]
            card_rows = []
            for question_id in question_ids:
                state = int(State.Review) if caught_up else rng.choice(states)
                if caught_up:
                    due = NOW + timedelta(days=rng.uniform(1, 365))
                elif state == int(State.Review):
                    due = NOW + timedelta(days=rng.uniform(-30, 365))
                else:
                    due = NOW + timedelta(minutes=rng.uniform(-600, 600))
                card_rows.append(
                    {
                        "user_id": user_id,
                        "fact": facts[question_id],
                        "question_id": question_id,
                        "state": state,
                        "step": 0 if state != int(State.Review) else None,
                        "stability": rng.uniform(0.5, 300),
                        "difficulty": rng.uniform(1, 10),
                        "due": due,
                        "last_review": NOW - timedelta(days=rng.uniform(0, 60)),
                        "reps": reviews // cards,
                        "created_at": NOW - timedelta(days=rng.uniform(1, 365)),
                    }
                )
            for start in range(0, len(card_rows), CHUNK):
                db.session.execute(insert(Card), card_rows[start : start + CHUNK])
            card_questions = db.session.execute(
                db.select(Card.id, Card.question_id)
                .where(Card.user_id == user_id)
                .order_by(Card.id)
            ).all()
            per_card = reviews // len(card_questions)
            review_rows = []
            for card_id, question_id in card_questions:
                for version in range(per_card):
                    at = NOW - timedelta(days=rng.uniform(0, 365))
                    review_rows.append(
                        {
                            "card_id": card_id,
                            "user_id": user_id,
                            "question_id": question_id,
                            "card_version": version,
                            "rating": 3,
                            "original_rating": 3,
                            "override": False,
                            "score": 1.0,
                            "correct": True,
                            "given_answer": "8 Nov 2020",
                            "given_display": "8 November 2020",
                            "expected_display": "8 November 2020",
                            "feedback": "Right.",
                            "duration_ms": 4000,
                            "reviewed_at": at,
                            "state_before": int(State.Review),
                            "card_before": {},
                        }
                    )
            for start in range(0, len(review_rows), CHUNK):
                db.session.execute(insert(Review), review_rows[start : start + CHUNK])
        teacher = User(
            email="teacher@example.org", password_hash="x", display_name="teacher", role="teacher"
        )
        db.session.add(teacher)
        db.session.flush()
        school_class = SchoolClass(teacher_id=teacher.id, name="Bench", join_code="BENCH")
        db.session.add(school_class)
        db.session.flush()
        db.session.execute(
            insert(ClassMember), [{"class_id": school_class.id, "user_id": u} for u in user_ids]
        )
        picked = rng.sample(question_ids, min(2 * assigned, len(question_ids)))
        withheld: set[str] = set()
        for number, due in enumerate((NOW + timedelta(days=7), NOW - timedelta(days=7))):
            chosen = picked[number * assigned : (number + 1) * assigned]
            if not chosen:
                continue
            question_set = QuestionSet(
                owner_id=teacher.id, source_id=source.id, name=f"Set {number}"
            )
            db.session.add(question_set)
            db.session.flush()
            db.session.execute(
                insert(QuestionSetItem),
                [
                    {"set_id": question_set.id, "question_id": question_id, "position": position}
                    for position, question_id in enumerate(chosen)
                ],
            )
            db.session.add(
                Assignment(
                    class_id=school_class.id,
                    set_id=question_set.id,
                    opens_at=due - timedelta(days=14),
                    due_at=due,
                    show_answer="due",
                )
            )
            if due > NOW:
                withheld |= {facts[question_id] for question_id in chosen}
        db.session.commit()
        db.session.execute(db.text("ANALYZE"))
        db.session.commit()
        return user_ids, withheld


def timed(call: Any, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each call. The CPU time (this process's) is
    what the call costs on a host shared with other work, where the wall clock also
    counts the time the process waited for a core."""
    from quizapp.extensions import db

    wall, cpu = [], []
    for _ in range(runs):
        db.session.expire_all()
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def captured_statements(call: Any) -> list[tuple[str, Any]]:
    """The SQL statements (with their parameters) that ``call`` executes."""
    from sqlalchemy import event

    from quizapp.extensions import db

    statements: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return statements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--others", type=int, default=2, help="other learners, same load")
    parser.add_argument("--assigned", type=int, default=500, help="questions per assignment")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from quizapp import create_app
    from quizapp.extensions import db
    from quizapp.learning.scheduling import next_item, session_status
    from quizapp.models import User

    with tempfile.TemporaryDirectory(prefix="quizapp-queue-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'queue.sqlite'}"
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
        started = time.perf_counter()
        user_ids, withheld = populate(
            app,
            cards=args.cards,
            reviews=args.reviews,
            others=args.others,
            assigned=args.assigned,
            seed=args.seed,
        )
        print(
            f"populated in {time.perf_counter() - started:.1f} s: {1 + args.others} learners x "
            f"{args.cards} cards and {args.reviews} reviews each, {len(withheld)} facts withheld"
        )
        with app.app_context():
            user = db.session.get(User, user_ids[0])
            idle = db.session.get(User, user_ids[-1 if args.others == 0 else 1])
            assert user is not None and idle is not None
            first = next_item(user, NOW)
            status = session_status(user, NOW)
            asked = [next_item(learner, NOW) for learner in (user, idle)]
            assert all(item is None or item.question.fact not in withheld for item in asked), (
                "the queue asked a withheld fact"
            )
            print(f"next item: {type(first).__name__} {getattr(first, 'id', None)}; {status}")
            print(f"\nmedian and p90 over {args.runs} runs (target: under {TARGET_MS:g} ms)")
            medians = {}
            for name, call in (
                ("next_item", lambda: next_item(user, NOW)),
                ("next_item_idle", lambda: next_item(idle, NOW)),
                ("session_status", lambda: session_status(user, NOW)),
            ):
                for _ in range(5):  # warm the statement cache and SQLite's page cache
                    call()
                times, cpu = timed(call, args.runs)
                medians[name] = statistics.median(times)
                p90 = sorted(times)[int(0.9 * len(times))]
                print(
                    f"  {name:<16} median {medians[name]:6.2f} ms   p90 {p90:6.2f} ms"
                    f"   CPU median {statistics.median(cpu):6.2f} ms"
                )

            connection = db.session.connection().connection.driver_connection
            assert connection is not None
            for label, learner in (("with cards due", user), ("caught up", idle)):
                print(f"\nEXPLAIN QUERY PLAN of each statement next_item runs ({label}):")
                for statement, parameters in captured_statements(partial(next_item, learner, NOW)):
                    print("\n  " + " ".join(statement.split()))
                    for row in connection.execute("EXPLAIN QUERY PLAN " + statement, parameters):
                        print(f"    -> {row[-1]}")
            db.session.remove()
            db.engine.dispose()
    verdict = medians["next_item"] < TARGET_MS
    print(
        f"\nnext_item median {medians['next_item']:.2f} ms: target {'met' if verdict else 'MISSED'}"
    )


if __name__ == "__main__":
    main()

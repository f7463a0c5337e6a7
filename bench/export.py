"""Export time and file size for 10,000 questions, with and without a learner's progress.

The questions are synthetic but shaped like the bundled bank's (the four kinds in its
proportions, passages of about 2,300 characters cut from the bundled document, with
unicode and markup added). With
progress, every card has been reviewed (a mix of review, learning and relearning
states) with four to eight reviews each. In the same run genanki alone writes the same
number of plain two-field notes with ``Package.write_to_file``, the peer: what any
``.apkg`` exporter costs at least.

    python bench/export.py [--questions 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import genanki  # noqa: E402

from quizapp.export import (  # noqa: E402
    CardProgress,
    ExportQuestion,
    ReviewEntry,
    build_apkg,
    build_csv,
    build_gift,
    build_moodle_xml,
)

NOW = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
BASE_URL = "http://127.0.0.1:5000"
DOCUMENT = ROOT / "quizapp" / "documents" / "second-nagorno-karabakh-war.txt"
PASSAGE_LENGTH = 2_300  # about the bundled bank's mean passage length


def passages(count: int) -> list[str]:
    """Stretches of the bundled document (real text, so compression is realistic), with
    the unicode and markup that fields must escape."""
    text = DOCUMENT.read_text(encoding="utf-8")
    span = len(text) - PASSAGE_LENGTH
    return [
        text[(n * 7_919) % span :][:PASSAGE_LENGTH] + " Cəbrayıl <script>x</script>"
        for n in range(count)
    ]


def synthetic_questions(count: int) -> list[ExportQuestion]:
    kinds = ["choice"] * 44 + ["cloze"] * 42 + ["date"] * 13 + ["order"]
    texts = passages(count // 3 + 1)  # a passage holds three questions
    questions = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        day = 1 + n % 28
        answer: dict[str, object] = {
            "date": f"2020-11-{day:02d}",
            "granularity": "day",
            "text": f"{day} November 2020",
        }
        items: tuple[dict[str, object], ...] = ()
        if kind == "order":
            answer = {"order": [2, 0, 1]}
            items = tuple(
                {"text": f"Event {n}-{i}", "date": f"2020-1{i}-01", "granularity": "day"}
                for i in range(3)
            )
        prompt = (
            f"Fighting around Shusha number {n} ended on _____ …"
            if kind == "cloze"
            else f"On what date did event {n} happen near Füzuli?"
        )
        questions.append(
            ExportQuestion(
                id=n + 1,
                bank_id=f"q-{n:08x}",
                fact=f"q-{n:08x}",
                kind=kind,
                prompt=prompt,
                answer=answer,
                section=f"Section {n % 40}",
                source_id=1,
                source_title="Second Nagorno-Karabakh War",
                source_file="second-nagorno-karabakh-war.txt",
                passage_id=f"p-{n // 3:08x}",
                passage_text=texts[n // 3],
                evidence=(0, 82),
                choices=tuple(f"{d} November 2020" for d in (day, day + 1, day + 2, day + 3))
                if kind == "choice"
                else (),
                items=items,
            )
        )
    return questions


def synthetic_progress(questions: list[ExportQuestion]) -> dict[str, CardProgress]:
    progress = {}
    for n, question in enumerate(questions):
        state = (2, 2, 2, 1, 3)[n % 5]
        start = NOW - timedelta(days=60, minutes=n)
        reviews = tuple(
            ReviewEntry(
                reviewed_at=start + timedelta(days=7 * k),
                rating=(3, 3, 4, 1, 3, 2, 3, 3)[k],
                duration_ms=4000 + k,
                state_before=1 if k == 0 else 2,
                state_after=2,
                due_after=start + timedelta(days=7 * k + 7),
                difficulty_after=5.0 + k / 10,
            )
            for k in range(4 + n % 5)
        )
        progress[question.fact] = CardProgress(
            state=state,
            step=None if state == 2 else 0,
            stability=12.0 + n % 30,
            difficulty=5.5,
            due=NOW + timedelta(days=n % 30, minutes=10 if state != 2 else 0),
            last_review=NOW - timedelta(days=1),
            desired_retention=0.9,
            decay=0.1542,
            remaining_steps=0 if state == 2 else 1,
            reviews=reviews,
        )
    return progress


def genanki_alone(count: int) -> bytes:
    model = genanki.Model(
        1_091_735_104,
        "Plain",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    )
    deck = genanki.Deck(2_059_400_110, "Plain")
    for n in range(count):
        deck.add_note(
            genanki.Note(model=model, fields=[f"On what date did event {n} happen?", "8 Nov 2020"])
        )
    handle, path = tempfile.mkstemp(suffix=".apkg")
    os.close(handle)
    try:
        genanki.Package(deck).write_to_file(path, timestamp=NOW.timestamp())
        return Path(path).read_bytes()
    finally:
        os.unlink(path)


def timed(run: Callable[[], bytes], repeat: int) -> tuple[float, int]:
    """The median wall time of ``repeat`` runs, and the output's size."""
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(run())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    questions = synthetic_questions(args.questions)
    progress = synthetic_progress(questions)
    reviews = sum(len(card.reviews) for card in progress.values())

    def apkg(with_progress: bool) -> Callable[[], bytes]:
        return lambda: build_apkg(
            questions,
            deck_name="quizapp::Bench",
            deck_id=1_234_567_890,
            base_url=BASE_URL,
            now=NOW,
            progress=progress if with_progress else None,
        )

    rows = [
        ("genanki alone, plain notes (peer)", lambda: genanki_alone(args.questions)),
        ("quizapp .apkg", apkg(False)),
        (f"quizapp .apkg with progress ({reviews:,} reviews)", apkg(True)),
        ("quizapp CSV", lambda: build_csv(questions, base_url=BASE_URL)),
        (
            "quizapp Moodle XML",
            lambda: build_moodle_xml(questions, category="quizapp/Bench", base_url=BASE_URL),
        ),
        ("quizapp GIFT", lambda: build_gift(questions)),
    ]
    print(
        f"{args.questions:,} questions, median of {args.repeat} runs, "
        f"Python {sys.version.split()[0]}, genanki {genanki.__version__}"
    )
    print(f"{'export':<48} {'time (s)':>9} {'size (MB)':>10}")
    results = {}
    for name, run in rows:
        seconds, size = timed(run, args.repeat)
        results[name] = seconds
        print(f"{name:<48} {seconds:>9.2f} {size / 1e6:>10.1f}")
    peer = results["genanki alone, plain notes (peer)"]
    print(
        f"\n.apkg / genanki alone: {results['quizapp .apkg'] / peer:.1f}x; with progress: "
        f"{results[rows[2][0]] / peer:.1f}x (target: under 2 s for 10,000 questions)"
    )


if __name__ == "__main__":
    main()

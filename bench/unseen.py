"""Extraction and question quality on documents the generator was not developed on.

Builds the bank of each document in ``bench/unseen/`` and scores it against the dated
facts listed by hand in its ``NAME.facts.yaml`` (format in ``bench/unseen/README.md``),
with the rule ``bench/extraction.py`` applies to the development set:

- a fact is covered when a date, cloze or choice question's evidence overlaps the fact's
  evidence in the document and its answer date (or one of its disputed dates) equals the
  fact's date;
- a question is a wrong key when its date expression lies in the evidence of one or more
  facts, one of them of the answer's precision, and it matches none of them (a question
  on another date of the same clause, one the list does not hold, is not judged).

Facts whose date has no ISO form (decades, centuries, BC years, "early 1960") are listed
with ``date: null``; they count in recall over all facts only, and a question whose date
expression lies in such a fact's evidence ("Beginning in late _____") is about that fact:
the list cannot judge its key, so it is counted apart instead of as a wrong key.

    python bench/unseen.py [--dir PATH] [--details]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from question_bank.bank import Bank, Question  # noqa: E402
from question_bank.build import build_bank  # noqa: E402
from question_bank.dates import DateValue  # noqa: E402
from question_bank.facts import FactReport, extract_facts  # noqa: E402
from question_bank.read import read_document  # noqa: E402

DEFAULT_DIR = ROOT / "bench" / "unseen"
# Built once before the timed builds: the first build of a process pays a one-time
# start-up (compiling patterns, loading data) that belongs to no document.
WARM_UP_DOCUMENT = "# Bridge\n\nThe Tyne Bridge was opened by King George V on 10 October 1928.\n"
Span = tuple[int, int]


@dataclass(frozen=True)
class ListedFact:
    """A dated fact listed by hand, with its evidence located in the document."""

    id: str
    event: str
    date: str | None
    precision: str | None
    evidence: str
    span: Span
    note: str = ""


@dataclass
class DocumentScore:
    """What one bank got right and wrong against the listed facts."""

    name: str
    facts: list[ListedFact]
    kinds: Counter[str]
    build_seconds: float
    covered: set[str] = field(default_factory=set)
    wrong: list[tuple[Question, list[ListedFact]]] = field(default_factory=list)
    unjudged: list[tuple[Question, list[ListedFact]]] = field(default_factory=list)

    @property
    def iso_facts(self) -> list[ListedFact]:
        return [fact for fact in self.facts if fact.date is not None]


# --- the fact lists ----------------------------------------------------------------


def parse_facts(entries: Sequence[dict[str, Any]], text: str, name: str) -> list[ListedFact]:
    """Check the entries of a facts file and locate each fact's evidence in the document.

    Args:
        entries: the ``facts`` list of the file.
        text: the document.
        name: the file's name, for messages.

    Raises:
        ValueError: listing every entry whose id, date, precision or evidence is wrong.
    """
    facts: list[ListedFact] = []
    problems: list[str] = []
    for position, entry in enumerate(entries):
        where = f"{name}: facts[{position}] ({entry.get('id')})"
        problems += [f"{where}: {problem}" for problem in fact_problems(entry, text)]
        evidence = str(entry.get("evidence"))
        start = text.find(evidence)
        facts.append(
            ListedFact(
                id=str(entry.get("id")),
                event=str(entry.get("event")),
                date=entry.get("date"),
                precision=entry.get("precision"),
                evidence=evidence,
                span=(start, start + len(evidence)),
                note=str(entry.get("note") or ""),
            )
        )
    ids = Counter(fact.id for fact in facts)
    problems += [f"{name}: id {key} is used {n} times" for key, n in ids.items() if n > 1]
    if problems:
        raise ValueError("bad facts file:\n" + "\n".join(problems))
    return facts


def fact_problems(entry: dict[str, Any], text: str) -> list[str]:
    """What is wrong with one entry of a facts file (nothing when it is valid)."""
    problems = [f"missing {key}" for key in ("id", "event", "evidence") if not entry.get(key)]
    evidence = str(entry.get("evidence"))
    if entry.get("evidence") and text.count(evidence) != 1:
        found = "not in the document" if evidence not in text else "not unique in the document"
        problems.append(f"evidence {found}: {evidence[:60]!r}")
    date, precision = entry.get("date"), entry.get("precision")
    if date is None:
        if not entry.get("note"):
            problems.append("a fact without an ISO date needs a note saying why")
        return problems
    try:
        value = DateValue.parse_iso(str(date))
    except ValueError as error:
        return [*problems, f"date: {error}"]
    if precision != value.granularity:
        problems.append(f"precision {precision!r} does not match date {date!r}")
    return problems


# --- scoring -----------------------------------------------------------------------


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def question_span(question: Question, bank: Bank) -> Span:
    """The question's evidence as offsets into the document."""
    start = bank.passage(question.passage).start
    return start + question.evidence[0], start + question.evidence[1]


def score_bank(bank: Bank, score: DocumentScore) -> None:
    """Record covered facts and wrong keys of ``bank`` in ``score``."""
    for question in bank.questions:
        if question.answer is None:
            continue
        where = question_span(question, bank)
        answers = {question.answer.date} | {other.date for other in question.disputed}
        overlapping = [fact for fact in score.facts if overlaps(where, fact.span)]
        matched = [fact for fact in overlapping if fact.date in answers]
        score.covered.update(fact.id for fact in matched)
        at_answer = facts_at_answer(question, bank, overlapping)
        without_iso = [fact for fact in at_answer if not fact.date]
        if without_iso and not matched:
            score.unjudged.append((question, without_iso))
        elif not matched and any(
            fact.precision == question.answer.granularity for fact in at_answer
        ):
            score.wrong.append((question, at_answer))


def facts_at_answer(
    question: Question, bank: Bank, facts: Iterable[ListedFact]
) -> list[ListedFact]:
    """The facts whose evidence holds the question's date expression."""
    if question.answer is None or question.answer.span is None:
        return []
    start = bank.passage(question.passage).start
    where = (start + question.answer.span[0], start + question.answer.span[1])
    return [fact for fact in facts if fact.span[0] <= where[0] and where[1] <= fact.span[1]]


def score_document(facts_path: Path) -> tuple[DocumentScore, str]:
    """Build the bank of one document and score it; also returns the document text."""
    data = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    name = data["document"]
    text = (facts_path.parent / name).read_text(encoding="utf-8")
    facts = parse_facts(data["facts"], text, facts_path.name)
    started = time.perf_counter()
    bank = build_bank(text, file=name)
    seconds = time.perf_counter() - started
    score = DocumentScore(name, facts, Counter(q.kind for q in bank.questions), seconds)
    score_bank(bank, score)
    return score, text


# --- why a fact was not asked ------------------------------------------------------


def miss_reasons(fact: ListedFact, report: FactReport) -> list[str]:
    """The generator's own account of the dates inside the fact's evidence.

    What it did with the fact's date when it read that value there (skipped, with the
    reason, or found and not asked); otherwise what it did with the dates it read there
    instead, such as the same words read as another value.
    """
    skips = skips_at(fact.span, report)
    found = found_at(fact.span, report)
    own_skips = [f"skipped {date}: {reason}" for date, reason in skips if date == fact.date]
    if own_skips:
        return own_skips
    if fact.date in found:
        return [f"found {fact.date}, not asked"]
    other = [f"skipped {date}: {reason}" for date, reason in skips]
    other += [f"found {date}" for date in found]
    return other or ["no skip recorded, no date found"]


def skips_at(span: Span, report: FactReport) -> list[tuple[str, str]]:
    """Date and reason of each skip in a sentence that overlaps ``span``, without repeats."""
    skips: dict[tuple[str, str], None] = {}
    for skip in report.skipped:
        start = skip.block.start + max(skip.block.text.find(skip.text), 0)
        if overlaps((start, start + len(skip.text)), span):
            skips[(skip.date, skip.reason)] = None
    return list(skips)


def found_at(span: Span, report: FactReport) -> list[str]:
    """The dates of the facts the generator found whose date expression overlaps ``span``."""
    found: dict[str, None] = {}
    for other in report.facts:
        start = other.block.start
        where = (start + other.date_span[0], start + other.date_span[1])
        if overlaps(where, span):
            found[other.date.value] = None
    return list(found)


# --- printing ----------------------------------------------------------------------


def total_score(scores: Iterable[DocumentScore]) -> DocumentScore:
    scores = list(scores)
    total = DocumentScore(
        name="total",
        facts=[fact for score in scores for fact in score.facts],
        kinds=sum((score.kinds for score in scores), Counter()),
        build_seconds=sum(score.build_seconds for score in scores),
    )
    for score in scores:
        total.covered |= {f"{score.name}:{fact_id}" for fact_id in score.covered}
        total.wrong += score.wrong
        total.unjudged += score.unjudged
    return total


def ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else f"{part}/0"


def print_score(score: DocumentScore, *, listing: bool = True) -> None:
    """Print the figures of one document (or the total), and its wrong keys if ``listing``."""
    facts, iso = score.facts, score.iso_facts
    covered = len(score.covered)
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(score.kinds.items()))
    print(f"{score.name}: {len(facts)} facts, {len(iso)} with an ISO date")
    print(
        f"  questions: {sum(score.kinds.values())} ({kinds}), built in {score.build_seconds:.3f} s"
    )
    print(
        f"  covered: {ratio(covered, len(iso))} of ISO-dated, {ratio(covered, len(facts))} of all"
    )
    no_iso = [fact.id for fact in facts if fact.date is None]
    named = f" ({', '.join(no_iso)})" if no_iso and listing else ""
    print(f"  not askable in ISO (date: null): {len(no_iso)}{named}")
    print(f"  questions on facts without an ISO date (not judged): {len(score.unjudged)}")
    print(f"  wrong keys: {len(score.wrong)}")
    if listing:
        for question, overlapping in score.wrong:
            print_question("WRONG", question, overlapping)


def print_question(label: str, question: Question, facts: Sequence[ListedFact]) -> None:
    assert question.answer is not None
    listed = ", ".join(
        f"{fact.id} {fact.date} ({fact.precision})" if fact.date else f"{fact.id} (no ISO date)"
        for fact in facts
    )
    print(
        f"    {label} {question.id} [{question.kind}] key {question.answer.date}: {question.prompt}"
    )
    print(f"      overlaps {listed}")


def print_misses(score: DocumentScore, text: str) -> None:
    report = extract_facts(read_document(text))
    for fact in score.facts:
        if fact.id in score.covered:
            continue
        date = fact.date or f"no ISO date ({fact.note})"
        print(f"    MISSED {fact.id} {date}: {fact.event}")
        print(f"      evidence: {fact.evidence[:120]}")
        print(f"      generator: {'; '.join(miss_reasons(fact, report))}")
    for question, facts in score.unjudged:
        print_question("NOT JUDGED", question, facts)


def warm_up() -> float:
    """Build a one-sentence bank and return how long it took."""
    started = time.perf_counter()
    build_bank(WARM_UP_DOCUMENT, file="warm-up.md")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="documents and facts")
    parser.add_argument("--details", action="store_true", help="list the uncovered facts")
    args = parser.parse_args()
    print(f"start-up (first build, not counted below): {warm_up():.3f} s")
    scores = []
    for facts_path in sorted(args.dir.glob("*.facts.yaml")):
        try:
            score, text = score_document(facts_path)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 1
        print_score(score)
        if args.details:
            print_misses(score, text)
        scores.append(score)
    print_score(total_score(scores), listing=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

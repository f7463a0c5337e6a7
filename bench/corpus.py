"""What the bank of each document of a folder holds, and every year a reader must check.

Builds the bank of every document in a folder (default ``bench/real/articles``) in
process and prints, per document: its questions by kind, its dated facts, the dates
skipped by reason, then every question whose year was inferred: the answer's year is
not written in the question's evidence sentence, so it came from the text around it.
Each is listed once per fact (its sentence and date), with the years written in its
paragraph and the year the generator gave it, so that a reader can check each against
the article. A totals section ends the run.

    python bench/corpus.py [DIR] [--only NAME ...] [--quiet] [--tsv FILE]

``--quiet`` prints the per-document counts and the totals without the listing;
``--tsv`` also writes the inferred years one a line (document, passage offset, date,
sentence), a form two runs can be compared in.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from question_bank.bank import Bank, Passage, Question  # noqa: E402
from question_bank.build import build_bank  # noqa: E402
from question_bank.errors import QuestionBankError  # noqa: E402
from question_bank.formats import document_text  # noqa: E402

DEFAULT_DIR = ROOT / "bench" / "real" / "articles"
SUFFIXES = (".txt", ".md", ".html", ".htm")
# A year as the text writes it: four digits that are no part of a longer number.
_WRITTEN_YEAR = re.compile(r"(?<![\d.,])(1\d{3}|20\d{2})(?![\d])")
# A short year after a dash: "1805–06", "1941-2".
_SHORT_YEAR_AFTER = re.compile(r"(1\d{3}|20\d{2})\s*[-–/]\s*(\d{2})(?!\d)")


@dataclass(frozen=True)
class InferredYear:
    """A dated fact asked with a year its evidence sentence does not write."""

    passage: Passage
    evidence: tuple[int, int]
    date: str
    display: str
    kinds: tuple[str, ...]
    prompts: tuple[str, ...]

    @property
    def sentence(self) -> str:
        return self.passage.text[self.evidence[0] : self.evidence[1]]

    @property
    def year(self) -> str:
        return year_of(self.date)


@dataclass
class DocumentResult:
    name: str
    bank: Bank | None
    seconds: float
    error: str = ""

    @property
    def facts(self) -> int:
        return int(self.bank.report.get("facts", 0)) if self.bank else 0

    @property
    def skipped(self) -> Counter[str]:
        return Counter(self.bank.report.get("skipped") or {}) if self.bank else Counter()

    @property
    def kinds(self) -> Counter[str]:
        return Counter(q.kind for q in self.bank.questions) if self.bank else Counter()


def year_of(date: str) -> str:
    """The year a date value starts in, as the text writes it ("1942", "44" for -0044)."""
    start = date.split("/")[0]
    digits = start.lstrip("-").split("-")[0]
    return digits.lstrip("0") or "0"


def written_years(text: str) -> set[str]:
    """The years a text writes, short second years of a span included ("1805–06")."""
    years = {match[1] for match in _WRITTEN_YEAR.finditer(text)}
    for match in _SHORT_YEAR_AFTER.finditer(text):
        first, short = match[1], match[2]
        years.add(first[:2] + short)
    return years


def inferred_years(bank: Bank) -> list[InferredYear]:
    """The facts of a bank asked with a year their evidence does not write, in passage
    order, one per (passage, evidence, date) with all the questions asked on it."""
    passages = {passage.id: passage for passage in bank.passages}
    found: dict[tuple[str, tuple[int, int], str], list[tuple[str, str, str]]] = {}
    for question, passage_id, evidence, date, display in _dated_items(bank):
        passage = passages[passage_id]
        sentence = passage.text[evidence[0] : evidence[1]]
        if year_of(date) in written_years(sentence):
            continue
        found.setdefault((passage_id, evidence, date), []).append(
            (question.kind, question.prompt, display)
        )
    listed = [
        InferredYear(
            passage=passages[passage_id],
            evidence=evidence,
            date=date,
            display=asked[0][2],
            kinds=tuple(kind for kind, _, _ in asked),
            prompts=tuple(dict.fromkeys(prompt for _, prompt, _ in asked)),
        )
        for (passage_id, evidence, date), asked in found.items()
    ]
    return sorted(listed, key=lambda item: (item.passage.start, item.evidence))


def _dated_items(bank: Bank) -> Iterator[tuple[Question, str, tuple[int, int], str, str]]:
    """(question, passage, evidence, date, display) for every date a question asks: a
    question's answer, or each item of an order question."""
    for question in bank.questions:
        if question.answer is not None and question.kind != "order":
            yield (
                question,
                question.passage,
                question.evidence,
                question.answer.date,
                question.answer.text,
            )
        for item in question.items:
            yield question, item.passage, item.evidence, item.date, item.date


def build(path: Path) -> DocumentResult:
    started = time.perf_counter()
    try:
        text = document_text(path.read_bytes(), name=str(path)).text
        bank = build_bank(text, file=path.name)
    except QuestionBankError as error:
        return DocumentResult(path.stem, None, time.perf_counter() - started, str(error))
    return DocumentResult(path.stem, bank, time.perf_counter() - started)


def documents(folder: Path, only: Sequence[str]) -> list[Path]:
    paths = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)
    if only:
        paths = [p for p in paths if p.stem in only or p.name in only]
    return paths


def print_document(result: DocumentResult, listed: Sequence[InferredYear], quiet: bool) -> None:
    if result.bank is None:
        print(f"== {result.name}: no bank ({result.error})")
        return
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(result.kinds.items()))
    total = sum(result.kinds.values())
    print(
        f"== {result.name}: {total} questions ({kinds}), {result.facts} facts, "
        f"{sum(result.skipped.values())} dates skipped, {len(listed)} inferred years, "
        f"built in {result.seconds:.2f} s"
    )
    for reason, count in result.skipped.most_common():
        print(f"   skipped {count:4d}  {reason}")
    if quiet:
        return
    for item in listed:
        years = sorted(written_years(item.passage.text))
        print(f"   -- inferred {item.year}: {item.display}  [{', '.join(item.kinds)}]")
        print(f"      section:   {item.passage.section}")
        print(f"      paragraph years: {', '.join(years) or 'none'}")
        print(f"      sentence:  {_one_line(item.sentence)}")
        print(f"      asked:     {_one_line(item.prompts[0])}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--only", nargs="*", default=[], help="document names to build")
    parser.add_argument("--quiet", action="store_true", help="counts only, no listing")
    parser.add_argument("--tsv", type=Path, help="also write the inferred years here")
    args = parser.parse_args(argv)

    # The first build of a process pays a one-time start-up that belongs to no document.
    build_bank("# Bridge\n\nThe Tyne Bridge was opened on 10 October 1928.\n", file="warm-up")
    totals: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    rows: list[str] = []
    failed = 0
    for path in documents(args.folder, args.only):
        result = build(path)
        listed = inferred_years(result.bank) if result.bank else []
        print_document(result, listed, args.quiet)
        if result.bank is None:
            failed += 1
            continue
        totals["documents"] += 1
        totals["facts"] += result.facts
        totals["inferred"] += len(listed)
        totals["seconds_ms"] += round(result.seconds * 1000)
        skipped += result.skipped
        kinds += result.kinds
        rows += [
            "\t".join(
                (
                    result.name,
                    str(item.passage.start + item.evidence[0]),
                    item.date,
                    _one_line(item.sentence),
                )
            )
            for item in listed
        ]
    print()
    print(
        f"total: {totals['documents']} documents ({failed} without a bank), "
        f"{sum(kinds.values())} questions "
        f"({', '.join(f'{kind} {count}' for kind, count in sorted(kinds.items()))}), "
        f"{totals['facts']} facts, {sum(skipped.values())} dates skipped, "
        f"{totals['inferred']} inferred years to check, "
        f"built in {totals['seconds_ms'] / 1000:.2f} s"
    )
    for reason, count in skipped.most_common():
        print(f"  skipped {count:5d}  {reason}")
    if args.tsv:
        args.tsv.write_text("".join(row + "\n" for row in rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``question-bank``: build, check, show and summarise banks from the command line.

Exit status: 0 on success, 2 when the input (a document or a bank) is bad; the message
names every problem and where. Output files are written atomically, so a failed run
leaves no partial bank behind.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from question_bank import __version__
from question_bank.bank import Bank, Question, load_bank, write_bank
from question_bank.build import build_bank
from question_bank.errors import QuestionBankError
from question_bank.formats import document_text

__all__ = ["MAX_DOCUMENT_BYTES", "main"]

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
EXIT_BAD_INPUT = 2


def read_document_file(path: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """Read a document file: text or Markdown decoded, HTML and PDF converted to text.

    Raises:
        QuestionBankError: missing, too large, binary, empty, not UTF-8, or a broken,
            encrypted or image-only PDF.
    """
    from question_bank.errors import DocumentError

    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise DocumentError(f"{path}: cannot read the document: {error.strerror}") from error
    if size > max_bytes:
        raise DocumentError(
            f"{path}: the document is {size / 1_048_576:.1f} MB, over the "
            f"{max_bytes / 1_048_576:.0f} MB limit; split it into smaller documents"
        )
    return document_text(Path(path).read_bytes(), name=path).text


def _build(args: argparse.Namespace) -> int:
    text = read_document_file(args.document)
    bank = build_bank(text, file=Path(args.document).name, title=args.title)
    output = args.output or str(Path(args.document).with_suffix(".bank.yaml"))
    write_bank(bank, output)
    counts = Counter(question.kind for question in bank.questions)
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
    print(f"wrote {output}: {len(bank.questions)} questions ({summary})")
    return 0


def _check(args: argparse.Namespace) -> int:
    bank = load_bank(args.bank)
    print(f"{args.bank}: valid ({len(bank.passages)} passages, {len(bank.questions)} questions)")
    return 0


def _show(args: argparse.Namespace) -> int:
    bank = load_bank(args.bank)
    try:
        question = bank.question(args.question_id)
    except KeyError:
        print(f"{args.bank}: no question with id {args.question_id!r}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(render_question(bank, question))
    return 0


def render_question(bank: Bank, question: Question) -> str:
    """A question, its answer and its passage with the evidence marked ``[[...]]``."""
    passage = bank.passage(question.passage)
    lines = [f"{question.id}  ({question.kind}, {question.section})", "", question.prompt]
    if question.kind == "order":
        for index, item in enumerate(question.items):
            lines.append(f"  {index + 1}. {item.text}  [{item.date}]")
        lines.append("answer: " + " < ".join(str(i + 1) for i in question.order))
    elif question.answer is not None:
        for choice in question.choices:
            mark = "*" if choice == question.answer.text else " "
            lines.append(f"  {mark} {choice}")
        lines.append(
            f"answer: {question.answer.text} ({question.answer.date}, "
            f"{question.answer.granularity}{', inferred' if question.answer.inferred else ''})"
        )
        for other in question.disputed:
            lines.append(f"disputed: the document also gives {other.date} ({other.passage})")
    start, end = question.evidence
    text = passage.text
    lines += ["", f"passage {passage.id} ({passage.section}):"]
    lines.append(text[:start] + "[[" + text[start:end] + "]]" + text[end:])
    return "\n".join(lines)


def _stats(args: argparse.Namespace) -> int:
    bank = load_bank(args.bank)
    kinds = Counter(question.kind for question in bank.questions)
    granularity = Counter(
        question.answer.granularity for question in bank.questions if question.answer
    )
    sections = Counter(question.section for question in bank.questions)
    disputed = sum(1 for question in bank.questions if question.disputed)
    print(f"source: {bank.source.title} ({bank.source.file})")
    print(f"passages: {len(bank.passages)}")
    print(f"questions: {len(bank.questions)}")
    for kind, count in sorted(kinds.items()):
        print(f"  {kind}: {count}")
    print("granularity: " + ", ".join(f"{g} {c}" for g, c in sorted(granularity.items())))
    print(f"disputed: {disputed}")
    report = bank.report
    if report:
        print(f"facts: {report.get('facts', '?')}")
        skipped = report.get("skipped") or {}
        if skipped:
            print("skipped dates:")
            for reason, count in skipped.items():
                print(f"  {reason}: {count}")
        for kind, reasons in (report.get("not_made") or {}).items():
            print(f"{kind} questions not made:")
            for reason, count in reasons.items():
                print(f"  {reason}: {count}")
        for conflict in report.get("conflicts") or []:
            print("conflict: " + " vs ".join(conflict.get("dates", [])))
    print("sections with most questions:")
    for section, count in sections.most_common(5):
        print(f"  {count:4d}  {section}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="question-bank",
        description="Build and inspect question banks from a document's dated facts.",
    )
    parser.add_argument("--version", action="version", version=f"question_bank {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser(
        "build", help="build a bank from a text, Markdown, HTML or PDF document"
    )
    build.add_argument("document", help="the document (UTF-8 text, Markdown or HTML; or PDF)")
    build.add_argument("-o", "--output", help="where to write the bank (default: DOC.bank.yaml)")
    build.add_argument("--title", help="source title (default: the document's own title)")
    build.set_defaults(run=_build)

    check = commands.add_parser("check", help="validate a bank and report every problem")
    check.add_argument("bank")
    check.set_defaults(run=_check)

    show = commands.add_parser("show", help="show one question with its passage")
    show.add_argument("bank")
    show.add_argument("question_id")
    show.set_defaults(run=_show)

    stats = commands.add_parser("stats", help="summarise a bank")
    stats.add_argument("bank")
    stats.set_defaults(run=_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except QuestionBankError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT

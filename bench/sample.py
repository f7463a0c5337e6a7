"""A reading sheet: a seeded sample of a bank's questions, each beside its passage.

Draws questions at random (the seed is printed and fixed by ``--seed``) from the bank
built from a document, or from a bank file, and writes them the way
``shared/eval/JUDGE.md`` asks a reader to see them: the title the learner sees, the
kind, prompt, choices or items, the bank's answer, accepted answers (a disputed date too,
as the app grades it), and the passage with the evidence sentence marked. The answer key
of each question is listed apart from the question, after the passage, so a reader meets
the question first as a learner would.

    python bench/sample.py DOCUMENT_OR_BANK [--seed N] [-n 40] [--kind choice] [-o sheet.md]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from question_bank.bank import Bank, Question, load_bank  # noqa: E402
from question_bank.build import build_bank  # noqa: E402
from question_bank.cli import read_document_file  # noqa: E402
from question_bank.datevalue import DateValue  # noqa: E402
from quizapp.learning.hints import ANSWER_FORMS  # noqa: E402


def bank_of(path: Path) -> Bank:
    if path.suffix in {".yaml", ".yml"}:
        return load_bank(path)
    return build_bank(read_document_file(str(path)), file=path.name)


def answer_lines(question: Question) -> list[str]:
    if question.kind == "order":
        order = ", ".join(str(index + 1) for index in question.order)
        return [f"- right order (earliest first): {order}"]
    answer = question.answer
    assert answer is not None
    lines = [f"- answer: {answer.text} (`{answer.date}`, {answer.granularity}"]
    if answer.inferred:
        lines[0] += ", year inferred from the context"
    lines[0] += ")"
    if question.accept:
        lines.append("- also accepted: " + "; ".join(question.accept))
    for other in question.disputed:
        lines.append(
            f"- also accepted (disputed): `{other.date}`, the date the document gives "
            "elsewhere for the same event"
        )
    return lines


def asked_for(question: Question) -> str | None:
    """What the app tells the learner a typed answer must give ("the first and last
    year"), as its hint does under a date or cloze question (without the hint's example,
    which the app picks among dates of no document the learner studies)."""
    if question.kind not in ("date", "cloze") or question.answer is None:
        return None
    value = DateValue(question.answer.date, question.answer.granularity)
    shape: tuple[str, ...] = (value.granularity,)
    if value.granularity == "range":
        ends = value.start_date.granularity, value.end_date.granularity
        shape = ("range", ends[0] if ends[0] == ends[1] else "mixed")
    return ANSWER_FORMS[shape][0]


def render(bank: Bank, question: Question, number: int) -> str:
    lines = [f"## {number}. `{question.id}` ({question.kind})", ""]
    lines.append(f"Title shown to the learner: **{bank.source.title}**")
    lines += ["", f"> {question.prompt}", ""]
    hint = asked_for(question)
    if hint is not None:
        lines += [f"Shown under the question: type {hint}.", ""]
    for index, choice in enumerate(question.choices, start=1):
        lines.append(f"{index}. {choice}")
    for index, item in enumerate(question.items, start=1):
        lines.append(f"{index}. {item.text}")
    passage = bank.passage(question.passage)
    start, end = question.evidence
    text = passage.text
    marked = text[:start] + "**[[" + text[start:end] + "]]**" + text[end:]
    lines += ["", f"Passage (section “{passage.section}”), evidence in [[ ]]:", ""]
    lines += ["> " + line for line in marked.splitlines()]
    lines += ["", "Key:", *answer_lines(question), ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a document (.txt .md .html .pdf) or a bank")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: drawn)")
    parser.add_argument("-n", type=int, default=40, help="questions to draw (default 40)")
    parser.add_argument(
        "--kind",
        choices=("date", "cloze", "choice", "order"),
        help="draw only questions of this kind (default: every kind)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write the sheet here")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    bank = bank_of(args.source)
    drawn_from = [q for q in bank.questions if args.kind in (None, q.kind)]
    questions = random.Random(seed).sample(drawn_from, min(args.n, len(drawn_from)))
    header = [
        f"# Reading sheet: {bank.source.title}",
        "",
        f"{len(questions)} of {len(drawn_from)} {args.kind + ' ' if args.kind else ''}questions"
        f" drawn with seed {seed} from "
        f"`{args.source.name}` (generator {bank.source.generator}).",
        "",
    ]
    sheet = "\n".join(header + [render(bank, q, i) for i, q in enumerate(questions, 1)])
    if args.output:
        args.output.write_text(sheet + "\n", encoding="utf-8")
        print(f"{args.output}: {len(questions)} questions, seed {seed}")
    else:
        print(sheet)
    return 0


if __name__ == "__main__":
    sys.exit(main())

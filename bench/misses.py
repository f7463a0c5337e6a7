"""Why each gold fact has no question: the rule that dropped it.

For every gold fact no question covers (scored as ``bench/real.py`` and
``bench/extraction.py`` score), prints what became of the dates written inside its
evidence: the skip rule of ``question_bank.facts.SKIP_RULES`` or ``TABLE_RULES`` that
refused it, the question-writing rule of ``question_bank.generate`` that refused every
form of it (with each form's reason), a question asked with another date, or nothing
found at all. A tally by cause ends the run.

    python bench/misses.py [NAME ...]        # the hand-labelled real articles
    python bench/misses.py --dev             # the development set (bundled document)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extraction import DEFAULT_GOLD, DOCUMENT, gold_span, line_offsets, score_bank  # noqa: E402
from real import REAL, gold_names  # noqa: E402

from question_bank import generate  # noqa: E402
from question_bank.build import Build, build_traced  # noqa: E402
from question_bank.facts import Fact, related_dates  # noqa: E402
from question_bank.generate import disputed_by_fact  # noqa: E402

Span = tuple[int, int]
# A date value; a skipped date whose year was not settled keeps its words instead.
_ISO = re.compile(r"-?\d{4}(?:-\d\d){0,2}(?:/-?\d{4}(?:-\d\d){0,2})?")


def _rule_names() -> dict[str, list[str]]:
    """The names of the question-writing rules that give each reason."""
    names: dict[str, list[str]] = {}
    for attribute in dir(generate):
        table = getattr(generate, attribute)
        if not (attribute.endswith("_RULES") or attribute == "SELF_CHECKS"):
            continue
        if not isinstance(table, tuple):
            continue
        for rule in table:
            names.setdefault(rule.reason, []).append(rule.name)
    for attribute in dir(generate):
        rule = getattr(generate, attribute)
        if isinstance(rule, generate.Rule):
            names.setdefault(rule.reason, []).append(rule.name)
    return names


WRITING_RULES = _rule_names()


@dataclass(frozen=True)
class Finding:
    """What became of one date written in a gold fact's evidence."""

    date: str
    cause: str  # "skip:<rule>", "unasked", "asked", "other date"
    detail: str


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _fact_at(fact: Fact) -> Span:
    start = fact.block.start
    return (start + fact.date_span[0], start + fact.date_span[1])


def _refusals(build: Build, fact: Fact) -> dict[str, str]:
    """Why each form of question was not written for ``fact``: its question is
    written again, on a copy of the writer's counters."""
    writer = build.writer
    saved = (writer.not_made.copy(), dict(writer.unasked))
    disputed = disputed_by_fact(build.facts.conflicts)
    related = related_dates(build.facts.facts)
    written = writer.fact_questions(fact, disputed.get(id(fact), []), related.get(id(fact), {}))
    refusals = dict(writer._last_refusal)
    writer.not_made, writer.unasked = saved[0], saved[1]
    made = {question.kind for question in written}
    return {kind: reason for kind, reason in refusals.items() if kind not in made}


def _writing_rule(reason: str) -> str:
    names = WRITING_RULES.get(reason)
    return "/".join(sorted(set(names))) if names else "?"


def findings(build: Build, where: Span, gold_date: str) -> list[Finding]:
    """What became of every date written inside ``where`` (the gold evidence)."""
    found: list[Finding] = []
    asked = {
        question.fact
        for question in build.bank.questions
        if question.kind in ("date", "cloze", "choice")
    }
    for skip in build.facts.skipped:
        if skip.at is None or not overlaps(skip.at, where):
            continue
        if skip.rule:
            found.append(Finding(skip.date, f"skip:{skip.rule}", skip.reason))
    for fact in build.facts.facts:
        if not overlaps(_fact_at(fact), where):
            continue
        value = fact.date.value
        if build.writer.fact_ids.get(id(fact)) in asked:
            cause = "asked" if value == gold_date else "other date"
            found.append(Finding(value, cause, fact.span_text[:80]))
            continue
        refusals = _refusals(build, fact)
        detail = "; ".join(
            f"{kind}: {reason} [{_writing_rule(reason)}]" for kind, reason in refusals.items()
        )
        found.append(Finding(value, "unasked", detail or "the same question from another passage"))
    for table_fact in build.facts.table_facts:
        start = table_fact.block.start + table_fact.evidence[0]
        end = table_fact.block.start + table_fact.evidence[1]
        if overlaps((start, end), where):
            found.append(Finding(table_fact.date.value, "table fact", table_fact.label))
    return found


def classify(gold_date: str, found: list[Finding]) -> tuple[str, Finding | None]:
    """The cause of a miss: the finding about the gold date (or one inside or around it),
    else "not found" when no date of the evidence has the gold value."""
    same = [f for f in found if f.date == gold_date]
    if not same:
        # A skipped year-less date keeps its words ("March 18"); a date finer or
        # coarser than the gold tells the same fact at another precision.
        same = [
            f
            for f in found
            if f.date.startswith(gold_date + "-")
            or gold_date.startswith(f.date + "-")
            or not _ISO.fullmatch(f.date)
        ]
    if not same:
        return ("date not found" if not found else "other date", found[0] if found else None)
    order = ["asked", "unasked", "table fact"]
    same.sort(key=lambda f: order.index(f.cause) if f.cause in order else -1)
    chosen = same[0]
    cause = chosen.cause if chosen.cause.startswith("skip:") else chosen.cause
    if cause == "unasked":
        first = chosen.detail.split(";")[0]
        cause = "writing:" + first.split("[")[-1].rstrip("]") if "[" in first else "writing:dedup"
    return cause, chosen


def explain(build: Build, text: str, gold: dict[str, Any], tally: Counter[str]) -> None:
    result = score_bank(build.bank, text, gold)
    lines = line_offsets(text)
    for fact in result["missed"]:
        where = gold_span(text, lines, fact["line"], fact["evidence"])
        gold_date = str(fact["date"])
        found = findings(build, where, gold_date)
        cause, chosen = classify(gold_date, found)
        tally[cause] += 1
        print(f"  MISSED {fact['id']} line {fact['line']} {gold_date}: {fact['evidence'][:90]}")
        print(f"    -> {cause}" + (f" ({chosen.detail})" if chosen else ""))
        for other in found:
            if other is not chosen:
                print(f"       also {other.date}: {other.cause} ({other.detail[:100]})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="real articles (default: every gold file)")
    parser.add_argument("--dev", action="store_true", help="the development set instead")
    args = parser.parse_args()
    tally: Counter[str] = Counter()
    if args.dev:
        text = DOCUMENT.read_text(encoding="utf-8")
        gold = yaml.safe_load(DEFAULT_GOLD.read_text(encoding="utf-8"))
        print(DOCUMENT.name)
        explain(build_traced(text, file=DOCUMENT.name), text, gold, tally)
    else:
        for name in gold_names(args.names):
            gold = yaml.safe_load((REAL / f"{name}.gold.yaml").read_text(encoding="utf-8"))
            text = (REAL / "articles" / f"{name}.txt").read_text(encoding="utf-8")
            print(name)
            explain(build_traced(text, file=f"{name}.txt"), text, gold, tally)
    print("\nmisses by cause:")
    for cause, count in tally.most_common():
        print(f"  {count:4}  {cause}")
    print(f"  {sum(tally.values()):4}  all")
    return 0


if __name__ == "__main__":
    sys.exit(main())

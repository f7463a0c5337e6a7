"""Recall and wrong answer keys on real articles, against facts labelled by hand.

Builds the bank of every article in ``bench/real/articles`` that has a gold file
``bench/real/NAME.gold.yaml`` and scores it the way the development set is scored
(``bench/extraction.py``): a gold fact is covered when a date, cloze or choice question's
evidence overlaps its evidence with the gold date as its answer (or among its disputed
dates); a question that overlaps gold facts and matches none of their dates is a wrong
answer. Prints one line per article and the totals; ``--details`` lists every miss and
every wrong answer.

    python bench/real.py [--details] [NAME ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extraction import score_bank  # noqa: E402

from question_bank.build import build_bank  # noqa: E402

REAL = ROOT / "bench" / "real"


def gold_names(wanted: list[str]) -> list[str]:
    names = sorted(path.name.removesuffix(".gold.yaml") for path in REAL.glob("*.gold.yaml"))
    unknown = set(wanted) - set(names)
    if unknown:
        raise SystemExit(f"no gold for: {', '.join(sorted(unknown))}")
    return [name for name in names if not wanted or name in wanted]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="articles to score (default: every gold file)")
    parser.add_argument("--details", action="store_true", help="list misses and wrong answers")
    args = parser.parse_args()

    totals = {"facts": 0, "covered": 0, "wrong": 0, "questions": 0}
    print(f"{'article':34} {'questions':>9} {'recall':>15} {'wrong':>5} {'seconds':>7}")
    for name in gold_names(args.names):
        gold = yaml.safe_load((REAL / f"{name}.gold.yaml").read_text(encoding="utf-8"))
        text = (REAL / "articles" / f"{name}.txt").read_text(encoding="utf-8")
        started = time.perf_counter()
        bank = build_bank(text, file=f"{name}.txt")
        seconds = time.perf_counter() - started
        result = score_bank(bank, text, gold)
        totals["facts"] += result["facts"]
        totals["covered"] += result["covered"]
        totals["wrong"] += len(result["wrong"])
        totals["questions"] += len(bank.questions)
        recall = f"{result['covered']}/{result['facts']} {result['recall']:.2f}"
        print(
            f"{name:34} {len(bank.questions):9} {recall:>15} {len(result['wrong']):5} "
            f"{seconds:7.2f}"
        )
        if args.details:
            for qid, question in result["wrong"]:
                print(f"  WRONG {qid}: {question}")
            for fact in result["missed"]:
                print(
                    f"  MISSED {fact['id']} line {fact['line']} {fact['date']}: "
                    f"{fact['evidence'][:100]}"
                )
    overall = totals["covered"] / totals["facts"] if totals["facts"] else 0.0
    print(
        f"{'all':34} {totals['questions']:9} "
        f"{totals['covered']}/{totals['facts']} {overall:.2f} {totals['wrong']:5}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Bank build speed and memory: the bundled document at 1x, 10x and 50x.

Each size is built in a fresh child process so that its peak memory (max RSS) is its
own. In the same run, ``dateparser.search.search_dates`` (date search alone, no
questions) runs on the 1x text, the peer a user would reach for.

    python bench/speed.py [--sizes 1,10,50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DOCUMENT = ROOT / "quizapp" / "documents" / "second-nagorno-karabakh-war.txt"


def document_text(copies: int) -> str:
    """The bundled document repeated, each copy's sentences made distinct.

    Every sentence of copy ``n`` gains a short opening ("In copy n, "), so no
    per-sentence cache can make the copies after the first cheaper than a new document.
    """
    base = DOCUMENT.read_text(encoding="utf-8")
    copies_text = []
    for n in range(copies):
        text = base.replace("Second Nagorno", f"Second ({n}) Nagorno", 1)
        if n:
            text = re.sub(
                r"(?m)^(?=[A-Z][^\n]{200,})|(?<=[a-z]\. )(?=[A-Z])", f"In copy {n}, ", text
            )
        copies_text.append(text)
    return "\n\n".join(copies_text)


def measure_one(copies: int, repeat: int) -> dict[str, float]:
    from question_bank.build import build_bank

    text = document_text(copies)
    times = []
    questions = 0
    for _ in range(repeat):
        started = time.perf_counter()
        bank = build_bank(text, file="bench.txt")
        times.append(time.perf_counter() - started)
        questions = len(bank.questions)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "copies": copies,
        "chars": len(text),
        "seconds": statistics.median(times),
        "questions": questions,
        "peak_mib": peak_kib / 1024,
    }


def measure_dateparser(repeat: int) -> float:
    from dateparser.search import search_dates

    text = document_text(1)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            search_dates(text, languages=["en"])
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.repeat)))
        return 0
    rows = []
    for copies in (int(size) for size in args.sizes.split(",")):
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(copies), "--repeat", str(args.repeat)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.append(json.loads(output))
    peer = measure_dateparser(args.repeat)
    base = rows[0]
    print(
        f"{'size':>5} {'chars':>10} {'seconds':>8} {'MB/s':>6} {'peak MiB':>9} "
        f"{'s per 1x':>8} {'questions':>9}"
    )
    for row in rows:
        per_copy = row["seconds"] / row["copies"]
        print(
            f"{row['copies']:>4}x {row['chars']:>10,} {row['seconds']:>8.3f} "
            f"{row['chars'] / row['seconds'] / 1e6:>6.2f} {row['peak_mib']:>9.1f} "
            f"{per_copy:>8.3f} {row['questions']:>9}"
        )
    last = rows[-1]
    growth = (last["seconds"] / base["seconds"]) / (last["chars"] / base["chars"])
    print(
        f"growth: time grows {growth:.2f}x as fast as size from 1x to {last['copies']}x "
        f"(1.00 = linear)"
    )
    print(
        f"dateparser.search.search_dates on 1x: {peer:.3f} s; "
        f"full bank build is {peer / base['seconds']:.1f}x faster"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

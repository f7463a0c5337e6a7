"""Bank build speed and memory: the bundled document at 1x, 10x and 50x.

Each size is built in a fresh child process so that its peak memory (max RSS) is its
own. In the same run, ``dateparser.search.search_dates`` (date search alone, no
questions) runs on the 1x text, the peer a user would reach for, and ``question-bank
build`` on the 1x document as a command (a fresh interpreter: its imports count).

Wall-clock seconds are what a user waits; CPU seconds (the process's own) are what the
build costs, and vary less when other jobs share the cores. "first" is the first
build in the process, which also loads the word tables, as a command does; the median
over ``--repeat`` builds of the same text also has the caches the first one filled.

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
import tempfile
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
    cpu_times = []
    questions = 0
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        bank = build_bank(text, file="bench.txt")
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
        questions = len(bank.questions)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "copies": copies,
        "chars": len(text),
        "seconds": statistics.median(times),
        "cpu": statistics.median(cpu_times),
        "first": times[0],
        "first_cpu": cpu_times[0],
        "questions": questions,
        "peak_mib": peak_kib / 1024,
    }


def measure_dateparser(repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of dateparser's search of the 1x text."""
    from dateparser.search import search_dates

    text = document_text(1)
    times = []
    cpu_times = []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            search_dates(text, languages=["en"])
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    return statistics.median(times), statistics.median(cpu_times)


def measure_command(repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``question-bank build`` on the bundled
    document in a fresh interpreter: start, imports, the build and writing the bank."""
    times = []
    cpu_times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "question_bank",
                    "build",
                    str(DOCUMENT),
                    "-o",
                    str(Path(folder) / "bank.yaml"),
                ],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
            times.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times), statistics.median(cpu_times)


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
    command, command_cpu = measure_command(args.repeat)
    peer, peer_cpu = measure_dateparser(args.repeat)
    base = rows[0]
    print(
        f"{'size':>5} {'chars':>10} {'seconds':>8} {'cpu s':>8} {'first':>7} {'first cpu':>9} "
        f"{'MB/s':>6} {'cpu MB/s':>8} {'peak MiB':>9} {'cpu s per 1x':>12} {'questions':>9}"
    )
    for row in rows:
        print(
            f"{row['copies']:>4}x {row['chars']:>10,} {row['seconds']:>8.3f} {row['cpu']:>8.3f} "
            f"{row['first']:>7.3f} {row['first_cpu']:>9.3f} "
            f"{row['chars'] / row['seconds'] / 1e6:>6.2f} {row['chars'] / row['cpu'] / 1e6:>8.2f} "
            f"{row['peak_mib']:>9.1f} {row['cpu'] / row['copies']:>12.3f} {row['questions']:>9}"
        )
    last = rows[-1]
    for key, name in (("seconds", "time"), ("cpu", "CPU time")):
        growth = (last[key] / base[key]) / (last["chars"] / base["chars"])
        print(
            f"growth: {name} grows {growth:.2f}x as fast as size from 1x to {last['copies']}x "
            f"(1.00 = linear)"
        )
    print(f"question-bank build on 1x, as a command: {command:.3f} s ({command_cpu:.3f} s CPU)")
    print(
        f"dateparser.search.search_dates on 1x: {peer:.3f} s ({peer_cpu:.3f} s CPU); "
        f"full bank build is {peer / base['seconds']:.1f}x faster "
        f"({peer_cpu / base['cpu']:.1f}x in CPU time)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

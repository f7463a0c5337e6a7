"""Generation from an uploaded document: time and memory from 10 KB to 20 MB, and the
app's responsiveness while a 20 MB job runs in its background thread.

Documents are the bundled article repeated with each copy's sentences made distinct
(``bench/speed.py``'s ``document_text``, so no cache flatters the big ones), cut to the
target size at a paragraph break. Each size is measured in a fresh child process so its
peak memory (max RSS) is its own: reading (UTF-8 decode) and building the bank
(``build_bank``), as the job's first two stages do.

Then, in one process like a web worker: a fresh SQLite database, a teacher, a 20 MB
upload queued and run by the app's worker thread, while the main thread keeps asking
for the teacher's documents page through the app; the page's latency is compared with
the same page on an idle app.

    python bench/generate.py [--sizes 10K,100K,1M,5M,20M] [--responsive-size 20M]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

UNITS = {"K": 1_000, "M": 1_000_000}


def parse_size(text: str) -> int:
    text = text.strip().upper()
    return int(float(text[:-1]) * UNITS[text[-1]]) if text[-1] in UNITS else int(text)


def document_bytes(size: int) -> bytes:
    from speed import DOCUMENT, document_text

    base = len(DOCUMENT.read_text(encoding="utf-8").encode("utf-8"))
    text = document_text(max(1, -(-size // base) + 1))
    data = text.encode("utf-8")[:size]
    cut = data.rfind(b"\n\n")
    return (data[:cut] if cut > size * 0.9 else data).decode("utf-8", "ignore").encode("utf-8")


def measure_one(size: int) -> dict[str, float]:
    from question_bank.build import build_bank
    from question_bank.formats import document_text

    data = document_bytes(size)
    # Load the word tables once, as a running worker has: the timing is the document's.
    build_bank(document_bytes(20_000).decode("utf-8"), file="warm.txt")
    started = time.perf_counter()
    text = document_text(data, name="bench.txt").text
    read = time.perf_counter() - started
    bank = build_bank(text, file="bench.txt")
    total = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "bytes": len(data),
        "read_s": read,
        "seconds": total,
        "questions": len(bank.questions),
        "facts": int(bank.report["facts"]),
        "peak_mib": peak_kib / 1024,
    }


def measure_responsiveness(size: int, samples_idle: int = 50) -> dict[str, float]:
    """A job of ``size`` bytes in the app's worker thread; the documents page meanwhile."""
    from conftest import PASSWORD, add_user, make_app

    from quizapp.extensions import db
    from quizapp.models import GenerationJob
    from quizapp.sources import generation

    folder = Path(tempfile.mkdtemp(prefix="quizapp-bench-"))
    app = make_app(folder, MAX_UPLOAD_MB=64, TESTING=False)
    with app.app_context():
        db.create_all()
    add_user(app, "bench@example.org", role="teacher")
    client = app.test_client()
    client.post("/login", data={"email": "bench@example.org", "password": PASSWORD})

    def page_ms() -> float:
        started = time.perf_counter()
        response = client.get("/teach/documents")
        assert response.status_code == 200
        return (time.perf_counter() - started) * 1000

    idle = [page_ms() for _ in range(samples_idle)]
    data = document_bytes(size)
    import io

    started = time.perf_counter()
    response = client.post(
        "/teach/documents/upload",
        data={"document": (io.BytesIO(data), "bench.txt")},
        content_type="multipart/form-data",
    )
    upload_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.status_code
    job_id = int(response.location.rsplit("/", 1)[1])
    busy: list[float] = []
    polls: list[float] = []
    progress_seen: list[int] = []
    while True:
        busy.append(page_ms())
        started = time.perf_counter()
        state = client.get(f"/teach/jobs/{job_id}/status").get_json()
        polls.append((time.perf_counter() - started) * 1000)
        progress_seen.append(state["progress"])
        if state["status"] in ("done", "failed"):
            break
        time.sleep(0.2)
    generation.wait_for_jobs(app)
    with app.app_context():
        job = db.session.get(GenerationJob, job_id)
        assert job is not None and job.status == "done", job.message if job else None
        job_s = (job.finished_at - job.started_at).total_seconds()  # type: ignore[operator]
        questions = int(sum((job.report or {}).get("questions", {}).values()))

    def p95(values: list[float]) -> float:
        return sorted(values)[int(0.95 * (len(values) - 1))]

    return {
        "bytes": len(data),
        "upload_ms": upload_ms,
        "job_s": job_s,
        "questions": questions,
        "idle_median_ms": statistics.median(idle),
        "idle_p95_ms": p95(idle),
        "busy_median_ms": statistics.median(busy),
        "busy_p95_ms": p95(busy),
        "busy_max_ms": max(busy),
        "poll_median_ms": statistics.median(polls),
        "requests_during_job": len(busy) + len(polls),
        "distinct_progress_values": len(set(progress_seen)),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _in_own_process(option: str, size: int) -> dict[str, float]:
    """This script run again with ``option SIZE`` in a process of its own (so its peak
    memory is the measurement's alone): the JSON it prints last."""
    output = subprocess.run(
        [sys.executable, __file__, option, str(size)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10K,100K,1M,5M,20M")
    parser.add_argument("--responsive-size", default="20M")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--responsive", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return 0
    if args.responsive:
        print(json.dumps(measure_responsiveness(args.responsive)))
        return 0
    rows = []
    for size in (parse_size(size) for size in args.sizes.split(",")):
        rows.append(_in_own_process("--one", size))
    print(
        f"{'bytes':>12} {'read s':>7} {'build s':>8} {'KB/s':>7} {'peak MiB':>9} "
        f"{'facts':>7} {'questions':>9}"
    )
    for row in rows:
        print(
            f"{row['bytes']:>12,} {row['read_s']:>7.3f} {row['seconds']:>8.2f} "
            f"{row['bytes'] / row['seconds'] / 1000:>7.0f} {row['peak_mib']:>9.1f} "
            f"{row['facts']:>7,} {row['questions']:>9,}"
        )
    first, last = rows[0], rows[-1]
    growth = (last["seconds"] / first["seconds"]) / (last["bytes"] / first["bytes"])
    print(
        f"time grows {growth:.2f}x as fast as size from the first size to the last (1.00 = linear)"
    )
    if len(rows) > 2:
        second = rows[1]
        growth = (last["seconds"] / second["seconds"]) / (last["bytes"] / second["bytes"])
        print(f"from the second size to the last: {growth:.2f}x (1.00 = linear)")
    if args.responsive_size:
        result = _in_own_process("--responsive", parse_size(args.responsive_size))
        print(
            f"\nresponsiveness, {result['bytes']:,} bytes uploaded (the request returned in "
            f"{result['upload_ms']:.0f} ms), job ran {result['job_s']:.1f} s in the worker "
            f"thread and stored {result['questions']:,} questions:"
        )
        print(
            f"  GET /teach/documents idle: median {result['idle_median_ms']:.1f} ms, "
            f"p95 {result['idle_p95_ms']:.1f} ms"
        )
        print(
            f"  GET /teach/documents during the job: median {result['busy_median_ms']:.1f} ms, "
            f"p95 {result['busy_p95_ms']:.1f} ms, max {result['busy_max_ms']:.1f} ms "
            f"({result['requests_during_job']} requests)"
        )
        print(
            f"  job status poll: median {result['poll_median_ms']:.1f} ms; "
            f"{result['distinct_progress_values']} distinct progress values seen; "
            f"process peak {result['peak_mib']:.0f} MiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

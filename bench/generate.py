"""Generation from an uploaded document: time and memory from 10 KB to 20 MB, hostile
documents of growing size, and the service's latency while hostile documents generate.

Documents are the bundled article repeated with each copy's sentences made distinct
(``bench/speed.py``'s ``document_text``, so no cache flatters the big ones), cut to the
target size at a paragraph break. Each size is measured in a fresh child process so its
peak memory (max RSS) is its own: reading (UTF-8 decode) and building the bank
(``build_bank``), as the job's first two stages do.

Hostile documents (``--hostile``), each at sizes n, 2n and 4n, read (converted) in a
fresh child process, CPU time: a PDF of many one-letter text runs (more pages), HTML of
unbalanced tags (100,000 ``<b>`` then 100,000 ``</i>`` is the 700 KB page; the depth limit
lifted so that the nesting is timed, not refused), an HTML tail of unterminated ``<a``,
and, built rather than read, one endless sentence of dates (the fact finder, which the
CPU limit contains).

Under attack (``--attack``): gunicorn (``gunicorn.conf.py``) and ``flask --app quizapp
worker --workers 4`` on a fresh SQLite database with the bundled bank; four teachers
upload at once, through the API, a 93 KB PDF and a 197 KB PDF of many tiny text runs
(about 50 µs of pypdf per run: minutes to read), the 700 KB HTML page of unbalanced
tags and a 20 MB text (the bundled article repeated, 21,000 questions to store); a
learner meanwhile asks ``GET /healthz``, ``GET /api/v1/queue`` and answers
(``POST /api/v1/answers``) ten times a second until the four jobs are finished.

    python bench/generate.py [--sizes 10K,100K,1M,5M,20M] [--hostile] [--attack]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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


def hostile_inputs() -> dict[str, tuple[str, list[int], Any]]:
    """Name -> (what, sizes, make(size) -> (bytes, file name))."""
    from sample_pdf import many_runs_pdf

    return {
        "pdf-runs": (
            "PDF, pages of 20,000 one-letter runs",
            [2, 4, 8],
            lambda pages: (many_runs_pdf(20_000, pages=pages), "runs.pdf"),
        ),
        "html-unbalanced": (
            "HTML, n <b> then n </i>",
            [25_000, 50_000, 100_000],
            lambda n: (("<html><body>" + "<b>" * n + "</i>" * n).encode(), "tags.html"),
        ),
        "html-unterminated": (
            "HTML, a paragraph then n '<a' never closed",
            [50_000, 100_000, 200_000],
            lambda n: (("<html><body><p>x</p>" + "<a" * n).encode(), "open.html"),
        ),
        "text-endless-sentence": (
            "text, n x 'On 5 May 1994 the truce ' (built)",
            [125, 250, 500],
            lambda n: (("On 5 May 1994 the truce " * n).encode(), "endless.txt"),
        ),
    }


def measure_hostile(name: str, size: int) -> dict[str, float]:
    """CPU time to read (and, for the text, build) one hostile input, in this process."""
    from question_bank.build import build_bank
    from question_bank.errors import QuestionBankError
    from question_bank.formats import ReadLimits, document_text

    what, _, make = hostile_inputs()[name]
    data, filename = make(size)
    limits = ReadLimits(max_html_depth=10**9)
    started = time.process_time()
    try:  # refused or not, the time it took is what is measured
        text = document_text(data, name=filename, limits=limits).text
        if name.startswith("text"):
            build_bank(text, file=filename)
    except QuestionBankError:
        pass
    return {"bytes": len(data), "cpu_s": time.process_time() - started}


def _in_own_process(option: str, argument: str) -> dict[str, float]:
    """This script run again with ``option ARGUMENT`` in a process of its own (so its
    peak memory and CPU time are the measurement's alone): the JSON it prints last."""
    output = subprocess.run(
        [sys.executable, __file__, option, argument],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def print_hostile() -> None:
    print("\nhostile documents, CPU seconds to read (text: to build), each in a fresh process:")
    for name, (what, sizes, _) in hostile_inputs().items():
        cells = []
        previous = None
        for size in sizes:
            row = _in_own_process("--one-hostile", f"{name}:{size}")
            ratio = f" ({row['cpu_s'] / previous:.1f}x)" if previous else ""
            cells.append(f"{size:,} ({row['bytes']:,} B): {row['cpu_s']:.2f} s{ratio}")
            previous = row["cpu_s"]
        print(f"  {what}:\n    " + "\n    ".join(cells))


def measure_under_attack(max_seconds: float = 600.0) -> dict[str, Any]:
    """gunicorn and the queue's workers on a fresh SQLite database; four hostile uploads at
    once; a learner's requests meanwhile (see the module's docstring)."""
    import http.client
    import os
    import secrets
    import signal
    import uuid
    from datetime import UTC, datetime

    import faults
    from sample_pdf import many_runs_pdf

    folder = Path(tempfile.mkdtemp(prefix="quizapp-attack-"))
    url = f"sqlite:///{folder / 'quizapp.sqlite'}"
    [learner] = faults.prepare(url, folder, 1)
    from quizapp import create_app
    from quizapp.accounts.tokens import create_token
    from quizapp.accounts.users import create_user
    from quizapp.extensions import db

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "attack setup"})
    teachers = []
    with app.app_context():
        for number in range(4):
            user = create_user(f"teacher{number}@example.org", "attack password 1")
            user.role = "teacher"
            teachers.append(create_token(user, "bench", "write", now=datetime.now(UTC))[1])
        db.session.commit()
        db.engine.dispose()
    documents = [
        ("slow-93k.pdf", many_runs_pdf(100_000, pages=28)),
        ("slow-197k.pdf", many_runs_pdf(100_000, pages=60)),
        ("unbalanced-700k.html", b"<html><body>" + b"<b>" * 100_000 + b"</i>" * 100_000),
        ("article-20m.txt", document_bytes(20_000_000)),
    ]
    port = faults.free_port()
    env = {
        **os.environ,
        "QUIZAPP_DATABASE_URL": url,
        "QUIZAPP_QUEUE_URL": f"sqlite:///{folder / 'queue.sqlite'}",
        "QUIZAPP_SECRET_KEY": secrets.token_hex(16),
        "QUIZAPP_BIND": f"127.0.0.1:{port}",
        "QUIZAPP_API_RATE_LIMIT": "1000000",
        "QUIZAPP_LOG_LEVEL": "warning",
    }
    log = folder / "server.log"
    server = faults.start_server(env, log)
    flask = Path(sys.executable).with_name("flask")
    with (folder / "worker.log").open("ab") as handle:
        workers = subprocess.Popen(
            [str(flask), "--app", "quizapp", "worker", "--workers", "4"],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=handle,
            start_new_session=True,
        )
    latencies: dict[str, list[float]] = {"healthz": [], "queue": [], "answer": []}
    uploads: list[tuple[str, float, int, str]] = []
    jobs: dict[str, dict[str, Any]] = {}
    try:
        time.sleep(8)  # the consumer loads the generator's tables before forking workers
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

        def timed(
            method: str,
            path: str,
            body: Any = None,
            token: str = learner,
            content_type: str = "application/json",
        ) -> tuple[float, int, bytes]:
            headers = {"Authorization": f"Bearer {token}", "Content-Type": content_type}
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            return time.perf_counter() - started, response.status, data

        for token, (name, data) in zip(teachers, documents, strict=True):
            boundary = uuid.uuid4().hex
            body = (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="document"; '
                    f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                ).encode()
                + data
                + f"\r\n--{boundary}--\r\n".encode()
            )
            seconds, status, reply = timed(
                "POST",
                "/api/v1/documents",
                body,
                token,
                f"multipart/form-data; boundary={boundary}",
            )
            assert status == 202, reply[:300]
            uploads.append((name, seconds, len(data), token))
            jobs[name] = json.loads(reply)
        started = time.monotonic()
        while time.monotonic() - started < max_seconds:
            seconds, status, _ = timed("GET", "/healthz")
            latencies["healthz"].append(seconds)
            seconds, status, reply = timed("GET", "/api/v1/queue")
            latencies["queue"].append(seconds)
            item = json.loads(reply).get("next") if status == 200 else None
            if item:
                answer = json.dumps(
                    {
                        "question_id": item["id"],
                        "card_version": item["card_version"],
                        "answer": faults._right_answer(item),
                    }
                )
                seconds, status, reply = timed("POST", "/api/v1/answers", answer)
                assert status in (200, 201), reply[:300]
                latencies["answer"].append(seconds)
            if len(latencies["healthz"]) % 20 == 0:
                for name, _, _, token in uploads:
                    _, _, reply = timed("GET", f"/api/v1/jobs/{jobs[name]['id']}", token=token)
                    jobs[name] = json.loads(reply)
                if all(job["status"] in ("done", "failed") for job in jobs.values()):
                    break
            time.sleep(0.1)
        elapsed = time.monotonic() - started
        connection.close()
    finally:
        os.killpg(workers.pid, signal.SIGTERM)
        workers.wait(timeout=30)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    def quantiles(values: list[float]) -> dict[str, float]:
        ordered = sorted(values)

        def pick(p: float) -> float:
            return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

        return {"n": len(ordered), "p50": pick(0.5), "p99": pick(0.99), "max": ordered[-1] * 1000}

    return {
        "seconds": elapsed,
        "uploads": [
            {"name": name, "bytes": size, "request_ms": seconds * 1000}
            for name, seconds, size, _ in uploads
        ],
        "jobs": {
            name: {
                key: job[key]
                for key in ("status", "message", "attempts", "created_at", "finished_at")
            }
            | {"questions": sum(((job.get("report") or {}).get("questions") or {}).values())}
            for name, job in jobs.items()
        },
        "latency_ms": {name: quantiles(values) for name, values in latencies.items() if values},
    }


def print_under_attack(result: dict[str, Any]) -> None:
    print("\nunder attack: four hostile uploads at once, a learner's requests meanwhile")
    for upload in result["uploads"]:
        print(f"  upload {upload['name']} ({upload['bytes']:,} B): {upload['request_ms']:.0f} ms")
    for name, job in result["jobs"].items():
        print(f"  job {name}: {job['status']} {job['message']!r} ({job['questions']} questions)")
    for name, row in result["latency_ms"].items():
        print(
            f"  {name}: n={row['n']} p50 {row['p50']:.1f} ms, p99 {row['p99']:.1f} ms, "
            f"max {row['max']:.1f} ms"
        )
    print(f"  ({result['seconds']:.0f} s until every job finished)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10K,100K,1M,5M,20M")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-hostile", help=argparse.SUPPRESS)
    parser.add_argument("--hostile", action="store_true", help="hostile documents, n to 4n")
    parser.add_argument("--attack", action="store_true", help="latency under four hostile jobs")
    args = parser.parse_args()
    if args.one_hostile:
        name, size = args.one_hostile.split(":")
        print(json.dumps(measure_hostile(name, int(size))))
        return 0
    if args.hostile:
        print_hostile()
    if args.attack:
        result = measure_under_attack()
        print_under_attack(result)
        print(json.dumps(result))
    if args.hostile or args.attack:
        return 0
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return 0
    rows = []
    for size in (parse_size(size) for size in args.sizes.split(",")):
        rows.append(_in_own_process("--one", str(size)))
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
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Answer submission under load: the real server, real sessions, concurrent clients.

Sets up a fresh SQLite database (WAL) in a temporary folder the way ``flask --app quizapp
setup`` does (migrations, then the bundled document built into a bank and imported),
creates ``--users`` learners, starts gunicorn (``--workers`` processes of ``--threads``
threads) on 127.0.0.1, and logs every client in through the real login form: **CSRF
stays on**; each client sends its session's token with every answer.

Then, against the same server, one phase after the other for ``--seconds`` each,
``--clients`` concurrent clients (one keep-alive connection each) send:

1. ``answer``: ``POST /quiz/answer`` with the fields the question form sends
   (``question_id``, ``card_version``, ``shown_at``, ``csrf_token``, ``answer`` or the
   ``position_<i>`` of an order question); three answers in four are right. Each client
   cycles through the bank's questions, tracking each card's version as the form does, so
   every request records one review (302 to its result page);
2. ``login-page``: ``GET /login`` without a session: a rendered page with a CSRF token,
   no database; the trivial route the ratio is taken against;
3. ``static``: ``GET /static/quizapp.css``, for reference.

Prints throughput and p50/p90/p99 latency per phase, and the ratio of answer throughput
to login-page throughput. Only 127.0.0.1 is contacted.

    python bench/load.py [--clients 16] [--seconds 10] [--users 16] [--workers 2] [--threads 2]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
PASSWORD = "load bench password"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
WRONG = {"date": "1 January 1990", "cloze": "1 January 1990"}
TARGET_RATIO = 0.3
TARGET_P99_MS = 50.0


# --- setup ---------------------------------------------------------------------------


def prepare_database(
    database_url: str, folder: Path, users: int, bank_path: Path | None = None
) -> list[dict[str, Any]]:
    """Migrate, build and import the bundled bank, create the users; return the questions
    as the answer form needs them: id, kind, the right and a wrong payload."""
    from flask_migrate import upgrade

    from quizapp import create_app
    from quizapp.accounts import create_user
    from quizapp.cli import BUNDLED_DOCUMENT
    from quizapp.extensions import db
    from quizapp.importer import build_bank_file, import_bank, read_bank
    from quizapp.models import Question

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench setup"})
    with app.app_context():
        upgrade()
        if bank_path is None:
            bank = build_bank_file(BUNDLED_DOCUMENT, folder / "bank.yaml")
        else:
            bank = read_bank(bank_path)
        import_bank(bank, now=datetime.now(UTC), document_text=BUNDLED_DOCUMENT.read_text())
        for number in range(users):
            create_user(f"load{number}@example.org", PASSWORD, display_name=f"load{number}")
        db.session.commit()
        questions = db.session.scalars(
            db.select(Question).where(Question.retired.is_(False)).order_by(Question.id)
        ).all()
        payloads = [question_payloads(question) for question in questions]
        db.engine.dispose()
    return payloads


def question_payloads(question: Any) -> dict[str, Any]:
    if question.kind == "order":
        order = question.answer["order"]
        right = {f"position_{item}": str(rank) for rank, item in enumerate(order, start=1)}
        wrong = {f"position_{index}": str(index + 1) for index in range(len(question.items))}
        if wrong == right:
            wrong = {key: str(len(order) + 1 - int(value)) for key, value in right.items()}
    elif question.kind == "choice":
        right = {"answer": question.answer["text"]}
        wrong = {"answer": next(c for c in question.choices if c != question.answer["text"])}
    else:
        right = {"answer": question.answer["text"]}
        wrong = {"answer": WRONG[question.kind]}
    return {"id": question.id, "kind": question.kind, "right": right, "wrong": wrong}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(
    env: dict[str, str], port: int, workers: int, threads: int, access_log: Path
) -> Any:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
        # Server-side time per request in milliseconds, to tell queueing from work.
        "--access-logfile",
        str(access_log),
        "--access-logformat",
        "%(m)s %(U)s %(s)s %(M)s",
        "quizapp:create_app()",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start within 30 s")


# --- the client ----------------------------------------------------------------------


class Client:
    """One keep-alive connection with its own cookie jar (just the session cookie)."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {"Host": HOST}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, dict(response.headers), data

    def login(self, email: str) -> str:
        """Log in through the form; return the session's CSRF token."""
        status, _, page = self.request("GET", "/login")
        token = CSRF.search(page.decode())
        assert status == 200 and token, f"login page: {status}"
        status, headers, _ = self.request(
            "POST",
            "/login",
            {"email": email, "password": PASSWORD, "csrf_token": token.group(1)},
        )
        assert status == 302 and headers.get("Location") == "/", f"login: {status} {headers}"
        status, _, page = self.request("GET", "/quiz")
        token = CSRF.search(page.decode())
        assert status == 200 and token, f"quiz page: {status}"
        return token.group(1)

    def close(self) -> None:
        self.connection.close()


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, latencies: list[float], errors: list[str]) -> None:
        with self.lock:
            self.latencies.extend(latencies)
            self.errors.extend(errors)

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies)
        count = len(ordered)

        def pct(p: float) -> float:
            return ordered[min(count - 1, int(p * count))] * 1000 if count else float("nan")

        return {
            "phase": self.name,
            "requests": count,
            "errors": len(self.errors),
            "throughput_rps": count / self.elapsed if self.elapsed else 0.0,
            "p50_ms": pct(0.50),
            "p90_ms": pct(0.90),
            "p99_ms": pct(0.99),
            "mean_ms": statistics.fmean(ordered) * 1000 if count else float("nan"),
        }


def run_phase(phase: Phase, workers: list[Any], seconds: float) -> None:
    """Run every worker(deadline, phase) in its own thread for ``seconds``."""
    start_line = threading.Barrier(len(workers) + 1)
    deadline_box: list[float] = []

    def body(work: Any) -> None:
        start_line.wait()
        work(deadline_box[0], phase)

    threads = [threading.Thread(target=body, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    deadline_box.append(started + seconds)
    start_line.wait()
    for thread in threads:
        thread.join()
    phase.elapsed += time.perf_counter() - started


def answer_worker(client: Client, token: str, questions: list[dict[str, Any]], offset: int):
    versions: dict[int, int] = {}

    def work(deadline: float, phase: Phase) -> None:
        latencies: list[float] = []
        errors: list[str] = []
        turn = offset
        while time.perf_counter() < deadline:
            question = questions[turn % len(questions)]
            turn += 1
            version = versions.get(question["id"], 0)
            form = {
                "csrf_token": token,
                "question_id": str(question["id"]),
                "card_version": str(version),
                "shown_at": str(int(time.time() * 1000) - 4000),
                **(question["wrong"] if turn % 4 == 0 else question["right"]),
            }
            began = time.perf_counter()
            status, headers, _ = client.request("POST", "/quiz/answer", form)
            latencies.append(time.perf_counter() - began)
            if status == 302 and "/quiz/result/" in headers.get("Location", ""):
                versions[question["id"]] = version + 1
            else:
                errors.append(f"{status} {headers.get('Location', '')}")
        phase.add(latencies, errors)

    return work


def get_worker(client: Client, path: str):
    def work(deadline: float, phase: Phase) -> None:
        latencies: list[float] = []
        errors: list[str] = []
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            status, _, _ = client.request("GET", path)
            latencies.append(time.perf_counter() - began)
            if status != 200:
                errors.append(str(status))
        phase.add(latencies, errors)

    return work


def review_count(database: Path) -> int:
    import sqlite3

    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM review").fetchone()[0])


def server_times(access_log: Path) -> dict[str, list[int]]:
    """Milliseconds the server spent on each request, by phase, from the access log."""
    times: dict[str, list[int]] = {"answer": [], "login-page": [], "static": []}
    names = {"/quiz/answer": "answer", "/login": "login-page", "/static/quizapp.css": "static"}
    for line in access_log.read_text().splitlines():
        method, path, _status, millis = line.split()
        name = names.get(path)
        if name and (method == "POST") == (name == "answer"):
            times[name].append(int(millis))
    return times


def percentile(values: list[int], p: float) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(p * len(ordered)))]) if ordered else 0.0


# --- main ----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0, help="per phase, in all")
    parser.add_argument("--rounds", type=int, default=2, help="alternations of the phases")
    parser.add_argument("--users", type=int, default=16, help="learners (clients share them)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker")
    parser.add_argument(
        "--bank",
        type=Path,
        help="import this bank of the bundled document instead of building one",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="quizapp-load-") as tmp:
        folder = Path(tmp)
        database = folder / "quizapp.sqlite"
        database_url = f"sqlite:///{database}"
        print(f"setting up {database} (migrations, bundled bank, {args.users} users)...")
        questions = prepare_database(database_url, folder, args.users, args.bank)
        kinds = {
            kind: sum(q["kind"] == kind for q in questions)
            for kind in sorted({q["kind"] for q in questions})
        }
        print(f"  {len(questions)} questions: {kinds}")

        port = free_port()
        env = {
            **os.environ,
            "QUIZAPP_DATABASE_URL": database_url,
            "QUIZAPP_SECRET_KEY": secrets.token_hex(16),
        }
        access_log = folder / "access.log"
        server = start_server(env, port, args.workers, args.threads, access_log)
        try:
            print(
                f"gunicorn on {HOST}:{port}: {args.workers} workers x {args.threads} threads "
                f"(gthread), SQLite WAL; CSRF on, clients log in through the login form"
            )
            answer_clients = [Client(port) for _ in range(args.clients)]
            tokens = [
                client.login(f"load{number % args.users}@example.org")
                for number, client in enumerate(answer_clients)
            ]
            # Clients sharing a learner start far apart in the bank so they rarely race on a
            # card (a race is answered as the app would: a redirect, counted as an error here).
            spread = max(1, len(questions) // max(1, args.clients))
            answer_workers = [
                answer_worker(client, token, questions, number * spread)
                for number, (client, token) in enumerate(zip(answer_clients, tokens, strict=True))
            ]
            get_clients = [Client(port) for _ in range(args.clients)]
            answers, login_page, static = Phase("answer"), Phase("login-page"), Phase("static")
            reviews_before = review_count(database)
            # The phases alternate in rounds so that drift in a shared machine's load
            # weighs on all of them alike.
            for _ in range(args.rounds):
                run_phase(answers, answer_workers, args.seconds / args.rounds)
                run_phase(
                    login_page,
                    [get_worker(c, "/login") for c in get_clients],
                    args.seconds / args.rounds,
                )
                run_phase(
                    static,
                    [get_worker(c, "/static/quizapp.css") for c in get_clients],
                    args.seconds / args.rounds,
                )
            recorded = review_count(database) - reviews_before
            for client in answer_clients + get_clients:
                client.close()
            results = [answers, login_page, static]
        finally:
            server.terminate()
            server.wait(timeout=30)
        on_server = server_times(access_log)

    summaries = [phase.summary() for phase in results]
    print(
        f"\n{args.clients} concurrent clients, {args.seconds:g} s per phase "
        f"in {args.rounds} rounds, "
        f"{os.cpu_count()} CPUs (clients and server share them)\n"
    )
    print(
        f"{'phase':<12}{'requests':>9}{'errors':>8}{'req/s':>9}{'p50 ms':>9}"
        f"{'p90 ms':>9}{'p99 ms':>9}   server p50/p99 ms"
    )
    for s in summaries:
        print(
            f"{s['phase']:<12}{s['requests']:>9}{s['errors']:>8}{s['throughput_rps']:>9.0f}"
            f"{s['p50_ms']:>9.1f}{s['p90_ms']:>9.1f}{s['p99_ms']:>9.1f}"
            f"   {percentile(on_server[s['phase']], 0.5):.0f} / "
            f"{percentile(on_server[s['phase']], 0.99):.0f}"
        )
    answer, login, static_page = summaries
    ratio = answer["throughput_rps"] / login["throughput_rps"]
    print(
        f"\nreviews recorded during the answer phase: {recorded} "
        f"(answer requests without error: {answer['requests'] - answer['errors']})"
    )
    if answers.errors:
        print(f"answer errors (first 5): {answers.errors[:5]}")
    print(f"ratio answer / login-page throughput: {ratio:.2f} (target >= {TARGET_RATIO})")
    print(
        f"ratio answer / static throughput:     "
        f"{answer['throughput_rps'] / static_page['throughput_rps']:.2f}"
    )
    print(f"answer p99: {answer['p99_ms']:.1f} ms (target < {TARGET_P99_MS:g} ms)")
    verdict = ratio >= TARGET_RATIO and answer["p99_ms"] < TARGET_P99_MS
    print("targets met" if verdict else "TARGETS MISSED")
    if args.json:
        print(json.dumps({"phases": summaries, "ratio": ratio, "recorded": recorded}))


if __name__ == "__main__":
    main()

"""Answers under load, through crashes: kill -9 a gunicorn worker, then the whole
server, in the middle of the load; restart; check that every acknowledged answer is
stored exactly once and that no review is half-written.

Sets up a fresh database (SQLite in a temporary folder, or the PostgreSQL database
named by ``--database``, emptied first) with migrations, the bundled document's bank and
``--clients`` learners, each with a write API token; starts gunicorn (``gunicorn.conf.py``,
production's layout unless ``--workers``, ``--worker-class`` or ``--threads`` change it)
on 127.0.0.1;
then each client, in its own thread, loops for ``--seconds``: ``GET /api/v1/queue``,
``POST /api/v1/answers`` for the question it was given. An answer is **acknowledged**
when the server answered 201 (or 200: the same answer already recorded) with the
review's id. Connection errors while the server is
down are retried after 50 ms; they are counted, never acknowledged.

Timeline (fractions of ``--seconds``): steady load until 0.3 (throughput and latency
are taken from this part), ``kill -9`` of one worker at 0.3 (the master replaces it),
``kill -9`` of the master and every worker at 0.6, restart at once, load until the end.
``--no-faults`` runs the steady load only.

Then, with the server stopped, the checks:

- every acknowledged review id is in the database, once (``review.id`` is the key, and
  ``(card_id, card_version)`` is unique);
- no half-written review: each card's ``reps`` equals its number of reviews and its
  reviews' versions are exactly 0..reps-1;
- no 5xx answer during the whole run;
- SQLite: ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``; PostgreSQL: every
  foreign key of review and card resolves (the same checks as queries).

    python bench/faults.py [--database URL] [--clients 16] [--seconds 30] [--workers W]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quizapp.platform.serving import layout_from_environment  # noqa: E402

HOST = "127.0.0.1"
WRONG = "1 January 1990"


# --- setup -------------------------------------------------------------------------------


def empty_database(url: str) -> None:
    """Drop everything in a PostgreSQL database (the bench owns it)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def prepare(url: str, folder: Path, clients: int) -> list[str]:
    """Migrate, import the bundled bank, create the learners; return their tokens."""
    from flask_migrate import upgrade

    from quizapp import create_app
    from quizapp.accounts.tokens import create_token
    from quizapp.accounts.users import create_user
    from quizapp.cli import BUNDLED_DOCUMENT
    from quizapp.extensions import db
    from quizapp.sources.importer import build_bank_file, import_bank

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "faults setup"})
    now = datetime.now(UTC)
    with app.app_context():
        upgrade()
        bank = build_bank_file(BUNDLED_DOCUMENT, folder / "bank.yaml")
        import_bank(bank, now=now, document_text=BUNDLED_DOCUMENT.read_text())
        tokens = []
        for number in range(clients):
            user = create_user(f"fault{number}@example.org", "faults password 1")
            tokens.append(create_token(user, "faults", "write", now=now)[1])
        db.session.commit()
        db.engine.dispose()
    return tokens


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    handle = log.open("ab")
    server = subprocess.Popen(
        [str(gunicorn), "--config", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=handle,
        start_new_session=True,  # its own process group: kill -9 the whole server at once
    )
    try:
        _wait_until_healthy(server, int(env["QUIZAPP_BIND"].rsplit(":", 1)[1]), log)
    except BaseException:
        os.killpg(server.pid, signal.SIGKILL)  # never leave a server behind
        raise
    return server


def _wait_until_healthy(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}; see {log}")
        probe = http.client.HTTPConnection(HOST, port, timeout=1)
        try:
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.05)
        finally:
            probe.close()
    raise SystemExit("gunicorn did not become healthy within 30 s")


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


# --- clients -----------------------------------------------------------------------------


@dataclass
class Tally:
    acknowledged: set[int] = field(default_factory=set)
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (began, seconds)
    statuses: Counter[int] = field(default_factory=Counter)
    connection_errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def client_loop(port: int, token: str, deadline: float, tally: Tally) -> None:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    connection: http.client.HTTPConnection | None = None
    turn = 0
    while time.monotonic() < deadline:
        try:
            if connection is None:
                connection = http.client.HTTPConnection(HOST, port, timeout=10)
            connection.request("GET", "/api/v1/queue", headers=headers)
            response = connection.getresponse()
            queue = json.loads(response.read() or b"{}")
            if response.status != 200 or not queue.get("next"):
                with tally.lock:
                    tally.statuses[response.status] += 1
                time.sleep(0.05)
                continue
            item = queue["next"]
            turn += 1
            answer = WRONG if turn % 4 == 0 else _right_answer(item)
            body = json.dumps(
                {"question_id": item["id"], "card_version": item["card_version"], "answer": answer}
            )
            began = time.monotonic()
            connection.request("POST", "/api/v1/answers", body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            elapsed = time.monotonic() - began
            with tally.lock:
                tally.statuses[response.status] += 1
                if response.status in (200, 201):
                    tally.acknowledged.add(int(json.loads(data)["id"]))
                    tally.latencies.append((began, elapsed))
        except (OSError, http.client.HTTPException, json.JSONDecodeError):
            with tally.lock:
                tally.connection_errors += 1
            if connection is not None:
                connection.close()
            connection = None
            time.sleep(0.05)
    if connection is not None:
        connection.close()


def _right_answer(item: dict[str, Any]) -> str:
    """Any answer will do for the bench: the grade does not matter, only the write."""
    if item["kind"] == "order":
        return ",".join(str(entry["index"]) for entry in item["items"])
    if item["kind"] == "choice":
        return str(item["choices"][0])
    return "8 November 2020"


# --- checks ------------------------------------------------------------------------------


def check_database(url: str, acknowledged: set[int]) -> dict[str, Any]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:

        def scalar(sql: str) -> Any:
            return connection.execute(text(sql)).scalar()

        stored_ids = {row[0] for row in connection.execute(text("SELECT id FROM review"))}
        result: dict[str, Any] = {
            "reviews_stored": len(stored_ids),
            "acknowledged": len(acknowledged),
            "acknowledged_missing": len(acknowledged - stored_ids),
            "stored_not_acknowledged": len(stored_ids - acknowledged),
            "duplicate_card_versions": scalar(
                "SELECT count(*) FROM (SELECT card_id, card_version FROM review "
                "GROUP BY card_id, card_version HAVING count(*) > 1) d"
            ),
            "half_written_cards": scalar(
                "SELECT count(*) FROM card c LEFT JOIN (SELECT card_id, count(*) n, "
                "min(card_version) lo, max(card_version) hi FROM review GROUP BY card_id) r "
                "ON r.card_id = c.id WHERE coalesce(r.n, 0) != c.reps "
                "OR (c.reps > 0 AND (r.lo != 0 OR r.hi != c.reps - 1))"
            ),
            "orphan_reviews": scalar(
                "SELECT count(*) FROM review r LEFT JOIN card c ON c.id = r.card_id "
                "WHERE c.id IS NULL"
            ),
        }
        if engine.dialect.name == "sqlite":
            result["integrity_check"] = scalar("PRAGMA integrity_check")
            result["foreign_key_violations"] = len(
                connection.execute(text("PRAGMA foreign_key_check")).all()
            )
        else:
            result["integrity_check"] = "ok" if scalar("SELECT 1") == 1 else "failed"
            result["foreign_key_violations"] = scalar(
                'SELECT count(*) FROM card c LEFT JOIN "user" u ON u.id = c.user_id '
                "LEFT JOIN question q ON q.id = c.question_id WHERE u.id IS NULL OR q.id IS NULL"
            )
    engine.dispose()
    return result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0.0


# --- main --------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="a PostgreSQL URL (emptied!); default SQLite")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, help="gunicorn worker processes")
    parser.add_argument("--worker-class", choices=("sync", "gthread"), help="gunicorn worker class")
    parser.add_argument("--threads", type=int, help="threads per gthread worker")
    parser.add_argument("--no-faults", action="store_true", help="steady load only")
    parser.add_argument("--json", action="store_true", help="print the result as JSON too")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="quizapp-faults-") as tmp:
        folder = Path(tmp)
        url = args.database or f"sqlite:///{folder / 'quizapp.sqlite'}"
        if args.database:
            empty_database(url)
        kind = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"setting up {kind} (migrations, bundled bank, {args.clients} learners)...")
        tokens = prepare(url, folder, args.clients)
        port = free_port()
        env = {
            **os.environ,
            "QUIZAPP_DATABASE_URL": url,
            "QUIZAPP_SECRET_KEY": secrets.token_hex(16),
            "QUIZAPP_BIND": f"{HOST}:{port}",
            "QUIZAPP_API_RATE_LIMIT": "1000000",
            "QUIZAPP_LOG_LEVEL": "warning",
        }
        for name, value in (
            ("QUIZAPP_WORKERS", args.workers),
            ("QUIZAPP_WORKER_CLASS", args.worker_class),
            ("QUIZAPP_THREADS", args.threads),
        ):
            if value is not None:
                env[name] = str(value)
        layout = layout_from_environment(env, os.cpu_count() or 1)
        print(f"gunicorn: {layout.describe()}")
        log = folder / "server.log"
        server = start_server(env, log)
        tally = Tally()
        start = time.monotonic()
        deadline = start + args.seconds
        threads = [
            threading.Thread(target=client_loop, args=(port, token, deadline, tally))
            for token in tokens
        ]
        for thread in threads:
            thread.start()
        events: list[str] = []
        steady_end = start + args.seconds * (1.0 if args.no_faults else 0.3)
        downtime = 0.0
        try:
            if not args.no_faults:
                time.sleep(max(0.0, steady_end - time.monotonic()))
                victim = worker_pids(server.pid)[0]
                os.kill(victim, signal.SIGKILL)
                events.append(f"{time.monotonic() - start:.1f} s: kill -9 worker {victim}")
                time.sleep(max(0.0, start + args.seconds * 0.6 - time.monotonic()))
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
                killed = time.monotonic()
                events.append(f"{killed - start:.1f} s: kill -9 the master and every worker")
                server = start_server(env, log)
                downtime = time.monotonic() - killed
                events.append(
                    f"{time.monotonic() - start:.1f} s: restarted, healthy after {downtime:.1f} s"
                )
            for thread in threads:
                thread.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
        checks = check_database(url, tally.acknowledged)
        crashes = log.read_text().count("Traceback")

    steady = [seconds for began, seconds in tally.latencies if began < steady_end]
    steady_seconds = steady_end - start
    five_xx = sum(count for status, count in tally.statuses.items() if status >= 500)
    summary = {
        "database": kind,
        "clients": args.clients,
        "workers": layout.workers,
        "worker_class": layout.worker_class,
        "threads": layout.threads,
        "seconds": args.seconds,
        "steady_answers_per_s": round(len(steady) / steady_seconds, 1),
        "steady_p50_ms": round(percentile(steady, 0.5), 1),
        "steady_p99_ms": round(percentile(steady, 0.99), 1),
        "statuses": dict(sorted(tally.statuses.items())),
        "connection_errors": tally.connection_errors,
        "server_tracebacks": crashes,
        "restart_s": round(downtime, 2),
        **checks,
    }
    print("\n".join(events))
    for key, value in summary.items():
        print(f"  {key:<26} {value}")
    ok = (
        five_xx == 0
        and checks["acknowledged_missing"] == 0
        and checks["duplicate_card_versions"] == 0
        and checks["half_written_cards"] == 0
        and checks["orphan_reviews"] == 0
        and checks["integrity_check"] == "ok"
        and checks["foreign_key_violations"] == 0
    )
    print("\nevery acknowledged answer stored once, database intact" if ok else "\nFAILED")
    if args.json:
        print(json.dumps(summary))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""A short run of ``bench/faults.py``: learners answering through the API against
gunicorn while a worker and then the whole server are killed with ``kill -9``; every
acknowledged answer must be stored once, with no half-written review. On SQLite, or on
the PostgreSQL test database when ``QUIZAPP_TEST_DATABASE_URL`` names one (the run
empties it; the next test recreates the schema)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import conftest
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_answers_survive_killed_workers_and_a_killed_server() -> None:
    if not Path(sys.executable).with_name("gunicorn").exists():
        pytest.skip("gunicorn is not installed (pip install -e '.[server]')")
    database = os.environ.get("QUIZAPP_TEST_DATABASE_URL")
    command = [sys.executable, str(ROOT / "bench" / "faults.py"), "--seconds", "10"]
    command += ["--clients", "6", "--workers", "2", "--json"]
    if database:
        command += ["--database", database]
        conftest.schema_changed()
    completed = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    summary = json.loads(completed.stdout.strip().splitlines()[-1])
    assert summary["acknowledged"] > 20
    assert summary["acknowledged_missing"] == 0 and summary["half_written_cards"] == 0
    assert summary["integrity_check"] == "ok" and summary["server_tracebacks"] == 0
    assert not any(int(status) >= 500 for status in summary["statuses"])

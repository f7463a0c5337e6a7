"""gunicorn's layout (quizapp.platform.serving) and the settings gunicorn.conf.py gives it."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

import pytest

from quizapp.platform.serving import Layout, default_layout, layout_from_environment

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
POSTGRES = "postgresql+psycopg://quizapp@db/quizapp"


@pytest.mark.parametrize("url", ["", "sqlite:////srv/quizapp.sqlite", "sqlite:///relative.db"])
def test_sqlite_gets_one_single_threaded_gthread_worker_per_core(url: str) -> None:
    assert default_layout(url, 2) == Layout(workers=2, worker_class="gthread", threads=1)
    assert default_layout(url, 8).workers == 8


def test_postgresql_gets_two_sync_workers_per_core() -> None:
    assert default_layout(POSTGRES, 4) == Layout(workers=8, worker_class="sync", threads=2)


def test_a_machine_reporting_no_cores_still_gets_a_worker() -> None:
    assert default_layout("", 0).workers == 1


def test_the_environment_overrides_each_part_of_the_layout() -> None:
    environ = {"QUIZAPP_DATABASE_URL": POSTGRES, "QUIZAPP_WORKER_CLASS": "gthread"}
    assert layout_from_environment(environ, 2) == Layout(4, "gthread", 2)
    environ = {"QUIZAPP_WORKERS": "3", "QUIZAPP_THREADS": "4"}
    assert layout_from_environment(environ, 2) == Layout(3, "gthread", 4)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("QUIZAPP_WORKERS", "0"),
        ("QUIZAPP_WORKERS", "four"),
        ("QUIZAPP_THREADS", "-1"),
        ("QUIZAPP_WORKER_CLASS", "eventlet"),
    ],
)
def test_a_bad_setting_is_refused_by_name(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=name):
        layout_from_environment({name: value}, 2)


def test_gthread_workers_listen_on_a_socket_each_and_sync_workers_share_one() -> None:
    assert Layout(2, "gthread", 1).reuse_port
    assert not Layout(4, "sync", 2).reuse_port


def test_layouts_describe_themselves() -> None:
    assert Layout(2, "gthread", 1).describe() == (
        "2 gthread workers x 1 threads, a listening socket each"
    )
    assert Layout(4, "sync", 2).describe() == "4 sync workers"


def test_gunicorn_conf_takes_the_layout_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", POSTGRES)
    monkeypatch.setenv("QUIZAPP_WORKERS", "5")
    monkeypatch.delenv("QUIZAPP_WORKER_CLASS", raising=False)
    monkeypatch.delenv("QUIZAPP_THREADS", raising=False)
    settings = runpy.run_path(str(CONF))
    assert (settings["workers"], settings["worker_class"], settings["threads"]) == (5, "sync", 2)
    assert settings["reuse_port"] is False
    monkeypatch.delenv("QUIZAPP_DATABASE_URL")
    monkeypatch.delenv("QUIZAPP_WORKERS")
    settings = runpy.run_path(str(CONF))
    assert settings["worker_class"] == "gthread" and settings["threads"] == 1
    assert settings["reuse_port"] is True


def test_a_worker_freezes_what_the_app_loaded() -> None:
    settings = runpy.run_path(str(CONF))
    assert gc.get_freeze_count() == 0
    try:
        settings["post_worker_init"](object())
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()

"""bench/misses.py names the rule that left a gold fact without a question."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from question_bank.build import build_traced

BENCH = Path(__file__).resolve().parents[2] / "bench"

TEXT = (
    "Test Document\n\nSection\n\n"
    "Apollo 13 was launched on April 11, 1970 from the Kennedy Space Center in Florida. The "
    "turbine test at the plant was scheduled for 25 April 1986. The Humber Bridge was "
    "opened to traffic on 3 May 1950 by the mayor of Hull.\n"
)


@pytest.fixture(scope="module")
def misses() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("misses", BENCH / "misses.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["misses"] = module
    spec.loader.exec_module(module)
    return module


def _where(evidence: str) -> tuple[int, int]:
    start = TEXT.index(evidence)
    return (start, start + len(evidence))


def test_a_skipped_date_is_traced_to_its_skip_rule(misses: ModuleType) -> None:
    build = build_traced(TEXT, file="test.txt")
    where = _where("The turbine test at the plant was scheduled for 25 April 1986")
    cause, finding = misses.classify("1986-04-25", misses.findings(build, where, "1986-04-25"))
    assert cause == "skip:planned"
    assert "plan" in finding.detail


def test_an_asked_date_and_a_date_never_found(misses: ModuleType) -> None:
    build = build_traced(TEXT, file="test.txt")
    where = _where("Apollo 13 was launched on April 11, 1970")
    assert misses.classify("1970-04-11", misses.findings(build, where, "1970-04-11"))[0] == "asked"
    # the gold evidence holds no date: the year came from the sentence's other clause
    where = _where("by the mayor of Hull")
    assert misses.classify("1950-05-03", misses.findings(build, where, "1950-05-03")) == (
        "date not found",
        None,
    )

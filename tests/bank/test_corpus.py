"""bench/corpus.py lists every question whose year its evidence does not write."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from question_bank.build import build_bank

CORPUS = Path(__file__).resolve().parents[2] / "bench" / "corpus.py"


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus", CORPUS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus"] = module
    spec.loader.exec_module(module)
    return module


def test_a_year_the_evidence_does_not_write_is_listed_with_its_paragraph(
    corpus: ModuleType,
) -> None:
    bank = build_bank(
        "Test Document\n\nSection\n\n"
        "The Soviet offensive against the city began on 19 November 1942. On 23 November, "
        "the Soviet armies met at the town of Kalach and closed the ring.\n",
        file="test.txt",
    )
    (listed,) = corpus.inferred_years(bank)
    assert listed.date == "1942-11-23"
    assert listed.year == "1942"
    assert "Kalach" in listed.sentence
    assert corpus.written_years(listed.passage.text) == {"1942"}
    assert set(listed.kinds) <= {"date", "cloze", "choice", "order"}


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("the winter of 1805–06", {"1805", "1806"}),
        ("1,960 men and 2,783 horses", set()),
        ("from 1914 to 1917", {"1914", "1917"}),
    ],
)
def test_the_years_a_text_writes(corpus: ModuleType, text: str, years: set[str]) -> None:
    assert corpus.written_years(text) == years


def test_a_bc_year_is_read_without_its_sign(corpus: ModuleType) -> None:
    assert corpus.year_of("-0044-03-15") == "44"
    assert corpus.year_of("1942-08-23/1942-08-31") == "1942"

"""Every answer form of the development gold set is graded right for its fact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from quizapp.learning.scoring import grade_answer
from quizapp.models import Question

# A copy of shared/eval/dev_gold.yaml, kept with the benches so that this runs everywhere
GOLD = Path(__file__).resolve().parents[2] / "bench" / "dev_gold.yaml"


def gold_facts() -> list[dict[str, Any]]:
    return list(yaml.safe_load(GOLD.read_text(encoding="utf-8"))["gold"])


def conflict_dates(fact: dict[str, Any], facts: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The other documented dates: those of the facts this one conflicts with."""
    others = [facts[other] for other in fact.get("conflicts_with", []) if other in facts]
    return [
        {
            "date": str(o["date"]),
            "granularity": o["precision"],
            "passage": "p-0",
            "evidence": [0, 0],
        }
        for o in others
        if str(o["date"]) != str(fact["date"])
    ]


def gold_cases() -> list[Any]:
    facts = gold_facts()
    by_id = {fact["id"]: fact for fact in facts}
    cases = []
    for fact in facts:
        forms = list(fact.get("answer_forms", []))
        for form in forms:
            cases.append(
                pytest.param(
                    fact, str(form), conflict_dates(fact, by_id), id=f"{fact['id']}:{form}"
                )
            )
    return cases


@pytest.mark.parametrize(("fact", "form", "disputed"), gold_cases())
def test_gold_answer_form_is_right(
    fact: dict[str, Any], form: str, disputed: list[dict[str, Any]]
) -> None:
    # A year the evidence does not write came from the text around it (the bank marks
    # it ``inferred``): only then is a year-less answer ("April 5") fully right.
    year = str(fact["date"]).lstrip("-")[:4].lstrip("0")
    answer = {"date": str(fact["date"]), "granularity": fact["precision"], "text": ""}
    if year not in str(fact.get("evidence", "")):
        answer["inferred"] = True
    question = Question(
        kind="date",
        prompt=fact["question"],
        answer=answer,
        accept=[],
        choices=[],
        items=[],
        disputed=disputed,
    )
    grade = grade_answer(question, form, day_first=True, duration_ms=None)
    assert grade.correct, f"{form!r} for {fact['date']} graded {grade.score}: {grade.feedback}"


def test_gold_set_has_answer_forms() -> None:
    assert len(gold_cases()) >= 600, "the gold set has lost its answer forms"

"""Fuzzing the two parsers of learner input: the answer scorer and the date parser never
crash, whatever is typed, and always return a grade in range."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from conftest import DATA, SAMPLE_BANK
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from question_bank.dates import DateValue, parse_date_answer
from question_bank.datevalue import GRANULARITIES
from quizapp.learning.scoring import (
    MAX_ANSWER_LENGTH,
    AnswerTooLongError,
    UnreadableAnswerError,
    grade_answer,
)


def _questions(path: Path) -> list[Any]:
    bank = yaml.safe_load(path.read_text())
    return [
        SimpleNamespace(
            id=q["id"],
            kind=q["kind"],
            answer=q["answer"],
            accept=q.get("accept") or [],
            choices=q.get("choices") or [],
            items=q.get("items") or [],
            disputed=q.get("disputed") or [],
        )
        for q in bank["questions"]
    ]


# The sample bank, and one question of each era and granularity of the eras bank (a BC
# day with a disputed date, a range across the era boundary, an Old Style date, a
# decade, a century).
ERAS = {"q-8e45e5ba", "q-f9b85578", "q-3682e811", "q-e0000001", "q-e0000003"}
QUESTIONS = _questions(SAMPLE_BANK) + [
    question for question in _questions(DATA / "eras_bank.yaml") if question.id in ERAS
]
# Text that looks like dates, numbers and separators, so the parser's deep paths are hit,
# mixed with anything at all (control characters, other scripts, HTML, SQL).
DATE_PARTS = st.sampled_from(
    [
        "8",
        "08",
        "2020",
        "1990",
        "Nov",
        "November",
        "8th",
        "/",
        "-",
        "–",
        ".",
        ",",
        " ",
        "to",
        "and",
        "BC",
        "BCE",
        "B.C.",
        "AD",
        "44",
        "century",
        "3rd",
        "the",
        "O.S.",
        "c.",
        "0",
        "99999",
        "31",
        "2",
        "Feb",
        "29",
        "'20",
        "s",
        "<b>",
        "'; DROP TABLE review; --",
        "\x00",
        "\u202e",
        "٣",
        "𝟚𝟘𝟚𝟘",
    ]
)
DATE_LIKE = st.lists(DATE_PARTS, max_size=12).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=MAX_ANSWER_LENGTH), DATE_LIKE)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("question", QUESTIONS, ids=[f"{q.id}-{q.kind}" for q in QUESTIONS])
@FUZZ
@given(given=ANY_TEXT, day_first=st.booleans(), duration=st.none() | st.integers(0, 10**7))
def test_the_scorer_never_crashes(
    question: Any, given: str, day_first: bool, duration: int | None
) -> None:
    try:
        grade = grade_answer(question, given, day_first=day_first, duration_ms=duration)
    except UnreadableAnswerError as refused:
        # Not graded: an empty or unreadable answer is refused with the forms read.
        assert "day month year" in str(refused)
        return
    assert 0.0 <= grade.score <= 1.0
    assert grade.rating in (1, 2, 3, 4)


@given(given=st.text(min_size=MAX_ANSWER_LENGTH + 1, max_size=MAX_ANSWER_LENGTH + 50))
@settings(max_examples=20, deadline=None)
def test_too_long_answers_are_refused_not_graded(given: str) -> None:
    with pytest.raises(AnswerTooLongError):
        grade_answer(QUESTIONS[0], given, day_first=True, duration_ms=None)


REFERENCES = [
    None,
    DateValue("2020-11-08", "day"),
    DateValue("2016", "year"),
    DateValue("-0044-03-15", "day"),
    DateValue("-0027/0014", "range"),
    DateValue("1990/1999", "decade"),
]


@FUZZ
@given(text=ANY_TEXT, day_first=st.booleans(), reference=st.sampled_from(REFERENCES))
def test_the_date_parser_never_crashes(
    text: str, day_first: bool, reference: DateValue | None
) -> None:
    value = parse_date_answer(text, day_first=day_first, reference=reference)
    assert value is None or value.granularity in GRANULARITIES

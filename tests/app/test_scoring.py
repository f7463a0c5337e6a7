"""Grading tables: one answer, many spellings; partial credit; ranges; disputes."""

from __future__ import annotations

from typing import Any

import pytest
from fsrs import Rating

from quizapp.learning.scoring import MAX_ANSWER_LENGTH, AnswerTooLongError, grade_answer, rating_for
from quizapp.models import Question


def question(
    kind: str = "date", date: str = "2020-11-08", granularity: str = "day", **fields: Any
) -> Question:
    answer = {"date": date, "granularity": granularity, "text": fields.pop("text", date)}
    return Question(
        kind=kind,
        answer=answer,
        accept=fields.pop("accept", []),
        choices=fields.pop("choices", []),
        items=fields.pop("items", []),
        disputed=fields.pop("disputed", []),
        **fields,
    )


def grade(q: Question, given: str, *, day_first: bool = True, duration_ms: int | None = 20000):
    return grade_answer(q, given, day_first=day_first, duration_ms=duration_ms)


@pytest.mark.parametrize(
    "given",
    [
        "8 Nov 2020",
        "November 8th, 2020",
        "2020-11-08",
        "08/11/2020",
        "8 November 2020",
        "  november 8, 2020 ",
        "November 8",
    ],
)
def test_one_day_many_spellings(given: str) -> None:
    result = grade(question(), given)
    assert (result.score, result.correct, result.rating) == (1.0, True, int(Rating.Good))


def test_numeric_dates_follow_the_learners_date_order() -> None:
    assert grade(question(), "11/08/2020", day_first=False).correct
    assert not grade(question(), "11/08/2020", day_first=True).correct


@pytest.mark.parametrize(
    ("given", "score", "rating"),
    [
        ("November 2020", 0.5, Rating.Hard),
        ("9 November 2020", 0.5, Rating.Hard),
        ("2020", 0.25, Rating.Hard),
        ("8 October 2020", 0.25, Rating.Hard),
        ("8 November 2019", 0.0, Rating.Again),
        ("not a date", 0.0, Rating.Again),
        ("", 0.0, Rating.Again),
    ],
)
def test_partial_credit_when_a_day_was_asked(given: str, score: float, rating: Rating) -> None:
    result = grade(question(), given)
    assert (result.score, result.rating) == (score, int(rating))
    assert result.partial == (0 < score < 1)


@pytest.mark.parametrize(
    ("given", "score"),
    [
        ("27 September to 10 November 2020", 1.0),
        ("2020-09-27/2020-11-10", 1.0),
        ("27 September to 11 November 2020", 0.5),
        ("27 September 2020", 0.5),
        ("1 October to 11 November 2020", 0.0),
    ],
)
def test_a_range_is_right_when_both_ends_are(given: str, score: float) -> None:
    q = question(kind="cloze", date="2020-09-27/2020-11-10", granularity="range")
    assert grade(q, given).score == score


@pytest.mark.parametrize(
    ("date", "granularity", "given", "score"),
    [
        ("2020-10", "month", "October 2020", 1.0),
        ("2020-10", "month", "2020", 0.25),
        ("2020-10", "month", "May 2020", 0.25),
        ("1993", "year", "1993", 1.0),
        ("1993", "year", "1994", 0.0),
    ],
)
def test_month_and_year_questions(date: str, granularity: str, given: str, score: float) -> None:
    assert grade(question(date=date, granularity=granularity), given).score == score


def test_a_disputed_question_accepts_either_documented_date() -> None:
    q = question(
        date="2020-11-10",
        disputed=[
            {"date": "2020-11-09", "granularity": "day", "passage": "p-1", "evidence": [0, 1]}
        ],
    )
    assert grade(q, "10 November 2020").correct
    other = grade(q, "9 November 2020")
    assert other.correct and "also gives" in other.feedback
    assert "also gives November 9, 2020" in other.expected_display
    assert grade(q, "8 November 2020").score == 0.5


def test_accept_entries_match_after_normalisation() -> None:
    q = question(accept=["the day Shusha fell"])
    assert grade(q, "  The Day SHUSHA fell. ").correct


@pytest.mark.parametrize(
    ("given", "score"),
    [("October 2020", 1.0), ("2", 1.0), ("November 2020", 0.0), ("4", 0.0), ("1 Oct 2020", 1.0)],
)
def test_choice(given: str, score: float) -> None:
    q = question(
        kind="choice",
        date="2020-10",
        granularity="month",
        text="October 2020",
        choices=["September 2020", "October 2020", "November 2020", "December 2019"],
    )
    assert grade(q, given).score == score


ITEMS = [
    {"text": name, "date": "2020", "granularity": "year", "passage": "p", "evidence": [0, 1]}
    for name in ("A", "B", "C", "D")
]


@pytest.mark.parametrize(
    ("given", "score"),
    [
        ("1,0,2,3", 1.0),
        ("0,1,2,3", 0.5),
        ("3,2,1,0", 0.0),
        ("1,0,2", 0.0),
        ("1,1,2,3", 0.0),
        ("x", 0.0),
    ],
)
def test_order(given: str, score: float) -> None:
    q = Question(
        kind="order",
        answer={"order": [1, 0, 2, 3]},
        items=ITEMS,
        accept=[],
        choices=[],
        disputed=[],
    )
    result = grade(q, given)
    assert result.score == score
    assert result.expected_display == "B → A → C → D"


def test_quick_right_answers_are_easy() -> None:
    assert grade(question(), "8 Nov 2020", duration_ms=3000).rating == int(Rating.Easy)
    assert grade(question(), "8 Nov 2020", duration_ms=None).rating == int(Rating.Good)
    assert grade(question(), "Nov 2020", duration_ms=3000).rating == int(Rating.Hard)


def test_rating_for_thresholds_scale_by_kind() -> None:
    assert rating_for(1.0, kind="order", duration_ms=12000) == Rating.Easy
    assert rating_for(1.0, kind="choice", duration_ms=6000) == Rating.Good


def test_hostile_answers() -> None:
    with pytest.raises(AnswerTooLongError, match="limit is 500"):
        grade(question(), "8" * (MAX_ANSWER_LENGTH + 1))
    assert grade(question(), "8 Nov\x00 2020\u200b").correct
    assert grade(question(), "<script>alert(1)</script>").score == 0

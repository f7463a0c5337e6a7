"""Grading: one table of cases (spellings, the year needed, partial credit and the pass
mark, ranges, answers not graded), then disputes, choices and order questions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fsrs import Rating

from quizapp.learning.scoring import (
    ACCEPTED_FORMS,
    MAX_ANSWER_LENGTH,
    PARTIAL,
    PASS_MARK,
    AnswerTooLongError,
    UnreadableAnswerError,
    grade_answer,
    rating_for,
)
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


# One table of grading cases: (question, answer, score, rating, what the feedback says).
# NOT GRADED: the answer is refused with UnreadableAnswerError, nothing is recorded.
DAY = {"date": "2020-11-08", "granularity": "day"}
INFERRED = {"date": "2020-11-08", "granularity": "day", "inferred": True}
MONTH = {"date": "2020-10", "granularity": "month"}
YEAR = {"date": "1993", "granularity": "year"}
RANGE = {"kind": "cloze", "date": "2020-09-27/2020-11-10", "granularity": "range"}
BC_DAY = {"date": "-0044-03-15", "granularity": "day"}
DECADE = {"date": "1990/1999", "granularity": "decade"}
NOT_GRADED = "not graded"
AGAIN, HARD, GOOD = Rating.Again, Rating.Hard, Rating.Good
CASES: list[tuple[str, dict[str, Any], str, float | str, Rating | None, str]] = [
    # A day: every spelling of the right day is right.
    ("day, words", DAY, "8 Nov 2020", 1.0, GOOD, "Right"),
    ("day, month first", DAY, "November 8th, 2020", 1.0, GOOD, "Right"),
    ("day, ISO", DAY, "2020-11-08", 1.0, GOOD, "Right"),
    ("day, numeric day first", DAY, "08/11/2020", 1.0, GOOD, "Right"),
    ("day, spaces and case", DAY, "  november 8, 2020 ", 1.0, GOOD, "Right"),
    # The year is needed when asked: partial at most, and said so.
    ("day without its year", DAY, "November 8", 0.5, HARD, "asks for the year too"),
    ("day without year, wrong", DAY, "9 November", 0.0, AGAIN, "asks for the year too"),
    ("BC day without its year", BC_DAY, "15 March", 0.5, HARD, "asks for the year too"),
    ("BC day with its year", BC_DAY, "15 March 44 BC", 1.0, GOOD, "Right"),
    # ...unless the document itself gave no year at the date.
    ("inferred year not needed", INFERRED, "November 8", 1.0, GOOD, "Right"),
    # The right month of a day passes (Hard); the right year alone does not.
    ("day, right month", DAY, "November 2020", 0.5, HARD, "asks for the day"),
    ("day, other day of the month", DAY, "9 November 2020", 0.5, HARD, "Right month"),
    ("day, only the year", DAY, "2020", 0.0, AGAIN, "Right year only"),
    ("day, other month of the year", DAY, "8 October 2020", 0.0, AGAIN, "Right year only"),
    ("day, other year", DAY, "8 November 2019", 0.0, AGAIN, "Wrong date"),
    # A month, a year.
    ("month", MONTH, "October 2020", 1.0, GOOD, "Right"),
    ("month, a day inside it", MONTH, "12 October 2020", 1.0, GOOD, "Right"),
    ("month, only the year", MONTH, "2020", 0.0, AGAIN, "Right year only"),
    ("month, other month", MONTH, "May 2020", 0.0, AGAIN, "Right year only"),
    ("year", YEAR, "1993", 1.0, GOOD, "Right"),
    ("year, other year", YEAR, "1994", 0.0, AGAIN, "Wrong"),
    # A range: both ends; one end is partial.
    ("range", RANGE, "27 September to 10 November 2020", 1.0, GOOD, "both ends"),
    ("range, ISO", RANGE, "2020-09-27/2020-11-10", 1.0, GOOD, "both ends"),
    ("range, one end wrong", RANGE, "27 September to 11 November 2020", 0.5, HARD, "One end"),
    ("range, one end alone", RANGE, "27 September 2020", 0.5, HARD, "One end"),
    ("range, both wrong", RANGE, "1 October to 11 November 2020", 0.0, AGAIN, "Wrong range"),
    ("range without the year", RANGE, "27 September to 10 November", 0.5, HARD, "year too"),
    # A decade: itself, or a date inside it (partial).
    ("decade", DECADE, "the 1990s", 1.0, GOOD, "Right"),
    ("decade, a year inside", DECADE, "1995", 0.5, HARD, "right decade"),
    # Not graded: empty, unreadable.
    ("empty", DAY, "", NOT_GRADED, None, "No answer was given"),
    ("unreadable numeric", DAY, "22/12/89", NOT_GRADED, None, '"22/12/89" could not be read'),
    ("not a date", DAY, "not a date", NOT_GRADED, None, "could not be read"),
    ("markup", DAY, "<script>alert(1)</script>", NOT_GRADED, None, "could not be read"),
]


@pytest.mark.parametrize(
    ("fields", "given", "score", "rating", "says"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_grading(
    fields: dict[str, Any], given: str, score: float | str, rating: Rating | None, says: str
) -> None:
    fields = dict(fields)
    q = question(
        kind=fields.pop("kind", "date"),
        date=fields.pop("date"),
        granularity=fields.pop("granularity"),
    )
    q.answer.update(fields)
    if score == NOT_GRADED:
        with pytest.raises(UnreadableAnswerError, match=re.escape(says)) as refused:
            grade(q, given)
        # The accepted forms are shown, as shapes: never a date that could be an answer.
        assert "day month year" in str(refused.value)
        return
    result = grade(q, given)
    assert (result.score, result.rating) == (score, int(rating or 0))
    assert result.partial == (0 < float(score) < 1)
    assert says in result.feedback


def test_every_partial_score_passes_and_less_is_again() -> None:
    assert PASS_MARK == PARTIAL == 0.5
    assert rating_for(PARTIAL, kind="date", duration_ms=None) == Rating.Hard
    assert rating_for(PARTIAL - 0.01, kind="date", duration_ms=None) == Rating.Again


def test_numeric_dates_follow_the_learners_date_order() -> None:
    assert grade(question(), "11/08/2020", day_first=False).correct
    assert not grade(question(), "11/08/2020", day_first=True).correct


def test_the_accepted_forms_name_no_date_a_question_could_ask() -> None:
    from question_bank import parse_date_answer

    for form in ACCEPTED_FORMS:
        assert parse_date_answer(form) is None, form
        assert not re.search(r"\d{3}", form), form


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
    [
        ("October 2020", 1.0),
        ("2", 1.0),
        ("November 2020", 0.0),
        ("4", 0.0),
        ("1 Oct 2020", 1.0),
        ("2020", 0.0),
    ],
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


def test_rating_follows_recall_not_speed_for_a_choice() -> None:
    assert rating_for(1.0, kind="order", duration_ms=12000) == Rating.Easy
    # Recognising an option is not free recall: a quick right choice is Good.
    assert rating_for(1.0, kind="choice", duration_ms=500) == Rating.Good


def test_hostile_answers() -> None:
    with pytest.raises(AnswerTooLongError, match="limit is 500"):
        grade(question(), "8" * (MAX_ANSWER_LENGTH + 1))
    assert grade(question(), "8 Nov\x00 2020\u200b").correct


def test_the_hint_s_example_is_no_date_of_any_source_the_learner_studies(
    app, imported: int
) -> None:
    from conftest import DATA, NOW

    from question_bank.bank import load_bank
    from quizapp.extensions import db
    from quizapp.learning.hints import answer_hint
    from quizapp.sources.importer import import_bank

    with app.app_context():
        eras = import_bank(load_bank(DATA / "eras_bank.yaml"), now=NOW).source_id
        db.session.commit()
        shusha = db.session.scalars(
            db.select(Question).where(Question.bank_id == "q-0000b001")
        ).one()
        assert "June 21, 1999" in (answer_hint(shusha) or "")
        # The eras document asks about the 1990s: its learners get another example.
        hint = answer_hint(shusha, also=[eras]) or ""
        assert "1999" not in hint and "May 3, 1985" in hint


def test_a_year_the_question_names_is_not_asked_again() -> None:
    named = question(prompt="On what date in 2020 did Shusha fall?")
    assert grade(named, "8 November").correct
    assert grade(question(prompt="On what date did Shusha fall?"), "8 November").score == 0.5

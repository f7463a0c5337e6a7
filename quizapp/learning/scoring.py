"""Objective, date-aware grading of a learner's answer, and its FSRS rating.

Rules:

- Dates are read with :func:`question_bank.parse_date_answer`, the one date parser
  of the project, so "8 Nov 2020", "November 8th, 2020", "2020-11-08" and (for a learner
  who reads numeric dates day first) "08/11/2020" are the same answer, and so are "44
  BC", "44 BCE", "44 B.C." and "in 44 BC".
- **The year is needed when it is asked.** An answer that gives no year ("12 April" for
  12 April 2020) is read in the year asked, and scores :data:`PARTIAL` at most when it is
  otherwise right ("right day and month, but the question asks for the year too"), 0
  otherwise. Only where the document itself gave no year at the date (``answer.inferred``)
  or the question names the year ("On what date in 2025 ...") is a year-less answer
  fully right.
- **Not graded**: an empty answer, and one that cannot be read as a date (nor matches an
  accepted answer or an option), raise :class:`UnreadableAnswerError`: nothing is
  recorded, and the page says what it could not read and the forms it reads.
- Dates are compared as time (:class:`question_bank.DateValue`), never as text: an
  answer whose days all fall within the asked date is right, so one that also names a
  day when only the month was asked is right too.
- Partial credit when a day was asked: the right month scores 0.5; the right year alone
  earns nothing (any date of the year would), nor does it when a month was asked.
- A range is right when both ends are; one right end scores 0.5.
- A decade or a century is right when the answer names it ("the 1990s", "1990s",
  "the third century BC") or its exact years ("1990-1999"); a date inside it ("1995")
  scores 0.5, since the document gives no such date; a wider or other period scores 0.
- The answer's other written form (``answer.also``: the Old Style date of a date given
  in both calendars) is right too, and so is any date the document gives for the event
  of a disputed question.
- ``accept`` entries of the bank match after case, accent and whitespace normalisation.
- Choice: the chosen option (its text or its 1-based number) is right or wrong, with
  no partial credit; a typed answer that is not an option is graded as a date.
- Order: the exact order is right; when at least half of the learner's neighbouring
  pairs are in chronological order the answer is partial (0.5).
- Rating, from recall: below the pass mark (:data:`PASS_MARK`, 0.5: less than the right
  month for a day, one end of a range, the decade of a date) → Again; at the pass mark
  and partial → Hard; right → Good; right and quick (under :data:`QUICK_MS` for the kind)
  → Easy for typed answers and order questions. A right choice is Good however quick:
  recognising an option is not free recall.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Protocol

from fsrs import Rating

from question_bank import DateValue, parse_date_answer
from quizapp.models import MAX_ANSWER_LENGTH
from quizapp.sources.dates import also_text, date_text, date_value, expected_text

__all__ = [
    "MAX_ANSWER_LENGTH",
    "MAX_DURATION_MS",
    "QUICK_MS",
    "ACCEPTED_FORMS",
    "PARTIAL",
    "PASS_MARK",
    "AnswerTooLongError",
    "Grade",
    "UnreadableAnswerError",
    "grade_answer",
    "rating_for",
]

# The longest time an answer can take (ms): longer is no measurement of recall.
MAX_DURATION_MS = 60 * 60 * 1000
QUICK_MS = {"date": 8000, "cloze": 8000, "order": 15000}
# Every partial credit: the right month of a day, one end of a range, a date inside the
# asked decade or century, a year-less answer otherwise right, half of an order.
PARTIAL = 0.5
# The least score that counts as remembered (Hard); below it the rating is Again.
PASS_MARK = PARTIAL
# What the parser reads, as shapes: never a date, so never an answer.
ACCEPTED_FORMS = (
    "day month year",
    "month day, year",
    "year-month-day",
    "day/month/year or month/day/year, as chosen in Settings",
    "a year alone, and BC years with BC, BCE or B.C. after them",
    "ranges as 'from ... to ...'",
    "decades and centuries in words (the ...s, the ...th century)",
)
_SPACE = re.compile(r"\s+")
_EDGE_PUNCTUATION = ".,;:!?\"'“”‘’()[] "


class GradableQuestion(Protocol):
    """What grading needs of a question (the ``Question`` model provides it)."""

    kind: str
    answer: dict[str, Any]
    accept: list[str]
    choices: list[str]
    items: list[dict[str, Any]]
    disputed: list[dict[str, Any]]


class AnswerTooLongError(ValueError):
    """The answer is longer than :data:`MAX_ANSWER_LENGTH` characters."""


class UnreadableAnswerError(ValueError):
    """The answer is empty or cannot be read: it is not graded. The message says what
    could not be read and the forms that are read (:data:`ACCEPTED_FORMS`)."""


@dataclass(frozen=True)
class Grade:
    """The outcome of grading one answer.

    Attributes:
        score: 0, a partial score (:data:`PARTIAL`), or 1.
        correct: the answer is fully right.
        partial: the answer earns partial credit.
        rating: the FSRS rating the score maps to (1 Again .. 4 Easy).
        expected_display: the right answer, as the learner should read it.
        given_display: how the answer was understood.
        feedback: one sentence saying why the score is what it is.
    """

    score: float
    correct: bool
    partial: bool
    rating: int
    expected_display: str
    given_display: str
    feedback: str


def rating_for(score: float, *, kind: str, duration_ms: int | None) -> Rating:
    """The FSRS rating a score earns: Again below :data:`PASS_MARK`, Hard when partial,
    Good when right, Easy when right and quick (never for a choice)."""
    if score < PASS_MARK:
        return Rating.Again
    if score < 1:
        return Rating.Hard
    quick = QUICK_MS.get(kind)
    if quick is not None and duration_ms is not None and 0 <= duration_ms < quick:
        return Rating.Easy
    return Rating.Good


def grade_answer(
    question: GradableQuestion, given: str, *, day_first: bool, duration_ms: int | None
) -> Grade:
    """Grade ``given`` against ``question``.

    Args:
        question: the question answered.
        given: the learner's answer as typed; for an ``order`` question the item indices
            in the learner's order, earliest first, separated by commas ("2,0,1").
        day_first: read ambiguous numeric dates such as 08/11/2020 day first.
        duration_ms: how long the learner took, or None when unknown.

    Returns:
        The grade, with its rating and explanations.

    Raises:
        AnswerTooLongError: the answer is over :data:`MAX_ANSWER_LENGTH` characters.
        UnreadableAnswerError: the answer is empty, or a typed date that cannot be read.
    """
    if len(given) > MAX_ANSWER_LENGTH:
        raise AnswerTooLongError(
            f"Your answer is {len(given)} characters long; the limit is {MAX_ANSWER_LENGTH}."
        )
    given = _clean(given)
    if question.kind == "order":
        score, given_display, feedback = _grade_order(question, given)
        expected_display = " → ".join(
            question.items[index]["text"] for index in question.answer.get("order", [])
        )
    elif question.kind == "choice":
        score, given_display, feedback = _grade_choice(question, given, day_first=day_first)
        expected_display = expected_text(question.answer, question.disputed)
    else:
        score, given_display, feedback = _grade_date(question, given, day_first=day_first)
        expected_display = expected_text(question.answer, question.disputed)
    rating = rating_for(score, kind=question.kind, duration_ms=duration_ms)
    return Grade(
        score=score,
        correct=score >= 1,
        partial=0 < score < 1,
        rating=int(rating),
        expected_display=expected_display,
        given_display=given_display,
        feedback=feedback,
    )


# --- dates -------------------------------------------------------------------------


def _grade_date(
    question: GradableQuestion, given: str, *, day_first: bool
) -> tuple[float, str, str]:
    if not given:
        raise UnreadableAnswerError(f"No answer was given. {_forms()}")
    if _matches_accepted(question, given):
        return 1.0, given, "Right."
    right = _right_dates(question)
    yearless = _year_missing(question, given, day_first=day_first)
    best: tuple[float, str, DateValue] | None = None
    for candidate, note in right:
        # "15 March" answers a question about 15 March 44 BC: read in each right date's year.
        parsed = parse_date_answer(given, day_first=day_first, reference=candidate)
        if parsed is None:
            continue
        score, feedback = _compare_dates(candidate, parsed)
        if yearless:
            score, feedback = _without_year(score)
        if best is None or score > best[0]:
            best = (score, note if note and score >= 1 else feedback, parsed)
        if score >= 1:
            break
    if best is None:
        raise UnreadableAnswerError(f'"{given}" could not be read as a date. {_forms()}')
    score, feedback, parsed = best
    return score, parsed.display(), feedback


def _right_dates(question: GradableQuestion) -> list[tuple[DateValue, str | None]]:
    """The answer first, then its other written form and the document's other dates,
    each with what to tell a learner who gave it (None: what the comparison says)."""
    answer = date_value(question.answer)
    if answer is None:
        raise ValueError(f"the question has no valid answer date: {question.answer!r}")
    right: list[tuple[DateValue, str | None]] = [(answer, None)]
    also = date_value(question.answer.get("also"))
    if also is not None:
        written = date_text(question.answer["also"])
        right.append((also, f"Right: the document also writes this date as {written}."))
    for other in question.disputed:
        value = date_value(other)
        if value is not None:
            right.append((value, "Right: the document also gives this date for the same event."))
    return right


def _forms() -> str:
    return "Write a date as: " + "; ".join(ACCEPTED_FORMS) + "."


def _year_missing(question: GradableQuestion, given: str, *, day_first: bool) -> bool:
    """The question asks a year the answer does not give: "12 April" is read only in the
    year asked. Not asked: a date the document wrote without its year (``inferred``),
    and a year the question itself names ("On what date in 2025 ...")."""
    if question.answer.get("inferred"):
        return False
    if parse_date_answer(given, day_first=day_first) is not None:
        return False
    year = str(question.answer.get("date", "")).lstrip("-")[:4].lstrip("0")
    prompt = str(getattr(question, "prompt", "") or "")
    return not (year and re.search(rf"(?<!\d){year}(?!\d)", prompt))


def _without_year(score: float) -> tuple[float, str]:
    if score >= 1:
        return PARTIAL, "Right day and month, but the question asks for the year too."
    return 0.0, "Wrong, and the question asks for the year too."


def _within(inner: DateValue, outer: DateValue) -> bool:
    """Every day of ``inner`` is a day of ``outer``: "November 8, 2020" is within
    November 2020, "1995" within the 1990s; "2020" is not within November 2020."""
    (inner_first, inner_last), (outer_first, outer_last) = inner.bounds(), outer.bounds()
    return outer_first <= inner_first and inner_last <= outer_last


def _compare_dates(expected: DateValue, given: DateValue) -> tuple[float, str]:
    if expected.granularity in _PERIODS:
        return _compare_periods(expected, given)
    if expected.spans:
        return _compare_ranges(expected, given)
    if given.spans:
        return 0.0, f"A single date was asked, not {_PERIODS.get(given.granularity, 'a range')}."
    if _within(given, expected):
        return 1.0, "Right."
    wanted, got = expected.sort_key(), given.sort_key()
    if expected.granularity == "day" and got[:2] == wanted[:2]:
        if given.granularity == "month":
            return PARTIAL, "Right month, but the question asks for the day."
        return PARTIAL, "Right month, wrong day."
    if expected.granularity in ("day", "month") and got[0] == wanted[0]:
        unit = expected.granularity
        return 0.0, f"Right year only: the question asks for the {unit}."
    return 0.0, "Wrong date."


_PERIODS = {"decade": "a decade", "century": "a century"}


def _compare_periods(expected: DateValue, given: DateValue) -> tuple[float, str]:
    """A decade or a century is right when the answer covers exactly its years ("the
    1990s", "1990s", "1990-1999"); a date inside it ("1995") earns :data:`PARTIAL`."""
    unit = expected.granularity
    if given.bounds() == expected.bounds():
        return 1.0, "Right."
    if _within(given, expected):
        return PARTIAL, f"In the right {unit}, but the question asks for the {unit}."
    if _within(expected, given):
        return 0.0, f"Too broad: the question asks for the {unit}."
    return 0.0, f"Wrong {unit}."


def _compare_ranges(expected: DateValue, given: DateValue) -> tuple[float, str]:
    first, last = expected.start_date, expected.end_date
    if not given.spans:
        if _within(given, first) or _within(given, last):
            return PARTIAL, "One end of the range; the question asks for both."
        return 0.0, "Wrong: the question asks for a range."
    right_start = _within(given.start_date, first)
    right_end = _within(given.end_date, last)
    if right_start and right_end:
        return 1.0, "Right: both ends of the range."
    if right_start or right_end:
        return PARTIAL, "One end of the range is right, the other is not."
    return 0.0, "Wrong range."


# --- choice and order --------------------------------------------------------------


def _grade_choice(
    question: GradableQuestion, given: str, *, day_first: bool
) -> tuple[float, str, str]:
    choices = list(question.choices)
    chosen: str | None = None
    if given in choices:
        chosen = given
    # isdigit() is also true of "¹" and "٣", which int() refuses or reads otherwise.
    elif given.isascii() and given.isdigit() and 1 <= int(given) <= len(choices):
        chosen = choices[int(given) - 1]
    if chosen is None:
        # Not one of the options: grade it as a typed date.
        return _grade_date(question, given, day_first=day_first)
    right = [question.answer.get("text", ""), also_text(question.answer) or ""]
    if _normalise(chosen) in {_normalise(text) for text in right if text}:
        return 1.0, chosen, "Right."
    return 0.0, chosen, "Wrong choice."


def _grade_order(question: GradableQuestion, given: str) -> tuple[float, str, str]:
    items = question.items
    right = [int(index) for index in question.answer.get("order", [])]
    try:
        order = [int(part) for part in given.split(",") if part.strip()]
    except ValueError:
        return 0.0, given, "The order could not be read."
    if sorted(order) != list(range(len(items))):
        return 0.0, given, "Put every event in a different position."
    given_display = " → ".join(items[index]["text"] for index in order)
    if order == right:
        return 1.0, given_display, "Right: the exact chronological order."
    rank = {index: position for position, index in enumerate(right)}
    pairs = list(zip(order, order[1:], strict=False))
    in_order = sum(1 for first, second in pairs if rank[first] < rank[second])
    if pairs and in_order * 2 >= len(pairs):
        return (
            PARTIAL,
            given_display,
            f"{in_order} of {len(pairs)} neighbouring pairs are in the right order.",
        )
    return 0.0, given_display, "Wrong order."


# --- text --------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch)[0] != "C")
    return _SPACE.sub(" ", text).strip()


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", bare).strip(_EDGE_PUNCTUATION).casefold()


def _matches_accepted(question: GradableQuestion, given: str) -> bool:
    wanted = _normalise(given)
    return any(wanted == _normalise(option) for option in question.accept if option.strip())

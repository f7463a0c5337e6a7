"""The hint above a typed answer: what the answer must give, with an example of each era.

"Give the year (for example 1999, or 123 BC)": a learner sees how to write a date of our
era and a BC one, so the hint never tells which era the answer is in, and an example is
never a date of the document, nor of any other source the learner studies, so it never
gives an answer away (in the daily quiz or in an assignment).
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select

from question_bank import DateValue
from quizapp.extensions import db
from quizapp.models import Question, Source
from quizapp.sources.dates import Bounds, date_value

__all__ = ["ANSWER_FORMS", "answer_hint"]


def _examples(*values: str) -> tuple[DateValue, ...]:
    return tuple(DateValue.parse_iso(value) for value in values)


# What to give, then examples of our era and BC, the first not taken by the document shown.
Examples = tuple[str, tuple[DateValue, ...], tuple[DateValue, ...]]
ANSWER_FORMS: dict[tuple[str, ...], Examples] = {
    ("day",): (
        "the day, month and year",
        _examples("1999-06-21", "1985-05-03", "1961-10-09"),
        _examples("-0123-04-09", "-0207-06-22", "-0350-10-14"),
    ),
    ("month",): (
        "the month and year",
        _examples("1999-06", "1985-05", "1961-10"),
        _examples("-0123-04", "-0207-06", "-0350-10"),
    ),
    ("year",): (
        "the year",
        _examples("1999", "1985", "1961"),
        _examples("-0123", "-0207", "-0350"),
    ),
    ("range", "day"): (
        "the first and last day",
        _examples("1999-06-21/1999-07-04", "1985-05-03/1985-05-06", "1961-10-09/1961-10-12"),
        _examples("-0123-04-09/-0123-04-12", "-0207-06-22/-0207-07-02", "-0350-10-14/-0350-10-16"),
    ),
    ("range", "month"): (
        "the first and last month",
        _examples("1999-06/1999-09", "1985-05/1985-11", "1961-10/1962-02"),
        _examples("-0123-04/-0123-08", "-0207-06/-0207-09", "-0350-03/-0350-10"),
    ),
    ("range", "year"): (
        "the first and last year",
        _examples("1991/1994", "1961/1965", "1805/1809"),
        _examples("-0123/-0118", "-0207/-0201", "-0350/-0341"),
    ),
    # Ends of different units, as the text gives them: "July 100 BC – March 15, 44 BC".
    ("range", "mixed"): (
        "the start and the end",
        _examples("1985-05/1985-06-21", "1961-10/1962-02-03", "1805-04/1809-05-06"),
        _examples("-0123-04/-0118-06-21", "-0207-06/-0201-02-03", "-0350-03/-0341-05-06"),
    ),
    ("decade",): (
        "the decade",
        tuple(DateValue.decade(year) for year in (1960, 1880, 1720)),
        tuple(DateValue.decade(year) for year in (-69, -219, -499)),
    ),
    ("century",): (
        "the century",
        tuple(DateValue.century(number) for number in (12, 18, 15)),
        tuple(DateValue.century(number, bc=True) for number in (3, 5, 7)),
    ),
}


def answer_hint(question: Question, *, also: Iterable[int] = ()) -> str | None:
    """What a typed date answer must give, in words, with an example of each era:
    "the year (for example 1999, or 123 BC)". None for choice and order questions.

    An example is never a date of the document (nor overlaps one): "8 November 2020"
    would give away the answer to a question on the fall of Shusha; nor of the sources
    ``also`` names (the other sources the learner studies). Where every example of an
    era is taken, that era's example is left out.
    """
    value = date_value(question.answer)
    if question.kind not in ("date", "cloze") or value is None:
        return None
    shape: tuple[str, ...] = (value.granularity,)
    if value.granularity == "range":
        ends = value.start_date.granularity, value.end_date.granularity
        shape = ("range", ends[0] if ends[0] == ends[1] else "mixed")
    words, ours, before = ANSWER_FORMS[shape]
    taken = tuple(
        bounds for source_id in {question.source_id, *also} for bounds in _document_dates(source_id)
    )
    examples = [
        example.display()
        for candidates in (ours, before)
        for example in [_free_example(candidates, taken)]
        if example is not None
    ]
    if not examples:
        return words
    return f"{words} (for example {', or '.join(examples)})"


def _free_example(candidates: tuple[DateValue, ...], taken: tuple[Bounds, ...]) -> DateValue | None:
    for example in candidates:
        first, last = example.bounds()
        if not any(first <= end and start <= last for start, end in taken):
            return example
    return None


_DOCUMENT_DATES = "quizapp.document_dates"
_DOCUMENT_DATES_KEPT = 256


def _document_dates(source_id: int) -> tuple[Bounds, ...]:
    """The days every date of the source's questions covers: answers, their other
    forms, disputed dates and order items.

    Reading them decodes every question's JSON (7 ms for the bundled document, a third
    of a quiz page), so each app keeps them per source and import: an import, the only
    way a question's dates change, sets a new ``imported_at``.
    """
    kept: dict[tuple[int, object], tuple[Bounds, ...]] = current_app.extensions.setdefault(
        _DOCUMENT_DATES, {}
    )
    # Only the time of import: the source row also holds the document and its report.
    key = (source_id, db.session.scalar(select(Source.imported_at).where(Source.id == source_id)))
    if key not in kept:
        if len(kept) >= _DOCUMENT_DATES_KEPT:
            kept.clear()
        rows = db.session.execute(
            select(Question.answer, Question.disputed, Question.items).where(
                Question.source_id == source_id
            )
        )
        dates = set()
        for answer, disputed, items in rows:
            entries = [answer, (answer or {}).get("also"), *(disputed or []), *(items or [])]
            dates |= {value.bounds() for value in map(date_value, entries) if value is not None}
        kept[key] = tuple(sorted(dates))
    return kept[key]

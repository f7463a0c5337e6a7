"""A bank's dates as the app reads, shows and orders them.

A question row keeps its dates as the bank writes them, ``{date, granularity, text}``:
its answer, the answer's ``also`` (the same moment as the document also writes it, an
Old Style date), each ``disputed`` date and each ``order`` item. The text of a date
cannot be sliced or sorted: ``-0044`` is 44 BC (historians' numbering, no year zero),
``-0027`` sorts before it as text although it is later, and ``1990/1999`` is a range,
the 1990s or neither as its granularity says. Everything here reads them through the
library's :class:`~question_bank.DateValue`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from question_bank import DateValue

__all__ = [
    "Bounds",
    "also_text",
    "covered",
    "date_text",
    "date_value",
    "expected_text",
    "html_datetime",
    "item_date_text",
]

# The first and last day a date covers, as comparable (year, month, day), BC negative.
Bounds = tuple[tuple[int, int, int], tuple[int, int, int]]

# HTML's dates are days of the Gregorian calendar, which began on 15 October 1582.
_GREGORIAN_FROM: Final = (1582, 10, 15)


def date_value(entry: Mapping[str, Any] | None) -> DateValue | None:
    """The date of a bank entry (an answer, ``also``, a disputed date, an order item).

    Returns:
        None when the entry has no date (an ``order`` answer) or not a valid one.
    """
    if not entry or not entry.get("date") or not entry.get("granularity"):
        return None
    try:
        return DateValue(str(entry["date"]), entry["granularity"])
    except ValueError:
        return None


def date_text(entry: Mapping[str, Any]) -> str:
    """The date of an answer, ``also`` or disputed date in words: the entry's own text
    ("7 November 1917"), else :func:`item_date_text`."""
    return str(entry["text"]) if entry.get("text") else item_date_text(entry)


def item_date_text(entry: Mapping[str, Any]) -> str:
    """The date in the library's display form ("the 1990s", "27 BC – AD 14"), else the
    stored value. An order item's ``text`` names its event, so its date is shown so."""
    value = date_value(entry)
    return value.display() if value is not None else str(entry.get("date", ""))


def also_text(answer: Mapping[str, Any]) -> str | None:
    """The answer's other written form (``answer.also``) in words, if it has one."""
    also = answer.get("also")
    return date_text(also) if isinstance(also, Mapping) and also.get("date") else None


def expected_text(answer: Mapping[str, Any], disputed: Iterable[Mapping[str, Any]] = ()) -> str:
    """The right answer as a learner reads it, with every other right date.

    "November 7, 1917 (also written October 25, 1917)", "January 10, 49 BC (the
    document also gives January 11, 49 BC)".
    """
    text = date_text(answer)
    also = also_text(answer)
    if also:
        text += f" (also written {also})"
    others = [date_text(other) for other in disputed]
    if others:
        text += f" (the document also gives {' and '.join(others)})"
    return text


def covered(entries: Iterable[Mapping[str, Any]]) -> Bounds | None:
    """The first and last day the entries' dates cover together; None without dates.

    "2020" covers 1 January to 31 December 2020, "the 3rd century BC" 300 to 201 BC.
    """
    bounds = [value.bounds() for value in map(date_value, entries) if value is not None]
    if not bounds:
        return None
    return min(first for first, _ in bounds), max(last for _, last in bounds)


def html_datetime(value: DateValue) -> str | None:
    """The value as an HTML ``datetime`` attribute, or None where HTML has no form for it.

    HTML writes a year of our era ("0043", "2020"), and a month or day of the Gregorian
    calendar. A BC year, a range, a decade or century, and a day before 15 October 1582
    (a Julian day, which HTML would read as the Gregorian day of that number) have none:
    the page shows them as text, outside a ``<time>`` element.
    """
    if value.spans or value.year < 1:
        return None
    if value.granularity == "year" or value.bounds()[0] >= _GREGORIAN_FROM:
        return value.value
    return None

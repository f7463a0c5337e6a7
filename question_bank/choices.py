"""Wrong choices for a choice question: dates a learner who knows the story can rule out.

A distractor tests knowledge when it is the date of another event of the same story, at
the answer's granularity, on the same side of every date the question shows as the
answer, and far enough from the other options that picking between them is no guess
("June 12, 13, 14 or 15?" asks for a day nobody learns). The document's own dates come
first; shifted copies of the answer fill in, in steps a reader can tell apart.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from question_bank.dates import DateValue, find_dates

__all__ = [
    "Day",
    "DistractorPool",
    "Limits",
    "Side",
    "interval",
    "overlaps",
    "section_windows",
    "strictly_ordered",
    "visible_limits",
]

Side = Literal["both", "before", "after"]
# A calendar day as (year, month, day); comparisons between them are comparisons in time.
Day = tuple[int, int, int]

# Distractors from the document lie within about two years of the answer.
NEARBY_DAYS = 2 * 372
# How many of the document's dates a section needs before the span of time they cover
# says where its wrong choices should lie.
MIN_WINDOW_FACTS = 3
# Options of a day question lie this many days apart or more, and those of a month
# question this many months: four consecutive days (or months) are a guessing game.
MIN_DAYS_APART = 7
MIN_MONTHS_APART = 1
# At most this many wrong choices are shifted copies of the answer; the others are dates
# of the document's other events.
MAX_SHIFTED = 3


@lru_cache(maxsize=65536)
def interval(value: DateValue) -> tuple[Day, Day]:
    """The first and last day a date covers: "2020" runs from (2020, 1, 1) to (2020, 12,
    31), "2020-09" to (2020, 9, 31) (a bound, compared only, never a calendar day)."""
    start, end = value.sort_key(), value.end_key()
    return (start[0], start[1] or 1, start[2] or 1), (end[0], end[1] or 12, end[2] or 31)


def overlaps(first: DateValue, second: DateValue) -> bool:
    a, b = interval(first), interval(second)
    return a[0] <= b[1] and b[0] <= a[1]


def strictly_ordered(dates: Sequence[DateValue]) -> bool:
    """Whether the dates, put in order, do not overlap at all."""
    ordered = sorted(dates, key=interval)
    return all(interval(a)[1] < interval(b)[0] for a, b in zip(ordered, ordered[1:], strict=False))


@lru_cache(maxsize=65536)
def _ordinal(value: DateValue) -> int:
    """A day count that orders dates and measures distances roughly (months of 31 days)."""
    year, month, day = value.sort_key()
    return year * 372 + max(month, 1) * 31 + max(day, 1)


def _end_ordinal(value: DateValue) -> int:
    year, month, day = value.end_key()
    return year * 372 + (month or 12) * 31 + (day or 31)


def _length(value: DateValue) -> int | None:
    """How long a range lasts, in rough days; None for a single date."""
    if value.granularity != "range":
        return None
    return _end_ordinal(value) - _ordinal(value) + 1


def _shape_key(value: DateValue) -> tuple[str, int, int]:
    """Granularity, and how many of (year, month, day) each end gives."""
    start, end = value.sort_key(), value.end_key()
    return (value.granularity, sum(map(bool, start[1:])), sum(map(bool, end[1:])))


@dataclass(frozen=True)
class Limits:
    """Where wrong choices may lie: after ``earliest``, before ``latest``, inside
    ``within``."""

    earliest: DateValue | None = None
    latest: DateValue | None = None
    within: tuple[Day, Day] | None = None


def visible_limits(
    stem: str | None, right: DateValue, bounds: tuple[DateValue | None, DateValue | None]
) -> Limits:
    """Narrow ``bounds`` by the dates the question shows, so that every wrong choice lies
    where the answer lies against each of them: "issued an ultimatum on _____ and began
    bombing on 31 October" offers no November day; "In October 1961 ... tanks faced each
    other from _____" offers only days of October 1961. Year-less dates in view take the
    answer's year; relative ones ("the next day") say nothing on their own."""
    earliest, latest = bounds
    within: tuple[Day, Day] | None = None
    right_start, right_end = interval(right)
    for mention in find_dates(stem or "", right):
        if mention.relative:
            continue
        start, end = interval(mention.date)
        # A date in view may touch a range's last or first day ("landed on November 5-6,
        # but a ceasefire came on 6 November").
        if end <= right_start < right_end or end < right_start:
            if earliest is None or end > interval(earliest)[1]:
                earliest = mention.date
        elif right_start < right_end <= start or start > right_end:
            if latest is None or start < interval(latest)[0]:
                latest = mention.date
        elif start <= right_start and right_end <= end and (start, end) != (right_start, right_end):
            if within is None or within[0] <= start and end <= within[1]:
                within = (start, end)
    return Limits(earliest, latest, within)


def section_windows(
    dated: Sequence[tuple[str, DateValue]], chapters: Mapping[str, str]
) -> dict[str, tuple[Day, Day]]:
    """For each section, the span of time its dated facts cover, or its chapter's when
    the section has too few facts to tell.

    Args:
        dated: each fact's section and date.
        chapters: each section's chapter (the heading above it at the top levels).
    """
    by_section: dict[str, list[tuple[Day, Day]]] = {}
    by_chapter: dict[str, list[tuple[Day, Day]]] = {}
    for section, value in dated:
        by_section.setdefault(section, []).append(interval(value))
        by_chapter.setdefault(chapters.get(section, section), []).append(interval(value))
    windows: dict[str, tuple[Day, Day]] = {}
    for section, found in by_section.items():
        if len(found) < MIN_WINDOW_FACTS:
            found = by_chapter[chapters.get(section, section)]
        if len(found) >= MIN_WINDOW_FACTS:
            windows[section] = (min(start for start, _ in found), max(end for _, end in found))
    return windows


class DistractorPool:
    """The document's dates, by shape and in time order, to draw wrong choices from."""

    def __init__(self, known: Sequence[DateValue]) -> None:
        self._by_shape: dict[tuple[str, int, int], list[tuple[int, DateValue]]] = {}
        for value in known:
            self._by_shape.setdefault(_shape_key(value), []).append((_ordinal(value), value))
        for dates in self._by_shape.values():
            dates.sort(key=lambda pair: (pair[0], pair[1].value))

    def choices(
        self,
        seed: str,
        right: DateValue,
        excluded: Sequence[str],
        *,
        side: Side = "both",
        year: int | None = None,
        limits: Limits | None = None,
        window: tuple[Day, Day] | None = None,
    ) -> tuple[str, ...]:
        """Three plausible wrong dates at the right one's granularity, plus the right one.

        Distractors prefer other dates the document gives (same granularity, close in
        time), then shifts of the right date; none is compatible with the right date or
        with a date the document gives for the same event, and a wrong range lasts about
        as long as the right one (a five-day clash is not offered a 44-day war as its
        alternative).

        Args:
            seed: seeds the choice of distractors, so a rebuild gives the same.
            right: the answer.
            excluded: dates that must not be offered (disputed, similar, in view).
            side: for a bound ("since 1999") only dates on the open side are wrong.
            year: keep every option in this year (the prompt says "in 2020").
            limits: where the options must lie (see :func:`visible_limits`).
            window: the span of time the question's section covers; options that
                overlap it come first.

        Returns:
            The four options in a seeded order, or () when three cannot be found.
        """
        rng = random.Random(seed)
        taken = {right.value, *excluded}
        limits = limits or Limits()
        length = _length(right)

        def allowed(value: DateValue) -> bool:
            first, last = interval(value)
            if value.value in taken or overlaps(value, right):
                return False
            if limits.within is not None and not (
                limits.within[0] <= first and last <= limits.within[1]
            ):
                return False
            if year is not None and not value.sort_key()[0] == year == value.end_key()[0]:
                return False
            if limits.earliest is not None and first <= interval(limits.earliest)[1]:
                return False
            if limits.latest is not None and last >= interval(limits.latest)[0]:
                return False
            if length is not None and not 1 / 3 <= (_length(value) or 0) / length <= 3:
                return False
            if side == "before":
                return last < interval(right)[0]
            if side == "after":
                return first > interval(right)[1]
            return True

        here = _ordinal(right)
        same_shape = self._by_shape.get(_shape_key(right), [])
        middle = bisect.bisect_left(same_shape, here, key=lambda pair: pair[0])
        nearby = same_shape[max(0, middle - 6) : middle + 6]
        pool = [
            known
            for ordinal, known in nearby
            if abs(ordinal - here) <= NEARBY_DAYS and allowed(known)
        ]

        def outside(value: DateValue) -> bool:
            if window is None:
                return False
            first, last = interval(value)
            return last < window[0] or first > window[1]

        rng.shuffle(pool)
        pool.sort(key=lambda known: abs(_ordinal(known) - here))
        shifts = [shifted for shifted in _shifts(right, rng) if allowed(shifted)]

        # Inside the section's window before outside it; inside, dates the document
        # gives before shifts of the right one; outside, the nearest first.
        def rank(value: DateValue, from_shift: bool) -> tuple[bool, bool, int]:
            away = outside(value)
            return (away, from_shift and not away, abs(_ordinal(value) - here))

        ranked = [(rank(known, False), False, known) for known in pool[:6]]
        ranked += [(rank(shifted, True), True, shifted) for shifted in shifts]
        ranked.sort(key=lambda entry: entry[0])
        shown = {right.display()}
        picked: list[DateValue] = []
        for _, _, value in ranked:
            if len(picked) == 3:
                break
            if value.display() in shown or any(_too_close(value, o) for o in (right, *picked)):
                continue
            picked.append(value)
            shown.add(value.display())
        if len(picked) < 3:
            return ()
        options = [right.display(), *(value.display() for value in picked)]
        rng.shuffle(options)
        return tuple(options)


def _too_close(first: DateValue, second: DateValue) -> bool:
    """Two single days fewer than MIN_DAYS_APART apart, or two months fewer than
    MIN_MONTHS_APART: a learner could only guess between them."""
    if first.granularity != second.granularity or first.granularity not in {"day", "month"}:
        return False
    (year, month, day), (other_year, other_month, other_day) = first.sort_key(), second.sort_key()
    if first.granularity == "month":
        return abs((year - other_year) * 12 + month - other_month) < MIN_MONTHS_APART
    try:
        apart = abs((date(year, month, day) - date(other_year, other_month, other_day)).days)
    except ValueError:
        return False
    return apart < MIN_DAYS_APART


def _shifted_day(day: Day, step: int, unit: int) -> Day | None:
    """``day`` moved by ``step`` units: 4 years, 7 months, 10 days (the ISO lengths)."""
    year, month, day_of_month = day
    try:
        if unit == 4:
            return (year + step, month, day_of_month)
        if unit == 7:
            total = year * 12 + month - 1 + step
            return (total // 12, total % 12 + 1, day_of_month)
        moved = date(year, month, day_of_month) + timedelta(days=step)
    except (ValueError, OverflowError):
        return None
    return (moved.year, moved.month, moved.day)


def _as_value(point: tuple[int, int, int]) -> DateValue | None:
    """The date a (year, month, day) key stands for, 0 meaning not given."""
    year, month, day = point
    try:
        return DateValue.from_parts(year, month or None, day or None)
    except ValueError:
        return None


def _keep_parts(day: Day, key: tuple[int, int, int]) -> tuple[int, int, int]:
    """``day`` with the parts ``key`` does not give set to 0 again."""
    return (day[0], day[1] if key[1] else 0, day[2] if key[2] else 0)


def _unit(key: tuple[int, int, int]) -> int:
    return 4 if not key[1] else 7 if not key[2] else 10


def _shifts(right: DateValue, rng: random.Random) -> Iterator[DateValue]:
    """Nearby dates at the same granularity: days, months or years either side, in an
    order ``rng`` draws."""
    table = _shift_table(right)
    steps = sorted(table)
    rng.shuffle(steps)
    for step in steps:
        shifted = table[step]
        if shifted is not None:
            yield shifted


@lru_cache(maxsize=16384)
def _shift_table(right: DateValue) -> dict[int, DateValue | None]:
    """``right`` moved by each step of its unit (None where no such date exists)."""
    start, end = right.sort_key(), right.end_key()
    unit = _unit(start)
    steps = {4: [1, 2, 3, 4, 5], 7: [1, 2, 3, 4], 10: [7, 14, 21, 28, 35, 42]}[unit]
    # a span of years named as a whole (a decade, a century) moves by its own length
    scale = end[0] - start[0] + 1 if right.granularity not in _POINT_OR_RANGE else 1
    return {
        sign * step: _shifted(right, sign * step * scale, start, end)
        for step in steps
        for sign in (1, -1)
    }


_POINTS = frozenset({"day", "month", "year"})
_POINT_OR_RANGE = _POINTS | {"range"}


def _shifted(
    right: DateValue, step: int, start: tuple[int, int, int], end: tuple[int, int, int]
) -> DateValue | None:
    first = _shifted_day((start[0], start[1] or 1, start[2] or 1), step, _unit(start))
    first_value = _as_value(_keep_parts(first, start)) if first else None
    if right.granularity in _POINTS or first_value is None:
        return first_value
    last = _shifted_day((end[0], end[1] or 1, end[2] or 1), step, _unit(end))
    last_value = _as_value(_keep_parts(last, end)) if last else None
    if last_value is None:
        return None
    try:
        if right.granularity == "range":
            return DateValue.between(first_value, last_value)
        # the ends of a decade or a century, at its own granularity
        return DateValue(f"{first_value.value}/{last_value.value}", right.granularity)
    except ValueError:
        return None

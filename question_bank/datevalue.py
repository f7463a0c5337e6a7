"""A normalised date in every era: its value, granularity, order, arithmetic and display.

Years are numbered as historians number them, with no year zero: 1 BC is followed by
AD 1. The value is ISO-like text at the granularity the text gives: ``2020``,
``2020-11``, ``2020-11-08``; a BC year is negative and written with four digits
(``-0044`` is 44 BC, ``-0044-03-15`` the Ides of March 44 BC), as Wikidata writes BC
years. This is NOT ISO 8601's astronomical numbering, where ``-0044`` would be 45 BC.
Two ends joined by ``/`` are a ``range`` of an event (``-0100/-0044``), a ``decade``
(``1990/1999`` for the 1990s, ``-0069/-0060`` for the 60s BC) or a ``century``
(``1101/1200`` for the 12th century, ``-0300/-0201`` for the 3rd century BC).

Days are days of the calendar in use where the text was written, as historians give
them: the Julian calendar before 15 October 1582 (BC years included, leap every fourth
year), the Gregorian calendar from then on. Day arithmetic (:meth:`DateValue.shifted`,
:meth:`DateValue.day_number`) follows the same convention, so it is exact within either
calendar and continuous across the reform.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final, Literal, cast, get_args

__all__ = [
    "GRANULARITIES",
    "MONTH_NAMES",
    "DateValue",
    "Granularity",
    "ordinal",
    "year_text",
]

Granularity = Literal["year", "month", "day", "range", "decade", "century"]
GRANULARITIES: Final[tuple[Granularity, ...]] = get_args(Granularity)

MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

MIN_YEAR: Final = -9999
# Months and days are read from 4700 BC on, where day arithmetic (Julian day numbers) holds.
MIN_DAY_YEAR: Final = -4700
MAX_YEAR: Final = 9999

# A calendar point: year (never 0; negative for BC), then month and day where given.
Point = tuple[int, int | None, int | None]

_ISO_POINT = re.compile(r"(-?)(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SPANS: Final = frozenset({"range", "decade", "century"})
# The first day of the Gregorian calendar, as a Julian day number.
_GREGORIAN_FROM: Final = 2299161
_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


# --- calendar arithmetic ----------------------------------------------------------------


def _astronomical(year: int) -> int:
    """1 BC is astronomical year 0, 2 BC is -1: the numbering arithmetic needs."""
    return year + 1 if year < 0 else year


def _historical(astronomical: int) -> int:
    return astronomical - 1 if astronomical <= 0 else astronomical


def _leap(year: int) -> bool:
    astronomical = _astronomical(year)
    if year <= 1582:  # Julian: every fourth year, 1 BC, 5 BC, ... AD 4, ... 1500
        return astronomical % 4 == 0
    return astronomical % 4 == 0 and (astronomical % 100 != 0 or astronomical % 400 == 0)


def month_length(year: int, month: int) -> int:
    """Days in a month of the calendar in use that year (Julian up to 1582)."""
    if month == 2 and _leap(year):
        return 29
    return _MONTH_DAYS[month - 1]


def _day_count(year: int, month: int, day: int, *, gregorian: bool) -> int:
    shift = (14 - month) // 12
    y = _astronomical(year) + 4800 - shift
    m = month + 12 * shift - 3
    days = day + (153 * m + 2) // 5 + 365 * y + y // 4
    if gregorian:
        return days - y // 100 + y // 400 - 32045
    return days - 32083


def julian_day_number(year: int, month: int, day: int) -> int:
    """The Julian day number of a day of the Julian calendar (Old Style)."""
    return _day_count(year, month, day, gregorian=False)


def gregorian_day_number(year: int, month: int, day: int) -> int:
    """The Julian day number of a day of the Gregorian calendar (New Style)."""
    return _day_count(year, month, day, gregorian=True)


def _day_number(year: int, month: int, day: int) -> int:
    """The Julian day number: Julian calendar before 15 October 1582, Gregorian after."""
    gregorian = (year, month, day) >= (1582, 10, 15)
    return _day_count(year, month, day, gregorian=gregorian)


def _from_day_number(number: int) -> Point:
    if number >= _GREGORIAN_FROM:
        a = number + 32044
        b = (4 * a + 3) // 146097
        c = a - 146097 * b // 4
    else:
        b = 0
        c = number + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = 100 * b + d - 4800 + m // 10
    return (_historical(year), month, day)


def shift_year(year: int, step: int) -> int:
    """The year ``step`` years after ``year``, with no year zero (1 BC + 1 is AD 1)."""
    return _historical(_astronomical(year) + step)


def _check_point(year: int, month: int | None, day: int | None, text: str) -> None:
    if year == 0:
        raise ValueError(f"year zero does not exist in {text!r}: 1 BC is -0001 and AD 1 is 0001")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year out of range ({MIN_YEAR} to {MAX_YEAR}) in {text!r}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month out of range in {text!r}")
    if month is not None and year < MIN_DAY_YEAR:
        raise ValueError(f"months and days before {-MIN_DAY_YEAR} BC are not read: {text!r}")
    if day is not None:
        if month is None:
            raise ValueError(f"a day needs a month: {text!r}")
        if not 1 <= day <= month_length(year, month):
            raise ValueError(f"no such calendar day: {text!r}")


def make_point(year: int, month: int | None = None, day: int | None = None) -> Point:
    """A checked calendar point.

    Raises:
        ValueError: year zero or out of range, no such month or day.
    """
    _check_point(year, month, day, format_point((year, month, day)))
    return (year, month, day)


def parse_point(text: str) -> Point:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a leading ``-`` for BC.

    Raises:
        ValueError: if the text is not one of those forms or not a real calendar date.
    """
    match = _ISO_POINT.fullmatch(text)
    if match is None:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD, -YYYY for a BC year): {text!r}")
    year = int(match[2]) * (-1 if match[1] else 1)
    month = int(match[3]) if match[3] else None
    day = int(match[4]) if match[4] else None
    _check_point(year, month, day, text)
    return (year, month, day)


def format_point(point: Point) -> str:
    year, month, day = point
    text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


def point_granularity(point: Point) -> Granularity:
    if point[1] is None:
        return "year"
    return "month" if point[2] is None else "day"


def _key(point: Point) -> tuple[int, int, int]:
    return (point[0], point[1] or 0, point[2] or 0)


def shift_point(point: Point, step: int) -> Point:
    """The point ``step`` of its own unit (days, months or years) later.

    Raises:
        ValueError: when the result falls outside the supported years.
    """
    year, month, day = point
    if month is None:
        return make_point(shift_year(year, step))
    if day is None:
        index = _astronomical(year) * 12 + month - 1 + step
        return make_point(_historical(index // 12), index % 12 + 1)
    moved = _from_day_number(_day_number(year, month, day) + step)
    return make_point(*moved)


# --- display ----------------------------------------------------------------------------


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``12th``, ``21st``."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def year_text(year: int, *, era: bool = False) -> str:
    """A year as a history teacher writes it: ``44 BC``, ``AD 43``, ``2020``.

    An AD year gets its era when it has fewer than four digits (a number under 1000
    alone does not read as a year) or when ``era`` asks for it (a range from BC).
    """
    if year < 0:
        return f"{-year} BC"
    if year < 1000 or era:
        return f"AD {year}"
    return str(year)


def _display_point(point: Point, *, with_year: bool = True, era: bool = False) -> str:
    year, month, day = point
    if month is None:
        return year_text(year, era=era)
    name = MONTH_NAMES[month - 1]
    if day is None:
        return f"{name} {year_text(year, era=era)}" if with_year else name
    return f"{name} {day}, {year_text(year, era=era)}" if with_year else f"{name} {day}"


def _display_years(first: int, last: int) -> str:
    if last < 0:
        return f"{-first}–{-last} BC"
    if first < 0:
        return f"{-first} BC – AD {last}"
    if first < 1000:
        return f"AD {first}–{last}"
    return f"{first}–{last}"


# --- the value --------------------------------------------------------------------------

_RANK: Final = {granularity: rank for rank, granularity in enumerate(GRANULARITIES)}


@dataclass(frozen=True)
class DateValue:
    """A normalised date.

    Attributes:
        value: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (``-YYYY...`` for BC), or
            ``START/END`` (each end one of those forms) for a ``range``, a ``decade``
            (``1990/1999``) or a ``century`` (``1101/1200``).
        granularity: ``year``, ``month``, ``day``, ``range``, ``decade`` or ``century``.

    Values compare and sort by time (``-0100 < -0044 < 0043 < 2020``), earliest start
    first, then earliest end.

    Raises:
        ValueError: on construction, when ``value`` is not a real calendar date of the
            given granularity (``2020-02-30``, ``2020-13``, year zero), a range does not
            run forwards, or a decade or century is not one.
    """

    value: str
    granularity: Granularity
    _first: Point = field(init=False, repr=False, compare=False)
    _last: Point | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.value, str):
            raise ValueError(f"date must be a string, got {self.value!r}")
        if self.granularity not in _RANK:
            raise ValueError(
                f"unknown granularity {self.granularity!r} "
                f"(expected one of {', '.join(GRANULARITIES)})"
            )
        first, last = _parse_ends(self.value)
        actual: Granularity = "range" if last is not None else point_granularity(first)
        if actual != self.granularity and not (actual == "range" and self.granularity in _SPANS):
            raise ValueError(
                f"granularity {self.granularity!r} does not match date {self.value!r} ({actual})"
            )
        if self.granularity in _SPAN_SHAPES:
            _check_span(self.granularity, first, cast(Point, last), self.value)
        object.__setattr__(self, "_first", first)
        object.__setattr__(self, "_last", last)

    # -- builders --

    @classmethod
    def parse_iso(cls, value: str) -> DateValue:
        """Read a value written as ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``START/END``.

        A value with two ends is read as a ``range``: the same text may be a decade or
        a century, which only its granularity tells (construct those directly).

        Args:
            value: the ISO-like text (the inverse of :attr:`value`).

        Returns:
            The date, with its granularity taken from the form.

        Raises:
            ValueError: if the text is not one of those forms or not a real calendar date.
        """
        if not isinstance(value, str):
            raise ValueError(f"date must be a string, got {value!r}")
        if "/" in value:
            return cls(value, "range")
        return cls(value, point_granularity(parse_point(value)))

    @classmethod
    def from_parts(cls, year: int, month: int | None = None, day: int | None = None) -> DateValue:
        """Build a year, month or day date from its numbers (a negative year is BC).

        Raises:
            ValueError: if the numbers are not a real calendar date, or a day is given
                without a month.
        """
        point = make_point(year, month, day)
        return cls(format_point(point), point_granularity(point))

    @classmethod
    def between(cls, start: DateValue, end: DateValue) -> DateValue:
        """The range from ``start`` to ``end`` (neither may itself span time).

        Raises:
            ValueError: if either end spans time or the range does not run forwards.
        """
        if start.granularity in _SPANS or end.granularity in _SPANS:
            raise ValueError("the ends of a range cannot be ranges")
        return cls(f"{start.value}/{end.value}", "range")

    @classmethod
    def decade(cls, first_year: int) -> DateValue:
        """The decade starting ``first_year`` (1990: the 1990s; -69: the 60s BC).

        Raises:
            ValueError: if no decade starts that year.
        """
        first, last = (
            format_point((first_year, None, None)),
            format_point((first_year + 9, None, None)),
        )
        return cls(f"{first}/{last}", "decade")

    @classmethod
    def century(cls, number: int, *, bc: bool = False) -> DateValue:
        """The ``number``-th century (``century(12)``: 1101-1200; ``bc=True``: BC).

        Raises:
            ValueError: if the number is not a century of the supported years.
        """
        if number < 1:
            raise ValueError(f"no century {number}")
        first = -100 * number if bc else 100 * number - 99
        ends = format_point((first, None, None)), format_point((first + 99, None, None))
        return cls(f"{ends[0]}/{ends[1]}", "century")

    # -- parts --

    @property
    def start(self) -> str:
        """The first end of a range (or decade, century), or the value itself."""
        return self.value.partition("/")[0]

    @property
    def end(self) -> str:
        """The last end of a range (or decade, century), or the value itself."""
        return self.value.rpartition("/")[2]

    @property
    def start_date(self) -> DateValue:
        """The first end as a date of its own (the value itself for a single date)."""
        return DateValue(self.start, point_granularity(self._first))

    @property
    def end_date(self) -> DateValue:
        """The last end as a date of its own (the value itself for a single date)."""
        last = self._last or self._first
        return DateValue(self.end, point_granularity(last))

    @property
    def year(self) -> int:
        """The year the date starts in (negative for BC)."""
        return self._first[0]

    @property
    def end_year(self) -> int:
        """The year the date ends in (negative for BC)."""
        return (self._last or self._first)[0]

    @property
    def spans(self) -> bool:
        """Whether the value has two ends (a range, a decade or a century)."""
        return self._last is not None

    # -- order and arithmetic --

    def sort_key(self) -> tuple[int, int, int]:
        """(year, month, day) of the start, with 0 for what the date does not give."""
        return _key(self._first)

    def end_key(self) -> tuple[int, int, int]:
        """(year, month, day) of the end, with 0 for what the date does not give."""
        return _key(self._last or self._first)

    def bounds(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """The first and last day the date covers, as comparable (year, month, day).

        "2020" runs from (2020, 1, 1) to (2020, 12, 31), "the 60s BC" from (-69, 1, 1)
        to (-60, 12, 31): two dates overlap when each starts before the other ends.
        """
        year, month, day = self._first
        first = (year, month or 1, day or 1)
        year, month, day = self._last or self._first
        last_month = month or 12
        return first, (year, last_month, day or month_length(year, last_month))

    def overlaps(self, other: DateValue) -> bool:
        """Whether the two dates share a day."""
        mine, theirs = self.bounds(), other.bounds()
        return mine[0] <= theirs[1] and theirs[0] <= mine[1]

    def day_number(self) -> int:
        """The Julian day number of a day date (to count days between two dates).

        Raises:
            ValueError: if the date is not a single day.
        """
        if self.granularity != "day":
            raise ValueError(f"{self.value!r} is not a day")
        year, month, day = self._first
        return _day_number(year, cast(int, month), cast(int, day))

    def shifted(self, step: int) -> DateValue:
        """The date moved by ``step`` of its own unit: days, months or years; a range's
        ends each by their own unit, a decade by decades, a century by centuries.

        Raises:
            ValueError: when the result falls outside the supported years.
        """
        if self.granularity == "decade":
            return DateValue.decade(shift_year(self.year, 10 * step))
        if self.granularity == "century":
            # Count centuries as astronomers count years: the 1st century BC is 0.
            index = self.end_year // 100 if self.year > 0 else 1 + self.year // 100
            moved = index + step
            return DateValue.century(moved if moved > 0 else 1 - moved, bc=moved <= 0)
        first = shift_point(self._first, step)
        if self._last is None:
            return DateValue(format_point(first), self.granularity)
        last = shift_point(self._last, step)
        return DateValue(f"{format_point(first)}/{format_point(last)}", "range")

    def length(self) -> int | None:
        """How long a range lasts, in its ends' unit and counting both ends (days,
        months, or years when the ends differ in unit); None for a single date."""
        if self._last is None:
            return None
        first, last = self._first, self._last
        kind = (point_granularity(first), point_granularity(last))
        if kind == ("day", "day"):
            return (
                _day_number(*cast(tuple[int, int, int], last))
                - _day_number(*cast(tuple[int, int, int], first))
                + 1
            )
        if kind == ("month", "month"):
            months = (_astronomical(last[0]) - _astronomical(first[0])) * 12
            return months + cast(int, last[1]) - cast(int, first[1]) + 1
        return _astronomical(last[0]) - _astronomical(first[0]) + 1

    def _order(self) -> tuple[tuple[int, int, int], tuple[int, int, int], int, str]:
        return (self.sort_key(), self.end_key(), _RANK[self.granularity], self.value)

    def __lt__(self, other: DateValue) -> bool:
        return self._order() < other._order()

    def __le__(self, other: DateValue) -> bool:
        return self._order() <= other._order()

    def __gt__(self, other: DateValue) -> bool:
        return self._order() > other._order()

    def __ge__(self, other: DateValue) -> bool:
        return self._order() >= other._order()

    # -- display --

    def display(self) -> str:
        """The date as a history teacher writes it.

        Returns:
            ``November 8, 2020``, ``November 2020``, ``2020``, ``44 BC``, ``AD 43``,
            ``March 15, 44 BC``, ``September 27 – November 10, 2020``,
            ``April 2–5, 2016``, ``1991–1994``, ``100–44 BC``, ``27 BC – AD 14``,
            ``the 1990s``, ``the 60s BC``, ``the 12th century``, ``the 3rd century BC``.
        """
        first, last = self._first, self._last
        if last is None:
            return _display_point(first)
        if self.granularity == "decade":
            if first[0] < 0:
                return f"the {-last[0]}s BC"
            return f"the {first[0]}s" + (" AD" if first[0] < 1000 else "")
        if self.granularity == "century":
            if first[0] < 0:
                return f"the {ordinal(-first[0] // 100)} century BC"
            number = last[0] // 100
            return f"the {ordinal(number)} century" + (" AD" if number <= 10 else "")
        kinds = (point_granularity(first), point_granularity(last))
        if kinds == ("year", "year"):
            return _display_years(first[0], last[0])
        era = first[0] < 0 < last[0]  # "March 44 BC – AD 14": the AD end says so
        if kinds[0] != kinds[1] or first[0] != last[0]:
            return f"{_display_point(first)} – {_display_point(last, era=era)}"
        if kinds == ("month", "month"):
            return f"{_display_point(first, with_year=False)} – {_display_point(last)}"
        if first[1] == last[1]:
            name = MONTH_NAMES[cast(int, first[1]) - 1]
            return f"{name} {first[2]}–{last[2]}, {year_text(last[0])}"
        return f"{_display_point(first, with_year=False)} – {_display_point(last)}"


def _parse_ends(value: str) -> tuple[Point, Point | None]:
    if "/" not in value:
        return parse_point(value), None
    first, _, second = value.partition("/")
    start, end = parse_point(first), parse_point(second)
    if _key(start) >= _key(end):
        raise ValueError(f"range must run forwards: {value!r}")
    return start, end


# The first year of a decade or century leaves this remainder, AD and BC: 1990, -69
# (the 60s BC); 1101, -300 (the 3rd century BC).
_SPAN_SHAPES: Final = {
    "decade": (10, 0, 1, "1990/1999 for the 1990s, -0069/-0060 for the 60s BC"),
    "century": (100, 1, 0, "1101/1200 for the 12th century, -0300/-0201 for the 3rd century BC"),
}


def _check_span(granularity: str, first: Point, last: Point, value: str) -> None:
    size, after, before, examples = _SPAN_SHAPES[granularity]
    if first[1] is not None or last[1] is not None:
        raise ValueError(f"a {granularity} is two years: {value!r}")
    start, end = first[0], last[0]
    if start % size != (after if start > 0 else before) or end != start + size - 1:
        raise ValueError(f"{value!r} is not a {granularity} ({size} years, as {examples})")

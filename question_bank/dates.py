"""Find temporal expressions in English text and normalise them.

A date is normalised to a :class:`DateValue`: an ISO-like string at the granularity the
text gives (``2020``, ``2020-11``, ``2020-11-08``) or a range of two such ends
(``2020-09-27/2020-11-10``). Nothing is invented: a month or day the text does not give
is never filled in, a year is taken only from an explicit reference, and bare numbers
that merely look like years (counts, weapon names, resolution numbers) are left alone.

The finder is one precompiled regular expression (plus a handful of small look-around
checks per candidate), so scanning stays linear in the length of the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Final, Literal, cast

__all__ = [
    "CALENDAR_WORDS",
    "DateMention",
    "DateValue",
    "Granularity",
    "find_dates",
    "parse_date_answer",
]

Granularity = Literal["year", "month", "day", "range"]

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

# Month and weekday names and the months' abbreviations, lower case: words that are
# capitalized without being names ("in April", "Oct").
CALENDAR_WORDS: Final = frozenset(
    {name.lower() for name in MONTH_NAMES}
    | {name[:3].lower() for name in MONTH_NAMES}
    | {"sept", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)

# A calendar point: year, then month and day where the text gives them.
_Point = tuple[int, int | None, int | None]

_ISO_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# Answers longer than this (after stripping) are not dates; it also bounds the work.
MAX_ANSWER_LENGTH: Final = 200


# --- values -----------------------------------------------------------------------------


def _parse_point(text: str) -> _Point:
    match = _ISO_POINT.fullmatch(text)
    if match is None:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    _check_point(year, month, day, text)
    return (year, month, day)


def _check_point(year: int, month: int | None, day: int | None, text: str) -> None:
    if year < 1:
        raise ValueError(f"year out of range in {text!r}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month out of range in {text!r}")
    if day is not None:
        assert month is not None
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"no such calendar day: {text!r}") from None


def _format_point(point: _Point) -> str:
    year, month, day = point
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _point_granularity(point: _Point) -> Granularity:
    if point[1] is None:
        return "year"
    return "month" if point[2] is None else "day"


def _point_key(point: _Point) -> tuple[int, int, int]:
    return (point[0], point[1] or 0, point[2] or 0)


def _display_point(point: _Point, *, with_year: bool = True) -> str:
    year, month, day = point
    if month is None:
        return str(year)
    name = MONTH_NAMES[month - 1]
    if day is None:
        return f"{name} {year}" if with_year else name
    return f"{name} {day}, {year}" if with_year else f"{name} {day}"


@dataclass(frozen=True)
class DateValue:
    """A normalised date.

    Attributes:
        value: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or ``START/END`` (each end one of
            those forms) for granularity ``range``.
        granularity: ``year``, ``month``, ``day`` or ``range``.

    Raises:
        ValueError: on construction, when ``value`` is not a real calendar date of the
            given granularity (``2020-02-30``, ``2020-13``), or a range does not run
            forwards.
    """

    value: str
    granularity: Granularity

    def __post_init__(self) -> None:
        start, end = self._points()
        actual: Granularity = "range" if end is not None else _point_granularity(start)
        if actual != self.granularity:
            raise ValueError(
                f"granularity {self.granularity!r} does not match date {self.value!r} ({actual})"
            )

    def _points(self) -> tuple[_Point, _Point | None]:
        if not isinstance(self.value, str):
            raise ValueError(f"date must be a string, got {self.value!r}")
        if "/" not in self.value:
            return _parse_point(self.value), None
        first, _, second = self.value.partition("/")
        start, end = _parse_point(first), _parse_point(second)
        if _point_key(start) >= _point_key(end):
            raise ValueError(f"range must run forwards: {self.value!r}")
        return start, end

    @classmethod
    def parse_iso(cls, value: str) -> DateValue:
        """Read a value written as ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``START/END``.

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
        return cls(value, _point_granularity(_parse_point(value)))

    @classmethod
    def from_parts(cls, year: int, month: int | None = None, day: int | None = None) -> DateValue:
        """Build a year, month or day date from its numbers.

        Raises:
            ValueError: if the numbers are not a real calendar date, or a day is given
                without a month.
        """
        if day is not None and month is None:
            raise ValueError("a day needs a month")
        point: _Point = (year, month, day)
        return cls(_format_point(point), _point_granularity(point))

    @classmethod
    def between(cls, start: DateValue, end: DateValue) -> DateValue:
        """The range from ``start`` to ``end`` (neither may itself be a range).

        Raises:
            ValueError: if either end is a range or the range does not run forwards.
        """
        if start.granularity == "range" or end.granularity == "range":
            raise ValueError("the ends of a range cannot be ranges")
        return cls(f"{start.value}/{end.value}", "range")

    @property
    def start(self) -> str:
        """The first end of a range, or the value itself."""
        return self.value.partition("/")[0]

    @property
    def end(self) -> str:
        """The last end of a range, or the value itself."""
        return self.value.rpartition("/")[2]

    @property
    def year(self) -> int:
        """The year the date (or range) starts in."""
        return int(self.value[:4])

    def sort_key(self) -> tuple[int, int, int]:
        """(year, month, day) of the start, with 0 for what the date does not give."""
        return _point_key(_parse_point(self.start))

    def end_key(self) -> tuple[int, int, int]:
        """(year, month, day) of the end, with 0 for what the date does not give."""
        return _point_key(_parse_point(self.end))

    def display(self) -> str:
        """The date as an English reader expects it.

        Returns:
            ``November 8, 2020``, ``November 2020``, ``2020``,
            ``September 27 – November 10, 2020``, ``April 2–5, 2016`` or ``1991–1994``.
        """
        start, end = self._points()
        if end is None:
            return _display_point(start)
        kinds = (_point_granularity(start), _point_granularity(end))
        if kinds == ("year", "year"):
            return f"{start[0]}–{end[0]}"
        if kinds[0] != kinds[1]:
            return f"{_display_point(start)} – {_display_point(end)}"
        if start[0] != end[0]:
            return f"{_display_point(start)} – {_display_point(end)}"
        if kinds == ("month", "month"):
            return f"{_display_point(start, with_year=False)} – {_display_point(end)}"
        if start[1] == end[1]:
            return f"{MONTH_NAMES[cast(int, start[1]) - 1]} {start[2]}–{end[2]}, {end[0]}"
        return f"{_display_point(start, with_year=False)} – {_display_point(end)}"


@dataclass(frozen=True)
class DateMention:
    """One temporal expression found in a text.

    Attributes:
        start: offset of the expression in the searched text (after any preposition).
        end: offset just past the expression.
        text: ``text[start:end]``.
        date: the normalised date.
        inferred: part of the date (the year, or all of it for a relative expression)
            comes from the reference, not from the expression itself.
        relative: a relative expression ("the next day") resolved against the reference.
        vague: a fuzzy date ("early 2021", "mid-October", "the 1990s", "around 1990").
        qualifier: the vague or bounding word: ``early``, ``mid``, ``late``, ``around``,
            ``before``/``after`` (also for "pre-"/"post-"), or the bounding preposition
            ``by``, ``until``, ``since``.
        preposition: the preposition directly before the expression, lower-cased
            ("on", "in", "by", "from", "between", ...), not part of ``text``.
        phrase_start: where the preposition starts; ``start`` when there is none.
    """

    start: int
    end: int
    text: str
    date: DateValue
    inferred: bool = False
    relative: bool = False
    vague: bool = False
    qualifier: str | None = None
    preposition: str | None = None
    phrase_start: int = -1

    def __post_init__(self) -> None:
        if self.phrase_start < 0:
            object.__setattr__(self, "phrase_start", self.start)


# --- the pattern ------------------------------------------------------------------------

_MONTH_FULL = "|".join(MONTH_NAMES)
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"

# Nouns that make a preceding four-digit number a count, not a year.
_UNITS = (
    "people|persons?|men|women|children|kids|adults|individuals|troops|soldiers|servicemen|"
    "servicemembers|personnel|fighters|militants|mercenaries|volunteers|reservists|conscripts|"
    "officers|peacekeepers|policemen|guards|civilians|refugees|residents|inhabitants|citizens|"
    "families|households|homes|houses|buildings|apartments|casualties|deaths|dead|killed|"
    "wounded|injured|missing|victims|prisoners|POWs|hostages|captives|detainees|bodies|graves|"
    "km2?|kms|kilomet(?:er|re)s?|sq|square|met(?:er|re)s?|m|mm|cm|kg|miles?|hectares?|acres?|"
    "feet|ft|tons?|tonnes?|barrels|liters|litres|hours?|hrs|days?|weeks?|months?|years?|"
    "minutes?|seconds?|times|dollars|euros|manats?|rubles|roubles|drams|pounds|USD|AZN|EUR|"
    "tanks|vehicles|drones|UAVs|aircraft|planes|jets|helicopters|rockets|missiles|shells|"
    "rounds|munitions|bombs|guns|howitzers|launchers|artillery|units|pieces|systems|weapons|"
    "rifles|mines|villages|settlements|towns|cities|votes|voters|seats|members|deputies|"
    "participants|students|workers|employees|staff|sorties|strikes|attacks|incidents|cases|"
    "more|fewer|additional|extra|other|others|pages|words|copies|items|points"
)
_UNIT_SINGULAR = (
    "strong|man|member|person|kilomet(?:er|re)|km|met(?:er|re)|m|mile|ton|tonne|year|day|"
    "hour|minute|page|seat|bed|mm|kg|foot|ft|acre|hectare|unit"
)
_PREPOSITIONS = (
    r"on|in|by|from|since|between|during|until|till|after|before|into|through|throughout|"
    r"as\s+of"
)
_QUALIFIERS = r"early|mid|late|around|circa|c\.|pre|post"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


def _build_pattern(*, answer: bool, ranges: bool) -> re.Pattern[str]:
    """Compile the finder: ``answer`` reads typed answers (case-insensitive, looser)."""

    def month(name: str) -> str:
        if answer:
            return rf"(?P<{name}>(?:{_MONTH_FULL}|{_MONTH_ABBR})\.?)(?![a-z])"
        # Month names must be capitalised in prose, so "forces may attack" is no date.
        return rf"(?P<{name}>{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)(?![a-z])"

    def day(name: str) -> str:
        return rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?i:st|nd|rd|th)?(?!\w|:\d|[.,]\d)"

    letters_after = "a-z" if not answer else "a-zA-Z"
    year_end = rf"(?![0-9{letters_after}_%]|[.,]\d|:\d|\s*%|\s*(?i:per\s*cent|percent)\b)"
    hyphen_unit = rf"(?!-(?i:{_UNIT_SINGULAR})\b)"

    def year(name: str, *, counted: bool = True) -> str:
        """A year 1000-2099; ``counted`` also refuses one followed by a unit noun."""
        unit = rf"(?!\s+(?i:{_UNITS})\b)" if counted else ""
        return rf"(?P<{name}>1\d{{3}}|20\d{{2}}){year_end}{hyphen_unit}{unit}"

    def month_year(prefix: str, *, required: bool) -> str:
        """The year after a month or day: "2020", ", 2020" (never a count)."""
        body = rf"(?:\s+(?i:of\s+)?{year(prefix, counted=False)}|,\s*{year(prefix + 'c')})"
        return body if required else f"(?:{body})?"

    def sep(name: str, *, slash: bool = False) -> str:
        words = r"\s+(?i:to|through|thru|until|till|and)\s+"
        slash_part = r"|\s*/\s*" if slash else ""
        return rf"(?P<{name}>\s*[-–—]\s*|{words}{slash_part})"

    digit_start = r"(?<![\w.,/:$€£#\-–—])"
    month_start = r"(?<![A-Z0-9_])" if not answer else r"(?<![A-Za-z0-9_])"
    iso_sep = r"[-/.]" if answer else "-"
    qual_sep = r"(?:\s*-\s*|\s+)"

    def iso(prefix: str) -> str:
        return (
            rf"(?P<{prefix}y>\d{{4}})(?P<{prefix}s>{iso_sep})(?P<{prefix}m>\d{{2}})"
            rf"(?:(?P={prefix}s)(?P<{prefix}d>\d{{2}}))?(?![\w%]|[.,]\d|-\d)"
        )

    # Alternatives are grouped by their first character so that the engine, at each
    # position, rejects a whole group with one cheap look-ahead; within a group the
    # longer forms come first (ranges before single dates).
    digit_forms: list[str] = []
    word_forms: list[str] = []
    if ranges:
        digit_forms += [
            # 27 September – 10 November 2020; 2–5 April 2016; 27 to 28 October 2020
            rf"(?P<rdm>{digit_start}{day('rdm_d1')}(?:\s+(?i:of\s+)?{month('rdm_m1')}"
            rf"{month_year('rdm_y1', required=False)})?{sep('rdm_sep')}{day('rdm_d2')}"
            rf"\s+(?i:of\s+)?{month('rdm_m2')}{month_year('rdm_y2', required=False)})",
            # 2020-09-27/2020-11-10; 2020-09-27 to 2020-11-10
            rf"(?P<riso>{digit_start}{iso('riso1')}{sep('riso_sep', slash=True)}{iso('riso2')})",
            # 1991-1994; 1991–94; from 2011 to 2020; 2016/2017
            rf"(?P<ry>{digit_start}{year('ry_y1', counted=False)}(?:{sep('ry_sep', slash=True)}"
            rf"{year('ry_y2')}|(?P<ry_dash>[-–])(?P<ry_yy>\d{{2}})(?![\w%]|[.,]\d|:\d|[-–/]\d)))",
        ]
        word_forms += [
            # September 27 – November 10, 2020; April 2 to 5, 2016; November 9-10, 2020
            rf"(?P<rmd>{month_start}{month('rmd_m1')}\s+{day('rmd_d1')}"
            rf"{month_year('rmd_y1', required=False)}{sep('rmd_sep')}"
            rf"(?:{month('rmd_m2')}\s+)?{day('rmd_d2')}{month_year('rmd_y2', required=False)})",
            # September to November 2020; late September and early November 2020
            rf"(?P<rmy>{month_start}{month('rmy_m1')}{month_year('rmy_y1', required=False)}"
            rf"{sep('rmy_sep')}(?:(?P<rmy_q2>(?i:{_QUALIFIERS})){qual_sep})?{month('rmy_m2')}"
            rf"{month_year('rmy_y2', required=True)})",
        ]
    num_sep = r"[-/.]" if answer else "/"
    digit_forms += [
        rf"(?P<iso>{digit_start}{iso('iso')})",
        # 08/11/2020, 8.11.2020 (answers); 11/11/2020 only when unambiguous (prose)
        rf"(?P<num>{digit_start}(?P<num_a>\d{{1,2}})(?P<num_s>{num_sep})(?P<num_b>\d{{1,2}})"
        rf"(?P=num_s)(?P<num_y>\d{{4}})(?![\w%]|[.,]\d|[-/]\d))",
    ]
    if answer:
        digit_forms.append(
            rf"(?P<nummy>{digit_start}(?P<nummy_m>0?[1-9]|1[0-2])/(?P<nummy_y>\d{{4}})(?![\w/]))"
        )
    digit_forms += [
        # 27 September 2020; 27th September 2020; the 10th of November 2020
        rf"(?P<dmy>{digit_start}{day('dmy_d')}(?P<dmy_of>\s+(?i:of))?\s+{month('dmy_m')}"
        rf"{month_year('dmy_y', required=False)})",
        # the 1990s, the mid-2010s
        r"(?P<dec>(?(qual)|(?<![\w.,/:$€£#\-–—]))(?P<dec_y>1\d{2}0|20\d0)(?:'s|s)(?!\w))",
        # 2020
        rf"(?P<yr>(?(qual)|{digit_start}){year('yr_y')}(?![-–—/]\d))",
    ]
    word_forms += [
        # September 27, 2020; Sept. 27th 2020
        rf"(?P<mdy>{month_start}{month('mdy_m')}\s+{day('mdy_d')}"
        rf"{month_year('mdy_y', required=False)})",
        # September 2020 (and "May, 2020" in answers)
        rf"(?P<my>{month_start}{month('my_m')}"
        + (
            rf"(?:\s+(?i:of\s+)?|,\s*){year('my_y', counted=False)}"
            if answer
            else rf"\s+(?i:of\s+)?{year('my_y', counted=False)}"
        )
        + ")",
        # October (only with a preposition or qualifier in prose)
        rf"(?P<mon>{month_start}{month('mon_m')})",
    ]
    if not answer:
        number = "|".join(_NUMBER_WORDS) + r"|\d{1,3}"
        word_forms.append(
            # The cheap look-ahead (a second word starting like day/month/year/week/that)
            # keeps this branch from costing much at the many ordinary word starts.
            r"(?P<rel>(?=\w+\s+[dmywtDMYWT]|[dD]ay\s)(?i:"
            r"(?P<rel_dir>next|following|previous|preceding)\s+(?P<rel_u1>day|month|year)\b"
            r"|day\s+(?P<rel_ba>before|after)(?=\s*(?:[,.;:!?)\]]|$))"
            r"|(?P<rel_same>same|that)\s+(?P<rel_u2>day|month|year)\b(?!'s)"
            r"|(?P<rel_le>later|earlier)\s+that\s+(?P<rel_u3>day|month|year)\b"
            rf"|(?P<rel_n>{number})\s+(?P<rel_u4>days?|weeks?|months?|years?)\s+"
            r"(?P<rel_le2>later|earlier)\b"
            r"))"
        )
    # Every match starts a word, or is a capitalised month glued to the word before it
    # (flattened table cells: "QubadlıOctober 20, 2020").
    start = r"(?:(?<![^\W_])(?=\w)|(?<=[^\W\d_])(?=[A-Z]))"
    prefix = (
        rf"(?:(?<![\w-])(?P<prep>(?i:{_PREPOSITIONS}))\s+)?"
        r"(?:(?<![\w-])(?P<the>(?i:the))\s+)?"
        rf"(?:(?<![\w-])(?P<qual>(?i:{_QUALIFIERS})){qual_sep})?"
    )
    month_forms, relative_forms = word_forms[:-1], word_forms[-1:]
    if answer:
        month_forms, relative_forms = word_forms, []
    months_ahead = f"(?=(?:{_MONTH_ABBR}|May))"
    body = (
        r"(?:(?=\d)(?:"
        + "|".join(digit_forms)
        + rf")|{months_ahead}(?:"
        + "|".join(month_forms)
        + ")"
        + "".join("|" + form for form in relative_forms)
        + ")"
    )
    flags = re.IGNORECASE if answer else 0
    return re.compile(start + prefix + body, flags)


_TEXT_PATTERN: Final = _build_pattern(answer=False, ranges=True)
_TEXT_SINGLE: Final = _build_pattern(answer=False, ranges=False)
_ANSWER_PATTERN: Final = _build_pattern(answer=True, ranges=True)
_ANSWER_SINGLE: Final = _build_pattern(answer=True, ranges=False)

_RANGE_FORMS: Final = frozenset({"rdm", "rmd", "rmy", "riso", "ry"})

# A word just before a number that makes it an identifier ("Resolution 1165", "No. 1994").
_IDENTIFIER_BEFORE = re.compile(
    r"(?:\b(?:resolutions?|res\.|no\.|nos\.|numbers?|pages?|pp?\.|art\.|articles?|sections?|"
    r"sec\.|chapters?|ch\.|paragraphs?|para\.|isbn|vol\.|volumes?|issues?|flights?|routes?|"
    r"highways?|codes?|models?|types?|items?|tables?|figures?|fig\.|lines?|rooms?|boxes?|"
    r"units?|refs?\.?)|[#№§¶])\s*$",
    re.IGNORECASE,
)
# "RFC 1866", "ISO 8601": a standard's number after its acronym ("AD 1066" is a year)
_ACRONYM_BEFORE = re.compile(r"\b(?!(?:AD|CE|BC|BCE)\b)[A-Z]{2,6}\s+$")
# "1500 to 2000 troops": a count range, not a year.
_COUNT_RANGE_AFTER = re.compile(
    rf"\s*(?:-|–|—|to|and|or)\s*\d[\d,.]*\s+(?:{_UNITS})\b", re.IGNORECASE
)
_PLURAL_AFTER = re.compile(r"\s+([a-z][a-z'-]*[a-z]s)\b")
_NOT_PLURAL = frozenset(
    "was has its this thus yes towards afterwards besides perhaps whereas always across "
    "unless sometimes nevertheless his hers ours yours theirs".split()
)
_TEMPORAL_PREPOSITIONS = frozenset(
    "in since until till during by before after from through throughout into".split()
)
_VAGUE_QUALIFIERS = {
    "early": "early",
    "mid": "mid",
    "late": "late",
    "around": "around",
    "circa": "around",
    "c.": "around",
    "pre": "before",
    "post": "after",
}
_BOUNDING_PREPOSITIONS = {
    "by": "by",
    "before": "before",
    "after": "after",
    "until": "until",
    "till": "until",
    "since": "since",
}
_MONTH_NUMBERS = {name[:3].lower(): index for index, name in enumerate(MONTH_NAMES, start=1)}


# --- interpretation ---------------------------------------------------------------------


@dataclass
class _Context:
    """What a year-less or relative expression is resolved against."""

    reference: DateValue | None
    answer: bool = False
    day_first: bool = True

    def year(self) -> int | None:
        if self.reference is None:
            return None
        start, end = self.reference.start, self.reference.end
        if start[:4] != end[:4]:
            return None  # a range across years gives no single year
        return int(start[:4])


@dataclass(frozen=True)
class _Reading:
    date: DateValue
    start: int
    inferred: bool = False
    relative: bool = False
    vague: bool = False
    qualifier: str | None = None


class _Reject(Exception):
    """The candidate is not a date after all."""


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3].lower()]


def _int(match: re.Match[str], group: str) -> int | None:
    value = match.group(group)
    return int(value) if value is not None else None


def _year_of(match: re.Match[str], group: str) -> int | None:
    """The year written in ``group`` (or its after-a-comma twin ``groupc``)."""
    value = _int(match, group)
    return value if value is not None else _int(match, group + "c")


def _point(year: int, month: int | None = None, day: int | None = None) -> _Point:
    _check_point(year, month, day, f"{year}-{month}-{day}")
    return (year, month, day)


def _value(start: _Point, end: _Point | None = None) -> DateValue:
    if end is None:
        return DateValue(_format_point(start), _point_granularity(start))
    return DateValue(f"{_format_point(start)}/{_format_point(end)}", "range")


def _interpret(match: re.Match[str], text: str, context: _Context) -> _Reading:
    """Turn one regex match into a reading, or raise :class:`_Reject`."""
    form = match.lastgroup
    assert form is not None
    body_start = match.start(form)
    qual = match.group("qual")
    qualifier = _VAGUE_QUALIFIERS[qual.lower()] if qual else None
    prep = _preposition(match)
    separator = match.group(form + "_sep") if form in _RANGE_FORMS else None
    if separator is not None and separator.strip().lower() == "and" and prep != "between":
        raise _Reject("'X and Y' is two dates unless introduced by 'between'")
    if qualifier in {"early", "mid", "late"} and form in {"rdm", "rmd", "dmy", "mdy", "iso", "num"}:
        raise _Reject("early/mid/late qualify months and years, not days")
    reading = _READERS[form](match, text, context)
    start = body_start
    if qual:
        start = match.start("qual")
    if match.group("the") and (form in {"dec", "rel"} or (form == "dmy" and match.group("dmy_of"))):
        start = match.start("the")
    vague = reading.vague or qualifier is not None
    if qualifier is None and prep in _BOUNDING_PREPOSITIONS:
        qualifier = _BOUNDING_PREPOSITIONS[prep]
    return _Reading(
        date=reading.date,
        start=start,
        inferred=reading.inferred,
        relative=reading.relative,
        vague=vague,
        qualifier=qualifier or reading.qualifier,
    )


def _preposition(match: re.Match[str]) -> str | None:
    prep = match.group("prep")
    return " ".join(prep.lower().split()) if prep else None


def _need_year(context: _Context) -> int:
    year = context.year()
    if year is None:
        raise _Reject("no year in the text and no reference to take it from")
    return year


def _read_rdm(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _day_range(
        match,
        context,
        ("rdm_d1", "rdm_m1", "rdm_y1"),
        ("rdm_d2", "rdm_m2", "rdm_y2"),
    )


def _read_rmd(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _day_range(
        match,
        context,
        ("rmd_d1", "rmd_m1", "rmd_y1"),
        ("rmd_d2", "rmd_m2", "rmd_y2"),
    )


def _day_range(
    match: re.Match[str],
    context: _Context,
    first: tuple[str, str, str],
    second: tuple[str, str, str],
) -> _Reading:
    day1, day2 = cast(int, _int(match, first[0])), cast(int, _int(match, second[0]))
    name1, name2 = match.group(first[1]), match.group(second[1])
    month1 = _month_number(name1) if name1 else None
    month2 = _month_number(name2) if name2 else None
    month1, month2 = month1 or month2, month2 or month1
    assert month1 is not None and month2 is not None
    year1, year2 = _year_of(match, first[2]), _year_of(match, second[2])
    inferred = False
    if year1 is None and year2 is None:
        year1 = year2 = _need_year(context)
        inferred = True
    elif year2 is None:
        year2 = year1
    elif year1 is None:
        # "27 December – 3 January 2021": the first end is in the year before.
        year1 = year2 - 1 if (month1, day1) > (month2, day2) else year2
    assert year1 is not None and year2 is not None
    try:
        start, end = _point(year1, month1, day1), _point(year2, month2, day2)
        date = _value(start, end)
    except ValueError as error:
        raise _Reject(str(error)) from None
    return _Reading(date, 0, inferred=inferred)


def _read_rmy(match: re.Match[str], text: str, context: _Context) -> _Reading:
    month1, month2 = _month_number(match["rmy_m1"]), _month_number(match["rmy_m2"])
    year2 = cast(int, _year_of(match, "rmy_y2"))
    year1 = _year_of(match, "rmy_y1")
    if year1 is None:
        year1 = year2 - 1 if month1 > month2 else year2
    try:
        date = _value(_point(year1, month1), _point(year2, month2))
    except ValueError as error:
        raise _Reject(str(error)) from None
    qual2 = match.group("rmy_q2")
    qualifier = _VAGUE_QUALIFIERS[qual2.lower()] if qual2 else None
    return _Reading(date, 0, vague=qualifier is not None, qualifier=qualifier)


def _iso_point(match: re.Match[str], prefix: str) -> _Point:
    year = int(match[prefix + "y"])
    if not 1000 <= year <= 2099:
        raise _Reject("year out of range")
    month, day = int(match[prefix + "m"]), _int(match, prefix + "d")
    try:
        return _point(year, month, day)
    except ValueError as error:
        raise _Reject(str(error)) from None


def _read_riso(match: re.Match[str], text: str, context: _Context) -> _Reading:
    try:
        date = _value(_iso_point(match, "riso1"), _iso_point(match, "riso2"))
    except ValueError as error:
        raise _Reject(str(error)) from None
    return _Reading(date, 0)


def _read_ry(match: re.Match[str], text: str, context: _Context) -> _Reading:
    _refuse_identifier(match, text)
    first = int(match["ry_y1"])
    if match.group("ry_yy") is not None:
        two = int(match["ry_yy"])
        if two > first % 100:
            second = first - first % 100 + two
        elif match["ry_dash"] == "-" and 1 <= two <= 12:
            return _Reading(_value(_point(first, two)), 0)  # ISO month: 2020-11
        else:
            raise _Reject("not a year range")
    else:
        second = int(match["ry_y2"])
        if _COUNT_RANGE_AFTER.match(text, match.start("ry_y1") + 4):
            raise _Reject("a range of counts")
    if second <= first:
        raise _Reject("a year range must run forwards")
    return _Reading(_value((first, None, None), (second, None, None)), 0)


def _read_rel(match: re.Match[str], text: str, context: _Context) -> _Reading:
    reference = context.reference
    if reference is None or reference.granularity == "range":
        raise _Reject("a relative date needs a single reference date")
    base = _parse_point(reference.value)
    unit: str
    offset = 0
    vague = False
    if match.group("rel_dir"):
        unit = match["rel_u1"].lower()
        offset = 1 if match["rel_dir"].lower() in {"next", "following"} else -1
        if not match.group("the"):
            raise _Reject("'next day' without 'the' is relative to the writing, not the text")
    elif match.group("rel_ba"):
        if not match.group("the"):
            raise _Reject("'the day before' needs 'the'")
        unit, offset = "day", 1 if match["rel_ba"].lower() == "after" else -1
    elif match.group("rel_same"):
        unit = match["rel_u2"].lower()
        if match["rel_same"].lower() == "same" and not match.group("the"):
            raise _Reject("'same day' needs 'the'")
    elif match.group("rel_le"):
        unit = match["rel_u3"].lower()
        vague = unit != "day"
    else:
        word = match["rel_n"].lower()
        count = _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)
        unit = match["rel_u4"].lower().rstrip("s")
        sign = 1 if match["rel_le2"].lower() == "later" else -1
        if unit == "week":
            unit, count = "day", count * 7
        offset = sign * count
    date = _shift(base, unit, offset)
    return _Reading(date, 0, inferred=True, relative=True, vague=vague)


def _shift(base: _Point, unit: str, offset: int) -> DateValue:
    year, month, day = base
    try:
        if unit == "day":
            if month is None or day is None:
                raise _Reject("a day offset needs a reference day")
            moved = dt.date(year, month, day) + dt.timedelta(days=offset)
            return _value((moved.year, moved.month, moved.day))
        if unit == "month":
            if month is None:
                raise _Reject("a month offset needs a reference month")
            index = year * 12 + month - 1 + offset
            return _value((index // 12, index % 12 + 1, None))
        return _value((year + offset, None, None))
    except (ValueError, OverflowError) as error:
        raise _Reject(str(error)) from None


def _read_iso(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _Reading(_value(_iso_point(match, "iso")), 0)


def _read_num(match: re.Match[str], text: str, context: _Context) -> _Reading:
    first, second, year = int(match["num_a"]), int(match["num_b"]), int(match["num_y"])
    readings: set[_Point] = set()
    for day, month in ((first, second), (second, first)):
        try:
            readings.add(_point(year, month, day))
        except ValueError:
            pass
    if not readings:
        raise _Reject("not a calendar date")
    if len(readings) > 1:
        if not context.answer:
            raise _Reject("day and month order is ambiguous")
        day, month = (first, second) if context.day_first else (second, first)
        return _Reading(_value((year, month, day)), 0)
    return _Reading(_value(readings.pop()), 0)


def _read_nummy(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _Reading(_value(_point(int(match["nummy_y"]), int(match["nummy_m"]))), 0)


def _read_dmy(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _day_month(match, context, int(match["dmy_d"]), match["dmy_m"], "dmy_y")


def _read_mdy(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _day_month(match, context, int(match["mdy_d"]), match["mdy_m"], "mdy_y")


def _day_month(
    match: re.Match[str], context: _Context, day: int, month_name: str, year_group: str
) -> _Reading:
    year = _year_of(match, year_group)
    inferred = year is None
    if year is None:
        year = _need_year(context)
    try:
        return _Reading(_value(_point(year, _month_number(month_name), day)), 0, inferred=inferred)
    except ValueError as error:
        raise _Reject(str(error)) from None


def _read_my(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _Reading(_value(_point(int(match["my_y"]), _month_number(match["my_m"]))), 0)


def _read_dec(match: re.Match[str], text: str, context: _Context) -> _Reading:
    decade = int(match["dec_y"])
    return _Reading(_value((decade, None, None), (decade + 9, None, None)), 0, vague=True)


def _read_yr(match: re.Match[str], text: str, context: _Context) -> _Reading:
    _refuse_identifier(match, text)
    end = match.end("yr_y")
    if _preposition(match) is None and _in_a_name(match["yr_y"], text, end):
        raise _Reject("a year inside a name")
    if _COUNT_RANGE_AFTER.match(text, end):
        raise _Reject("a range of counts")
    plural = _PLURAL_AFTER.match(text, end)
    if plural and _looks_plural(plural[1]):
        prep = _preposition(match)
        if prep not in _TEMPORAL_PREPOSITIONS and not match.group("qual"):
            raise _Reject("a number followed by a plural noun is a count")
    return _Reading(_value((int(match["yr_y"]), None, None)), 0)


# "2019-nCoV": a year joined to letters by a hyphen ("1945-present" is a range).
_JOINED_TO_LETTERS = re.compile(r"-(?!(?:present|now|today)\b)[A-Za-z]")
# "coronavirus disease 2019 (COVID-19)": a year its own abbreviation repeats.
_ABBREVIATED_AFTER = re.compile(r"\s*\(\s*[A-Z][\w.-]*?(\d{2,4})\s*\)")


def _in_a_name(year: str, text: str, end: int) -> bool:
    """Whether a bare year belongs to a name rather than dating something."""
    if _JOINED_TO_LETTERS.match(text, end):
        return True
    abbreviation = _ABBREVIATED_AFTER.match(text, end)
    return abbreviation is not None and year.endswith(abbreviation[1])


def _looks_plural(word: str) -> bool:
    word = word.lower()
    return (
        word not in _NOT_PLURAL
        and not word.endswith(("ss", "us", "is", "'s", "ics"))
        and len(word) > 3
    )


def _refuse_identifier(match: re.Match[str], text: str) -> None:
    start = match.start(cast(str, match.lastgroup))
    before = text[max(0, start - 16) : start]
    if _IDENTIFIER_BEFORE.search(before) or _ACRONYM_BEFORE.search(before):
        raise _Reject("an identifier number, not a year")


def _read_mon(match: re.Match[str], text: str, context: _Context) -> _Reading:
    name = match["mon_m"]
    qual = match.group("qual")
    prep = _preposition(match)
    if context.answer:
        # A lone month is an answer only when it is the whole answer ("November").
        if match.start() != 0 or match.end() != len(text):
            raise _Reject("a month name inside a longer answer")
    elif qual is None:
        if prep is None or _month_number(name) == 5:
            raise _Reject("a bare month needs a preposition (and 'May' a qualifier)")
    year = _need_year(context)
    return _Reading(_value((year, _month_number(name), None)), 0, inferred=True)


_READERS = {
    "rdm": _read_rdm,
    "rmd": _read_rmd,
    "rmy": _read_rmy,
    "riso": _read_riso,
    "ry": _read_ry,
    "rel": _read_rel,
    "iso": _read_iso,
    "num": _read_num,
    "nummy": _read_nummy,
    "dmy": _read_dmy,
    "mdy": _read_mdy,
    "my": _read_my,
    "dec": _read_dec,
    "yr": _read_yr,
    "mon": _read_mon,
}


def _scan(
    text: str,
    context: _Context,
    pattern: re.Pattern[str],
    single: re.Pattern[str],
    *,
    follow: bool,
) -> list[DateMention]:
    mentions: list[DateMention] = []
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return mentions
        reading: _Reading | None = None
        try:
            reading = _interpret(match, text, context)
        except _Reject:
            if match.lastgroup not in _RANGE_FORMS:
                position = match.end()
                continue
            # Not a range after all: read what stands at its start on its own, or else
            # look again just after that start ("on 19 and 20 September 2023").
            shorter = single.match(text, match.start())
            try:
                if shorter is None:
                    raise _Reject("nothing at the start of the range")
                reading = _interpret(shorter, text, context)
                match = shorter
            except _Reject:
                position = match.start() + 1
                continue
        position = match.end()
        prep = _preposition(match)
        mentions.append(
            DateMention(
                start=reading.start,
                end=match.end(),
                text=text[reading.start : match.end()],
                date=reading.date,
                inferred=reading.inferred,
                relative=reading.relative,
                vague=reading.vague,
                qualifier=reading.qualifier,
                preposition=prep,
                phrase_start=match.start("prep") if prep else reading.start,
            )
        )
        # Later year-less dates take their year from this one, vague or not ("in early
        # November 2020 ... on November 9"), but not from a bare year used as a modifier
        # ("since the 1994 ceasefire ... on April 5"), which dates something else.
        # A "since" date looks back from the narrative ("a blockade since December 2022").
        # ", 2020" is what is left of a full date whose day and month were stripped: it
        # still sets the year of what follows.
        remnant = text[max(0, reading.start - 3) : reading.start].rstrip().endswith(",")
        bare_year = reading.date.granularity == "year" and prep is None and not remnant
        modifier = bare_year or prep == "since"
        if follow and not reading.relative and not modifier:
            context.reference = reading.date


def find_dates(text: str, reference: DateValue | None = None) -> list[DateMention]:
    """Find every date expression in a text.

    Args:
        text: English prose (a sentence, a paragraph, a whole document).
        reference: the date that year-less ("October 3") and relative ("the next day")
            expressions are resolved against. Inside ``text`` each exact date found
            becomes the reference for the expressions after it. Without a reference such
            expressions are skipped, never guessed.

    Returns:
        The mentions in text order, non-overlapping, the longest reading winning
        ("27 September – 10 November 2020" is one range, not two dates).
    """
    context = _Context(reference)
    return _shared_years(text, _scan(text, context, _TEXT_PATTERN, _TEXT_SINGLE, follow=True))


# "March 16 and April 18, 1978", "in March, April or May 1978": dates of one list
_LIST_JOIN = re.compile(r"\s*(?:,\s*)?(?:and|or|&)\s+|\s*,\s*")


def _shared_years(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Give a year-less date the year written once after it in a list of dates.

    "The votes came on March 16 and April 18, 1978": both are 1978, whatever year came
    before the sentence. A date that would then fall after the one holding the year
    lies in the year before ("December 28 and January 3, 1990").
    """
    for index in range(len(mentions) - 2, -1, -1):
        mention, following = mentions[index], mentions[index + 1]
        if (
            not mention.inferred
            or mention.relative
            or mention.vague
            or mention.date.granularity not in ("day", "month")
            or following.date.granularity not in ("day", "month", "year")
            or (following.inferred and following.relative)
            or not _LIST_JOIN.fullmatch(text, mention.end, following.start)
        ):
            continue
        year = int(following.date.start[:4])
        rest = mention.date.value[4:]
        try:
            shared = DateValue(f"{year:04d}{rest}", mention.date.granularity)
            if shared.sort_key() > following.date.sort_key():
                shared = DateValue(f"{year - 1:04d}{rest}", mention.date.granularity)
        except ValueError:
            continue  # "February 29" in a year without one
        mentions[index] = replace(mention, date=shared)
    return mentions


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_EDGE_PUNCTUATION = " \t\n\r\f\v.,;:!?\"'()[]{}«»“”‘’"


def parse_date_answer(
    text: str, *, day_first: bool = True, reference: DateValue | None = None
) -> DateValue | None:
    """Read a learner's whole typed answer as one date or range.

    Args:
        text: what the learner typed: "8 Nov 2020", "2020-11-08", "08/11/2020",
            "September 27 to November 10, 2020", "44 days, from ... to ...".
        day_first: how to read an ambiguous numeric date: 08/11/2020 is 8 November when
            true, August 11 when false. Unambiguous ones (25/12/2020) read either way.
        reference: the date the question expects, if known; a year-less answer
            ("8 November") takes its year from it. Without it such answers are None.

    Returns:
        The date, or None when the answer holds no date, two different dates that are
        not one range, or is longer than :data:`MAX_ANSWER_LENGTH` characters.
    """
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if len(stripped) > MAX_ANSWER_LENGTH:
        return None
    cleaned = _CONTROL.sub(" ", stripped).strip(_EDGE_PUNCTUATION)
    if not cleaned:
        return None
    context = _Context(reference, answer=True, day_first=day_first)
    mentions = _scan(cleaned, context, _ANSWER_PATTERN, _ANSWER_SINGLE, follow=False)
    values = {mention.date for mention in mentions}
    if len(values) != 1:
        return None
    return values.pop()

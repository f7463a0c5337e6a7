"""Wrong choices for a choice question: dates a learner who knows the story can rule out.

A choice question asks whether the learner knows when an event happened in the story, so
its wrong options are the dates of other events of the same story: the same section
first, then the same chapter, then the rest of the document, nearest in time first, at
the answer's granularity (a day's month is a month of the story, a month's year a year of
it). :data:`OPTION_RULES` says why a date is not offered (it is the answer written
another way, the document gives it for the same or a similar event, it lies on the wrong
side of a date the question shows) and :data:`SET_RULES` why options are not offered
together: they never make a grid a learner could guess in (days a week apart at least,
no four months or four years in a row, the answer never the odd one out), and the
answer's place among them, in time order, is drawn evenly. A year, a range of years, a
decade or a century may be filled in with shifted copies of the answer (readers tell
neighbouring years apart, short of four in a row); a day or a month never is ("June 7,
14, 21 or 28?" asks for a day nobody learns). Where three such dates cannot be found,
:meth:`DistractorPool.choices` returns none, and the writer may ask the month of a day
instead, saying so in its prompt (:func:`coarser_question`).
"""

from __future__ import annotations

import bisect
import math
import random
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import combinations
from typing import Literal

from question_bank.chronology import Rule, first_failing
from question_bank.dates import DateValue, find_dates

__all__ = [
    "Day",
    "DistractorPool",
    "OPTION_RULES",
    "SET_RULES",
    "SHOWN_SET_RULES",
    "Allowance",
    "Candidate",
    "KnownDate",
    "Limits",
    "ShownOptions",
    "Side",
    "coarser",
    "coarser_question",
    "cycle_named_after",
    "interval",
    "overlaps",
    "recurring_cycles",
    "section_windows",
    "strictly_ordered",
    "visible_limits",
]

Side = Literal["both", "before", "after"]
# A calendar day as (year, month, day); comparisons between them are comparisons in time.
Day = tuple[int, int, int]

# How many of the document's dates a section needs before the span of time they cover
# says where its wrong choices should lie.
MIN_WINDOW_FACTS = 3
# Options of a day question lie this many days apart or more: two events of one week
# are told apart by knowing the story to the day, which nobody is asked to.
MIN_DAYS_APART = 7
# How far from the answer, in rough days (years of 372), a date of the document may lie
# to be offered, by the unit the answer is written in: an option decades away is ruled
# out by knowing roughly when the story happens, not by knowing the story. A year more
# than ten years off belongs to another generation of the story, another reign or war
# ("1688" for what Charles II did in 1669, sixteen years before he died; "1952" for a
# 1941 campaign of a 1942 battle): nearer years shifted from the answer serve better.
# A decade more than five decades off, a century more than three centuries off, is
# another age ("the 270s BC" beside the 1870s for a canal's debts): shifted copies of the
# answer serve there too.
MAX_DISTANCE = {
    "day": 2 * 372,
    "month": 3 * 372,
    "year": 10 * 372,
    "decade": 50 * 372,
    "century": 300 * 372,
}
# How many of a source's (the section's, the chapter's, the document's) dates are looked
# at on either side of the answer, and how many candidates on either side are weighed.
SCAN = 24
WEIGH = 6

# Where a wrong choice comes from, best first.
SAME_SECTION, SAME_CHAPTER, IN_WINDOW, ELSEWHERE, SHIFTED = range(5)
# The units whose wrong choices may be shifted copies of the answer: a year, a range of
# years, a decade, a century (a range of days or months moved by weeks or months is the
# guessing grid that a day or a month would be).
_SHIFTABLE = frozenset({"year", "decade", "century"})


@dataclass(frozen=True)
class KnownDate:
    """A date the document gives for one of its events, and where it tells it.

    Attributes:
        value: the date.
        section: the section of the sentence or table that gives it.
        chapter: the heading above that section at the top levels (the section itself
            when it is one).
    """

    value: DateValue
    section: str = ""
    chapter: str = ""


def coarser(value: DateValue) -> DateValue | None:
    """The month of a day, the year of a month; None for anything else."""
    year, month, day = value.sort_key()
    if value.granularity == "day":
        return DateValue.from_parts(year, month)
    if value.granularity == "month":
        return DateValue.from_parts(year)
    return None


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


@dataclass(frozen=True)
class Limits:
    """Where wrong choices may lie: after ``earliest``, before ``latest``, inside
    ``within``, not wholly before the day ``since`` (the first day of the document's
    subject, for an answer after it), a whole number of ``period`` years from a year
    answer (the cycle of a recurring event, :func:`recurring_cycles`), on the answer's
    side of the ``pivot`` (the first and last day of the one-day event the document is
    about, :func:`question_bank.facts.subject_day`), on the answer's side of the ``span``
    or inside it with the answer (the first and last day of the lasting event the document
    is about, :func:`question_bank.facts.subject_span`), not wholly after the day ``died``
    (the last day of the life the document tells, for an answer in it,
    :func:`question_bank.facts.life_span`)."""

    earliest: DateValue | None = None
    latest: DateValue | None = None
    within: tuple[Day, Day] | None = None
    since: Day | None = None
    period: int | None = None
    pivot: tuple[Day, Day] | None = None
    span: tuple[Day, Day] | None = None
    died: Day | None = None


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
    for mention in find_dates(_PART_OF_MONTH.sub("", stem or ""), right):
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


# "stayed ... through the end of August": a part of a month named without its year is read
# as the month, which the finder reads in the answer's year ("through August"), so an
# option in September is refused for the day the stay began
_PART_OF_MONTH = re.compile(
    r"\b(?:the\s+(?:end|beginning|start|middle|close|turn)\s+of|early|late|mid-)\s*"
    r"(?=(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)"
)


# "the 1816 presidential election", "the 1936 Summer Olympics", "the 2014 FIFA World
# Cup": a year, up to two words, and the noun of an event held on a fixed cycle
_RECURRING = re.compile(
    r"\b(1\d{3}|20\d{2})\s+((?:[A-Z]*[a-z]*\s+){0,3}?)"
    r"(elections?|Olympics|Olympic\s+Games|World\s+Cup|census)\b"
)


def _cycle_key(match: re.Match[str]) -> str:
    """What names a recurring event: its noun and the lower-case words right before it
    ("presidential election" in "the 1792 United States presidential election")."""
    words = match.group(2).split()
    while words and not words[0].islower():
        words.pop(0)
    return " ".join([*words, match.group(3)]).lower()


# How many years of one recurring event the document must give to tell its cycle
MIN_CYCLE_YEARS = 3


def recurring_cycles(text: str) -> dict[str, int]:
    """The cycle, in years, of each recurring event the document names with its year:
    "the 1792 presidential election", "the 1796 ...", "the 1808 ...", "the 1816 ..."
    are four years apart or a multiple of it, so "presidential election" has a cycle of
    4. Only events given with MIN_CYCLE_YEARS years or more, whose years all lie a whole
    number of cycles (two years or more) apart."""
    years: dict[str, set[int]] = {}
    for match in _RECURRING.finditer(text):
        years.setdefault(_cycle_key(match), set()).add(int(match.group(1)))
    cycles: dict[str, int] = {}
    for name, found in years.items():
        if len(found) < MIN_CYCLE_YEARS:
            continue
        first, *rest = sorted(found)
        period = math.gcd(*(year - first for year in rest))
        if period >= 2:
            cycles[name] = period
    return cycles


def cycle_named_after(text: str, end: int) -> str | None:
    """The recurring event a year at ``end`` of ``text`` names ("_____ presidential
    election"), as :func:`recurring_cycles` keys it, or None."""
    match = _RECURRING.match(text, max(0, end - 4))
    return _cycle_key(match) if match and match.end(1) == end else None


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


@dataclass(frozen=True)
class Allowance:
    """What a question allows its wrong options: the answer, the dates it must not offer
    (read, and those that bar every date sharing a day with them), where they must lie."""

    right: DateValue
    named: frozenset[str]
    barred: tuple[DateValue, ...]
    side: Side
    year: int | None
    limits: Limits

    @classmethod
    def of(
        cls,
        right: DateValue,
        excluded: Sequence[str] = (),
        *,
        side: Side = "both",
        year: int | None = None,
        limits: Limits | None = None,
    ) -> Allowance:
        """What a question asking ``right`` allows (see :meth:`DistractorPool.choices`)."""
        # An excluded date bars every option sharing a day with it, unless it holds the
        # answer (a decade in view holding the year asked): then it bars itself only.
        read = [_read_value(value) for value in excluded]
        barred = tuple(value for value in read if value is not None and not _holds(value, right))
        return cls(right, frozenset(excluded), barred, side, year, limits or Limits())


@dataclass(frozen=True)
class Candidate:
    """A date that could be offered as a wrong option, and the question it is for."""

    value: DateValue
    ask: Allowance

    @property
    def first(self) -> Day:
        return interval(self.value)[0]

    @property
    def last(self) -> Day:
        return interval(self.value)[1]


def _across(option: Candidate, bounds: tuple[Day, Day]) -> bool | None:
    """For an answer wholly before ``bounds``, whether the option reaches them; for one
    wholly after, whether it reaches back to them; None for an answer that touches them."""
    first, last = interval(option.ask.right)
    if last < bounds[0]:
        return option.last >= bounds[0]
    if first > bounds[1]:
        return option.first <= bounds[1]
    return None


def _across_the_pivot(option: Candidate) -> bool:
    """An answer wholly before the document's one-day event refuses options that reach
    it; an answer wholly after it, options that reach back to it; an answer that holds
    it (the event's own day, its month, its year) refuses none."""
    pivot = option.ask.limits.pivot
    return pivot is not None and bool(_across(option, pivot))


def _outside_the_span(option: Candidate) -> bool:
    """An answer inside the document's lasting event (a war, a battle) refuses options
    that do not reach into it, and so does a shorter answer that reaches past one end of it
    ("November 2020" for a war that ended on 10 November): whoever knows when the war was
    fought strikes out "June 2020" and "February 2021" for an "early ___" of a war fought
    from September to November 2020. An answer wholly before it refuses options that
    reach it ("2021" for a pre-war budget), an answer wholly after it options that reach
    back to it; an answer longer than the part of it it holds (the year 1942 of a battle
    from August 1942 to February 1943) refuses none."""
    span = option.ask.limits.span
    if span is None:
        return False
    across = _across(option, span)
    if across is not None:
        return across
    first, last = interval(option.ask.right)
    if _within(first, last, span) or (
        _shorter(option.ask.right, span) and not (first <= span[0] and span[1] <= last)
    ):
        return option.last < span[0] or option.first > span[1]
    return False


def _within(first: Day, last: Day, span: tuple[Day, Day]) -> bool:
    return span[0] <= first and last <= span[1]


def _shorter(value: DateValue, span: tuple[Day, Day]) -> bool:
    """A date that covers less time than the span: "November 2020" against a war that
    ended on 10 November 2020 is a month of the war, "1942" against a battle from August
    1942 to February 1943 a year that holds more than its part of the battle."""
    first, last = interval(value)
    return _ordinal_day(last) - _ordinal_day(first) < _ordinal_day(span[1]) - _ordinal_day(span[0])


def _ordinal_day(day: Day) -> int:
    return day[0] * 372 + day[1] * 31 + day[2]


def _out_of_length(option: Candidate) -> bool:
    length = _length(option.ask.right)
    return length is not None and not 1 / 3 <= (_length(option.value) or 0) / length <= 3


def _next_to_the_answer(option: Candidate) -> bool:
    """A year one year from a year answer, a month one month from a month answer: where
    the world's own dating of an event differs from the document's (a rebellion across a
    new year, a film made in one year and released the next, a treaty signed and then
    ratified, a moratorium from the last day of a month), so a learner who knows the
    event may rightly pick it."""
    unit = _unit_name(option.ask.right)
    if unit not in _ADJACENT_UNITS or _unit_name(option.value) != unit:
        return False
    if option.ask.right.granularity == "range" or option.value.granularity == "range":
        return False
    step = _month_number if unit == "month" else _year_number
    return abs(step(option.value) - step(option.ask.right)) == 1


def _year_number(value: DateValue) -> int:
    """The year counted without a gap at the era: 1 BC (-1) lies next to AD 1."""
    year = value.sort_key()[0]
    return year + 1 if year < 0 else year


def _month_number(value: DateValue) -> int:
    return _year_number(value) * 12 + value.sort_key()[1]


# The units whose neighbouring date is refused as a wrong option (see _next_to_the_answer):
# a decade or a century is no date the world dates otherwise by one step, and days are
# already a week apart.
_ADJACENT_UNITS = frozenset({"year", "month"})


def _true_too(option: Candidate) -> bool:
    right_first, right_last = interval(option.ask.right)
    if option.ask.side == "before":
        return option.last >= right_first
    if option.ask.side == "after":
        return option.first <= right_last
    return False


# Every reason a date is not offered as a wrong option, in the order they are tried.
OPTION_RULES: tuple[Rule[Candidate], ...] = (
    Rule(
        "shares_the_answer",
        "shares a day with the answer: a right answer too",
        lambda o: overlaps(o.value, o.ask.right),
    ),
    Rule(
        "excluded",
        "a date the document gives for the same or a similar event, or one in view",
        lambda o: (
            o.value.value in o.ask.named or any(overlaps(o.value, other) for other in o.ask.barred)
        ),
    ),
    Rule(
        "outside_shown_date",
        "outside the date the question shows the answer in ('In October 1961 ... _____')",
        lambda o: (
            o.ask.limits.within is not None
            and not (o.ask.limits.within[0] <= o.first and o.last <= o.ask.limits.within[1])
        ),
    ),
    Rule(
        "outside_named_year",
        "outside the year the question names ('On what date in 2020')",
        lambda o: (
            o.ask.year is not None
            and not o.value.sort_key()[0] == o.ask.year == o.value.end_key()[0]
        ),
    ),
    Rule(
        "before_shown_date",
        "not after a date the question shows before the answer",
        lambda o: (
            o.ask.limits.earliest is not None and o.first <= interval(o.ask.limits.earliest)[1]
        ),
    ),
    Rule(
        "after_shown_date",
        "not before a date the question shows after the answer",
        lambda o: o.ask.limits.latest is not None and o.last >= interval(o.ask.limits.latest)[0],
    ),
    Rule(
        "before_the_subject",
        "before the document's subject began, for an answer after it ('1993' for a "
        "tournament of a game released in 1996, 'July 2018' for videos of a game released "
        "in October 2018): ruled out by knowing what the document is about",
        lambda o: o.ask.limits.since is not None and o.last < o.ask.limits.since,
    ),
    Rule(
        "across_the_subjects_day",
        "on the other side of the one-day event the document is about ('September 21, "
        "2001' for what a hijacker did before the crash of September 11, 2001; '2000' for "
        "a burial after it): ruled out by knowing what the document is about",
        _across_the_pivot,
    ),
    Rule(
        "outside_the_subjects_span",
        "on the other side of the lasting event the document is about, or outside it for "
        "an answer inside it ('2021' for a budget before a war fought in 2020, 'June 2020' "
        "for its early weeks): ruled out by knowing when the document's event happened",
        _outside_the_span,
    ),
    Rule(
        "after_the_subjects_death",
        "after the death of the person the document is a life of, for an answer in their "
        "life ('March 1971' for where Janis Joplin stayed in September 1970; she died in "
        "October 1970): ruled out by knowing when the person lived",
        lambda o: o.ask.limits.died is not None and o.first > o.ask.limits.died,
    ),
    Rule(
        "off_the_cycle",
        "a year off the cycle of a recurring event ('the 1813 presidential election' for "
        "one held every four years, 1816): ruled out by knowing the cycle",
        lambda o: (
            o.ask.limits.period is not None
            and o.value.granularity == o.ask.right.granularity == "year"
            and (o.value.sort_key()[0] - o.ask.right.sort_key()[0]) % o.ask.limits.period != 0
        ),
    ),
    Rule(
        "range_of_other_length",
        "a range a third as long as the answer's or three times as long",
        _out_of_length,
    ),
    Rule(
        "next_to_the_answer",
        "one year from a year answer or one month from a month answer: where the world "
        "often dates the event otherwise (across a new year, made and released, signed "
        "and ratified), a right answer too",
        _next_to_the_answer,
    ),
    Rule(
        "true_beyond_bound",
        "on the side of a bound where it is true too ('since 1999': any later year)",
        _true_too,
    ),
)


def _same_display(options: Sequence[DateValue]) -> bool:
    return len({value.display() for value in options}) != len(options)


def _days_within_a_week(options: Sequence[DateValue]) -> bool:
    if options[0].granularity != "day":
        return False
    numbers = sorted(map(_day_number, options))
    return any(b - a < MIN_DAYS_APART for a, b in zip(numbers, numbers[1:], strict=False))


def _consecutive_months(options: Sequence[DateValue]) -> bool:
    if options[0].granularity != "month":
        return False
    months = sorted(value.year * 12 + value.sort_key()[1] for value in options)
    return months[-1] - months[0] == len(months) - 1


def _consecutive_years(options: Sequence[DateValue]) -> bool:
    """Four years in a row ("1911, 1912, 1913 or 1914?"): whoever knows roughly when
    the event happened still has to guess, as in a run of months."""
    if options[0].granularity != "year":
        return False
    years = sorted(value.year for value in options)
    return years[-1] - years[0] == len(years) - 1


def _consecutive_weeks(options: Sequence[DateValue]) -> bool:
    """Four days a week apart in a row ("November 22, November 29, December 6 or December
    13, 2009?"): the weekly dates of a schedule, games or broadcasts, which nobody learns
    one by one, so a learner can only guess."""
    if options[0].granularity != "day":
        return False
    days = sorted(map(_day_number, options))
    return all(b - a == 7 for a, b in zip(days, days[1:], strict=False))


def _answer_stands_apart(options: Sequence[DateValue]) -> bool:
    """The answer lies first or last, as far from the nearest option as the other three
    lie from one another or farther: "1974, 1975, 1976 or 1992?" and "1969, 1971, 1972
    or 1973?" are answered by picking the odd one out (with no option next to the
    answer, the others gather on one side of it more often)."""
    answer, others = _ordinal(options[0]), sorted(map(_ordinal, options[1:]))
    if others[0] < answer < others[-1]:
        return False
    gap = min(abs(answer - others[0]), abs(answer - others[-1]))
    return gap >= others[-1] - others[0]


# Every reason a set of options (the answer first) is not offered together.
SET_RULES: tuple[Rule[Sequence[DateValue]], ...] = (
    Rule("same_display", "two options read as the same date", _same_display),
    Rule(
        "overlapping_options",
        "two options share a time ('1843–1845' and '1844–1846'): ranges a learner cannot "
        "tell apart by knowing roughly when",
        lambda options: not strictly_ordered(options),
    ),
    Rule(
        "days_within_a_week",
        "two days less than a week apart: told apart only by knowing the day",
        _days_within_a_week,
    ),
    Rule(
        "consecutive_months",
        "four months in a row: a run a learner can only guess in",
        _consecutive_months,
    ),
    Rule(
        "consecutive_years",
        "four years in a row: a run a learner can only guess in",
        _consecutive_years,
    ),
    Rule(
        "consecutive_weeks",
        "four days a week apart in a row: a schedule a learner can only guess in",
        _consecutive_weeks,
    ),
    Rule(
        "answer_stands_apart",
        "the answer lies apart from three options close together: the odd one out",
        _answer_stands_apart,
    ),
)


@dataclass(frozen=True)
class ShownOptions:
    """A set of options (the answer first) and the dates the question shows around it."""

    options: Sequence[DateValue]
    limits: Limits


def _answer_next_to_shown_date(shown: ShownOptions) -> bool:
    """The question shows a date just before (or after) the answer, and the other options
    lie far beyond it: "sent on 19 June, arrived on 21 June, published on _____: 22 June,
    3 July, 15 July or 13 September?" is answered by picking the option nearest 21 June."""
    answer, *others = shown.options
    for anchor in (shown.limits.earliest, shown.limits.latest):
        if anchor is None:
            continue
        point = _ordinal(anchor) if anchor is shown.limits.latest else _end_ordinal(anchor)
        near = abs(_ordinal(answer) - point)
        if 3 * near <= min(abs(_ordinal(other) - point) for other in others):
            return True
    return False


def _answer_is_the_subjects_year(shown: ShownOptions) -> bool:
    """The answer is the year the document's subject began, and every other option a
    later one: "Giant Bomb's _____ Game of the Year Awards" for a game released in 2018,
    among 2018, 2020, 2021 and 2023, is answered by knowing when the game came out (no
    earlier year can be right, and awards years after it are not what a reader weighs)."""
    since = shown.limits.since
    answer = shown.options[0]
    return (
        since is not None
        and answer.granularity == "year"
        and answer.sort_key()[0] == since[0]
        and all(interval(option)[0] > interval(answer)[1] for option in shown.options[1:])
    )


# Every reason a set of options is not offered with the dates the question shows.
SHOWN_SET_RULES: tuple[Rule[ShownOptions], ...] = (
    Rule(
        "answer_next_to_shown_date",
        "the answer lies next to a date the question shows, the other options far beyond it",
        _answer_next_to_shown_date,
    ),
    Rule(
        "answer_is_the_subjects_year",
        "the answer is the year the document's subject began and every other option a "
        "later year: picked by knowing when the subject began",
        _answer_is_the_subjects_year,
    ),
)


class DistractorPool:
    """The document's dates, at each granularity and in time order, by section, chapter
    and for the whole document, to draw wrong choices from."""

    def __init__(self, known: Sequence[KnownDate]) -> None:
        self._chapters = {told.section: told.chapter for told in known}
        # (granularity or range shape, "section" | "chapter" | "document", its name)
        lists: dict[tuple[str, str, str], set[DateValue]] = {}
        for told in known:
            for value in _as_story_dates(told.value):
                key = _source_key(value)
                lists.setdefault((key, "document", ""), set()).add(value)
                lists.setdefault((key, "section", told.section), set()).add(value)
                lists.setdefault((key, "chapter", told.chapter), set()).add(value)
        self._lists = {
            where: sorted((_ordinal(value), value) for value in values)
            for where, values in lists.items()
        }
        # The last day the document tells of: it was written after it, so a shifted copy
        # of the answer later than that ("2026" for an offensive of 2023 in a document
        # whose last date is 2025) is no year of the story.
        self._last = max((interval(told.value)[1] for told in known), default=None)

    def choices(
        self,
        seed: str,
        right: DateValue,
        excluded: Sequence[str],
        *,
        side: Side = "both",
        year: int | None = None,
        limits: Limits | None = None,
        section: str = "",
        window: tuple[Day, Day] | None = None,
    ) -> tuple[str, ...]:
        """Three wrong dates of other events of the story, plus the right one.

        Args:
            seed: seeds the choice of distractors, so a rebuild gives the same.
            right: the answer.
            excluded: dates that must not be offered, nor any date that shares a day
                with them (disputed, similar events, dates in view).
            side: for a bound ("since 1999") only dates on the open side are wrong.
            year: keep every option in this year (the prompt says "in 2020").
            limits: where the options must lie (see :func:`visible_limits`).
            section: the question's section; dates its own section and chapter give
                come first.
            window: the span of time the question's section covers; of the rest of the
                document's dates, those inside it come first.

        Returns:
            The four options in a seeded order, or () when three cannot be found.
        """
        rng = random.Random(seed)
        ask = Allowance.of(right, excluded, side=side, year=year, limits=limits)
        here = _ordinal(right)
        reach = MAX_DISTANCE.get(_unit_name(right))
        found: dict[str, tuple[int, DateValue]] = {}
        key = _source_key(right)
        chapter = self._chapters.get(section, section)
        sources = [(SAME_SECTION, ("section", section))]
        if chapter != section:
            sources.append((SAME_CHAPTER, ("chapter", chapter)))
        sources.append((ELSEWHERE, ("document", "")))
        for tier, where in sources:
            for value in self._near(self._lists.get((key, *where), []), here, reach):
                if value.value in found or first_failing(OPTION_RULES, Candidate(value, ask)):
                    continue
                inside = tier == ELSEWHERE and window is not None and _inside(value, window)
                found[value.value] = (IN_WINDOW if inside else tier, value)
        if _unit_name(right) in _SHIFTABLE:
            for shifted in _shifts(right, rng):
                if self._last is not None and interval(shifted)[0] > self._last:
                    continue
                if shifted.value not in found and not first_failing(
                    OPTION_RULES, Candidate(shifted, ask)
                ):
                    found[shifted.value] = (SHIFTED, shifted)
        weighed = list(found.values())
        rng.shuffle(weighed)  # ties fall in a seeded order, not the text's
        weighed.sort(key=lambda entry: (entry[0], abs(_ordinal(entry[1]) - here)))
        ranked = [value for _, value in weighed]
        first, last = interval(right)
        before = [value for value in ranked if interval(value)[1] < first]
        after = [value for value in ranked if interval(value)[0] > last]
        picked = _pick(right, before[:WEIGH], after[:WEIGH], rng, ask.limits)
        if picked is None:
            return ()
        options = [right.display(), *(value.display() for value in picked)]
        rng.shuffle(options)
        return tuple(options)

    @staticmethod
    def _near(
        dates: Sequence[tuple[int, DateValue]], here: int, reach: int | None
    ) -> Iterator[DateValue]:
        """The dates of a time-ordered list nearest ``here``, at most SCAN on either side
        and none farther than ``reach``."""
        middle = bisect.bisect_left(dates, here, key=lambda pair: pair[0])
        for side in (
            range(middle - 1, max(-1, middle - 1 - SCAN), -1),
            range(middle, middle + SCAN),
        ):
            for index in side:
                if index >= len(dates):
                    break
                ordinal, value = dates[index]
                if reach is not None and abs(ordinal - here) > reach:
                    break
                yield value


# How a typed question opens for a granularity, and how it opens one step coarser.
_COARSER_OPENING = {
    "day": ("On what date ", "In what month and year ", "In what month "),
    "month": ("In what month and year ", "In what year ", None),
}


def coarser_question(prompt: str, value: DateValue) -> tuple[str, DateValue] | None:
    """The typed question asked one step coarser, for a choice: "On what date did ...?"
    as "In what month and year did ...?" with the month for its answer, "In what month
    and year ...?" as "In what year ...?". A question naming its year ("On what date in
    2020 did") keeps it ("In what month in 2020 did"); one naming its year for a month
    cannot ask the year. None when the prompt opens otherwise ("By what date")."""
    openings = _COARSER_OPENING.get(value.granularity)
    coarse = coarser(value)
    if openings is None or coarse is None or not prompt.startswith(openings[0]):
        return None
    rest = prompt[len(openings[0]) :]
    if not rest.startswith("in "):
        return openings[1] + rest, coarse
    return (openings[2] + rest, coarse) if openings[2] else None


def _as_story_dates(value: DateValue) -> Iterator[DateValue]:
    """A date the story gives, and the coarser dates it gives with it: a day is also a
    month and a year of the story, a month a year of it."""
    coarse: DateValue | None = value
    while coarse is not None:
        yield coarse
        coarse = coarser(coarse)


def _unit_name(value: DateValue) -> str:
    """The unit a date is written in: "day", "month" or "year" (a range's start's);
    a decade's or a century's own name."""
    if value.granularity in {"decade", "century"}:
        return value.granularity
    return ("year", "month", "day")[sum(map(bool, value.sort_key()[1:]))]


def _source_key(value: DateValue) -> str:
    """Which list a date is drawn from: its granularity, and a range's shape too."""
    if value.granularity != "range":
        return value.granularity
    start, end = value.sort_key(), value.end_key()
    return f"range:{sum(map(bool, start[1:]))}:{sum(map(bool, end[1:]))}"


def _read_value(value: str) -> DateValue | None:
    try:
        return DateValue.parse_iso(value)
    except ValueError:
        return None


def _holds(outer: DateValue, inner: DateValue) -> bool:
    (first, last), (inner_first, inner_last) = interval(outer), interval(inner)
    return first <= inner_first and inner_last <= last


def _inside(value: DateValue, window: tuple[Day, Day]) -> bool:
    first, last = interval(value)
    return first <= window[1] and window[0] <= last


def _pick(
    right: DateValue,
    before: Sequence[DateValue],
    after: Sequence[DateValue],
    rng: random.Random,
    limits: Limits | None = None,
) -> list[DateValue] | None:
    """Three wrong options, best ranked first, with as many before the answer as a fair
    draw says: every place of the answer among the options in time order is as likely
    as any other the candidates allow."""
    counts = [k for k in range(4) if k <= len(before) and 3 - k <= len(after)]
    rng.shuffle(counts)
    for count in counts:
        for early in combinations(before, count):
            for late in combinations(after, 3 - count):
                chosen = [*early, *late]
                if not first_failing(SET_RULES, [right, *chosen]) and not first_failing(
                    SHOWN_SET_RULES, ShownOptions((right, *chosen), limits or Limits())
                ):
                    return chosen
    return None


@lru_cache(maxsize=65536)
def _day_number(value: DateValue) -> int:
    return value.day_number()


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

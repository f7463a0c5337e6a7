"""Find temporal expressions in English text and normalise them.

A date is normalised to a :class:`DateValue` (``question_bank.datevalue``): an ISO-like
string at the granularity the text gives (``2020``, ``2020-11``, ``2020-11-08``, ``-0044``
for 44 BC), a range of two such ends (``2020-09-27/2020-11-10``, ``-0100/-0044``), a
decade (``1990/1999``) or a century (``-0300/-0201``). Nothing is invented: a month or
day the text does not give is never filled in, a year is taken only from an explicit
reference, and bare numbers that merely look like years (counts, weapon names,
resolution numbers) are left alone.

Every era and form a history text uses is read: "44 BC", "AD 43", "100–44 BC",
"27 BC – AD 14", "c. 1200", "the 3rd century BC", "the early 1990s", "the winter of
1805–06", Old Style and New Style double dates ("11 February 1688/89", "7 November
(25 October, O.S.) 1917") and the markers of a life or reign ("r. 1199–1216", "born
1934"). A date the text gives only roughly is marked :attr:`DateMention.approximate`
and is never to be asked as exact.

The finder is one precompiled regular expression (plus a handful of small look-around
checks per candidate), so scanning stays linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final, Literal, cast

from question_bank.datevalue import (
    GRANULARITIES,
    MONTH_NAMES,
    DateValue,
    Granularity,
    Point,
    format_point,
    make_point,
    parse_point,
    point_granularity,
    shift_point,
    shift_year,
    year_text,
)
from question_bank.datevalue import gregorian_day_number as _gregorian_day
from question_bank.datevalue import julian_day_number as _julian_day

__all__ = [
    "CALENDAR_WORDS",
    "GRANULARITIES",
    "MONTH_NAMES",
    "DateMention",
    "DateValue",
    "Granularity",
    "Role",
    "Style",
    "find_dates",
    "parse_date_answer",
    "year_text",
]

# Month and weekday names and the months' abbreviations, lower case: words that are
# capitalized without being names ("in April", "Oct").
CALENDAR_WORDS: Final = frozenset(
    {name.lower() for name in MONTH_NAMES}
    | {name[:3].lower() for name in MONTH_NAMES}
    | {"sept", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)

# Answers longer than this (after stripping) are not dates; it also bounds the work.
MAX_ANSWER_LENGTH: Final = 200

Style = Literal["old", "new"]
Role = Literal["born", "died", "reign", "floruit"]


@dataclass(frozen=True)
class DateMention:
    """One temporal expression found in a text.

    Attributes:
        start: offset of the expression in the searched text (after any preposition).
        end: offset just past the expression.
        text: ``text[start:end]``.
        date: the normalised date; for an Old Style and New Style pair, the New Style
            date.
        inferred: part of the date (the year, or all of it for a relative expression)
            comes from the reference, not from the expression itself.
        relative: a relative expression ("the next day") resolved against the reference.
        vague: a fuzzy date ("early 2021", "mid-October", "the 1990s", "around 1990",
            "the 12th century", "summer 1942"); every approximate date is vague.
        qualifier: the vague or bounding word: ``early``, ``mid``, ``late``, ``around``
            (also for "about", "c.", "ca.", "circa", "approximately", "roughly"),
            ``before``/``after`` (also for "pre-"/"post-"), or the bounding preposition
            ``by``, ``until``, ``since``.
        preposition: the preposition directly before the expression, lower-cased
            ("on", "in", "by", "from", "between", ...), not part of ``text``.
        phrase_start: where the preposition starts; ``start`` when there is none.
        approximate: the text gives the date only roughly, so it must never be asked
            as an exact date: "c. 1200", "about 1890", "the early 1990s", "the mid-19th
            century", "the 14th–16th centuries", "in 69 or 68 BC", "fl. 1200".
        anchors: whether a later year-less date may take its year from this one; not
            an approximate date, a decade, a century, or a winter of one written year.
        season: the season words before a year ("winter", "spring and summer"),
            lower-cased. The mention is then the year alone, exact ("In the spring of
            1982": ``1982``; "the winter of 1805–06": ``1805/1806``); the season words,
            their preposition and qualifier stay in the sentence.
        season_months: the months the season covers, approximate (northern
            meteorological seasons): ``1982-03/1982-05``, ``1805-12/1806-02`` (so an
            "April 1" after it is in 1806); None for a winter of one written year,
            whose months may fall in that year or the next.
        also: the same moment in the other calendar or year count the text gives, to
            be accepted as well: the Old Style date of an O.S./N.S. pair ("25 October"
            in "7 November (25 October, O.S.) 1917"), the year as written of a dual
            year ("11 February 1688" in "11 February 1688/89"), the proleptic Gregorian
            date given beside an ancient one.
        style: ``new`` when :attr:`date` is the New Style date of a pair the text
            gives; ``old`` when the text gives the date in the Old Style only ("25
            October 1917 (O.S.)"): it stays as written, its year counted from 1 January.
        role: what the text says the date is of a person: ``born``, ``died``,
            ``reign`` ("r. 1199–1216", "reigned"), ``floruit`` ("fl. 1200", also
            approximate).
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
    approximate: bool = False
    anchors: bool = True
    season: str | None = None
    season_months: DateValue | None = None
    also: DateValue | None = None
    style: Style | None = None
    role: Role | None = None

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
# on, in, into, by, between, before, from, since, during, till, through(out), until,
# after, as of: written as a tree of first letters, which the engine tries far faster.
_PREPOSITIONS = (
    r"on|in(?:to)?|b(?:y|e(?:tween|fore))|from|since|during|t(?:ill|hrough(?:out)?)|until|"
    r"after|as\s+of"
)
# Words before a date that make it vague; "about", "c." and their kin make it approximate.
_QUALIFIERS = r"early|mid|late|a(?:round|bout|pproximately)|roughly|c(?:irca|a?\.)|p(?:re|ost)"
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
# An era after a year ("44 BC", "44 B.C.", "44 BCE", "43 AD", "43 CE") or before it ("AD 43").
_ERA_AFTER = r"(?=[ABC])(?:B\.\s?C\.?(?:\s?E\.?)?|BCE|BC|A\.\s?D\.?|AD|C\.\s?E\.?|CE)(?!\w)"
_ERA_BEFORE = r"(?:A\.\s?D\.?|AD)"
# Markers of the calendar a date is given in: Old Style (Julian) or New Style (Gregorian).
_STYLE_MARK = (
    r"O\.\s?S\.?|N\.\s?S\.?|(?i:old\s+style|new\s+style|julian(?:\s+calendar)?|"
    r"gregorian(?:\s+calendar)?|greg\.|jul\.)"
)
_ORDINAL_NUMBERS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
}
_ORDINAL_WORDS = "|".join(sorted(_ORDINAL_NUMBERS, key=len, reverse=True))
_ORDINAL_STARTS = "|".join(sorted({word[:3] for word in _ORDINAL_NUMBERS}))
_SEASONS = r"[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter"
# The months a season covers (the northern hemisphere's meteorological seasons).
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}


def _build_pattern(*, answer: bool, ranges: bool) -> re.Pattern[str]:
    """Compile the finder: ``answer`` reads typed answers (case-insensitive, looser)."""

    def month(name: str) -> str:
        if answer:
            return rf"(?P<{name}>(?:{_MONTH_FULL}|{_MONTH_ABBR})\.?)(?![a-z])"
        # Month names must be capitalised in prose, so "forces may attack" is no date.
        return rf"(?P<{name}>{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)(?![a-z])"

    def day(name: str, *, either: str = "") -> str:
        """A day of the month; ``either`` ("before"/"after") also reads "12 or 13"."""
        number = r"(?:3[01]|[12]\d|0?[1-9])(?i:st|nd|rd|th)?"
        body = rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?i:st|nd|rd|th)?(?!\w|:\d|[.,]\d)"
        if either == "before":
            return rf"(?:(?P<{name}_alt>{number})\s+or\s+)?{body}"
        if either == "after":
            return rf"{body}(?:\s+or\s+(?P<{name}_alt>{number})(?!\w|:\d|[.,]\d))?"
        return body

    letters_after = "a-z" if not answer else "a-zA-Z"
    year_end = rf"(?![0-9{letters_after}_%]|[.,]\d|:\d|\s*%|\s*(?i:per\s*cent|percent)\b)"
    hyphen_unit = rf"(?!-(?i:{_UNIT_SINGULAR})\b)"
    # "1500 troops", "90 seconds"; "Second" is an ordinal ("the 1647–1648 Second English
    # Civil War")
    no_count = rf"(?!\s+(?!(?-i:Second)\b)(?i:{_UNITS})\b)"

    def year(name: str, *, counted: bool = True, era: bool = True) -> str:
        """A year 1000-2099 written alone (``counted`` also refuses one followed by a
        unit noun), or with ``era`` any year 1-9999 with its era ("44 BC", "AD 43")."""
        plain = rf"(?:1\d{{3}}|20\d{{2}}){year_end}{hyphen_unit}"
        if not era:
            return rf"(?P<{name}>{plain}{no_count if counted else ''})"
        era_after = rf"\d{{1,4}}+\s?{_ERA_AFTER}"
        era_before = rf"{_ERA_BEFORE}\s?\d{{1,4}}+(?![.,]?\d)"
        if not counted:
            return rf"(?P<{name}>{era_before}{no_count}|{era_after}|{plain})"
        # The unit test written once for both forms that take it: it is the longest
        # part of the pattern (a third of its compiling). "AD 43" and "44 BC" cannot
        # start at the same character, so trying "44 BC" first finds what the order
        # "AD 43", "44 BC", "1990" finds.
        return rf"(?P<{name}>{era_after}|(?:{era_before}|{plain}){no_count})"

    def month_year(prefix: str, *, required: bool) -> str:
        """The year after a month or day: "2020", ", 2020", "44 BC", "1688/89"."""
        dual = rf"(?:/(?P<{prefix}_dual>\d{{4}}|\d{{1,2}})(?![\d/]))?"
        dual_c = rf"(?:/(?P<{prefix}c_dual>\d{{4}}|\d{{1,2}})(?![\d/]))?"
        body = (
            rf"(?:\s+(?i:of\s+)?{year(prefix, counted=False)}{dual}"
            rf"|,\s*{year(prefix + 'c')}{dual_c})"
        )
        return body if required else f"(?:{body})?"

    def sep(name: str, *, slash: bool = False, either: bool = False) -> str:
        words = r"to|through|thru|until|till|and" + ("|or" if either and not answer else "")
        slash_part = r"|\s*/\s*" if slash else ""
        return rf"(?P<{name}>\s*[-–—]\s*|\s+(?i:{words})\s+{slash_part})"

    digit_start = r"(?<![\w.,/:$€£#\-–—])"
    month_start = r"(?<![A-Z0-9_])" if not answer else r"(?<![A-Za-z0-9_])"
    iso_sep = r"[-/.]" if answer else "-"
    qual_sep = r"(?:\s*-\s*|\s+|(?<=\.))"

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
    if not answer:
        # 25 October (7 November) 1917; 7 November [O.S. 25 October] 1917
        digit_forms.append(
            rf"(?P<ddm>(?=\d{{1,2}}(?i:st|nd|rd|th)?\s+\w+\.?\s*[(\[]){digit_start}{day('ddm_d1')}\s+{month('ddm_m1')}\s*[(\[]\s*"
            rf"(?:(?P<ddm_k1>{_STYLE_MARK})[\s,]*)?{day('ddm_d2')}\s+{month('ddm_m2')}"
            rf"(?:[\s,]*\^?\(?(?P<ddm_k2>{_STYLE_MARK})\)?)?\s*[)\]],?\s+"
            rf"{year('ddm_y', counted=False)})"
        )
        # October 25 (November 7), 1917
        word_forms.append(
            rf"(?P<dmd>(?=\w+\.?\s+\d{{1,2}}(?i:st|nd|rd|th)?\s*[(\[]){month_start}{month('dmd_m1')}\s+{day('dmd_d1')}\s*[(\[]\s*"
            rf"(?:(?P<dmd_k1>{_STYLE_MARK})[\s,]*)?{month('dmd_m2')}\s+{day('dmd_d2')}"
            rf"(?:[\s,]*\^?\(?(?P<dmd_k2>{_STYLE_MARK})\)?)?\s*[)\]],?\s+"
            rf"{year('dmd_y', counted=False)})"
        )
    if ranges:
        digit_forms += [
            # 27 September – 10 November 2020; 2–5 April 2016; 12 or 13 July 100 BC – ...
            rf"(?P<rdm>{digit_start}{day('rdm_d1', either='before')}(?:\s+(?i:of\s+)?"
            rf"{month('rdm_m1')}{month_year('rdm_y1', required=False)})?{sep('rdm_sep')}"
            rf"{day('rdm_d2')}\s+(?i:of\s+)?{month('rdm_m2')}"
            rf"{month_year('rdm_y2', required=False)})",
            # 2020-09-27/2020-11-10; 2020-09-27 to 2020-11-10
            rf"(?P<riso>{digit_start}{iso('riso1')}{sep('riso_sep', slash=True)}{iso('riso2')})",
            # 100–44 BC; 100 BC – 44 BC; 27 BC – AD 14; AD 43–45; 69 or 68 BC
            rf"(?P<rera>(?(qual)|{digit_start})(?:(?P<rera_ad1>{_ERA_BEFORE})\s?)?"
            rf"(?P<rera_n1>\d{{1,4}}+)(?:\s?(?P<rera_e1>{_ERA_AFTER}))?"
            rf"{sep('rera_sep', either=True)}(?:(?P<rera_ad2>{_ERA_BEFORE})\s?)?"
            rf"(?P<rera_n2>\d{{1,4}}+)(?![.,]?\d)(?:\s?(?P<rera_e2>{_ERA_AFTER}))?"
            r"(?(rera_ad1)|(?(rera_e1)|(?(rera_ad2)|(?(rera_e2)|(?!))))))",
            # 1991-1994; 1991–94; from 2011 to 2020; 2016/2017; 1990 or 1991
            rf"(?P<ry>(?(qual)|{digit_start}){year('ry_y1', counted=False, era=False)}"
            rf"(?:{sep('ry_sep', slash=True, either=True)}{year('ry_y2', era=False)}"
            rf"|(?P<ry_dash>[-–])(?P<ry_yy>\d{{2}})(?![\w%]|[.,]\d|:\d|[-–/]\d)))",
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
        # 27 September 2020; 27th September 2020; the 10th of November 2020; 12 or 13 July
        rf"(?P<dmy>{digit_start}{day('dmy_d', either='before')}(?P<dmy_of>\s+(?i:of))?\s+"
        rf"{month('dmy_m')}{month_year('dmy_y', required=False)})",
        # the 1990s, the mid-2010s, the 60s BC
        rf"(?P<dec>(?(qual)|{digit_start})(?P<dec_y>\d{{1,3}}0)(?:'s|s)"
        rf"(?:\s?(?P<dec_era>{_ERA_AFTER}))?(?![\w]))",
        # 2020; 44 BC; AD 43
        rf"(?P<yr>(?(qual)|{digit_start}){year('yr_y')}(?![-–—/]\d))",
    ]
    word_forms += [
        # September 27, 2020; Sept. 27th 2020; July 12 or 13, 100 BC
        rf"(?P<mdy>{month_start}{month('mdy_m')}\s+{day('mdy_d', either='after')}"
        rf"{month_year('mdy_y', required=False)})",
        # September 2020; February 1688/89; "in February, 2010" (a year that counts
        # nothing: "in May, 2000 troops" is a count)
        rf"(?P<my>{month_start}{month('my_m')}"
        + (
            rf"(?:\s+(?i:of\s+)?|,\s*){year('my_y', counted=False)}"
            if answer
            else rf"(?:\s+(?i:of\s+)?{year('my_y', counted=False)}|,\s*{year('my_yc')})"
        )
        + r"(?:/(?P<my_y_dual>\d{4}|\d{1,2})(?![\d/]))?)",
        # October (only with a preposition or qualifier in prose)
        rf"(?P<mon>{month_start}{month('mon_m')})",
    ]
    # the 3rd century BC; the twelfth century; the 14th–16th centuries; 7th millennium BC
    ordinal = rf"(?:\d{{1,2}}(?i:st|nd|rd|th)|(?i:{_ORDINAL_WORDS}))"
    century = (
        rf"(?P<cen>(?P<cen_o1>{ordinal})(?:(?P<cen_join>\s*[-–—/]\s*|\s+(?i:and|or|to)\s+)"
        rf"(?:(?i:the)\s+)?(?:(?P<cen_q2>(?i:early|mid|late)){qual_sep})?(?P<cen_o2>{ordinal}))?"
        rf"(?:\s*-\s*|\s+)(?P<cen_u>(?i:centur(?:y|ies)|millenni(?:um|a)))"
        rf"(?:\s+(?P<cen_era>{_ERA_AFTER}))?(?![\w-]))"
    )
    # A century named in words is a noun with its article ("the twelfth century"); the
    # look-ahead for words runs only after "the" in prose, as it would cost at every word.
    digit_ordinal_ahead = r"\d{1,2}(?i:st|nd|rd|th)[\s/–-]"
    word_ordinal_ahead = rf"(?i:{_ORDINAL_STARTS})[a-z]*(?:-first)?[\s/–-]"
    century_ahead = (
        rf"(?={digit_ordinal_ahead}|{word_ordinal_ahead})"
        if answer
        else rf"(?(the)(?={digit_ordinal_ahead}|{word_ordinal_ahead})|(?={digit_ordinal_ahead}))"
    )
    # the winter of 1805–06; summer 1942; in the spring and summer of 1970
    season = (
        rf"(?P<sea>(?P<sea_s1>{_SEASONS})(?:\s+(?P<sea_join>(?i:and|or|to))\s+"
        rf"(?:(?P<sea_q2>(?i:early|mid|late)){qual_sep})?(?P<sea_s2>{_SEASONS}))?"
        rf"(?:\s+of)?\s+{year('sea_y', counted=False)}"
        rf"(?:\s*[-–/]\s*(?P<sea_y2>\d{{4}}|\d{{2}})(?![\w]))?)"
    )
    # Every match starts a word, or is a capitalised month glued to the word before it
    # (flattened table cells: "QubadlıOctober 20, 2020").
    start = r"(?:(?<![^\W_])(?=\w)|(?<=[^\W\d_])(?=[A-Z]))"
    # Each optional word is gated by its first letters: one cheap test at every word
    # start instead of trying each alternative.
    prefix = (
        rf"(?:(?=[oObBfFsSdDuUtTaAiI])(?<![\w-])(?P<prep>(?i:{_PREPOSITIONS}))\s+)?"
        r"(?:(?=[tT])(?<![\w-])(?P<the>(?i:the))\s+)?"
        rf"(?:(?=[eEmMlLaArRcCpP])(?<![\w-])(?P<qual>(?i:{_QUALIFIERS})){qual_sep})?"
    )
    other_forms: list[str] = []
    if not answer:
        number = "|".join(_NUMBER_WORDS) + r"|\d{1,3}"
        other_forms += [
            rf"(?=[SsAaFfWw])(?=(?:{_SEASONS})\s){season}",
            # The cheap look-ahead (a second word starting like day/month/year/week/that)
            # keeps this branch from costing much at the many ordinary word starts.
            r"(?P<rel>(?=\w++\s+[dmywtsnDMYWTSN]|[dD]ay\s)(?i:"
            r"(?P<rel_dir>next|following|previous|preceding)\s+(?P<rel_u1>day|month|year)\b"
            r"|day\s+(?P<rel_ba>before|after)(?=\s*(?:[,.;:!?)\]]|$))"
            r"|(?P<rel_same>same|that(?:\s+same)?)\s+(?P<rel_u2>day|month|year|night)\b(?!'s)"
            r"|(?P<rel_le>later|earlier)\s+that\s+(?P<rel_u3>day|month|year)\b"
            rf"|(?P<rel_n>{number})\s+(?P<rel_u4>days?|weeks?|months?|years?)\s+"
            r"(?P<rel_le2>later|earlier)\b"
            r"))",
            # "That July", "in that February", "the following February": a month the
            # story's time says the year of ("May" is left out: "the fact that May ...")
            rf"(?P<thm>(?=[tTfFnN])(?P<thm_d>(?i:that|following|next))\s+"
            rf"(?P<thm_m>{_MONTH_FULL.replace('May|', '')})(?![a-z])(?!\s*,?\s*\d)"
            # "so that June could": a name after "that", with its verb
            r"(?!\s+(?:was|were|is|are|had|has|have|could|would|will|should|might|must|can|"
            r"did|does|said|told)\b))",
        ]
    months_ahead = f"(?=(?:{_MONTH_ABBR}|May))"
    body = (
        rf"(?:(?=\d|{_ERA_BEFORE}\s?\d)(?:"
        + "|".join(digit_forms)
        + rf")|{century_ahead}{century}|{months_ahead}(?:"
        + "|".join(word_forms)
        + ")"
        + "".join("|" + form for form in other_forms)
        + ")"
    )
    flags = re.IGNORECASE if answer else 0
    return re.compile(start + prefix + body, flags)


_TEXT_PATTERN: Final = _build_pattern(answer=False, ranges=True)
_TEXT_SINGLE: Final = _build_pattern(answer=False, ranges=False)
_ANSWER_PATTERN: Final = _build_pattern(answer=True, ranges=True)
_ANSWER_SINGLE: Final = _build_pattern(answer=True, ranges=False)

_RANGE_FORMS: Final = frozenset({"rdm", "rmd", "rmy", "riso", "rera", "ry"})
# Forms whose "the" belongs to the expression ("the 1990s", "the 12th century").
_WITH_THE: Final = frozenset({"dec", "rel", "cen", "sea", "thm"})

# A word just before a number that makes it an identifier ("Resolution 1165", "No. 1994").
_IDENTIFIER_WORD = (
    r"(?:\b(?:resolutions?|res\.|no\.|nos\.|numbers?|pages?|pp?\.|art\.|articles?|sections?|"
    r"sec\.|chapters?|ch\.|paragraphs?|para\.|isbn|vol\.|volumes?|issues?|flights?|routes?|"
    r"highways?|codes?|models?|types?|items?|tables?|figures?|fig\.|lines?|rooms?|boxes?|"
    r"units?|refs?\.?)|[#№§¶])"
)
_IDENTIFIER_BEFORE = re.compile(_IDENTIFIER_WORD + r"\s*$", re.IGNORECASE)
# "Section 242 and 1009", "Resolutions 1165, 1166 or 1167": the later numbers of a list
# that an identifier word opens are identifiers too.
_IDENTIFIER_JOIN = r"\s*(?:,|and|or|&|to|through)\s*"
_IDENTIFIER_LIST_BEFORE = re.compile(
    rf"{_IDENTIFIER_WORD}\s*\d+[a-z]?(?:{_IDENTIFIER_JOIN}\d+[a-z]?)*{_IDENTIFIER_JOIN}$",
    re.IGNORECASE,
)
# "RFC 1866", "ISO 8601": a standard's number after its acronym ("AD 1066" is a year)
_ACRONYM_BEFORE = re.compile(r"\b(?!(?:AD|CE|BC|BCE)\b)[A-Z]{2,6}\s+$")
# "1500 to 2000 troops": a count range, not a year.
_COUNT_RANGE_AFTER = re.compile(
    rf"\s*(?:-|–|—|to|and|or)\s*\d[\d,.]*\s+(?!(?-i:Second)\b)(?:{_UNITS})\b", re.IGNORECASE
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
    "about": "around",
    "approximately": "around",
    "roughly": "around",
    "circa": "around",
    "ca.": "around",
    "c.": "around",
    "pre": "before",
    "post": "after",
}
# Qualifiers that come before counts as readily as before years ("about 1500 warriors").
_COUNT_QUALIFIERS = frozenset({"around", "about", "approximately", "roughly"})
_BOUNDING_PREPOSITIONS = {
    "by": "by",
    "before": "before",
    "after": "after",
    "until": "until",
    "till": "until",
    "since": "since",
}
_MONTH_NUMBERS = {name[:3].lower(): index for index, name in enumerate(MONTH_NAMES, start=1)}
# "BC Ferries", "BC Hydro": a name that starts with the abbreviation after a modern year.
_NAME_AFTER_ERA = re.compile(r"\s+[A-Z][a-z]")
_STYLE_OLD = re.compile(r"O|Old|Jul", re.IGNORECASE)
# "the 9th century after the Hijra", "1400 AH", "3500 BP" (before present): not our era
_OTHER_ERA = re.compile(
    r"\s?(?:AH|A\.H\.|BP|B\.P\.|AUC|A\.U\.C\.)(?!\w)|\s+(?:after|of)\s+the\s+Hij?ra\b"
)


# --- interpretation ---------------------------------------------------------------------


@dataclass
class _Context:
    """What a year-less or relative expression is resolved against."""

    reference: DateValue | None
    answer: bool = False
    day_first: bool = True
    # The reference is a season across the new year ("the winter of 1805–06").
    season: bool = False

    def year(self, month: int | None = None) -> int | None:
        """The year of a year-less date in ``month``: the reference's, or after a winter
        across the new year the year the month falls in (December 1805, April 1806)."""
        if self.reference is None:
            return None
        first, last = self.reference.year, self.reference.end_year
        if first == last:
            return first
        if self.season and month is not None:
            start_month = parse_point(self.reference.start)[1] or 1
            return first if month >= start_month else last
        return None  # a range across years gives no single year


@dataclass(slots=True)
class _Reading:
    date: DateValue
    start: int
    inferred: bool = False
    relative: bool = False
    vague: bool = False
    qualifier: str | None = None
    approximate: bool = False
    anchors: bool = True
    season: str | None = None
    season_months: DateValue | None = None
    also: DateValue | None = None
    style: Style | None = None


class _Reject(Exception):
    """The candidate is not a date after all."""


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3].lower()]


def _optional(match: re.Match[str], group: str) -> str | None:
    """A group's text, None when it did not take part or the form has no such group."""
    return match.group(group) if group in match.re.groupindex else None


def _int(match: re.Match[str], group: str) -> int | None:
    value = match.group(group)
    return int(value) if value is not None else None


def _year_number(written: str) -> tuple[int, bool]:
    """The year a year expression gives, and whether it names its era ("44 BC": -44)."""
    if written.isdigit():
        return int(written), False
    digits = re.search(r"\d+", written)
    assert digits is not None
    number = int(digits[0])
    era = (written[: digits.start()] + written[digits.end() :]).strip()
    if not era:
        return number, False
    if number == 0:
        raise _Reject("there is no year zero")
    return (-number if era[:1] in "Bb" else number), True


def _year_of(match: re.Match[str], group: str) -> int | None:
    """The year written in ``group`` (or its after-a-comma twin ``groupc``)."""
    name = group
    if match.group(group) is None:
        name = group + "c"
        if _optional(match, name) is None:
            return None
    written = match.group(name)
    year, era = _year_number(written)
    if era and written.rstrip().endswith("BC") and -year >= 1000:
        if _NAME_AFTER_ERA.match(match.string, match.end(name)):
            raise _Reject("a modern year before a name that starts with 'BC' (BC Ferries)")
    return year


def _dual_year(match: re.Match[str], group: str, year: int) -> int | None:
    """The second year of a dual year ("1688/89": 1689), or None when there is none."""
    name = group if match.group(group) is not None else group + "c"
    written = _optional(match, name + "_dual") or _optional(match, group + "_dual")
    if written is None:
        return None
    if year < 0 or not match.group(name).strip().isdigit():
        raise _Reject("a dual year is written after a year of our era alone")
    size = 10 ** len(written)
    second = year - year % size + int(written) if len(written) < 4 else int(written)
    if second <= year and len(written) < 4:
        second += size  # 1699/00: 1700
    if second != year + 1:
        raise _Reject("the two years of a dual year are consecutive")
    return second


def _point(year: int, month: int | None = None, day: int | None = None) -> Point:
    try:
        return make_point(year, month, day)
    except ValueError as error:
        raise _Reject(str(error)) from None


def _value(start: Point, end: Point | None = None) -> DateValue:
    try:
        if end is None:
            return DateValue(format_point(start), point_granularity(start))
        return DateValue(f"{format_point(start)}/{format_point(end)}", "range")
    except ValueError as error:
        raise _Reject(str(error)) from None


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
    if qualifier in {"early", "mid", "late"} and form in {
        "rdm",
        "rmd",
        "dmy",
        "mdy",
        "iso",
        "num",
        "ddm",
        "dmd",
    }:
        raise _Reject("early/mid/late qualify months and years, not days")
    if _OTHER_ERA.match(text, match.end()):
        raise _Reject("a year or century of another calendar (AH, BP)")
    reading = _READERS[form](match, text, context)
    if reading.season is not None:
        # "In the spring of 1982": the mention is the year; the season words stay
        # in the sentence, and so do their preposition and qualifier.
        reading.start = match.start("sea_y")
        return reading
    start = body_start
    if qual:
        start = match.start("qual")
    if match.group("the") and (form in _WITH_THE or (form == "dmy" and match.group("dmy_of"))):
        # not the article of a noun the century describes ("the 15th-century historian")
        if not (form == "cen" and text[match.start("cen_u") - 1] == "-"):
            start = match.start("the")
    approximate = reading.approximate or qualifier == "around"
    if qualifier in {"early", "mid", "late"} and reading.date.granularity in {"decade", "century"}:
        approximate = True  # "the early 1990s", "the mid-19th century"
    vague = reading.vague or qualifier is not None or approximate
    if qualifier is None and prep in _BOUNDING_PREPOSITIONS:
        qualifier = _BOUNDING_PREPOSITIONS[prep]
    reading.start = start
    reading.vague = vague
    reading.qualifier = qualifier or reading.qualifier
    reading.anchors = reading.anchors and not approximate
    reading.approximate = approximate
    return reading


def _preposition(match: re.Match[str]) -> str | None:
    prep = match.group("prep")
    return " ".join(prep.lower().split()) if prep else None


def _need_year(context: _Context, month: int | None = None) -> int:
    year = context.year(month)
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
    for group in (first[2], second[2]):
        if match.group(group + "_dual") or match.group(group + "c_dual"):
            raise _Reject("a dual year inside a range")
    year1, year2 = _year_of(match, first[2]), _year_of(match, second[2])
    inferred = False
    if year1 is None and year2 is None:
        year1 = year2 = _need_year(context, month1)
        inferred = True
    elif year2 is None:
        year2 = year1
    elif year1 is None:
        # "27 December – 3 January 2021": the first end is in the year before.
        year1 = shift_year(year2, -1) if (month1, day1) > (month2, day2) else year2
    assert year1 is not None and year2 is not None
    # "12 or 13 July 100 BC": a day the text is unsure of is no day; its month is sure.
    either = _optional(match, first[0] + "_alt") is not None
    start = _point(year1, month1, None if either else day1)
    return _Reading(_value(start, _point(year2, month2, day2)), 0, inferred=inferred)


def _read_rmy(match: re.Match[str], text: str, context: _Context) -> _Reading:
    month1, month2 = _month_number(match["rmy_m1"]), _month_number(match["rmy_m2"])
    year2 = cast(int, _year_of(match, "rmy_y2"))
    year1 = _year_of(match, "rmy_y1")
    if year1 is None:
        year1 = shift_year(year2, -1) if month1 > month2 else year2
    if _optional(match, "rmy_y1_dual") or _optional(match, "rmy_y2_dual"):
        raise _Reject("a dual year inside a range")
    date = _value(_point(year1, month1), _point(year2, month2))
    qual2 = match.group("rmy_q2")
    qualifier = _VAGUE_QUALIFIERS[qual2.lower()] if qual2 else None
    return _Reading(date, 0, vague=qualifier is not None, qualifier=qualifier)


def _iso_point(match: re.Match[str], prefix: str) -> Point:
    year = int(match[prefix + "y"])
    if not 1000 <= year <= 2099:
        raise _Reject("year out of range")
    month, day = int(match[prefix + "m"]), _int(match, prefix + "d")
    return _point(year, month, day)


def _read_riso(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _Reading(_value(_iso_point(match, "riso1"), _iso_point(match, "riso2")), 0)


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
    either = (match.group("ry_sep") or "").strip().lower() == "or"
    return _Reading(_value((first, None, None), (second, None, None)), 0, approximate=either)


def _read_rera(match: re.Match[str], text: str, context: _Context) -> _Reading:
    """A range of years with an era: "100–44 BC" (both BC), "27 BC – AD 14", "AD 43–45",
    "69 or 68 BC" (either year: approximate)."""
    _refuse_identifier(match, text)
    number1, number2 = int(match["rera_n1"]), int(match["rera_n2"])
    era1 = _era_sign(match.group("rera_e1"), match.group("rera_ad1"))
    era2 = _era_sign(match.group("rera_e2"), match.group("rera_ad2"))
    if era2 == 0:
        if era1 < 0:
            raise _Reject("a range from a BC year needs the era of its end")
        era2 = era1
    if era1 == 0:
        era1 = era2
    if 0 in (number1, number2):
        raise _Reject("there is no year zero")
    written2 = len(match["rera_n2"])
    if era1 == era2 and written2 < len(match["rera_n1"]):
        # "1914–18": the last digits of the end year. In a BC range read so, the end
        # comes after the start, so "1570–50 BC" is either 1570–1550 BC or 1570–50 BC.
        size = 10**written2
        shortened = number1 - number1 % size + number2
        if era1 > 0 and shortened > number1:
            number2 = shortened
        elif era1 < 0 and shortened < number1:
            raise _Reject("a BC range whose end may be written short")
    first, second = era1 * number1, era2 * number2
    if first >= second:
        raise _Reject("a year range must run forwards")
    either = match["rera_sep"].strip().lower() == "or"
    value = _value((first, None, None), (second, None, None))
    return _Reading(value, 0, approximate=either)


def _era_sign(after: str | None, before: str | None) -> int:
    """-1 for BC, 1 for AD (written before or after the year), 0 when no era is written."""
    if before:
        return 1
    if not after:
        return 0
    return -1 if after[:1] in "Bb" else 1


def _read_rel(match: re.Match[str], text: str, context: _Context) -> _Reading:
    reference = context.reference
    if reference is None or reference.spans:
        raise _Reject("a relative date needs a single reference date")
    base = parse_point(reference.value)
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
        if unit == "night":
            unit = "day"  # "that night", "the same night": the day it counts from
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


def _shift(base: Point, unit: str, offset: int) -> DateValue:
    year, month, day = base
    if unit == "day" and (month is None or day is None):
        raise _Reject("a day offset needs a reference day")
    if unit == "month" and month is None:
        raise _Reject("a month offset needs a reference month")
    point: Point = {"day": base, "month": (year, month, None), "year": (year, None, None)}[unit]
    try:
        return _value(shift_point(point, offset))
    except ValueError as error:
        raise _Reject(str(error)) from None


def _read_iso(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _Reading(_value(_iso_point(match, "iso")), 0)


def _read_num(match: re.Match[str], text: str, context: _Context) -> _Reading:
    first, second, year = int(match["num_a"]), int(match["num_b"]), int(match["num_y"])
    readings: set[Point] = set()
    for day, month in ((first, second), (second, first)):
        try:
            readings.add(make_point(year, month, day))
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
    return _day_month(match, context, int(match["dmy_d"]), match["dmy_m"], "dmy_y", "dmy_d")


def _read_mdy(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _day_month(match, context, int(match["mdy_d"]), match["mdy_m"], "mdy_y", "mdy_d")


def _day_month(
    match: re.Match[str],
    context: _Context,
    day: int,
    month_name: str,
    year_group: str,
    day_group: str,
) -> _Reading:
    month = _month_number(month_name)
    year = _year_of(match, year_group)
    inferred = year is None
    if year is None:
        year = _need_year(context, month)
    # "12 or 13 July 100 BC": a day the text is unsure of is no day; its month is sure.
    either = _optional(match, day_group + "_alt") is not None
    written = _point(year, month, None if either else day)
    dual = _dual_year(match, year_group, year) if not inferred else None
    if dual is None:
        return _Reading(_value(written), 0, inferred=inferred)
    return _dual_reading(written, dual)


def _dual_reading(written: Point, second: int) -> _Reading:
    """ "11 February 1688/89": the year as counted from 1 January is the second one, for
    a date before 25 March, when the Old Style year began; the first is accepted too."""
    _, month, day = written
    if (cast(int, month), day or 1) >= (3, 25):
        raise _Reject("a dual year dates only January to 24 March")
    counted = _point(second, month, day)
    return _Reading(_value(counted), 0, also=_value(written))


def _read_my(match: re.Match[str], text: str, context: _Context) -> _Reading:
    year = cast(int, _year_of(match, "my_y"))
    written = _point(year, _month_number(match["my_m"]))
    dual = _dual_year(match, "my_y", year)
    return _Reading(_value(written), 0) if dual is None else _dual_reading(written, dual)


def _read_dec(match: re.Match[str], text: str, context: _Context) -> _Reading:
    """ "The 1990s", "the 60s BC", "the 60s AD". A round hundred ("the 1800s") names a
    century as often as a decade, and two digits alone ("the 60s") no century: neither
    is read."""
    number = int(match["dec_y"])
    era = match.group("dec_era")
    possessive = "'" in match["dec"] and not context.answer
    if possessive and not match.group("the") and not match.group("qual") and not era:
        # "1990's Commander Keen": the year's possessive, a decade takes its article
        return _Reading(_value(_point(number)), 0)
    if number % 100 == 0 and number != 2000:
        raise _Reject("'the 1800s' is a decade or a century")
    if era is None and not 1000 <= number <= 2090:
        raise _Reject("a decade without its century or era")
    first = -(number + 9) if era and era[:1] in "Bb" else number
    try:
        return _Reading(DateValue.decade(first), 0, vague=True, anchors=False)
    except ValueError as error:
        raise _Reject(str(error)) from None


def _read_cen(match: re.Match[str], text: str, context: _Context) -> _Reading:
    """ "The 3rd century BC", "the twelfth century", "the 14th–16th centuries", "the
    seventh millennium BC". A span of centuries is approximate (nobody means 1301 to
    1600 to the year); a capitalised "Century" is part of a name or title."""
    unit = match["cen_u"]
    if unit[:1].isupper():
        raise _Reject("'Twentieth Century': a name or a title")
    bc = match.group("cen_era") is not None and match["cen_era"][:1] in "Bb"
    size = 1000 if unit.lower().startswith("millenni") else 100
    numbers = [_ordinal_number(match["cen_o1"])]
    if match.group("cen_o2"):
        numbers.append(_ordinal_number(match["cen_o2"]))
    spans = []
    for number in numbers:
        if not 1 <= number <= (9 if size == 1000 else 99) or (not bc and number > 21):
            raise _Reject("no such century")
        first = -size * number if bc else size * (number - 1) + 1
        spans.append((first, first + size - 1))
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    if len(numbers) == 1 and size == 100:
        date = DateValue.century(numbers[0], bc=bc)
        return _Reading(date, 0, vague=True, anchors=False)
    date = _value((first, None, None), (last, None, None))
    return _Reading(date, 0, vague=True, approximate=True, anchors=False)


def _ordinal_number(written: str) -> int:
    word = written.lower()
    if word in _ORDINAL_NUMBERS:
        return _ORDINAL_NUMBERS[word]
    number = int(word[:-2])
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    if 10 <= number % 100 <= 20:
        suffix = "th"
    if word[-2:] != suffix:
        raise _Reject("an ordinal whose suffix does not fit its number")
    return number


def _read_sea(match: re.Match[str], text: str, context: _Context) -> _Reading:
    """ "The winter of 1805–06", "summer 1942", "the spring and summer of 1970": the
    year is exact and is the value ("In the spring of _____" asks 1982); the months the
    season covers (northern meteorological seasons: bounds differ between writers and
    hemispheres) go beside it. A winter of one written year may be that year's first
    months or its last: it covers no months, and no later date takes its year."""
    names = [match["sea_s1"].lower()]
    joiner = " and "
    if match.group("sea_s2"):
        names.append(match["sea_s2"].lower())
        joiner = f" {match['sea_join'].lower()} "
    seasons = ["autumn" if name == "fall" else name for name in names]
    year = cast(int, _year_of(match, "sea_y"))
    words = joiner.join(names)
    if match.group("sea_y2"):
        if seasons != ["winter"] or year < 0:
            raise _Reject("only a winter runs from one year into the next")
        written = match["sea_y2"]
        second = int(written) if len(written) == 4 else year - year % 100 + int(written)
        if second != year + 1:
            raise _Reject("a winter's two years are consecutive")
        months = _value(_point(year, 12), _point(second, 2))
        date = _value(_point(year), _point(second))
        return _Reading(date, 0, season=words, season_months=months)
    if "winter" in seasons:
        return _Reading(_value(_point(year)), 0, anchors=False, season=words)
    first = _SEASON_MONTHS[seasons[0]][0]
    last = _SEASON_MONTHS[seasons[-1]][1]
    if last < first:
        raise _Reject("seasons listed out of order")
    months = _value(_point(year, first), _point(year, last))
    return _Reading(_value(_point(year)), 0, season=words, season_months=months)


def _read_ddm(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _style_pair(match, "ddm")


def _read_dmd(match: re.Match[str], text: str, context: _Context) -> _Reading:
    return _style_pair(match, "dmd")


def _style_pair(match: re.Match[str], form: str) -> _Reading:
    """ "25 October (7 November) 1917", "7 November [O.S. 25 October] 1917": one day
    in the two calendars, its year written once after both."""
    year = cast(int, _year_of(match, form + "_y"))
    outer = _value(_point(year, _month_number(match[form + "_m1"]), int(match[form + "_d1"])))
    inner = _value(_point(year, _month_number(match[form + "_m2"]), int(match[form + "_d2"])))
    mark = match.group(form + "_k1") or match.group(form + "_k2")
    paired = _pair_styles(outer, inner, _mark_style(mark))
    if paired is None:
        raise _Reject("two days in brackets that are not one day in two calendars")
    value, other, style = paired
    return _Reading(value, 0, also=other, style=style)


def _mark_style(mark: str | None) -> Style | None:
    if mark is None:
        return None
    return "old" if _STYLE_OLD.match(mark) else "new"


def _pair_styles(
    outer: DateValue, inner: DateValue, inner_style: Style | None
) -> tuple[DateValue, DateValue, Style | None] | None:
    """The value, the other date and the value's style of a date given in two calendars,
    or None when the two are not one moment.

    From the Gregorian reform (1582) on, the value is the New Style date, and the two
    must be one day: the Julian date, its year counted from 1 January or from 25 March
    as the Old Style did, falls on the Gregorian one ("March 16, 1751 (March 5, 1750,
    Old Style)"). Before the reform there was no New Style: a Gregorian date given
    beside an ancient one ("27–29 May 47 BC (25–27 May greg.)") is accepted, and the
    date as written stays the value.
    """
    if outer.granularity != inner.granularity or outer.granularity not in {"day", "range"}:
        return None
    if outer.year < 1582:
        if inner_style != "new" or abs(outer.sort_key()[0] - inner.sort_key()[0]) > 1:
            return None
        return outer, inner, None
    if inner_style is None:
        old, new = (outer, inner) if outer < inner else (inner, outer)
    else:
        old, new = (inner, outer) if inner_style == "old" else (outer, inner)
    ends = [(old.start_date, new.start_date), (old.end_date, new.end_date)]
    if all(_same_day(o, n) for o, n in ends):
        return new, old, "new"
    return None


def _same_day(old: DateValue, new: DateValue) -> bool:
    """Whether an Old Style (Julian) day and a New Style (Gregorian) day are one day."""
    if old.granularity != "day" or new.granularity != "day":
        return False
    year, month, day = parse_point(old.value)
    target = parse_point(new.value)
    years = [year]
    if (cast(int, month), cast(int, day)) < (3, 25):
        years.append(shift_year(year, 1))  # the Old Style year began on 25 March
    return any(
        _julian_day(written, cast(int, month), cast(int, day))
        == _gregorian_day(target[0], cast(int, target[1]), cast(int, target[2]))
        for written in years
    )


def _read_yr(match: re.Match[str], text: str, context: _Context) -> _Reading:
    _refuse_identifier(match, text)
    year = cast(int, _year_of(match, "yr_y"))
    if match["yr_y"].isdigit():  # no era: a number that may be a count or a name
        end = match.end("yr_y")
        if _preposition(match) is None and _in_a_name(match["yr_y"], text, end):
            raise _Reject("a year inside a name")
        if _COUNT_RANGE_AFTER.match(text, end):
            raise _Reject("a range of counts")
        plural = _PLURAL_AFTER.match(text, end)
        if plural and _looks_plural(plural[1]):
            prep = _preposition(match)
            qual = (match.group("qual") or "").lower()
            if prep not in _TEMPORAL_PREPOSITIONS and (not qual or qual in _COUNT_QUALIFIERS):
                raise _Reject("a number followed by a plural noun is a count")
    return _Reading(_value((year, None, None)), 0)


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
    if _IDENTIFIER_LIST_BEFORE.search(text[max(0, start - 48) : start]):
        raise _Reject("a later number of a list of identifiers, not a year")


def _read_thm(match: re.Match[str], text: str, context: _Context) -> _Reading:
    """ "That July" is July of the story's year, as "In July" is; "the following
    February" is the first February after the date it counts from (a relative date)."""
    month = _month_number(match["thm_m"])
    if match["thm_d"].lower() == "that":
        if match.group("the"):
            raise _Reject("'the that' is no date")
        return _Reading(_value((_need_year(context, month), month, None)), 0, inferred=True)
    if not match.group("the"):
        raise _Reject("'following February' without 'the' is no date of the text")
    reference = context.reference
    if reference is None or reference.spans or not reference.sort_key()[1]:
        raise _Reject("'the following February' needs a month to count from")
    year, from_month, _ = reference.sort_key()
    year += 1 if month <= from_month else 0
    return _Reading(_value((year, month, None)), 0, inferred=True, relative=True)


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
    month = _month_number(name)
    year = _need_year(context, month)
    return _Reading(_value((year, month, None)), 0, inferred=True)


_READERS = {
    "ddm": _read_ddm,
    "dmd": _read_dmd,
    "rdm": _read_rdm,
    "rmd": _read_rmd,
    "rmy": _read_rmy,
    "riso": _read_riso,
    "rera": _read_rera,
    "ry": _read_ry,
    "rel": _read_rel,
    "iso": _read_iso,
    "num": _read_num,
    "nummy": _read_nummy,
    "dmy": _read_dmy,
    "mdy": _read_mdy,
    "my": _read_my,
    "dec": _read_dec,
    "cen": _read_cen,
    "sea": _read_sea,
    "yr": _read_yr,
    "mon": _read_mon,
    "thm": _read_thm,
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
        prep = _preposition(match) if reading.season is None else None
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
                approximate=reading.approximate,
                anchors=reading.anchors,
                season=reading.season,
                season_months=reading.season_months,
                also=reading.also,
                style=reading.style,
            )
        )
        # Later year-less dates take their year from this one, vague or not ("in early
        # November 2020 ... on November 9"), but not from a bare year used as a modifier
        # ("since the 1994 ceasefire ... on April 5"), which dates something else, nor
        # from a date the text gives only roughly ("c. 1200", a decade, a century).
        # A "since" date looks back from the narrative ("a blockade since December 2022").
        # ", 2020" is what is left of a full date whose day and month were stripped: it
        # still sets the year of what follows.
        remnant = text[max(0, reading.start - 3) : reading.start].rstrip().endswith(",")
        bare_year = reading.date.granularity == "year" and prep is None and not remnant
        modifier = bare_year or prep == "since"
        if follow and not reading.relative and not modifier and reading.anchors:
            context.reference = reading.season_months or reading.date
            context.season = reading.season_months is not None


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
    mentions = _scan(text, context, _TEXT_PATTERN, _TEXT_SINGLE, follow=True)
    mentions = _shared_years(text, _years_after_brackets(text, _styles(text, mentions)))
    return _roles(text, mentions)


# "7 November 1917 (25 October O.S.)", "March 16, 1751, (March 5, 1750, Old Style, ...)"
_STYLE_OPEN = re.compile(rf"\s*,?\s*[(\[]\s*(?:(?P<mark>{_STYLE_MARK})[\s,]*)?")
_STYLE_CLOSE = re.compile(rf"[\s,]*(?:\^?\(?(?P<mark>{_STYLE_MARK})\)?)?[^()\[\]]{{0,40}}?[)\]]")
# "7 November 1917 (New Style)", "25 October 1917 (O.S.)"
_STYLE_ALONE = re.compile(rf"\s*[(\[]\s*(?P<mark>{_STYLE_MARK})\s*[)\]]")


def _styles(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Join a date and the same day in the other calendar in brackets after it into one
    mention whose value is the New Style date (:func:`_pair_styles`), and mark a date
    said to be Old Style or New Style ("(O.S.)")."""
    result: list[DateMention] = []
    index = 0
    while index < len(mentions):
        mention = mentions[index]
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        opening = _STYLE_OPEN.match(text, mention.end)
        if following is not None and opening is not None and opening.end() == following.start:
            closing = _STYLE_CLOSE.match(text, following.end)
            mark = (opening["mark"] or (closing["mark"] if closing else None)) if closing else None
            paired = (
                _pair_styles(mention.date, following.date, _mark_style(mark)) if closing else None
            )
            if closing is not None and paired is not None:
                value, other, style = paired
                end = closing.end()
                result.append(
                    replace(
                        mention,
                        end=end,
                        text=text[mention.start : end],
                        date=value,
                        inferred=mention.inferred,
                        also=other,
                        style=style,
                    )
                )
                index += 2
                continue
            if _mark_style(mark) == "old":
                mentions[index + 1] = replace(following, style="old")
        alone = _STYLE_ALONE.match(text, mention.end)
        if alone is not None and mention.style is None:
            mention = replace(mention, style=_mark_style(alone["mark"]))
        result.append(mention)
        index += 1
    return result


# "the Ides of March (15 March), 44 BC", "(15 March; see Roman calendar) of 44 BC"
_BRACKET_OPEN_BEFORE = re.compile(r"[(\[]\s*$")
_BRACKET_THEN_YEAR = re.compile(r"[^()\[\]]{0,40}?[)\]]\s*,?\s*(?:of\s+)?")


def _years_after_brackets(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Give a year-less date that opens a bracket the year written just after it.

    "On the Ides of March (15 March), 44 BC": the bracket glosses a date whose year the
    sentence writes after it, whatever year came before the sentence.
    """
    for index in range(len(mentions) - 1):
        mention, following = mentions[index], mentions[index + 1]
        if (
            not mention.inferred
            or mention.relative
            or mention.date.granularity not in ("day", "month")
            or following.inferred
            or following.date.granularity != "year"
            or not _BRACKET_OPEN_BEFORE.search(
                text, max(0, mention.phrase_start - 8), mention.phrase_start
            )
            or not _BRACKET_THEN_YEAR.fullmatch(text, mention.end, following.phrase_start)
        ):
            continue
        _, month, day = parse_point(mention.date.value)
        try:
            written = DateValue(
                format_point((following.date.year, month, day)), mention.date.granularity
            )
        except ValueError:
            continue  # "29 February" in a year without one
        mentions[index] = replace(mention, date=written)
    return mentions


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
        year = following.date.year
        _, month, day = parse_point(mention.date.value)
        try:
            shared = DateValue(format_point((year, month, day)), mention.date.granularity)
            if shared.sort_key() > following.date.sort_key():
                earlier = (shift_year(year, -1), month, day)
                shared = DateValue(format_point(earlier), mention.date.granularity)
        except ValueError:
            continue  # "February 29" in a year without one
        mentions[index] = replace(mention, date=shared)
    return mentions


# "(born 1934)", "(died 1216)", "(r. 1199–1216)", "fl. 1200", "born on March 16, 1751"
_ROLE_BEFORE = re.compile(
    r"(?:(?<![\w.])(?P<short>b|d|r|fl)\.|\b(?P<word>[Bb]orn|[Dd]ied|[Rr]eigned|[Ff]loruit))\s*$"
)
_ROLES: Final[dict[str, Role]] = {
    "b": "born",
    "born": "born",
    "d": "died",
    "died": "died",
    "r": "reign",
    "reigned": "reign",
    "fl": "floruit",
    "floruit": "floruit",
}


def _roles(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Mark a date the text gives as a birth, a death, a reign or the time a person
    was active ("fl. 1200": approximate, as the abbreviation of floruit says)."""
    for index, mention in enumerate(mentions):
        before = _ROLE_BEFORE.search(text, max(0, mention.phrase_start - 12), mention.phrase_start)
        if before is None:
            continue
        role = _ROLES[(before["short"] or before["word"]).lower()]
        if role == "floruit":
            mentions[index] = replace(
                mention, role=role, approximate=True, vague=True, anchors=False
            )
        else:
            mentions[index] = replace(mention, role=role)
    return mentions


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_EDGE_PUNCTUATION = " \t\n\r\f\v.,;:!?\"'()[]{}«»“”‘’"
# Two dates joined as the ends of one range.
_RANGE_BETWEEN = re.compile(r"\s*[-–—]\s*|\s+(?:to|until|till|through)\s+", re.IGNORECASE)
# A number alone, as a learner types a year: "1066", "793" (AD 793).
_BARE_YEAR = re.compile(r"[1-9]\d{0,3}")


def parse_date_answer(
    text: str, *, day_first: bool = True, reference: DateValue | None = None
) -> DateValue | None:
    """Read a learner's whole typed answer as one date or range.

    Args:
        text: what the learner typed: "8 Nov 2020", "2020-11-08", "08/11/2020",
            "September 27 to November 10, 2020", "44 days, from ... to ...", "44 BC",
            "44 B.C.", "in 44 BC", "AD 43", "43 CE", "the third century BC", "1990s".
            A number alone is a year of our era ("793": AD 793). A minus sign is not
            read as BC ("-44"): astronomers write 45 BC so, historians 44 BC.
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
    if _BARE_YEAR.fullmatch(cleaned) and not stripped.startswith(("-", "−")):
        return DateValue.from_parts(int(cleaned))
    context = _Context(reference, answer=True, day_first=day_first)
    mentions = _scan(cleaned, context, _ANSWER_PATTERN, _ANSWER_SINGLE, follow=False)
    values = {mention.date for mention in mentions}
    if len(mentions) == 2 and _RANGE_BETWEEN.fullmatch(cleaned, mentions[0].end, mentions[1].start):
        # "July 100 BC – March 15, 44 BC": two ends unlike in shape, the range still
        try:
            return DateValue.between(mentions[0].date, mentions[1].date)
        except ValueError:
            return None
    if len(values) != 1:
        return None
    return values.pop()

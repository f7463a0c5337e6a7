"""Tests for question_bank.dates: finding, normalising and reading dates."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank.dates import DateMention, DateValue, Granularity, find_dates, parse_date_answer

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "quizapp" / "documents" / "second-nagorno-karabakh-war.txt"
GOLD = Path(__file__).resolve().parents[2] / "bench" / "dev_gold.yaml"

REF_DAY = DateValue("2020-11-08", "day")


def only(text: str, reference: DateValue | None = None) -> DateMention:
    mentions = find_dates(text, reference)
    assert len(mentions) == 1, [m.text for m in mentions]
    return mentions[0]


def values(text: str, reference: DateValue | None = None) -> list[str]:
    return [m.date.value for m in find_dates(text, reference)]


# --- DateValue ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "granularity"),
    [
        ("2020", "year"),
        ("2020-11", "month"),
        ("2020-11-08", "day"),
        ("2020-02-29", "day"),
        ("2020-09-27/2020-11-10", "range"),
        ("1991/1994", "range"),
        ("2020-09/2020-11", "range"),
    ],
)
def test_parse_iso_round_trips(value: str, granularity: str) -> None:
    date = DateValue.parse_iso(value)
    assert date.value == value
    assert date.granularity == granularity


@pytest.mark.parametrize(
    "value",
    [
        "",
        "20",
        "2020-13",
        "2020-00",
        "2020-02-30",
        "2019-02-29",
        "2020-11-31",
        "2020-1-8",
        "2020-11-08/2020-11-08",
        "2020-11-10/2020-09-27",
        "2020/2020-01/2021",
        "0000",
        "November 8, 2020",
        "2020-11-08T00:00",
    ],
)
def test_parse_iso_rejects_bad_values(value: str) -> None:
    with pytest.raises(ValueError):
        DateValue.parse_iso(value)


def test_constructor_checks_granularity() -> None:
    with pytest.raises(ValueError, match="does not match"):
        DateValue("2020-11-08", "month")
    with pytest.raises(ValueError):
        DateValue("2020-02-30", "day")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2020-11-08", "November 8, 2020"),
        ("2020-11", "November 2020"),
        ("2020", "2020"),
        ("2020-09-27/2020-11-10", "September 27 – November 10, 2020"),
        ("2016-04-02/2016-04-05", "April 2–5, 2016"),
        ("1991/1994", "1991–1994"),
        ("2020-09/2020-11", "September – November 2020"),
        ("2020-12-30/2021-01-02", "December 30, 2020 – January 2, 2021"),
        ("2020/2021-03", "2020 – March 2021"),
    ],
)
def test_display(value: str, shown: str) -> None:
    assert DateValue.parse_iso(value).display() == shown


def test_start_end_and_sort_key() -> None:
    date = DateValue.parse_iso("2020-09-27/2020-11-10")
    assert (date.start, date.end) == ("2020-09-27", "2020-11-10")
    assert date.sort_key() == (2020, 9, 27)
    assert date.end_key() == (2020, 11, 10)
    assert DateValue.parse_iso("2020").start == DateValue.parse_iso("2020").end == "2020"
    ordered = sorted(
        [DateValue.parse_iso(v) for v in ["2020-11-08", "2020", "1994-05-12", "2020-09"]],
        key=DateValue.sort_key,
    )
    assert [d.value for d in ordered] == ["1994-05-12", "2020", "2020-09", "2020-11-08"]


def test_builders() -> None:
    assert DateValue.from_parts(2020, 11, 8) == DateValue("2020-11-08", "day")
    assert DateValue.from_parts(2020) == DateValue("2020", "year")
    with pytest.raises(ValueError):
        DateValue.from_parts(2020, None, 8)
    span = DateValue.between(DateValue("1991", "year"), DateValue("1994", "year"))
    assert span == DateValue("1991/1994", "range")
    with pytest.raises(ValueError):
        DateValue.between(span, DateValue("1995", "year"))


# --- find_dates: forms --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_text", "value", "granularity"),
    [
        ("It began on 27 September 2020.", "27 September 2020", "2020-09-27", "day"),
        ("It began on September 27, 2020.", "September 27, 2020", "2020-09-27", "day"),
        ("It began Sep 27, 2020.", "Sep 27, 2020", "2020-09-27", "day"),
        ("It began Sept. 27, 2020.", "Sept. 27, 2020", "2020-09-27", "day"),
        ("It began Sept 27 2020.", "Sept 27 2020", "2020-09-27", "day"),
        ("It began on 27th September 2020.", "27th September 2020", "2020-09-27", "day"),
        ("It began September 27th, 2020.", "September 27th, 2020", "2020-09-27", "day"),
        ("It ended the 10th of November 2020.", "the 10th of November 2020", "2020-11-10", "day"),
        ("On 7 July, 1923 the decree passed.", "7 July, 1923", "1923-07-07", "day"),
        ("said on 02 October 2020.", "02 October 2020", "2020-10-02", "day"),
        ("It began in September 2020.", "September 2020", "2020-09", "month"),
        ("Delivered in May 2020, months before.", "May 2020", "2020-05", "month"),
        ("In July of 2020 they met.", "July of 2020", "2020-07", "month"),
        ("It happened in 2020.", "2020", "2020", "year"),
        ("It happened on 2020-11-08.", "2020-11-08", "2020-11-08", "day"),
        ("The ISO month 2020-11 appears.", "2020-11", "2020-11", "month"),
        ("DW – 11/11/2020", "11/11/2020", "2020-11-11", "day"),
        ("posted 25/12/2020", "25/12/2020", "2020-12-25", "day"),
        ("Post-September 2023 policy", "Post-September 2023", "2023-09", "month"),
        ("KalbajarNovember 25, 2020Returned", "November 25, 2020", "2020-11-25", "day"),
        ("By 12 December 2022, the corridor", "12 December 2022", "2022-12-12", "day"),
    ],
)
def test_single_dates(text: str, expected_text: str, value: str, granularity: str) -> None:
    mention = only(text)
    assert mention.text == expected_text
    assert mention.date == DateValue(value, granularity)  # type: ignore[arg-type]
    assert text[mention.start : mention.end] == mention.text
    assert not mention.inferred and not mention.relative


@pytest.mark.parametrize(
    ("text", "expected_text", "value"),
    [
        (
            "fought from 27 September to 10 November 2020 over",
            "27 September to 10 November 2020",
            "2020-09-27/2020-11-10",
        ),
        (
            "the war (27 September – 10 November 2020)",
            "27 September – 10 November 2020",
            "2020-09-27/2020-11-10",
        ),
        (
            "the war, September 27 – November 10, 2020,",
            "September 27 – November 10, 2020",
            "2020-09-27/2020-11-10",
        ),
        (
            "September 27, 2020 – November 10, 2020",
            "September 27, 2020 – November 10, 2020",
            "2020-09-27/2020-11-10",
        ),
        (
            "occurring from April 2 to 5, 2016, marked",
            "April 2 to 5, 2016",
            "2016-04-02/2016-04-05",
        ),
        ("on November 9-10, 2020 the", "November 9-10, 2020", "2020-11-09/2020-11-10"),
        ("on November 9–10, 2020 the", "November 9–10, 2020", "2020-11-09/2020-11-10"),
        (
            "from July 29 to August 10, 2020, involving",
            "July 29 to August 10, 2020",
            "2020-07-29/2020-08-10",
        ),
        ("between July 12 and 16, 2020, in", "July 12 and 16, 2020", "2020-07-12/2020-07-16"),
        (
            "from November 2 to November 9, 2020, during",
            "November 2 to November 9, 2020",
            "2020-11-02/2020-11-09",
        ),
        ("2–5 April 2016 saw", "2–5 April 2016", "2016-04-02/2016-04-05"),
        ("27 to 28 October 2020 saw", "27 to 28 October 2020", "2020-10-27/2020-10-28"),
        ("Sep 27 - Nov 10 2020 saw", "Sep 27 - Nov 10 2020", "2020-09-27/2020-11-10"),
        ("from September to November 2020 they", "September to November 2020", "2020-09/2020-11"),
        ("expansions from the 1991-1994 war", "1991-1994", "1991/1994"),
        ("expansions from the 1991–1994 war", "1991–1994", "1991/1994"),
        ("gained momentum in 1992–1993, capturing", "1992–1993", "1992/1993"),
        ("the 1991–94 war", "1991–94", "1991/1994"),
        ("from 2011 to 2020 the", "2011 to 2020", "2011/2020"),
        ("between 2011 and 2020 the", "2011 and 2020", "2011/2020"),
        ("the 2016/2017 contracts", "2016/2017", "2016/2017"),
        ("Karabakh 2020 - 2021 - per Concordiam", "2020 - 2021", "2020/2021"),
        ("M. Kasumov (1879-1949) and", "1879-1949", "1879/1949"),
        ("dates 2020-09-27/2020-11-10 here", "2020-09-27/2020-11-10", "2020-09-27/2020-11-10"),
        (
            "27 December 2020 – 3 January 2021",
            "27 December 2020 – 3 January 2021",
            "2020-12-27/2021-01-03",
        ),
        (
            "from 27 December to 3 January 2021",
            "27 December to 3 January 2021",
            "2020-12-27/2021-01-03",
        ),
    ],
)
def test_ranges(text: str, expected_text: str, value: str) -> None:
    mention = only(text)
    assert mention.text == expected_text
    assert mention.date == DateValue(value, "range")
    assert text[mention.start : mention.end] == expected_text


@pytest.mark.parametrize(
    ("text", "expected_text", "value", "granularity", "qualifier"),
    [
        ("By early 2021, sources", "early 2021", "2021", "year", "early"),
        ("by late 2016, annual", "late 2016", "2016", "year", "late"),
        ("around in late October 2020, following", "late October 2020", "2020-10", "month", "late"),
        ("at least 9 units by mid-October 2020,", "mid-October 2020", "2020-10", "month", "mid"),
        ("By mid-1993, troops", "mid-1993", "1993", "year", "mid"),
        ("around 1990 the", "around 1990", "1990", "year", "around"),
        ("held since the early 1990s.", "the early 1990s", "1990/1999", "decade", "early"),
        ("in the mid-2010s. The", "the mid-2010s", "2010/2019", "decade", "mid"),
        ("during the 1990s the", "the 1990s", "1990/1999", "decade", None),
        ("the pre-1990s balance", "the pre-1990s", "1990/1999", "decade", "before"),
        ("post-2016 military reforms", "post-2016", "2016", "year", "after"),
        ("Early Oct 2020 in the south", "Early Oct 2020", "2020-10", "month", "early"),
        (
            "between late September and early November 2020.",
            "late September and early November 2020",
            "2020-09/2020-11",
            "range",
            "late",
        ),
    ],
)
def test_vague_dates(
    text: str, expected_text: str, value: str, granularity: Granularity, qualifier: str | None
) -> None:
    mention = only(text)
    assert mention.text == expected_text
    assert mention.date == DateValue(value, granularity)
    assert mention.vague
    assert mention.qualifier == qualifier


def test_decades() -> None:
    mentions = find_dates("Tensions of the 1990s and 1990s-era weapons, the 2000's")
    assert [m.text for m in mentions] == ["the 1990s", "1990s", "the 2000's"]
    assert [m.date.value for m in mentions] == ["1990/1999", "1990/1999", "2000/2009"]
    assert all(m.vague and m.date.granularity == "decade" for m in mentions)
    assert only("in 1990s conflicts").date == DateValue("1990/1999", "decade")


@pytest.mark.parametrize(
    ("text", "preposition", "qualifier", "phrase"),
    [
        ("signed on November 8, 2020, by", "on", None, "on November 8, 2020"),
        ("in May 2020", "in", None, "in May 2020"),
        ("by November 20, 2020", "by", "by", "by November 20, 2020"),
        ("since 12 December 2022", "since", "since", "since 12 December 2022"),
        ("until 2022 skirmishes", "until", "until", "until 2022"),
        ("as of late 2020", "as of", "late", "as of late 2020"),
        ("in the early 1990s", "in", "early", "in the early 1990s"),
        ("between 2011 and 2020", "between", None, "between 2011 and 2020"),
        ("during 2020", "during", None, "during 2020"),
        ("After September 2023, Azerbaijan", "after", "after", "After September 2023"),
        ("The 2020 war", None, None, "2020"),
    ],
)
def test_prepositions_and_phrase(
    text: str, preposition: str | None, qualifier: str | None, phrase: str
) -> None:
    mention = only(text)
    assert mention.preposition == preposition
    assert mention.qualifier == qualifier
    assert text[mention.phrase_start : mention.end] == phrase
    assert mention.phrase_start <= mention.start
    assert mention.preposition is not None or mention.phrase_start == mention.start


# --- find_dates: no false dates -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "deploying approximately 1,960 Russian peacekeepers",
        "that 2,783 were killed",
        "around 30,000 troops",
        "the 2,7831001,245 hospitalized",
        "45% of voters and 20 percent of seats",
        "turnout was 2020% (sic)",
        "a budget of $2.5 billion and $2020",
        "S-300 systems, An-2 biplanes, Su-25s, T-72 tanks",
        "Bayraktar TB2 drones and Iskander-M missiles",
        "BM-30 Smerch and BM-21/30 launchers, S-300PS/SA-10",
        "a Su-2020 prototype",
        "voted 4–3 to assign",
        "the 44 days of war, three years later, 2,000 hours",
        "3,300 square kilometers were retaken",
        "1,245 soldiers and 100 soldiers",
        "1500 troops crossed",
        "an estimated 5700 people died",
        "lost 2783 troops killed",
        "a 1500-strong battalion",
        "page 1994 of the report",
        "see pp. 1201–1210",
        "UN Resolution 884 and Resolution 1165",
        "H.Res.1165 - Condemning",
        "No. 1994 was filed",
        "Section 242 and 1009 of the standards",
        "Resolutions 1165, 1166 or 1167",
        "sections 12 through 1984 of the code",
        "published as RFC 1866 and ISO 8601",
        "at 00:00 Moscow time",
        "at 12:00 am (midnight) and 10:30-11 a.m.",
        "We will meet on Wednesday and Thursday.",
        "forces may attack in may",
        "they march on",
        "Armenian forces may attack if March comes",
        "between 1500 and 2000 troops",
        "from 1500 to 2000 soldiers",
        "the value 2020.5 rose",
        "version 1.2020 shipped",
        "a 99-year lease, a 30-year wait",
        "the 80th and 116th brigades",
        "EU fails to act – DW – 10/08/2020",
        "the 1960 peacekeepers arrived",
        "Personnel130,00065,000",
        "2020-13 is no month",
        "an outbreak of coronavirus disease 2019 (COVID-19)",
        "provisionally named 2019-nCoV by scientists",
        "the Expo 2010 (EXPO2010) opened",
        "2020–2019 backwards",
        "the 1990 events targeting",
    ],
)
def test_no_false_dates(text: str) -> None:
    assert find_dates(text) == []


def test_two_years_joined_by_and_are_two_mentions() -> None:
    mentions = find_dates("in 2018 and 2019 the army grew")
    assert [m.date.value for m in mentions] == ["2018", "2019"]
    assert [m.date.granularity for m in mentions] == ["year", "year"]


def test_year_modifying_a_plural_noun_after_a_temporal_preposition() -> None:
    assert values("relative calm until 2022 skirmishes") == ["2022"]
    assert values("in 2020 elections were held") == ["2020"]


def test_count_after_a_date_is_not_its_year() -> None:
    mention = only("On October 3, 1500 troops advanced.", REF_DAY)
    assert mention.text == "October 3"
    assert mention.inferred


def test_day_list_keeps_first_day_only() -> None:
    mentions = find_dates("shelling of Ganja on October 4, 5, 8, 11 and 17, 2020", REF_DAY)
    assert mentions[0].text == "October 4"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("on 19 and 20 September 2023", ["20 September 2023"]),
        ("February 30 – March 2, 2020", ["March 2, 2020"]),
        ("in 2020–2019 and 2021", ["2021"]),
        ("in July and August 2020", ["August 2020"]),
    ],
)
def test_rejected_range_still_finds_the_date_after_it(text: str, found: list[str]) -> None:
    assert [m.text for m in find_dates(text)] == found


def test_ambiguous_numeric_dates_are_skipped() -> None:
    assert find_dates("posted 10/08/2020 by") == []


def test_invalid_calendar_dates_are_skipped() -> None:
    assert find_dates("on February 30, 2020 nothing") == []
    assert find_dates("on 31 April 2020 nothing") == []


# --- find_dates: inferred and relative -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_text", "value"),
    [
        ("Baku said on October 3 after clashes", "October 3", "2020-10-03"),
        ("liberation on October 20. The", "October 20", "2020-10-20"),
        ("By October 3, reported capturing", "October 3", "2020-10-03"),
        ("by 9 November, with 50 killed", "9 November", "2020-11-09"),
        ("causing shortages by mid-October.", "mid-October", "2020-10"),
        ("fighting from October 7 to 15 resulted", "October 7 to 15", "2020-10-07/2020-10-15"),
        ("strikes on October 27-28 killed", "October 27-28", "2020-10-27/2020-10-28"),
        ("Protests persisted into December, with", "December", "2020-12"),
        ("Sept. 27, Azerbaijan launched", "Sept. 27", "2020-09-27"),
    ],
)
def test_year_is_inferred_from_reference(text: str, expected_text: str, value: str) -> None:
    assert find_dates(text) == []
    mention = only(text, REF_DAY)
    assert mention.text == expected_text
    assert mention.date == DateValue.parse_iso(value)
    assert mention.inferred and not mention.relative


def test_bare_month_needs_a_preposition_and_may_a_qualifier() -> None:
    assert find_dates("March forward, October", REF_DAY) == []
    assert find_dates("it happened in May", REF_DAY) == []
    assert values("in early May", REF_DAY) == ["2020-05"]


def test_year_inferred_from_earlier_date_in_same_text() -> None:
    mentions = find_dates("On September 27, 2020, war began. By October 3, troops advanced.")
    assert [m.date.value for m in mentions] == ["2020-09-27", "2020-10-03"]
    assert [m.inferred for m in mentions] == [False, True]


def test_reference_range_across_years_gives_no_year() -> None:
    assert find_dates("on October 3", DateValue("1991/1994", "range")) == []
    ref = DateValue("2020-09-27/2020-11-10", "range")
    assert values("on October 3", ref) == ["2020-10-03"]


@pytest.mark.parametrize(
    ("text", "reference", "value", "vague"),
    [
        ("The next day, troops entered.", "2020-11-08", "2020-11-09", False),
        ("The following day, troops entered.", "2020-12-31", "2021-01-01", False),
        ("They had left the day before.", "2020-11-08", "2020-11-07", False),
        ("On the previous day, shelling.", "2020-03-01", "2020-02-29", False),
        ("Two days later, the town fell.", "2020-11-08", "2020-11-10", False),
        ("A week later, talks resumed.", "2020-11-08", "2020-11-15", False),
        ("Three weeks earlier, it began.", "2020-11-08", "2020-10-18", False),
        ("The following month, protests grew.", "2020-11-08", "2020-12", False),
        ("The following month, protests grew.", "2020-12", "2021-01", False),
        ("Later that year, elections were held.", "2020-11", "2020", True),
        ("Later that year, elections were held.", "2020", "2020", True),
        ("On the same day, Russia deployed.", "2020-11-10", "2020-11-10", False),
        ("That day, Russia deployed.", "2020-11-10", "2020-11-10", False),
        ("The following year, talks failed.", "2020-11-10", "2021", False),
        ("That same day, posters went up.", "1917-11-08", "1917-11-08", False),
        ("That same night, he named a minister.", "1958-10-28", "1958-10-28", False),
        ("They met that night in Paris.", "1958-10-28", "1958-10-28", False),
        ("It went gold the following February.", "1992-12-14", "1993-02", False),
        ("In the following December, the fleet sailed.", "1990-03", "1990-12", False),
    ],
)
def test_relative_dates(text: str, reference: str, value: str, vague: bool) -> None:
    mention = only(text, DateValue.parse_iso(reference))
    assert mention.relative and mention.inferred
    assert mention.date == DateValue.parse_iso(value)
    assert mention.vague is vague
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("The next day, troops entered.", None),
        ("The next day, troops entered.", "2020-11"),
        ("The next day, troops entered.", "2020"),
        ("The next day, troops entered.", "2020-09-27/2020-11-10"),
        ("The following month, protests grew.", "2020"),
        ("Two days later, the town fell.", "2020"),
        ("Later that year, elections were held.", None),
        ("It will be dissolved from next year.", "2020-11-08"),
        ("the day before the ceasefire", "2020-11-08"),
        ("Thursday and today", "2020-11-08"),
        ("44 days of war", "2020-11-08"),
        # "the following February" counts from a month at least
        ("It went gold the following February.", "1992"),
        ("Next February, it went gold.", "1992-12-14"),
    ],
)
def test_relative_dates_are_never_guessed(text: str, reference: str | None) -> None:
    ref = DateValue.parse_iso(reference) if reference else None
    assert [m for m in find_dates(text, ref) if m.relative] == []


def test_relative_date_follows_the_last_date_in_the_text() -> None:
    mentions = find_dates("On November 8, 2020, Shusha fell. The next day, a truce was signed.")
    assert [m.date.value for m in mentions] == ["2020-11-08", "2020-11-09"]


def test_mentions_are_ordered_and_do_not_overlap() -> None:
    text = (
        "Fought from 27 September to 10 November 2020, the war followed the 1991-1994 war; "
        "on November 9-10, 2020 a truce, and in 2021 and early 2022 trials."
    )
    mentions = find_dates(text)
    assert [m.text for m in mentions] == [
        "27 September to 10 November 2020",
        "1991-1994",
        "November 9-10, 2020",
        "2021",
        "early 2022",
    ]
    for before, after in zip(mentions, mentions[1:], strict=False):
        assert before.end <= after.phrase_start
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


# --- the bundled document -----------------------------------------------------------------


@pytest.fixture(scope="module")
def document() -> str:
    return DOCUMENT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def document_mentions(document: str) -> list[DateMention]:
    return find_dates(document)


def test_document_mentions_have_exact_offsets(
    document: str, document_mentions: list[DateMention]
) -> None:
    assert len(document_mentions) > 300
    for mention in document_mentions:
        assert document[mention.start : mention.end] == mention.text
        words = document[mention.phrase_start : mention.start].lower().split()
        expected = mention.preposition.split() if mention.preposition else []
        # "by the November 20 deadline": an article may stand between the two.
        assert words in (expected, [*expected, "the"])


def test_document_has_no_bare_numbers_as_dates(document_mentions: list[DateMention]) -> None:
    for mention in document_mentions:
        text = mention.text
        assert not text.replace(",", "").replace(".", "").isdigit() or "," not in text, text
        assert "%" not in text and "$" not in text


@pytest.mark.parametrize(
    ("expected_text", "value"),
    [
        ("May 12, 1994", "1994-05-12"),
        ("April 2 to 5, 2016", "2016-04-02/2016-04-05"),
        ("November 9-10, 2020", "2020-11-09/2020-11-10"),
        ("27 September to 10 November 2020", "2020-09-27/2020-11-10"),
        ("February 20, 1988", "1988-02-20"),
        ("September 1991", "1991-09"),
        ("1991-1994", "1991/1994"),
        ("1992–1993", "1992/1993"),
        ("July 29 to August 10, 2020", "2020-07-29/2020-08-10"),
        ("September 19-20, 2023", "2023-09-19/2023-09-20"),
        ("the early 1990s", "1990/1999"),
    ],
)
def test_document_known_dates_are_found(
    document_mentions: list[DateMention], expected_text: str, value: str
) -> None:
    found = {(m.text, m.date.value) for m in document_mentions}
    assert (expected_text, value) in found


def test_document_scan_is_linear(document: str) -> None:
    """Ten times the text takes about ten times as long, not a hundred (its speed is
    measured in bench/speed.py, not here: this machine is shared)."""
    find_dates(document)  # warm up
    best = min(_timed(find_dates, document) for _ in range(3))
    big = document * 10
    assert min(_timed(find_dates, big) for _ in range(2)) < 30 * best + 0.05


def _timed(function: Any, *args: Any) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


# --- parse_date_answer --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("8 Nov 2020", "2020-11-08"),
        ("November 8th, 2020", "2020-11-08"),
        ("november 8 2020", "2020-11-08"),
        ("NOV. 8, 2020", "2020-11-08"),
        ("2020-11-08", "2020-11-08"),
        ("2020/11/08", "2020-11-08"),
        ("08/11/2020", "2020-11-08"),
        ("8.11.2020", "2020-11-08"),
        ("08-11-2020", "2020-11-08"),
        ("25/12/2020", "2020-12-25"),
        ("12/25/2020", "2020-12-25"),
        ("Nov 8 2020", "2020-11-08"),
        ("the 10th of November 2020", "2020-11-10"),
        ("  On November 10, 2020.  ", "2020-11-10"),
        ("00:00 Moscow time on November 10, 2020", "2020-11-10"),
        ("November 2020", "2020-11"),
        ("Nov. 2020", "2020-11"),
        ("November, 2020", "2020-11"),
        ("11/2020", "2020-11"),
        ("2020-11", "2020-11"),
        ("2020", "2020"),
        ("in 2020", "2020"),
        ("27 September – 10 November 2020", "2020-09-27/2020-11-10"),
        ("September 27 to November 10, 2020", "2020-09-27/2020-11-10"),
        ("Sep 27 - Nov 10 2020", "2020-09-27/2020-11-10"),
        ("September 27-November 10, 2020", "2020-09-27/2020-11-10"),
        ("2020-09-27/2020-11-10", "2020-09-27/2020-11-10"),
        ("2020-09-27 to 2020-11-10", "2020-09-27/2020-11-10"),
        ("from 27 September to 10 November 2020", "2020-09-27/2020-11-10"),
        ("44 days, from September 27 to November 10, 2020", "2020-09-27/2020-11-10"),
        ("2011/2020", "2011/2020"),
        ("2016–2017", "2016/2017"),
        ("1991-09", "1991-09"),
        ("2-5 April 2016", "2016-04-02/2016-04-05"),
        ("Apr 2-5 2016", "2016-04-02/2016-04-05"),
        ("8 Nov 2020\x00\x07", "2020-11-08"),
        ("2020-11-08 2020-11-08", "2020-11-08"),
    ],
)
def test_parse_date_answer(answer: str, value: str) -> None:
    assert parse_date_answer(answer) == DateValue.parse_iso(value)


@pytest.mark.parametrize(
    ("answer", "day_first", "value"),
    [
        ("08/11/2020", True, "2020-11-08"),
        ("08/11/2020", False, "2020-08-11"),
        ("11/08/2020", False, "2020-11-08"),
        ("25/12/2020", False, "2020-12-25"),
        ("12/25/2020", True, "2020-12-25"),
    ],
)
def test_parse_date_answer_day_order(answer: str, day_first: bool, value: str) -> None:
    assert parse_date_answer(answer, day_first=day_first) == DateValue.parse_iso(value)


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "   ",
        "I don't know",
        "1,960",
        "45%",
        "S-300",
        "8 November",  # no year and no reference
        "November",
        "27 September 2020 and 10 November 2020",
        "2019 or 2020",
        "31/02/2020",
        "2020-02-30",
        "00:00",
        "x" * 300,
        "8 Nov 2020 " + "x" * 300,
    ],
)
def test_parse_date_answer_rejects(answer: str) -> None:
    assert parse_date_answer(answer) is None


def test_parse_date_answer_takes_year_from_reference() -> None:
    reference = DateValue("2020-11-08", "day")
    assert parse_date_answer("8 November", reference=reference) == reference
    assert parse_date_answer("November 8th", reference=reference) == reference
    assert parse_date_answer("November", reference=reference) == DateValue("2020-11", "month")
    assert parse_date_answer("it may be November", reference=reference) is None


def test_parse_date_answer_huge_input_is_fast() -> None:
    huge = "8 Nov 2020 " * 100_000
    started = time.perf_counter()
    assert parse_date_answer(huge) is None
    assert time.perf_counter() - started < 0.5


def _gold() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    return data


def test_gold_answer_forms_parse_to_the_gold_date() -> None:
    gold = _gold()["gold"]
    failures = []
    checked = 0
    for fact in gold:
        expected = DateValue(str(fact["date"]), fact["precision"])
        for form in fact.get("answer_forms") or []:
            checked += 1
            got = parse_date_answer(str(form), reference=expected)
            if got != expected:
                failures.append((fact["id"], form, got, expected.value))
    assert checked > 500
    assert failures == []


def test_gold_conflicting_forms_parse_to_the_competing_date() -> None:
    gold = _gold()["gold"]
    dates = {fact["id"]: str(fact["date"]) for fact in gold}
    failures = []
    for fact in gold:
        forms = fact.get("also_acceptable_due_to_conflict") or []
        reference = DateValue.parse_iso(str(fact["date"]))
        parsed = {parse_date_answer(str(form), reference=reference) for form in forms}
        competing = {dates[other] for other in fact.get("conflicts_with") or [] if other in dates}
        if forms and (
            None in parsed
            or len(parsed) != 1
            or (competing and {p.value for p in parsed if p} - competing)
        ):
            failures.append((fact["id"], forms, parsed, competing))
    assert failures == []


# --- robustness ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    mentions = find_dates(text, REF_DAY)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    find_dates(text)
    parse_date_answer(text)
    parse_date_answer(text, day_first=False, reference=REF_DAY)


DATE_LIKE = st.lists(
    st.sampled_from(
        [
            "2020",
            "1991",
            "-",
            "–",
            " ",
            ",",
            "/",
            ".",
            "May",
            "March",
            "November",
            "Nov.",
            "8",
            "27th",
            "10",
            "to",
            "and",
            "between",
            "from",
            "the",
            "next",
            "day",
            "early",
            "mid-",
            "1990s",
            "2020-11-08",
            "11",
            "08",
            "troops",
            "%",
            "$",
            ":",
            "of",
            "later",
            "that",
            "year",
            "S-",
            "300",
        ]
    ),
    max_size=25,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(DATE_LIKE)
def test_never_raises_on_date_like_text(text: str) -> None:
    previous_end = 0
    for mention in find_dates(text, REF_DAY):
        assert mention.phrase_start >= previous_end
        assert text[mention.start : mention.end] == mention.text
        previous_end = mention.end
    parse_date_answer(text)
    parse_date_answer(text, reference=REF_DAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ratified in March and April 1978.", ["1978-03", "1978-04"]),
        ("The votes came on March 16 and April 18, 1978.", ["1978-03-16", "1978-04-18"]),
        ("talks on 3 May, 9 May and 5 June 1978", ["1978-05-03", "1978-05-09", "1978-06-05"]),
        ("held on December 28 and January 3, 1990.", ["1989-12-28", "1990-01-03"]),
        # not one list: the year-less date keeps the year of the text before it
        ("signed on September 7, 1977, and ratified on March 16.", ["1977-09-07", "1977-03-16"]),
    ],
)
def test_a_year_written_once_after_a_list_of_dates_belongs_to_each(
    text: str, expected: list[str]
) -> None:
    reference = DateValue("1977-09-07", "day")
    assert [mention.date.value for mention in find_dates(text, reference)] == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("That July, the band recorded a single.", "1990-07"),
        ("The band traveled to the studio in that February to record.", "1990-02"),
    ],
)
def test_a_month_after_that_is_a_month_of_the_story(text: str, value: str) -> None:
    mention = only(text, DateValue.parse_iso("1990-04-02"))
    assert mention.date.value == value and mention.inferred and not mention.relative
    assert mention.text.lower().startswith("that ")


@pytest.mark.parametrize(
    "text",
    [
        "The group played its first show that May.",  # "the fact that May said"
        "The fact that June was cold mattered.",
        "They waited so that December could come.",
    ],
)
def test_a_month_after_that_is_no_date_where_it_may_be_a_name(text: str) -> None:
    assert find_dates(text, DateValue.parse_iso("1990-04-02")) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "Second" before a name is an ordinal, not the unit of a count ("90 seconds")
        (
            "After defeat in the 1647–1648 Second English Civil War, Scotland was occupied.",
            "1647/1648",
        ),
        ("Troops landed in 1944 Second Army sectors.", "1944"),
    ],
)
def test_a_year_before_an_ordinal_name_is_read(text: str, value: str) -> None:
    assert [m.date.value for m in find_dates(text)] == [value]

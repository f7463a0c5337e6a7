"""Wrong choices: dates of other events of the story, never a grid, never a right answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import pytest

from question_bank.choices import (
    MAX_DISTANCE,
    OPTION_RULES,
    SET_RULES,
    SHOWN_SET_RULES,
    Allowance,
    Candidate,
    Day,
    DistractorPool,
    KnownDate,
    Limits,
    ShownOptions,
    coarser_question,
    cycle_named_after,
    recurring_cycles,
    visible_limits,
)
from question_bank.chronology import first_failing
from question_bank.dates import DateValue, parse_date_answer


def value(text: str) -> DateValue:
    return DateValue.parse_iso(text)


def pool(*told: tuple[str, str, str]) -> DistractorPool:
    """A pool of (date, section, chapter)."""
    return DistractorPool(
        [KnownDate(value(date), section, chapter) for date, section, chapter in told]
    )


def war(*dates: str) -> DistractorPool:
    """A pool of dates all told in one section."""
    return pool(*((date, "War", "War") for date in dates))


def wrong(options: Sequence[str], right: str) -> set[str]:
    """The wrong options, as values; the right one must be among the options once."""
    answer = value(right)
    read = [parse_date_answer(option, reference=answer) for option in options]
    assert read.count(answer) == 1, options
    return {date.value for date in read if date is not None and date != answer}


def test_wrong_days_are_days_of_other_events_and_never_made_up() -> None:
    story = ["1942-07-05", "1942-07-28", "1942-08-23", "1942-09-13", "1942-11-19"]
    options = war(*story).choices("q", value("1942-08-23"), [], section="War")
    assert len(options) == 4
    assert wrong(options, "1942-08-23") <= set(story)
    # two other days are too few, and no day is shifted to fill in
    assert war("1942-07-05", "1942-08-23", "1942-09-13").choices("q", value("1942-08-23"), []) == ()


def test_a_day_of_the_story_is_also_a_month_of_it() -> None:
    options = war("1942-06-05", "1942-10-13", "1942-12-19", "1942-08").choices(
        "q", value("1942-08"), [], section="War"
    )
    assert wrong(options, "1942-08") == {"1942-06", "1942-10", "1942-12"}
    # and months are not shifted either
    assert war("1942-07", "1942-08").choices("q", value("1942-08"), []) == ()


def test_the_section_comes_first_then_the_chapter_then_the_document() -> None:
    found = pool(
        ("1942-08", "Stalingrad", "Eastern Front"),
        ("1942-11", "Stalingrad", "Eastern Front"),
        ("1943-01", "Kharkov", "Eastern Front"),
        ("1942-10", "Alamein", "Africa"),
        ("1942-12", "Alamein", "Africa"),
    )
    # "until August 1942": only later months are wrong, so the ranks alone decide
    for seed in range(10):
        options = found.choices(
            f"q{seed}", value("1942-08"), [], section="Stalingrad", side="after"
        )
        assert wrong(options, "1942-08") == {"1942-11", "1943-01", "1942-10"}


def test_years_may_be_filled_in_with_neighbouring_years() -> None:
    options = war("1815", "1812").choices("q", value("1815"), [], section="War")
    assert "1812" in wrong(options, "1815")
    assert len(wrong(options, "1815")) == 3


@pytest.mark.parametrize(
    ("answer", "story", "neighbours"),
    [
        # "the Shays' Rebellion of _____": it ran from August 1786 to February 1787
        ("1786", ["1783", "1787", "1785", "1788", "1791", "1789"], {"1785", "1787"}),
        # "The case went to trial in _____": January and March 2015 were in the story too
        (
            "2015-02",
            ["2015-01", "2015-03", "2014-06", "2015-09", "2016-02"],
            {"2015-01", "2015-03"},
        ),
        # 1 BC and AD 1 are neighbours: there is no year 0
        ("-0001", ["0001", "-0003", "0004", "-0006", "0007"], {"0001"}),
    ],
)
def test_a_neighbouring_year_or_month_of_the_answer_is_never_offered(
    answer: str, story: list[str], neighbours: set[str]
) -> None:
    found = war(answer, *story)
    for seed in range(20):
        options = found.choices(f"q{seed}", value(answer), [], section="War")
        assert len(options) == 4
        assert not wrong(options, answer) & neighbours


@pytest.mark.parametrize(
    ("answer", "near", "far"),
    [
        ("1815-11-20", ["1815-06-18", "1815-07-15", "1815-09-26", "1816-02-01"], "2019-07-15"),
        ("1815-11", ["1815-06", "1815-02", "1815-09", "1816-01"], "2019-07"),
        ("1815", ["1812", "1814", "1821", "1805"], "1950"),
    ],
)
def test_no_date_farther_from_the_answer_than_its_unit_allows(
    answer: str, near: list[str], far: str
) -> None:
    found = war(far, *near)
    for seed in range(20):
        options = found.choices(f"q{seed}", value(answer), [], section="War")
        assert far not in wrong(options, answer)
    assert MAX_DISTANCE["day"] < MAX_DISTANCE["month"] < MAX_DISTANCE["year"]


def test_the_answers_place_among_the_options_is_drawn_evenly() -> None:
    found = war(*(str(year) for year in range(1901, 1941, 2)))
    places: Counter[int] = Counter()
    for seed in range(400):
        options = found.choices(f"q{seed}", value("1920"), [], section="War")
        ordered = sorted(filter(None, (parse_date_answer(option) for option in options)))
        places[ordered.index(value("1920"))] += 1
    assert all(70 <= places[place] <= 130 for place in range(4)), places


def test_a_date_in_view_that_holds_the_answer_bars_itself_only() -> None:
    found = war("1981", "1983", "1986", "1987", "1979", "1975")
    options = found.choices("q", value("1986"), ["1980/1989", "1983"], section="War")
    assert "1983" not in wrong(options, "1986")
    assert wrong(options, "1986") & {"1981", "1987"}


# rule name: (the answer, a date the rule refuses, what the question allows)
OPTION_CASES: dict[str, tuple[str, str, Allowance]] = {
    "shares_the_answer": ("1942-11-19", "1942-11", Allowance.of(value("1942-11-19"))),
    "excluded": ("1942-11", "1942-12", Allowance.of(value("1942-11"), ["1942-12-12"])),
    "outside_shown_date": (
        "1961-10-27",
        "1961-11-05",
        Allowance.of(value("1961-10-27"), limits=Limits(within=((1961, 10, 1), (1961, 10, 31)))),
    ),
    "outside_named_year": (
        "2020-10-04",
        "2021-01-04",
        Allowance.of(value("2020-10-04"), year=2020),
    ),
    "before_shown_date": (
        "1956-10-31",
        "1956-10-12",
        Allowance.of(value("1956-10-31"), limits=Limits(earliest=value("1956-10-30"))),
    ),
    "after_shown_date": (
        "1956-10-30",
        "1956-11-12",
        Allowance.of(value("1956-10-30"), limits=Limits(latest=value("1956-10-31"))),
    ),
    "before_the_subject": (
        "1997",
        "1993",
        Allowance.of(value("1997"), limits=Limits(since=(1996, 1, 1))),
    ),
    "across_the_subjects_day": (
        "2001-09-10",
        "2001-09-21",
        Allowance.of(value("2001-09-10"), limits=Limits(pivot=((2001, 9, 11), (2001, 9, 11)))),
    ),
    "outside_the_subjects_span": (
        "2020-10",
        "2020-06",
        Allowance.of(value("2020-10"), limits=Limits(span=((2020, 9, 27), (2020, 11, 10)))),
    ),
    "after_the_subjects_death": (
        "1970-09",
        "1971-03",
        Allowance.of(value("1970-09"), limits=Limits(died=(1970, 10, 4))),
    ),
    "off_the_cycle": (
        "1816",
        "1813",
        Allowance.of(value("1816"), limits=Limits(period=4)),
    ),
    "range_of_other_length": (
        "2020-07-12/2020-07-16",
        "2020-09-27/2020-11-10",
        Allowance.of(value("2020-07-12/2020-07-16")),
    ),
    "next_to_the_answer": ("1786", "1787", Allowance.of(value("1786"))),
    "true_beyond_bound": ("1999", "2003", Allowance.of(value("1999"), side="before")),
}


@pytest.mark.parametrize("rule", list(OPTION_CASES))
def test_a_date_is_not_offered_for_its_rule(rule: str) -> None:
    _, candidate, allowance = OPTION_CASES[rule]
    refused = first_failing(OPTION_RULES, Candidate(value(candidate), allowance))
    assert refused is not None and refused.name == rule


@pytest.mark.parametrize(
    ("answer", "candidate", "offered"),
    [
        ("2018-11", "2018-07", False),  # videos of a game released on 26 October 2018
        ("2018-11", "2017-09", False),
        ("2018-11", "2019-02", True),
        ("2020", "2018", True),  # the year it came out holds days after it
    ],
)
def test_no_wrong_choice_ends_before_the_subject_began(
    answer: str, candidate: str, offered: bool
) -> None:
    allowance = Allowance.of(value(answer), limits=Limits(since=(2018, 10, 26)))
    assert (first_failing(OPTION_RULES, Candidate(value(candidate), allowance)) is None) is offered


@pytest.mark.parametrize(
    ("answer", "candidate", "offered"),
    [
        ("2001-09-10", "2001-09-21", False),  # a hijacker's act, after the crash
        ("2001-09-10", "2001-09-02", True),
        ("2002", "2000", False),  # a burial, before the crash
        ("2002", "2004", True),
        ("2001-09", "2001-06", True),  # the event's own month holds both sides
        ("2001-09-11", "2001-10-02", True),
    ],
)
def test_no_wrong_choice_lies_across_the_documents_one_day_event(
    answer: str, candidate: str, offered: bool
) -> None:
    limits = Limits(pivot=((2001, 9, 11), (2001, 9, 11)))
    allowance = Allowance.of(value(answer), limits=limits)
    assert (first_failing(OPTION_RULES, Candidate(value(candidate), allowance)) is None) is offered


@pytest.mark.parametrize(
    ("answer", "candidate", "offered"),
    [
        ("2020-10", "2020-06", False),  # "early October": June is before the war
        ("2020-10", "2021-02", False),
        ("2020-10-04", "2020-09-28", True),  # the war's first days
        ("2020-11", "2020-12", False),  # the month the war ended is a month of the war
        ("2019", "2021", False),  # a budget before the war
        ("2019", "2017", True),
        ("2021-01", "2020-11", False),  # after the war ended on 10 November
        ("2020", "2018", True),  # the war's year holds it all
    ],
)
def test_no_wrong_choice_lies_outside_the_documents_lasting_event(
    answer: str, candidate: str, offered: bool
) -> None:
    limits = Limits(span=((2020, 9, 27), (2020, 11, 10)))
    allowance = Allowance.of(value(answer), limits=limits)
    assert (first_failing(OPTION_RULES, Candidate(value(candidate), allowance)) is None) is offered


def test_a_year_longer_than_its_part_of_the_event_keeps_the_years_around_it() -> None:
    limits = Limits(span=((1942, 8, 23), (1943, 2, 2)))
    allowance = Allowance.of(value("1942"), limits=limits)
    assert first_failing(OPTION_RULES, Candidate(value("1940"), allowance)) is None


def test_a_part_of_a_month_in_view_bounds_the_options() -> None:
    stem = (
        "On _____, Hanjour rented a room in Paterson, New Jersey, where he stayed with "
        "other hijackers through the end of August."
    )
    limits = visible_limits(stem, value("2001-05-21"), (None, None))
    assert limits.latest == value("2001-08")
    allowance = Allowance.of(value("2001-05-21"), limits=limits)
    assert first_failing(OPTION_RULES, Candidate(value("2001-09-02"), allowance)) is not None
    assert first_failing(OPTION_RULES, Candidate(value("2001-06-29"), allowance)) is None


def test_no_decade_from_another_age_is_offered() -> None:
    decade = [DateValue("-0279/-0270", "decade")]
    decade += [DateValue(f"{start}/{start + 9}", "decade") for start in (1860, 1880, 1890, 1900)]
    found = DistractorPool([KnownDate(date, "War", "War") for date in decade])
    right = DateValue("1870/1879", "decade")
    for seed in range(20):
        options = found.choices(f"q{seed}", right, [], section="War")
        assert options and "the 270s BC" not in options and right.display() in options
    assert MAX_DISTANCE["year"] < MAX_DISTANCE["decade"] < MAX_DISTANCE["century"]


def test_a_recurring_events_cycle_is_read_from_the_years_the_document_gives_it() -> None:
    text = (
        "In the 1792 United States presidential election, both parties supported Washington. "
        "Before the "
        "1796 presidential election, Madison helped convince Jefferson. Madison won the 1808 "
        "presidential election. The 1813 census counted the towns; the 1814 census too."
    )
    assert recurring_cycles(text) == {"presidential election": 4}
    stem = "Madison and Jefferson favored Monroe in the 1816 presidential election."
    assert cycle_named_after(stem, stem.index("1816") + 4) == "presidential election"
    assert cycle_named_after(stem, stem.index("Monroe")) is None


def test_a_date_no_rule_refuses_is_offered() -> None:
    allowance = Allowance.of(
        value("1956-10-30"), ["1956-11-06"], limits=Limits(latest=value("1956-10-31"))
    )
    assert first_failing(OPTION_RULES, Candidate(value("1956-07-26"), allowance)) is None


# rule name: options, the answer first
SET_CASES = {
    "same_display": ["1942-11-19", "1942-11-19", "1943-02-02", "1942-08-23"],
    "overlapping_options": ["1847/1849", "1850/1852", "1844/1846", "1843/1845"],
    "days_within_a_week": ["1942-11-19", "1942-11-23", "1943-02-02", "1942-08-23"],
    "consecutive_months": ["1942-11", "1942-09", "1942-10", "1942-12"],
    "consecutive_years": ["1912", "1911", "1913", "1914"],
    "consecutive_weeks": ["2009-11-29", "2009-11-22", "2009-12-06", "2009-12-13"],
    "answer_stands_apart": ["1992", "1974", "1975", "1976"],
}


@pytest.mark.parametrize("rule", list(SET_CASES))
def test_a_set_of_options_is_not_offered_for_its_rule(rule: str) -> None:
    refused = first_failing(SET_RULES, [value(text) for text in SET_CASES[rule]])
    assert refused is not None and refused.name == rule


def test_an_answer_as_far_from_the_others_as_they_lie_apart_is_the_odd_one_out() -> None:
    # "the Old Testament in 1967 and the New Testament in _____": 1969, 1971, 1972, 1973
    refused = first_failing(SET_RULES, [value(text) for text in ["1969", "1971", "1972", "1973"]])
    assert refused is not None and refused.name == "answer_stands_apart"


@pytest.mark.parametrize(
    "options",
    [
        ["1942-11-19", "1942-11-26", "1943-02-02", "1942-08-23"],  # a week apart is enough
        ["1942-11", "1942-09", "1942-10", "1943-01"],  # three months in a row are no run
        ["1942", "1943", "1944", "1946"],  # neighbouring years are told apart, short of a run
        ["1976", "1974", "1975", "1992"],  # a wrong option apart is merely easy to rule out
        ["1847/1849", "1850/1852", "1844/1846", "1841/1843"],  # ranges side by side
    ],
)
def test_a_set_no_rule_refuses_is_offered(options: list[str]) -> None:
    assert first_failing(SET_RULES, [value(text) for text in options]) is None


# rule name: options (the answer first), the question's stem, the subject's first day
SHOWN_SET_CASES: dict[str, tuple[list[str], str, Day | None]] = {
    "answer_next_to_shown_date": (
        ["1815-06-22", "1815-07-03", "1815-07-15", "1815-09-13"],
        "Wellington's dispatch, sent on 19 June 1815 and received on 21 June 1815, was "
        "published in the London Gazette Extraordinary on _____.",
        None,
    ),
    "answer_is_the_subjects_year": (
        ["2018", "2020", "2021", "2023"],
        "The game won the award for Best Music at Giant Bomb's _____ Game of the Year Awards.",
        (2018, 10, 26),
    ),
}


@pytest.mark.parametrize("rule", list(SHOWN_SET_CASES))
def test_a_set_is_not_offered_beside_the_dates_the_question_shows(rule: str) -> None:
    options, stem, since = SHOWN_SET_CASES[rule]
    limits = replace(visible_limits(stem, value(options[0]), (None, None)), since=since)
    shown = ShownOptions([value(text) for text in options], limits)
    refused = first_failing(SHOWN_SET_RULES, shown)
    assert refused is not None and refused.name == rule


def test_options_spread_around_the_date_shown_are_offered() -> None:
    stem = "The dispatch was received on 21 June 1815 and published on _____."
    limits = visible_limits(stem, value("1815-07-03"), (None, None))
    spread = ["1815-07-03", "1815-06-28", "1815-07-15", "1815-09-13"]
    assert first_failing(SHOWN_SET_RULES, ShownOptions([value(t) for t in spread], limits)) is None
    found = war("1815-06-22", "1815-06-25", "1815-07-03", "1815-07-15", "1815-09-13", "1815-09-20")
    for seed in range(10):
        options = found.choices(f"q{seed}", value("1815-06-22"), [], limits=limits)
        assert options == ()  # every other option lies far beyond the answer


def test_every_rule_has_its_case() -> None:
    assert [rule.name for rule in OPTION_RULES] == list(OPTION_CASES)
    assert [rule.name for rule in SET_RULES] == list(SET_CASES)
    assert [rule.name for rule in SHOWN_SET_RULES] == list(SHOWN_SET_CASES)


@pytest.mark.parametrize(
    ("prompt", "answer", "expected"),
    [
        (
            "On what date did Azerbaijani forces take Shusha?",
            "2020-11-08",
            ("In what month and year did Azerbaijani forces take Shusha?", "2020-11"),
        ),
        (
            "On what date in 2020 did Azerbaijani forces take Shusha?",
            "2020-11-08",
            ("In what month in 2020 did Azerbaijani forces take Shusha?", "2020-11"),
        ),
        (
            "In what month and year was the treaty rejected by the Senate?",
            "1903-08",
            ("In what year was the treaty rejected by the Senate?", "1903"),
        ),
        ("In what month and year in 1903 was the treaty rejected?", "1903-08", None),
        ("By what date did the troops withdraw?", "1921-11-20", None),
        ("In what year was the treaty signed?", "1921", None),
    ],
)
def test_a_choice_may_ask_one_step_coarser_and_says_so(
    prompt: str, answer: str, expected: tuple[str, str] | None
) -> None:
    found = coarser_question(prompt, value(answer))
    assert (None if found is None else (found[0], found[1].value)) == expected


def test_no_year_after_the_last_date_the_document_tells_is_made_up() -> None:
    # a document written in 2025 offers no "2026" for an offensive of 2023
    story = war("2016", "2020", "2021", "2023", "2025")
    for seed in range(20):
        options = story.choices(f"q{seed}", value("2023"), [], section="War")
        assert all(int(option) <= 2025 for option in options), options

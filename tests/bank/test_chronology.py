"""The text's time: the year of a date written without one, one row per rule."""

from __future__ import annotations

import pytest

from question_bank.chronology import (
    RELATIVE_RULES,
    ROLE_RULES,
    YEAR_RULES,
    Site,
    calendar_gap,
    names_two_calendars,
    opens_a_sequel,
    role_of,
    with_year,
    year_of,
)
from question_bank.dates import DateValue, find_dates
from question_bank.facts import FactReport, extract_facts
from question_bank.read import read_document


def report_of(*paragraphs: str, heading: str = "Section") -> FactReport:
    text = f"Test Document\n\n{heading}\n\n" + "\n\n".join(paragraphs) + "\n"
    return extract_facts(read_document(text))


def kept(report: FactReport) -> dict[str, str]:
    """The facts' dates by the words the text writes them in."""
    return {fact.mention.text: fact.date.value for fact in report.facts}


def skipped(report: FactReport) -> dict[str, str]:
    """The rule that skipped each date, by the date as the report gives it."""
    return {skip.date: skip.rule for skip in report.skipped}


# --- what a written date does to the story's time ---------------------------------------

ROLE_CASES = {
    "in_brackets": ("He died in 1992 (the virus was contracted in 1983).", "1983"),
    "in_caption": ("the northernmost part of the city in 1942]] After that it fell.", "1942"),
    "in_quotation": ('He wrote: "we left Paris in 1940 and never came back."', "1940"),
    "names_a_thing": ("The 1994 ceasefire held for a long time.", "1994"),
    "since": ("The family has lived in the valley since 1971.", "1971"),
    "after_reference_event": (
        "Following the loss of a U-2 over the Soviet Union in May 1960, flights stopped.",
        "May 1960",
    ),
    "before_reference_event": (
        "Delivery came months before the war's outbreak on September 27, 2020.",
        "September 27, 2020",
    ),
    "until_clause": ("They met weekly until moving to Boston in 1949.", "1949"),
    "planned": ("The test was scheduled for 25 April 1986.", "25 April 1986"),
    "as_late_as": ("Troops stayed in the city as late as August 1939.", "August 1939"),
    "amount_by": ("The programme had cost over $50 billion by 2014.", "2014"),
    "alternative": ("She became pregnant in late 1398 or early 1399.", "late 1398"),
    "still_state": (
        "In February 1943 only 10,000 civilians were still alive in the city.",
        "February 1943",
    ),
    "pluperfect": (
        "Lunar Orbiter 1 had taken the first picture of an Earthrise on August 23, 1966.",
        "August 23, 1966",
    ),
    "relative_clause": ("The film drew on a reenactment, which was staged in 1920.", "1920"),
    "later_remark": ("The songs were released posthumously in 1972.", "1972"),
    "remark": ("In 1990, he reiterated that the missiles had been ready.", "1990"),
    "not_until": ("The lifts were not repaired until 1946.", "1946"),
    "year_without_preposition": ("The family moved to 1701 Kansas Avenue.", "1701"),
}


@pytest.mark.parametrize("rule", list(ROLE_CASES))
def test_a_written_date_plays_the_part_its_sentence_gives_it(rule: str) -> None:
    sentence, written = ROLE_CASES[rule]
    mentions = tuple(find_dates(sentence))
    mention = next(m for m in mentions if m.text == written)
    expected = next(r.role for r in ROLE_RULES if r.name == rule)
    assert role_of(Site(sentence, mention, mentions)) == (expected, rule)


@pytest.mark.parametrize(
    "sentence",
    [
        "The year 1990 brought the end of the GDR.",
        "In the summer of 1942, the offensive began.",
        "1990 saw the end of the GDR.",
        "Germany invaded Poland and annexed Danzig in 1939.",
        "By October 1983 Acorn had received orders for 150,000 units.",
        "Later, in 1819, he moved to Edinburgh.",
    ],
)
def test_a_date_of_the_story_sets_its_time(sentence: str) -> None:
    mentions = tuple(find_dates(sentence))
    assert [role_of(Site(sentence, m, mentions))[0] for m in mentions] == ["story"]


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        # a decade read with its article names the noun after it
        ("Refugees fled during the 1990s conflict to the north.", ("background", "names_a_thing")),
        ("Sales grew during the 1990s in the north.", ("story", "")),
        ("Telegraphy spread from the 1840s onward in Britain.", ("story", "")),
    ],
)
def test_a_decade_before_a_noun_names_it(sentence: str, role: tuple[str, str]) -> None:
    mentions = tuple(find_dates(sentence))
    assert role_of(Site(sentence, mentions[0], mentions)) == role


@pytest.mark.parametrize(
    ("sentence", "written", "rule"),
    [
        # a thousands separator is no clause break: the "which" still opens the clause
        (
            "About 18,000 people worked there, which was 4,000 fewer than before renovations "
            "began in 1998.",
            "1998",
            "relative_clause",
        ),
        # "that" before a noun is a determiner, not the start of a clause that ends the plan
        (
            "He had been scheduled to appear on that show on September 12, 2001.",
            "September 12, 2001",
            "planned",
        ),
    ],
)
def test_a_clause_is_read_to_its_real_break(sentence: str, written: str, rule: str) -> None:
    mentions = tuple(find_dates(sentence))
    mention = next(m for m in mentions if m.text == written)
    assert role_of(Site(sentence, mention, mentions))[1] == rule


def test_every_role_rule_has_its_case() -> None:
    assert {rule.name for rule in ROLE_RULES} == set(ROLE_CASES)


# --- why a year-less date gets no year ----------------------------------------------------

YEAR_CASES: dict[str, tuple[tuple[str, ...], str]] = {
    "year_less_name": (
        (
            "Historians in 1967 wrote about the revolution. They studied the crowds in the "
            "October Revolution closely.",
        ),
        "October",
    ),
    "year_less_since": (
        ("The station opened in 1990. It has run without a break since March.",),
        "March",
    ),
    "year_less_every_year": (
        (
            "The uprising was crushed on 17 June 1953. In West Germany, 17 June was observed "
            "as a public holiday.",
        ),
        "17 June",
    ),
    "list_across_new_year": (
        (
            "The tests began in 1957. The third and fourth tests (December 30 and January 9) "
            "had problems with overheating.",
        ),
        "December 30",
    ),
    "year_phrase_refused": (
        (
            "The empire fought in the war from 1914. The February Revolution of 1917 had "
            "resulted in the abdication of the tsar. Russia was proclaimed a republic in "
            "September of the same year.",
        ),
        "September",
    ),
    "no_year_before": (("The committee met on October 14 to discuss the plan.",), "October 14"),
    "paragraph_years_disagree": (
        (
            "The British converted a regiment of cavalry to lancers in 1816.",
            "The ground was altered from their 1815 appearance. Tourism began on 19 June "
            "with a carriage from Brussels.",
        ),
        "19 June",
    ),
    "story_spans_years": (
        ("Between 1941 and 1945 the factory made tanks. On 9 May the factory closed.",),
        "9 May",
    ),
    "another_year_in_sentence": (
        (
            "France won the final on 12 July 1998. The 2002 tournament, held in Korea from "
            "31 May to 30 June, was the first in Asia.",
        ),
        "31 May to 30 June",
    ),
    "no_such_day": (
        ("The treaty was signed in 1901. The council met on 29 February to ratify it.",),
        "29 February",
    ),
    "stepped_back_before": (
        (
            "In 1956 the navy sponsored a study of submarine warfare.",
            "The two scientists knew each other well. Mark was appointed head of the "
            "division in 1947.",
            "When the commission backed the estimate in early September, the navy went ahead.",
        ),
        "early September",
    ),
    "aside_with_another_year": (
        (
            "The army overran the Ukraine in 1941. The offensive was planned for late May "
            "1942. The city did not fall until early July.",
        ),
        "early July",
    ),
    "unsettled_before": (
        (
            "The relief attempt failed on 24 December 1942. The airfield was abandoned by "
            "mid-January. The supply flights stopped on 18 November.",
        ),
        "18 November",
    ),
    "runs_before_what_it_follows": (
        (  # october-revolution.txt, "July days": Old Style dates among New Style ones
            "A new crisis in the Provisional Government began on 15 July 1917. On 17 July, "
            "over 500,000 people participated in what was intended to be a peaceful "
            "demonstration in Petrograd, the so-called July Days.",
            "A period of repression followed. On 5–6 July, attacks were made on the editorial "
            "offices and printing presses of Pravda.",
        ),
        "5–6 July",
    ),
    "back_by_calendar_gap": (
        (  # the same, in a document that names both calendars and says nothing "followed"
            "A new crisis in the Provisional Government began on 15 July 1917. On 17 July, "
            "over 500,000 people participated in what was intended to be a peaceful "
            "demonstration in Petrograd, the so-called July Days.",
            "On 7 July, the government ordered the arrest and trial of Vladimir Lenin.",
            "The Military Revolutionary Committee began the occupation of government "
            "buildings on 7 November 1917 (New Style).",
        ),
        "7 July",
    ),
    "breaks_a_bound": (
        (
            "The town was founded in 1850. Its railway has run since 1870. The first cattle "
            "went by rail on 3 March.",
        ),
        "3 March",
    ),
    "month_goes_back": (
        (
            "The garrison surrendered on 24 December 1942. The airfield was abandoned by "
            "mid-January.",
        ),
        "mid-January",
    ),
    "whole_year_after_point": (
        (
            "The army secured the pass on 1 November 1918. By the beginning of 1919 the "
            "whole region was held. In October the general died of a heart attack.",
        ),
        "October",
    ),
    "same_day_other_year": (
        (
            "The storm hit the town on 18 August 1969. The harbour reopened on 2 May 1970. On "
            "18 August, a memorial was unveiled by the mayor.",
        ),
        "18 August",
    ),
    "story_runs_back": (
        (
            "In February 1943 only 10,000 civilians were alive in the city. A massive air "
            "raid on 23 August caused a firestorm. The order of 27 July 1942 forbade any "
            "retreat.",
        ),
        "23 August",
    ),
}


@pytest.mark.parametrize("rule", list(YEAR_CASES))
def test_a_year_less_date_the_signals_disagree_on_is_skipped(rule: str) -> None:
    paragraphs, date = YEAR_CASES[rule]
    report = report_of(*paragraphs)
    assert skipped(report).get(date) == rule, (skipped(report), kept(report))
    assert date not in kept(report)


def test_a_heading_spanning_years_leaves_the_year_open() -> None:
    report = report_of(
        "On 6 February the admiral was shot by a firing squad.",
        heading="Siberia and the Far East (1920–22)",
    )
    assert skipped(report)["6 February"] == "heading_spans_years"


def test_a_heading_with_one_year_gives_its_year() -> None:
    report = report_of(
        "In March the general offensive of the White armies began on the eastern front.",
        heading="Siberia (1919)",
    )
    assert "1919-03" in kept(report).values()


_JULY_DAYS = (
    "A new crisis in the Provisional Government began on 15 July 1917. On 17 July, over "
    "500,000 people participated in what was intended to be a peaceful demonstration in "
    "Petrograd, the so-called July Days."
)


def test_a_sequel_that_ran_back_leaves_its_later_dates_in_doubt_too() -> None:
    report = report_of(
        _JULY_DAYS,
        "A period of repression followed. On 7 July, the government ordered the arrest and "
        "trial of Vladimir Lenin. The second coalition government was formed on 24 July, "
        "chaired by Alexander Kerensky.",
    )
    # 24 July comes after 17 July, but after 7 July in a paragraph already told out of order
    assert skipped(report).get("24 July") == "runs_before_what_it_follows", kept(report)
    assert kept(report)["17 July"] == "1917-07-17"  # what it follows stays


@pytest.mark.parametrize(
    "sequel",
    [
        # the dates go on after the one the paragraph follows
        "A period of repression followed. On 24 July, the second coalition government was "
        "formed, chaired by Alexander Kerensky.",
        # a flashback the text marks
        "A period of repression followed. Earlier, on 7 July, the government had ordered "
        "the arrest and trial of Vladimir Lenin.",
        # no word says the paragraph follows on
        "On 7 July, the government ordered the arrest and trial of Vladimir Lenin.",
        # the date is written with its year
        "A period of repression followed. On 7 July 1917, the government ordered the arrest "
        "and trial of Vladimir Lenin.",
    ],
)
def test_a_sequel_is_doubted_only_when_its_year_less_dates_run_back_unmarked(sequel: str) -> None:
    report = report_of(_JULY_DAYS, sequel)
    assert not {"runs_before_what_it_follows", "back_by_calendar_gap"} & set(
        skipped(report).values()
    ), skipped(report)
    sequel_facts = [fact for fact in report.facts if fact.text in sequel]
    assert [fact.date.value[:7] for fact in sequel_facts] == ["1917-07"], kept(report)


@pytest.mark.parametrize(
    "opening",
    [
        "A period of repression followed.",
        "Afterwards, Wiesel traveled to Paris where he learned French.",
        "In the aftermath of John's death William Marshal was declared the protector.",
        'Thereafter, the IRA evolved a new strategy which they called the "Long War".',
        "Then the rebels withdrew to the hills.",
    ],
)
def test_a_paragraph_opening_says_it_follows_on(opening: str) -> None:
    assert opens_a_sequel(opening)


@pytest.mark.parametrize(
    "opening",
    [
        "The period that followed the war was calm.",
        "He followed his father into the army.",
        "Lenin was then forced to go underground.",
    ],
)
def test_a_paragraph_opening_that_only_uses_the_words_does_not(opening: str) -> None:
    assert not opens_a_sequel(opening)


def test_a_small_step_back_is_a_flashback_in_a_text_of_one_calendar() -> None:
    report = report_of(
        _JULY_DAYS, "On 7 July, the government ordered the arrest and trial of Vladimir Lenin."
    )
    assert kept(report)["7 July"] == "1917-07-07"


@pytest.mark.parametrize(
    ("paragraph", "date"),
    [
        # back by more than the 13 days between the calendars in 1917
        ("On 1 July, the Provisional Government opened an offensive.", "1 July"),
        # the day says which calendar it is in
        ("On 5 July (18 July N.S), attacks were made on Pravda.", "5 July (18 July N.S)"),
    ],
)
def test_a_two_calendar_text_keeps_a_day_the_gap_cannot_explain(paragraph: str, date: str) -> None:
    report = report_of(
        _JULY_DAYS, paragraph, "Power passed to the soviets on 7 November 1917 (New Style)."
    )
    assert date in kept(report), skipped(report)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("25 October 1917 according to the Julian calendar and 7 November in the Gregorian", True),
        ("on 26 October (8 November new style) 1917", True),
        ("On 12 November (25 November N.S), a Constituent Assembly was elected.", True),
        ("born on March 16, 1751, (March 5, 1750, Old Style, Julian calendar)", True),
        ("the Julian calendar opened on 1 January 45 BC", False),
        ("she recorded the Julian Lennon song and found a new style of singing", False),
    ],
)
def test_a_text_names_two_calendars(text: str, named: bool) -> None:
    assert names_two_calendars(text) is named


@pytest.mark.parametrize(
    ("year", "gap"), [(1917, 13), (1900, 13), (1850, 12), (1751, 11), (1650, 10)]
)
def test_the_calendars_lie_further_apart_each_century(year: int, gap: int) -> None:
    assert calendar_gap(year) == gap


def test_every_year_rule_has_its_case() -> None:
    assert {rule.name for rule in YEAR_RULES} == set(YEAR_CASES) | {"heading_spans_years"}


# --- why a relative date is not counted ---------------------------------------------------

RELATIVE_CASES: dict[str, tuple[tuple[str, ...], str]] = {
    "relative_in_weeks": (
        ("The final was played on 17 July 1994. Two weeks earlier, the defender was shot.",),
        "Two weeks earlier",
    ),
    "relative_compound": (
        ("The treaty was signed on 5 May 1920. A year and a day later, it was broken.",),
        "a day later",
    ),
    "relative_approximate": (
        ("The friends made a promise on 1 June 1962. She kept it nearly 30 years later.",),
        "30 years later",
    ),
    "relative_restated": (
        (
            "The vote was held on 10 January 2017. The following year, on 13 June 2018, the "
            "Congress awarded the tournament.",
        ),
        "The following year",
    ),
    "relative_no_anchor": (
        ("The war ended in 1945.", "Two days later, the troops went home."),
        "Two days later",
    ),
    "relative_anchor_far": (
        (
            "The plant opened on 3 May 1950. It made steel. It employed miners. It burnt "
            "coal. It was large. Two days later, a fire broke out.",
        ),
        "Two days later",
    ),
    "relative_after_unread_month": (
        (
            "In August 2015 the police chief spoke. In May, a former commander was shot dead. "
            "Three months later, a second man was shot.",
        ),
        "Three months later",
    ),
    "relative_from_unsettled": (
        (
            "The siege ended on 24 December 1942. The airfield was abandoned by mid-January. "
            "The next day, the last plane left.",
        ),
        "The next day",
    ),
    "relative_from_aside": (
        (
            "Separatist units agreed to disarm on September 20, 2023. Under the agreement "
            "brokered that day, the units disbanded.",
        ),
        "that day",
    ),
    "relative_from_other_time": (
        (
            "In 1910 she isolated radium. In January 1911 she stood for election to the "
            "Academy and lost; the Academy did not admit a woman until 1962. Later that year "
            "newspapers published her letters.",
        ),
        "Later that year",
    ),
    "relative_finer_than_anchor": (
        ("The company was founded in March 1990. The next day, its first shop opened.",),
        "The next day",
    ),
    "relative_disagrees": (
        (
            "The show closed on 21 January 1984. A year later, she sang at the gala in May "
            "1984 in Geneva.",
        ),
        "A year later",
    ),
}


@pytest.mark.parametrize("rule", list(RELATIVE_CASES))
def test_a_relative_date_that_cannot_be_counted_is_skipped(rule: str) -> None:
    paragraphs, phrase = RELATIVE_CASES[rule]
    report = report_of(*paragraphs)
    assert skipped(report).get(phrase) == rule, (skipped(report), kept(report))


def test_every_relative_rule_has_its_case() -> None:
    assert {rule.name for rule in RELATIVE_RULES} == set(RELATIVE_CASES)


# --- the story's year, as a careful reader reads it ----------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "date", "value"),
    [
        (  # a reference event before the story does not move it
            (
                "In September 1962, U-2 flights over Cuba resumed after a pause.",
                "Following the loss of a CIA U-2 over the Soviet Union in May 1960, the agency "
                "had flown few missions.",
                "On October 14, a U-2 photographed missile sites in western Cuba.",
            ),
            "October 14",
            "1962-10-14",
        ),
        (  # "The year 1990" is the story's time, not a modifier
            (
                "Protests grew through the autumn of 1989. The year 1990 brought the end of "
                "the GDR. On March 18, East Germans voted in the first free elections.",
            ),
            "March 18",
            "1990-03-18",
        ),
        (  # a flashback leaves the story's year as it was
            (
                "Apollo 8 was launched on December 21, 1968.",
                "Lunar Orbiter 1 had taken the first picture of an Earthrise on August 23, "
                "1966. The spacecraft began its journey back to Earth on December 25.",
            ),
            "December 25",
            "1968-12-25",
        ),
        (  # a remark about the story, published later, does not move it
            (
                "At 3 a.m. on Monday, August 18, 1969, the singer stood behind the band. This "
                "information was published by David Crosby in 1988. Later in the morning of "
                "August 18, Joplin watched the last set.",
            ),
            "August 18",
            "1969-08-18",
        ),
        (  # "until moving to Boston in 1949" bounds the story; it does not move it
            (
                "He submitted the story on 21 June 1938. The meetings went on until moving to "
                "Boston in 1949. Campbell rejected it on 22 July.",
            ),
            "22 July",
            "1938-07-22",
        ),
        (  # a month list shares the year written at its end
            ("Throughout June, July, and August 1917, workers spoke of their misgivings.",),
            "June",
            "1917-06",
        ),
        (  # what follows an event of a later year happens in that year
            (
                "He was made patriarch of Venice in 1953.",
                "Following the death of Pope Pius XII on 9 October 1958, Roncalli watched the "
                "funeral from Venice on 11 October.",
            ),
            "11 October",
            "1958-10-11",
        ),
        (  # "that year" after a look back is still the story's year
            (
                "In January 1985 the company cut its price. By February its value fell 85% "
                "from the previous year. Olivetti acquired the company later that year.",
            ),
            "later that year",
            "1985",
        ),
        (  # how things still stood at a later time does not move the story
            (
                "The bombing of the city began on 25 July 1942. In February 1943 only 10,000 "
                "civilians were still alive in the city. A massive air raid on 23 August "
                "caused a firestorm.",
                "Stalin's order of 27 July 1942 forbade any retreat.",
            ),
            "23 August",
            "1942-08-23",
        ),
        (  # a count that looks back is no date a later count starts from
            (
                "In 55 BC, Caesar crossed into Britain, claiming that the Britons had aided "
                "his enemies the previous year. He returned the following year with a larger "
                "force.",
            ),
            "the following year",
            "-0054",
        ),
        (  # an aside ahead to a later year, then a date of that year written after it
            (
                "The offensive in the south opened in 1941.",
                "The start of Case Blue had been planned for late May 1942.",
                "Operation Wilhelm attacked Voltshansk on 13 June.",
                "Blau finally opened as Army Group South attacked on 28 June 1942.",
            ),
            "13 June",
            "1942-06-13",
        ),
        (  # a chain of relative dates counts from the last one
            (
                "Joplin met Morgan on Tuesday, September 29, 1970. Caserta saw her briefly the "
                "next day in her room. Caserta suspected that Morgan had left her earlier that "
                "day.",
            ),
            "earlier that day",
            "1970-09-30",
        ),
    ],
)
def test_a_year_less_date_takes_the_story_s_year(
    paragraphs: tuple[str, ...], date: str, value: str
) -> None:
    assert kept(report_of(*paragraphs)).get(date) == value


@pytest.mark.parametrize(
    "paragraphs",
    [
        (  # a retrospective remark in the date's own sentence gives it no year
            "On October 9, 1962, the CIA approved a new flight. In 1990, he reiterated that on "
            "October 18 Gromyko had lied.",
        ),
        (  # a plan is not an event
            "The expedition spent the winter at the fort in 1805. Lewis was determined to "
            "remain at the fort until April 1.",
        ),
        (  # an aside back to an earlier year says nothing of the dates after it
            "The queen fell ill in 1399. Her coronation had been planned for May 1398. The "
            "envoys of Sigismund arrived in Kraków on 13 June. In July 1398 the court moved.",
        ),
        (  # the next written date of the aside's year comes before the year-less one
            "The offensive in the south opened in 1941. The start of Case Blue had been "
            "planned for late May 1942. Operation Wilhelm attacked Voltshansk on 13 June. In "
            "January 1942 the front was quiet.",
        ),
        (  # a name that holds a date names an event of another year
            "In 2010 the inquiry reopened. The cable on the September 11 attacks was leaked. "
            "The report on the September 11 attacks followed.",
        ),
    ],
)
def test_no_year_less_date_is_kept_where_the_signals_disagree(
    paragraphs: tuple[str, ...],
) -> None:
    report = report_of(*paragraphs)
    assert not [fact for fact in report.facts if fact.mention.inferred], kept(report)


def test_tables_and_lists_move_no_story() -> None:
    report = report_of(
        "The revolution began on 7 November 1917.",
        "- 5 November 1918: Tallinn\n- 25 February 1919: Novocherkassk",
        "The following day, 26 October, the Congress elected a cabinet. On 26 October the "
        "Congress elected a cabinet of commissars.",
    )
    assert kept(report)["26 October"] == "1917-10-26"


# --- years in ISO values ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "old", "new", "expected"),
    [
        ("0556-10-14", 556, 1962, "1962-10-14"),
        ("0556-08-23/0556-08-31", 556, 1942, "1942-08-23/1942-08-31"),
    ],
)
def test_a_value_moves_to_the_story_s_year(value: str, old: int, new: int, expected: str) -> None:
    moved = with_year(DateValue.parse_iso(value), old, new)
    assert moved.value == expected
    assert year_of(moved.end) == year_of(expected.split("/")[-1])


def test_a_day_the_year_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError):
        with_year(DateValue.parse_iso("0556-02-29"), 556, 1901)


def test_a_year_less_day_in_both_calendars_is_paired_in_the_story_s_year() -> None:
    report = report_of(
        "The revolution began on 7 November 1917. On 12 November (25 November N.S), a "
        "Constituent Assembly was elected by the people."
    )
    (fact,) = [f for f in report.facts if f.mention.text.startswith("12 November")]
    assert fact.date.value == "1917-11-25"  # the New Style day is the value
    assert fact.mention.also is not None and fact.mention.also.value == "1917-11-12"

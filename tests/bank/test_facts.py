"""Why a date is not made a fact: one row per skip rule of a sentence or a table cell."""

from __future__ import annotations

import pytest

from question_bank.build import build_bank
from question_bank.chronology import RELATIVE_RULES, YEAR_RULES
from question_bank.facts import (
    SKIP_RULES,
    TABLE_RULES,
    Person,
    document_person,
    document_thing,
    extract_facts,
    leans_on_previous,
    life_span,
    subject_day,
    subject_origin,
    subject_span,
    title_year,
)
from question_bank.read import read_document

# rule name: (the text, the date as the report gives it)
SENTENCE_CASES = {
    "approximate": (
        "The Kontor at Bergen was founded around 1360 by Hanseatic merchants.",
        "1360",
    ),
    "range_of_values": (
        "The park holds a bench for each of the victims, arranged by year of birth, "
        "ranging from 1930 to 1998.",
        "1930/1998",
    ),
    "decade_not_a_time": (
        'In 2006 Time called the record "the finest album of the 1990s" in its list.',
        "1990/1999",
    ),
    "century": (
        "Stone bridges spread across the region in the 12th century under the bishops.",
        "1101/1200",
    ),
    "loose_start": (
        "Since their origins in the 1960s, the size, speed and capacity of chips have "
        "progressed enormously.",
        "1960/1969",
    ),
    "approximate_form": (
        "The poet Wace was active in Caen and wrote his chronicle in 1155 or 1156 there.",
        "1155/1156",
    ),
    "date_list": (
        "The war began in 2020. Strikes hit the city on October 4, 5, 8, 11, and 17, killing many.",
        "2020-10-04",
    ),
    "dates_side_by_side": (
        "With the advent of Java 2 (released initially as J2SE 1.2 in December 1998 1999), new "
        "versions had multiple configurations built for different types of platforms.",
        "1999",
    ),
    "dated_items": (
        "Addresses were presented at the Silver Jubilee (1977), Golden Jubilee (2002) and "
        "Diamond Jubilee (2012) of the Queen.",
        "2002",
    ),
    "year_in_compound": (
        "The Provisionals kept the principles of the pre-1969 Irish Republican Army.",
        "1969",
    ),
    "number_names_a_thing": (
        "Intel produced the first silicon gate SRAM chip, the 256-bit 1101.",
        "1101",
    ),
    "saying": (
        'Asimov recalled in 1969 that "the United States went into a kind of tizzy".',
        "1969",
    ),
    "in_cross_reference": (
        "Some claim the IRA is still active (see Chronology of Provisional Irish Republican "
        "Army actions (2000–09)).",
        "2000/2009",
    ),
    "year_beside_date": (
        "In 1968, on April 12, the band played a long set at Winterland in San Francisco.",
        "1968",
    ),
    "reference_event": (
        "Delivery came in May 2020, months before the war's outbreak on September 27.",
        "2020-09-27",
    ),
    "as_of": ("As of 2024, no substantial return of refugees to Kalbajar has occurred.", "2024"),
    "stale_present": (
        "The latest versions are Java 12, released in March 2019, and Java 11, a long-term "
        "support version.",
        "2019-03",
    ),
    "state_in_year": (
        "In 2012, Perl 6 development was centered primarily around two compilers.",
        "2012",
    ),
    "into_date": (
        "The war began in 1942. The Luftwaffe retained air superiority into November, and "
        "Soviet daytime resistance was nonexistent.",
        "1942-11",
    ),
    "winter_of_one_year": (
        "The scope runs from the spring of 1942 to the end of the fighting in the city in "
        "the winter of 1943.",
        "1943",
    ),
    "planned": ("The turbine test at the plant was scheduled for 25 April 1986.", "1986-04-25"),
    "as_late_as": (
        "Soviet troops stayed in the border towns as late as August 1939.",
        "1939-08",
    ),
    "plan_endpoint": (
        "In 2002, the Navy announced plans to extend the life of the submarines and the "
        "missiles to the year 2040.",
        "2040",
    ),
    "amount_by": ("The programme had cost the government over $50 billion by 2014.", "2014"),
    "titled": (
        "In 1987 Andersson released his first solo album and followed it with his second "
        "album titled November 1989.",
        "1989-11",
    ),
    "dated_finding": (
        "In 2001, for men of all working ages, survey data showed a sharp drop in the "
        "employment of disabled workers.",
        "2001",
    ),
    "serial_issue": (
        "In 2006, the University of California, Davis released a report analyzing business "
        "leadership by women within the state.",
        "2006",
    ),
    "tally_window": (
        "Between 1970 and 2005, the IRA had detonated 19,000 improvised explosive devices "
        "in the United Kingdom.",
        "1970/2005",
    ),
    "year_remnant": ("The treaty was signed on , 2020, by the two governments.", "2020"),
    "hole_in_clause": ("'' on 4 July 2008, are the original members of the band.", "2008-07-04"),
    "subject_behind_hole": (
        "The deal was struck by and , who announced the merger on 5 May 1990 in Paris.",
        "1990-05-05",
    ),
    "hole_after_article": (
        "The ministers met at the December 10, 2020, , and agreed on the border.",
        "2020-12-10",
    ),
    "relative_time_unshown": (
        "Work on the canal began in April 1859.\n\nCrowds lined the banks of the canal. The "
        "procession anchored at Ismailia that night and reached Suez on 20 November 1869.",
        "1869-11-20",
    ),
    "subject_unshown": (
        "It was a cold winter. She earned a degree in physics in 1893, ranking first.",
        "1893",
    ),
    "too_little_context": ("Peace returned in 1990.", "1990"),
    "forecast": (
        "Intel plans to improve the power use of its chips, like new Ivy Bridge processors "
        "in 2013, which will only need 10 W.",
        "2013",
    ),
    "dismissed_story": (
        "According to the chronicle of John of Posilge, the queen sent a letter to Vytautas. "
        "On 12 October 1398, Vytautas signed a peace treaty with the Teutonic Knights. "
        "Oscar Halecki says that the story is an invention based on gossip.",
        "1398-10-12",
    ),
    "reported_claim": (
        "The militia reportedly seized the bridge on May 3, 1921, after a siege.",
        "1921-05-03",
    ),
}


@pytest.mark.parametrize("rule", list(SENTENCE_CASES))
def test_a_date_no_question_can_be_asked_on_is_skipped_with_its_rule(rule: str) -> None:
    text, date = SENTENCE_CASES[rule]
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    rules = {skip.date: skip.rule for skip in report.skipped}
    assert rules.get(date) == rule, rules
    reason = next(r.reason for r in SKIP_RULES if r.name == rule)
    assert all(skip.reason == reason for skip in report.skipped if skip.rule == rule)
    assert date not in {fact.date.value for fact in report.facts}


@pytest.mark.parametrize(
    "text",
    [
        # a letter and a piece of news are events, not sayings
        "Macmillan wrote to Eisenhower on 15 October 1957 urging that they pool resources.",
        "In February 2008, Intel stated that its office in Munich had been raided.",
    ],
)
def test_a_letter_or_a_statement_of_news_is_no_saying(text: str) -> None:
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    assert "saying" not in {skip.rule for skip in report.skipped}
    assert report.facts


def test_a_date_and_a_year_in_words_beside_it_are_one_date_not_a_lost_range() -> None:
    text = (
        "The band split in 1990. The song returned to the Top 20 of the UK singles chart in "
        "August 1992 and again in August that year, this time peaking at number 16."
    )
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    assert "dates_side_by_side" not in {skip.rule for skip in report.skipped}


TABLE = (
    "Test Document\n\nTowns\n\n| Town | {column} | Notes |\n|---|---|---|\n"
    "| {label} | {cell} | {note} |\n"
)

# rule name: (column, label, cell)
TABLE_CASES = {
    "table_vague_cell": ("Captured", "Fuzuli", "By October 17, 2020", "Southern front"),
    "table_prose_cell": ("Details", "Fuzuli", "City centre secured on October 17, 2020", "-"),
    "table_row_notes_another_date": (
        "Liberated",
        "Fuzuli",
        "September 27, 2020",
        "Initial breakthrough; city centre secured later in October",
    ),
    "table_unlabelled_row": ("Captured", " ", "October 17, 2020", "Southern front"),
}


@pytest.mark.parametrize("rule", list(TABLE_CASES))
def test_a_table_cell_that_is_no_event_date_is_skipped_with_its_rule(rule: str) -> None:
    column, label, cell, note = TABLE_CASES[rule]
    document = read_document(TABLE.format(column=column, label=label, cell=cell, note=note))
    report = extract_facts(document)
    assert [skip.rule for skip in report.skipped] == [rule]
    assert not report.table_facts


def test_a_clean_table_cell_is_a_fact() -> None:
    document = read_document(
        TABLE.format(
            column="Captured", label="Fuzuli", cell="October 17, 2020", note="Southern front"
        )
    )
    (fact,) = extract_facts(document).table_facts
    assert (fact.label, fact.date.value) == ("Fuzuli", "2020-10-17")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Lead paint was still being used on the tower as recently as 2001.", "2001"),
        ("Kings were crowned in the abbey church as early as 1066.", "1066"),
        ("Fairs were held in the market town as far back as 1250.", "1250"),
    ],
)
def test_the_far_end_of_a_span_is_no_event_in_any_wording(text: str, date: str) -> None:
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    assert {skip.date: skip.rule for skip in report.skipped}.get(date) == "as_late_as"


@pytest.mark.parametrize(
    ("text", "date", "rule"),
    [
        (
            "On October 26, 1995, the archive was established for Perl modules; as of May "
            "2017, it carries over 185,178 modules.",
            "2017-05",
            "as_of",
        ),
        ("The Java applet API is now deprecated since Java 9 in 2017.", "2017", "stale_present"),
        ("Initial design of Perl 5 continued well into 1994.", "1994", "into_date"),
    ],
)
def test_a_clause_of_the_writers_day_or_a_states_reach_is_no_event(
    text: str, date: str, rule: str
) -> None:
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    assert {skip.date: skip.rule for skip in report.skipped}.get(date) == rule


@pytest.mark.parametrize(
    "text",
    [
        # the release dates the report; what it found is not asked of the date
        "An independent options appraisal report released in June 2015 found that the "
        "restoration of the palace could cost as much as £7.1 billion.",
        # a study in another clause found nothing at the date
        "In 1956, during an anti-submarine study known as Project Nobska, Edward Teller "
        "suggested that very small hydrogen bomb warheads were possible.",
        # the surveys of the engineers the sentence before names, dated by their work
        "In 1846 a group of French engineers founded a society to study a canal. Their "
        "surveys in 1847 showed that the two seas were at almost the same level.",
        # a plan told beside a year that is no end it reaches
        "The idea was proposed to the US Army by Jack Kilby and led to the Micromodule "
        "Program (similar to 1951's Project Tinkertoy).",
        # a name given to a thing, not a title read as the date
        "The Seahawks were named by the team's owners on June 17, 1975, after a contest.",
        # today's name of a place is no present taught as fact
        "In 2002, the Seahawks began playing at what is now CenturyLink Field.",
        # a clause after a semicolon is asked without the stale present before it
        "The latest version is Java 12; Oracle released the last free update of Java 8 in "
        "January 2019.",
        # a treaty based on a principle, and a date that dates the vote on it
        "Article 1 of the treaty was based on an incorporating union and this was secured "
        "by a majority of 116 votes to 83 on 4 November 1706.",
        # a report dated as of its day, mid-clause: the report's date
        "The ministry reported 2,425 soldiers killed as of 30 November 2020 in the war.",
        # a present that stays so is no status the next release changes
        "Submarines were first widely used by navies in 1914, and are now used in many "
        "navies large and small.",
        # a state before a clause of its own, which the date dates
        "The CERN Theory Group was based in Copenhagen until its new building in Geneva was "
        "ready in 1957.",
        # a winter written with both its years is asked as the span
        "In the winter of 1805–06, the corps built a fort on the river and stayed there.",
        # a report named by its edition or its title is one report
        "Madison issued the Report of 1800, which attacked the Alien and Sedition Acts.",
        "In 2005, the commission released its first report on the paramilitary groups.",
        # a span an event lasted, told in the past
        "From 1939 to 1945, the company built 4,000 aircraft engines for the air force.",
        # a perfect with no count near it: a term served
        "The June 1951 defection of Donald Maclean, who had served as a British member of the "
        "Combined Policy Committee from January 1947 to August 1948, shocked the Americans.",
    ],
)
def test_a_release_a_naming_or_a_year_beside_a_plan_is_still_a_fact(text: str) -> None:
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    assert {skip.rule for skip in report.skipped}.isdisjoint(
        {
            "dated_finding",
            "serial_issue",
            "tally_window",
            "titled",
            "plan_endpoint",
            "stale_present",
            "state_in_year",
            "as_of",
            "winter_of_one_year",
        }
    )
    assert report.facts


def test_every_skip_rule_has_its_case() -> None:
    year_rules = {rule.name for rule in (*YEAR_RULES, *RELATIVE_RULES)}
    sentence_rules = [rule.name for rule in SKIP_RULES if rule.name not in year_rules]
    assert sorted(sentence_rules) == sorted(SENTENCE_CASES)
    assert [rule.name for rule in TABLE_RULES] == list(TABLE_CASES)


def test_every_skip_rule_has_a_name_of_its_own() -> None:
    names = [rule.name for rule in (*SKIP_RULES, *TABLE_RULES)]
    assert len(names) == len(set(names))


_HIS_LIFE = " He fought and he wrote, and his letters survive." * 4


@pytest.mark.parametrize(
    ("first", "person"),
    [
        # life dates in every form a first sentence gives them
        ("GAIUS JULIUS CAESAR (12 or 13 July 100 BC – 15 March 44 BC) was a Roman.", True),
        ("POPE JOHN XXIII (; ; born ANGELO RONCALLI, ; 25 November 1881–3 June 1963) was.", True),
        ("ISAAC ASIMOV (;  – April 6, 1992) was an American writer.", True),
        ("MILES DAVIS (May 26, 1926September 28, 1991) was an American trumpeter.", True),
        # a thing with a span of dates, whatever pronouns its text uses
        ("The BATTLE OF KURSK (5 July – 23 August 1943) was a battle of World War II.", False),
        ("The RUSSIAN CIVIL WAR (7 November 1917 – 25 October 1922) was a civil war.", False),
        # no life dates
        ("CAESAR was a Roman general and statesman.", False),
    ],
)
def test_a_life_is_told_by_its_first_sentence(first: str, person: bool) -> None:
    document = read_document(f"Gaius Julius Caesar\n\nLife\n\n{first}{_HIS_LIFE}\n")
    found = document_person(document)
    assert (found is not None) is person
    if person:
        assert found is not None and found.pronouns == {"he", "his"}


@pytest.mark.parametrize(
    ("first", "span"),
    [
        # a birth day in doubt still gives the month; the death is the span's end
        (
            "GAIUS JULIUS CAESAR (12 or 13 July 100 BC – 15 March 44 BC) was a Roman.",
            "-0100-07/-0044-03-15",
        ),
        (
            "POPE JOHN XXIII (; ; born ANGELO RONCALLI, ; 25 November 1881–3 June 1963) was.",
            ("1881-11-25/1963-06-03"),
        ),
        (
            "MILES DAVIS (May 26, 1926 – September 28, 1991) was an American trumpeter.",
            ("1926-05-26/1991-09-28"),
        ),
        # a death date alone is no span a choice can be weighed against
        ("ISAAC ASIMOV (;  – April 6, 1992) was an American writer.", None),
        # a living person
        ("JOHN SMITH (born 12 May 1950) is a Roman historian.", None),
        # a thing's span is no life
        ("The BATTLE OF KURSK (5 July – 23 August 1943) was a battle of World War II.", None),
    ],
)
def test_a_life_s_span_is_the_range_its_first_sentence_s_bracket_gives(
    first: str, span: str | None
) -> None:
    found = life_span(read_document(f"Gaius Julius Caesar\n\nLife\n\n{first}{_HIS_LIFE}\n"))
    assert (found.value if found else None) == span


def test_a_life_s_birth_name_is_read_from_its_first_sentence() -> None:
    first = (
        "POPE JOHN XXIII (; ; born ANGELO GIUSEPPE RONCALLI, ; 25 November 1881–3 June 1963) was."
    )
    person = document_person(read_document(f"Pope John XXIII\n\nLife\n\n{first}{_HIS_LIFE}\n"))
    assert person is not None and person.birth_name == "Angelo Giuseppe Roncalli"
    # the text calls him by the name he was born with before he took another
    assert person.continues_in("In October 1935, he led pilgrims to Rome.", "Roncalli took a post.")


def test_a_life_speaks_of_its_person_in_its_opening_paragraphs() -> None:
    text = (
        "Miles Davis\n\nLife\n\nMILES DAVIS (May 26, 1926 – September 28, 1991) was an "
        "American trumpeter.\n\nThe band toured widely in 1950.\n\nLater\n\n" + _HIS_LIFE + "\n"
    )
    assert document_person(read_document(text)) is None


@pytest.mark.parametrize(
    ("previous", "continues"),
    [
        # the sentence before has the person as its subject: by name, after an opening
        # phrase, or by pronoun
        ("Davis needed medical attention for hip pain.", True),
        ("In the early 1950s, Miles Davis recorded some of the earliest hard bop.", True),
        ("Davis and his wife moved to New York.", True),
        ("In 1964, he toured Japan.", True),
        # another subject: a thing, or the person's name in the possessive
        ("The candy stores sold newspapers, a fact that Davis credited.", False),
        ("Davis's last letter to her was dated on 8 November 1953.", False),
        ("His doctor sent him to a clinic.", False),
        ("", False),
    ],
)
def test_he_goes_on_with_the_person_the_sentence_before_is_about(
    previous: str, continues: bool
) -> None:
    davis = Person("Miles Davis", frozenset({"he", "his"}))
    assert davis.continues_in("He underwent surgery in April 1965.", previous) is continues
    # a span whose subject is no pronoun of the person goes on with nothing
    assert not davis.continues_in("The surgery failed in April 1965.", previous)


@pytest.mark.parametrize(
    ("first", "pronouns"),
    [
        # the title's name opens the first sentence, its verb gives the pronoun
        ("The OCTOBER REVOLUTION, officially known as RED OCTOBER, was a revolution.", "it"),
        ("OCTOBER REVOLUTION (1917) is the name of a revolution in Russia.", "it"),
        ("The OCTOBER REVOLUTION were a series of uprisings in Russia.", "they"),
        # the first sentence is about something else: no pronoun stands for the title
        ("In Russia, the OCTOBER REVOLUTION was a revolution.", None),
        ("Lenin led the revolution of 1917.", None),
    ],
)
def test_a_thing_is_told_by_its_first_sentence(first: str, pronouns: str | None) -> None:
    document = read_document(f"October Revolution\n\n{first} It spread to Moscow.\n")
    found = document_thing(document)
    if pronouns is None:
        assert found is None
    else:
        assert found is not None and found.name == "October Revolution"
        assert pronouns in found.pronouns and found.section == document.title


_LEAD = (
    "October Revolution\n\nThe OCTOBER REVOLUTION was the second of the two revolutions "
    "of that year."
)
_BODY = "\n\nAftermath\n\nA new government was formed soon after."


@pytest.mark.parametrize(
    ("text", "about"),
    [
        # in the lead, after a sentence about the title's subject: "it" is the subject
        (f"{_LEAD} It took place in Petrograd on 7 November 1917.{_BODY}", "October Revolution"),
        # after a sentence about another thing, "it" may stand for that thing
        (
            f"{_LEAD} A decree on land was drafted. It took place in Petrograd on 7 November 1917."
            f"{_BODY}",
            None,
        ),
        # past the lead, "it" stands for what the sentence before named
        (f"{_LEAD}{_BODY} It took place in Petrograd on 7 November 1917.\n", None),
    ],
)
def test_the_lead_s_it_is_the_thing_the_document_is_about(text: str, about: str | None) -> None:
    report = extract_facts(read_document(text + "\n"))
    facts = [f for f in report.facts if f.date.value == "1917-11-07"]
    if about is None:
        assert not facts
        assert any(s.rule == "subject_unshown" for s in report.skipped)
    else:
        assert [f.about for f in facts] == [about]


def test_a_decade_is_a_fact_of_its_own_granularity() -> None:
    text = "Test Document\n\nLegacy\n\nBritish Rail named a locomotive after him in the 1990s.\n"
    (fact,) = extract_facts(read_document(text)).facts
    assert (fact.date.value, fact.date.granularity) == ("1990/1999", "decade")


def test_the_written_date_of_a_reference_event_is_a_fact_of_that_event() -> None:
    text = (
        "Test Document\n\nAccession\n\nAfter Richard's death on 6 April 1199 there were two "
        "potential claimants to the Angevin throne.\n"
    )
    (fact,) = extract_facts(read_document(text)).facts
    assert fact.date.value == "1199-04-06"
    assert not fact.attached  # the claimants are not dated by it: no "when" question


@pytest.mark.parametrize(
    "text",
    [
        # the year dates its own clause; the day dates another verb's
        "In 1904, Roncalli completed his doctorate in Canon Law and was ordained a priest in "
        "the church on 10 August 1904.",
        "John XXIII issued a rule in 1962 that all cardinals be bishops; he consecrated the "
        "twelve cardinals in April 1962.",
        # a span over years is no more specific than the year
        "In 1173 John's elder brothers rose in revolt in the rebellion of 1173 to 1174.",
        # a year that dates its noun, in another year than the sentence's day
        "On June 25, 2019, a magazine listed Nirvana among the artists whose material was "
        "destroyed in the 2008 Universal fire.",
    ],
)
def test_a_year_that_dates_an_event_of_its_own_is_a_fact(text: str) -> None:
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    assert any(fact.date.granularity == "year" for fact in report.facts), report.skipped


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        (
            "Bohr received the Hughes Medal in 1921, the Matteucci Medal in 1923, the Franklin "
            "Medal in 1926 and the Copley Medal in 1938.",
            4,
        ),
        (
            "He published Opus 100 (1969), Opus 200 (1979), and Opus 300 (1984), the last "
            "volume of the series, and Opus 400 (1988).",
            4,
        ),
        # two dated items are no list, and a span in brackets dates one thing
        ("Addresses were presented at the Silver Jubilee (1977) and the Golden Jubilee (2002).", 0),
        ("He had a sister, Marcia (June 17, 1922 – April 2, 2011), and a brother, Stanley.", 0),
        # days after "on", not in brackets: each a dated act, asked
        (
            "The pope canonized Gregorio Barbarigo on 26 May 1960, Juan de Ribera on 12 June "
            "1960 and Martin de Porres on 6 May 1962.",
            0,
        ),
        # days in brackets years apart: acts of their own, asked
        (
            "John XXIII beatified four individuals in his reign: Elena Guerra (26 April "
            "1959), Innocenzo da Berzo (12 November 1961), Elizabeth Ann Seton (17 March "
            "1963) and Luigi Maria Palazzolo (19 March 1963).",
            0,
        ),
        # days in brackets after names: a schedule, no one learns a game's day
        (
            "In 2009 the team wore the white jersey for road games against Minnesota "
            "(November 22), St. Louis (November 29), Houston (December 13) and Green Bay "
            "(December 27).",
            4,
        ),
        # each date has a verb of its own: steps of a story
        (
            "Smerch rockets struck on October 4, killing one; a Scud-B hit on October 11, "
            "killing ten; and two Scud-B strikes occurred on October 17, killing 21.",
            0,
        ),
        (
            "Perl 5.14.1 (released on June 17, 2011), Perl 5.16.1 (released on August 9, "
            "2012), and Perl 5.18.0 (released on May 18, 2013) followed.",
            0,
        ),
    ],
)
def test_every_year_of_a_list_of_dated_items_is_skipped_and_nothing_else(
    text: str, listed: int
) -> None:
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    skipped = [skip for skip in report.skipped if skip.rule == "dated_items"]
    assert len(skipped) == listed, report.skipped
    if listed:
        assert not report.facts


@pytest.mark.parametrize(
    "text",
    [
        # the date dates the saying, what was said follows it
        "Montini said to him via letter on 29 November 1952 that the pope had decided.",
        # a claim word capitalised inside the sentence belongs to a title
        "Faraday had a reply written by Moll, as On the Alleged Decline of Science (1831).",
        "Pasolini's film The Gospel According to St. Matthew (1964) is dedicated to him.",
    ],
)
def test_a_date_no_one_merely_claims_is_a_fact(text: str) -> None:
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    assert report.facts and not report.skipped, report.skipped


def test_a_plan_ends_where_a_relative_clause_begins() -> None:
    text = (
        "John XXIII decided to expand the college beyond its limit of seventy that Pope "
        "Sixtus V established in 1586."
    )
    (fact,) = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n")).facts
    assert fact.date.value == "1586"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the "it" holds the place of the clause after it
        ("It was a cold winter. In 1772, it became known that the Crown would pay judges.", True),
        ("It was a cold winter. It was not until 1955 that the last prisoners came home.", True),
        # the "it" stands for a thing named before, or another pronoun leans on it
        ("It was a cold winter. By 2003, it had sold one million copies in Europe.", False),
        (
            "It was a cold winter. When it was erected on 20 December 1967, it was thought that "
            "the rocket was sound.",
            False,
        ),
    ],
)
def test_an_it_that_stands_for_nothing_leaves_the_subject_shown(text: str, kept: bool) -> None:
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    unshown = [skip for skip in report.skipped if skip.rule == "subject_unshown"]
    assert bool(report.facts) is kept, report.skipped
    assert bool(unshown) is not kept, report.skipped


def test_a_table_date_the_prose_contradicts_is_skipped_with_its_rule() -> None:
    text = (
        "Test Document\n\nTowns\n\n"
        "Further south, Fuzuli city was liberated on October 17, 2020, after long assaults.\n\n"
        "| District | Liberated |\n|---|---|\n"
        "| Füzuli | September 27, 2020 |\n| Cəbrayıl | October 4, 2020 |\n"
    )
    report = extract_facts(read_document(text))
    assert [fact.label for fact in report.table_facts] == ["Cəbrayıl"]
    assert [(skip.rule, skip.date) for skip in report.skipped] == [
        ("table_prose_disagrees", "2020-09-27")
    ]


def test_a_sentence_a_numbered_table_row_contradicts_is_skipped_with_its_rule() -> None:
    text = (
        "Test Document\n\nAcquisitions\n\n"
        "In December 2016, Intel acquired computer vision startup Movidius for an "
        "undisclosed price.\n\n"
        "In 2017, Intel acquired the car vision company MobilEye for $15 billion.\n\n"
        "| Number | Acquisition announcement date | Company | Business |\n|---|---|---|---|\n"
        "| 23 | Sept 6, 2016 | Movidius | Computer vision |\n"
        "| 24 | March 16, 2017 | MobilEye | Autonomous vehicle technology |\n"
    )
    report = extract_facts(read_document(text))
    assert [fact.date.value for fact in report.facts] == ["2017"]  # the row's year agrees
    disputed = [skip for skip in report.skipped if skip.rule == "unlabelled_row_disagrees"]
    assert [skip.date for skip in disputed] == ["2016-12"]


def test_a_table_date_the_prose_only_seems_to_contradict_is_kept() -> None:
    """A range whose end is the row's date, and a heading word that names no action."""
    text = (
        "Test Document\n\nShips\n\n"
        "Titanic's maiden voyage was postponed from 20 March to 10 April 1912.\n\n"
        "In December 2021, Omicron became the dominant variant in the United States.\n\n"
        "| Name | Maiden voyage | Designated a variant of concern |\n|---|---|---|\n"
        "| Titanic | 10 April 1912 | - |\n| Omicron | - | 26 November 2021 |\n"
    )
    report = extract_facts(read_document(text))
    assert sorted(fact.label for fact in report.table_facts) == ["Omicron", "Titanic"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # the first part of a sentence joined by a semicolon reads alone
        (
            "In 1669, Charles II revived talks on union; by the end of 1669, the talks stopped.",
            {"1669": "In 1669, Charles II revived talks on union"},
        ),
        # a later part too, when it names its subject
        (
            "Works by Babbage were published in French in 1830; On the Economy of Machinery "
            "was translated in 1833 into French.",
            {
                "1830": "Works by Babbage were published in French in 1830",
                "1833": "On the Economy of Machinery was translated in 1833 into French.",
            },
        ),
        # a later part that leans on the first is shown with it
        (
            "John XXIII issued a rule in 1962 that all cardinals be bishops; he consecrated the "
            "twelve cardinals in April 1962.",
            {
                "1962": "John XXIII issued a rule in 1962 that all cardinals be bishops",
                "1962-04": "John XXIII issued a rule in 1962 that all cardinals be bishops; he "
                "consecrated the twelve cardinals in April 1962.",
            },
        ),
        # a later part's relative date that counts from a date of its own part
        (
            "Works by Babbage were published in 1830; On the Economy of Machinery was "
            "translated in 1833 into French, and into German the same year.",
            {
                "1833": "On the Economy of Machinery was translated in 1833 into French, and "
                "into German the same year.",
            },
        ),
        # a later part that counts from the first part's date is shown with it
        (
            "Works by Babbage were published in 1830; The same year, his son was born in "
            "London on 1 May.",
            {
                "1830-05-01": "Works by Babbage were published in 1830; The same year, his son "
                "was born in London on 1 May.",
            },
        ),
        # what follows the date's part is another sentence, whatever it holds
        (
            "Episcopacy in Scotland was abolished in 1690, alienating a part of the political "
            "class; it was this element that later formed the bedrock of opposition to Union.",
            {
                "1690": "Episcopacy in Scotland was abolished in 1690, alienating a part of the "
                "political class",
            },
        ),
        # a semicolon before a quotation introduces it
        (
            "Before his visit to Kenya in 1978, the following was written about his views; "
            '"He is opposed to a one-man-one-vote system in South Africa".',
            {},
        ),
        # a semicolon inside brackets joins nothing
        (
            "The war (fought from 1917; ended 1922) was long, and the union formed in 1922.",
            {},
        ),
    ],
)
def test_a_date_is_shown_with_its_own_part_of_a_sentence_joined_by_a_semicolon(
    text: str, shown: dict[str, str]
) -> None:
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    spans = {(fact.date.value, fact.span_text) for fact in report.facts}
    assert set(shown.items()) <= spans, spans
    if not shown:
        assert all(fact.span_text == text for fact in report.facts), spans
        assert report.facts


def test_a_short_whole_sentence_that_names_what_happened_is_enough_context() -> None:
    texts = (
        "Apollo 13 was launched on April 11, 1970.",
        # the name after the date says what happened as well as one before it
        "On April 12, 2010, Perl 5.12.0 was released.",
        # a whole part before a semicolon is as whole as a sentence
        "On January 21, 2011, Perl 5.12.3 was released; it contains updated modules.",
    )
    reports = [extract_facts(read_document(f"Test\n\nSection\n\n{text}\n")) for text in texts]
    assert [[skip.rule for skip in report.skipped] for report in reports] == [[], [], []]
    assert [len(report.facts) for report in reports] == [1, 1, 1]


@pytest.mark.parametrize(
    ("title", "lead", "origin"),
    [
        (
            "Quake (video game)",
            "QUAKE is a first-person shooter video game developed by id Software and "
            "published by GT Interactive in 1996. After Doom helped to popularize "
            "deathmatches in 1993, Quake added various multiplayer options.",
            1996,
        ),
        (
            "Id Software",
            "ID SOFTWARE LLC is an American video game developer. The company was founded "
            "on February 1, 1991, by four members of Softdisk.",
            1991,
        ),
        (
            "Seattle Seahawks",
            "The Seahawks compete in the NFL. They joined the NFL in 1976 as an expansion "
            "team, and since 2002 they have played at CenturyLink Field.",
            1976,
        ),
        # the title's first word after "The", and a verb of emerging
        (
            "Provisional Irish Republican Army",
            "The Provisional IRA emerged in December 1969, following a split in the "
            "republican movement.",
            1969,
        ),
        # a participle of making that opens the sentence, its subject the "it" after it
        (
            "Eiffel Tower",
            "The EIFFEL TOWER is a lattice tower in Paris. Constructed from 1887 to 1889 as "
            "the entrance to the 1889 World's Fair, it was initially criticised.",
            1887,
        ),
        # a lead that dates no beginning of its subject
        (
            "Battle of Waterloo",
            "The BATTLE OF WATERLOO was fought on Sunday 18 June 1815, near Waterloo. It "
            "ended the Napoleonic Wars.",
            None,
        ),
    ],
)
def test_the_subjects_origin_is_the_year_its_lead_dates_its_beginning(
    title: str, lead: str, origin: int | None
) -> None:
    document = read_document(f"{title}\n\n{lead}\n\nHistory\n\nIt was founded again in 1930.\n")
    found = subject_origin(extract_facts(document), document.title)
    assert (found.sort_key()[0] if found else None) == origin


@pytest.mark.parametrize(
    ("lead", "day"),
    [
        # the lead's day, which the document gives far more often than any other
        (
            "The flight was hijacked on September 11, 2001, and crashed.",
            "2001-09-11",
        ),
        # a lead that gives another day: no single event the document is about
        ("The airline was founded on April 15, 1930.", None),
    ],
)
def test_the_documents_one_day_event_is_the_lead_day_it_returns_to(
    lead: str, day: str | None
) -> None:
    body = (
        "On September 11, 2001, the five hijackers boarded the flight at Dulles airport. "
        "On September 11, 2001, several passengers called their families from the plane. "
        "On September 11, 2001, the hijackers crashed the plane into the Pentagon. Rescue "
        "workers searched the damaged building on September 11, 2001, until late at night. "
        "Hanjour flew a rented plane near Washington on September 2, 2001. A national "
        "memorial to the victims opened near the Pentagon on September 11, 2008."
    )
    document = read_document(f"Flight 77\n\n{lead}\n\nHistory\n\n{body}\n")
    found = subject_day(extract_facts(document), document)
    assert (found.value if found else None) == day


@pytest.mark.parametrize(
    ("title", "lead", "day"),
    [
        # a battle its first sentence says was fought on one day, told once
        (
            "Battle of Waterloo",
            "The BATTLE OF WATERLOO was fought on Sunday, 18 June 1815 near Waterloo.",
            "1815-06-18",
        ),
        (
            "Battle of Hastings",
            "The Battle of Hastings took place on 14 October 1066.",
            "1066-10-14",
        ),
        # a battle fought over months has a span, no day
        (
            "Battle of Stalingrad",
            "The Battle of Stalingrad was fought from 23 August 1942 to 2 February 1943.",
            None,
        ),
        # a day the first sentence gives for something else than the title's event
        ("Battle of Maldon", "The Battle of Maldon is a poem first printed on 8 May 1726.", None),
    ],
)
def test_the_documents_one_day_event_is_the_day_its_first_sentence_fights_it_on(
    title: str, lead: str, day: str | None
) -> None:
    body = "The army marched north on 16 June 1815. The dispatch reached London on 21 June 1815."
    document = read_document(f"{title}\n\n{lead}\n\nHistory\n\n{body}\n")
    found = subject_day(extract_facts(document), document)
    assert (found.value if found else None) == day


@pytest.mark.parametrize(
    ("title", "opening", "span"),
    [
        (
            "Battle of Stalingrad",
            "The Battle of Stalingrad (23 August 1942 – 2 February 1943) was the largest "
            "confrontation of World War II.",
            "1942-08-23/1943-02-02",
        ),
        (
            "Second Nagorno-Karabakh War",
            "The Second Nagorno-Karabakh War was an armed conflict fought from 27 September "
            "to 10 November 2020 over the disputed region.",
            "2020-09-27/2020-11-10",
        ),
        # the span of another, larger event
        (
            "October Revolution",
            "The October Revolution was a revolution in Russia that was instrumental in the "
            "larger Russian Revolution of 1917–23.",
            None,
        ),
        # a life goes on being told after its dates
        (
            "Niels Bohr",
            "Niels Bohr (7 October 1885 – 18 November 1962) was a Danish physicist.",
            None,
        ),
    ],
)
def test_the_documents_lasting_event_is_the_span_its_first_sentence_gives_it(
    title: str, opening: str, span: str | None
) -> None:
    document = read_document(f"{title}\n\n{opening}\n\nHistory\n\nIt ended.\n")
    found = subject_span(document)
    assert (found.value if found else None) == span


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # one issue of a report or a poll issued again and again
        (
            "In 2014, tech companies Google, Yahoo!, Facebook, Apple, and others, released "
            "corporate transparency reports that offered detailed employee breakdowns.",
            "serial_issue",
        ),
        (
            "Despite the dearth of new material, Davis placed in the Top 10 trumpeter poll of "
            "Down Beat magazine in 1977.",
            "serial_issue",
        ),
        (
            "The company was named one of the 100 Best Companies for Working Mothers in 2005 "
            "by Working Mother magazine.",
            "serial_issue",
        ),
        # a span a count is summed over
        (
            "From 2002 to 2012, there have been 143 false-start penalties on visiting teams "
            "in Seattle.",
            "tally_window",
        ),
        (
            "Silicon Valley has a severe housing shortage: from 2010 to 2015, many more jobs "
            "have been created than housing units built.",
            "tally_window",
        ),
    ],
)
def test_a_date_with_several_right_answers_is_not_asked(text: str, rule: str) -> None:
    report = extract_facts(read_document(f"Test Document\n\nSection\n\n{text}\n"))
    assert [skip.rule for skip in report.skipped] == [rule]
    assert not report.facts


def test_a_day_that_lends_its_month_to_bare_days_before_it_is_a_list_of_dates() -> None:
    document = read_document(
        "Programme\n\nHistory\n\nOn 12 and 19 March 1954, Penney briefed the committee on "
        "recent developments. The committee met again on 2 April 1954.\n"
    )
    report = extract_facts(document)
    assert [fact.date.value for fact in report.facts] == ["1954-04-02"]
    assert [skip.rule for skip in report.skipped] == ["date_list"]


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Americans with Disabilities Act of 1990", "1990"),
        ("Acts of Union 1707", "1707"),
        ("Apollo 8", None),  # a number, no year
        ("1984 (novel)", None),  # a year alone is the title's name, not its subject's year
        ("Julius Caesar", None),
    ],
)
def test_a_title_that_ends_on_a_year_gives_its_subject_that_year(
    title: str, year: str | None
) -> None:
    found = title_year(title)
    assert (found.value if found else None) == year


def test_no_wrong_option_lies_across_the_year_the_title_gives() -> None:
    text = (
        "Americans with Disabilities Act of 1990\n\nHistory\n\n"
        "The National Council on Disability recommended a civil rights law in 1986. "
        "The first version of the bill was introduced in Congress in 1988. "
        "President George H. W. Bush signed the act into law in 1990. "
        "The Supreme Court narrowed the act in 1999, and Congress amended it in 2008. "
        "Courts heard Bates v. UPS in 2004 and the Olmstead case in 1999.\n"
    )
    bank = build_bank(text, file="ada.txt")
    choices = [q for q in bank.questions if q.kind == "choice" and q.answer is not None]
    assert choices
    for question in choices:
        answer = int(question.answer.date[:4])
        for option in question.choices:
            year = int(option[:4])
            if answer < 1990:
                assert year < 1990, (question.prompt, question.choices)
            if answer > 1990:
                assert year > 1990, (question.prompt, question.choices)


@pytest.mark.parametrize(
    ("text", "leaning"),
    [
        # a thing or a place after "the" is no one "his" can stand for
        ("The Flyer returned to the United States after his death in 1948.", "reference"),
        # a title after "the" is a person's
        ("In July 1918 the Tsar and his family were executed.", ""),
        ("In 1905, Einstein published his paper on relativity.", ""),
    ],
)
def test_his_needs_a_person_named_before_it(text: str, leaning: str) -> None:
    assert leans_on_previous(text) == leaning

"""Traces of stripped names, and the clean stretch of a sentence that may be quizzed."""

from __future__ import annotations

import pytest

from question_bank.dates import find_dates
from question_bank.facts import clean_span, extract_facts
from question_bank.holes import DEBRIS, debris, find_holes, has_hole
from question_bank.read import read_document


@pytest.mark.parametrize(
    "text",
    [
        "an armed conflict between and the forces of the unrecognized",
        "beginning with protests in on February 20, 1988",
        "signed on , 2020 by the leaders",
        "the leaders of , , and , deploying peacekeepers",
        "The , spanning October 5 to 10, saw troops encircle the town",
        "—backed by —fought from 27 September",
        "Soviet confirmed this persistence in 1926",
        "A Russian-brokered took effect on April 5",
        "the Central Executive Committee of formalized the creation",
        "By October 13, secured the surrounding heights",
        "In early 2019, signed a contract for four jets",
        "President declared a partial mobilization",
        "Armenian Prime Minister , and Russian President",
        "followed 's April 2024 handover of four villages",
        "denied possessing or using s on November 27, 2020",
        "the creation of the (NKAO) within Azerbaijan SSR",
        "clashes near the - border in November 2021",
        "a summit where and initialled a preliminary agreement",
        "Turkey's and diplomatic backing during the 2020 conflict",
        "offensive along the entire in , employing tactics",
        "under the 2008 —which Armenia signed but did not ratify",
        "supported a 2019 defense budget of $2.8 billion. fielded over 400 tanks",
        "Blockade of",
        "Armenian troops occupied not only but also seven districts",
        # a title with its name gone, even with commas after it or a title word before it
        "signed by Azerbaijani President, Armenian Prime Minister, and Russian President,",
        "Turkish President later confirmed the deliveries in 2024",
        # "following" as a preposition whose noun is gone
        "protests broke out in the following the capture of the city",
        "talks in Moscow where , the ministers agreed",
        # traces of stripped objects
        "the handover of four villages to and addressed border issues",
        "Aghdam (by November 20), and (by December 1)",
        "officers issued a statement on calling for his resignation",
        "The attack on towards the city began in 1942.",
        "resulting in over 100 Armenian and 70 military fatalities",
        # traces of stripped subjects
        "(HRW) investigated 11 such incidents between September 27 and October 28, 2020.",
        "The main assault began with Azerbaijani commandos and advancing into the city.",
        # a name gone before "River", after an opening "However, as ...," or after "allowing"
        "Forces reached the River in November and crossed it.",
        "However, as Commissar of Nationalities, intervened the next day to reverse it.",
        "Drones struck the lines, allowing to exploit the gaps in October 2020.",
        # an opening phrase gone before the comma the sentence opens on
        ", Björn Ulvaeus has mentioned writing new material in 2013",
        # a subject gone between a subordinator and its verb
        "As commenced sea trials in 1980, the remaining submarines were disarmed.",
        # a verb that takes an object, with its date and no object after it
        "The early ideas for a telegraph included in 1753 using deflections of pith balls.",
    ],
)
def test_holes_are_found(text: str) -> None:
    assert has_hole(text), text


@pytest.mark.parametrize(
    "text",
    [
        "On November 8, 2020, Azerbaijani forces captured the city of Shusha.",
        # a participle after a subordinator, with no object: no subject is missing
        "When asked about the treaty in 1980, the minister declined to answer.",
        "Although built in 1889 as a temporary structure, the tower still stands.",
        # the object after the date, or a passive that needs none
        "The box set included in 2005 reissues of every album.",
        "The track was included in 1999, with a remix.",
        "The Bishkek Protocol ceasefire agreement was signed on May 12, 1994.",
        "The strikes came at around 10:30 a.m. on October 4, killing one.",
        # a company's abbreviation before a lower-case word
        "The ruling was overturned in 2003 in Intel Corp. v. Hamidi.",
        "Spector v. Norwegian Cruise Line Ltd. was decided by the Supreme Court in 2005.",
        "Armenian advances gained momentum in 1992–1993.",
        "Foreign Minister Zohrab Mnatsakanyan resigned on November 16, 2020.",
        "The U.S. State Department issued statements in and around Washington.",
        "Azerbaijan's defense expenditure rose from 3.55% of GDP in 2018 to 5.24% in 2020.",
        "Forces—supported logistically by Armenia—launched offensives in 1992.",
        "A total of 2,783 soldiers were killed, according to the ministry.",
        "The clashes killed 100 Armenian and 70 Azerbaijani soldiers in two days.",
        "Some 12 French and 3 British officers observed the vote.",
        # a title that needs no name: after a name, an article, a verb of naming, or
        # before a name in apposition
        "Henry the Young King had been crowned King of England in 1170.",
        "On 17 April, the Duke was gratefully received by the Queen at Kensington Palace.",
        "Gladstone was Prime Minister from 1868 to 1874.",
        "On 8 August 1945 the Prime Minister, Clement Attlee, sent a message.",
        # a people named by its adjective
        "At this point, the British had won the Battle of El Alamein in November 1942.",
        # a preposition that takes another, or an adverb of the count after it
        "He studied letters sent by soldiers inside of Stalingrad in 1943.",
        "His ideas followed on from those of Poggendorff and were mentioned in 1832.",
        "The song went to number one in at least thirteen countries in 1976.",
        # a verb's particle before a preposition of direction
        "On 27 August, feeling betrayed by the government, Kornilov pushed on towards Petrograd.",
        "Perl is distributed with over 250,000 functional tests.",
        # a participle or "following" used as an adjective after an article
        "The failed Magna Carta agreement was reissued in an edited form in 1217.",
        "Unrest prevented the departure of the planned 1205 expedition.",
        "Werth described the following scene in his book in 1943.",
        "Shells fell on the evacuation of the wounded.",
        # an aside after "and" or "where", and an initial
        "This led to a conflict in Petrograd and, eventually, a declaration in January 1918.",
        "Caesar went to Illyria, where, in July 48 BC, he barely avoided defeat.",
        "The book was published in 1961 by Alfred A. Knopf.",
        # a participle with its agent after the opening phrase describes it
        "In 1173 John's elder brothers, backed by Eleanor, rose in revolt against Henry.",
        # two -ing verbs joined, a gerund used as a noun
        "The purge took control by removing MPs from Parliament and executing Charles in 1649.",
        "In July, attacks were made on the offices and printing presses of Pravda.",
        # the same shapes with nothing gone
        "The Lunar Module landed in the Sea of Tranquility on 20 July 1969.",
        "However, as the war ended, the troops withdrew.",
        "Russia was allowed to conduct patrols from November 2020.",
    ],
)
def test_clean_text_has_no_hole(text: str) -> None:
    assert find_holes(text) == [], (text, [text[a:b] for a, b in find_holes(text)])


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        # the whole sentence when it is clean
        (
            "On November 8, 2020, Azerbaijani forces captured the city of Shusha.",
            "November 8, 2020",
            "On November 8, 2020, Azerbaijani forces captured the city of Shusha.",
        ),
        # cut back before a trailing hole
        (
            "The conflict concluded with an agreement signed on 10 November 2020 by the "
            "leaders of , , and , deploying peacekeepers.",
            "10 November 2020",
            "The conflict concluded with an agreement signed on 10 November 2020",
        ),
        # a clean clause after a clause with a hole
        (
            "In , a major city near the front, Smerch rockets struck on October 4, 2020, "
            "around 10:30 a.m., killing one.",
            "October 4, 2020",
            "Smerch rockets struck on October 4, 2020, around 10:30 a.m., killing one.",
        ),
    ],
)
def test_clean_span(sentence: str, date: str, expected: str) -> None:
    mention = next(m for m in find_dates(sentence) if m.text == date)
    span = clean_span(sentence, mention)
    assert span is not None
    assert sentence[span[0] : span[1]].rstrip(".") == expected.rstrip(".")


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Fighting ended with a on May 12, 1994, after long talks.", "hole near the date"),
        ("The militia reportedly seized the bridge on May 3, 1921, after a siege.", "claim"),
        ("Officials said the bridge fell on May 3, 1921, after a long siege.", "claim"),
        (
            "The war began in 2020. Strikes hit the city on October 4, 5, 8, 11, and 17, "
            "killing many.",
            "list",
        ),
        (
            "The offensive began on September 19, 2023. Separatist units agreed to disarm on "
            "September 20. Under the ceasefire agreement brokered that day, the units "
            "disbanded.",
            "relative date not counted from the date just before it",
        ),
        (
            "The final was played on 17 July 1994. Two weeks earlier, the defender had been "
            "shot dead in Medellín.",
            "weeks",
        ),
        (
            "The vote was held on 10 January 2017. The following year, on 13 June 2018, the "
            "Congress in Moscow awarded the tournament.",
            "restated",
        ),
        (
            "France won the 1998 final on 12 July 1998. The 2002 tournament, held in South "
            "Korea and Japan from 31 May to 30 June, was the first in Asia.",
            "another year",
        ),
        (
            "The uprising was crushed on 17 June 1953. In West Germany, 17 June was observed "
            "as a public holiday from 1954 until 1990.",
            "every year",
        ),
        (
            "Delivery came in May 2020, months before the war's outbreak on September 27.",
            "reference event",
        ),
    ],
)
def test_unsafe_dates_are_skipped_with_a_reason(sentence: str, reason: str) -> None:
    document = read_document(f"Title\n\nSection\n\n{sentence}\n")
    report = extract_facts(document)
    skipped = [skip.reason for skip in report.skipped]
    assert any(reason in r for r in skipped), skipped


# One row per rule of DEBRIS: a sentence that shows the trace, and one that does not.
DEBRIS_ROWS = [
    (
        "wiki markup",
        "the byline \"Dr. 'A{{'\"}} in 1971",
        "the byline Dr. A in 1971",
    ),
    ("HTML", "signed on 5&nbsp;May 1955 in <i>Vienna</i>", "signed on 5 May 1955 in Vienna"),
    ("footnote", "Caesar visited Tarsus (25–27 May^(greg.)) in 47 BC", "Caesar visited Tarsus"),
    (
        "glued to a month",
        "FüzuliSeptember 27, 2020 Initial southern breakthrough",
        "Füzuli fell on September 27, 2020",
    ),
    (
        "glued to a year",
        "the Acts of Union 1707united the kingdoms",
        "the 1990s and the 1077th regiment",
    ),
    (
        "digits run together",
        "In the winter of 180405 the corps stayed",
        "a population of 180,405 in 2010",
    ),
    (
        "number without its unit",
        "about the same height as an 81- building",
        "first- and second-class passengers",
    ),
    (
        "currency without its amount",
        "a large estate (value around £100,000, equivalent to £ or $ today)",
        "a large estate (value around £100,000, or US$130,000)",
    ),
    (
        "number gone before a preposition",
        "The collapsed area was about at its widest point",
        "The collapsed area was about to widen",
    ),
    (
        "styled capitals",
        "JADWIGA, also known as HEDWIG (1373/4 – 17 July 1399), was the first",
        "the Wizard Operating System, also known as WOS, was released in 1983",
    ),
    ("words run together", "the siege ended.The city fell", "the siege ended. The city fell"),
    (
        "quotation run into a word",
        'In 2004, work began on the "Synopses"documents that summarized the Apocalypses',
        'In 2004, work began on the "Synopses" documents, "Perl"-based',
    ),
    (
        "full stop inside a phrase's bracket",
        "followed by Perl 5.16.1 (released on August 9, 2012.), and Perl 5.18",
        "followed by Perl 5.16.1 (released on August 9, 2012), and Perl 5.18 (see U.S.)",
    ),
]


@pytest.mark.parametrize(("name", "trace", "clean"), DEBRIS_ROWS)
def test_each_debris_rule(name: str, trace: str, clean: str) -> None:
    [rule] = [rule for rule in DEBRIS if rule.name == name]
    assert rule.pattern.search(trace)
    assert any(reason == rule.reason for _, _, reason in debris(trace))
    assert has_hole(trace)
    assert not rule.pattern.search(clean)


def test_every_debris_rule_has_a_row() -> None:
    assert [rule.name for rule in DEBRIS] == [row[0] for row in DEBRIS_ROWS]


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("the Kermadec Islands, which lie about northeast of New Zealand", True),
        ("the Antipodes Islands, which are some south-east of New Zealand", True),
        ("the Kermadec Islands, which lie just northeast of New Zealand", False),
        ("the islands, about 1,000 km northeast of New Zealand", False),
    ],
)
def test_a_distance_stripped_before_a_bearing_is_debris(text: str, stripped: bool) -> None:
    assert bool(debris(text)) == stripped

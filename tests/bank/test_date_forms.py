"""Every era and form of date a history text uses, one row each: what the finder reads
(text, value, granularity, flags), how the value is displayed, what a learner may type
for it, and what is not a date at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from question_bank.dates import DateMention, DateValue, Granularity, find_dates, parse_date_answer


@dataclass(frozen=True)
class Form:
    sentence: str
    text: str
    value: str
    granularity: Granularity
    display: str
    flags: dict[str, Any] = field(default_factory=dict)
    typed: tuple[str, ...] = ()  # answers a learner may type for this value


FORMS = [
    # eras
    Form(
        "In 60 BC, Caesar, Crassus and Pompey",
        "60 BC",
        "-0060",
        "year",
        "60 BC",
        typed=("60 BC", "60 BCE", "60 B.C.", "in 60 BC", "60 bc"),
    ),
    Form("completed by 51 BCE.", "51 BCE", "-0051", "year", "51 BC", {"qualifier": "by"}),
    Form("Rome burned in 64 B.C.E. and", "64 B.C.E.", "-0064", "year", "64 BC"),
    Form(
        "the Roman invasion of AD 43 began",
        "AD 43",
        "0043",
        "year",
        "AD 43",
        typed=("AD 43", "43 AD", "43 CE", "A.D. 43", "ad 43", "43"),
    ),
    Form("the rebellion of 69 AD, claimed", "69 AD", "0069", "year", "AD 69"),
    Form("founded in 43 CE by", "43 CE", "0043", "year", "AD 43"),
    Form("crowned in AD 1066 at", "AD 1066", "1066", "year", "1066", typed=("1066",)),
    Form(
        "On 10 January 49 BC, Caesar crossed",
        "10 January 49 BC",
        "-0049-01-10",
        "day",
        "January 10, 49 BC",
        typed=("10 January 49 BC", "January 10, 49 BC"),
    ),
    Form(
        "in March 45 BC.", "March 45 BC", "-0045-03", "month", "March 45 BC", typed=("March 45 BC",)
    ),
    Form(
        "a coin dated February–March 44 BC shows",
        "February–March 44 BC",
        "-0044-02/-0044-03",
        "range",
        "February – March 44 BC",
    ),
    Form(
        "Tarsus from 27 to 29 May 47 BC, where",
        "27 to 29 May 47 BC",
        "-0047-05-27/-0047-05-29",
        "range",
        "May 27–29, 47 BC",
    ),
    Form(
        "Caesar (100–44 BC) was",
        "100–44 BC",
        "-0100/-0044",
        "range",
        "100–44 BC",
        typed=("100–44 BC", "100-44 BC", "100 BC - 44 BC"),
    ),
    Form("Caesar (100 BC – 44 BC) was", "100 BC – 44 BC", "-0100/-0044", "range", "100–44 BC"),
    Form(
        "From 47 to 44 BC, he made plans",
        "47 to 44 BC",
        "-0047/-0044",
        "range",
        "47–44 BC",
        {"preposition": "from"},
    ),
    Form("Taharqa (688–663 BC), the last", "688–663 BC", "-0688/-0663", "range", "688–663 BC"),
    Form(
        "the reign of Augustus (27 BC – AD 14), a",
        "27 BC – AD 14",
        "-0027/0014",
        "range",
        "27 BC – AD 14",
        typed=("27 BC – AD 14", "27 BC - 14 AD"),
    ),
    Form(
        "the reign of Augustus (27 BC – 14 AD), a",
        "27 BC – 14 AD",
        "-0027/0014",
        "range",
        "27 BC – AD 14",
    ),
    Form(
        "the Han dynasty (200 BC–220 AD) had",
        "200 BC–220 AD",
        "-0200/0220",
        "range",
        "200 BC – AD 220",
    ),
    Form(
        "the conquest of AD 43–45 was",
        "AD 43–45",
        "0043/0045",
        "range",
        "AD 43–45",
        typed=("AD 43–45",),
    ),
    Form(
        "Kingdom of Egypt (c.2700–2180 BC), had",
        "c.2700–2180 BC",
        "-2700/-2180",
        "range",
        "2700–2180 BC",
        {"approximate": True, "qualifier": "around"},
    ),
    # approximate
    Form(
        "a castle built c. 1200 on the hill",
        "c. 1200",
        "1200",
        "year",
        "1200",
        {"approximate": True, "qualifier": "around", "anchors": False},
    ),
    Form("the text, ca. 1859, shows", "ca. 1859", "1859", "year", "1859", {"approximate": True}),
    Form(
        "printed circa 1450 in Mainz", "circa 1450", "1450", "year", "1450", {"approximate": True}
    ),
    Form(
        "began to decline around 1920. The",
        "around 1920",
        "1920",
        "year",
        "1920",
        {"approximate": True},
    ),
    Form(
        "Some time about 1825, Everest came",
        "about 1825",
        "1825",
        "year",
        "1825",
        {"approximate": True},
    ),
    Form(
        "a talk show, approximately 1982",
        "approximately 1982",
        "1982",
        "year",
        "1982",
        {"approximate": True},
    ),
    Form(
        "the effective date (approximately July 1992) must",
        "approximately July 1992",
        "1992-07",
        "month",
        "July 1992",
        {"approximate": True},
    ),
    Form(
        "until approximately 740 BC. His",
        "approximately 740 BC",
        "-0740",
        "year",
        "740 BC",
        {"approximate": True},
    ),
    Form(
        "used from about 1730 to 1760. As",
        "about 1730 to 1760",
        "1730/1760",
        "range",
        "1730–1760",
        {"approximate": True},
    ),
    Form(
        "her death in 69 or 68 BC",
        "69 or 68 BC",
        "-0069/-0068",
        "range",
        "69–68 BC",
        {"approximate": True},
    ),
    Form(
        "This was in 1821 or 1822, and",
        "1821 or 1822",
        "1821/1822",
        "range",
        "1821–1822",
        {"approximate": True},
    ),
    # centuries and millennia
    Form(
        "dates to the 25th century BC.",
        "the 25th century BC",
        "-2500/-2401",
        "century",
        "the 25th century BC",
        {"vague": True, "approximate": False, "anchors": False},
    ),
    Form(
        "in the 3rd century BC the",
        "the 3rd century BC",
        "-0300/-0201",
        "century",
        "the 3rd century BC",
        typed=("3rd century BC", "the third century BC"),
    ),
    Form(
        "declined in the 12th century as well",
        "the 12th century",
        "1101/1200",
        "century",
        "the 12th century",
        typed=("the 12th century", "12th century", "twelfth century"),
    ),
    Form(
        "From the twelfth century to the",
        "the twelfth century",
        "1101/1200",
        "century",
        "the 12th century",
    ),
    Form(
        "In the second century AD, the Nobatia",
        "the second century AD",
        "0101/0200",
        "century",
        "the 2nd century AD",
        typed=("2nd century AD", "the 2nd century"),
    ),
    Form(
        "By the first century BC, the use",
        "the first century BC",
        "-0100/-0001",
        "century",
        "the 1st century BC",
        {"qualifier": "by"},
    ),
    Form(
        "Polybius (2nd century BC) suggested",
        "2nd century BC",
        "-0200/-0101",
        "century",
        "the 2nd century BC",
    ),
    Form(
        "replace it in the mid-19th century.",
        "the mid-19th century",
        "1801/1900",
        "century",
        "the 19th century",
        {"approximate": True, "qualifier": "mid"},
    ),
    Form(
        "in the early eighth century BC, Kush",
        "the early eighth century BC",
        "-0800/-0701",
        "century",
        "the 8th century BC",
        {"approximate": True, "qualifier": "early"},
    ),
    Form(
        "a 19th-century interpretation", "19th-century", "1801/1900", "century", "the 19th century"
    ),
    Form(
        "by the 15th-century historian", "15th-century", "1401/1500", "century", "the 15th century"
    ),
    Form(
        "the Gothic style of the 14th–16th centuries.",
        "the 14th–16th centuries",
        "1301/1600",
        "range",
        "1301–1600",
        {"approximate": True},
    ),
    Form(
        "In the second and third centuries BC, Meroë",
        "the second and third centuries BC",
        "-0300/-0101",
        "range",
        "300–101 BC",
        {"approximate": True},
    ),
    Form(
        "in the late 13th and early 14th centuries, the",
        "the late 13th and early 14th centuries",
        "1201/1400",
        "range",
        "1201–1400",
        {"approximate": True},
    ),
    Form(
        "By the seventh millennium BC, people",
        "the seventh millennium BC",
        "-7000/-6001",
        "range",
        "7000–6001 BC",
        {"approximate": True},
    ),
    # decades
    Form(
        "in the 1990s the",
        "the 1990s",
        "1990/1999",
        "decade",
        "the 1990s",
        {"approximate": False, "vague": True, "anchors": False},
        typed=("the 1990s", "1990s", "1990's"),
    ),
    Form("telegrams in the 1880s were", "the 1880s", "1880/1889", "decade", "the 1880s"),
    Form(
        "since the early 1990s.",
        "the early 1990s",
        "1990/1999",
        "decade",
        "the 1990s",
        {"approximate": True, "qualifier": "early"},
    ),
    Form(
        "southern Britain in the 50s BC, with",
        "the 50s BC",
        "-0059/-0050",
        "decade",
        "the 50s BC",
        typed=("the 50s BC",),
    ),
    Form(
        "Junia Tertia (born ca. 60s BC), the",
        "ca. 60s BC",
        "-0069/-0060",
        "decade",
        "the 60s BC",
        {"approximate": True, "role": "born"},
    ),
    Form("id's first release, 1990's Commander Keen", "1990's", "1990", "year", "1990"),
    # seasons: the year is the value, the months go beside it
    Form(
        "In the spring of 1982, songwriting",
        "1982",
        "1982",
        "year",
        "1982",
        {"season": "spring", "season_months": "1982-03/1982-05", "preposition": None},
    ),
    Form(
        "in the summer of 1776, and",
        "1776",
        "1776",
        "year",
        "1776",
        {"season": "summer", "season_months": "1776-06/1776-08"},
    ),
    Form(
        "at Yorktown in the fall of 1781, effectively",
        "1781",
        "1781",
        "year",
        "1781",
        {"season": "fall", "season_months": "1781-09/1781-11"},
    ),
    Form(
        "during the winter of 1775–76 without",
        "1775–76",
        "1775/1776",
        "range",
        "1775–1776",
        {"season": "winter", "season_months": "1775-12/1776-02", "anchors": True},
    ),
    Form(
        "the winter of 1919–1920.",
        "1919–1920",
        "1919/1920",
        "range",
        "1919–1920",
        {"season": "winter", "season_months": "1919-12/1920-02"},
    ),
    Form(
        "in the winter of 1943. Scholars",
        "1943",
        "1943",
        "year",
        "1943",
        {"season": "winter", "season_months": None, "anchors": False},
    ),
    Form(
        "in the spring and summer of 1970. She",
        "1970",
        "1970",
        "year",
        "1970",
        {"season": "spring and summer", "season_months": "1970-03/1970-08"},
    ),
    Form(
        "in the spring or early summer of 69 BC. While",
        "69 BC",
        "-0069",
        "year",
        "69 BC",
        {"season": "spring or summer", "season_months": "-0069-03/-0069-08"},
    ),
    Form(
        "a final mix date of Spring 2019 and", "2019", "2019", "year", "2019", {"season": "spring"}
    ),
    # Old Style and New Style
    Form(
        "born 11 February 1688/89 in",
        "11 February 1688/89",
        "1689-02-11",
        "day",
        "February 11, 1689",
        {"also": "1688-02-11", "role": "born"},
    ),
    Form(
        "elected in February 1688/9, the",
        "February 1688/9",
        "1689-02",
        "month",
        "February 1689",
        {"also": "1688-02"},
    ),
    Form(
        "on 25 October (7 November) 1917 the",
        "25 October (7 November) 1917",
        "1917-11-07",
        "day",
        "November 7, 1917",
        {"also": "1917-10-25", "style": "new"},
    ),
    Form(
        "on 7 November [O.S. 25 October] 1917 the",
        "7 November [O.S. 25 October] 1917",
        "1917-11-07",
        "day",
        "November 7, 1917",
        {"also": "1917-10-25", "style": "new"},
    ),
    Form(
        "in Petrograd on 7 November (25 October, O.S.) 1917.",
        "7 November (25 October, O.S.) 1917",
        "1917-11-07",
        "day",
        "November 7, 1917",
        {"also": "1917-10-25", "style": "new"},
    ),
    Form(
        "On 23 October 1917 (5 November New Style), the",
        "23 October 1917 (5 November New Style)",
        "1917-11-05",
        "day",
        "November 5, 1917",
        {"also": "1917-10-23", "style": "new", "inferred": False},
    ),
    Form(
        "On 20 December 1917 (2 January 1918 N.S), the",
        "20 December 1917 (2 January 1918 N.S)",
        "1918-01-02",
        "day",
        "January 2, 1918",
        {"also": "1917-12-20", "style": "new"},
    ),
    Form(
        "born on March 16, 1751, (March 5, 1750, Old Style, Julian calendar) at",
        "March 16, 1751, (March 5, 1750, Old Style, Julian calendar)",
        "1751-03-16",
        "day",
        "March 16, 1751",
        {"also": "1750-03-05", "style": "new", "role": "born"},
    ),
    Form(
        "the revolution of 25 October 1917 (O.S.) began",
        "25 October 1917",
        "1917-10-25",
        "day",
        "October 25, 1917",
        {"style": "old", "also": None},
    ),
    Form(
        "Tarsus from 27 to 29 May 47 BC (25–27 May^(greg.)), where",
        "27 to 29 May 47 BC (25–27 May^(greg.))",
        "-0047-05-27/-0047-05-29",
        "range",
        "May 27–29, 47 BC",
        {"also": "-0047-05-25/-0047-05-27", "style": None},
    ),
    # lives and reigns
    Form(
        "Sulayman Solong (r. 1660–1680), was",
        "1660–1680",
        "1660/1680",
        "range",
        "1660–1680",
        {"role": "reign"},
    ),
    Form(
        "King John (reigned 1199–1216) lost",
        "1199–1216",
        "1199/1216",
        "range",
        "1199–1216",
        {"role": "reign"},
    ),
    Form("John Locke's (1632–1704) ideas", "1632–1704", "1632/1704", "range", "1632–1704"),
    Form("Deirdre (born 1950) and", "1950", "1950", "year", "1950", {"role": "born"}),
    Form("William Marshal (died 1219) was", "1219", "1219", "year", "1219", {"role": "died"}),
    Form("Hubert (d. 1243) held", "1243", "1243", "year", "1243", {"role": "died"}),
    Form(
        "a monk (fl. 1200) wrote",
        "1200",
        "1200",
        "year",
        "1200",
        {"role": "floruit", "approximate": True, "anchors": False},
    ),
    Form("Marcus Brutus (born 85 BC): The", "85 BC", "-0085", "year", "85 BC", {"role": "born"}),
    Form(
        "Albinus (born ca. 85–81 BC): On",
        "ca. 85–81 BC",
        "-0085/-0081",
        "range",
        "85–81 BC",
        {"role": "born", "approximate": True},
    ),
    Form(
        "CAESAR (12 or 13 July 100 BC – 15 March 44 BC), known",
        "12 or 13 July 100 BC – 15 March 44 BC",
        "-0100-07/-0044-03-15",
        "range",
        "July 100 BC – March 15, 44 BC",
        typed=("July 100 BC – March 15, 44 BC",),
    ),
    Form(
        "born on 12 or 13 July 100 BC in Rome",
        "12 or 13 July 100 BC",
        "-0100-07",
        "month",
        "July 100 BC",
        {"role": "born"},
    ),
    Form(
        "born on July 12 or 13, 100 BC in Rome",
        "July 12 or 13, 100 BC",
        "-0100-07",
        "month",
        "July 100 BC",
    ),
    # a month and its year after a comma, as older prose writes it
    Form(
        "ending the Darfur conflict in February, 2010.",
        "February, 2010",
        "2010-02",
        "month",
        "February 2010",
        {"preposition": "in"},
    ),
    # a year written after the bracket that glosses a day
    Form(
        "On the Ides of March (15 March), 44 BC, Caesar",
        "15 March",
        "-0044-03-15",
        "day",
        "March 15, 44 BC",
        {"inferred": True},
    ),
]


def _only(sentence: str, text: str, reference: DateValue | None = None) -> DateMention:
    mentions = [m for m in find_dates(sentence, reference) if m.text == text]
    assert len(mentions) == 1, [(m.text, m.date.value) for m in find_dates(sentence, reference)]
    return mentions[0]


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.text)
def test_each_form_is_found_with_its_value_granularity_and_display(form: Form) -> None:
    reference = DateValue("-0049", "year") if form.flags.get("inferred") else None
    mention = _only(form.sentence, form.text, reference)
    assert form.sentence[mention.start : mention.end] == mention.text
    assert mention.date == DateValue(form.value, form.granularity)
    assert mention.date.display() == form.display
    for name, expected in form.flags.items():
        got = getattr(mention, name)
        if isinstance(got, DateValue):
            got = got.value
        assert got == expected, name
    if mention.approximate:
        assert mention.vague and not mention.anchors


@pytest.mark.parametrize(
    ("form", "typed"),
    [(form, typed) for form in FORMS for typed in form.typed],
    ids=lambda item: item if isinstance(item, str) else item.text,
)
def test_what_a_learner_types_reads_as_the_same_value(form: Form, typed: str) -> None:
    assert parse_date_answer(typed) == DateValue(form.value, form.granularity)


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.text)
def test_the_display_reads_back_as_the_value(form: Form) -> None:
    value = DateValue(form.value, form.granularity)
    if form.granularity == "range" and form.flags.get("approximate"):
        return  # "1301–1600" for "the 14th–16th centuries": a span, read back as a range
    assert parse_date_answer(value.display()) == value


@pytest.mark.parametrize(
    "sentence",
    [
        "deploying approximately 1,960 Russian peacekeepers",
        "about 100 of the 227 members",
        "some 300 fell from the first volley",
        "about 1500 warriors and roughly 1200 activists",
        "a budget of $44 BC and €43",
        "In 2010 BC Ferries announced new routes",
        "BC Hydro 2020 report",
        "the Olympus AD 300 units",
        "Alzheimer's disease (AD) 2019 guidelines",
        "published as model 44 BC",
        "the 13th Legion and the 9th Army",
        "20th Century Fox and Playing Robin Hood in Five Centuries",
        "War in the Twelfth Century. London",
        "the 1800s and the early 1900s",
        "the 60s and the '70s",
        "Childhood (1373/4)",
        "1 May 1688/89",
        "11 February 1688/90",
        "5 May (6 May) 1917",
        "44–100 BC",
        "1570–50 BC",
        "0 BC and AD 0",
        "spring onions, 1990 kg",
    ],
)
def test_numbers_and_names_that_are_not_these_dates(sentence: str) -> None:
    found = [(m.text, m.date.value) for m in find_dates(sentence)]
    assert found == [] or all(
        "BC" not in text and "AD" not in text and "centur" not in text.lower() for text, _ in found
    ), found
    assert not any(m.date.year < 1000 and m.date.year > 0 for m in find_dates(sentence))
    assert ("2010 BC", "-2010") not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2010 BC Ferries announced new routes",
        "the 1800s and the early 1900s",
        "Childhood (1373/4)",
        "1 May 1688/89",
        "11 February 1688/90",
        "5 May (6 May) 1917",
        "44–100 BC",
        "0 BC and AD 0",
        "about 1500 warriors",
        "Datings range from the 9th century after the Hijra to",
        "the mosque was built in 1400 AH and",
        "a hearth dated to 1500 BP was",
        "In May, 2000 troops arrived",
    ],
)
def test_ambiguous_forms_are_not_read_at_all(sentence: str) -> None:
    assert find_dates(sentence) == []


@pytest.mark.parametrize(
    "typed",
    ["-44", "-0044", "−44", "44 BC or 45 BC", "2019 or 2020", "the 1800s", "0", "1,960", "BC"],
)
def test_answers_that_are_not_one_date(typed: str) -> None:
    assert parse_date_answer(typed) is None


def test_a_season_across_the_new_year_gives_later_months_their_year() -> None:
    text = "In the winter of 1805–06 they built the fort, to remain there until April 1."
    found = find_dates(text)
    assert [(m.text, m.date.value) for m in found] == [
        ("1805–06", "1805/1806"),
        ("April 1", "1806-04-01"),
    ]
    assert found[1].inferred


def test_a_winter_of_one_year_gives_no_year_to_what_follows() -> None:
    assert [m.text for m in find_dates("During the winter of 1942, and on March 3, they")] == [
        "1942"
    ]


def test_an_approximate_date_gives_no_year_to_what_follows() -> None:
    found = find_dates("Around 1890 he moved to Paris and on March 3 opened a shop.")
    assert [m.text for m in found] == ["Around 1890"]
    reference = DateValue("1885", "year")
    found = find_dates("Around 1890 he moved to Paris and on March 3 opened a shop.", reference)
    assert [(m.text, m.date.value) for m in found] == [
        ("Around 1890", "1890"),
        ("March 3", "1885-03-03"),
    ]


def test_relative_dates_count_across_the_bc_ad_boundary() -> None:
    found = find_dates("He died on 31 December 1 BC; the next day the year AD 1 began.")
    assert [m.date.value for m in found] == ["-0001-12-31", "0001-01-01", "0001"]


@pytest.mark.parametrize(
    "sentence",
    ["Judge Alsup ruled on May 31, 2012, that", "Dr. 1990 was", "Mr. Smith in 1990"],
)
def test_a_role_needs_its_own_word(sentence: str) -> None:
    assert [m.role for m in find_dates(sentence)] == [None]

"""Repairs delete harmless traces of stripped names and keep a map back to the source."""

from __future__ import annotations

import pytest

from question_bank.build import build_bank
from question_bank.holes import has_hole
from question_bank.repair import RANGE_DASH, REPAIRS, repair


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        (
            "signed by Azerbaijani President , Armenian Prime Minister , and Russian President",
            "signed by Azerbaijani President, Armenian Prime Minister, and Russian President",
        ),
        ("Füzuli, , and Qubadlı were retaken", "Füzuli, and Qubadlı were retaken"),
        (
            "troops occupied not only but also seven districts",
            "troops occupied seven districts",
        ),
        # a place lost before a date stays a hole: closing it up would hide it
        (
            "beginning with protests in on February 20, 1988",
            "beginning with protests in on February 20, 1988",
        ),
        # nothing to mend: left alone
        ("The agreement was signed on May 12, 1994.", "The agreement was signed on May 12, 1994."),
        # a stripped year stays a visible hole
        ("announced on December 3, , that", "announced on December 3, , that"),
    ],
)
def test_repairs(text: str, repaired: str) -> None:
    result = repair(text)
    assert result.text == repaired
    assert len(result.origin) == len(result.text) + 1
    assert all(result.text[i] == text[result.origin[i]] for i in range(len(result.text)))


def test_a_repaired_sentence_is_quizzed_and_its_evidence_cuts_the_original() -> None:
    sentence = (
        "The Moscow ceasefire was signed on November 9, 2020, by Azerbaijani President , "
        "Armenian Prime Minister , and Russian President , in the Kremlin."
    )
    assert has_hole(sentence)
    document = f"Ceasefire\n\nTerms\n\n{sentence}\n"
    bank = build_bank(document, file="ceasefire.txt")
    question = next(q for q in bank.questions if q.kind == "cloze")
    assert question.answer is not None and question.answer.date == "2020-11-09"
    assert "President ," not in question.prompt and not has_hole(
        question.prompt.replace("_____", "x")
    )
    passage = bank.passage(question.passage)
    evidence = passage.text[question.evidence[0] : question.evidence[1]]
    assert evidence in sentence
    assert passage.text[question.answer.span[0] : question.answer.span[1]] == "November 9, 2020"


# One row per rule of REPAIRS: what the rule mends, and a text it must leave alone.
REPAIR_ROWS = [
    (
        "title without its holder",
        "by Azerbaijani President , Armenian Prime Minister , and",
        "by Azerbaijani President, Armenian Prime Minister, and",
        "by President Aliyev, who",
    ),
    (
        "empty list item",
        "born ANGELO GIUSEPPE RONCALLI, ; 25 November 1881",
        "born ANGELO GIUSEPPE RONCALLI; 25 November 1881",
        "announced on December 3, , that",
    ),
    (
        "not only but also",
        "occupied not only but also seven districts",
        "occupied seven districts",
        "occupied not only Shusha but also seven districts",
    ),
    (
        "apostrophe template",
        "Luftflotte 4{{'s}} strength and the Luftwaffe{{'}}s losses",
        "Luftflotte 4's strength and the Luftwaffe's losses",
        "the Luftwaffe's losses",
    ),
    (
        "inline footnote",
        "dropped leaflets.{{#tag:ref|The Member for the Isle of Wight commented.}}",
        "dropped leaflets.",
        "dropped leaflets. The Member commented.",
    ),
    (
        "footnote marker",
        "the war ended.[12] The treaty[citation needed] held",
        "the war ended. The treaty held",
        "the list [1, 2] held",
    ),
    (
        "footnote number after an acronym",
        "to support National Missile Defense (NMD)2 and BMDO funding",
        "to support National Missile Defense (NMD) and BMDO funding",
        "calcium hydroxide, Ca(OH)2 in water",
    ),
    (
        "leading footnote mark",
        "No. 80 was retired.\n¹ Jerry Rice wore No. 80 in 2004.",
        "No. 80 was retired.\nJerry Rice wore No. 80 in 2004.",
        "2³¹ seconds is about 68 years.",
    ),
    (
        "empty brackets",
        "The EIFFEL TOWER ( ; ) is a tower; SAKHAROV (; 21 May 1921 – 1989)",
        "The EIFFEL TOWER is a tower; SAKHAROV (21 May 1921 – 1989)",
        "ISAAC ASIMOV (c. 1920 – 1992)",
    ),
    (
        "wiki emphasis",
        "the pamphlet ''Common Sense'' in 1776",
        "the pamphlet Common Sense in 1776",
        "the ''ABBA '' album",
    ),
    (
        "Markdown emphasis",
        "the miniseries *Chernobyl*, **the disaster** and `the code`",
        "the miniseries Chernobyl, the disaster and the code",
        "the file my_file_name.txt and the *EFORM command",
    ),
    (
        "Markdown link",
        "After [a link](https://example.org) and ![img](x.png) an image [ref][1].",
        "After a link and an image ref.",
        "the list [1, 2] and (see above)",
    ),
    (
        "TeX quotes",
        "is designated as `National Robotics Week', recognizing",
        "is designated as ‘National Robotics Week’, recognizing",
        "a ` mark alone, and the users' files",
    ),
    (
        "comma glued to a quotation",
        'drawings for an improved version,"Difference Engine No. 2", but',
        'drawings for an improved version, "Difference Engine No. 2", but',
        'the value 3,"4" and the word, "Next"',
    ),
    (
        "glued years",
        "the war of 19141918 was",
        "the war of 1914–1918 was",
        "the war of 19181914 was",
    ),
    (
        "glued short range",
        "In the winter of 180405, the corps",
        "In the winter of 1804–05, the corps",
        "a population of 192125 in",
    ),
    (
        "glued day",
        "SAKHAROV (21 May 192114 December 1989) and RONCALLI (25 November 18813 June 1963)",
        "SAKHAROV (21 May 1921–14 December 1989) and RONCALLI (25 November 1881–3 June 1963)",
        "born 1 May 19212 December 1899",  # 1921 is after 1899: no life reads so
    ),
    (
        "glued month",
        "MILES DAVIS (May 26, 1926September 28, 1991) and (2 May 19101 June 1980)",
        "MILES DAVIS (May 26, 1926–September 28, 1991) and (2 May 1910–1 June 1980)",
        "(May 26, 1996September 28, 1991)",
    ),
]


@pytest.mark.parametrize(("name", "text", "mended", "untouched"), REPAIR_ROWS)
def test_each_repair_rule(name: str, text: str, mended: str, untouched: str) -> None:
    result = repair(text)
    assert result.text == mended
    assert len(result.origin) == len(result.text) + 1
    # every character comes from where ``origin`` says, but for a dash, a space or a
    # typographic quote a rule puts in
    put_in = {char for index, char in enumerate(result.text) if text[result.origin[index]] != char}
    assert put_in <= {RANGE_DASH, " ", "‘", "’"}
    assert repair(untouched).text == untouched


def test_every_repair_rule_has_a_row() -> None:
    assert [rule.name for rule in REPAIRS] == [row[0] for row in REPAIR_ROWS]


def test_an_inserted_dash_maps_to_the_digit_after_it() -> None:
    result = repair("In the winter of 180405, the corps")
    dash = result.text.index(RANGE_DASH)
    assert result.origin[dash] == result.origin[dash + 1] == "In the winter of 1804".__len__()
    start, end = result.text.index("1804"), result.text.index(",")
    assert "In the winter of 180405, the corps"[result.origin[start] : result.origin[end]] == (
        "180405"
    )


def test_underscores_mark_emphasis_too() -> None:
    assert repair("_The Album_ (1977) and __Arrival__").text == "The Album (1977) and Arrival"

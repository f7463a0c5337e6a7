"""What a learner sees of the 47 real articles' banks holds no debris and no hole.

The banks of ``bench/real/articles`` are built once for the session. Every text a learner
reads (a prompt, a choice, an order item, an accepted answer) is scanned for wiki and HTML
markup, footnote marks, words or numbers run together, and the holes stripped names
leave; each kind of trace fails its own test, listing the texts that show it. The scan's
patterns are checked against examples of each trace, so a pattern that stops matching
fails too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from question_bank.bank import Bank
from question_bank.build import build_bank

ARTICLES = Path(__file__).resolve().parents[2] / "bench" / "real" / "articles"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

SCANS: dict[str, re.Pattern[str]] = {
    "markup": re.compile(
        r"\b(?:File|Image):|\[\[|\]\]|\{\{|\}\}|\||''|%[0-9A-F]{2}|</?[A-Za-z][^<>\n]{0,80}>"
        r"|&(?:[a-z]{2,8}|#\d{2,5});|\$\$|\\[a-z]+\{|\+-{3,}|={3,}"
        r"|\b(?:thumb|upright|alt|px|style|colspan)[=|]|\w\.(?:jpe?g|png|gif|svg|ogv|ogg|tiff?)\b"
        r"|(?<![_\w])_(?=[^\W_])|(?<=[^\W_])_(?![_\w])|\*",
        re.IGNORECASE,
    ),
    "footnote": re.compile(
        r"\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed|clarification needed)\]|\^|[†‡]"
        r"|(?<=[a-z]{3}[.,;:])\d{1,3}(?=\s|$)",
        re.IGNORECASE,
    ),
    "glued": re.compile(
        rf"(?<=[^\W_])(?:{_MONTHS})\b|\b(?:1[0-9]|20)\d\d(?!s\b|th\b)[^\W\d_]{{2,}}"
        rf"|[a-z]{{2}}(?:1[5-9]|20)\d\d\b|(?<![\d,.$€£#])(?:1[0-9]|20)\d{{4,6}}(?!\d|[,.]\d)"
        r"|[a-z]{2}[.!?;:,][A-Z][a-z]"
    ),
    "hole": re.compile(
        r"\s[,.;:](?:\s|$)|\bbetween and\b|\b(?:the|a|an|of|by|in|to|from|with|and|at|on)\s*—"
        r"|\(\s*\)|—\s*—|\S {2,}\S|\(\s*[;,–-]|\d-\s(?!(?:and|or|to)\b)"
        r"|\b(?:the|an?)\s+(?:of|in|on|at|by|for)\b(?!-)|\b(?:of|for|from)\s+of\b"
        r"|\bfrom\s+in\s+(?:_|\d)|(?:US)?[$£€¥](?!\s?[\d.])",
        re.IGNORECASE,
    ),
}

# One row per pattern of each scan: a text that shows the trace, and a clean neighbour.
SCAN_EXAMPLES = [
    ("markup", "File:Gaius Julius Caesar (100-44 BC).JPG|Bust in Naples"),
    ("markup", "Agnetha Fältskog and Anni-Frid Lyngstad]] As the group entered"),
    ("markup", "Luftflotte 4{{'s}} original strength"),
    ("markup", "Rimini083.jpg%7CModern bronze statue"),
    ("markup", "The eponymous ''ABBA'' album"),
    ("markup", "the <b>treaty</b> was signed"),
    ("markup", "signed on 5&nbsp;May"),
    ("markup", "$$RZ = { 2 pi }$$ where m is"),
    ("markup", "| Tokyo Skytree | 2011 |"),
    ("markup", "+--------+--------+"),
    ("markup", "Anni-Frid Lyngstad, 1976|left"),
    ("markup", "thumb|upright=1.2|The fort"),
    ("markup", "CastleBravonucleartest.jpg test on 1 March 1954"),
    ("markup", "_The Album_ was released in 1977"),
    ("markup", "Since the tests were_ connected with"),
    ("markup", "the *EFORM command"),
    ("footnote", "the war ended.[12] It"),
    ("footnote", "the treaty[citation needed] was"),
    ("footnote", "25–27 May^(greg.) he met"),
    ("footnote", "the casualties† were"),
    ("footnote", "the siege ended.12 The"),
    ("glued", "FüzuliSeptember 27, 2020"),
    ("glued", "September 27, 2020Initial southern breakthrough"),
    ("glued", "signed in 1707united the kingdoms"),
    ("glued", "the Tanks2020 parade"),
    ("glued", "In the winter of 180405 the corps"),
    ("glued", "the war of 19141918 was"),
    ("glued", "the siege ended.The city fell"),
    ("hole", "Which date fills the blank? , Björn Ulvaeus has mentioned"),
    ("hole", "the fighting between and the forces"),
    ("hole", "backed by the —"),
    ("hole", "CAESAR ( ) was"),
    ("hole", "a population of  in 2010"),
    ("hole", "ISAAC ASIMOV (;  – April 6, 1992)"),
    ("hole", "as tall as an 81- building"),
    ("hole", "the capture of the in 1920"),
    ("hole", "in return for of tritium"),
    ("hole", "declined 85% from in 1987"),
    ("hole", "equivalent to £ or $ today"),
    ("hole", "a $525 bail (US$ in dollars)"),
]
CLEAN_EXAMPLES = [
    "Which date fills the blank? On _____, the treaty was signed in Paris.",
    "The 1990s saw the 1077th regiment move; Apollo 8 flew in December 1968.",
    "He was cared for by his aunt in Ambloy, for in those years nobody else could.",
    "John Thompson's on-again-off-again relationship with the band ended in 1970.",
    "Super Mario Bros. 3 (1988) was a first- and second-class success in the U.S.",
    "Between 1914 and 1918, the war cost 180,405 lives; a score of 19–17.",
    "He was paid $750 (US$9,000 in 2019) and £ 40 more.",
    "In July, McShane and PlayStation's YouTube channel reported the results.",
    "The function my_first_function was added to Perl in 1994.",
]


def learner_texts(bank: Bank) -> Iterator[tuple[str, str]]:
    """Every text of a bank that a learner reads, with what it is."""
    for question in bank.questions:
        yield f"{question.id} {question.kind} prompt", question.prompt
        for choice in question.choices:
            yield f"{question.id} choice", choice
        for accepted in question.accept:
            yield f"{question.id} accepted answer", accepted
        for item in question.items:
            yield f"{question.id} order item", item.text


@pytest.fixture(scope="session")
def real_banks() -> dict[str, tuple[str, Bank]]:
    """The bank of each real article, with the article's text."""
    banks = {}
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        banks[path.stem] = (text, build_bank(text, file=path.name))
    return banks


@pytest.mark.parametrize(("kind", "text"), SCAN_EXAMPLES)
def test_the_scan_finds_each_trace(kind: str, text: str) -> None:
    assert SCANS[kind].search(text), f"the {kind} scan misses {text!r}"


@pytest.mark.parametrize("text", CLEAN_EXAMPLES)
def test_the_scan_passes_clean_text(text: str) -> None:
    assert [kind for kind, scan in SCANS.items() if scan.search(text)] == []


def test_all_47_articles_build(real_banks: dict[str, tuple[str, Bank]]) -> None:
    assert len(real_banks) == 47
    assert sum(len(bank.questions) for _, bank in real_banks.values()) > 4000


@pytest.mark.parametrize("kind", sorted(SCANS))
def test_no_learner_text_shows_debris_or_holes(
    real_banks: dict[str, tuple[str, Bank]], kind: str
) -> None:
    offending = [
        f"{name} {where}: {text[:160]!r} (at {found.group()!r})"
        for name, (_, bank) in real_banks.items()
        for where, text in learner_texts(bank)
        if (found := SCANS[kind].search(text))
    ]
    assert not offending, f"{len(offending)} texts show {kind}:\n" + "\n".join(offending)


def test_every_passage_and_evidence_cuts_the_article(
    real_banks: dict[str, tuple[str, Bank]],
) -> None:
    for name, (text, bank) in real_banks.items():
        for passage in bank.passages:
            assert text[passage.start : passage.end] == passage.text, (name, passage.id)
        for question in bank.questions:
            passage = bank.passage(question.passage)
            start, end = question.evidence
            assert 0 <= start < end <= len(passage.text), (name, question.id)
            if question.answer is not None and question.answer.span is not None:
                low, high = question.answer.span
                assert start <= low < high <= end, (name, question.id)

"""The whole pipeline on the bundled document and on small documents of other shapes."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from question_bank.bank import Bank, Question, dump_bank, parse_bank
from question_bank.build import build_bank
from question_bank.choices import coarser
from question_bank.dates import DateValue, find_dates, parse_date_answer
from question_bank.errors import DocumentError, NoDatedFactsError
from question_bank.holes import find_holes
from question_bank.read import read_document

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "quizapp" / "documents" / "second-nagorno-karabakh-war.txt"
REAL_ARTICLES = ROOT / "bench" / "real" / "articles"
# The check the project's stop hook applies to prompts.
HOOK_HOLE = re.compile(
    r"\s[,.;:](\s|$)|\bbetween and\b|\b(the|a|an|of|by|in|to|from|with|and|at|on)\s*—|\(\s*\)|—\s*—"
)


@lru_cache(maxsize=1)
def bundled_text() -> str:
    return BUNDLED.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def bundled_bank() -> Bank:
    return build_bank(bundled_text(), file=BUNDLED.name)


def visible_text(question: Question) -> list[str]:
    return [question.prompt, *question.choices, *(item.text for item in question.items)]


def test_bundled_bank_has_every_kind_and_is_valid() -> None:
    bank = bundled_bank()
    kinds = {question.kind for question in bank.questions}
    # an order question only where three of a chapter's events read alone (none here)
    assert {"date", "cloze", "choice"} <= kinds <= {"date", "cloze", "choice", "order"}
    assert bank.source.title == "Second Nagorno-Karabakh War"
    # The bank survives its own YAML round trip and validation.
    assert parse_bank(dump_bank(bank)) == bank


def test_no_question_shows_a_hole() -> None:
    for question in bundled_bank().questions:
        for text in visible_text(question):
            shown = text.replace("_____", "2020")
            assert not HOOK_HOLE.search(shown), (question.id, text)
            assert not find_holes(shown), (question.id, text, find_holes(shown))


def test_every_evidence_span_lies_inside_one_source_sentence() -> None:
    bank = bundled_bank()
    text = bundled_text()
    document = read_document(text)
    sentences = [
        (sentence.start, sentence.end) for block in document.blocks for sentence in block.sentences
    ]
    passages = {passage.id: passage for passage in bank.passages}
    for question in bank.questions:
        passage = passages[question.passage]
        assert text[passage.start : passage.end] == passage.text
        start = passage.start + question.evidence[0]
        end = passage.start + question.evidence[1]
        assert any(s <= start and end <= e for s, e in sentences), question.id
        assert text[start:end] == passage.text[question.evidence[0] : question.evidence[1]]


def test_answer_spans_hold_the_answer_date() -> None:
    bank = bundled_bank()
    passages = {passage.id: passage for passage in bank.passages}
    for question in bank.questions:
        if question.answer is None or question.answer.span is None:
            continue
        passage = passages[question.passage]
        start, end = question.answer.span
        evidence = question.evidence
        assert evidence[0] <= start < end <= evidence[1]
        # Read the date where it stands, with the words before it ("between 1994 and 2016");
        # a relative one ("that day") counts from the date before it, so it reads as one.
        context_start = max(0, start - 12)
        reference = DateValue(question.answer.date, question.answer.granularity)
        mentions = find_dates(passage.text[context_start:end], reference)
        found = {
            (
                mention.date.value if not mention.relative else "relative",
                context_start + mention.end,
            )
            for mention in mentions
        }
        # A choice may ask the month of the day written there (coarser_question).
        found |= {
            (coarse.value, context_start + mention.end)
            for mention in mentions
            if question.kind == "choice" and (coarse := coarser(mention.date)) is not None
        }
        expected = (
            "relative"
            if question.answer.inferred and any(mention.relative for mention in mentions)
            else question.answer.date
        )
        assert (expected, end) in found, (question.id, passage.text[start:end])


def test_choices_are_distinct_plausible_and_never_another_documented_date() -> None:
    for question in bundled_bank().questions:
        if question.kind != "choice":
            continue
        assert question.answer is not None
        assert len(question.choices) == 4, question.id
        assert len(set(question.choices)) == 4
        assert question.answer.text in question.choices
        right = question.answer.value
        disputed = {other.value.display() for other in question.disputed}
        for choice in question.choices:
            assert choice not in disputed or choice == question.answer.text
        # Same granularity: every option reads back as a date shaped like the answer.
        for choice in question.choices:
            value = parse_date_answer(choice)
            assert value is not None, (question.id, choice)
            assert value.granularity == right.granularity
            assert (len(value.start), len(value.end)) == (len(right.start), len(right.end))
        assert sum(parse_date_answer(c) == right for c in question.choices) == 1


@pytest.mark.parametrize("article", ["october-revolution", "julius-caesar", "apollo-8"])
def test_order_questions_have_distinct_dates_and_a_true_order(article: str) -> None:
    text = (REAL_ARTICLES / f"{article}.txt").read_text(encoding="utf-8")
    orders = [q for q in build_bank(text, file=f"{article}.txt").questions if q.kind == "order"]
    assert orders
    for question in orders:
        assert 3 <= len(question.items) <= 4
        dates = [DateValue(item.date, item.granularity) for item in question.items]
        ordered = [dates[index] for index in question.order]
        assert [d.sort_key() for d in ordered] == sorted(d.sort_key() for d in dates)
        assert len({d.value for d in dates}) == len(dates)


def test_conflicting_signing_dates_are_disputed_both_ways() -> None:
    bank = bundled_bank()
    signed = [
        q
        for q in bank.questions
        if q.answer is not None
        and q.answer.date in {"2020-11-09", "2020-11-10"}
        and "signed" in q.prompt
    ]
    assert signed
    disputed = [q for q in signed if q.disputed]
    assert {q.answer.date for q in disputed if q.answer} == {"2020-11-09", "2020-11-10"}
    for question in disputed:
        assert question.answer is not None
        others = {other.date for other in question.disputed}
        assert others == {"2020-11-09", "2020-11-10"} - {question.answer.date}


def test_ids_survive_an_edit_to_another_paragraph() -> None:
    text = bundled_text()
    before = bundled_bank()
    target = "On November 8, 2020, Azerbaijani forces captured the city of Shusha"
    assert target in text
    edited = text.replace(target, "On November 8, 2020, Azerbaijani troops took the city of Shusha")
    after = build_bank(edited, file=BUNDLED.name)
    edited_passage = next(p for p in before.passages if target in p.text)
    kept = {q.id for q in before.questions if q.passage != edited_passage.id and q.kind != "order"}
    after_ids = {q.id for q in after.questions}
    assert kept <= after_ids
    changed = {q.id for q in before.questions if q.passage == edited_passage.id}
    assert changed - after_ids, "questions from the edited paragraph get new ids"


def test_a_markdown_document_with_headings_and_lists() -> None:
    document = (
        "# The Moon Landings\n\n"
        "## Apollo 11\n\n"
        "On July 20, 1969, Apollo 11 landed on the Moon with Neil Armstrong aboard.\n\n"
        "## Later missions\n\n"
        "- Apollo 12 landed on November 19, 1969, near the Surveyor 3 probe.\n"
        "- Apollo 17, the last crewed landing, launched on December 7, 1972, from Florida.\n"
    )
    bank = build_bank(document, file="moon.md")
    assert bank.source.title == "The Moon Landings"
    answers = {q.answer.date for q in bank.questions if q.answer}
    assert {"1969-07-20", "1969-11-19", "1972-12-07"} <= answers
    sections = {q.section for q in bank.questions}
    assert {"Apollo 11", "Later missions"} <= sections
    when = [q.prompt for q in bank.questions if q.kind == "date"]
    assert "On what date did Apollo 11 land on the Moon with Neil Armstrong aboard?" in when


def test_every_date_a_bare_year_still_gives_questions() -> None:
    document = (
        "Rivers of Europe\n\n"
        "The Danube Canal was widened in 1898 for larger barges.\n\n"
        "The Rhine's first iron bridge opened at Cologne in 1862.\n\n"
        "Regular steamship service on the Elbe began in 1816 between Hamburg and Dresden.\n"
    )
    bank = build_bank(document, file="rivers.txt")
    assert {q.answer.granularity for q in bank.questions if q.answer} == {"year"}
    assert any(q.kind == "order" for q in bank.questions)
    for question in bank.questions:
        for choice in question.choices:
            assert re.fullmatch(r"\d{4}", choice)


def test_a_history_of_bc_years_is_asked_in_bc_years() -> None:
    document = (
        "Julius Caesar\n\n"
        "In 60 BC, Caesar, Crassus and Pompey formed the First Triumvirate.\n\n"
        "Caesar crossed the Rubicon with the 13th Legion in 49 BC and entered Italy.\n\n"
        "On 10 January 49 BC, Caesar crossed the Rubicon river with a single legion.\n\n"
        "The Battle of Munda was fought in March 45 BC in southern Spain.\n\n"
        "The Julian calendar opened on 1 January 45 BC after the reform.\n\n"
        "A Roman army razed Napata around 23 BC in the south.\n\n"
        "Roman villas spread along the coast in the 1st century BC.\n"
    )
    bank = build_bank(document, file="caesar.txt")
    answers = {q.answer.date: q.answer.text for q in bank.questions if q.answer}
    assert answers["-0060"] == "60 BC"
    assert answers["-0049-01-10"] == "January 10, 49 BC"
    assert answers["-0045-03"] == "March 45 BC"
    # approximate and century dates are not asked as exact dates
    assert "-0023" not in answers and "-0100/-0001" not in answers
    for question in bank.questions:
        assert question.answer is None or question.answer.date.startswith("-")
        for choice in question.choices:
            assert choice.endswith(" BC"), choice
    assert bank.report["skipped"] == {
        "approximate date (around, about)": 1,
        "vague date (century)": 1,
    }


def test_a_document_without_dates_is_refused_clearly() -> None:
    with pytest.raises(NoDatedFactsError, match="no dated facts found"):
        build_bank("Notes\n\nThe river is long and the valley is green.\n", file="notes.txt")


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_an_empty_document_is_refused(text: str) -> None:
    with pytest.raises(DocumentError, match="empty"):
        build_bank(text, file="empty.txt")


def _days(value: DateValue) -> tuple[str, str]:
    """First and last ISO day of a date: "1961-10" runs from 1961-10-01 to 1961-10-31."""
    return value.start + "-01-01"[len(value.start) - 4 :], value.end + "-12-31"[
        len(value.end) - 4 :
    ]


def _side(value: DateValue, shown: DateValue) -> str:
    """Where ``value`` lies against a date in view: wholly before or after it, inside it,
    or touching it."""
    (start, end), (shown_start, shown_end) = _days(value), _days(shown)
    if end < shown_start:
        return "before"
    if start > shown_end:
        return "after"
    if shown_start <= start and end <= shown_end and (start, end) != (shown_start, shown_end):
        return "inside"
    return "touching"


def test_no_wrong_choice_is_ruled_out_by_a_date_in_view() -> None:
    unseen = sorted((ROOT / "bench" / "unseen").glob("*.md"))
    banks = [bundled_bank()] + [build_bank(path.read_text(), file=path.name) for path in unseen]
    checked = 0
    for bank in banks:
        for question in bank.questions:
            if question.kind != "choice" or question.answer is None:
                continue
            right = DateValue.parse_iso(question.answer.date)
            shown = [m.date for m in find_dates(question.prompt, right) if not m.relative]
            for option in question.choices:
                value = parse_date_answer(option, reference=right)
                assert value is not None, option
                for date in shown:
                    where, answer_where = _side(value, date), _side(right, date)
                    # a range may end on the day shown after it (or start on the one before)
                    assert where == answer_where or "touching" in (where, answer_where), (
                        f"{question.id}: {option!r} against {date.value} in {question.prompt!r}"
                    )
                checked += 1
    assert checked > 900


def test_choices_keep_to_the_side_of_the_dates_in_view() -> None:
    bank = build_bank(
        "Crisis\n\nEvents\n\nBritain and France issued an ultimatum on October 10, 1956, and "
        "began bombing Egyptian airfields on 31 October.\n\n"
        "Nasser nationalised the Suez Canal Company on 26 July 1956 in Alexandria.\n\n"
        "A conference of maritime nations opened in London on 16 August 1956.\n\n"
        "Israeli paratroopers landed at the Mitla Pass on 29 September 1956 in a raid.\n\n"
        "United Nations troops arrived in Egypt on 15 November 1956 to keep the peace.\n\n"
        "The last British soldiers left Port Said on 22 December 1956 by sea.\n\n"
        "Egyptian engineers sank blockships across the waterway on 3 December 1956.\n",
        file="crisis.txt",
    )
    choices = {q.answer.date: q.choices for q in bank.questions if q.kind == "choice" and q.answer}
    before = [parse_date_answer(option) for option in choices["1956-10-10"]]
    assert all(value and value.end < "1956-10-31" for value in before)
    after = [parse_date_answer(option) for option in choices["1956-10-31"]]
    assert all(value and value.start > "1956-10-10" for value in after)

"""The pipeline: document text in, a validated bank out."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from question_bank import __version__
from question_bank.bank import Bank, Passage, Question, Source, content_id
from question_bank.choices import KnownDate, recurring_cycles, section_windows
from question_bank.dates import DateValue
from question_bank.errors import DocumentError, NoDatedFactsError
from question_bank.facts import (
    CONFLICT_THRESHOLD,
    Fact,
    FactReport,
    Skip,
    TableFact,
    document_person,
    event_names,
    event_pairs,
    extract_facts,
    life_span,
    related_dates,
    subject_day,
    subject_origin,
    subject_span,
    title_year,
)
from question_bank.generate import (
    QuestionWriter,
    acronyms,
    case_forms,
    common_words,
    disputed_by_fact,
    event_statement,
    fact_ids,
    many_held_surnames,
    rare_given_names,
    rare_surnames,
    shared_names,
    standing_nouns,
    title_subject,
)
from question_bank.read import Document, read_document

__all__ = ["MAX_DOCUMENT_CHARS", "Build", "build_bank", "build_traced"]

MAX_DOCUMENT_CHARS = 60_000_000
ORDER_SIZE = 4
MIN_ORDER_ITEM_WORDS = 5


@dataclass(frozen=True)
class Build:
    """A bank and what made it: the facts found and skipped (with the rule that skipped
    each), and the writer that asked them (its refusals by fact), so that a benchmark can
    tell why a date has no question."""

    bank: Bank
    facts: FactReport
    writer: QuestionWriter


def build_bank(text: str, *, file: str, title: str | None = None) -> Bank:
    """Build a bank of questions from a document's text.

    Args:
        text: the document (plain text or Markdown), already decoded.
        file: the document's file name, recorded in the bank's source.
        title: the source title; defaults to the document's own title.

    Returns:
        The bank, valid against the contract.

    Raises:
        DocumentError: the text is empty or too large.
        NoDatedFactsError: the document holds no dated fact that can be quizzed.
    """
    return build_traced(text, file=file, title=title).bank


def build_traced(text: str, *, file: str, title: str | None = None) -> Build:
    """:func:`build_bank`, keeping the fact report and the question writer."""
    if not text.strip():
        raise DocumentError(f"{file}: the document is empty")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise DocumentError(
            f"{file}: the document has {len(text):,} characters, "
            f"over the {MAX_DOCUMENT_CHARS:,} character limit"
        )
    document = read_document(text)
    source_title = title or document.title or file
    source = Source(
        title=source_title,
        file=file,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        generator=f"question_bank {__version__}",
    )
    passage_ids, passages = _passages(document, source_title)
    report = extract_facts(document)
    if not report.facts and not report.table_facts:
        raise NoDatedFactsError(
            f"{file}: no dated facts found"
            + (f" ({sum(report.skip_counts().values())} dates skipped)" if report.skipped else "")
        )
    chapters = _chapters(document)
    writer = QuestionWriter(
        source_title,
        passage_ids,
        _known_dates(report, chapters),
        document.title,
        section_windows([(fact.block.section, fact.date) for fact in report.facts], chapters),
        shared_names(document.text, document.title),
        title_subject(document.text, document.title) if document.title else None,
        common_words(document.text),
        fact_ids(source_title, report.facts, _same_events(report)),
        document_person(document),
        acronyms(document.text),
        case_forms(document.text, document.title),
        given_names=rare_given_names(document.text, document.title),
        standing=standing_nouns(document.text),
        origin=subject_origin(report, document.title) if document.title else None,
        cycles=recurring_cycles(document.text),
        # the day of the one-day event the document is about, or the year its title gives
        event_day=(subject_day(report, document) or title_year(document.title))
        if document.title
        else None,
        span=subject_span(document),
        life=life_span(document),
        surnames=many_held_surnames(document.text, document.title),
        rare_surnames=rare_surnames(document.text, document.title),
    )
    questions = _questions(writer, report, chapters)
    used = {question.passage for question in questions}
    used |= {item.passage for question in questions for item in question.items}
    used |= {other.passage for question in questions for other in question.disputed}
    bank = Bank(
        source=source,
        passages=tuple(passage for passage in passages if passage.id in used),
        questions=tuple(questions),
        report=_report(report, questions, writer),
    )
    return Build(bank, report, writer)


def _passages(document: Document, key: str) -> tuple[dict[int, str], list[Passage]]:
    ids: dict[int, str] = {}
    passages: list[Passage] = []
    seen: Counter[str] = Counter()
    for block in document.blocks:
        if block.kind == "references":
            continue
        seen[block.text] += 1
        occurrence = str(seen[block.text]) if seen[block.text] > 1 else ""
        passage_id = content_id("p", key, block.text, occurrence)
        ids[block.start] = passage_id
        passages.append(Passage(passage_id, block.section, block.start, block.end, block.text))
    return ids, passages


def _same_events(report: FactReport) -> list[tuple[int, int]]:
    """Pairs of facts (by index) that tell one event: the facts of a conflict, and facts
    from different sentences alike enough to be one event (as conflicts are found) that
    give it the same date."""
    facts = report.facts
    index = {id(fact): position for position, fact in enumerate(facts)}
    pairs = []
    for conflict in report.conflicts:
        asked = [index[id(fact)] for fact in conflict.facts if id(fact) in index]
        pairs += [(asked[0], other) for other in asked[1:]]  # a witness is not asked
    names = [event_names(fact) for fact in facts]
    for i, j, score in event_pairs(facts):
        if (
            score >= CONFLICT_THRESHOLD
            and facts[i].date == facts[j].date
            and not (names[i] - names[j] and names[j] - names[i])
        ):
            pairs.append((i, j))
    return pairs


def _known_dates(report: FactReport, chapters: dict[str, str]) -> list[KnownDate]:
    """Every date the document gives for an event, with the section and chapter telling
    it: where a question's wrong choices come from first."""
    facts: list[Fact | TableFact] = [*report.facts, *report.table_facts]
    return [
        KnownDate(
            fact.date, fact.block.section, chapters.get(fact.block.section, fact.block.section)
        )
        for fact in facts
    ]


_YEAR_QUALIFIER = re.compile(r"\s+in\s+\d{4}\b(?=[^?]*\?$)")


def _questions(
    writer: QuestionWriter, report: FactReport, chapters: dict[str, str]
) -> list[Question]:
    disputed = disputed_by_fact(report.conflicts)
    related = related_dates(report.facts)
    questions: list[Question] = []
    seen_prompts: set[str] = set()
    seen_ids: set[str] = set()

    def add(question: Question) -> None:
        # "On what date in 2020 was X signed?" asks what "On what date was X signed?"
        # asks when both have one answer: one of them is enough.
        prompt = _YEAR_QUALIFIER.sub("", question.prompt).casefold()
        answer = question.answer.date if question.answer else ""
        key = f"{question.kind}:{answer}:{prompt}"
        if question.id in seen_ids or key in seen_prompts:
            return
        seen_ids.add(question.id)
        seen_prompts.add(key)
        questions.append(question)

    for fact in report.facts:
        for question in writer.fact_questions(
            fact, disputed.get(id(fact), []), related.get(id(fact), {})
        ):
            add(question)
    for table_fact in report.table_facts:
        for question in writer.table_questions(table_fact):
            add(question)
    for section, facts in _order_groups(report.facts, disputed, chapters, writer.orderable):
        order = writer.order_question(facts, section)
        if order is not None:
            add(order)
    asked = {question.fact for question in questions}
    for fact in report.facts:
        if writer.fact_ids[id(fact)] not in asked:
            reason = writer.unasked.get(id(fact), "the same question is asked from another passage")
            at = (fact.block.start + fact.date_span[0], fact.block.start + fact.date_span[1])
            report.skipped.append(
                Skip(fact.block, fact.sentence.text, fact.date.value, reason, at=at)
            )
    return questions


def _chapters(document: Document) -> dict[str, str]:
    """Each section's chapter: the nearest heading above it at the top two levels."""
    chapters: dict[str, str] = {}
    chapter = document.title
    for section in document.sections:
        if section.level <= 2:
            chapter = section.title
        chapters.setdefault(section.title, chapter)
    return chapters


def _order_groups(
    facts: Sequence[Fact],
    disputed: dict[int, list[Fact]],
    chapters: dict[str, str],
    orderable: Callable[[Fact], bool],
) -> list[tuple[str, list[Fact]]]:
    """Groups of 3-4 events of one chapter, each with a clear statement that a "when"
    question could ask alone (``orderable``) and a date distinct from the others'; then
    one group of the events left over from chapters too short for one, across the
    document (the chapter of its first event named)."""
    by_chapter: dict[str, list[Fact]] = {}
    for fact in facts:
        if id(fact) in disputed or fact.date.granularity not in {"day", "month", "year"}:
            continue
        if not orderable(fact):
            continue
        statement = event_statement(fact)
        if statement is None or len(statement.declarative().split()) < MIN_ORDER_ITEM_WORDS:
            continue
        chapter = chapters.get(fact.block.section, fact.block.section)
        by_chapter.setdefault(chapter, []).append(fact)
    groups: list[tuple[str, list[Fact]]] = []
    left: list[Fact] = []
    for chapter, members in by_chapter.items():
        found = _groups_of(members)
        groups += [(chapter, group) for group in found]
        if not found:
            left += members
    across = _groups_of(left)[:1]
    groups += [(chapters.get(group[0].block.section, ""), group) for group in across]
    return groups


def _groups_of(members: Sequence[Fact]) -> list[list[Fact]]:
    """Groups of ORDER_SIZE facts (a last one of three) whose dates are distinct, in the
    order of ``members``."""
    groups: list[list[Fact]] = []
    chosen: list[Fact] = []
    for fact in members:
        if all(_distinct(fact.date, other.date) for other in chosen):
            chosen.append(fact)
        if len(chosen) == ORDER_SIZE:
            groups.append(chosen)
            chosen = []
    if len(chosen) >= 3:
        groups.append(chosen)
    return groups


def _distinct(first: DateValue, second: DateValue) -> bool:
    a = (first.start.ljust(10, "0"), first.end.ljust(10, "9"))
    b = (second.start.ljust(10, "0"), second.end.ljust(10, "9"))
    return a[1] < b[0] or b[1] < a[0]


def _report(
    report: FactReport, questions: Sequence[Question], writer: QuestionWriter
) -> dict[str, Any]:
    """What the build found: facts, questions by kind, dates skipped and why, why forms
    of question were not made (by kind), and the dates the document disagrees on."""
    kinds = Counter(question.kind for question in questions)
    not_made: dict[str, dict[str, int]] = {}
    for (kind, reason), count in sorted(writer.not_made.items(), key=lambda item: -item[1]):
        not_made.setdefault(kind, {})[reason] = count
    return {
        "facts": len(report.facts) + len(report.table_facts),
        "questions": dict(sorted(kinds.items())),
        "skipped": report.skip_counts(),
        "not_made": dict(sorted(not_made.items())),
        "conflicts": [
            {
                "dates": list(conflict.dates),
                "evidence": [
                    {"section": fact.block.section, "text": fact.span_text[:200]}
                    for fact in conflict.facts
                ],
            }
            for conflict in report.conflicts
        ],
    }

"""Reading sources back: the document view, a question's evidence, the timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Passage, Question, Source, User
from quizapp.sources.audience import visible_sources

__all__ = [
    "DocumentView",
    "Evidence",
    "SourceSummary",
    "TimelineEntry",
    "asked_granularity",
    "document_view",
    "evidence_for",
    "sources_overview",
]

GRANULARITY_WORDS = {
    "day": "the day, month and year (for example 8 November 2020)",
    "month": "the month and year (for example November 2020)",
    "year": "the year (for example 2020)",
    "range": "the first and last day (for example 27 September – 10 November 2020)",
}


@dataclass(frozen=True)
class SourceSummary:
    id: int
    title: str
    questions: int


@dataclass(frozen=True)
class Evidence:
    """A passage to show with one sentence highlighted."""

    passage: Passage
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    display: str
    sentence: str
    passage_id: str


@dataclass(frozen=True)
class DocumentView:
    source: Source
    sections: list[tuple[str, list[tuple[Passage, int]]]]
    timeline: list[TimelineEntry]
    # Each passage's active questions (by passage row id), and the bank's conflicts.
    questions: dict[int, list[Question]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)


def sources_overview(user: User) -> list[SourceSummary]:
    """Every source ``user`` may read, with its number of active questions."""
    visible = visible_sources(user).with_only_columns(Source.id)
    rows = db.session.execute(
        select(Source.id, Source.title, func.count(Question.id))
        .outerjoin(Question, (Question.source_id == Source.id) & Question.retired.is_(False))
        .where(Source.id.in_(visible))
        .group_by(Source.id, Source.title)
        .order_by(Source.title)
    )
    return [SourceSummary(id, title, count) for id, title, count in rows]


def asked_granularity(question: Question) -> str | None:
    """What a typed date answer must give, in words; None for choice and order."""
    if question.kind not in ("date", "cloze"):
        return None
    return GRANULARITY_WORDS.get(str(question.answer.get("granularity")))


def _passage(source_id: int, bank_id: str) -> Passage | None:
    return db.session.scalars(
        select(Passage).where(Passage.source_id == source_id, Passage.bank_id == bank_id)
    ).first()


def evidence_for(question: Question) -> list[Evidence]:
    """The passages behind a question: its own, then those of the other documented
    dates of a disputed question, or of each event of an order question."""
    shown = [Evidence(question.passage, question.evidence_start, question.evidence_end, "")]

    def add(other: dict[str, Any], label: str) -> None:
        passage = _passage(question.source_id, str(other.get("passage")))
        start, end = other["evidence"]
        seen = {(evidence.passage.id, evidence.start, evidence.end) for evidence in shown}
        if passage is not None and (passage.id, start, end) not in seen:
            shown.append(Evidence(passage, start, end, label))

    for other in question.disputed:
        add(other, f"The document also gives {other.get('text') or other['date']}:")
    for item in question.items:
        add(item, f"{item['text']} ({item['date']}):")
    return shown


def document_view(source: Source) -> DocumentView:
    """Sections, passages with their question counts, and the timeline of dated facts
    (the caller checked that the user may read the source)."""
    source_id = source.id
    passages = db.session.scalars(
        select(Passage)
        .where(Passage.source_id == source_id, Passage.retired.is_(False))
        .order_by(Passage.start)
    ).all()
    counts = dict(
        db.session.execute(
            select(Question.passage_id, func.count(Question.id))
            .where(Question.source_id == source_id, Question.retired.is_(False))
            .group_by(Question.passage_id)
        ).all()
    )
    sections: list[tuple[str, list[tuple[Passage, int]]]] = []
    for passage in passages:
        if not sections or sections[-1][0] != passage.section:
            sections.append((passage.section, []))
        sections[-1][1].append((passage, counts.get(passage.id, 0)))
    questions: dict[int, list[Question]] = {}
    for question in db.session.scalars(
        select(Question)
        .where(Question.source_id == source_id, Question.retired.is_(False))
        .order_by(Question.passage_id, Question.evidence_start, Question.id)
    ):
        questions.setdefault(question.passage_id, []).append(question)
    conflicts = list((source.report or {}).get("conflicts") or [])
    return DocumentView(source, sections, _timeline(source_id), questions, conflicts)


def _timeline(source_id: int) -> list[TimelineEntry]:
    questions = db.session.scalars(
        select(Question).where(
            Question.source_id == source_id,
            Question.retired.is_(False),
            Question.kind != "order",
        )
    ).all()
    entries: dict[tuple[str, str, int], TimelineEntry] = {}
    for question in questions:
        date = str(question.answer.get("date", ""))
        key = (date, question.passage.bank_id, question.evidence_start)
        if not date or key in entries:
            continue
        sentence = question.passage.text[question.evidence_start : question.evidence_end]
        entries[key] = TimelineEntry(
            date=date,
            display=str(question.answer.get("text") or date),
            sentence=_shorten(sentence.strip(), 160),
            passage_id=question.passage.bank_id,
        )
    return sorted(entries.values(), key=lambda entry: (entry.date, entry.passage_id))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

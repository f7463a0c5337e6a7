"""Reading sources back: the document view, a question's evidence, the timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from question_bank import DateValue
from quizapp.extensions import db
from quizapp.models import Passage, Question, Source, User
from quizapp.sources.audience import visible_sources
from quizapp.sources.dates import date_text, date_value, html_datetime, item_date_text

__all__ = [
    "DocumentView",
    "Evidence",
    "SourceSummary",
    "TimelineEntry",
    "document_view",
    "evidence_for",
    "sources_overview",
]


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
    """A dated fact on the document's timeline.

    ``datetime`` is the date as HTML's ``datetime`` attribute writes it, or None where
    HTML has no form for it (a BC year, a range, a decade, a Julian day).
    """

    date: DateValue
    display: str
    sentence: str
    passage_id: str
    datetime: str | None


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
        add(other, f"The document also gives {date_text(other)}:")
    for item in question.items:
        add(item, f"{item['text']} ({item_date_text(item)}):")
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
    conflicts = [
        {**conflict, "dates": _conflict_dates(conflict.get("dates") or [])}
        for conflict in (source.report or {}).get("conflicts") or []
    ]
    return DocumentView(source, sections, _timeline(source_id), questions, conflicts)


def _timeline(source_id: int) -> list[TimelineEntry]:
    """The source's dated facts in the order of time (never of their ISO text, in which
    27 BC comes before 44 BC), one entry per date and sentence."""
    questions = db.session.scalars(
        select(Question).where(
            Question.source_id == source_id,
            Question.retired.is_(False),
            Question.kind != "order",
        )
    ).all()
    entries: dict[tuple[DateValue, str, int], TimelineEntry] = {}
    for question in questions:
        date = date_value(question.answer)
        if date is None:
            continue
        key = (date, question.passage.bank_id, question.evidence_start)
        if key in entries:
            continue
        sentence = question.passage.text[question.evidence_start : question.evidence_end]
        entries[key] = TimelineEntry(
            date=date,
            display=date_text(question.answer),
            sentence=_shorten(sentence.strip(), 160),
            passage_id=question.passage.bank_id,
            datetime=html_datetime(date),
        )
    return sorted(entries.values(), key=lambda entry: (entry.date, entry.passage_id))


def _conflict_dates(values: list[str]) -> list[str]:
    """A conflict's dates (the report gives their values alone) in words, earliest first."""
    readable, unreadable = [], []
    for value in values:
        try:
            readable.append(DateValue.parse_iso(str(value)))
        except ValueError:
            unreadable.append(str(value))
    return [date.display() for date in sorted(readable)] + unreadable


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

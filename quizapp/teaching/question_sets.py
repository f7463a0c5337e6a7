"""Question sets: a teacher's named, ordered selection of one source's questions.

A set is built from the bank of a source its teacher may teach from (their own upload, or
a source for everyone) with :func:`filter_questions` (section, kind, date
range, difficulty, disputed or not, text search), then questions are picked or dropped
one by one and put in order. Sets belong to their teacher and can be assigned to any
of the teacher's classes, any number of times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from question_bank import DateValue
from quizapp.extensions import db
from quizapp.models import Question, QuestionSet, QuestionSetItem, Source, User
from quizapp.sources.audience import NotAllowedError, may_teach_from
from quizapp.sources.dates import Bounds, covered

__all__ = [
    "KINDS",
    "QuestionFilter",
    "active_questions",
    "add_questions",
    "create_set",
    "filter_questions",
    "move_question",
    "owner_sets",
    "question_dates",
    "remove_question",
    "source_sections",
    "update_set",
]

KINDS = ("date", "cloze", "choice", "order")


@dataclass(frozen=True)
class QuestionFilter:
    """What the set builder filters on; None (or "") means no condition.

    Attributes:
        section: the exact section name.
        kind: one of :data:`KINDS`.
        date_from: the question's dates start on or after this date's first day
            ("100 BC": 1 January 100 BC).
        date_to: the question's dates end on or before this date's last day ("AD 14":
            31 December AD 14).
        difficulty_min: estimated difficulty at least this (0 easy .. 1 hard).
        difficulty_max: estimated difficulty at most this.
        disputed: True for disputed questions only, False for undisputed only.
        text: words that must all appear in the prompt, answer or options (any case).
        include_retired: also list retired questions.
    """

    section: str | None = None
    kind: str | None = None
    date_from: DateValue | None = None
    date_to: DateValue | None = None
    difficulty_min: float | None = None
    difficulty_max: float | None = None
    disputed: bool | None = None
    text: str = ""
    include_retired: bool = False


def create_set(
    owner: User, source: Source, name: str, description: str, *, now: datetime
) -> QuestionSet:
    """A new empty set of ``source``'s questions (the caller commits).

    Raises:
        NotAllowedError: ``owner`` may not teach from ``source`` (another teacher's upload).
    """
    if not may_teach_from(owner, source):
        raise NotAllowedError(f"source {source.id} is another teacher's document")
    question_set = QuestionSet(
        owner_id=owner.id,
        source_id=source.id,
        name=name.strip(),
        description=description.strip(),
        created_at=now,
        updated_at=now,
    )
    db.session.add(question_set)
    db.session.flush()
    return question_set


def update_set(question_set: QuestionSet, name: str, description: str, *, now: datetime) -> None:
    question_set.name = name.strip()
    question_set.description = description.strip()
    question_set.updated_at = now


def owner_sets(owner: User) -> list[tuple[QuestionSet, int]]:
    """The teacher's sets with their number of questions, by name."""
    rows = db.session.execute(
        select(QuestionSet, func.count(QuestionSetItem.id))
        .outerjoin(QuestionSetItem, QuestionSetItem.set_id == QuestionSet.id)
        .where(QuestionSet.owner_id == owner.id)
        .group_by(QuestionSet.id)
        .order_by(QuestionSet.name, QuestionSet.id)
    ).all()
    return [(question_set, count) for question_set, count in rows]


def source_sections(source_id: int) -> list[str]:
    """The source's sections that have questions, in document order."""
    return list(
        db.session.scalars(
            select(Question.section)
            .where(Question.source_id == source_id)
            .group_by(Question.section)
            .order_by(func.min(Question.passage_id))
        )
    )


def question_dates(question: Question) -> Bounds | None:
    """The first and last day a question's dates cover, as comparable (year, month, day).

    A year covers its whole year, a month its whole month, a century its hundred years,
    a BC year counts below zero; an ``order`` question covers its events' dates.
    """
    return covered(question.items if question.kind == "order" else [question.answer])


def _matches(question: Question, wanted: QuestionFilter) -> bool:
    if wanted.section and question.section != wanted.section:
        return False
    if wanted.kind and question.kind != wanted.kind:
        return False
    if wanted.difficulty_min is not None and question.difficulty < wanted.difficulty_min:
        return False
    if wanted.difficulty_max is not None and question.difficulty > wanted.difficulty_max:
        return False
    if wanted.disputed is not None and bool(question.disputed) != wanted.disputed:
        return False
    if wanted.date_from or wanted.date_to:
        span = question_dates(question)
        if span is None:
            return False
        if wanted.date_from and span[0] < wanted.date_from.bounds()[0]:
            return False
        if wanted.date_to and span[1] > wanted.date_to.bounds()[1]:
            return False
    if wanted.text.strip():
        haystack = " ".join(
            [question.prompt, str(question.answer.get("text", "")), *question.choices]
            + [str(item.get("text", "")) for item in question.items]
        ).casefold()
        if not all(word in haystack for word in wanted.text.casefold().split()):
            return False
    return True


def filter_questions(source_id: int, wanted: QuestionFilter) -> list[Question]:
    """The source's questions that pass the filter, in document order.

    Filtering runs in Python over one source's questions (a bank holds hundreds, not
    millions), which keeps the JSON fields' conditions the same on every database.
    """
    query = select(Question).where(Question.source_id == source_id)
    if not wanted.include_retired:
        query = query.where(Question.retired.is_(False))
    questions = db.session.scalars(
        query.order_by(Question.passage_id, Question.evidence_start, Question.id)
    )
    return [question for question in questions if _matches(question, wanted)]


def add_questions(question_set: QuestionSet, question_ids: list[int], *, now: datetime) -> int:
    """Append the given questions of the set's source that are not in it yet.

    Ids of other sources' questions, retired questions and questions already in the
    set are skipped.

    Returns:
        How many questions were added.
    """
    present = {item.question_id for item in question_set.items}
    wanted = [qid for qid in dict.fromkeys(question_ids) if qid not in present]
    if not wanted:
        return 0
    valid = set(
        db.session.scalars(
            select(Question.id).where(
                Question.id.in_(wanted),
                Question.source_id == question_set.source_id,
                Question.retired.is_(False),
            )
        )
    )
    position = max((item.position for item in question_set.items), default=0)
    added = 0
    for question_id in wanted:
        if question_id in valid:
            position += 1
            question_set.items.append(QuestionSetItem(question_id=question_id, position=position))
            added += 1
    question_set.updated_at = now
    db.session.flush()
    return added


def remove_question(question_set: QuestionSet, question_id: int, *, now: datetime) -> bool:
    for item in question_set.items:
        if item.question_id == question_id:
            question_set.items.remove(item)
            question_set.updated_at = now
            db.session.flush()
            return True
    return False


def move_question(
    question_set: QuestionSet, question_id: int, offset: int, *, now: datetime
) -> bool:
    """Move a question ``offset`` places (-1 up, +1 down), renumbering positions 1..n.

    Returns:
        Whether the question moved.
    """
    items = list(question_set.items)
    index = next((i for i, item in enumerate(items) if item.question_id == question_id), None)
    if index is None or not 0 <= index + offset < len(items):
        return False
    items.insert(index + offset, items.pop(index))
    for position, item in enumerate(items, start=1):
        item.position = position
    question_set.updated_at = now
    db.session.flush()
    db.session.expire(question_set, ["items"])
    return True


def active_questions(question_set: QuestionSet) -> list[Question]:
    """The set's questions in order, without retired ones (they are asked to no one)."""
    return [item.question for item in question_set.items if not item.question.retired]

"""A teacher's review of the questions generated from a document they uploaded.

Every generated question of an uploaded source (a :class:`~quizapp.models.Source` with
an ``owner_id``) starts ``pending``: it is kept out of every schedule and set (its
``retired`` flag is set) until a curator (the owner, or an administrator) **accepts**
it; a **rejected** one stays out.
Decisions live in :class:`~quizapp.models.QuestionDecision`, keyed by the question's
stable bank id, so a regenerated bank keeps the decision of every question whose id did
not change and brings new ids in pending. Sources imported by command (the bundled
document) have no owner and are published as they are imported.

``Question.retired`` stays the one flag that schedules, sets and exports read: here it
is set from the decision, the teacher's own retiring (:mod:`quizapp.teaching.curation`) and
whether the latest bank still has the question.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from quizapp.extensions import db
from quizapp.models import Question, QuestionDecision, QuestionEdit, Source, User
from quizapp.sources.audience import is_curator

__all__ = [
    "DECISIONS",
    "NotOwnerError",
    "NotReviewedError",
    "ReviewCounts",
    "ReviewItem",
    "accept_pending",
    "decide",
    "held_back",
    "review_counts",
    "review_items",
]

DECISIONS = ("pending", "accepted", "rejected")


class NotOwnerError(PermissionError):
    """Only the teacher who uploaded a document (or an administrator) reviews its
    questions."""


class NotReviewedError(ValueError):
    """The document was imported by command: its questions are not reviewed one by one
    (its curators retire what should not be asked)."""


@dataclass(frozen=True)
class ReviewCounts:
    pending: int
    accepted: int
    rejected: int

    @property
    def total(self) -> int:
        return self.pending + self.accepted + self.rejected


@dataclass(frozen=True)
class ReviewItem:
    question: Question
    decision: str


def _decisions(source_id: int) -> dict[str, QuestionDecision]:
    return {
        row.bank_id: row
        for row in db.session.scalars(
            select(QuestionDecision).where(QuestionDecision.source_id == source_id)
        )
    }


def held_back(source: Source, bank_ids: Iterable[str], *, now: datetime) -> set[str]:
    """The bank ids of ``source`` that learners must not get yet; called on every import.

    New ids get a pending decision; ids the bank no longer has are marked not current
    (their decision is kept, should they come back).

    Args:
        source: the source being imported.
        bank_ids: the ids of every question in the new bank.
        now: the import time.

    Returns:
        The ids not accepted (empty for a source without an owner: nothing is held).
    """
    if source.owner_id is None:
        return set()
    wanted = list(dict.fromkeys(bank_ids))
    rows = _decisions(source.id)
    for bank_id in wanted:
        row = rows.get(bank_id)
        if row is None:
            row = QuestionDecision(
                source_id=source.id, bank_id=bank_id, decision="pending", current=True
            )
            db.session.add(row)
            rows[bank_id] = row
        row.current = True
    present = set(wanted)
    for bank_id, row in rows.items():
        if bank_id not in present:
            row.current = False
    db.session.flush()
    return {bank_id for bank_id in present if rows[bank_id].decision != "accepted"}


def _teacher_retired(question: Question) -> bool:
    retired = db.session.scalars(
        select(QuestionEdit.retired).where(QuestionEdit.question_id == question.id)
    ).first()
    return bool(retired)


def _check_owner(source: Source, teacher: User) -> None:
    if source.owner_id is None:
        raise NotReviewedError(f"source {source.id} was imported by command, not uploaded")
    if not is_curator(teacher, source):
        raise NotOwnerError(f"source {source.id} was uploaded by another teacher")


def decide(question: Question, decision: str, teacher: User, *, now: datetime) -> None:
    """Accept, reject or reset (``pending``) one question of the teacher's document.

    Raises:
        NotOwnerError: the document is not the teacher's, and they are no administrator.
        NotReviewedError: the document was imported by command.
        ValueError: ``decision`` is not one of :data:`DECISIONS`.
    """
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}; expected one of {DECISIONS}")
    source = question.source
    _check_owner(source, teacher)
    row = _decisions(source.id).get(question.bank_id)
    if row is None:
        row = QuestionDecision(source_id=source.id, bank_id=question.bank_id, current=True)
        db.session.add(row)
    row.decision = decision
    row.decided_by = teacher.id if decision != "pending" else None
    row.decided_at = now if decision != "pending" else None
    if row.current:
        question.retired = decision != "accepted" or _teacher_retired(question)
        question.updated_at = now
    db.session.flush()


def accept_pending(source: Source, teacher: User, *, now: datetime) -> int:
    """Accept every pending question of the teacher's document ("accept all remaining").

    Returns:
        How many questions were accepted.

    Raises:
        NotOwnerError: the document is not the teacher's, and they are no administrator.
        NotReviewedError: the document was imported by command.
    """
    _check_owner(source, teacher)
    accepted = 0
    for item in review_items(source):
        if item.decision == "pending":
            decide(item.question, "accepted", teacher, now=now)
            accepted += 1
    return accepted


def review_items(source: Source, *, decision: str | None = None) -> list[ReviewItem]:
    """The current questions of ``source`` with their decisions, in document order.

    Args:
        source: an uploaded source.
        decision: only the questions with this decision.
    """
    rows = _decisions(source.id)
    questions = db.session.scalars(
        select(Question)
        .where(Question.source_id == source.id)
        .options(selectinload(Question.passage))
    ).all()
    items = [
        ReviewItem(question, rows[question.bank_id].decision)
        for question in questions
        if question.bank_id in rows and rows[question.bank_id].current
    ]
    items.sort(key=lambda item: (item.question.passage.start, item.question.evidence_start))
    if decision is not None:
        items = [item for item in items if item.decision == decision]
    return items


def review_counts(source: Source) -> ReviewCounts:
    """How many of the source's current questions are pending, accepted and rejected."""
    counts = Counter(row.decision for row in _decisions(source.id).values() if row.current)
    return ReviewCounts(counts["pending"], counts["accepted"], counts["rejected"])

"""Read what an export needs from the database into plain records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from fsrs import Scheduler, State
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from quizapp.export.files import ExportFile, export_file
from quizapp.export.records import CardProgress, ExportQuestion, ReviewEntry
from quizapp.extensions import db
from quizapp.learning.scheduling import scheduler_for
from quizapp.models import (
    Assignment,
    Card,
    ClassMember,
    Question,
    QuestionSet,
    QuestionSetItem,
    Review,
    TeacherEdit,
    User,
)
from quizapp.teaching.curation import as_asked, teacher_edits

__all__ = [
    "export_question",
    "export_questions",
    "learner_progress",
    "readable_set",
    "set_questions",
    "source_questions",
]


def export_question(question: Question, own: TeacherEdit | None = None) -> ExportQuestion:
    """The export record of one question row (its passage and source are read), with a
    teacher's own version of it applied when given."""
    asked = as_asked(question, own)
    return ExportQuestion(
        id=question.id,
        bank_id=question.bank_id,
        fact=question.fact,
        kind=question.kind,
        prompt=asked.prompt,
        answer=dict(question.answer),
        section=question.section,
        source_id=question.source_id,
        source_title=question.source.title,
        source_file=question.source.file,
        passage_id=question.passage.bank_id,
        passage_text=question.passage.text,
        evidence=(question.evidence_start, question.evidence_end),
        accept=tuple(asked.accept or ()),
        choices=tuple(asked.choices or ()),
        items=tuple(question.items or ()),
        disputed=tuple(question.disputed or ()),
        tags=tuple(question.tags or ()),
    )


def source_questions(source_id: int) -> list[ExportQuestion]:
    """A source's active (not retired) questions, in bank order."""
    questions = db.session.scalars(
        select(Question)
        .options(joinedload(Question.passage), joinedload(Question.source))
        .where(Question.source_id == source_id, Question.retired.is_(False))
        .order_by(Question.id)
    ).all()
    return [export_question(question) for question in questions]


def readable_set(set_id: int, user: User) -> QuestionSet | None:
    """The question set when ``user`` may export it, else None: its owner may, and so
    may every learner in a class it is assigned to."""
    question_set = db.session.get(QuestionSet, set_id)
    if question_set is None or question_set.owner_id == user.id:
        return question_set
    assigned = db.session.scalar(
        select(Assignment.id)
        .join(ClassMember, ClassMember.class_id == Assignment.class_id)
        .where(Assignment.set_id == set_id, ClassMember.user_id == user.id)
        .limit(1)
    )
    return question_set if assigned is not None else None


def set_questions(question_set: QuestionSet) -> list[ExportQuestion]:
    """A set's active (not retired) questions, in the set's order, as its teacher's
    assignments ask them (with their own versions)."""
    questions = db.session.scalars(
        select(Question)
        .join(QuestionSetItem, QuestionSetItem.question_id == Question.id)
        .options(joinedload(Question.passage), joinedload(Question.source))
        .where(QuestionSetItem.set_id == question_set.id, Question.retired.is_(False))
        .order_by(QuestionSetItem.position, QuestionSetItem.id)
    ).all()
    own = teacher_edits([question.id for question in questions], question_set.owner_id)
    return [export_question(question, own.get(question.id)) for question in questions]


def learner_progress(
    user: User, questions: Iterable[ExportQuestion], *, scheduler: Scheduler | None = None
) -> dict[str, CardProgress]:
    """The learner's own cards for the facts these questions ask, each with its review
    history (every form the learner answered).

    Args:
        user: the learner; nobody else's cards are read.
        questions: the questions being exported.
        scheduler: the learner's FSRS scheduler (desired retention, decay, steps); by
            default the learner's own, without fuzzing.

    Returns:
        Progress keyed by fact id; facts never answered are left out.
    """
    scheduler = scheduler or scheduler_for(user, enable_fuzzing=False)
    facts = {question.fact for question in questions}
    cards = [
        card
        for card in db.session.scalars(select(Card).where(Card.user_id == user.id))
        if card.fact in facts
    ]
    history: dict[int, list[Review]] = defaultdict(list)
    for review in db.session.scalars(
        select(Review)
        .where(Review.user_id == user.id)
        .order_by(Review.card_id, Review.card_version)
    ):
        history[review.card_id].append(review)
    return {card.fact: _progress(card, history[card.id], scheduler) for card in cards}


def export_questions(
    fmt: str,
    questions: list[ExportQuestion],
    *,
    title: str,
    deck_key: str,
    base_url: str,
    now: datetime,
    progress_of: User | None = None,
) -> ExportFile:
    """:func:`~quizapp.export.files.export_file`, with ``progress_of``'s own cards and
    review history in an Anki package (no other format carries them): what the export
    pages and the API download."""
    progress = None
    if fmt == "apkg" and progress_of is not None:
        progress = learner_progress(progress_of, questions)
    return export_file(
        fmt,
        questions,
        title=title,
        deck_key=deck_key,
        base_url=base_url,
        now=now,
        progress=progress,
    )


def _progress(card: Card, reviews: list[Review], scheduler: Scheduler) -> CardProgress:
    if card.state == int(State.Learning):
        remaining = len(scheduler.learning_steps) - (card.step or 0)
    elif card.state == int(State.Relearning):
        remaining = len(scheduler.relearning_steps) - (card.step or 0)
    else:
        remaining = 0
    return CardProgress(
        state=card.state,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        desired_retention=scheduler.desired_retention,
        decay=float(scheduler.parameters[20]),
        remaining_steps=max(remaining, 1) if card.state != int(State.Review) else 0,
        reviews=tuple(_entries(card, reviews)),
    )


def _entries(card: Card, reviews: list[Review]) -> list[ReviewEntry]:
    """Each review with the state it led to: the next review's ``card_before``, or the
    card as it is now for the latest one."""
    entries = []
    for index, review in enumerate(reviews):
        if index + 1 < len(reviews):
            after = reviews[index + 1].card_before
            state_after, due_after = int(after["state"]), datetime.fromisoformat(after["due"])
            difficulty_after = after["difficulty"]
        else:
            state_after, due_after, difficulty_after = card.state, card.due, card.difficulty
        entries.append(
            ReviewEntry(
                reviewed_at=review.reviewed_at,
                rating=review.rating,
                duration_ms=review.duration_ms,
                state_before=review.state_before,
                state_after=state_after,
                due_after=due_after,
                difficulty_after=difficulty_after,
            )
        )
    return entries

"""What a learner studies: the sources of their daily quiz, and their choices about them.

A learner studies, in the daily quiz:

- the sources they chose among those open to them: every source for everyone and their
  own uploads, each studied until the learner turns it off (a new account studies them
  all, the bundled document first among them);
- whatever their classes give them, whatever they chose: a whole source given to a
  class, and the questions of every set assigned to a class.

A choice is one :class:`~quizapp.models.StudyChoice` row per (learner, source):
``studying`` and an optional ``new_per_day``, the most new questions of that source a
day, within the learner's overall limit. :func:`study_sources` lists what the learner
may choose among, and :func:`choose_source` records a choice: together, what a page
where learners pick their sources needs. The daily queue
(:mod:`quizapp.learning.scheduling`) reads :func:`studied_questions` and
:func:`new_question_budgets`. Everything here stays inside the rule of
:mod:`quizapp.sources.audience`: studying is a choice among the questions a learner may
be asked, never a way to more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, not_, or_, select

from quizapp.extensions import db
from quizapp.models import (
    EVERYONE,
    Card,
    Question,
    Review,
    Source,
    StudyChoice,
    User,
)
from quizapp.sources.audience import assigned_question_ids, given_source_ids, withheld_facts

__all__ = [
    "MAX_NEW_PER_DAY",
    "NotOpenError",
    "StudySource",
    "choose_source",
    "new_question_budgets",
    "studied_questions",
    "studied_source_ids",
    "study_sources",
]

MAX_NEW_PER_DAY = 500


class NotOpenError(LookupError):
    """The source is not open to the learner (not for everyone, not theirs, not given
    to one of their classes)."""


@dataclass(frozen=True)
class StudySource:
    """One source a learner may study, and where they stand on it.

    Attributes:
        source: the source.
        studying: whether its questions come in the daily quiz.
        given: whether a class of the learner was given it (then it is studied whatever
            the learner chose).
        new_per_day: the learner's cap on its new questions a day (None: none).
    """

    source: Source
    studying: bool
    given: bool
    new_per_day: int | None


def _turned_off(user: User) -> Any:
    return select(StudyChoice.source_id).where(
        StudyChoice.user_id == user.id, StudyChoice.studying.is_(False)
    )


def _studied_source_ids(user: User) -> Any:
    chosen = and_(
        or_(Source.audience == EVERYONE, Source.owner_id == user.id),
        not_(Source.id.in_(_turned_off(user))),
    )
    return select(Source.id).where(or_(chosen, Source.id.in_(given_source_ids(user))))


def studied_questions(user: User, now: datetime) -> Any:
    """The condition on :class:`~quizapp.models.Question` of the questions ``user``
    studies in the daily quiz at ``now``: live ones of the sources they study, and of the
    sets assigned to their classes, but no form of a fact an assignment of theirs still
    keeps the right answer of (:func:`quizapp.sources.audience.withheld_facts`)."""
    return and_(
        Question.retired.is_(False),
        or_(
            Question.source_id.in_(_studied_source_ids(user)),
            Question.id.in_(assigned_question_ids(user)),
        ),
        Question.fact.not_in(withheld_facts(user, now)),
    )


def studied_source_ids(user: User) -> list[int]:
    """The ids of every source ``user`` studies a question of: chosen, given to a class,
    or holding a question of a set assigned to a class."""
    assigned = select(Question.source_id).where(Question.id.in_(assigned_question_ids(user)))
    chosen = db.session.scalars(_studied_source_ids(user)).all()
    return sorted(set(chosen) | set(db.session.scalars(assigned.distinct())))


def new_question_budgets(user: User, day_start: datetime) -> dict[int, int]:
    """How many more new questions of each source the learner caps may come today, by
    source id (sources without a cap are left out)."""
    caps = {
        source_id: int(cap or 0)
        for source_id, cap in db.session.execute(
            select(StudyChoice.source_id, StudyChoice.new_per_day).where(
                StudyChoice.user_id == user.id, StudyChoice.new_per_day.is_not(None)
            )
        )
    }
    if not caps:
        return {}
    introduced = {
        source_id: int(count)
        for source_id, count in db.session.execute(
            select(Question.source_id, func.count(Review.id))
            .join(Card, Card.id == Review.card_id)
            .join(Question, Question.id == Card.question_id)
            .where(
                Review.user_id == user.id,
                Review.reviewed_at >= day_start,
                Review.card_version == 0,
                Question.source_id.in_(list(caps)),
            )
            .group_by(Question.source_id)
        )
    }
    return {
        source_id: max(0, cap - introduced.get(source_id, 0)) for source_id, cap in caps.items()
    }


def study_sources(user: User) -> list[StudySource]:
    """Every source ``user`` may study, by title, with their choice about it."""
    given = set(db.session.scalars(given_source_ids(user)))
    sources = db.session.scalars(
        select(Source)
        .where(
            or_(
                Source.audience == EVERYONE,
                Source.owner_id == user.id,
                Source.id.in_(given),
            )
        )
        .order_by(Source.title, Source.id)
    ).all()
    choices = {
        choice.source_id: choice
        for choice in db.session.scalars(select(StudyChoice).where(StudyChoice.user_id == user.id))
    }
    listed = []
    for source in sources:
        choice = choices.get(source.id)
        is_given = source.id in given
        studying = is_given or choice is None or choice.studying
        cap = choice.new_per_day if choice is not None else None
        listed.append(StudySource(source, studying, is_given, cap))
    return listed


def choose_source(
    user: User, source: Source, *, studying: bool, new_per_day: int | None, now: datetime
) -> StudyChoice:
    """Record whether ``user`` studies ``source`` and how many of its new questions a
    day (the caller commits).

    Args:
        user: the learner.
        source: a source open to them.
        studying: whether its questions come in their daily quiz (a source given to one
            of their classes comes whatever they choose).
        new_per_day: at most this many of its new questions a day, or None for only the
            learner's overall limit.
        now: the time of the choice.

    Raises:
        NotOpenError: the source is not open to ``user``.
        ValueError: ``new_per_day`` is negative or over :data:`MAX_NEW_PER_DAY`.
    """
    if new_per_day is not None and not 0 <= new_per_day <= MAX_NEW_PER_DAY:
        raise ValueError(f"new questions a day must be from 0 to {MAX_NEW_PER_DAY}")
    if not any(entry.source.id == source.id for entry in study_sources(user)):
        raise NotOpenError(f"source {source.id} is not open to this learner")
    choice = db.session.scalars(
        select(StudyChoice).where(
            StudyChoice.user_id == user.id, StudyChoice.source_id == source.id
        )
    ).first()
    if choice is None:
        choice = StudyChoice(user_id=user.id, source_id=source.id)
        db.session.add(choice)
    choice.studying = studying
    choice.new_per_day = new_per_day
    choice.chosen_at = now
    db.session.flush()
    return choice

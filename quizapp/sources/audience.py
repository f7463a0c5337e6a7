"""Who may see, study, curate and be asked what: the one rule the pages and the API share.

- **Audience.** A source is for everyone (:data:`~quizapp.models.EVERYONE`: the bundled
  document, what an administrator publishes) or for its owner and the classes the owner
  gives it to (:data:`~quizapp.models.CLASSES`: a teacher's upload). A class is given a
  whole source on its page (:class:`~quizapp.models.ClassSource`), or the questions of a
  set assigned to it.
- **Curators.** A source's owner and the administrators (``User.is_admin``) curate it:
  review, edit, retire, publish. A source without an owner (imported by command) is
  curated by the administrators alone. Being a teacher grants nothing over anyone
  else's source; a teacher may build sets from, give to a class and make their own
  version of the questions of a source they may *teach from*: their own, or one for
  everyone.
- **Questions.** A user may be asked, and graded on, a *live* question (not
  ``Question.retired``: accepted by its owner, not retired by its curators, still in its
  bank) whose source is open to them: for everyone, their own, given to one of their
  classes, or whose question is in a set assigned to one of their classes.
  Administrators may be asked any live question. :func:`askable_questions` and
  :func:`may_be_asked` are that rule as a query and for one question.
- **Unpublished.** Pending and rejected questions are seen by the source's curators
  alone, and so is an upload until its owner accepts one of its questions.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, or_, select

from quizapp.extensions import db
from quizapp.models import (
    AUDIENCES,
    EVERYONE,
    Assignment,
    ClassMember,
    ClassSource,
    Question,
    QuestionDecision,
    QuestionSet,
    QuestionSetItem,
    Source,
    User,
)

__all__ = [
    "NotAllowedError",
    "askable_questions",
    "assigned_question_ids",
    "given_source_ids",
    "is_curator",
    "is_held_back",
    "may_be_asked",
    "may_see_question",
    "may_see_source",
    "may_teach",
    "may_teach_from",
    "may_teach_question",
    "set_audience",
    "teachable_sources",
    "visible_sources",
    "withheld_facts",
]


class NotAllowedError(PermissionError):
    """The user may not do this to that source; the message says why."""


def may_teach(user: User) -> bool:
    """Whether the teaching pages are open to ``user``: teachers and administrators."""
    return user.role == "teacher" or user.is_admin


def is_curator(user: User, source: Source) -> bool:
    """Whether ``user`` curates ``source``: its owner, or an administrator."""
    return user.is_admin or (source.owner_id is not None and source.owner_id == user.id)


def may_teach_from(user: User, source: Source) -> bool:
    """Whether ``user`` may build sets from ``source``, give it to a class and make their
    own version of its questions: a source they curate, or one for everyone."""
    return is_curator(user, source) or source.audience == EVERYONE


def teachable_sources(user: User) -> list[Source]:
    """The sources ``user`` may teach from, by title."""
    query = select(Source).order_by(Source.title, Source.id)
    if not user.is_admin:
        query = query.where(or_(Source.audience == EVERYONE, Source.owner_id == user.id))
    return list(db.session.scalars(query))


# --- what a user's classes give them -----------------------------------------------------


def _class_ids(user: User) -> Any:
    return select(ClassMember.class_id).where(ClassMember.user_id == user.id)


def given_source_ids(user: User) -> Any:
    """The ids of the sources given to a class of ``user``, as a subquery."""
    return select(ClassSource.source_id).where(ClassSource.class_id.in_(_class_ids(user)))


def assigned_question_ids(user: User) -> Any:
    """The ids of the questions of the sets assigned to a class of ``user``, as a
    subquery."""
    return (
        select(QuestionSetItem.question_id)
        .join(Assignment, Assignment.set_id == QuestionSetItem.set_id)
        .where(Assignment.class_id.in_(_class_ids(user)))
    )


def _keeps_answer(now: Any) -> Any:
    """An assignment that still keeps its right answers from its learners at ``now``:
    shown "never", or "after the attempt" or "after the due date" before the due date."""
    return or_(
        Assignment.show_answer == "never",
        and_(Assignment.show_answer != "answer", Assignment.due_at > now),
    )


def withheld_facts(user: User, now: datetime) -> Any:
    """The facts of the sets assigned to a class of ``user`` whose right answers the
    assignment still keeps from its learners at ``now`` (:func:`_keeps_answer`), as a
    subquery: the daily quiz neither asks them nor grades them, in any form, since it
    shows every answer."""
    withheld = (
        select(QuestionSetItem.question_id)
        .join(Assignment, Assignment.set_id == QuestionSetItem.set_id)
        .where(Assignment.class_id.in_(_class_ids(user)), _keeps_answer(now))
    )
    return select(Question.fact).where(Question.id.in_(withheld))


# One fact, as the answer path asks it on every answer: built once, its values bound per
# call, so a request pays for the lookup and not for building the statement.
_FACT_WITHHELD = (
    select(Question.id)
    .join(QuestionSetItem, QuestionSetItem.question_id == Question.id)
    .join(Assignment, Assignment.set_id == QuestionSetItem.set_id)
    .join(ClassMember, ClassMember.class_id == Assignment.class_id)
    .where(
        Question.fact == bindparam("fact"),
        ClassMember.user_id == bindparam("user_id"),
        _keeps_answer(bindparam("now", type_=Assignment.due_at.type)),
    )
    .limit(1)
)


def fact_withheld(user: User, fact: str, now: datetime) -> bool:
    """Whether an assignment of a class of ``user``'s still keeps the right answer of
    ``fact`` at ``now``: one fact of :func:`withheld_facts`."""
    found = db.session.execute(_FACT_WITHHELD, {"fact": fact, "user_id": user.id, "now": now})
    return found.first() is not None


def _assigned_source_ids(user: User) -> Any:
    return (
        select(QuestionSet.source_id)
        .join(Assignment, Assignment.set_id == QuestionSet.id)
        .where(Assignment.class_id.in_(_class_ids(user)))
    )


# --- questions ---------------------------------------------------------------------------


def _open_source_ids(user: User) -> Any:
    return select(Source.id).where(
        or_(
            Source.audience == EVERYONE,
            Source.owner_id == user.id,
            Source.id.in_(given_source_ids(user)),
        )
    )


def askable_questions(user: User) -> Any:
    """The questions ``user`` may be asked or graded on, as a query on
    :class:`~quizapp.models.Question`."""
    query = select(Question).where(Question.retired.is_(False))
    if user.is_admin:
        return query
    return query.where(
        or_(
            Question.source_id.in_(_open_source_ids(user)),
            Question.id.in_(assigned_question_ids(user)),
        )
    )


def may_be_asked(user: User, question: Question, *, audience: str, owner_id: int | None) -> bool:
    """Whether ``user`` may be asked, and graded on, ``question`` in the daily quiz or
    through the API.

    Args:
        user: the learner.
        question: the question.
        audience: its source's audience.
        owner_id: its source's owner (None for a source imported by command).

    The answer path reads the source's audience and owner with the question, so a
    question for everyone costs no query here.
    """
    if question.retired:
        return False
    if audience == EVERYONE or user.is_admin or (owner_id is not None and owner_id == user.id):
        return True
    given = given_source_ids(user).where(ClassSource.source_id == question.source_id)
    assigned = assigned_question_ids(user).where(QuestionSetItem.question_id == question.id)
    return bool(db.session.scalar(select(or_(given.exists(), assigned.exists()))))


def is_held_back(question: Question) -> bool:
    """Whether its owner's review keeps this question from learners (pending or
    rejected); never for a source imported by command, whose questions are not
    reviewed."""
    if question.source.owner_id is None:
        return False
    decision = db.session.scalar(
        select(QuestionDecision.decision).where(
            QuestionDecision.source_id == question.source_id,
            QuestionDecision.bank_id == question.bank_id,
        )
    )
    return decision != "accepted"


def may_see_question(user: User, question: Question) -> bool:
    """Whether ``user`` may read ``question`` (its prompt, its passage): its curators
    always, anyone else while they may be asked it."""
    source = question.source
    return is_curator(user, source) or may_be_asked(
        user, question, audience=source.audience, owner_id=source.owner_id
    )


def may_teach_question(user: User, question: Question) -> bool:
    """Whether ``user`` may open the teacher's page of ``question``: its curators, and
    teachers of a source for everyone for any question its owner did not hold back
    (a retired one included: it may be in their sets)."""
    source = question.source
    if is_curator(user, source):
        return True
    return may_teach(user) and source.audience == EVERYONE and not is_held_back(question)


# --- sources -----------------------------------------------------------------------------


def _published() -> Any:
    """A source reaches its audience once published: always without an owner, an upload
    once its owner accepted one of its questions."""
    accepted = (
        select(QuestionDecision.id)
        .where(
            QuestionDecision.source_id == Source.id,
            QuestionDecision.decision == "accepted",
            QuestionDecision.current.is_(True),
        )
        .exists()
    )
    return or_(Source.owner_id.is_(None), accepted)


def visible_sources(user: User) -> Any:
    """The sources ``user`` may read (the document page, its questions, its exports), as
    a query on :class:`~quizapp.models.Source`: their own and, once published, those for
    everyone and those their classes were given (a source or a set of its questions);
    administrators read every source."""
    query = select(Source)
    if user.is_admin:
        return query
    return query.where(
        or_(
            Source.owner_id == user.id,
            and_(
                _published(),
                or_(
                    Source.audience == EVERYONE,
                    Source.id.in_(given_source_ids(user)),
                    Source.id.in_(_assigned_source_ids(user)),
                ),
            ),
        )
    )


def may_see_source(user: User, source: Source) -> bool:
    """Whether ``user`` may read ``source``: see :func:`visible_sources`."""
    if is_curator(user, source):
        return True
    visible = visible_sources(user).where(Source.id == source.id)
    return bool(db.session.scalar(select(visible.exists())))


def set_audience(source: Source, user: User, audience: str) -> None:
    """Publish ``source`` for everyone, or give it back to its owner and their classes.

    Raises:
        NotAllowedError: ``user`` is not an administrator.
        ValueError: ``audience`` is not one of :data:`~quizapp.models.AUDIENCES`.
    """
    if not user.is_admin:
        raise NotAllowedError("only an administrator publishes a document for everyone")
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; expected one of {AUDIENCES}")
    source.audience = audience
    db.session.flush()

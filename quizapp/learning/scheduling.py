"""FSRS scheduling and the daily queue.

A learner has one card per dated fact (:mod:`quizapp.learning.facts`). Card state lives
in :class:`~quizapp.models.Card` columns; :func:`to_fsrs_card` and
:func:`apply_fsrs_card` are the one place that converts between those columns and
``fsrs.Card``, through its wire shape (``fsrs.Card.from_dict`` and ``to_dict``, which a
review's ``card_before`` also stores). Every update of a card is made at the version
(``reps``) it was read at: the card's mapper checks it, and the answer's own update
(two plain statements, :func:`_write_answer`, measured faster than the ORM's flush)
checks it by hand; that is how two submissions of one form that race record one
review. Every function takes ``now`` (an aware UTC datetime) so tests are exact; a
learner's day starts at midnight in their time zone (:func:`today`).

Today's queue, in order, among the facts of the questions the learner studies
(:func:`quizapp.learning.study.studied_questions`):

1. due cards (``due <= now``), earliest first; cards in the Review state are capped by the
   learner's reviews per day, learning and relearning cards are not;
2. new facts (no card yet, a live question) up to new facts per day, minus the cards
   already introduced today, and within the learner's cap per source, if any: assigned
   material first, then a round of the studied sources and of their sections;
3. cards in learning steps that fall due later today: they come back within the session
   instead of waiting for tomorrow.

Each is asked in the form its memory calls for, and in the form already asked today
when it was (:func:`quizapp.learning.facts.choose_form`): never two forms of one fact on
one day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from typing import Any, NamedTuple, TypeVar, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State
from fsrs.card import CardDict
from sqlalchemy import Select, and_, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from quizapp.extensions import db
from quizapp.learning.facts import choose_form
from quizapp.learning.scoring import Grade
from quizapp.learning.study import new_question_budgets, studied_questions
from quizapp.models import Card, Question, Review, Source, User
from quizapp.sources.audience import assigned_question_ids

__all__ = [
    "LOOK_UP",
    "DuplicateAnswer",
    "NextItem",
    "QuestionAndCard",
    "SessionStatus",
    "StaleAnswerError",
    "apply_fsrs_card",
    "day_start",
    "local_date",
    "midnight",
    "next_day_start",
    "next_item",
    "override_rating",
    "question_and_card",
    "record_answer",
    "review_days",
    "scheduler_for",
    "session_status",
    "streak",
    "to_fsrs_card",
    "today",
]

LEARNING_STATES = (int(State.Learning), int(State.Relearning))


class _LookUp(Enum):
    CARD = "look the card up"


LOOK_UP = _LookUp.CARD
"""``record_answer(card=LOOK_UP)``: the caller has not loaded the learner's card."""


class StaleAnswerError(Exception):
    """The answer was given to a version of the card that has since been reviewed."""


@dataclass(frozen=True)
class DuplicateAnswer:
    """The same answer was submitted again; ``review`` is the one already recorded."""

    review: Review


@dataclass(frozen=True)
class SessionStatus:
    """Where the learner stands in today's session."""

    done: int
    due: int
    new: int
    later: int

    @property
    def remaining(self) -> int:
        return self.due + self.new + self.later

    @property
    def total(self) -> int:
        return self.done + self.remaining


def scheduler_for(user: User, *, enable_fuzzing: bool = True) -> Scheduler:
    """The FSRS scheduler for this learner's desired retention, with their own
    parameters once a fit has been adopted (:mod:`quizapp.learning.optimizing`), else
    FSRS's defaults."""
    if user.fsrs_parameters:
        return Scheduler(
            parameters=user.fsrs_parameters,
            desired_retention=user.desired_retention,
            enable_fuzzing=enable_fuzzing,
        )
    return Scheduler(desired_retention=user.desired_retention, enable_fuzzing=enable_fuzzing)


def local_date(moment: datetime, zone: str = "UTC") -> date:
    """The calendar day ``moment`` falls on in the time zone ``zone`` (an unknown zone is
    UTC): how the learner's pages count days."""
    return moment.astimezone(_zone(zone)).date()


def midnight(day: date, zone: str = "UTC") -> datetime:
    """When the calendar day ``day`` begins in ``zone``, as a UTC time."""
    return datetime.combine(day, time(), tzinfo=_zone(zone)).astimezone(UTC)


def day_start(now: datetime, zone: str = "UTC") -> datetime:
    """When the day ``now`` falls on began in the time zone ``zone``, as a UTC time:
    the learner's "today" starts at their own midnight (daily limits, the streak, one
    form of a fact a day); stored times stay UTC. An unknown zone is UTC."""
    return midnight(local_date(now, zone), zone)


def next_day_start(now: datetime, zone: str = "UTC") -> datetime:
    """When the day after the one ``now`` falls on begins in ``zone`` (a day of 23 or
    25 hours where the clocks change)."""
    return midnight(local_date(now, zone) + timedelta(days=1), zone)


def today(user: User, now: datetime) -> datetime:
    """When the learner's day began (UTC), at midnight in their time zone."""
    return day_start(now, user.time_zone)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


# --- conversion --------------------------------------------------------------------


def to_fsrs_card(card: Card) -> FsrsCard:
    """The ``fsrs.Card`` for a card row, through ``fsrs.Card.from_dict``, keeping the
    row's id as the card id.

    A row not yet flushed has no id: it gets 0, never py-fsrs's clock-based default
    (which also sleeps a millisecond). FSRS only carries the id along.
    """
    return FsrsCard.from_dict(
        {
            "card_id": card.id if card.id is not None else 0,
            "state": card.state,
            "step": card.step,
            "stability": card.stability,
            "difficulty": card.difficulty,
            "due": card.due.isoformat(),
            "last_review": card.last_review.isoformat() if card.last_review else None,
        }
    )


def apply_fsrs_card(card: Card, fsrs_card: FsrsCard) -> None:
    """Copy an ``fsrs.Card``'s state into the card row's columns."""
    for column, value in _fsrs_columns(fsrs_card.to_dict()).items():
        setattr(card, column, value)


def _fsrs_columns(stored: CardDict) -> dict[str, Any]:
    """The card row's column values for an ``fsrs.Card``'s wire shape (``to_dict``, which
    :func:`to_fsrs_card` reads back through ``from_dict``); the row keeps its own id."""
    last_review = stored["last_review"]
    return {
        "state": int(stored["state"]),
        "step": stored["step"],
        "stability": stored["stability"],
        "difficulty": stored["difficulty"],
        "due": datetime.fromisoformat(stored["due"]),
        "last_review": datetime.fromisoformat(last_review) if last_review else None,
    }


def _restore(card: Card, snapshot: dict[str, Any]) -> None:
    """Put back the state a review's ``card_before`` (``fsrs.Card.to_dict``) holds."""
    for column, value in _fsrs_columns(cast(CardDict, snapshot)).items():
        setattr(card, column, value)


# --- the queue ---------------------------------------------------------------------


def _active_cards(user: User, now: datetime) -> Select[Card]:
    """The learner's cards of facts they study (a question of the fact is studied).

    The test is a correlated EXISTS per card, not ``card.fact IN (studied facts)``: with
    the IN list SQLite reads every studied fact through the ``(user_id, fact)`` index and
    sorts what is due (49 ms at 10,000 cards); with EXISTS it reads ``(user_id, due)`` in
    order and stops at the first card that qualifies (bench/RESULTS.md)."""
    studied = select(Question.id).where(Question.fact == Card.fact, studied_questions(user, now))
    return select(Card).where(Card.user_id == user.id, studied.exists())


def _count(statement: Select[Any]) -> int:
    return int(db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0)


def _review_budget(user: User, now: datetime) -> int:
    reviewed = _count(
        select(Review.id).where(
            Review.user_id == user.id,
            Review.reviewed_at >= today(user, now),
            Review.state_before == int(State.Review),
        )
    )
    return max(0, user.reviews_per_day - reviewed)


def _new_budget(user: User, now: datetime, extra: int = 0) -> int:
    # A card is introduced by its first review (version 0), recorded with it: counting
    # those among today's reviews uses the (user_id, reviewed_at) index, where counting
    # cards by created_at would read every card of the learner.
    introduced = _count(
        select(Review.id).where(
            Review.user_id == user.id,
            Review.reviewed_at >= today(user, now),
            Review.card_version == 0,
        )
    )
    return max(0, user.new_per_day + extra - introduced)


def _unseen_questions(user: User, now: datetime) -> Select[Question]:
    """The studied questions of facts the learner has no card for."""
    seen = select(Card.fact).where(Card.user_id == user.id)
    return select(Question).where(studied_questions(user, now), Question.fact.not_in(seen))


def _unseen_facts(
    user: User, now: datetime, *, full: list[int], only: int | None = None
) -> Select[Any]:
    unseen = _unseen_questions(user, now)
    if full:
        unseen = unseen.where(Question.source_id.not_in(full))
    if only is not None:
        unseen = unseen.where(Question.source_id == only)
    return unseen.with_only_columns(Question.fact).distinct()


def _new_count(user: User, now: datetime, budget: int) -> int:
    """How many new facts today's session still offers: up to ``budget``, and up to
    each source's remaining cap. Counting stops at the budget, so the scan for unseen
    facts ends as soon as enough are found."""
    capped = new_question_budgets(user, today(user, now))
    count = _count(_unseen_facts(user, now, full=list(capped)).limit(budget))
    for source_id, left in capped.items():
        if count >= budget:
            break
        if left > 0:
            unseen = _unseen_facts(user, now, full=[], only=source_id)
            count += _count(unseen.limit(min(left, budget - count)))
    return min(count, budget)


def _due_query(user: User, now: datetime, budget: int) -> Select[Card]:
    query = _active_cards(user, now).where(Card.due <= now)
    if budget <= 0:
        query = query.where(Card.state.in_(LEARNING_STATES))
    return query


def _later_query(user: User, now: datetime) -> Select[Card]:
    tomorrow = next_day_start(now, user.time_zone)
    return _active_cards(user, now).where(
        Card.due > now, Card.due < tomorrow, Card.state.in_(LEARNING_STATES)
    )


def session_status(user: User, now: datetime, *, extra_new: int = 0) -> SessionStatus:
    """How many answers the learner gave today and how many are left in the queue
    (``extra_new``: new facts the learner asked for beyond today's limit)."""
    done = _count(
        select(Review.id).where(Review.user_id == user.id, Review.reviewed_at >= today(user, now))
    )
    budget = _review_budget(user, now)
    due_cards = _active_cards(user, now).where(Card.due <= now)
    learning_due = _count(due_cards.where(Card.state.in_(LEARNING_STATES)))
    review_due = _count(due_cards.where(Card.state == int(State.Review)))
    new_budget = _new_budget(user, now, extra_new)
    # Skipped when no new fact is allowed today.
    new = _new_count(user, now, new_budget) if new_budget > 0 else 0
    later = _count(_later_query(user, now))
    return SessionStatus(
        done=done, due=learning_due + min(review_due, budget), new=new, later=later
    )


class NextItem(NamedTuple):
    """What to ask next: the question (the form chosen for its fact) and the learner's
    card for the fact (None for a new fact: its card is created when it is answered)."""

    question: Question
    card: Card | None

    @property
    def version(self) -> int:
        """The card version the answer form carries (0 for a new fact)."""
        return self.card.reps if self.card is not None else 0


def next_item(
    user: User, now: datetime, *, extra_new: int = 0, ahead: bool = False
) -> NextItem | None:
    """The next thing to ask: a due card, a new fact, a card in learning steps later
    today, or None when today's session is over. A card is asked in the form its
    memory calls for (:func:`quizapp.learning.facts.choose_form`).

    "Study more" when the day's queue is done: ``extra_new`` more new facts than the
    daily limit, and with ``ahead`` the review card due soonest (review ahead), never
    one already reviewed today.
    """
    card = db.session.scalars(
        _due_query(user, now, _review_budget(user, now)).order_by(Card.due, Card.id).limit(1)
    ).first()
    if card is None and _new_budget(user, now, extra_new) > 0:
        fact = _next_new_fact(user, now)
        if fact is not None:
            return NextItem(_form_of(user, fact, None, now), None)
    if card is None:
        card = db.session.scalars(
            _later_query(user, now).order_by(Card.due, Card.id).limit(1)
        ).first()
    if card is None and ahead:
        card = db.session.scalars(
            _active_cards(user, now)
            .where(Card.due > now, Card.last_review < today(user, now))
            .order_by(Card.due, Card.id)
            .limit(1)
        ).first()
    if card is None:
        return None
    return NextItem(_form_of(user, card.fact, card, now), card)


def _form_of(user: User, fact: str, card: Card | None, now: datetime) -> Question:
    questions = db.session.scalars(
        select(Question).where(Question.fact == fact, studied_questions(user, now))
    ).all()
    return choose_form(questions, card, today(user, now))


def _next_new_fact(user: User, now: datetime) -> str | None:
    """The next new fact: assigned material first, then a round of the studied sources
    and, within each source, a round of its sections.

    Sections take turns by their place among all the source's facts (the first fact of
    every section, then the second of every section...), counted in SQL with window
    functions, so a section the learner has gone through is not asked again first.
    Sources take turns within the day: the next fact of each source is fetched (one row
    a source) and the source that has given the fewest new facts today goes first.
    """
    start = today(user, now)
    full = [source_id for source_id, left in new_question_budgets(user, start).items() if left <= 0]
    unseen = _unseen_questions(user, now)
    if full:
        unseen = unseen.where(Question.source_id.not_in(full))
    assigned = db.session.scalar(
        unseen.where(Question.id.in_(assigned_question_ids(user)))
        .with_only_columns(Question.fact)
        .order_by(Question.id)
        .limit(1)
    )
    if assigned is not None:
        return str(assigned)
    if db.session.scalar(unseen.with_only_columns(Question.id).limit(1)) is None:
        return None  # every fact seen: the window functions below read them all
    seen = select(Card.fact).where(Card.user_id == user.id)
    studied = select(Question).where(studied_questions(user, now))
    if full:
        studied = studied.where(Question.source_id.not_in(full))
    facts = (
        studied.with_only_columns(
            Question.fact,
            func.min(Question.source_id).label("source_id"),
            func.min(Question.section).label("section"),
            func.min(Question.id).label("first"),
        )
        .group_by(Question.fact)
        .subquery()
    )
    in_section = (
        func.row_number()
        .over(partition_by=(facts.c.source_id, facts.c.section), order_by=facts.c.first)
        .label("in_section")
    )
    ranked = select(facts, in_section).subquery()
    in_source = (
        func.row_number()
        .over(partition_by=ranked.c.source_id, order_by=(ranked.c.in_section, ranked.c.first))
        .label("in_source")
    )
    candidates = (
        select(ranked.c.fact, ranked.c.source_id, in_source)
        .where(ranked.c.fact.not_in(seen))
        .subquery()
    )
    heads = db.session.execute(
        select(candidates.c.source_id, candidates.c.fact).where(candidates.c.in_source == 1)
    ).all()
    if not heads:
        return None
    given = _introduced_today(user, start)
    source_id, fact = min(heads, key=lambda head: (given.get(head[0], 0), head[0]))
    return str(fact)


def _introduced_today(user: User, start: datetime) -> dict[int, int]:
    """New facts the learner met today (first reviews), by source."""
    rows = db.session.execute(
        select(Question.source_id, func.count(Review.id))
        .join(Question, Question.id == Review.question_id)
        .where(
            Review.user_id == user.id,
            Review.reviewed_at >= start,
            Review.card_version == 0,
        )
        .group_by(Question.source_id)
    )
    return {int(source_id): int(count) for source_id, count in rows}


# --- answering ---------------------------------------------------------------------


def record_answer(
    user: User,
    question: Question,
    grade: Grade,
    *,
    given: str,
    card_version: int,
    duration_ms: int | None,
    scheduler: Scheduler,
    now: datetime,
    card: Card | None | _LookUp = LOOK_UP,
) -> Review | DuplicateAnswer:
    """Record one answer: review the card with FSRS and store the review.

    A second submission of the same form (double click, reload, retry) finds the review
    the first one recorded instead of recording another. Two submissions that race are
    settled in the database: the card is updated only at the version the form was shown
    at, and ``(card_id, card_version)`` is unique among reviews. The loser of such a
    race rolls the transaction back (no savepoint: it costs two statements on every
    answer), so the answer must be the transaction's first write: callers commit
    anything else first, and pending changes are refused.

    Args:
        user: the learner.
        question: the question answered.
        grade: the grade of the answer (its rating is applied).
        given: the answer as typed (already length-checked).
        card_version: the card's ``reps`` when the question was shown (0 for a new one).
        duration_ms: time taken, or None.
        scheduler: the learner's FSRS scheduler.
        now: the time of the review.
        card: the learner's card for the question as :func:`question_and_card` loaded
            it (None: no card yet), or ``LOOK_UP`` to have it read here.

    Returns:
        The new review, or :class:`DuplicateAnswer` holding the review already recorded.

    Raises:
        StaleAnswerError: the card was reviewed since this form was shown, and not by
            this same form.
        RuntimeError: the session holds unsaved changes a race would roll back.
    """
    if db.session.new or db.session.dirty or db.session.deleted:
        raise RuntimeError("commit or discard other changes before recording an answer")
    if card is LOOK_UP:
        card = _card_for(user, question)
    elif card is not None and (card.user_id, card.fact) != (user.id, question.fact):
        raise ValueError(f"card {card.id} is not this learner's card for question {question.id}")
    if card is not None and card.reps != card_version:
        return _previous_answer(card, card_version)
    if card is None and card_version != 0:
        raise StaleAnswerError("this question has no card yet")
    # FSRS runs before the first write: SQLite's write lock is taken at the first write
    # and held to the commit.
    values, review_values = _review_values(card, grade, given, duration_ms, scheduler, now)
    values["question_id"] = question.id
    try:
        card, review = _write_answer(user, question, card, card_version, values, review_values)
    except (IntegrityError, StaleDataError):
        db.session.rollback()
        card = _card_for(user, question)
        if card is None:
            raise
        return _previous_answer(card, card_version)
    return review


_Row = TypeVar("_Row", Card, Review)

# The answer's two writes are plain statements, built once, in this one place: against
# the ORM's flush of the same card and review (the same two statements), they cost
# 0.2-1.1 ms less CPU per answer and gave 5-38% more answers a second under load, with
# half the server's median time per answer (bench/RESULTS.md, "The answer's two
# writes"). The card's update checks its version (``reps``) by hand, as the mapper's
# version check does for every other update of a card. The ORM objects are then
# brought up to date as if they had been loaded, so callers use them as before.
_CARD_STATE = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "question_id",
)
_CARD_TABLE = Card.metadata.tables[Card.__tablename__]
_REVIEW_TABLE = Review.metadata.tables[Review.__tablename__]
_INSERT_CARD = insert(_CARD_TABLE).returning(_CARD_TABLE.c.id)
_INSERT_REVIEW = insert(_REVIEW_TABLE).returning(_REVIEW_TABLE.c.id)
_UPDATE_CARD = (
    update(_CARD_TABLE)
    .where(_CARD_TABLE.c.id == bindparam("card_id"), _CARD_TABLE.c.reps == bindparam("version"))
    .values({column: bindparam(f"new_{column}") for column in _CARD_STATE})
)


def _write_answer(
    user: User,
    question: Question,
    card: Card | None,
    card_version: int,
    values: dict[str, Any],
    review_values: dict[str, Any],
) -> tuple[Card, Review]:
    """Store the reviewed card and its review; the card only if nobody reviewed it since
    ``card_version`` (StaleDataError otherwise)."""
    connection = db.session.connection()
    now = review_values["reviewed_at"]
    if card is None:
        row = {"user_id": user.id, "fact": question.fact, "created_at": now} | values
        card_id = connection.execute(_INSERT_CARD, row).scalar_one()
        card = _attach(Card(id=card_id, **row))
    else:
        params = {"card_id": card.id, "version": card_version}
        params |= {f"new_{column}": value for column, value in values.items()}
        if connection.execute(_UPDATE_CARD, params).rowcount != 1:
            raise StaleDataError(f"card {card.id} is no longer at version {card_version}")
        for column, value in values.items():
            set_committed_value(card, column, value)
    review_values |= {"user_id": user.id, "card_id": card.id, "question_id": question.id}
    review_id = connection.execute(_INSERT_REVIEW, review_values).scalar_one()
    review = _attach(Review(id=review_id, **review_values))
    set_committed_value(review, "card", card)
    return card, review


def _attach(instance: _Row) -> _Row:
    """Add a row written by a plain INSERT to the session as if it had been loaded."""
    make_transient_to_detached(instance)
    db.session.add(instance)
    return instance


def _review_values(
    card: Card | None,
    grade: Grade,
    given: str,
    duration_ms: int | None,
    scheduler: Scheduler,
    now: datetime,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The card's columns after FSRS reviews it (a new card when None), and the review's
    row (without its learner and card)."""
    if card is None:
        current = FsrsCard(card_id=0, state=State.Learning, step=0, due=now)
        version = 0
    else:
        current = to_fsrs_card(card)
        version = card.reps
    before = current.to_dict()
    reviewed, _log = scheduler.review_card(
        current, Rating(grade.rating), review_datetime=now, review_duration=duration_ms
    )
    values = _fsrs_columns(reviewed.to_dict()) | {"reps": version + 1}
    review = {
        "card_version": version,
        "rating": grade.rating,
        "original_rating": grade.rating,
        "override": False,
        "score": grade.score,
        "correct": grade.correct,
        "given_answer": given,
        "given_display": grade.given_display[:500],
        "expected_display": grade.expected_display[:1000],
        "feedback": grade.feedback[:500],
        "duration_ms": duration_ms,
        "reviewed_at": now,
        "state_before": int(before["state"]),
        "card_before": before,
    }
    return values, review


class QuestionAndCard(NamedTuple):
    """A question, the learner's card for it (None before the first answer), and its
    source's audience and owner (what :func:`quizapp.sources.audience.may_be_asked`
    reads)."""

    question: Question
    card: Card | None
    audience: str
    owner_id: int | None


# Built once: building the statement on every answer cost more than running it. The
# source's two columns, not the row: a source holds its whole document's text.
_QUESTION_AND_CARD = (
    select(Question, Card, Source.audience, Source.owner_id)
    .join(Source, Source.id == Question.source_id)
    .outerjoin(Card, and_(Card.fact == Question.fact, Card.user_id == bindparam("user_id")))
    .where(Question.id == bindparam("question_id"))
)


def question_and_card(user: User, question_id: int) -> QuestionAndCard | None:
    """A question with the learner's card and its source's audience, read in one query
    (the answer's path, where every statement counts); None when there is no such
    question."""
    row = db.session.execute(
        _QUESTION_AND_CARD, {"question_id": question_id, "user_id": user.id}
    ).first()
    return None if row is None else QuestionAndCard(*row)


def _card_for(user: User, question: Question) -> Card | None:
    return db.session.scalars(
        select(Card).where(Card.user_id == user.id, Card.fact == question.fact)
    ).first()


def _previous_answer(card: Card, card_version: int) -> DuplicateAnswer:
    review = db.session.scalars(
        select(Review).where(Review.card_id == card.id, Review.card_version == card_version)
    ).first()
    if review is None:
        raise StaleAnswerError(f"card {card.id} is at version {card.reps}, not {card_version}")
    return DuplicateAnswer(review)


def override_rating(review: Review, rating: Rating, *, scheduler: Scheduler) -> bool:
    """Replace a review's rating with the learner's choice and reschedule the card.

    Only the latest review of a card can be overridden, since later reviews were
    scheduled from it. The change is flushed at the card's version: an answer recorded
    meanwhile (the card's version moved on) wins, and the session is rolled back.

    Returns:
        True when the rating was applied, False when the review is no longer the latest.
    """
    card = review.card
    if card.reps != review.card_version + 1:
        return False
    _restore(card, review.card_before)
    reviewed, _log = scheduler.review_card(
        to_fsrs_card(card),
        rating,
        review_datetime=review.reviewed_at,
        review_duration=review.duration_ms,
    )
    apply_fsrs_card(card, reviewed)
    review.rating = int(rating)
    review.override = int(rating) != review.original_rating
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        return False
    return True


# --- streaks -----------------------------------------------------------------------


def review_days(user: User, since: datetime) -> set[str]:
    """The days (ISO dates, in the learner's time zone) on which they answered at least
    once."""
    zone = _zone(user.time_zone)
    times = db.session.scalars(
        select(Review.reviewed_at).where(Review.user_id == user.id, Review.reviewed_at >= since)
    )
    return {moment.astimezone(zone).date().isoformat() for moment in times}


def streak(user: User, now: datetime) -> int:
    """Consecutive days (in the learner's time zone) with at least one answer, ending
    today (or yesterday when today has no answer yet, so a streak is not lost before the
    day is over)."""
    days = review_days(user, today(user, now) - timedelta(days=366))
    day = now.astimezone(_zone(user.time_zone)).date()
    if day.isoformat() not in days:
        day -= timedelta(days=1)
    count = 0
    while day.isoformat() in days:
        count += 1
        day -= timedelta(days=1)
    return count

"""One card per (learner, dated fact), and the form its memory asks for.

The bank's date, cloze and choice questions about one dated fact share its ``fact`` id
(:attr:`quizapp.models.Question.fact`); a learner has one FSRS card per fact, and each
review asks one of its questions. The form follows memory, as Quizlet's Learn moves
from recognition to recall:

- **choice** while the fact is new (no card yet) or in learning or relearning steps
  (FSRS states Learning and Relearning: never reviewed successfully, or lapsed);
- **cloze** once it is in the Review state with a stability under
  :data:`TYPED_MIN_STABILITY` days: the sentence around the blank is the cue;
- the **typed date** question once the stability reaches :data:`TYPED_MIN_STABILITY`
  days: recall from the question alone.

A form missing from the fact is replaced by the next one in that stage's order. A card
reviewed earlier in the learner's day keeps the form it was asked in that day (a missed
choice comes back as the same choice), so one fact never shows two forms on one day,
as Anki buries siblings.

:func:`follow_facts` keeps cards on their questions' facts: when an import changes a
question's fact (the first bank with fact ids, a regenerated bank that finds an event
told twice), the learner's cards of the old fact move to the new one, and two cards
that meet on one fact are merged, their review logs kept whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa
from fsrs import State
from sqlalchemy.engine import Connection

__all__ = [
    "FORM_ORDER",
    "TYPED_MIN_STABILITY",
    "choose_form",
    "follow_facts",
    "merge_cards",
    "stage",
]

# Days of FSRS stability from which a fact is asked as the typed date question: about
# the second successful review at the default parameters (a first Good gives 2.3 days,
# a second 8 to 12), so a fact is seen as a choice, then as a cloze, then typed.
TYPED_MIN_STABILITY = 7.0

# Each stage's forms, best first; "order" questions are facts of their own.
FORM_ORDER: dict[str, tuple[str, ...]] = {
    "recognise": ("choice", "cloze", "date", "order"),
    "cue": ("cloze", "date", "choice", "order"),
    "recall": ("date", "cloze", "choice", "order"),
}


class _Form(Protocol):
    id: int
    kind: str


class _Memory(Protocol):
    state: int
    stability: float | None
    last_review: datetime | None
    question_id: int


_Q = TypeVar("_Q", bound=_Form)


def stage(card: _Memory | None) -> str:
    """The stage of a fact's memory: "recognise", "cue" or "recall" (see the module)."""
    if card is None or card.state != int(State.Review):
        return "recognise"
    if (card.stability or 0.0) < TYPED_MIN_STABILITY:
        return "cue"
    return "recall"


def choose_form(questions: Sequence[_Q], card: _Memory | None, day_start: datetime) -> _Q:
    """The question to ask of a fact: the form its memory's stage asks for, or the form
    already asked today.

    Args:
        questions: the fact's questions the learner may be asked (at least one).
        card: the learner's card for the fact, None when the fact is new.
        day_start: when the learner's day began (UTC).
    """
    if not questions:
        raise ValueError("a fact with no question to ask")
    if card is not None and card.last_review is not None and card.last_review >= day_start:
        for question in questions:
            if question.id == card.question_id:
                return question
    order = FORM_ORDER[stage(card)]
    return min(
        questions,
        key=lambda q: (order.index(q.kind) if q.kind in order else len(order), q.id),
    )


# --- cards follow their facts ----------------------------------------------------------

# The columns read and written here, by name, so that this also runs inside the migration
# that introduced facts, on the schema of its day.
_question = sa.table("question", sa.column("id"), sa.column("fact"), sa.column("source_id"))
_card = sa.table(
    "card",
    sa.column("id"),
    sa.column("user_id"),
    sa.column("fact"),
    sa.column("question_id"),
    sa.column("last_review", sa.DateTime(timezone=True)),
    sa.column("reps"),
)
_review = sa.table(
    "review",
    sa.column("id"),
    sa.column("card_id"),
    sa.column("card_version"),
    sa.column("reviewed_at"),
)


def follow_facts(connection: Connection, *, source_id: int | None = None) -> int:
    """Move every card whose fact is not its question's fact to that fact, merging the
    cards that meet there (:func:`merge_cards`).

    Args:
        connection: the connection of the caller's transaction.
        source_id: only the cards of this source's questions (None: every card).

    Returns:
        How many cards moved.
    """
    moving = (
        sa.select(_card.c.id, _card.c.user_id, _question.c.fact)
        .join(_question, _question.c.id == _card.c.question_id)
        .where(_card.c.fact.is_distinct_from(_question.c.fact))
    )
    if source_id is not None:
        moving = moving.where(_question.c.source_id == source_id)
    moves = connection.execute(moving).all()
    if not moves:
        return 0
    groups: dict[tuple[int, str], set[int]] = defaultdict(set)
    for card_id, user_id, fact in moves:
        groups[user_id, fact].add(card_id)
    for user_id in {user_id for user_id, _fact in groups}:
        facts = [fact for user, fact in groups if user == user_id]
        there = sa.select(_card.c.id, _card.c.fact).where(
            _card.c.user_id == user_id, _card.c.fact.in_(facts)
        )
        for card_id, fact in connection.execute(there):
            groups[user_id, fact].add(card_id)
    for (_user_id, fact), card_ids in groups.items():
        merge_cards(connection, card_ids, fact=fact)
    return len(moves)


def merge_cards(connection: Connection, card_ids: Iterable[int], *, fact: str) -> int:
    """Merge one learner's cards into one card of ``fact``, losing no review.

    The card reviewed last is kept (its FSRS state is the latest word on the learner's
    memory of the fact); every review of the others moves to it, and the reviews are
    numbered again in the order they were given (``card_version`` 0, 1, ...), so the
    kept card's version (``reps``) is their count. The other cards are deleted.

    Returns:
        The kept card's id.
    """
    cards = connection.execute(
        sa.select(_card.c.id, _card.c.last_review, _card.c.reps).where(
            _card.c.id.in_(list(card_ids))
        )
    ).all()
    keeper = max(cards, key=_latest)[0]
    others = [row[0] for row in cards if row[0] != keeper]
    reviews = (
        connection.execute(
            sa.select(_review.c.id)
            .where(_review.c.card_id.in_([row[0] for row in cards]))
            .order_by(_review.c.reviewed_at, _review.c.id)
        )
        .scalars()
        .all()
    )
    if not others:
        connection.execute(sa.update(_card).where(_card.c.id == keeper).values(fact=fact))
        return int(keeper)
    # Numbered through negative versions first: (card_id, card_version) stays unique
    # after every statement.
    for temporary, review_id in enumerate(reviews, start=1):
        connection.execute(
            sa.update(_review)
            .where(_review.c.id == review_id)
            .values(card_id=keeper, card_version=-temporary)
        )
    for version, review_id in enumerate(reviews):
        connection.execute(
            sa.update(_review).where(_review.c.id == review_id).values(card_version=version)
        )
    connection.execute(sa.delete(_card).where(_card.c.id.in_(others)))
    connection.execute(
        sa.update(_card).where(_card.c.id == keeper).values(fact=fact, reps=len(reviews))
    )
    return int(keeper)


def _latest(row: Any) -> tuple[bool, Any, int, int]:
    """Order cards by their last review, then by reviews, then the oldest card first."""
    last = row[1]
    return (last is not None, last or 0, int(row[2] or 0), -int(row[0]))

"""The daily queue, FSRS reviews, double submissions, overrides and streaks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from conftest import NOW, add_user, get_user, new_learner, record
from flask import Flask
from fsrs import Card as FsrsCard
from fsrs import Rating, State
from sqlalchemy import event, func, select
from sqlalchemy.orm.exc import StaleDataError

from quizapp.extensions import db
from quizapp.learning.scheduling import (
    DuplicateAnswer,
    NextItem,
    day_start,
    next_item,
    override_rating,
    question_and_card,
    record_answer,
    scheduler_for,
    session_status,
    streak,
    to_fsrs_card,
)
from quizapp.learning.scoring import grade_answer
from quizapp.models import Card, Question, Review


def answer(user, item: NextItem | Question, given: str, **kwargs):
    return record(user, item.question if isinstance(item, NextItem) else item, given, **kwargs)


def test_new_facts_come_in_a_round_of_sections_up_to_the_daily_limit(
    app: Flask, imported: int
) -> None:
    with new_learner(app, new_per_day=2) as user:
        status = session_status(user, NOW)
        assert (status.done, status.due, status.new, status.later) == (0, 0, 2, 0)
        # The first fact of each section (in document order), then the second of each.
        first = next_item(user, NOW)
        assert first.card is None and first.question.bank_id == "q-0000b001"
        answer(user, first, "8 November 2020")
        second = next_item(user, NOW)
        assert second.card is None and second.question.bank_id == "q-0000b002"
        answer(user, second, "27 September to 10 November 2020")
        db.session.commit()
        # The limit is spent: only the two learning cards, later today.
        status = session_status(user, NOW)
        assert (status.done, status.new, status.later) == (2, 0, 2)
        assert next_item(user, NOW).card is not None


def test_a_card_in_learning_comes_back_within_the_session(app: Flask, imported: int) -> None:
    with new_learner(app, new_per_day=1) as user:
        question = next_item(user, NOW)
        review = answer(user, question, "1999")
        db.session.commit()
        assert review.rating == int(Rating.Again)
        card = review.card
        assert card.state == int(State.Learning) and NOW < card.due < NOW + timedelta(hours=1)
        # Nothing else is due, so the learning card is asked again before the day ends.
        assert next_item(user, NOW).card == card
        assert next_item(user, NOW + timedelta(days=1)).card == card  # due, a day later


def test_due_reviews_come_before_new_questions(app: Flask, imported: int) -> None:
    with new_learner(app, new_per_day=5) as user:
        question = next_item(user, NOW)
        answer(user, question, "8 November 2020")
        card = db.session.scalars(select(Card)).one()
        card.due = NOW - timedelta(minutes=5)
        db.session.commit()
        assert next_item(user, NOW).card == card


def test_reviews_per_day_caps_review_cards(app: Flask, imported: int) -> None:
    with new_learner(app, new_per_day=0, reviews_per_day=1) as user:
        questions = db.session.scalars(select(Question).order_by(Question.id)).all()
        for question in questions[:2]:
            db.session.add(
                Card(
                    user_id=user.id,
                    fact=question.fact,
                    question_id=question.id,
                    state=int(State.Review),
                    step=None,
                    stability=5.0,
                    difficulty=5.0,
                    due=NOW - timedelta(days=1),
                    last_review=NOW - timedelta(days=6),
                    reps=3,
                    created_at=NOW - timedelta(days=10),
                )
            )
        db.session.commit()
        assert session_status(user, NOW).due == 1
        answer(user, next_item(user, NOW), "8 November 2020")
        db.session.commit()
        assert session_status(user, NOW).due == 0
        assert next_item(user, NOW) is None


def test_retired_questions_are_not_scheduled(app: Flask, imported: int) -> None:
    add_user(app, "a@example.org")
    with app.app_context():
        for question in db.session.scalars(select(Question)):
            question.retired = True
        db.session.commit()
        assert next_item(get_user("a@example.org"), NOW) is None


def test_fsrs_state_round_trips_through_columns(app: Flask, imported: int) -> None:
    with new_learner(app) as user:
        review = answer(user, next_item(user, NOW), "8 November 2020")
        db.session.commit()
        db.session.expire_all()
        card = db.session.get(Card, review.card_id)
        fsrs_card = to_fsrs_card(card)
        assert fsrs_card.card_id == card.id
        assert fsrs_card.due.tzinfo is not None and fsrs_card.last_review == NOW
        assert card.reps == 1 and review.card_version == 0


def test_the_same_answer_twice_records_one_review(app: Flask, imported: int) -> None:
    with new_learner(app) as user:
        question = next_item(user, NOW)
        first = answer(user, question, "8 November 2020", version=0)
        db.session.commit()
        again = answer(user, question, "8 November 2020", version=0)
        assert isinstance(again, DuplicateAnswer) and again.review.id == first.id
        assert db.session.scalar(select(func.count(Review.id))) == 1
        assert db.session.scalar(select(func.count(Card.id))) == 1


def _two_learners_a_answered(app: Flask):  # type: ignore[no-untyped-def]
    """Learners a and b, and the first question, which a has answered once."""
    add_user(app, "a@example.org")
    add_user(app, "b@example.org")
    with app.app_context():
        a = get_user("a@example.org")
        question_id = next_item(a, NOW).question.id
        answer(a, db.session.get(Question, question_id), "8 November 2020", version=0)
        db.session.commit()
    return question_id


def test_question_and_card_reads_the_learners_own_card(app: Flask, imported: int) -> None:
    question_id = _two_learners_a_answered(app)
    with app.app_context():
        a, b = get_user("a@example.org"), get_user("b@example.org")
        question = db.session.get(Question, question_id)
        assert question_and_card(b, question_id) == (question, None, "everyone", None)
        found, card, audience, owner_id = question_and_card(a, question_id)
        assert found == question and card is not None
        assert (card.user_id, card.question_id, card.reps) == (a.id, question_id, 1)
        assert (audience, owner_id) == ("everyone", None)  # the bundled document's
        assert question_and_card(a, 10**9) is None


def test_a_card_given_to_record_answer_is_used_and_checked(app: Flask, imported: int) -> None:
    question_id = _two_learners_a_answered(app)
    with app.app_context():
        a, b = get_user("a@example.org"), get_user("b@example.org")
        question = db.session.get(Question, question_id)
        card = question_and_card(a, question.id).card
        grade = grade_answer(question, "8 November 2020", day_first=True, duration_ms=20000)
        kwargs = dict(
            given="8 November 2020",
            card_version=1,
            duration_ms=20000,
            scheduler=scheduler_for(a, enable_fuzzing=False),
            now=NOW + timedelta(minutes=10),
        )
        with pytest.raises(ValueError, match="not this learner's card"):
            record_answer(b, question, grade, card=card, **kwargs)
        review = record_answer(a, question, grade, card=card, **kwargs)
        db.session.commit()
        assert isinstance(review, Review) and review.card_version == 1
        assert card.reps == 2
        assert db.session.scalar(select(func.count(Review.id))) == 2
        assert db.session.scalar(select(func.count(Card.id))) == 1


def test_two_submissions_that_race_record_one_review(app: Flask, imported: int) -> None:
    """Two requests read the same card version; the one that writes second finds the
    review of the first (after a rollback) instead of a second review or an error."""
    with new_learner(app) as user:
        question_id = next_item(user, NOW).question.id
        for version, later in ((0, NOW), (1, NOW + timedelta(minutes=10))):
            question, card, *_ = question_and_card(user, question_id)  # the slower request
            with app.app_context():  # the faster one, in its own session
                fast_user = get_user("a@example.org")
                fast_question, fast_card, *_ = question_and_card(fast_user, question_id)
                fast = record(fast_user, fast_question, card=fast_card, version=version)
                db.session.commit()
                fast_id = fast.id
            outcome = record(user, question, card=card, version=version, now=later)
            assert isinstance(outcome, DuplicateAnswer) and outcome.review.id == fast_id
            db.session.commit()
        reviews = db.session.scalars(select(Review).order_by(Review.id)).all()
        assert [review.card_version for review in reviews] == [0, 1]
        assert db.session.scalar(select(func.count(Card.id))) == 1
        assert db.session.scalar(select(Card.reps)) == 2


def test_record_answer_refuses_a_session_with_unsaved_changes(app: Flask, imported: int) -> None:
    with new_learner(app) as user:
        question = next_item(user, NOW).question
        user.display_name = "changed, not saved"
        with pytest.raises(RuntimeError, match="before recording an answer"):
            record(user, question, card=None, version=0)
        db.session.rollback()
        assert db.session.scalar(select(func.count(Review.id))) == 0


def test_an_override_reschedules_and_is_stored(app: Flask, imported: int) -> None:
    with new_learner(app) as user:
        review = answer(user, next_item(user, NOW), "8 November 2020")
        db.session.commit()
        due_good = review.card.due
        assert override_rating(
            review, Rating.Again, scheduler=scheduler_for(user, enable_fuzzing=False)
        )
        db.session.commit()
        assert (review.rating, review.original_rating, review.override) == (1, 3, True)
        assert review.card.due < due_good
        # Changing it back is not an override any more.
        override_rating(review, Rating.Good, scheduler=scheduler_for(user, enable_fuzzing=False))
        assert review.override is False and review.card.due == due_good
        # Once the card is reviewed again, the old review is frozen.
        answer(user, review.card.question, "8 November 2020", now=due_good)
        assert not override_rating(review, Rating.Easy, scheduler=scheduler_for(user))


def test_streak_counts_consecutive_days(app: Flask, imported: int) -> None:
    with new_learner(app, new_per_day=10) as user:
        assert streak(user, NOW) == 0
        for days_ago in (3, 1, 0):
            when = NOW - timedelta(days=days_ago)
            answer(user, next_item(user, when), "2020", now=when)
        db.session.commit()
        assert streak(user, NOW) == 2
        assert streak(user, NOW + timedelta(days=1)) == 2  # today not over yet
        assert streak(user, NOW + timedelta(days=2)) == 0


def test_day_start_is_utc_midnight() -> None:
    assert day_start(NOW).isoformat() == "2024-03-04T00:00:00+00:00"


@contextmanager
def _writes() -> Iterator[list[str]]:
    """The INSERT, UPDATE and DELETE statements run on the engine inside the block."""
    statements: list[str] = []

    def record(conn, cursor, statement: str, *args) -> None:  # type: ignore[no-untyped-def]
        if not statement.lstrip().startswith("SELECT"):
            statements.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_an_answer_writes_two_statements_and_updates_the_card_at_its_version(
    app: Flask, imported: int
) -> None:
    """A new card and its review, or the card's update (only at the version the form was
    shown at) and the review; the card's columns hold FSRS's card."""
    with new_learner(app) as user:
        question = next_item(user, NOW).question
        card = None
        for version, now in ((0, NOW), (1, NOW + timedelta(minutes=10))):
            with _writes() as writes:
                review = record(user, question, card=card, version=version, now=now)
            assert [write.split(" ")[0] for write in writes] == [
                "UPDATE" if version else "INSERT",
                "INSERT",
            ]
            if version:
                assert "WHERE card.id = " in writes[0] and "AND card.reps = " in writes[0]
            db.session.commit()
            card = db.session.get(Card, review.card_id)
            assert (card.reps, review.card_version) == (version + 1, version)
        stored = to_fsrs_card(card).to_dict()
        scheduler = scheduler_for(user, enable_fuzzing=False)
        expected = FsrsCard(card_id=card.id, state=State.Learning, step=0, due=NOW)
        for now in (NOW, NOW + timedelta(minutes=10)):
            expected, _ = scheduler.review_card(
                expected, Rating.Good, review_datetime=now, review_duration=20000
            )
        assert stored == expected.to_dict()


def test_a_card_is_not_updated_past_a_version_it_was_not_read_at(app: Flask, imported: int) -> None:
    """The mapper's version check: a card changed by another session since it was read
    is not overwritten."""
    question_id = _two_learners_a_answered(app)
    with app.app_context():
        a = get_user("a@example.org")
        card = question_and_card(a, question_id).card
        with app.app_context():  # another request answers the card meanwhile
            other = get_user("a@example.org")
            question, other_card, *_ = question_and_card(other, question_id)
            record(other, question, card=other_card, version=1, now=NOW + timedelta(minutes=5))
            db.session.commit()
        card.due = NOW + timedelta(days=100)
        with pytest.raises(StaleDataError):
            db.session.flush()
        db.session.rollback()
        card = question_and_card(a, question_id).card
        assert card.reps == 2 and card.due < NOW + timedelta(days=100)


def test_an_override_loses_to_an_answer_recorded_meanwhile(app: Flask, imported: int) -> None:
    """The learner changes a rating while another tab answers the card's next
    version: the answer stands, the override is refused and changes nothing."""
    question_id = _two_learners_a_answered(app)
    with app.app_context():
        a = get_user("a@example.org")
        review = db.session.scalars(select(Review)).one()
        assert review.card.reps == 1
        with app.app_context():  # the other tab's answer
            other = get_user("a@example.org")
            question, other_card, *_ = question_and_card(other, question_id)
            record(other, question, card=other_card, version=1, now=NOW + timedelta(minutes=5))
            db.session.commit()
        applied = override_rating(
            review, Rating.Again, scheduler=scheduler_for(a, enable_fuzzing=False)
        )
        assert applied is False
        db.session.commit()
        db.session.expire_all()
        ratings = db.session.scalars(select(Review.rating).order_by(Review.id)).all()
        card = db.session.scalars(select(Card)).one()
        assert (
            ratings == [3, 3] and card.reps == 2 and card.last_review == NOW + timedelta(minutes=5)
        )

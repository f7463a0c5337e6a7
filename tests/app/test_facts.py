"""One card per (learner, fact): the form follows memory, one form of a fact a day, and
cards follow their facts when an import changes them."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from conftest import NOW, add_user, get_user, new_learner, record
from flask import Flask
from fsrs import State
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.learning.facts import TYPED_MIN_STABILITY, choose_form, stage
from quizapp.learning.scheduling import next_item
from quizapp.models import Card, Question, Review, User
from quizapp.sources.importer import import_bank

RIGHT = {
    "-0049-01-10": "10 January 49 BC",
    "-0044-03-15": "15 March 44 BC",
    "-0027/0014": "27 BC to AD 14",
    "-0146": "146 BC",
    "0043": "AD 43",
    "1917-11-07": "7 November 1917",
    "-0300/-0201": "the third century BC",
    "1990/1999": "the 1990s",
}


def _right_answer(question: Question) -> str:
    if question.kind == "order":
        return ",".join(str(index) for index in question.answer["order"])
    if question.kind == "choice" or question.answer["date"] not in RIGHT:
        return str(question.answer["text"])
    return RIGHT[question.answer["date"]]


def _answer(user: User, question: Question, card: Card | None, now: datetime) -> Review:
    review = record(
        user, question, _right_answer(question), now=now, version=card.reps if card else 0
    )
    assert isinstance(review, Review)
    db.session.commit()
    return review


def test_the_bank_s_siblings_are_one_fact_and_other_questions_their_own(
    app: Flask, eras: int
) -> None:
    with app.app_context():
        facts = dict(db.session.execute(select(Question.bank_id, Question.fact)).all())
    assert facts["q-11d83e2d"] == facts["q-c3de5580"] == facts["q-18b25e39"] == "f-0f06914f"
    assert facts["q-7440cb2d"] == "f-b6c44e42"  # the order question's own
    assert len(set(facts.values())) == 9


def test_a_fact_moves_from_choice_to_cloze_to_the_typed_date_one_form_a_day(
    app: Flask, eras: int
) -> None:
    """A learner answering everything right for 60 days: each fact is first asked as a
    choice (or its first form), then as a cloze once in review, then typed once stable;
    no fact is ever asked in two forms on one day, and each has one card."""
    add_user(app, "a@example.org", new_per_day=3)
    forms: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with app.app_context():
        user = get_user("a@example.org")
        for day in range(60):
            now = NOW + timedelta(days=day)
            for _ in range(40):
                item = next_item(user, now)
                if item is None:
                    break
                forms[item.question.fact].append((day, item.question.kind))
                _answer(user, item.question, item.card, now)
                now += timedelta(minutes=11)  # past a learning step of 10 minutes
        cards = db.session.scalars(select(Card).where(Card.user_id == user.id)).all()
    assert len(cards) == len(forms) == 9
    for fact, asked in forms.items():
        by_day: dict[int, set[str]] = defaultdict(set)
        for day, kind in asked:
            by_day[day].add(kind)
        assert all(len(kinds) == 1 for kinds in by_day.values()), (fact, asked)
    three_forms = forms["f-0f06914f"]  # 146 BC: date, cloze and choice questions
    kinds = [kind for _day, kind in three_forms]
    assert kinds[0] == "choice" and "cloze" in kinds and kinds[-1] == "date"
    assert kinds.index("choice") < kinds.index("cloze") < kinds.index("date")
    two_forms = [kind for _day, kind in forms["f-e0000001"]]  # a century: date and cloze
    assert two_forms[0] == "cloze" and two_forms[-1] == "date"


def _card(state: State, stability: float | None, last: datetime | None, question_id: int = 2):
    return SimpleNamespace(
        state=int(state), stability=stability, last_review=last, question_id=question_id
    )


FORMS = [
    SimpleNamespace(id=1, kind="date"),
    SimpleNamespace(id=2, kind="cloze"),
    SimpleNamespace(id=3, kind="choice"),
]


@pytest.mark.parametrize(
    ("card", "kind"),
    [
        (None, "choice"),
        (_card(State.Learning, 1.0, NOW - timedelta(days=1)), "choice"),
        (_card(State.Relearning, 20.0, NOW - timedelta(days=1)), "choice"),
        (_card(State.Review, TYPED_MIN_STABILITY - 0.1, NOW - timedelta(days=1)), "cloze"),
        (_card(State.Review, TYPED_MIN_STABILITY, NOW - timedelta(days=1)), "date"),
        # Asked today already (here as the cloze, id 2): the same form again.
        (_card(State.Relearning, 20.0, NOW), "cloze"),
    ],
)
def test_the_form_follows_the_card_s_stage(card: SimpleNamespace | None, kind: str) -> None:
    day_start = NOW.replace(hour=0)
    assert choose_form(FORMS, card, day_start).kind == kind  # type: ignore[arg-type]


def test_a_missing_form_falls_back_to_the_next_of_the_stage() -> None:
    only_date = [SimpleNamespace(id=1, kind="date")]
    assert choose_form(only_date, None, NOW).kind == "date"  # type: ignore[arg-type]
    assert stage(None) == "recognise"
    with pytest.raises(ValueError, match="no question"):
        choose_form([], None, NOW)


def test_an_import_that_joins_two_facts_merges_their_cards_keeping_every_review(
    app: Flask, imported: int, sample_bank
) -> None:
    """Two questions that were facts of their own become one fact (a regenerated bank
    found the event told twice): the learner's two cards become one, with both reviews."""
    with new_learner(app) as user:
        first, second = (
            db.session.scalars(select(Question).where(Question.bank_id == bank_id)).one()
            for bank_id in ("q-0000b001", "q-0000b005")
        )
        _answer_given(user, first, "8 November 2020", NOW)
        _answer_given(user, second, "10 November 2020", NOW + timedelta(minutes=1))
        _answer_given(user, first, "8 November 2020", NOW + timedelta(days=2))
        joined = dataclasses.replace(
            sample_bank,
            questions=tuple(
                dataclasses.replace(question, fact="f-0000aaaa")
                if question.id in ("q-0000b001", "q-0000b005")
                else question
                for question in sample_bank.questions
            ),
        )
        import_bank(joined, now=NOW + timedelta(days=3))
        db.session.commit()
        db.session.expire_all()
        card = db.session.scalars(select(Card).where(Card.user_id == user.id)).one()
        reviews = db.session.scalars(select(Review).order_by(Review.card_version)).all()
        assert (card.fact, card.reps, card.question_id) == ("f-0000aaaa", 3, first.id)
        assert [(r.card_id, r.question_id, r.given_answer) for r in reviews] == [
            (card.id, first.id, "8 November 2020"),
            (card.id, second.id, "10 November 2020"),
            (card.id, first.id, "8 November 2020"),
        ]


def _answer_given(user: User, question: Question, given: str, now: datetime) -> None:
    record(user, question, given, now=now)
    db.session.commit()


# --- the queue's new facts --------------------------------------------------------------


def _new_facts_in_order(user: User, count: int) -> list[tuple[int, str]]:
    """The (source id, fact) of the next ``count`` new facts, each answered as it comes."""
    order = []
    for minute in range(count):
        item = next_item(user, NOW + timedelta(minutes=minute))
        assert item is not None and item.card is None, order
        order.append((item.question.source_id, item.question.fact))
        _answer(user, item.question, None, NOW + timedelta(minutes=minute))
    return order


def test_new_facts_come_in_a_round_of_the_studied_sources(
    app: Flask, imported: int, eras: int
) -> None:
    with new_learner(app, new_per_day=8) as user:
        order = _new_facts_in_order(user, 8)
    assert [source for source, _fact in order] == [imported, eras] * 4
    assert len({fact for _source, fact in order}) == 8


def test_assigned_material_comes_first(app: Flask, imported: int, eras: int) -> None:
    from conftest import join, make_assignment, make_class

    from quizapp.models import Source
    from quizapp.teaching.question_sets import add_questions, create_set

    teacher_id = add_user(app, "t@example.org", role="teacher")
    learner_id = add_user(app, "a@example.org", new_per_day=8)
    class_id, _code = make_class(app, teacher_id)
    join(app, learner_id, class_id)
    with app.app_context():
        teacher = db.session.get(User, teacher_id)
        question_set = create_set(teacher, db.session.get(Source, eras), "Rome", "", now=NOW)
        wanted = db.session.scalars(
            select(Question.id).where(Question.fact.in_(["f-0f06914f", "f-d7e0ff87"]))
        ).all()
        add_questions(question_set, list(wanted), now=NOW)
        db.session.commit()
        set_id = question_set.id
    make_assignment(app, class_id, set_id)
    with app.app_context():
        order = _new_facts_in_order(get_user("a@example.org"), 4)
    assert {fact for _source, fact in order[:2]} == {"f-0f06914f", "f-d7e0ff87"}
    # Then the round: the sample source, which has given no new fact today, catches up.
    assert [source for source, _fact in order[2:]] == [imported, imported]


def test_review_ahead_asks_the_card_due_soonest_but_none_reviewed_today(
    app: Flask, imported: int
) -> None:
    with new_learner(app, new_per_day=1) as user:
        item = next_item(user, NOW)
        assert item is not None
        _answer(user, item.question, None, NOW)
        card = db.session.scalars(select(Card)).one()
        _answer(user, item.question, card, NOW + timedelta(minutes=11))  # graduates
        assert card.state == int(State.Review) and card.due > NOW + timedelta(days=1)
        later_today = NOW + timedelta(hours=1)
        assert next_item(user, later_today) is None
        assert next_item(user, later_today, ahead=True) is None  # reviewed today
        tomorrow = NOW + timedelta(days=1)
        user.new_per_day = 0
        db.session.commit()
        assert next_item(user, tomorrow) is None
        ahead = next_item(user, tomorrow, ahead=True)
        assert ahead is not None and ahead.card == card
        # One new fact was met today, the limit is now 0: two extra allow one more.
        assert next_item(user, later_today, extra_new=1) is None
        extra = next_item(user, later_today, extra_new=2)
        assert extra is not None and extra.card is None

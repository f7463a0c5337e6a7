"""The one answer function: every answer is graded and recorded by
:func:`quizapp.learning.answering.answer_question`, under one rule."""

from __future__ import annotations

import ast
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, PASSWORD, Classroom, add_user, make_upload
from flask import Flask
from flask.testing import FlaskClient
from fsrs import Scheduler
from sqlalchemy import func, select

from quizapp.accounts.tokens import create_token
from quizapp.extensions import db
from quizapp.learning import answering
from quizapp.models import (
    Assignment,
    AssignmentAnswer,
    Question,
    QuestionSet,
    Review,
    User,
)
from quizapp.teaching import assignments, curation, question_sets

QUIZAPP = Path(__file__).resolve().parents[2] / "quizapp"
SCHEDULER = Scheduler(enable_fuzzing=False)


def _calls(name: str) -> list[str]:
    """The modules of quizapp that call ``name`` (a function or a class)."""
    found = []
    for path in sorted(QUIZAPP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                called = node.func
                called_name = called.attr if isinstance(called, ast.Attribute) else None
                if isinstance(called, ast.Name):
                    called_name = called.id
                if called_name == name:
                    found.append(str(path.relative_to(QUIZAPP.parent)))
    return sorted(set(found))


@pytest.mark.parametrize(
    ("name", "only_in"),
    [
        ("grade_answer", "quizapp/learning/answering.py"),
        ("record_answer", "quizapp/learning/answering.py"),
        ("AssignmentAnswer", "quizapp/teaching/assignments.py"),
        ("answer_question", None),
    ],
)
def test_an_answer_is_graded_and_recorded_in_one_place(name: str, only_in: str | None) -> None:
    if only_in is not None:
        assert _calls(name) == [only_in]
    else:  # the pages and the API
        assert _calls(name) == ["quizapp/api/answers.py", "quizapp/learning/views.py"]


def _token(app: Flask, user_id: int) -> str:
    with app.app_context():
        _row, secret = create_token(db.session.get(User, user_id), "t", "write", now=NOW)
        db.session.commit()
    return secret


def test_the_quiz_page_the_assignment_page_and_the_api_call_it(
    app: Flask, client: FlaskClient, classroom: Classroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    contexts: list[str] = []
    real = answering.answer_question

    def spy(user: User, question_id: int, given: str, **kwargs: Any) -> answering.AnswerOutcome:
        contexts.append("assignment" if kwargs.get("attempt") else "daily")
        return real(user, question_id, given, **kwargs)

    monkeypatch.setattr(answering, "answer_question", spy)
    client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    first, third = classroom.question_ids[0], classroom.question_ids[2]
    quiz = client.post(
        "/quiz/answer", data={"question_id": str(first), "card_version": "0", "answer": "8 Nov"}
    )
    assert quiz.status_code == 302 and "/quiz/result/" in quiz.location
    client.post(f"/assignments/{classroom.assignment_id}/attempts")
    page = client.get(f"/assignments/{classroom.assignment_id}").text
    action = re.search(r'action="(/attempts/\d+/answer)"', page)
    assert action is not None
    fields = dict(re.findall(r'<input id="(\w+)" name="\w+" type="hidden" value="([^"]*)"', page))
    assigned = client.post(action.group(1), data={**fields, "answer": "8 Nov 2020"})
    assert assigned.status_code == 302
    api = client.post(
        "/api/v1/answers",
        json={"question_id": third, "card_version": 0, "answer": "October 2020"},
        headers={"Authorization": f"Bearer {_token(app, classroom.learner_id)}"},
    )
    assert api.status_code == 201, api.text
    assert contexts == ["daily", "assignment", "daily"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Review.id))) == 3
        assert db.session.scalar(select(func.count(AssignmentAnswer.id))) == 1


def _answer(user: User, question: Question, given: str, **kwargs: Any) -> answering.AnswerOutcome:
    kwargs.setdefault("card_version", 0)
    return answering.answer_question(
        user, question.id, given, duration_ms=None, scheduler=SCHEDULER, now=NOW, **kwargs
    )


def _question(bank_id: str) -> Question:
    return db.session.scalars(select(Question).where(Question.bank_id == bank_id)).one()


def test_a_second_submission_finds_the_first_review(app: Flask, imported: int) -> None:
    learner_id = add_user(app, "l@example.org")
    with app.app_context():
        learner = db.session.get(User, learner_id)
        shusha = _question("q-0000b001")
        first = _answer(learner, shusha, "8 Nov 2020")
        db.session.commit()
        again = _answer(learner, shusha, "8 Nov 2020")
        assert not first.duplicate and again.duplicate and again.review.id == first.review.id
        assert db.session.scalar(select(func.count(Review.id))) == 1
        with pytest.raises(answering.QuestionNotAskedError):
            answering.answer_question(
                learner, 10**6, "x", card_version=0, duration_ms=None, scheduler=SCHEDULER, now=NOW
            )


@pytest.mark.parametrize("given", ["0,1", "0,1,1", "a,b,c", "", "0,1,2,3"])
def test_an_order_answer_orders_every_item_once(app: Flask, imported: int, given: str) -> None:
    learner_id = add_user(app, "l@example.org")
    with app.app_context():
        order = _question("q-0000b004")
        with pytest.raises(answering.InvalidAnswerError) as raised:
            _answer(db.session.get(User, learner_id), order, given)
        assert raised.value.order_items == 3 and raised.value.question.id == order.id
        assert db.session.scalar(select(func.count(Review.id))) == 0


def test_a_too_long_answer_is_refused_with_the_question(app: Flask, imported: int) -> None:
    learner_id = add_user(app, "l@example.org")
    with app.app_context():
        with pytest.raises(answering.InvalidAnswerError, match="limit is 500") as raised:
            _answer(db.session.get(User, learner_id), _question("q-0000b001"), "8" * 501)
        assert raised.value.order_items is None


def test_an_assignment_grades_against_its_teachers_own_version(
    app: Flask, classroom: Classroom
) -> None:
    with app.app_context():
        teacher = db.session.get(User, classroom.teacher_id)
        learner = db.session.get(User, classroom.learner_id)
        shusha = _question("q-0000b001")
        curation.save_edit(
            shusha,
            teacher,
            prompt=shusha.prompt,
            accept=["the fall of Shusha"],
            choices=[],
            now=NOW,
        )
        assignment = db.session.get(Assignment, classroom.assignment_id)
        assignment.opens_at = NOW - timedelta(days=1)
        db.session.commit()
        attempt = assignments.start_attempt(assignment, learner, now=NOW)
        db.session.commit()
        asked, _card = answering.asked_question(learner, shusha.id, now=NOW, attempt=attempt)
        assert asked.accept == ["the fall of Shusha"] and asked.edited_by == teacher.id
        outcome = _answer(learner, shusha, "The fall of Shusha", attempt=attempt)
        assert outcome.review.correct and outcome.attempt is attempt
        db.session.commit()
        # The daily quiz asks the document's version: the same words are no date there,
        # and are not graded.
        assert answering.asked_question(learner, shusha.id, now=NOW)[0].accept == []
        with pytest.raises(answering.InvalidAnswerError, match="could not be read"):
            _answer(learner, shusha, "The fall of Shusha", card_version=1)


def test_an_attempt_takes_its_own_questions_only_and_nothing_once_submitted(
    app: Flask, classroom: Classroom
) -> None:
    outsider_id = add_user(app, "x@example.org")
    with app.app_context():
        learner = db.session.get(User, classroom.learner_id)
        assignment = db.session.get(Assignment, classroom.assignment_id)
        assignment.opens_at = NOW - timedelta(days=1)
        question_set = db.session.get(QuestionSet, classroom.set_id)
        last = question_set.items[-1].question
        question_sets.remove_question(question_set, last.id, now=NOW)
        db.session.commit()
        attempt = assignments.start_attempt(assignment, learner, now=NOW)
        db.session.commit()
        with pytest.raises(assignments.AssignmentError, match="not part of the assignment"):
            _answer(learner, last, "10 Nov 2020", attempt=attempt)
        with pytest.raises(answering.QuestionNotAskedError):  # someone else's attempt
            _answer(db.session.get(User, outsider_id), last, "10 Nov 2020", attempt=attempt)
        for given in ("8 Nov 2020", "27 September to 10 November 2020", "October 2020", "1,0,2"):
            question = assignments.next_question(attempt)
            version = assignments.card_version(learner, question)
            _answer(learner, question, given, card_version=version, attempt=attempt)
            db.session.commit()
        assert attempt.submitted_at is not None and attempt.score == 1.0
        question_sets.add_questions(question_set, [last.id], now=NOW)
        db.session.commit()
        with pytest.raises(assignments.AssignmentError, match="already submitted"):
            _answer(learner, last, "10 Nov 2020", attempt=attempt)
        assert db.session.scalar(select(func.count(Review.id))) == 4


def test_an_administrator_is_asked_any_live_question(app: Flask) -> None:
    teacher_id = add_user(app, "t@example.org", role="teacher")
    admin_id = add_user(app, "admin@example.org", is_admin=True)
    source_id = make_upload(app, teacher_id, accept=("q-0000b002",))
    with app.app_context():
        pending, accepted = db.session.scalars(
            select(Question).where(Question.source_id == source_id).order_by(Question.id).limit(2)
        ).all()
        admin = db.session.get(User, admin_id)
        assert not _answer(admin, accepted, "27 Sep to 10 Nov 2020").duplicate
        db.session.commit()
        with pytest.raises(answering.QuestionNotAskedError):
            _answer(admin, pending, "8 Nov 2020")

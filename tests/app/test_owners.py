"""Who owns what, tried as an attacker would: each test is an attack that worked before
sources had owners and audiences, and must not any more.

The world: the sample bank imported by command (the bundled document: for everyone,
curated by the administrators), and T1's upload of the same bank (for T1 and the classes
T1 gives it to). Every step goes through the pages or the API, as the attacker did.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from conftest import (
    NOW,
    PASSWORD,
    add_user,
    count_rows,
    join,
    make_assignment,
    make_class,
    make_upload,
)
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.test_teacher import answer_next
from quizapp.accounts.tokens import create_token
from quizapp.extensions import db
from quizapp.learning.scheduling import next_item
from quizapp.models import Question, QuestionEdit, Review, User

WRONG = "1 January 1990"


def logged_in(app: Flask, email: str, *, role: str = "learner", **settings: Any) -> FlaskClient:
    """A client of its own, logged in through the login form as a new account."""
    add_user(app, email, role=role, **settings)
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.text
    return client


def user_id(app: Flask, email: str) -> int:
    with app.app_context():
        return db.session.scalars(select(User.id).where(User.email == email)).one()


def questions_of(app: Flask, source_id: int) -> dict[str, int]:
    """The source's question ids by bank id."""
    with app.app_context():
        rows = db.session.execute(
            select(Question.bank_id, Question.id).where(Question.source_id == source_id)
        ).all()
        return {bank_id: question_id for bank_id, question_id in rows}


def upload(app: Flask, teacher_email: str, *, accept: tuple[str, ...] = ()) -> int:
    """The teacher's upload of the sample bank, its questions pending but ``accept``."""
    return make_upload(app, user_id(app, teacher_email), accept=accept)


def class_with_set(
    app: Flask, teacher_email: str, learner_email: str, source_id: int
) -> tuple[int, int]:
    """The teacher's class with the learner in it, assigned a set of every question of
    the source (the way a class got a document before classes could be given one)."""
    from conftest import make_set

    teacher = user_id(app, teacher_email)
    class_id, _code = make_class(app, teacher, name=f"{teacher_email}'s class")
    join(app, user_id(app, learner_email), class_id)
    set_id, _ids = make_set(app, teacher, source_id, name=f"{teacher_email}'s set")
    return class_id, make_assignment(app, class_id, set_id)


def answer_daily(client: FlaskClient, question_id: int, given: str) -> Any:
    return client.post(
        "/quiz/answer",
        data={"question_id": str(question_id), "card_version": "0", "answer": given},
    )


def answer_in_assignment(client: FlaskClient, assignment_id: int, given: str) -> Any:
    """Start an attempt and answer the question the assignment page shows first."""
    client.post(f"/assignments/{assignment_id}/attempts")
    return answer_next(client, assignment_id, answer=given)


def last_review(app: Flask, email: str) -> Review:
    with app.app_context():
        review = db.session.scalars(
            select(Review).where(Review.user_id == user_id(app, email)).order_by(Review.id.desc())
        ).first()
        assert review is not None
        db.session.expunge(review)
        return review


@pytest.fixture
def bundled(app: Flask, imported: int) -> dict[str, int]:
    """The bundled document's questions by bank id."""
    return questions_of(app, imported)


# --- curation belongs to a source's curators ---------------------------------------------


def test_a_new_teacher_cannot_retire_the_bundled_questions(
    app: Flask, client: FlaskClient, bundled: dict[str, int]
) -> None:
    # Teaching is self-service: "I teach" at sign-up.
    client.post(
        "/signup",
        data={
            "email": "new@example.org",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "teacher": "y",
        },
    )
    client.post("/login", data={"email": "new@example.org", "password": PASSWORD})
    assert client.get("/teach/").status_code == 200  # a teacher, signed in
    for question_id in bundled.values():
        assert client.post(f"/teach/questions/{question_id}/retire").status_code == 403
    with app.app_context():
        assert not db.session.scalar(select(func.count()).where(Question.retired.is_(True)))
        assert not db.session.scalar(select(func.count(QuestionEdit.id)))
        learner = db.session.get(User, add_user(app, "learner@example.org"))
        assert next_item(learner, NOW) is not None  # every learner's queue is still full
    # The bundled document's curators, the administrators, retire and restore.
    admin = logged_in(app, "admin@example.org", is_admin=True)
    shusha = bundled["q-0000b001"]
    assert admin.post(f"/teach/questions/{shusha}/retire").status_code == 302
    with app.app_context():
        assert db.session.get(Question, shusha).retired
    assert admin.post(f"/teach/questions/{shusha}/restore").status_code == 302
    with app.app_context():
        assert not db.session.get(Question, shusha).retired


def test_another_teacher_cannot_rewrite_a_colleagues_upload(app: Flask) -> None:
    add_user(app, "t1@example.org", role="teacher")
    add_user(app, "a@example.org")
    source_id = upload(app, "t1@example.org", accept=("q-0000b001",))
    shusha = questions_of(app, source_id)["q-0000b001"]
    class_with_set(app, "t1@example.org", "a@example.org", source_id)
    t2 = logged_in(app, "t2@example.org", role="teacher")
    rewrite = {"prompt": "When did the war start?", "accept": WRONG}
    assert t2.post(f"/teach/questions/{shusha}", data=rewrite).status_code == 404
    assert t2.post(f"/teach/questions/{shusha}/retire").status_code == 404
    with app.app_context():
        question = db.session.get(Question, shusha)
        assert question.prompt.startswith("On what date did Azerbaijani forces")
        assert question.accept == [] and not question.retired
    # The wrong answer T2 tried to add is graded wrong for T1's learner.
    learner = app.test_client()
    learner.post("/login", data={"email": "a@example.org", "password": PASSWORD})
    assert answer_daily(learner, shusha, WRONG).status_code == 302
    assert last_review(app, "a@example.org").correct is False


def test_a_teachers_edit_applies_only_where_their_sets_are_used(
    app: Flask, imported: int, bundled: dict[str, int]
) -> None:
    for email, role in (("t1@example.org", "teacher"), ("t2@example.org", "teacher")):
        add_user(app, email, role=role)
    for email in ("a@example.org", "b@example.org"):
        add_user(app, email)
    _class_1, assignment_1 = class_with_set(app, "t1@example.org", "a@example.org", imported)
    _class_2, assignment_2 = class_with_set(app, "t2@example.org", "b@example.org", imported)
    shusha = bundled["q-0000b001"]
    t2 = app.test_client()
    t2.post("/login", data={"email": "t2@example.org", "password": PASSWORD})
    mine = {"prompt": "When did Shusha fall (T2's words)?", "accept": WRONG}
    assert t2.post(f"/teach/questions/{shusha}", data=mine).status_code == 302
    with app.app_context():
        question = db.session.get(Question, shusha)  # the original stays as it was
        assert question.accept == [] and not question.prompt.endswith("(T2's words)?")
    a = app.test_client()
    a.post("/login", data={"email": "a@example.org", "password": PASSWORD})
    assert "T2&#39;s words" not in a.get("/quiz").text
    answer_daily(a, shusha, WRONG)
    assert last_review(app, "a@example.org").correct is False  # the daily quiz: the original
    b = app.test_client()
    b.post("/login", data={"email": "b@example.org", "password": PASSWORD})
    b.post(f"/assignments/{assignment_2}/attempts")
    assert "(T2&#39;s words)" in b.get(f"/assignments/{assignment_2}").text
    answer_in_assignment(b, assignment_2, WRONG)
    assert last_review(app, "b@example.org").correct is True  # T2's set: T2's version
    # A's teacher's assignment grades against the original too.
    answer_in_assignment(a, assignment_1, "8 Nov 2020")
    with app.app_context():
        reviews = db.session.scalars(
            select(Review).where(Review.user_id == user_id(app, "a@example.org"))
        ).all()
        assert [review.correct for review in reviews] == [False, True]


def test_the_question_page_does_not_show_another_teachers_pending_questions(app: Flask) -> None:
    add_user(app, "t1@example.org", role="teacher")
    source_id = upload(app, "t1@example.org")
    t2 = logged_in(app, "t2@example.org", role="teacher")
    for question_id in questions_of(app, source_id).values():
        response = t2.get(f"/teach/questions/{question_id}")
        assert response.status_code == 404
        assert "8 November 2020" not in response.text and "Shusha" not in response.text


# --- one rule for what is asked and graded ------------------------------------------------


def test_the_quiz_page_grades_no_pending_rejected_or_retired_question(
    app: Flask, bundled: dict[str, int]
) -> None:
    from quizapp.sources import decisions
    from quizapp.teaching import curation

    add_user(app, "t1@example.org", role="teacher")
    source_id = upload(app, "t1@example.org", accept=("q-0000b002",))
    uploaded = questions_of(app, source_id)
    admin_id = add_user(app, "admin@example.org", is_admin=True)
    with app.app_context():
        owner = db.session.get(User, user_id(app, "t1@example.org"))
        decisions.decide(
            db.session.get(Question, uploaded["q-0000b005"]), "rejected", owner, now=NOW
        )
        admin = db.session.get(User, admin_id)
        curation.set_retired(db.session.get(Question, bundled["q-0000b005"]), admin, True, now=NOW)
        db.session.commit()
    learner = logged_in(app, "learner@example.org")
    held = {
        "pending": uploaded["q-0000b001"],
        "rejected": uploaded["q-0000b005"],
        "retired": bundled["q-0000b005"],
        "accepted, but another teacher's upload": uploaded["q-0000b002"],
    }
    for state, question_id in held.items():
        response = answer_daily(learner, question_id, "8 November 2020")
        assert response.status_code == 400, state
        assert "10 November 2020" not in response.text and "8 November 2020" not in response.text
        # A form that does not validate shows no prompt either.
        page = learner.post("/quiz/answer", data={"question_id": str(question_id)})
        assert page.status_code == 400 and "Shusha" not in page.text, state
    assert count_rows(app, Review) == 0


def test_an_unpublished_upload_is_readable_by_its_owner_alone(app: Flask) -> None:
    add_user(app, "t1@example.org", role="teacher")
    source_id = upload(app, "t1@example.org")
    passage = "Azerbaijani forces took control of Shusha"
    for client in (
        logged_in(app, "l@example.org"),
        logged_in(app, "t2@example.org", role="teacher"),
    ):
        for url in (f"/sources/{source_id}", f"/sources/{source_id}/export.csv"):
            response = client.get(url)
            assert response.status_code == 404 and passage not in response.text
        assert "T1&#39;s notes" not in client.get("/").text
    owner = app.test_client()
    owner.post("/login", data={"email": "t1@example.org", "password": PASSWORD})
    assert passage in owner.get(f"/sources/{source_id}").text


def test_the_api_shows_no_pending_prompt(app: Flask) -> None:
    add_user(app, "t1@example.org", role="teacher")
    source_id = upload(app, "t1@example.org")
    learner = add_user(app, "l@example.org")
    with app.app_context():
        _token, secret = create_token(
            db.session.get(User, learner), "t", "read", now=datetime.now(UTC)
        )
        db.session.commit()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    for question_id in questions_of(app, source_id).values():
        for url in (f"/api/v1/questions/{question_id}", f"/api/v1/questions/{question_id}/passage"):
            response = client.get(url, headers=headers)
            assert response.status_code == 404 and "Shusha" not in response.text
    assert client.get(f"/api/v1/sources/{source_id}/questions", headers=headers).status_code == 404
    listed = client.get("/api/v1/sources", headers=headers).get_json()
    assert source_id not in [source["id"] for source in listed["items"]]


# --- audiences ------------------------------------------------------------------------------


def test_an_accepted_upload_reaches_its_owner_and_their_class_only(app: Flask) -> None:
    for email, role in (("t1@example.org", "teacher"), ("t2@example.org", "teacher")):
        add_user(app, email, role=role)
    for email in ("a@example.org", "c@example.org"):
        add_user(app, email)
    source_id = upload(app, "t1@example.org", accept=("q-0000b001", "q-0000b005"))
    class_with_set(app, "t1@example.org", "a@example.org", source_id)
    with app.app_context():
        asked = {
            email: next_item(db.session.get(User, user_id(app, email)), NOW)
            for email in ("t1@example.org", "a@example.org", "c@example.org", "t2@example.org")
        }
        assert asked["t1@example.org"] is not None and asked["t1@example.org"].card is None
        assert asked["a@example.org"] is not None and asked["a@example.org"].card is None
        assert asked["c@example.org"] is None and asked["t2@example.org"] is None


def test_another_teachers_upload_gives_no_set_and_an_old_set_of_it_no_more_questions(
    app: Flask,
) -> None:
    from quizapp.models import QuestionSet, QuestionSetItem, Source
    from quizapp.sources.audience import NotAllowedError
    from quizapp.teaching import question_sets

    add_user(app, "t1@example.org", role="teacher")
    source_id = upload(app, "t1@example.org", accept=("q-0000b001", "q-0000b005"))
    uploaded = questions_of(app, source_id)
    t2 = logged_in(app, "t2@example.org", role="teacher")
    with app.app_context():
        t2_user = db.session.get(User, user_id(app, "t2@example.org"))
        with pytest.raises(NotAllowedError):
            question_sets.create_set(
                t2_user, db.session.get(Source, source_id), "Mine", "", now=NOW
            )
        # A set T2 built from it before documents had owners keeps its question...
        old = QuestionSet(
            owner_id=t2_user.id, source_id=source_id, name="Old", created_at=NOW, updated_at=NOW
        )
        old.items.append(QuestionSetItem(question_id=uploaded["q-0000b001"], position=1))
        db.session.add(old)
        db.session.commit()
        old_id = old.id
    assert t2.get(f"/teach/sets/{old_id}").status_code == 200
    # ...and takes no more of T1's questions.
    assert t2.get(f"/teach/sets/{old_id}/build").status_code == 403
    more = {"question_id": str(uploaded["q-0000b005"])}
    assert t2.post(f"/teach/sets/{old_id}/questions", data=more).status_code == 403
    with app.app_context():
        items = db.session.scalars(select(QuestionSetItem.question_id)).all()
        assert items == [uploaded["q-0000b001"]]

"""The teacher's pages and the learner's side of classes and assignments, through the
test client: a class, a set, an assignment, answers, results, grades."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from conftest import NOW, AuthActions, Classroom, add_user, count_rows, make_assignment, make_class
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import (
    Assignment,
    AssignmentAnswer,
    AssignmentAttempt,
    Card,
    ClassMember,
    Question,
    QuestionEdit,
    QuestionSet,
    Review,
    SchoolClass,
    TeacherEdit,
)


def hidden_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input id="(\w+)" name="\w+" type="hidden" value="([^"]*)"', html))


def answer_next(client: FlaskClient, assignment_id: int, **data: str):
    """Answer the question the assignment page shows now."""
    page = client.get(f"/assignments/{assignment_id}").text
    action = re.search(r'action="(/attempts/\d+/answer)"', page)
    assert action is not None, page
    return client.post(action.group(1), data={**hidden_fields(page), **data})


def start_attempt(client: FlaskClient, auth: AuthActions, classroom: Classroom) -> str:
    """Log in as the classroom's learner and start an attempt at its assignment; returns
    the assignment's page."""
    auth.login_as_learner()
    url = f"/assignments/{classroom.assignment_id}"
    client.post(f"{url}/attempts")
    return url


# The form of each right answer to the classroom's five questions, in the order asked.
RIGHT_ANSWERS: list[dict[str, str]] = [
    {"answer": "8 Nov 2020"},
    {"answer": "27 September to 10 November 2020"},
    {"answer": "October 2020"},
    {"position_0": "2", "position_1": "1", "position_2": "3"},
    {"answer": "10 November 2020"},
]


def answer_right(client: FlaskClient, assignment_id: int, count: int = 5) -> None:
    """Answer the next ``count`` questions of an attempt at the classroom's assignment
    right."""
    for data in RIGHT_ANSWERS[:count]:
        answer_next(client, assignment_id, **data)


def assign_again(app: Flask, classroom: Classroom, *, opens_in_days: int, due_in_days: int) -> int:
    """The classroom's set assigned to its class again, opening and due so many days from
    now (real time, since the pages read the clock)."""
    now = datetime.now(UTC)
    return make_assignment(
        app,
        classroom.class_id,
        classroom.set_id,
        opens_at=now + timedelta(days=opens_in_days),
        due_at=now + timedelta(days=due_in_days),
    )


def test_signup_can_make_a_teacher(app: Flask, client: FlaskClient) -> None:
    client.post(
        "/signup",
        data={
            "email": "t@example.org",
            "password": "correct horse battery",
            "confirm": "correct horse battery",
            "teacher": "y",
        },
    )
    client.post("/login", data={"email": "t@example.org", "password": "correct horse battery"})
    assert 'id="nav-teach"' in client.get("/").text
    assert client.get("/teach/").status_code == 200


def test_a_teacher_creates_a_class_and_a_learner_joins_it(
    app: Flask, client: FlaskClient, auth
) -> None:
    auth.login_as_teacher()
    response = client.post("/teach/classes/new", data={"name": "History 9B"})
    assert response.status_code == 302
    page = client.get(response.location).text
    code = re.search(r'id="join-code">(\w+)<', page).group(1)
    assert len(code) == 8 and f"/join/{code}" in page
    auth.logout()
    learner_id = auth.login_as_learner()
    join_page = client.get(f"/join/{code.lower()}").text  # codes ignore case
    assert "Join History 9B" in join_page and 'id="join-submit"' in join_page
    assert count_rows(app, ClassMember) == 0  # the join link's GET changes nothing
    assert (
        client.post("/classes/join", data={"code": f" {code[:4]}-{code[4:]} "}).status_code == 302
    )
    assert "History 9B" in client.get("/classes").text
    assert 'id="already-member"' in client.get(f"/join/{code}").text
    bad = client.post("/classes/join", data={"code": "NOPE2345"})
    assert bad.status_code == 400 and "No class has this code" in bad.text
    assert client.get("/join/NOPE2345").status_code == 404
    with app.app_context():
        member = db.session.scalars(select(ClassMember)).one()
        assert member.user_id == learner_id


def test_the_teacher_sees_the_roster_removes_a_learner_and_replaces_the_code(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    auth.login_as_teacher()
    page = client.get(f"/teach/classes/{classroom.class_id}").text
    assert "learner@example.org" in page
    response = client.post(
        f"/teach/classes/{classroom.class_id}/members/{classroom.learner_id}/remove"
    )
    assert response.status_code == 302
    assert "learner@example.org" not in client.get(response.location).text
    assert (
        client.post(
            f"/teach/classes/{classroom.class_id}/members/{classroom.learner_id}/remove"
        ).status_code
        == 404
    )
    client.post(f"/teach/classes/{classroom.class_id}/code")
    with app.app_context():
        school_class = db.session.get(SchoolClass, classroom.class_id)
        assert school_class.join_code != classroom.join_code
        assert db.session.scalar(select(func.count(ClassMember.id))) == 0
    assert client.get(f"/join/{classroom.join_code}").status_code == 404


def test_a_teacher_builds_a_set_with_filters_and_orders_it(
    app: Flask, client: FlaskClient, auth, imported: int
) -> None:
    auth.login_as_teacher()
    response = client.post(
        "/teach/sets/new",
        data={"name": "Endgame", "description": "The last days", "source_id": str(imported)},
    )
    assert response.status_code == 302 and response.location.endswith("/build")
    build = response.location
    page = client.get(build).text
    assert 'id="found-count">5 questions match' in page
    assert '<mark class="evidence">Azerbaijani forces took control of Shusha' in page
    page = client.get(build, query_string={"section": "Ceasefire"}).text
    assert 'id="found-count">1 question match' in page and "ceasefire agreement" in page
    page = client.get(build, query_string={"kind": "choice"}).text
    assert 'id="found-count">1 question match' in page and "Füzuli" in page
    page = client.get(build, query_string={"disputed": "yes"}).text
    assert 'id="found-count">1 question match' in page
    page = client.get(build, query_string={"text": "what DATE shusha"}).text
    assert 'id="found-count">1 question match' in page
    page = client.get(build, query_string={"date_from": "2020-11-01", "date_to": "2020-11-30"})
    assert 'id="found-count">2 questions match' in page.text  # Shusha, ceasefire
    page = client.get(build, query_string={"difficulty_min": "0.5"}).text
    assert 'id="found-count">3 questions match' in page
    with app.app_context():
        ids = dict(db.session.execute(select(Question.bank_id, Question.id)).all())
    set_id = int(build.split("/")[-2])
    response = client.post(
        f"/teach/sets/{set_id}/questions",
        data={"question_id": [str(ids["q-0000b005"]), str(ids["q-0000b001"]), "x", "999"]},
    )
    assert response.status_code == 302
    move = client.post(
        f"/teach/sets/{set_id}/questions/{ids['q-0000b001']}/move", data={"direction": "up"}
    )
    assert move.status_code == 302
    page = client.get(f"/teach/sets/{set_id}").text
    assert page.index("take control of Shusha") < page.index("ceasefire agreement signed")
    client.post(f"/teach/sets/{set_id}/questions/{ids['q-0000b005']}/remove")
    client.post(f"/teach/sets/{set_id}/edit", data={"name": "Shusha", "description": ""})
    with app.app_context():
        question_set = db.session.get(QuestionSet, set_id)
        assert question_set.name == "Shusha"
        assert [item.question.bank_id for item in question_set.items] == ["q-0000b001"]
    assert 'class="tag">in the set<' in client.get(build).text


def test_an_administrator_edits_and_retires_a_bundled_question(
    app: Flask, client: FlaskClient, auth, imported: int
) -> None:
    admin_id = auth.login_as_learner("admin@example.org", is_admin=True)
    with app.app_context():
        choice = db.session.scalars(select(Question).where(Question.kind == "choice")).one()
        choice_id = choice.id
    url = f"/teach/questions/{choice_id}"
    page = client.get(url).text
    assert "Füzuli was captured in October 2020" in page and 'id="edit-form"' in page
    wrong = client.post(
        url, data={"prompt": "When did Füzuli fall?", "choices": "May 2020\nJune 2020"}
    )
    assert wrong.status_code == 400 and "must include the right answer, October 2020" in wrong.text
    response = client.post(
        url,
        data={
            "prompt": "When did Azerbaijan capture Füzuli?",
            "accept": "autumn 2020",
            "choices": "October 2020\nJuly 2020\nMarch 2021",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        question = db.session.get(Question, choice_id)
        assert question.prompt == "When did Azerbaijan capture Füzuli?"
        assert question.choices == ["October 2020", "July 2020", "March 2021"]
        edit = db.session.scalars(select(QuestionEdit)).one()
        assert (
            edit.edited_by == admin_id and edit.generated["prompt"] == "When was Füzuli captured?"
        )
    client.post(f"{url}/retire")
    with app.app_context():
        assert db.session.get(Question, choice_id).retired
    auth.logout()
    auth.login_as_learner()
    for _ in range(4):  # the retired question is not asked
        page = client.get("/quiz").text
        assert "Füzuli" not in page
        client.post("/quiz/answer", data={**hidden_fields(page), "answer": "1 Jan 2020"})
    auth.logout()
    # A teacher who does not curate the document saves only their own version.
    auth.login_as_teacher("other@example.org")
    page = client.get(url).text
    assert 'id="not-yours"' in page and 'id="retire"' not in page and 'id="restore"' not in page
    mine = {"prompt": "Hijacked?", "choices": "October 2020\nJuly 2020\nMarch 2021"}
    assert client.post(url, data=mine).status_code == 302
    assert client.post(f"{url}/restore").status_code == 403
    with app.app_context():
        question = db.session.get(Question, choice_id)
        assert question.prompt == "When did Azerbaijan capture Füzuli?" and question.retired
        own = db.session.scalars(select(TeacherEdit)).one()
        assert own.prompt == "Hijacked?" and own.question_id == choice_id
    auth.logout()
    auth.login_as_learner("admin@example.org")
    client.post(f"{url}/revert")
    with app.app_context():
        question = db.session.get(Question, choice_id)
        assert question.prompt == "When was Füzuli captured?" and not question.retired
        assert db.session.scalar(select(func.count(QuestionEdit.id))) == 0


def test_a_learner_does_an_assignment_and_it_enters_their_schedule(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    with app.app_context():  # the default review options: answers after the due date
        assignment = db.session.get(Assignment, classroom.assignment_id)
        assignment.show_answer = assignment.show_passage = "due"
        db.session.commit()
    auth.login_as_learner()
    dashboard = client.get("/").text
    assert f'id="assignment-{classroom.assignment_id}"' in dashboard
    assert "Shusha and after" in dashboard
    url = f"/assignments/{classroom.assignment_id}"
    assert 'id="start-attempt"' in client.get(url).text
    assert client.post(f"{url}/attempts").status_code == 302
    first = answer_next(client, classroom.assignment_id, answer="8 Nov 2020")
    assert first.status_code == 302 and f"next=/assignments/{classroom.assignment_id}" in (
        first.location.replace("%2F", "/")
    )
    result = client.get(first.location).text
    assert f'id="next" href="/assignments/{classroom.assignment_id}"' in result
    # By default an answer shows neither its score nor the right answer during the attempt,
    # and the progress bar is the attempt's.
    assert 'id="answer-recorded"' in result and 'id="expected"' not in result
    assert "100%" not in result and 'id="evidence"' not in result
    assert "1 of 5 answered" in result
    # A double submit of the same form records one answer.
    page = client.get(url).text
    fields = hidden_fields(page)
    action = re.search(r'action="(/attempts/\d+/answer)"', page).group(1)
    one = client.post(action, data={**fields, "answer": "1990"})
    two = client.post(action, data={**fields, "answer": "1990"})
    assert one.location == two.location
    answer_next(client, classroom.assignment_id, answer="October 2020")
    answer_next(client, classroom.assignment_id, position_0="2", position_1="1", position_2="3")
    answer_next(client, classroom.assignment_id, answer="10 November 2020")
    page = client.get(url).text
    assert 'id="best-score">Your grade: <strong>80%' in page  # 1 + 0 + 1 + 1 + 1 of 5
    assert 'id="attempt-1"' in page and "1990" in page
    with app.app_context():
        attempt = db.session.scalars(select(AssignmentAttempt)).one()
        assert attempt.submitted_at is not None and not attempt.late
        assert attempt.score == 0.8
        assert db.session.scalar(select(func.count(AssignmentAnswer.id))) == 5
        assert db.session.scalar(select(func.count(Review.id))) == 5
        cards = db.session.scalars(select(Card).where(Card.user_id == classroom.learner_id))
        assert len(cards.all()) == 5  # every assigned question is now in the learner's deck
    # A second attempt is allowed (limit 2), a third is not.
    client.post(f"{url}/attempts")
    answer_right(client, classroom.assignment_id)
    page = client.get(url).text
    assert "100%" in page and 'id="no-attempts"' in page
    client.post(f"{url}/attempts")
    assert count_rows(app, AssignmentAttempt) == 2


def test_late_work_is_accepted_and_marked_late(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    late_id = assign_again(app, classroom, opens_in_days=-9, due_in_days=-2)
    auth.login_as_learner()
    assert "overdue" in client.get("/").text
    client.post(f"/assignments/{late_id}/attempts")
    answer_right(client, late_id)
    assert "late" in client.get(f"/assignments/{late_id}").text
    auth.logout()
    auth.login_as_teacher()
    page = client.get(f"/teach/assignments/{late_id}").text
    assert 'class="tag late">late<' in page


def test_an_assignment_not_yet_open_cannot_be_started(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    future = assign_again(app, classroom, opens_in_days=1, due_in_days=3)
    auth.login_as_learner()
    assert 'id="not-open"' in client.get(f"/assignments/{future}").text
    client.post(f"/assignments/{future}/attempts")
    assert count_rows(app, AssignmentAttempt) == 0


def test_the_teacher_assigns_a_set(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    auth.login_as_teacher()
    url = f"/teach/classes/{classroom.class_id}/assign"
    assert "Shusha and after (5 questions)" in client.get(url).text
    bad = client.post(
        url,
        data={
            "set_id": str(classroom.set_id),
            "opens_at": "2030-05-02T09:00",
            "due_at": "2030-05-01T09:00",
            "max_attempts": "1",
        },
    )
    assert bad.status_code == 200 and "due date must come after" in bad.text
    a_week = {
        "set_id": str(classroom.set_id),
        "opens_at": "2030-05-01T09:00",
        "due_at": "2030-05-08T17:00",
        "max_attempts": "0",
    }
    review_options = {
        "show_score": "answer",
        "show_answer": "never",
        "show_passage": "attempt",
        "grading": "last",
    }
    good = client.post(url, data=a_week | review_options)
    assert good.status_code == 302
    page = client.get(good.location).text
    assert "08 May 2030 17:00" in page
    with app.app_context():
        stored = db.session.scalars(select(Assignment).order_by(Assignment.id.desc())).first()
        assert {option: getattr(stored, option) for option in review_options} == review_options
    unknown = client.post(url, data=a_week | {"show_answer": "soon"})
    assert unknown.status_code == 200 and "Not a valid choice" in unknown.text


def test_results_grades_and_csv(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    evil = add_user(app, "evil@example.org", display_name="=HYPERLINK(1)")
    from conftest import join

    join(app, evil, classroom.class_id)
    start_attempt(client, auth, classroom)
    answer_next(client, classroom.assignment_id, answer="9 Nov 2020")
    answer_next(client, classroom.assignment_id, answer="27 September to 10 November 2020")
    auth.logout()
    auth.login_as_teacher()
    page = client.get(f"/teach/assignments/{classroom.assignment_id}").text
    assert "in progress" in page and "not started" in page
    assert "November 9, 2020 (1)" in page  # the most common wrong answer
    answers = client.get(
        f"/teach/assignments/{classroom.assignment_id}/learners/{classroom.learner_id}"
    ).text
    assert "November 9, 2020" in answers and "8 November 2020" in answers
    response = client.get(f"/teach/assignments/{classroom.assignment_id}/grades.csv")
    assert (
        response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    )
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["name", "email", "attempts", "final grade %", "computed grade %"]
    by_email = {row[1]: row for row in rows[1:]}
    assert by_email["learner@example.org"][2:6] == ["1", "", "", "no"]
    assert by_email["evil@example.org"][0] == "'=HYPERLINK(1)"


def test_another_teachers_class_is_forbidden_and_a_missing_one_not_found(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    other_teacher = add_user(app, "t2@example.org", role="teacher")
    make_class(app, other_teacher, "Other")
    auth.login_as_teacher("t2@example.org")
    assert client.get(f"/teach/classes/{classroom.class_id}").status_code == 403
    assert client.get(f"/teach/sets/{classroom.set_id}").status_code == 403
    assert client.get(f"/teach/assignments/{classroom.assignment_id}").status_code == 403
    assert client.get("/teach/classes/999").status_code == 404
    page = client.get("/teach/").text
    assert "Other" in page and "History 9B" not in page


@pytest.mark.parametrize("editor", ["administrator", "teacher"])
def test_the_question_page_says_when_the_source_changed_under_an_edit(
    app: Flask, client: FlaskClient, auth, sample_bank, imported: int, editor: str
) -> None:
    """The same for the curators' edit (an administrator's, of the bundled document) and
    for a teacher's own version of the question."""
    import dataclasses

    from quizapp.sources.importer import import_bank

    if editor == "administrator":
        auth.login_as_learner("admin@example.org", is_admin=True)
    else:
        auth.login_as_teacher()
    with app.app_context():
        shusha_id = db.session.scalars(
            select(Question.id).where(Question.bank_id == "q-0000b001")
        ).one()
    url = f"/teach/questions/{shusha_id}"
    client.post(url, data={"prompt": "When did Shusha fall?", "accept": ""})
    assert 'id="source-changed"' not in client.get(url).text
    with app.app_context():
        changed = dataclasses.replace(sample_bank.questions[0], prompt="When was Shusha taken?")
        import_bank(
            dataclasses.replace(sample_bank, questions=(changed,) + sample_bank.questions[1:]),
            now=NOW,
        )
        db.session.commit()
    page = client.get(url).text
    assert 'id="source-changed"' in page and "The source changed since your edit" in page
    assert "When was Shusha taken?" in page and 'id="prompt">When did Shusha fall?<' in page
    client.post(f"{url}/keep")
    assert 'id="source-changed"' not in client.get(url).text
    with app.app_context():
        prompt = db.session.get(Question, shusha_id).prompt
        if editor == "administrator":
            assert prompt == "When did Shusha fall?"  # what everyone is asked
        else:
            assert prompt == "When was Shusha taken?"  # the document reads as its bank says
            own = db.session.scalars(select(TeacherEdit)).one()
            assert own.prompt == "When did Shusha fall?" and own.source_changed_at is None
            assert own.base["prompt"] == "When was Shusha taken?"


def test_an_attempt_whose_last_questions_were_retired_is_submitted(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    url = start_attempt(client, auth, classroom)
    answer_right(client, classroom.assignment_id, count=4)
    with app.app_context():
        db.session.get(Question, classroom.question_ids[4]).retired = True
        db.session.commit()
    page = client.get(url).text
    assert 'id="best-score">Your grade: <strong>100%' in page


def test_the_class_page_draws_the_retention_of_assigned_material(
    client: FlaskClient, auth, classroom: Classroom
) -> None:
    start_attempt(client, auth, classroom)
    answer_next(client, classroom.assignment_id, answer="8 Nov 2020")
    auth.logout()
    auth.login_as_teacher()
    page = client.get(f"/teach/classes/{classroom.class_id}").text
    assert 'id="chart-class-retention"' in page and "of 1 reviews recalled" in page
    assert "0 of 1" in page  # nobody has finished the assignment yet

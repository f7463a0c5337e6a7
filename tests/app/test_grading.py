"""Graded work: review options at every moment, grading methods, the learner's pages and
the API under them."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from conftest import NOW, Classroom, add_user, join, make_assignment
from flask import Flask
from flask.testing import FlaskClient
from fsrs import Scheduler
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.learning import answering
from quizapp.models import Assignment, AssignmentAttempt, Question, Review, User
from quizapp.teaching import assignments, results, review

SCHEDULER = Scheduler(enable_fuzzing=False)
# The sample set's questions in order: right answers, and one wrong first answer.
RIGHT = ["8 Nov 2020", "27 September to 10 November 2020", "October 2020", "1,0,2", "10 Nov 2020"]
DUE = NOW + timedelta(days=7)


def _answer(attempt: AssignmentAttempt, given: str, *, when=NOW) -> answering.AnswerOutcome:
    question = assignments.next_question(attempt)
    assert question is not None
    return answering.answer_question(
        attempt.user,
        question.id,
        given,
        card_version=assignments.card_version(attempt.user, question),
        duration_ms=None,
        scheduler=SCHEDULER,
        now=when,
        attempt=attempt,
    )


def _assignment(classroom: Classroom, **options: object) -> Assignment:
    assignment = db.session.get(Assignment, classroom.assignment_id)
    assignment.opens_at, assignment.due_at = NOW - timedelta(days=1), DUE
    assignment.max_attempts = 0
    for name, value in options.items():
        setattr(assignment, name, value)
    db.session.flush()
    return assignment


def _attempt(assignment: Assignment, learner: User, answers: list[str], *, when=NOW):
    attempt = assignments.start_attempt(assignment, learner, now=when)
    for given in answers:
        _answer(attempt, given, when=when)
    return attempt


# --- review options --------------------------------------------------------------------

# When each moment is reached: during the attempt, after it (before the due date), and
# after the due date.
MOMENTS = {
    "answer": {"during": True, "after the attempt": True, "after the due date": True},
    "attempt": {"during": False, "after the attempt": True, "after the due date": True},
    "due": {"during": False, "after the attempt": False, "after the due date": True},
    "never": {"during": False, "after the attempt": False, "after the due date": False},
}


@pytest.mark.parametrize("item", ["score", "answer", "passage"])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_each_review_option_shows_its_item_from_its_moment_on(
    app: Flask, classroom: Classroom, item: str, moment: str
) -> None:
    others = {"score", "answer", "passage"} - {item}
    with app.app_context():
        assignment = _assignment(
            classroom, **{f"show_{item}": moment}, **{f"show_{o}": "never" for o in others}
        )
        learner = db.session.get(User, classroom.learner_id)
        # Before an attempt: nothing of it to show, and no grade.
        before = assignments.assignment_status(assignment, learner, NOW)
        assert before.attempts == [] and before.grade is None and not before.grade_shown
        attempt = _attempt(assignment, learner, RIGHT[:2])
        seen = {
            "during": assignments.assignment_status(assignment, learner, NOW).shown(attempt),
        }
        for given in RIGHT[2:]:
            _answer(attempt, given)
        assert attempt.submitted_at == NOW
        seen["after the attempt"] = assignments.assignment_status(
            assignment, learner, NOW + timedelta(hours=1)
        ).shown(attempt)
        seen["after the due date"] = assignments.assignment_status(
            assignment, learner, DUE + timedelta(minutes=1)
        ).shown(attempt)
        for when, shown in seen.items():
            assert getattr(shown, item) is MOMENTS[moment][when], when
            assert not any(getattr(shown, other) for other in others), when
        # The learner's grade shows when the score does.
        after = assignments.assignment_status(assignment, learner, NOW + timedelta(hours=1))
        assert after.grade == 1.0
        assert after.grade_shown is (item == "score" and MOMENTS[moment]["after the attempt"])


def test_an_unfinished_attempt_shows_no_more_than_during_after_the_due_date(
    app: Flask, classroom: Classroom
) -> None:
    with app.app_context():
        assignment = _assignment(classroom, show_score="due", show_answer="due")
        learner = db.session.get(User, classroom.learner_id)
        attempt = _attempt(assignment, learner, RIGHT[:2])
        shown = review.shown(assignment, attempt, DUE + timedelta(days=1))
        assert not shown.score and not shown.answer  # still open: it can be finished late


def test_the_default_shows_the_score_only_while_attempts_are_left(
    app: Flask, classroom: Classroom
) -> None:
    assignment_id = make_assignment(app, classroom.class_id, classroom.set_id, show_answer=None)
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        assert (assignment.show_score, assignment.show_answer, assignment.show_passage) == (
            "attempt",
            "due",
            "due",
        )
        assert assignment.grading == "best"


@pytest.mark.parametrize(
    ("option", "message"),
    [({"show_answer": "soon"}, "review option"), ({"grading": "median"}, "grading method")],
)
def test_unknown_review_options_and_grading_methods_are_refused(
    app: Flask, classroom: Classroom, option: dict[str, str], message: str
) -> None:
    with app.app_context():
        assignment = db.session.get(Assignment, classroom.assignment_id)
        with pytest.raises(ValueError, match=message):
            assignments.create_assignment(
                assignment.school_class,
                assignment.question_set,
                opens_at=NOW,
                due_at=DUE,
                max_attempts=1,
                now=NOW,
                **option,
            )


# --- grading methods -------------------------------------------------------------------

# Three attempts scoring 0.8, 1.0 and 0.6 (one, none and two wrong answers).
ATTEMPTS = [
    ["1990", *RIGHT[1:]],
    RIGHT,
    ["1990", "1990", *RIGHT[2:]],
]


@pytest.mark.parametrize(
    ("method", "grade", "counted"),
    [("best", 1.0, [2]), ("last", 0.6, [3]), ("first", 0.8, [1]), ("average", 0.8, [1, 2, 3])],
)
def test_each_grading_method_counts_its_attempts(
    app: Flask, classroom: Classroom, method: str, grade: float, counted: list[int]
) -> None:
    with app.app_context():
        assignment = _assignment(classroom, grading=method)
        learner = db.session.get(User, classroom.learner_id)
        for answers in ATTEMPTS:
            _attempt(assignment, learner, answers)
        status = assignments.assignment_status(assignment, learner, NOW)
        assert [attempt.score for attempt in status.submitted] == [0.8, 1.0, 0.6]
        assert status.grade == pytest.approx(grade)
        assert [attempt.number for attempt in status.counted] == counted


def test_an_attempt_in_progress_does_not_count(app: Flask, classroom: Classroom) -> None:
    with app.app_context():
        assignment = _assignment(classroom, grading="last")
        learner = db.session.get(User, classroom.learner_id)
        _attempt(assignment, learner, RIGHT)
        _attempt(assignment, learner, ["1990"])
        status = assignments.assignment_status(assignment, learner, NOW)
        assert status.current is not None and status.grade == 1.0


# --- the learner's pages and the API ----------------------------------------------------


def _answer_page(client: FlaskClient, assignment_id: int, answer: str) -> str:
    from app.test_teacher import answer_next

    response = answer_next(client, assignment_id, answer=answer)
    assert response.status_code == 302
    return client.get(response.location).text


def test_answers_hidden_until_the_due_date_stay_hidden_on_every_page_and_the_api(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    with app.app_context():
        assignment = db.session.get(Assignment, classroom.assignment_id)
        assignment.show_score = "attempt"
        assignment.show_answer = assignment.show_passage = "due"
        db.session.commit()
    from app.test_api import bearer, make_token

    auth.login_as_learner()
    api = bearer(make_token(app, classroom.learner_id, "read"))
    url = f"/assignments/{classroom.assignment_id}"
    client.post(f"{url}/attempts")
    result = _answer_page(client, classroom.assignment_id, "1990")
    assert 'id="answer-recorded"' in result
    assert "8 November 2020" not in result and 'id="score"' not in result
    assert 'id="evidence"' not in result
    reviews = client.get("/api/v1/reviews", headers=api).get_json()["items"]
    assert reviews[0]["expected"] is None and reviews[0]["score"] is None
    for given in RIGHT[1:]:
        _answer_page(client, classroom.assignment_id, given)
    page = client.get(url).text
    # After the attempt: the score, not the right answers.
    assert 'id="best-score">Your grade: <strong>80%' in page
    assert "8 November 2020" not in page and "Right answer" not in page
    assert 'id="start-attempt"' in page  # an attempt is left
    reviews = client.get("/api/v1/reviews", headers=api).get_json()["items"]
    assert {r["score"] for r in reviews} == {0.0, 1.0} and {r["expected"] for r in reviews} == {
        None
    }
    with app.app_context():
        assignment = db.session.get(Assignment, classroom.assignment_id)
        assignment.opens_at, assignment.due_at = NOW - timedelta(days=1), NOW  # long past
        db.session.commit()
    page = client.get(url).text
    assert "8 November 2020" in page and "Right answer" in page


# --- overrides and the gradebook --------------------------------------------------------


def test_an_override_replaces_the_grade_keeps_the_computed_one_and_can_be_removed(
    app: Flask, classroom: Classroom
) -> None:
    from quizapp.models import GradeOverride
    from quizapp.teaching import gradebook

    outsider_id = add_user(app, "outsider@example.org")
    with app.app_context():
        assignment = _assignment(classroom)
        learner = db.session.get(User, classroom.learner_id)
        teacher = db.session.get(User, classroom.teacher_id)
        _attempt(assignment, learner, ATTEMPTS[0])  # 80 %
        gradebook.set_override(
            assignment, learner, teacher, grade_percent=95, comment=" Oral check. ", now=NOW
        )
        db.session.commit()
        stored = db.session.scalars(select(GradeOverride)).one()
        assert (stored.score, stored.comment, stored.set_by) == (0.95, "Oral check.", teacher.id)
        status = assignments.assignment_status(assignment, learner, NOW)
        assert status.grade == pytest.approx(0.8) and status.final_grade == 0.95
        # Setting it again changes the one row.
        gradebook.set_override(assignment, learner, teacher, grade_percent=60, comment="", now=NOW)
        assert db.session.scalars(select(GradeOverride)).one().score == 0.6
        rows = list(csv.reader(io.StringIO(results.grades_csv(assignment, NOW))))
        assert rows[1][3:7] == ["60", "80", "yes", ""]
        for bad, message in ((150.0, "0 to 100"), (float("nan"), "0 to 100")):
            with pytest.raises(gradebook.OverrideError, match=message):
                gradebook.set_override(
                    assignment, learner, teacher, grade_percent=bad, comment="", now=NOW
                )
        with pytest.raises(gradebook.OverrideError, match="limited"):
            gradebook.set_override(
                assignment, learner, teacher, grade_percent=50, comment="x" * 1001, now=NOW
            )
        with pytest.raises(gradebook.OverrideError, match="not in the class"):
            gradebook.set_override(
                assignment,
                db.session.get(User, outsider_id),
                teacher,
                grade_percent=50,
                comment="",
                now=NOW,
            )
        assert db.session.scalars(select(GradeOverride)).one().score == 0.6  # unchanged
        assert (
            gradebook.set_override(
                assignment, learner, teacher, grade_percent=None, comment="", now=NOW
            )
            is None
        )
        assert db.session.scalars(select(GradeOverride)).all() == []
        assert assignments.assignment_status(assignment, learner, NOW).final_grade == 0.8


def _gradebook_class(app: Flask, classroom: Classroom) -> tuple[int, int, int]:
    """Three learners, two assignments: the first past due, the second open.

    learner: 100 % on the first, 80 % on the second; ann: 60 % on the first (late),
    nothing on the second; zed: nothing at all. Returns ann's, zed's and the second
    assignment's ids."""
    ann_id = add_user(app, "ann@example.org")
    zed_id = add_user(app, "zed@example.org")
    join(app, ann_id, classroom.class_id)
    join(app, zed_id, classroom.class_id)
    second_id = make_assignment(app, classroom.class_id, classroom.set_id)
    with app.app_context():
        first = _assignment(classroom)
        second = db.session.get(Assignment, second_id)
        second.opens_at, second.due_at = NOW - timedelta(days=1), NOW + timedelta(days=30)
        learner = db.session.get(User, classroom.learner_id)
        _attempt(first, learner, RIGHT)
        _attempt(second, learner, ATTEMPTS[0])
        _attempt(first, db.session.get(User, ann_id), ATTEMPTS[2], when=DUE + timedelta(hours=1))
        db.session.commit()
    return ann_id, zed_id, second_id


def test_the_gradebook_totals_counts_missing_work_after_the_due_date_and_sorts(
    app: Flask, classroom: Classroom
) -> None:
    from quizapp.models import SchoolClass
    from quizapp.teaching import gradebook

    ann_id, zed_id, second_id = _gradebook_class(app, classroom)
    later = DUE + timedelta(days=1)  # the first is past due, the second is not
    with app.app_context():
        school_class = db.session.get(SchoolClass, classroom.class_id)
        book = gradebook.gradebook(school_class, later)
        assert [a.id for a in book.assignments] == [classroom.assignment_id, second_id]
        by_name = {row.learner.email: row for row in book.rows}
        assert [row.learner.email for row in book.rows] == [
            "ann@example.org",
            "learner@example.org",
            "zed@example.org",
        ]
        assert by_name["learner@example.org"].total == pytest.approx(0.9)
        assert by_name["ann@example.org"].total == pytest.approx(0.6)  # the open one waits
        assert by_name["ann@example.org"].cells[0].late
        assert by_name["zed@example.org"].total == 0.0  # missing work past due
        assert book.average(0) == pytest.approx(0.8) and book.average(1) == pytest.approx(0.8)
        # Before the first due date nobody's missing work counts.
        assert gradebook.gradebook(school_class, NOW).rows[2].total is None
        by_total = gradebook.gradebook(school_class, later, sort="total", descending=True)
        assert [row.learner.email for row in by_total.rows] == [
            "learner@example.org",
            "ann@example.org",
            "zed@example.org",
        ]
        # Sorting by an assignment puts learners without a grade in it last, either way.
        column = gradebook.gradebook(school_class, later, sort=f"a{second_id}")
        assert column.rows[0].learner.email == "learner@example.org"
        assert gradebook.gradebook(school_class, later, sort="bogus").sort == "name"
        gradebook.set_override(
            db.session.get(Assignment, classroom.assignment_id),
            db.session.get(User, ann_id),
            db.session.get(User, classroom.teacher_id),
            grade_percent=70,
            comment="=cmd",
            now=later,
        )
        rows = list(
            csv.reader(
                io.StringIO(gradebook.gradebook_csv(gradebook.gradebook(school_class, later)))
            )
        )
        assert rows[0][:3] == [
            "name",
            "email",
            f"Shusha and after (#{classroom.assignment_id}) final %",
        ]
        assert rows[0][-1] == "total %" and len(rows) == 4
        ann = rows[1]
        assert ann[1] == "ann@example.org"
        assert ann[2:7] == ["70", "60", "yes", "yes", "'=cmd"]
        assert ann[-1] == "70"


def test_the_teacher_overrides_a_grade_and_the_learner_reads_it(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    _gradebook_class(app, classroom)
    auth.login_as_teacher()
    base = f"/teach/assignments/{classroom.assignment_id}/learners/{classroom.learner_id}"
    bad = client.post(f"{base}/grade", data={"grade": "101", "comment": "no"})
    assert bad.status_code == 400 and 'id="override-form"' in bad.text
    done = client.post(f"{base}/grade", data={"grade": "55", "comment": "Copied answers."})
    assert done.status_code == 302
    page = client.get(base).text
    assert 'id="final-grade"' in page and "55%" in page
    book = client.get(f"/teach/classes/{classroom.class_id}/gradebook?sort=total&order=desc")
    assert book.status_code == 200
    cell = re.search(
        rf'id="cell-{classroom.learner_id}-{classroom.assignment_id}">(.*?)</td>', book.text, re.S
    )
    assert cell and "55%" in cell.group(1) and "computed 100%" in cell.group(1)
    download = client.get(f"/teach/classes/{classroom.class_id}/gradebook.csv")
    assert (
        download.mimetype == "text/csv" and "attachment" in download.headers["Content-Disposition"]
    )
    rows = list(csv.reader(io.StringIO(download.data.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == [
        "ann@example.org",
        "learner@example.org",
        "zed@example.org",
    ]
    auth.logout()
    auth.login_as_learner()
    mine = client.get(f"/assignments/{classroom.assignment_id}").text
    assert 'id="grade-override"' in mine and "55%" in mine and "Copied answers." in mine


# --- a corrected answer key and re-grading ----------------------------------------------


def test_a_corrected_key_grades_new_answers_and_regrades_old_ones_on_request(
    app: Flask, classroom: Classroom, sample_bank
) -> None:
    import dataclasses

    from quizapp.models import AnswerRegrade, Question, QuestionEdit
    from quizapp.sources.importer import import_bank
    from quizapp.teaching import curation, regrading

    admin_id = add_user(app, "admin@example.org", is_admin=True)
    with app.app_context():
        assignment = _assignment(classroom, show_score="answer", show_answer="answer")
        learner = db.session.get(User, classroom.learner_id)
        admin = db.session.get(User, admin_id)
        teacher = db.session.get(User, classroom.teacher_id)
        # Say the bank's key for Shusha (8 November 2020) is wrong, and 1 January 2019 is right.
        first = _attempt(assignment, learner, ["1 Jan 2019", *RIGHT[1:]])
        assert first.score == pytest.approx(0.8)
        shusha = assignments.next_question(assignments.start_attempt(assignment, learner, now=NOW))
        assert shusha is not None and shusha.bank_id == "q-0000b001"
        with pytest.raises(curation.EditNotAllowedError):
            curation.correct_key(shusha, teacher, text="1 Jan 2019", granularity="", now=NOW)
        for text, granularity, message in (
            ("someday", "", "as a date"),
            ("2020", "day", "cannot be asked as a day"),
        ):
            with pytest.raises(curation.InvalidEditError, match=message):
                curation.correct_key(shusha, admin, text=text, granularity=granularity, now=NOW)
        curation.correct_key(shusha, admin, text="1 January 2019", granularity="", now=NOW)
        db.session.commit()
        assert shusha.answer == {
            "date": "2019-01-01",
            "granularity": "day",
            "text": "1 January 2019",
        }
        edit = db.session.scalars(select(QuestionEdit)).one()
        assert edit.generated["answer"]["date"] == "2020-11-08"  # the bank's key underneath
        # The second attempt is graded against the corrected key.
        second = assignments.assignment_status(assignment, learner, NOW).current
        _answer(second, "1 Jan 2019")
        assert second.answers[0].review.score == 1.0
        # The first attempt's answer waits for a re-grade, which the teacher cannot ask.
        pending = regrading.pending_regrades(shusha)
        assert [p.answer.attempt_id for p in pending] == [first.id]
        with pytest.raises(curation.EditNotAllowedError):
            regrading.regrade_question(shusha, teacher, now=NOW)
        done = regrading.regrade_question(shusha, admin, now=NOW + timedelta(hours=1))
        db.session.commit()
        stored = db.session.scalars(select(AnswerRegrade)).one()
        assert (stored.old_score, stored.new_score) == (0.0, 1.0)
        assert stored.old_expected == "8 November 2020" and stored.new_expected == "1 January 2019"
        assert stored.attempt_score_before == pytest.approx(0.8)
        assert stored.attempt_score_after == 1.0 and first.score == 1.0
        assert done == [stored] and regrading.pending_regrades(shusha) == []
        assert regrading.attempt_regraded(first) == (pytest.approx(0.8), 1.0)
        assert first.answers[0].review.correct
        # Nothing more to re-grade: a second request records nothing.
        assert regrading.regrade_question(shusha, admin, now=NOW) == []
        rows = list(csv.reader(io.StringIO(results.grades_csv(assignment, NOW))))
        assert rows[1][7] == "attempt 1: 80 -> 100"
        # A re-import that changes the bank's key keeps the correction and says so.
        changed = dataclasses.replace(
            sample_bank.questions[0],
            answer=dataclasses.replace(
                sample_bank.questions[0].answer, date="2020-11-09", text="9 November 2020"
            ),
        )
        bank = dataclasses.replace(sample_bank, questions=(changed,) + sample_bank.questions[1:])
        import_bank(bank, now=NOW + timedelta(days=1))
        db.session.commit()
        shusha = db.session.get(Question, shusha.id)
        assert shusha.answer["date"] == "2019-01-01"
        curated = curation.curation_for(shusha, admin)
        assert curated.source_changed and curated.generated["answer"]["date"] == "2020-11-09"
        # Typing the generated key again drops the correction.
        curation.correct_key(shusha, admin, text="9 November 2020", granularity="", now=NOW)
        assert shusha.answer["date"] == "2020-11-09"
        assert db.session.scalars(select(QuestionEdit)).all() == []


def test_a_key_can_be_narrowed_and_a_choice_key_is_an_option(app: Flask, imported: int) -> None:
    from quizapp.models import Question
    from quizapp.teaching import curation

    admin_id = add_user(app, "admin@example.org", is_admin=True)
    with app.app_context():
        admin = db.session.get(User, admin_id)
        date = db.session.scalars(select(Question).where(Question.bank_id == "q-0000b001")).one()
        curation.correct_key(date, admin, text="8 Nov 2020", granularity="month", now=NOW)
        assert date.answer == {"date": "2020-11", "granularity": "month", "text": "November 2020"}
        choice = db.session.scalars(select(Question).where(Question.bank_id == "q-0000b003")).one()
        with pytest.raises(curation.InvalidEditError, match="one of its options"):
            curation.correct_key(choice, admin, text="1 January 1999", granularity="", now=NOW)
        other = next(c for c in choice.choices if c != "October 2020")
        curation.correct_key(choice, admin, text=other.lower(), granularity="", now=NOW)
        assert choice.answer["text"] == other
        order = db.session.scalars(select(Question).where(Question.kind == "order")).first()
        with pytest.raises(curation.InvalidEditError, match="order"):
            curation.correct_key(order, admin, text="2020", granularity="", now=NOW)


def test_the_owner_corrects_a_key_on_the_question_page_and_regrades(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    from quizapp.models import Question

    admin_id = add_user(app, "admin@example.org", is_admin=True)
    auth.login_as_learner()
    client.post(f"/assignments/{classroom.assignment_id}/attempts")
    _answer_page(client, classroom.assignment_id, "1 Jan 2019")
    auth.logout()
    with app.app_context():
        shusha_id = db.session.scalars(
            select(Question.id).where(Question.bank_id == "q-0000b001")
        ).one()
    auth.login_as_teacher()  # not the bundled document's curator
    page = client.get(f"/teach/questions/{shusha_id}").text
    assert 'id="key-form"' not in page
    refused = client.post(f"/teach/questions/{shusha_id}/key", data={"answer": "1 Jan 2019"})
    assert refused.status_code == 403
    auth.logout()
    with app.app_context():
        email = db.session.get(User, admin_id).email
    auth.login(email)
    page = client.get(f"/teach/questions/{shusha_id}").text
    assert 'id="key-form"' in page and 'id="evidence"' in page
    bad = client.post(f"/teach/questions/{shusha_id}/key", data={"answer": "soon"})
    assert bad.status_code == 400 and "as a date" in bad.text
    done = client.post(
        f"/teach/questions/{shusha_id}/key", data={"answer": "1 Jan 2019", "granularity": ""}
    )
    assert done.status_code == 302
    page = client.get(f"/teach/questions/{shusha_id}").text
    assert 'id="key-corrected"' in page and 'id="regrade-answers"' in page
    assert client.post(f"/teach/questions/{shusha_id}/regrade").status_code == 302
    page = client.get(f"/teach/questions/{shusha_id}").text
    assert 'id="regrade-answers"' not in page
    auth.logout()
    auth.login_as_teacher()
    answers = client.get(
        f"/teach/assignments/{classroom.assignment_id}/learners/{classroom.learner_id}"
    ).text
    assert "re-graded" in answers and "0% → 100%" in answers and "was 8 November 2020" in answers


# --- time zones -----------------------------------------------------------------------


def test_wall_clock_times_convert_in_the_zone_and_skipped_ones_are_refused() -> None:
    from datetime import UTC, datetime

    from quizapp.platform import timezones

    winter = timezones.to_utc(datetime(2026, 12, 8, 23, 59), "Europe/Berlin")
    assert winter == datetime(2026, 12, 8, 22, 59, tzinfo=UTC)
    summer = timezones.to_utc(datetime(2026, 7, 1, 12, 0), "Europe/Berlin")
    assert summer == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert timezones.in_zone(winter, "Europe/Berlin") == "08 Dec 2026 23:59 CET"
    assert timezones.in_zone(summer, "America/New_York") == "01 Jul 2026 06:00 EDT"
    assert timezones.local_time(winter, "Europe/Berlin") == datetime(2026, 12, 8, 23, 59)
    with pytest.raises(timezones.NonexistentTimeError, match="does not exist"):
        timezones.to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Berlin")  # clocks skip it
    # Twice in the night the clocks go back: the first is meant.
    assert timezones.to_utc(datetime(2026, 10, 25, 2, 30), "Europe/Berlin") == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )
    assert timezones.is_zone("Europe/Berlin") and not timezones.is_zone("Mars/Olympus")
    assert timezones.zone_names()[0] == "UTC"


def test_a_class_takes_its_teachers_zone_unless_told(app: Flask) -> None:
    from quizapp.teaching import classes

    teacher_id = add_user(app, "t@example.org", role="teacher", time_zone="Asia/Tokyo")
    with app.app_context():
        teacher = db.session.get(User, teacher_id)
        assert classes.create_class(teacher, "A", now=NOW).timezone == "Asia/Tokyo"
        other = classes.create_class(teacher, "B", now=NOW, timezone="Europe/Berlin")
        assert other.timezone == "Europe/Berlin"
        with pytest.raises(ValueError, match="time zone"):
            classes.create_class(teacher, "C", now=NOW, timezone="Mars/Olympus")


def test_dates_are_entered_and_shown_in_the_class_zone(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    from datetime import UTC, datetime

    from quizapp.models import SchoolClass

    teacher_id = auth.login_as_teacher()
    assert (
        client.post(
            "/settings",
            data={
                "desired_retention": "0.9",
                "new_per_day": "10",
                "reviews_per_day": "200",
                "date_order": "day_first",
                "time_zone": "Europe/Berlin",
            },
        ).status_code
        == 302
    )
    assert '<option selected value="Europe/Berlin">' in client.get("/teach/classes/new").text
    created = client.post(
        "/teach/classes/new", data={"name": "Berlin 9", "timezone": "Europe/Berlin"}
    )
    assert created.status_code == 302
    refused = client.post(
        f"/teach/classes/{classroom.class_id}/timezone", data={"timezone": "Mars/Olympus"}
    )
    assert refused.status_code == 400
    moved = client.post(
        f"/teach/classes/{classroom.class_id}/timezone", data={"timezone": "Europe/Berlin"}
    )
    assert moved.status_code == 302
    url = f"/teach/classes/{classroom.class_id}/assign"
    assert "Due (Europe/Berlin)" in client.get(url).text
    form = {
        "set_id": str(classroom.set_id),
        "opens_at": "2026-12-01T08:00",
        "due_at": "2026-12-08T23:59",
        "max_attempts": "1",
    }
    assert client.post(url, data=form).status_code == 302
    skipped = client.post(url, data={**form, "due_at": "2027-03-28T02:30"})
    assert skipped.status_code == 200 and "does not exist in Europe/Berlin" in skipped.text
    with app.app_context():
        school_class = db.session.get(SchoolClass, classroom.class_id)
        assert school_class.timezone == "Europe/Berlin" and school_class.teacher_id == teacher_id
        newest = max(school_class.assignments, key=lambda a: a.id)
        assert newest.due_at == datetime(2026, 12, 8, 22, 59, tzinfo=UTC)  # stored in UTC
        assert newest.opens_at == datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
        newest_id = newest.id
    assert "08 Dec 2026 23:59 CET" in client.get(f"/teach/classes/{classroom.class_id}").text
    auth.logout()
    auth.login_as_learner()
    assert "08 Dec 2026 23:59 CET" in client.get(f"/assignments/{newest_id}").text
    assert "08 Dec 2026 23:59 CET" in client.get("/").text


def test_a_pending_questions_page_says_pending_not_retired(
    app: Flask, client: FlaskClient, auth
) -> None:
    from conftest import make_upload

    from quizapp.models import Question

    teacher_id = auth.login_as_teacher()
    source_id = make_upload(app, teacher_id, accept=())
    with app.app_context():
        pending = db.session.scalars(
            select(Question).where(Question.source_id == source_id)
        ).first()
        assert pending is not None and pending.retired  # held back from learners
        pending_id = pending.id
    page = client.get(f"/teach/questions/{pending_id}").text
    assert 'id="pending"' in page and "not accepted yet" in page
    assert "retired: asked to no one" not in page
    client.post(f"/teach/questions/{pending_id}/retire")
    assert "retired: asked to no one" in client.get(f"/teach/questions/{pending_id}").text


# --- the daily quiz keeps what an assignment keeps -------------------------------------


@pytest.mark.parametrize(
    ("show_answer", "due_in_days", "withheld"),
    [
        ("due", 7, True),  # the default: answers after the due date
        ("attempt", 7, True),
        ("never", -1, True),
        ("due", -1, False),  # past the due date the answers are out
        ("answer", 7, False),  # shown after each answer anyway
    ],
)
def test_the_daily_quiz_neither_asks_nor_grades_a_fact_whose_answer_an_assignment_keeps(
    app: Flask, classroom: Classroom, show_answer: str, due_in_days: int, withheld: bool
) -> None:
    from quizapp.learning.scheduling import next_item

    with app.app_context():
        assignment = db.session.get(Assignment, classroom.assignment_id)
        assert assignment is not None
        assignment.show_answer = show_answer
        assignment.due_at = NOW + timedelta(days=due_in_days)
        learner = db.session.get(User, classroom.learner_id)
        assert learner is not None
        db.session.commit()
        assigned = set(classroom.question_ids)
        facts = {
            q.fact for q in db.session.scalars(select(Question).where(Question.id.in_(assigned)))
        }
        item = next_item(learner, NOW)
        asked = item is not None and item.question.fact in facts
        assert asked is not withheld
        if withheld:
            # The quiz's answer form, sent by hand for an assigned question: not graded.
            with pytest.raises(answering.QuestionNotAskedError):
                answering.answer_question(
                    learner,
                    classroom.question_ids[0],
                    "8 Nov 2020",
                    card_version=0,
                    duration_ms=None,
                    scheduler=Scheduler(),
                    now=NOW,
                )
            assert db.session.scalar(select(func.count(Review.id))) == 0

"""The teaching services on their own: classes, question edits across re-imports, set
building, attempts, item analysis, retention and grades."""

from __future__ import annotations

import csv
import dataclasses
import io
import random
from datetime import date, timedelta

import pytest
from conftest import NOW, Classroom, add_user, join, make_assignment
from flask import Flask
from fsrs import Scheduler
from sqlalchemy import func, select

from question_bank import DateValue
from quizapp.extensions import db
from quizapp.learning import answering
from quizapp.learning.scheduling import StaleAnswerError
from quizapp.learning.scoring import grade_answer
from quizapp.models import (
    Assignment,
    AssignmentAnswer,
    AssignmentAttempt,
    Card,
    Question,
    QuestionEdit,
    QuestionSet,
    Review,
    SchoolClass,
    Source,
    User,
)
from quizapp.sources.importer import import_bank
from quizapp.teaching import assignments, classes, curation, question_sets, results


def user(email: str) -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


def question(bank_id: str) -> Question:
    return db.session.scalars(select(Question).where(Question.bank_id == bank_id)).one()


SCHEDULER = Scheduler(enable_fuzzing=False)


def fixed_assignment(classroom: Classroom) -> Assignment:
    """The classroom's assignment, open from a day before :data:`NOW` to a week after."""
    assignment = db.session.get(Assignment, classroom.assignment_id)
    assignment.opens_at, assignment.due_at = NOW - timedelta(days=1), NOW + timedelta(days=7)
    return assignment


# --- classes -------------------------------------------------------------------------


def test_join_codes_are_unambiguous_and_joining_is_idempotent(app: Flask) -> None:
    teacher_id = add_user(app, "t@example.org", role="teacher")
    add_user(app, "a@example.org")
    with app.app_context():
        teacher = db.session.get(User, teacher_id)
        first = classes.create_class(teacher, " Year 9 ", now=NOW, rng=random.Random(1))
        second = classes.create_class(teacher, "Year 10", now=NOW, rng=random.Random(1))
        assert first.name == "Year 9" and len(first.join_code) == 8
        assert set(first.join_code) <= set(classes.JOIN_CODE_ALPHABET)
        assert not set(first.join_code) & set("01OI")
        assert second.join_code != first.join_code  # same seed, still unique
        learner = user("a@example.org")
        code = first.join_code.lower()
        assert classes.join_class(learner, f"{code[:4]} {code[4:]}", now=NOW) == (first, True)
        assert classes.join_class(learner, code, now=NOW) == (first, False)
        classes.join_class(learner, second.join_code, now=NOW)
        assert classes.learner_classes(learner) == [second, first]  # by name
        with pytest.raises(classes.UnknownJoinCodeError):
            classes.join_class(learner, "", now=NOW)
        with pytest.raises(classes.OwnClassError):
            classes.join_class(teacher, first.join_code, now=NOW)
        assert classes.roster(first) == [learner]
        assert classes.remove_member(first, learner.id) and not classes.is_member(first, learner)


# --- question edits and re-imports ----------------------------------------------------


def _reimport(sample_bank, **changes) -> None:
    """Import the sample bank with the first question's fields changed."""
    changed = dataclasses.replace(sample_bank.questions[0], **changes)
    bank = dataclasses.replace(sample_bank, questions=(changed,) + sample_bank.questions[1:])
    import_bank(bank, now=NOW + timedelta(days=1))
    db.session.commit()


def test_an_edit_survives_a_reimport_that_does_not_touch_it(
    app: Flask, sample_bank, imported: int
) -> None:
    teacher_id = add_user(app, "t@example.org", is_admin=True)
    with app.app_context():
        shusha = question("q-0000b001")
        curation.save_edit(
            shusha,
            db.session.get(User, teacher_id),
            prompt="When did Shusha fall to Azerbaijani forces?",
            accept=["the 8th of November"],
            choices=[],
            now=NOW,
        )
        db.session.commit()
        summary = import_bank(sample_bank, now=NOW + timedelta(days=1))
        db.session.commit()
        assert summary.unchanged == 5
        shusha = question("q-0000b001")
        assert shusha.prompt == "When did Shusha fall to Azerbaijani forces?"
        assert shusha.accept == ["the 8th of November"]
        assert (
            curation.curation_for(shusha, db.session.get(User, teacher_id)).source_changed is False
        )
        grade = grade_answer(shusha, "The 8th of November", day_first=True, duration_ms=None)
        assert grade.correct  # the teacher's accepted answer grades


def test_a_reimport_that_changes_the_source_keeps_the_edit_and_says_so(
    app: Flask, sample_bank, imported: int
) -> None:
    teacher_id = add_user(app, "t@example.org", is_admin=True)
    with app.app_context():
        teacher = db.session.get(User, teacher_id)
        curation.save_edit(
            question("q-0000b001"),
            teacher,
            prompt="When did Shusha fall?",
            accept=[],
            choices=[],
            now=NOW,
        )
        db.session.commit()
        _reimport(sample_bank, prompt="On what day did Azerbaijan take Shusha?")
        shusha = question("q-0000b001")
        curated = curation.curation_for(shusha, teacher)
        assert shusha.prompt == "When did Shusha fall?"  # never overwritten silently
        assert curated.source_changed and curated.edit.source_changed_at == NOW + timedelta(days=1)
        assert curated.generated["prompt"] == "On what day did Azerbaijan take Shusha?"
        # Importing the same bank again is idempotent and keeps the mark.
        summary = import_bank(
            dataclasses.replace(
                sample_bank,
                questions=(
                    dataclasses.replace(
                        sample_bank.questions[0], prompt="On what day did Azerbaijan take Shusha?"
                    ),
                )
                + sample_bank.questions[1:],
            ),
            now=NOW + timedelta(days=2),
        )
        assert summary.unchanged == 5
        assert curation.keep_edit(shusha, teacher)
        assert not curation.curation_for(shusha, teacher).source_changed
        # Dropping the edit takes the new generated prompt.
        curation.revert_edit(shusha, teacher, now=NOW)
        assert shusha.prompt == "On what day did Azerbaijan take Shusha?"


def test_a_curators_retirement_survives_a_reimport(app: Flask, sample_bank, imported: int) -> None:
    teacher_id = add_user(app, "t@example.org", is_admin=True)
    with app.app_context():
        curation.set_retired(
            question("q-0000b003"), db.session.get(User, teacher_id), True, now=NOW
        )
        db.session.commit()
        summary = import_bank(sample_bank, now=NOW)
        db.session.commit()
        assert summary.unchanged == 5 and question("q-0000b003").retired


def test_an_edit_back_to_the_generated_values_drops_the_edit(app: Flask, imported: int) -> None:
    teacher_id = add_user(app, "t@example.org", is_admin=True)
    with app.app_context():
        teacher = db.session.get(User, teacher_id)
        choice = question("q-0000b003")
        generated = list(choice.choices)
        curation.save_edit(
            choice, teacher, prompt=choice.prompt, accept=[], choices=generated[:2], now=NOW
        )
        assert db.session.scalars(select(QuestionEdit)).one().choices == generated[:2]
        result = curation.save_edit(
            choice, teacher, prompt=choice.prompt, accept=[], choices=generated, now=NOW
        )
        assert result is None and choice.choices == generated
        assert db.session.scalar(select(func.count(QuestionEdit.id))) == 0


@pytest.mark.parametrize(
    ("prompt", "choices", "message"),
    [
        ("", ["October 2020", "May 2020"], "cannot be empty"),
        ("When?", ["October 2020"], "from 2 to 8 options"),
        ("When?", ["May 2020", "June 2020"], "must include the right answer"),
        ("When?", ["October 2020", "october 2020 "], "read the same"),
    ],
)
def test_an_edit_that_would_break_a_choice_question_is_refused(
    app: Flask, imported: int, prompt: str, choices: list[str], message: str
) -> None:
    teacher_id = add_user(app, "t@example.org", role="teacher")
    with app.app_context():
        with pytest.raises(curation.InvalidEditError, match=message):
            curation.save_edit(
                question("q-0000b003"),
                db.session.get(User, teacher_id),
                prompt=prompt,
                accept=[],
                choices=choices,
                now=NOW,
            )


# --- question sets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bank_id", "expected"),
    [
        ("q-0000b001", ((2020, 11, 8), (2020, 11, 8))),
        ("q-0000b002", ((2020, 9, 27), (2020, 11, 10))),
        ("q-0000b003", ((2020, 10, 1), (2020, 10, 31))),
        ("q-0000b004", ((2020, 9, 27), (2020, 11, 10))),
    ],
)
def test_question_dates_cover_whole_months_and_ranges(
    app: Flask, imported: int, bank_id: str, expected: tuple[tuple[int, int, int], ...]
) -> None:
    with app.app_context():
        assert question_sets.question_dates(question(bank_id)) == expected


def test_filters_combine(app: Flask, imported: int) -> None:
    with app.app_context():
        found = question_sets.filter_questions(
            imported,
            question_sets.QuestionFilter(
                date_from=DateValue("2020-10", "month"),
                date_to=DateValue("2020-12", "month"),
                disputed=False,
            ),
        )
        assert [q.bank_id for q in found] == ["q-0000b001", "q-0000b003"]
        hard = question_sets.QuestionFilter(difficulty_min=0.45, difficulty_max=0.55)
        assert sorted(q.bank_id for q in question_sets.filter_questions(imported, hard)) == [
            "q-0000b002",
            "q-0000b005",
        ]


def test_adding_skips_foreign_retired_and_present_questions_and_moving_renumbers(
    app: Flask, imported: int
) -> None:
    teacher_id = add_user(app, "t@example.org", role="teacher")
    with app.app_context():
        question_set = question_sets.create_set(
            db.session.get(User, teacher_id), db.session.get(Source, imported), "S", "", now=NOW
        )
        question("q-0000b002").retired = True
        ids = [question(f"q-0000b00{i}").id for i in range(1, 6)]
        assert question_sets.add_questions(question_set, ids + [ids[0], 999], now=NOW) == 4
        assert question_sets.add_questions(question_set, ids, now=NOW) == 0
        assert question_sets.move_question(question_set, ids[4], -1, now=NOW)
        assert not question_sets.move_question(question_set, ids[0], -1, now=NOW)
        db.session.commit()
        question_set = db.session.get(QuestionSet, question_set.id)
        assert [item.question_id for item in question_set.items] == [
            ids[0],
            ids[2],
            ids[4],
            ids[3],
        ]
        assert [item.position for item in question_set.items] == [1, 2, 3, 4]


# --- attempts ------------------------------------------------------------------------------


def _answer(attempt: AssignmentAttempt, given: str, *, when, version: int | None = None):
    """Answer the attempt's next question, as the assignment page's form does."""
    q = assignments.next_question(attempt)
    return answering.answer_question(
        attempt.user,
        q.id,
        given,
        card_version=(assignments.card_version(attempt.user, q) if version is None else version),
        duration_ms=None,
        scheduler=SCHEDULER,
        now=when,
        attempt=attempt,
    )


ANSWERS = ["8 Nov 2020", "27 September to 10 November 2020", "October 2020", "1,0,2", "10 Nov 2020"]


def test_attempts_follow_the_rules(app: Flask, classroom: Classroom) -> None:
    with app.app_context():
        assignment = db.session.get(Assignment, classroom.assignment_id)
        assignment.opens_at, assignment.due_at = NOW, NOW + timedelta(days=7)
        learner = db.session.get(User, classroom.learner_id)
        with pytest.raises(assignments.AssignmentError, match="not open"):
            assignments.start_attempt(assignment, learner, now=NOW - timedelta(hours=1))
        attempt = assignments.start_attempt(assignment, learner, now=NOW)
        assert assignments.start_attempt(assignment, learner, now=NOW) is attempt
        for given in ANSWERS[:4]:
            _answer(attempt, given, when=NOW + timedelta(days=8))
        assert attempt.submitted_at is None
        assert assignments.attempt_progress(attempt) == (4, 5)
        _answer(attempt, "9 Nov 2020", when=NOW + timedelta(days=8))  # disputed: right
        assert attempt.submitted_at == NOW + timedelta(days=8) and attempt.late
        assert attempt.score == 1.0
        second = assignments.start_attempt(assignment, learner, now=NOW + timedelta(days=9))
        assert second.number == 2
        for given in ("1999", *ANSWERS[1:]):
            _answer(second, given, when=NOW + timedelta(days=9))
        status = assignments.assignment_status(assignment, learner, NOW + timedelta(days=9))
        assert status.best is attempt and status.attempts_left == 0 and not status.can_start
        with pytest.raises(assignments.AssignmentError, match="every attempt"):
            assignments.start_attempt(assignment, learner, now=NOW + timedelta(days=9))
        # Every answer went through FSRS: 10 reviews on 5 cards.
        assert db.session.scalar(select(func.count(Review.id))) == 10
        assert db.session.scalar(select(func.count(Card.id))) == 5


def test_a_card_answered_in_the_daily_quiz_meanwhile_is_stale(
    app: Flask, classroom: Classroom
) -> None:
    with app.app_context():
        assignment = fixed_assignment(classroom)
        learner = db.session.get(User, classroom.learner_id)
        attempt = assignments.start_attempt(assignment, learner, now=NOW)
        first = assignments.next_question(attempt)
        answer_kwargs = dict(duration_ms=None, scheduler=SCHEDULER, now=NOW)
        daily = answering.answer_question(
            learner, first.id, "8 Nov 2020", card_version=0, **answer_kwargs
        )
        assert daily.attempt is None and not daily.duplicate
        with pytest.raises(StaleAnswerError):
            _answer(attempt, "8 Nov 2020", when=NOW, version=0)
        answer = _answer(attempt, "8 Nov 2020", when=NOW)  # shown again at the new version
        assert not answer.duplicate and answer.review.card_version == 1
        linked = db.session.scalars(select(AssignmentAnswer)).one()
        assert (linked.attempt_id, linked.review_id) == (attempt.id, answer.review.id)
        duplicate = answering.answer_question(
            learner, first.id, "8 Nov 2020", card_version=1, attempt=attempt, **answer_kwargs
        )
        assert duplicate.duplicate and duplicate.review.id == answer.review.id


def test_retired_questions_leave_the_attempt(app: Flask, classroom: Classroom) -> None:
    with app.app_context():
        question("q-0000b004").retired = True
        assignment = fixed_assignment(classroom)
        learner = db.session.get(User, classroom.learner_id)
        attempt = assignments.start_attempt(assignment, learner, now=NOW)
        for given in ("8 Nov 2020", ANSWERS[1], ANSWERS[2], ANSWERS[4]):
            _answer(attempt, given, when=NOW)
        assert attempt.submitted_at is not None and attempt.score == 1.0


def test_learner_assignments_put_unfinished_and_due_soon_first(
    app: Flask, classroom: Classroom
) -> None:
    later = make_assignment(app, classroom.class_id, classroom.set_id)
    outsider_id = add_user(app, "x@example.org")
    with app.app_context():
        first = db.session.get(Assignment, classroom.assignment_id)
        second = db.session.get(Assignment, later)
        first.due_at = NOW + timedelta(days=1)
        second.due_at = NOW + timedelta(hours=2)
        first.opens_at = second.opens_at = NOW - timedelta(days=1)
        learner = db.session.get(User, classroom.learner_id)
        assert [s.assignment.id for s in assignments.learner_assignments(learner, NOW)] == [
            later,
            classroom.assignment_id,
        ]
        attempt = assignments.start_attempt(second, learner, now=NOW)
        for given in ANSWERS:
            _answer(attempt, given, when=NOW)
        assert [s.assignment.id for s in assignments.learner_assignments(learner, NOW)] == [
            classroom.assignment_id,
            later,
        ]
        outsider = db.session.get(User, outsider_id)
        assert assignments.learner_assignment(later, outsider) is None


# --- results ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(1, 4), (1, 3), (0, 1), (0, 0)], 0.95),
        ([(0, 4), (0, 3), (1, 1), (1, 0)], -0.95),
        ([(1, 4), (1, 0)], None),  # everyone right: no variance
        ([(1, 4)], None),
    ],
)
def test_item_rest_correlation(pairs, expected) -> None:
    value = results.item_rest_correlation(pairs)
    assert (value is None and expected is None) or round(value, 2) == expected


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1", "'+33 1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ana María", "Ana María"),
        (80, "80"),
        (None, ""),
    ],
)
def test_spreadsheet_safe(cell, safe) -> None:
    assert results.spreadsheet_safe(cell) == safe


@pytest.fixture
def class_of_six(app: Flask, classroom: Classroom) -> Classroom:
    """The classroom, where six learners answered the first attempt: the three strong ones
    got the Shusha question wrong, the three weak ones got it right (a broken question)."""
    ids = [classroom.learner_id] + [add_user(app, f"l{i}@example.org") for i in range(5)]
    for learner_id in ids[1:]:
        join(app, learner_id, classroom.class_id)
    with app.app_context():
        assignment = fixed_assignment(classroom)
        for rank, learner_id in enumerate(ids):
            learner = db.session.get(User, learner_id)
            attempt = assignments.start_attempt(assignment, learner, now=NOW)
            strong = rank < 3
            given = ["1 Jan 2020" if strong else ANSWERS[0]]
            given += ANSWERS[1:] if strong else ["1990", "May 2020", "0,1,2", "1 Jan 2020"]
            for text in given:
                _answer(attempt, text, when=NOW + timedelta(days=rank % 2))
        db.session.commit()
    return classroom


def test_question_results_flag_a_question_that_strong_learners_miss(
    app: Flask, class_of_six: Classroom
) -> None:
    with app.app_context():
        assignment = db.session.get(Assignment, class_of_six.assignment_id)
        by_bank = {r.question.bank_id: r for r in results.question_results(assignment)}
        shusha = by_bank["q-0000b001"]
        assert shusha.respondents == 6 and shusha.facility == 0.5
        assert shusha.discrimination is not None and shusha.discrimination < 0
        assert shusha.flagged and shusha.common_wrong == [("January 1, 2020", 3)]
        war = by_bank["q-0000b002"]
        assert war.discrimination is not None and war.discrimination > 0.2 and not war.flagged


def test_nothing_is_flagged_under_five_respondents(app: Flask, classroom: Classroom) -> None:
    with app.app_context():
        assignment = db.session.get(Assignment, classroom.assignment_id)
        stats = results.QuestionResult(question("q-0000b001"), 4, 0.5, -0.9, [])
        assert not stats.flagged
        assert all(not r.flagged for r in results.question_results(assignment))


def test_class_retention_counts_reviews_of_assigned_questions_per_week(
    app: Flask, class_of_six: Classroom
) -> None:
    with app.app_context():
        school_class = db.session.get(SchoolClass, class_of_six.class_id)
        weeks = results.class_retention(school_class, NOW + timedelta(days=1), weeks=2)
        assert [week[0] for week in weeks] == [date(2024, 2, 26), date(2024, 3, 4)]
        assert weeks[0][1:] == (None, 0)
        monday, share, count = weeks[1]
        # Again: the weak learners' "1990", "May 2020" and "1 Jan 2020" and the strong
        # ones' "1 Jan 2020" (the right year alone earns nothing): 18 of 30 recalled.
        assert count == 30 and share == pytest.approx(18 / 30)
        chart = str(results.class_retention_chart(school_class, NOW))
        assert 'id="chart-class-retention"' in chart


def test_grades_csv_has_a_row_per_learner(app: Flask, class_of_six: Classroom) -> None:
    with app.app_context():
        assignment = db.session.get(Assignment, class_of_six.assignment_id)
        rows = list(csv.reader(io.StringIO(results.grades_csv(assignment, NOW))))
        assert len(rows) == 7 and rows[0][-1] == "late"
        by_email = {row[1]: row for row in rows[1:]}
        assert by_email["learner@example.org"][2:] == [
            "1",
            "80",
            "80",
            "no",
            "",
            "",
            "yes",
            "2024-03-04T09:00:00+00:00",
            "no",
        ]

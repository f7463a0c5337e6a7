"""What a learner studies: sources for everyone by default, their own choices, what their
classes are given, and what an administrator publishes for everyone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import NOW, PASSWORD, add_user, join, make_class, make_upload
from flask import Flask
from fsrs import Scheduler
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.learning import answering, study
from quizapp.learning.scheduling import next_item, session_status
from quizapp.models import Question, SchoolClass, Source, StudyChoice, User


def _sources_asked(user: User) -> set[int]:
    """The source of what the daily quiz asks ``user`` next (none when nothing is left)."""
    item = next_item(user, NOW)
    if item is None:
        return set()
    return {item.source_id if isinstance(item, Question) else item.question.source_id}


def test_a_new_account_studies_every_source_for_everyone_until_it_turns_one_off(
    app: Flask, imported: int
) -> None:
    learner_id = add_user(app, "l@example.org")
    with app.app_context():
        learner = db.session.get(User, learner_id)
        source = db.session.get(Source, imported)
        [entry] = study.study_sources(learner)
        assert (entry.source.id, entry.studying, entry.given, entry.new_per_day) == (
            imported,
            True,
            False,
            None,
        )
        assert _sources_asked(learner) == {imported}
        study.choose_source(learner, source, studying=False, new_per_day=None, now=NOW)
        db.session.commit()
        assert next_item(learner, NOW) is None and session_status(learner, NOW).new == 0
        assert not study.study_sources(learner)[0].studying


def test_a_cap_per_source_limits_its_new_questions_a_day(app: Flask, imported: int) -> None:
    learner_id = add_user(app, "l@example.org")
    with app.app_context():
        learner = db.session.get(User, learner_id)
        study.choose_source(
            learner, db.session.get(Source, imported), studying=True, new_per_day=2, now=NOW
        )
        db.session.commit()
        assert session_status(learner, NOW).new == 2
        scheduler = Scheduler(enable_fuzzing=False)
        for minute in range(2):
            item = next_item(learner, NOW)
            assert item is not None and item.card is None
            question = item.question
            answering.answer_question(
                learner,
                question.id,
                "1 January 1990" if question.kind != "order" else "0,1,2",
                card_version=0,
                duration_ms=None,
                scheduler=scheduler,
                now=NOW + timedelta(minutes=minute),
            )
            db.session.commit()
        later = NOW + timedelta(hours=2)
        assert session_status(learner, later).new == 0
        upcoming = next_item(learner, later)
        assert upcoming is None or upcoming.card is not None  # no third new one today
        tomorrow = NOW + timedelta(days=1)
        assert session_status(learner, tomorrow).new == 2


def test_a_choice_is_made_among_the_sources_open_to_the_learner(app: Flask) -> None:
    teacher_id = add_user(app, "t@example.org", role="teacher")
    learner_id = add_user(app, "l@example.org")
    source_id = make_upload(app, teacher_id)
    with app.app_context():
        learner = db.session.get(User, learner_id)
        source = db.session.get(Source, source_id)
        assert study.study_sources(learner) == []
        with pytest.raises(study.NotOpenError):
            study.choose_source(learner, source, studying=True, new_per_day=None, now=NOW)
        with pytest.raises(ValueError, match="from 0 to 500"):
            study.choose_source(learner, source, studying=True, new_per_day=-1, now=NOW)
        assert db.session.scalars(select(StudyChoice)).first() is None


def test_a_class_is_given_a_document_on_its_page_whatever_its_learners_chose(
    app: Flask,
) -> None:
    teacher_id = add_user(app, "t@example.org", role="teacher")
    learner_id = add_user(app, "l@example.org")
    source_id = make_upload(app, teacher_id)
    class_id, _code = make_class(app, teacher_id)
    join(app, learner_id, class_id)
    teacher = app.test_client()
    teacher.post("/login", data={"email": "t@example.org", "password": PASSWORD})
    page = teacher.get(f"/teach/classes/{class_id}").text
    assert 'id="give-document"' in page and "T1&#39;s notes" in page
    given = teacher.post(f"/teach/classes/{class_id}/sources", data={"source_id": str(source_id)})
    assert given.status_code == 302
    assert f'id="class-document-{source_id}"' in teacher.get(f"/teach/classes/{class_id}").text
    with app.app_context():
        learner = db.session.get(User, learner_id)
        [entry] = study.study_sources(learner)
        assert entry.given and entry.studying
        study.choose_source(
            learner, db.session.get(Source, source_id), studying=False, new_per_day=None, now=NOW
        )
        db.session.commit()
        assert _sources_asked(learner) == {source_id}  # given: studied all the same
    taken = teacher.post(f"/teach/classes/{class_id}/sources/{source_id}/remove")
    assert taken.status_code == 302
    with app.app_context():
        assert next_item(db.session.get(User, learner_id), NOW) is None
        assert db.session.get(SchoolClass, class_id) is not None


def test_an_administrator_publishes_an_upload_for_everyone(app: Flask) -> None:
    teacher_id = add_user(app, "t@example.org", role="teacher")
    add_user(app, "admin@example.org", is_admin=True)
    learner_id = add_user(app, "l@example.org")
    source_id = make_upload(app, teacher_id)
    owner = app.test_client()
    owner.post("/login", data={"email": "t@example.org", "password": PASSWORD})
    wanted = {"audience": "everyone"}
    assert owner.post(f"/teach/documents/{source_id}/audience", data=wanted).status_code == 403
    with app.app_context():
        assert next_item(db.session.get(User, learner_id), NOW) is None
    admin = app.test_client()
    admin.post("/login", data={"email": "admin@example.org", "password": PASSWORD})
    assert 'id="publish-everyone"' in admin.get(f"/teach/documents/{source_id}/review").text
    assert admin.post(f"/teach/documents/{source_id}/audience", data=wanted).status_code == 302
    with app.app_context():
        assert db.session.get(Source, source_id).audience == "everyone"
        assert _sources_asked(db.session.get(User, learner_id)) == {source_id}

"""A learner taken out of a class no longer works on its assignments, even on an attempt
started before."""

from __future__ import annotations

import re

from conftest import Classroom
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.test_teacher import hidden_fields, start_attempt
from quizapp.extensions import db
from quizapp.models import AssignmentAnswer, AssignmentAttempt, Review


def test_a_removed_learner_cannot_finish_an_attempt_started_before(
    app: Flask, client: FlaskClient, auth, classroom: Classroom
) -> None:
    url = start_attempt(client, auth, classroom)
    page = client.get(url).text
    action = re.search(r'action="(/attempts/\d+/answer)"', page)
    assert action is not None
    fields = hidden_fields(page)
    # The teacher removes the learner, who still has the question open.
    teacher = app.test_client()
    teacher.post(
        "/login", data={"email": "teacher@example.org", "password": "correct horse battery"}
    )
    removed = teacher.post(
        f"/teach/classes/{classroom.class_id}/members/{classroom.learner_id}/remove"
    )
    assert removed.status_code == 302
    response = client.post(action.group(1), data={**fields, "answer": "8 Nov 2020"})
    assert response.status_code == 404
    assert client.get(url).status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count(AssignmentAnswer.id))) == 0
        assert db.session.scalar(select(func.count(Review.id))) == 0
        attempt = db.session.scalars(select(AssignmentAttempt)).one()
        assert attempt.submitted_at is None

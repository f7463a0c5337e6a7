"""A teacher's own documents through the JSON API: upload, the job, review, publish."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, add_user, count_rows, join, make_app, make_class
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.accounts.tokens import create_token
from quizapp.extensions import db
from quizapp.models import GenerationJob, Question, QuestionDecision, SchoolClass, Source, User
from quizapp.teaching import classes

NOTES = (DATA / "notes.md").read_bytes()


def make_token(app: Flask, user_id: int, scope: str = "write") -> str:
    with app.app_context():
        _token, secret = create_token(
            db.session.get(User, user_id), "test", scope, now=datetime.now(UTC)
        )
        db.session.commit()
    return secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def post_document(client: FlaskClient, secret: str, name: str, data: bytes) -> Any:
    return client.post(
        "/api/v1/documents",
        data={"document": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        headers=bearer(secret),
    )


def wait_until_finished(client: FlaskClient, secret: str, url: str) -> dict[str, Any]:
    """Poll the job as a client would, for at most a minute."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = client.get(url, headers=bearer(secret)).get_json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.05)
    raise AssertionError(f"the job did not finish: {state}")


@pytest.fixture
def teacher(app: Flask) -> str:
    return make_token(app, add_user(app, "t1@example.org", role="teacher"))


@pytest.fixture
def uploaded(app: Flask, client: FlaskClient, teacher: str) -> dict[str, Any]:
    """The notes uploaded by the teacher, their job finished."""
    response = post_document(client, teacher, "notes.md", NOTES)
    assert response.status_code == 202, response.text
    state = wait_until_finished(client, teacher, response.headers["Location"])
    assert state["status"] == "done", state["message"]
    return state


def test_an_upload_becomes_a_finished_job(app: Flask, client: FlaskClient, teacher: str) -> None:
    response = post_document(client, teacher, "notes.md", NOTES)
    assert response.status_code == 202
    accepted = response.get_json()
    assert accepted["status"] in ("queued", "running", "done")
    assert accepted["filename"] == "notes.md" and accepted["format"] == "markdown"
    assert response.headers["Location"].endswith(f"/api/v1/jobs/{accepted['id']}")
    state = wait_until_finished(client, teacher, response.headers["Location"])
    assert state["status"] == "done" and state["progress"] == 100
    assert state["report"]["facts"] > 0
    with app.app_context():
        source = db.session.get(Source, state["source_id"])
        assert source is not None and source.title == "The Hanseatic League"
        questions = db.session.scalars(select(Question).where(Question.source_id == source.id))
        assert all(question.retired for question in questions)  # pending until accepted


def test_decisions_and_publish_reach_the_queue_of_a_learner_of_the_class(
    app: Flask, client: FlaskClient, teacher: str, uploaded: dict[str, Any]
) -> None:
    source_id = uploaded["source_id"]
    learner_id = add_user(app, "learner@example.org")
    learner, outsider = make_token(app, learner_id), make_token(app, add_user(app, "x@example.org"))
    with app.app_context():
        teacher_user = db.session.scalars(select(User).where(User.role == "teacher")).one()
        class_id, _code = make_class(app, teacher_user.id)
        join(app, learner_id, class_id)
        classes.give_source(
            db.session.get(SchoolClass, class_id),
            db.session.get(Source, source_id),
            teacher_user,
            now=datetime.now(UTC),
        )
        db.session.commit()
    assert client.get("/api/v1/queue", headers=bearer(learner)).get_json()["next"] is None

    listed = client.get(
        f"/api/v1/documents/{source_id}/questions?per_page=2", headers=bearer(teacher)
    )
    page = listed.get_json()
    assert page["total"] == sum(uploaded["report"]["questions"].values())
    assert len(page["items"]) == 2 and page["next"] and 'rel="next"' in listed.headers["Link"]
    assert {item["decision"] for item in page["items"]} == {"pending"}
    first, second = page["items"]
    assert first["answer"] and first["bank_id"]

    decided = client.post(
        f"/api/v1/documents/{source_id}/questions/{first['id']}/decision",
        json={"decision": "rejected"},
        headers=bearer(teacher),
    )
    assert decided.status_code == 200
    assert decided.get_json()["counts"] == {
        "pending": page["total"] - 1,
        "accepted": 0,
        "rejected": 1,
    }
    bad = client.post(
        f"/api/v1/documents/{source_id}/questions/{second['id']}/decision",
        json={"decision": "maybe"},
        headers=bearer(teacher),
    )
    assert bad.status_code == 400 and "'decision'" in bad.get_json()["error"]["message"]

    published = client.post(f"/api/v1/documents/{source_id}/publish", headers=bearer(teacher))
    assert published.status_code == 200
    assert published.get_json() == {
        "accepted": page["total"] - 1,
        "counts": {"pending": 0, "accepted": page["total"] - 1, "rejected": 1},
    }
    upcoming = client.get("/api/v1/queue", headers=bearer(learner)).get_json()["next"]
    assert upcoming is not None and upcoming["source_id"] == source_id
    # The document is for the teacher and the class given it, no one else.
    assert client.get("/api/v1/queue", headers=bearer(outsider)).get_json()["next"] is None
    with app.app_context():
        assert db.session.get(Question, first["id"]).retired  # the rejected one stays out
        decisions = db.session.scalars(
            select(QuestionDecision.decision).where(QuestionDecision.source_id == source_id)
        ).all()
        assert sorted(set(decisions)) == ["accepted", "rejected"]


def test_another_teacher_gets_403_and_a_learner_403_as_on_the_pages(
    app: Flask, client: FlaskClient, uploaded: dict[str, Any]
) -> None:
    source_id, job_id = uploaded["source_id"], uploaded["id"]
    with app.app_context():
        question_id = db.session.scalar(
            select(Question.id).where(Question.source_id == source_id).limit(1)
        )
    other = make_token(app, add_user(app, "t2@example.org", role="teacher"))
    learner = make_token(app, add_user(app, "learner@example.org"))
    requests = [
        ("GET", f"/api/v1/jobs/{job_id}", None),
        ("GET", f"/api/v1/documents/{source_id}/questions", None),
        (
            "POST",
            f"/api/v1/documents/{source_id}/questions/{question_id}/decision",
            {"decision": "accepted"},
        ),
        ("POST", f"/api/v1/documents/{source_id}/publish", None),
    ]
    for secret in (other, learner):
        for method, url, body in requests:
            response = client.open(url, method=method, json=body, headers=bearer(secret))
            assert response.status_code == 403, (method, url)
            assert response.get_json()["error"]["code"] == "forbidden"
    assert post_document(client, learner, "notes.md", NOTES).status_code == 403
    with app.app_context():
        rows = db.session.scalars(select(QuestionDecision.decision)).all()
        assert set(rows) == {"pending"}
    for url in ("/api/v1/jobs/999", "/api/v1/documents/999/questions"):
        assert client.get(url, headers=bearer(other)).status_code == 404


def test_a_question_of_another_document_is_404(
    app: Flask, client: FlaskClient, teacher: str, uploaded: dict[str, Any], imported: int
) -> None:
    with app.app_context():
        foreign = db.session.scalar(select(Question.id).where(Question.source_id == imported))
    response = client.post(
        f"/api/v1/documents/{uploaded['source_id']}/questions/{foreign}/decision",
        json={"decision": "accepted"},
        headers=bearer(teacher),
    )
    assert response.status_code == 404


def test_a_read_token_cannot_upload_decide_or_publish(
    app: Flask, client: FlaskClient, uploaded: dict[str, Any]
) -> None:
    with app.app_context():
        teacher_id = db.session.get(GenerationJob, uploaded["id"]).owner_id
    reader = make_token(app, teacher_id, scope="read")
    source_id = uploaded["source_id"]
    jobs = count_rows(app, GenerationJob)
    assert post_document(client, reader, "notes.md", NOTES).status_code == 403
    for url in (
        f"/api/v1/documents/{source_id}/questions/1/decision",
        f"/api/v1/documents/{source_id}/publish",
    ):
        response = client.post(url, json={"decision": "accepted"}, headers=bearer(reader))
        assert response.status_code == 403 and "read-only" in response.text
    assert client.get(f"/api/v1/jobs/{uploaded['id']}", headers=bearer(reader)).status_code == 200
    assert count_rows(app, GenerationJob) == jobs
    with app.app_context():
        assert set(db.session.scalars(select(QuestionDecision.decision))) == {"pending"}


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("notes.txt", b"", 400, "empty"),
        ("fake.pdf", b"The war began in 2020.", 400, "this is not a PDF"),
        ("letter.docx", b"PK\x03\x04zip", 415, ".docx files are not supported"),
        ("notes", b"The war began in 2020.", 415, "without an extension"),
    ],
)
def test_wrong_types_are_refused_with_the_reason_and_store_nothing(
    app: Flask, client: FlaskClient, teacher: str, name: str, data: bytes, status: int, message: str
) -> None:
    response = post_document(client, teacher, name, data)
    assert response.status_code == status
    assert message in response.get_json()["error"]["message"]
    assert count_rows(app, GenerationJob) == 0 and count_rows(app, Source) == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary", "a PNG image"),
        ("broken.pdf", (DATA / "broken.pdf").read_bytes(), "not a readable PDF"),
        ("notes.txt", "caf\xe9".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_unreadable_uploads_are_accepted_then_fail_in_the_job_with_the_reason(
    app: Flask, client: FlaskClient, teacher: str, name: str, data: bytes, message: str
) -> None:
    response = post_document(client, teacher, name, data)
    assert response.status_code == 202
    state = wait_until_finished(client, teacher, response.headers["Location"])
    assert state["status"] == "failed" and message in state["message"]
    assert count_rows(app, Source) == 0


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {"document": "text"}}, 415),
        ({"data": {"other": (io.BytesIO(NOTES), "notes.md")}}, 400),
    ],
)
def test_an_upload_must_be_a_file_field_named_document(
    app: Flask, client: FlaskClient, teacher: str, kwargs: dict[str, Any], status: int
) -> None:
    response = client.post("/api/v1/documents", headers=bearer(teacher), **kwargs)
    assert response.status_code == status
    assert "'document'" in response.get_json()["error"]["message"]
    assert count_rows(app, GenerationJob) == 0


def test_a_too_large_upload_is_413_and_stores_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path, MAX_UPLOAD_MB=0.05)
    with app.app_context():
        db.create_all()
    secret = make_token(app, add_user(app, "t@example.org", role="teacher"))
    response = post_document(
        app.test_client(), secret, "big.txt", b"The war began on 27 September 2020.\n" * 5000
    )
    assert response.status_code == 413
    assert "larger than the 0.05 MB upload limit" in response.get_json()["error"]["message"]
    assert count_rows(app, GenerationJob) == 0

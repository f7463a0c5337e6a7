"""The JSON API: tokens, scope, answers, bad input, pagination, rate limits, and the
OpenAPI document against the routes the app serves."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Classroom, add_user, count_rows, make_app, reset_database
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from quizapp.accounts.tokens import create_token
from quizapp.api.openapi import ENDPOINTS, openapi_document
from quizapp.extensions import db
from quizapp.models import ApiToken, Review, User


def make_token(app: Flask, user_id: int, scope: str = "write") -> str:
    with app.app_context():
        _token, secret = create_token(db.session.get(User, user_id), "test", scope, now=_real_now())
        db.session.commit()
    return secret


def _real_now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def next_item(client: FlaskClient, secret: str) -> dict[str, Any]:
    """The question the token's user is asked next."""
    return client.get("/api/v1/queue", headers=bearer(secret)).get_json()["next"]


def post_answer(
    client: FlaskClient, secret: str, question_id: int, answer: str, card_version: int = 0
) -> TestResponse:
    return client.post(
        "/api/v1/answers",
        json={"question_id": question_id, "card_version": card_version, "answer": answer},
        headers=bearer(secret),
    )


@pytest.fixture
def learner_token(app: Flask, imported: int) -> str:
    return make_token(app, add_user(app, "api@example.org"))


# --- the OpenAPI document ----------------------------------------------------------------


def _served_api_routes(app: Flask) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        for method in rule.methods or ():
            if method not in ("HEAD", "OPTIONS"):
                routes.add((method.lower(), path))
    return routes


def test_every_api_route_is_in_the_openapi_document_and_nothing_else(app: Flask) -> None:
    documented = {
        (method, path)
        for path, operations in openapi_document()["paths"].items()
        for method in operations
    }
    assert documented == _served_api_routes(app)
    assert len(documented) == len(ENDPOINTS)


def test_the_document_is_served_without_a_token(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"] == "3.1.0"
    # quizapp's own address (QUIZAPP_BASE_URL, else the local default), not the Host.
    assert document["servers"] == [{"url": "http://127.0.0.1:5000/api/v1"}]


def test_the_document_is_valid_openapi(client: FlaskClient) -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(client.get("/api/v1/openapi.json").get_json())


# --- tokens --------------------------------------------------------------------------------


def test_tokens_are_created_on_the_settings_page_shown_once_and_hashed(
    app: Flask, client: FlaskClient, auth: Any
) -> None:
    user_id = auth.login_as_learner()
    response = client.post("/settings/tokens", data={"name": "my script", "scope": "read"})
    assert response.status_code == 201
    secret = re.search(r"<code>(qz_[\w-]+)</code>", response.text)
    assert secret is not None
    assert secret.group(1) not in client.get("/settings").text  # shown once
    with app.app_context():
        token = db.session.scalars(db.select(ApiToken)).one()
        assert token.user_id == user_id and token.scope == "read" and token.name == "my script"
        assert token.token_hash == hashlib.sha256(secret.group(1).encode()).hexdigest()
        assert secret.group(1) not in (token.token_hash, token.prefix)
    assert client.get("/api/v1/me", headers=bearer(secret.group(1))).get_json()["id"] == user_id


def test_a_revoked_token_stops_working(app: Flask, client: FlaskClient, auth: Any) -> None:
    user_id = auth.login_as_learner()
    secret = make_token(app, user_id)
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200
    with app.app_context():
        token_id = db.session.scalar(db.select(ApiToken.id))
    assert client.post(f"/settings/tokens/{token_id}/revoke").status_code == 302
    response = client.get("/api/v1/me", headers=bearer(secret))
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert "Bearer" in response.headers["WWW-Authenticate"]


def test_a_user_cannot_revoke_another_users_token(
    app: Flask, client: FlaskClient, auth: Any
) -> None:
    other = add_user(app, "other@example.org")
    secret = make_token(app, other)
    auth.login_as_learner()
    with app.app_context():
        token_id = db.session.scalar(db.select(ApiToken.id))
    assert client.post(f"/settings/tokens/{token_id}/revoke").status_code == 404
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer nope", "Basic dXNlcjpwYXNz", "Bearer qz_" + "x" * 40],
)
def test_requests_without_a_valid_token_get_401_as_json(
    client: FlaskClient, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/queue", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["message"]


def test_the_session_cookie_does_not_authenticate_the_api(client: FlaskClient, auth: Any) -> None:
    auth.login_as_learner()
    assert client.get("/api/v1/me").status_code == 401


def test_a_read_token_cannot_answer(app: Flask, client: FlaskClient, imported: int) -> None:
    secret = make_token(app, add_user(app, "reader@example.org"), scope="read")
    item = next_item(client, secret)
    response = post_answer(client, secret, item["id"], "2020")
    assert response.status_code == 403
    assert "read-only" in response.get_json()["error"]["message"]
    assert count_rows(app, Review) == 0


# --- the queue and answers --------------------------------------------------------------


def test_answering_through_the_api_records_one_review_per_version(
    app: Flask, client: FlaskClient, learner_token: str
) -> None:
    queue = client.get("/api/v1/queue", headers=bearer(learner_token)).get_json()
    item = queue["next"]
    assert item["new"] is True and item["card_version"] == 0
    assert "answer" not in item  # the answer is never sent before it is given
    payload = {"question_id": item["id"], "card_version": 0, "answer": "1 January 1990"}
    first = client.post("/api/v1/answers", json=payload, headers=bearer(learner_token))
    assert first.status_code == 201
    again = client.post("/api/v1/answers", json=payload, headers=bearer(learner_token))
    assert again.status_code == 200
    assert again.get_json()["id"] == first.get_json()["id"]
    assert count_rows(app, Review) == 1
    stale = client.post(
        "/api/v1/answers", json=payload | {"card_version": 5}, headers=bearer(learner_token)
    )
    assert stale.status_code == 409
    assert count_rows(app, Review) == 1
    review = first.get_json()
    assert review["question_id"] == item["id"] and review["rating"] == 1
    assert client.get(f"/api/v1/reviews/{review['id']}", headers=bearer(learner_token)).json == (
        review
    )


def test_an_order_question_is_answered_with_item_indices(
    app: Flask, client: FlaskClient, learner_token: str
) -> None:
    from quizapp.models import Question

    with app.app_context():
        question = db.session.scalars(db.select(Question).where(Question.kind == "order")).first()
        assert question is not None
        right = ",".join(str(index) for index in question.answer["order"])
        question_id = question.id
    response = post_answer(client, learner_token, question_id, right)
    assert response.status_code == 201
    assert response.get_json()["correct"] is True


BAD_ANSWERS = [
    ({}, "question_id"),
    ({"question_id": "1", "card_version": 0, "answer": "x"}, "question_id"),
    ({"question_id": True, "card_version": 0, "answer": "x"}, "question_id"),
    ({"question_id": 1, "card_version": -1, "answer": "x"}, "card_version"),
    ({"question_id": 1, "card_version": 0, "answer": 2020}, "answer"),
    ({"question_id": 1, "card_version": 0, "answer": ["2020"]}, "answer"),
    ({"question_id": 1, "card_version": 0, "answer": "9" * 501}, "500 characters"),
    ({"question_id": 1, "card_version": 0, "answer": "x", "duration_ms": -5}, "duration_ms"),
    ({"question_id": 1, "card_version": 0, "answer": "x", "duration_ms": "fast"}, "duration_ms"),
]


@pytest.mark.parametrize(("payload", "named"), BAD_ANSWERS)
def test_bad_answers_get_400_with_a_message_and_store_nothing(
    app: Flask, client: FlaskClient, learner_token: str, payload: dict[str, Any], named: str
) -> None:
    response = client.post("/api/v1/answers", json=payload, headers=bearer(learner_token))
    assert response.status_code == 400
    assert named in response.get_json()["error"]["message"]
    assert count_rows(app, Review) == 0


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ("question_id=1", "application/x-www-form-urlencoded", 415),
        ("{not json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ('"a string"', "application/json", 400),
        ("{" + '"answer": "' + "x" * 70_000 + '"}', "application/json", 413),
    ],
)
def test_bodies_that_are_not_a_json_object_are_refused(
    app: Flask,
    client: FlaskClient,
    learner_token: str,
    data: str,
    content_type: str,
    status: int,
) -> None:
    response = client.post(
        "/api/v1/answers", data=data, content_type=content_type, headers=bearer(learner_token)
    )
    assert response.status_code == status
    assert response.get_json()["error"]["message"]
    assert count_rows(app, Review) == 0


def test_an_unknown_question_is_404(client: FlaskClient, learner_token: str) -> None:
    response = post_answer(client, learner_token, 99999, "2020")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_unknown_api_paths_and_methods_answer_json(client: FlaskClient, learner_token: str) -> None:
    missing = client.get("/api/v1/nothing-here", headers=bearer(learner_token))
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    wrong = client.delete("/api/v1/queue", headers=bearer(learner_token))
    assert wrong.status_code == 405 and wrong.get_json()["error"]["message"]


def test_the_api_needs_no_csrf_token_but_forms_still_do(tmp_path: Path, imported: int) -> None:
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)  # the same database as ``imported``
    user_id = add_user(app, "csrf@example.org")
    secret = make_token(app, user_id)
    client = app.test_client()
    item = next_item(client, secret)
    response = post_answer(client, secret, item["id"], "2020")
    assert response.status_code == 201
    assert client.post("/login", data={"email": "csrf@example.org"}).status_code == 400
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


# --- reading -----------------------------------------------------------------------------


def test_reviews_are_paginated_with_next_links(
    app: Flask, client: FlaskClient, learner_token: str
) -> None:
    for _ in range(3):
        item = next_item(client, learner_token)
        # Read, and wrong: graded.
        post_answer(client, learner_token, item["id"], "1 January 1900", item["card_version"])
    first = client.get("/api/v1/reviews?per_page=2", headers=bearer(learner_token))
    body = first.get_json()
    assert body["total"] == 3 and len(body["items"]) == 2 and body["page"] == 1
    assert body["next"].endswith("/api/v1/reviews?per_page=2&page=2")
    assert first.headers["Link"] == f'<{body["next"]}>; rel="next"'
    last = client.get(body["next"], headers=bearer(learner_token)).get_json()
    assert len(last["items"]) == 1 and last["next"] is None
    ids = [review["id"] for review in body["items"] + last["items"]]
    assert len(set(ids)) == 3
    for query in ("page=0", "per_page=101", "per_page=abc", "page=-1", "page=１"):
        bad = client.get(f"/api/v1/reviews?{query}", headers=bearer(learner_token))
        assert bad.status_code == 400, query


def test_a_question_and_its_passage(app: Flask, client: FlaskClient, learner_token: str) -> None:
    item = next_item(client, learner_token)
    question = client.get(f"/api/v1/questions/{item['id']}", headers=bearer(learner_token))
    assert question.get_json()["prompt"] == item["prompt"]
    passage = client.get(
        f"/api/v1/questions/{item['id']}/passage", headers=bearer(learner_token)
    ).get_json()
    start, end = passage["evidence"]
    assert 0 <= start < end <= len(passage["text"])
    assert "/sources/" in passage["url"]


def test_stats_count_the_users_answers(client: FlaskClient, learner_token: str) -> None:
    item = next_item(client, learner_token)
    post_answer(client, learner_token, item["id"], "1 January 1900")
    stats = client.get("/api/v1/stats", headers=bearer(learner_token)).get_json()
    assert stats["reviews"] == 1 and stats["correct"] == 0
    assert stats["today"]["done"] == 1 and stats["streak"] == 1


def test_sets_and_assignments_are_the_users_own(
    app: Flask, client: FlaskClient, classroom: Classroom
) -> None:
    learner = make_token(app, classroom.learner_id, scope="read")
    teacher = make_token(app, classroom.teacher_id, scope="read")
    stranger = make_token(app, add_user(app, "stranger@example.org"), scope="read")
    for secret in (learner, teacher):
        sets = client.get("/api/v1/sets", headers=bearer(secret)).get_json()
        assert [s["id"] for s in sets["items"]] == [classroom.set_id]
        one = client.get(f"/api/v1/sets/{classroom.set_id}", headers=bearer(secret)).get_json()
        assert one["question_ids"] == classroom.question_ids
    assert client.get("/api/v1/sets", headers=bearer(stranger)).get_json()["total"] == 0
    hidden = client.get(f"/api/v1/sets/{classroom.set_id}", headers=bearer(stranger))
    assert hidden.status_code == 404
    assignments = client.get("/api/v1/assignments", headers=bearer(learner)).get_json()
    assert [a["id"] for a in assignments["items"]] == [classroom.assignment_id]
    assert client.get("/api/v1/assignments", headers=bearer(stranger)).get_json()["items"] == []
    export = client.get(f"/api/v1/sets/{classroom.set_id}/export", headers=bearer(learner))
    assert export.status_code == 200 and export.mimetype == "text/csv"
    assert (
        client.get(f"/api/v1/sets/{classroom.set_id}/export", headers=bearer(stranger)).status_code
        == 404
    )


@pytest.mark.parametrize("fmt", ["csv", "xml", "gift", "apkg"])
def test_a_source_exports_in_every_format(
    client: FlaskClient, learner_token: str, imported: int, fmt: str
) -> None:
    response = client.get(
        f"/api/v1/sources/{imported}/export?format={fmt}", headers=bearer(learner_token)
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert len(response.data) > 100


def test_an_unknown_export_format_is_400(
    client: FlaskClient, learner_token: str, imported: int
) -> None:
    response = client.get(
        f"/api/v1/sources/{imported}/export?format=pdf", headers=bearer(learner_token)
    )
    assert response.status_code == 400
    assert "csv" in response.get_json()["error"]["message"]


# --- rate limits -------------------------------------------------------------------------


def test_requests_past_the_limit_get_429_with_retry_after(tmp_path: Path) -> None:
    app = make_app(tmp_path, API_RATE_LIMIT=3, API_RATE_WINDOW=3600)
    with app.app_context():
        reset_database()
    secret = make_token(app, add_user(app, "busy@example.org"))
    other = make_token(app, add_user(app, "calm@example.org"))
    client = app.test_client()
    statuses = [client.get("/api/v1/me", headers=bearer(secret)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/me", headers=bearer(secret))
    assert limited.get_json()["error"]["code"] == "rate_limited"
    assert 1 <= int(limited.headers["Retry-After"]) <= 3600
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    # The limit is per token, and counted in the database (every worker sees it).
    assert client.get("/api/v1/me", headers=bearer(other)).status_code == 200
    with app.app_context():
        from quizapp.models import RateLimitWindow

        counts = sorted(db.session.scalars(db.select(RateLimitWindow.count)))
        assert counts == [1, 5]
        db.session.remove()
        db.engine.dispose()


def test_an_unreadable_answer_is_refused_not_graded(
    app: Flask, client: FlaskClient, learner_token: str
) -> None:
    item = next_item(client, learner_token)
    for given in ("22/12/89", ""):
        response = post_answer(client, learner_token, item["id"], given)
        assert response.status_code == 400
        assert "day month year" in response.get_json()["error"]["message"]
    assert client.get("/api/v1/reviews", headers=bearer(learner_token)).get_json()["total"] == 0

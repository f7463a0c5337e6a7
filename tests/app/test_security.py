"""Security: CSRF on every form (with CSRF on), security headers, session fixation,
password change and one-time reset links, open redirects, no stack traces, hostile form
input, and a database that cannot be written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    PASSWORD,
    Classroom,
    add_user,
    change_password,
    count_rows,
    make_app,
    reset_database,
    session_id,
)
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from quizapp.extensions import db
from quizapp.models import PasswordReset, Review, User

NEW = "new secret 1"
CSRF_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def csrf_app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        reset_database()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def csrf_login(client: FlaskClient, email: str, password: str = PASSWORD) -> Any:
    token = CSRF_TOKEN.search(client.get("/login").text)
    assert token is not None
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token.group(1)}
    )


def form_routes(app: Flask) -> list[str]:
    """Every POST route outside the token-authenticated API, ids filled with 1."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" in (rule.methods or ()) and not rule.rule.startswith("/api/"):
            urls.append(re.sub(r"<(?:int:)?(\w+)>", "1", rule.rule))
    return sorted(urls)


def test_every_form_refuses_a_post_without_its_csrf_token(csrf_app: Flask) -> None:
    add_user(csrf_app, "t@example.org", role="teacher")
    client = csrf_app.test_client()
    routes = form_routes(csrf_app)
    assert len(routes) >= 25
    for url in routes:  # anonymous: refused before any login check
        response = client.post(url, data={"name": "x"})
        assert response.status_code == 400, url
        assert "form expired" in response.text, url
    assert csrf_login(client, "t@example.org").status_code == 302
    for url in routes:
        response = client.post(url, data={"name": "x", "csrf_token": "forged"})
        assert response.status_code == 400, url
    with csrf_app.app_context():
        assert db.session.scalar(db.select(db.func.count(User.id))) == 1


# --- headers -------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/login", "/static/quizapp.css", "/api/v1/me", "/healthz"])
def test_security_headers_on_every_response(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    response.close()
    headers = response.headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "same-origin"
    assert re.fullmatch(r"[A-Za-z0-9._-]{1,64}", headers["X-Request-ID"])


def test_pages_use_no_inline_script_or_style(client: FlaskClient, auth: Any) -> None:
    """What the CSP forbids must not be needed: no inline code on the pages."""
    auth.login_as_teacher()
    for url in ("/", "/quiz", "/stats", "/settings", "/classes", "/teach/"):
        page = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert " style=" not in page and "<style" not in page, url
        assert not re.search(r"\son[a-z]+=", page), url


# --- sessions and passwords ----------------------------------------------------------


def test_login_starts_a_fresh_session(app: Flask, client: FlaskClient, auth: Any) -> None:
    add_user(app, "fix@example.org")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    before = client.get_cookie("session")
    assert auth.login("fix@example.org").status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"]
    after = client.get_cookie("session")
    assert before is not None and after is not None and before.value != after.value
    auth.logout()
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_failed_logins_are_limited_even_with_the_right_password(
    app: Flask, client: FlaskClient, auth: Any
) -> None:
    add_user(app, "slow@example.org")
    for _ in range(5):
        assert auth.login("slow@example.org", "wrong password").status_code == 200
    blocked = auth.login("slow@example.org")
    assert blocked.status_code == 429
    assert "Too many failed logins" in blocked.text


def test_changing_the_password_needs_the_current_one(
    app: Flask, client: FlaskClient, auth: Any
) -> None:
    auth.login_as_learner("pw@example.org")
    wrong = change_password(client, "not it", NEW)
    assert wrong.status_code == 400 and "not your current password" in wrong.text
    mismatch = change_password(client, PASSWORD, NEW, confirm="other")
    assert mismatch.status_code == 400
    done = change_password(client, PASSWORD, NEW)
    assert done.status_code == 302
    auth.logout()
    assert auth.login("pw@example.org").status_code == 200  # the old password is gone
    assert auth.login("pw@example.org", NEW).status_code == 302


def test_a_password_change_ends_the_other_sessions(
    app: Flask, client: FlaskClient, auth: Any
) -> None:
    """Another browser (remembered, too) is logged out; the one that changed it is not."""
    auth.login_as_learner("two@example.org")
    other = app.test_client()
    remembered = other.post(
        "/login", data={"email": "two@example.org", "password": PASSWORD, "remember": "y"}
    )
    assert remembered.status_code == 302 and other.get_cookie("remember_token") is not None
    assert other.get("/settings").status_code == 200
    changed = change_password(client, PASSWORD, NEW)
    assert changed.status_code == 302
    assert "logged out everywhere else" in client.get(changed.location).text
    assert client.get("/settings").status_code == 200
    ended = other.get("/settings")
    assert ended.status_code == 302 and ended.location.startswith("/login")
    assert other.get("/settings").status_code == 302  # the remember cookie is void too


def test_a_session_id_from_before_a_password_change_is_refused(
    app: Flask, client: FlaskClient, auth: Any
) -> None:
    """Even with its login row still open: the password's fingerprint no longer matches
    (a password set by any means, not only through the pages)."""
    user_id = auth.login_as_learner("three@example.org")
    with client.session_transaction() as session:
        old_id = session["_user_id"]
    assert old_id.startswith(f"{user_id}:")
    secret = old_id.rsplit(":", 1)[1]
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        user.set_password(NEW)
        db.session.commit()
        new_fingerprint = user.get_id()
    forgeries = (old_id, str(user_id), f"{user_id}:", f"{user_id}:{'0' * 32}:{secret}")
    for forged in (*forgeries, new_fingerprint, f"{new_fingerprint}:{'x' * 43}"):
        with client.session_transaction() as session:
            session["_user_id"] = forged
        assert client.get("/settings").status_code == 302, forged
    with client.session_transaction() as session:
        session["_user_id"] = session_id(app, user_id)
    assert client.get("/settings").status_code == 200


def _issue_link(client: FlaskClient, learner_id: int) -> str:
    response = client.post(f"/users/{learner_id}/reset-link")  # the class page's button
    assert response.status_code == 200
    link = re.search(r'id="reset-link">([^<]+)<', response.text)
    assert link is not None
    return link.group(1).removeprefix("http://localhost")


def test_a_teacher_issues_a_one_time_reset_link(
    app: Flask, client: FlaskClient, auth: Any, classroom: Classroom
) -> None:
    learner = app.test_client()  # the learner's own browser, still logged in
    assert (
        learner.post(
            "/login", data={"email": "learner@example.org", "password": PASSWORD}
        ).status_code
        == 302
    )
    auth.login("teacher@example.org")
    class_page = client.get(f"/teach/classes/{classroom.class_id}").text
    assert f"/users/{classroom.learner_id}/reset-link" in class_page
    link = _issue_link(client, classroom.learner_id)
    auth.logout()
    token = link.rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.scalars(db.select(PasswordReset)).one()
        assert token not in stored.token_hash and stored.issued_by == classroom.teacher_id
    assert client.get(link).status_code == 200
    short = client.post(link, data={"new_password": "short", "confirm": "short"})
    assert short.status_code == 400
    done = client.post(link, data={"new_password": "reset secret", "confirm": "reset secret"})
    assert done.status_code == 302
    assert client.get(link).status_code == 404  # used: gone
    assert learner.get("/settings").status_code == 302  # the old session ended
    assert auth.login("learner@example.org", "reset secret").status_code == 302


def test_a_reset_link_expires_and_only_the_newest_works(
    app: Flask, client: FlaskClient, auth: Any, classroom: Classroom
) -> None:
    auth.login("teacher@example.org")
    first = _issue_link(client, classroom.learner_id)
    second = _issue_link(client, classroom.learner_id)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    with app.app_context():
        for reset in db.session.scalars(db.select(PasswordReset)):
            reset.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        db.session.commit()
    assert client.get(second).status_code == 404


def test_only_the_learners_teacher_can_issue_a_link(
    app: Flask, client: FlaskClient, auth: Any, classroom: Classroom
) -> None:
    auth.login_as_teacher("other-teacher@example.org")
    assert client.post(f"/users/{classroom.learner_id}/reset-link").status_code == 404
    auth.logout()
    auth.login("learner@example.org")
    assert client.post(f"/users/{classroom.teacher_id}/reset-link").status_code == 404
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(PasswordReset.id))) == 0


def test_an_administrator_issues_a_link_from_the_command_line(app: Flask) -> None:
    add_user(app, "cli@example.org")
    result = app.test_cli_runner().invoke(args=["reset-link", "cli@example.org"])
    assert result.exit_code == 0, result.output
    assert re.search(r"http://\S+/reset/[\w-]{40,}", result.output)
    missing = app.test_cli_runner().invoke(args=["reset-link", "nobody@example.org"])
    assert missing.exit_code != 0


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        " //evil.example",
    ],
)
def test_no_open_redirect_after_login(app: Flask, auth: Any, target: str) -> None:
    add_user(app, "nav@example.org")
    response = auth.login("nav@example.org", next=target)
    assert response.status_code == 302
    assert response.location == "/"


def test_errors_show_no_stack_trace(tmp_path: Path) -> None:
    app = make_app(tmp_path, TESTING=False, PROPAGATE_EXCEPTIONS=False)

    def explode() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/explode", view_func=explode)
    app.add_url_rule("/api/v1/explode", view_func=explode, endpoint="api_explode")
    client = app.test_client()
    page = client.get("/explode")
    assert page.status_code == 500
    assert "Traceback" not in page.text and "secret internals" not in page.text
    api = client.get("/api/v1/explode")
    assert api.status_code == 500
    assert api.get_json()["error"]["code"] == "internal_error"
    assert "secret internals" not in api.text
    with app.app_context():
        db.engine.dispose()


# --- hostile form input ----------------------------------------------------------------

HOSTILE = [
    "x" * 100_000,
    "\x00\x01\x02\x1b[31m",
    "<script>alert(1)</script>",
    "'; DROP TABLE user; --",
    "1 OR 1=1",
    "𝟘𝟙 ⁄ ½ ٣",
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_signups_are_refused_and_store_nothing(
    app: Flask, client: FlaskClient, value: str
) -> None:
    response = client.post(
        "/signup",
        data={"email": value, "display_name": value, "password": value, "confirm": "other"},
    )
    assert response.status_code in (400, 413)
    assert "<script>alert" not in response.text
    assert count_rows(app, User) == 0


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_answers_are_refused_and_store_nothing(
    app: Flask, client: FlaskClient, auth: Any, imported: int, value: str
) -> None:
    auth.login_as_learner()
    for data in (
        {"question_id": value, "card_version": "0", "answer": "2020"},
        {"question_id": "1", "card_version": value, "answer": "x" * 501},
        {"question_id": "99999999999999999999", "card_version": "0", "answer": value},
    ):
        response = client.post("/quiz/answer", data=data)
        assert response.status_code in (400, 413), (data, response.status_code)
    assert count_rows(app, Review) == 0


@pytest.mark.parametrize(
    "data",
    [
        {"desired_retention": "high", "new_per_day": "10", "reviews_per_day": "10"},
        {"desired_retention": "0.9", "new_per_day": "-1", "reviews_per_day": "10"},
        {"desired_retention": "0.9", "new_per_day": "1e9", "reviews_per_day": "10"},
        {"desired_retention": "NaN", "new_per_day": "10", "reviews_per_day": "10"},
        {"desired_retention": "0.9", "new_per_day": "10", "reviews_per_day": "<b>"},
    ],
)
def test_settings_of_the_wrong_type_are_refused(
    app: Flask, client: FlaskClient, auth: Any, data: dict[str, str]
) -> None:
    user_id = auth.login_as_learner()
    response = client.post("/settings", data=data | {"date_order": "day_first"})
    assert response.status_code == 400
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        assert (user.desired_retention, user.new_per_day) == (0.9, 10)


@pytest.mark.parametrize("url", ["/sources/99999999999999999999", "/quiz/result/2147483648"])
def test_ids_beyond_the_database_integer_are_404(client: FlaskClient, auth: Any, url: str) -> None:
    auth.login_as_learner()
    assert client.get(url).status_code == 404


# --- a database that cannot be written ---------------------------------------------------


def _sqlite_only(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite files only")


def test_a_full_disk_gets_a_clear_error_and_recovers(app: Flask, client: FlaskClient) -> None:
    """Writes fail the way SQLite fails on a full disk (SQLITE_FULL); reads go on."""
    full = {"on": True}
    with app.app_context():

        @event.listens_for(db.engine, "before_cursor_execute")
        def disk_full(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            if full["on"] and statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
                raise OperationalError(statement, None, Exception("database or disk is full"))

    signup = {"email": "d@example.org", "password": "a password", "confirm": "a password"}
    response = client.post("/signup", data=signup)
    assert response.status_code == 503
    assert "disk full" in response.text and "Traceback" not in response.text
    assert response.headers["Retry-After"] == "30"
    health = client.get("/healthz")  # the load balancer is told
    assert health.status_code == 503
    assert health.get_json() == {"status": "degraded", "database": "read-only"}
    assert client.get("/login").status_code == 200  # reading still works
    full["on"] = False
    assert client.get("/healthz").status_code == 200
    assert client.post("/signup", data=signup).status_code == 302
    assert count_rows(app, User) == 1


def test_a_read_only_database_gets_a_clear_error(tmp_path: Path, app: Flask) -> None:
    _sqlite_only(app)
    path = tmp_path / "test.sqlite"
    add_user(app, "ro@example.org")
    with app.app_context():
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.session.remove()
        db.engine.dispose()
    read_only = make_app(tmp_path, DATABASE_URL=f"sqlite:///file:{path}?mode=ro&uri=true")
    client = read_only.test_client()
    login = client.post("/login", data={"email": "ro@example.org", "password": "wrong one"})
    assert login.status_code == 503
    assert "read-only" in login.text
    api = client.get("/api/v1/me", headers={"Authorization": "Bearer qz_" + "a" * 40})
    assert api.status_code == 401  # reads still work: the token is unknown
    with read_only.app_context():
        db.engine.dispose()

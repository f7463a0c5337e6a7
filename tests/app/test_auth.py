"""Accounts: sign up, log in and out, rate limits, safe redirects, CSRF, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PASSWORD, add_user, get_user, make_app
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.accounts.users import MAX_FAILED_LOGINS
from quizapp.extensions import db
from quizapp.models import LoginAttempt, User


def test_signup_creates_a_hashed_account_then_asks_to_log_in(
    app: Flask, client: FlaskClient
) -> None:
    assert client.get("/signup").status_code == 200
    response = client.post(
        "/signup",
        data={
            "email": "Ana@Example.org",
            "display_name": "Ana",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert response.status_code == 302 and response.location == "/login"
    assert "Log in as ana@example.org" in client.get("/login").text
    assert (
        client.post("/login", data={"email": "ana@example.org", "password": PASSWORD}).status_code
        == 302
    )
    assert "Ana" in client.get("/").text
    with app.app_context():
        user = get_user("ana@example.org")
        assert user.password_hash != PASSWORD and user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "nope", "password": PASSWORD, "confirm": PASSWORD}, "Enter an email address"),
        ({"email": "a@example.org", "password": "short", "confirm": "short"}, "at least 8"),
        ({"email": "a@example.org", "password": PASSWORD, "confirm": "other one"}, "differ"),
    ],
)
def test_signup_rejects_bad_input(client: FlaskClient, data: dict, message: str) -> None:
    response = client.post("/signup", data=data)
    assert response.status_code == 400 and message in response.text


def test_signup_with_a_taken_email_changes_nothing(app: Flask, client: FlaskClient) -> None:
    add_user(app, "a@example.org")
    response = client.post(
        "/signup",
        data={"email": "A@example.org", "password": "another one", "confirm": "another one"},
    )
    assert response.status_code == 302 and response.location == "/login"
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 1
        assert get_user("a@example.org").check_password(PASSWORD)


def test_login_and_logout(app: Flask, client: FlaskClient, auth) -> None:
    add_user(app, "a@example.org")
    assert client.get("/login").status_code == 200
    assert "Wrong email or password" in auth.login("a@example.org", "wrong password").text
    assert auth.login("a@example.org").status_code == 302
    assert client.get("/").status_code == 200
    assert auth.logout().location == "/login"
    assert client.get("/").status_code == 302


def test_logged_in_users_skip_login_and_signup(auth, client: FlaskClient) -> None:
    auth.login_as_learner()
    assert client.get("/login").status_code == 302
    assert client.get("/signup").status_code == 302


def test_login_attempts_are_rate_limited_per_email_and_address(
    app: Flask, client: FlaskClient, auth
) -> None:
    add_user(app, "a@example.org")
    for _ in range(MAX_FAILED_LOGINS):
        assert auth.login("a@example.org", "wrong password").status_code == 200
    blocked = auth.login("a@example.org")  # even the right password waits
    assert blocked.status_code == 429 and "Too many failed logins" in blocked.text
    with app.app_context():
        assert db.session.scalar(select(func.count(LoginAttempt.id))) == MAX_FAILED_LOGINS
    other = app.test_client()
    response = other.post(
        "/login",
        data={"email": "a@example.org", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/stats", "/stats"),
        ("/sources/1?x=1#p-1", "/sources/1?x=1#p-1"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("stats", "/"),
    ],
)
def test_next_redirects_stay_on_this_site(app: Flask, auth, target: str, expected: str) -> None:
    add_user(app, "a@example.org")
    assert auth.login("a@example.org", next=target).location == expected


def test_pages_need_login(client: FlaskClient) -> None:
    for path in ("/", "/quiz", "/stats", "/settings", "/sources/1", "/quiz/result/1"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.startswith("/login?next=")


def test_settings_are_saved(app: Flask, client: FlaskClient, auth) -> None:
    auth.login_as_learner()
    page = client.get("/settings")
    assert 'value="0.90"' in page.text and "checked" in page.text
    response = client.post(
        "/settings",
        data={
            "desired_retention": "0.85",
            "new_per_day": "5",
            "reviews_per_day": "100",
            "date_order": "month_first",
            "time_zone": "Europe/Lisbon",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        user = get_user("learner@example.org")
        assert (user.desired_retention, user.new_per_day, user.reviews_per_day, user.day_first) == (
            0.85,
            5,
            100,
            False,
        )
    bad = client.post(
        "/settings",
        data={
            "desired_retention": "2",
            "new_per_day": "-1",
            "reviews_per_day": "100",
            "date_order": "day_first",
        },
    )
    assert bad.status_code == 400 and "between 0.7 and 0.99" in bad.text


def test_csrf_is_enforced_when_enabled(tmp_path: Path) -> None:
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
    add_user(app, "a@example.org")
    client = app.test_client()
    refused = client.post("/login", data={"email": "a@example.org", "password": PASSWORD})
    assert refused.status_code == 400 and "form expired" in refused.text
    page = client.get("/login").text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    accepted = client.post(
        "/login", data={"email": "a@example.org", "password": PASSWORD, "csrf_token": token}
    )
    assert accepted.status_code == 302
    assert client.post("/logout").status_code == 400  # logging out needs a token too
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def test_session_cookie_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_SESSION_COOKIE_SECURE", "true")
    app = make_app(tmp_path)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"

"""Account recovery that cannot take an account over: a teacher resets only a plain
learner of their own class, the learner is told who did it and when, an administrator
resets anyone from the command line, and a link is redeemed once, even when the same
link is sent many times at once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import PASSWORD, Classroom, add_user, join, make_app, post_at_once, served
from flask import Flask
from flask.testing import FlaskClient

from quizapp.extensions import db
from quizapp.models import PasswordReset, User


def _link(response: Any) -> str:
    found = re.search(r'id="reset-link">([^<]+)<', response.text)
    assert found is not None, response.status_code
    return str(found.group(1))


def _path(link: str) -> str:
    return "/reset/" + link.rsplit("/reset/", 1)[1]


def _resets(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(db.select(db.func.count(PasswordReset.id))) or 0)


@pytest.mark.parametrize(
    ("victim", "role", "is_admin"),
    [
        ("colleague@example.org", "teacher", False),
        ("admin@example.org", "learner", True),
        ("admin-teacher@example.org", "teacher", True),
    ],
)
def test_a_teacher_cannot_take_over_a_teacher_or_administrator_in_their_class(
    app: Flask,
    client: FlaskClient,
    auth: Any,
    classroom: Classroom,
    victim: str,
    role: str,
    is_admin: bool,
) -> None:
    """The attack: the victim joins the attacker's class (teachers may join classes to
    learn), the attacker issues a reset link for them, sets a password, logs in as them."""
    victim_id = add_user(app, victim, role=role, is_admin=is_admin)
    join(app, victim_id, classroom.class_id)
    auth.login("teacher@example.org")
    class_page = client.get(f"/teach/classes/{classroom.class_id}").text
    assert f"/users/{victim_id}/reset-link" not in class_page
    issued = client.post(f"/users/{victim_id}/reset-link")
    assert issued.status_code == 404
    assert _resets(app) == 0
    auth.logout()
    assert auth.login(victim).status_code == 302  # the victim's password still works


def test_a_teacher_cannot_reset_a_learner_who_left_their_class(
    app: Flask, client: FlaskClient, auth: Any, classroom: Classroom
) -> None:
    auth.login("teacher@example.org")
    removed = client.post(
        f"/teach/classes/{classroom.class_id}/members/{classroom.learner_id}/remove"
    )
    assert removed.status_code == 302
    assert client.post(f"/users/{classroom.learner_id}/reset-link").status_code == 404
    assert _resets(app) == 0


def test_the_learner_is_told_who_reset_the_password_and_when(
    app: Flask, client: FlaskClient, auth: Any, classroom: Classroom
) -> None:
    auth.login("teacher@example.org")
    link = _link(client.post(f"/users/{classroom.learner_id}/reset-link"))
    auth.logout()
    done = client.post(
        _path(link), data={"new_password": "reset secret", "confirm": "reset secret"}
    )
    assert done.status_code == 302
    with app.app_context():
        reset = db.session.scalars(db.select(PasswordReset)).one()
        assert reset.used_at is not None and reset.told_at is None
        day = reset.used_at.strftime("%Y-%m-%d")
    landing = client.post(
        "/login",
        data={"email": "learner@example.org", "password": "reset secret"},
        follow_redirects=True,
    )
    notice = re.search(r'<li class="flash flash-warning">([^<]*reset[^<]*)</li>', landing.text)
    assert notice is not None
    assert "teacher (teacher@example.org)" in notice.group(1) and day in notice.group(1)
    settings = client.get("/settings").text
    assert "teacher@example.org" in settings.split('id="password-resets"')[1]
    client.post("/logout")
    again = client.post(
        "/login",
        data={"email": "learner@example.org", "password": "reset secret"},
        follow_redirects=True,
    )
    assert "flash-warning" not in again.text  # told once; the settings page keeps it
    with app.app_context():
        assert db.session.scalars(db.select(PasswordReset)).one().told_at is not None


def test_an_administrator_resets_anyone_from_the_command_line(app: Flask) -> None:
    teacher_id = add_user(app, "head@example.org", role="teacher", is_admin=True)
    result = app.test_cli_runner().invoke(args=["reset-link", "head@example.org"])
    assert result.exit_code == 0, result.output
    assert re.search(r"http://127\.0\.0\.1:5000/reset/[\w-]{40,}", result.output)
    with app.app_context():
        reset = db.session.scalars(db.select(PasswordReset)).one()
        assert (reset.user_id, reset.issued_by) == (teacher_id, None)


def test_a_new_link_supersedes_the_old_one_without_counting_as_a_reset(
    app: Flask, client: FlaskClient, auth: Any, classroom: Classroom
) -> None:
    auth.login("teacher@example.org")
    first = _path(_link(client.post(f"/users/{classroom.learner_id}/reset-link")))
    second = _path(_link(client.post(f"/users/{classroom.learner_id}/reset-link")))
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200
    with app.app_context():
        assert [r.used_at for r in db.session.scalars(db.select(PasswordReset))] == [None, None]


def test_a_link_sent_many_times_at_once_is_redeemed_once(app: Flask, classroom: Classroom) -> None:
    """The attack run redeemed one link four times with parallel requests; here twelve
    requests, each setting its own password, reach a served app at the same moment."""
    with app.app_context():
        from datetime import UTC, datetime

        from quizapp.accounts.users import issue_reset_link

        learner = db.session.get(User, classroom.learner_id)
        teacher = db.session.get(User, classroom.teacher_id)
        assert learner is not None and teacher is not None
        secret = issue_reset_link(learner, issued_by=teacher, now=datetime.now(UTC))
        db.session.commit()
    passwords = [f"parallel secret {index:02d}" for index in range(12)]
    with served(app) as base:
        results = post_at_once(
            f"{base}/reset/{secret}",
            [{"new_password": p, "confirm": p} for p in passwords],
        )
    statuses = [status for status, _body in results]
    assert statuses.count(302) == 1, statuses
    assert set(statuses) == {302, 404}, statuses
    winner = passwords[statuses.index(302)]
    with app.app_context():
        user = db.session.get(User, classroom.learner_id)
        assert user is not None and user.check_password(winner)
        reset = db.session.scalars(db.select(PasswordReset)).one()
        assert reset.used_at is not None


@pytest.mark.parametrize("base_url", [None, "https://quiz.example.org"])
def test_a_reset_link_ignores_the_host_header(tmp_path: Any, base_url: str | None) -> None:
    from conftest import make_class, reset_database

    config = {"BASE_URL": base_url} if base_url else {}
    app = make_app(tmp_path, **config)
    with app.app_context():
        reset_database()
    teacher_id = add_user(app, "t@example.org", role="teacher")
    learner_id = add_user(app, "l@example.org")
    class_id, _code = make_class(app, teacher_id)
    join(app, learner_id, class_id)
    client = app.test_client()
    evil = "http://evil.example"
    client.post("/login", data={"email": "t@example.org", "password": PASSWORD}, base_url=evil)
    response = client.post(f"/users/{learner_id}/reset-link", base_url=evil)
    link = _link(response)
    assert "evil.example" not in link
    assert link.startswith((base_url or "http://127.0.0.1:5000") + "/reset/")

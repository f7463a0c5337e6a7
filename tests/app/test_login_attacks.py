"""Guessing passwords and finding out who has an account: the login limit holds under
parallel requests, and neither login nor sign-up tells a known email from an unknown one
(by their words or by their time)."""

from __future__ import annotations

import time

from conftest import PASSWORD, add_user, post_at_once, served
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.accounts.users import MAX_FAILED_LOGINS
from quizapp.extensions import db
from quizapp.models import LoginAttempt, User


def test_parallel_wrong_passwords_get_no_more_tries_than_the_limit(app: Flask) -> None:
    """The attack run sent 60 wrong passwords at once and 10-11 were checked; here 30."""
    add_user(app, "target@example.org")
    guesses = [{"email": "target@example.org", "password": f"guess {n}"} for n in range(30)]
    with served(app) as base:
        results = post_at_once(f"{base}/login", guesses)
        statuses = [status for status, _body in results]
        checked = sum("Wrong email or password" in body for _status, body in results)
        assert checked <= MAX_FAILED_LOGINS, statuses
        assert statuses.count(429) >= len(guesses) - MAX_FAILED_LOGINS, statuses
        # Attempts counted while others were being stored may have been refused early:
        # never more than the limit are checked. At the limit, even the right password
        # waits.
        right = post_at_once(
            f"{base}/login", [{"email": "target@example.org", "password": PASSWORD}]
        )
        assert right[0][0] == (429 if checked == MAX_FAILED_LOGINS else 302)
    with app.app_context():
        assert db.session.scalar(select(func.count(LoginAttempt.id))) == checked


def test_a_successful_login_leaves_no_failure_behind(app: Flask, client: FlaskClient) -> None:
    add_user(app, "ok@example.org")
    for _ in range(MAX_FAILED_LOGINS - 1):
        client.post("/login", data={"email": "ok@example.org", "password": "nope nope"})
    assert (
        client.post("/login", data={"email": "ok@example.org", "password": PASSWORD}).status_code
        == 302
    )
    with app.app_context():
        assert db.session.scalar(select(func.count(LoginAttempt.id))) == MAX_FAILED_LOGINS - 1


def _fastest_login(client: FlaskClient, email: str, tries: int = 3) -> float:
    times = []
    for _ in range(tries):
        start = time.perf_counter()
        response = client.post("/login", data={"email": email, "password": "wrong password"})
        times.append(time.perf_counter() - start)
        assert "Wrong email or password" in response.text
    return min(times)


def test_login_takes_as_long_for_an_unknown_email_as_for_a_known_one(
    app: Flask, client: FlaskClient
) -> None:
    """The attack run timed 107 ms for a known email and 11 ms for an unknown one."""
    add_user(app, "known@example.org")
    known = _fastest_login(client, "known@example.org")
    unknown = _fastest_login(client, "nobody@example.org")
    assert unknown >= 0.5 * known, (known, unknown)


def _signup(client: FlaskClient, email: str, password: str) -> tuple[int, str, str]:
    response = client.post(
        "/signup", data={"email": email, "password": password, "confirm": password}
    )
    page = client.get(response.location).text if response.status_code == 302 else response.text
    flashed = page.split('<ul class="flashes"', 1)[-1].split("</ul>", 1)[0]
    return response.status_code, response.location or "", flashed.replace(email, "EMAIL")


def test_sign_up_says_the_same_for_a_taken_email_and_lets_the_owner_log_in(
    app: Flask, client: FlaskClient
) -> None:
    add_user(app, "owner@example.org")
    new = _signup(app.test_client(), "newcomer@example.org", "newcomer secret")
    taken = _signup(app.test_client(), "owner@example.org", "attacker secret")
    assert new == taken
    assert "already exists" not in taken[2] and "log in" in taken[2].lower()
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 2
        owner = db.session.scalars(select(User).where(User.email == "owner@example.org")).one()
        assert owner.check_password(PASSWORD)
    assert (
        client.post("/login", data={"email": "owner@example.org", "password": PASSWORD}).status_code
        == 302
    )
    newcomer = app.test_client()
    login = newcomer.post(
        "/login", data={"email": "newcomer@example.org", "password": "newcomer secret"}
    )
    assert login.status_code == 302

"""Login sessions are rows on the server: logging out ends this browser's session and its
"Keep me logged in" cookie for good (a copied cookie is dead), and no other; the API
token shown after creation never travels in the session cookie."""

from __future__ import annotations

import re
from typing import Any

from conftest import PASSWORD, add_user, change_password
from flask import Flask
from flask.testing import FlaskClient

from quizapp.extensions import db

EMAIL = "shared@example.org"


def _login(client: FlaskClient, *, remember: bool = False) -> None:
    data = {"email": EMAIL, "password": PASSWORD} | ({"remember": "y"} if remember else {})
    assert client.post("/login", data=data).status_code == 302


def _logged_in(client: FlaskClient) -> bool:
    response = client.get("/settings")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def _cookies(client: FlaskClient) -> dict[str, str]:
    return {
        name: cookie.value
        for name in ("session", "remember_token")
        if (cookie := client.get_cookie(name)) is not None
    }


def test_logging_out_ends_keep_me_logged_in_on_a_shared_computer(
    app: Flask, client: FlaskClient
) -> None:
    add_user(app, EMAIL)
    _login(client, remember=True)
    assert client.get_cookie("remember_token") is not None
    assert client.post("/logout").location == "/login"
    # The next person at the same browser: the browser sends whatever it kept.
    assert not _logged_in(client)
    assert client.get_cookie("remember_token") is None


def test_copied_cookies_are_dead_after_logout(app: Flask, client: FlaskClient) -> None:
    add_user(app, EMAIL)
    _login(client, remember=True)
    stolen = _cookies(client)
    assert set(stolen) == {"session", "remember_token"}
    client.post("/logout")
    for names in (("session",), ("remember_token",), ("session", "remember_token")):
        thief = app.test_client()
        for name in names:
            thief.set_cookie(name, stolen[name])
        assert not _logged_in(thief), names


def test_logging_out_one_browser_keeps_the_others(app: Flask) -> None:
    add_user(app, EMAIL)
    laptop, phone = app.test_client(), app.test_client()
    _login(laptop, remember=True)
    _login(phone, remember=True)
    laptop.post("/logout")
    assert not _logged_in(laptop)
    assert _logged_in(phone)
    # The phone's remember cookie alone still signs it in (a restarted browser).
    restarted = app.test_client()
    restarted.set_cookie("remember_token", _cookies(phone)["remember_token"])
    assert _logged_in(restarted)


def test_a_login_is_a_row_that_logout_ends_and_that_keeps_no_secret(
    app: Flask, client: FlaskClient
) -> None:
    user_id = add_user(app, EMAIL)
    _login(client, remember=True)
    with client.session_transaction() as session:
        carried = session["_user_id"]
    secret = carried.rsplit(":", 1)[1]
    from quizapp.models import LoginSession

    with app.app_context():
        row = db.session.scalars(db.select(LoginSession)).one()
        assert (row.user_id, row.remember, row.ended_at) == (user_id, True, None)
        assert secret not in row.token_hash and len(secret) >= 40
    client.post("/logout")
    with app.app_context():
        row = db.session.scalars(db.select(LoginSession)).one()
        assert row.ended_at is not None


def test_a_password_change_ends_the_other_rows_and_renews_this_one(
    app: Flask, client: FlaskClient
) -> None:
    add_user(app, EMAIL)
    other = app.test_client()
    _login(client, remember=True)
    _login(other)
    changed = change_password(client, PASSWORD, "new secret 1")
    assert changed.status_code == 302
    assert _logged_in(client) and not _logged_in(other)
    from quizapp.models import LoginSession

    with app.app_context():
        # The ended rows were deleted by the new login; this browser's is remembered.
        row = db.session.scalars(db.select(LoginSession)).one()
        assert row.ended_at is None and row.remember


def test_a_new_api_token_never_travels_in_the_session_cookie(
    app: Flask, client: FlaskClient, auth: Any
) -> None:
    auth.login_as_learner()
    response = client.post("/settings/tokens", data={"name": "script", "scope": "read"})
    shown = re.search(r"<code>(qz_[\w-]+)</code>", response.text)
    assert shown is not None, response.status_code
    assert response.headers["Cache-Control"] == "no-store"
    secret = shown.group(1)
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = client.get_cookie("session")
    assert cookie is not None
    assert secret not in str(serializer.loads(cookie.value))
    assert secret not in client.get("/settings").text  # shown once

"""Input the databases cannot store is refused at the boundary, the same way on SQLite
and PostgreSQL: a NUL byte or another control character in any form field, query or
JSON string, a lone surrogate, JSON nested too deeply, a file name too long; text from a
document that is longer than its column is shortened, and any other text too long for
its column is a 400 naming the field, never a 500."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from conftest import DATA, add_user, count_rows
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.accounts.tokens import create_token
from quizapp.extensions import db
from quizapp.models import GenerationJob, Passage, Question, Review, Source, User


def _token(app: Flask, user_id: int) -> dict[str, str]:
    with app.app_context():
        user = db.session.get(User, user_id)
        _row, secret = create_token(user, "test", "write", now=datetime.now(UTC))
        db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def test_a_nul_byte_at_login_is_a_400_naming_the_field(app: Flask, client: FlaskClient) -> None:
    """On PostgreSQL this was a 500 (a text value cannot hold NUL); on SQLite a search
    for an email that cannot exist."""
    add_user(app, "a@example.org")
    response = client.post("/login", data={"email": "a@example.org\x00", "password": "x" * 9})
    assert response.status_code == 400
    assert "email" in response.text and "U+0000" in response.text


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f"])
def test_every_route_refuses_control_characters_in_form_and_query(
    app: Flask, client: FlaskClient, character: str
) -> None:
    """Each route of the app, whatever it does with its input: the boundary comes first."""
    routes = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        url = re.sub(r"<(?:\w+:)?(\w+)>", "1", rule.rule)
        url = re.sub(r"<any\([^)]*\):\w+>", "csv", url)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if method == "GET":
                response = client.get(url, query_string={"q": f"a{character}b"})
            else:
                response = client.open(url, method=method, data={"name": f"a{character}b"})
            assert response.status_code == 400, (method, url, response.status_code)
            assert f"U+{ord(character):04X}" in response.text, (method, url)
            routes += 1
    assert routes > 60


def test_a_nul_byte_in_a_path_is_a_400(app: Flask, client: FlaskClient, auth: Any) -> None:
    auth.login_as_learner()
    assert client.get("/join/AB%00CD").status_code == 400


def test_line_breaks_and_tabs_are_ordinary_text(app: Flask, client: FlaskClient) -> None:
    response = client.post(
        "/signup",
        data={
            "email": "tab@example.org",
            "display_name": "Ana\tB",
            "password": "line\nbreak\r\npassword",
            "confirm": "line\nbreak\r\npassword",
        },
    )
    assert response.status_code == 302


# --- JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[" * 2048 + "]" * 2048, "nested"),
        (
            '{"question_id": 1, "card_version": 0, "answer": ' + "[" * 2000 + "]" * 2000 + "}",
            "nested",
        ),
        ('{"question_id": 1, "card_version": 0, "answer": "\\ud800"}', "U+D800"),
        ('{"question_id": 1, "card_version": 0, "answer": "a\\u0000"}', "U+0000"),
        ('{"question_id": 1, "card_version": 0, "answer\\u0000": "1990"}', "U+0000"),
        ('{"question_id": 1, "card_version": 0, "answer": "1990"', "not valid JSON"),
    ],
    ids=["deep-array", "deep-field", "lone-surrogate", "nul-value", "nul-key", "truncated"],
)
def test_bad_json_is_a_400_with_a_message(
    app: Flask, client: FlaskClient, imported: int, body: str, message: str
) -> None:
    headers = _token(app, add_user(app, "api@example.org"))
    response = client.post(
        "/api/v1/answers", data=body, content_type="application/json", headers=headers
    )
    assert response.status_code == 400, response.text[:300]
    assert message in response.get_json()["error"]["message"]
    assert count_rows(app, Review) == 0


# --- file names and document text ---------------------------------------------------------


def test_a_404_character_file_name_is_refused_on_the_page_and_the_api(
    app: Flask, client: FlaskClient, auth: Any
) -> None:
    teacher_id = auth.login_as_teacher()
    name = "n" * 400 + ".txt"
    notes = (DATA / "sample.txt").read_bytes()
    page = client.post(
        "/teach/documents/upload",
        data={"document": (io.BytesIO(notes), name)},
        content_type="multipart/form-data",
    )
    assert page.status_code == 400 and "file name" in page.text
    api = client.post(
        "/api/v1/documents",
        data={"document": (io.BytesIO(notes), name)},
        content_type="multipart/form-data",
        headers=_token(app, teacher_id),
    )
    assert api.status_code == 400 and "file name" in api.get_json()["error"]["message"]
    assert count_rows(app, GenerationJob) == 0 and count_rows(app, Source) == 0


def test_a_heading_longer_than_its_column_is_shortened_and_the_job_finishes(
    app: Flask, client: FlaskClient, auth: Any
) -> None:
    auth.login_as_teacher()
    heading = "The long negotiations " * 20  # 440 characters
    document = (
        f"# Treaties\n\n## {heading}\n\nThe Treaty of Kiel was signed on 14 January 1814.\n\n"
        "Norway declared its independence on 17 May 1814.\n"
    ).encode()
    response = client.post(
        "/teach/documents/upload",
        data={"document": (io.BytesIO(document), "treaties.md")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.text[:300]
    with app.app_context():
        job = db.session.scalars(select(GenerationJob)).one()
        assert job.status == "done", job.message
        sections = set(db.session.scalars(select(Passage.section)))
        sections |= set(db.session.scalars(select(Question.section)))
        long_ones = [section for section in sections if section.startswith("The long")]
        assert long_ones and all(
            len(section) <= 300 and section.endswith("…") for section in long_ones
        )


def test_text_too_long_for_its_column_is_a_400_naming_it(app: Flask) -> None:
    """The last line of defence, for text no form or importer bounded: the same error on
    both databases (SQLite alone would have kept it, PostgreSQL refused it with a 500)."""
    from quizapp.platform.boundary import TextTooLongError

    with app.app_context():
        db.session.add(User(email="x" * 255, display_name="x", password_hash="x"))
        with pytest.raises(TextTooLongError, match=r"user\.email.* 255 characters.* 254"):
            db.session.flush()
        db.session.rollback()
        assert db.session.scalar(select(func.count(User.id))) == 0


def test_a_too_long_value_from_a_route_is_a_400_page(tmp_path: Any) -> None:
    from conftest import make_app, reset_database

    from quizapp.platform.boundary import TextTooLongError

    app = make_app(tmp_path)
    with app.app_context():
        reset_database()

    def store() -> str:
        db.session.add(User(email="y" * 300, display_name="y", password_hash="y"))
        db.session.flush()
        return "stored"

    app.add_url_rule("/store", view_func=store)
    response = app.test_client().get("/store")
    assert response.status_code == 400
    assert "too long" in response.text and "email" in response.text
    assert issubclass(TextTooLongError, ValueError)

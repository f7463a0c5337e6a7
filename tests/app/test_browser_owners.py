"""Owners' pages clicked through in a real Chromium, at 1280 px and on a phone (390 px):
a teacher gives a class their document, and saves their own version of a bundled
question; an administrator publishes an upload for everyone.

Reuses the learner browser test's fixtures (the live app with CSRF on, Debian's Chromium
through Playwright) and its rule: skipped locally without ``/usr/bin/chromium``, failed
under ``CI=true``.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import add_user, make_upload
from flask import Flask
from sqlalchemy import select

from app.test_browser import _log_in, _shot, live_app, page  # noqa: F401
from app.test_browser_teacher import _new_class
from quizapp.extensions import db
from quizapp.models import ClassSource, Question, Source, TeacherEdit, User

pytestmark = pytest.mark.browser

WIDTHS = {"wide": (1280, 800), "phone": (390, 844)}


def _shots(tab: Any, name: str) -> None:
    """The page at each width; neither scrolls sideways."""
    for label, (width, height) in WIDTHS.items():
        tab.set_viewport_size({"width": width, "height": height})
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, (name, label)
        _shot(tab, f"owners-{name}-{label}")
    tab.set_viewport_size({"width": 1000, "height": 800})


def _teachers_upload(app: Flask) -> tuple[int, int]:
    """A teacher and their upload, every question accepted: their ids."""
    teacher_id = add_user(app, "teacher-owner@example.org", role="teacher")
    return teacher_id, make_upload(app, teacher_id, title="Ms Aliyeva's notes")


def test_a_teacher_gives_a_class_a_document_and_keeps_a_version_of_their_own(
    page: Any,  # noqa: F811
    live_app: tuple[Flask, str],  # noqa: F811
) -> None:
    app, base = live_app
    _teacher_id, source_id = _teachers_upload(app)
    _log_in(page, base, "teacher-owner@example.org")
    _new_class(page, "History 9B")
    page.select_option("#source_id", label="Ms Aliyeva's notes")
    page.click("#give-source")
    page.wait_for_selector(f"#class-document-{source_id}")
    _shots(page, "class-documents")
    with app.app_context():
        assert db.session.scalars(select(ClassSource.source_id)).all() == [source_id]

    # A bundled question: the teacher does not curate it, and saves their own version.
    with app.app_context():
        bundled = db.session.scalars(
            select(Question).join(Source).where(Source.owner_id.is_(None), Question.kind == "date")
        ).first()
        assert bundled is not None
        question_id, prompt = bundled.id, bundled.prompt
    page.goto(f"{base}/teach/questions/{question_id}")
    assert page.locator("#not-yours").is_visible() and page.locator("#retire").count() == 0
    page.fill("#edit-form textarea#prompt", "When did Shusha fall, in my class's words?")
    page.click("#save-edit")
    page.wait_for_selector("#own-version")
    _shots(page, "own-version")
    with app.app_context():
        own = db.session.scalars(select(TeacherEdit)).one()
        assert own.prompt == "When did Shusha fall, in my class's words?"
        assert db.session.get(Question, question_id).prompt == prompt


def test_an_administrator_publishes_an_upload_for_everyone(
    page: Any,  # noqa: F811
    live_app: tuple[Flask, str],  # noqa: F811
) -> None:
    app, base = live_app
    teacher_id, source_id = _teachers_upload(app)
    add_user(app, "admin@example.org", is_admin=True)
    _log_in(page, base, "admin@example.org")
    assert page.locator("#nav-teach").is_visible()
    page.goto(f"{base}/teach/documents/{source_id}/review")
    page.wait_for_selector("#publish-everyone")
    _shots(page, "review-admin")
    page.click("#publish-everyone")
    page.wait_for_selector("#withdraw")
    with app.app_context():
        assert db.session.get(Source, source_id).audience == "everyone"
        assert db.session.scalars(select(User.is_admin).where(User.id == teacher_id)).one() is False

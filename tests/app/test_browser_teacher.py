"""A teacher's path clicked through in a real Chromium: create a class, build a set,
assign it; a learner joins with the link and answers; the teacher reads the results and
downloads the grades.

It reuses the learner browser test's fixtures (the live app with CSRF on, Debian's
Chromium through Playwright) and its rule: skipped locally without ``/usr/bin/chromium``,
failed under ``CI=true``.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.test_browser import PASSWORD, _answer_by_keyboard, _shot, live_app, page  # noqa: F401
from quizapp.extensions import db
from quizapp.models import AssignmentAttempt, Card, Question, User

pytestmark = pytest.mark.browser

TEACHER = "teacher-browser@example.org"
LEARNER = "learner-browser@example.org"


def _signup(tab: Any, base: str, email: str, name: str, *, teacher: bool) -> None:
    tab.goto(f"{base}/signup")
    tab.fill("#email", email)
    tab.fill("#display_name", name)
    tab.fill("#password", PASSWORD)
    tab.fill("#confirm", PASSWORD)
    if teacher:
        tab.check("#teacher")
    tab.click("#signup-form [type=submit]")
    # Sign-up never logs in (it says the same whether the email is new or not): log in.
    tab.wait_for_url(f"{base}/login")
    tab.fill("#email", email)
    tab.fill("#password", PASSWORD)
    tab.click("#login-form [type=submit]")
    tab.wait_for_url(f"{base}/")


def _log_out(tab: Any, base: str) -> None:
    tab.click("#logout")
    tab.wait_for_url(f"{base}/login")


def test_a_teachers_path_in_chromium(page: Any, live_app: tuple[Flask, str]) -> None:  # noqa: F811
    app, base = live_app

    # The teacher signs up, creates a class and reads its join link.
    _signup(page, base, TEACHER, "Ms Aliyeva", teacher=True)
    page.click("#nav-teach")
    page.click("#new-class")
    page.fill("#name", "History 9B")
    page.click("#create-class")
    page.wait_for_selector("#join-code")
    join_link = page.get_attribute("#join-link", "href")
    code = page.inner_text("#join-code")
    assert join_link == f"/join/{code}"
    _shot(page, "teacher-01-class")

    # A set from the bank: filter to typed-date questions, look at a passage, pick them all.
    page.click("#nav-teach")
    page.click("#new-set")
    page.fill("#name", "Endgame dates")
    page.fill("#description", "When the war ended")
    page.click("#save-set")
    page.wait_for_selector("#filter-form")
    page.select_option("#kind", "date")
    page.click("#apply-filters")
    page.wait_for_url("**/build?*kind=date*")
    assert page.inner_text("#found-count") == "2 questions match."
    first = page.locator("#candidates details").first
    first.locator("summary").click()
    assert first.locator("mark.evidence").is_visible()
    for box in page.locator("#candidates input[type=checkbox]").all():
        box.check()
    _shot(page, "teacher-02-build")
    page.click("#add-selected")
    page.wait_for_selector("#found-count")
    assert page.locator("#candidates .tag").count() == 2  # both now "in the set"

    # Assign it to the class, open since yesterday, due in a week.
    page.click("#nav-teach")
    page.click("#teacher-classes a")
    page.click("#assign")
    now = datetime.now(UTC)
    page.select_option("#set_id", label="Endgame dates (2 questions)")
    page.fill("#opens_at", (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#due_at", (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#max_attempts", "1")
    page.click("#assign-submit")
    page.wait_for_selector("#class-assignments table")
    _shot(page, "teacher-03-assigned")
    _log_out(page, base)

    # A learner signs up, follows the join link and confirms.
    _signup(page, base, LEARNER, "Farid", teacher=False)
    page.goto(f"{base}{join_link}")
    page.click("#join-submit")
    page.wait_for_url(f"{base}/classes")
    assert "History 9B" in page.inner_text("#my-classes")

    # The assignment is on the dashboard; the learner answers it with the keyboard.
    page.click("a.brand")
    page.wait_for_selector("#assignments")
    page.click("#assignments a")
    page.click("#start-attempt")
    for _ in range(2):
        page.wait_for_selector("#answer-form")
        question_id = int(page.input_value("#question_id"))
        with app.app_context():
            question = db.session.get(Question, question_id)
            assert question is not None and question.kind == "date"
            _answer_by_keyboard(page, question)
        page.wait_for_selector("#result")
        assert page.inner_text("#score").startswith("100%")
        page.wait_for_selector("#next:focus")  # autofocus lands once the page has loaded
        page.keyboard.press("Enter")  # Next goes back to the assignment
    page.wait_for_selector("#best-score")
    assert "100%" in page.inner_text("#best-score")
    _shot(page, "teacher-04-learner-done")
    _log_out(page, base)

    # The teacher sees the results and downloads the grades.
    page.fill("#email", TEACHER)
    page.fill("#password", PASSWORD)
    page.click("#login-form [type=submit]")
    page.wait_for_url(f"{base}/")
    page.click("#nav-teach")
    page.click("#teacher-classes a")
    page.click("#class-assignments tbody a")
    page.wait_for_selector("#grades")
    assert "Farid" in page.inner_text("#grades") and "100%" in page.inner_text("#grades")
    assert page.locator("#items tbody tr").count() == 2
    _shot(page, "teacher-05-results")
    with page.expect_download() as download_info:
        page.click("#grades-csv")
    grades = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(grades)))
    assert rows[1][:5] == ["Farid", LEARNER, "1", "100", "yes"]

    with app.app_context():
        learner = db.session.scalars(select(User).where(User.email == LEARNER)).one()
        attempt = db.session.scalars(select(AssignmentAttempt)).one()
        assert attempt.user_id == learner.id and attempt.score == 1.0 and not attempt.late
        cards = db.session.scalars(select(Card).where(Card.user_id == learner.id)).all()
        assert len(cards) == 2  # the assigned questions joined the learner's schedule

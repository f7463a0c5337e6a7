"""A teacher's path clicked through in a real Chromium, at 1280x800 and on a phone
(390x844): create a class in its time zone, correct an answer key of their upload, build
a set, assign it with answers hidden until the due date; a learner joins with the link and
attempts twice without seeing an answer; the teacher reads the results, overrides one
grade, opens the gradebook and downloads it; the learner reads the override.

It reuses the learner browser test's fixtures (the live app with CSRF on, Debian's
Chromium through Playwright) and its rule: skipped locally without ``/usr/bin/chromium``,
failed under ``CI=true``.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import make_upload
from flask import Flask
from sqlalchemy import select

from app.test_browser import (  # noqa: F401
    ARTIFACTS,
    PASSWORD,
    _answer_by_keyboard,
    _log_in,
    _submit_form,
    live_app,
    page,
)
from quizapp.extensions import db
from quizapp.models import Assignment, AssignmentAttempt, GradeOverride, Question, User

pytestmark = pytest.mark.browser

TEACHER = "teacher-browser@example.org"
LEARNER = "learner-browser@example.org"


def _signup(tab: Any, base: str, email: str, name: str, *, teacher: bool) -> None:
    tab.goto(f"{base}/signup")
    fields = {"email": email, "display_name": name, "password": PASSWORD, "confirm": PASSWORD}
    _submit_form(tab, "signup-form", fields, tick="teacher" if teacher else None)
    # Sign-up never logs in (it says the same whether the email is new or not): log in.
    tab.wait_for_url(f"{base}/login")
    _log_in(tab, base, email)


def _new_class(tab: Any, name: str, timezone: str | None = None) -> None:
    """Create a class from the teacher's menu; land on its page."""
    tab.click("#nav-teach")
    tab.click("#new-class")
    tab.fill("#name", name)
    if timezone:
        tab.select_option("#timezone", timezone)
    tab.click("#create-class")
    tab.wait_for_selector("#join-code")


def _new_set(tab: Any, name: str, source_title: str) -> None:
    """Create a set of a source's questions from the teacher's menu; land on its
    builder."""
    tab.click("#nav-teach")
    tab.click("#new-set")
    tab.fill("#name", name)
    tab.select_option("#source_id", label=source_title)
    tab.click("#save-set")
    tab.wait_for_selector("#filter-form")


def _log_out(tab: Any, base: str) -> None:
    tab.click("#logout")
    tab.wait_for_url(f"{base}/login")


SIZES = {"1280x800": (1280, 800), "390x844": (390, 844)}


def _shot(tab: Any, size: str, name: str) -> None:
    """The page as it is; it never scrolls sideways (a wide table scrolls in its box)."""
    width = SIZES[size][0]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, (size, name)
    tab.screenshot(path=str(ARTIFACTS / f"teacher-{size}-{name}.png"), full_page=True)


def _no_answer_shown(tab: Any) -> None:
    """Neither a right answer nor a passage is on the page."""
    assert tab.locator("#expected").count() == 0 and tab.locator("#evidence").count() == 0
    assert "Right answer" not in tab.inner_text("main")


@pytest.mark.parametrize("size", list(SIZES))
def test_a_teachers_path_in_chromium(page: Any, live_app: tuple[Flask, str], size: str) -> None:  # noqa: F811
    app, base = live_app
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})

    # The teacher signs up; their upload's questions are accepted (a generation's result).
    _signup(page, base, TEACHER, "Ms Aliyeva", teacher=True)
    with app.app_context():
        teacher_id = db.session.scalars(select(User.id).where(User.email == TEACHER)).one()
    source_id = make_upload(app, teacher_id, title="Karabakh notes")
    page.goto(f"{base}/")
    if width >= 1280:  # the teacher's menu holds on one line on a large screen
        boxes = [
            page.locator(f"header.site nav > {selector}").bounding_box()
            for selector in ("a.brand", "#nav-teach", "#nav-settings", "#logout-form")
        ]
        assert max(b["y"] for b in boxes) < min(b["y"] + b["height"] for b in boxes), boxes

    # A class in Berlin's time zone.
    _new_class(page, "History 9B", "Europe/Berlin")
    join_link = page.get_attribute("#join-link", "href")
    _shot(page, size, "01-class")

    # The owner corrects the key of the Shusha question: ask the month, not the day.
    with app.app_context():
        shusha = db.session.scalars(
            select(Question).where(
                Question.source_id == source_id, Question.bank_id == "q-0000b001"
            )
        ).one()
        shusha_id = shusha.id
    page.goto(f"{base}/teach/questions/{shusha_id}")
    assert page.locator("#evidence mark.evidence").first.is_visible()  # the passage beside it
    page.fill("#answer", "8 November 2020")
    page.select_option("#granularity", "month")
    page.click("#save-key")
    page.wait_for_selector("#key-corrected")
    assert "November 2020" in page.inner_text("#current-key")
    _shot(page, size, "02-key")

    # A set of the upload's typed-date questions.
    _new_set(page, "Endgame dates", "Karabakh notes")
    page.select_option("#kind", "date")
    page.click("#apply-filters")
    page.wait_for_url("**/build?*kind=date*")
    for box in page.locator("#candidates input[type=checkbox]").all():
        box.check()
    page.click("#add-selected")
    page.wait_for_selector("#found-count")

    # Assigned with two attempts, the score after each, answers and passages after the due date.
    page.click("#nav-teach")
    page.click("#teacher-classes a")
    page.click("#assign")
    assert "Due (Europe/Berlin)" in page.inner_text("#assign-form")
    berlin = ZoneInfo("Europe/Berlin")
    now = datetime.now(berlin)
    page.select_option("#set_id", label="Endgame dates (2 questions)")
    page.fill("#opens_at", (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    due = now + timedelta(days=7)
    page.fill("#due_at", due.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#max_attempts", "2")
    page.select_option("#show_score", "attempt")
    page.select_option("#show_answer", "due")
    page.select_option("#show_passage", "due")
    page.select_option("#grading", "best")
    _shot(page, size, "03-assign")
    page.click("#assign-submit")
    page.wait_for_selector("#class-assignments table")
    assert due.strftime("%d %b %Y %H:%M") + " CE" in page.inner_text("#class-assignments")
    _log_out(page, base)

    # A learner joins and attempts twice; no answer or passage is shown on the way.
    _signup(page, base, LEARNER, "Farid", teacher=False)
    page.goto(f"{base}{join_link}")
    page.click("#join-submit")
    page.wait_for_url(f"{base}/classes")
    page.click("a.brand")
    page.click("#assignments a")
    for number, wrong_first in ((1, True), (2, False)):
        page.click("#start-attempt")
        for index in range(2):
            page.wait_for_selector("#answer-form")
            assert f"attempt {number}" in page.inner_text("#progress-text")
            question_id = int(page.input_value("#question_id"))
            with app.app_context():
                question = db.session.get(Question, question_id)
                assert question is not None
                if wrong_first and index == 0:
                    page.fill("#answer", "1990")
                    page.keyboard.press("Enter")
                else:
                    _answer_by_keyboard(page, question)
            page.wait_for_selector("#result")
            _no_answer_shown(page)
            # The score shows once the attempt is over (its last answer), never before.
            assert page.locator("#score").count() == (1 if index == 1 else 0)
            if number == 1 and index == 0:
                _shot(page, size, "04-answer-recorded")
            page.wait_for_selector("#next:focus")
            page.keyboard.press("Enter")
        page.wait_for_selector("#best-score")
        _no_answer_shown(page)
    assert "100%" in page.inner_text("#best-score")  # the best of 50% and 100%
    assert page.locator("#no-attempts").count() == 1
    _shot(page, size, "05-learner-done")
    _log_out(page, base)

    # The teacher reads the results, overrides Farid's grade, opens the gradebook.
    _log_in(page, base, TEACHER)
    page.click("#nav-teach")
    page.click("#teacher-classes a")
    page.click("#class-assignments tbody a")
    page.wait_for_selector("#grades")
    assert "100%" in page.inner_text("#grades")
    _shot(page, size, "06-results")
    page.click("#grades tbody a")
    page.wait_for_selector("#override-form")
    page.fill("#grade", "90")
    page.fill("#comment", "Second attempt after the class discussion: 90.")
    page.click("#override-submit")
    page.wait_for_selector("#final-grade")
    _shot(page, size, "07-override")
    with app.app_context():
        class_id = db.session.scalars(select(Assignment.class_id)).one()
    page.goto(f"{base}/teach/classes/{class_id}/gradebook")
    page.click("#sort-total")
    page.wait_for_url("**sort=total*")
    cell = page.inner_text("#gradebook tbody td")
    assert "90%" in cell and "computed 100%" in cell
    _shot(page, size, "08-gradebook")
    with page.expect_download() as download_info:
        page.click("#gradebook-csv")
    rows = list(
        csv.reader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8-sig")))
    )
    assert rows[1][:7] == [
        "Farid",
        LEARNER,
        "90",
        "100",
        "no",
        "yes",
        "Second attempt after the class discussion: 90.",
    ]
    _log_out(page, base)

    # Farid reads his grade and the comment.
    _log_in(page, base, LEARNER)
    page.click("#assignments a")
    page.wait_for_selector("#grade-override")
    assert "90%" in page.inner_text("#grade-override")
    assert "class discussion" in page.inner_text("#override-comment")
    _shot(page, size, "09-learner-override")

    with app.app_context():
        learner = db.session.scalars(select(User).where(User.email == LEARNER)).one()
        attempts = db.session.scalars(
            select(AssignmentAttempt).order_by(AssignmentAttempt.number)
        ).all()
        assert [(a.user_id, a.score) for a in attempts] == [(learner.id, 0.5), (learner.id, 1.0)]
        override = db.session.scalars(select(GradeOverride)).one()
        assert (override.user_id, override.score) == (learner.id, 0.9)
        assert db.session.get(Question, shusha_id).answer["granularity"] == "month"


@pytest.mark.parametrize("size", list(SIZES))
def test_the_review_keys_follow_a_decision_without_a_reload(
    page: Any,  # noqa: F811
    live_app: tuple[Flask, str],  # noqa: F811
    size: str,
) -> None:
    from quizapp.models import QuestionDecision

    app, base = live_app
    page.set_viewport_size({"width": SIZES[size][0], "height": SIZES[size][1]})
    _signup(page, base, TEACHER, "Ms Aliyeva", teacher=True)
    with app.app_context():
        teacher_id = db.session.scalars(select(User.id).where(User.email == TEACHER)).one()
    source_id = make_upload(app, teacher_id, title="Karabakh notes", accept=())  # all pending
    page.goto(f"{base}/teach/documents/{source_id}/review")
    first = page.locator("li.review-item").first
    page.wait_for_selector("li.review-item.current")
    first_id = int((first.get_attribute("id") or "").removeprefix("question-"))

    def decision() -> str:
        with app.app_context():
            question = db.session.get(Question, first_id)
            assert question is not None
            return db.session.scalars(
                select(QuestionDecision.decision).where(
                    QuestionDecision.source_id == source_id,
                    QuestionDecision.bank_id == question.bank_id,
                )
            ).one()

    def shows(value: str) -> bool:
        return first.locator(f'button[data-decision="{value}"]').is_visible()

    page.keyboard.press("a")  # accept; the next question is current
    page.wait_for_selector(f"#question-{first_id}.decision-accepted")
    assert decision() == "accepted"
    assert not shows("accepted") and shows("rejected") and shows("pending")
    page.keyboard.press("k")  # back to it, no reload: r and u work
    page.keyboard.press("r")
    page.wait_for_selector(f"#question-{first_id}.decision-rejected")
    assert decision() == "rejected" and shows("accepted") and not shows("rejected")
    page.keyboard.press("k")
    page.keyboard.press("u")
    page.wait_for_selector(f"#question-{first_id}.decision-pending")
    assert decision() == "pending" and shows("accepted") and not shows("pending")
    assert page.inner_text('[data-count="pending"]') == "5"
    _shot(page, size, "10-review-keys")

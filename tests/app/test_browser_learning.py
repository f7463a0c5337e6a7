"""A fact through its three forms over simulated days, in Chromium: one form of a fact a
day (a fact rated Again comes back that day in the same form), a rating changed by a
click that stays after Next, another by a tap on a phone, an empty and an unreadable
answer that are not graded, and the quiz and Study pages at 1280x800 and 390x844
(screenshots in test-artifacts/)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, NOW, add_user, make_app
from flask import Flask
from sqlalchemy import func, select

from app.test_browser import ARTIFACTS, PASSWORD, page, serving  # noqa: F401
from quizapp.extensions import db
from quizapp.models import Question, Review

pytestmark = pytest.mark.browser

THREE_FORMS = ("f-0f06914f", "f-d7e0ff87", "f-0170efd5")  # a date, a cloze and a choice each
TYPED = {"-0146": "146 BC", "0043": "AD 43", "1917-11-07": "7 November 1917"}
EMAIL = "days@example.org"


class Clock:
    """The server's "now", moved forward a day at a time by the test."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def eras_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Flask, str, Clock]]:
    """The eras bank, only its facts with three forms live, served with a movable clock."""
    from question_bank.bank import load_bank
    from quizapp.learning import views
    from quizapp.sources.importer import import_bank

    clock = Clock(NOW)
    monkeypatch.setattr(views, "utcnow", clock)
    app = make_app(tmp_path, TESTING=False, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.drop_all()
        db.create_all()
        import_bank(load_bank(DATA / "eras_bank.yaml"), now=NOW)
        for question in db.session.scalars(select(Question)):
            question.retired = question.fact not in THREE_FORMS
        db.session.commit()
    add_user(app, EMAIL, new_per_day=3)
    with serving(app) as base:
        yield app, base, clock


def _shots(browser_page: Any, name: str) -> None:
    for width, height in ((1280, 800), (390, 844)):
        browser_page.set_viewport_size({"width": width, "height": height})
        path = ARTIFACTS / f"learning-{name}-{width}.png"
        browser_page.screenshot(path=str(path), full_page=True)
    browser_page.set_viewport_size({"width": 1280, "height": 800})


def _reviews(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count(Review.id))) or 0)


def _rating(app: Flask, review_id: int) -> tuple[int, int, bool]:
    """``(rating, original_rating, override)`` of a stored review."""
    with app.app_context():
        review = db.session.get(Review, review_id)
        assert review is not None
        return review.rating, review.original_rating, review.override


def _not_graded(browser_page: Any, app: Flask, given: str, says: str) -> None:
    """Submit ``given``: the page says what it could not read and the forms it reads,
    keeps the question, and no review is stored."""
    question_id, before = browser_page.input_value("#question_id"), _reviews(app)
    browser_page.fill("#answer", given)
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")
    error = browser_page.inner_text("#answer-error")
    assert says in error and "day month year" in error, error
    assert browser_page.input_value("#question_id") == question_id
    assert _reviews(app) == before


def _tap_on_a_phone(browser_page: Any, label: str, saved: str) -> None:
    """Open the result page on a phone (touch, 390 px, the same login) and tap a rating."""
    context = browser_page.context.browser.new_context(
        storage_state=browser_page.context.storage_state(),
        has_touch=True,
        is_mobile=True,
        viewport={"width": 390, "height": 844},
    )
    try:
        phone = context.new_page()
        phone.goto(browser_page.url)
        phone.tap(f"label[for='{label}']")
        phone.wait_for_selector(f"text={saved}")
        phone.screenshot(path=str(ARTIFACTS / "learning-rating-tapped-390.png"), full_page=True)
    finally:
        context.close()


def test_a_fact_through_its_three_forms_over_days(
    page: Any,  # noqa: F811
    eras_app: tuple[Flask, str, Clock],
) -> None:
    app, base, clock = eras_app
    page.goto(f"{base}/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/study")
    _shots(page, "study")

    asked: dict[str, list[tuple[int, str]]] = defaultdict(list)
    unreadable_tried = shot = False
    clicked: tuple[int, str] | None = None  # the review rated Again by a click, its fact
    tapped: int | None = None  # the review rated Hard by a tap
    for day in range(40):
        clock.now = NOW + timedelta(days=day)
        page.goto(f"{base}/quiz")
        for _ in range(12):
            if page.locator("#summary").count():
                break
            kind = page.get_attribute("#answer-form", "data-kind")
            question_id = int(page.input_value("#question_id"))
            with app.app_context():
                question = db.session.get(Question, question_id)
                assert question is not None and question.kind == kind
                fact, answer = question.fact, dict(question.answer)
                choices = list(question.choices)
            asked[fact].append((day, str(kind)))
            if kind == "choice":
                if not shot:
                    _shots(page, "quiz-choice")
                    shot = True
                page.keyboard.press(str(choices.index(answer["text"]) + 1))
            else:
                if not unreadable_tried:
                    # Neither an empty Enter nor an unreadable date is graded.
                    _not_graded(page, app, "", "No answer was given")
                    _not_graded(page, app, "22/12/89", "could not be read")
                    _shots(page, f"unreadable-{kind}")
                    unreadable_tried = True
                page.fill("#answer", TYPED[answer["date"]])
            clock.now += timedelta(minutes=11)  # past a learning step
            page.keyboard.press("Enter")
            page.wait_for_selector("#result")
            assert page.inner_text("#score").startswith("100%"), page.inner_text("#result")
            review_id = int(page.url.rsplit("/", 1)[1])
            if clicked is None:
                # A click on another rating saves it, as a key does; the original stays.
                _shots(page, "result")
                page.click("label[for='rating-0']")
                page.wait_for_selector("text=Rating set to Again")
                assert _rating(app, review_id) == (1, 3, True)
                clicked = (review_id, fact)
            elif tapped is None:
                original = _rating(app, review_id)[1]
                _tap_on_a_phone(page, "rating-1", "Rating set to Hard")
                assert _rating(app, review_id) == (2, original, True) and original != 2
                tapped = review_id
            page.wait_for_selector("#next:focus")
            page.keyboard.press("Enter")
            page.wait_for_url(f"{base}/quiz")
        if all("date" in {kind for _day, kind in asked[fact]} for fact in THREE_FORMS):
            break
    assert clicked is not None and tapped is not None and unreadable_tried
    # Next kept the ratings changed by click and by tap.
    assert _rating(app, clicked[0]) == (1, 3, True)
    assert _rating(app, tapped)[::2] == (2, True)
    # The fact rated Again came back the same day, in the same form (no sibling).
    assert [kind for day, kind in asked[clicked[1]] if day == 0][:2] == ["choice", "choice"]
    for fact in THREE_FORMS:
        kinds = [kind for _day, kind in asked[fact]]
        assert kinds[0] == "choice" and "cloze" in kinds and kinds[-1] == "date", (fact, kinds)
        assert kinds.index("choice") < kinds.index("cloze") < kinds.index("date"), kinds
        by_day: dict[int, set[str]] = defaultdict(set)
        for day, kind in asked[fact]:
            by_day[day].add(kind)
        assert all(len(kinds_of_day) == 1 for kinds_of_day in by_day.values()), asked[fact]
    page.goto(f"{base}/quiz")
    _shots(page, "done")

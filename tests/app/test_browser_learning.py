"""A fact through its three forms over simulated days, in Chromium: one form of a fact a
day, a rating changed by a click, an unreadable answer that is not graded, and the quiz
and Study pages at 1280x800 and 390x844 (screenshots in test-artifacts/)."""

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
    unreadable_tried = clicked = shot = False
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
                    # Not graded: the page says what it could not read and keeps the question.
                    before = _reviews(app)
                    page.fill("#answer", "22/12/89")
                    page.keyboard.press("Enter")
                    page.wait_for_selector("#answer-error")
                    assert "could not be read" in page.inner_text("#answer-error")
                    assert "day month year" in page.inner_text("#answer-error")
                    assert int(page.input_value("#question_id")) == question_id
                    assert _reviews(app) == before
                    _shots(page, f"unreadable-{kind}")
                    unreadable_tried = True
                page.fill("#answer", TYPED[answer["date"]])
            clock.now += timedelta(minutes=11)  # past a learning step
            page.keyboard.press("Enter")
            page.wait_for_selector("#result")
            assert page.inner_text("#score").startswith("100%"), page.inner_text("#result")
            if not clicked:
                # A click on another rating saves it, as a key does; the original stays.
                _shots(page, "result")
                review_id = int(page.url.rsplit("/", 1)[1])
                page.click("label[for='rating-0']")
                page.wait_for_selector("text=Rating set to Again")
                with app.app_context():
                    review = db.session.get(Review, review_id)
                    assert review is not None
                    assert (review.rating, review.original_rating, review.override) == (1, 3, True)
                clicked = True
            page.wait_for_selector("#next:focus")
            page.keyboard.press("Enter")
            page.wait_for_url(f"{base}/quiz")
        if all("date" in {kind for _day, kind in asked[fact]} for fact in THREE_FORMS):
            break
    assert clicked and unreadable_tried
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

"""Personal FSRS parameters in Chromium: the Study page's "Optimize my schedule", the fit
page that follows a fit while a worker runs it and then shows log loss and RMSE before and
after, and the message below the minimum; at 1280x800 and 390x844 (screenshots in
test-artifacts/)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import add_simulated_reviews, add_user
from flask import Flask
from sqlalchemy import select

from app.test_browser import ARTIFACTS, _log_in, page, sample_app, serving  # noqa: F401
from quizapp.extensions import db
from quizapp.models import ScheduleFit, User

pytestmark = pytest.mark.browser

EMAIL = "schedule@example.org"
FEW = "few@example.org"


@pytest.fixture
def schedule_app(tmp_path: Path) -> Iterator[tuple[Flask, str, int]]:
    """The sample bank, a learner with some 600 simulated reviews and one with a few; fits
    run as they are queued (huey's immediate mode)."""
    app = sample_app(tmp_path, OPTIMIZE_MIN_REVIEWS=100)
    learner = add_user(app, EMAIL)
    add_simulated_reviews(app, learner, cards=100, days=60)
    add_simulated_reviews(app, add_user(app, FEW), cards=3, days=10)
    with serving(app) as base:
        yield app, base, learner


def open_study_page(browser_page: Any, base: str, email: str) -> None:
    """Log in as ``email`` and open the Study page."""
    _log_in(browser_page, base, email)
    browser_page.goto(f"{base}/study")


def shots(browser_page: Any, name: str) -> None:
    for width, height in ((1280, 800), (390, 844)):
        browser_page.set_viewport_size({"width": width, "height": height})
        browser_page.screenshot(
            path=str(ARTIFACTS / f"schedule-{name}-{width}.png"), full_page=True
        )
        # Nothing wider than the screen: the page never scrolls sideways.
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
    browser_page.set_viewport_size({"width": 1280, "height": 800})


def test_optimize_my_schedule_from_the_study_page_shows_before_and_after(
    page: Any,  # noqa: F811
    schedule_app: tuple[Flask, str, int],
) -> None:
    app, base, learner = schedule_app
    open_study_page(page, base, EMAIL)
    assert "default parameters" in page.inner_text("#schedule-parameters")
    shots(page, "study")
    page.click("#optimize")
    page.wait_for_selector("#fit-metrics")
    assert "your schedule uses it now" in page.inner_text("#fit-message")
    before = page.inner_text("#fit-before")
    after = page.inner_text("#fit-after")
    assert before.startswith("Default parameters (before)") and after.startswith("The fit")
    shots(page, "fit")
    with app.app_context():
        user = db.session.get(User, learner)
        fit = db.session.scalars(select(ScheduleFit)).one()
        assert user is not None and user.fsrs_parameters == fit.parameters
        assert f"{fit.log_loss_before:.4f}" in before and f"{fit.log_loss_after:.4f}" in after
    page.goto(f"{base}/study")
    assert "your own FSRS parameters" in page.inner_text("#schedule-parameters")
    assert "used" in page.inner_text("#latest-fit")


def test_the_fit_page_follows_a_fit_that_a_worker_is_running(
    page: Any,  # noqa: F811
    schedule_app: tuple[Flask, str, int],
) -> None:
    app, base, learner = schedule_app
    with app.app_context():
        fit = ScheduleFit(
            user_id=learner,
            trigger="nightly",
            status="running",
            stage="fitting your parameters",
            progress=30,
            created_at=datetime.now(UTC),
        )
        db.session.add(fit)
        db.session.commit()
        fit_id = fit.id
    _log_in(page, base, EMAIL)
    page.goto(f"{base}/study/fits/{fit_id}")
    assert page.inner_text("#job-stage") == "running: fitting your parameters"
    assert page.get_attribute("#job-progress", "value") == "30"
    shots(page, "running")
    # The worker finishes: the page, polling, shows the result without a click.
    with app.app_context():
        running = db.session.get(ScheduleFit, fit_id)
        assert running is not None
        running.status, running.stage, running.progress = "failed", "failed", 30
        running.message = "The worker running this fit stopped; run it again."
        db.session.commit()
    page.wait_for_selector("#fit-message", timeout=10_000)
    assert "run it again" in page.inner_text("#fit-message")


def test_below_the_minimum_the_study_page_says_how_many_reviews_are_missing(
    page: Any,  # noqa: F811
    schedule_app: tuple[Flask, str, int],
) -> None:
    _app, base, _learner = schedule_app
    open_study_page(page, base, FEW)
    assert "Optimizing needs at least 100 reviews" in page.inner_text("#optimize-minimum")
    assert page.locator("#optimize").count() == 0
    shots(page, "minimum")

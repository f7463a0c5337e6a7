"""Dates in every era clicked through in a real Chromium, at 1280 px and on a phone (390
px): a learner answers a BC question typed the way a learner types it, reads the hint and
the timeline; a teacher filters a set from 100 BC to AD 14.

It reuses the learner browser test's fixtures and rule: skipped locally without
``/usr/bin/chromium``, failed under ``CI=true``. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import DATA, NOW
from flask import Flask
from sqlalchemy import select, update

from app.test_browser import _shot, live_app, page  # noqa: F401
from app.test_browser_teacher import _log_out, _new_set, _signup
from app.test_eras import TIMELINE
from question_bank import load_bank
from quizapp.extensions import db
from quizapp.models import Question, Source
from quizapp.sources.importer import import_bank

pytestmark = pytest.mark.browser

WIDTHS = {"wide": 1280, "phone": 390}


def _eras_only(app: Flask) -> int:
    """Import the eras bank beside the sample's, and retire the sample's questions so
    that the daily quiz offers the eras bank's, in bank order."""
    with app.app_context():
        source_id = import_bank(
            load_bank(DATA / "eras_bank.yaml"),
            now=NOW,
            document_text=(DATA / "eras.txt").read_text(),
        ).source_id
        db.session.execute(
            update(Question).where(Question.source_id != source_id).values(retired=True)
        )
        db.session.commit()
        return source_id


def test_every_era_in_chromium(page: Any, live_app: tuple[Flask, str]) -> None:  # noqa: F811
    app, base = live_app
    source_id = _eras_only(app)
    _signup(page, base, "eras-learner@example.org", "Livia", teacher=False)

    # The first question is the Rubicon's date, 10 January 49 BC, answered with its era.
    page.click("#start-quiz")
    page.wait_for_selector("#answer-form")
    with app.app_context():
        asked = db.session.get(Question, int(page.input_value("#question_id")))
        assert asked is not None and asked.answer["date"] == "-0049-01-10"
    hint = page.inner_text("#granularity")
    assert hint == "Give the day, month and year (for example May 3, 1985, or April 9, 123 BC)."
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _shot(page, f"eras-01-question-{name}")
    page.keyboard.type("Jan 10, 49 BC")
    page.keyboard.press("Enter")
    page.wait_for_selector("#result")
    assert page.inner_text("#score").startswith("100%")
    assert page.inner_text("#given") == "January 10, 49 BC"
    assert page.inner_text("#expected") == (
        "January 10, 49 BC (the document also gives January 11, 49 BC)"
    )
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _shot(page, f"eras-02-result-{name}")

    # The timeline runs by time: the 3rd century BC first, the 1990s last.
    page.goto(f"{base}/sources/{source_id}")
    entries = page.locator("#timeline li").all_inner_texts()
    assert [entry.split(":", 1)[0] for entry in entries] == TIMELINE
    assert page.locator("#timeline time").evaluate_all("els => els.map(e => e.dateTime)") == [
        "0043",
        "1917-11-07",
    ]
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _shot(page, f"eras-03-timeline-{name}")
    _log_out(page, base)

    # A teacher builds a set of what happened from 100 BC to AD 14.
    page.set_viewport_size({"width": WIDTHS["wide"], "height": 800})
    _signup(page, base, "eras-teacher@example.org", "Mr Tacitus", teacher=True)
    with app.app_context():
        title = db.session.scalars(select(Source.title).where(Source.id == source_id)).one()
    _new_set(page, "Late Republic", title)
    page.fill("#date_from", "100 BC")
    page.fill("#date_to", "AD 14")
    page.click("#apply-filters")
    page.wait_for_url("**/build?*date_from=100+BC*")
    assert page.inner_text("#found-count") == "5 questions match."
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _shot(page, f"eras-04-build-{name}")
    page.fill("#date_from", "soon")
    page.click("#apply-filters")
    page.wait_for_selector("#date_from-error")
    assert "100 BC" in page.inner_text("#date_from-error")

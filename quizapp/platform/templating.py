"""Jinja filters and globals shared by the pages."""

from __future__ import annotations

from flask import Flask
from markupsafe import Markup, escape

from quizapp.platform.addresses import external_url
from quizapp.platform.timezones import in_zone
from quizapp.sources.dates import expected_text, item_date_text
from quizapp.teaching.regrading import attempt_regraded
from quizapp.teaching.review import GRADING_METHODS, MOMENTS

__all__ = ["highlight_evidence", "register"]

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def highlight_evidence(text: str, start: int, end: int) -> Markup:
    """The passage as HTML with the evidence sentence in ``<mark>``.

    The text is cut at the offsets first and each piece escaped on its own, so nothing
    in the document (markup included) can reach the page unescaped.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Markup('{}<mark class="evidence">{}</mark>{}').format(
        escape(text[:start]), escape(text[start:end]), escape(text[end:])
    )


def register(app: Flask) -> None:
    app.add_template_filter(highlight_evidence, "highlight_evidence")
    # An order item's date in words, and an answer with its other written form.
    app.add_template_filter(item_date_text, "item_date")
    app.add_template_filter(expected_text, "answer_text")
    app.jinja_env.globals["RATING_NAMES"] = RATING_NAMES
    app.jinja_env.globals["external_url"] = external_url
    app.jinja_env.globals["REVIEW_MOMENTS"] = MOMENTS
    app.add_template_filter(attempt_regraded, "regraded")
    app.add_template_filter(in_zone, "in_zone")
    app.jinja_env.globals["GRADING_METHODS"] = GRADING_METHODS

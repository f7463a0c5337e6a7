"""What an export is built from: plain records, free of the database and of Flask.

:mod:`quizapp.export.gather` fills them from the database; the writers (Anki, CSV,
Moodle XML, GIFT) only read them, so the same writer serves a whole source, a teacher's
question set, a benchmark's synthetic questions and a test's handmade ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from question_bank import MONTH_NAMES, DateValue

__all__ = [
    "CardProgress",
    "ExportQuestion",
    "ReviewEntry",
    "date_forms",
    "display_date",
    "passage_url",
]

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class ExportQuestion:
    """One question with everything a card, a row or a quiz item shows.

    ``id`` is the database id (it keys :class:`CardProgress`); ``bank_id`` is the stable,
    content-derived id that note GUIDs come from.
    """

    id: int
    bank_id: str
    kind: str
    prompt: str
    answer: dict[str, Any]
    section: str
    source_id: int
    source_title: str
    source_file: str
    passage_id: str
    passage_text: str
    evidence: tuple[int, int]
    accept: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    items: tuple[dict[str, Any], ...] = ()
    disputed: tuple[dict[str, Any], ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def answer_text(self) -> str:
        """The right answer in words: the date as the document writes it, or for an
        ``order`` question the events earliest first."""
        if self.kind == "order":
            return " → ".join(item["text"] for item in self.ordered_items)
        return str(self.answer.get("text") or display_date(str(self.answer.get("date", ""))))

    @property
    def ordered_items(self) -> list[dict[str, Any]]:
        """An ``order`` question's events, earliest first."""
        order = [int(index) for index in self.answer.get("order", [])]
        return [self.items[index] for index in order if 0 <= index < len(self.items)]

    @property
    def evidence_text(self) -> str:
        start, end = self.evidence
        return self.passage_text[start:end].strip()


@dataclass(frozen=True)
class ReviewEntry:
    """One answer in a card's history, with the state it left the card in."""

    reviewed_at: datetime
    rating: int
    duration_ms: int | None
    state_before: int
    state_after: int
    due_after: datetime
    difficulty_after: float | None


@dataclass(frozen=True)
class CardProgress:
    """One learner's FSRS state for one question, as quizapp stores it.

    ``state`` is an ``fsrs.State`` value (1 learning, 2 review, 3 relearning).
    ``remaining_steps`` counts the learning or relearning steps still ahead (0 in
    review). ``reviews`` is the card's history, oldest first.
    """

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    desired_retention: float
    decay: float
    remaining_steps: int = 0
    reviews: tuple[ReviewEntry, ...] = field(default=())


def display_date(value: str) -> str:
    """A bank date (``2020-11-08``, ``2020-11``, ``2020``, ``START/END``) in words."""
    try:
        return DateValue.parse_iso(value).display()
    except ValueError:
        return value


def date_forms(value: str, granularity: str) -> list[str]:
    """Common ways of writing a bank date, for exact-match answer checks (Moodle)."""
    match = _ISO_DATE.match(value)
    if match is None or granularity == "range":
        return []
    year, month, day = match.groups()
    if month is None:
        return [year]
    name = MONTH_NAMES[int(month) - 1]
    if day is None:
        return [f"{name} {year}", f"{name[:3]} {year}", f"{year}-{month}"]
    moment = date(int(year), int(month), int(day))
    return [
        f"{moment.day} {name} {year}",
        f"{name} {moment.day}, {year}",
        f"{moment.day} {name[:3]} {year}",
        f"{name[:3]} {moment.day}, {year}",
        moment.isoformat(),
    ]


def passage_url(base_url: str, source_id: int, passage_id: str) -> str:
    """The absolute address of a passage in quizapp's document view."""
    return f"{base_url.rstrip('/')}/sources/{source_id}#{quote(passage_id, safe='')}"

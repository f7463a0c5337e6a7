"""Anki packages (``.apkg``) written with genanki, optionally with a learner's progress.

Ids are fixed so that exporting again updates what Anki already holds:

- the two note types have the constant ids below (never change them);
- a deck's id is derived from what it holds (:func:`deck_id_for`);
- a note's GUID is derived from its question's source file and stable bank id
  (:func:`note_guid`), so Anki's importer matches a re-exported note to the one it has
  and updates its fields (when the package is newer) instead of adding a duplicate.

Every field is HTML: document text is escaped (braces too, so that nothing in a document
can open an Anki template or cloze tag) before markup of our own is added.

**Progress.** genanki writes only new cards, so the learner's state is written into the
package's collection tables (Anki's schema 11, as genanki creates it) after genanki has
filled them: each card's ``type``, ``queue``, ``due``, ``ivl``, ``factor``, ``reps``,
``lapses``, ``left`` and ``data`` (the FSRS memory state as Anki stores it:
``{"s": stability, "d": difficulty, "dr": desired retention, "decay": decay, "lrt":
last review}``), and one ``revlog`` row per review. Review cards are due on a day
counted from the collection's creation (``col.crt``); Anki's importer shifts such days
to the target collection, so the due *date* is kept. Learning cards are due at a unix
time. Checked against Anki 26.09.3 (``anki`` on PyPI) by importing into a fresh
collection with "import any learning progress" on: see ``tests/app/test_export_anki.py``.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import json
import re
import sqlite3
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import genanki
from fsrs import State

from quizapp.export.records import (
    CardProgress,
    ExportQuestion,
    ReviewEntry,
    passage_url,
)
from quizapp.sources.dates import date_text, item_date_text

__all__ = [
    "CLOZE_MODEL_ID",
    "QUESTION_MODEL_ID",
    "build_apkg",
    "deck_id_for",
    "note_guid",
]

# Fixed forever: Anki recognises a note type by its id.
QUESTION_MODEL_ID = 1_607_392_319
CLOZE_MODEL_ID = 1_607_392_320

# Anki's card types and queues (schema 11).
CARD_LEARNING, CARD_REVIEW, CARD_RELEARNING = 1, 2, 3
QUEUE_LEARNING, QUEUE_REVIEW = 1, 2
REVLOG_TYPE = {int(State.Learning): 0, int(State.Review): 1, int(State.Relearning): 2}
# Anki keeps the SM-2 starting ease on FSRS cards, and caps a review's time at 60 s.
DEFAULT_FACTOR = 2500
MAX_ANSWER_MS = 60_000
BLANK = re.compile(r"_{3,}")
# zlib's fastest level: a tenth of the stored size, in a third of level 6's time.
COMPRESS_LEVEL = 1

CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.4;
  text-align: left; color: #1b1b1b; background: #fff; max-width: 42em; margin: auto; }
.options li { margin: .2em 0; }
.answer { font-weight: 600; }
.passage { font-size: 16px; color: #444; border-left: 3px solid #ccc; margin: 1em 0;
  padding-left: .8em; }
mark.evidence { background: #fff3a8; color: inherit; }
.meta, .also { font-size: 14px; color: #666; }
.nightMode .card, .night_mode .card { color: #eee; background: #222; }
.nightMode .passage, .night_mode .passage { color: #ccc; }
.nightMode mark.evidence, .night_mode mark.evidence { background: #665c00; }
"""

_BACK = """
<blockquote class="passage">{{Passage}}</blockquote>
<p class="meta">{{Section}} · {{Source}}{{#Link}} · {{Link}}{{/Link}}</p>"""

QUESTION_MODEL = genanki.Model(
    QUESTION_MODEL_ID,
    "quizapp question",
    fields=[
        {"name": name}
        for name in (
            "Prompt",
            "Options",
            "Answer",
            "Passage",
            "Section",
            "Source",
            "Link",
            "QuestionId",
        )
    ],
    templates=[
        {
            "name": "Question",
            "qfmt": '<div class="prompt">{{Prompt}}</div>'
            '{{#Options}}<div class="options">{{Options}}</div>{{/Options}}',
            "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>' + _BACK,
        }
    ],
    css=CSS,
)

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "quizapp cloze",
    fields=[
        {"name": name}
        for name in ("Text", "Extra", "Passage", "Section", "Source", "Link", "QuestionId")
    ],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": '{{cloze:Text}}{{#Extra}}<div class="also">{{Extra}}</div>{{/Extra}}' + _BACK,
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)


def deck_id_for(key: str) -> int:
    """A stable deck id for ``key`` (such as ``"source:<file>"`` or ``"set:<id>"``), in
    the range genanki recommends, so the same deck is updated on every export."""
    digest = hashlib.sha256(f"quizapp deck {key}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(question: ExportQuestion) -> str:
    """The note GUID: from the source file and the question's stable bank id."""
    return str(genanki.guid_for("quizapp", question.source_file, question.bank_id))


def build_apkg(
    questions: Sequence[ExportQuestion],
    *,
    deck_name: str,
    deck_id: int,
    base_url: str,
    now: datetime,
    progress: Mapping[int, CardProgress] | None = None,
) -> bytes:
    """Write an Anki package of these questions.

    Args:
        questions: the questions, in the order new cards should come.
        deck_name: the deck's name in Anki (``::`` makes a subdeck).
        deck_id: the deck's id (see :func:`deck_id_for`).
        base_url: quizapp's address, for the link back to each passage.
        now: the export time; notes carry it as their modification time, which is what
            lets Anki's importer update notes from an earlier export.
        progress: the learner's cards by question id, or None for new cards only.

    Returns:
        The ``.apkg`` file's bytes.
    """
    deck = genanki.Deck(deck_id, deck_name, description=f"Exported from quizapp ({base_url}).")
    guids = [note_guid(question) for question in questions]
    for position, (question, guid) in enumerate(zip(questions, guids, strict=True)):
        deck.add_note(_note(question, guid, base_url, position))
    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        timestamp = now.timestamp()
        genanki.Package(deck).write_to_db(cursor, timestamp, itertools.count(int(timestamp * 1000)))
        _declare_v2_scheduler(cursor)
        if progress:
            _write_progress(cursor, questions, guids, progress, now)
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    return _zip(collection, now)


# --- notes -------------------------------------------------------------------------


def _html(text: str) -> str:
    """Document text as inert HTML: escaped, braces included, line breaks kept."""
    escaped = html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")
    return escaped.replace("\n", "<br>")


def _passage_html(question: ExportQuestion) -> str:
    text = question.passage_text
    start, end = question.evidence
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return (
        f'{_html(text[:start])}<mark class="evidence">{_html(text[start:end])}</mark>'
        f"{_html(text[end:])}"
    )


def _tag(prefix: str, text: str) -> str:
    return prefix + re.sub(r"[\s\"]+", "_", text.strip())


def _tags(question: ExportQuestion) -> list[str]:
    tags = ["quizapp", _tag("source::", question.source_title), _tag("kind::", question.kind)]
    if question.section.strip():
        tags.append(_tag("section::", question.section))
    tags += [_tag("", tag) for tag in question.tags if tag.strip()]
    return tags


def _also(question: ExportQuestion) -> str:
    """The answer's other written form, accepted alternatives and the document's other
    dates, as HTML."""
    lines = []
    if question.also_text:
        lines.append(f"Also written {_html(question.also_text)}.")
    if question.accept:
        lines.append("Also accepted: " + "; ".join(_html(text) for text in question.accept))
    for other in question.disputed:
        lines.append(f"The document also gives {_html(date_text(other))}.")
    return "<br>".join(lines)


def _note(question: ExportQuestion, guid: str, base_url: str, position: int) -> genanki.Note:
    link = passage_url(base_url, question.source_id, question.passage_id)
    common = [
        _passage_html(question),
        _html(question.section),
        _html(question.source_title),
        f'<a href="{html.escape(link, quote=True)}">Open the passage in quizapp</a>',
        _html(question.bank_id),
    ]
    blank = BLANK.search(question.prompt) if question.kind == "cloze" else None
    if blank is not None:
        answer = _html(question.answer_text).replace(":", "&#58;")  # "::" ends a cloze
        text = (
            f"{_html(question.prompt[: blank.start()])}{{{{c1::{answer}}}}}"
            f"{_html(question.prompt[blank.end() :])}"
        )
        model, fields = CLOZE_MODEL, [text, _also(question), *common]
    else:
        options, answer = _options_and_answer(question)
        model = QUESTION_MODEL
        fields = [_html(question.prompt), options, answer, *common]
    return genanki.Note(
        model=model,
        fields=fields,
        tags=_tags(question),
        guid=guid,
        due=position,
    )


def _options_and_answer(question: ExportQuestion) -> tuple[str, str]:
    """Choice: the options lettered A-D, the answer is the right letter and option.
    Order: the events as quizapp shows them, the answer is the same events earliest
    first with their dates. Date (and a cloze without a blank): the answer alone."""
    also = _also(question)
    also_html = f'<div class="also">{also}</div>' if also else ""
    if question.kind == "choice" and question.choices:
        options = "".join(f"<li>{_html(choice)}</li>" for choice in question.choices)
        right = question.answer_text
        letters = [chr(ord("A") + index) for index, choice in enumerate(question.choices)]
        letter = next(
            (
                letters[index]
                for index, choice in enumerate(question.choices)
                if choice.strip().casefold() == right.strip().casefold()
            ),
            "",
        )
        shown = f"{letter}. {_html(right)}" if letter else _html(right)
        return f'<ol type="A">{options}</ol>', shown + also_html
    if question.kind == "order" and question.items:
        events = "".join(f"<li>{_html(str(item['text']))}</li>" for item in question.items)
        ordered = "".join(
            f"<li>{_html(str(item['text']))} ({_html(item_date_text(item))})</li>"
            for item in question.ordered_items
        )
        return f"<ul>{events}</ul>", f"<ol>{ordered}</ol>{also_html}"
    return "", _html(question.answer_text) + also_html


# --- progress ----------------------------------------------------------------------


def _declare_v2_scheduler(cursor: sqlite3.Cursor) -> None:
    """Mark the collection as using the v2 scheduler's card states (which is how the
    cards are written), so that Anki's importer does not run its v1 upgrade on them."""
    (conf,) = cursor.execute("SELECT conf FROM col").fetchone()
    settings = json.loads(conf)
    settings["schedVer"] = 2
    cursor.execute("UPDATE col SET conf = ?", (json.dumps(settings),))


def _write_progress(
    cursor: sqlite3.Cursor,
    questions: Sequence[ExportQuestion],
    guids: Sequence[str],
    progress: Mapping[int, CardProgress],
    now: datetime,
) -> None:
    card_ids = dict(cursor.execute("SELECT n.guid, c.id FROM notes n JOIN cards c ON c.nid = n.id"))
    (crt,) = cursor.execute("SELECT crt FROM col").fetchone()
    # Anki counts review days from the local date of crt; genanki's crt is at 11:00 UTC,
    # the same calendar date in nearly every time zone.
    created = datetime.fromtimestamp(crt, UTC).date()
    modified = int(now.timestamp())
    cards: list[tuple[Any, ...]] = []
    revlog: list[tuple[int, ...]] = []
    used_ids: set[int] = set()
    for question, guid in zip(questions, guids, strict=True):
        card = progress.get(question.id)
        if card is None:
            continue
        card_id = card_ids[guid]
        cards.append((*_card_columns(card, created), modified, card_id))
        revlog.extend(_revlog_rows(card_id, card.reviews, used_ids))
    cursor.executemany(
        "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?,"
        " lapses = ?, left = ?, data = ?, mod = ? WHERE id = ?",
        cards,
    )
    cursor.executemany("INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)", revlog)


def _days(start: date, end: date) -> int:
    return (end - start).days


def _card_columns(card: CardProgress, created: date) -> tuple[Any, ...]:
    """``type, queue, due, ivl, factor, reps, lapses, left, data`` for one card."""
    lapses = sum(
        1
        for review in card.reviews
        if review.state_before == int(State.Review) and review.rating == 1
    )
    reps = len(card.reviews)
    data = json.dumps(_card_data(card), separators=(",", ":"))
    if card.state == int(State.Review):
        last = card.last_review or card.due
        interval = max(1, _days(last.date(), card.due.date()))
        due_day = _days(created, card.due.date())
        return (CARD_REVIEW, QUEUE_REVIEW, due_day, interval, DEFAULT_FACTOR, reps, lapses, 0, data)
    due_time = int(card.due.timestamp())
    if card.state == int(State.Relearning):
        interval = _interval_days(card)
        return (
            CARD_RELEARNING,
            QUEUE_LEARNING,
            due_time,
            interval,
            DEFAULT_FACTOR,
            reps,
            lapses,
            card.remaining_steps,
            data,
        )
    return (CARD_LEARNING, QUEUE_LEARNING, due_time, 0, 0, reps, lapses, card.remaining_steps, data)


def _card_data(card: CardProgress) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if card.stability is not None and card.difficulty is not None:
        data["s"] = round(card.stability, 4)
        data["d"] = round(card.difficulty, 4)
    data["dr"] = round(card.desired_retention, 4)
    data["decay"] = round(card.decay, 4)
    if card.last_review is not None:
        data["lrt"] = int(card.last_review.timestamp())
    return data


def _interval_days(card: CardProgress) -> int:
    """FSRS's interval for the card's stability at its desired retention (what a
    relearning card returns to), at least a day."""
    if not card.stability:
        return 1
    factor = 0.9 ** (-1 / card.decay) - 1
    interval = card.stability / factor * (card.desired_retention ** (-1 / card.decay) - 1)
    return max(1, int(round(interval)))


def _revlog_ivl(entry: ReviewEntry) -> int:
    """Days until the next review, or minus the seconds for a learning step."""
    if entry.state_after == int(State.Review):
        return max(1, _days(entry.reviewed_at.date(), entry.due_after.date()))
    return -max(1, round((entry.due_after - entry.reviewed_at).total_seconds()))


def _fsrs_factor(difficulty: float | None) -> int:
    """What Anki stores in ``revlog.factor`` under FSRS: difficulty mapped to 100-1100."""
    if difficulty is None:
        return 0
    return 100 + round((difficulty - 1) / 9 * 1000)


def _revlog_rows(
    card_id: int, reviews: Sequence[ReviewEntry], used_ids: set[int]
) -> list[tuple[int, ...]]:
    rows: list[tuple[int, ...]] = []
    last_ivl = 0
    for entry in reviews:
        revlog_id = int(entry.reviewed_at.timestamp() * 1000)
        while revlog_id in used_ids:  # the id is a millisecond time and must be unique
            revlog_id += 1
        used_ids.add(revlog_id)
        ivl = _revlog_ivl(entry)
        rows.append(
            (
                revlog_id,
                card_id,
                entry.rating,
                ivl,
                last_ivl,
                _fsrs_factor(entry.difficulty_after),
                min(max(entry.duration_ms or 0, 0), MAX_ANSWER_MS),
                REVLOG_TYPE.get(entry.state_before, 0),
            )
        )
        last_ivl = ivl
    return rows


def _zip(collection: bytes, now: datetime) -> bytes:
    """The package: the collection and an empty media map, with fixed entry times."""
    stamp = now.astimezone(UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in (("collection.anki2", collection), ("media", b"{}")):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(entry, content, compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()

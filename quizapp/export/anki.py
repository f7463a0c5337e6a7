"""Anki packages (``.apkg``) written with genanki, optionally with a learner's progress.

**One note per fact.** quizapp keeps one memory per (learner, fact), whichever form asks
it, so a package holds one note per fact and the note one card: the fact's forms are
fields of the one note type "quizapp fact" (the typed date question, the cloze, the
multiple choice with its options, or an order question's events), each with its own
answer, since a corrected key is one form's. The card asks the form that needs recall
most, the first the fact has of :data:`FORMS` (date, cloze, choice, order); the other
forms stay on the note, for a card type a learner adds in Anki. Anki would otherwise
schedule three memories of one fact and ask its siblings on their own days.

Ids are fixed so that exporting again updates what Anki already holds:

- the note type has the constant id below (never change it, nor its fields' order);
- a deck's id is derived from what it holds (:func:`deck_id_for`);
- a note's GUID is derived from the fact's source file and fact id (:func:`note_guid`),
  so Anki's importer matches a re-exported note to the one it has and updates its fields
  (when the package is newer: a corrected key, a form added) instead of adding a
  duplicate, and the card keeps its scheduling and review history.

Every field is HTML: document text is escaped (braces too, so that nothing in a document
can open an Anki template or cloze tag) before markup of our own is added.

**Progress.** genanki writes only new cards, so the learner's state is written into the
package's collection tables (Anki's schema 11, as genanki creates it) after genanki has
filled them: each card's ``type``, ``queue``, ``due``, ``ivl``, ``factor``, ``reps``,
``lapses``, ``left`` and ``data`` (the FSRS memory state as Anki stores it:
``{"s": stability, "d": difficulty, "dr": desired retention, "decay": decay, "lrt":
last review}``), and one ``revlog`` row per review of the fact, in whichever form. Review
cards are due on a day counted from the collection's creation (``col.crt``); Anki's
importer shifts such days to the target collection, so the due *date* is kept. Learning
cards are due at a unix time. Checked against Anki 26.09.3 (``anki`` on PyPI) by
importing into a fresh collection with "import any learning progress" on: see
``tests/app/test_export_anki.py``.
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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
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
    "FACT_MODEL_ID",
    "FORMS",
    "build_apkg",
    "deck_id_for",
    "note_guid",
]

# Fixed forever: Anki recognises a note type by its id. (1_607_392_319 and
# 1_607_392_320 were the note types of one note per question: never reuse them.)
FACT_MODEL_ID = 1_607_392_321

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


@dataclass(frozen=True)
class Form:
    """A question kind as the note holds it: the field of its question, the field of
    what it offers to choose from (if any), the field of its answer."""

    kind: str
    question: str
    offered: str | None
    answer: str


# The card asks the first of these the fact has: the form that needs recall most.
FORMS = (
    Form("date", "Date", None, "DateAnswer"),
    Form("cloze", "Cloze", None, "ClozeAnswer"),
    Form("choice", "Choice", "Options", "ChoiceAnswer"),
    Form("order", "Order", "Events", "OrderAnswer"),
)
# The first field is never empty (Anki's importer skips a note whose first field is).
FIELDS = (
    "Fact",
    *(name for form in FORMS for name in (form.question, form.offered, form.answer) if name),
    "Passage",
    "Section",
    "Source",
    "Link",
    "Questions",
)


def _first_form(part: Callable[[Form], str]) -> str:
    """Anki template markup showing ``part`` of the first form the note has: each form's
    part, if its question field is filled, else the rest."""
    markup = ""
    for form in reversed(FORMS):
        shown = part(form)
        markup = (
            shown
            if not markup
            else f"{{{{#{form.question}}}}}{shown}{{{{/{form.question}}}}}"
            f"{{{{^{form.question}}}}}{markup}{{{{/{form.question}}}}}"
        )
    return markup


def _asked(form: Form) -> str:
    offered = f'<div class="options">{{{{{form.offered}}}}}</div>' if form.offered else ""
    return f'<div class="prompt">{{{{{form.question}}}}}</div>{offered}'


def _answered(form: Form) -> str:
    return f'<div class="answer">{{{{{form.answer}}}}}</div>'


FACT_MODEL = genanki.Model(
    FACT_MODEL_ID,
    "quizapp fact",
    fields=[{"name": name} for name in FIELDS],
    templates=[
        {
            "name": "Fact",
            "qfmt": _first_form(_asked),
            "afmt": '{{FrontSide}}<hr id="answer">'
            + _first_form(_answered)
            + '<blockquote class="passage">{{Passage}}</blockquote>'
            '<p class="meta">{{Section}} · {{Source}}{{#Link}} · {{Link}}{{/Link}}</p>',
        }
    ],
    css=CSS,
)


def deck_id_for(key: str) -> int:
    """A stable deck id for ``key`` (such as ``"source:<file>"`` or ``"set:<id>"``), in
    the range genanki recommends, so the same deck is updated on every export."""
    digest = hashlib.sha256(f"quizapp deck {key}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(question: ExportQuestion) -> str:
    """The GUID of the note of ``question``'s fact: from the source file and the fact id.
    (A fact of its own, such as an order question, is named by the question's bank id,
    as every note's GUID was when a package held one note per question.)"""
    return str(genanki.guid_for("quizapp", question.source_file, question.fact))


def build_apkg(
    questions: Sequence[ExportQuestion],
    *,
    deck_name: str,
    deck_id: int,
    base_url: str,
    now: datetime,
    progress: Mapping[str, CardProgress] | None = None,
) -> bytes:
    """Write an Anki package of these questions, one note per fact.

    Args:
        questions: the questions, in the order new cards should come (a fact comes where
            its first form does).
        deck_name: the deck's name in Anki (``::`` makes a subdeck).
        deck_id: the deck's id (see :func:`deck_id_for`).
        base_url: quizapp's address, for the link back to each passage.
        now: the export time; notes carry it as their modification time, which is what
            lets Anki's importer update notes from an earlier export.
        progress: the learner's cards by fact id, or None for new cards only.

    Returns:
        The ``.apkg`` file's bytes.
    """
    deck = genanki.Deck(deck_id, deck_name, description=f"Exported from quizapp ({base_url}).")
    facts = _facts(questions)
    guids = [note_guid(forms[0]) for forms in facts]
    for position, (forms, guid) in enumerate(zip(facts, guids, strict=True)):
        deck.add_note(_note(forms, guid, base_url, position))
    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        timestamp = now.timestamp()
        genanki.Package(deck).write_to_db(cursor, timestamp, itertools.count(int(timestamp * 1000)))
        _declare_v2_scheduler(cursor)
        if progress:
            _write_progress(cursor, [forms[0].fact for forms in facts], guids, progress, now)
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    return _zip(collection, now)


# --- notes -------------------------------------------------------------------------


def _facts(questions: Sequence[ExportQuestion]) -> list[list[ExportQuestion]]:
    """The questions grouped by fact (and source file: the GUID's namespace), facts in
    the order of their first question, each fact's forms in :data:`FORMS`' order."""
    grouped: dict[tuple[str, str], list[ExportQuestion]] = {}
    for question in questions:
        grouped.setdefault((question.source_file, question.fact), []).append(question)
    rank = {form.kind: index for index, form in enumerate(FORMS)}
    return [
        sorted(forms, key=lambda question: rank.get(question.kind, len(FORMS)))
        for forms in grouped.values()
    ]


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


def _tags(forms: Sequence[ExportQuestion]) -> list[str]:
    first = forms[0]
    tags = ["quizapp", _tag("source::", first.source_title)]
    tags += [_tag("kind::", question.kind) for question in forms]
    if first.section.strip():
        tags.append(_tag("section::", first.section))
    tags += [_tag("", tag) for question in forms for tag in question.tags if tag.strip()]
    return list(dict.fromkeys(tags))


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


def _note(forms: Sequence[ExportQuestion], guid: str, base_url: str, position: int) -> genanki.Note:
    """The fact's note: each form's question, offer and answer in its fields, the passage
    of the form the card asks. A kind the fact has twice (two sentences that date one
    event, each a cloze) has one place on the note: the first in export order holds it,
    and ``Questions`` names the forms the note holds."""
    asked = forms[0]
    fields = dict.fromkeys(FIELDS, "")
    held = []
    for form in FORMS:
        question = next((question for question in forms if question.kind == form.kind), None)
        if question is not None:
            held.append(question)
            prompt, offered, answer = _form_fields(question)
            fields[form.question] = prompt
            fields[form.answer] = answer
            if form.offered:
                fields[form.offered] = offered
    link = passage_url(base_url, asked.source_id, asked.passage_id)
    fields.update(
        Fact=_html(asked.fact),
        Passage=_passage_html(asked),
        Section=_html(asked.section),
        Source=_html(asked.source_title),
        Link=f'<a href="{html.escape(link, quote=True)}">Open the passage in quizapp</a>',
        Questions=" ".join(_html(question.bank_id) for question in held),
    )
    return genanki.Note(
        model=FACT_MODEL,
        fields=list(fields.values()),
        tags=_tags(forms),
        guid=guid,
        due=position,
    )


def _form_fields(question: ExportQuestion) -> tuple[str, str, str]:
    """A form's question, what it offers to choose from, and its answer, as HTML.

    Choice: the options lettered A-D, the answer is the right letter and option. Order:
    the events as quizapp shows them, the answer is the same events earliest first with
    their dates. Cloze: the sentence with its blank shown as Anki shows one, ``[...]``.
    Date: the question. The answer (but an order's) ends with :func:`_also`.
    """
    also = _also(question)
    also_html = f'<div class="also">{also}</div>' if also else ""
    prompt = _html(question.prompt)
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
        return prompt, f'<ol type="A">{options}</ol>', shown + also_html
    if question.kind == "order" and question.items:
        events = "".join(f"<li>{_html(str(item['text']))}</li>" for item in question.items)
        ordered = "".join(
            f"<li>{_html(str(item['text']))} ({_html(item_date_text(item))})</li>"
            for item in question.ordered_items
        )
        return prompt, f"<ul>{events}</ul>", f"<ol>{ordered}</ol>{also_html}"
    if question.kind == "cloze":
        prompt = BLANK.sub('<span class="blank">[...]</span>', prompt)
    return prompt, "", _html(question.answer_text) + also_html


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
    facts: Sequence[str],
    guids: Sequence[str],
    progress: Mapping[str, CardProgress],
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
    for fact, guid in zip(facts, guids, strict=True):
        card = progress.get(fact)
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

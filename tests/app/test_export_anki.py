"""Anki packages, read back by the real consumer: the ``anki`` package (Anki 26.x).

Each test imports what quizapp exported into a fresh Anki collection, the way a learner's
Anki would ("import any learning progress" on where progress is exported), and reads
notes, cards and the review log back from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, add_user
from flask import Flask
from fsrs import State
from sqlalchemy import select

from quizapp.export import (
    CLOZE_MODEL_ID,
    QUESTION_MODEL_ID,
    build_apkg,
    deck_id_for,
    learner_progress,
    source_questions,
)
from quizapp.extensions import db
from quizapp.learning.answering import answer_question
from quizapp.learning.scheduling import scheduler_for
from quizapp.models import Card, Question, User

anki_collection = pytest.importorskip("anki.collection")

BASE_URL = "https://quiz.example.org"


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Any]:
    (tmp_path / "anki").mkdir()
    col = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def import_package(col: Any, data: bytes, path: Path, *, with_scheduling: bool = False) -> Any:
    path.write_bytes(data)
    request = anki_collection.ImportAnkiPackageRequest(
        package_path=str(path),
        options=anki_collection.ImportAnkiPackageOptions(with_scheduling=with_scheduling),
    )
    return col.import_anki_package(request)


def export_source(source_id: int, *, now: datetime = NOW, progress: Any = None) -> bytes:
    return build_apkg(
        source_questions(source_id),
        deck_name="quizapp::Sample war",
        deck_id=deck_id_for("source:sample.txt"),
        base_url=BASE_URL,
        now=now,
        progress=progress,
    )


def notes_by_id(col: Any) -> dict[str, Any]:
    """Notes keyed by their QuestionId field (the bank id)."""
    notes = [col.get_note(note_id) for note_id in col.find_notes("")]
    return {note["QuestionId"]: note for note in notes}


def anki_due_date(col: Any, card: Any) -> date:
    """The calendar day a review card falls due in the collection."""
    return datetime.fromtimestamp(col.crt).date() + timedelta(days=card.due)


def test_every_question_becomes_one_note_with_escaped_fields(
    app: Flask, imported: int, collection: Any, tmp_path: Path
) -> None:
    with app.app_context():
        question = db.session.scalars(select(Question).where(Question.bank_id == "q-0000b001"))
        question.one().prompt = "When did Cəbrayıl fall? <b>bold</b> {{c2::not a cloze}}"
        db.session.commit()
        data = export_source(imported)
    import_package(collection, data, tmp_path / "deck.apkg")
    notes = notes_by_id(collection)
    assert sorted(notes) == ["q-0000b001", "q-0000b002", "q-0000b003", "q-0000b004", "q-0000b005"]
    assert collection.card_count() == 5

    date_note = notes["q-0000b001"]
    assert date_note.mid == QUESTION_MODEL_ID
    assert date_note["Prompt"] == (
        "When did Cəbrayıl fall? &lt;b&gt;bold&lt;/b&gt; &#123;&#123;c2::not a cloze&#125;&#125;"
    )
    assert date_note["Answer"] == "8 November 2020"
    assert date_note["Passage"].startswith(
        '<mark class="evidence">Azerbaijani forces took control of Shusha on 8 November 2020'
    )
    assert "Füzuli" in date_note["Passage"]
    assert date_note["Link"] == (
        f'<a href="{BASE_URL}/sources/{imported}#p-0000a001">Open the passage in quizapp</a>'
    )
    assert set(date_note.tags) >= {"quizapp", "source::Sample_war", "section::Battle_for_Shusha"}
    assert "Cəbrayıl" in collection.get_card(date_note.card_ids()[0]).question()

    disputed = notes["q-0000b005"]
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in disputed["Passage"]
    assert "<script" not in disputed["Passage"]
    assert "The document also gives 9 November 2020." in disputed["Answer"]
    assert "disputed" in disputed.tags

    cloze = notes["q-0000b002"]
    assert cloze.mid == CLOZE_MODEL_ID
    assert cloze["Text"] == "The war was fought from {{c1::27 September – 10 November 2020}}."
    assert cloze["Extra"] == "Also accepted: the 44 days"

    choice = notes["q-0000b003"]
    assert choice["Options"] == (
        '<ol type="A"><li>September 2020</li><li>October 2020</li>'
        "<li>November 2020</li><li>December 2020</li></ol>"
    )
    assert choice["Answer"] == "B. October 2020"

    order = notes["q-0000b004"]
    assert order["Options"].startswith("<ul><li>Azerbaijani forces take control of Shusha</li>")
    assert order["Answer"].startswith(
        "<ol><li>The war begins (September 27, 2020)</li>"
        "<li>Azerbaijani forces take control of Shusha (November 8, 2020)</li>"
    )
    # Without progress every card is new, in bank order.
    cards = [collection.get_card(card_id) for card_id in collection.find_cards("")]
    assert {(card.type, card.queue) for card in cards} == {(0, 0)}


def test_a_second_export_updates_the_notes_instead_of_duplicating_them(
    app: Flask, imported: int, collection: Any, tmp_path: Path
) -> None:
    with app.app_context():
        first = export_source(imported)
        question = db.session.scalars(select(Question).where(Question.bank_id == "q-0000b001"))
        question.one().prompt = "On which day did Azerbaijan take Shusha (Füzuli next)?"
        db.session.commit()
        second = export_source(imported, now=NOW + timedelta(hours=1))
    import_package(collection, first, tmp_path / "first.apkg")
    log = import_package(collection, second, tmp_path / "second.apkg")
    assert len(log.log.updated) == 5 and not log.log.new and not log.log.duplicate
    notes = notes_by_id(collection)
    assert len(notes) == 5 and collection.card_count() == 5
    assert notes["q-0000b001"]["Prompt"] == "On which day did Azerbaijan take Shusha (Füzuli next)?"
    decks = collection.decks.all_names_and_ids(include_filtered=False)
    assert sorted(deck.name for deck in decks) == ["Default", "quizapp", "quizapp::Sample war"]


def answer(user: User, bank_id: str, given: str, at: datetime, *, duration_ms: int = 4000) -> None:
    question = db.session.scalars(select(Question).where(Question.bank_id == bank_id)).one()
    card = db.session.scalars(
        select(Card).where(Card.user_id == user.id, Card.fact == question.fact)
    ).first()
    answer_question(
        user,
        question.id,
        given,
        card_version=card.reps if card else 0,
        duration_ms=duration_ms,
        scheduler=scheduler_for(user, enable_fuzzing=False),
        now=at,
    )
    db.session.commit()


def test_progress_carries_due_dates_intervals_memory_state_and_history(
    app: Flask, imported: int, collection: Any, tmp_path: Path
) -> None:
    learner_id = add_user(app, "learner@example.org")
    other_id = add_user(app, "other@example.org")
    export_time = NOW + timedelta(days=3)
    with app.app_context():
        learner = db.session.get(User, learner_id)
        # q1: learned and graduated (review state), then reviewed once more.
        answer(learner, "q-0000b001", "8 November 2020", NOW, duration_ms=20_000)
        answer(learner, "q-0000b001", "8 November 2020", NOW + timedelta(minutes=11))
        first_due = db.session.scalars(select(Card).where(Card.user_id == learner_id)).one().due
        answer(learner, "q-0000b001", "November 2020", first_due + timedelta(hours=1))
        # q2: one wrong answer, still in its learning steps.
        answer(learner, "q-0000b002", "1999", export_time - timedelta(minutes=2))
        # Someone else's card must never appear in this learner's export.
        answer(db.session.get(User, other_id), "q-0000b003", "October 2020", NOW)

        questions = source_questions(imported)
        progress = learner_progress(
            learner, [q.id for q in questions], scheduler=scheduler_for(learner)
        )
        assert len(progress) == 2
        cards = {
            card.question.bank_id: card
            for card in db.session.scalars(select(Card).where(Card.user_id == learner_id))
        }
        expected = {
            bank_id: (card.state, card.due, card.stability, card.difficulty, card.reps)
            for bank_id, card in cards.items()
        }
        data = export_source(imported, now=export_time, progress=progress)
    import_package(collection, data, tmp_path / "progress.apkg", with_scheduling=True)
    notes = notes_by_id(collection)

    review = collection.get_card(notes["q-0000b001"].card_ids()[0])
    state, due, stability, difficulty, reps = expected["q-0000b001"]
    assert state == State.Review
    assert (review.type, review.queue) == (2, 2)
    assert anki_due_date(collection, review) == due.date()
    assert review.ivl == (due.date() - (first_due + timedelta(hours=1)).date()).days
    assert review.memory_state.stability == pytest.approx(stability, abs=1e-3)
    assert review.memory_state.difficulty == pytest.approx(difficulty, abs=1e-3)
    assert review.desired_retention == pytest.approx(0.9)
    assert review.reps == reps == 3 and review.lapses == 0

    learning = collection.get_card(notes["q-0000b002"].card_ids()[0])
    state, due, stability, difficulty, reps = expected["q-0000b002"]
    assert state == State.Learning
    assert (learning.type, learning.queue) == (1, 1)
    assert learning.due == int(due.timestamp())  # learning cards are due at a moment
    assert learning.memory_state.stability == pytest.approx(stability, abs=1e-3)
    assert learning.reps == 1

    log = collection.db.all("select cid, ease, ivl, lastIvl, time, type from revlog order by id")
    reviewed = [row[1:] for row in log if row[0] == review.id]
    relearned = [row[1:] for row in log if row[0] == learning.id]
    assert len(log) == 4 and len(reviewed) == 3 and len(relearned) == 1
    assert [row[0] for row in reviewed] == [3, 4, 2]  # Good (slow), Easy (quick), Hard
    assert reviewed[0][3] == 20_000 and reviewed[0][4] == 0  # a learning step, its time kept
    assert reviewed[2][2] == reviewed[1][1] > 0 and reviewed[2][4] == 1  # a review
    assert relearned[0][0] == 1 and relearned[0][1] < 0  # Again: minus seconds to the step

    untouched = collection.get_card(notes["q-0000b003"].card_ids()[0])
    assert (untouched.type, untouched.queue, untouched.reps) == (0, 0, 0)


def test_the_package_is_the_same_for_the_same_input(app: Flask, imported: int) -> None:
    with app.app_context():
        assert export_source(imported) == export_source(imported)

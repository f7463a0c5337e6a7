"""Anki packages, read back by the real consumer: the ``anki`` package (Anki 26.x).

Each test imports what quizapp exported into a fresh Anki collection, the way a learner's
Anki would ("import any learning progress" on where progress is exported), and reads
notes, cards and the review log back from it. A package holds one note, with one card,
per fact.
"""

from __future__ import annotations

import dataclasses
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
    FACT_MODEL_ID,
    ExportQuestion,
    build_apkg,
    deck_id_for,
    learner_progress,
    source_questions,
)
from quizapp.extensions import db
from quizapp.learning.answering import answer_question
from quizapp.learning.scheduling import scheduler_for
from quizapp.models import Card, Question, Review, User
from quizapp.teaching.curation import correct_key

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


def export_source(
    source_id: int,
    *,
    now: datetime = NOW,
    progress: Any = None,
    questions: list[ExportQuestion] | None = None,
) -> bytes:
    return build_apkg(
        source_questions(source_id) if questions is None else questions,
        deck_name="quizapp::Sample war",
        deck_id=deck_id_for("source:sample.txt"),
        base_url=BASE_URL,
        now=now,
        progress=progress,
    )


def notes_by_id(col: Any) -> dict[str, Any]:
    """Notes keyed by their Fact field (the fact id)."""
    notes = [col.get_note(note_id) for note_id in col.find_notes("")]
    return {note["Fact"]: note for note in notes}


def fact_of(col: Any, card: Any) -> str:
    """The Fact field of the card's note."""
    return str(col.get_note(card.nid)["Fact"])


def anki_due_date(col: Any, card: Any) -> date:
    """The calendar day a review card falls due in the collection."""
    return datetime.fromtimestamp(col.crt).date() + timedelta(days=card.due)


def test_a_question_that_is_a_fact_of_its_own_is_one_note_with_escaped_fields(
    app: Flask, imported: int, collection: Any, tmp_path: Path
) -> None:
    with app.app_context():
        question = db.session.scalars(select(Question).where(Question.bank_id == "q-0000b001"))
        question.one().prompt = "When did Cəbrayıl fall? <b>bold</b> {{c2::not a cloze}}"
        db.session.commit()
        data = export_source(imported)
    import_package(collection, data, tmp_path / "deck.apkg")
    notes = notes_by_id(collection)
    # The sample bank names no facts: each question is a fact of its own.
    assert sorted(notes) == ["q-0000b001", "q-0000b002", "q-0000b003", "q-0000b004", "q-0000b005"]
    assert collection.card_count() == 5

    date_note = notes["q-0000b001"]
    assert date_note.mid == FACT_MODEL_ID
    assert date_note["Date"] == (
        "When did Cəbrayıl fall? &lt;b&gt;bold&lt;/b&gt; &#123;&#123;c2::not a cloze&#125;&#125;"
    )
    assert date_note["DateAnswer"] == "8 November 2020"
    assert date_note["Cloze"] == date_note["Choice"] == date_note["Order"] == ""
    assert date_note["Questions"] == "q-0000b001"
    assert date_note["Passage"].startswith(
        '<mark class="evidence">Azerbaijani forces took control of Shusha on 8 November 2020'
    )
    assert "Füzuli" in date_note["Passage"]
    assert date_note["Link"] == (
        f'<a href="{BASE_URL}/sources/{imported}#p-0000a001">Open the passage in quizapp</a>'
    )
    assert set(date_note.tags) >= {
        "quizapp",
        "source::Sample_war",
        "section::Battle_for_Shusha",
        "kind::date",
    }
    date_card = collection.get_card(date_note.card_ids()[0])
    assert "Cəbrayıl" in date_card.question()
    assert "8 November 2020" in date_card.answer()

    disputed = notes["q-0000b005"]
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in disputed["Passage"]
    assert "<script" not in disputed["Passage"]
    assert "The document also gives 9 November 2020." in disputed["DateAnswer"]
    assert "disputed" in disputed.tags

    cloze = notes["q-0000b002"]
    assert cloze["Cloze"] == 'The war was fought from <span class="blank">[...]</span>.'
    assert cloze["ClozeAnswer"] == (
        '27 September – 10 November 2020<div class="also">Also accepted: the 44 days</div>'
    )
    cloze_card = collection.get_card(cloze.card_ids()[0])
    assert "[...]" in cloze_card.question() and "27 September" not in cloze_card.question()
    assert "27 September – 10 November 2020" in cloze_card.answer()

    choice = notes["q-0000b003"]
    assert choice["Choice"] == "When was Füzuli captured?"
    assert choice["Options"] == (
        '<ol type="A"><li>September 2020</li><li>October 2020</li>'
        "<li>November 2020</li><li>December 2020</li></ol>"
    )
    assert choice["ChoiceAnswer"] == "B. October 2020"
    assert "December 2020" in collection.get_card(choice.card_ids()[0]).question()

    order = notes["q-0000b004"]
    assert order["Events"].startswith("<ul><li>Azerbaijani forces take control of Shusha</li>")
    assert order["OrderAnswer"].startswith(
        "<ol><li>The war begins (September 27, 2020)</li>"
        "<li>Azerbaijani forces take control of Shusha (November 8, 2020)</li>"
    )
    assert "Put these events" in collection.get_card(order.card_ids()[0]).question()
    # Without progress every card is new, in bank order.
    cards = [collection.get_card(card_id) for card_id in collection.find_cards("")]
    assert {(card.type, card.queue) for card in cards} == {(0, 0)}
    assert [fact_of(collection, card) for card in sorted(cards, key=lambda c: c.due)] == [
        "q-0000b001",
        "q-0000b002",
        "q-0000b003",
        "q-0000b004",
        "q-0000b005",
    ]


def test_a_fact_asked_in_three_forms_is_one_note_with_one_card_asking_the_date(
    app: Flask, eras: int, collection: Any, tmp_path: Path
) -> None:
    with app.app_context():
        facts = set(db.session.scalars(select(Question.fact).where(Question.source_id == eras)))
        data = export_source(eras)
    import_package(collection, data, tmp_path / "eras.apkg")
    notes = notes_by_id(collection)
    assert set(notes) == facts and len(facts) == 9
    assert collection.card_count() == 9

    carthage = notes["f-0f06914f"]
    assert carthage["Questions"] == "q-11d83e2d q-c3de5580 q-18b25e39"
    prompt = "In what year did Rome destroy the city of Carthage at the end of the Third Punic War?"
    assert carthage["Date"] == carthage["Choice"] == prompt
    assert carthage["Cloze"] == (
        'Rome destroyed the city of Carthage in <span class="blank">[...]</span>'
        " at the end of the Third Punic War."
    )
    assert carthage["DateAnswer"] == carthage["ClozeAnswer"] == "146 BC"
    assert carthage["Options"].startswith('<ol type="A"><li>146 BC</li>')
    assert carthage["ChoiceAnswer"] == "A. 146 BC"
    assert set(carthage.tags) >= {"kind::date", "kind::cloze", "kind::choice"}
    (card_id,) = carthage.card_ids()
    card = collection.get_card(card_id)
    # The card asks the typed question, without the options that give the answer away.
    assert prompt in card.question() and "146 BC" not in card.question()
    assert "[...]" not in card.question()
    assert "146 BC" in card.answer()


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
    assert notes["q-0000b001"]["Date"] == "On which day did Azerbaijan take Shusha (Füzuli next)?"
    decks = collection.decks.all_names_and_ids(include_filtered=False)
    assert sorted(deck.name for deck in decks) == ["Default", "quizapp", "quizapp::Sample war"]


def test_a_kind_a_fact_has_twice_is_held_by_its_first_form(
    app: Flask, eras: int, collection: Any, tmp_path: Path
) -> None:
    """Two sentences that date one event are two clozes of one fact (the bundled
    document has such a fact): the note holds the first, with its own answer."""
    with app.app_context():
        questions = source_questions(eras)
    augustus = next(question for question in questions if question.bank_id == "q-f9b85578")
    second_cloze = dataclasses.replace(augustus, fact="f-0f06914f")
    exported = [question for question in questions if question is not augustus]
    data = export_source(eras, questions=[*exported, second_cloze])
    import_package(collection, data, tmp_path / "deck.apkg")
    notes = notes_by_id(collection)
    assert len(notes) == 8 and collection.card_count() == 8
    carthage = notes["f-0f06914f"]
    assert carthage["Questions"] == "q-11d83e2d q-c3de5580 q-18b25e39"
    assert carthage["Cloze"].startswith("Rome destroyed the city of Carthage in")
    assert carthage["ClozeAnswer"] == "146 BC"


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
        progress = learner_progress(learner, questions, scheduler=scheduler_for(learner))
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


def anki_schedule(col: Any, card_id: int) -> tuple[Any, ...]:
    card = col.get_card(card_id)
    memory = card.memory_state
    return (card.type, card.queue, card.due, card.ivl, card.reps, card.lapses, memory.stability)


def test_a_later_export_with_a_corrected_key_and_an_added_form_updates_the_note(
    app: Flask, eras: int, collection: Any, tmp_path: Path
) -> None:
    """A learner imports their progress, then a later export of the same source in which
    a curator corrected one form's key and the fact gained its typed form: the note is
    updated in place, and its card keeps its schedule and its whole review history."""
    learner_id = add_user(app, "learner@example.org")
    admin_id = add_user(app, "admin@example.org", is_admin=True)
    with app.app_context():
        learner = db.session.get(User, learner_id)
        # Carthage's fact: its choice learned, then its cloze reviewed once it is due.
        answer(learner, "q-18b25e39", "146 BC", NOW)
        answer(learner, "q-18b25e39", "146 BC", NOW + timedelta(minutes=11))
        card = db.session.scalars(select(Card).where(Card.user_id == learner_id)).one()
        answer(learner, "q-c3de5580", "146 BC", card.due + timedelta(hours=1))
        reviews = db.session.scalars(select(Review).where(Review.card_id == card.id)).all()
        assert len(reviews) == 3 and card.state == State.Review
        first_time = card.due - timedelta(days=1)
        # The first export lacks the fact's typed question (not yet in the bank then).
        earlier = [q for q in source_questions(eras) if q.bank_id != "q-11d83e2d"]
        progress = learner_progress(learner, earlier)
        assert list(progress) == ["f-0f06914f"] and len(progress["f-0f06914f"].reviews) == 3
        first = export_source(eras, now=first_time, questions=earlier, progress=progress)
        cloze = db.session.scalars(select(Question).where(Question.bank_id == "q-c3de5580"))
        correct_key(
            cloze.one(),
            db.session.get(User, admin_id),
            text="149 BC",
            granularity="",
            now=first_time,
        )
        db.session.commit()
        second = export_source(eras, now=first_time + timedelta(hours=1))

    import_package(collection, first, tmp_path / "first.apkg", with_scheduling=True)
    (card_id,) = notes_by_id(collection)["f-0f06914f"].card_ids()
    before = anki_schedule(collection, card_id)
    assert before[:2] == (2, 2) and before[4] == 3
    history = collection.db.all("select id, ease, ivl, type from revlog where cid = ?", card_id)
    assert len(history) == 3
    front = collection.get_card(card_id).question()
    assert "Rome destroyed the city of Carthage in" in front  # the cloze, the typed form absent

    log = import_package(collection, second, tmp_path / "second.apkg")
    assert len(log.log.updated) == 9 and not log.log.new and not log.log.duplicate
    notes = notes_by_id(collection)
    assert len(notes) == 9 and collection.card_count() == 9
    carthage = notes["f-0f06914f"]
    assert carthage.card_ids() == [card_id]
    assert carthage["Questions"] == "q-11d83e2d q-c3de5580 q-18b25e39"
    assert carthage["Date"].startswith("In what year did Rome destroy the city of Carthage")
    assert carthage["ClozeAnswer"] == "149 BC"  # the corrected form's key, its alone
    assert carthage["DateAnswer"] == "146 BC" and carthage["ChoiceAnswer"] == "A. 146 BC"
    card = collection.get_card(card_id)
    assert "In what year did Rome destroy" in card.question() and "149 BC" not in card.answer()
    assert anki_schedule(collection, card_id) == before
    assert collection.db.all("select id, ease, ivl, type from revlog where cid = ?", card_id) == (
        history
    )


def test_the_package_is_the_same_for_the_same_input(app: Flask, imported: int) -> None:
    with app.app_context():
        assert export_source(imported) == export_source(imported)

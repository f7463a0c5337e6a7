"""Migrations apply cleanly on the test database (SQLite, or PostgreSQL with
``QUIZAPP_TEST_DATABASE_URL``): from empty to head, from every earlier revision to
head, all the way down and up again, and the result matches the models exactly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import conftest
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from conftest import make_app
from flask import Flask, current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from quizapp.extensions import db


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app(tmp_path, DATABASE_URL=conftest.test_database_url(tmp_path))
    with app.app_context():
        _drop_everything()
    yield app
    with app.app_context():
        _drop_everything()
        db.session.remove()
        db.engine.dispose()
    conftest.schema_changed()


def _drop_everything() -> None:
    db.session.remove()
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _revisions() -> list[str]:
    """Every revision, oldest first."""
    config = current_app.extensions["migrate"].migrate.get_config()
    script = ScriptDirectory.from_config(config)
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def _current() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _differences() -> list[object]:
    with db.engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), db.metadata))


def test_upgrade_from_empty_matches_the_models(empty_app: Flask) -> None:
    with empty_app.app_context():
        upgrade()
        assert _current() == _revisions()[-1]
        assert _differences() == []


def test_upgrade_from_every_earlier_revision(empty_app: Flask) -> None:
    with empty_app.app_context():
        revisions = _revisions()
        assert len(revisions) >= 3
        for revision in revisions[:-1]:
            _drop_everything()
            upgrade(revision=revision)
            assert _current() == revision
            upgrade()
            assert _current() == revisions[-1], f"from {revision}"
            assert _differences() == [], f"from {revision}"


def test_downgrade_step_by_step_then_upgrade_again(empty_app: Flask) -> None:
    with empty_app.app_context():
        revisions = _revisions()
        upgrade()
        for expected in reversed([None, *revisions[:-1]]):
            downgrade(revision="-1")
            assert _current() == expected
        tables = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert tables == set()
        upgrade()
        assert _differences() == []


def test_links_replaced_before_the_upgrade_count_as_expired_not_redeemed(
    empty_app: Flask,
) -> None:
    """Before ``d4a8e1f07c93`` a newer link marked the older ones used; they become
    expired, and a link really redeemed stays used."""
    with empty_app.app_context():
        upgrade(revision="b3f1c0d2a4e5")
        issued, replaced, redeemed = (
            "2026-01-01 10:00:00",
            "2026-01-02 10:00:00",
            "2026-01-02 11:00:00",
        )
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    'INSERT INTO "user" (id, email, password_hash, display_name, role, is_admin, '
                    "desired_retention, new_per_day, reviews_per_day, day_first, created_at) "
                    "VALUES (1, 'a@example.org', 'x', 'a', 'learner', false, 0.9, 10, 200, true, "
                    ":at)"
                ),
                {"at": issued},
            )
            for number, (created, used) in enumerate(
                [(issued, replaced), (replaced, redeemed)], start=1
            ):
                connection.execute(
                    text(
                        "INSERT INTO password_reset (id, user_id, token_hash, created_at, "
                        "expires_at, used_at) VALUES (:id, 1, :hash, :created, :expires, :used)"
                    ),
                    {
                        "id": number,
                        "hash": str(number) * 64,
                        "created": created,
                        "expires": "2026-01-05 10:00:00",
                        "used": used,
                    },
                )
        upgrade(revision="d4a8e1f07c93")
        with db.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, used_at IS NULL, told_at IS NULL FROM password_reset ORDER BY id")
            ).all()
        assert [tuple(row) for row in rows] == [(1, True, True), (2, False, True)]
        downgrade(revision="b3f1c0d2a4e5")
        with db.engine.connect() as connection:
            used = (
                connection.execute(text("SELECT used_at IS NULL FROM password_reset ORDER BY id"))
                .scalars()
                .all()
            )
        assert used == [False, False]


# --- the owners' rules applied to existing data -------------------------------------------

BEFORE_OWNERS = "d4a8e1f07c93"
THEN = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
JSON_COLUMNS = {
    "answer",
    "accept",
    "choices",
    "items",
    "disputed",
    "tags",
    "generated",
    "card_before",
}
TIME_COLUMNS = {
    "due",
    "last_review",
    "reviewed_at",
    "created_at",
    "updated_at",
    "imported_at",
    "joined_at",
    "opens_at",
    "due_at",
    "edited_at",
    "decided_at",
}


def _insert(connection: Any, table_name: str, /, **values: Any) -> int:
    """A row of the schema as it was, written the way that schema's code wrote it."""

    def column(key: str) -> Any:
        if key in JSON_COLUMNS:
            return sa.column(key, sa.JSON)
        if key in TIME_COLUMNS:
            return sa.column(key, sa.DateTime(timezone=True))
        return sa.column(key)

    table = sa.table(table_name, sa.column("id", sa.Integer), *(column(key) for key in values))
    return int(
        connection.execute(table.insert().values(**values).returning(table.c.id)).scalar_one()
    )


def _insert_question(
    connection: Any,
    *,
    source_id: int,
    passage_id: int,
    bank_id: str,
    kind: str,
    prompt: str,
    answer: dict[str, Any],
    accept: list[str] | None = None,
    evidence: tuple[int, int] = (0, 10),
    retired: bool = False,
) -> int:
    """A question row of the schema as it was, with no choices, items, tags or disputes."""
    return _insert(
        connection,
        "question",
        source_id=source_id,
        bank_id=bank_id,
        kind=kind,
        prompt=prompt,
        answer=answer,
        accept=accept or [],
        choices=[],
        items=[],
        disputed=[],
        tags=[],
        passage_id=passage_id,
        evidence_start=evidence[0],
        evidence_end=evidence[1],
        section="",
        difficulty=0.5,
        retired=retired,
        created_at=THEN,
        updated_at=THEN,
    )


def _generated(prompt: str) -> dict[str, Any]:
    answer = {"date": "2020-11-08", "granularity": "day", "text": "8 November 2020"}
    return {"prompt": prompt, "answer": answer, "accept": [], "choices": []}


def _todays_data(connection: Any) -> dict[str, int]:
    """Accounts, the bundled document, T1's upload, classes, sets, assignments, and edits
    by the documents' owners and by others, as the schema before owners held them."""
    ids: dict[str, int] = {}
    for name, role, admin in (
        ("t1", "teacher", False),
        ("t2", "teacher", False),
        ("a", "learner", False),
        ("b", "learner", False),
        ("admin", "learner", True),
    ):
        ids[name] = _insert(
            connection,
            "user",
            email=f"{name}@example.org",
            password_hash="x",
            display_name=name,
            role=role,
            is_admin=admin,
            desired_retention=0.9,
            new_per_day=10,
            reviews_per_day=200,
            day_first=True,
            created_at=THEN,
        )
    for name, owner in (("bundled", None), ("upload", ids["t1"])):
        ids[name] = _insert(
            connection,
            "source",
            title=name,
            file=f"{name}.txt",
            sha256="0" * 64,
            generator="test",
            imported_at=THEN,
            owner_id=owner,
            document_format="text",
        )
        ids[f"{name}_passage"] = _insert(
            connection,
            "passage",
            source_id=ids[name],
            bank_id="p-1",
            section="",
            start=0,
            end=10,
            text="On 8 November 2020 Shusha fell.",
            retired=False,
        )
    questions = {
        # name: source, effective prompt, effective accept, retired
        "b1": ("bundled", "generated b1", [], True),  # retired by T2, who owns nothing
        "b2": ("bundled", "T1 on bundled", [], False),  # T1's edit of a bundled question
        "b3": ("bundled", "generated b3", [], True),  # retired by an administrator
        "u1": ("upload", "T1's own prompt", [], False),  # the owner's edit
        "u2": ("upload", "T2's prompt", ["wrong"], False),  # T2's edit of T1's upload
        "u3": ("upload", "generated u3", [], True),  # pending, and "retired" by T2
    }
    for name, (source, prompt, accept, retired) in questions.items():
        ids[name] = _insert_question(
            connection,
            source_id=ids[source],
            passage_id=ids[f"{source}_passage"],
            bank_id=f"q-{name}",
            kind="date",
            prompt=prompt,
            answer=_generated("")["answer"],
            accept=accept,
            retired=retired,
        )
    for name, decision in (("u1", "accepted"), ("u2", "accepted"), ("u3", "pending")):
        _insert(
            connection,
            "question_decision",
            source_id=ids["upload"],
            bank_id=f"q-{name}",
            decision=decision,
            current=True,
        )
    for number, teacher, learner in ((1, "t1", "a"), (2, "t2", "b")):
        ids[f"class_{number}"] = _insert(
            connection,
            "school_class",
            teacher_id=ids[teacher],
            name=f"Class {number}",
            join_code=f"CODE000{number}",
            created_at=THEN,
        )
        _insert(
            connection,
            "class_member",
            class_id=ids[f"class_{number}"],
            user_id=ids[learner],
            joined_at=THEN,
        )
    sets = {
        "set_1": ("t1", "upload", ["u1", "u2"], "class_1"),
        "set_2": ("t2", "upload", ["u2"], "class_2"),  # T2's class had T1's questions
        "set_3": ("t2", "bundled", ["b1", "b2"], None),
    }
    for name, (owner, source, items, school_class) in sets.items():
        ids[name] = _insert(
            connection,
            "question_set",
            owner_id=ids[owner],
            source_id=ids[source],
            name=name,
            description="",
            created_at=THEN,
            updated_at=THEN,
        )
        for position, item in enumerate(items, start=1):
            _insert(
                connection,
                "question_set_item",
                set_id=ids[name],
                question_id=ids[item],
                position=position,
            )
        if school_class is not None:
            _insert(
                connection,
                "assignment",
                class_id=ids[school_class],
                set_id=ids[name],
                opens_at=THEN,
                due_at=THEN + timedelta(days=7),
                max_attempts=1,
                created_at=THEN,
            )
    edits = {
        "b1": ("t2", None, None, True),
        "b2": ("t1", "T1 on bundled", None, False),
        "b3": ("admin", None, None, True),
        "u1": ("t1", "T1's own prompt", None, False),
        "u2": ("t2", "T2's prompt", ["wrong"], False),
        "u3": ("t2", None, None, True),
    }
    for name, (editor, prompt, accept, retired) in edits.items():
        _insert(
            connection,
            "question_edit",
            question_id=ids[name],
            edited_by=ids[editor],
            prompt=prompt,
            accept=accept,
            choices=None,
            retired=retired,
            generated=_generated(f"generated {name}"),
            edited_at=THEN,
        )
    return ids


def test_the_owners_migration_keeps_todays_data_under_the_owners_rules(empty_app: Flask) -> None:
    from quizapp.models import (
        ClassSource,
        Question,
        QuestionEdit,
        QuestionSet,
        QuestionSetItem,
        Source,
        TeacherEdit,
        User,
    )
    from quizapp.sources.audience import may_be_asked
    from quizapp.teaching.curation import as_asked, asked_in_set

    with empty_app.app_context():
        upgrade(revision=BEFORE_OWNERS)
        with db.engine.begin() as connection:
            ids = _todays_data(connection)
        upgrade()
        assert _differences() == []
        session = db.session
        audiences = {source.title: source.audience for source in session.scalars(select(Source))}
        assert audiences == {"bundled": "everyone", "upload": "classes"}
        # The upload goes to T1's class, assigned T1's set of it; T2's class keeps the
        # questions of T2's set, through its assignment.
        given = session.execute(select(ClassSource.class_id, ClassSource.source_id)).all()
        assert given == [(ids["class_1"], ids["upload"])]
        kept = session.execute(select(QuestionEdit.question_id, QuestionEdit.edited_by)).all()
        assert sorted(kept) == sorted([(ids["u1"], ids["t1"]), (ids["b3"], ids["admin"])])
        own = {
            (row.question_id, row.teacher_id): row for row in session.scalars(select(TeacherEdit))
        }
        assert set(own) == {(ids["u2"], ids["t2"]), (ids["b2"], ids["t1"])}
        assert own[ids["u2"], ids["t2"]].prompt == "T2's prompt"
        assert own[ids["u2"], ids["t2"]].accept == ["wrong"]
        assert own[ids["u2"], ids["t2"]].base == _generated("generated u2")
        question = {
            name: session.get(Question, ids[name]) for name in ("b1", "b2", "b3", "u1", "u2", "u3")
        }
        assert (question["u2"].prompt, question["u2"].accept) == ("generated u2", [])
        assert question["b2"].prompt == "generated b2"
        assert question["u1"].prompt == "T1's own prompt"
        # A retirement by someone who does not curate the document is undone for everyone
        # and takes the question out of that teacher's own sets; the others stay.
        assert not question["b1"].retired and question["b3"].retired and question["u3"].retired
        items = session.execute(select(QuestionSetItem.set_id, QuestionSetItem.question_id)).all()
        assert (ids["set_3"], ids["b1"]) not in items and (ids["set_3"], ids["b2"]) in items
        assert (ids["set_2"], ids["u2"]) in items
        # What the learners are asked follows: B still has T2's set of T1's upload, graded
        # against T2's version there; everywhere else the question reads as generated.
        learner_b = session.get(User, ids["b"])
        assert may_be_asked(learner_b, question["u2"], audience="classes", owner_id=ids["t1"])
        assert not may_be_asked(learner_b, question["u1"], audience="classes", owner_id=ids["t1"])
        set_2 = session.get(QuestionSet, ids["set_2"])
        assert asked_in_set(question["u2"], set_2).accept == ["wrong"]
        assert as_asked(question["u2"]).accept == []


# --- one card per fact ---------------------------------------------------------------------

BEFORE_FACTS = "d4e7a91c3b10"


def _card_with_reviews(
    connection: Any, user: int, question: int, reviewed: list[tuple[datetime, int]]
) -> int:
    """A card of the schema before facts, with one review per ``(time, rating)``."""
    last, rating = reviewed[-1]
    card = _insert(
        connection,
        "card",
        user_id=user,
        question_id=question,
        state=2,
        step=None,
        stability=3.0 + rating,
        difficulty=5.0,
        due=last + timedelta(days=3),
        last_review=last,
        reps=len(reviewed),
        created_at=reviewed[0][0],
    )
    for version, (moment, rating) in enumerate(reviewed):
        _insert(
            connection,
            "review",
            card_id=card,
            user_id=user,
            card_version=version,
            rating=rating,
            original_rating=rating,
            override=False,
            score=1.0,
            correct=True,
            given_answer=f"answer {question} {version}",
            given_display="",
            expected_display="",
            feedback="",
            duration_ms=1000,
            reviewed_at=moment,
            state_before=2,
            card_before={
                "state": 2,
                "step": None,
                "stability": 1.0,
                "difficulty": 5.0,
                "due": moment.isoformat(),
                "last_review": None,
            },
        )
    return card


def test_the_facts_migration_merges_sibling_cards_and_loses_no_review(empty_app: Flask) -> None:
    """Date, cloze and choice questions of one sentence and date are one fact: each
    learner's cards of them become one card (the one reviewed last), holding every review,
    numbered again in the order given; each review keeps the form it answered."""
    with empty_app.app_context():
        upgrade(revision=BEFORE_FACTS)
        with db.engine.begin() as connection:
            ids = _todays_data(connection)
            # Siblings: b2 (date), s_cloze and s_choice share the passage, evidence, date.
            for name, kind in (("s_cloze", "cloze"), ("s_choice", "choice")):
                ids[name] = _insert_question(
                    connection,
                    source_id=ids["bundled"],
                    passage_id=ids["bundled_passage"],
                    bank_id=f"q-{name}",
                    kind=kind,
                    prompt=name,
                    answer=_generated("")["answer"],
                )
            ids["other"] = _insert_question(
                connection,
                source_id=ids["bundled"],
                passage_id=ids["bundled_passage"],
                bank_id="q-other",
                kind="date",
                prompt="other",
                answer={"date": "2020-11-10", "granularity": "day", "text": "10 November 2020"},
                evidence=(11, 20),
            )
            day = timedelta(days=1)
            cards = {
                "a_date": _card_with_reviews(
                    connection, ids["a"], ids["b2"], [(THEN, 3), (THEN + 3 * day, 3)]
                ),
                "a_cloze": _card_with_reviews(
                    connection, ids["a"], ids["s_cloze"], [(THEN + day, 1)]
                ),
                "a_choice": _card_with_reviews(
                    connection, ids["a"], ids["s_choice"], [(THEN + 5 * day, 4)]
                ),
                "a_other": _card_with_reviews(connection, ids["a"], ids["other"], [(THEN, 2)]),
                "b_cloze": _card_with_reviews(connection, ids["b"], ids["s_cloze"], [(THEN, 3)]),
            }
            before = connection.execute(
                text("SELECT id, card_id, given_answer, reviewed_at FROM review ORDER BY id")
            ).all()
        upgrade()
        assert _differences() == []
        with db.engine.connect() as connection:
            facts = dict(connection.execute(text("SELECT id, fact FROM question")).all())
            card_rows = connection.execute(
                text("SELECT id, user_id, fact, question_id, reps, stability FROM card ORDER BY id")
            ).all()
            reviews = connection.execute(
                text(
                    "SELECT id, card_id, card_version, question_id, given_answer FROM review "
                    "ORDER BY id"
                )
            ).all()
        assert facts[ids["b2"]] == facts[ids["s_cloze"]] == facts[ids["s_choice"]]
        assert facts[ids["b2"]].startswith("f-") and facts[ids["other"]] != facts[ids["b2"]]
        # A's three sibling cards are one: the choice card, reviewed last, with its state.
        assert [tuple(row) for row in card_rows] == [
            (cards["a_choice"], ids["a"], facts[ids["b2"]], ids["s_choice"], 4, 7.0),
            (cards["a_other"], ids["a"], facts[ids["other"]], ids["other"], 1, 5.0),
            (cards["b_cloze"], ids["b"], facts[ids["b2"]], ids["s_cloze"], 1, 6.0),
        ]
        # No review lost: the same rows, answers and times; each on its fact's card,
        # numbered in the order given, and naming the question it answered.
        assert [row.id for row in reviews] == [row.id for row in before]
        by_id = {row.id: row for row in reviews}
        merged = sorted(
            (
                row
                for row in before
                if row.card_id in (cards["a_date"], cards["a_cloze"], cards["a_choice"])
            ),
            key=lambda row: (str(row.reviewed_at), row.id),
        )
        assert [(by_id[row.id].card_id, by_id[row.id].card_version) for row in merged] == [
            (cards["a_choice"], version) for version in range(4)
        ]
        assert [by_id[row.id].question_id for row in merged] == [
            ids["b2"],
            ids["s_cloze"],
            ids["b2"],
            ids["s_choice"],
        ]
        assert all(by_id[row.id].given_answer == row.given_answer for row in before)
        downgrade(revision=BEFORE_FACTS)
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM review")).scalar() == len(before)
            assert connection.execute(text("SELECT count(*) FROM card")).scalar() == 3

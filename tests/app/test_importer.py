"""Importing banks: idempotent, in place, retiring, all-or-nothing; and the commands."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from conftest import DATA, NOW, SAMPLE_BANK, new_learner
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Card, Passage, Question, Review, Source, User
from quizapp.sources.importer import import_bank


def counts() -> tuple[int, int, int]:
    return (
        db.session.scalar(select(func.count(Source.id))),
        db.session.scalar(select(func.count(Passage.id))),
        db.session.scalar(select(func.count(Question.id))),
    )


def test_import_adds_everything_then_nothing(app: Flask, sample_bank) -> None:
    with app.app_context():
        first = import_bank(sample_bank, now=NOW)
        db.session.commit()
        assert (first.added, first.updated, first.retired, first.unchanged) == (5, 0, 0, 0)
        again = import_bank(sample_bank, now=NOW)
        db.session.commit()
        assert (again.added, again.updated, again.retired, again.unchanged) == (0, 0, 0, 5)
        assert counts() == (1, 4, 5)
        shusha = db.session.scalars(select(Question).where(Question.bank_id == "q-0000b001")).one()
        assert shusha.answer["date"] == "2020-11-08" and shusha.passage.bank_id == "p-0000a001"
        disputed = db.session.scalars(
            select(Question).where(Question.bank_id == "q-0000b005")
        ).one()
        assert disputed.disputed[0]["date"] == "2020-11-09"


def test_a_changed_question_is_updated_in_place_keeping_its_cards(
    app: Flask, sample_bank, imported: int
) -> None:
    with new_learner(app) as user:
        question = db.session.scalars(
            select(Question).where(Question.bank_id == "q-0000b001")
        ).one()
        db.session.add(
            Card(
                user_id=user.id,
                fact=question.fact,
                question_id=question.id,
                state=1,
                step=0,
                due=NOW,
            )
        )
        db.session.commit()
        changed = dataclasses.replace(
            sample_bank,
            questions=(
                dataclasses.replace(sample_bank.questions[0], prompt="When did Shusha fall?"),
            )
            + sample_bank.questions[1:],
        )
        summary = import_bank(changed, now=NOW)
        db.session.commit()
        assert (summary.updated, summary.unchanged) == (1, 4)
        row = db.session.get(Question, question.id)
        assert row.prompt == "When did Shusha fall?" and row.updated_at == NOW
        assert db.session.scalars(select(Card)).one().question_id == question.id


def test_vanished_questions_are_retired_and_come_back(
    app: Flask, sample_bank, imported: int
) -> None:
    with app.app_context():
        smaller = dataclasses.replace(sample_bank, questions=sample_bank.questions[:3])
        summary = import_bank(smaller, now=NOW)
        db.session.commit()
        assert (summary.retired, summary.unchanged) == (2, 3)
        assert counts() == (1, 4, 5)  # nothing deleted
        retired = db.session.scalars(select(Question.bank_id).where(Question.retired)).all()
        assert sorted(retired) == ["q-0000b004", "q-0000b005"]
        back = import_bank(sample_bank, now=NOW)
        db.session.commit()
        assert (back.updated, back.retired) == (2, 0)
        assert not db.session.scalar(select(func.count(Question.id)).where(Question.retired))


def test_import_bank_command_is_idempotent_and_stores_the_document(
    app: Flask, runner: FlaskCliRunner
) -> None:
    result = runner.invoke(args=["import-bank", str(SAMPLE_BANK)])
    assert result.exit_code == 0, result.output
    assert "5 added, 0 updated, 0 retired, 0 unchanged" in result.output
    result = runner.invoke(args=["import-bank", str(SAMPLE_BANK)])
    assert "0 added, 0 updated, 0 retired, 5 unchanged" in result.output
    with app.app_context():
        source = db.session.scalars(select(Source)).one()
        assert source.text == (DATA / "sample.txt").read_text()


def test_a_bad_bank_changes_nothing_and_names_every_problem(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    runner.invoke(args=["import-bank", str(SAMPLE_BANK)])
    broken = SAMPLE_BANK.read_text(encoding="utf-8")
    broken = broken.replace("kind: date", "kind: essay", 1).replace(
        "difficulty: 0.3", "difficulty: 7"
    )
    broken = broken.replace("Put these events in chronological order.", "Moved prompt")
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    result = runner.invoke(args=["import-bank", str(path)])
    assert result.exit_code == 2
    assert "unknown kind 'essay'" in result.output and "difficulty" in result.output
    with app.app_context():
        assert counts() == (1, 4, 5)
        prompts = db.session.scalars(select(Question.prompt)).all()
        assert "Moved prompt" not in prompts


def test_create_user_command(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        args=["create-user", "Ana@Example.org", "--name", "Ana", "--password", "long enough"]
    )
    assert result.exit_code == 0, result.output
    again = runner.invoke(args=["create-user", "ana@example.org", "--password", "long enough"])
    assert again.exit_code == 1 and "already exists" in again.output
    short = runner.invoke(args=["create-user", "b@example.org", "--password", "short"])
    assert short.exit_code == 2
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        assert (user.email, user.display_name, user.role) == ("ana@example.org", "Ana", "learner")
        assert user.check_password("long enough") and "long enough" not in user.password_hash


def test_make_admin_command_sets_and_revokes_the_role(app: Flask, runner: FlaskCliRunner) -> None:
    runner.invoke(args=["create-user", "ana@example.org", "--teacher", "--password", "long enough"])
    with app.app_context():
        assert db.session.scalars(select(User)).one().is_admin is False

    result = runner.invoke(args=["make-admin", "Ana@Example.org"])
    assert result.exit_code == 0 and "is an administrator" in result.output
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        assert (user.is_admin, user.role) == (True, "teacher")

    result = runner.invoke(args=["make-admin", "ana@example.org", "--revoke"])
    assert result.exit_code == 0 and "no longer an administrator" in result.output
    with app.app_context():
        assert db.session.scalars(select(User)).one().is_admin is False

    missing = runner.invoke(args=["make-admin", "nobody@example.org"])
    assert missing.exit_code == 1 and "no account for nobody@example.org" in missing.output


def test_reviews_survive_a_reimport(app: Flask, sample_bank, imported: int) -> None:
    with app.app_context():
        import_bank(sample_bank, now=NOW)
        db.session.commit()
        assert db.session.scalar(select(func.count(Review.id))) == 0
        assert counts() == (1, 4, 5)

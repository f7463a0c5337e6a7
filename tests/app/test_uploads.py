"""Bring your own document: upload, generation in the job queue, review, regenerate, publish.

The app of these tests runs queued jobs at once in its own process (huey's immediate
mode, set in conftest); tests/app/test_queue.py runs them in real worker processes."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, NOW, AuthActions, add_user, join, make_app, make_class, session_id
from flask import Flask
from flask.testing import FlaskClient
from sample_pdf import make_pdf
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.learning.scheduling import next_item
from quizapp.models import GenerationJob, Question, QuestionDecision, Source, User
from quizapp.sources import decisions as review
from quizapp.sources import generation

BUNDLED = Path(__file__).resolve().parents[2] / "quizapp" / "documents"
BUNDLED_DOC = BUNDLED / "second-nagorno-karabakh-war.txt"
KIEL_PDF = make_pdf(
    [
        [
            "The Treaty of Kiel",
            "",
            "The Treaty of Kiel was signed on 14 January 1814 between the",
            "United Kingdom and Sweden on one side and Denmark on the other.",
            "Norway declared its independence on 17 May 1814.",
        ]
    ]
)


def upload(client: FlaskClient, name: str, data: bytes) -> Any:
    return client.post(
        "/teach/documents/upload",
        data={"document": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def upload_and_wait(app: Flask, client: FlaskClient, name: str, data: bytes) -> GenerationJob:
    response = upload(client, name, data)
    assert response.status_code == 302, response.text[:500]
    job_id = int(response.location.rsplit("/", 1)[1])
    job = db.session.get(GenerationJob, job_id)
    assert job is not None
    db.session.refresh(job)
    return job


def count(model: Any) -> int:
    return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def teacher(app: Flask, auth: AuthActions) -> int:
    return auth.login_as_teacher()


@pytest.mark.parametrize(
    ("name", "data", "title", "fmt", "kinds"),
    [
        (
            BUNDLED_DOC.name,
            BUNDLED_DOC.read_bytes(),
            "Second Nagorno-Karabakh War",
            "text",
            {"date", "cloze", "choice"},
        ),
        ("notes.md", (DATA / "notes.md").read_bytes(), "The Hanseatic League", "markdown", None),
        (
            "wiki_page.html",
            (DATA / "wiki_page.html").read_bytes(),
            "Siege of Rhodes (1522)",
            "html",
            None,
        ),
        (
            "bare_years.txt",
            (DATA / "bare_years.txt").read_bytes(),
            "A Short History of the Bicycle",
            "text",
            None,
        ),
        ("kiel.pdf", KIEL_PDF, "The Treaty of Kiel", "pdf", None),
    ],
    ids=["bundled", "markdown", "html", "bare-years", "pdf"],
)
def test_document_shapes_generate_pending_questions(
    app: Flask,
    client: FlaskClient,
    teacher: int,
    name: str,
    data: bytes,
    title: str,
    fmt: str,
    kinds: set[str] | None,
) -> None:
    with app.app_context():
        job = upload_and_wait(app, client, name, data)
        assert job.status == "done", job.message
        assert job.progress == 100 and job.data is None
        source = db.session.get(Source, job.source_id)
        assert source is not None
        assert (source.title, source.owner_id, source.document_format) == (title, teacher, fmt)
        questions = db.session.scalars(select(Question).where(Question.source_id == source.id))
        questions = list(questions)
        assert questions and all(question.retired for question in questions)  # pending
        assert job.report is not None and job.report["facts"] > 0
        assert sum(job.report["questions"].values()) == len(questions)
        if kinds:
            assert kinds <= set(job.report["questions"])
        assert review.review_counts(source).pending == len(questions)
        for question in questions:  # offsets point into the stored (converted) text
            passage = question.passage
            assert source.text is not None
            assert source.text[passage.start : passage.end] == passage.text
        if name == "bare_years.txt":
            assert {q.answer.get("granularity") for q in questions if q.kind != "order"} == {"year"}
    page = client.get(f"/teach/jobs/{job.id}").text
    assert "What the generator found" in page and 'id="review-link"' in page
    assert re.search(r'id="report-facts">\d+<', page)


def test_no_dated_facts_fails_clearly_and_stores_nothing(
    app: Flask, client: FlaskClient, teacher: int
) -> None:
    with app.app_context():
        job = upload_and_wait(app, client, "no_dates.txt", (DATA / "no_dates.txt").read_bytes())
        assert job.status == "failed"
        assert "no dated facts found" in job.message
        assert job.source_id is None and count(Source) == 0 and count(Question) == 0
        assert job.data is not None  # kept for a retry
    page = client.get(f"/teach/jobs/{job.id}").text
    assert "no dated facts found" in page and "none of its sentences carries a date" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("letter.docx", b"PK\x03\x04zip", ".docx files are not supported"),
        ("empty.txt", b"  \n", "the file is empty"),
        ("fake.pdf", b"The war began on 27 September 2020.", "this is not a PDF"),
    ],
)
def test_wrong_types_are_refused_in_the_request_and_nothing_is_stored(
    app: Flask, client: FlaskClient, teacher: int, name: str, data: bytes, message: str
) -> None:
    response = upload(client, name, data)
    assert response.status_code == 400
    assert message in response.text and "Not stored" in response.text
    with app.app_context():
        assert count(GenerationJob) == 0 and count(Source) == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary", "a PNG image"),
        ("broken.pdf", (DATA / "broken.pdf").read_bytes(), "not a readable PDF"),
        ("notes.txt", "caf\xe9".encode("latin-1"), "not valid UTF-8"),
        ("deep.html", b"<html><body>" + b"<b>" * 2_000 + b"</i>" * 2_000, "1,000 deep"),
    ],
)
def test_unreadable_uploads_fail_in_the_job_with_the_reason_and_store_nothing(
    app: Flask, client: FlaskClient, teacher: int, name: str, data: bytes, message: str
) -> None:
    with app.app_context():
        job = upload_and_wait(app, client, name, data)
        assert job.status == "failed" and message in job.message
        assert job.source_id is None and count(Source) == 0 and count(Question) == 0
    page = client.get(f"/teach/jobs/{job.id}").text
    assert message in page and 'id="retry"' in page


def test_too_large_upload_gets_a_clear_413_and_nothing_is_stored(
    tmp_path: Path, auth: AuthActions
) -> None:
    app = make_app(tmp_path, MAX_UPLOAD_MB=0.05)
    with app.app_context():
        db.create_all()
    client = app.test_client()
    AuthActions(app, client).login_as_teacher()
    response = upload(client, "big.txt", b"The war began on 27 September 2020.\n" * 5000)
    assert response.status_code == 413
    assert "larger than the 0.05 MB upload limit" in response.text, response.text[-600:]
    with app.app_context():
        assert count(GenerationJob) == 0


def test_upload_form_needs_csrf(tmp_path: Path) -> None:
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
    add_user(app, "t@example.org", role="teacher")
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id(app, 1)
    response = upload(client, "notes.md", (DATA / "notes.md").read_bytes())
    assert response.status_code == 400
    with app.app_context():
        assert count(GenerationJob) == 0


def test_job_status_reports_progress(app: Flask, client: FlaskClient, teacher: int) -> None:
    with app.app_context():
        job = upload_and_wait(app, client, "notes.md", (DATA / "notes.md").read_bytes())
    state = client.get(f"/teach/jobs/{job.id}/status").get_json()
    assert state["status"] == "done" and state["progress"] == 100
    assert state["summary"]["pending"] == sum(state["report"]["questions"].values())


def test_queued_job_page_refreshes_without_javascript(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        teacher_id = add_user(app, "queue@example.org", role="teacher")
        teacher = db.session.get(User, teacher_id)
        job = generation.create_upload_job(
            teacher, "notes.md", (DATA / "notes.md").read_bytes(), now=datetime.now(UTC)
        )
        db.session.commit()
        job_id = job.id
    AuthActions(app, client).login("queue@example.org")
    page = client.get(f"/teach/jobs/{job_id}").text
    assert '<meta http-equiv="refresh"' in page and 'value="0"' in page


def test_a_job_whose_worker_stopped_is_queued_again_then_failed_after_its_attempts(
    app: Flask,
) -> None:
    settings = generation.JobSettings(stale_seconds=120, max_attempts=2)
    with app.app_context():
        teacher = db.session.get(User, add_user(app, "stale@example.org", role="teacher"))
        job = generation.create_upload_job(
            teacher, "notes.md", (DATA / "notes.md").read_bytes(), now=NOW
        )
        db.session.commit()
        for attempt in (1, 2):
            assert generation.claim_job(job.id, now=NOW, jobs_per_owner=1) == ("claimed", attempt)
            # ...and the worker dies: no more heartbeats.
            early = NOW + timedelta(seconds=60)
            assert generation.recover_job(job.id, now=early, settings=settings) == "waiting"
            late = NOW + timedelta(minutes=5)
            expected = "requeued" if attempt == 1 else "failed"
            assert generation.recover_job(job.id, now=late, settings=settings) == expected
        db.session.refresh(job)
        assert job.status == "failed" and "stopped 2 times" in job.message
        assert job.attempts == 2 and count(Source) == 0
        assert generation.recover_job(job.id, now=NOW, settings=settings) == "finished"
        # By hand: Retry starts a new series of attempts, and this time a worker finishes.
        generation.retry_job(job, now=NOW)
        db.session.commit()
        assert job.attempts == 0
        claim, attempt = generation.claim_job(job.id, now=NOW, jobs_per_owner=1)
        generation.run_claimed_job(job.id, attempt, settings=settings)
        db.session.refresh(job)
        assert job.status == "done" and job.attempts == 1 and count(Source) == 1
        assert generation.claim_job(job.id, now=NOW, jobs_per_owner=1) == ("gone", 0)


def test_a_worker_that_lost_its_job_to_a_retry_writes_nothing(app: Flask) -> None:
    settings = generation.JobSettings(stale_seconds=120)
    with app.app_context():
        teacher = db.session.get(User, add_user(app, "slow@example.org", role="teacher"))
        job = generation.create_upload_job(
            teacher, "notes.md", (DATA / "notes.md").read_bytes(), now=NOW
        )
        db.session.commit()
        _, slow = generation.claim_job(job.id, now=NOW, jobs_per_owner=1)
        late = NOW + timedelta(minutes=5)
        assert generation.recover_job(job.id, now=late, settings=settings) == "requeued"
        _, fresh = generation.claim_job(job.id, now=late, jobs_per_owner=1)
        assert (slow, fresh) == (1, 2)
        generation.run_claimed_job(job.id, slow, settings=settings)  # the slow one wakes up
        db.session.refresh(job)
        assert job.status == "running" and job.attempts == 2 and count(Source) == 0
        generation.run_claimed_job(job.id, fresh, settings=settings)
        db.session.refresh(job)
        assert job.status == "done" and count(Source) == 1


def test_a_teacher_at_the_running_jobs_limit_waits_and_others_do_not(app: Flask) -> None:
    with app.app_context():
        ana = db.session.get(User, add_user(app, "ana@example.org", role="teacher"))
        ben = db.session.get(User, add_user(app, "ben@example.org", role="teacher"))
        data = (DATA / "notes.md").read_bytes()
        first, second = (
            generation.create_upload_job(ana, f"notes-{n}.md", data, now=NOW) for n in (1, 2)
        )
        other = generation.create_upload_job(ben, "notes.md", data, now=NOW)
        db.session.commit()
        assert generation.claim_job(first.id, now=NOW, jobs_per_owner=1) == ("claimed", 1)
        assert generation.claim_job(second.id, now=NOW, jobs_per_owner=1) == ("busy", 0)
        db.session.refresh(second)
        assert second.status == "queued" and second.attempts == 0
        assert "another of your documents" in second.stage
        assert generation.claim_job(other.id, now=NOW, jobs_per_owner=1) == ("claimed", 1)
        assert generation.claim_job(second.id, now=NOW, jobs_per_owner=2) == ("claimed", 1)


def _questions(source_id: int) -> dict[str, Question]:
    rows = db.session.scalars(select(Question).where(Question.source_id == source_id))
    return {question.bank_id: question for question in rows}


def test_review_publishes_only_accepted_questions_and_survives_regenerate(
    app: Flask, client: FlaskClient, teacher: int
) -> None:
    original = (DATA / "notes.md").read_text(encoding="utf-8")
    with app.app_context():
        job = upload_and_wait(app, client, "notes.md", original.encode())
        source_id = job.source_id
        assert source_id is not None
        questions = _questions(source_id)
        treaty = next(q for q in questions.values() if "Stralsund" in q.prompt)
        novgorod = next(q for q in questions.values() if "Novgorod" in q.prompt)
        treaty_id, novgorod_id = treaty.id, novgorod.id
        treaty_bank, novgorod_bank = treaty.bank_id, novgorod.bank_id

    # Accept one question, reject another (as the page's script does, asking for JSON).
    page = client.get(f"/teach/documents/{source_id}/review").text
    assert page.count('class="review-item') == len(questions)
    accepted = client.post(
        f"/teach/documents/{source_id}/questions/{treaty_id}/decision",
        data={"decision": "accepted"},
        headers={"Accept": "application/json"},
    ).get_json()
    assert accepted["counts"]["accepted"] == 1
    response = client.post(
        f"/teach/documents/{source_id}/questions/{novgorod_id}/decision",
        data={"decision": "rejected"},
    )
    assert response.status_code == 302 and response.location.endswith(f"#question-{novgorod_id}")

    # The teacher gives the document to a class (on the class page): its learner gets it.
    learner_id = add_user(app, "learner@example.org")
    class_id, _code = make_class(app, teacher)
    join(app, learner_id, class_id)
    given = client.post(f"/teach/classes/{class_id}/sources", data={"source_id": str(source_id)})
    assert given.status_code == 302
    with app.app_context():
        learner = db.session.get(User, learner_id)
        item = next_item(learner, datetime.now(UTC))
        assert item is not None and item.question.id == treaty_id  # the only published one
        assert not db.session.get(Question, treaty_id).retired
        assert db.session.get(Question, novgorod_id).retired

    # Regenerate after an edit: the Novgorod sentence changes, the rest stays.
    edited = original.replace("closed by Ivan III in 1494", "closed by Ivan III in 1494 for good")
    response = client.post(
        f"/teach/documents/{source_id}/regenerate",
        data={"document": (io.BytesIO(edited.encode()), "notes.md")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        questions = _questions(source_id)
        decisions = {
            row.bank_id: row
            for row in db.session.scalars(
                select(QuestionDecision).where(QuestionDecision.source_id == source_id)
            )
        }
        assert decisions[treaty_bank].decision == "accepted" and decisions[treaty_bank].current
        assert not questions[treaty_bank].retired
        assert not decisions[novgorod_bank].current  # its sentence changed: a new id
        new_ids = {bank_id for bank_id, row in decisions.items() if row.current} - {
            bank_id for bank_id in decisions if bank_id in (treaty_bank,)
        }
        assert any(
            "Novgorod" in questions[bank_id].prompt and decisions[bank_id].decision == "pending"
            for bank_id in new_ids
        )
        source = db.session.get(Source, source_id)
        assert source is not None and "for good" in (source.text or "")
        assert db.session.scalar(select(func.count()).select_from(Source)) == 1

    # Accept everything that remains.
    client.post(f"/teach/documents/{source_id}/accept-all")
    with app.app_context():
        source = db.session.get(Source, source_id)
        counts = review.review_counts(source)
        assert counts.pending == 0 and counts.accepted >= 2
        # Restoring a question on the curation page never publishes an unaccepted one.
        rejected = next(
            question
            for bank_id, question in _questions(source_id).items()
            if bank_id == novgorod_bank
        )
        assert rejected.retired


def test_regenerate_from_stored_text_keeps_everything(
    app: Flask, client: FlaskClient, teacher: int
) -> None:
    with app.app_context():
        job = upload_and_wait(app, client, "bare_years.txt", (DATA / "bare_years.txt").read_bytes())
        source_id = job.source_id
    client.post(f"/teach/documents/{source_id}/accept-all")
    client.post(f"/teach/documents/{source_id}/regenerate", data={})
    with app.app_context():
        latest = db.session.scalars(select(GenerationJob).order_by(GenerationJob.id.desc())).first()
        assert latest is not None and latest.status == "done"
        assert latest.summary is not None and latest.summary["unchanged"] > 0
        assert latest.summary["added"] == 0 and latest.summary["pending"] == 0


def test_source_page_links_questions_and_lists_conflicts(
    app: Flask, client: FlaskClient, teacher: int
) -> None:
    with app.app_context():
        job = upload_and_wait(app, client, BUNDLED_DOC.name, BUNDLED_DOC.read_bytes())
        source_id = job.source_id
        conflicts = (job.report or {}).get("conflicts") or []
        question_ids = db.session.scalars(
            select(Question.id).where(Question.source_id == source_id)
        ).all()
    client.post(f"/teach/documents/{source_id}/accept-all")
    page = client.get(f"/sources/{source_id}").text
    assert 'id="timeline"' in page and 'id="conflicts"' in page
    # every question of the bank is linked from its document's page
    assert len(question_ids) > 20
    for question_id in question_ids:
        assert f'href="/teach/questions/{question_id}"' in page
    assert conflicts, "the bundled document disagrees with itself on some dates"
    assert " vs " in page.split('id="conflicts"')[1].split("</section>")[0]


def test_cli_upload_and_publish(app: Flask, runner: Any) -> None:
    add_user(app, "cli@example.org", role="teacher")
    result = runner.invoke(
        args=["upload", str(DATA / "wiki_page.html"), "--teacher", "cli@example.org"]
    )
    assert result.exit_code == 0, result.output
    assert "dated facts:" in result.output and "questions wait for review" in result.output
    source_id = int(re.search(r"Source (\d+)", result.output).group(1))
    result = runner.invoke(args=["publish", str(source_id)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert review.review_counts(db.session.get(Source, source_id)).pending == 0
    result = runner.invoke(
        args=["upload", str(DATA / "no_dates.txt"), "--teacher", "cli@example.org"]
    )
    assert result.exit_code == 2 and "no dated facts found" in result.output
    result = runner.invoke(
        args=["upload", str(DATA / "broken.pdf"), "--teacher", "cli@example.org"]
    )
    assert result.exit_code == 2 and "not stored" in result.output

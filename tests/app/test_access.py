"""Who sees what: every route of the app, as seven identities, with the answer a correct
app gives.

The identities: anonymous; learner A (in teacher T1's class, with an answer and an
attempt there), learner B (in T2's class), learner C (in no class); teacher T1, who owns
an upload with questions in every state (pending, accepted, rejected, and accepted then
retired) given to A's class, and a draft upload nothing of which is accepted; teacher T2,
who owns nothing of T1's; and an administrator (a learner by role). Expected answers:
``LOGIN`` is a redirect to the login page; 302 any other redirect (the action was done,
or the page sends a logged-in user elsewhere); 200, 201, 400, 401, 403, 404 as such.
A ``token`` row calls the JSON API with the identity's API token (anonymous sends none);
every other row uses the identity's login session.

:func:`test_every_route_has_a_row` enumerates ``app.url_map``: a route added without a
row here fails it, and so does a row whose request reaches no route. Each case runs on a
fresh database, since many rows change state.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, NOW, PASSWORD, SAMPLE_BANK, make_app, reset_database, session_id
from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter
from werkzeug.security import generate_password_hash

from quizapp.extensions import db

LOGIN = "login"
IDENTITIES = (
    "anonymous",
    "learner_a",
    "learner_b",
    "learner_c",
    "teacher_1",
    "teacher_2",
    "admin",
)
PASSWORD_HASH = generate_password_hash(PASSWORD)  # once: hashing is slow by design

Expect = tuple[int | str, int | str, int | str, int | str, int | str, int | str, int | str]


@dataclass(frozen=True)
class Row:
    request: str  # "METHOD /url", its "{name}" placeholders filled from the world's ids
    expect: Expect
    data: dict[str, Any] = field(default_factory=dict)
    token: bool = False  # call with the identity's API token (a JSON body)

    @property
    def method(self) -> str:
        return self.request.split(" ", 1)[0]

    @property
    def url(self) -> str:
        return self.request.split(" ", 1)[1]

    @property
    def id(self) -> str:
        return self.request + (f" {self.data}" if self.data else "")


def teacher_only(t1: int | str, t2: int | str, admin: int | str) -> Expect:
    """Teacher pages: anonymous logs in, learners are forbidden; T1, T2 and the
    administrator as given."""
    return (LOGIN, 403, 403, 403, t1, t2, admin)


def logged_in(code: int | str) -> Expect:
    return (LOGIN, code, code, code, code, code, code)


def only_a(code: int | str) -> Expect:
    """Learner A's own things: everyone else logged in gets 404 (no existence leak)."""
    return (LOGIN, code, 404, 404, 404, 404, 404)


def class_1_and_curators(code: int | str, other: int | str = 404) -> Expect:
    """T1's published upload: A (whose class T1 gave it), T1 (its owner) and the
    administrator get ``code``; B, C and T2 ``other``."""
    return (LOGIN, code, other, other, code, other, code)


def curators(code: int | str, other: int | str = 404) -> Expect:
    """What only the owner and the administrators see: pending, rejected, retired and
    draft things."""
    return (LOGIN, other, other, other, code, other, code)


def row(request: str, expect: Expect, **form: Any) -> Row:
    """A row that posts ``form`` (if any) with the identity's login session."""
    return Row(request, expect, form)


def api(request: str, expect: Expect, **body: Any) -> Row:
    """A token row of the JSON API: ``request``'s path is under /api/v1 and ``body`` is
    posted as JSON. The users answer as ``expect`` says (the same rules as the pages);
    anonymous sends no token and gets 401."""
    method, path = request.split(" ", 1)
    return Row(f"{method} /api/v1{path}", (401, *expect[1:]), body, token=True)


LATER = (datetime.now(UTC) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
LATEST = (datetime.now(UTC) + timedelta(days=37)).strftime("%Y-%m-%dT%H:%M")

ANSWER = {"card_version": "0", "answer": "8 Nov 2020"}
API_ANSWER = {"card_version": 0, "answer": "8 Nov 2020"}  # JSON: the version is a number
ASSIGNMENT = {"opens_at": LATER, "due_at": LATEST, "max_attempts": "1"}
NEW_PROMPT = {"prompt": "When did Shusha fall?"}
UPLOAD_STATES = ("uq_pending", "uq_rejected", "uq_retired")  # never asked to anyone

ROWS = [
    # --- auth
    row("GET /login", (200, 302, 302, 302, 302, 302, 302)),
    row(
        "POST /login",
        (200, 302, 302, 302, 302, 302, 302),
        email="a@example.org",
        password="wrong password",
    ),
    row("GET /signup", (200, 302, 302, 302, 302, 302, 302)),
    row("POST /signup", (400, 302, 302, 302, 302, 302, 302), email="bad"),
    row("POST /logout", (LOGIN,) * 7),
    row("GET /settings", logged_in(200)),
    row(
        "POST /settings",
        logged_in(302),
        desired_retention="0.9",
        new_per_day="10",
        reviews_per_day="100",
        date_order="day_first",
        time_zone="UTC",
    ),
    # --- learner: the daily quiz and documents
    row("GET /", logged_in(200)),
    row("GET /quiz", logged_in(200)),
    # The bundled document is for everyone.
    row("POST /quiz/answer", logged_in(302), question_id="{q1}", **ANSWER),
    # T1's upload: its accepted question is for T1's class, T1 and the administrators...
    row("POST /quiz/answer", class_1_and_curators(302, 400), question_id="{uq_accepted}", **ANSWER),
    # ...and a pending, rejected or retired question is graded for no one (400, the
    # answer to a question that does not exist).
    *(
        row("POST /quiz/answer", logged_in(400), question_id=f"{{{state}}}", **ANSWER)
        for state in UPLOAD_STATES
    ),
    row("GET /quiz/result/{review_a}", only_a(200)),
    row("POST /quiz/result/{review_a}/rating", only_a(302), rating="1"),
    row("GET /sources/{source}", logged_in(200)),
    row("GET /sources/{uploaded}", class_1_and_curators(200)),
    # The draft is given to A's class too, but nothing of it is published.
    row("GET /sources/{draft}", curators(200)),
    row("GET /sources/999", logged_in(404)),
    row("GET /stats", logged_in(200)),
    row("GET /study", logged_in(200)),
    # The bundled document is open to everyone; T1's upload to A's class and T1.
    row("POST /study/{source}", logged_in(302), studying="y", new_per_day="5"),
    row("POST /study/{uploaded}", (LOGIN, 302, 404, 404, 302, 404, 404), new_per_day="5"),
    row("POST /study/999", logged_in(404), studying="y"),
    row("POST /quiz/more", logged_in(302), more="ahead"),
    # A's fit is queued: A is sent to it. Every other user has fewer reviews than a fit
    # needs: a clear 400, nothing queued.
    row("POST /study/optimize", (LOGIN, 302, 400, 400, 400, 400, 400)),
    row("GET /study/fits/{fit_a}", only_a(200)),
    row("GET /study/fits/999", logged_in(404)),
    row("GET /study/fits/{fit_a}/status", only_a(200)),
    # --- learner: classes and assignments
    row("GET /classes", logged_in(200)),
    # T1 teaches this class and cannot join it; anyone else may join it to learn.
    row("POST /classes/join", (LOGIN, 302, 302, 302, 400, 302, 302), code="{code_1}"),
    row("GET /join/{code_1}", logged_in(200)),
    row("GET /join/ZZZZZZZZ", logged_in(404)),
    row("GET /assignments/{assignment_1}", only_a(200)),
    row("GET /assignments/999", logged_in(404)),
    row("POST /assignments/{assignment_1}/attempts", only_a(302)),
    row(
        "POST /attempts/{attempt_a}/answer",
        only_a(302),
        question_id="{q2}",
        card_version="0",
        answer="1990",
    ),
    # A question outside the assignment's set: refused with a message, never graded.
    row("POST /attempts/{attempt_a}/answer", only_a(302), question_id="{uq_pending}", **ANSWER),
    # --- teacher: classes (the administrator may teach; another's class is 403)
    row("GET /teach/", teacher_only(200, 200, 200)),
    row("GET /teach/classes/new", teacher_only(200, 200, 200)),
    row("POST /teach/classes/new", teacher_only(302, 302, 302), name="X"),
    row("GET /teach/classes/{class_1}", teacher_only(200, 403, 403)),
    row("GET /teach/classes/999", teacher_only(404, 404, 404)),
    row("POST /teach/classes/{class_1}/members/{learner_a}/remove", teacher_only(302, 403, 403)),
    row("POST /teach/classes/{class_1}/members/{learner_b}/remove", teacher_only(404, 403, 403)),
    row("POST /teach/classes/{class_1}/code", teacher_only(302, 403, 403)),
    # A class is given a document its teacher may teach from: one for everyone...
    row("POST /teach/classes/{class_1}/sources", teacher_only(302, 403, 403), source_id="{source}"),
    # ...or their own upload, never another teacher's (T2 to T2's own class: refused).
    row(
        "POST /teach/classes/{class_2}/sources", teacher_only(403, 400, 403), source_id="{uploaded}"
    ),
    row("POST /teach/classes/{class_1}/sources/{uploaded}/remove", teacher_only(302, 403, 403)),
    row("POST /teach/classes/{class_1}/sources/{source}/remove", teacher_only(404, 403, 403)),
    row(
        "POST /teach/classes/{class_1}/timezone",
        teacher_only(302, 403, 403),
        timezone="Europe/Berlin",
    ),
    row(
        "POST /teach/classes/{class_1}/timezone",
        teacher_only(400, 403, 403),
        timezone="Mars/Olympus",
    ),
    row("GET /teach/classes/{class_1}/assign", teacher_only(200, 403, 403)),
    row(
        "POST /teach/classes/{class_1}/assign",
        teacher_only(302, 403, 403),
        set_id="{set_1}",
        **ASSIGNMENT,
    ),
    # T1 cannot assign T2's set, even to T1's own class.
    row(
        "POST /teach/classes/{class_1}/assign",
        teacher_only(200, 403, 403),
        set_id="{set_2}",
        **ASSIGNMENT,
    ),
    # --- teacher: question sets
    row("GET /teach/sets/new", teacher_only(200, 200, 200)),
    row("POST /teach/sets/new", teacher_only(302, 302, 302), name="New", source_id="{source}"),
    # T2 cannot build a set from T1's upload (the form offers only what T2 may teach).
    row("POST /teach/sets/new", teacher_only(302, 200, 302), name="New", source_id="{uploaded}"),
    row("GET /teach/sets/{set_1}", teacher_only(200, 403, 403)),
    row("GET /teach/sets/999", teacher_only(404, 404, 404)),
    row("GET /teach/sets/{set_1}/edit", teacher_only(200, 403, 403)),
    row("POST /teach/sets/{set_1}/edit", teacher_only(302, 403, 403), name="Renamed"),
    row("GET /teach/sets/{set_1}/build", teacher_only(200, 403, 403)),
    row("POST /teach/sets/{set_1}/questions", teacher_only(302, 403, 403), question_id="{q1}"),
    row("POST /teach/sets/{set_1}/questions/{q1}/remove", teacher_only(302, 403, 403)),
    row(
        "POST /teach/sets/{set_1}/questions/{q1}/move",
        teacher_only(302, 403, 403),
        direction="down",
    ),
    # --- teacher: questions. The bundled document is curated by the administrators; any
    # teacher may save their own version of its questions (for their sets), none retires.
    row("GET /teach/questions/{q1}", teacher_only(200, 200, 200)),
    row("GET /teach/questions/999", teacher_only(404, 404, 404)),
    row("POST /teach/questions/{q1}", teacher_only(302, 302, 302), **NEW_PROMPT),
    row("POST /teach/questions/{q2}/retire", teacher_only(403, 403, 302)),
    row("POST /teach/questions/{q1}/restore", teacher_only(403, 403, 302)),
    row("POST /teach/questions/{q1}/revert", teacher_only(302, 302, 302)),
    row("POST /teach/questions/{q1}/keep", teacher_only(302, 302, 302)),
    # T1's upload: its owner and the administrators curate it; T2 is not shown it exists.
    *(
        row(f"GET /teach/questions/{{{state}}}", teacher_only(200, 404, 200))
        for state in ("uq_accepted", *UPLOAD_STATES)
    ),
    *(
        row(f"POST /teach/questions/{{{state}}}", teacher_only(302, 404, 302), **NEW_PROMPT)
        for state in ("uq_accepted", "uq_pending")
    ),
    row("POST /teach/questions/{uq_accepted}/retire", teacher_only(302, 404, 302)),
    row("POST /teach/questions/{uq_retired}/restore", teacher_only(302, 404, 302)),
    row("POST /teach/questions/{uq_retired}/revert", teacher_only(302, 404, 302)),
    row("POST /teach/questions/{uq_accepted}/keep", teacher_only(302, 404, 302)),
    # The answer key and re-grading are the curators' alone: T1 for T1's upload (T2 does
    # not see it), the administrator for the bundled document.
    row("POST /teach/questions/{q1}/key", teacher_only(403, 403, 302), answer="7 Nov 2020"),
    row("POST /teach/questions/{uq_accepted}/key", teacher_only(302, 404, 302), answer="1990"),
    row(
        "POST /teach/questions/{uq_accepted}/key", teacher_only(400, 404, 400), answer="not a date"
    ),
    row("POST /teach/questions/{q2}/regrade", teacher_only(403, 403, 302)),
    row("POST /teach/questions/{uq_accepted}/regrade", teacher_only(302, 404, 302)),
    # --- teacher: results
    row("GET /teach/assignments/{assignment_1}", teacher_only(200, 403, 403)),
    row("GET /teach/assignments/999", teacher_only(404, 404, 404)),
    row("GET /teach/assignments/{assignment_1}/learners/{learner_a}", teacher_only(200, 403, 403)),
    # B is not in T1's class: T1 cannot read B's answers through T1's assignment.
    row("GET /teach/assignments/{assignment_1}/learners/{learner_b}", teacher_only(404, 403, 403)),
    row("GET /teach/assignments/{assignment_1}/grades.csv", teacher_only(200, 403, 403)),
    row(
        "POST /teach/assignments/{assignment_1}/learners/{learner_a}/grade",
        teacher_only(302, 403, 403),
        grade="75",
        comment="Seen in class.",
    ),
    # A grade over 100 is refused and nothing is stored; B is not in T1's class.
    row(
        "POST /teach/assignments/{assignment_1}/learners/{learner_a}/grade",
        teacher_only(400, 403, 403),
        grade="150",
    ),
    row(
        "POST /teach/assignments/{assignment_1}/learners/{learner_b}/grade",
        teacher_only(404, 403, 403),
        grade="75",
    ),
    row("GET /teach/classes/{class_1}/gradebook", teacher_only(200, 403, 403)),
    row("GET /teach/classes/{class_1}/gradebook.csv", teacher_only(200, 403, 403)),
    # --- teacher: uploaded documents (curated by their owner and the administrators; a
    # job is its owner's alone)
    row("GET /teach/documents", teacher_only(200, 200, 200)),
    row("GET /teach/documents/upload", teacher_only(200, 200, 200)),
    # No file: the form is refused and nothing is stored.
    row("POST /teach/documents/upload", teacher_only(400, 400, 400)),
    row("GET /teach/jobs/{job_1}", teacher_only(200, 403, 403)),
    row("GET /teach/jobs/999", teacher_only(404, 404, 404)),
    row("GET /teach/jobs/{job_1}/status", teacher_only(200, 403, 403)),
    # The job is done: only a failed one is retried.
    row("POST /teach/jobs/{job_1}/retry", teacher_only(400, 403, 403)),
    row("GET /teach/documents/{uploaded}/review", teacher_only(200, 403, 200)),
    row("GET /teach/documents/999/review", teacher_only(404, 404, 404)),
    row(
        "POST /teach/documents/{uploaded}/questions/{uq_pending}/decision",
        teacher_only(302, 403, 302),
        decision="accepted",
    ),
    # A question of another document cannot be decided through this one.
    row(
        "POST /teach/documents/{uploaded}/questions/{q1}/decision",
        teacher_only(404, 403, 404),
        decision="accepted",
    ),
    # The bundled document's questions are not reviewed one by one: retired, if need be.
    row(
        "POST /teach/documents/{source}/questions/{q1}/decision",
        teacher_only(403, 403, 404),
        decision="rejected",
    ),
    row("POST /teach/documents/{uploaded}/accept-all", teacher_only(302, 403, 302)),
    # Publishing for everyone is the administrators' alone, the owner's upload included.
    row(
        "POST /teach/documents/{uploaded}/audience",
        teacher_only(403, 403, 302),
        audience="everyone",
    ),
    # Its text is not stored (imported without it): nothing to regenerate from.
    row("POST /teach/documents/{uploaded}/regenerate", teacher_only(400, 403, 400)),
    # --- exports: a source to whoever may read it; a set to its owner and to the learners
    # of a class it is assigned to, and 404 to everyone else.
    row("GET /sources/{source}/export", logged_in(200)),
    row("GET /sources/{uploaded}/export", class_1_and_curators(200)),
    row("GET /sources/{source}/export.csv", logged_in(200)),
    row("GET /sources/{uploaded}/export.csv", class_1_and_curators(200)),
    row("GET /sources/{draft}/export.csv", curators(200)),
    row("GET /sources/999/export.csv", logged_in(404)),
    row("GET /sets/{set_1}/export", (LOGIN, 200, 404, 404, 200, 404, 404)),
    row("GET /sets/{set_1}/export.csv", (LOGIN, 200, 404, 404, 200, 404, 404)),
    # --- account security: password, API tokens, reset links (a teacher issues one for
    # a learner of their own class only)
    row(
        "POST /settings/password",
        logged_in(302),
        current_password=PASSWORD,
        new_password="a new password",
        confirm="a new password",
    ),
    row("POST /settings/tokens", logged_in(201), name="t", scope="read"),
    row("POST /settings/tokens/999/revoke", logged_in(404)),
    row("POST /users/{learner_a}/reset-link", (LOGIN, 404, 404, 404, 200, 404, 404)),
    row("POST /users/{learner_b}/reset-link", (LOGIN, 404, 404, 404, 404, 200, 404)),
    row("GET /reset/not-a-link", (404,) * 7),
    row("POST /reset/not-a-link", (404,) * 7, new_password="x" * 9),
    row("GET /healthz", (200,) * 7),
    # --- the JSON API takes tokens only: a session cookie is no credential there
    row("GET /api/v1/openapi.json", (200,) * 7),
    *(
        row(f"{method} /api/v1{path}", (401,) * 7)
        for method, path in [
            ("GET", "/me"),
            ("GET", "/queue"),
            ("POST", "/answers"),
            ("GET", "/reviews"),
            ("GET", "/reviews/{review_a}"),
            ("GET", "/questions/{q1}"),
            ("GET", "/questions/{q1}/passage"),
            ("GET", "/stats"),
            ("GET", "/sources"),
            ("GET", "/sources/{source}/questions"),
            ("GET", "/sources/{source}/export"),
            ("GET", "/sets"),
            ("GET", "/sets/{set_1}"),
            ("GET", "/sets/{set_1}/export"),
            ("GET", "/assignments"),
            ("POST", "/documents"),
            ("GET", "/jobs/{job_1}"),
            ("GET", "/documents/{uploaded}/questions"),
            ("POST", "/documents/{uploaded}/questions/{uq_pending}/decision"),
            ("POST", "/documents/{uploaded}/publish"),
        ]
    ),
    # --- the JSON API with each user's token: the same rules as the pages
    api("GET /me", logged_in(200)),
    api("GET /queue", logged_in(200)),
    api("GET /questions/{q1}", logged_in(200)),
    api("GET /questions/{uq_accepted}", class_1_and_curators(200)),
    *(api(f"GET /questions/{{{state}}}", curators(200)) for state in UPLOAD_STATES),
    api("GET /questions/{uq_pending}/passage", curators(200)),
    # A has answered q1 at version 0 in the attempt: the same answer again is that review.
    api("POST /answers", (401, 200, 201, 201, 201, 201, 201), question_id="{q1}", **API_ANSWER),
    api("POST /answers", class_1_and_curators(201), question_id="{uq_accepted}", **API_ANSWER),
    *(
        api("POST /answers", logged_in(404), question_id=f"{{{state}}}", **API_ANSWER)
        for state in UPLOAD_STATES
    ),
    api("GET /sources", logged_in(200)),
    api("GET /sources/{uploaded}/questions", class_1_and_curators(200)),
    api("GET /sources/{draft}/questions", curators(200)),
    api("GET /sources/{uploaded}/export", class_1_and_curators(200)),
    api("GET /documents/{uploaded}/questions", curators(200, 403)),
    api(
        "POST /documents/{uploaded}/questions/{uq_pending}/decision",
        curators(200, 403),
        decision="accepted",
    ),
    api("POST /documents/{uploaded}/publish", curators(200, 403)),
]


def build_world(app: Flask) -> dict[str, Any]:
    """T1 teaches class 1 (with A) and owns set 1 of every bundled question, assigned to
    class 1, and their own version of question 1; A has started an attempt there and
    answered question 1. T2 teaches class 2 (with B) and owns set 2, assigned to class 2.
    T1's upload (a question in each state) and draft are given to class 1. Every user
    has a write token."""
    from fsrs import Scheduler

    from question_bank.bank import load_bank
    from quizapp.accounts.tokens import create_token
    from quizapp.learning.answering import answer_question
    from quizapp.models import Question, ScheduleFit, Source, User
    from quizapp.sources.importer import import_bank
    from quizapp.teaching import assignments, classes, curation, question_sets

    real_now = datetime.now(UTC)
    with app.app_context():
        source_id = import_bank(
            load_bank(SAMPLE_BANK), now=NOW, document_text=(DATA / "sample.txt").read_text()
        ).source_id
        users = {}
        roles = ("learner", "learner", "learner", "teacher", "teacher", "learner")
        for name, role in zip(IDENTITIES[1:], roles, strict=True):
            user = User(
                email=f"{name}@example.org",
                display_name=name,
                role=role,
                is_admin=name == "admin",
                password_hash=PASSWORD_HASH,
            )
            db.session.add(user)
            users[name] = user
        db.session.flush()
        source = db.session.get(Source, source_id)
        questions = db.session.scalars(
            db.select(Question).where(Question.source_id == source_id).order_by(Question.id)
        ).all()
        world: dict[str, Any] = {"source": source_id, "q1": questions[0].id, "q2": questions[1].id}
        for number, teacher, learner in (
            (1, "teacher_1", "learner_a"),
            (2, "teacher_2", "learner_b"),
        ):
            school_class = classes.create_class(users[teacher], f"Class {number}", now=real_now)
            classes.join_class(users[learner], school_class.join_code, now=real_now)
            question_set = question_sets.create_set(
                users[teacher], source, f"Set {number}", "", now=real_now
            )
            question_sets.add_questions(question_set, [q.id for q in questions], now=real_now)
            assignment = assignments.create_assignment(
                school_class,
                question_set,
                opens_at=real_now - timedelta(days=1),
                due_at=real_now + timedelta(days=7),
                max_attempts=2,
                now=real_now,
                # The daily quiz rows ask its questions: answers shown at once, so no
                # assignment keeps them from the daily quiz (test_grading covers that).
                show_answer="answer",
            )
            world |= {
                f"class_{number}": school_class.id,
                f"code_{number}": school_class.join_code,
                f"set_{number}": question_set.id,
                f"assignment_{number}": assignment.id,
            }
        curation.save_edit(
            questions[0],
            users["teacher_1"],
            prompt="When did Shusha fall?",
            accept=[],
            choices=[],
            now=real_now,
        )
        world |= _uploaded_documents(users["teacher_1"], world["class_1"], real_now)
        attempt = assignments.start_attempt(
            assignment_of(world, 1), users["learner_a"], now=real_now
        )
        db.session.commit()
        answer = answer_question(
            users["learner_a"],
            questions[0].id,
            "8 Nov 2020",
            card_version=0,
            duration_ms=None,
            scheduler=Scheduler(enable_fuzzing=False),
            now=real_now,
            attempt=attempt,
        )
        world |= {name: user.id for name, user in users.items()}
        world |= {"attempt_a": attempt.id, "review_a": answer.review.id}
        fit = ScheduleFit(user_id=users["learner_a"].id, trigger="request", created_at=real_now)
        db.session.add(fit)
        db.session.flush()
        world["fit_a"] = fit.id
        for name, user in users.items():
            world[f"token_{name}"] = create_token(user, "access", "write", now=real_now)[1]
        db.session.commit()
    return world


def _uploaded_documents(teacher: Any, class_id: int, now: datetime) -> dict[str, Any]:
    """Two documents T1 uploaded (the sample bank), given to class 1, and the done job of
    the first. The first has a question in each state: pending, accepted, rejected, and
    accepted then retired by T1 (its last is accepted too); nothing of the draft is
    accepted."""
    from question_bank.bank import load_bank
    from quizapp.models import GenerationJob, Question, SchoolClass, Source
    from quizapp.sources import decisions
    from quizapp.sources.importer import import_bank
    from quizapp.teaching import classes, curation

    ids: dict[str, Any] = {}
    school_class = db.session.get(SchoolClass, class_id)
    for name, title in (("uploaded", "Uploaded notes"), ("draft", "Draft notes")):
        source = Source(
            title=title,
            file=f"{name}.txt",
            sha256="0" * 64,
            generator="test",
            owner_id=teacher.id,
        )
        db.session.add(source)
        db.session.flush()
        import_bank(load_bank(SAMPLE_BANK), now=NOW, source=source)
        classes.give_source(school_class, source, teacher, now=now)
        ids[name] = source.id
    questions = db.session.scalars(
        db.select(Question).where(Question.source_id == ids["uploaded"]).order_by(Question.id)
    ).all()
    pending, accepted, rejected, retired, last = questions
    for question, decision in ((accepted, "accepted"), (rejected, "rejected")):
        decisions.decide(question, decision, teacher, now=now)
    for question in (retired, last):
        decisions.decide(question, "accepted", teacher, now=now)
    curation.set_retired(retired, teacher, True, now=now)
    job = GenerationJob(
        owner_id=teacher.id,
        source_id=ids["uploaded"],
        filename="uploaded.txt",
        document_format="text",
        status="done",
        progress=100,
        created_at=now,
        finished_at=now,
    )
    db.session.add(job)
    db.session.flush()
    return ids | {
        "uq_pending": pending.id,
        "uq_accepted": accepted.id,
        "uq_rejected": rejected.id,
        "uq_retired": retired.id,
        "job_1": job.id,
    }


def assignment_of(world: dict[str, Any], number: int) -> Any:
    from quizapp.models import Assignment

    return db.session.get(Assignment, world[f"assignment_{number}"])


def _fresh_world(app: Flask) -> dict[str, Any]:
    with app.app_context():
        reset_database()  # on PostgreSQL: the schema once, emptied after every test
    return build_world(app)


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The world built once into a SQLite file that each case copies (fast)."""
    folder = tmp_path_factory.mktemp("access")
    path = folder / "world.sqlite"
    app = make_app(folder, DATABASE_URL=f"sqlite:///{path}")
    world = _fresh_world(app)
    with app.app_context():
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.session.remove()
        db.engine.dispose()
    return path, world


@pytest.fixture
def world_app(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if os.environ.get("QUIZAPP_TEST_DATABASE_URL"):  # another database: build it each time
        app = make_app(tmp_path)
        world = _fresh_world(app)
    else:
        template, world = request.getfixturevalue("sqlite_template")
        shutil.copyfile(template, tmp_path / "world.sqlite")
        app = make_app(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'world.sqlite'}")
    yield app, world
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def fill(value: Any, world: dict[str, Any]) -> Any:
    return value.format(**world) if isinstance(value, str) else value


def fill_json(value: Any, world: dict[str, Any]) -> Any:
    """As :func:`fill`, but a whole ``"{name}"`` becomes the id itself (a JSON number)."""
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return world[value[1:-1]]
    return fill(value, world)


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_access(world_app: Any, row: Row, identity: str) -> None:
    app, world = world_app
    client = app.test_client()
    request: dict[str, Any] = {}
    if row.token:
        if identity != "anonymous":
            request["headers"] = {"Authorization": f"Bearer {world[f'token_{identity}']}"}
        if row.method == "POST":
            request["json"] = {key: fill_json(value, world) for key, value in row.data.items()}
    else:
        if identity != "anonymous":
            with client.session_transaction() as session:
                session["_user_id"] = session_id(app, world[identity])
                session["_fresh"] = True
        request["data"] = {key: fill(value, world) for key, value in row.data.items()}
    response = client.open(fill(row.url, world), method=row.method, **request)
    expected = row.expect[IDENTITIES.index(identity)]
    login_redirect = response.status_code == 302 and response.location.startswith("/login")
    if expected == LOGIN:
        assert login_redirect, (response.status_code, response.location)
    else:
        assert response.status_code == expected, response.text[:500]
        if expected == 302:
            assert not login_redirect


def reached_endpoint(adapter: MapAdapter, row: Row) -> str | None:
    """The endpoint a row's request reaches (an id in each placeholder), None if none."""
    try:
        endpoint, _ = adapter.match(re.sub(r"\{\w+\}", "1", row.url), method=row.method)
    except HTTPException:
        return None
    return str(endpoint)


def test_every_route_has_a_row(app: Flask) -> None:
    adapter = app.url_map.bind("localhost")
    reached = [(row, reached_endpoint(adapter, row)) for row in ROWS]
    stray = [row.id for row, endpoint in reached if endpoint is None]
    assert not stray, f"rows whose request reaches no route: {stray}"
    covered = {(endpoint, row.method) for row, endpoint in reached}
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }
    missing = sorted(routes - covered)
    assert not missing, f"routes without a row in the access table: {missing}"

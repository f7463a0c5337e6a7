"""Database models: accounts, sources and their questions, cards, reviews, teaching.

All datetimes are timezone-aware UTC. :class:`UTCDateTime` is the one place that turns
what a database hands back (SQLite drops the zone) into an aware UTC datetime.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from typing import Any

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.extensions import Base

__all__ = [
    "AUDIENCES",
    "CLASSES",
    "EVERYONE",
    "AnswerRegrade",
    "ApiToken",
    "Assignment",
    "AssignmentAnswer",
    "AssignmentAttempt",
    "Card",
    "ClassMember",
    "ClassSource",
    "GenerationJob",
    "GradeOverride",
    "HealthCheck",
    "LoginAttempt",
    "LoginSession",
    "Passage",
    "PasswordReset",
    "Question",
    "QuestionDecision",
    "QuestionEdit",
    "QuestionSet",
    "QuestionSetItem",
    "RateLimitWindow",
    "Review",
    "ScheduleFit",
    "SchoolClass",
    "Source",
    "StudyChoice",
    "TeacherEdit",
    "User",
    "MAX_ID",
    "UTCDateTime",
    "utcnow",
]

# The longest typed answer: what a review stores, and the most the scorer reads.
MAX_ANSWER_LENGTH = 500
# The largest id (or card version) a column holds: the databases' 32-bit INTEGER. A
# larger number from a URL, a form or the API is refused before it reaches a query.
MAX_ID = 2**31 - 1
# Who a source is for: everyone (the bundled document, what an administrator publishes),
# or its owner and the classes the owner gives it to (a teacher's upload).
EVERYONE = "everyone"
CLASSES = "classes"
AUDIENCES = (EVERYONE, CLASSES)


def utcnow() -> datetime:
    """The time now, in UTC: what every column default and every request reads."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back as an aware UTC datetime."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class User(UserMixin, Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16), default="learner")
    # Set only from the command line (``flask --app quizapp make-admin``), never at sign-up:
    # an administrator curates and publishes any source and resets any account.
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    desired_retention: Mapped[float] = mapped_column(Float, default=0.9)
    new_per_day: Mapped[int] = mapped_column(Integer, default=10)
    reviews_per_day: Mapped[int] = mapped_column(Integer, default=200)
    day_first: Mapped[bool] = mapped_column(Boolean, default=True)
    # The IANA zone whose midnight starts the learner's day (daily limits, the streak,
    # one form of a fact a day); every stored time stays UTC.
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # The learner's own FSRS parameters (21 numbers), fitted on their reviews by
    # :mod:`quizapp.learning.optimizing`; None: FSRS's defaults.
    fsrs_parameters: Mapped[list[float] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    cards: Mapped[list[Card]] = relationship(back_populates="user")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """The id a login session (and a remember-me cookie) carries: the row id and a
        fingerprint of the password, so changing or resetting the password ends every
        session that was opened with the old one (see :func:`load_session_user`)."""
        return f"{self.id}:{self.password_fingerprint()}"

    def password_fingerprint(self) -> str:
        """An HMAC of the password hash under the app's secret key: changes with the
        password, and tells nothing about it to whoever reads the session cookie."""
        key = str(current_app.config["SECRET_KEY"]).encode()
        digest = hmac.new(key, self.password_hash.encode(), hashlib.sha256).hexdigest()
        return digest[:32]


class Source(Base):
    """A document that questions were generated from; several can be loaded.

    Its owner curates it (with the administrators); ``audience`` says who studies it:
    :data:`EVERYONE`, or :data:`CLASSES` (its owner and the classes given it).
    """

    __tablename__ = "source"
    __table_args__ = (UniqueConstraint("title", "file"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    file: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    generator: Mapped[str] = mapped_column(String(100))
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The teacher who uploaded the document; its questions reach learners only once
    # that teacher accepts them (:mod:`quizapp.sources.decisions`). None for banks
    # imported by command, which the administrators curate.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True, index=True)
    audience: Mapped[str] = mapped_column(String(16), default=CLASSES, server_default=CLASSES)
    document_format: Mapped[str] = mapped_column(String(16), default="text")
    # The bank's report: facts, questions by kind, skipped dates and why, conflicts.
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    owner: Mapped[User | None] = relationship()
    passages: Mapped[list[Passage]] = relationship(
        back_populates="source", order_by="Passage.start"
    )
    questions: Mapped[list[Question]] = relationship(back_populates="source")


class Passage(Base):
    __tablename__ = "passage"
    __table_args__ = (UniqueConstraint("source_id", "bank_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    bank_id: Mapped[str] = mapped_column(String(40))
    section: Mapped[str] = mapped_column(String(300))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    source: Mapped[Source] = relationship(back_populates="passages")


def _own_fact(context: Any) -> str:
    """A question inserted without a fact is a fact of its own: its bank id."""
    return str(context.get_current_parameters()["bank_id"])


class Question(Base):
    """A bank question; retired (never deleted) when it vanishes from its bank."""

    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("source_id", "bank_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    bank_id: Mapped[str] = mapped_column(String(40))
    # The dated fact the question asks (the bank's ``fact``): the date, cloze and choice
    # questions of one fact share it and are one card of each learner. A question the
    # bank gives no fact (an order question, an older bank) is a fact of its own, named
    # by its own id.
    fact: Mapped[str] = mapped_column(String(40), index=True, default=_own_fact)
    kind: Mapped[str] = mapped_column(String(16))
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[dict[str, Any]] = mapped_column(JSON)
    accept: Mapped[list[str]] = mapped_column(JSON, default=list)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    disputed: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    passage_id: Mapped[int] = mapped_column(ForeignKey("passage.id"), index=True)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(300))
    difficulty: Mapped[float] = mapped_column(Float)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    source: Mapped[Source] = relationship(back_populates="questions")
    passage: Mapped[Passage] = relationship()


class Card(Base):
    """One learner's FSRS state for one dated fact, whichever form asks it.

    ``question_id`` is the form asked last (a choice, cloze or date question of the
    fact); :mod:`quizapp.learning.facts` chooses the next one from the card's
    memory. ``reps`` counts reviews and doubles as a version: an answer form carries the
    version it was shown at, so a second submission of the same form is recognised.
    """

    __tablename__ = "card"
    __table_args__ = (
        UniqueConstraint("user_id", "fact"),
        Index("ix_card_user_due", "user_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    fact: Mapped[str] = mapped_column(String(40))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    state: Mapped[int] = mapped_column(Integer)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    due: Mapped[datetime] = mapped_column(UTCDateTime())
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(back_populates="cards")
    question: Mapped[Question] = relationship()

    # Every ORM update of a card is made only at the version it was read at (``UPDATE
    # ... WHERE id = ? AND reps = ?``, StaleDataError when another writer moved it on).
    # The application sets ``reps`` itself: an answer adds one, an override none.
    __mapper_args__ = {"version_id_col": reps, "version_id_generator": False}


class Review(Base):
    """One answer to one card; ``(card_id, card_version)`` is unique so a double
    submission cannot record two reviews, even when two requests race."""

    __tablename__ = "review"
    __table_args__ = (
        UniqueConstraint("card_id", "card_version"),
        Index("ix_review_user_reviewed_at", "user_id", "reviewed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    # The form answered: one of the card's fact's questions.
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    card_version: Mapped[int] = mapped_column(Integer)
    rating: Mapped[int] = mapped_column(Integer)
    original_rating: Mapped[int] = mapped_column(Integer)
    override: Mapped[bool] = mapped_column(Boolean, default=False)
    score: Mapped[float] = mapped_column(Float)
    correct: Mapped[bool] = mapped_column(Boolean)
    given_answer: Mapped[str] = mapped_column(String(MAX_ANSWER_LENGTH))
    given_display: Mapped[str] = mapped_column(String(MAX_ANSWER_LENGTH))
    expected_display: Mapped[str] = mapped_column(String(1000))
    feedback: Mapped[str] = mapped_column(String(500))
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The card as it was before this review, so an overridden rating can be re-applied.
    state_before: Mapped[int] = mapped_column(Integer)
    card_before: Mapped[dict[str, Any]] = mapped_column(JSON)

    card: Mapped[Card] = relationship()
    question: Mapped[Question] = relationship()


class ScheduleFit(Base):
    """One fit of a learner's FSRS parameters to their reviews, run by a queue worker
    (:mod:`quizapp.learning.optimizing`): its progress while it runs, then the log loss
    and RMSE of the parameters in use (``before``) and of the fit (``after``) on the
    learner's held-out last reviews, and whether the fit was adopted."""

    __tablename__ = "schedule_fit"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    trigger: Mapped[str] = mapped_column(String(16))  # "request" or "nightly"
    status: Mapped[str] = mapped_column(String(16), default="queued")
    stage: Mapped[str] = mapped_column(String(100), default="waiting for a worker")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    train_items: Mapped[int] = mapped_column(Integer, default=0)
    test_items: Mapped[int] = mapped_column(Integer, default=0)
    log_loss_before: Mapped[float | None] = mapped_column(Float, nullable=True)
    rmse_before: Mapped[float | None] = mapped_column(Float, nullable=True)
    log_loss_after: Mapped[float | None] = mapped_column(Float, nullable=True)
    rmse_after: Mapped[float | None] = mapped_column(Float, nullable=True)
    parameters_before: Mapped[list[float] | None] = mapped_column(JSON, nullable=True)
    parameters: Mapped[list[float] | None] = mapped_column(JSON, nullable=True)
    adopted: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginAttempt(Base):
    """A failed login, kept in the database so that every worker sees the same limit."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_email_ip_at", "email", "ip", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# --- teaching ------------------------------------------------------------------------


class SchoolClass(Base):
    """A teacher's class; learners join it with its join code. Its assignments' dates
    are entered and shown in its ``timezone`` (stored in UTC)."""

    __tablename__ = "school_class"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    teacher: Mapped[User] = relationship()
    members: Mapped[list[ClassMember]] = relationship(
        back_populates="school_class", cascade="all, delete-orphan"
    )
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="school_class", order_by="Assignment.due_at"
    )


class ClassMember(Base):
    """A learner's place in a class (a learner can be in several classes)."""

    __tablename__ = "class_member"
    __table_args__ = (UniqueConstraint("class_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_class.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    school_class: Mapped[SchoolClass] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class QuestionEdit(Base):
    """The curators' edit of a generated question (its source's owner, or an
    administrator), kept apart from what the bank generated; ``edited_by`` is who last
    changed it.

    ``Question.prompt``, ``answer``, ``accept`` and ``choices`` always hold the
    *effective* values (what learners see and what is graded). An override column here is
    None where the curator kept the generated value; ``answer`` is a corrected answer key
    (``{date, granularity, text}``). ``generated`` holds the bank's prompt, answer,
    accepted answers and options as last imported; the importer refreshes it and sets
    ``source_changed_at`` when they change under the edit, so an edit is never
    overwritten silently. ``retired`` takes the question out of everyone's schedule.
    """

    __tablename__ = "question_edit"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), unique=True)
    edited_by: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    prompt: Mapped[str | None] = mapped_column(Text, nullable=True)
    answer: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    accept: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    choices: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    generated: Mapped[dict[str, Any]] = mapped_column(JSON)
    edited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    source_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    question: Mapped[Question] = relationship()
    editor: Mapped[User] = relationship()


class TeacherEdit(Base):
    """A teacher's own version of a question whose source they do not curate.

    It applies only where that teacher's question sets are used (the assignments of
    their sets grade against it, their set exports show it); everyone else keeps the
    question as its curators left it. An override column is None where the teacher kept
    the source's value. ``base`` holds the source's prompt, answer, accepted answers and
    options when the teacher last saved or settled the edit; when they change under it
    (a re-import, the curators' edit) ``source_changed_at`` is set.
    """

    __tablename__ = "teacher_edit"
    __table_args__ = (UniqueConstraint("question_id", "teacher_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"))
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    prompt: Mapped[str | None] = mapped_column(Text, nullable=True)
    accept: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    choices: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    base: Mapped[dict[str, Any]] = mapped_column(JSON)
    edited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    source_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    question: Mapped[Question] = relationship()
    teacher: Mapped[User] = relationship()


class ClassSource(Base):
    """A source a teacher gave to one of their classes: its learners study all of its
    published questions."""

    __tablename__ = "class_source"
    __table_args__ = (UniqueConstraint("class_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_class.id"))
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    school_class: Mapped[SchoolClass] = relationship()
    source: Mapped[Source] = relationship()


class StudyChoice(Base):
    """A learner's own choice about one source they may study.

    Without a row the default holds: a source for everyone, and the learner's own
    upload, are studied; what a class gives is studied whatever the choice says.
    ``studying`` False leaves the source out of the daily quiz; ``new_per_day`` caps the
    source's new questions a day (None: only the learner's overall limit).
    """

    __tablename__ = "study_choice"
    __table_args__ = (UniqueConstraint("user_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    studying: Mapped[bool] = mapped_column(Boolean, default=True)
    new_per_day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    source: Mapped[Source] = relationship()


class QuestionSet(Base):
    """A teacher's named, ordered selection of one source's questions."""

    __tablename__ = "question_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    source: Mapped[Source] = relationship()
    items: Mapped[list[QuestionSetItem]] = relationship(
        back_populates="question_set",
        order_by="QuestionSetItem.position",
        cascade="all, delete-orphan",
    )


class QuestionSetItem(Base):
    __tablename__ = "question_set_item"
    __table_args__ = (UniqueConstraint("set_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)

    question_set: Mapped[QuestionSet] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()


class Assignment(Base):
    """A question set given to a class, open from ``opens_at``, due at ``due_at``.

    ``max_attempts`` counts passes through the set; 0 means no limit. ``show_score``,
    ``show_answer`` and ``show_passage`` say when a learner sees their score, the right
    answer and the passage of an answer they gave (:mod:`quizapp.teaching.review`);
    ``grading`` which submitted attempts make the grade.
    """

    __tablename__ = "assignment"
    __table_args__ = (Index("ix_assignment_class_due", "class_id", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("school_class.id"))
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id"), index=True)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    max_attempts: Mapped[int] = mapped_column(Integer, default=1)
    show_score: Mapped[str] = mapped_column(String(16), default="attempt", server_default="attempt")
    show_answer: Mapped[str] = mapped_column(String(16), default="due", server_default="due")
    show_passage: Mapped[str] = mapped_column(String(16), default="due", server_default="due")
    grading: Mapped[str] = mapped_column(String(16), default="best", server_default="best")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    school_class: Mapped[SchoolClass] = relationship(back_populates="assignments")
    question_set: Mapped[QuestionSet] = relationship()


class AssignmentAttempt(Base):
    """One learner's pass through an assignment's questions, numbered from 1.

    Submitted once every question has an answer; late when that is after the due date.
    """

    __tablename__ = "assignment_attempt"
    __table_args__ = (UniqueConstraint("assignment_id", "user_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False)

    assignment: Mapped[Assignment] = relationship()
    user: Mapped[User] = relationship()
    answers: Mapped[list[AssignmentAnswer]] = relationship(
        back_populates="attempt", order_by="AssignmentAnswer.id"
    )


class AssignmentAnswer(Base):
    """An answer given inside an attempt; the review it recorded holds the grade.

    ``(attempt_id, question_id)`` is unique: a question is answered once per attempt.
    """

    __tablename__ = "assignment_answer"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("assignment_attempt.id"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id"), unique=True)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    attempt: Mapped[AssignmentAttempt] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
    review: Mapped[Review] = relationship()
    regrades: Mapped[list[AnswerRegrade]] = relationship(
        back_populates="answer", order_by="AnswerRegrade.id"
    )


class AnswerRegrade(Base):
    """One re-grading of an assignment answer after its question's key was corrected:
    the score and right answer before and after, and its attempt's score before and
    after (None while the attempt is unfinished). The review holds the new grade."""

    __tablename__ = "answer_regrade"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("assignment_answer.id"), index=True)
    old_score: Mapped[float] = mapped_column(Float)
    new_score: Mapped[float] = mapped_column(Float)
    old_expected: Mapped[str] = mapped_column(String(1000))
    new_expected: Mapped[str] = mapped_column(String(1000))
    attempt_score_before: Mapped[float | None] = mapped_column(Float, nullable=True)
    attempt_score_after: Mapped[float | None] = mapped_column(Float, nullable=True)
    regraded_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    regraded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    answer: Mapped[AssignmentAnswer] = relationship(back_populates="regrades")


class GradeOverride(Base):
    """The teacher's grade for one learner on one assignment, in place of the computed
    one, with a comment the learner reads. ``score`` is 0 to 1, as attempts score."""

    __tablename__ = "grade_override"
    __table_args__ = (UniqueConstraint("assignment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(Text, default="")
    set_by: Mapped[int] = mapped_column(ForeignKey("user.id"))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    teacher: Mapped[User] = relationship(foreign_keys=[set_by])


# --- API tokens, password resets, rate limits ------------------------------------------


class ApiToken(Base):
    """A personal API token. Only its SHA-256 is stored; the token is shown once.

    ``scope`` is ``read`` (GET only) or ``write`` (also answers). A revoked token stays
    listed (with ``revoked_at``) so the account page shows what happened to it.
    """

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    scope: Mapped[str] = mapped_column(String(16), default="read")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    user: Mapped[User] = relationship()


class PasswordReset(Base):
    """A one-time password reset link issued by a teacher or an administrator.

    Only the SHA-256 of the link's token is stored; the link expires at ``expires_at``
    and works once (``used_at``).
    """

    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # When the account's owner was shown, at a login, who reset the password and when.
    told_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    issuer: Mapped[User | None] = relationship(foreign_keys=[issued_by])


class LoginSession(Base):
    """One login of one browser, named by its session cookie and, with "Keep me logged
    in", by its remember cookie.

    Only the SHA-256 of the secret the cookies carry is stored. Logging out sets
    ``ended_at``; a cookie naming an ended or expired row signs nobody in, so a copied
    cookie dies with the login it was copied from, and the account's other logins go on.
    """

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class HealthCheck(Base):
    """The row ``/healthz`` writes to find out whether the database takes writes."""

    __tablename__ = "health_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RateLimitWindow(Base):
    """Requests counted per key (a token) in a fixed window, shared by every worker."""

    __tablename__ = "rate_limit_window"
    __table_args__ = (UniqueConstraint("key", "window_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80))
    window_start: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


# --- uploaded documents ----------------------------------------------------------------


class QuestionDecision(Base):
    """A teacher's review of one generated question of an uploaded document.

    Keyed by the question's stable bank id, not by the row, so a regenerated bank keeps
    every decision whose question id did not change; new ids come in ``pending``.
    ``current`` is False for a question that the latest bank no longer has.
    """

    __tablename__ = "question_decision"
    __table_args__ = (UniqueConstraint("source_id", "bank_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    bank_id: Mapped[str] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(String(16), default="pending")
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class GenerationJob(Base):
    """Building a bank from an uploaded document, run in the background.

    The row is the truth every worker reads: ``status`` goes queued, running, then done
    or failed; ``progress`` (0-100) and ``stage`` say where it is; ``heartbeat_at`` is
    refreshed while a queue worker holds the job; ``attempts`` counts the workers that
    started it, so a job whose worker died (its heartbeat stopped) is queued again a
    bounded number of times, and a worker that lost its job to such a retry can tell.
    ``data`` holds the uploaded file until the job is done (a failed job can be
    retried); a regeneration has none and reads the source's stored text.
    """

    __tablename__ = "generation_job"
    __table_args__ = (Index("ix_generation_job_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"), nullable=True)
    filename: Mapped[str] = mapped_column(String(300))
    document_format: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    stage: Mapped[str] = mapped_column(String(80), default="waiting to start")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    message: Mapped[str] = mapped_column(Text, default="")
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    owner: Mapped[User] = relationship()
    source: Mapped[Source | None] = relationship()

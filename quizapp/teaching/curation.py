"""Editing and retiring questions: the curators' version, and a teacher's own version.

Curation belongs to a source's curators, its owner and the administrators
(:func:`quizapp.sources.audience.is_curator`). Their edit is one
:class:`~quizapp.models.QuestionEdit` per question that applies everywhere (the daily
quiz, every assignment, every export); ``edited_by`` is who last changed it. Retiring and
correcting the answer key (:func:`correct_key`: the date and its granularity) are theirs
alone.

Another teacher of a source for everyone does not change the question: their edit is a
:class:`~quizapp.models.TeacherEdit`, their own version, which applies only where their
question sets are used (the assignments of their sets grade against it, their set
exports show it; :func:`as_asked`). Everyone else keeps the question as its curators
left it.

``Question.prompt``, ``answer``, ``accept`` and ``choices`` hold the curators' effective values, so
grading, the quiz and exports need not know about the curators' edit. The generated
values are kept in ``QuestionEdit.generated``; :func:`merge_import` is how a bank
re-import goes through that edit: it refreshes the generated values, keeps the
curators', and marks the edit when the source changed under it. A teacher's own version
is marked the same way when the question they based it on changes
(:func:`note_source_changes`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from question_bank import DateValue, parse_date_answer
from quizapp.extensions import db
from quizapp.models import Question, QuestionEdit, QuestionSet, TeacherEdit, User
from quizapp.sources.audience import is_curator, is_held_back, may_teach_from

__all__ = [
    "EDITABLE",
    "AskedQuestion",
    "EditNotAllowedError",
    "InvalidEditError",
    "QuestionCuration",
    "KEY_GRANULARITIES",
    "as_asked",
    "asked_in_set",
    "correct_key",
    "corrected_key",
    "curation_for",
    "edit_for",
    "keep_edit",
    "merge_import",
    "note_source_changes",
    "revert_edit",
    "save_edit",
    "set_retired",
    "teacher_edits",
]

EDITABLE = ("prompt", "accept", "choices")
# What the curators' edit overrides: the above and the answer key.
CURATED = ("prompt", "answer", "accept", "choices")
# The granularities a typed point date can be narrowed to ("" keeps the one written).
KEY_GRANULARITIES = ("", "day", "month", "year")
# What a re-import compares to decide that the source changed under an edit.
WATCHED = ("prompt", "answer", "accept", "choices")
MAX_PROMPT = 1000
MAX_OPTION = 200
MAX_OPTIONS = 8
MAX_ACCEPTED = 20


class EditNotAllowedError(PermissionError):
    """The user may not make this change: retiring is the curators' alone, and a teacher
    makes their own version only of a source they may teach from."""


class InvalidEditError(ValueError):
    """The edit would make the question unanswerable; the message says why."""


@dataclass(frozen=True)
class QuestionCuration:
    """What the teacher's question page shows about edits, for one user.

    Attributes:
        edit: the curators' edit, if any.
        generated: the bank's prompt, answer, accepted answers and options.
        curator: whether the user curates the question's source.
        own: the user's own version, if any (never for a curator).
    """

    edit: QuestionEdit | None
    generated: dict[str, Any]
    curator: bool
    own: TeacherEdit | None = None

    @property
    def edited(self) -> bool:
        return self.edit is not None and any(
            getattr(self.edit, field) is not None for field in CURATED
        )

    @property
    def key_corrected(self) -> bool:
        return self.edit is not None and self.edit.answer is not None

    @property
    def retired_by_teacher(self) -> bool:
        return self.edit is not None and self.edit.retired

    @property
    def source_changed(self) -> bool:
        """Whether the user's edit (the curators' for a curator, else their own version)
        is marked: what it was based on changed since."""
        mine = self.edit if self.curator else self.own
        return mine is not None and mine.source_changed_at is not None


@dataclass
class AskedQuestion:
    """A question as it is asked in one place: the curators' version, or in the
    assignment of a teacher's set that teacher's own version (``edited_by``).

    It has what grading reads (:class:`quizapp.learning.scoring.GradableQuestion`) and
    what the question page shows; ``question`` is the row itself.
    """

    question: Question
    id: int
    kind: str
    prompt: str
    answer: dict[str, Any]
    accept: list[str]
    choices: list[str]
    items: list[dict[str, Any]]
    disputed: list[dict[str, Any]]
    section: str
    edited_by: int | None = None


def as_asked(question: Question, own: TeacherEdit | None = None) -> AskedQuestion:
    """``question`` as asked with a teacher's own version applied over it (or as its
    curators left it, without one)."""
    return AskedQuestion(
        question=question,
        id=question.id,
        kind=question.kind,
        prompt=own.prompt if own is not None and own.prompt is not None else question.prompt,
        answer=question.answer,
        accept=own.accept if own is not None and own.accept is not None else question.accept,
        choices=own.choices if own is not None and own.choices is not None else question.choices,
        items=question.items,
        disputed=question.disputed,
        section=question.section,
        edited_by=own.teacher_id if own is not None else None,
    )


def teacher_edits(question_ids: Iterable[int], teacher_id: int) -> dict[int, TeacherEdit]:
    """The teacher's own versions of these questions, by question id."""
    wanted = list(question_ids)
    if not wanted:
        return {}
    rows = db.session.scalars(
        select(TeacherEdit).where(
            TeacherEdit.teacher_id == teacher_id, TeacherEdit.question_id.in_(wanted)
        )
    )
    return {row.question_id: row for row in rows}


def asked_in_set(question: Question, question_set: QuestionSet) -> AskedQuestion:
    """``question`` as the assignments of ``question_set`` ask it: with the set's
    teacher's own version, when they made one."""
    return as_asked(question, teacher_edits([question.id], question_set.owner_id).get(question.id))


def _watched(question: Question) -> dict[str, Any]:
    return {
        "prompt": question.prompt,
        "answer": dict(question.answer),
        "accept": list(question.accept),
        "choices": list(question.choices),
    }


def edit_for(question: Question) -> QuestionEdit | None:
    """The curators' edit of ``question``."""
    return db.session.scalars(
        select(QuestionEdit).where(QuestionEdit.question_id == question.id)
    ).first()


def curation_for(question: Question, user: User) -> QuestionCuration:
    edit = edit_for(question)
    generated = dict(edit.generated) if edit else _watched(question)
    if is_curator(user, question.source):
        return QuestionCuration(edit, generated, curator=True)
    own = teacher_edits([question.id], user.id).get(question.id)
    return QuestionCuration(edit, generated, curator=False, own=own)


def _curators_edit(question: Question, user: User, *, now: datetime) -> QuestionEdit:
    if not is_curator(user, question.source):
        raise EditNotAllowedError(
            f"question {question.id}: only its document's owner or an administrator curates it"
        )
    edit = edit_for(question)
    if edit is None:
        edit = QuestionEdit(
            question_id=question.id,
            edited_by=user.id,
            retired=False,
            generated=_watched(question),
            edited_at=now,
        )
        db.session.add(edit)
    return edit


def _comparable(text: str) -> str:
    """Text as grading compares it: without accents, case or surrounding spaces."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return " ".join(bare.split()).casefold()


def _lines(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        value = " ".join(value.split())
        if value and value not in seen:
            seen.append(value)
    return seen


def _validated(
    question: Question, prompt: str, accept: list[str], choices: list[str]
) -> tuple[str, list[str], list[str]]:
    prompt = " ".join(prompt.split())
    problems = []
    if not prompt:
        problems.append("The prompt cannot be empty.")
    elif len(prompt) > MAX_PROMPT:
        problems.append(f"The prompt is limited to {MAX_PROMPT} characters.")
    accept = _lines(accept)
    if len(accept) > MAX_ACCEPTED or any(len(value) > MAX_OPTION for value in accept):
        problems.append(
            f"Give at most {MAX_ACCEPTED} accepted answers of {MAX_OPTION} characters each."
        )
    if question.kind == "choice":
        choices = _lines(choices)
        right = _comparable(str(question.answer.get("text", "")))
        normalised = [_comparable(choice) for choice in choices]
        if not 2 <= len(choices) <= MAX_OPTIONS or any(len(c) > MAX_OPTION for c in choices):
            problems.append(f"Give from 2 to {MAX_OPTIONS} options, one per line.")
        if right not in normalised:
            problems.append(
                f"The options must include the right answer, {question.answer.get('text')}."
            )
        if len(set(normalised)) != len(normalised):
            problems.append("Two options read the same.")
    else:
        choices = list(question.choices)
    if problems:
        raise InvalidEditError(" ".join(problems))
    return prompt, accept, choices


def _apply(question: Question, edit: QuestionEdit | None) -> None:
    """Set the question's effective fields from the generated values and the edit."""
    generated = edit.generated if edit else None
    if generated is None:
        return
    for field in CURATED:
        override = getattr(edit, field)
        setattr(question, field, override if override is not None else generated[field])


def _drop(row: QuestionEdit | TeacherEdit) -> None:
    if row.id is None:
        db.session.expunge(row)
    else:
        db.session.delete(row)
    db.session.flush()


def save_edit(
    question: Question,
    user: User,
    *,
    prompt: str,
    accept: list[str],
    choices: list[str],
    now: datetime,
) -> QuestionEdit | TeacherEdit | None:
    """Store ``user``'s prompt, accepted answers and options for ``question``.

    A curator changes the question for everyone; another teacher of a source for
    everyone saves their own version, which applies in their sets only. A value equal to
    the one it would replace is not stored as an override, so a later re-import can
    still improve it. Saving also settles a "source changed" mark.

    Args:
        question: the question edited.
        user: the editing curator or teacher.
        prompt: the new prompt.
        accept: extra accepted answers, one per entry.
        choices: the options of a choice question (ignored for other kinds).
        now: the time of the edit.

    Returns:
        The curators' edit or the teacher's own version, or None when nothing differs
        any more from what it would replace.

    Raises:
        EditNotAllowedError: the user may not teach from the question's source.
        InvalidEditError: the values would break the question.
    """
    prompt, accept, choices = _validated(question, prompt, accept, choices)
    if not is_curator(user, question.source):
        return _save_own_version(question, user, prompt, accept, choices, now=now)
    edit = _curators_edit(question, user, now=now)
    generated = edit.generated
    edit.prompt = prompt if prompt != generated["prompt"] else None
    edit.accept = accept if accept != generated["accept"] else None
    edit.choices = choices if choices != generated["choices"] else None
    return _saved(question, edit, user, now=now)


def _saved(
    question: Question, edit: QuestionEdit, user: User, *, now: datetime
) -> QuestionEdit | None:
    """Settle a curator's saved edit: who and when, the "source changed" mark cleared,
    the question's effective values, the teachers' own versions marked where the
    question changed under them. Returns the edit, or None after dropping it when it
    overrides nothing any more."""
    edit.edited_by = user.id
    edit.edited_at = now
    edit.source_changed_at = None
    _apply(question, edit)
    question.updated_at = now
    note_source_changes([question], now=now)
    if not edit.retired and all(getattr(edit, field) is None for field in CURATED):
        _drop(edit)
        return None
    db.session.flush()
    return edit


def corrected_key(
    question: Question, text: str, granularity: str, *, day_first: bool
) -> dict[str, Any]:
    """The answer key a curator typed: ``text`` read as a date ("8 November 2020", "the
    1990s", "44 BC"), at the granularity written or narrowed to ``granularity`` (a day
    written, a month asked). A choice question's key is one of its options.

    Raises:
        InvalidEditError: an order question (its key is its items' dates), a text that
            is no date, a granularity finer than written or not for a span, or a choice
            key that is not an option.
    """
    if question.kind not in ("date", "cloze", "choice"):
        raise InvalidEditError(
            "An order question's key is the order of its events' dates: retire it instead."
        )
    text = " ".join(text.split())
    if question.kind == "choice":
        options = {_comparable(choice): choice for choice in question.choices}
        if _comparable(text) not in options:
            raise InvalidEditError("The right answer of a choice question is one of its options.")
        text = options[_comparable(text)]
    value = parse_date_answer(text, day_first=day_first) if text else None
    if value is None:
        raise InvalidEditError(
            "Write the right answer as a date: 8 November 2020, March 2020, 1990, the 1990s, 44 BC."
        )
    if granularity not in KEY_GRANULARITIES:
        raise InvalidEditError("Choose day, month or year, or the granularity as written.")
    if granularity and granularity != value.granularity:
        order = ("year", "month", "day")
        if value.granularity not in order or order.index(granularity) > order.index(
            value.granularity
        ):
            raise InvalidEditError(
                f"{value.display()} is a {value.granularity}: "
                f"it cannot be asked as a {granularity}."
            )
        (year, month, _day), _last = value.bounds()
        value = DateValue.from_parts(year, month if granularity == "month" else None)
    written = text if question.kind == "choice" or not granularity else value.display()
    return {"date": value.value, "granularity": value.granularity, "text": written}


def _same_key(question: Question, one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether two keys grade alike: the same date at the same granularity (and for a
    choice question the same option, which is what its grading compares)."""
    same = (one.get("date"), one.get("granularity")) == (
        other.get("date"),
        other.get("granularity"),
    )
    if question.kind == "choice":
        same = same and _comparable(str(one.get("text"))) == _comparable(str(other.get("text")))
    return same


def correct_key(
    question: Question, user: User, *, text: str, granularity: str, now: datetime
) -> QuestionEdit | None:
    """Correct ``question``'s answer key for everyone (a curator's alone): the bank's key
    stays as generated underneath, so a re-import that changes it marks the edit. A key
    equal to the generated one drops the correction. Answers already given keep their
    grades until they are re-graded (:mod:`quizapp.teaching.regrading`).

    Returns:
        The curators' edit, or None when nothing differs any more from the generated
        question.

    Raises:
        EditNotAllowedError: the user does not curate the question's source.
        InvalidEditError: the key cannot be read (:func:`corrected_key`).
    """
    if not is_curator(user, question.source):
        raise EditNotAllowedError(
            f"question {question.id}: only its document's owner or an administrator corrects it"
        )
    key = corrected_key(question, text, granularity, day_first=user.day_first)
    edit = _curators_edit(question, user, now=now)
    generated = edit.generated["answer"]
    edit.answer = None if _same_key(question, key, generated) else key
    return _saved(question, edit, user, now=now)


def _save_own_version(
    question: Question,
    teacher: User,
    prompt: str,
    accept: list[str],
    choices: list[str],
    *,
    now: datetime,
) -> TeacherEdit | None:
    if not may_teach_from(teacher, question.source):
        raise EditNotAllowedError(f"question {question.id}: not a document you may teach from")
    own = teacher_edits([question.id], teacher.id).get(question.id)
    if own is None:
        own = TeacherEdit(question_id=question.id, teacher_id=teacher.id)
        db.session.add(own)
    own.base = _watched(question)
    own.prompt = prompt if prompt != question.prompt else None
    own.accept = accept if accept != list(question.accept) else None
    own.choices = choices if choices != list(question.choices) else None
    own.edited_at = now
    own.source_changed_at = None
    if all(getattr(own, field) is None for field in EDITABLE):
        _drop(own)
        return None
    db.session.flush()
    return own


def set_retired(question: Question, user: User, retired: bool, *, now: datetime) -> None:
    """Retire the question (no one is asked it any more) or bring it back.

    Raises:
        EditNotAllowedError: the user does not curate the question's source.
    """
    edit = _curators_edit(question, user, now=now)
    edit.retired = retired
    edit.edited_by = user.id
    edit.edited_at = now
    # A question of an uploaded document that is not accepted yet stays out.
    question.retired = retired or is_held_back(question)
    question.updated_at = now
    db.session.flush()


def revert_edit(question: Question, user: User, *, now: datetime) -> bool:
    """Drop the user's edit: for a curator the curators' edit (the question reads as
    generated and is not retired), for another teacher their own version.

    Returns:
        Whether there was an edit to drop.
    """
    if not is_curator(user, question.source):
        own = teacher_edits([question.id], user.id).get(question.id)
        if own is None:
            return False
        _drop(own)
        return True
    edit = edit_for(question)
    if edit is None:
        return False
    for field in CURATED:
        setattr(question, field, edit.generated[field])
    if edit.retired:
        question.retired = is_held_back(question)
    question.updated_at = now
    db.session.delete(edit)
    note_source_changes([question], now=now)
    db.session.flush()
    return True


def keep_edit(question: Question, user: User) -> bool:
    """Settle a "source changed" mark on the user's edit, keeping the edit as it is (a
    teacher's own version is then based on the question as it reads now).

    Returns:
        Whether there was a mark to settle.
    """
    if not is_curator(user, question.source):
        own = teacher_edits([question.id], user.id).get(question.id)
        if own is None or own.source_changed_at is None:
            return False
        own.base = _watched(question)
        own.source_changed_at = None
        db.session.flush()
        return True
    edit = edit_for(question)
    if edit is None or edit.source_changed_at is None:
        return False
    edit.source_changed_at = None
    db.session.flush()
    return True


def note_source_changes(questions: Iterable[Question], *, now: datetime) -> int:
    """Mark the teachers' own versions of these questions whose base changed: the
    question's prompt, answer, accepted answers or options are no longer what the
    teacher saw when they saved or settled their version.

    Returns:
        How many versions were newly marked.
    """
    by_id = {question.id: question for question in questions}
    if not by_id:
        return 0
    db.session.flush()
    marked = 0
    for own in db.session.scalars(
        select(TeacherEdit).where(
            TeacherEdit.question_id.in_(list(by_id)), TeacherEdit.source_changed_at.is_(None)
        )
    ):
        current = _watched(by_id[own.question_id])
        if any(current[key] != own.base.get(key) for key in WATCHED):
            own.source_changed_at = now
            marked += 1
    return marked


def merge_import(edit: QuestionEdit, fields: dict[str, Any], *, now: datetime) -> bool:
    """Route a re-imported question's generated fields through the curators' edit.

    ``fields`` (the importer's column values for the question) is changed in place so
    that the curators' values stay effective; the generated ones are kept on the edit.

    Returns:
        Whether the generated content changed under the edit (the edit is then marked).
    """
    generated = {
        "prompt": fields["prompt"],
        "answer": dict(fields["answer"]),
        "accept": list(fields["accept"]),
        "choices": list(fields["choices"]),
    }
    changed = any(generated[key] != edit.generated.get(key) for key in WATCHED)
    if changed:
        edit.generated = generated
        edit.source_changed_at = now
    for field in CURATED:
        override = getattr(edit, field)
        if override is not None:
            fields[field] = override
    return changed

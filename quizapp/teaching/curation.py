"""A teacher's edits of generated questions: prompt, accepted answers, options, retiring.

Where edits live: one :class:`~quizapp.models.QuestionEdit` per question, global (every
learner sees the edited question, in the daily quiz and in assignments) and owned by the
teacher who made it (``edited_by``); another teacher sees the edit but cannot change it.

``Question.prompt``, ``accept`` and ``choices`` hold the effective values, so grading,
the quiz and exports need not know about edits. The generated values are kept in
``QuestionEdit.generated``; :func:`merge_import` is how a bank re-import goes through an
edit: it refreshes the generated values, keeps the teacher's, and marks the edit when
the source changed under it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Question, QuestionEdit, User
from quizapp.sources.decisions import is_held_back

__all__ = [
    "EDITABLE",
    "EditNotAllowedError",
    "InvalidEditError",
    "QuestionCuration",
    "curation_for",
    "edit_for",
    "keep_edit",
    "merge_import",
    "revert_edit",
    "save_edit",
    "set_retired",
]

EDITABLE = ("prompt", "accept", "choices")
# What a re-import compares to decide that the source changed under an edit.
WATCHED = ("prompt", "answer", "accept", "choices")
MAX_PROMPT = 1000
MAX_OPTION = 200
MAX_OPTIONS = 8
MAX_ACCEPTED = 20


class EditNotAllowedError(PermissionError):
    """The question carries another teacher's edit."""


class InvalidEditError(ValueError):
    """The edit would make the question unanswerable; the message says why."""


@dataclass(frozen=True)
class QuestionCuration:
    """What the teacher's question page shows about edits."""

    edit: QuestionEdit | None
    generated: dict[str, Any]

    @property
    def edited(self) -> bool:
        return self.edit is not None and any(
            getattr(self.edit, field) is not None for field in EDITABLE
        )

    @property
    def retired_by_teacher(self) -> bool:
        return self.edit is not None and self.edit.retired

    @property
    def source_changed(self) -> bool:
        return self.edit is not None and self.edit.source_changed_at is not None


def _generated_now(question: Question) -> dict[str, Any]:
    return {
        "prompt": question.prompt,
        "answer": dict(question.answer),
        "accept": list(question.accept),
        "choices": list(question.choices),
    }


def edit_for(question: Question) -> QuestionEdit | None:
    return db.session.scalars(
        select(QuestionEdit).where(QuestionEdit.question_id == question.id)
    ).first()


def curation_for(question: Question) -> QuestionCuration:
    edit = edit_for(question)
    return QuestionCuration(edit, dict(edit.generated) if edit else _generated_now(question))


def _owned_edit(question: Question, teacher: User, *, now: datetime) -> QuestionEdit:
    edit = edit_for(question)
    if edit is not None and edit.edited_by != teacher.id:
        raise EditNotAllowedError(
            f"question {question.id} carries an edit by {edit.editor.display_name}"
        )
    if edit is None:
        edit = QuestionEdit(
            question_id=question.id,
            edited_by=teacher.id,
            retired=False,
            generated=_generated_now(question),
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
    for field in EDITABLE:
        override = getattr(edit, field)
        setattr(question, field, override if override is not None else generated[field])


def save_edit(
    question: Question,
    teacher: User,
    *,
    prompt: str,
    accept: list[str],
    choices: list[str],
    now: datetime,
) -> QuestionEdit | None:
    """Store the teacher's prompt, accepted answers and options for ``question``.

    A value equal to the generated one is not stored as an override, so a later
    re-import can still improve it. Saving also settles a "source changed" mark.

    Args:
        question: the question edited.
        teacher: the editing teacher.
        prompt: the new prompt.
        accept: extra accepted answers, one per entry.
        choices: the options of a choice question (ignored for other kinds).
        now: the time of the edit.

    Returns:
        The edit, or None when nothing differs from the generated question any more.

    Raises:
        EditNotAllowedError: another teacher edited this question.
        InvalidEditError: the values would break the question.
    """
    existing = edit_for(question)
    if existing is not None and existing.edited_by != teacher.id:
        raise EditNotAllowedError(f"question {question.id} carries another teacher's edit")
    prompt, accept, choices = _validated(question, prompt, accept, choices)
    edit = _owned_edit(question, teacher, now=now)
    generated = edit.generated
    edit.prompt = prompt if prompt != generated["prompt"] else None
    edit.accept = accept if accept != generated["accept"] else None
    edit.choices = choices if choices != generated["choices"] else None
    edit.edited_at = now
    edit.source_changed_at = None
    _apply(question, edit)
    question.updated_at = now
    if not edit.retired and all(getattr(edit, field) is None for field in EDITABLE):
        if edit.id is None:
            db.session.expunge(edit)
        else:
            db.session.delete(edit)
        db.session.flush()
        return None
    db.session.flush()
    return edit


def set_retired(question: Question, teacher: User, retired: bool, *, now: datetime) -> None:
    """Retire the question (no one is asked it any more) or bring it back.

    Raises:
        EditNotAllowedError: another teacher edited this question.
    """
    edit = _owned_edit(question, teacher, now=now)
    edit.retired = retired
    edit.edited_at = now
    # A question of an uploaded document that is not accepted yet stays out.
    question.retired = retired or is_held_back(question)
    question.updated_at = now
    db.session.flush()


def revert_edit(question: Question, teacher: User, *, now: datetime) -> bool:
    """Drop the teacher's edit: the question reads as generated (and is not retired).

    Returns:
        Whether there was an edit to drop.

    Raises:
        EditNotAllowedError: another teacher edited this question.
    """
    edit = edit_for(question)
    if edit is None:
        return False
    if edit.edited_by != teacher.id:
        raise EditNotAllowedError(f"question {question.id} carries another teacher's edit")
    for field in EDITABLE:
        setattr(question, field, edit.generated[field])
    if edit.retired:
        question.retired = is_held_back(question)
    question.updated_at = now
    db.session.delete(edit)
    db.session.flush()
    return True


def keep_edit(question: Question, teacher: User) -> bool:
    """Settle a "source changed" mark, keeping the edit as it is.

    Raises:
        EditNotAllowedError: another teacher edited this question.
    """
    edit = edit_for(question)
    if edit is not None and edit.edited_by != teacher.id:
        raise EditNotAllowedError(f"question {question.id} carries another teacher's edit")
    if edit is None or edit.source_changed_at is None:
        return False
    edit.source_changed_at = None
    db.session.flush()
    return True


def merge_import(edit: QuestionEdit, fields: dict[str, Any], *, now: datetime) -> bool:
    """Route a re-imported question's generated fields through the teacher's edit.

    ``fields`` (the importer's column values for the question) is changed in place so
    that the teacher's values stay effective; the generated ones are kept on the edit.

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
    for field in EDITABLE:
        override = getattr(edit, field)
        if override is not None:
            fields[field] = override
    return changed

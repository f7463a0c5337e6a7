"""Bring question banks into the database; the one module that reads banks.

A bank is matched to its :class:`~quizapp.models.Source` by title and file name, and
each question by its stable bank id, so re-importing a regenerated bank updates changed
questions in place (their cards and reviews follow them), adds new ones and retires the
ones that vanished. Nothing is ever deleted. A question its curators edited keeps their
prompt, accepted answers and options (and stays retired if they retired it); the new
generated values are kept beside the edit, which is marked when they changed, and so is
a teacher's own version of a question that changed (:mod:`quizapp.teaching.curation`).
A source created by an import (not an upload) is for everyone. The caller commits: one import is one
transaction, and a bank that fails validation never reaches the database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from question_bank import (
    Bank,
    BankError,
    DocumentError,
    DocumentText,
    NoDatedFactsError,
    QuestionBankError,
    ReadLimits,
    document_text,
    load_bank,
    write_bank,
)
from quizapp.extensions import db
from quizapp.learning.facts import follow_facts
from quizapp.models import EVERYONE, Passage, Question, QuestionEdit, Source
from quizapp.platform.boundary import fit_text
from quizapp.sources import decisions
from quizapp.teaching.curation import merge_import, note_source_changes

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
# A document's title and headings are stored in columns of these sizes; longer ones (a
# paragraph read as a heading) are shortened with an ellipsis rather than refused.
TITLE_LENGTH: int = Source.__table__.c.title.type.length  # type: ignore[attr-defined]
SECTION_LENGTH: int = Passage.__table__.c.section.type.length  # type: ignore[attr-defined]

__all__ = [
    "SECTION_LENGTH",
    "TITLE_LENGTH",
    "Bank",
    "BankError",
    "DocumentError",
    "DocumentText",
    "ImportSummary",
    "NoDatedFactsError",
    "QuestionBankError",
    "build_bank_from_text",
    "build_bank_file",
    "convert_upload",
    "find_document_text",
    "import_bank",
    "read_bank",
]


@dataclass(frozen=True)
class ImportSummary:
    """What an import changed, counted in questions."""

    source_id: int
    added: int
    updated: int
    retired: int
    unchanged: int

    def __str__(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, "
            f"{self.retired} retired, {self.unchanged} unchanged"
        )


def read_bank(path: str | Path) -> Bank:
    """Read and validate a bank file.

    Raises:
        BankError: listing every problem, each with its location.
    """
    return load_bank(path)


def build_bank_file(document: str | Path, output: str | Path) -> Bank:
    """Build a bank from a document file and write it atomically to ``output``.

    Raises:
        QuestionBankError: the document cannot be read or holds no dated fact.
    """
    # The generator is loaded only here: serving and importing never need it.
    from question_bank import build_bank, read_document_file

    text = read_document_file(str(document))
    bank = build_bank(text, file=Path(document).name)
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    write_bank(bank, output)
    return bank


def convert_upload(data: bytes, filename: str, limits: ReadLimits | None = None) -> DocumentText:
    """An uploaded file's text as the generator reads it (HTML and PDF converted).

    Raises:
        DocumentError: the file cannot be read, or is over one of ``limits`` (pages and
            characters of a PDF, elements and depth of a page); the message says why.
    """
    return document_text(data, name=filename, limits=limits)


def build_bank_from_text(text: str, *, file: str, title: str | None = None) -> Bank:
    """Build a bank from a document's text (what :func:`convert_upload` returned).

    Raises:
        DocumentError: the text is empty or too large.
        NoDatedFactsError: the document holds no dated fact that can be quizzed.
    """
    # The generator is loaded only here: serving and importing never need it.
    from question_bank import build_bank

    return build_bank(text, file=file, title=title)


def find_document_text(bank: Bank, candidates: list[Path]) -> str | None:
    """The source document's text, from the first candidate file whose SHA-256 matches
    the bank's source, or None when none does."""
    for path in candidates:
        if not path.is_file() or path.stat().st_size > MAX_DOCUMENT_BYTES:
            continue
        try:
            text = document_text(path.read_bytes(), name=str(path)).text
        except QuestionBankError:
            continue
        if hashlib.sha256(text.encode("utf-8")).hexdigest() == bank.source.sha256:
            return text
    return None


def import_bank(
    bank: Bank,
    *,
    now: datetime,
    document_text: str | None = None,
    source: Source | None = None,
) -> ImportSummary:
    """Add, update and retire questions so the database matches ``bank``.

    Idempotent: importing the same bank twice changes nothing the second time. The
    questions of an uploaded document (a source with an owner) stay out of every
    schedule until its teacher accepts them (:mod:`quizapp.sources.decisions`).

    Args:
        bank: a validated bank.
        now: the import time, recorded on changed questions.
        document_text: the source text, stored for the document view when given.
        source: the source to import into; by default the one with the bank's title
            and file name (created when there is none).

    Returns:
        Counts of added, updated, retired and unchanged questions.
    """
    source = _upsert_source(bank, now=now, document_text=document_text, source=source)
    passages = _upsert_passages(source, bank)
    existing = {
        question.bank_id: question
        for question in db.session.scalars(select(Question).where(Question.source_id == source.id))
    }
    # A teacher's edit stays effective; the generated values are kept on the edit.
    edits = {
        edit.question_id: edit
        for edit in db.session.scalars(
            select(QuestionEdit)
            .join(Question, QuestionEdit.question_id == Question.id)
            .where(Question.source_id == source.id)
        )
    }
    held_back = decisions.held_back(source, [question.id for question in bank.questions], now=now)
    added = updated = unchanged = 0
    changed: list[Question] = []
    for question in bank.questions:
        fields = _question_fields(question.to_dict(), passages)
        row = existing.get(question.id)
        edit = edits.get(row.id) if row is not None else None
        source_changed = edit is not None and merge_import(edit, fields, now=now)
        retired = (edit is not None and edit.retired) or question.id in held_back
        if row is None:
            db.session.add(
                Question(
                    source_id=source.id,
                    bank_id=question.id,
                    retired=retired,
                    created_at=now,
                    updated_at=now,
                    **fields,
                )
            )
            added += 1
        elif (
            source_changed
            or row.retired != retired
            or any(getattr(row, key) != value for key, value in fields.items())
        ):
            for key, value in fields.items():
                setattr(row, key, value)
            row.retired = retired
            row.updated_at = now
            updated += 1
            changed.append(row)
        else:
            unchanged += 1
    current = {question.id for question in bank.questions}
    vanished = 0
    for bank_id, row in existing.items():
        if bank_id not in current and not row.retired:
            row.retired = True
            row.updated_at = now
            vanished += 1
    note_source_changes(changed, now=now)
    db.session.flush()
    follow_facts(db.session.connection(), source_id=source.id)
    return ImportSummary(source.id, added, updated, vanished, unchanged)


def _upsert_source(
    bank: Bank, *, now: datetime, document_text: str | None, source: Source | None
) -> Source:
    title, file = (
        fit_text(bank.source.title, TITLE_LENGTH),
        fit_text(bank.source.file, TITLE_LENGTH),
    )
    if source is None:
        source = db.session.scalars(
            select(Source).where(Source.title == title, Source.file == file)
        ).first()
    if source is None:
        source = Source(title=title, file=file, audience=EVERYONE)
        db.session.add(source)
    source.sha256 = bank.source.sha256
    source.generator = bank.source.generator
    source.imported_at = now
    source.report = dict(bank.report) if bank.report else None
    if document_text is not None:
        source.text = document_text
    db.session.flush()
    return source


def _upsert_passages(source: Source, bank: Bank) -> dict[str, Passage]:
    rows = {
        passage.bank_id: passage
        for passage in db.session.scalars(select(Passage).where(Passage.source_id == source.id))
    }
    current = set()
    for passage in bank.passages:
        current.add(passage.id)
        row = rows.get(passage.id)
        if row is None:
            row = Passage(source_id=source.id, bank_id=passage.id)
            db.session.add(row)
            rows[passage.id] = row
        row.section = fit_text(passage.section, SECTION_LENGTH)
        row.start = passage.start
        row.end = passage.end
        row.text = passage.text
        row.retired = False
    for bank_id, row in rows.items():
        if bank_id not in current:
            row.retired = True
    db.session.flush()
    return rows


def _question_fields(data: Any, passages: dict[str, Passage]) -> dict[str, Any]:
    return {
        "fact": data.get("fact") or data["id"],
        "kind": data["kind"],
        "prompt": data["prompt"],
        "answer": dict(data["answer"]),
        "accept": list(data["accept"]),
        "choices": list(data["choices"]),
        "items": [dict(item) for item in data.get("items", [])],
        "disputed": [dict(other) for other in data.get("disputed", [])],
        "tags": list(data["tags"]),
        "passage_id": passages[data["passage"]].id,
        "evidence_start": data["evidence"][0],
        "evidence_end": data["evidence"][1],
        "section": fit_text(data["section"], SECTION_LENGTH),
        "difficulty": float(data["difficulty"]),
    }

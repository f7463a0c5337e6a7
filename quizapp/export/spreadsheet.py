"""CSV for spreadsheets and flashcard tools: one question per row, each naming its fact
(a fact's date, cloze and choice questions share it), so a tool can keep them together.

UTF-8 with a byte order mark: Excel reads a CSV without one in the local legacy code
page and garbles names such as "Cəbrayıl"; LibreOffice, Google Sheets, Anki's and
Quizlet-style importers read the mark as UTF-8 and drop it. Cells that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) get a leading apostrophe, as OWASP recommends against CSV injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from quizapp.export.records import ExportQuestion, passage_url
from quizapp.sources.dates import expected_text, item_date_text

__all__ = ["CSV_COLUMNS", "build_csv", "spreadsheet_safe"]

CSV_COLUMNS = ("prompt", "answer", "passage", "link", "evidence", "section", "kind", "id", "fact")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """The cell as text a spreadsheet shows and never evaluates."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _prompt(question: ExportQuestion) -> str:
    """The prompt with what the learner chooses from, so a flashcard stands alone."""
    if question.kind == "choice" and question.choices:
        letters = "ABCDEFGH"
        options = [f"{letters[i]}. {choice}" for i, choice in enumerate(question.choices[:8])]
        return "\n".join([question.prompt, *options])
    if question.kind == "order" and question.items:
        return "\n".join([question.prompt, *(f"- {item['text']}" for item in question.items)])
    return question.prompt


def _answer(question: ExportQuestion) -> str:
    if question.kind == "order":
        return "\n".join(
            f"{position}. {item['text']} ({item_date_text(item)})"
            for position, item in enumerate(question.ordered_items, start=1)
        )
    return expected_text(question.answer, question.disputed)


def build_csv(questions: Sequence[ExportQuestion], *, base_url: str) -> bytes:
    """The questions as CSV (header row first), encoded as UTF-8 with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for question in questions:
        row = (
            _prompt(question),
            _answer(question),
            question.passage_text,
            passage_url(base_url, question.source_id, question.passage_id),
            question.evidence_text,
            question.section,
            question.kind,
            question.bank_id,
            question.fact,
        )
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")

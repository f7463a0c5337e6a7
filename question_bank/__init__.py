"""question_bank: turn a document's dated facts into a bank of quiz questions.

A pure library (no web framework): read a document, find its dates and dated facts,
generate questions, and read, write and validate the bank YAML contract.

Its public API is what ``__all__`` names, and the app imports nothing else: the bank's
records and their reading, writing and validation (:mod:`question_bank.bank`), the
document formats (:mod:`question_bank.formats`), the date grammar answers are read
with (:mod:`question_bank.dates`), the errors, and building a bank from a document.
``build_bank`` and ``read_document_file`` load the generator when first used, as
py-fsrs loads its optimizer: reading, checking and importing banks never need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from question_bank.bank import (
    Answer,
    Bank,
    DisputedDate,
    OrderItem,
    Passage,
    Question,
    Source,
    dump_bank,
    load_bank,
    parse_bank,
    write_bank,
)
from question_bank.dates import MONTH_NAMES, DateValue, parse_date_answer
from question_bank.errors import (
    BankError,
    DocumentError,
    NoDatedFactsError,
    Problem,
    QuestionBankError,
)
from question_bank.formats import (
    EXTENSIONS,
    DocumentText,
    FileFormat,
    ReadLimits,
    check_document,
    check_extension,
    document_text,
)

__version__ = "0.1.0"

__all__ = [
    "EXTENSIONS",
    "MONTH_NAMES",
    "Answer",
    "Bank",
    "BankError",
    "DateValue",
    "DisputedDate",
    "DocumentError",
    "DocumentText",
    "FileFormat",
    "NoDatedFactsError",
    "OrderItem",
    "Passage",
    "Problem",
    "Question",
    "QuestionBankError",
    "ReadLimits",
    "Source",
    "__version__",
    "build_bank",
    "check_document",
    "check_extension",
    "document_text",
    "dump_bank",
    "load_bank",
    "parse_bank",
    "parse_date_answer",
    "read_document_file",
    "write_bank",
]

if TYPE_CHECKING:
    from question_bank.build import build_bank
    from question_bank.cli import read_document_file
else:

    def __getattr__(name: str) -> object:
        """``build_bank`` and ``read_document_file``, imported on first use."""
        if name == "build_bank":
            from question_bank.build import build_bank

            return build_bank
        if name == "read_document_file":
            from question_bank.cli import read_document_file

            return read_document_file
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Exceptions raised by the question bank library.

Every message says what went wrong, where, and with which value, so that a teacher who
brought a broken document or a hand-edited bank can fix it without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BankError",
    "DocumentError",
    "NoDatedFactsError",
    "Problem",
    "QuestionBankError",
]


class QuestionBankError(Exception):
    """Base class of every error the library raises on purpose."""


class DocumentError(QuestionBankError):
    """A document cannot be read: empty, binary, not UTF-8, or too large."""


class NoDatedFactsError(QuestionBankError):
    """A document was read but holds no dated fact that can be quizzed."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bank, and where.

    Attributes:
        location: a path into the bank such as ``questions[3].answer.date``.
        message: what is wrong, quoting the offending value.
    """

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class BankError(QuestionBankError):
    """A bank file is malformed; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], *, source: str = "bank") -> None:
        self.problems = list(problems)
        self.source = source
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{source}: {count} {noun}:\n{lines}")

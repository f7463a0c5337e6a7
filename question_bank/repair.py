"""Repairs: deletions that mend a sentence where a stripped name left a harmless trace.

Some holes need no name to read well once a stray character or word is gone: a title
whose holder was stripped ("Azerbaijani President , Armenian Prime Minister , and") reads
as "Azerbaijani President, Armenian Prime Minister, and"; an empty list item (", ,")
closes up; "not only but also X" says X; "protests in on February 20" (the place is gone)
says "protests on February 20". Each repair only deletes, never adds or guesses, so the
repaired sentence says less than the original but nothing it did not say. ``origin``
maps every character of the repaired text back to the source, so evidence offsets still
cut the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from question_bank.holes import TITLES

__all__ = ["Repaired", "repair"]

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
_DELETIONS = [
    # "President , Armenian": the space where the holder's name stood
    re.compile(rf"\b(?:{'|'.join(sorted(TITLES))})( )(?=,)"),
    # "Füzuli, , and Qubadlı": an empty list item (not after a number: "December 3, ,"
    # lost its year, which must stay visible as a hole)
    re.compile(r"(?<=[^\W\d])(, )(?=, )"),
    # "not only but also seven districts": the first member is gone
    re.compile(r"\b(not only but also )", re.IGNORECASE),
    # "protests in on February 20, 1988": a preposition whose object is gone, right
    # before the preposition of a date
    re.compile(
        rf"\b((?:in|at|near|from) )(?=(?:on|in) (?:{_MONTH}\b|\d{{1,2}} {_MONTH}\b|\d{{4}}\b))"
    ),
]


@dataclass(frozen=True)
class Repaired:
    """A sentence after repairs, and where each of its characters came from.

    Attributes:
        text: the repaired text.
        origin: for each index of ``text`` (and one past its end), the index in the
            original text.
    """

    text: str
    origin: tuple[int, ...]


def repair(text: str) -> Repaired:
    """Apply every deletion that mends a harmless trace of a stripped name."""
    deleted: set[int] = set()
    for pattern in _DELETIONS:
        for match in pattern.finditer(text):
            deleted.update(range(match.start(1), match.end(1)))
    if not deleted:
        return Repaired(text, tuple(range(len(text) + 1)))
    kept = [index for index in range(len(text)) if index not in deleted]
    return Repaired("".join(text[index] for index in kept), (*kept, len(text)))

"""What an export is built from: plain records, free of the database and of Flask.

:mod:`quizapp.export.gather` fills them from the database; the writers (Anki, CSV,
Moodle XML, GIFT) only read them, so the same writer serves a whole source, a teacher's
question set, a benchmark's synthetic questions and a test's handmade ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from question_bank import MONTH_NAMES, DateValue
from quizapp.sources.dates import also_text, date_text, date_value

__all__ = [
    "CardProgress",
    "ExportQuestion",
    "ReviewEntry",
    "date_forms",
    "passage_url",
]


@dataclass(frozen=True)
class ExportQuestion:
    """One question with everything a card, a row or a quiz item shows.

    ``id`` is the database id; ``bank_id`` is the stable, content-derived id of the
    question, ``fact`` that of the dated fact it asks (the fact's forms, a date, cloze and
    choice question, share it): an Anki note's GUID comes from it, and it keys
    :class:`CardProgress`, since a learner has one card per fact.
    """

    id: int
    bank_id: str
    fact: str
    kind: str
    prompt: str
    answer: dict[str, Any]
    section: str
    source_id: int
    source_title: str
    source_file: str
    passage_id: str
    passage_text: str
    evidence: tuple[int, int]
    accept: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    items: tuple[dict[str, Any], ...] = ()
    disputed: tuple[dict[str, Any], ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def answer_text(self) -> str:
        """The right answer in words: the date as the document writes it, or for an
        ``order`` question the events earliest first."""
        if self.kind == "order":
            return " → ".join(item["text"] for item in self.ordered_items)
        return date_text(self.answer)

    @property
    def also_text(self) -> str | None:
        """The answer's other written form (an Old Style date), a right answer too."""
        return also_text(self.answer)

    @property
    def answer_dates(self) -> list[DateValue]:
        """Every date that answers the question: the answer, then its other form."""
        dates = [date_value(self.answer), date_value(self.answer.get("also"))]
        return [value for value in dates if value is not None]

    @property
    def ordered_items(self) -> list[dict[str, Any]]:
        """An ``order`` question's events, earliest first."""
        order = [int(index) for index in self.answer.get("order", [])]
        return [self.items[index] for index in order if 0 <= index < len(self.items)]

    @property
    def evidence_text(self) -> str:
        start, end = self.evidence
        return self.passage_text[start:end].strip()


@dataclass(frozen=True)
class ReviewEntry:
    """One answer in a card's history, with the state it left the card in."""

    reviewed_at: datetime
    rating: int
    duration_ms: int | None
    state_before: int
    state_after: int
    due_after: datetime
    difficulty_after: float | None


@dataclass(frozen=True)
class CardProgress:
    """One learner's FSRS state for one fact, as quizapp stores it.

    ``state`` is an ``fsrs.State`` value (1 learning, 2 review, 3 relearning).
    ``remaining_steps`` counts the learning or relearning steps still ahead (0 in
    review). ``reviews`` is the card's history, oldest first.
    """

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    desired_retention: float
    decay: float
    remaining_steps: int = 0
    reviews: tuple[ReviewEntry, ...] = field(default=())


def date_forms(value: DateValue) -> list[str]:
    """Ways a learner writes a bank date, for exact-match answer checks (Moodle, GIFT).

    The library's display form first ("March 15, 44 BC"), then the spellings the scorer
    also reads: day first or month first, short month names, each era's spellings ("44
    BC", "44 BCE", "44 B.C."; "AD 43", "43 AD", "43 CE"), the ISO form of a date of our
    era with four digits, a decade or century with or without its article ("1990s",
    "third century BC"), a range with a hyphen or "to" for its dash.
    """
    forms = [value.display()]
    if value.granularity in ("decade", "century"):
        forms += _period_forms(value)
    elif value.spans:
        forms += [_ascii_dashes(forms[0]), _ascii_dashes(forms[0], " to ")]
    else:
        year, month, day = value.sort_key()
        years = _year_forms(year, alone=not month)
        if not month:
            forms += years
        for name in (MONTH_NAMES[month - 1], MONTH_NAMES[month - 1][:3]) if month else ():
            for written in years:
                forms += (
                    [f"{day} {name} {written}", f"{name} {day}, {written}"]
                    if day
                    else [f"{name} {written}"]
                )
        if year >= 1000:
            forms.append(value.value)
    return list(dict.fromkeys(forms))


_BC_SPELLINGS = ("BC", "BCE", "B.C.")
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth twenty-first"
).split()


def _year_forms(year: int, *, alone: bool) -> list[str]:
    """A year's spellings: "44 BC", "44 BCE", "44 B.C."; "AD 43", "43 AD", "43 CE", and
    a number alone when it is the whole answer (in a date, "15 March 43" is no year);
    "2020"."""
    if year < 0:
        return [f"{-year} {era}" for era in _BC_SPELLINGS]
    if year < 1000:
        return [f"AD {year}", f"{year} AD", f"{year} CE"] + ([str(year)] if alone else [])
    return [str(year)]


def _period_forms(value: DateValue) -> list[str]:
    """A decade's or century's spellings: "the 1990s", "1990s"; "the 3rd century BC",
    "the third century BCE", "3rd century B.C."...; "the 1st century AD", "1st century"
    (but "the 430s AD" keeps its era: the 430s alone may be 430s BC)."""
    bare = value.display().removeprefix("the ")
    names = [bare]
    if value.granularity == "century":
        number = (-value.year) // 100 if value.year < 0 else value.end_year // 100
        if number <= len(_ORDINAL_WORDS):
            names.append(_ORDINAL_WORDS[number - 1] + " " + bare.split(" ", 1)[1])
    spelled = []
    for name in names:
        if name.endswith(" BC"):
            spelled += [name.removesuffix("BC") + era for era in _BC_SPELLINGS]
        elif name.endswith(" century AD"):  # "the 430s" alone is no decade of ours
            spelled += [name, name.removesuffix(" AD")]
        else:
            spelled.append(name)
    return [form for name in spelled for form in (f"the {name}", name)]


def _ascii_dashes(text: str, dash: str = "-") -> str:
    """ "27 BC – AD 14" as typed: "27 BC - AD 14", or with ``dash`` " to "."""
    spaced = " - " if dash == "-" else dash
    return text.replace(" – ", spaced).replace("–", dash)


def passage_url(base_url: str, source_id: int, passage_id: str) -> str:
    """The absolute address of a passage in quizapp's document view."""
    return f"{base_url.rstrip('/')}/sources/{source_id}#{quote(passage_id, safe='')}"

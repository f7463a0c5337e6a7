"""The bank contract: typed records, their YAML wire shape, validation and safe I/O.

``bank.yaml`` is the one interface between the library and the app (and what other
tools read), so its field names are fixed by ``ARCHITECTURE.md``. Loading validates the
whole file and reports every problem with its location at once; writing is atomic.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NotRequired, TypedDict, TypeVar, cast

import yaml

from question_bank.dates import GRANULARITIES, DateValue, Granularity, parse_date_answer
from question_bank.errors import BankError, Problem

__all__ = [
    "KINDS",
    "SCHEMA_VERSION",
    "AlsoDate",
    "Answer",
    "Bank",
    "BankDict",
    "DisputedDate",
    "OrderItem",
    "Passage",
    "Question",
    "Source",
    "content_id",
    "dump_bank",
    "load_bank",
    "parse_bank",
    "write_bank",
]

SCHEMA_VERSION = 1
KINDS = ("date", "cloze", "choice", "order")
MAX_BANK_BYTES = 200 * 1024 * 1024

Kind = Literal["date", "cloze", "choice", "order"]
Span = tuple[int, int]


# --- wire shapes -------------------------------------------------------------------


class SourceDict(TypedDict):
    title: str
    file: str
    sha256: str
    generator: str


class PassageDict(TypedDict):
    id: str
    section: str
    start: int
    end: int
    text: str


class AlsoDict(TypedDict):
    date: str
    granularity: str
    text: str


class AnswerDict(TypedDict, total=False):
    date: str
    granularity: str
    text: str
    span: list[int] | None
    inferred: bool
    also: AlsoDict
    order: list[int]


class DisputedDict(TypedDict):
    date: str
    granularity: str
    passage: str
    evidence: list[int]
    text: NotRequired[str]


class OrderItemDict(TypedDict):
    text: str
    date: str
    granularity: str
    passage: str
    evidence: list[int]


class QuestionDict(TypedDict):
    id: str
    kind: str
    prompt: str
    answer: AnswerDict
    accept: list[str]
    choices: list[str]
    passage: str
    evidence: list[int]
    section: str
    tags: list[str]
    difficulty: float
    disputed: NotRequired[list[DisputedDict]]
    items: NotRequired[list[OrderItemDict]]
    fact: NotRequired[str]


class BankDict(TypedDict):
    schema: int
    source: SourceDict
    passages: list[PassageDict]
    questions: list[QuestionDict]
    report: NotRequired[dict[str, Any]]


# --- records -----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """The document a bank was generated from."""

    title: str
    file: str
    sha256: str
    generator: str

    def to_dict(self) -> SourceDict:
        return {
            "title": self.title,
            "file": self.file,
            "sha256": self.sha256,
            "generator": self.generator,
        }

    @classmethod
    def from_dict(cls, data: SourceDict) -> Source:
        return cls(data["title"], data["file"], data["sha256"], data["generator"])


@dataclass(frozen=True)
class Passage:
    """A paragraph of the source, with character offsets into the source text."""

    id: str
    section: str
    start: int
    end: int
    text: str

    def to_dict(self) -> PassageDict:
        return {
            "id": self.id,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: PassageDict) -> Passage:
        return cls(data["id"], data["section"], data["start"], data["end"], data["text"])


@dataclass(frozen=True)
class AlsoDate:
    """The answer's moment as the document also writes it, a right answer too: the Old
    Style date of a date given in both calendars ("7 November (25 October, O.S.)
    1917"), the year as written of a dual year ("11 February 1688/89")."""

    date: str
    granularity: Granularity
    text: str

    @property
    def value(self) -> DateValue:
        return DateValue(self.date, self.granularity)

    def to_dict(self) -> AlsoDict:
        return {"date": self.date, "granularity": self.granularity, "text": self.text}

    @classmethod
    def from_dict(cls, data: AlsoDict) -> AlsoDate:
        return cls(str(data["date"]), cast(Granularity, data["granularity"]), data["text"])


@dataclass(frozen=True)
class Answer:
    """The right answer of a date, cloze or choice question.

    Attributes:
        date: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (``-YYYY...`` for BC) or
            ``START/END`` (a range, a decade or a century).
        granularity: year, month, day, range, decade or century.
        text: the display form.
        span: offsets of the date expression inside the passage text; None when the
            date was inferred from the surrounding text rather than written there.
        inferred: True when part of the date (usually the year) comes from context.
        also: the same moment as the document also writes it (:class:`AlsoDate`).
    """

    date: str
    granularity: Granularity
    text: str
    span: Span | None = None
    inferred: bool = False
    also: AlsoDate | None = None

    @property
    def value(self) -> DateValue:
        return DateValue(self.date, self.granularity)

    def to_dict(self) -> AnswerDict:
        data: AnswerDict = {
            "date": self.date,
            "granularity": self.granularity,
            "text": self.text,
            "span": list(self.span) if self.span is not None else None,
        }
        if self.inferred:
            data["inferred"] = True
        if self.also is not None:
            data["also"] = self.also.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: AnswerDict) -> Answer:
        span = data.get("span")
        also = data.get("also")
        return cls(
            date=str(data["date"]),
            granularity=cast(Granularity, data["granularity"]),
            text=data["text"],
            span=(span[0], span[1]) if span else None,
            inferred=bool(data.get("inferred", False)),
            also=AlsoDate.from_dict(also) if also else None,
        )


@dataclass(frozen=True)
class DisputedDate:
    """Another date the same document gives for the same event."""

    date: str
    granularity: Granularity
    passage: str
    evidence: Span
    text: str = ""

    @property
    def value(self) -> DateValue:
        return DateValue(self.date, self.granularity)

    def to_dict(self) -> DisputedDict:
        data: DisputedDict = {
            "date": self.date,
            "granularity": self.granularity,
            "passage": self.passage,
            "evidence": list(self.evidence),
        }
        if self.text:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: DisputedDict) -> DisputedDate:
        return cls(
            date=str(data["date"]),
            granularity=cast(Granularity, data["granularity"]),
            passage=data["passage"],
            evidence=(data["evidence"][0], data["evidence"][1]),
            text=data.get("text", ""),
        )


@dataclass(frozen=True)
class OrderItem:
    """One event of an ``order`` question."""

    text: str
    date: str
    granularity: Granularity
    passage: str
    evidence: Span

    def to_dict(self) -> OrderItemDict:
        return {
            "text": self.text,
            "date": self.date,
            "granularity": self.granularity,
            "passage": self.passage,
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, data: OrderItemDict) -> OrderItem:
        return cls(
            text=data["text"],
            date=str(data["date"]),
            granularity=cast(Granularity, data["granularity"]),
            passage=data["passage"],
            evidence=(data["evidence"][0], data["evidence"][1]),
        )


@dataclass(frozen=True)
class Question:
    """One question; ``answer`` is set for date/cloze/choice, ``order`` for order.

    ``fact`` is the stable id of the dated fact the question asks (``f-...``): the date,
    cloze and choice questions about one fact share it, so that a fact is scheduled as
    one card whose form can change; an order question spans several facts and has an id
    of its own there. Empty in banks written before the field existed.
    """

    id: str
    kind: Kind
    prompt: str
    passage: str
    evidence: Span
    section: str
    difficulty: float
    answer: Answer | None = None
    order: tuple[int, ...] = ()
    accept: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    items: tuple[OrderItem, ...] = ()
    tags: tuple[str, ...] = ()
    disputed: tuple[DisputedDate, ...] = ()
    fact: str = ""

    def to_dict(self) -> QuestionDict:
        answer: AnswerDict
        if self.kind == "order":
            answer = {"order": list(self.order)}
        else:
            assert self.answer is not None, f"{self.id}: a {self.kind} question needs an answer"
            answer = self.answer.to_dict()
        data: QuestionDict = {
            "id": self.id,
            "kind": self.kind,
            "prompt": self.prompt,
            "answer": answer,
            "accept": list(self.accept),
            "choices": list(self.choices),
            "passage": self.passage,
            "evidence": list(self.evidence),
            "section": self.section,
            "tags": list(self.tags),
            "difficulty": round(self.difficulty, 2),
        }
        if self.items:
            data["items"] = [item.to_dict() for item in self.items]
        if self.disputed:
            data["disputed"] = [other.to_dict() for other in self.disputed]
        if self.fact:
            data["fact"] = self.fact
        return data

    @classmethod
    def from_dict(cls, data: QuestionDict) -> Question:
        kind = cast(Kind, data["kind"])
        raw_answer = data["answer"]
        return cls(
            id=data["id"],
            kind=kind,
            prompt=data["prompt"],
            passage=data["passage"],
            evidence=(data["evidence"][0], data["evidence"][1]),
            section=data["section"],
            difficulty=float(data["difficulty"]),
            answer=None if kind == "order" else Answer.from_dict(raw_answer),
            order=tuple(raw_answer.get("order", ())) if kind == "order" else (),
            accept=tuple(data.get("accept") or ()),
            choices=tuple(data.get("choices") or ()),
            items=tuple(OrderItem.from_dict(item) for item in data.get("items", [])),
            tags=tuple(data.get("tags") or ()),
            disputed=tuple(DisputedDate.from_dict(d) for d in data.get("disputed", [])),
            fact=data.get("fact", ""),
        )


@dataclass(frozen=True)
class Bank:
    """A whole bank: the source, its passages and the questions drawn from them.

    ``report`` is free-form build information (facts found, sentences skipped and why,
    conflicts); it is informative and never needed to use the bank.
    """

    source: Source
    passages: tuple[Passage, ...]
    questions: tuple[Question, ...]
    report: dict[str, Any] = field(default_factory=dict)
    schema: int = SCHEMA_VERSION

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id.

        Raises:
            KeyError: no passage has that id.
        """
        return _with_id(self.passages, passage_id)

    def question(self, question_id: str) -> Question:
        """The question with this id.

        Raises:
            KeyError: no question has that id.
        """
        return _with_id(self.questions, question_id)

    def to_dict(self) -> BankDict:
        data: BankDict = {
            "schema": self.schema,
            "source": self.source.to_dict(),
            "passages": [passage.to_dict() for passage in self.passages],
            "questions": [question.to_dict() for question in self.questions],
        }
        if self.report:
            data["report"] = self.report
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, name: str = "bank") -> Bank:
        """Validate ``data`` and build the bank.

        Raises:
            BankError: listing every problem found, each with its location.
        """
        problems = validate_bank_dict(data)
        if problems:
            raise BankError(problems, source=name)
        bank_data = cast(BankDict, data)
        return cls(
            source=Source.from_dict(bank_data["source"]),
            passages=tuple(Passage.from_dict(p) for p in bank_data["passages"]),
            questions=tuple(Question.from_dict(q) for q in bank_data["questions"]),
            report=dict(bank_data.get("report") or {}),
            schema=bank_data["schema"],
        )


_Record = TypeVar("_Record", Passage, Question)


def _with_id(records: tuple[_Record, ...], record_id: str) -> _Record:
    for record in records:
        if record.id == record_id:
            return record
    raise KeyError(record_id)


# --- ids ---------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Case, accents-composition and whitespace-insensitive form used for ids."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def content_id(prefix: str, *parts: str) -> str:
    """A stable id from content: the same parts always give the same id.

    Args:
        prefix: ``p`` for passages, ``q`` for questions.
        parts: the content the id stands for; each is normalised first.

    Returns:
        ``prefix-`` followed by eight hex digits of a SHA-256 over the parts.
    """
    digest = hashlib.sha256("\x1f".join(normalise_text(p) for p in parts).encode("utf-8"))
    return f"{prefix}-{digest.hexdigest()[:8]}"


# --- validation --------------------------------------------------------------------

_ID = re.compile(r"^[a-z]+-[0-9a-f]{8,}$")
_FACT_ID = re.compile(r"^f-[0-9a-f]{8,}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class _Checker:
    """Collects problems while walking a bank mapping."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message))

    def field(
        self,
        data: Mapping[str, Any],
        key: str,
        kind: type | tuple[type, ...],
        where: str,
        *,
        required: bool = True,
    ) -> Any:
        location = f"{where}.{key}" if where else key
        if key not in data or data[key] is None:
            if required:
                self.add(location, "is missing")
            return None
        value = data[key]
        # bool is an int subclass; a count or offset given as true/false is a mistake.
        if isinstance(value, bool) and bool not in _as_tuple(kind):
            self.add(location, f"must be {_type_name(kind)}, got {value!r}")
            return None
        if not isinstance(value, kind):
            self.add(location, f"must be {_type_name(kind)}, got {_short(value)}")
            return None
        return value

    def mappings(self, entries: list[Any] | None, where: str) -> Iterator[tuple[str, Any]]:
        """Each entry of a list that is a mapping, with its location; an entry that is
        not one is a problem."""
        for index, entry in enumerate(entries or []):
            location = f"{where}[{index}]"
            if isinstance(entry, dict):
                yield location, entry
            else:
                self.add(location, f"must be a mapping, got {_short(entry)}")

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str | None:
        value = self.field(data, key, str, where)
        if value is not None and not value.strip():
            self.add(f"{where}.{key}", "must not be empty")
            return None
        return cast(str | None, value)

    def span(self, data: Mapping[str, Any], key: str, where: str, limit: int | None) -> None:
        value = self.field(data, key, list, where)
        if value is None:
            return
        location = f"{where}.{key}"
        if len(value) != 2 or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            self.add(location, f"must be two integer offsets [start, end], got {_short(value)}")
            return
        start, end = value
        if start < 0 or end < start:
            self.add(location, f"offsets {value} must satisfy 0 <= start <= end")
        elif limit is not None and end > limit:
            self.add(location, f"offsets {value} run past the passage text ({limit} characters)")

    def date(self, data: Mapping[str, Any], where: str) -> None:
        granularity = self.field(data, "granularity", str, where)
        raw = data.get("date")
        if raw is None:
            self.add(f"{where}.date", "is missing")
            return
        if isinstance(raw, int) and not isinstance(raw, bool) and not 1000 <= raw <= 9999:
            # YAML reads an unquoted -0044 or 0043 as a number (octal, even)
            self.add(
                f"{where}.date",
                f"YAML read this date as the number {raw}: write a year before 1000 or BC "
                "as a quoted string ('0043', '-0044')",
            )
            return
        value = str(raw)
        if granularity is not None and granularity not in GRANULARITIES:
            self.add(
                f"{where}.granularity",
                f"must be one of {', '.join(GRANULARITIES)}, got {granularity!r}",
            )
            return
        try:
            if granularity is None:
                DateValue.parse_iso(value)
            else:
                DateValue(value, cast(Granularity, granularity))
        except ValueError as error:
            location = "granularity" if "does not match" in str(error) else "date"
            self.add(f"{where}.{location}", f"{value!r} is not a date ({error})")


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        list: "a list",
        dict: "a mapping",
        bool: "true or false",
    }
    kinds = _as_tuple(kind)
    if set(kinds) == {int, float}:
        return "a number"
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def validate_bank_dict(data: Any) -> list[Problem]:
    """Every problem in a bank mapping, in document order; empty when it is valid."""
    check = _Checker()
    if not isinstance(data, Mapping):
        check.add("", f"a bank must be a YAML mapping at the top level, got {type(data).__name__}")
        return check.problems
    schema = check.field(data, "schema", int, "")
    if schema is not None and schema != SCHEMA_VERSION:
        check.add("schema", f"unsupported schema {schema!r} (this library reads {SCHEMA_VERSION})")
    source = check.field(data, "source", dict, "")
    if source is not None:
        for key in ("title", "file", "generator"):
            check.text(source, key, "source")
        sha = check.field(source, "sha256", str, "source")
        if sha is not None and not _SHA256.match(sha):
            check.add("source.sha256", f"must be 64 lowercase hex digits, got {_short(sha)}")

    passage_lengths: dict[str, int] = {}
    passages = check.field(data, "passages", list, "")
    for where, passage in check.mappings(passages, "passages"):
        pid = _check_id(check, passage, where, passage_lengths)
        check.field(passage, "section", str, where)
        text = check.field(passage, "text", str, where)
        start = check.field(passage, "start", int, where)
        end = check.field(passage, "end", int, where)
        if start is not None and end is not None:
            if start < 0 or end < start:
                check.add(
                    f"{where}.end", f"offsets [{start}, {end}] must satisfy 0 <= start <= end"
                )
            elif text is not None and end - start != len(text):
                check.add(
                    f"{where}.end",
                    f"end - start = {end - start} but the text has {len(text)} characters",
                )
        if pid is not None:
            passage_lengths[pid] = len(text) if text is not None else -1

    seen_questions: dict[str, int] = {}
    questions = check.field(data, "questions", list, "")
    for where, question in check.mappings(questions, "questions"):
        _check_question(check, question, where, passage_lengths, seen_questions)
    return check.problems


def _check_id(
    check: _Checker, data: Mapping[str, Any], where: str, seen: Mapping[str, object]
) -> str | None:
    value = check.field(data, "id", str, where)
    if value is None:
        return None
    if not _ID.match(value):
        check.add(f"{where}.id", f"{value!r} is not an id like 'q-8d41e2b7'")
    if value in seen:
        check.add(f"{where}.id", f"duplicate id {value!r}")
        return None
    return cast(str, value)


def _check_evidence(
    check: _Checker, data: Mapping[str, Any], where: str, passages: Mapping[str, int]
) -> int | None:
    """Check the passage a question, a disputed date or an order item cites, and the
    evidence offsets inside that passage's text; return the passage text's length, or
    None when unknown."""
    passage_id = check.field(data, "passage", str, where)
    limit = _passage_limit(check, passage_id, f"{where}.passage", passages)
    check.span(data, "evidence", where, limit)
    return limit


def _passage_limit(
    check: _Checker, passage_id: Any, where: str, passages: Mapping[str, int]
) -> int | None:
    """The length of the referenced passage's text, or None when unknown."""
    if not isinstance(passage_id, str):
        return None
    if passage_id not in passages:
        check.add(where, f"refers to unknown passage {passage_id!r}")
        return None
    length = passages[passage_id]
    return length if length >= 0 else None


def _check_question(
    check: _Checker,
    question: Mapping[str, Any],
    where: str,
    passages: Mapping[str, int],
    seen: dict[str, int],
) -> None:
    qid = _check_id(check, question, where, seen)
    if qid is not None:
        seen[qid] = 1
    kind = check.field(question, "kind", str, where)
    if kind is not None and kind not in KINDS:
        check.add(f"{where}.kind", f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
        kind = None
    prompt = check.text(question, "prompt", where)
    check.field(question, "section", str, where)
    fact = check.field(question, "fact", str, where, required=False)
    if fact is not None and not _FACT_ID.match(fact):
        check.add(f"{where}.fact", f"{fact!r} is not a fact id like 'f-2b9c01de'")
    difficulty = check.field(question, "difficulty", (int, float), where)
    if difficulty is not None and not 0 <= difficulty <= 1:
        check.add(f"{where}.difficulty", f"must lie between 0 and 1, got {difficulty!r}")
    for key in ("accept", "choices", "tags"):
        values = check.field(question, key, list, where, required=False)
        for position, value in enumerate(values or []):
            if not isinstance(value, str):
                check.add(f"{where}.{key}[{position}]", f"must be a string, got {_short(value)}")
    limit = _check_evidence(check, question, where, passages)

    answer = check.field(question, "answer", dict, where)
    if kind == "order":
        _check_order(check, question, answer, where, passages)
    elif kind is not None and answer is not None:
        check.date(answer, f"{where}.answer")
        check.field(answer, "text", str, f"{where}.answer")
        also = check.field(answer, "also", dict, f"{where}.answer", required=False)
        if also is not None:
            check.date(also, f"{where}.answer.also")
            check.text(also, "text", f"{where}.answer.also")
        if answer.get("span") is not None:
            check.span(answer, "span", f"{where}.answer", limit)
        if kind == "choice":
            _check_choices(check, question, answer, where)
        if kind in {"date", "choice"} and isinstance(prompt, str):
            _check_asked_within(check, prompt, answer, where)
    disputed = check.field(question, "disputed", list, where, required=False)
    for other_where, other in check.mappings(disputed, f"{where}.disputed"):
        check.date(other, other_where)
        _check_evidence(check, other, other_where, passages)


def _answer_value(answer: Mapping[str, Any]) -> DateValue | None:
    try:
        return DateValue.parse_iso(str(answer.get("date")))
    except ValueError:
        return None


def _check_choices(
    check: _Checker, question: Mapping[str, Any], answer: Mapping[str, Any], where: str
) -> None:
    """Every choice is a different date, and exactly one of them is the answer."""
    choices = question.get("choices")
    if not isinstance(choices, list) or len(choices) < 2:
        check.add(f"{where}.choices", "a choice question needs at least two choices")
        return
    if len(set(map(str, choices))) != len(choices):
        check.add(f"{where}.choices", f"choices must be distinct, got {_short(choices)}")
    if answer.get("text") not in choices:
        check.add(
            f"{where}.choices",
            f"the right answer {answer.get('text')!r} is not among the choices",
        )
    right = _answer_value(answer)
    values = [parse_date_answer(str(choice), reference=right) for choice in choices]
    for position, (choice, value) in enumerate(zip(choices, values, strict=True)):
        if value is None:
            check.add(f"{where}.choices[{position}]", f"{_short(choice)} is not a date")
    read = [value for value in values if value is not None]
    if len(set(read)) != len(read):
        check.add(f"{where}.choices", f"two choices are the same date: {_short(choices)}")
    if right is not None and read.count(right) > 1:
        check.add(f"{where}.choices", "the right answer is offered more than once")


def _contains(outer: DateValue, inner: DateValue) -> bool:
    """Whether every day of ``inner`` lies inside ``outer``."""

    def first(key: tuple[int, int, int]) -> tuple[int, int, int]:
        return (key[0], key[1] or 1, key[2] or 1)

    def last(key: tuple[int, int, int]) -> tuple[int, int, int]:
        return (key[0], key[1] or 12, key[2] or 31)

    return first(outer.sort_key()) <= first(inner.sort_key()) and last(inner.end_key()) <= last(
        outer.end_key()
    )


# "On what date in 1962 did ...", "In what month in 1943 ...": the date a typed or choice
# question names beside its question word, which the answer must lie in.
_ASKED_WITHIN = re.compile(
    r"^\w+ what [\w ]*?\b(?:date|day|month|year|decade|century|dates|months|years)"
    r" in ([^?]+?) (?=(?:did|was|were|had|is|are)\b)",
    re.IGNORECASE,
)


def _check_asked_within(
    check: _Checker, prompt: str, answer: Mapping[str, Any], where: str
) -> None:
    """The date a prompt puts beside its question word agrees with the answer."""
    match = _ASKED_WITHIN.match(prompt)
    right = _answer_value(answer)
    if match is None or right is None:
        return
    within = parse_date_answer(match.group(1))
    if within is not None and not _contains(within, right):
        check.add(
            f"{where}.prompt",
            f"asks within {match.group(1)!r}, but the answer {answer.get('date')!r} lies outside",
        )


def _check_order(
    check: _Checker,
    question: Mapping[str, Any],
    answer: Mapping[str, Any] | None,
    where: str,
    passages: Mapping[str, int],
) -> None:
    items = check.field(question, "items", list, where)
    if items is None:
        return
    if not 2 <= len(items) <= 6:
        check.add(f"{where}.items", f"an order question needs 2 to 6 items, got {len(items)}")
    for item_where, item in check.mappings(items, f"{where}.items"):
        check.text(item, "text", item_where)
        check.date(item, item_where)
        _check_evidence(check, item, item_where, passages)
    if answer is None:
        return
    order = check.field(answer, "order", list, f"{where}.answer")
    if order is not None and sorted(order) != list(range(len(items))):
        check.add(
            f"{where}.answer.order",
            f"must be a permutation of the item indices 0..{len(items) - 1}, got {_short(order)}",
        )


# --- reading and writing -----------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that also refuses duplicate mapping keys."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    cast(Callable[[yaml.SafeLoader, yaml.Node], Any], _construct_mapping),
)


def parse_bank(text: str, *, name: str = "bank") -> Bank:
    """Parse and validate bank YAML.

    Args:
        text: the YAML document.
        name: how to name the bank in messages (usually its path).

    Raises:
        BankError: the YAML is malformed or the bank breaks the contract.
    """
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        message = f"{context}; {problem}" if context else str(problem)
        raise BankError([Problem(where, f"not valid YAML: {message}")], source=name) from error
    return Bank.from_dict(data, name=name)


def load_bank(path: str | os.PathLike[str]) -> Bank:
    """Read and validate a bank file.

    Raises:
        BankError: the file is missing, too large, not UTF-8 or not a valid bank.
    """
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > MAX_BANK_BYTES:
            raise BankError(
                [Problem("", f"file is {size} bytes, over the {MAX_BANK_BYTES} byte limit")],
                source=name,
            )
        raw = Path(name).read_bytes()
    except OSError as error:
        raise BankError(
            [Problem("", f"cannot read file: {error.strerror}")], source=name
        ) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BankError(
            [Problem("", f"byte {error.start} is not valid UTF-8")], source=name
        ) from error
    return parse_bank(text, name=name)


def dump_bank(bank: Bank) -> str:
    """The bank as YAML text (block style, UTF-8 characters kept readable)."""
    return yaml.safe_dump(
        bank.to_dict(), sort_keys=False, allow_unicode=True, width=100, default_flow_style=None
    )


def write_bank(bank: Bank, path: str | os.PathLike[str]) -> None:
    """Write the bank atomically: readers see the old file or the new one, never half."""
    write_text_atomically(path, dump_bank(bank))


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path(".")
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

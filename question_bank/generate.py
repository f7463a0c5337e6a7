"""Questions from facts: date, cloze, choice and order.

Every prompt is built from a clean span of the source sentence (see ``facts``), so no
question shows a hole. A typed "when" question is written only when the sentence's
subject and main verb can be found and the date belongs to that verb; otherwise the
fact is still asked as a cloze, which shows the sentence itself and needs no rewriting.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from question_bank.bank import (
    Answer,
    DisputedDate,
    Granularity,
    OrderItem,
    Question,
    content_id,
    normalise_text,
)
from question_bank.dates import DateValue
from question_bank.facts import Conflict, Fact, TableFact, clause_bounds
from question_bank.text import WORD, is_past_tense_verb, verb_lemma

__all__ = ["QuestionWriter", "blank_span", "event_statement", "when_question"]

BLANK = "_____"

_PRONOUN_SUBJECT = re.compile(
    r"^(?:it|they|he|she|we|this|that|these|those|its|their|his|her|such|both|"
    r"the (?:city|town|village|region|war|conflict|country|agreement|operation|offensive|"
    r"battle|episode|deal|document|side|group|area|move|attack|event|incident|campaign|"
    r"president|government|ministry|army|forces|enclave|district|declaration))\b",
    re.IGNORECASE,
)
_AUXILIARY = {"was", "were", "had"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their"}
_QUALIFIER_PREFIX = re.compile(r"^(?:(?:early|mid|late|the)[\s\-–]+)+", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    """A clause split into its subject, verb and the rest, date phrase removed."""

    subject: str
    auxiliary: str | None  # was / were / had, when the verb phrase has one
    verb: str
    rest: str

    def declarative(self) -> str:
        parts = [self.subject, self.auxiliary or "", self.verb, self.rest]
        return " ".join(part for part in parts if part).strip()


def _without_date(text: str, phrase: tuple[int, int]) -> str:
    """The clause with the date phrase cut out and the seam tidied."""
    before, after = text[: phrase[0]], text[phrase[1] :]
    if not before.strip():
        after = after.lstrip(" ,")
    joined = before.rstrip() + " " + after.lstrip()
    joined = re.sub(r"\s+,", ",", joined)
    return re.sub(r"\s{2,}", " ", joined).strip()


def _main_clause(text: str) -> str:
    """Drop trailing participle and relative clauses: "X did Y, prompting Z" -> "X did Y"."""
    for match in re.finditer(r",\s+|;\s+|\s+[—–]\s+|[—–]|\s+\(", text):
        head = text[: match.start()]
        if len(WORD.findall(head)) >= 4:
            return head
    return text


def event_statement(fact: Fact) -> Statement | None:
    """Subject, verb and rest of the fact's clause, when they can be told apart."""
    if fact.excerpt or not fact.attached or fact.dates_in_span != 1:
        return None
    span_start = fact.span[0]
    text = fact.span_text
    phrase = (fact.mention.phrase_start - span_start, fact.mention.end - span_start)
    clauses = clause_bounds(text, phrase)
    # Work on the clause holding the date (plus the clause after an opening date phrase).
    for index, (start, end) in enumerate(clauses):
        if start <= phrase[1] - 1 < end or start <= phrase[0] < end:
            if len(WORD.findall(text[start:end])) <= len(WORD.findall(fact.mention.text)) + 1:
                end = clauses[index + 1][1] if index + 1 < len(clauses) else end
            if start > phrase[0]:
                start = phrase[0]
            clause = text[start:end]
            local = (phrase[0] - start, phrase[1] - start)
            break
    else:
        return None
    if local[0] < 0:
        return None
    remainder = _main_clause(_without_date(clause, local)).rstrip(" .;:")
    words = remainder.split()
    for position, word in enumerate(words[:14]):
        bare = word.strip(",")
        if position == 0 or bare != word:
            continue
        previous = words[position - 1].lower()
        if previous in _DETERMINERS or not is_past_tense_verb(bare):
            continue
        subject_words = words[: position - 1] if previous in _AUXILIARY else words[:position]
        auxiliary = previous if previous in _AUXILIARY else None
        if not subject_words or len(subject_words) > 12:
            return None
        subject = " ".join(subject_words)
        if not subject[0].isupper() or "," in subject or _PRONOUN_SUBJECT.match(subject):
            return None
        if any(w.lower() in {"who", "which", "that", "when", "where"} for w in subject_words):
            return None
        rest = " ".join(words[position + 1 :])
        return Statement(subject, auxiliary, bare, rest)
    return None


def _subject_in_question(subject: str) -> str:
    first, _, others = subject.partition(" ")
    if first.lower() in _DETERMINERS:
        return " ".join([first.lower(), others]).strip()
    return subject


def _wh_phrase(date_value: DateValue, qualifier: str | None, preposition: str | None) -> str:
    granularity = date_value.granularity
    if granularity == "range":
        unit = {4: "years", 7: "months"}.get(len(date_value.start), "dates")
        return f"Between which {unit}"
    noun = {"day": "date", "month": "month and year", "year": "year"}[granularity]
    bound = (qualifier or preposition or "").lower()
    if bound in {"by", "until", "before", "after", "since"}:
        return f"{bound.capitalize()} what {noun}"
    return f"{'On' if granularity == 'day' else 'In'} what {noun}"


def when_question(fact: Fact) -> str | None:
    """A typed "when" question for the fact, or None when one cannot be written safely."""
    statement = event_statement(fact)
    if statement is None:
        return None
    mention = fact.mention
    wh = _wh_phrase(mention.date, mention.qualifier, mention.preposition)
    if mention.inferred and mention.date.granularity == "day":
        wh += f" in {mention.date.start[:4]}"
    subject = _subject_in_question(statement.subject)
    rest = f" {statement.rest}" if statement.rest else ""
    if statement.auxiliary:
        question = f"{wh} {statement.auxiliary} {subject} {statement.verb}{rest}?"
    else:
        lemma = verb_lemma(statement.verb) or statement.verb
        question = f"{wh} did {subject} {lemma}{rest}?"
    return re.sub(r"\s{2,}", " ", question)


def blank_span(mention_text: str) -> tuple[int, int]:
    """The part of a date expression to blank: "mid-1993" blanks "1993"."""
    prefix = _QUALIFIER_PREFIX.match(mention_text)
    start = prefix.end() if prefix else 0
    return (start, len(mention_text))


def cloze_text(fact: Fact) -> str:
    """The fact's span with the date blanked, marked with an ellipsis where trimmed."""
    sentence = fact.sentence.text
    start, end = fact.span
    blank = blank_span(fact.mention.text)
    date_start = fact.mention.start + blank[0]
    text = sentence[start:date_start] + BLANK + sentence[fact.mention.end : end]
    if start > 0:
        text = "… " + text
    if sentence[end:].strip(" .!?\"”'"):
        text = text.rstrip(" ,;:") + " …"
    if fact.excerpt:
        # An excerpt lost its subject to a hole: the section says what it is about.
        text = f"In “{fact.block.section}”: {text}"
    return text


@dataclass
class QuestionWriter:
    """Writes a source's questions, with stable ids and deterministic choices.

    Attributes:
        source_key: what identifies the source in ids (its title).
        passage_ids: passage id of each block, by block start offset.
        known_dates: every date the document gives, for plausible distractors.
    """

    source_key: str
    passage_ids: dict[int, str]
    known_dates: Sequence[DateValue]

    def fact_questions(self, fact: Fact, disputed: Sequence[Fact]) -> list[Question]:
        """The date, cloze and choice questions for one fact."""
        mention = fact.mention
        others = tuple(self._disputed(other) for other in disputed)
        answer = Answer(
            date=mention.date.value,
            granularity=mention.date.granularity,
            text=mention.date.display(),
            span=fact.date_span,
            inferred=mention.inferred,
        )
        accept = self._accept(fact)
        passage = self.passage_ids[fact.block.start]
        section = fact.block.section
        identity = (self.source_key, fact.sentence.text, f"{mention.start}:{mention.text}")
        questions: list[Question] = []
        prompt = when_question(fact)
        cloze = cloze_text(fact)
        base = _difficulty(mention.date, mention.inferred, len(fact.span_text))
        if prompt is not None:
            questions.append(
                Question(
                    id=content_id("q", *identity, "date"),
                    kind="date",
                    prompt=prompt,
                    passage=passage,
                    evidence=fact.evidence,
                    section=section,
                    difficulty=min(0.95, base + 0.15),
                    answer=answer,
                    accept=accept,
                    disputed=others,
                    tags=self._tags(fact),
                )
            )
        questions.append(
            Question(
                id=content_id("q", *identity, "cloze"),
                kind="cloze",
                prompt=cloze,
                passage=passage,
                evidence=fact.evidence,
                section=section,
                difficulty=min(0.95, base + 0.1),
                answer=answer,
                accept=accept,
                disputed=others,
                tags=self._tags(fact),
            )
        )
        question_id = content_id("q", *identity, "choice")
        choices = self.choices(question_id, mention.date, [o.date for o in others])
        if choices:
            stem = prompt or f"Which date fills the blank? {cloze}"
            questions.append(
                Question(
                    id=question_id,
                    kind="choice",
                    prompt=stem,
                    passage=passage,
                    evidence=fact.evidence,
                    section=section,
                    difficulty=max(0.05, base - 0.15),
                    answer=answer,
                    choices=choices,
                    disputed=others,
                    tags=self._tags(fact),
                )
            )
        return questions

    def table_questions(self, fact: TableFact) -> list[Question]:
        """A date and a choice question for a dated table cell."""
        mention = fact.mention
        passage = self.passage_ids[fact.block.start]
        section = fact.block.section
        column = fact.column.strip() or "date"
        prompt = (
            f"According to the table in “{section}”, what is the {column[0].lower()}"
            f"{column[1:]} for {fact.label}?"
        )
        answer = Answer(
            date=mention.date.value,
            granularity=mention.date.granularity,
            text=mention.date.display(),
            span=(fact.evidence[0] + mention.start, fact.evidence[0] + mention.end),
            inferred=mention.inferred,
        )
        identity = (self.source_key, fact.row.text, f"{mention.start}:{mention.text}")
        base = _difficulty(mention.date, mention.inferred, len(fact.row.text))
        questions = [
            Question(
                id=content_id("q", *identity, "date"),
                kind="date",
                prompt=prompt,
                passage=passage,
                evidence=fact.evidence,
                section=section,
                difficulty=min(0.95, base + 0.15),
                answer=answer,
                tags=("table",),
            )
        ]
        question_id = content_id("q", *identity, "choice")
        choices = self.choices(question_id, mention.date, [])
        if choices:
            questions.append(
                Question(
                    id=question_id,
                    kind="choice",
                    prompt=prompt,
                    passage=passage,
                    evidence=fact.evidence,
                    section=section,
                    difficulty=max(0.05, base - 0.15),
                    answer=answer,
                    choices=choices,
                    tags=("table",),
                )
            )
        return questions

    def order_question(self, facts: Sequence[Fact], section: str) -> Question | None:
        """Put 3-4 events in chronological order; None unless their dates are distinct."""
        statements = [event_statement(fact) for fact in facts]
        if any(statement is None for statement in statements):
            return None
        dates = [fact.date for fact in facts]
        if not _strictly_ordered(dates):
            return None
        identity = [self.source_key, "order"]
        identity += [f"{fact.sentence.text}|{fact.mention.start}" for fact in facts]
        question_id = content_id("q", *identity)
        rng = random.Random(question_id)
        items = [
            OrderItem(
                text=_sentence_case(statement.declarative()) if statement else "",
                date=fact.date.value,
                granularity=fact.date.granularity,
                passage=self.passage_ids[fact.block.start],
                evidence=fact.evidence,
            )
            for fact, statement in zip(facts, statements, strict=True)
        ]
        shuffled = list(range(len(items)))
        while shuffled == sorted(shuffled, key=lambda i: dates[i].sort_key()):
            rng.shuffle(shuffled)
        shown = [items[i] for i in shuffled]
        order = sorted(
            range(len(shown)),
            key=lambda i: DateValue(shown[i].date, shown[i].granularity).sort_key(),
        )
        first = facts[0]
        return Question(
            id=question_id,
            kind="order",
            prompt="Put these events in chronological order, earliest first.",
            passage=self.passage_ids[first.block.start],
            evidence=first.evidence,
            section=section,
            difficulty=0.5 if len(items) == 3 else 0.6,
            order=tuple(order),
            items=tuple(shown),
            tags=("timeline",),
        )

    def choices(
        self, question_id: str, right: DateValue, excluded: Sequence[str]
    ) -> tuple[str, ...]:
        """Three plausible wrong dates at the right one's granularity, plus the right one.

        Distractors prefer other dates the document gives (same granularity, close in
        time), then nearby shifts of the right date; none is compatible with the right
        date or with a date the document gives for the same event.
        """
        rng = random.Random(question_id)
        taken = {right.value, *excluded}
        shown = {right.display()}
        pool = [
            known
            for known in self.known_dates
            if known.granularity == right.granularity
            and known.value not in taken
            and abs(known.sort_key()[0] - right.sort_key()[0]) <= 2
        ]
        rng.shuffle(pool)
        pool.sort(key=lambda known: abs(_ordinal(known) - _ordinal(right)))
        picked: list[DateValue] = []
        for known in pool[:6]:
            if len(picked) == 2:
                break
            if known.display() not in shown and not _overlaps(known, right):
                picked.append(known)
                shown.add(known.display())
        for shifted in _shifts(right, rng):
            if len(picked) == 3:
                break
            if shifted.value in taken or shifted.display() in shown or _overlaps(shifted, right):
                continue
            picked.append(shifted)
            shown.add(shifted.display())
        if len(picked) < 3:
            return ()
        options = [right.display(), *(value.display() for value in picked)]
        rng.shuffle(options)
        return tuple(options)

    def _disputed(self, other: Fact) -> DisputedDate:
        return DisputedDate(
            date=other.date.value,
            granularity=other.date.granularity,
            passage=self.passage_ids[other.block.start],
            evidence=other.evidence,
            text=other.date.display(),
        )

    def _accept(self, fact: Fact) -> tuple[str, ...]:
        """Extra accepted answers: the date as the document writes it."""
        written = fact.mention.text.strip()
        if normalise_text(written) == normalise_text(fact.mention.date.display()):
            return ()
        return (written,)

    def _tags(self, fact: Fact) -> tuple[str, ...]:
        tags = []
        if fact.mention.inferred:
            tags.append("inferred-year")
        if fact.mention.vague:
            tags.append("approximate")
        return tuple(tags)


def disputed_by_fact(conflicts: Sequence[Conflict]) -> dict[int, list[Fact]]:
    """For each fact in a conflict (by id()), the facts that give another date."""
    result: dict[int, list[Fact]] = {}
    for conflict in conflicts:
        for fact in conflict.facts:
            seen: set[str] = set()
            others = []
            for other in conflict.facts:
                if other.date.value != fact.date.value and other.date.value not in seen:
                    seen.add(other.date.value)
                    others.append(other)
            result[id(fact)] = others
    return result


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _difficulty(value: DateValue, inferred: bool, length: int) -> float:
    base = {"year": 0.3, "month": 0.4, "day": 0.45, "range": 0.55}[value.granularity]
    if inferred:
        base += 0.05
    if length > 220:
        base += 0.05
    return round(base, 2)


def _ordinal(value: DateValue) -> int:
    year, month, day = value.sort_key()
    return year * 372 + max(month, 1) * 31 + max(day, 1)


def _interval(value: DateValue) -> tuple[str, str]:
    """Inclusive start and end as comparable padded strings."""
    return (value.start.ljust(10, "0"), value.end.ljust(10, "9"))


def _overlaps(first: DateValue, second: DateValue) -> bool:
    a, b = _interval(first), _interval(second)
    return a[0] <= b[1] and b[0] <= a[1]


def _strictly_ordered(dates: Sequence[DateValue]) -> bool:
    ordered = sorted(dates, key=lambda d: _interval(d))
    return all(
        _interval(a)[1] < _interval(b)[0] for a, b in zip(ordered, ordered[1:], strict=False)
    )


def _shift_iso(iso: str, step: int) -> str:
    if len(iso) == 4:
        return f"{int(iso) + step:04d}"
    if len(iso) == 7:
        year, month = int(iso[:4]), int(iso[5:7])
        total = year * 12 + month - 1 + step
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    return (date.fromisoformat(iso) + timedelta(days=step)).isoformat()


def _shifts(right: DateValue, rng: random.Random) -> list[DateValue]:
    """Nearby dates at the same granularity: days, months or years either side."""
    unit = len(right.start)
    steps = {4: [1, 2, 3, 4, 5], 7: [1, 2, 3, 4], 10: [1, 2, 3, 5, 7, 10, 14]}[unit]
    signed = [sign * step for step in steps for sign in (1, -1)]
    rng.shuffle(signed)
    values = []
    for step in signed:
        if right.granularity == "range":
            start, end = right.start, right.end
            values.append(DateValue(f"{_shift_iso(start, step)}/{_shift_iso(end, step)}", "range"))
        else:
            values.append(DateValue(_shift_iso(right.value, step), _granularity(right)))
    return values


def _granularity(value: DateValue) -> Granularity:
    return value.granularity

"""Questions from facts: date, cloze, choice and order.

Every prompt is built from a clean span of the source sentence (see ``facts``), so no
question shows a hole. Each form of question has a table of rules (:class:`Rule`): a
named reason not to write it, as the build report shows it, and the test that finds it.
A typed "when" question needs the sentence's subject and main verb and the date to
belong to that verb (:data:`STATEMENT_RULES`, :data:`WHEN_RULES`); a cloze shows the
sentence itself, so it needs less (:data:`CLOZE_RULES`); a choice question needs a stem
and three wrong dates a learner can rule out (:mod:`question_bank.choices`). Every
question is checked against its own answer before it is written (:data:`SELF_CHECKS`).
"""

from __future__ import annotations

import bisect
import os
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Any, Generic, TypeVar

from question_bank.bank import (
    AlsoDate,
    Answer,
    DisputedDate,
    Kind,
    OrderItem,
    Question,
    content_id,
    normalise_text,
)
from question_bank.choices import (
    Day,
    DistractorPool,
    KnownDate,
    Limits,
    Side,
    coarser_question,
    cycle_named_after,
    interval,
    overlaps,
    strictly_ordered,
    visible_limits,
)
from question_bank.dates import (
    CALENDAR_WORDS,
    MONTH_NAMES,
    DateMention,
    DateValue,
    find_dates,
    parse_date_answer,
)
from question_bank.facts import (
    LASTING_EVENT_NOUN,
    RELATED_THRESHOLD,
    Conflict,
    Fact,
    Person,
    TableFact,
    clause_bounds,
    defined_subject,
    dummy_it,
    event_names,
    leans_on_previous,
    shows_alone,
    tells_origin,
)
from question_bank.holes import DEMONYMS, PREPOSITIONS, TITLES, find_holes, has_hole
from question_bank.known_acronyms import is_known_acronym
from question_bank.text import (
    STOPWORDS,
    WORD,
    is_past_participle,
    is_past_tense_verb,
    past_participle,
    verb_lemma,
)
from question_bank.word_tables import getAllLemmas, getInflection

__all__ = [
    "CHOICE_RULES",
    "CLOZE_RULES",
    "SELF_CHECKS",
    "STATEMENT_RULES",
    "WHEN_RULES",
    "QuestionWriter",
    "Rule",
    "TitleSubject",
    "acronyms",
    "blank_span",
    "case_forms",
    "cloze_text",
    "common_words",
    "disputed_by_fact",
    "event_statement",
    "fact_ids",
    "rare_given_names",
    "rare_surnames",
    "restore_case",
    "self_check",
    "shared_names",
    "many_held_surnames",
    "spell_out",
    "standing_nouns",
    "title_subject",
    "when_question",
]

BLANK = "_____"
# What a choice question built on a cloze says before it
_FILL_THE_BLANK = "Which date fills the blank? "

T = TypeVar("T")


# --- rules ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One reason not to write a form of question.

    Attributes:
        name: a short name, for tests and for reading the tables.
        reason: why the form is not made, as the build report says it.
        applies: whether the rule refuses the candidate.
    """

    name: str
    reason: str
    applies: Callable[[T], bool]


def first_broken(rules: Sequence[Rule[T]], candidate: T) -> Rule[T] | None:
    """The first rule of the table that refuses ``candidate``, or None."""
    return next((rule for rule in rules if rule.applies(candidate)), None)


# --- words ------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _noun_lemmas(word: str) -> tuple[str, ...]:
    """The noun lemmas of ``word`` ("skirmishes" -> ("skirmish",)); () for no noun."""
    lemmas = getAllLemmas(word.lower())
    return tuple(lemmas.get("NOUN", ())) if isinstance(lemmas, dict) else ()


def _verb_lemmas(word: str) -> tuple[str, ...]:
    """The verb lemmas of ``word`` ("ruling" -> ("rule",)); () for no verb."""
    lemmas = getAllLemmas(word.lower())
    return tuple(lemmas.get("VERB", ())) if isinstance(lemmas, dict) else ()


def _is_noun(word: str) -> bool:
    return bool(_noun_lemmas(word))


def _is_plural_noun(word: str) -> bool:
    """ "skirmishes", "Thousands": a noun form that is not its own lemma, ending in s."""
    lemmas = _noun_lemmas(word)
    return bool(lemmas) and word.lower() not in lemmas and word.lower().endswith("s")


@lru_cache(maxsize=8192)
def _common_word(word: str) -> bool:
    """An adjective or a plural common noun: "Tensions", "Subsequent", "Thousands"."""
    lemmas = getAllLemmas(word)
    return (isinstance(lemmas, dict) and "ADJ" in lemmas) or _is_plural_noun(word)


@lru_cache(maxsize=8192)
def _proper_only(word: str) -> bool:
    """A word that is a name and nothing else: no English word, title or demonym."""
    lower = word.lower()
    return (
        lower not in STOPWORDS
        and word not in TITLES
        and word not in DEMONYMS
        and lower not in CALENDAR_WORDS
        and not getAllLemmas(lower)
    )


def _also(value: DateValue | None) -> AlsoDate | None:
    """The other calendar's date the text gives for the answer, a right answer too."""
    if value is None:
        return None
    return AlsoDate(value.value, value.granularity, value.display())


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the clause of a fact: subject, verb, the rest ----------------------------------------


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


_LEAD_IN = re.compile(
    r"\b(?:starting|beginning|lasting|spanning|occurring|commencing|effective|dated|"
    r"running)\s+$",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"\b(?:which|that|who|whom|whose|where|when|while|after|before|since|until|following|"
    r"because|although|as)\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\S+")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_AUXILIARY = {"was", "were", "had"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their"}
# Verbs that say nothing without what follows them ("announced that ...").
_NEEDS_OBJECT = frozenset(
    "announce say state report declare confirm claim reveal note add warn argue".split()
)
# Verbs that ask what they were done to ("visited", "joined"): a question without it
# asks about nothing
_NEEDS_THING = frozenset(
    "visit join attend accept approve sign ratify receive buy sell acquire reach enter "
    "capture adopt publish release found establish win lose sue attack invade defeat "
    "quit".split()
)
_MAX_WORDS_TO_DATE = 6
# Words between an auxiliary and its participle: "was also established", "was finally
# begun", "had been encircled", "was not completed"
_AUXILIARY_PADDING = frozenset(
    """also later then first finally eventually subsequently soon officially formally
    initially originally formerly again already not never been""".split()
)
_NEGATIONS = frozenset({"not", "never"})
# Verbs whose past tense and participle are the lemma itself ("split", "set")
_SAME_FORM_PAST = frozenset(
    """split set put cut hit let shut spread cast cost hurt quit bet bid burst broadcast
    upset thrust forecast beat shed rid wed fit""".split()
)


def _bare(word: str) -> str:
    """A token without the punctuation around it: "died." -> "died"."""
    return word.strip(".,;:!?\"“”’'()")


def _is_past(word: str) -> bool:
    return is_past_tense_verb(word) or word.lower() in _SAME_FORM_PAST


def _is_participle(word: str) -> bool:
    """ "signed", "set", "re-established" (the last part of a prefixed word)."""
    last = word.rsplit("-", 1)[-1]
    return is_past_participle(last) or last.lower() in _SAME_FORM_PAST


def _participle_as_lemma(word: str) -> bool:
    """ "overrun", "come", "become": a participle spelled as its verb, which a past perfect
    ("had overrun") shows; asked without its "had" it read "did ... have overrun"."""
    lower = word.lower()
    return lower.isalpha() and verb_lemma(lower) == lower and lower in getInflection(lower, "VBN")


# "but the Polish nobles expelled him", "and first published": a clause joined to one cut off
_CONJUNCTIONS = frozenset("there here but and or yet so nor".split())
_MODALS = frozenset("would could should might must may can will shall ought".split())
_PREPOSITION_WORDS = PREPOSITIONS | {"to", "for", "after", "before", "since", "about", "like"}
_SUBORDINATORS = frozenset(
    "although though when while as because if since once until whereas unless".split()
)
# "... and proposed that": a second verb joined to the first
_SECOND_VERB = re.compile(r"\b(?:and|or|but|then)\s+([a-z]+)\b")
# Nouns that, as "the X", say what a subject is only in a sentence the learner may not see
_GENERIC_NOUNS = (
    "city|town|village|region|war|conflict|country|agreement|operation|offensive|battle|"
    "episode|deal|document|side|group|area|move|attack|event|incident|campaign|president|"
    "government|ministry|army|forces|enclave|district|declaration"
)
_PRONOUN_SUBJECT = re.compile(
    r"^(?:(?i:it|they|he|she|we|this|that|these|those|its|their|his|her|such|both)|"
    rf"[Tt]he (?:{_GENERIC_NOUNS}))\b(?!\s+(?:of\s+)?[A-Z])"
)
# "signed by Aliyev": an agent; "shrank by about 3%" is a measure
_AGENT = re.compile(r"\s*by\s+(?!(?:about|around|some|nearly|almost|over|more|less|up|\d))", re.I)
_DANGLING_END = re.compile(
    r"(?:\s+(?:the|a|an|of|in|on|at|by|to|from|with|for|into|and|or|but|yet|as|its|their|his|"
    r"her|toward|towards|near|around|amid|over|under|against|between))+$",
    re.IGNORECASE,
)
# Words after which a past form is no finite verb of the clause ("the armed forces",
# "which ended the war", "and proposed": the last is the second-verb rule's).
_BEFORE_NON_FINITE = (
    _DETERMINERS | _AUXILIARY | set("and or that which who been be being has have to".split())
)


def _without_date(text: str, phrase: tuple[int, int]) -> str:
    """The clause with the date phrase cut out and the seam tidied."""
    before, after = text[: phrase[0]], text[phrase[1] :]
    # "declined from 1915 onwards": the phrase ends with its "onwards"
    after = re.sub(r"^\s*onwards?\b", "", after, flags=re.IGNORECASE)
    if not before.strip():
        after = after.lstrip(" ,")
    joined = before.rstrip() + " " + after.lstrip()
    joined = re.sub(r"\s+,", ",", joined)
    return re.sub(r"\s{2,}", " ", joined).strip()


# A name before a colon and a capitalised word after it: "ABBA: The Album",
# "Wolfenstein: The New Order", one title that the colon does not end
_NAME_BEFORE_COLON = re.compile(r"(?:^|\s)[A-Z][\w'’!.-]*$")
_CAPITAL_AFTER_COLON = re.compile(r":\s[A-Z]")


def _title_colon(text: str, at: int) -> bool:
    """Whether the colon at ``at`` is inside a title ("ABBA: The Album")."""
    return bool(_NAME_BEFORE_COLON.search(text, 0, at)) and bool(
        _CAPITAL_AFTER_COLON.match(text, at)
    )


def _inside_quotes(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a quotation ("Oh, the Guilt") opened before it."""
    before = text[:at]
    return bool((before.count('"') + before.count("“") - before.count("”")) % 2)


_PRESENT_JOINED = re.compile(r"\s+and\s+(?:is|are|has|have|remains|remain)\b")


def _trim_rest(rest: str) -> str | None:
    """What follows the verb, cut at the first clause boundary or subordinate clause;
    None when it ends in a dangling function word (cut short before a hole)."""
    # "ended 0–0" and "at 02:00" stay whole, and so does a title with a colon ("the
    # fifth album ABBA: The Album")
    cut = next(
        (
            found
            for found in re.finditer(r",(?=\s)|;|(?<!\d):|:(?!\d)|\s[—–]|[—–](?!\d)|\s\(", rest)
            if (found.group() != ":" or not _title_colon(rest, found.start()))
            # "released "Puss"/"Oh, the Guilt"": a comma inside a quoted title ends nothing
            and not _inside_quotes(rest, found.start())
        ),
        None,
    )
    if cut:
        rest = rest[: cut.start()]
    subordinate = _SUBORDINATE.search(rest)
    if subordinate and subordinate.group().lower() not in {"as", "after", "before", "since"}:
        rest = rest[: subordinate.start()]
    # "was formed in Menlo Park and is a complex of studios": a second verb in the present
    # tells what stands now, no part of the event asked
    present = _PRESENT_JOINED.search(rest)
    if present:
        rest = rest[: present.start()]
    rest = _LEAD_IN.sub("", rest.strip(" .;:,"))
    if _DANGLING_END.search(" " + rest):
        return None
    return rest.strip()


def _ends_passive(after: str) -> bool:
    """The verb before the date is a passive participle: "by ..." follows the date, or
    the sentence's main verb does ("The agreement signed on November 9, mandated")."""
    after = after.lstrip(" ")
    if after.lstrip(", ").lower().startswith("by "):
        return True
    main_verb = re.match(r",\s+(\w+)", after)
    return main_verb is not None and is_past_tense_verb(main_verb.group(1))


def _plural(subject: str) -> bool:
    last = subject.split()[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _verb_follows(rest: str) -> bool:
    """Whether the words after a verb hold another finite past verb before any comma
    ("by Lew Allen reported", "led to ..."): then the first verb was a participle.
    A past form before "by" is a participle itself ("forces backed by Turkey")."""
    words = rest.split(",", 1)[0].split()
    for index, word in enumerate(words):
        past = is_past_tense_verb(word) or (word.endswith("ed") and is_past_participle(word))
        if not word.islower() or not past:
            continue
        if index and words[index - 1].lower() in _BEFORE_NON_FINITE:
            continue
        if index + 1 < len(words) and words[index + 1] == "by":
            continue
        return True
    # "Five frescos painted by William Dyce between 1848 and 1864 | cover the walls": a
    # present verb after the agent's name, with its object
    after_agent = _PRESENT_AFTER_AGENT.search(rest.split(",", 1)[0])
    return after_agent is not None and "VERB" in getAllLemmas(after_agent.group(1))


_PRESENT_AFTER_AGENT = re.compile(
    r"\bby\s+(?:[A-Z][\w'’.-]*\s+)+([a-z]+)\s+(?:the|a|an|its|their|his|her)\b"
)


class Clause:
    """The clause a fact's date belongs to, read as subject, verb and the rest.

    Each reading is computed when a rule of :data:`STATEMENT_RULES` first asks for it.
    """

    def __init__(self, fact: Fact) -> None:
        self.fact = fact
        self.start = 0  # where the clause starts in the span, once found

    @cached_property
    def lead(self) -> str:
        """The words between the date's preposition and the date ("the" in "after the
        2023 loss")."""
        mention = self.fact.mention
        return self.fact.text[mention.phrase_start : mention.start]

    @cached_property
    def found(self) -> tuple[str, tuple[int, int]] | None:
        """The clause holding the date (with the clause after an opening date phrase) and
        the date phrase's offsets in it (widened over a lead-in such as "starting")."""
        fact = self.fact
        text = fact.span_text
        offset = fact.span[0]
        phrase = (fact.mention.phrase_start - offset, fact.mention.end - offset)
        lead = _LEAD_IN.search(text, 0, phrase[0])
        if lead:
            phrase = (lead.start(), phrase[1])
        clauses = clause_bounds(text, phrase)
        for index, (start, end) in enumerate(clauses):
            if start <= phrase[0] < end or start < phrase[1] <= end:
                opening = not WORD.search(text, start, phrase[0])
                if opening and not WORD.search(text, phrase[1], end) and index + 1 < len(clauses):
                    end = clauses[index + 1][1]  # an opening date phrase: the event follows
                start = min(start, phrase[0])
                self.start = start
                return text[start:end], (phrase[0] - start, phrase[1] - start)
        return None

    @cached_property
    def tokens(self) -> list[tuple[str, int, int]]:
        """The clause's words outside the date phrase, with their offsets."""
        if self.found is None:
            return []
        clause, (date_start, date_end) = self.found
        return [
            (m.group(), m.start(), m.end())
            for m in _TOKEN.finditer(clause)
            if m.end() <= date_start or m.start() >= date_end
        ]

    @cached_property
    def verb_at(self) -> int | None:
        """The position among :attr:`tokens` of the clause's finite past verb; after an
        auxiliary ("was repulsed", "were finally begun", "had been encircled"), of the
        participle."""
        tokens = self.tokens
        for position, (word, _, _) in enumerate(tokens):
            bare = _bare(word)
            if position == 0 or word.endswith(",") or not _is_past(bare):
                continue
            if tokens[position - 1][0].lower() in _DETERMINERS:
                continue
            if bare.lower() in _AUXILIARY:
                following = position + 1
                while following < len(tokens) and _bare(tokens[following][0]).lower() in (
                    _AUXILIARY_PADDING
                ):
                    following += 1
                if bare.lower() == "had" and _adjective_before_noun(tokens, following):
                    return None  # "had limited authority": a main verb, or "had limited" it?
                if following < len(tokens) and (
                    _is_participle(_bare(tokens[following][0]))
                    or (bare.lower() == "had" and _participle_as_lemma(_bare(tokens[following][0])))
                ):
                    return following
                if following > position + 1:
                    return None  # "had been re-established": no verb this reader knows
            return position
        return None

    @cached_property
    def aux_at(self) -> int | None:
        """The position of the auxiliary before the verb ("was" in "was finally begun")."""
        assert self.verb_at is not None
        position = self.verb_at - 1
        while position > 0 and _bare(self.tokens[position][0]).lower() in _AUXILIARY_PADDING:
            position -= 1
        word = self.tokens[position][0].lower()
        return position if position < self.verb_at and word in _AUXILIARY else None

    @property
    def padding(self) -> list[str]:
        """The words between the auxiliary and the verb ("finally", "not", "been")."""
        if self.aux_at is None or self.verb_at is None:
            return []
        return [_bare(t[0]).lower() for t in self.tokens[self.aux_at + 1 : self.verb_at]]

    @property
    def word_after_verb(self) -> str:
        """The word after the verb, lower case ("not" in "did not give up")."""
        assert self.verb_at is not None
        following = self.tokens[self.verb_at + 1 : self.verb_at + 2]
        return following[0][0].lower() if following else ""

    @property
    def _verb(self) -> tuple[str, int, int]:
        assert self.verb_at is not None
        word, start, end = self.tokens[self.verb_at]
        return _bare(word), start, start + len(word.rstrip(".,;:!?\"”’')"))

    @cached_property
    def before_verb(self) -> str:
        """The word before the verb, lower case."""
        assert self.verb_at is not None
        return self.tokens[self.verb_at - 1][0].lower()

    @cached_property
    def subject(self) -> str:
        assert self.found is not None and self.verb_at is not None
        _, (date_start, date_end) = self.found
        words = self.tokens[: self.verb_at if self.aux_at is None else self.aux_at]
        words = [t for t in words if t[1] >= date_end or t[2] <= date_start]
        if date_start == 0:
            words = [t for t in words if t[1] >= date_end]
        return " ".join(t[0] for t in words).strip(" ,")

    @cached_property
    def between(self) -> str:
        """The words between the verb and a date that follows it."""
        assert self.found is not None
        clause, (date_start, _) = self.found
        end = self._verb[2]
        return clause[end:date_start] if date_start > end else ""

    @cached_property
    def auxiliary(self) -> str | None:
        """was / were / had as the text gives it, or the one a passive participle needs
        ("The agreement, signed on May 12, 1994, ..."; "signed by Aliyev")."""
        assert self.found is not None
        clause, (date_start, _) = self.found
        word, _, end = self._verb
        if self.aux_at is not None:
            auxiliary = self.tokens[self.aux_at][0].lower()
            return f"{auxiliary} been" if "been" in self.padding else auxiliary
        passive_be = "were" if _plural(self.subject) else "was"
        following = self.fact.text[self.fact.mention.end :]
        if date_start > end and not self.between.strip() and _ends_passive(following):
            return passive_be
        if _AGENT.match(clause, end) and is_past_participle(word):
            return passive_be
        return None

    @cached_property
    def rest(self) -> str | None:
        """What follows the verb, without the date, cut at the first clause boundary;
        None when it ends in a dangling word."""
        assert self.found is not None
        clause, (date_start, date_end) = self.found
        _, start, end = self._verb
        return _trim_rest(self.untrimmed)

    @cached_property
    def untrimmed(self) -> str:
        """What follows the verb in the clause, without the date."""
        assert self.found is not None
        clause, (date_start, date_end) = self.found
        _, start, end = self._verb
        if date_start < start:
            return clause[end:].strip()
        return _without_date(clause[end:], (date_start - end, date_end - end))

    @property
    def span_after(self) -> str:
        """The span after the clause: what a comma or a bracket cut off the rest."""
        assert self.found is not None
        return self.fact.span_text[self.start + len(self.found[0]) :]

    def statement(self) -> Statement:
        assert self.rest is not None
        return Statement(self.subject, self.auxiliary, self._verb[0], self.rest)


def _adjective_before_noun(tokens: list[tuple[str, int, int]], at: int) -> bool:
    """Whether the words at ``at`` are an adjective made from a participle and a noun
    ("limited authority" after "had"): "had" may be the main verb ("had limited
    authority in the south") or the auxiliary ("had limited its authority"), and a
    question that turns it round ("had the British limited authority") reads the other."""
    if at + 1 >= len(tokens) or tokens[at][0].endswith((",", ".", ";")):
        return False
    word, following = _bare(tokens[at][0]).lower(), _bare(tokens[at + 1][0]).lower()
    lemmas = getAllLemmas(word)
    return (
        isinstance(lemmas, dict)
        and "ADJ" in lemmas
        and _is_participle(word)
        and following not in STOPWORDS
        and _is_noun(following)
        and not is_past_tense_verb(following)
    )


def _date_names_a_noun(clause: Clause) -> bool:
    """ "until 2022 skirmishes": the year names the plural noun right after it."""
    fact = clause.fact
    match = _NEXT_WORD.match(fact.text, fact.mention.end)
    return match is not None and match.group(1) not in STOPWORDS and _is_plural_noun(match[1])


# Words after a participle that opens a phrase ("ordered south", "sent back")
_DIRECTIONS = frozenset("south north east west back out up down away home abroad".split())


def _no_subject(clause: Clause) -> bool:
    """No words before the verb, or words that open no noun phrase: "Under an agreement
    signed in October 1954", "Although he left office in 1964", "ordered south to block
    the Soviet retreat"; after an opening date ("In 1930, the tower lost ..."), a subject
    in lower case opens with an article."""
    words = clause.subject.split()
    return (
        not words
        or not (
            clause.subject[0].isupper()
            or words[0] in {"the", "a", "an", "another"}
            # "senior Sinn Féin member Denis Donaldson"
            or any(word[:1].isupper() for word in words[1:])
        )
        or words[0].lower() in _PREPOSITION_WORDS | _SUBORDINATORS | _CONJUNCTIONS
        # "The 4th Panzer Army, | ordered south on 13 July to block the Soviet retreat
        # "weakened by ...": a participle opens a phrase, not a subject
        or (
            words[0].islower()
            and is_past_participle(words[0])
            # not "illuminated signs for Citroën": an adjective before its noun
            and len(words) > 1
            and (words[1] in _PREPOSITION_WORDS | _DIRECTIONS or words[1].endswith("ly"))
        )
    )


# Words that open a clause inside what would be the subject ("six days before Napoleon
# reached Paris", "the company that Jobs founded")
_CLAUSE_WORDS = frozenset(
    """who which that when where before after since until while because although though
    whereas unless""".split()
)


# A verb of its own in what was taken for the subject: "ABBA are a Swedish pop group
# formed in Stockholm in 1972": "formed" describes the group, the sentence's verb is "are"
_SUBJECT_VERBS = frozenset("is are was were".split())


def _subject_with_clause(clause: Clause) -> bool:
    words = clause.subject.split()
    return (
        len(words) > 12
        or "," in clause.subject
        or any(w.lower() in _CLAUSE_WORDS | _SUBJECT_VERBS for w in words)
    )


def _apposition_subject(clause: Clause) -> bool:
    """ "Britain's submarines featured the Polaris A3T missiles, a modification to the
    model of the Polaris used by the U.S. from 1968 to 1972": a noun phrase opening with
    "a" or "an" right after a comma that ends a clause with its own verb describes that
    clause's last noun; "used" is its participle, and "Between which years was a
    modification ... used?" asks of a thing the sentence never made the subject."""
    before = clause.fact.span_text[: clause.start]
    return (
        re.search(r",\s*$", before) is not None
        and re.match(r"\s*(?:a|an)\s", clause.subject) is not None
        and _has_finite_verb(before)
    )


def _date_far_from_verb(clause: Clause) -> bool:
    between = clause.between
    return bool(between) and (
        len(WORD.findall(between)) > _MAX_WORDS_TO_DATE
        or "," in between
        or _SUBORDINATE.search(between) is not None
    )


# "a multimillion-pound project", "a short letter": an indefinite object
_INDEFINITE_END = re.compile(r"\b(?:a|an|some)\s+(?:[\w-]+\s+){0,3}[\w-]+$", re.IGNORECASE)


# ', "Plan 28", to construct', ', Cypher Writing,', ' (the ...)': the name of what came
# before, set off after it; or a relative clause that says what it was ("invented a
# device that could be considered the first facsimile machine")
_NAME_FOLLOWS = re.compile(r"\s*(?:,\s*[\"“]|,\s*[A-Z]|\()|\s+(?:that|which)\s")


def _vague_object(clause: Clause) -> bool:
    """ "did researchers propose a multimillion-pound project" when the sentence goes on
    ', "Plan 28", to construct Babbage's Analytical Engine'; "did Azerbaijani strikes
    destroy key Armenian assets" when it goes on ", including S-300 ...": the question ends
    on an object whose description it cut."""
    rest = clause.rest or ""
    cut = clause.untrimmed.strip(" .")[len(rest) :] + clause.span_after
    if _QUANTIFIED_END.search(rest) and _EXAMPLES_FOLLOW.match(cut):
        return True
    if _DEFINITE_END.search(rest) and _RESTRICTIVE_FOLLOWS.match(cut):
        return True  # "begin at the facility | that is now called the Lawrence Livermore ..."
    return _INDEFINITE_END.search(rest) is not None and _NAME_FOLLOWS.match(cut) is not None


# "at the facility", "the first woman": a common noun after "the" that a restrictive
# relative clause after it ("that is now called ...", "who ...") says which of
_DEFINITE_END = re.compile(r"\bthe\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*$")
_RESTRICTIVE_FOLLOWS = re.compile(r"\s+(?:that|which|who|whom|where)\s")


# "key Armenian assets", "several villages": a plural described by what follows it
_QUANTIFIED_END = re.compile(
    r"\b(?:key|several|various|multiple|numerous|many|some|other|certain|major)\s+"
    r"(?:[\w-]+\s+){0,2}[\w-]+s$",
    re.IGNORECASE,
)
_EXAMPLES_FOLLOW = re.compile(r"\s*,?\s*(?:including|such as|among them|notably|like)\b")


# "three spotlight awards for Best Sound Effects": a count, its noun, and the first item
# of its list after a preposition (not "by two Germanic tribes", whose list follows as an
# apposition the question may leave out)
_COUNTED_THEN_ITEM = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[\w-]+\s+){0,3}?"
    r"[\w-]+s\s+(?:for|of|in|at|on|from|to|as)\s+\S"
)
_LIST_GOES_ON = re.compile(r"\s*,\s*[^,;:()]+?(?:,\s*|\s+)(?:and|or)\s")


def _counted_list_cut(clause: Clause) -> bool:
    """ "did the Game Developers Choice Awards give Quake three spotlight awards for Best
    Sound Effects" when the sentence goes on ", Best Music or Soundtrack and Best
    On-Line/Internet Game": a count whose list the question cut after its first item."""
    rest = clause.rest or ""
    cut = clause.untrimmed.strip(" .")[len(rest) :] + clause.span_after
    return _COUNTED_THEN_ITEM.search(rest) is not None and _LIST_GOES_ON.match(cut) is not None


def _date_of_participle(clause: Clause) -> bool:
    """ "drafted a ceasefire agreement signed on 9 November": the word before the date
    is a participle of the object, and the date is its own."""
    words = clause.between.split()
    return bool(words) and words[-1].islower() and is_past_participle(words[-1])


# Verbs whose object is a person told something ("convinced most physicists that ..."):
# without the "that" clause the question asks about nothing.
_TELLS_THAT = frozenset(
    "convince persuade tell inform warn assure remind notify show teach advise".split()
)
# "quoted him as saying", "was reported as stating": what was said is cut off
_SAYING_END = re.compile(
    r"\b(?:as\s+)?(?:saying|stating|writing|telling|asking|declaring|noting|arguing)$"
)
# A bracket inside the predicate, and the clause going on after it with a word: what
# follows the bracket is still the predicate
_CONTINUES_AFTER_BRACKET = re.compile(r"^[^,;:()]*\s\([^()]*\)\s+(?:[a-z]|the\b|an?\b)", re.I)
# What opens the object of "requested that ...", "decided to ...", "said: ..."
_CLAUSAL_OBJECT = re.compile(r"[\s,]*(?:that|whether|if|how|why|what|to|[:\"“])(?:\s|$)")


def _object_missing(clause: Clause) -> bool:
    """ "did Nasser announce in a speech?", "did Paulus request?": the verb's object was
    a clause, and the question cut it off."""
    rest = clause.rest or ""
    passive = clause.aux_at is not None and clause.auxiliary in {"was", "were"}
    lemma = verb_lemma(clause._verb[0])
    passive = passive or "been" in clause.padding
    if (
        not passive
        and lemma in _NEEDS_OBJECT
        and (not rest or rest.split()[0].lower() in _PREPOSITION_WORDS)
    ):
        return True
    if not passive and lemma in _NEEDS_THING and not rest:
        return True  # "did Erwin Schrödinger visit?": visit what?
    assert clause.found is not None
    text, (date_start, date_end) = clause.found
    verb_end = clause._verb[2]
    after = text[verb_end:]
    if date_start > verb_end:
        after = _without_date(after, (date_start - verb_end, date_end - verb_end))
    if verb_lemma(clause._verb[0]) in _TELLS_THAT and re.search(r"\bthat\b", after):
        return True
    if _SAYING_END.search(rest):
        return True  # "did the Catholic Herald quote Pope John XXIII as saying?"
    if _participle_object_cut(rest, clause.untrimmed):
        return True  # "did John XXIII issue a rule mandating?"
    beyond = clause.fact.span_text[clause.start + verb_end :]
    if date_start < verb_end and _CONTINUES_AFTER_BRACKET.search(beyond):
        return True  # "published in RFC 2671 (superseded by RFC 6891) an extension"
    return not rest and _CLAUSAL_OBJECT.match(after) is not None


# Verbs done to someone or something that the past form seldom reads as a participle
# of ("Sun sued", "Hulme joined", "Schrödinger also visited"); "released", "founded",
# "published" often describe the noun before them ("a tribute album released in 1999")
_DONE_TO = frozenset(
    "sue join visit attack invade defeat accept approve ratify acquire quit".split()
)


def _object_left_out(clause: Clause) -> bool:
    """ "Sun sued in _____, and, in 2001, won a settlement": a verb that is done to
    someone or something (:data:`_DONE_TO`) with nothing after it but its date; whom or
    what it was done to is in the sentence before ("a legal dispute with Microsoft"). A
    passive needs no object, and a verb sharing its subject or object with one before it
    ("and released in", "who joined in") has it in the sentence."""
    if clause.found is None or clause.verb_at is None:
        return False
    if clause.auxiliary not in {None, "had"} or clause.between.strip():
        return False
    if verb_lemma(clause._verb[0]) not in _DONE_TO:
        return False
    before = [_bare(t[0]).lower() for t in clause.tokens[: clause.verb_at]]
    while before and before[-1] in _AUXILIARY_PADDING | {"had"}:
        before.pop()
    if not before or before[-1] in {"and", "or", "but", "who"}:
        return False  # "developed by WizardWorks, and released in", "Grohl, who joined in"
    if {"which", "that", "whom", "what"} & set(before):
        return False  # "a lock canal, which Congress approved in": the object comes first
    if clause.tokens[len(before) - 1][0].endswith(","):
        return False  # "The treaty, ratified in 1707": a participle after its noun
    rest = clause.untrimmed.strip()
    return not rest or rest[0] in ",.;:)" or rest.split()[0] in {"and", "but", "while"}


# "at continued reports": a past form after a preposition or an article is no verb
_AFTER_PREPOSITION = re.compile(
    r"\b(?:at|of|in|on|by|for|with|from|to|the|a|an|its|their|his|her)\s+[a-z]+ed\b"
)
# A clause of its own inside the phrase: a relative word or an auxiliary
_OWN_CLAUSE = re.compile(r"\b(?:that|which|who|whom|where|when|is|are|was|were|has|have|had)\b")
_LAST_SEAM = re.compile(r"(?:^|[,;(]\s*)(?!.*[,;(])")
_OPENING_CONJUNCTION = re.compile(r"(?:and|but|or)\s+")


def _cut_after_date(body: str) -> bool:
    """ "The neutron was discovered ... in February 1932, and in _____ …", "Another
    track ..., "Lay All Your Love on Me", released in _____ …", "followed by Perl 5.14.1
    (released on _____), Perl 5.16.1 …", "In _____, frustrated at continued reports of
    Red Army troops breaking under fire …": the phrase of the blank opens a clause, or
    hangs on a name, and the cloze stops before anything is said of it."""
    if not body.endswith("…") or BLANK not in body:
        return False
    at = body.index(BLANK)
    seam = _LAST_SEAM.search(body, 0, at)
    segment = body[seam.end() if seam else 0 : at]
    conjunction = _OPENING_CONJUNCTION.match(segment)
    if conjunction:
        segment = segment[conjunction.end() :]  # "..., and in _____ …"
    first = WORD.match(segment)
    if first is None:
        return False
    word = first.group()
    if _OWN_CLAUSE.search(segment, first.end()):
        return False  # "funded by oil revenues that supported the _____ defense budget …"
    opens = word.lower() in _PREPOSITION_WORDS or (word.islower() and is_past_participle(word))
    after = body[at + len(BLANK) :]
    participle = re.match(r",\s+([a-z]+)\b", after)
    if participle and is_past_participle(participle.group(1)):
        # "In _____, frustrated at continued reports of ... breaking under fire …"
        after = after[participle.end() :]
    return opens and not _has_finite_verb(_AFTER_PREPOSITION.sub(" ", after))


# what follows a date's phrase when a "when" clause goes on after it
_WHEN_AFTER = re.compile(r"\s*,?\s*when\b")


def _cut_before_when(fact: Fact, body: str) -> bool:
    """ "The political turmoil escalated in February 2021 when Chief of General Staff
    Onik Gasparyan and senior military officers issued a statement ...": shown as "The
    political turmoil escalated in _____ …", the cloze keeps the vague clause and cuts
    the one that says what happened at the date, so the learner never learns what is
    asked (and later months fit the vague clause as well)."""
    if not body.endswith(f"{BLANK} …"):
        return False
    return _WHEN_AFTER.match(fact.text, fact.mention.end) is not None


def _participle_object_cut(rest: str, untrimmed: str) -> bool:
    """The rest ends on an -ing verb whose object was a clause the question cut off:
    "issued a rule in 1962 mandating that all cardinals should be bishops"."""
    words = rest.split()
    if not words or not words[-1].endswith("ing") or not verb_lemma(words[-1]):
        return False
    at = untrimmed.find(rest)
    return at >= 0 and _CLAUSAL_OBJECT.match(untrimmed[at + len(rest) :]) is not None


# Both a "when" question and a cloze need the date's clause; a phrase is asked in the
# passive (PASSIVE_RULES)
_NO_CLAUSE = ("no-clause", "the date sits in a phrase with no clause of its own")

# Read in order: each rule may rely on the ones above it having passed.
STATEMENT_RULES: tuple[Rule[Clause], ...] = (
    Rule(*_NO_CLAUSE, lambda c: c.fact.form != "clause"),
    Rule(
        "subordinate-date",
        "the date belongs to a subordinate clause",
        lambda c: not c.fact.attached,
    ),
    Rule(
        "several-dates",
        "the clause holds more than one date",
        lambda c: c.fact.dates_in_span != 1,
    ),
    Rule(
        "date-modifies-noun",
        "the date modifies a noun (no preposition, or an article before it)",
        lambda c: (
            c.fact.mention.preposition is None
            or re.search(r"\b(?:the|a|an)\b", c.lead, re.IGNORECASE) is not None
        ),
    ),
    Rule(
        "date-names-noun",
        "the year names the noun after it ('2022 skirmishes')",
        _date_names_a_noun,
    ),
    Rule(
        "no-verb",
        "no past-tense verb for the date to belong to",
        lambda c: c.found is None or c.verb_at is None,
    ),
    Rule(
        "modal-verb",
        "a modal verb ('would', 'could') tells no event",
        lambda c: c._verb[0].lower() in _MODALS,
    ),
    Rule(
        "copula",
        "the verb is 'was': the sentence says what something was, not what happened",
        lambda c: c._verb[0].lower() in {"was", "were"},
    ),
    Rule(
        "negated",
        "the clause is negated ('was not completed until', 'did not give up'): it asks no "
        "event's date",
        lambda c: bool(_NEGATIONS & set(c.padding)) or c.word_after_verb in _NEGATIONS,
    ),
    Rule(
        "present-perfect",
        "a present perfect ('has been held since') tells no single past event",
        lambda c: (
            c.before_verb in {"has", "have"} or (c.before_verb == "been" and c.aux_at is None)
        ),
    ),
    Rule(
        "no-subject",
        "no subject before the verb (the clause opens with a preposition or a conjunction)",
        _no_subject,
    ),
    Rule(
        "pronoun-subject",
        "the subject is a pronoun or a bare noun ('it', 'the city') that names nothing",
        lambda c: _PRONOUN_SUBJECT.match(c.subject) is not None,
    ),
    Rule(
        "long-subject",
        "the subject holds a clause of its own or runs too long",
        _subject_with_clause,
    ),
    Rule(
        "apposition-subject",
        "the 'subject' is an apposition after a whole clause ('featured the A3T missiles, a "
        "modification ... used by the U.S. from 1968'): its verb is a participle",
        lambda c: _apposition_subject(c),
    ),
    Rule(
        "date-far-from-verb",
        "the date lies too far from its verb, or behind a comma or a subordinate clause",
        _date_far_from_verb,
    ),
    Rule(
        "date-of-participle",
        "the date belongs to a participle after the verb ('drafted an agreement signed on')",
        _date_of_participle,
    ),
    Rule(
        "cut-predicate",
        "the predicate ends in a dangling word (cut short before a hole)",
        lambda c: c.rest is None,
    ),
    Rule(
        "object-missing",
        "the verb says nothing without what follows it ('announced', 'said')",
        _object_missing,
    ),
    Rule(
        "vague-object",
        "the object is only 'a project' or 'a short letter', or 'the facility' whose "
        "'that is now called ...' was cut: what it was is in the words cut off the question",
        _vague_object,
    ),
    Rule(
        "counted-list-cut",
        "the question keeps a count and cuts its list ('three awards for Best Sound "
        "Effects' of three awards named): what it asks is no longer what happened",
        _counted_list_cut,
    ),
    Rule(
        "second-verb",
        "the predicate holds a second verb ('addressed Congress and proposed')",
        lambda c: any(is_past_tense_verb(m.group(1)) for m in _SECOND_VERB.finditer(c.rest or "")),
    ),
    Rule(
        "participle-subject",
        "the date's verb is a participle of the subject ('a plan agreed in 1997 led to')",
        lambda c: _verb_follows(c.rest or ""),
    ),
)


def event_statement(fact: Fact) -> Statement | None:
    """Subject, verb and rest of the fact's clause, when :data:`STATEMENT_RULES` let
    them be told apart; None otherwise."""
    clause = Clause(fact)
    return None if first_broken(STATEMENT_RULES, clause) else clause.statement()


# --- how a question names its subject --------------------------------------------------

# Particles of names that stay lower case inside a sentence ("de Lesseps", "van Gogh").
_NAME_PARTICLES = frozenset("de del della di da du des van von der den la le al el ibn bin".split())
# A word after a lower-case word or a comma: inside a sentence.
_MID_SENTENCE_WORD = re.compile(r"(?<=[a-z,;:] )[A-Za-z][a-z]+\b")
_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty hundreds thousands several
    many some all both""".split()
)
_FULL_NAME = re.compile(r"\b([A-Z][a-zà-ÿ]+)\s+(?:[A-Z]\.\s+)?([A-Z][a-zà-ÿ]+)\b")
_RELATIVE_TO_CONTEXT = frozenset(
    """
    most least first last latest subsequent same following previous next former latter
    other pivotal initial final remaining aforementioned
    """.split()
)


def common_words(text: str) -> frozenset[str]:
    """Words the text writes in lower case inside sentences and never capitalises there:
    "Work" opening a sentence is the word "work"; "Grant", capitalised mid-sentence
    somewhere, is a name. An English word the text writes only where a sentence opens
    is a common word too: "Dissatisfaction culminated in a second coup" -> "did
    dissatisfaction culminate"."""
    lower: set[str] = set()
    capital: set[str] = set()
    for match in _MID_SENTENCE_WORD.finditer(text):
        word = match.group()
        if word[0].isupper() and _in_longer_name(text, match):
            continue  # "Pompey the Great", "Great Britain": a word of a name, not one alone
        (capital if word[0].isupper() else lower).add(word.lower())
    openers = {
        word.lower()
        for word in _SENTENCE_OPENER.findall(text)
        if word.lower() not in capital and getAllLemmas(word.lower()) and not _proper_only(word)
    }
    return frozenset((lower | openers) - capital)


def _in_longer_name(text: str, match: re.Match[str]) -> bool:
    """The capitalised word of ``match`` stands in a longer name: before another
    capitalised word ("Great Britain") or as an epithet ("Pompey the Great")."""
    if re.match(r" [A-Z]", text[match.end() : match.end() + 2]):
        return True
    before = text[max(0, match.start() - 40) : match.start()]
    return re.search(r"[A-Z][\w'’-]* the $", before) is not None


# A capitalised word that opens a sentence or a paragraph
_SENTENCE_OPENER = re.compile(r"(?:^|(?<=[.!?] ))([A-Z][a-z]+)\b(?! [A-Z])", re.MULTILINE)


# Titles of rank or office a text writes with a person's name or a place ("Duke of
# Queensberry", "Queen Anne"), and then alone ("the Duke")
_TITLE_WORDS = (
    "Duke|Duchess|Queen|King|Prince|Princess|Emperor|Empress|Earl|Countess|Marquess|"
    "Baron|Tsar|Czar|Kaiser|Sultan|Pope|Cardinal|Archbishop|Bishop|Chancellor|Admiral|"
    "Marshal"
)
_TITLE_HELD = re.compile(rf"\b({_TITLE_WORDS})\s+(?:of\s+)?([A-Z][\w'’-]+)")
# Armed services a text names with their country ("the Royal Navy", "the U.S. Navy",
# "the Italian Navy") and then alone ("The Navy accepted delivery ..."): which navy?
_SERVICE_WORDS = "Navy|Army|Air Force"
_SERVICE_HELD = re.compile(
    rf"((?:[A-Z]\.\s?)+|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+({_SERVICE_WORDS})\b"
)
# "the Duke was gratefully received by the Queen": the title alone, for one holder
_TITLE_ALONE = re.compile(
    rf"\b[Tt]he\s+({_TITLE_WORDS}|{_SERVICE_WORDS})\b(?!\s+of\b)(?!\s+[A-Z])(?!-)"
)
# Words that end or open the names of buildings, bodies and treaties ("Westminster Hall",
# "St Stephen's Hall", "House of Lords", "House of Commons"), and then stand alone for
# one of them ("the Hall", "the House"): which one, where the document names several?
_SHORT_NAME_WORDS = (
    "House|Hall|Tower|Chamber|Council|Committee|Assembly|Parliament|Government|Party|"
    "Court|Treaty|Conference|Commission|Palace|Abbey|Cathedral|Bridge"
)
_SHORT_NAME_AFTER = re.compile(rf"((?:[A-Z][\w'’.-]*\s+)+)({_SHORT_NAME_WORDS})\b")
_SHORT_NAME_BEFORE = re.compile(
    rf"\b({_SHORT_NAME_WORDS})\s+of\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)
_SHORT_NAME_ALONE = re.compile(
    rf"\b[Tt]he\s+({_SHORT_NAME_WORDS})\b(?!\s+(?:of|on|for)\b)(?!\s+[A-Z])(?![-’'])"
)


def _short_names(text: str, title: str) -> set[str]:
    """ "the Hall", "the House" for each word of :data:`_SHORT_NAME_WORDS` that the text
    gives two or more names ("Westminster Hall" and "St Stephen's Hall", "House of
    Lords" and "House of Commons"), written so that no last name is taken for one ("Tom
    Hall"); not a word of the title ("the Palace" of "Palace of Westminster" is the
    title's)."""
    named: dict[str, set[str]] = {}
    for match in _SHORT_NAME_AFTER.finditer(text):
        words = [w for w in match.group(1).split() if w.lower() not in STOPWORDS]
        if words:
            named.setdefault(match.group(2), set()).add(" ".join(words))
    for match in _SHORT_NAME_BEFORE.finditer(text):
        named.setdefault(match.group(1), set()).add(f"of {match.group(2)}")
    return {
        f"the {word}"
        for word, names in named.items()
        if len(names) > 1 and word not in title.split()
    }


def _short_name_alone(text: str, names: frozenset[str]) -> bool:
    """ "the Hall", "the House" alone where the document gives the word several names,
    and nothing before it in the text shown names one ("Westminster Hall ... the Hall"
    says which)."""
    for match in _SHORT_NAME_ALONE.finditer(text):
        word = match.group(1)
        if f"the {word}" not in names or _inside_quotes(text, match.start()):
            continue
        before = text[: match.start()]
        if re.search(rf"[A-Z][\w.'’-]*\s+{word}\b|\b{word}\s+of\s+(?:the\s+)?[A-Z]", before):
            continue
        return True
    return False


def _service_country(qualifier: str) -> str | None:
    """The country a service's qualifier names, written one way: "United States", "U. S."
    and "US" are "US"; "Royal" is "Royal"; None for no qualifier ("The", "All")."""
    words = [
        word
        for word in qualifier.replace(".", " ").split()
        if word.lower() not in STOPWORDS | {"all", "two", "three", "both", "new"}
    ]
    if not words:
        return None
    if len(words) == 1:
        return words[0]
    return "".join(word[0] for word in words)


def shared_names(text: str, title: str = "") -> frozenset[str]:
    """Last names the text gives to two or more people ("Marie Curie", "Pierre Curie"),
    titles it gives to two or more ("Duke of Queensberry", "Duke of Hamilton": "the
    Duke" is either of them), armed services of two or more countries ("the U.S.
    Navy", "the Royal Navy": "the Navy" is either), and "the House" where two or more
    names of buildings and bodies hold the word ("House of Lords", "House of Commons"),
    unless the ``title`` does."""
    holders: dict[str, set[str]] = {}
    for match in _TITLE_HELD.finditer(text):
        holders.setdefault(match.group(1), set()).add(match.group(2))
    titles = {title for title, names in holders.items() if len(names) > 1}
    countries: dict[str, set[str]] = {}
    for match in _SERVICE_HELD.finditer(text):
        country = _service_country(match.group(1))
        if country is not None:
            countries.setdefault(match.group(2), set()).add(country)
    titles |= {service for service, named in countries.items() if len(named) > 1}
    firsts: dict[str, set[str]] = {}
    for match in _FULL_NAME.finditer(text):
        first, last = match.group(1), match.group(2)
        if not _proper_only(first) or last.lower() in STOPWORDS | CALENDAR_WORDS:
            continue  # "Soviet Azerbaijan", "President Aliyev", "Ilham Aliyev Oct"
        firsts.setdefault(last, set()).add(first)
    spouses = _SPOUSES if len(_SEVERAL_MARRIAGES.findall(text)) >= MIN_MARRIAGE_SIGNS else set()
    firsts_shared = {last for last, names in firsts.items() if len(names) > 1}
    return frozenset(firsts_shared | titles | spouses | _short_names(text, title))


# A document that tells several marriages of its people: "his wife" names none of them.
# The signs: a marriage counted ("first marriage", "married for a third time", "his second
# wife"), a remarriage, a divorce.
_SEVERAL_MARRIAGES = re.compile(
    r"\b(?:(?:first|second|third|fourth|fifth|last|new)\s+(?:wife|husband|marriage|spouse)|"
    r"married\s+(?:for\s+)?(?:a|the)\s+(?:second|third|fourth|fifth)\s+time|"
    r"remarri\w*|divorc\w*)",
    re.IGNORECASE,
)
MIN_MARRIAGE_SIGNS = 2
_SPOUSES = {"wife", "husband", "spouse"}
# "Barnard and his wife divorced": a spouse called by the relation alone
_SPOUSE_ALONE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(wife|husband|spouse)\b(?![,\s]+[A-Z])")


# What a marriage's own events are called: the question asks one of them
_MARRIAGE_EVENT = re.compile(r"\b(?:marri|divorc|separat|wed|engage|honeymoon)\w*", re.IGNORECASE)


def _shared_spouse(text: str, names: frozenset[str]) -> bool:
    """ "his wife", "her husband" alone in a question about a marriage's event, where the
    document tells several marriages: "in 1969, Barnard and his wife divorced" in a life
    of three marriages and three divorces asks which of them. Another event with a
    spouse in it ("talk with his wife, before dying") asks no marriage."""
    return _MARRIAGE_EVENT.search(text) is not None and any(
        match.group(1) in names for match in _SPOUSE_ALONE.finditer(text)
    )


_REGNAL = re.compile(r"\b[A-Z][a-z]+\s+[IVX]+\b")


def _person_named(text: str) -> bool:
    """Whether ``text`` names a person: a capitalised word that is a name and no English
    word ("Jadwiga", "Roncalli"; not "Parliament", nor "John"), or a ruler's name with
    its number ("Henry VIII")."""
    return _REGNAL.search(text) is not None or any(
        word[:1].isupper() and _proper_only(word) for word in WORD.findall(text)
    )


def _shared_title(text: str, names: frozenset[str]) -> bool:
    """ "the Duke", "the Queen" alone where the document names several dukes or queens;
    "the Navy" where it names the navies of several countries."""
    return any(
        match.group(1) in names
        and not _inside_quotes(text, match.start())  # "The King's Tower"
        and not _holder_named(match.group(1), text[: match.start()])
        for match in _TITLE_ALONE.finditer(text)
    )


# What may stand before a last name without saying which person holds it: "General
# Khan", "President Khan" are any of the document's Khans.
_RANKS = TITLES | frozenset(
    """
    General Lieutenant-General Major-General Brigadier Brigadier-General Colonel Major
    Captain Admiral Vice-Admiral Marshal Field Sir Lord Lady Dr Dr. Mr Mr. Mrs Mrs. Ms
    Prince Princess Judge Justice Bishop Cardinal Father
    """.split()
)


_RANK_WORDS = "|".join(sorted(_RANKS - {"Dr.", "Mr.", "Mrs."}))
# How many people must hold a last name for it to name none of them alone: two (Marie and
# Pierre Curie, Benny and Roy Andersson) leave it to the story which one acts.
MIN_SURNAME_HOLDERS = 3


def many_held_surnames(text: str, title: str = "") -> frozenset[str]:
    """Last names the text gives to MIN_SURNAME_HOLDERS people or more: "Ayub Khan",
    "Yahya Khan", "Tikka Khan", "Yaqub Khan". Not a name of the title (the life's own
    "Bohr", the company's "Intel"), nor a place the text goes to or is in ("in Egypt",
    "to Russia": "Ottoman Egypt", "Mamluk Egypt" are no people), nor a word the text
    an English word unless a rank goes before it ("General Khan"; not "Stanford
    University"), nor a group the text calls "the Cossacks"."""
    # each read in one pass of the text, so that the whole stays linear in its length
    ranked = set(_AFTER_RANK.findall(text))
    placed = set(_AFTER_PLACE_WORD.findall(text))
    firsts: dict[str, set[str]] = {}
    for match in _FULL_NAME.finditer(text):
        first, last = match.group(1), match.group(2)
        if not _proper_only(first) or first in _RANKS or not last.isalpha():
            continue
        if not (_proper_only(last) or last in ranked):
            continue  # "Oct", "Stanford University": words, not names; "General Khan" is one
        firsts.setdefault(last, set()).add(first)
    own = set(WORD.findall(title))
    return frozenset(
        last
        for last, names in firsts.items()
        if len(names) >= MIN_SURNAME_HOLDERS and last not in own and last not in placed
    )


# The word after a rank ("General Khan") and after a word that makes it a place or a group
# ("in Egypt", "the Cossacks")
_AFTER_RANK = re.compile(rf"\b(?:{_RANK_WORDS})\s+(\w+)\b")
_AFTER_PLACE_WORD = re.compile(r"\b(?:in|to|from|at|into|across|of|[Tt]he)\s+(\w+)\b")


def _bare_shared_surname(text: str, names: frozenset[str], person: Person | None) -> bool:
    """A last name the document gives to many people, alone: "Khan organized the
    _____ general election" where the document names Ayub Khan, Yahya Khan and Tikka
    Khan, or "General Khan faced an international reaction" (a rank names none of
    them). With a given name before it ("Ayub Khan") or a name going on after it, it
    says who; the name of the person a life is about is that person's."""
    own = set(person.name.split()) | set(person.birth_name.split()) if person else set()
    for name in names - own:
        if not name[:1].isupper() or not name.isalpha() or name in _RANKS:
            continue
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            before = re.search(r"([A-Z][\w.'’-]*)\s+$", text[: match.start()])
            if before is not None and before.group(1) not in _RANKS:
                continue  # "Ayub Khan", "Pierre Curie"
            if re.match(r"\s+[A-Z]", text[match.end() :]):
                continue  # "Khan Niazi", "East Pakistan": part of a longer name
            return True
    return False


def _holder_named(title: str, before: str) -> bool:
    """Whether the text before a title alone says whose it is. For a service, a service
    named with its country ("the Royal Navy's boats ... the Navy"); a person says nothing
    of which navy. For a title, a person's name: "Jadwiga and her daughter were buried
    ... as stipulated in the Queen's last will", "Henry VIII acquired York Place from
    Wolsey, who had lost the King's favour" (not "In his speech opening Parliament in
    _____, the King assured ...", nor "John became the King's favourite child")."""
    if re.fullmatch(_SERVICE_WORDS, title):
        return re.search(rf"[A-Z][\w.'’-]*\s+{title}\b", before) is not None
    return _person_named(before)


def _subject_in_question(subject: str, common: frozenset[str] = frozenset()) -> str:
    """The subject as it reads after "did": "The clashes" -> "the clashes", and a word
    the document writes in lower case mid-sentence (``common``, :func:`common_words`)
    too: "Work began" -> "did work begin", "De Lesseps died" -> "did de Lesseps die"."""
    first, _, others = subject.partition(" ")
    lower = first.lower()
    following = others.split()[0] if others else ""
    lowered_next = not following or following[:1].islower()
    if (
        lower in _DETERMINERS
        or lower in _NUMBER_WORDS
        # "Subsequent reports", but not "Innocent then placed", a name the document
        # capitalizes inside sentences
        or (lowered_next and _common_word(lower) and (not common or lower in common))
        or (lower in common and (lowered_next or lower in _NAME_PARTICLES))
    ):
        return " ".join([lower, others]).strip()
    return subject


def _needs_context(subject: str) -> bool:
    """A description with no name in it that only the surrounding text can resolve: a
    short one ("the clashes", "the aircraft", "a contract") or one that points along the
    text ("the most significant escalation", "the subsequent agreement")."""
    words = subject.split()
    if words[0].lower() not in {"the", "this", "these", "that", "those", "a", "an"}:
        return False
    if any(w[:1].isupper() for w in words[1:]):
        return False
    if len(words) <= 3:
        return True
    return len(words) <= 6 and any(w.lower() in _RELATIVE_TO_CONTEXT for w in words)


# --- what a question shows must read alone --------------------------------------------

_DEFINITE_START = re.compile(r"(?:The|This|These|That|Those)\b")
# "The document outlined nine points": a cloze whose subject needs its section title,
# whatever else the span names
_GENERIC_SUBJECT = re.compile(rf"(?:The|This|That|These|Those)\s+(?:{_GENERIC_NOUNS})\b")
# "Hugh did exactly this": an action told in a sentence the learner cannot see
_DID_THIS = re.compile(
    r"\b(?:did|does|do|done|doing)\s+(?:(?:exactly|just|much|the\s+same|likewise)\s+)?"
    r"(?:this|that|so|the\s+same)\b(?:\s+(\w+))?",
    re.IGNORECASE,
)
# "persistence with this doctrine": a thing named in a sentence the learner cannot see
# "this doctrine", "these losses", "into those areas," (not "those countries that signed",
# "those soldiers taken prisoner at Stalingrad", which say which)
_POINTER = re.compile(
    r"\b(?:this|these|those(?!\s+[a-z]+\s+(?:who|whom|which|that|of|whose|where|in|at|from|"
    r"on|with|for|by|[a-z]+ed|taken|given|held|known|seen|born|killed)\b))\s+"
    r"([a-z]+)(?:\s+([a-z]+))?"
)
# Places and things a text names once and then calls "the <noun>"
_PLACE_NOUNS = (
    "city|town|village|district|province|enclave|capital|region|fort|fortress|"
    # "missing out by some 500 votes in the two-member constituency": a seat at an
    # election, named only in the sentence before ("the borough of Finsbury")
    "constituency|borough|county|parish|diocese"
)
_THING_NOUNS = (
    "magazine|newspaper|journal|band|group|company|firm|corporation|album|song|single|film|"
    "movie|book|novel|game|show|series|programme|program|project|museum|university|college|"
    "school|party|team|club|ship|vessel|destroyer|cruiser|submarine|aircraft|station|plant|"
    "factory|building|tower|bridge|church|cathedral|palace|castle|agency|organization|"
    "organisation|committee|commission|council|label|studio|network|channel|hospital|"
    "institute|foundation|satellite|spacecraft|rocket|missile|console|device|product|sum|"
    # "The first widely used system (Wheatstone, 1858)": a system of what, the sentence
    # before says
    "system|machine|technique|invention|"
    # "promised to read the story himself", "the original vault above the floor", "the
    # first Pope to receive the title": a work, a place or an honour the passage named
    "story|interview|recording|report|list|model|category|vault|title"
)
# Events, which the names of their places and actors identify ("The siege ended when
# Azerbaijani forces captured Shusha")
_EVENT_NOUNS = (
    "festival|tournament|mission|expedition|treaty|accord|deal|bill|operation|offensive|"
    "crisis|siege|award|prize|summit|conference"
)
# Institutions a text names once in full and then by their kind, capitalized: "He was
# elected president of the Academy", "Legislation establishing the Institute"
_INSTITUTION_NOUNS = (
    "Academy|Institute|Society|Foundation|Commission|Committee|Council|Agency|Board|"
    "Tribunal|University|College|Museum|Company|Corporation|Conference|Summit"
)
# "several villages in the district", "the magazine's senior editor": a place or a thing
# whose name is elsewhere, or was stripped
_UNNAMED_THING = re.compile(
    # "the magazine", "the new city", "the first widely used system"
    r"\b[Tt]he\s+(?:(?:first|earliest|original)\s+(?:[a-z][\w-]*\s+){0,2}|[a-z][\w-]*\s+)?"
    rf"({_PLACE_NOUNS}|{_THING_NOUNS}|{_EVENT_NOUNS})\b"
    # not "the city of Berlin", "the first aircraft of the operation", "the band Nirvana",
    # "the first single, "Love Me Do"," (its name, or what it belongs to, follows), "The
    # first military submarine was the Turtle" (the sentence names it)
    r"(?!\s+(?:of\b|[A-ZÀ-ÖØ-ÞƏ\"“]))(?!,\s+[A-ZÀ-ÖØ-ÞƏ\"“])(?!-)"
    r"(?!\s+(?:was|were)\s+(?:the\s+|an?\s+)?[A-ZÀ-ÖØ-ÞƏ\"“])"
    # nor "the autopsy report for Charles Babbage", "the interview by Bill Moyers"
    r"(?!\s+(?:by|for)\s+[A-ZÀ-ÖØ-ÞƏ])"
)
# "Queen Victoria is depicted twice in the room", "placed in the roadway": a room or a
# way inside a place, which only a name before it says ("the Prince's Chamber ... around
# the room")
_ROOM_NOUNS = "room|chamber|hall|corridor|lobby|gallery|courtyard|roadway"
_UNNAMED_ROOM = re.compile(
    rf"\b[Tt]he\s+(?:[a-z][\w-]*\s+)?({_ROOM_NOUNS})\b"
    # not "the room of ...", "the town hall in Slagelse", "the gallery, "Life in the ...""
    r"(?!\s+(?:of\b|(?:in|at|on)\s+(?:the\s+)?[A-ZÀ-ÖØ-ÞƏ]|[A-ZÀ-ÖØ-ÞƏ\"“]))"
    r"(?!,\s+[A-ZÀ-ÖØ-ÞƏ\"“])(?!-)"
)
# "the Prince's Chamber", "Life in the Universe gallery": a room named before
_NAMED_ROOM = re.compile(
    r"\b[A-Z][\w'’]*\s+(?i:room|chamber|hall|corridor|lobby|gallery|yard|court|road|street)\b"
)
_UNNAMED_INSTITUTION = re.compile(
    rf"\b[Tt]he\s+({_INSTITUTION_NOUNS})\b(?!\s+(?:of|for|on|in)\b)(?!\s+[A-ZÀ-ÖØ-ÞƏ])(?!['’]s)"
)
# "As Azerbaijani advances threatened ...": a clause that cannot stand alone
_SUBORDINATE_START = re.compile(
    r"(?:As|When|While|Whilst|After|Before|Although|Though|Because|Since|If|Once|Until|"
    # "By the time Johnson and Boswell made their tour in _____ …": what happened by then
    # is in the main clause cut off
    r"Whereas|Unless|By the time|Now that|As soon as|Even though|Ever since)\b"
)
# "the Battle of Berlin", "in West Berlin", "an assault on Voronezh, capturing the city": a
# name after a preposition of place, or of a move towards or against it; not an owner
# ("desertions of John's local allies ... in the region": John is no place)
_PLACE_NAME = re.compile(
    r"\b(?:in|of|to|from|at|into|near|across|on|against|towards?|around|outside)\s+"
    r"(?:West |East )?([A-Z][a-zà-ÿ]+)\b(?!['’]s\b)"
)


# "Here We Go Again, was released in 2018.": a subject cut from its verb by a comma, what
# is left when a sentence was split after "Mamma Mia!"
_SPLIT_TITLE = re.compile(r"[A-Z][^,.;:()]{0,60},\s+(?:was|were|is|are|has|have|had)\s")
# "vocals.In Utero": a sentence end with no space after it
_GLUED = re.compile(r"[a-z]{2}[.!?][A-Z][a-z]")


# What may stand between a cut span and the rest of its sentence when the cut falls
# between two clauses: a comma, a semicolon, a colon, a dash, a sentence end, an aside
# in brackets (not "( deep)", a bracket that lost its number)
_CLAUSE_SEAM = re.compile(r"(?:[,;:.!?]|\s?[—–]|\s-\s|\s\(|$)")
# A phrase that only adds to a whole clause: "marked the most significant escalation |
# since the 1994 , involving ...", "left | in mobilising support"
_ADJUNCT_AFTER = re.compile(
    r"\s+(?:since|in|on|at|during|after|before|until|with|for|from|to|by|when|while|as|"
    r"because|following|including|amid|near|around|through|throughout)\b"
)
# The span's last word opens more than it ends: "primarily", a capitalised word cut from
# the rest of its name ("Attlee and the Prime | Minister")
_GOES_ON = re.compile(r"(?:\b[a-z]+ly|\b[A-Z][\w'’-]*)$")
# A word lost before a mark: "sunk by the British submarine , the first", "the
# self-declared , nearly"
_LOST_BEFORE_MARK = re.compile(r"\s+[,;:.)]")
# The rest of a sentence going on with the verb whose subject the span ends on: "Craig
# Barrett, already company president | , took over", "the 80286, which, two years
# later | , was used"
_VERB_AFTER_SEAM = re.compile(r",\s+([a-z]+)\b(\s+(?:the|a|an|his|her|its|their|[A-Z])\b)?")


# What may follow an aside in brackets for the bracket to have stood between two clauses
_AFTER_ASIDE = re.compile(r"\s*(?:[,;:.!?]|[—–]|\s-\s|$)")


def _verb_of_the_subject(word: str, object_follows: bool) -> bool:
    """ "was", "took", "reaches", "overthrew the ...": a finite verb; not "released in",
    "christened", which open a participle phrase of their own."""
    if word in _FINITE:
        return True
    if is_past_tense_verb(word):
        return object_follows or not word.endswith("ed")
    lemmas = getAllLemmas(word)
    return (
        word.endswith("s")
        and isinstance(lemmas, dict)
        and "VERB" in lemmas
        and "NOUN" not in lemmas
    )


def _cut_at_hole(fact: Fact) -> bool:
    """Whether the span was cut away from a hole in its sentence (a name or number the
    source lost) so that what is shown lacks what the hole held: the place in front of
    it ("In , a major city 100 kilometres from the frontline, | Smerch rockets struck
    ..."), the words before a title ("The second, titled And the | Sea is Never
    Full"), the noun a phrase was building up to ("sunk by the British submarine |",
    "the surrender of the self-declared |", "amended the Communications Act of 1934
    primarily | by adding section ."), or the verb of its subject ("Craig Barrett,
    already company president |, took over"). A careful reader does not ask what the
    source sentence no longer says; a span cut where one clause ends and another begins
    stays ("Women have served on US Navy surface ships since 1993 |, and , began")."""
    text = fact.text
    holes = find_holes(text)
    if not holes or fact.form == "defined":
        return False  # a defined participle takes its subject from the definition
    start, end = fact.span
    removed = text[:start]
    earlier = [hole for hole in holes if hole[1] <= start]
    if earlier and fact.form == "clause" and re.search(r"[^\W\d_]", removed):
        # what stood before the span, hole and all, is gone: a phrase the lost name
        # belonged to ("In , a major city ..., "), or the span opens mid-phrase ("titled
        # And the | Sea", "(| Begbie, 1870)"); not an opening phrase cut at its comma
        # around a word the hole finder doubts ("for a short while, | Shockley moved"),
        # nor a noun phrase with its participle ("a ceasefire agreement signed on ...")
        if any(not re.search(r"[^\W\d_]", text[a:b]) for a, b in earlier):
            return True
        if not re.search(r"[,;:]\s+$", removed):
            return True
    # "escalated in February 2021 when | Chief of ...": the word that opened the cut
    # clause goes from what is shown
    end = len(_DANGLING_END_WORD.sub("", text[:end].rstrip()))
    if not text[end:].strip(" .!?\"”'"):
        return False
    if _LOST_BEFORE_MARK.match(text, end):
        return True  # "the British submarine , the first"
    seam = _CLAUSE_SEAM.match(text, end)
    if seam is not None and seam.group().strip() == "(":
        # "the November 25 handover of Aghdara | ( sub-region) and parts of": a bracket
        # glosses the noun before it; when the phrase goes on after it, the cut is no seam
        close = text.find(")", end)
        if close != -1 and not _AFTER_ASIDE.match(text, close + 1):
            seam, end = None, close + 1
    if seam is None:
        # "primarily | by adding"; not "signed on November 9 | by President , ...", a
        # phrase after the date or after a whole clause that only adds to it, nor "was
        # published in 1969 | and sold copies", a second verb of a clause that is whole
        if not text[fact.mention.end : end].strip(" ,)"):
            return False
        if _ADJUNCT_AFTER.match(text, end) and not _GOES_ON.search(text, 0, end):
            return False
        second = re.match(r"\s+(?:and|but)\s+([a-z]+)\b", text[end:])
        return second is None or not _verb_of_the_subject(second.group(1), True)
    verb = _VERB_AFTER_SEAM.match(text, end)
    return verb is not None and _verb_of_the_subject(verb.group(1), verb.group(2) is not None)


def _brackets_cut(text: str) -> bool:
    """A bracket or a quotation opened and not closed, or closed and not opened."""
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return True
    if not any(bracket in text for bracket in "()[]"):
        return False
    for opening, closing in ("()", "[]"):
        depth = 0
        for character in text:
            depth += (character == opening) - (character == closing)
            if depth < 0:
                return True
        if depth:
            return True
    return False


def _points_outside(text: str) -> bool:
    """ "this doctrine", "Hugh did exactly this"; but "though these faced resistance" is a
    pronoun the sentence resolves."""
    did = _DID_THIS.search(text)
    if did and not (did.group(1) and did.group(1) not in STOPWORDS and _is_noun(did.group(1))):
        return True  # "did this work" names its work; "did this in 1201" does not
    for match in _POINTER.finditer(text):
        word, following = match.group(1), match.group(2)
        if word in STOPWORDS:
            continue  # "those of Poggendorff", "this in 1201"
        if _pointed_noun(word):
            return True
        if following and _adjective_only(word) and _pointed_noun(following):
            return True  # "this distant future"
    return False


def _leans_on_unseen(text: str) -> bool:
    """A demonstrative standing alone ("Asimov told him this", "This never came to pass")
    or a count of people or things ("The two knew each other well") in ``text``, a text
    shown with no sentence before it: what it stands for is in a sentence the learner
    cannot see (unless ``text`` names them first: "Davis and Evans ... the pair")."""
    for demonstrative in _DEMONSTRATIVE_OBJECT.finditer(text):
        # "...; however, the report could not prove this": the clause before says what
        if not _CLAUSE_BEFORE.search(text, 0, demonstrative.start()):
            return True
    opening = _DEMONSTRATIVE_SUBJECT.search(text)
    if opening and not _pointed_noun(opening.group(1)):
        return True
    acts = _DEMONSTRATIVE_ACTS.search(text)
    if acts and not _CLAUSE_OF_ITS_OWN.search(re.split(r"[.!?]\s+", text[: acts.start()])[-1]):
        return True
    if _OTHERS.search(text):
        return True
    for owner in _OWNED_SUBJECT.finditer(text):
        # "Released in _____, its front cover is a portrait": whose cover? ("During its
        # construction, the Eiffel Tower surpassed ...": the name follows, as its subject)
        if not _names_before(text[: owner.start()]):
            return True
    for similar in _SIMILAR.finditer(text):
        # "issued similar orders", "Similar attacks hit Barda district": what was done is
        # like what an unseen sentence tells, and by whom it does not say ("a similar
        # crew" after the first crew, "similar to the first", "similar success" say it or
        # ask nothing of it)
        if _is_plural_noun(similar.group(1)):
            return True
    for similar in _A_SIMILAR.finditer(text):
        # "reported that a similar design had been proposed by Borelli": like which design?
        # (not "a similar crew" after "the first crew": the text shown says which)
        if not re.search(rf"\b{similar.group(1)}", text[: similar.start()], re.IGNORECASE):
            return True
    for pair in _PAIR.finditer(text):
        before = text[: pair.start()]
        named = set(_NAME_INSIDE.findall(before)) | set(_PERSONAL.findall(before.lower()))
        if len(named) < 2:
            return True
    for there in _THERE.finditer(text):
        # "Wilbur arrived there on _____": where, the sentence before says (not "moved to
        # Paris in 1891 and died there")
        if not _PLACE_BEFORE.search(text, 0, there.start()):
            return True
    for such in _SUCH_KIND.finditer(text):
        # "performed the first such heterotopic heart transplant", "outline such
        # exceptions": of the kind an unseen sentence tells, unless the text shown tells
        # it first ("houses, barns and other such buildings" does not: a learner reads it)
        words = such.group(1).split()
        if "as" in words or re.match(r"\s+as\b", text[such.end() :]):
            continue  # "three such men as Babbage, De Morgan, and George Boole"
        earlier = text[: such.start()].lower()
        if not any(re.search(rf"\b{re.escape(word[:5].lower())}", earlier) for word in words):
            return True
    return False


# "arrived there", "died there": a place named before, in this sentence or an unseen one
_THERE = re.compile(
    r"\b(?:arrived|returned|went|moved|stayed|lived|travell?ed|settled|remained|died|worked|"
    r"met|fought|landed|gathered)\s+there\b"
)
# A place named after a preposition of place: "to Paris", "in the Netherlands"
_PLACE_BEFORE = re.compile(r"\b(?:in|to|at|from|near|into|on)\s+(?:the\s+)?[A-Z]")
# "such exceptions", "the first such heterotopic heart transplant": the words of the kind
# (up to three), not "such as", "such a success that", "such that"
_SUCH_KIND = re.compile(r"\bsuch\s+(?!as\b|that\b|an?\b)((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")


# "told him this", "after this": a demonstrative standing alone for what was said before
_DEMONSTRATIVE_OBJECT = re.compile(
    r"\b(?:this|these)(?=\s*(?:[,.;:…]|$)|\s+(?:to|in|on|at|for|with|and|but|when|which)\b)"
)
# "After being put on public display in Britain, this was presented to Stalin": the
# subject of the sentence's verb, after an opening phrase only (after a clause of its own,
# "established a Commission but Parliament was concerned this would lead to ...", it is
# what that clause tells)
_DEMONSTRATIVE_ACTS = re.compile(
    # "Although this eventually happened": an adverb between does not name the thing
    r"\b(?:this|these)\s+(?:[a-z]+ly\s+)?(?:was|were|is|are|has|have|had|would|will|could|"
    r"led|meant|made|caused|became|prompted|resulted|allowed|marked|happened|occurred|"
    r"took\s+place)\b"
)
_CLAUSE_BEFORE = re.compile(r"[;:]|,\s+(?:and|but|however|while|yet|so)\b|\b(?:which|that)\b")
# "Others followed suit", "The rest were sold": the ones before are in the unseen sentence
_OTHERS = re.compile(
    r"(?:^|[.!?]\s+)[\"“(]*(?:Others|The others|The rest|Many others)\s+(?!of\b)[a-z]+|"
    # "The other major contributors were ...": the first ones are in the unseen sentence
    r"(?:^|[.!?]\s+)[\"“(]*The\s+other\s+(?:[a-z]+\s+){0,2}[a-z]+s\s+(?!of\b)[a-z]+|"
    r"\bfollowed\s+suit\b|"
    # "Another Swedish engine was that of Martin Wiberg": another besides the one before
    r"(?:^|[.!?]\s+)[\"“(]*Another\s|"
    # "The third was Maj. Gen. Dunsterville": the third of what the unseen sentence counts
    r"(?:^|[.!?]\s+)[\"“(]*The\s+(?:second|third|fourth|fifth|sixth|last)\s+(?:was|were)\b|"
    # "female supply officers attended the course as well", "Even earlier id Software
    # code was released": in addition to, or before, what an unseen sentence tells
    r"\bas\s+well\b(?!\s+as\b)|\b(?:[Ee]ven|[Ss]till|[Mm]uch)\s+(?:earlier|later)\b(?!\s+than\b)|"
    # "the resulting albums": made by what an unseen sentence tells ("The resulting
    # Hay-Herran Treaty" names it)
    r"\b[Tt]he\s+resulting\s+(?![A-Z])|"
    # "The Gardai believe this Semtex": a name needs no "this" unless it points at one
    # told of before
    r"(?<![.!?]\s)(?<!^)\b(?:this|these)\s+[A-Z][a-z]+\b(?!\s+[A-Z])"
)
# A subject that opens with "its" or "their" (after a fronted phrase, if any)
_OWNED_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+|,\s+)(?:[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:is|are|was|were|has|have|had)\b"
)
_A_SIMILAR = re.compile(r"\b(?:[Aa]|[Aa]n)\s+similar\s+([a-z]+)\b(?!\s+(?:to|as)\b)")
_SIMILAR = re.compile(r"(?<!\ba\s)(?<!\ban\s)\b[Ss]imilar\s+([a-z]+)\b(?!\s+(?:to|as)\b)")
# A demonstrative opening a sentence as its subject ("This led to ...")
_DEMONSTRATIVE_SUBJECT = re.compile(r"(?:^|[.!?]\s+)[\"“(]*(?:This|These|That|Those)\s+([a-z]+)")


# A clause before a demonstrative, which it may stand for: a finite verb, a conjunction
_CLAUSE_OF_ITS_OWN = re.compile(
    r"\b(?:is|are|was|were|has|have|had|did|does|will|would|and|but|though|although|which|"
    r"that|when|while|because|[a-z]+ed)\b|[;:–—]"
)


def _pointed_noun(word: str) -> bool:
    # a word lemminflect does not know ("antipope") is most likely a noun
    return (_is_noun(word) or not getAllLemmas(word)) and not is_past_tense_verb(word)


def _adjective_only(word: str) -> bool:
    lemmas = getAllLemmas(word)
    return isinstance(lemmas, dict) and set(lemmas) == {"ADJ"}


# "The two knew each other well", "the pair", "the latter": people or things counted or
# ordered in sentences the learner cannot see, unless the text shown names them before
# ("Davis and Evans ... the pair")
_PERSONAL = re.compile(r"\b(?:he|she)\b")
_PAIR_VERBS = "have|had|were|was|are|became|began|met|married|knew|went|left|made|took|won|wrote"
_PAIR = re.compile(
    r"\b[Tt]he\s+(?:pair|couple|duo|trio|latter|former)\b(?!-)"
    r"(?!\s+(?:years?|months?|days?|dates?|half|part)\b)|"
    # "the two married", "The two kings maintained": not "the two Bohr brothers"
    r"\b[Tt]he\s+(?:two|three)\b(?!-)(?!\s+[A-Z])"
    rf"(?=\s+(?:[a-z]+(?:ed|s)|{_PAIR_VERBS})\b|\s+[a-z]+\s+(?:{_PAIR_VERBS})\b|[,.;])|"
    # "The three Qatari men were booked": a count and a demonym name no one
    r"\b[Tt]he\s+(?:two|three|four|five|six)\s+"
    rf"(?:{'|'.join(sorted(DEMONYMS, key=len, reverse=True))})\s+(?:men|women|people)\b"
)


def _names_before(text: str) -> bool:
    """Whether ``text`` names something a later "the agency" may stand for: a name inside
    it, or one opening it that is no common word ("NASA was established")."""
    opening = WORD.match(text.lstrip(" \"“'(…"))
    if opening and opening.group()[:1].isupper() and _proper_only(opening.group()):
        return True
    return any(
        name.lower() not in CALENDAR_WORDS
        and name.lower() not in STOPWORDS
        and name not in DEMONYMS  # "promotion for the album": not named by "European"
        for name in _NAME_INSIDE.findall(text)
    )


def _thing_unnamed(
    fact: Fact, subject: TitleSubject | None, text: str, lead: str = "", context: str = ""
) -> bool:
    """Whether ``text`` (what a question shows of the fact, after ``lead`` and the
    sentence ``context`` it shows before) says
    "villages in the district" (which district?), "the magazine's senior editor" (which
    magazine?) with nothing shown to say which: a place is named by a place name before it
    ("By 25 April the city had been encircled" after "The Battle of Berlin began ..."), a
    thing by a name before it ("NASA ..., and the agency"), an event by any name of its
    sentence ("The siege ended when Azerbaijani forces captured Shusha"), and "the band"
    by the title "Nirvana (band)"."""
    shown = context
    context = f"{context} {lead}"
    for match in _UNNAMED_INSTITUTION.finditer(text):
        # "the Academy": capitalized, it stands for a full name the text gave before
        if not re.search(rf"\b\w+\s+{match.group(1)}\b", f"{context} {text[: match.start()]}"):
            return True
    for match in _UNNAMED_ROOM.finditer(text):
        if not _NAMED_ROOM.search(f"{context} {text[: match.start()]}"):
            return True
    for match in _UNNAMED_THING.finditer(text):
        noun = match.group(1)
        if subject is not None and subject.named_by_title(fact, f"the {noun}"):
            continue
        before = f"{context} {text[: match.start()]}"
        if re.fullmatch(_PLACE_NOUNS, noun):
            named = (_proper_only(found.group(1)) for found in _PLACE_NAME.finditer(before))
            if not any(named):
                return True
        elif re.fullmatch(_EVENT_NOUNS, noun):
            # a heading shown before is no name of the event
            if not _names_before(shown) and not _names_before(text):
                return True
        elif not _names_before(context) and not _names_before(text[: match.start()]):
            return True
    return False


def _cut_before_complement(fact: Fact) -> bool:
    """ "ICANN approved the installation …" when the sentence goes on "of internationalized
    domain names": the thing is named by what was cut."""
    text = fact.span_text.rstrip(" .,;:")
    after = fact.text[fact.span[1] :]
    return (
        re.search(r"\b(?:the|a|an)\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*$", text) is not None
        and re.match(r"[\s,]*(?:of|for|to|between|against)\b", after) is not None
    )


# --- what only a sentence the learner cannot see names ------------------------------

# Things a text tells of in one sentence and then calls "the <noun>" in the next: "the
# case", "spotlighting the error", "a larger variation of the same design", "During the
# sessions", "the mansion", "The 2015 winner" (of what?). No name elsewhere in the same
# sentence says which (the Federal Trade Commission investigating "the case" is not the
# case), unlike "the agency" after "NASA".
_TOLD_BEFORE_NOUNS = (
    "case|error|mistake|bug|flaw|project|sessions|session|recordings|tour|mansion|"
    "incident|affair|scandal|allegations|charges|lawsuit|suit|winner|recipient|laureate|"
    # "The term was introduced in 1974 by Harry Braverman": which term, the sentence
    # before says ("what is now called the "Babbage principle"")
    "term|phrase|"
    # "a small committee be established to examine the matter": which matter, the
    # sentences before say
    "matter"
)
_TOLD_BEFORE = re.compile(
    # "the case", "the same design", "the antitrust case", "The _____ winner"
    rf"(?<!\bis )(?<!\bwas )(?<!\bbe )[Tt]he\s+(?:(?:[a-z][\w-]*|{BLANK}|\d{{4}})\s+)?"
    rf"({_TOLD_BEFORE_NOUNS})\b"
    # not "the case of Dreyfus", "the tour, "Bad" ...", "the lawsuit against Intel"
    r"(?!\s+(?:of|for|against|between|with|by|at|in|on|from|to)\s+(?:the\s+)?[A-ZÀ-ÖØ-ÞƏ\"“\d])"
    # nor "the case Roe v. Wade", "the tour, "Bad"" (but "During the sessions, Joplin")
    r"(?!\s+of\b)(?!\s+[A-ZÀ-ÖØ-ÞƏ\"“])(?!,\s+[\"“])(?!-)"
)
# "demonstrated that Bohr was correct" (about what?), "Moore handed over to Andy Grove"
# (handed over what?): a claim or a thing only a sentence the learner cannot see tells
_UNSEEN_COMPLEMENT = re.compile(
    r"\b(?:was|were|had\s+been|proved|proven)\s+(?:correct|right|wrong|mistaken)\s*(?:[.;…?]|$)|"
    # "handed over to", and "hand over to" as a typed question asks it
    r"(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )"
    r"\b(?:hand(?:s|ed)?|pass(?:es|ed)?)\s+(?:over|on)\s+to\b|"
    # "Expansion of the H-1B visa in 1990 also played a role." (in what?), and as a
    # typed question asks it, "did expansion of the H-1B visa play a role?"
    r"\bplay(?:ed|s|ing)?\s+(?:a|an)\s+(?:[a-z]+\s+)?(?:role|part)\s*(?:[.;…?]|$)"
)
# "the first session", "the worst mistake", "the next tour": an order or a degree that
# describes which one without a sentence before
# "published in the same journal", "split along the same lines": the same as what an
# unseen sentence tells (not "the same size as", "the same concert in the San Diego Sports
# Arena", "the same plane that was hijacked", "the Turing Award ... the same award", nor
# "we did not speak the same language" in a quotation; "the same year" is a time, asked
# apart; "a film of the same name" names itself)
_SAME = re.compile(
    # "The same three Nirvana albums were reissued": a count and a name before the noun
    r"\b[Tt]he\s+same\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:[A-Z][\w'’-]*\s+)*)?"
    r"(?!(?:year|month|day|week|night|morning|afternoon|evening|time|"
    r"period|date|age|season|decade|century|name|title)\b)([a-z]+)\b"
    r"(?![^,.;:]*\bas\b)(?!\s+(?:that|which|who)\b)"
    r"(?!\s+(?:(?:in|at|of|on|from|for|with|by)\s+)?(?:the\s+)?[A-ZÀ-ÖØ-ÞƏ\"“\d])"
)
# "Sun finished the process", "The issue reappeared", "the matter was settled": a noun that
# holds nothing of its own, only what the sentences before it say (a shell noun); said bare,
# with nothing after it to fill it ("the process of ...", "the question whether ...", "the
# issue, unification, ...", "the move to ..."), it is what an unseen sentence tells
_SHELL = re.compile(
    # "tables for that scheme": "that" after a preposition points as "the" does
    r"(?<!\bis )(?<!\bwas )(?<!\bbe )\b(?:[Tt]he|(?:for|to|with|of|in|on|at|by|from|into|"
    r"under|against|about|over)\s+that)\s+"
    # "The invasion plans for _____ were postponed": a plan of a kind is still unseen
    r"(?:[a-z]+\s+(?=plans?\b))?(process|issue|matter|problem|question|"
    r"situation|move|idea|dispute|controversy|debate|arrangement|practice|trend|change|"
    r"changes|effort|efforts|attempt|measure|measures|step|steps|scheme|plan|plans|"
    r"experiment|concept)\b"
    # the date asked ("for _____") fills nothing
    r"(?!\s+(?:of|that|whether|to|which|who|for(?!\s+_)|about|over|between|against|on|"
    r"in\s+[A-Z])\b)"
    r"(?![-’'])(?!,\s+(?:[\"“]|[a-z]+\s+[a-z]+,))(?!\s+[A-ZÀ-ÖØ-ÞƏ\"“])"
)
# Words of the sentence before a shell noun that tell what it holds: "Congress allowed the
# charter of the First Bank ... to lapse after Madison declined to take a strong stance on
# the issue" (the charter) but not "On _____, Sun finished the process"
SHELL_FILLED_WORDS = 8


def _shell_filled(text: str, match: re.Match[str]) -> bool:
    """Whether the shell noun of ``match`` is filled in ``text`` itself: by the long
    sentence before it, or as the first part of a compound ("the change requests")."""
    following = _NEXT_WORD.match(text, match.end())
    if following and _is_noun(following.group(1)) and not is_past_tense_verb(following.group(1)):
        return True
    sentence = re.split(r"(?<=[.!?])\s+", text[: match.start()])[-1]
    words = [word for word in WORD.findall(sentence) if word != BLANK.strip("_")]
    return len(words) >= SHELL_FILLED_WORDS


# Nouns for a wording, which the text shown may give itself
_WORDING_NOUNS = frozenset({"term", "phrase"})
_WORDING_TOLD = re.compile(r"\b(?:name|names|word|words|called|termed|dubbed|coined)\b|[\"“‘]")


def _wording_given(after: str, before: str) -> bool:
    """Whether the text shown gives the wording "the term" stands for: right after it
    ("the term robotics") or before it ("the Pinkerton name ..., and their use of the
    term")."""
    following = _NEXT_WORD.match(after)
    if following and _is_noun(following.group(1)) and not is_past_tense_verb(following.group(1)):
        return True
    return _WORDING_TOLD.search(before) is not None


_ORDERING_WORD = re.compile(
    r"(?:first|second|third|fourth|fifth|last|final|next|only|[a-z]+est|[a-z]+-worst)$"
)


def _told_before(fact: Fact, subject: TitleSubject | None, text: str, before: str = "") -> bool:
    """Whether ``text`` (what a question shows, ``before`` being a sentence it shows
    before it) says "the case", "the same design", "the sessions" for a thing that only a
    sentence the learner cannot see names: not when the title names it ("the tour" in an
    article on a tour), nor when the text names the thing with the same noun first ("the
    Moblin project ..., when they handed the project over"); nor "Bohr was correct" (about
    what?) and "Moore handed over to Andy Grove" (what?) with no sentence before."""
    if _UNSEEN_COMPLEMENT.search(text) and not before.strip():
        return True
    for same in _SAME.finditer(text):
        earlier = text[: same.start()]
        quoted = (earlier.count('"') + earlier.count("“") - earlier.count("”")) % 2
        # "received the Turing Award ..., and Berners-Lee received the same award"
        named = re.search(rf"\b{same.group(1)}\b", earlier, re.IGNORECASE)
        if not (before.strip() or quoted or named):
            return True
    shells = [match for match in _SHELL.finditer(text) if not _shell_filled(text, match)]
    for match in (*_TOLD_BEFORE.finditer(text), *shells):
        noun = match.group(1)
        words = match.group().split()
        if len(words) == 3 and _ORDERING_WORD.match(words[1]):
            continue
        if re.match(r"\s+(?:which|that|who)\b", text[match.end() :]):
            continue  # "the design which Koechlin had taken out": the clause says which
        shown_before = f"{before} {text[: match.start()]}"
        if re.search(rf"\b{re.escape(noun.rstrip('s'))}", shown_before, re.IGNORECASE):
            continue
        if noun in _WORDING_NOUNS and _wording_given(text[match.end() :], shown_before):
            continue  # "first used the term robotics", "the Pinkerton name ... the term"
        if before.strip() and _names_before(before):
            continue  # the sentence shown before says which
        if subject is not None and subject.named_by_title(fact, f"the {noun}"):
            continue
        return True
    return False


# --- a definite noun phrase for what the sentence before tells --------------------------

# "the offer", "this proposal", "its recommendations", "The other major contributors":
# a determiner, then the words of the noun phrase (adjectives and nouns, the last noun
# its head)
_DEFINITE = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir)\s+"
    r"([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3})"
)
# What says which after the phrase: "the offer of a loan", "the decision to withdraw",
# "the proposal that ...", "the company Intel", "the incident in 1975", "the room where"
_DEFINED_AFTER = re.compile(
    # "the new parliament, the All-Union Congress of People's Deputies"
    r",\s+(?:the\s+)?[A-ZÀ-ÖØ-ÞƏ\"“]|"
    r"\s+(?:(?:of|to|that|which|who|whom|whose|where|called|named|known|dated)\b|"
    r"(?:(?:for|in|at|from|by|with|between|among|amongst|against|on|under)\s+"
    r"(?:[a-z]+\s+)?)?"
    r"(?:the\s+)?(?:[A-ZÀ-ÖØ-ÞƏ\"“'‘(]|\d)|"
    # "the telegrams sent in the UK", "the company acquired by Olivetti" (not "the
    # incident happened in 1975", whose verb is the sentence's)
    r"(?:[a-z]+ed\s+by|(?:sent|made|built|held|written|given|taken|known|chosen|drawn|"
    r"shown|seen|won|brought|bought|sold|kept|found)\s+(?:in|by|to|from|at|for|on|with|"
    r"during))\b)"
)
# A preposition opening a sentence: "At the ceremony, Bhutto ...", whose comma ends the
# fronted phrase, not an apposition
_FRONTED = re.compile(r"[\"“(]*(?:[A-Z][a-z]+\s+){1,2}")
# The phrase goes on past the word taken for its head: "the white jersey and blue pants
# combination", "the state ratifying conventions"
_PHRASE_GOES_ON = re.compile(
    rf"\s+(?:(?:and|or)\s+(?!(?:{'|'.join(sorted(STOPWORDS))})\b)[a-z]|[a-z]+ing\b)"
)
# Nouns that say which thing they are without a sentence before: times ("the year", "the
# end"), orders and the world at large
_SELF_DEFINED = frozenset(
    """
    year years month months day days week weeks time times period decade century season
    date era age end beginning start middle rest first last next following same former
    latter whole world public way number part lot one ones two three
    """.split()
)
# A noun made from a verb: "proposal" (propose), "decision" (decide), "recommendation"
# (recommend), "contributor" (contribute), "offer" (offer)
_DERIVED = re.compile(r"(?:ation|ition|ion|al|ment|ance|ence|ure|or|er)$")


def _head(words: list[str]) -> str | None:
    """The noun a short noun phrase is about: "other major contributors were" ->
    "contributors", "offer ended" -> "offer"; None when the phrase describes its thing
    at more length ("the white jersey and blue pants combination", "the new lime green
    jerseys") or by order ("the last coronation banquet", "the first new song"), for then
    it says which thing it is."""
    phrase: list[str] = []
    for word in words:
        if word == "other" and not phrase:
            continue  # "the other contributors"
        if word in STOPWORDS:
            break
        lemmas = getAllLemmas(word)
        if not isinstance(lemmas, dict) or not ({"NOUN", "ADJ"} & set(lemmas)):
            break  # "the offer ended": a verb ends the phrase
        if phrase and word.endswith("ed") and is_past_tense_verb(word):
            break  # "the single peaked at number eight": "peaked" is its verb, no noun
        phrase.append(word)
    if not phrase or len(phrase) > 2 or any(_ORDERING_WORD.match(word) for word in phrase):
        return None
    return phrase[-1] if _is_noun(phrase[-1]) else None


def _tells_of(noun: str, text: str, introduces: bool = False) -> bool:
    """Whether ``text`` tells of the thing ``noun`` names: by the noun ("a company" ...
    "the company") or by the verb it is made from ("had offered loans" ... "the offer",
    "proposed an international board" ... "the proposal"). With ``introduces``, the noun
    after "the" or "this" does not count: 'Now "each part of the cauldron came under
    Hitler."' calls it known as the span does, and says no more which cauldron."""
    nouns = set(_noun_lemmas(noun)) or {noun}
    stems = {_DERIVED.sub("", lemma) for lemma in nouns} | nouns
    # "the ruling" (rule), "the hearing" (hear): a noun in -ing is its verb's act
    acts = {
        verb
        for lemma in nouns
        if lemma.endswith("ing")
        for verb in _verb_lemmas(lemma)
        if verb != lemma
    }
    for found in WORD.finditer(text):
        word = found.group().lower()
        if (
            found.group()[:1].isupper()
            and text[: found.start()].rstrip()[-1:] not in {"", "."}
            and not _name_head(text, found)
        ):
            continue  # "the Atoms for Peace Award" names no atom
        if (
            introduces
            and _POINTING_BEFORE.search(text, 0, found.start())
            and not re.match(r"\s+of\b", text[found.end() :])  # "the legend of King Arthur"
        ):
            continue
        lemmas = getAllLemmas(word)
        if not isinstance(lemmas, dict):
            continue
        if nouns & set(lemmas.get("NOUN", ())) or acts & set(lemmas.get("VERB", ())):
            return True
        for verb in lemmas.get("VERB", ()):
            root = verb.rstrip("e")
            for stem in stems:
                common = len(os.path.commonprefix([stem, root]))
                if len(stem) >= 4 and common >= max(4, len(stem) - 1, len(root) - 1):
                    return True
    return False


# A word that carries a name on to more capitals or a number: "Atoms for Peace", "Order of
# the Bath", "Unreal Engine 3"
_NAME_GOES_ON = re.compile(r"[\w'’-]*\s+(?:[A-Z0-9]|(?:of|for|and|de|du|von|the)\s+[A-Z])")


def _name_head(text: str, word: re.Match[str]) -> bool:
    """Whether the capitalized ``word`` is the last word of its name, the noun the name
    is one of: "Palace" in "the Winter Palace," and "entered the Palace at 10:25", but not
    "Atoms" or "Peace" in "the Atoms for Peace Award"."""
    return _NAME_GOES_ON.match(text, word.start()) is None


def _told_only_as_many(noun: str, text: str) -> bool:
    """Whether ``text`` writes ``noun`` only in its plural ("Several serious nuclear and
    radiation accidents have involved nuclear submarines" before "The reactor accident in
    _____"): it tells of several, and says not which one "the accident" is."""
    if re.search(rf"\b{re.escape(noun)}\b", text, re.IGNORECASE):
        return False
    plurals = {form for form in getInflection(noun, "NNS") or () if form != noun}
    return any(re.search(rf"\b{re.escape(form)}\b", text, re.IGNORECASE) for form in plurals)


_POINTING_BEFORE = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hese|[Tt]hat|[Tt]hose)\s+$")

# A noun the document writes after "the" this many times names a thing the whole story is
# about ("the barons" in "John, King of England", "the colonies" in "American Revolution",
# "the crew" in "Apollo 8"): a learner of the document knows which
STANDING_USES = 12


def standing_nouns(text: str) -> frozenset[str]:
    """The nouns ``text`` writes after "the" at least STANDING_USES times, and more than
    twice as often as it tells of one of many (:class:`_ManyUses`): "the album" of a
    band that made ten ("albums", "a live album", "their fifth album") is not one thing
    the learner knows, "the crew" of Apollo 8 is."""
    counts = Counter(word.lower() for word in re.findall(r"\b[Tt]he\s+([a-z]+)\b", text))
    frequent = [word for word, count in counts.items() if count >= STANDING_USES]
    if not frequent:
        return frozenset()
    many = _ManyUses(text)
    return frozenset(word for word in frequent if counts[word] > 2 * many.of(word))


# Words before a noun that make it one of several: "a single", "another album", "their
# fifth album", "the second single"
_ONE_OF_MANY = (
    r"a|an|another|other|one|each|every|any|new|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|next|previous|final|last|debut"
)
# One of those words and the one or two words after it ("a live album")
_ONE_OF_MANY_BEFORE = re.compile(rf"\b(?i:{_ONE_OF_MANY})\s+(?=([a-z-]+)\b(?:\s+([a-z]+)\b)?)")


class _ManyUses:
    """How often a text writes a noun in its plural or as one of several ("albums", "a
    single", "another live album"), counted in one reading of the text so that asking it
    of every frequent noun stays linear in the text's length."""

    def __init__(self, text: str) -> None:
        self._words = Counter(re.findall(r"\w+", text))
        self._after: Counter[str] = Counter()
        for match in _ONE_OF_MANY_BEFORE.finditer(text):
            following, next_but_one = match.group(1), match.group(2)
            self._after.update({following, next_but_one} - {None})

    def of(self, noun: str) -> int:
        plurals = {form for form in getInflection(noun, "NNS") or () if form != noun}
        return sum(self._words[form] for form in plurals) + self._after[noun]


def _sentences_before(fact: Fact, count: int = 2, skip: int = 0) -> str:
    """The ``count`` sentences of the passage before the fact's sentence, leaving out the
    ``skip`` nearest ones (those a question shows)."""
    earlier = [s.text for s in fact.block.sentences if s.end <= fact.sentence.start]
    return " ".join(earlier[: len(earlier) - skip][-count:])


def _refers_back(
    fact: Fact,
    subject: TitleSubject | None,
    text: str,
    before: str = "",
    standing: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``text`` (what a question shows, after ``before``) says "the offer", "the
    proposal", "its recommendations" for what one of the two sentences before it in the
    passage tells ("Both had offered loans.", "He proposed an international board."),
    which the learner cannot see. Not when the phrase says which itself ("the offer of a
    loan", "the company Intel", "the proposal that ..."), nor when the text shown names
    the thing first, nor for the title's or the section's thing."""
    if before.strip() and _names_before(before):
        return False  # "ABBA: the members announced ...": the lead says whose
    return bool(_heads_told_before(fact, subject, text, _sentences_before(fact), before, standing))


def _heads_told_before(
    fact: Fact,
    subject: TitleSubject | None,
    text: str,
    unseen: str,
    before: str = "",
    standing: frozenset[str] = frozenset(),
) -> list[str]:
    """The heads of the definite noun phrases of ``text`` ("the offer", "its
    recommendations") that stand for what ``unseen`` tells and nothing shown says
    (:func:`_refers_back`)."""
    heads: list[str] = []
    if not unseen.strip():
        return heads
    for match in _DEFINITE.finditer(text):
        head = _undefined_head(subject, text, match, standing)
        if head is None or not _tells_of(head, unseen):
            continue
        if _tells_of(head, f"{before} {text[: match.start()]}"):
            continue  # "the Moblin project ..., when they handed the project over"
        if _section_thing(head, fact.block.section, unseen, shown=before):
            continue
        if subject is not None and subject.named_by_title(fact, f"the {head}"):
            continue
        heads.append(head)
    return heads


def _undefined_head(
    subject: TitleSubject | None,
    text: str,
    match: re.Match[str],
    standing: frozenset[str] = frozenset(),
) -> str | None:
    """The head of the definite noun phrase ``match`` of ``text`` ("the offer", "its
    recommendations") when nothing in the phrase or after it says which thing it is, and
    the thing is none the whole document is about (the title's, a standing noun); or None.
    """
    earlier = text[: match.start()]
    if (earlier.count('"') + earlier.count("“") - earlier.count("”")) % 2:
        return None  # a quotation speaks of what its speaker had in view
    if match.group().lower().startswith(("its", "their")) and _names_before(earlier):
        return None  # "Peggy Caserta's memoir, ..., with its provocative title"
    words = match.group(1).split()
    head = _head(words)
    if head is None or head in _SELF_DEFINED or head in standing:
        return None
    if standing.intersection(words[: words.index(head)]):
        return None  # "the crew members" of Apollo 8, whose crew the document is about
    if subject is not None and set(_noun_lemmas(head) or (head,)) & subject.nouns:
        return None  # "the game" in an article on a game
    end = match.start(1) + next(
        word.end() for word in re.finditer(r"[a-z][a-z-]*", match.group(1)) if word.group() == head
    )
    defined = _DEFINED_AFTER.match(text, end)
    if defined and defined.group().startswith(",") and _FRONTED.fullmatch(earlier):
        defined = None  # "At the ceremony, Bhutto waved": the name is the subject
    if defined or _PHRASE_GOES_ON.match(text, end):
        return None
    after = WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if after and after.group() not in STOPWORDS and _is_noun(after.group()):
        if not is_past_tense_verb(after.group()):
            return None  # "the state legislatures": "state" is no head
    return head


# A sentence that opens on a definite noun phrase as its subject: "The war ended in
# stalemate", "The induction ceremony was held", "These documents were published", after
# a place it stands in ("In the United States, the single peaked at number eight")
_OPENING_DEFINITE = re.compile(
    r"(?:…\s+)?[\"“]?(?:(?:In|At|Across|Throughout|Outside)\s+(?:the\s+)?[A-Z][\w'’.-]*"
    r"(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*,\s+(?:the|this|these|those)|The|This|These|Those)\s+"
    r"([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3})"
)


def _unnamed_opening(
    fact: Fact,
    subject: TitleSubject | None,
    text: str,
    standing: frozenset[str] = frozenset(),
    lead: str = "",
) -> str | None:
    """The head of the definite subject ``text`` opens on ("clashes" in "The clashes
    lasted until ..."), when nothing shown says which; None when it names its subject.

    ``text`` is the first sentence a question shows: "The war ended", "The teams tested
    their solutions", "The induction ceremony was held" carry their subject over from the
    sentences before, which the learner cannot see. Encyclopedia prose names a thing once
    and then calls it "the war"; unless the phrase says which itself ("The war of 1812"),
    the title or the section names it, or the whole document is about it ("the crew" of
    Apollo 8), nothing tells the learner which war. ``lead`` is what the question shows
    before ``text`` (a heading)."""
    match = _OPENING_DEFINITE.match(text)
    if match is None:
        return None
    head = _undefined_head(subject, text, match, standing)
    if head is None:
        return None
    if _section_thing(head, fact.block.section, _sentences_before(fact), shown=lead + text):
        return None
    if subject is not None and subject.named_by_title(fact, f"the {head}"):
        return None
    return head


def _section_thing(head: str, section: str, unseen: str, shown: str) -> bool:
    """Whether "the <head>" is the one thing the section ``section`` is about, and the
    question shows the heading (in ``shown``), so that the learner knows which: its
    heading names it in the singular ("Security camera video") and the sentences before
    do not bring in one of several ("The Doubletree Hotel also had a security camera
    video. The FBI released the video": the section tells of three videos, the heading of
    none in particular; "Memorials": several). A heading the question does not show says
    nothing to the learner ("the palace" under "Assault on the Winter Palace")."""
    if section.lower() not in shown.lower():
        return False
    words = re.findall(r"[a-z]+", section.lower())
    if head not in words:
        return False
    return not any(
        not set(found.group(1).lower().split()) & STOPWORDS
        for found in _one_of_several(head).finditer(unseen)
    )


def _one_of_several(head: str) -> re.Pattern[str]:
    """ "a security camera video", "another memorial": ``head`` brought in as one of
    several, up to three words after the article (no function word among them: "a
    service over the wreck" brings in a service)."""
    return re.compile(
        rf"\b(?i:a|an|another|one|other)\s+((?:[a-z-]+\s+){{0,3}}){re.escape(head)}\b"
    )


# "Klavdia would later die", "Janis, which was reviewed ...": a person the document
# names in full elsewhere ("Klavdia Alekseyevna Vikhireva"), by a given name the document
# seldom uses alone, so the learner has not come to know them by it
_GIVEN_FAMILY = re.compile(
    r"(?<![\w'’-])([A-Z][a-zà-ÿ]+)[ \t]+(?:[A-Z]\.[ \t]+)*"
    r"(?:(?:de|van|von|da|di|du|del|der|le|la)[ \t]+)?([A-Z][a-zà-ÿ'’]+)\b"
)
# An office before a full name ("President", "WHO Director-General")
_OFFICE_BEFORE = re.compile(
    r"\b(?:([A-Z][a-z]+)|[A-Z][\w-]*(General|Director|Minister|Secretary|President))[ \t]+$"
)
# A name used alone at most this many times is one the learner does not know it by
# ("Napoleon", "Jadwiga", "Julia" are used alone tens of times)
RARE_GIVEN_NAME_USES = 3


def _alone(name: str) -> re.Pattern[str]:
    """``name`` alone: not part of a longer name ("Sotto il Monte", "Country Joe
    McDonald", "St. John's")."""
    return re.compile(
        rf"(?<![\w'’.-])(?<![A-Z][a-zà-ÿ]\s)(?<!\b(?:il|da|de|di) ){re.escape(name)}\b"
        r"(?!['’]s\b)(?!\s+(?:[A-Z]\.\s+)*(?:[A-ZÀ-ÖØ-ÞƏ]|(?:de|van|von|da|di|du|del|der)\s))"
    )


# Any word alone, as :func:`_alone` reads a name: one reading of the text counts every name
_ALONE_WORD = re.compile(
    r"(?<![\w'’.-])(?<![A-Z][a-zà-ÿ]\s)(?<!\b(?:il|da|de|di) )(\w+)\b"
    r"(?!['’]s\b)(?!\s+(?:[A-Z]\.\s+)*(?:[A-ZÀ-ÖØ-ÞƏ]|(?:de|van|von|da|di|du|del|der)\s))"
)


class _NameUses:
    """How a text uses names: in lower case ("although") and alone (:func:`_alone`),
    counted in one reading of the text, so that asking it of every name stays linear in
    the text's length."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words = set(re.findall(r"\w+", text))
        self._alone = Counter(_ALONE_WORD.findall(text))

    def in_lower_case(self, name: str) -> bool:
        if re.fullmatch(r"\w+", name):  # the name is one whole word of the counts
            return name.lower() in self._words
        return re.search(rf"\b{name.lower()}\b", self._text) is not None

    def alone(self, name: str) -> int:
        if re.fullmatch(r"\w+", name):
            return self._alone[name]
        return len(_alone(name).findall(self._text))


def rare_given_names(text: str, title: str = "") -> frozenset[str]:
    """Given names the document writes before a family name ("Klavdia" in "Klavdia
    Vikhireva"), not after an office ("WHO Director-General Tedros ..."), never as a
    family name itself, and alone at most RARE_GIVEN_NAME_USES
    times; or, the given name of the title's person ("Janis Joplin"), alone as the name of
    a thing ("Janis, which was reviewed ...": a film, which a learner reads as the
    person)."""
    title_given = _title_name(title).split()[0] if title.strip() else ""
    given: set[str] = set()
    families: set[str] = set()
    for match in _GIVEN_FAMILY.finditer(text):
        first, last = match.group(1), match.group(2)
        if not (_proper_only(first) and _proper_only(last.rstrip("'’"))):
            continue  # "Soviet Azerbaijan", "President Aliyev", "Although Intel"
        families.add(last)
        office = _OFFICE_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if office is None or office.group(1) not in TITLES and not office.group(2):
            given.add(first)  # "WHO Director-General Tedros ...": a public figure, whom
            # the document calls as it likes ("Tedros said")
    uses = _NameUses(text)
    return frozenset(
        name
        for name in given - families
        # "Although Intel ...", "Archbishop of Milan": a word the text also writes in
        # lower case is no name
        if not uses.in_lower_case(name)
        and (
            uses.alone(name) <= RARE_GIVEN_NAME_USES
            or (name == title_given and re.search(rf"(?<![\w'’-]){name},\s+which\b", text))
        )
    )


# Where a bare name is read as who acts: opening the text or a sentence, or after an
# opening phrase ("In _____, Claude was appointed"), or asked about ("did Klavdia die");
# not in apposition ("his wife, Marion")
_SUBJECT_PLACE = re.compile(r"(?:^|[.!?:;…]\s+|(?:\d|_)[,\s]\s*|\b(?:did|was|were|had|has)\s+)$")
# What follows a name that acts: a verb ("Klavdia would", "Claude was appointed", "did
# Marguerite give") or a relative clause ("Janis, which was reviewed"); not a noun
# ("the 1877 Palatine tiara")
_ACTS_AFTER = re.compile(r"\s*(?:,\s*(?:who|which)\b|\s([a-z]+)\b)")


def _bare_given_name(text: str, names: frozenset[str]) -> bool:
    """Whether ``text`` calls someone by a given name alone (:func:`rare_given_names`)
    where it says who acts: "Klavdia would later die in _____."."""
    for name in names:
        if re.search(rf"\b{re.escape(name)}\s+(?:and\s+)?[A-Z]", text):
            continue  # "Janet and Robyn Asimov ...; Janet revealed it": the text names her
        for match in _alone(name).finditer(text):
            after = _ACTS_AFTER.match(text, match.end())
            if not (after and _SUBJECT_PLACE.search(text[: match.start()])):
                continue
            verb = after.group(1)
            lemmas = getAllLemmas(verb) if verb else {"VERB": ()}
            if isinstance(lemmas, dict) and ("VERB" in lemmas or "AUX" in lemmas):
                return True
    return False


# A last name used alone at most this many times is one the learner has not come to know
# the person by: "Reed died in 1920" in an article that names John Reed twice and Reed
# once (the October Revolution calls Trotsky so three times, Lenin and Kerensky more
# than fifteen; Babbage is the life's own)
RARE_SURNAME_USES = 2
# A last name alone: not after a given name or a rank ("John Reed", "President Obama":
# :func:`_named_before`), not before another name ("Reed College"), not inside a word
_SURNAME_ALONE = r"(?<![\w'’.-]){name}\b(?!\s+[A-ZÀ-ÖØ-ÞƏ])"


# :data:`_SURNAME_ALONE` for any capitalized word ("Reed" of "Reed's" too)
_ANY_NAME_ALONE = re.compile(r"(?<![\w'’.-])([A-ZÀ-ÖØ-ÞƏ]\w*)\b(?!\s+[A-ZÀ-ÖØ-ÞƏ])")
_INITIAL_END = re.compile(r"\b[A-Z]\.\s+$")


def _name_key(name: str) -> str:
    """``name`` without accents: "Château Gaillard" and "Chateau Gaillard" are one name."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def rare_surnames(text: str, title: str = "") -> dict[str, str]:
    """Last names the document writes after a given name ("Reed" in "John Reed") and
    alone at most RARE_SURNAME_USES times, each with the full name a question writes
    for it ("John Reed"), or "" when the document gives the last name to two people
    ("Marius Barnard", "Christiaan Barnard"). Not a name of the title (the life's
    own "Babbage"), nor a word the document writes in lower case ("Railway" in
    "Birmingham Railway"); the given name is a name and no English word ("John", not
    "New" in "New England", nor "Royal" in "Royal Commission")."""
    own = set(WORD.findall(_title_name(title))) if title.strip() else set()
    uses = _NameUses(text)
    firsts: dict[str, Counter[str]] = {}
    for match in _GIVEN_FAMILY.finditer(text):
        first, last = match.group(1), re.sub(r"['’]s?$", "", match.group(2))
        if not _proper_only(first) or first in _RANKS or uses.in_lower_case(first):
            continue  # "Although Napata": a word, written in lower case elsewhere
        lower = last.lower()
        if lower in STOPWORDS or lower in CALENDAR_WORDS or last in TITLES or last in DEMONYMS:
            continue  # "Asimov On Numbers", "Joseph Stalin's Soviet": no last name
        firsts.setdefault(last, Counter())[first] += 1
    # "in Novgorod", "the University", "the Bay": a place or a thing
    places = set(re.findall(r"\b(?:in|to|from|at|into|across|of|[Tt]he)\s+(?=([\w'’-]+))", text))
    # every name alone, counted in one reading of the text (the words just before each:
    # searching the whole text before it would cost its length)
    alone: Counter[str] = Counter(
        match.group(1)
        for match in _ANY_NAME_ALONE.finditer(text)
        if match.group(1) in firsts
        and not _named_before(text[max(0, match.start() - 64) : match.start()])
    )
    surnames: dict[str, str] = {}
    for last, given in firsts.items():
        if last in own or last in places or uses.in_lower_case(last):
            continue
        if not 0 < alone[last] <= RARE_SURNAME_USES:
            continue
        holders = {_name_key(first) for first in given}
        surnames[last] = _full_name(text, last, next(iter(given))) if len(holders) == 1 else ""
    return surnames


# Given names, initials (not a ruler's number: "Pope Pius X. Radini ...") and particles
# ending where a last name starts
_NAME_WORDS_BEFORE = re.compile(
    r"(?<![\w'’.-])((?:(?:[A-ZÀ-ÖØ-ÞƏ][a-zà-ÿ]+|(?![IVX]\.)[A-Z]\.|de|van|von|da|di|du|del|der|le|la)"
    r"[ \t]+)+)$"
)


def _full_name(text: str, last: str, first: str) -> str:
    """The longest name the document writes ending in ``last``, after any rank in it:
    "Giovanni Battista Montini" (also written "Cardinal ... Battista Montini"), "Gerry
    Adams" (in "Sinn Féin President Gerry Adams"),
    "George W. Bush", "Charles de Gaulle"; ``first`` and ``last`` when there is none."""
    names = []
    for use in re.finditer(rf"\b{re.escape(last)}\b", text):
        # the name's words just before this use (a window: a name is short)
        form = _NAME_WORDS_BEFORE.search(text, max(0, use.start() - 80), use.start())
        if form is None:
            continue
        words = form.group(1).split()
        ranks = [at for at, word in enumerate(words) if word in _RANKS]
        words = words[ranks[-1] + 1 :] if ranks else words  # "Sinn Féin President"
        while words and not _proper_only(words[0].rstrip(".")):
            words.pop(0)  # "In", "de"
        if words:
            names.append(" ".join([*words, last]))
    return max(
        names, key=lambda name: (len(name.split()), names.count(name)), default=f"{first} {last}"
    )


def _named_before(before: str) -> bool:
    """Whether ``before`` ends on a given name, an initial or a rank that says whose
    last name follows: "John ", "John S. ", "President "; not "Later "."""
    word = re.search(r"([A-ZÀ-ÖØ-ÞƏ][\w.'’-]*)\s+$", before)
    if word is None:
        return False
    name = word.group(1)
    return name in _RANKS or re.fullmatch(r"[A-Z]\.", name) is not None or _proper_only(name)


def _bare_surnames(text: str, surnames: Mapping[str, str]) -> list[tuple[str, re.Match[str]]]:
    """The first use of each of ``surnames`` (:func:`rare_surnames`) alone in ``text``
    where it says who acts, as :func:`_bare_given_name` reads a given name ("In what
    year did Reed die?", "Collins was replaced"), with nothing shown before it that
    names the person in full: not "... a book written by John Reed. Reed died in _____",
    nor "Public Policy Institute", "(Schilling, 1832)"."""
    found = []
    for name in surnames:
        for match in re.finditer(_SURNAME_ALONE.format(name=re.escape(name)), text):
            after = _ACTS_AFTER.match(text, match.end())
            before = text[: match.start()]
            if not (after and _SUBJECT_PLACE.search(before)) or _INITIAL_END.search(before):
                continue  # "George W. Bush": no sentence ends at an initial
            verb = after.group(1)
            lemmas = getAllLemmas(verb) if verb else {"VERB": ()}
            if not (isinstance(lemmas, dict) and ("VERB" in lemmas or "AUX" in lemmas)):
                continue
            full = rf"[A-ZÀ-ÖØ-ÞƏ][\w'’-]+\s+(?:[A-Z]\.\s+)*{re.escape(name)}\b"
            if re.search(full, text[: match.start()]) is None:
                found.append((name, match))
            break
    return found


def _bare_rare_surname(text: str, surnames: Mapping[str, str]) -> bool:
    """Whether ``text`` calls someone by a last name the document seldom uses alone and
    gives to two people, so that no full name can be written for it (:func:`rare_surnames`)."""
    return any(not surnames[name] for name, _ in _bare_surnames(text, surnames))


def with_full_names(text: str, surnames: Mapping[str, str]) -> str:
    """``text`` with the full name written for the first use of a last name the document
    seldom uses alone: "In what year did Reed die?" -> "In what year did John Reed
    die?" (october-revolution.txt names him in full twice; the learner does not know who
    Reed is)."""
    for name, match in sorted(_bare_surnames(text, surnames), key=lambda found: -found[1].start()):
        if surnames[name]:
            text = text[: match.start()] + surnames[name] + text[match.end() :]
    return text


# "Wellington rose at around 02:00", "went to his study to take a nap": what a person does
# every day; the day it is dated by is that of something else the sentence does not ask
_EVERYDAY = re.compile(
    r"\b(?:rose\s+(?:at|early|before)|got\s+up|woke|awoke|went\s+to\s+bed|slept|napped|"
    r"(?:a|his|her|their)\s+nap|dined|breakfasted|had\s+(?:breakfast|lunch|dinner|supper))\b"
)


def _everyday(fact: Fact) -> bool:
    """The sentence of the date tells an everyday action ("rose at 02:00", "took a
    nap"): also when the date opens a phrase of its own ("Soon after 21:00 on 14 December
    1989, Sakharov went to his study to take a nap")."""
    return _EVERYDAY.search(fact.span_text) is not None


# "Politically active during the _____": a state, with no date of its own
_STATE_BEFORE = re.compile(
    r"(?:^|\b(?:was|were|is|are|been|remained|stayed|[A-Za-z]+ly)\s+)"
    r"([a-z]+)\s+(?:during|throughout)\s+(?:(?:the|much\s+of\s+the|most\s+of\s+the)\s+)?"
    r"(?:(?:early|mid|late)[\s-]+)?$"
)


def _state_that_lasted(fact: Fact) -> bool:
    """The date is the time a state lasted ("politically active during the 1960s",
    "was popular throughout the 1990s"): the state may have lasted longer, and another
    period is right too."""
    before = _STATE_BEFORE.search(fact.text, 0, fact.mention.start)
    if before is None:
        return False
    lemmas = getAllLemmas(before.group(1))
    return isinstance(lemmas, dict) and "ADJ" in lemmas and "VERB" not in lemmas


# "From the 1980s to the 2002 realignment", "The late 1880s through to the 1890s": a
# decade that opens a period, or closes one opened by another date
_OPENS_PERIOD = re.compile(r"\b(?:[Ff]rom|[Bb]etween)\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?$")
_PERIOD_GOES_ON = re.compile(r"\s+(?:to|through|until|till|and)\b")
_CLOSES_PERIOD = re.compile(
    r"(?:\d0s|\d{4})\s+(?:through\s+to|through|to|until|till|and)\s+(?:the\s+)?"
    r"(?:(?:early|mid|late)[\s-]+)?$"
)


def _decade_bound(fact: Fact) -> bool:
    """A decade is one end of a period the writer marks ("From the 1980s to the 2002
    league realignment, the Denver Broncos were a major rival", "The late 1880s through
    to the 1890s saw the discovery of ..."): a round end of a span with no event at it,
    where the decade next to it is often as right (the teams were rivals from 1977)."""
    mention = fact.mention
    if mention.date.granularity != "decade":
        return False
    text = fact.text
    opens = _OPENS_PERIOD.search(text, 0, mention.start) is not None and bool(
        _PERIOD_GOES_ON.match(text, mention.end)
    )
    return opens or _CLOSES_PERIOD.search(text, 0, mention.start) is not None


# "Current FPGAs can (as of 2016) implement ...": the date the writer looked
_AS_OF_BEFORE = re.compile(r"\bas\s+(?:of|at)\s+(?:(?:early|mid|late)[\s-]+)?$", re.IGNORECASE)
_PRESENT = frozenset("is are has have can do does will remains remain holds hold".split())


def _as_of_now(fact: Fact) -> bool:
    """ "Current FPGAs can (as of 2016) implement ...": "as of" a date in a sentence that
    tells how things stand (its verb in the present) dates the writer's look, not an
    event; "officials reported 2,425 killed as of late November" is a dated report."""
    if _AS_OF_BEFORE.search(fact.text, 0, fact.mention.start) is None:
        return False
    verb = _main_verb_at(fact.text)
    if verb is None:
        return True
    word = WORD.match(fact.text, verb)
    return word is not None and (
        word.group() in _PRESENT or (word.group().endswith("s") and not _is_past(word.group()))
    )


# "about 2001", "around 1850", "circa 1450", "c. 1200", "some time in": not an exact date
_APPROXIMATE_BEFORE = re.compile(
    r"\b(?:about|around|approximately|roughly|circa|c\.|ca\.|some\s+time\s+in)\s+"
    r"(?:(?:the\s+)?(?:early|mid|late)[\s-]+)?$",
    re.IGNORECASE,
)


# "Originally planned as ... to be flown in early 1969", "was scheduled for release in",
# "a CSM-only mission could be flown in December": what was meant to happen, or might have
_PLAN = re.compile(
    r"\b(?:planned|scheduled|intended|expected|slated|due|set|proposed)\s+(?:to|for|as)\b|"
    r"\b(?:was|were|is|are)\s+to\s+(?:be\s+)?[a-z]+|\bto\s+be\s+[a-z]+|"
    r"\b(?:could|might|would)\s+be\s+[a-z]+ed\b"
)


def _planned(fact: Fact) -> bool:
    """Whether the clause the date ends tells a plan or a possibility (the words after
    the last comma or semicolon before it)."""
    before = fact.text[fact.span[0] : fact.mention.phrase_start]
    clause = re.split(r"[;,]|\.\s", before)[-1]
    return _PLAN.search(clause) is not None


def _approximate(fact: Fact) -> bool:
    mention = fact.mention
    start = max(0, mention.phrase_start - 30)
    return _APPROXIMATE_BEFORE.search(fact.text, start, mention.start) is not None


def _subordinate_cut(fact: Fact) -> bool:
    """A subordinate clause cut from its main clause ("As advances threatened in early
    _____ …"), or cut from its own opening word ("… Army Group Don ... are included,
    German casualties were ..." after a cut "If")."""
    text = fact.span_text
    before = fact.text[: fact.span[0]]
    if _SUBORDINATOR_BEFORE.search(before) or (
        _PURE_SUBORDINATOR.match(before.lstrip(' "“(')) and not _has_finite_verb(before)
    ):
        return True  # the subordinate clause opened before the span and goes on in it
    rest = fact.text[fact.span[1] :]
    # a part that ends at a semicolon ends its sentence (facts.semicolon_part): "Since 15
    # August 1914 the canal has handled ...; the writer ..." is whole
    trimmed_end = bool(rest.strip(" .!?\"”'")) and not rest.lstrip().startswith(";")
    return bool(_SUBORDINATE_START.match(text)) and trimmed_end and "," not in text


# Words that open a clause and nothing else ("After leaving Bell Labs" is a phrase)
_PURE_SUBORDINATOR = re.compile(r"(?:If|When|While|Although|Though|Because|Unless|Whereas)\b")
_SUBORDINATOR_BEFORE = re.compile(
    r"\b(?:if|when|while|although|though|as|because|since|unless|whereas|once)\s*$",
    re.IGNORECASE,
)


def _span_read_as_a_point(fact: Fact) -> bool:
    """A span of time the sentence puts the event "in" or "during" ("Armenian advances
    gained momentum in 1992–1993", "During 1955–85, research at Stanford followed three
    waves", "an Ottoman force conquered the north in 1820–1821"): the event lies
    somewhere inside it, so a year of it answers "in _____" as well as the span, and the
    span's ends are the writer's. "From 1828 to 1839", "between 1967 and 1975", a span
    in brackets after a name and one that names its noun ("during the 1870–1871 siege
    of Paris": the siege lasted so) give the ends of what lasted, and are asked."""
    mention = fact.mention
    opening = fact.text[mention.phrase_start : mention.start].strip().lower()
    return (
        mention.date.granularity == "range"
        and mention.season is None
        and opening in _POINT_PREPOSITIONS
    )


_POINT_PREPOSITIONS = frozenset({"in", "during"})

# "collected about 12 percent of the GDP", "was 9.4%", "accounted for about 16%", "grew
# at an average of 2.6%", "fell about 50%", "the budget was $2.8 billion": a verb of
# measure, then a share or an amount
_MEASURED_FIGURE = re.compile(
    r"\b(?:is|are|was|were|stood\s+at|accounted\s+for|collected|grew|declined|fell|"
    r"dropped|rose|increased|decreased|reached|received|lost|losing|totall?ed|"
    r"amounted\s+to|had\s+fallen|had\s+risen)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:US)?[$€£]?\d[\d.,]*\s*(?:%|percent\b|per\s+cent\b|(?:million|billion|trillion)\b)",
    re.IGNORECASE,
)


def _measured_figure(fact: Fact) -> bool:
    """The sentence gives a figure and the date it was measured at ("The British tax
    system collected about 12 percent of the GDP in taxes during the 1770s", "Dell
    accounted for about 16% of Intel's total revenues in 2017", "The unemployment rate
    of the region was 9.4% in January 2009"): a share, a rate or a budget has a value
    at every date, often the same one for years, so the date is no event's, and
    "in which year was it 16%?" is a guess. A stake bought ("purchased a 30% stake") or
    votes won are events, and their verbs are not these; a figure in another clause
    ("spending rose to 5.24%, funding drones announced in June 2020") is not the date's.
    A period that opens the sentence dates the clause after it: "Between 1991 and 1995,
    the employment rate of men with disabilities dropped by 7.8%"."""
    if _MEASURED_FIGURE.search(_date_clause(fact)) is not None:
        return True
    text = fact.text
    comma = text.find(", ", fact.mention.end)
    if _OPENING_PERIOD.match(text) is None or comma == -1:
        return False
    if _main_verb_at(text[:comma]) is not None:
        return False  # the comma closes a clause of its own, not the opening phrase
    end = _CLAUSE_BREAK.search(text, comma + 2)
    return _MEASURED_FIGURE.search(text, comma + 2, end.start() if end else len(text)) is not None


# "Between 1991 and 1995, ...", "From 1990 to 2000, ...": a period opening the sentence
_OPENING_PERIOD = re.compile(r"\W*(?:Between|From|During|Over)\b")


# Where a clause ends: a semicolon, a colon, a comma not inside a number, a bracket, a dash
_CLAUSE_BREAK = re.compile(r"[;:()]|,(?!\d)|\s[–—]\s")


def _date_clause(fact: Fact) -> str:
    """The clause that holds the fact's date, and the next one when the date opens the
    sentence alone ("In 2017, Dell accounted for ...")."""
    text, mention = fact.text, fact.mention
    before = [found.end() for found in _CLAUSE_BREAK.finditer(text, 0, mention.phrase_start)]
    start = before[-1] if before else 0
    after = [found.start() for found in _CLAUSE_BREAK.finditer(text, mention.end)]
    end = after[0] if after else len(text)
    if after and not text[start : mention.phrase_start].strip():
        later = [found.start() for found in _CLAUSE_BREAK.finditer(text, end + 1)]
        end = later[0] if later else len(text)
    return text[start:end]


# "rose from 43,000 in _____", "$5 billion in _____", "up from 7.8% in _____": a figure
# (an amount of money, a share, a number in thousands) right before the date's "in"
_FIGURE_IN = re.compile(
    r"(?:[$€£¥]\s*\d[\d.,]*(?:\s*(?:million|billion|trillion)\b)?"
    r"|(?<![\d–-])\d[\d.]*\s*(?:%|percent\b|per\s+cent\b|million\b|billion\b|trillion\b)"
    r"|(?<![\d–-])\d{1,3}(?:,\d{3})+)\s+(?:in|during)\s+$",
    re.IGNORECASE,
)


def _dated_figure(fact: Fact) -> bool:
    """The date is that of a figure written right before it ("Azerbaijan's GDP growth
    from $5 billion in 2000 to over $50 billion by 2014", "The Asian-American population
    rose from 43,000 in 1970 to 430,000 in 2000", "up from 7.8% in December 2008"): a
    figure, often rounded, holds near its date too ($4.6 billion in 1999, $5.7 billion in
    2001), so a neighbouring year is right too."""
    return _FIGURE_IN.search(fact.text, 0, fact.mention.start) is not None


# "to mark the tower's 100th anniversary", "the centennial of the French Revolution",
# "the Golden Jubilee": a date counted from another
_ANNIVERSARY = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|[a-z]+(?:th|st|nd|rd))\s+anniversary\b|"
    r"\b(?:centenary|centennial|bicentenary|bicentennial|tercentenary|sesquicentennial|"
    r"jubilee|millenni(?:um|al))\b",
    re.IGNORECASE,
)


def _anniversary(fact: Fact) -> bool:
    """The sentence dates an anniversary ("a special lighting display on the tower in
    1989 to mark the tower's 100th anniversary", "the proposed 1889 Exposition
    Universelle, a world's fair to celebrate the centennial of the French Revolution"):
    the date is counted from the one it marks, which the learner knows or sees. The
    anniversary dates the date nearest it: "In June 1990 a French court ruled that a
    display in 1989 marked the tower's 100th anniversary" still asks the ruling."""
    mentions = [mention for mention in _dates_in(fact.text) if not mention.relative]
    for mark in _ANNIVERSARY.finditer(fact.text):
        nearest = min(
            mentions,
            key=lambda m: max(0, mark.start() - m.end, m.start - mark.end()),
            default=None,
        )
        if nearest is not None and nearest.start == fact.mention.start:
            return True
    return False


# A source the sentence cites for what it tells: "As a 2017 BBC retrospective article
# describes, ...", "According to the 1990 census", "Per a News article ... of the
# December 1984 issue of Acorn User": the citing phrase runs from "According to", "Per"
# or "As" to the next comma; it names a source's noun (and, after "As", a verb of telling)
_SOURCE_NOUNS = (
    r"article|report|study|survey|interview|documentary|review|biography|obituary|"
    r"editorial|retrospective|census|poll|analysis|paper|account|profile|essay|column|"
    r"issue|edition|book|memoir|history|estimate"
)
_CITING = re.compile(r"(?:^|[,;:]\s+)(according\s+to|per|as)\s+([^,;:!?]{1,160})", re.IGNORECASE)
_SOURCE_NOUN = re.compile(rf"\b(?:{_SOURCE_NOUNS})s?\b", re.IGNORECASE)
_TOLD = re.compile(
    r"\b(?:describes|described|notes|noted|reports|reported|says|said|states|stated|writes|"
    r"wrote|explains|explained|recounts|recounted|observes|observed|puts\s+it|put\s+it)\b",
    re.IGNORECASE,
)


def _source_date(fact: Fact) -> bool:
    """The date is that of a source the sentence cites for what it tells ("As a 2017 BBC
    retrospective article describes, 'Journalists and film crews flooded into Cape Town
    ...'", "Per a News article on page 9 of the December 1984 issue of Acorn User, the
    Plus 3 was ..."): when the source was written is no part of the history it tells, and
    the learner cannot know which article it was. An "As" phrase cites only with its verb
    of telling ("as the 1990 report describes"), not "as the 1990 census approached"."""
    for match in _CITING.finditer(fact.text):
        start, end = match.span(2)
        if not start <= fact.mention.start < end:
            continue
        phrase = match.group(2)
        cites = _SOURCE_NOUN.search(phrase) is not None
        if match.group(1).lower() == "as":
            cites = cites and _TOLD.search(phrase) is not None
        return cites
    return False


# What every form shows of the sentence must read alone.
SHOWN_RULES: tuple[Rule[WhenDraft | ClozeDraft], ...] = (
    Rule(
        "brackets-cut",
        "the span cuts a bracket or a quotation open",
        lambda d: _brackets_cut(d.fact.span_text),
    ),
    Rule(
        "glued-sentences",
        "two sentences are glued together ('vocals.In Utero'): text debris",
        # the whole sentence: a span may start right after the glue ("… Utero debuted")
        lambda d: _GLUED.search(d.fact.text) is not None,
    ),
    Rule(
        "split-title",
        "the sentence was split inside a title ('Mamma Mia! Here We Go Again, was released')",
        lambda d: _SPLIT_TITLE.match(d.fact.text) is not None,
    ),
    Rule(
        "points-outside",
        "'this' or 'these' with a noun points to a sentence the learner cannot see",
        lambda d: _points_outside(d.fact.span_text),
    ),
    Rule(
        "cut-before-complement",
        "the text stops after 'the <noun>' whose complement ('of ...') was cut off",
        lambda d: _cut_before_complement(d.fact),
    ),
    Rule(
        "approximate",
        "the date is approximate ('about 2001', 'around 1850'): no exact answer",
        lambda d: _approximate(d.fact),
    ),
    Rule(
        "as-of",
        "the date is when the writer looked ('as of 2016'), not when anything happened",
        lambda d: _as_of_now(d.fact),
    ),
    Rule(
        "subordinate-cut",
        "a subordinate clause is cut from the main clause it hangs on",
        lambda d: _subordinate_cut(d.fact),
    ),
    Rule(
        "cut-at-hole",
        "the text shown was cut away from a hole (a name or number the source lost) and "
        "lacks what the hole held ('In , a major city ..., | Smerch rockets struck', 'sunk "
        "by the British submarine |')",
        lambda d: _cut_at_hole(d.fact),
    ),
    Rule(
        "everyday-action",
        "the date is that of an everyday action ('rose at 02:00', 'took a nap'): the day "
        "belongs to an event the sentence does not ask",
        lambda d: _everyday(d.fact),
    ),
    Rule(
        "decade-bound",
        "a decade is one end of a period ('From the 1980s to the 2002 realignment', 'the "
        "late 1880s through to the 1890s'): a round end, the next decade is right too",
        lambda d: _decade_bound(d.fact),
    ),
    Rule(
        "state-lasted",
        "the date is a time a state lasted ('politically active during the 1960s'): "
        "another period is right too",
        lambda d: _state_that_lasted(d.fact),
    ),
    Rule(
        "measured-figure",
        "the date is when a figure was measured ('collected 12 percent of GDP during the "
        "1770s', 'was 9.4% in January 2009'): no event, and other dates have figures too",
        lambda d: _measured_figure(d.fact),
    ),
    Rule(
        "dated-figure",
        "the date is a figure's, written right before it ('from $5 billion in 2000', 'from "
        "43,000 in 1970'): a rounded figure holds near its date too",
        lambda d: _dated_figure(d.fact),
    ),
    Rule(
        "anniversary",
        "the date marks an anniversary ('the tower's 100th anniversary', 'the centennial of "
        "the Revolution'): it is counted from the date it marks",
        lambda d: _anniversary(d.fact),
    ),
    Rule(
        "source-date",
        "the date is that of a source the sentence cites ('As a 2017 BBC retrospective "
        "article describes'): when the source was written is no part of the history",
        lambda d: _source_date(d.fact),
    ),
    Rule(
        "span-read-as-a-point",
        "a span the event happened 'in' or 'during' ('gained momentum in 1992–1993'): "
        "a year inside it is right too",
        lambda d: _span_read_as_a_point(d.fact),
    ),
)


# --- typed "when" questions -------------------------------------------------------------

# How a typed question asks for each granularity; a granularity not listed is asked as
# "In what <granularity>".
_WH_NOUN = {"day": "date", "month": "month and year", "year": "year"}
_WH_PREPOSITION = {"day": "On"}


def _wh_phrase(date_value: DateValue, qualifier: str | None, preposition: str | None) -> str:
    """ "On what date", "In what month and year", "In what decade", "Between which
    years", "Since what year"."""
    granularity = date_value.granularity
    if granularity == "range":
        start, end = date_value.sort_key(), date_value.end_key()
        unit = "dates" if start[2] or end[2] else "months" if start[1] or end[1] else "years"
        return f"Between which {unit}"
    noun = _WH_NOUN.get(granularity, granularity)
    # only a deadline is asked with "by", "before" or "after" (see _open_bound)
    bounds = {"by", "until", "before", "after", "since"}
    bound = next((w.lower() for w in (preposition, qualifier) if w and w.lower() in bounds), "")
    if bound:
        return f"{bound.capitalize()} what {noun}"
    return f"{_WH_PREPOSITION.get(granularity, 'In')} what {noun}"


def _year_text(value: DateValue) -> str:
    """The year a date lies in, as the bank displays years ("1962")."""
    try:
        return DateValue.from_parts(value.sort_key()[0]).display()
    except ValueError:
        return str(value.sort_key()[0])


def _heading_gives_year(fact: Fact) -> bool:
    """The section's heading dates its event by the fact's year ("2023 Azerbaijani
    Anti-Terror Operation and Separatist Surrender"), which the learner of a typed
    question never sees: "On what date did Azerbaijani armed forces initiate a military
    offensive in Nagorno-Karabakh?" under the title "Second Nagorno-Karabakh War" asks
    for the title's war of 2020, and the key is 19 September 2023. The question names
    the year the heading gave ("On what date in 2023 did ...")."""
    section = fact.block.section
    if not section:
        return False
    year = _year_text(fact.mention.date)
    return any(
        m.date.granularity == "year" and _year_text(m.date) == year for m in _dates_in(section)
    )


@dataclass
class WhenDraft:
    """A fact and what the writer knows of its document, for :data:`WHEN_RULES`.

    Attributes:
        fact: the fact to ask.
        shared_names: last names the document gives to two people.
        common: words the document writes in lower case.
        ambiguous: a similar event elsewhere in the document has another date.
        subject: what "the <noun>" means under the title (:func:`title_subject`).
        person: the person the document is a life of, whom "him" or "her" may stand for.
        given_names: given names the document seldom uses alone
            (:func:`rare_given_names`).
        standing: nouns that name what the whole document is about
            (:func:`standing_nouns`).
        rare_surnames: last names the document seldom uses alone, with the full name
            for each (:func:`rare_surnames`).
    """

    fact: Fact
    shared_names: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    ambiguous: bool = False
    subject: TitleSubject | None = None
    person: Person | None = None
    given_names: frozenset[str] = frozenset()
    standing: frozenset[str] = frozenset()
    rare_surnames: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def clause(self) -> Clause:
        return Clause(self.fact)

    @cached_property
    def wh(self) -> str:
        mention = self.fact.mention
        wh = _wh_phrase(mention.date, mention.qualifier, mention.preposition)
        if mention.date.granularity == "day" and (
            mention.inferred or _heading_gives_year(self.fact)
        ):
            wh += f" in {_year_text(mention.date)}"
        return wh

    @cached_property
    def passive(self) -> PassivePhrase:
        return PassivePhrase(self.fact)

    @cached_property
    def prompt(self) -> str | None:
        """The question, once the rules passed."""
        if self.fact.form != "clause":
            return self.passive.question(self.wh)
        statement = self.clause.statement()
        # "Britain's Household Cavalry likewise adopted": the adverb points to the unseen
        subject = _TRAILING_CONNECTIVE.sub("", statement.subject)
        subject = _subject_in_question(subject, self.common)
        rest = f" {statement.rest}" if statement.rest else ""
        if statement.auxiliary:
            # "had been encircled" -> "had the city been encircled"
            first, _, others = statement.auxiliary.partition(" ")
            verb = f"{others} {statement.verb}".strip()
            question = f"{self.wh} {first} {subject} {verb}{rest}?"
        else:
            lemma = verb_lemma(statement.verb) or statement.verb
            question = f"{self.wh} did {subject} {lemma}{rest}?"
        return re.sub(r"\s{2,}", " ", question)

    @property
    def asked(self) -> str:
        """The subject the question asks about ("Azerbaijani forces")."""
        if self.fact.form != "clause":
            return self.passive.subject or ""
        return self.clause.subject


# A question that ends on "a"/"an", at most one word, and a noun of a thing a body or a
# person holds or writes again and again
_ONE_OF_MANY_END = re.compile(
    r"\b(?:a|an)\s+(?:[\w-]+\s+)?(?:session|meeting|paper|statement|report|conference|"
    r"speech|visit|interview|hearing|debate|summit|announcement)\?$"
)


def _ends_on_one_of_many(prompt: str) -> bool:
    """ "On what date did the United Nations Security Council hold an emergency
    session?", "In what month and year did Cabinet agree at a meeting?", "... did Hulme
    prepare a paper?": the cloze keeps what the session issued or what the paper was,
    the question keeps only "a session", which the Council may hold many times on one
    war; the same document has Cabinet agree to the programme in November 1952 and in
    July 1954."""
    return _ONE_OF_MANY_END.search(prompt) is not None


_TRAILING_CONNECTIVE = re.compile(
    r"(?:\s+(?:also|likewise|similarly|then|thus|therefore|however|meanwhile|too|"
    r"subsequently|later|instead|nonetheless|nevertheless|consequently|in\s+turn))+$"
)


class PassivePhrase:
    """A participle or gerund phrase asked in the passive: "a ceasefire agreement signed
    on November 9" -> "On what date was the ceasefire agreement signed?"; "issuing
    statements via the State Department on September 27" -> "On what date were
    statements issued via the State Department?"."""

    def __init__(self, fact: Fact) -> None:
        self.fact = fact
        mention = fact.mention
        self.words = fact.text[fact.span[0] : mention.phrase_start].strip().split()
        self.noun_words: list[str] = []
        self.subject: str | None = None
        self.participle: str | None = None
        self.rest = ""
        self.copula = ""
        if fact.form == "defined":
            defined = defined_subject(fact.text)
            if defined is not None and self.words:
                self.subject, self.copula = defined
                self.participle = self.words[0]
        elif fact.form == "passive" and self.words:
            *noun_words, self.participle = self.words
            if noun_words and noun_words[0].lower() in {"a", "an"}:
                noun_words[0] = "the"
            self.noun_words = noun_words
            self.subject = " ".join(noun_words)
        elif self.words:
            lemma = verb_lemma(self.words[0])
            self.participle = past_participle(lemma) if lemma else None
            tail = " ".join(self.words[1:])
            split = re.search(
                r"\s(?=(?:by|in|on|at|to|from|with|for|into|via|through|across)\s)", " " + tail
            )
            self.subject = tail[: split.start()].strip() if split else tail
            self.rest = " " + tail[split.start() :].strip() if split else ""

    def question(self, wh: str) -> str:
        assert self.subject is not None and self.participle is not None
        if self.fact.form == "defined":
            return f"{wh} {self.copula} {_subject_in_question(self.subject)} {self.participle}?"
        auxiliary = "were" if _plural(self.subject) or " and " in self.subject else "was"
        subject = _subject_in_question(self.subject)
        return re.sub(r"\s{2,}", " ", f"{wh} {auxiliary} {subject} {self.participle}{self.rest}?")


PASSIVE_RULES: tuple[Rule[PassivePhrase], ...] = (
    Rule(
        "date-modifies-noun",
        "the date modifies a noun (no preposition, or an article before it)",
        lambda p: p.fact.mention.preposition is None,
    ),
    Rule(
        "several-dates",
        "the clause holds more than one date",
        lambda p: p.fact.dates_in_span != 1,
    ),
    Rule(
        "no-participle",
        "no participle to ask the phrase in the passive",
        lambda p: p.subject is None or p.participle is None,
    ),
    Rule(
        "participle-subject",
        "the date's verb is a participle of the subject ('a plan agreed in 1997 led to')",
        # "a board chaired by Lew Allen reported": "chaired by" was the participle
        lambda p: p.fact.form == "passive" and "by" in p.noun_words,
    ),
    Rule(
        "pronoun-subject",
        "the subject is a pronoun or a bare noun ('it', 'the city') that names nothing",
        lambda p: (
            p.fact.form != "defined"
            and (
                not p.subject
                or _needs_context(p.subject)
                or _PRONOUN_SUBJECT.match(p.subject) is not None
                # "were statements issued via the State Department": which statements?
                or (len(p.subject.split()) <= 3 and not re.search(r"[A-Z]", p.subject))
            )
        ),
    ),
    Rule(
        "two-actions",
        "the phrase tells two actions ('disrupting resupply and causing shortages')",
        lambda p: (
            p.fact.form != "defined" and re.search(r"\band\s+\w+ing\b", p.subject or "") is not None
        ),
    ),
)


# "by 1990", "as late as August 1939", "no later than": the date bounds the event, which
# may have happened any time before it (or after it)
_OPEN_BOUND_BEFORE = re.compile(
    r"\b(?:by|before|after|prior\s+to|as\s+(?:late|early)\s+as|no\s+(?:later|earlier)\s+than|"
    r"(?:until|till)\s+at\s+least)\s+(?:(?:early|mid|late|the)[\s-]+)*"
    r"(?:(?:spring|summer|autumn|fall|winter|end|beginning|start|middle|turn)\s+of\s+"
    r"(?:the\s+)?|(?:Christmas|Easter|Thanksgiving|New\s+Year'?s?)\s+)?$",
    re.IGNORECASE,
)


# "mandating Armenian withdrawal from Kalbajar by November 15", "were to leave by": a
# deadline someone set, whose date is the deadline itself
_OBLIGATION = re.compile(
    r"\b(?:mandat\w*|requir\w*|deadline|obliged|obligat\w*|ordered|demand\w*|ultimatum|"
    r"(?:was|were|had)\s+to|must|scheduled|agreed\s+to)\b",
    re.IGNORECASE,
)


def _open_bound(fact: Fact) -> bool:
    """The date is an open bound ("by 1990", "as late as 1939"), not when it happened; a
    deadline set in the sentence ("mandating withdrawal from Kalbajar by November 15")
    is a date of its own."""
    mention = fact.mention
    start = max(0, mention.phrase_start - 40)
    if _OPEN_BOUND_BEFORE.search(fact.text[start : mention.start]) is None:
        return False
    if _agent_named_by_year(fact):
        return False
    return _OBLIGATION.search(fact.text, 0, mention.phrase_start) is None


# "dissolved by the 1660 Restoration", "as demonstrated by the 1212 plot": "by" after a
# participle names who or what did it, and the year dates that noun
_AGENT_BY = re.compile(r"\b([a-z]+)\s+by\s+the\s+$")


def _agent_named_by_year(fact: Fact) -> bool:
    """The date is a bare year after "<participle> by the" with its noun after it: the
    agent of a passive, not a bound."""
    mention = fact.mention
    agent = _AGENT_BY.search(fact.text, max(0, mention.start - 40), mention.start)
    return (
        agent is not None
        and mention.text.isdigit()
        and is_past_participle(agent.group(1))
        and re.match(r"\s+[A-Za-z]", fact.text[mention.end :]) is not None
    )


# Verbs of a change that comes by degrees
_GRADUAL = frozenset(
    """escalate intensify grow increase decrease decline worsen improve deteriorate expand
    spread shrink strengthen weaken deepen ease subside""".split()
)


def _gradual(clause: Clause) -> bool:
    """ "Tensions escalated into intense fighting", "Sudan became more pro-Western": the
    verb, or "became" with a comparative, tells a change by degrees."""
    if clause.fact.date.granularity == "range" or clause.auxiliary in {"was", "were"}:
        return False  # "grew at 2.6% between 1960 and 1965"; "the force was increased"
    verb = verb_lemma(clause._verb[0]) or ""
    rest = (clause.rest or "").split()
    if verb in _GRADUAL:
        # "escalated into fighting", "grew substantially": not "improved the concept"
        return not rest or rest[0].lower() in _PREPOSITION_WORDS or rest[0].endswith("ly")
    return verb == "become" and bool(rest) and rest[0].lower() in {"more", "less", "increasingly"}


# A pronoun after the verb that is not the subject's own ("her first album"), nor an "it"
# that stands for nothing ("made it possible")
_OBJECT_PRONOUN = re.compile(
    r"\b(?:it(?!\s+(?:possible|impossible|clear|difficult|easy|necessary|likely)\b)|"
    r"them|they|him|he|she|her(?!\s+[a-z]+))\b"
)


def _object_pronoun(draft: WhenDraft) -> bool:
    """What follows the verb of a typed question holds a pronoun that cannot be its
    subject and that nothing named before it in the question stands for: "did Polygram
    add a crown emblem to it"; "did Joplin record her first album" is the subject's own,
    "did Wrangel's fleet evacuate him" is Wrangel, "urging them" after "the other
    colonies" are they, and in a life "him" is the person of the title."""
    rest = draft.clause.rest or ""
    pronoun = _OBJECT_PRONOUN.search(rest)
    if pronoun is None:
        return False
    word, before = pronoun.group(), " " + rest[: pronoun.start()]
    if _NAME_INSIDE.search(before):
        return False
    if word in {"them", "they"}:
        return _ANTECEDENT.search(before) is None
    if word != "it":
        person = draft.person
        pronouns = set(person.pronouns) if person is not None else set()
        if "he" in pronouns:
            pronouns.add("him")
        if word in pronouns:
            return False
        return re.search(r"['’]s\b", draft.clause.subject) is None
    return True


_AGAIN = re.compile(
    r"\b(?:again|once more|once again|anew|re-elected|reelected|resum(?:e|ed|es|ing))\b", re.I
)
# "did Füzuli see initial gains": a place that saw what someone did
_SAW_EVENTS = re.compile(
    r"\bdid\s+[A-Z][\w'’-]*\s+see\s+(?:[\w-]+\s+){0,2}(?:gains|losses|fighting|clashes|"
    r"protests|advances|battles|riots|unrest|violence|attacks|strikes|demonstrations)\b"
)
# "Britain's Household Cavalry likewise adopted the cuirass", "the Aigrette further
# improved the concept": an event told after a like one, which the question leaves out
_FOLLOWS_ANOTHER = re.compile(
    r"\b(?:likewise|similarly|in turn|further\s+(?:improv|develop|refin|extend|expand)\w*)\b",
    re.IGNORECASE,
)
# "launch another invasion of Canada", "propose another design": one of several, and the
# others are in sentences the learner cannot see ("another rock icon, Jimi Hendrix" names it)
_ANOTHER = re.compile(r"\banother\b(?!\s+[A-Z])(?![^,?]*,\s+[A-Z])")
# The same words in the clause a cloze asks ("rallying again on _____", "Caesar was
# acclaimed Imperator (and again later in _____)")
_AGAIN_IN_CLAUSE = re.compile(r"\b(?:again|once more|once again|anew|resum(?:e|ed|es|ing))\b", re.I)


# A place's capture told without its captor: "Ufa was retaken", "Kastornoye, which was
# taken", "Yekaterinodar was encircled ... and fell", "on the 11th Simbirsk fell"
_CAPTURE = re.compile(
    r"\b[A-Z][\w'’-]*(?:\s+and\s+[A-Z][\w'’-]*)?(?:,\s+which)?\s+(?:was|were|had\s+been)\s+"
    r"(?:re)?(?:taken|captured|seized|occupied|encircled|besieged|stormed|overrun)\b"
    # "taken into police protection", "taken prisoner", "taken ill": no place taken
    r"(?!\s+(?:into|to|from|over|up|off|out|ill|prisoner|hostage|part|place|care|custody)\b)"
    r"|\b[A-Z][\w'’-]*\s+fell\b"
    r"(?!\s+(?:apart|back|behind|ill|in\b|into|off|out|short|silent|by|from|to\s+[\d$£€]))"
)
# Who took it: "captured by the Red Army", "fell to the Whites", "taken by Denikin's forces"
_CAPTOR = re.compile(r"\b(?:by|to)\s+(?:the\s+)?(?:[A-Z]|[a-z]+\s+(?:army|forces|troops)\b)")


def _captor_unnamed(fact: Fact) -> bool:
    """The part of the sentence the date stands in (between semicolons) tells a capture,
    a siege or a fall with no captor: "Ufa was retaken on 13 March", not "Ufa was
    retaken by the Red Army" or "Paris fell to the Germans"."""
    start = fact.text.rfind(";", 0, fact.mention.start) + 1
    end = fact.text.find(";", fact.mention.end)
    part = fact.text[start : end if end >= 0 else len(fact.text)]
    return _CAPTURE.search(part) is not None and _CAPTOR.search(part) is None


# Asked as a "when" question or as a cloze alike
_CAPTOR_UNNAMED: Rule[Any] = Rule(
    "captor-unnamed",
    "a place taken, lost or besieged with no word of who took it ('Ufa was retaken on 13 "
    "March', 'on the 11th Simbirsk fell'): in a war places change hands, and 'when was it "
    "taken' has an answer for each side",
    lambda d: _captor_unnamed(d.fact),
)


def _again_in_clause(fact: Fact) -> bool:
    """The clause the date belongs to says the event happened before ("again")."""
    found = Clause(fact).found
    return found is not None and _AGAIN_IN_CLAUSE.search(found[0]) is not None


# Read in order; the clause's own rules (STATEMENT_RULES, or PASSIVE_RULES for a phrase)
# come after ``similar-event``.
# A quotation closed, then who said or wrote it: "... in December 1995," wrote Alice
# Echols.
_REPORTED_TAIL = re.compile(
    r"[,.!?][\"”’']\s*(?:wrote|said|says|writes|recalled|recalls|noted|notes|added|adds|"
    r"explained|explains|claimed|claims|remarked|observed|stated|declared|told)\s+"
    r"[A-Z][^.;:!?]*[.!?]?\s*$"
)

WHEN_RULES: tuple[Rule[WhenDraft], ...] = (
    Rule(
        "plan",
        "the date is that of a plan or a possibility ('planned for', 'was to', 'could be "
        "flown in'): a 'when' question would ask it as an event",
        lambda d: _planned(d.fact),
    ),
    Rule(
        "open-bound",
        "the date is an open bound ('by 1990', 'as late as'), not when it happened",
        lambda d: _open_bound(d.fact),
    ),
    Rule(
        "open-start",
        "the date opens a span the sentence leaves open ('fought in World War I from "
        "1914'): asked 'In what year did it fight', every year of the span answers",
        lambda d: d.fact.mention.preposition == "from" and d.fact.date.granularity != "range",
    ),
    Rule(
        "either-date",
        "the text gives the date as one of two ('in June or July'): either is right",
        lambda d: _either_date(d.fact),
    ),
    Rule(
        "similar-event",
        "a similar event elsewhere in the document has another date",
        lambda d: d.ambiguous,
    ),
    Rule(
        "leans-on-previous",
        "the subject is named only in the sentence before",
        lambda d: d.fact.form == "clause" and bool(leans_on_previous(d.fact.span_text)),
    ),
    Rule(
        "reported-quotation",
        "the date is inside a quotation a speaker or writer is credited with after it "
        "('survived \"a near-fatal OD in December 1995,\" wrote Alice Echols'): a 'when' "
        "question keeps the credit as a broken tail",
        lambda d: _REPORTED_TAIL.search(d.fact.span_text) is not None,
    ),
)
# After the clause's own rules.
WHEN_SUBJECT_RULES: tuple[Rule[WhenDraft], ...] = (
    Rule(
        "shared-name",
        "the subject is a last name two people in the document share",
        lambda d: d.asked in d.shared_names,
    ),
    Rule(
        "shared-title",
        "a person is called by a title the document gives several people ('the Duke')",
        lambda d: _shared_title(d.prompt or "", d.shared_names),
    ),
    Rule(
        "shared-short-name",
        "a building or a body is called by a word the document gives several names ('the "
        "House' beside the House of Lords and the House of Commons, 'the Hall')",
        lambda d: _short_name_alone(d.prompt or "", d.shared_names),
    ),
    Rule(
        "shared-spouse",
        "a spouse is called 'his wife' or 'her husband' in a document that tells several "
        "marriages: which marriage, which divorce?",
        lambda d: _shared_spouse(d.prompt or "", d.shared_names),
    ),
    Rule(
        "one-of-many",
        "the question ends on 'a meeting', 'an emergency session', 'a paper': one of a kind "
        "the subject holds or writes often, and nothing says which",
        lambda d: _ends_on_one_of_many(d.prompt or ""),
    ),
    Rule(
        "bare-definite",
        "the subject is a bare description ('the clashes') that only the text resolves",
        lambda d: d.fact.form == "clause" and _needs_context(d.asked),
    ),
    Rule(
        "unnamed-thing",
        "a place or a thing is named only as 'the city' or 'the magazine'",
        lambda d: _thing_unnamed(d.fact, d.subject, d.prompt or ""),
    ),
    Rule(
        "told-before",
        "'the case', 'the same design', 'the sessions': a thing only an unseen sentence names",
        lambda d: _told_before(d.fact, d.subject, d.prompt or ""),
    ),
    Rule(
        "refers-back",
        "'the offer', 'the proposal', 'its recommendations': the thing is told of only in "
        "the sentence before, which the learner cannot see",
        lambda d: _refers_back(d.fact, d.subject, d.prompt or "", standing=d.standing),
    ),
    Rule(
        "given-name-only",
        "a person is called by a given name the document seldom uses alone ('Klavdia')",
        lambda d: _bare_given_name(d.prompt or "", d.given_names),
    ),
    Rule(
        "leans-on-unseen",
        "'this' or 'the two' stands for what a sentence the learner cannot see says",
        lambda d: _leans_on_unseen(d.prompt or ""),
    ),
    Rule(
        "gradual-change",
        "the verb tells a change that came by degrees ('tensions escalated', 'became more "
        "pro-Western'): it has no single date to ask",
        lambda d: d.fact.form == "clause" and _gradual(d.clause),
    ),
    Rule(
        "unresolved-pronoun",
        "a pronoun ('it', 'them', 'her') comes before anything it could stand for",
        lambda d: d.fact.form == "clause" and _object_pronoun(d),
    ),
    _CAPTOR_UNNAMED,
    Rule(
        "saw-events",
        "a place 'saw' events others made ('did Füzuli see initial gains'): whose gains, "
        "the question does not say",
        lambda d: _SAW_EVENTS.search(d.prompt or "") is not None,
    ),
    Rule(
        "follows-another",
        "the event is told as following a like one the question does not show "
        "('likewise adopted the cuirass', 'further improved the concept'): like what?",
        lambda d: _FOLLOWS_ANOTHER.search(d.prompt or "") is not None,
    ),
    Rule(
        "again",
        "the event happened more than once ('again', 'another'): 'when' has several answers",
        lambda d: (
            _AGAIN.search(d.prompt or "") is not None or _ANOTHER.search(d.prompt or "") is not None
        ),
    ),
    Rule(
        "unbent-second-verb",
        "a question keeps a second verb as the sentence had it ('In what month and year was "
        "RFC 1459 published and details a simple protocol?', 'did Tempelhof close and is "
        "now a public park?'): ungrammatical",
        lambda d: _unbent_second_verb(d.prompt or ""),
    ),
    Rule(
        "surname-only",
        "a person is called by a last name the document seldom uses alone and gives to two "
        "people, so no full name can be written for it (a name it gives to one is written "
        "in full: 'did John Reed die')",
        lambda d: _bare_rare_surname(d.prompt or "", d.rare_surnames),
    ),
)
# A typed answer that may be the document's other date must not find it in view:
# "finalized on _____, ... taking effect on November 10" is answered by copying. (The
# choices leave that date out, so a choice may still show it.)
_SHOWS_OTHER_DATE: Rule[Any] = Rule(
    "shows-other-date",
    "the question shows the document's other date for the event, which it accepts",
    lambda _: True,
)


def when_problem(draft: WhenDraft) -> Rule[Any] | None:
    """The first rule that refuses a typed "when" question for the draft's fact."""
    broken: Rule[Any] | None = first_broken(SHOWN_RULES, draft) or first_broken(WHEN_RULES, draft)
    if broken is None:
        if draft.fact.form == "clause":
            broken = first_broken(STATEMENT_RULES, draft.clause)
        else:
            broken = first_broken(PASSIVE_RULES, draft.passive)
    return broken or first_broken(WHEN_SUBJECT_RULES, draft)


def when_question(
    fact: Fact,
    shared_names: frozenset[str] = frozenset(),
    common: frozenset[str] = frozenset(),
) -> str | None:
    """A typed "when" question for the fact, or None when one cannot be written safely.

    ``shared_names`` are single names the document gives to more than one person
    ("Curie" for Marie and Pierre Curie): "When did Curie die?" would have two answers.
    ``common`` are the words the document writes in lower case (:func:`common_words`).
    """
    draft = WhenDraft(fact, shared_names, common)
    return None if when_problem(draft) else draft.prompt


# --- cloze ------------------------------------------------------------------------------

_QUALIFIER_PREFIX = re.compile(r"^(?:(?:early|mid|late|the|pre|post)[\s\-–]+)+", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)\b")
# ", two days after the explosion", ", exactly eight years after the war began": the
# date told as an offset from another event
_OFFSET_AFTER_DATE = re.compile(
    r",?\s*(?:exactly|just|only|almost|nearly|about|some|less than|more than)?\s*"
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"[a-z]+teen|twenty|thirty|forty|fifty|several|a few)[\s-]+"
    r"(?:hours?|days?|weeks?|months?|years?)(?:\s+and\s+an?\s+(?:day|week|month|half))?"
    r"\s+(?:after|before)\b",
    re.IGNORECASE,
)
_WEEKDAY_BEFORE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+$"
)
_DANGLING_END_WORD = re.compile(
    r"(?:[\s,]+(?:when|which|that|who|whom|whose|where|while|as|and|but|or|with|by|of|"
    r"in|on|at|to|for|from|after|before|following|including|amid|namely|notably|"
    # "plagued by internal conflict, viz. the First Sudanese Civil War ...": what it
    # introduced is cut away
    r"viz\.?|such\s+as))+$"
)


def blank_span(mention_text: str) -> tuple[int, int]:
    """The part of a date expression to blank: "mid-1993" blanks "1993"."""
    prefix = _QUALIFIER_PREFIX.match(mention_text)
    if prefix and _ORDINAL_DAY.match(mention_text, prefix.end()):
        prefix = None  # "the 11th of February 1963" is blanked whole: "On _____"
    start = prefix.end() if prefix else 0
    return (start, len(mention_text))


@dataclass(frozen=True)
class TitleSubject:
    """What "the telescope" means in a document titled "Hubble Space Telescope", and
    "the group" in one titled "ABBA" that opens "ABBA are a Swedish pop group".

    "The band" is the title's subject unless the text just before names another band
    (its nearest antecedent): in the same paragraph, or within ANTECEDENT_REACH
    characters before the sentence.

    Attributes:
        title: the document's title.
        others: for each noun that names the title's subject ("telescope", "group"),
            where the document names something else with it ("the James Webb Space
            Telescope", "the extreme metal band Celtic Frost").
        one_thing: the title is the name of one thing ("Eiffel Tower", "Intel"), not of
            a kind or a field the document writes in lower case ("Submarine",
            "Telegraphy", "Integrated circuit"), whose sentences tell of many.
    """

    title: str
    others: Mapping[str, tuple[int, ...]]
    one_thing: bool = False

    @property
    def nouns(self) -> frozenset[str]:
        return frozenset(self.others)

    def named_by_title(self, fact: Fact, shown: str) -> bool:
        """Whether ``shown`` (the text a question shows) says "the <noun>" for the
        title's subject without naming it."""
        if _title_name(self.title).lower() in shown.lower():
            return False
        near = min(fact.block.start, fact.sentence.start - ANTECEDENT_REACH)
        return any(
            # "the telescope", not "the Internet": a capitalized noun is a name in itself
            re.search(rf"\b[Tt]he\s+{re.escape(noun)}(?:'s|’s)?\b", shown) is not None
            # no other thing named with the noun between ``near`` and the sentence
            and bisect.bisect_left(others, near) == bisect.bisect_left(others, fact.sentence.start)
            for noun, others in self.others.items()
        )


def _names_namesake(context: str, span: str, subject: TitleSubject | None) -> bool:
    """Whether ``context``, shown before ``span``, names the title's namesake ("Red Dead
    Redemption" under "Red Dead Redemption 2", "Quake" under "Quake II") and not the title,
    while the span says "the game" for the title's subject: the learner reads it as the
    one just named."""
    if subject is None:
        return False
    name = _title_name(subject.title)
    if name.lower() in context.lower():
        return False
    words = name.split()
    namesakes = [
        " ".join(words[:count])
        for count in range(len(words) - 1, 0, -1)
        # "Red Dead Redemption", "Apollo"; not "Battle of" nor "Battle"
        if words[count - 1][:1].isupper() and (count > 1 or _proper_only(words[0]))
    ]
    if not any(re.search(rf"\b{re.escape(other)}\b(?![\w'’-])", context) for other in namesakes):
        return False
    return any(re.search(rf"\b[Tt]he\s+{re.escape(noun)}\b", span) for noun in subject.others)


def _title_name(title: str) -> str:
    """The title without its disambiguation: "Nirvana (band)" -> "Nirvana"."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", title).strip() or title


# "ABBA are a Swedish pop group formed in ...": what the document's first sentence says
# its subject is (the last word before a preposition, a participle or a clause)
_DEFINITION = re.compile(
    r"\b(?:is|was|are|were)\s+(?:an?|the)\s+([\w'’ -]{1,80}?)"
    r"(?=\s+(?:that|which|who|whose|where|when|in|of|from|for|by|with|to|on|at|between|"
    r"against|during|involving|among|based|founded|formed|developed|designed|"
    r"headquartered|capable|flown|known|built|made|used|located)\b|"
    r"\s*[,.;:()])"
)
# How far back another thing named with the title's noun ("the band Celtic Frost") makes
# "the band" ambiguous, besides the paragraph itself
ANTECEDENT_REACH = 1200
# How far into the document its defining sentence may lie
_DEFINITION_REACH = 1500


def _title_nouns(text: str, title: str) -> set[str]:
    """Common nouns that name the title's subject: the title's last word ("Hubble Space
    Telescope"), its disambiguation ("Nirvana (band)"), and the head nouns of the first
    sentence that says what the subject is ("an American video game developer")."""
    nouns: set[str] = set()
    bracket = re.search(r"\(([^()]*)\)\s*$", title)
    if bracket:
        nouns.update(WORD.findall(bracket.group(1))[-1:])
    words = WORD.findall(_title_name(title))
    if len(words) >= 2 and words[-1].isalpha():
        nouns.add(words[-1].lower())
    definition = _DEFINITION.search(text, 0, _DEFINITION_REACH)
    if definition:
        for part in re.split(r"\s+and\s+", definition.group(1)):
            last = part.split()[-1:] if part.split() else []
            nouns.update(word for word in last if word.islower())
    return {noun.lower() for noun in nouns if noun.isalpha() and _is_noun(noun)}


# Capitalized words, perhaps one word more, right before a noun; a name right after it
_NAMED_BEFORE = re.compile(r"(?:\b[A-Z][\w'’-]*[ \t]+)+(?:(?!(?:the|a|an)\b)[a-z]+[ \t]+)?$")
_NAMED_AFTER = re.compile(r"[ \t]+(?!(?:The|A|An|In|On|At|By|I)\b)[A-Z][\w'’-]+")
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z]")


def title_subject(text: str, title: str) -> TitleSubject | None:
    """The nouns that name the title's subject and where the document names something
    else with them, or None when none is found ("Marie Curie", "Berlin, 1945–1990")."""
    others: dict[str, tuple[int, ...]] = {}
    name = _title_name(title).lower()
    definition = _DEFINITION.search(text, 0, _DEFINITION_REACH)
    defined = definition.end() if definition else 0
    for noun in _title_nouns(text, title):
        found_at: list[int] = []
        for occurrence in re.compile(rf"(?i)\b{re.escape(noun)}\b").finditer(text, defined):
            start, end = occurrence.span()
            # "the James Webb Space Telescope", "the First Nagorno-Karabakh War", "the
            # Fukushima nuclear disaster": capitalized words, perhaps one more, then the
            # noun; "the computer company Softdisk": the noun, then a name
            before = _NAMED_BEFORE.search(text, max(defined, start - 80), start)
            after = _NAMED_AFTER.match(text, end)
            if before and not _CAPITAL_AFTER.match(text, end):
                # (not "the Space Telescope Science Institute", which names an institute)
                begin = before.start()
                found = text[begin:end]
            elif after and text[start].islower():
                # (not "Mission Control", a name the noun opens: no mission is named)
                begin, found = start, text[start : after.end()]
            else:
                continue
            found = re.sub(r"^(?:(?:The|A|An|In|On|At|By)[ \t]+)+", "", found)
            if text[begin - 1 : begin] in {'"', "“", "(", "'"}:
                continue  # a working name in quotes or brackets: another name for the same
            described = found.lower().removeprefix(name).split()
            if name in found.lower() and not (
                # "the ABBA tribute group": the title's name describes another group
                found.lower().startswith(name) and len(described) > 1
            ):
                continue
            if found.lower() == title.lower() or " " not in found:
                continue
            if all(word in DEMONYMS for word in re.findall(r"\b[A-Z][\w'’-]*", found)):
                continue  # "a Swedish pop group": no name, the subject described
            found_at.append(begin)
        others[noun] = tuple(found_at)
    return TitleSubject(title, others, _names_one_thing(text, title)) if others else None


# How often a one-word title may stand in lower case in its text and still be a name
NAME_IN_LOWER_CASE = 2


def _names_one_thing(text: str, title: str) -> bool:
    """Whether the title is the name of one thing: every word after the first
    capitalized ("Eiffel Tower", "Silicon Valley", "Apollo 8"), and a one-word title
    seldom written in lower case ("Intel", "Perl"; not "submarine", "telegraphy")."""
    words = _title_name(title).split()
    if not words or any(word[:1].islower() for word in words[1:]):
        return False
    if len(words) > 1:
        return True
    lower = re.findall(rf"\b{re.escape(words[0].lower())}\b", text)
    return len(lower) <= NAME_IN_LOWER_CASE


def _gives_away(other: DateValue, answer: DateValue) -> bool:
    """Another date in view that fixes the answer: one that starts or ends inside the
    answer's year for a year question (its month for a month question), either end's
    year for a range of years ("between _____, it was opened on 17 November 1869"). A
    day is never fixed by another date, nor a month by its year alone."""
    if answer.granularity == "range":
        start, end = answer.sort_key(), answer.end_key()
        if start[1] or end[1]:
            return False
        years = {start[0], end[0]}
        return other.sort_key()[0] in years or other.end_key()[0] in years
    if answer.granularity == "day":
        return False
    first, last = interval(answer)
    return any(
        first <= point_first and point_last <= last
        for point_first, point_last in (
            _point_interval(other.sort_key()),
            _point_interval(other.end_key()),
        )
    )


def _year_in_view(other: DateValue, answer: DateValue, shown: str) -> bool:
    """Whether the text shown writes what another date gives of a year answer: "In _____,
    Roncalli completed his doctorate and was ordained ... on 10 August" shows a day whose
    year the text took from the blank, and gives no year away. Only a day or a month can
    be written without its year; any number that could be its year counts as written. A
    month answer is given away by the day's month alone ("on the evening of 18 April ...
    for the rest of _____")."""
    if other.granularity not in {"day", "month"} or answer.granularity != "year":
        return True
    year = abs(other.sort_key()[0])
    return re.search(rf"(?<!\d){year}(?!\d)", shown) is not None


def _point_interval(key: tuple[int, int, int]) -> tuple[Day, Day]:
    """The days a (year, month, day) point covers, 0 meaning not given."""
    year, month, day = key
    return (year, month or 1, day or 1), (year, month or 12, day or 31)


# A year written in a question, read or not as a date ("the group's _____ and 1979 tours")
_SHOWN_YEAR = re.compile(r"(?<![\d,.$£€])\b(?:1\d{3}|20\d{2})\b(?![\d,.%])")


@lru_cache(maxsize=4096)
def _dates_in(text: str) -> tuple[DateMention, ...]:
    """The dates a text shows (a title, a heading, a sentence shown before a question is
    read for every question of it)."""
    return tuple(find_dates(text))


def _shows(text: str, values: frozenset[str] | set[str]) -> bool:
    """Whether ``text`` writes one of the dates ``values`` (ISO values)."""
    return bool(values) and any(m.date.value in values for m in _dates_in(text))


def _context_for(
    fact: Fact, subject: TitleSubject | None = None, standing: frozenset[str] = frozenset()
) -> str | None:
    """The sentence to show before the span ("" when none is needed or it would give
    the answer away and the span can do without), or None: the span needs the sentence
    before and cannot have it."""
    if not fact.context:
        return ""
    context = _shown_before(fact, fact.context, subject, standing)
    if context is None:
        return None if leans_on_previous(fact.span_text) == "subject" else ""
    return context


def _shown_before(
    fact: Fact,
    sentence: str,
    subject: TitleSubject | None = None,
    standing: frozenset[str] = frozenset(),
) -> str | None:
    """``sentence``, the one before the fact's, as a question shows it ahead of the span
    (its opening connective left out), or None when it cannot be shown: it gives the
    answer away, or it leans on a sentence further back ("A month later, ...", "A second
    explosion followed", "At the ceremony, ..." after the sentence that tells of it)."""
    context = without_connective(sentence)
    if not _leans_further_back(fact, context, subject, standing):
        return context
    # "Perhaps as a result of the pharaoh's role in Pompey's murder, Caesar sided with
    # Cleopatra.": the main clause alone, when only the opening phrase leaned back
    opening = re.match(r"[^,;]{3,120}[,;]\s+", context)
    if opening and _CLAUSE_FROM_NAME.match(context, opening.end()):
        clause = context[opening.end() :]
        if not _leans_further_back(fact, clause, subject, standing):
            return clause
    return None


def _leans_further_back(
    fact: Fact, context: str, subject: TitleSubject | None, standing: frozenset[str]
) -> bool:
    """Whether ``context``, shown before the fact's span, gives the answer away or leans
    on a sentence the learner cannot see (:func:`_shown_before`)."""
    answer = fact.date
    month = answer.value.rpartition("-")[0] if answer.granularity == "day" else None
    shown = [m.date for m in _dates_in(context)]
    return (
        any(_gives_away(other, answer) or other.value in {answer.value, month} for other in shown)
        # "A month later, the two had become a couple.": it leans on a sentence further back
        or _TIME_OF_BEFORE.search(context) is not None
        or _points_outside(context)
        or _leans_on_unseen(context)
        # "The group's first album ...": the sentence before names nothing either
        or (_UNNAMED_THING.match(context) is not None and not _names_before(context))
        or _counts_earlier(context)
        # "The war ended in stalemate.", "... in the same journal.": the sentence before
        # is itself about what one further back names
        or _unnamed_opening(fact, subject, context, standing) is not None
        or _OTHERS_OPENING.match(context) is not None
        or _told_before(fact, subject, context)
        # "Although such defects were clear as early as 1849, ...": such as those before
        # (not "tried to escape, but the Royal Navy was blockading ports to forestall such
        # a move", which the clause before it tells)
        or any(not _has_finite_verb(context[: m.start()]) for m in _SUCH_THING.finditer(context))
        or bool(
            _heads_told_before(
                fact, subject, context, _sentences_before(fact, skip=1), standing=standing
            )
        )
    )


# "Other documentaries include ...": others than those a sentence further back tells of
_OTHERS_OPENING = re.compile(r"[\"“(]*(?:Other|Further|Additional|Similar)\s+[a-z]")
# A passive question's verb and what follows "and" ("was RFC 1459 published and details
# a simple protocol", "were new functions written ... and allow users to own nicknames")
_PASSIVE_AND = re.compile(r"\b(?:was|were)\b[^?]*?\s+and\s+([a-z]+)\b(?:\s+([a-z]+))?")
# An active question's "did" and what follows "and" ("did Tempelhof close and is now a
# public park"): after "did" a second verb is bare too
_DID_AND = re.compile(r"\bdid\b[^?]*?\s+and\s+([a-z]+)\b(?:\s+([a-z]+))?")
_OBJECT_OPENERS = _DETERMINERS | {"his", "her"}


def _unbent_second_verb(prompt: str) -> bool:
    """Whether the question ``prompt`` goes on after "and" with a verb in the sentence's
    own form, which the question's "was" or "did" does not govern: "was RFC 1459
    published and details a simple protocol", "were new functions written ... and allow
    users" (after "was" a participle is wanted), "did Tempelhof close and is now a public
    park" (after "did" the bare verb)."""
    wanted = ((_PASSIVE_AND, ("VBN",)), (_DID_AND, ("VB",)))
    for pattern, tags in wanted:
        for match in pattern.finditer(prompt):
            verb = _verb_after_and(match)
            if verb and not any(verb in _inflections(lemma, tags) for lemma in _verb_lemmas(verb)):
                return True
    return False


def _verb_after_and(match: re.Match[str]) -> str | None:
    """The word after "and" in ``match`` when it is a verb ("and details a simple
    protocol"), not a noun ("games and celebrations held")."""
    word, following = match.group(1), match.group(2) or ""
    if not _verb_lemmas(word) or (_is_noun(word) and following not in _OBJECT_OPENERS):
        return None
    return word


def _inflections(lemma: str, tags: Sequence[str]) -> set[str]:
    """The forms of ``lemma`` for the Penn tags ``tags`` ("VB": the bare verb)."""
    return {form for tag in tags for form in getInflection(lemma, tag) or ()}


def _glossed_day(answer: DateValue, body: str) -> bool:
    """Whether ``body`` shows the day ``answer`` as a bracketed gloss of the words before
    it, which name its month ("the Ides of March (_____)")."""
    if answer.granularity != "day":
        return False
    gloss = body.find(f"({BLANK})")
    month = MONTH_NAMES[int(answer.value.split("-")[-2]) - 1]
    return gloss > 0 and month in body[max(0, gloss - 20) : gloss]


_SUCH_THING = re.compile(r"\b[Ss]uch\s+(?!as\b)(?:an?\s+)?[a-z]+")

# "A second explosion followed", "Another bomb destroyed ...": a sentence whose subject is
# one of several, the earlier ones told in sentences the learner cannot see; not when a
# name says which ("Another sequel, named Wolfenstein: The New Order", "A further single,
# "When You Walk in the Room", ..."), nor "another invasion" as an object, which the
# rest of the sentence says which ("when" questions refuse it as 'again')
_COUNTS_EARLIER = re.compile(
    r"(?:^|(?<=[.!?:] ))[\"“(]*(?:An?\s+(?:second|third|fourth|fifth|further)|Another)\s+"
    r"(?!(?:one|two|three|four|five|six|ten|few|several|\d)\b)([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})"
    r"(?![^,.;:?]*,\s+[A-Z\"“])(?![^,.;:?]*\b(?:named|called|known\s+as|titled|dubbed)\b)"
    # "A third civil war broke out between Octavian ... and Antony": its sides say which
    r"(?![^.;:?]*\bbetween\s+[A-Z])"
)
# "Apollo 6, a second uncrewed Saturn V flight": an apposition to the name before it
_APPOSITION_BEFORE = re.compile(r"[A-ZÀ-ÖØ-ÞƏ\d][\w'’.-]*[\)\"”]?,\s*$")


def _counts_earlier(text: str) -> bool:
    """Whether ``text`` tells of "a second explosion" or "another bomb" whose first it
    does not tell itself ("the first bomb ... a second bomb" does), and names no other
    way ("Apollo 6, a second uncrewed flight")."""
    for match in _COUNTS_EARLIER.finditer(text):
        noun = next((word for word in match.group(1).split() if _is_noun(word)), None)
        if noun is None or noun in _SELF_DEFINED:
            continue  # "another year", "a second time"
        if _APPOSITION_BEFORE.search(text, 0, match.start()):
            continue
        if re.search(rf"\b{re.escape(noun.rstrip('s'))}", text[: match.start()], re.I):
            continue
        return True
    return False


def _counted_from_unseen(text: str) -> bool:
    """Whether ``text`` counts a time ("three decades later", "by then") from a date it
    does not show before it, nor right after it ("earlier that year, on _____"); a blank
    counts as a date: the learner is asked for it."""
    for match in _TIME_OF_BEFORE.finditer(text):
        before = text[: match.start()]
        if BLANK in before or _dates_in(before) or _DATE_APPOSED.match(text, match.end()):
            continue
        if _COUNTED_TO_NAMED.match(text, match.end()) and match.group().endswith(
            ("before", "that")
        ):
            continue  # "two days before the election", "noted later that ...": no count back
        return True
    return False


# What follows "two days before" or "later that" when it is no count from an unseen time:
# the event it counts from ("before the Scottish Parliament general election"), or a
# clause ("Davis noted later that "my best friend is Gil Evans"")
_COUNTED_TO_NAMED = re.compile(
    r"\s+(?!(?:day|week|month|year|morning|afternoon|evening|night|time)\b)[\w\"“]"
)


_DATE_APPOSED = re.compile(
    rf"(?:\s+(?:day|week|month|year|morning|afternoon|evening|night))?[\s,]*(?:(?:on|in)\s+)?(?:{BLANK}|\d|(?:{'|'.join(MONTH_NAMES)})\b)",
    re.IGNORECASE,
)


def _first_noun(text: str) -> str | None:
    """The first noun of a sentence's opening words ("The clashes lasted" -> "clashes")."""
    for word in WORD.findall(text)[:4]:
        lower = str(word).lower()
        if lower in _DETERMINERS or lower in STOPWORDS:
            continue
        if _is_noun(lower):
            return lower
    return None


def _heading_for(fact: Fact, title: str) -> str | None:
    """A heading that says what a nameless span is about, or None.

    In the document's lead, "the conflict" is the document's subject; elsewhere a section
    titled "April 2020 Clashes" says which clashes "The clashes lasted until ..." means.
    A heading with a hole, or with a date that gives the answer away, is no help.
    """
    section = fact.block.section
    if not section or has_hole(section):
        return None
    if any(
        _gives_away(m.date, fact.date) or overlaps(m.date, fact.date) for m in _dates_in(section)
    ):
        return None
    if section == title:
        return section
    before, _, last = section.rpartition(": ")
    if fact.span_text.lower().startswith(last.lower()):
        # "Vatican II: The first session" over "The first session ended ...": only what
        # the span does not say again
        return before or None
    noun = _first_noun(fact.span_text)
    if noun and re.search(rf"\b{re.escape(noun)}\b", section, re.IGNORECASE):
        return section
    return None


def _naming_heading(fact: Fact, title: str) -> str | None:
    """The section's heading when it names something ("First Nagorno-Karabakh War and
    Armenian Occupation"), is not the title and does not give the answer away."""
    section = fact.block.section
    if not section or section == title or has_hole(section) or not _names_before(section):
        return None
    if any(
        _gives_away(m.date, fact.date) or overlaps(m.date, fact.date) for m in _dates_in(section)
    ):
        return None
    return section


# The pronouns a lead uses for the thing it is about ("It took place ...", "They became ...")
_THING_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})


# A span that opens on the pronoun of the person a life is about: "He returned ...",
# "Her coronation took place ..."
_OPENING_PRONOUN = re.compile(r"(?:He|She|His|Her)\b(?=\s+[a-z])")


# A fronted time before the subject: "In _____, ", "During the early _____ "
_FRONTED_BLANK = re.compile(
    rf"(?:In|On|During|By|Until|From|Since)\s+(?:the\s+)?(?:early\s+|late\s+|mid-)?"
    rf"{BLANK},?\s+"
)
# A subject a sentence before must name: "This", "These", "His", "Their"
_POINTING_OR_OWNED = re.compile(r"(?i:this|these|that|those|his|her|its|their)\b")
# "The latest version of that branch": the branch an unseen sentence names
_THAT_THING = re.compile(
    r"\b(?:of|in|on|at|for|to|from|with|by)\s+that\s+[a-z]+\b(?!\s+(?:of|which|who))"
)
# The title of an event, an act or a body: its "the war", "the agreement", "the blockade"
# are many (the lasting events of :data:`~question_bank.facts.LASTING_EVENT_NOUN`)
_MANY_PARTED_TITLE = re.compile(r"(?i)\b(?:acts?|treaty|army|programme|program)\b")


@dataclass
class ClozeDraft:
    """A fact and what the writer knows of its document, for :data:`CLOZE_RULES`.

    Attributes:
        fact: the fact to ask.
        title: the document's title.
        subject: what "the <noun>" means under the title (:func:`title_subject`).
        person: the person the document is a life of, whose pronouns the title
            resolves ("Queen Victoria: During her first pregnancy, ...").
        given_names: given names the document seldom uses alone
            (:func:`rare_given_names`).
        standing: nouns that name what the whole document is about
            (:func:`standing_nouns`).
        shared_names: names and titles the document gives to several people
            (:func:`shared_names`).
        surnames: last names the document gives to many people
            (:func:`many_held_surnames`).
        rare_surnames: last names the document seldom uses alone, with the full name
            for each (:func:`rare_surnames`).
    """

    fact: Fact
    title: str = ""
    subject: TitleSubject | None = None
    person: Person | None = None
    given_names: frozenset[str] = frozenset()
    standing: frozenset[str] = frozenset()
    shared_names: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    rare_surnames: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def pronoun(self) -> str:
        """The first pronoun shown before anything it could stand for, or ""."""
        lead = self.context + " " if self.context else ""
        return _unresolved_pronoun(lead + self.body)

    @property
    def pronoun_is_person(self) -> bool:
        if self.person is None:
            return False
        pronouns = set(self.person.pronouns)
        if "he" in pronouns:
            pronouns.add("him")
        return self.pronoun in pronouns

    @property
    def person_continues(self) -> bool:
        """The span's "He" goes on with the person the sentence before is about, and a
        date it gives is not counted from that sentence: "Miles Davis: He underwent hip
        replacement surgery in _____" when the sentence before, which gives the answer
        away, cannot be shown (:meth:`Person.continues_in`)."""
        fact = self.fact
        return (
            self.person is not None
            and not fact.mention.relative
            and not fact.counts_between
            and self.person.continues_in(fact.span_text, fact.context)
        )

    @property
    def pronoun_is_thing(self) -> bool:
        """The pronoun stands for what the document is about, which the lead-in names:
        "October Revolution: It took place ... on _____" (a fact's ``about`` in a
        document that is no life, set only in its lead)."""
        return bool(self.fact.about) and self.person is None and self.pronoun in _THING_PRONOUNS

    @cached_property
    def context(self) -> str | None:
        """The sentence shown before the span: the one the span leans on, or the one that
        tells of what the span calls "the decision" (:func:`_lead_in`)."""
        context = _context_for(self.fact, self.subject, self.standing)
        if context is None and self.person_continues:
            context = ""  # the person's name, not the sentence, says who "he" is
        if context == "":
            context = self.lead_in
        if context and _names_namesake(context, self.fact.span_text, self.subject):
            return None
        return context

    @cached_property
    def lead_in(self) -> str:
        """The sentence before, when the span says "the decision", "the offer" for what
        it tells (:func:`_heads_told_before`) and it can be shown; or ""."""
        fact = self.fact
        # what may be shown instead (read without the sentence before, which is asked)
        plain = f"{fact.about or ''} {_heading_for(fact, self.title) or ''}"
        if plain.strip() and _names_before(plain):
            return ""  # "ABBA: the members announced ...": the lead says whose
        heads = _heads_told_before(
            fact, self.subject, self.body, _sentences_before(fact, 1), plain, self.standing
        )
        if not heads:
            return ""
        previous = _sentences_before(fact, 1)
        if not shows_alone(previous):
            return ""
        shown = _shown_before(fact, previous, self.subject, self.standing)
        if shown is None or not all(_tells_of(head, shown, introduces=True) for head in heads):
            return ""
        if any(_told_only_as_many(head, shown) for head in heads):
            return ""  # "Several ... accidents have involved ...": which accident?
        return shown

    @cached_property
    def unnamed(self) -> bool:
        """The span names no place or actor (a demonym alone does not say who, after
        "The ...")."""
        fact = self.fact
        return not event_names(fact) and (
            not event_names(fact, demonyms=True)
            or _DEFINITE_START.match(fact.span_text) is not None
        )

    @cached_property
    def demonym_only(self) -> bool:
        """The span names its actors only by a people ("Armenian advances")."""
        fact = self.fact
        return not event_names(fact) and bool(event_names(fact, demonyms=True))

    @cached_property
    def titled(self) -> bool:
        """ "the telescope" in "Hubble Space Telescope", before the document names another."""
        return self.subject is not None and self.subject.named_by_title(
            self.fact, f"{self.context or ''} {self.fact.span_text}"
        )

    @cached_property
    def heading(self) -> str | None:
        heading = _heading_for(self.fact, self.title)
        if heading is None and self.subject is not None and self.titled:
            heading = _title_name(self.subject.title)  # "the tower" is the title's
        elif heading is None and self.subject is not None and self.of_the_subject:
            heading = _title_name(self.subject.title)
        return heading

    @cached_property
    def of_the_subject(self) -> bool:
        """The span names nothing and tells of a part or a work of the thing the document
        is about, by a bare or indefinite noun ("In 1982, the original lifts between the
        second and third levels were replaced", "A service lift was added to the south
        pillar", "Industrial use of natural gas began in 1959"): under the title's name
        it stands alone. Not a definite or owned subject ("The articles were ratified",
        "His priority was not established"), which points to an unseen sentence, nor under
        the title of an event or a life, whose "the war", "the agreement" are many."""
        if not self.unnamed or self.person is not None or self.subject is None:
            return False
        if not self.subject.one_thing:
            return False
        if LASTING_EVENT_NOUN.search(self.title) or _MANY_PARTED_TITLE.search(self.title):
            return False
        body = self.body
        fronted = _FRONTED_BLANK.match(body)
        clause = body[fronted.end() :] if fronted else body
        clause = clause[:1].upper() + clause[1:]
        says_the_noun = any(
            re.search(rf"\b[Tt]he\s+{re.escape(noun)}\b", body) for noun in self.subject.nouns
        )
        return not (
            # "The group disbanded in 2004" where "the group" is not the title's
            says_the_noun
            or _POINTING_OR_OWNED.match(clause)
            or _THAT_THING.search(body)
            or _unnamed_opening(self.fact, self.subject, clause, self.standing) is not None
            or _points_outside(body)
            or _leans_on_unseen(body)
        )

    @cached_property
    def lead(self) -> str:
        """What is shown before the span: the sentence before, the person a life is
        about, or a heading that names what the span leaves unnamed."""
        if self.context:
            # the sentence before says who "she" or "the crew" is
            return self._titled(self.context + " ")
        return self.plain_lead

    @cached_property
    def plain_lead(self) -> str:
        """What is shown before the span when no sentence is: the person a life is about,
        or a heading that names what the span leaves unnamed."""
        fact = self.fact
        lead = ""
        if fact.about:
            lead = f"{fact.about}: "  # "Queen Victoria: Her coronation took place on _____."
        elif self.unnamed or _GENERIC_SUBJECT.match(fact.span_text):
            # "The operation followed ...": the section title says which operation; "the
            # tower" the title's name says, with no heading between ("Eiffel Tower:
            # Digital television: A television antenna was first installed on the tower")
            lead = f"{self.heading}: " if self.heading and not self.titled else ""
        elif self.demonym_only:
            # "Armenian advances gained momentum in _____": in which war the section says
            heading = self.heading or _naming_heading(fact, self.title)
            lead = f"{heading}: " if heading else ""
        return self._titled(lead)

    def _titled(self, lead: str) -> str:
        """``lead`` under the title's name when the span's "the telescope" or "her" is
        the title's."""
        title = _title_name(self.subject.title) if self.titled and self.subject else ""
        if self.person is not None and self.pronoun and self.pronoun_is_person:
            title = self.person.name
        if title and not lead.startswith(f"{title}:"):
            lead = f"{title}: {lead}"
        return lead

    @cached_property
    def text(self) -> str:
        """The cloze, once the rules passed: "Queen Victoria's coronation took place on
        _____." where the span opens on the pronoun of the life the document tells, the
        lead and the span otherwise ("Queen Victoria: In _____, she married ...")."""
        about = self.fact.about
        opening = _OPENING_PRONOUN.match(self.body)
        if about and opening and self.lead == f"{about}: ":
            owner = "'s" if opening.group().lower() in {"his", "her", "their"} else ""
            return f"{about}{owner}{self.body[opening.end() :]}"
        return self.lead + self.body

    @cached_property
    def body(self) -> str:
        """The sentence (or its clean clauses) with the date blanked; an entry headed by
        its date as a sentence that opens with it ("1997 The Science Fiction and Fantasy
        Hall of Fame inducted Asimov ..." -> "In _____, the Science Fiction and Fantasy
        Hall of Fame inducted Asimov ...")."""
        fact = self.fact
        sentence = fact.text
        start, end = fact.span
        label = entry_label(fact)
        if label is not None and label[0].start == fact.mention.start:
            entry = label[1][: max(0, end - (len(sentence) - len(label[1])))].rstrip()
            preposition = "On" if fact.date.granularity == "day" else "In"
            text = f"{preposition} {BLANK}, {_subject_in_question(entry)}"
            return text + " …" if sentence[end:].strip(" .!?\"”'") else text
        blank = blank_span(fact.mention.text)
        date_start = fact.mention.start + blank[0]
        before = sentence[start:date_start]
        after = _without_offset(sentence[fact.mention.end : end])
        if fact.date.display().startswith("the "):
            # "In the 1950s" -> "In _____", which "the 1950s" fills; "In the _____" would
            # read "In the the 1950s" with the answer in it
            before = re.sub(r"\b[Tt]he\s+$", "", before)
        if re.search(r"\b(?:the|a|an)\s+$", before) and re.match(r",\s+[a-z]", after):
            after = after[1:]  # "the November 9, 2020, agreement" -> "the _____ agreement"
        # "an _____ summit" would give the answer's first sound away; "the" does not
        before = re.sub(
            r"\b([Aa])n?(\s+)$", lambda m: ("The" if m[1] == "A" else "the") + m[2], before
        )
        # "on Sunday the 9th of February 1964": the weekday would narrow the answer down
        before = _WEEKDAY_BEFORE.sub("", before)
        if fact.mention.relative:
            before = re.sub(r"\b[Tt]he\s+$", "", before)  # "the next day" -> "on _____"
        elif start == 0:
            # "Also in _____, ABBA recorded ...": "also" points to what the learner cannot see
            phrase = fact.mention.phrase_start
            shortened = without_connective(before, phrase if phrase <= date_start else None)
            # "The following day, 26 October, the Congress ...": the count goes, and the
            # blank opens the sentence ("On _____, the Congress ...", :func:`_blank_for`)
            if shortened != before and (shortened[:1].isupper() or not shortened):
                before = shortened
        text = before + _blank_for(fact, before, after) + after
        # a part after a semicolon is a sentence of its own (facts.semicolon_part)
        after_semicolon = sentence[:start].rstrip().endswith(";")
        if start > 0 and not after_semicolon and not _after_fronted_phrase(sentence, start):
            text = "… " + text
        if sentence[end:].lstrip().startswith(";"):
            # the part ends where its sentence does (facts.semicolon_part)
            text = text.rstrip(" ,;:") + "."
        elif sentence[end:].strip(" .!?\"”'"):
            # "... escalated in _____ when …": the word that opened the cut clause goes too
            text = _DANGLING_END_WORD.sub("", text.rstrip(" ,;:")) + " …"
        return text


# A sentence's opening phrase, cut off at its comma, before a clause that starts with a
# name ("A year later, | Lyngstad performed ...", "With this group, | Davis completed
# ..."): the clause reads as a sentence, with no "…" before it; not a name cut from its
# place ("The parish register of St. Mary's, | Newington, London, shows ...")
_CLAUSE_FROM_NAME = re.compile(r"[\"“]?[A-ZÀ-ÖØ-ÞƏ](?![\w'’.!-]*,\s+[A-ZÀ-ÖØ-ÞƏ])")


def _after_fronted_phrase(sentence: str, start: int) -> bool:
    """Whether the span from ``start`` follows a phrase that opens the sentence and ends
    at a comma or a semicolon, and starts with a name."""
    return (
        re.search(r"[,;]\s*$", sentence[:start]) is not None
        and _CLAUSE_FROM_NAME.match(sentence, start) is not None
    )


def _without_offset(after: str) -> str:
    """The text after a blank without the phrase that tells the date as an offset from
    another event: "_____, two days after the explosion, workers ..." would be a sum on
    that event's date; "_____, workers ..." is not."""
    offset = _OFFSET_AFTER_DATE.match(after)
    if offset is None:
        return after
    close = re.compile(r"[,;:]|[.!?]?[\"”']?$").search(after, offset.end())
    assert close is not None  # "$" always matches
    if close.group() == ",":
        return after[close.start() :] if after.lstrip().startswith(",") else after[close.end() :]
    return after[close.start() :]


# Words that tie a sentence to the one before it and tell nothing of its own event:
# "However, on 2 May ...", "Also in 1986, ...", "A month later, on 5 July 2013, ...". A
# careful reader leaves them out of a question that shows the sentence alone.
_CONNECTIVE = re.compile(
    r"(?:However|Also|In addition|Additionally|Moreover|Furthermore|Besides|Meanwhile|"
    r"In the meantime|At the same time|Nevertheless|Nonetheless|Instead|Likewise|"
    r"Similarly|Thus|Therefore|Consequently|Hence|Accordingly|As a result|In turn|"
    r"In response|In return|By contrast|In contrast|Conversely|On the other hand|"
    r"For example|For instance|In particular|Indeed|Finally|Eventually|Ultimately|"
    r"Illustratively|Tellingly|"
    r"Subsequently|Then|Later|Afterwards?|Soon afterwards?|Shortly afterwards?)\b"
)
# "But since 1998, ...", "Yet in 1850 the line ...": a contrast with the sentence before,
# which the question does not show; what follows is a clause of its own
_CONTRAST = re.compile(r"(?:But|Yet)\b,?\s+(?=[\w\"“])")
# "A month later, on 5 July 2013": a count from the sentence before, then the date itself
_COUNTED_LATER = re.compile(
    # "Just two years later, on 4 February 1912, ..."
    r"(?:(?:Just|Only|Some|About|Almost|Nearly)\s+)?"
    r"(?:(?:[Aa]|[Aa]n|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|"
    r"[Tt]en|[Ee]leven|[Tt]welve|[Ss]everal|[Aa] few|\d+)\s+"
    r"(?:days?|weeks?|months?|years?|decades?)\s+(?:later|earlier)|"
    r"(?:The|That)\s+(?:next|following|same)\s+(?:day|week|month|year))\b"
)
# Words that place a sentence by the time of the one before it: "later that month", "a
# day later", "by then"; a sentence shown before a question must not lean on another
_TIME_OF_BEFORE = re.compile(
    r"\b(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)"
    r"\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:later|earlier|afterwards?|before)|"
    r"(?:later|earlier)\s+that|that\s+same|the\s+(?:next|following|previous|same)\s+"
    r"(?:day|week|month|year|decade|morning|afternoon|evening|night)|by\s+then|since\s+then|"
    r"until\s+then|at\s+that\s+time|at\s+this\s+point)\b",
    re.IGNORECASE,
)


_DATE_PHRASE_AHEAD = re.compile(
    rf"\s+(?:in|on|during)\s+(?:(?:early|mid|late)[\s-]+)?(?:\d|{'|'.join(MONTH_NAMES)})"
)


def without_connective(text: str, date_at: int | None = None) -> str:
    """``text`` without the connective that opens it, when what follows it reads alone:
    "However, on _____, Besset announced ..." -> "On _____, Besset announced ...". A
    count from the sentence before ("A month later") is left out only when the date it
    counts to follows it ("A month later, on _____, Francis approved ..."); ``date_at``
    is where that date's phrase starts in ``text``."""
    contrast = _CONTRAST.match(text)
    if contrast is not None:
        # "But since _____, radio chips ...": the contrast is with a sentence not shown
        return without_connective(_sentence_case(text[contrast.end() :]), None)
    connective = _CONNECTIVE.match(text) or _COUNTED_LATER.match(text)
    if connective is None:
        return text
    end = connective.end()
    comma = re.match(r"\s*,\s*", text[end:])
    follows_date = (date_at is not None and not text[end:date_at].strip(" ,")) or (
        # "Also in 1986, ABBA Live was released ... the group's _____ and 1979 tours"
        _DATE_PHRASE_AHEAD.match(text, end) is not None and connective.re is _CONNECTIVE
    )
    if connective.re is _COUNTED_LATER and not follows_date:
        return text
    if not comma and not follows_date:
        return text  # "Still in San Francisco", "Then-President": part of the clause
    rest = text[end + (comma.end() if comma else 0) :].lstrip()
    return _sentence_case(rest)


# "That October", "that July": a month of the year the story is in, which points back
# to it as "that year" does
_POINTING_MONTH = re.compile(r"[Tt]hat\s")


def _blank_for(fact: Fact, before: str, after: str = "") -> str:
    """The blank, or the phrase that asks for the date a phrase with no preposition
    stands for: a relative date ("Two days later, a tank exploded" -> "On _____, a tank
    exploded"), a month pointed at ("That October, Nirvana embarked" -> "In _____,
    Nirvana embarked"; "_____, Nirvana embarked" reads as no sentence, a teacher
    rejected it), or a date that opens the sentence before a comma once the count
    before it is left out ("The following day, 26 October, the Congress elected" ->
    "On _____, the Congress elected"). A date that is the subject keeps its bare blank
    ("_____ saw the release of ABBA Gold")."""
    opens_clause = not before.strip() and after.startswith(",")
    if not (fact.mention.relative or _POINTING_MONTH.match(fact.mention.text) or opens_clause):
        return BLANK
    if re.search(
        r"\b(?:on|in|by|during|of|from|since|until|after|before|to|for|at)\s+$", before, re.I
    ):
        return BLANK  # "declined 85% from the previous year" -> "from _____", not "from in"
    preposition = "on" if fact.date.granularity == "day" else "in"
    if not before.strip():
        preposition = preposition.capitalize()
    return f"{preposition} {BLANK}"


# A range written as two years and what joins them: "1777 to 1779", "1957 and 1962",
# "1861–65", "100–44 BC".
_TWO_YEARS = re.compile(
    r"\d{1,4}(?:\s*(?:BC|BCE|AD|CE))?\s*(?P<link>[–—-]|\bto\b|\band\b|\bthrough\b)\s*"
    r"\d{1,4}(?:\s*(?:BC|BCE|AD|CE))?"
)
_RANGE_OPENER = re.compile(rf"\b([Ff]rom|[Bb]etween)\s+{BLANK}")


def _two_years(fact: Fact) -> re.Match[str] | None:
    if fact.date.granularity != "range" or fact.mention.relative:
        return None
    return _TWO_YEARS.fullmatch(fact.mention.text.strip())


def range_blank(cloze: str, fact: Fact) -> str:
    """A blank for a range of two years is asked "in _____": its answer fills it with
    both ends ("1777–1779"), and "Madison served on the Council of State from _____,
    when he was elected" or "between _____ and Iskandar Mirza became President" reads as
    one end (readers answered 1777, and saw "between 1956–1957 and" as broken). A typed
    answer's hint says "the first and last year"."""
    if _two_years(fact) is None:
        return cloze
    return _RANGE_OPENER.sub(
        lambda match: ("In" if match[1][0].isupper() else "in") + f" {BLANK}", cloze, count=1
    )


# A name inside a sentence: a capitalized word after its first word
_NAME_INSIDE = re.compile(r"(?<=[\s(“\"])[A-ZÀ-ÖØ-ÞƏ][\w'’-]+")


# A clause's opening: a date phrase perhaps, a name, its verb ("In _____, Oprah Winfrey made ")
_SUBJECT_VERB_ONLY = re.compile(
    rf"(?:…\s*)?(?:(?:In|On)\s+{BLANK},?\s+)?(?:[A-Z][\w'’.-]*\s+){{1,4}}"
    # "The British did sell them munitions": an auxiliary or an adverb before the verb
    r"(?:(?:did|had|has|have|also|then|later|soon|still|finally|quickly)\s+)?[a-z]+\s+"
)
# Personal pronouns that stand for someone or something named elsewhere; possessives
# ("its first two decades", "their debut") mostly point at the document's subject.
_PRONOUNS = re.compile(r"\b(?:it|they|them|he|him|she|her)\b", re.IGNORECASE)
# A name, or "the/a/an" with a noun: something a pronoun after it may stand for.
# Before a plural pronoun, one name alone and only as an owner ("Vercingetorix's attempt in
# _____ to unite them"): nothing in it is several
_ONE_OWNER_BEFORE = re.compile(r"[^A-Z]*[A-Z][\w-]*['’]s\s[^A-Z]*")
_ANTECEDENT = re.compile(r"\b(?:the|a|an|this|that|these|those)\s+[\w'’-]+", re.IGNORECASE)


# One person named, then what they said: "they" in it stands for people the text shown
# never names (a speaker is one, not they)
_ONE_SPEAKER_BEFORE = re.compile(
    r"^[^,;:.]*?[A-Z][\w'’-]+\s+(?:claims|claimed|says|said|argues|argued|believes|believed|"
    r"writes|wrote|notes|noted|states|stated|suggests|suggested|contends|contended|"
    r"maintains|maintained|thinks|thought|concludes|concluded)\s+(?:that\s+)?$"
)


# Nouns a pronoun of their gender may stand for: "his mother ... she died"
_WOMEN = re.compile(
    r"\b(?:mother|wife|daughter|sister|aunt|niece|grandmother|queen|woman|girl|widow|"
    r"actress|bride|fiancée|princess|empress|duchess|lady|nun)s?\b",
    re.IGNORECASE,
)
_MEN = re.compile(
    r"\b(?:father|husband|son|brother|uncle|nephew|grandfather|king|man|boy|widower|"
    r"groom|fiancé|prince|emperor|duke|lord|monk|priest)s?\b",
    re.IGNORECASE,
)
_MASCULINE_PRONOUN = re.compile(r"\b(?:he|him|his)\b", re.IGNORECASE)
_FEMININE_PRONOUN = re.compile(r"\b(?:she|her|hers)\b", re.IGNORECASE)


def _other_gender_unnamed(shown: str, person: Person | None) -> bool:
    """In a life, a pronoun of the other gender than the person's with no one else named
    before it: "Marie Curie: In May 1906 the University of Paris offered Marie the chair
    that had been created for him" (for Pierre, named only in the sentence before). The
    person's own name stands for no "him"; a place after "of" or "in" stands for no one;
    "divorce from Mabry, after accusing her" names her."""
    if person is None:
        return False
    other = _MASCULINE_PRONOUN if "she" in person.pronouns else _FEMININE_PRONOUN
    pronoun = other.search(shown)
    if pronoun is None:
        return False
    own = set(f"{person.name} {person.birth_name}".split())
    before = shown[: pronoun.start()]
    relations = _WOMEN if other is _FEMININE_PRONOUN else _MEN
    if relations.search(before):
        return False  # "his mother ... she died"
    for match in WORD.finditer(before):
        name = match.group()
        preceding = before[: match.start()]
        if (
            name in own
            or not name[:1].isupper()
            or name.lower() in STOPWORDS | CALENDAR_WORDS
            or not preceding.strip(" \"“'(…")
        ):
            continue
        if re.search(r"\b(?:in|at|of|near|the)\s+$", preceding, re.IGNORECASE):
            continue  # "the University of Paris", "in Spain": a place, an institution
        return False  # "Dolly suffered ... her own death", "divorce from Mabry ... her"
    return True


def _unresolved_pronoun(shown: str) -> str:
    """The first pronoun of ``shown`` when it comes before anything it could stand for
    ("In _____ it opened a plant", "In it, Joplin puts on a concert", "the powers at the
    Congress of Vienna declared him an outlaw": a person needs a person's name, not a
    place after "of"), lower case; "" when there is none."""
    # "In _____, it was announced that ...": an "it" that stands for nothing is passed over
    pronoun = next((m for m in _PRONOUNS.finditer(shown) if not dummy_it(shown, m.start())), None)
    if pronoun is None:
        return ""
    word = pronoun.group().lower()
    personal = word in {"he", "him", "she", "her"}
    before = shown[: pronoun.start()]
    if pronoun.group() in {"it", "them"} and _SUBJECT_VERB_ONLY.fullmatch(before):
        return word  # "Oprah Winfrey made it a selection": the subject is not its object
    if not personal and _ANTECEDENT.search(before):
        return ""
    if word in {"they", "them"} and _ONE_SPEAKER_BEFORE.search(before) and " and " not in before:
        return word  # "Historian Omer Bartov claims they were motivated": who are they?
    if word in {"they", "them"} and _ONE_OWNER_BEFORE.fullmatch(before):
        return word  # "Vercingetorix's attempt to unite them": one man is no "them"
    passed_over = -1  # where the last capitalised word passed over ends
    for match in WORD.finditer(before):
        name = match.group()
        preceding = before[: match.start()]
        opening = not preceding.strip(" \"“'(…")
        if re.match(r"(?:al|el|ad|ibn|bin|de|van|von)[-‑][A-Z]", name):
            return ""  # "al-Bashir": a name behind its particle
        if not name[:1].isupper() or name.lower() in STOPWORDS | CALENDAR_WORDS:
            continue
        if opening and not _proper_only(name):
            continue
        if personal and re.search(r"\b(?:the|of|in|at|to|from|into|on)\s+$", preceding, re.I):
            # "the Congress of Vienna": an institution, a place; and the rest of a name
            # after "the" ("the United Kingdom"), not of "of Queen Anne"
            passed_over = match.end() if preceding.rstrip().lower().endswith("the") else -1
            continue
        if personal and (
            # "When You Walk in the Room": a title names no one "she" can be
            (preceding.count('"') + preceding.count("“") - preceding.count("”")) % 2
            or (passed_over >= 0 and not before[passed_over : match.start()].strip())
        ):
            passed_over = match.end()
            continue
        return ""
    return word


_FINITE = (
    frozenset(
        """is are was were be been has have had do does did will would can could may might
    must shall should""".split()
    )
    | _SAME_FORM_PAST
)


def _has_finite_verb(text: str) -> bool:
    """Whether ``text`` has a word that can be its verb: a past form, an auxiliary, or a
    present form in -s that is no plural noun ("takes")."""
    for match in WORD.finditer(text):
        word = match.group()
        if not word.islower():
            continue
        if word in _FINITE or is_past_tense_verb(word) or is_past_participle(word):
            return True
        if word.endswith("s") and verb_lemma(word) not in {None, word} and not _is_noun(word):
            return True
    return False


_BE_HAVE = frozenset("is are was were has have had does did".split())


def _main_verb_at(text: str) -> int | None:
    """Where the first word that can be the main verb of ``text`` starts: a form of "be"
    or "have", or a past or present verb that does not continue a phrase after a comma
    ("Caesarion, by Cleopatra VII, born 47 BC, and killed at age 17" has none: "born" is
    a participle, and "killed" continues it; nor has "The 6800 series, leading to the
    68000 (used in Apple computers)": a bracket is an aside)."""
    for match in WORD.finditer(text):
        word = match.group()
        if not word.islower():
            continue
        if word.removesuffix("n't") in _BE_HAVE | _MODALS:
            return match.start()
        word = word.rsplit("-", 1)[-1]  # "co-wrote"
        before = text[: match.start()].rstrip()
        if re.search(r",\s*(?:and|or|but)$", before):
            continue  # "born 47 BC, and killed at age 17": the phrase goes on
        if before.endswith(",") and before.count(",") == 1:
            continue  # "The agreement, signed on ...": a participle; but "X, the creator of
            # the transistor, moved" closes an apposition before its verb
        if re.search(r"(?:['’]s|\b(?:the|a|an|his|her|its|their|this|that|being))$", before):
            continue  # "Caesar's adopted son", "the armed forces": a participle as adjective
        if before.count("(") > before.count(")"):
            continue  # "... series (used in some Apple computers)": an aside in brackets
        if (
            _is_past(word)
            # "continued", "reported": past forms the tagger lists keep as adjectives too
            or (word.endswith("ed") and verb_lemma(word) not in {None, word})
            or (word.endswith("s") and verb_lemma(word) not in {None, word} and not _is_noun(word))
        ):
            return match.start()
    return None


# What parts the date that heads an entry from the entry: "1946 – used ...", "Sept 24,
# 1958: AX-1, at Cape Canaveral ...", and in a list "1963 A special Hugo Award for ..."
_LABEL_SEPARATOR = re.compile(r"\s*[:–—]\s*|\s+-\s+")
_LABEL_IN_LIST = re.compile(r"\s+(?=[A-Z])")
# Words a subject may hold before its verb in an entry ("The Hall of Fame inducted")
_SUBJECT_PREPOSITIONS = frozenset(PREPOSITIONS | {"to", "for", "after", "before", "since"}) - {"of"}


def entry_label(fact: Fact) -> tuple[DateMention, str] | None:
    """The date that heads the fact's sentence as the label of an entry of a list or a
    chronology, and the entry after it: "1946 – used upward-beamed fathometer ..." gives
    (1946, "used upward-beamed fathometer ..."); None when the sentence opens otherwise."""
    for mention in _dates_in(fact.text):
        if mention.start > 0 or mention.relative:
            return None
        separator = _LABEL_SEPARATOR.match(fact.text, mention.end)
        if separator is None and fact.block.kind == "list":
            separator = _LABEL_IN_LIST.match(fact.text, mention.end)
        if separator is None:
            return None
        return mention, fact.text[separator.end() :]
    return None


def _entry_clause(entry: str) -> bool:
    """Whether an entry after its date reads as a sentence: a subject with no comma or
    preposition but "of" ("The Science Fiction and Fantasy Hall of Fame inducted
    Asimov"), then its verb; not "used upward-beamed fathometer" (its subject was a link,
    and was stripped), "A special Hugo Award for essays published in ..." or "AX-1, at
    Cape Canaveral from a launch pad"."""
    if not entry[:1].isupper():
        return False
    verb = _main_verb_at(entry)
    if verb is None:
        return False
    subject = entry[:verb].split()
    return (
        0 < len(subject) <= 8
        and "," not in entry[:verb]
        and not any(word.lower() in _SUBJECT_PREPOSITIONS for word in subject)
    )


def _list_label(fact: Fact) -> bool:
    """A list entry whose date lies where no verb of its own is: "Caesarion, by Cleopatra
    VII, born 47 BC, and killed at age 17 ...", "Marcus Junius Brutus (born 85 BC): The
    historian Plutarch notes ..." (the date is in the label before the colon)."""
    text = fact.span_text
    colon = text.find(":", fact.mention.end - fact.span[0])
    if colon >= 0:
        text = text[:colon]
    return _main_verb_at(text) is None


def _label_unasked(fact: Fact) -> bool:
    """The sentence is an entry headed by a date: a date inside the entry is not asked,
    and the heading date only when the entry reads as a sentence."""
    label = entry_label(fact)
    if label is None:
        return False
    mention, entry = label
    return mention.start != fact.mention.start or not _entry_clause(entry)


# Capitalized words that name a time, not a thing: "Christmas 1984", "Spring 2019".
_TIME_WORDS = frozenset(
    "christmas easter spring summer autumn fall winter thanksgiving new year".split()
)


# Figures a body reports every year: "Intel's 1994 revenue", "the state's 2015 budget"
_YEARLY_MEASURES = frozenset(
    "revenue revenues sales profit profits earnings budget income turnover results report "
    "accounts census season figures".split()
)


def _year_in_name(fact: Fact) -> bool:
    """ "reactivating the Treason Act 1543", "Live at the Carousel Ballroom 1968": a bare
    year right after a capitalized word inside the sentence is part of a name."""
    mention = fact.mention
    if (
        mention.preposition is not None
        or mention.relative
        or mention.date.granularity != "year"
        or not mention.text.isdigit()
    ):
        return False
    if fact.text[mention.start - 1 : mention.start] in {'"', "“"} and fact.text[
        mention.end : mention.end + 1
    ] in {'"', "”"}:
        return True  # the episode "1968": a title
    before = fact.text[: mention.start].rstrip()
    words = WORD.findall(before)
    if len(words) < 2 or before[-1:] in {",", ";", ":", "(", "—", "–"}:
        return False
    if re.search(r"\w['’]s$", before):
        # "England's 1992 Reading Festival", "Verne's 1865 novel": the owner is no name
        # the year belongs to, and the year dates the thing after it; "Intel's 1994
        # revenue" is one of a yearly series, which no year alone tells apart
        following = _NEXT_WORD.match(fact.text, mention.end)
        return following is not None and following.group(1).lower() in _YEARLY_MEASURES
    last = words[-1]
    return last[:1].isupper() and last.lower() not in _TIME_WORDS | CALENDAR_WORDS


# "Parkinson (2000) writes:", "as Steele (2014) argued": an author and the year of the work
_CITED_BEFORE = re.compile(r"[A-Z][\w'’-]+(?:\s+et\s+al\.?)?\s*\($")
_CITED_AFTER = re.compile(
    r"\)\s*(?:writes|wrote|argues|argued|notes|noted|states|stated|says|said|claims|claimed|"
    r"suggests|suggested|concludes|concluded|observes|observed|describes|described|"
    r"points\s+out|pointed\s+out|puts\s+it|calls|called|estimates|estimated)\b"
)


def _citation(fact: Fact) -> bool:
    mention = fact.mention
    return (
        _CITED_BEFORE.search(fact.text, 0, mention.start) is not None
        and _CITED_AFTER.match(fact.text, mention.end) is not None
    )


_NUMBER_AFTER = re.compile(
    r"\s*(?:million|billion|trillion|thousand|hundred|percent|per\s+cent|%)\b", re.IGNORECASE
)
# "More than 1500 single-player maps": a count before the noun it counts
_COUNT_BEFORE = re.compile(
    r"\b(?:more|less|fewer)\s+than\s+$|\b(?:over|nearly|almost|some|at\s+least|up\s+to)\s+$",
    re.IGNORECASE,
)
_COUNTED_AFTER = re.compile(r"\s+(?!(?:and|or|to|in|on|at|by|of|for|from|with|was|were)\b)[a-z]")


def _blank_is_number(fact: Fact) -> bool:
    mention = fact.mention
    if _NUMBER_AFTER.match(fact.text, mention.end):
        return True
    return (
        mention.date.granularity == "year"
        and _COUNT_BEFORE.search(fact.text, 0, mention.start) is not None
        and _COUNTED_AFTER.match(fact.text, mention.end) is not None
    )


# "recorded on _____ and 13, 1968": the other day of a pair, written without its month
_DAY_AFTER_BLANK = re.compile(r"\s*(?:and|to|or|[–-])\s*\d{1,2}\b")


# "shows on August 31 and _____": the day written right before it, in a pair
_DAY_BEFORE_BLANK = re.compile(
    rf"\b({'|'.join(MONTH_NAMES)})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:and|to|or|[–-])\s*$"
)


def _next_day_in_view(fact: Fact) -> bool:
    """For a day answer: the other day of a pair joined to it lies a day or two away
    ("two hometown shows on August 31 and _____", "_____ and 13, 1968"), so the answer
    is counted, not known."""
    answer = fact.date
    if answer.granularity != "day":
        return False
    if _DAY_AFTER_BLANK.match(fact.text, fact.mention.end):
        return True
    pair = _DAY_BEFORE_BLANK.search(fact.text, 0, fact.mention.phrase_start)
    if pair is None:
        return False
    year, month, day = answer.sort_key()
    try:
        other = date(year, MONTH_NAMES.index(pair.group(1)) + 1, int(pair.group(2)))
        return abs((date(year, month, day) - other).days) <= 2
    except ValueError:
        return False


# A date joined to the blank as the other half of a pair: "_____ and 1974", "the _____
# and 1930s", "in May and _____", "in _____ or July" (a year, a decade, or a month name,
# perhaps with its year).
_PAIR_WORD = rf"(?:the\s+)?(?P<other>\d{{3,4}}s|\d{{1,4}}|{'|'.join(MONTH_NAMES)})"
_PAIR_AFTER_BLANK = re.compile(
    # "in late _____ and early 1989": a part of the year before the other
    rf"\s*(?P<joiner>and|or|to|through|–|—|-)\s*(?:(?:early|mid|late)[\s-]+)?{_PAIR_WORD}"
    rf"(?:\s+(?P<day>\d{{1,2}})(?!\d))?(?:,?\s+(?P<year>\d{{3,4}}))?\b"
)
# "August, September, and early _____": the last of a list is paired with the one before
_PAIR_BEFORE_BLANK = re.compile(
    rf"\b{_PAIR_WORD}\s*,?\s*(?P<joiner>and|or|to|through|–|—|-)\s*"
    rf"(?:(?:early|mid|late)[\s-]+)?$"
)


@dataclass(frozen=True)
class PairedDate:
    """The other date of a pair joined to the blank ("in 1973 and _____"): the word
    joining them and how many of the answer's units lie between them (None when the
    other is not written in the answer's unit)."""

    joiner: str
    distance: int | None


def paired_date(fact: Fact) -> PairedDate | None:
    """The date the sentence joins to the fact's date by "and", "or", "to" or a dash,
    when the fact's date is one of the pair's halves as written ("In 1973 and 1974",
    "the 1920s and 1930s", "in June or July"); None when there is none."""
    mention = fact.mention
    if mention.relative:
        return None  # "the next year" is counted from the date before it, not paired
    match = _PAIR_AFTER_BLANK.match(fact.text, mention.end) or _PAIR_BEFORE_BLANK.search(
        fact.text, 0, mention.phrase_start
    )
    if match is None:
        return None
    return PairedDate(match.group("joiner").lower(), _units_apart(match, fact.date))


def _units_apart(match: re.Match[str], answer: DateValue) -> int | None:
    """How many of the answer's units (years, decades, months) the other date of a pair
    lies from it; None when it is written in another unit."""
    other = match.group("other")
    year, month, _ = answer.sort_key()
    if answer.granularity == "decade" and other.endswith("s"):
        return abs(int(other[:-1]) - year) // 10
    if answer.granularity == "year" and other.isdigit() and len(other) > 2:
        return abs(int(other) - year)
    if answer.granularity == "day" and other.isdigit() and len(other) <= 2:
        return abs(int(other) - answer.sort_key()[2])  # "on 27 and 28 August"
    if answer.granularity == "day" and other in MONTH_NAMES and match.groupdict().get("day"):
        # "on _____ and September 1, 1968"
        try:
            paired = date(int(match.group("year") or year), MONTH_NAMES.index(other) + 1, 1)
            paired += timedelta(days=int(match.group("day")) - 1)
            return abs((paired - date(year, month, answer.sort_key()[2])).days)
        except ValueError:
            return None
    if answer.granularity == "month" and other in MONTH_NAMES:
        other_year = int(match.groupdict().get("year") or year)
        return abs(other_year * 12 + MONTH_NAMES.index(other) + 1 - (year * 12 + month))
    return None


def _either_date(fact: Fact) -> bool:
    """The text gives the date as one of two ("assembled in June or July", "in 1610 or
    1611"): either is right, so neither is the answer, nor a wrong choice."""
    pair = paired_date(fact)
    return pair is not None and pair.joiner == "or"


def _year_not_shown(draft: ClozeDraft) -> bool:
    """The blanked month is written without its year ("visited her home in July", the
    year taken from the story) and the year shows nowhere the learner looks: not in the
    text of the question, nor in its section's title. (A day's blank asks the day, which
    "12 July" answers whatever the year; a month alone is what "July" answers, and its
    key "July 1970" holds a year the question never asked.)"""
    mention = draft.fact.mention
    if not mention.inferred or mention.relative or draft.fact.date.granularity != "month":
        return False  # "That month, Sub Pop released ...": the blank asks the whole date
    year = draft.fact.date.sort_key()[0]
    shown = f"{draft.text} {draft.fact.block.section}"
    return re.search(rf"(?<!\d){abs(year)}(?!\d)", shown) is None


def _pair_gives_away(fact: Fact) -> bool:
    """The other half of a pair lies one unit from the answer ("In _____ and 1974", "the
    _____ and 1930s", "in May and _____"), or a day two days from it ("on 27 and
    _____"): the answer is counted from it, not known."""
    pair = paired_date(fact)
    reach = 2 if fact.date.granularity == "day" else 1
    return pair is not None and pair.distance is not None and 0 < pair.distance <= reach


# "Asimov told him this", "the report ... said,": what the words before ':' announce
_ANNOUNCING_END = re.compile(
    r"\b(?:this|these|the\s+following|as\s+follows|said|says|wrote|writes|stated|states|"
    r"declared|announced|added|told\s+\w+|asked|replied|read|reads|saying|stating|writing)"
    r"[\s,]*$",
    re.IGNORECASE,
)


def _ends_before_object(fact: Fact) -> bool:
    """The sentence ends where what it introduces begins ("On 26 May 1776, John Adams
    wrote James Sullivan:", "The report issued on 5 February 1943, 22:00 said,"), or the
    text shown stops at a ':' after words that announce it ("Asimov told him this")."""
    if fact.text.rstrip().endswith((":", ",")):
        return True
    after = fact.text[fact.span[1] :].lstrip()
    shown = fact.span_text.rstrip()
    return after.startswith(":") and _ANNOUNCING_END.search(shown) is not None


_SAID_THEN_CUT = re.compile(
    rf"\b(?:said|stated|wrote|declared|announced|added|noted|argued|claimed|remarked|"
    rf"explained|commented|told\s+\w+)\s+(?:(?:in|on)\s+)?{BLANK}\s*…$"
)
# The word that opens what was said or thought ("announced that", "whether")
_COMPLEMENT_OPENING = re.compile(r"\b(?:that|whether)\s+(?!\w+\s+(?:is|was|were|are)\b)")


def _cut_in_complement(body: str) -> bool:
    """The text shown stops inside what was said, before its verb: "On _____, the US Navy
    announced that two of the smaller Virginia-class attack submarines …", or before it
    begins: "Sinn Féin President Gerry Adams said in _____ …"."""
    if not body.endswith("…"):
        return False
    if _SAID_THEN_CUT.search(body):
        return True
    openings = list(_COMPLEMENT_OPENING.finditer(body))
    return bool(openings) and _main_verb_at(body[openings[-1].end() :]) is None


# "for ten years", "30 years later", "three years after": a count of years in view
_COUNTED_WORDS = "one two three four five six seven eight nine ten eleven twelve"
_YEARS_COUNTED = re.compile(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|hundred)\s+"
    # "43 National Football League (NFL) seasons": a league's name between
    r"(?:[A-Z(][\w()]*\s+){0,4}(?:years?|seasons?)\b",
    re.IGNORECASE,
)
_COUNT_WORDS = {
    **{word: count for count, word in enumerate(_COUNTED_WORDS.split(), start=1)},
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
}


def _counted_in_view(draft: ClozeDraft) -> bool:
    """The text shown gives a year and a count of years that lands on the answer: "In
    1826 Madison was appointed rector. He retained the position for ten years until his
    death in _____" is answered by adding ten to 1826, not by knowing the story. A count
    of seasons lands on it counted inclusively too: "As of the end of the 2018 season,
    the Seahawks have competed in 43 seasons, dating back to _____" is 2018 - 43 + 1."""
    answer = draft.fact.date
    if answer.granularity != "year":
        return False
    text = draft.text
    counts: set[int] = set()
    for found in _YEARS_COUNTED.finditer(text):
        if not (found.group(1).isdigit() or found.group(1).lower() in _COUNT_WORDS):
            continue
        count = _COUNT_WORDS.get(found.group(1).lower()) or int(found.group(1))
        counts.add(count)
        if found.group().lower().endswith(("season", "seasons")):
            counts.add(count - 1)  # the first season and the last are both counted
    shown = {
        mention.date.sort_key()[0]
        for mention in _dates_in(text)
        if not mention.relative and mention.date.granularity == "year"
    }
    year = answer.sort_key()[0]
    return any(abs(year - other) in counts for other in shown if other != year)


# "held training camp through 2006", "the majority of its business until 1981": where a
# state the text shows ends
_SHOWN_END = re.compile(r"\b(?:through|thru|until|till)\s+(\d{4})\b(?![–-]\d)")


def _end_shown_before(draft: ClozeDraft) -> bool:
    """The text shown ends a state in the year before the answer: "the team returned to
    Cheney in 1997, where they held training camp through 2006. In _____, training camp
    returned to Kirkland" is answered by the year after 2006, not by knowing the story."""
    answer = draft.fact.date
    if answer.granularity != "year":
        return False
    year = answer.sort_key()[0]
    return any(int(end.group(1)) + 1 == year for end in _SHOWN_END.finditer(draft.text))


# Ends of a bracketed range this far apart are a life's or a reign's, not an event's
LIFESPAN_YEARS = 25
# "Geoffrey Dummer (_____)": a name, then a range in brackets
_NAME_BEFORE_BRACKET = re.compile(r"[A-Z][\w.'’-]*\s*\($")


def _lifespan(fact: Fact) -> bool:
    """A range in brackets right after a name, its ends a generation or more apart, is a
    life or a reign ("conceived by Geoffrey Dummer (1909–2002)", "Charles Babbage
    (1791–1871) was an English polymath"): the blank does not say what it asks, and
    holds two dates a learner learns apart. A war's or a battle's span ("the American
    Revolutionary War (1775–1783)") is shorter, and is asked."""
    mention = fact.mention
    date = mention.date
    return (
        date.granularity == "range"
        and date.end_key()[0] - date.sort_key()[0] >= LIFESPAN_YEARS
        and _NAME_BEFORE_BRACKET.search(fact.text, 0, mention.start) is not None
        and fact.text[mention.end : mention.end + 1] == ")"
    )


# "in the 2005 playoffs", "the 1995 postseason": a season's games after its year ends
_PLAYOFFS_AFTER = re.compile(r"\s*(?:play-?offs?|post-?season)\b", re.IGNORECASE)


def _season_playoffs(fact: Fact) -> bool:
    """The year names a season's playoffs ("That drought was ended with a win over the
    Washington Redskins in the 2005 playoffs", played in January 2006): the season's
    year and the calendar's are both right."""
    mention = fact.mention
    return (
        mention.date.granularity == "year"
        and _PLAYOFFS_AFTER.match(fact.text, mention.end) is not None
    )


# "with some calling for penalties ... on _____": what a part of a group did, told in a
# "with" phrase, in the clause of the blank
_SCATTERED_PART = re.compile(
    rf"\bwith\s+(?:some|many|others)\s+(?:of\s+them\s+)?[a-z]+ing\b[^,;]*{re.escape(BLANK)}"
)


def _scattered_part(text: str) -> bool:
    """The blank dates what "some" or "many" of a group did, told beside the group's own
    act ("European Parliament members debated ..., with some calling for penalties on
    Turkey for Syrian proxy deployments on October 8, 2020"): each of them called when
    they did, and the date may be the deployments' too; no single day answers it."""
    return _SCATTERED_PART.search(text) is not None


# "the 1915 Armenian Genocide", "the 1917 Revolution": a year before a capitalised name
# whose head is an event that may last years
_LASTING_NAME_AFTER = re.compile(
    r"\s+(?:[A-Z][\w'’–-]*\s+){0,4}(?:Genocide|War|Famine|Revolution|Occupation|Depression|"
    r"Pandemic|Epidemic|Insurgency|Rebellion|Holocaust|Crusade|Emergency|Troubles)\b"
)


def _names_lasting_event(fact: Fact) -> bool:
    """The year is the label of an event that may have lasted years ("He publicly
    condemned the 1915 Armenian Genocide": 1915-1923): the label gives the year it began,
    a learner who knows the event may rightly give another of its years, and the
    question asks the event's date, not the sentence's."""
    mention = fact.mention
    return (
        mention.date.granularity == "year"
        and mention.preposition is None
        and _LASTING_NAME_AFTER.match(fact.text, mention.end) is not None
    )


# "The _____ The Wall Street Journal story": a date before a name that brings its article
_TWO_ARTICLES = re.compile(rf"\b(?:[Tt]he|[Aa]n?)\s+{BLANK}\s+(?:The|A|An)\s")


CLOZE_RULES: tuple[Rule[ClozeDraft], ...] = (
    Rule(*_NO_CLAUSE, lambda d: d.fact.form != "clause"),
    Rule(
        "answer-in-view",
        "another date in view gives the answer away",
        lambda d: any(
            (_gives_away(other, d.fact.date) or other.value == d.fact.date.value)
            and _year_in_view(other, d.fact.date, f"{d.context or ''} {d.body}")
            for other in d.fact.neighbours
        ),
    ),
    Rule(
        "glossed-day",
        "the blank glosses in brackets a day the words before it name ('On the Ides of March "
        "(_____), 44 BC'): the month and year are in view and the name gives the day",
        lambda d: _glossed_day(d.fact.date, d.body),
    ),
    Rule(
        "counted-in-view",
        "a year and a count of years in view give the answer ('in 1826 ... for ten years "
        "until his death in _____')",
        _counted_in_view,
    ),
    Rule(
        "end-shown-before",
        "the text shown ends a state the year before the answer ('held camp through 2006. "
        "In _____, camp returned'): the answer is counted, not known",
        _end_shown_before,
    ),
    Rule(
        "lifespan",
        "a life's or a reign's span in brackets after a name ('Geoffrey Dummer (_____)'): "
        "the blank does not say what it asks, and holds two dates",
        lambda d: _lifespan(d.fact),
    ),
    Rule(
        "season-playoffs",
        "the year names a season's playoffs ('in the 2005 playoffs', played in January "
        "2006): the next year is right too",
        lambda d: _season_playoffs(d.fact),
    ),
    Rule(
        "scattered-part",
        "the date is of what 'some' or 'many' of a group did ('with some calling for "
        "penalties ... on _____'): each did it when they did",
        lambda d: _scattered_part(d.body),
    ),
    Rule(
        "lasting-event-label",
        "the year labels an event that may have lasted years ('the 1915 Armenian "
        "Genocide', 1915-1923): another of its years is right too",
        lambda d: _names_lasting_event(d.fact),
    ),
    Rule(
        "next-day-in-view",
        "a day next to the answer is in view ('on August 31 and _____', '_____ and 13')",
        lambda d: _next_day_in_view(d.fact),
    ),
    Rule(
        "either-date",
        "the text gives the date as one of two ('in June or July'): either is right",
        lambda d: _either_date(d.fact),
    ),
    Rule(
        "pair-in-view",
        "the other date of a pair lies next to the answer ('_____ and 1974', 'the _____ and "
        "1930s', 'in May and _____'): the answer is counted, not known",
        lambda d: _pair_gives_away(d.fact),
    ),
    Rule(
        "year-not-shown",
        "the sentence writes a month without its year, and nothing the question shows "
        "says which year: the key holds a year the learner cannot know",
        lambda d: _year_not_shown(d),
    ),
    Rule(
        "counted-from-view",
        "the answer can be counted from another date in view ('two weeks earlier')",
        lambda d: d.fact.counts_between and bool(d.fact.neighbours),
    ),
    Rule(
        "needs-sentence-before",
        "the subject is named only in the sentence before, which gives the answer away",
        lambda d: d.context is None,
    ),
    Rule(
        "names-nothing",
        "the sentence names no place or actor, and no heading says what it is about",
        lambda d: (
            not d.context
            and not d.fact.about
            and not d.person_continues
            and d.unnamed
            and d.heading is None
        ),
    ),
    Rule(
        "unnamed-thing",
        "a place or a thing is named only as 'the city' or 'the magazine'",
        lambda d: (
            _thing_unnamed(d.fact, d.subject, d.fact.span_text, d.lead, d.context or "")
            # "culminating in the _____ summit": the date was all that named it
            or _thing_unnamed(
                d.fact, d.subject, d.body.replace(BLANK, "x"), d.lead, d.context or ""
            )
        ),
    ),
    Rule(
        "told-before",
        "'the case', 'the same design', 'the sessions': a thing only an unseen sentence names",
        lambda d: _told_before(d.fact, d.subject, d.body, d.context or ""),
    ),
    Rule(
        "refers-back",
        "'the offer', 'the proposal', 'its recommendations': the thing is told of only in "
        "the sentence before, which the learner cannot see",
        lambda d: _refers_back(d.fact, d.subject, d.body, d.lead, d.standing),
    ),
    Rule(
        "counts-earlier",
        "'A second explosion followed', 'Another bomb destroyed': one of several, the first "
        "told only in a sentence the learner cannot see",
        lambda d: _counts_earlier(d.text),
    ),
    Rule(
        "counted-from-unseen",
        "a time counted from one the text shown never gives ('three decades later', 'by then')",
        lambda d: _counted_from_unseen(d.text),
    ),
    Rule(
        "given-name-only",
        "a person is called by a given name the document seldom uses alone ('Klavdia')",
        lambda d: _bare_given_name(d.text, d.given_names),
    ),
    Rule(
        "shared-title",
        "a person is called by a title the document gives several people ('the Duke')",
        lambda d: _shared_title(d.text, d.shared_names),
    ),
    Rule(
        "shared-short-name",
        "a building or a body is called by a word the document gives several names ('the "
        "House' beside the House of Lords and the House of Commons, 'the Hall')",
        lambda d: _short_name_alone(d.text, d.shared_names),
    ),
    Rule(
        "shared-spouse",
        "a spouse is called 'his wife' or 'her husband' in a document that tells several "
        "marriages: which marriage, which divorce?",
        lambda d: _shared_spouse(d.text, d.shared_names),
    ),
    Rule(
        "shared-surname",
        "a person is called by a last name the document gives many people, alone ('Khan' "
        "among Ayub, Yahya, Tikka and Yaqub Khan)",
        lambda d: _bare_shared_surname(d.text, d.surnames, d.person),
    ),
    Rule(
        "surname-only",
        "a person is called by a last name the document seldom uses alone and gives to two "
        "people, so no full name can be written for it (a name it gives to one is written "
        "in full: 'John Reed died in _____')",
        lambda d: _bare_rare_surname(d.text, d.rare_surnames),
    ),
    Rule(
        "unresolved-pronoun",
        "a pronoun ('it', 'they', 'her') comes before anything it could stand for",
        lambda d: bool(d.pronoun) and not d.pronoun_is_person and not d.pronoun_is_thing,
    ),
    Rule(
        "other-gender-pronoun",
        "in a life, 'him' where she is the person and no one else is named before it",
        lambda d: _other_gender_unnamed(d.text, d.person),
    ),
    Rule(
        "leans-on-unseen",
        "'this' or 'the two' stands for what a sentence the learner cannot see says",
        lambda d: not d.context and _leans_on_unseen(d.body),
    ),
    Rule(
        "open-bound",
        "the date is an open bound ('by 1990', 'as late as'), not when it happened",
        lambda d: _open_bound(d.fact),
    ),
    Rule(
        "again",
        "the clause of the date tells an event that happened before ('again'): the blank "
        "has several answers",
        lambda d: _again_in_clause(d.fact),
    ),
    _CAPTOR_UNNAMED,
    Rule(
        "trimmed-open",
        "what the cloze leaves out of the sentence cuts a bracket or a quotation open",
        lambda d: _brackets_cut(d.body),
    ),
    Rule(
        "object-left-out",
        "the verb's object is left to the sentence before ('Sun sued in _____': whom?)",
        lambda d: d.fact.form == "clause" and _object_left_out(Clause(d.fact)),
    ),
    Rule(
        "opens-mid-sentence",
        "the text shown starts inside the sentence ('… Newington, London, shows that'), cut "
        "from a name or a phrase it needs",
        lambda d: d.body.startswith("…"),
    ),
    Rule(
        "cut-in-complement",
        "the text shown stops inside what was said, before its verb ('announced that two of "
        "the submarines …')",
        lambda d: _cut_in_complement(d.body),
    ),
    Rule(
        "ends-before-object",
        "the sentence ends before what it introduces (a quotation or a list after ':')",
        lambda d: _ends_before_object(d.fact),
    ),
    Rule(
        "entry-label",
        "the date heads an entry of a list or a chronology ('1946 – used ...', '1963 A "
        "special Hugo Award for ...'): asked only when the entry reads as a sentence",
        lambda d: _label_unasked(d.fact),
    ),
    Rule(
        "fragment",
        "the text is no sentence (a list entry or a caption: no verb)",
        lambda d: (
            not _has_finite_verb(d.fact.span_text)
            or (d.fact.block.kind == "list" and entry_label(d.fact) is None and _list_label(d.fact))
            # "The Bishkek Protocol ceasefire agreement, signed on _____ …"
            or (entry_label(d.fact) is None and _main_verb_at(d.body.replace(BLANK, "x")) is None)
        ),
    ),
    Rule(
        "cut-after-date",
        "the cloze stops right after the date's phrase, before anything is said of it "
        "('..., and in _____ …', 'a single, released in _____ …')",
        lambda d: _cut_after_date(d.body),
    ),
    Rule(
        "cut-before-when",
        "the cloze stops at the blank, before the 'when' clause that tells what happened "
        "then ('The political turmoil escalated in _____ …' when the officers demanded ...)",
        lambda d: _cut_before_when(d.fact, d.body),
    ),
    Rule(
        "year-in-name",
        "the year is part of a name ('the Treason Act 1543'), not the date of an event",
        lambda d: _year_in_name(d.fact),
    ),
    Rule(
        "citation",
        "the year dates a work cited ('Parkinson (2000) writes'), not an event",
        lambda d: _citation(d.fact),
    ),
    Rule(
        "two-articles",
        "the blank stands between two articles ('The _____ The Wall Street Journal story'): "
        "the date modifies a name that brings its own",
        lambda d: _TWO_ARTICLES.search(d.body) is not None,
    ),
    Rule(
        "blank-is-number",
        "the blank reads as a number ('_____ million'), not a date",
        lambda d: _blank_is_number(d.fact),
    ),
    Rule(
        "year-shown",
        "a month is asked where its own sentence shows its year ('In January 1944, Davis "
        "finished high school and graduated in absentia in _____', 'stated at QuakeCon "
        "2007'): only the month is left to know, one of twelve",
        lambda d: _month_with_its_year_shown(d.fact.date, d.body),
    ),
    Rule(
        "opens-on-unnamed",
        "the sentence opens on 'The war ended', 'The teams tested': its subject is carried "
        "over from a sentence the learner cannot see, and nothing shown says which",
        lambda d: (
            not d.context
            and not _names_before(d.plain_lead)
            and _unnamed_opening(d.fact, d.subject, d.body, d.standing, d.plain_lead) is not None
        ),
    ),
    Rule(
        "lead-in-names-another",
        "the question opens on an event by its kind ('The clashes lasted until _____') and "
        "the sentence shown before tells of no such event ('Azerbaijani artillery and "
        "infantry advanced'): which clashes, nothing shown says",
        lambda d: bool(d.context) and _event_lead_in_misses(d),
    ),
)


# Events a text names once and then calls by their kind
_EVENT_KINDS = frozenset(
    """
    clashes clash fighting hostilities war battle offensive operation campaign siege crisis
    talks negotiations ceasefire truce agreement treaty accord deal summit conference
    election referendum uprising revolt rebellion protests strike blockade
    """.split()
)


def _event_lead_in_misses(draft: ClozeDraft) -> bool:
    """Whether the cloze's body opens on "The clashes", "The ceasefire" that nothing
    shown says which, and the sentence shown before does not tell of it."""
    head = _unnamed_opening(draft.fact, draft.subject, draft.body, draft.standing)
    return head in _EVENT_KINDS and not _tells_of(head, draft.context or "")


def _month_with_its_year_shown(answer: DateValue, shown: str) -> bool:
    """Whether ``answer`` is a month and ``shown`` writes its year outside the blank."""
    if answer.granularity != "month":
        return False
    year = str(answer.sort_key()[0])
    visible = shown.replace(BLANK, " ")
    return re.search(rf"(?<![\d-]){year}(?!\d)", visible) is not None


# "the War of 1812", "the Tariff of 1789", "the Revolution of 1688": a noun after "the"
# with nothing but "of" and the year after it to say which
_NAMED_BY_ITS_YEAR = re.compile(r"\b[Tt]he\s+[A-Z][a-z]+\s+of\s+$")


def _year_is_the_name(fact: Fact) -> bool:
    """The year is all that names the thing ("one of the causes of the War of 1812",
    "through the Tariff of 1789"): filled with other years the blank makes names that
    do not exist ("the War of 1804"), ruled out by whoever knows the name, not the story.
    "The Jay Treaty of 1794" or "the Irish Rebellion of 1798" is named by its words
    first, and the year dates it."""
    mention = fact.mention
    return (
        mention.date.granularity == "year"
        and not mention.relative
        and _NAMED_BY_ITS_YEAR.search(fact.text, 0, mention.start) is not None
    )


# "were not repaired until 1946", "had never played since 1795": a negated bound dates
# the event itself
_NEGATED = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.IGNORECASE)


def _not_until(fact: Fact) -> bool:
    """A bound the clause negates ("the lifts were not repaired until 1946"): the date
    is when it happened, and wrong years lie on either side."""
    text, end = fact.text, fact.mention.start
    start = max(text.rfind(mark, 0, end) for mark in ",;:") + 1
    return _NEGATED.search(text, start, end) is not None


def _bound_one_side(fact: Fact) -> bool:
    """The date is a bound a state holds since or until ("The Scots Greys had not been in
    action since 1795" is true of every later year too; "continued until 1991" of every
    earlier one): only dates on the other side are wrong, so the answer is always the
    latest (or earliest) of the options, picked without knowing it."""
    preposition = (fact.mention.preposition or "").lower()
    if preposition == "since":
        return True
    return preposition in ("until", "till") and not _not_until(fact)


# Read before wrong options are drawn for a choice question (after a typed question or
# a cloze gave it its stem).
CHOICE_RULES: tuple[Rule[Fact], ...] = (
    Rule(
        "year-is-the-name",
        "the year is what names the thing ('the War of 1812'): other years make names "
        "that do not exist",
        _year_is_the_name,
    ),
    Rule(
        "bound-one-side",
        "a bound ('since 1795', 'until 1991'): only dates on one side are wrong, so the "
        "answer is the latest or earliest option",
        _bound_one_side,
    ),
)


def cloze_problem(draft: ClozeDraft) -> Rule[Any] | None:
    """The first rule that refuses a cloze of the draft's fact."""
    if draft.fact.form != "clause":
        return CLOZE_RULES[0]
    return first_broken(SHOWN_RULES, draft) or first_broken(CLOZE_RULES, draft)


def cloze_text(
    fact: Fact,
    *,
    title: str = "",
    subject: TitleSubject | None = None,
    person: Person | None = None,
) -> str | None:
    """The fact's span with the date blanked, marked with an ellipsis where trimmed, and
    led by what it needs to be read alone; None when :data:`CLOZE_RULES` refuse it."""
    draft = ClozeDraft(fact, title, subject, person)
    return None if cloze_problem(draft) else draft.text


# --- tables -----------------------------------------------------------------------------

# A row label that names an event: "Servicing Mission 1", "Battle of Kursk"
_EVENT_LABEL = re.compile(
    r"\b(?:mission|battle|war|siege|voyage|tour|flight|expedition|operation|conference|"
    r"summit|election|festival|tournament|championship|cup|games|olympics|launch|"
    r"offensive|campaign|crisis|revolution|uprising|treaty)\b",
    re.IGNORECASE,
)
# Words of a column heading that say only that the column holds dates
_DATE_HEADING_WORDS = frozenset(
    "date dates year years day days when time key official first initial final".split()
)


def table_prompt(fact: TableFact) -> str | None:
    """The question a teacher asks of a dated table cell, from the row's label and what
    the cell, the column or the table's title says happened: "Sank on 15 April 1912" asks
    "On what date did Titanic sink?"; a column "Connected to the grid" asks
    "On what date was Unit 1 connected to the grid?"; "Release date" asks "... was Quake
    released?"; "Key Liberation Date" under "Recaptured Azerbaijani Districts" asks "On
    what date was Füzuli recaptured?". None when neither says what happened."""
    wh = _wh_phrase(fact.date, None, None)
    label = fact.label.strip()
    column = fact.column.strip()
    words = WORD.findall(column)
    if not label or has_hole(label):
        return None
    cell = next((cell for cell in fact.row.cells if fact.mention.text in cell), "")
    opening = WORD.findall(cell[: cell.find(fact.mention.text)])[:1]
    if opening and is_past_tense_verb(opening[0]) and opening[0].lower() not in _AUXILIARY:
        # "Sank on 15 April 1912 after striking an iceberg": the cell says what happened
        return f"{wh} did {label} {verb_lemma(opening[0]) or opening[0].lower()}?"
    if words and _is_participle(words[0]) and words[0].lower() not in _DATE_HEADING_WORDS:
        return f"{wh} was {label} {column[:1].lower()}{column[1:]}?"
    content = [word for word in words if word.lower() not in _DATE_HEADING_WORDS]
    if len(content) == 1:
        lemmas = getAllLemmas(content[0].lower())
        verbs = lemmas.get("VERB", ()) if isinstance(lemmas, dict) else ()
        participle = past_participle(verbs[0]) if verbs else None
        if participle:
            return f"{wh} was {label} {participle}?"
    if content and _is_noun(content[-1].lower()):
        # "Maiden voyage", "UK release": the event the column holds, by its noun
        named = " ".join(word if word.isupper() else word.lower() for word in content)
        return f"{wh} was the {named} of {label}?"
    if not content and WORD.findall(label)[-2:-1] and _EVENT_LABEL.search(label):
        return f"{wh} did {label} take place?"  # "Servicing Mission 1" under "Dates"
    heading = WORD.findall(fact.block.section)
    if heading and _is_participle(heading[0]) and heading[0][:1].isupper():
        return f"{wh} was {label} {heading[0].lower()}?"
    return None


# --- cross-references -------------------------------------------------------------------

# "(see below)", "(see timeline)", "(15 March; see Roman calendar)": the encyclopedia sends
# its reader to another page or section; the story goes on without it.
_CROSS_REFERENCE = re.compile(
    r"[ \t]*\((?:see|cf\.)[ \t][^()]*\)|;[ \t]*(?:see|cf\.)[ \t][^()]*(?=\))", re.IGNORECASE
)


def without_cross_references(text: str) -> str:
    """``text`` without the cross-references a reader of the page may follow: "settled
    ... (see below)." -> "settled ...", "On the Ides of March (15 March; see Roman
    calendar) of _____" -> "On the Ides of March (15 March) of _____". A reference that
    holds the blank stays: it is what the question asks."""
    return _CROSS_REFERENCE.sub(lambda found: found.group() if BLANK in found.group() else "", text)


# --- a life's dates ---------------------------------------------------------------------

# The name that opens a life and the bracket after it: "CHARLES BABBAGE (26 December 1791
# – 18 October 1871) was", "JULIA CAROLYN CHILD (née MCWILLIAMS; August 15, 1912 – August
# 13, 2004)", "ISAAC ASIMOV (– April 6, 1992)" (the birth date stripped).
# The name is capitalized words alone ("Henry Prevost Babbage" after "His youngest
# surviving son," is no opening name), with the particles names hold ("Ludwig van").
_LIFE_OPENING = re.compile(
    r"((?:[A-Z][\w.'’-]*|van|von|de|da|di|du|la|le|del|der|bin|ibn)"
    r"(?:[ \t]+(?:[A-Z][\w.'’-]*|van|von|de|da|di|du|la|le|del|der|bin|ibn)){0,5},?)"
    r"\s*\(([^()]*)\)"
)
# The dash between the two dates of a life
_LIFE_DASH = re.compile(r"\s*[–—]\s*|\s+-\s+")
# A bracket that gives a reign or a time of activity, not a life: "r. 1199–1216", "fl. 1200"
_NOT_A_LIFE = re.compile(r"\b(?:r|fl|reigned|floruit|in office)\b\.?", re.IGNORECASE)
# A life lasts at most this many years; a longer span is no life
LONGEST_LIFE = 125


@dataclass(frozen=True)
class LifeDate:
    """A birth or a death date in the bracket after the name that opens a life.

    Attributes:
        fact: the fact of the bracket's date (a life's span, or one date).
        name: the name before the bracket, as the document writes it.
        event: "born" or "died".
        mention: the birth or the death date, with offsets into ``fact.text``.
        told_elsewhere: the document gives the same date again, in a sentence of its own.
    """

    fact: Fact
    name: str
    event: str
    mention: DateMention
    told_elsewhere: bool = False

    def prompt(self) -> str:
        """ "On what date was Charles Babbage born?", "In what year did X die?"."""
        wh = _wh_phrase(self.mention.date, None, None)
        if self.event == "born":
            return f"{wh} was {self.name} born?"
        return f"{wh} did {self.name} die?"


def life_dates(fact: Fact, person: Person | None, opening_at: int = 0) -> tuple[LifeDate, ...]:
    """The birth and death dates a fact gives when its date is the bracket after the name
    that opens the life the document is ("Charles Babbage (26 December 1791 – 18 October
    1871) was an English polymath"): a learner asks when the person was born and when
    they died, two facts with one answer each, where a blank over the whole bracket has
    three (the birth, the death, the span). Empty for any other fact: only the document's
    first sentence (at ``opening_at``) is read so, since "Louis XIV (1643–1715)" further
    on in a life of Louis XV gives a reign; and empty for a bracket that gives a reign
    ("r. 1199–1216") or a span too long for a life."""
    if person is None or fact.sentence.start != opening_at:
        return ()
    opening = _LIFE_OPENING.match(fact.text)
    mention = fact.mention
    if opening is None or not opening.start(2) <= mention.start < opening.end(2):
        return ()
    name, inside = opening.group(1).strip(), opening.group(2)
    title_words = {word.lower() for word in WORD.findall(person.name)}
    if not title_words & {word.lower() for word in WORD.findall(name)}:
        return ()  # another person's dates, or the name of a thing
    if _NOT_A_LIFE.search(inside) or mention.relative or mention.inferred:
        return ()
    before = fact.text[opening.start(2) : mention.start]
    if mention.date.granularity != "range":
        if re.search(r"\b(?:born|b\.)\s*$", before):
            return (LifeDate(fact, name, "born", mention),)
        if re.fullmatch(r"[\s;,]*[–—-]\s*", before):
            return (LifeDate(fact, name, "died", mention),)
        return ()
    years = mention.date.end_key()[0] - mention.date.sort_key()[0]
    dash = _LIFE_DASH.search(mention.text)
    if dash is None or not 0 < years <= LONGEST_LIFE:
        return ()
    halves = (
        (mention.start, mention.start + dash.start()),
        (mention.start + dash.end(), mention.end),
    )
    lives: list[LifeDate] = []
    for event, (start, end) in zip(("born", "died"), halves, strict=True):
        found = find_dates(fact.text[start:end])
        if len(found) != 1 or found[0].end - found[0].start != end - start or found[0].vague:
            return ()  # the half is not one exact date by itself
        half = found[0]
        placed = replace(half, start=start + half.start, end=start + half.end)
        lives.append(LifeDate(fact, name, event, placed))
    return tuple(lives)


LIFE_RULES: tuple[Rule[LifeDate], ...] = (
    Rule(
        "life-date-told-elsewhere",
        "the document tells the birth or death again, where its own sentence asks it",
        lambda d: d.told_elsewhere,
    ),
)


# --- self-checks: every question against its own answer --------------------------------

# "On what date in 1962 did ...": the date a question names beside its question word
_ASKED_WITHIN = re.compile(r"^\w+ what [\w ]*? in ([^?]+?) (?=(?:did|was|were|had)\b)")


def _context_disagrees(question: Question) -> bool:
    """The date a typed question puts beside its question word ("On what date in 1960")
    does not hold the answer."""
    if question.kind not in {"date", "choice"} or question.answer is None:
        return False
    match = _ASKED_WITHIN.match(question.prompt)
    if match is None:
        return False
    within = parse_date_answer(match.group(1))
    return within is not None and not _within_all(question.answer.value, within)


def _within_all(inner: DateValue, outer: DateValue) -> bool:
    (first, last), (inner_first, inner_last) = interval(outer), interval(inner)
    return first <= inner_first and inner_last <= last


@lru_cache(maxsize=16384)
def _read_choice(text: str, right: DateValue) -> DateValue | None:
    """A choice read back as a learner's answer would be (the same dates recur)."""
    return parse_date_answer(text, reference=right)


def _choices_unsound(question: Question) -> bool:
    """Two choices are the same date, or the answer is not exactly one of them."""
    if question.kind != "choice" or question.answer is None:
        return False
    right = question.answer.value
    values = [_read_choice(choice, right) for choice in question.choices]
    return (
        None in values
        or len(set(values)) != len(values)
        or values.count(right) != 1
        or question.answer.text not in question.choices
    )


# "equivalent to £ or $ today": a currency sign whose amount was stripped
_LOST_AMOUNT = re.compile(r"[£$€¥](?!\s?\d)")
# "its th guest", "the st century": an ordinal ending whose number was stripped
_LOST_NUMBER = re.compile(r"\b(?:its|the|a|their|his|her)\s+(?:st|nd|rd|th)\b")


def _blanks(question: Question) -> int:
    return question.prompt.count(BLANK)


def _debris(question: Question) -> bool:
    """Underscores left where the text lost a word ("agreed to the __ peace treaty"), or
    an ordinal that lost its number ("the tower received its th guest")."""
    shown = question.prompt.replace(BLANK, " ")
    return (
        "__" in shown
        or _LOST_NUMBER.search(shown) is not None
        or _LOST_AMOUNT.search(shown) is not None
    )


# A range this short that holds a day answer gives it away ("November 9-10, 2020")
_SHORT_RANGE_DAYS = 3


def _shows_answer(text: str, question: Question) -> bool:
    """Whether ``text`` writes the question's answer, or a date that fixes it: its year
    for a year question, a range of a few days around a day ("Trilateral Ceasefire
    Agreement on November 9-10, 2020" for November 9)."""
    if question.answer is None or question.kind == "order":
        return False
    right = question.answer.value
    if right.granularity == "day" and _month_day_pattern(right).search(text):
        return True  # "as part of the September 11 attacks": the day is in view
    for mention in _dates_in(text):
        value = mention.date
        if mention.relative:
            continue
        if value == right or _gives_away(value, right):
            return True
        if right.granularity == "day" and value.granularity == "range" and overlaps(value, right):
            first, last = interval(value)
            try:
                if date(*last) - date(*first) < timedelta(days=_SHORT_RANGE_DAYS):
                    return True
            except ValueError:  # a month's bound is day 31 of any month
                continue
    return False


@lru_cache(maxsize=4096)
def _month_day_pattern(value: DateValue) -> re.Pattern[str]:
    """ "September 11" or "11 September" of a day, written without its year."""
    _, month, day = value.sort_key()
    name = MONTH_NAMES[month - 1]
    return re.compile(rf"\b(?:{name}\s+{day}\b(?!,?\s*\d)|{day}\s+{name}\b(?!,?\s*\d))")


SELF_CHECKS: tuple[Rule[Question], ...] = (
    Rule(
        "context-disagrees",
        "the date named beside the question word does not hold the answer",
        _context_disagrees,
    ),
    Rule(
        "choices-unsound",
        "two choices are the same date, or the answer is not exactly one of them",
        _choices_unsound,
    ),
    Rule(
        "blank-count",
        "a cloze needs exactly one blank",
        lambda q: q.kind == "cloze" and _blanks(q) != 1,
    ),
    Rule(
        "debris",
        "the prompt shows a gap the text left ('the __ peace treaty')",
        _debris,
    ),
    Rule(
        "answer-shown",
        "the question shows its own answer",
        lambda q: _shows_answer(q.prompt.removeprefix(_FILL_THE_BLANK).replace(BLANK, " "), q),
    ),
    Rule(
        "answer-in-section",
        "the section title, shown above the question, gives the answer away",
        lambda q: _shows_answer(q.section, q),
    ),
    Rule(
        "disputed-shown",
        "another date the document gives for the event is shown in the question as "
        "another event's ('baptized ... on 15 February. On _____, Jogaila married "
        "Jadwiga', where the lead dates the wedding 15 February): accepting it would "
        "mark right a date the question itself gives to something else",
        lambda q: _disputed_shown(q),
    ),
)


def _cycle_of(named: str | None, cycles: Mapping[str, int]) -> str | None:
    """The recurring event of ``cycles`` a year's name stands for: itself, or the one
    cycle whose name it ends ("the 1816 election" in a document whose presidential
    elections recur every four years)."""
    if named is None:
        return None
    if named in cycles:
        return named
    longer = [cycle for cycle in cycles if cycle.endswith(f" {named}")]
    return longer[0] if len(longer) == 1 else None


def _disputed_shown(question: Question) -> bool:
    """Whether a disputed date the question accepts is written in its prompt."""
    shown = question.prompt.replace(BLANK, " ")
    for other in question.disputed:
        value = other.value
        if value.granularity == "day" and _month_day_pattern(value).search(shown):
            return True
        if any(found.date == value for found in _dates_in(shown)):
            return True
    return False


def self_check(question: Question, title: str = "") -> Rule[Question] | None:
    """The first self-check the question fails, or None when it may be written.

    ``title`` is the document's title, which the learner sees above every question: a
    question whose answer it shows ("Acts of Union 1707", "In what year ...?") is none.
    """
    broken = first_broken(SELF_CHECKS, question)
    if broken is None and _shows_answer(title, question):
        return _ANSWER_IN_TITLE
    return broken


_ANSWER_IN_TITLE: Rule[Question] = Rule(
    "answer-in-title",
    "the document's title, shown above the question, gives the answer away",
    lambda _: True,
)


# --- acronyms ---------------------------------------------------------------------------

_ACRONYM_DEFINED = re.compile(r"\(([A-Z]{2,7})\)")
# An acronym, or the letters of its plural ("SSBNs": the letters are "SSBN")
_ACRONYM = re.compile(r"\b[A-Z]{2,7}(?=s?\b)")
# Words a name may hold that its acronym leaves out ("Americans with Disabilities Act")
_UNLETTERED = frozenset("of and for the with on in to at upon a an de du la".split())


def acronyms(text: str) -> dict[str, str]:
    """The acronyms a document spells out, each with its first spelling: "Human Rights
    Watch (HRW)" gives {"HRW": "Human Rights Watch"}, "a two-stage lunar module (LM)"
    {"LM": "lunar module"}, "random-access memory (RAM)" {"RAM": "random-access
    memory"}. The name is the run of words before the bracket whose initials, or the
    initials of their hyphenated parts, spell the acronym."""
    found: dict[str, str] = {}
    for match in _ACRONYM_DEFINED.finditer(text):
        acronym = match.group(1)
        if acronym in found:
            continue
        words = list(WORD.finditer(text, max(0, match.start() - 160), match.start()))
        letters = ""
        for position in range(len(words) - 1, -1, -1):
            word = words[position].group()
            if word.lower() in _UNLETTERED:
                continue
            if not word[:1].isalpha():
                break
            # "a two-stage lunar module (LM)": a spelling in lower case spells it too;
            # "Multi-Object Spectrometer (NICMOS)", "random-access memory (RAM)": each
            # part of a hyphenated word may give its letter
            parts = "".join(part[0] for part in word.split("-") if part).upper()
            whole = parts + letters
            letters = whole if acronym.endswith(whole) else word[0].upper() + letters
            if letters == acronym:
                name = text[words[position].start() : words[-1].end()]
                if not _plural_common_noun(name):
                    found[acronym] = _common_noun_case(name, text, words[position].start())
                break
            if not acronym.endswith(letters):
                break
    return found


def _common_noun_case(name: str, text: str, start: int) -> str:
    """A spelling that opens a sentence, its first word capitalised only there, in the
    case it takes inside one: "Ball grid array (BGA) packages have existed since ..."
    gives "ball grid array", written in as "to land grid array (LGA) and ball grid array
    (BGA)"; "Human Rights Watch" stays a name."""
    words = name.split()
    opens_sentence = re.search(r"(?:^|[.!?]\s+|\n)$", text[max(0, start - 3) : start]) is not None
    if opens_sentence and len(words) > 1 and all(word.islower() for word in words[1:]):
        return name[0].lower() + name[1:]
    return name


def _plural_common_noun(name: str) -> bool:
    """A spelling in lower case that ends in a plural ("submarine-launched ballistic
    missiles (SLBM)"): written in for the acronym, which names one, it reads "the first
    submarine-launched ballistic missiles (SLBM)"."""
    last = name.split()[-1]
    return last.islower() and re.search(r"[^su]s$", last) is not None


# A name that opens with a vowel sound ("an Independent ...", but "a United Nations ...",
# "a European ...", "a One-Party ...")
_VOWEL_SOUND = re.compile(r"(?!U|Eu|One\b)[AEIOU]", re.IGNORECASE)


def _inside_a_name(prompt: str, match: re.Match[str], *, opening: bool = True) -> bool:
    """The acronym is a word of a longer name: "Fox NFL Sunday", "NASA Ames Research
    Center", "ZTE Corporation"; spelled out there it breaks the name ("Fox National
    Football League (NFL) Sunday"). With ``opening`` false, an acronym that opens the
    capitalized words is a name of its own unless a learner knows it anyway: "the PSNI
    Chief Constable", "the IRA Army Council" are an office and a body of the PSNI and
    the IRA, which the document spells out."""
    before = prompt[: match.start()].rstrip(" ")
    after = prompt[match.end() :]
    name_before = re.search(r"(?<![.:!?]\s)(?<!^)\b[A-Z][\w'’-]*$", before) is not None
    name_after = re.match(r" [A-Z][a-z]", after) is not None
    return name_before or (name_after and (opening or is_known_acronym(match.group())))


def _defined_in_place(prompt: str, match: re.Match[str]) -> bool:
    """The prompt already tells what the acronym stands for: it is the bracket after its
    own spelling ("long-term support (LTS)"), or a word of a name that a bracketed acronym
    right after spells ("Extension mechanisms for DNS (EDNS)"); spelled out there it is
    told twice ("long-term support (Long Term Support (LTS))")."""
    acronym = match.group()
    in_its_bracket = prompt[match.start() - 1 : match.start()] == "(" and prompt[
        match.end() :
    ].startswith((")", "s)"))
    return in_its_bracket or (
        re.match(rf"[\w\s'’-]{{0,40}}\([A-Z]*{acronym}[A-Z]*\)", prompt[match.end() :]) is not None
    )


# A Roman numeral ("Henry VIII", "STARS II", "Vatican II") is no acronym
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")


_GLOSSED = (
    # "Sudan Liberation Movement/Army (SLM/A)", "the Apollo-Saturn ("AS") program"
    re.compile(r"\([\"“]?([A-Z]{2,7})\b"),
    # "a program called MUT (MultiUser Talk)"
    re.compile(r"\b([A-Z]{2,7}) \((?=[A-Z]?[a-z])"),
    # "also known as MOS", "commonly referred to as BIND", "referred to as the AX series"
    re.compile(r"\b(?:known as|referred to as|called) (?:the )?[\"“]?([A-Z]{2,7})\b"),
    # "The first IMP, a modified Honeywell DDP-516 minicomputer, ..."
    re.compile(r"\b([A-Z]{2,7}), an? (?:[\w-]+ ){0,4}?[a-z][\w-]*[,.]"),
)


def glossed(prompt: str) -> set[str]:
    """The acronyms the prompt itself glosses, by a bracket, a "known as" or an
    apposition, wherever it uses them again: "The Soviet Air Force, the
    Voyenno-Vozdushnye Sily (VVS), was swept aside ... The VVS bases", "The first IMP,
    a modified Honeywell DDP-516 minicomputer, was installed ..."."""
    return {found for pattern in _GLOSSED for found in pattern.findall(prompt)}


def _initials(title: str) -> str:
    """A title's initials, as its acronym would spell them: "Integrated circuit": "IC"."""
    words = [word for word in WORD.findall(title) if word.lower() not in _UNLETTERED]
    return "".join(word[0].upper() for word in words)


def unknown_acronym(prompt: str, known: Mapping[str, str], title: str = "") -> str | None:
    """The first acronym in ``prompt`` a learner cannot be expected to read, or None.

    "The third flight, a STARS II development mission, was launched in _____" gives
    "STARS": the document never spells it out ("STARS, a strategic targeting system, is a
    BMDO program"), so the learner, who sees only the question, reads letters. An acronym
    passes when the document spells it out (``known``, :func:`acronyms`: the question
    spells it out itself), when the title shown above the question holds it or its
    initials spell it ("IC" under "Integrated circuit"), when the learner knows it
    anyway (:func:`~question_bank.known_acronyms.is_known_acronym`: "NASA", "BBC"),
    when the prompt glosses it (:func:`glossed`), inside a quotation ("SOS" as a song's
    title), as a word of a longer name ("DGC Records", "HMS Bellerophon": the name says
    what it is, a label or a ship, whatever its letters stand for), and as a numbered
    designation ("RFC 1459", "mission STS-31"), a name as "Apollo 8" is.
    """
    told = glossed(prompt) | set(re.findall(r"[A-Z]{2,7}", title)) | {_initials(title)}
    for match in _ACRONYM.finditer(prompt):
        letters = match.group()
        # a plural is not spelled out (:func:`spell_out`): the document's spelling of one
        # does not reach the learner
        plural = prompt[match.end() : match.end() + 1] == "s"
        if (
            (letters in known and not plural)
            or letters in told
            or _ROMAN.match(letters)
            or is_known_acronym(letters)
            or _defined_in_place(prompt, match)
            or _inside_a_name(prompt, match)
            or _inside_quotes(prompt, match.start())
            # a numbered designation, named as "Apollo 8" or "W47" is: "RFC 1459",
            # "mission STS-31"
            or re.match(r"[- ]\d", prompt[match.end() :])
        ):
            continue
        return letters
    return None


_UNKNOWN_ACRONYM: Rule[Question] = Rule(
    "unknown-acronym",
    "an acronym the document never spells out and a learner need not know ('STARS', "
    "'BMDO'): the question names a thing by letters the learner cannot read",
    lambda _: True,
)


def spell_out(prompt: str, known: Mapping[str, str]) -> str:
    """The prompt with each acronym the document spells out, and the prompt does not,
    written in full where it first stands: "HRW investigated ..." -> "Human Rights Watch
    (HRW) investigated ..."; "from pin grid array (PGA) to LGA and BGA" spells out the
    two after it as well. A learner sees only the question. A quotation is left as it
    was said ("the totality of the IRA's arsenal"), and a possessive takes the name alone
    ("the Irish Republican Army's military structure", not "(IRA)'s")."""
    for _ in range(len(known)):
        spelled = _spell_out_first(prompt, known)
        if spelled == prompt:
            break
        prompt = spelled
    return prompt


def _spell_out_first(prompt: str, known: Mapping[str, str]) -> str:
    """:func:`spell_out` for the first acronym it would write in full."""
    for match in _ACRONYM.finditer(prompt):
        name = known.get(match.group())
        if (
            name is None
            # "SSBNs": a plural of the name the document spells out for one is not
            # written by adding an "s" ("members of parliament")
            or prompt[match.end() : match.end() + 1] == "s"
            or name in prompt
            or _inside_a_name(prompt, match, opening=False)
            or _defined_in_place(prompt, match)
            or _inside_quotes(prompt, match.start())
            # a word compounded with it: "SLBM-designated", "NATO-led"
            or re.match(r"-[a-z]", prompt[match.end() :])
        ):
            continue
        before = prompt[: match.start()]
        possessive = re.match(r"['’]s\b", prompt[match.end() :])
        if possessive:
            # "the Office of Strategic Services' stations", not "Services's"
            mark = possessive.group()[:-1] if name.endswith("s") else possessive.group()
            return f"{before}{name}{mark}{prompt[possessive.end() + match.end() :]}"
        # "An RUC report" -> "A Royal Ulster Constabulary (RUC) report"
        article = re.search(r"\b([Aa])n?\s+$", before)
        if article:
            fitting = "an" if _VOWEL_SOUND.match(name) else "a"
            fitting = fitting.capitalize() if article.group(1) == "A" else fitting
            before = before[: article.start()] + fitting + " "
        return f"{before}{name} ({match.group()}){prompt[match.end() :]}"
    return prompt


# --- words set in capitals --------------------------------------------------------------

# A word set in capitals: two letters or more, none in lower case ("BATTLE", "XXIII")
_SHOUTED = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞƏ][A-ZÀ-ÖØ-ÞƏ'’]+(?![\w'’-])")
# Words of a name that stay in lower case inside it ("Battle of Stalingrad")
_NAME_SMALL_WORDS = (
    frozenset("of the and with for in on at to a an by from upon".split()) | _NAME_PARTICLES
)
_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")


def case_forms(text: str, title: str = "") -> dict[str, str]:
    """How a document writes its words when it does not set them in capitals, by lower
    case: the title's own forms first ("id Software"), then the form a name takes inside
    sentences ("Stalingrad"), then any other ("domain"). A word the document also sets
    in capitals on its own ("SALT", "STARS": an acronym) keeps its capitals.

    Encyclopedia text converted to plain text sets bold type in capitals: "The BATTLE OF
    STALINGRAD (23 August 1942 – 2 February 1943) was the largest confrontation of World
    War II". A learner reads that as shouting or as an acronym; these forms write it back
    as the document writes the name elsewhere (:func:`restore_case`).
    """
    counts: dict[str, Counter[str]] = {}
    for match in WORD.finditer(text):
        word = match.group()
        if word.isupper() or word.islower() and len(word) < 2:
            continue
        counts.setdefault(word.lower(), Counter())[word] += 1
    forms = {
        lower: max(found, key=lambda form: (form[:1].isupper(), found[form]))
        for lower, found in counts.items()
    }
    for run in _shouted_runs(text):
        if len(run) == 1:
            forms[run[0].group().lower()] = run[0].group()
    for word in WORD.findall(_title_name(title)):
        if not word.isupper():
            forms[word.lower()] = word
    return forms


def _shouted_runs(text: str) -> list[list[re.Match[str]]]:
    """The words set in capitals, in runs of words next to each other."""
    runs: list[list[re.Match[str]]] = []
    for match in _SHOUTED.finditer(text):
        if runs and not text[runs[-1][-1].end() : match.start()].strip(" -"):
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def restore_case(text: str, forms: Mapping[str, str], title: str = "") -> str:
    """``text`` with the names a converter set in capitals written as the document writes
    them elsewhere: "The BATTLE OF STALINGRAD (_____) was ..." -> "The Battle of
    Stalingrad (_____) was ...", "born ANGELO GIUSEPPE RONCALLI" -> "born Angelo Giuseppe
    Roncalli".

    A run of two words or more in capitals is a name set in bold when the document writes
    one of its words in lower case somewhere (an acronym such as "IBM PC" or "STARS II"
    is never written so); its words take the document's forms, small words ("of",
    "the") lower case, words the document never writes otherwise (a Roman numeral,
    "LLC") stay as they are, and others are capitalized. A word in capitals alone is
    written back only when it is a word of the title ("NIRVANA was an American rock
    band" in "Nirvana (band)"); "ABBA" and "NATO" stay.
    """
    runs = _shouted_runs(text)
    if not runs:
        return text
    title_words = {word.lower() for word in WORD.findall(_title_name(title)) if not word.isupper()}
    pieces: list[str] = []
    last = 0
    for run in runs:
        known = [
            m for m in run if len(m.group()) > 2 and not forms.get(m.group().lower(), "A").isupper()
        ]
        if len(run) == 1:
            if run[0].group().lower() not in title_words:
                continue
        elif not known:
            continue
        for position, match in enumerate(run):
            word, lower = match.group(), match.group().lower()
            if position and lower in _NAME_SMALL_WORDS:
                written = lower
            elif lower in forms:
                form = forms[lower]
                written = form if form[:1].isupper() or form.lower() != form else form.title()
                if lower in title_words:
                    written = form
            elif _ROMAN_NUMERAL.fullmatch(word) or len(word) <= 3 and not getAllLemmas(lower):
                written = word
            else:
                written = word[:1] + word[1:].lower()
            pieces.append(text[last : match.start()] + written)
            last = match.end()
    return "".join(pieces) + text[last:]


# --- fact ids ---------------------------------------------------------------------------


def _fact_key(source_key: str, fact: Fact | TableFact) -> str:
    if isinstance(fact, TableFact):
        return content_id("f", source_key, fact.row.text, fact.date.value)
    return content_id("f", source_key, fact.sentence.text, fact.date.value)


def fact_ids(
    source_key: str,
    facts: Sequence[Fact],
    same_event: Sequence[tuple[int, int]] = (),
) -> dict[int, str]:
    """A stable id for each fact (by ``id()``), from its source sentence and date; facts
    told twice (``same_event``: index pairs of facts about one event, with the same
    date or disputed ones) share the smallest of their ids, so the app asks the event
    once whichever sentence tells it."""
    own = [_fact_key(source_key, fact) for fact in facts]
    linked: dict[int, list[int]] = {}
    for i, j in same_event:
        linked.setdefault(i, []).append(j)
        linked.setdefault(j, []).append(i)
    shared = list(own)
    seen: set[int] = set()
    for start in linked:
        if start in seen:
            continue
        group, waiting = [], [start]  # the facts linked to ``start``, one step at a time
        seen.add(start)
        while waiting:
            index = waiting.pop()
            group.append(index)
            for other in linked[index]:
                if other not in seen:
                    seen.add(other)
                    waiting.append(other)
        smallest = min(own[index] for index in group)
        for index in group:
            shared[index] = smallest
    return {id(fact): shared[index] for index, fact in enumerate(facts)}


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


# --- the writer -------------------------------------------------------------------------


def _difficulty(value: DateValue, inferred: bool, length: int) -> float:
    base = {"year": 0.3, "month": 0.4, "day": 0.45, "range": 0.55}.get(value.granularity, 0.35)
    if inferred:
        base += 0.05
    if length > 220:
        base += 0.05
    return round(base, 2)


def _clamp(difficulty: float) -> float:
    """A difficulty between 0.05 and 0.95, to two decimals as the bank stores it."""
    return round(min(0.95, max(0.05, difficulty)), 2)


@dataclass
class QuestionWriter:
    """Writes a source's questions, with stable ids and deterministic choices.

    Attributes:
        source_key: what identifies the source in ids (its title).
        passage_ids: passage id of each block, by block start offset.
        known_dates: every date the document gives, with the section that gives it,
            for wrong choices from the same story
            (:class:`~question_bank.choices.DistractorPool`).
        title: the document's title; its lead section's clozes are shown under it.
        windows: for each section, the span of time its dates cover
            (:func:`~question_bank.choices.section_windows`); a fact's wrong choices come
            from its section's window first, so a question on a battle of a six-week war
            is not offered dates from the months before the war.
        shared_names: last names the document gives to several people
            (:func:`shared_names`); a "when" question does not ask about one alone.
        subject: what "the telescope" means under a title such as "Hubble Space
            Telescope" (:func:`title_subject`); a cloze saying so is shown under the
            title.
        common_words: words the document writes in lower case inside sentences
            (:func:`common_words`); one opening a sentence is lowered in a question.
        fact_ids: each fact's id (:func:`fact_ids`), by ``id()`` of the fact.
        person: the person the document is a life of
            (:func:`~question_bank.facts.document_person`).
        acronyms: the acronyms the document spells out (:func:`acronyms`); a question
            spells out the first it shows.
        case_forms: how the document writes its words outside capitals
            (:func:`case_forms`); a name set in capitals is written back so in a question.
        not_made: why each form was not written, counted by (kind, reason).
        unasked: for a fact no question could be written for (by ``id()``), why.
        given_names: given names the document seldom uses alone
            (:func:`rare_given_names`); no question calls a person by one alone.
        standing: nouns that name what the whole document is about
            (:func:`standing_nouns`); "the barons" needs no sentence before.
        cycles: the cycle of each recurring event the document dates
            (:func:`~question_bank.choices.recurring_cycles`); a wrong year for "the
            _____ presidential election" lies a whole number of cycles from the answer.
        origin: when the document's subject began (:func:`subject_origin`); no wrong
            choice before it for an answer after it, nor for an answer in its year
            outside the lead.
        event_day: the day of the one-day event the document is about
            (:func:`subject_day`); no wrong choice across it from the answer.
        span: when the lasting event the document is about happened
            (:func:`subject_span`); no wrong choice across it from the answer, nor
            outside it for an answer inside it.
        life: when the person the document is a life of lived
            (:func:`~question_bank.facts.life_span`); no wrong choice after their death
            for an answer in their life.
        surnames: last names the document gives to many people
            (:func:`many_held_surnames`); no cloze calls a person by one alone.
        rare_surnames: last names the document seldom uses alone, with the full name
            for each (:func:`rare_surnames`); a question writes the full name for one
            alone, and is not asked when the document gives the name to two people.
    """

    source_key: str
    passage_ids: dict[int, str]
    known_dates: Sequence[KnownDate]
    title: str = ""
    windows: Mapping[str, tuple[Day, Day]] = field(default_factory=dict)
    shared_names: frozenset[str] = frozenset()
    subject: TitleSubject | None = None
    common_words: frozenset[str] = frozenset()
    fact_ids: Mapping[int, str] = field(default_factory=dict)
    person: Person | None = None
    acronyms: Mapping[str, str] = field(default_factory=dict)
    case_forms: Mapping[str, str] = field(default_factory=dict)
    not_made: Counter[tuple[str, str]] = field(default_factory=Counter)
    unasked: dict[int, str] = field(default_factory=dict)
    given_names: frozenset[str] = frozenset()
    standing: frozenset[str] = frozenset()
    origin: DateValue | None = None
    cycles: Mapping[str, int] = field(default_factory=dict)
    event_day: DateValue | None = None
    span: DateValue | None = None
    life: DateValue | None = None
    surnames: frozenset[str] = frozenset()
    rare_surnames: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._pool = DistractorPool(self.known_dates)
        self._last_refusal: dict[str, str] = {}
        # what refused each fact's "when" question (by id()), for its order item
        self._when_refused: dict[int, Rule[Any] | None] = {}

    def _refused(self, kind: str, rule: Rule[Any] | None) -> bool:
        """Count ``rule`` against ``kind`` when it refused."""
        if rule is None:
            return False
        self.not_made[(kind, rule.reason)] += 1
        self._last_refusal[kind] = rule.reason
        return True

    def _checked(self, questions: Sequence[Question | None]) -> list[Question]:
        """The questions that pass every self-check (the others counted)."""
        return [
            question
            for question in questions
            if question is not None
            and not self._refused(question.kind, self_check(question, self.source_key))
            and not self._refused(question.kind, self._acronym_check(question))
        ]

    def _acronym_check(self, question: Question) -> Rule[Question] | None:
        """:data:`_UNKNOWN_ACRONYM` when the question, or an event it puts in order,
        shows an acronym the learner cannot read (:func:`unknown_acronym`)."""
        texts = [question.prompt, *(item.text for item in question.items)]
        unread = (unknown_acronym(text, self.acronyms, self.source_key) for text in texts)
        return _UNKNOWN_ACRONYM if any(unread) else None

    def fact_questions(
        self,
        fact: Fact,
        disputed: Sequence[Fact],
        related: Mapping[DateValue, float] | None = None,
    ) -> list[Question]:
        """The date, cloze and choice questions for one fact (those that can be written).

        Args:
            fact: the fact to ask.
            disputed: facts that give another date for the same event.
            related: dates of similar events elsewhere in the document, each with how
                strongly it is linked (:func:`~question_bank.facts.related_dates`); a
                "when" question that would fit one linked at RELATED_THRESHOLD or
                more is not asked, and none of them is offered as a wrong choice.
        """
        lives = life_dates(fact, self.person, min(self.passage_ids, default=0))
        if lives:
            return self._life_questions(lives)
        related = related or {}
        mention = fact.mention
        others = tuple(self._disputed(other) for other in disputed)
        accepted = {mention.date.value} | {other.date for other in others}
        ambiguous = any(
            value.value not in accepted
            for value, score in related.items()
            if score >= RELATED_THRESHOLD
        )
        identity = (self.source_key, fact.sentence.text, f"{mention.start}:{mention.text}")
        base = _difficulty(mention.date, mention.inferred, len(fact.span_text))
        fact_id = self.fact_ids.get(id(fact)) or _fact_key(self.source_key, fact)

        def make(
            kind: Kind,
            prompt: str,
            difficulty: float,
            value: DateValue | None = None,
            **extra: Any,
        ) -> Question:
            asked = value or mention.date  # a choice may ask the month of a day
            answer = Answer(
                date=asked.value,
                granularity=asked.granularity,
                text=asked.display(),
                span=fact.date_span,
                inferred=mention.inferred,
                also=None if value else _also(mention.also),
            )
            return self._question(
                fact,
                (*identity, kind),
                kind,
                prompt,
                difficulty,
                answer,
                fact_id,
                disputed=others,
                tags=self._tags(fact),
                **extra,
            )

        questions: list[Question | None] = []
        self._last_refusal = {}
        other_dates = {other.date for other in others}
        when = WhenDraft(
            fact,
            self.shared_names,
            self.common_words,
            ambiguous,
            self.subject,
            self.person,
            self.given_names,
            self.standing,
            self.rare_surnames,
        )
        refused = self._when_refused[id(fact)] = when_problem(when)
        prompt = None if self._refused("date", refused) else when.prompt
        cloze = ClozeDraft(
            fact,
            self.title,
            self.subject,
            self.person,
            self.given_names,
            self.standing,
            self.shared_names,
            surnames=self.surnames,
            rare_surnames=self.rare_surnames,
        )
        cloze_prompt = None if self._refused("cloze", cloze_problem(cloze)) else cloze.text
        prompt = prompt and self._shown(prompt)
        cloze_prompt = cloze_prompt and self._shown(cloze_prompt)
        kinds: tuple[tuple[Kind, str | None, float], ...] = (
            ("date", prompt, 0.15),
            ("cloze", cloze_prompt, 0.1),
        )
        for kind, typed, difficulty in kinds:
            if typed is None:
                continue
            if _shows(typed, other_dates):
                self._refused(kind, _SHOWS_OTHER_DATE)
                continue
            if kind == "cloze":
                typed = range_blank(typed, fact)
            questions.append(make(kind, typed, base + difficulty, accept=self._accept(fact)))
        stem = prompt or (
            f"{_FILL_THE_BLANK}{range_blank(cloze_prompt, fact)}" if cloze_prompt else None
        )
        if others:
            self._refused("choice", _DISPUTED_CHOICE)
        elif stem is None:
            self._refused("choice", _NO_STEM)
        elif (broken := first_broken(CHOICE_RULES, fact)) is not None:
            self._refused("choice", broken)
        else:
            shown = fact.context if prompt else cloze.context or ""
            choices = self._choices(fact, identity, stem, others, related, shown=shown)
            coarse = None if choices or prompt is None else coarser_question(prompt, mention.date)
            if coarse is not None:
                # too few other events' days: the month, and a prompt that says so
                stem, value = coarse
                choices = self._choices(fact, identity, stem, others, related, value, shown)
            if not choices:
                self._refused("choice", _FEW_DISTRACTORS)
            else:
                asked = coarse[1] if coarse else None
                questions.append(make("choice", stem, base - 0.15, asked, choices=choices))
        written = self._checked(questions)
        if not written:
            # The cloze asks least of a sentence: its reason says most about the fact.
            refusals = self._last_refusal
            self.unasked[id(fact)] = refusals.get("cloze") or next(iter(refusals.values()))
        return written

    def _shown(self, text: str) -> str:
        """A question's text as the learner reads it: the first acronym the document
        spells out spelled out, names set in capitals written back in the document's
        own case, the encyclopedia's cross-references left out, a last name the document
        seldom uses alone written in full (:func:`with_full_names`)."""
        text = restore_case(with_full_names(text, self.rare_surnames), self.case_forms, self.title)
        spelled = spell_out(without_cross_references(text), self.acronyms)
        # a name spelled out from a lead that sets it in capitals ("INTERNET RELAY CHAT")
        return spelled if spelled == text else restore_case(spelled, self.case_forms, self.title)

    def _choices(
        self,
        fact: Fact,
        identity: tuple[str, ...],
        stem: str,
        others: Sequence[DisputedDate],
        related: Mapping[DateValue, float],
        right: DateValue | None = None,
        shown: str = "",
    ) -> tuple[str, ...]:
        """Wrong choices for the fact; ``shown`` is the sentence the stem shows before
        the span, whose dates are other events'."""
        mention = fact.mention
        right = right or mention.date
        excluded = [o.date for o in others] + [value.value for value in related]
        excluded += [value.value for value in fact.neighbours]
        if mention.also is not None:
            excluded.append(mention.also.value)  # the same day in the other calendar
        if shown:
            # the sentence shown before the blank: its date is another event's
            excluded += [found.date.value for found in _dates_in(shown)]
        # a date or a year the question itself shows is struck out on sight, and beside
        # the blank it reads as nonsense ("the group's 1979 and 1979 tours")
        visible = stem.replace(BLANK, " ")
        excluded += [found.date.value for found in _dates_in(visible) if not found.relative]
        excluded += _SHOWN_YEAR.findall(visible)
        # "since 1999": a later year is true too, only an earlier one is wrong; "until
        # 1834": only a later one
        bound = (mention.preposition or "").lower()
        sides: dict[str, Side] = {"since": "before", "until": "after", "till": "after"}
        side = "both" if _not_until(fact) else sides.get(bound, "both")
        return self._pool.choices(
            content_id("q", *identity, "choice"),
            right,
            excluded,
            side=side,
            year=right.sort_key()[0] if mention.inferred else None,
            limits=self._limits(stem, right, fact),
            section=fact.block.section,
            window=self.windows.get(fact.block.section),
        )

    def _limits(self, stem: str, right: DateValue, fact: Fact) -> Limits:
        """Where the wrong choices for ``right`` may lie: around the dates the question
        shows, not before the subject began when the answer is after it, on the
        answer's side of the document's one-day event."""
        limits = visible_limits(stem, right, fact.bounds)
        if self.origin is not None and self._after_origin(right, fact):
            limits = replace(limits, since=interval(self.origin)[0])
        limits = self._life_limits(self._subject_limits(limits), right)
        recurring = _cycle_of(cycle_named_after(fact.text, fact.mention.end), self.cycles)
        if recurring is not None and right == fact.mention.date:
            limits = replace(limits, period=self.cycles[recurring])
        return limits

    def _subject_limits(self, limits: Limits) -> Limits:
        """``limits`` on the answer's side of the document's one-day event, and of its
        lasting event or inside it (a table row's date as much as a sentence's)."""
        if self.event_day is not None:
            limits = replace(limits, pivot=interval(self.event_day))
        if self.span is not None:
            limits = replace(limits, span=interval(self.span))
        return limits

    def _life_limits(self, limits: Limits, right: DateValue) -> Limits:
        """``limits`` before the death of the person the document is a life of, for an
        answer in their life."""
        if self.life is not None and interval(right)[1] <= interval(self.life)[1]:
            limits = replace(limits, died=interval(self.life)[1])
        return limits

    def _after_origin(self, right: DateValue, fact: Fact) -> bool:
        """Whether ``right`` dates something after the subject began: it starts after
        the lead's date ("November 2018" after "released on October 26, 2018"), or it is
        that date's year and the sentence tells no beginning of the subject ("Giant
        Bomb's 2018 Game of the Year Awards"; "Intel was founded ... in 1968" asks the
        beginning itself, whose earlier years are fair wrong choices)."""
        assert self.origin is not None
        if interval(right)[0] > interval(self.origin)[0]:
            return True
        return (
            right.granularity == "year"
            and right.sort_key()[0] == self.origin.sort_key()[0]
            and not tells_origin(fact, self.title)
        )

    def _question(
        self,
        fact: Fact,
        identity: tuple[str, ...],
        kind: Kind,
        prompt: str,
        difficulty: float,
        answer: Answer,
        fact_id: str,
        **extra: Any,
    ) -> Question:
        """A question on ``fact``, shown with its passage and evidence."""
        return Question(
            id=content_id("q", *identity),
            kind=kind,
            prompt=prompt,
            passage=self.passage_ids[fact.block.start],
            evidence=fact.evidence,
            section=fact.block.section,
            difficulty=_clamp(difficulty),
            answer=answer,
            fact=fact_id,
            **extra,
        )

    def _life_questions(self, lives: Sequence[LifeDate]) -> list[Question]:
        """A date and a choice question for each birth or death date of a life's opening
        bracket (:func:`life_dates`), each its own fact: the first asked keeps the
        bracket's fact id, the other gets one of its own."""
        questions: list[Question | None] = []
        self._last_refusal = {}
        for life in lives:
            told = sum(known.value == life.mention.date for known in self.known_dates) > 0
            life = replace(life, told_elsewhere=told)
            if self._refused("date", first_broken(LIFE_RULES, life)):
                continue
            fact, mention = life.fact, life.mention
            prompt = self._shown(life.prompt())
            identity = (self.source_key, fact.sentence.text, f"{mention.start}:{life.event}")
            fact_id = self.fact_ids.get(id(fact)) or _fact_key(self.source_key, fact)
            if questions:
                fact_id = content_id("f", fact_id, life.event)
            answer = Answer(
                date=mention.date.value,
                granularity=mention.date.granularity,
                text=mention.date.display(),
                span=fact.in_passage(mention.start, mention.end),
                also=_also(mention.also),
            )
            base = _difficulty(mention.date, False, len(prompt))
            question_id = content_id("q", *identity, "choice")
            choices = self._pool.choices(
                question_id,
                mention.date,
                [],
                limits=self._subject_limits(Limits()),
                section=fact.block.section,
                window=self.windows.get(fact.block.section),
            )
            forms: tuple[tuple[Kind, float, tuple[str, ...]], ...] = (
                ("date", 0.15, ()),
                ("choice", -0.15, choices),
            )
            for kind, difficulty, options in forms:
                if kind == "choice" and not choices:
                    self._refused("choice", _FEW_DISTRACTORS)
                    continue
                questions.append(
                    self._question(
                        fact,
                        (*identity, kind),
                        kind,
                        prompt,
                        base + difficulty,
                        answer,
                        fact_id,
                        choices=options,
                    )
                )
        written = self._checked(questions)
        if not written and lives:
            self.unasked[id(lives[0].fact)] = next(iter(self._last_refusal.values()), "")
        return written

    def table_questions(self, fact: TableFact) -> list[Question]:
        """A date and a choice question for a dated table cell."""
        mention = fact.mention
        passage = self.passage_ids[fact.block.start]
        section = fact.block.section
        prompt = table_prompt(fact)
        if prompt is None:
            self._refused("date", _TABLE_SAYS_NO_EVENT)
            return []
        prompt = self._shown(prompt)
        answer = Answer(
            date=mention.date.value,
            granularity=mention.date.granularity,
            text=mention.date.display(),
            span=(fact.evidence[0] + mention.start, fact.evidence[0] + mention.end),
            inferred=mention.inferred,
            also=_also(mention.also),
        )
        identity = (self.source_key, fact.row.text, f"{mention.start}:{mention.text}")
        base = _difficulty(mention.date, mention.inferred, len(fact.row.text))
        fact_id = _fact_key(self.source_key, fact)
        questions: list[Question | None] = [
            Question(
                id=content_id("q", *identity, "date"),
                kind="date",
                prompt=prompt,
                passage=passage,
                evidence=fact.evidence,
                section=section,
                difficulty=_clamp(base + 0.15),
                answer=answer,
                tags=("table",),
                fact=fact_id,
            )
        ]
        question_id = content_id("q", *identity, "choice")
        choices = self._pool.choices(
            question_id,
            mention.date,
            [],
            limits=self._subject_limits(Limits()),
            section=section,
            window=self.windows.get(section),
        )
        if choices:
            questions.append(
                Question(
                    id=question_id,
                    kind="choice",
                    prompt=prompt,
                    passage=passage,
                    evidence=fact.evidence,
                    section=section,
                    difficulty=_clamp(base - 0.15),
                    answer=answer,
                    choices=choices,
                    tags=("table",),
                    fact=fact_id,
                )
            )
        else:
            self._refused("choice", _FEW_DISTRACTORS)
        return self._checked(questions)

    def orderable(self, fact: Fact) -> bool:
        """Whether the fact may be an item of an order question: a "when" question could
        be asked of it alone (an item is a statement the learner places in time, and
        "The French eventually gave up on the experiment" names no experiment)."""
        if id(fact) not in self._when_refused:
            draft = WhenDraft(
                fact,
                self.shared_names,
                self.common_words,
                False,
                self.subject,
                self.person,
                self.given_names,
                self.standing,
                self.rare_surnames,
            )
            self._when_refused[id(fact)] = when_problem(draft)
        if self._when_refused[id(fact)] is not None:
            return False
        if _heading_gives_year(fact):
            return False  # its "when" question names the year the heading gives; an item cannot
        # the question leaves out "likewise"; the item would show it
        statement = event_statement(fact)
        return statement is not None and not _FOLLOWS_ANOTHER.search(statement.declarative())

    def order_question(self, facts: Sequence[Fact], section: str) -> Question | None:
        """Put 3-4 events in chronological order; None unless their dates are distinct."""
        statements = [event_statement(fact) for fact in facts]
        if any(statement is None for statement in statements):
            return None
        if any(
            _unnamed_opening(
                fact, self.subject, _sentence_case(statement.declarative()), self.standing
            )
            is not None
            for fact, statement in zip(facts, statements, strict=True)
            if statement is not None
        ):
            return None  # "The new user count record was set to 57 users": of what?
        dates = [fact.date for fact in facts]
        if not strictly_ordered(dates):
            return None
        identity = [self.source_key, "order"]
        identity += [f"{fact.sentence.text}|{fact.mention.start}" for fact in facts]
        question_id = content_id("q", *identity)
        rng = random.Random(question_id)
        items = [
            OrderItem(
                text=self._shown(_sentence_case(statement.declarative())) if statement else "",
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
        question = Question(
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
            # An order question spans several facts: it is a card of its own.
            fact=content_id("f", question_id),
        )
        return None if self._refused("order", self._acronym_check(question)) else question

    def _disputed(self, other: Fact) -> DisputedDate:
        return DisputedDate(
            date=other.date.value,
            granularity=other.date.granularity,
            passage=self.passage_ids[other.block.start],
            evidence=other.evidence,
            text=other.date.display(),
        )

    def _accept(self, fact: Fact) -> tuple[str, ...]:
        """Extra accepted answers: the date as the document writes it, unless the words
        only count from or point to another date ("Four days later", "that August"
        name no date for a learner who types them), or lack the year the question asks
        for ("26 June", its year read from the paragraph, is no answer to "type the day,
        month and year")."""
        written = fact.mention.text.strip()
        if fact.mention.relative or fact.mention.inferred or _POINTING_DATE.search(written):
            return ()
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


_TABLE_SAYS_NO_EVENT: Rule[Any] = Rule(
    "table-says-no-event",
    "neither the table's column nor its title says what happened on the date",
    lambda _: True,
)
_NO_STEM: Rule[Any] = Rule(
    "no-stem", "neither a typed question nor a cloze could be written", lambda _: True
)
# Words that make a written date lean on another one: "that August", "the same day".
_POINTING_DATE = re.compile(r"(?i)\b(?:that|this|same|following|next|previous|later|earlier)\b")
_DISPUTED_CHOICE: Rule[Any] = Rule(
    "disputed-choice",
    "the document gives the event another date too: a choice would mark one of them wrong",
    lambda _: True,
)
_FEW_DISTRACTORS: Rule[Any] = Rule(
    "few-distractors",
    "fewer than three wrong dates a learner could rule out",
    lambda _: True,
)

"""Dated facts: which sentences carry a date, which part of them is safe to quiz, and
where the document contradicts itself.

A fact is a date mention inside a sentence, with the stretch of that sentence that a
question may show (its *span*). The span is the whole sentence when the sentence is
clean; when names were stripped from the text elsewhere in the sentence, it is the
clean run of clauses that carries the date, or nothing (the fact is skipped, with the
reason kept for the build report).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from question_bank.chronology import (
    NAMES_A_THING,
    RELATIVE_RULES,
    ROLE_RULES,
    YEAR_REMNANT,
    YEAR_RULES,
    RelativeCase,
    Rule,
    Site,
    Timed,
    Timeline,
    YearCase,
    first_failing,
    names_a_thing,
    reference_event,
)
from question_bank.dates import CALENDAR_WORDS, DateMention, DateValue, find_dates
from question_bank.datevalue import MONTH_NAMES
from question_bank.holes import DEMONYMS, TITLES, find_holes, has_hole
from question_bank.read import Block, Document, Sentence, TableRow
from question_bank.repair import Repaired, repair
from question_bank.text import (
    STOPWORDS,
    WORD,
    content_terms,
    event_class,
    is_past_participle,
    is_past_tense_verb,
    verb_lemma,
)
from question_bank.word_tables import getAllLemmas

__all__ = [
    "Conflict",
    "Fact",
    "FactReport",
    "SKIP_RULES",
    "Skip",
    "TABLE_RULES",
    "TableFact",
    "defined_subject",
    "event_names",
    "extract_facts",
    "Person",
    "document_person",
    "subject_day",
    "subject_span",
    "subject_origin",
    "title_year",
    "LASTING_EVENT_NOUN",
    "tells_origin",
    "dummy_it",
    "leans_on_previous",
]

Span = tuple[int, int]

MIN_CONTEXT_WORDS = 5
# The longest participle phrase asked in the passive, in words before its date.
MAX_PHRASE_WORDS = 14
# A term found in more facts than this is too common to pair facts on.
MAX_POSTING = 40
# Facts whose event terms overlap this much (and that share a kind of action and name
# no different places) tell one event: different dates for it are a conflict.
CONFLICT_THRESHOLD = 0.4
# Two day dates at most this far apart need only CLOSE_FACTOR of the usual overlap of
# event terms to be one event told with two dates.
CLOSE_DAYS = 2
CLOSE_FACTOR = 0.6
# Two clauses naming the same things with this much overlap are one event however far
# apart their dates are.
STRONG_THRESHOLD = 0.8
STRONG_NAMES = 3
# Facts whose event terms overlap this much tell a similar event: a "when" question
# about one would fit the other.
RELATED_THRESHOLD = 0.3
# Facts whose event terms overlap this much may tell the same event ("brokered a
# durable truce", "a ceasefire agreement signed"): neither date is a safe wrong choice
# for the other. Lower than RELATED_THRESHOLD: a date left out of the choices costs
# nothing, a right date offered as a wrong one costs the question.
NEAR_THRESHOLD = 0.2

# --- claims and attachment -----------------------------------------------------------

_CLAIM = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|counterclaims?|alleg(?:e|es|ed|edly|ations?)|reportedly|"
    r"according to|reported(?:ly)?|asserted|purported(?:ly)?|said|stated|denied|"
    r"accused|insisted|maintained that)\b",
    re.IGNORECASE,
)
_SUBORDINATOR = re.compile(
    r"\b(?:before|after|following|since|until|when|where|which|who|whose|while|as|"
    r"prior to|ahead of|months|weeks|days|years)\b",
    re.IGNORECASE,
)

# Where a clause may be cut short: before a preposition or a relative pronoun.
_CUT_POINT = re.compile(
    r"\s(?:by|of|in|on|at|to|from|with|for|as|into|against|between|via|including|"
    r"near|around|amid|after|before|during|and|but|that|which|who|whose|where|while)\b"
)

# Clause boundaries: a comma, semicolon, colon, dash or bracket, never inside a date;
# also a full stop before a lower-case word, where a sentence lost its subject.
_BOUNDARY = re.compile(
    r",\s+|;\s+|:\s+|\s+[—–]\s+|(?<!\d)—|—(?!\d)|(?<![\d\w])–|–(?![\d\w])|\s+\(|\)\s*|"
    r"(?<=[a-z\d)])[.!?]\s+(?=[a-z])"
)  # a dash between digits is a score ("0–0"), an en dash between words joins a name
# ("the Hay–Herrán Treaty"): neither is a boundary


@dataclass(frozen=True)
class Fact:
    """One date mention in one sentence, and what a question may show of it.

    Attributes:
        block: the passage-level block the sentence belongs to.
        sentence: the sentence (offsets into the document).
        text: the sentence as questions show it: ``sentence.text`` after repairs
            (``question_bank.repair``), usually the same.
        origin: for each index of ``text``, the index in ``sentence.text``.
        mention: the date, with offsets relative to ``text``.
        span: the stretch of ``text`` a question may show (clean, holds the date).
        dates_in_span: how many date mentions the span holds (several make a "when"
            question ambiguous; a cloze can still blank one of them).
        neighbours: the other dates in the span.
        bounds: the dates the sentence puts on either side of this one ("from 3.55% in
            _____ to 5.24% in 2020" ends before 2020; "from May 2 to _____" starts after
            May 2), or None: no wrong choice may fall outside them.
        form: "clause" when the span reads as a sentence; "passive" when it is a noun
            phrase with a passive participle ("a ceasefire agreement signed on ..."),
            "gerund" when it is an -ing phrase ("issuing statements ... on ..."),
            "defined" when it is a bare participle phrase in a sentence that opens by
            defining a named thing ("The X War was a conflict ... —fought from ...").
            Only a typed question can be written from the last three; a cloze cannot.
        attached: the date belongs to the main verb of the span (not a subordinate clause).
        context: the sentence before, shown ahead of the span when the span leans on it
            ("She earned a degree in physics in 1893": who is "she"?); empty otherwise.
        about: the person a biography is about, when the span's subject is the pronoun
            the document uses for them and no sentence before can say so ("Her
            coronation took place on ..." in "Queen Victoria"); empty otherwise.
        counts_between: the span also holds a relative date ("two weeks earlier, on 4
            September 1998"), which with another date in view lets the answer be counted.
    """

    block: Block
    sentence: Sentence
    text: str
    origin: tuple[int, ...] = field(repr=False)
    mention: DateMention
    span: Span
    dates_in_span: int
    form: str
    neighbours: tuple[DateValue, ...]
    attached: bool
    bounds: tuple[DateValue | None, DateValue | None] = (None, None)
    context: str = ""
    about: str = ""
    counts_between: bool = False

    @property
    def date(self) -> DateValue:
        return self.mention.date

    @property
    def span_text(self) -> str:
        return self.text[self.span[0] : self.span[1]]

    @property
    def passage_offset(self) -> int:
        """Offset of the sentence inside its block's text."""
        return self.sentence.start - self.block.start

    @property
    def evidence(self) -> Span:
        """The span, as offsets inside the passage (block) text."""
        return self.in_passage(*self.span)

    @property
    def date_span(self) -> Span:
        """The date expression, as offsets inside the passage (block) text."""
        return self.in_passage(self.mention.start, self.mention.end)

    def in_passage(self, start: int, end: int) -> Span:
        """Offsets ``start``-``end`` of :attr:`text`, as offsets inside the passage."""
        source_start = self.origin[start]
        source_end = self.origin[end - 1] + 1 if end > start else source_start
        return (self.passage_offset + source_start, self.passage_offset + source_end)


@dataclass(frozen=True)
class TableFact:
    """A dated cell of a flattened table row: "Cəbrayıl | October 4, 2020 | ..."."""

    block: Block
    row: TableRow
    mention: DateMention
    label: str
    column: str

    @property
    def date(self) -> DateValue:
        return self.mention.date

    @property
    def evidence(self) -> Span:
        return (self.row.start - self.block.start, self.row.end - self.block.start)


@dataclass(frozen=True)
class Skip:
    """A date the generator saw and chose not to quiz: the rule that refused it (its
    name in :data:`SKIP_RULES` or :data:`TABLE_RULES`), the reason the build report
    shows, and where the date is written (offsets into the document)."""

    block: Block
    text: str
    date: str
    reason: str
    rule: str = ""
    at: Span | None = None


@dataclass(frozen=True)
class Conflict:
    """Facts about one event whose dates disagree inside the document."""

    facts: tuple[Fact, ...]

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(sorted({fact.date.value for fact in self.facts}))


@dataclass
class FactReport:
    """Everything fact finding learnt about a document."""

    facts: list[Fact] = field(default_factory=list)
    table_facts: list[TableFact] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def skip_counts(self) -> dict[str, int]:
        return dict(Counter(skip.reason for skip in self.skipped).most_common())


# --- extraction ----------------------------------------------------------------------


def extract_facts(document: Document) -> FactReport:
    """Find the quizzable dated facts of a document, the skipped ones and the conflicts.

    The year of a date written without one, and the date a relative expression ("the
    next day") counts to, come from the text's time (:class:`Timeline`); a date is then
    kept or skipped by the first rule of :data:`SKIP_RULES` that refuses it.
    """
    report = FactReport()
    witnesses: list[Fact] = []  # dates not asked, yet the document's word on an event
    person = document_person(document)
    thing = None if person is not None else document_thing(document)
    repaired = {
        sentence.start: repair(sentence.text)
        for block in document.blocks
        if block.kind not in ("references", "table")
        for sentence in block.sentences
    }
    timeline = Timeline(document, {start: fixed.text for start, fixed in repaired.items()})
    for block in document.blocks:
        if block.kind == "references":
            continue
        if block.kind == "nonprose":  # a caption, code, a line without words: not read
            for mention in find_dates(block.text, timeline.reference(block)):
                at = (block.start + mention.start, block.start + mention.end)
                report.skipped.append(
                    Skip(block, block.text, mention.date.value, block.reason, "nonprose", at)
                )
            continue
        if block.kind == "table":
            _table_facts(block, timeline.reference(block), report)
            continue
        previous = ""
        for sentence in block.sentences:
            fixed = repaired[sentence.start]
            timed = timeline.dates(sentence)
            for one in timed:
                candidate = _Candidate(
                    block, sentence, fixed, one, tuple(timed), previous, person, thing
                )
                rule = first_failing(SKIP_RULES, candidate)
                if rule is not None:
                    if rule.name in WITNESS_RULES:
                        witnesses.append(candidate.witness())
                    origin = fixed.origin
                    at = (
                        sentence.start + origin[one.mention.start],
                        sentence.start + origin[one.mention.end - 1] + 1,
                    )
                    report.skipped.append(
                        Skip(block, sentence.text, one.date_text, rule.reason, rule.name, at)
                    )
                else:
                    report.facts.append(candidate.fact())
            previous = fixed.text
    report.conflicts = find_conflicts(
        report.facts, subject=content_terms(document.title or ""), witnesses=witnesses
    )
    _drop_tables_the_prose_disputes(report, [*report.facts, *witnesses])
    _drop_prose_an_unlabelled_row_disputes(report, document)
    return report


@dataclass(frozen=True)
class _Shape:
    """The stretch of a sentence a question may show about a date, and what it leans on."""

    span: Span
    form: str
    context: str
    about: str
    counted_unshown: bool
    subject_unshown: bool


class _Candidate:
    """A date in its sentence, as the skip rules see it; what they compute is kept."""

    def __init__(
        self,
        block: Block,
        sentence: Sentence,
        repaired: Repaired,
        timed: Timed,
        timeds: tuple[Timed, ...],
        previous: str,
        person: Person | None,
        thing: Thing | None = None,
    ) -> None:
        self.block, self.sentence, self.repaired = block, sentence, repaired
        self.timed, self.timeds = timed, timeds
        self.previous, self.person, self.thing = previous, person, thing
        self.whole = repaired.text
        self.mention = timed.mention
        self.mentions: tuple[DateMention, ...] = tuple(one.mention for one in timeds)

    @cached_property
    def site(self) -> Site:
        return Site(self.whole, self.mention, self.mentions)

    @cached_property
    def clean(self) -> Span | None:
        span = clean_span(self.whole, self.mention)
        if span is None:
            return None
        return semicolon_part(self.whole, span, self.mention, self.mentions)

    @cached_property
    def shaped(self) -> tuple[Span, str] | None:
        """The clean span and its form, or None when it opens mid-sentence behind a hole
        with no participle phrase to ask in the passive."""
        span = self.clean
        assert span is not None
        if _reads_alone(self.whole, span[0]):
            return span, "clause"
        # The clean stretch opens mid-sentence: its subject lies behind a hole. A
        # participle phrase inside it can still be asked in the passive ("a ceasefire
        # agreement signed on November 9"; "issuing statements ... on September 27").
        participle = _participle_phrase(self.whole, span, self.mention)
        if participle is None:
            return None
        form, start = participle
        return (start, span[1]), form

    @cached_property
    def shape(self) -> _Shape:
        whole, mention, mentions = self.whole, self.mention, self.mentions
        assert self.shaped is not None
        span, form = self.shaped
        text = whole[span[0] : span[1]]
        opener = _POINTING_OPENER.match(text)
        if opener and span[0] + opener.end() <= mention.phrase_start:
            # "Despite these losses, Maria graduated on ...": the main clause stands alone
            rest = text[opener.end() :]
            if rest[:1].isupper() and not leans_on_previous(rest):
                span = (span[0] + opener.end(), span[1])
                text = rest
        context = about = ""
        leaning = leans_on_previous(text)
        # "Two days later" asked as "On _____": the sentence before holds the date it
        # counted from, unless that date is in this sentence.
        anchored_before = mention.relative and not any(
            other.end <= mention.start and not other.relative for other in mentions
        )
        main = _relative_opener(whole, span, mentions, mention)
        if main is not None and whole[main : main + 1].isupper():
            # "Four years later, South Africa became the first African host": the main
            # clause stands without the time it counted from
            span = (main, span[1])
            text = whole[span[0] : span[1]]
            leaning = leans_on_previous(text)
        # "issued an ultimatum the next day and began bombing on _____": a relative time
        # in view counts from a date the reader must see, in this sentence or the one shown.
        counted = _unanchored_time(whole, span, mentions, mention)
        previous = self.previous
        counted_unshown = counted and not (shows_alone(previous) and _has_date(previous))
        subject_unshown = False
        if leaning or anchored_before or counted:
            context = previous if shows_alone(previous) else ""
            # "In 1772, it became known that ...": an "it" that stands for nothing needs
            # no sentence before it
            dummy = _dummy_subject(text)
            if leaning == "subject" and not dummy and not (context and _names_someone(context)):
                context = ""
                if self.person is not None and self.person.is_subject_of(text):
                    # "Her coronation took place on ..." in the life of Queen Victoria
                    about = self.person.name
                elif self.thing is not None and self.thing.is_subject_here(
                    text, self.block, self.previous
                ):
                    # "It took place through an armed insurrection in Petrograd on ..."
                    # in the lead of "October Revolution"
                    about = self.thing.name
                else:
                    # "She earned ...", "The vessel was refloated ..." after a sentence
                    # that names no one: who or what it is about is not shown
                    subject_unshown = True
        return _Shape(span, form, context, about, counted_unshown, subject_unshown)

    def too_little_context(self) -> bool:
        whole, mention, span = self.whole, self.mention, self.shape.span
        words = len(WORD.findall(whole[span[0] : span[1]])) - len(WORD.findall(mention.text))
        return words < MIN_CONTEXT_WORDS and not (
            # "Apollo 13 was launched on April 11, 1970.", "On April 12, 2010, Perl
            # 5.12.0 was released.": short, but whole (or a whole part before a
            # semicolon), and it names what happened
            words == MIN_CONTEXT_WORDS - 1
            and (
                not whole[span[1] :].strip(" .!?\"”'") or whole[span[1] :].lstrip().startswith(";")
            )
            and (
                _names_someone(whole[span[0] : mention.start])
                or _names_someone(whole[mention.end : span[1]])
            )
        )

    def witness(self) -> Fact:
        """The date as a fact spanning its whole sentence: not asked, only compared with
        the facts that are (:func:`find_conflicts`)."""
        return Fact(
            block=self.block,
            sentence=self.sentence,
            text=self.whole,
            origin=self.repaired.origin,
            mention=self.mention,
            span=(0, len(self.whole)),
            dates_in_span=len(self.mentions),
            form="",
            neighbours=(),
            attached=False,
        )

    def fact(self) -> Fact:
        shape, mention = self.shape, self.mention
        span = shape.span
        settled = [one.mention for one in self.timeds if one.refusal is None]
        inside = [m for m in self.mentions if m.start >= span[0] and m.end <= span[1]]
        shown = [m for m in settled if m.start >= span[0] and m.end <= span[1]]
        return Fact(
            block=self.block,
            sentence=self.sentence,
            text=self.whole,
            origin=self.repaired.origin,
            mention=mention,
            span=span,
            dates_in_span=len(inside),
            form=shape.form,
            # "on 4 April 1968, the same day that ...": a relative phrase shows no date
            neighbours=tuple(m.date for m in shown if m is not mention and not m.relative),
            attached=_is_attached(self.whole[span[0] : span[1]], mention.phrase_start - span[0]),
            bounds=_bounds(self.whole, mention, shown),
            context=shape.context,
            about=shape.about,
            counts_between=any(m.relative for m in inside if m is not mention),
        )


@dataclass(frozen=True)
class Person:
    """The person a biography is about, the pronouns it uses for them, and the name
    they were born with when the first sentence gives it ("POPE JOHN XXIII (; ; born
    ANGELO GIUSEPPE RONCALLI, ...)": the text calls him "Roncalli" before his election)."""

    name: str
    pronouns: frozenset[str]
    birth_name: str = ""

    def is_subject_of(self, text: str) -> bool:
        """Whether the span's subject is one of this person's pronouns ("She ...", "Her
        coronation ...", "In 1840, she ...")."""
        return _subject_pronoun(text) in self.pronouns

    def continues_in(self, text: str, previous: str) -> bool:
        """Whether the span's subject is this person's pronoun and the sentence before
        has the person as its subject too, by name or pronoun ("Davis needed medical
        attention for hip pain ..." then "He underwent hip replacement surgery in April
        1965"): "he" goes on with the subject before it, so the person's name says who
        it is without that sentence. A name or a pronoun in the possessive ("Roncalli's
        last letter to her was dated ...", "His doctor ...") makes another subject."""
        if not self.is_subject_of(text) or not previous:
            return False
        if _subject_pronoun(previous) in self.pronouns & {"he", "she"}:
            return True  # "In 1964, he toured Japan.", not "His doctor ..."
        names = [
            word
            for word in f"{self.name} {self.birth_name}".split()
            if word[:1].isupper() and word not in TITLES
        ]
        if not names:
            return False
        alternatives = "|".join(re.escape(word) for word in names)
        return (
            re.match(rf"(?:[^,;:]{{1,80}},\s+)?(?:{alternatives})\b(?!['’]s)\s+\w", previous)
            is not None
        )


def _subject_pronoun(text: str) -> str:
    """The pronoun or demonstrative that is the span's subject, lower-cased ("she" of
    "In 1840, she ...", "her" of "Her coronation ..."), or ""."""
    opening = _DANGLING_START.match(text) or _SUBJECT_PRONOUN.match(text)
    if opening is None:
        return ""
    words = WORD.findall(opening.group())
    return str(words[0] if _DANGLING_START.match(text) else words[-1]).lower()


# The first sentence opens with a name and a bracket: "MARIE CURIE (born Maria ...; 7
# November 1867 – 4 July 1934) was", "GAIUS JULIUS CAESAR (12 or 13 July 100 BC – 15
# March 44 BC)", "ISAAC ASIMOV (– April 6, 1992)" (the birth date stripped).
_NAME_AND_BRACKET = re.compile(r"([^()]{1,80}?)\s*\(([^()]*)\)")
_BORN = re.compile(r"\b(?:born|née|né)\b")
_ARTICLE_OPENING = re.compile(r"[\"“']*(?:The|A|An)\s")
_FEMININE = re.compile(r"\b(?:she|her|hers)\b", re.IGNORECASE)
_MASCULINE = re.compile(r"\b(?:he|his|him)\b", re.IGNORECASE)
# Pronouns of one gender must outnumber the other's this many times, and occur this often
PRONOUN_DOMINANCE = 3
MIN_PRONOUNS = 10
# A life speaks of its person by pronoun from its opening paragraphs on: this many of
# that gender's pronouns in the first LEAD_PARAGRAPHS paragraphs ("He is considered ...").
MIN_LEAD_PRONOUNS = 2
LEAD_PARAGRAPHS = 2


# How a lead tells when its subject began: "QUAKE is a ... game developed by id Software
# and published by GT Interactive in 1996", "Perl was originally developed by Larry Wall
# in 1987", "It was released on October 26, 2018", "They joined the NFL in 1976", "The
# Provisional IRA emerged in December 1969"
_ORIGIN_VERB = re.compile(
    r"\b(?:developed|released|published|founded|formed|created|established|launched|"
    r"introduced|incorporated|joined|emerged)\b"
)
# Who a lead's sentence may tell it of besides the title: its pronoun, or "the company"
_ORIGIN_SUBJECT = re.compile(r"(?:It|They|The (?:company|game|band|group|language|team))\b")
# "Constructed from 1887 to 1889 as the entrance to the 1889 World's Fair, it was ...": a
# participle of making that opens the sentence, whose subject is the pronoun after it
_ORIGIN_PARTICIPLE = re.compile(
    r"(?:Constructed|Built|Erected|Founded|Formed|Established|Created|Developed)\s[^.;]*?,\s+it\s"
)


def subject_origin(report: FactReport, title: str) -> DateValue | None:
    """When the document's subject began, as its lead tells it, or None: the earliest
    date of a lead sentence that tells the beginning (:func:`tells_origin`), as exactly
    as the lead gives it. A wrong choice before it is ruled out by knowing what the
    document is about: "1993" for a Quake tournament held after the game came out in
    1996, "July 2018" for videos of a game released on October 26, 2018."""
    dates = [
        fact.date
        for fact in report.facts
        if fact.block.section == title
        and tells_origin(fact, title)
        and fact.date.granularity in ("day", "month", "year", "range")
    ]
    return min(dates, key=lambda value: value.sort_key()) if dates else None


# How many of the document's facts must give the lead's day, and by how many more than any
# other day, for it to be the day of the one event the document is about.
MIN_SUBJECT_DAY_FACTS = 4
SUBJECT_DAY_MARGIN = 2


def subject_day(report: FactReport, document: Document) -> DateValue | None:
    """The day of the one-day event the document is about, or None: the day its first
    sentence says the title's event was fought on ("The Battle of Waterloo was fought on
    Sunday, 18 June 1815"), or a day its lead gives that the whole document gives more
    often than any other, by a margin ("hijacked ... on September 11, 2001", then the
    day's hijackers, calls, crash and victims). What came before it cannot be dated after
    it, nor what came after before it: a learner who knows the document's event strikes
    out a hijacker's "September 21, 2001", a burial's "2000", or "July 3" for what
    Napoleon did on the eve of Waterloo. A war, a reign, a company's history has no such
    day."""
    fought = _lead_date(document, _DAY_OF_SUBJECT, lambda value: value.granularity == "day")
    if fought is not None:
        return fought
    title = document.title
    counts = Counter(fact.date for fact in report.facts if fact.date.granularity == "day")
    ranked = counts.most_common()
    if not ranked:
        return None
    day, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    lead = any(fact.block.section == title and fact.date == day for fact in report.facts)
    if lead and count >= MIN_SUBJECT_DAY_FACTS and count >= runner_up + SUBJECT_DAY_MARGIN:
        return day
    return None


# A title that ends on the year of its subject: "Americans with Disabilities Act of 1990",
# "Acts of Union 1707" (not "Apollo 8", nor a title that is a year alone)
_TITLE_YEAR = re.compile(r"\S\s+(?:of\s+)?(\d{4})$")


def title_year(title: str) -> DateValue | None:
    """The year the title gives its subject, or None: an act or a treaty named with its
    year is of that year, so what led to it came before and what followed it after. A
    learner who knows the title strikes out a wrong option across it ("1991" for when the
    bill of the Act of 1990 was first introduced)."""
    found = _TITLE_YEAR.search(re.sub(r"\s*\([^()]*\)\s*$", "", title).strip())
    return DateValue.parse_iso(found.group(1)) if found else None


# The opening of a document about a lasting event: its title (after "The"), and a span
# right after it or in its first sentence: "The Battle of Stalingrad (23 August 1942 - 2
# February 1943) was ...", "The Second Nagorno-Karabakh War was an armed conflict ...
# fought from 27 September to 10 November 2020".
LASTING_EVENT_NOUN = re.compile(
    r"(?i)\b(?:war|battle|siege|campaign|crisis|revolution|rebellion|uprising|revolt|"
    r"invasion|occupation|conflict|offensive|insurgency|expedition|blockade|airlift|"
    r"mission|famine|strike|pandemic|epidemic)s?\b"
)


def subject_span(document: Document) -> DateValue | None:
    """When the lasting event the document is about was fought or held, or None: the
    span its first sentence gives, when that sentence opens with the title and the title
    names an event that lasts ("Battle", "War", "Revolution", "Siege", "Crisis"). A
    learner who knows when the war was fought strikes out a date after it for what came
    before ("2021" for a pre-war budget) and one outside it for what happened in it
    ("June 2020" for the war's early weeks). A life, a company, a building has no span
    here: what they did goes on after the dates of their lead."""
    return _lead_date(
        document, _SPAN_OF_SUBJECT, lambda value: value.granularity == "range" and _lasting(value)
    )


def _lead_date(
    document: Document, where: re.Pattern[str], keep: Callable[[DateValue], bool]
) -> DateValue | None:
    """The first date of the document's first sentence that ``where`` finds dating the
    title's own event and ``keep`` keeps, when that sentence opens with the title and the
    title names an event ("Battle", "War", "Revolution"); None otherwise."""
    title = re.sub(r"\s*\([^()]*\)\s*$", "", document.title).strip()
    if not title or not LASTING_EVENT_NOUN.search(title):
        return None
    lead = next((block for block in document.blocks if block.sentences), None)
    if lead is None:
        return None
    sentence = repair(lead.sentences[0].text).text
    if not re.match(rf"(?:The\s+)?{re.escape(title)}\b", sentence, re.IGNORECASE):
        return None
    for mention in find_dates(sentence):
        if not mention.relative and keep(mention.date) and where.search(sentence[: mention.start]):
            return mention.date
    return None


# Where the first sentence dates the title's own event: the bracket right after the
# title, or a verb of its lasting ("fought from ...", "took place between ..."); not "the
# larger Russian Revolution of 1917-23", which dates another event.
_SPAN_OF_SUBJECT = re.compile(
    r"(?:^[^,;(]*\(\s*|\b(?:fought|waged|lasted|took place|raged|held)\s+(?:from\s+|between\s+)?)$",
    re.IGNORECASE,
)
# Where the first sentence gives the one day of the title's event: "The Battle of
# Waterloo was fought on Sunday, 18 June 1815".
_DAY_OF_SUBJECT = re.compile(
    r"\b(?:(?:was|were)\s+(?:fought|waged|won|lost)|took\s+place|occurred)\s+on\s+"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


def tells_origin(fact: Fact, title: str) -> bool:
    """The fact's sentence opens with the title's first word, after "The" or not (or
    "It", "The company") and dates a beginning ("was developed", "released", "founded",
    "formed", "emerged" ...): "Intel was founded in Mountain View, California, in 1968",
    "The Provisional IRA emerged in December 1969", wherever it stands; or it opens on a
    participle of making whose subject is the "it" after it, and the date is in that
    phrase ("Constructed from 1887 to 1889 as the entrance to the 1889 World's Fair, it
    was initially criticised")."""
    name = re.sub(r"\s*\([^()]*\)\s*$", "", title).strip()  # "Quake (video game)"
    if not name:
        return False
    opening = re.compile(
        rf"(?:The\s+)?(?i:{re.escape(name.split()[0])})\b|{_ORIGIN_SUBJECT.pattern}"
    )
    participle = _ORIGIN_PARTICIPLE.match(fact.text)
    if participle is not None:
        return fact.mention.end <= participle.end()
    return bool(opening.match(fact.text) and _ORIGIN_VERB.search(fact.text, 0, fact.mention.start))


def document_person(document: Document) -> Person | None:
    """The person the document is a life of: its title, when its first sentence opens
    with a name and life dates ("Marie Curie ... (born Maria ...; 7 November 1867 – 4
    July 1934)") and the text, its opening paragraphs included, refers to one gender far
    more than the other. "The Battle of Stalingrad (23 August 1942 – 2 February 1943)"
    opens with an article: a thing, whatever pronouns its text uses."""
    title = document.title.strip()
    paragraphs = [block for block in document.blocks if block.sentences]
    if not title or len(title.split()) > 4 or not paragraphs:
        return None
    first = repair(paragraphs[0].sentences[0].text).text
    if not _opens_with_life_dates(first):
        return None
    lead = " ".join(block.text for block in paragraphs[:LEAD_PARAGRAPHS])
    feminine = len(_FEMININE.findall(document.text))
    masculine = len(_MASCULINE.findall(document.text))
    if (
        feminine >= MIN_PRONOUNS
        and feminine >= PRONOUN_DOMINANCE * masculine
        and len(_FEMININE.findall(lead)) >= MIN_LEAD_PRONOUNS
    ):
        return Person(title, frozenset({"she", "her"}), _birth_name(first))
    if (
        masculine >= MIN_PRONOUNS
        and masculine >= PRONOUN_DOMINANCE * feminine
        and len(_MASCULINE.findall(lead)) >= MIN_LEAD_PRONOUNS
    ):
        return Person(title, frozenset({"he", "his"}), _birth_name(first))
    return None


@dataclass(frozen=True)
class Thing:
    """What a document that is no life is about (a building, a band, a revolution): its
    title's name, the pronouns its lead uses for it, and the lead's section.

    Only the lead is read so: there "It" or "They" opening a sentence stands for the
    title's subject, as the encyclopedia's lead is written ("The EIFFEL TOWER ... is a
    wrought-iron lattice tower ... Constructed from 1887 to 1889 ..., it was initially
    criticised"); further on the same pronoun stands for an album, a line, a restaurant
    the sentence before named."""

    name: str
    pronouns: frozenset[str]
    section: str

    def is_subject_here(self, text: str, block: Block, previous: str) -> bool:
        """Whether the span's subject is the thing's pronoun, in the lead, and the
        sentence before in its paragraph, if any, is about the thing too (opens with its
        name or the same pronoun): "It is named after the engineer Gustave Eiffel ..."
        then "It ...", not "Their debut album Bleach was released ..." then "It ..."."""
        if block.section != self.section or _subject_pronoun(text) not in self.pronouns:
            return False
        if not previous.strip():
            return True
        first = WORD.findall(previous)[:1]
        return bool(first) and (
            str(first[0]).lower() in self.pronouns or _opens_with_name(previous, self.name)
        )


def _opens_with_name(sentence: str, name: str) -> bool:
    """The sentence opens with the name, after "The" or not, in any case ("The EIFFEL
    TOWER ( ; ) is", "ABBA (...) were")."""
    return bool(re.match(rf"[\"“']*(?:The\s+)?{re.escape(name)}\b", sentence, re.IGNORECASE))


# The verb after the title's name in the first sentence says which pronoun stands for it
_SINGULAR_VERB = re.compile(r"\b(?:is|was)\b")
_PLURAL_VERB = re.compile(r"\b(?:are|were)\b")
# How far into the first sentence its verb may stand (the name's brackets, its other names)
THING_VERB_REACH = 400


def document_thing(document: Document) -> Thing | None:
    """What a document that is no life is about, or None: its title, when the first
    sentence opens with the title's name and then says what it is ("The OCTOBER
    REVOLUTION, officially known ..., was a revolution", "ABBA ... were a Swedish pop
    group"): "is"/"was" give "it"/"its", "are"/"were" give "they"/"their"."""
    title = document.title.strip()
    name = re.sub(r"\s*\([^()]*\)\s*$", "", title).strip()  # "Quake (video game)"
    paragraphs = [block for block in document.blocks if block.sentences]
    if not name or not paragraphs:
        return None
    first_block = paragraphs[0]
    first = repair(first_block.sentences[0].text).text
    found = re.search(rf"(?:The\s+)?{re.escape(name)}\b", first, re.IGNORECASE)
    if found is None or first[: found.start()].strip(" \"“'"):
        return None
    rest = re.sub(r"\([^()]*\)", "", first[found.end() : found.end() + THING_VERB_REACH])
    singular, plural = _SINGULAR_VERB.search(rest), _PLURAL_VERB.search(rest)
    if singular and (plural is None or singular.start() < plural.start()):
        return Thing(name, frozenset({"it", "its"}), first_block.section)
    if plural:
        return Thing(name, frozenset({"they", "their"}), first_block.section)
    return None


# "born ANGELO GIUSEPPE RONCALLI", "born Maria Salomea Skłodowska": the name after "born"
_BIRTH_NAME = re.compile(r"\b(?:born|née|né)\s+((?:[A-Z][\w'’-]*\s*){1,5})")


def _birth_name(first: str) -> str:
    """The name the first sentence's bracket says the person was born with, in the
    text's case ("Angelo Giuseppe Roncalli"), or ""."""
    match = _NAME_AND_BRACKET.match(first)
    found = _BIRTH_NAME.search(match.group(2)) if match else None
    if found is None:
        return ""
    return " ".join(word if not word.isupper() else word.title() for word in found.group(1).split())


def life_span(document: Document) -> DateValue | None:
    """When the person the document is a life of lived, as its first sentence's bracket
    gives it ("Janis Lyn Joplin (January 19, 1943 – October 4, 1970)"), or None (a
    living person's "born 1950", a thing). What the person did cannot be dated after
    their death: a learner who knows she died in October 1970 strikes out "March 1971"
    for where she stayed in September 1970."""
    if document_person(document) is None:
        return None
    paragraphs = [block for block in document.blocks if block.sentences]
    match = _NAME_AND_BRACKET.match(repair(paragraphs[0].sentences[0].text).text)
    if match is None:
        return None
    spans = [
        mention.date
        for mention in find_dates(match.group(2))
        if mention.date.granularity == "range" and not mention.relative
    ]
    return spans[0] if len(spans) == 1 else None


def _opens_with_life_dates(first: str) -> bool:
    """A name, then a bracket that gives a birth ("born", "née") or a life's span of
    dates, or a death date alone after a dash."""
    match = _NAME_AND_BRACKET.match(first)
    if match is None or _ARTICLE_OPENING.match(first):
        return False
    inside = match.group(2)
    if _BORN.search(inside):
        return True
    mentions = find_dates(inside)
    if any(mention.date.granularity == "range" for mention in mentions):
        return True
    return bool(mentions) and bool(re.match(r"\s*[–-]", inside))


# "Despite these losses, ...", "After this, ...": an opening phrase that points back
_POINTING_OPENER = re.compile(
    r"[A-Z][a-z]*(?:\s+[a-z]+)?\s+(?:this|these|that|those|such)\b[^,;:()]{0,50},\s+"
)
# The subject of the main clause is a pronoun, after the phrases that open the sentence:
# "In late 1891, at the age of 24, she left Poland"; "In early 1894 she was commissioned".
_SUBJECT_PRONOUN = re.compile(
    r"(?:[^,;:]{1,160},\s+){1,3}(?:he|she|they|it|we)\s|"
    r"(?:In|On|By|During|From|After|Before|Between|Until|Since|From)\s[^,;:]{1,40}?\s"
    r"(?:he|she|they|we)\s"
)
# A person or a group the sentence does not name: "awarded her the prize", "their
# daughter"; "it" is left out (often "it was decided", or a thing named just before).
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|they|them|their|theirs)\b")
# "The crew splashed down", "The couple could not travel": a short definite subject
# that names nothing.
_BARE_DEFINITE = re.compile(r"[\"“(]*The\s+([a-z]+)(?:\s*(,|\b[a-z]+))?(?:\s*(,|\b[a-z]+))?")
# "described such an instrument": the instrument is the one the sentence before described
_SUCH = re.compile(r"\bsuch\s+(?!as\b)(?:an?\s+)?[a-z]+")


def _bare_definite(text: str) -> bool:
    """ "The crew splashed down", "The troops dug trenches": a short definite subject
    that names nothing, followed by its verb."""
    match = _BARE_DEFINITE.match(text)
    if match is None:
        return False
    # "The crew splashed", "The currency union took": the verb is the second or third word
    for word in match.groups()[1:]:
        if word is None:
            return False
        if word == "," or word in {"was", "were", "had"} or is_past_tense_verb(word):
            return True
    return False


# "... during the mission, and the crew returned on ...": which mission, whose crew?
_UNNAMED_ROLE = re.compile(
    r"\bthe\s+(?:crew|mission|vessel|ship|couple|team|hosts|expedition|city|town|village|"
    r"capital)\b"
    r"(?!\s+of\s+[A-Z])(?!\s+[A-Z])"
)


# Times that count from a day the text gave before: "that night", "the next morning".
_RELATIVE_TIME = re.compile(
    r"\b(?:that|the\s+same|the\s+following|the\s+next|the\s+previous)\s+"
    r"(?:night|evening|morning|afternoon)\b",
    re.IGNORECASE,
)


def _unanchored_time(
    whole: str, span: Span, mentions: Sequence[DateMention], asked: DateMention
) -> bool:
    """Whether the span shows a relative time ("the next day", "that night") other than
    the date asked, with no date before it in the sentence to count from (the date
    asked counts: the reader is asked for it)."""
    times = [(m.start, m.end) for m in mentions if m.relative and m is not asked]
    times += [match.span() for match in _RELATIVE_TIME.finditer(whole)]
    return any(
        span[0] <= start
        and end <= span[1]
        and not any(other.end <= start and not other.relative for other in mentions)
        # "earlier that year, on 20 February 1962": the date asked says which year
        and not re.fullmatch(r"[\s,]*", whole[end : asked.phrase_start])
        for start, end in times
    )


def _relative_opener(
    whole: str, span: Span, mentions: Sequence[DateMention], asked: DateMention
) -> int | None:
    """Where the span's main clause starts after an opening relative time ("Four years
    later, ...", "The following year, ..."), or None."""
    for other in mentions:
        if other is asked or not other.relative or other.start > asked.start:
            continue
        if whole[span[0] : other.phrase_start].strip(" \"“'(") == "":
            comma = re.match(r"\s*,\s+", whole[other.end :])
            if comma:
                return other.end + comma.end()
    return None


def _has_date(sentence: str) -> bool:
    return any(not mention.relative for mention in find_dates(sentence))


def leans_on_previous(text: str) -> str:
    """How a span depends on the sentence before it: "subject" when its subject is a
    pronoun or a demonstrative ("She earned ...", "This led to ..."), "reference" when
    it mentions a person or thing by pronoun only, or by a bare "the crew" ("... awarded
    her the prize"); "" when it stands alone."""
    if _DANGLING_START.match(text) or _SUBJECT_PRONOUN.match(text):
        return "subject"
    if (
        _bare_definite(text)
        or _UNNAMED_ROLE.search(text)
        or _SUCH.search(text)
        or _unnamed_person(text)
    ):
        return "reference"
    return ""


# "it was announced (on 26 July 2012) that", "it became known that", "it was decided
# to", "it was not until": an "it" that holds the place of the clause after it names no
# earlier thing.
_DUMMY_IT = re.compile(
    r"[\"'“(]*[Ii]t\s+(?:"
    r"(?:was|is|has\s+been|had\s+been|became|has\s+become|had\s+become)\s+"
    r"(?:(?:also|later|soon|then|officially|publicly|widely|first|quickly|generally)\s+)?"
    r"(?:(?:reported|announced|revealed|confirmed|disclosed|discovered|learned|known|"
    r"clear|apparent|evident|obvious|noted|stated|said|claimed|alleged|rumou?red|"
    r"believed|estimated|thought|feared|hoped|suggested|proposed|agreed|decided|"
    r"determined|ruled|felt)(?:\s+[\w’'-]+){0,6}?\s+that\b(?!\s+(?:year|month|day|week)\b)"
    r"|(?:agreed|decided|determined)\s+to\b)"
    r"|(?:was|is)\s+not\s+until\b)"
)


def dummy_it(text: str, position: int = 0) -> bool:
    """Whether the "it" at ``position`` stands for nothing: "it was announced on 26
    July 2012 that ...", "It was not until 1955 that ..."."""
    return _DUMMY_IT.match(text, position) is not None


def _dummy_subject(text: str) -> bool:
    """The subject of the span is an "it" that stands for nothing, and no pronoun
    before it leans on an earlier sentence ("In 1772, it became known that ...", not
    "When it was erected on ..., it was thought that ...")."""
    opening = _DANGLING_START.match(text) or _SUBJECT_PRONOUN.match(text)
    if opening is None:
        return False
    words = list(re.finditer(r"[A-Za-z]+", opening.group()))
    if not words:
        return False
    word = words[0] if opening.re is _DANGLING_START else words[-1]
    position = opening.start() + word.start()
    return dummy_it(text, position) and not _LEANING_PRONOUN.search(text, 0, position)


_LEANING_PRONOUN = re.compile(
    r"\b(?:[Ii]t|[Tt]hey|[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]his|[Tt]hese)\b"
)


def _unnamed_person(text: str) -> bool:
    """A personal pronoun with no name before it ("awarded her the prize")."""
    # "Pierre Curie said he ...": a name before the pronoun is what it points to.
    return any(
        not _names_someone(
            text[: match.start()], person=match.group().lower() not in _PLURAL_PRONOUNS
        )
        for match in _PERSONAL_PRONOUN.finditer(text)
    )


_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
# "The Flyer returned to the United States after his death": a name after "the" is a
# thing's or a place's, no one "he" or "his" can be
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
# Titles a person is called by after "the": "the Tsar and his family", "the Pope"
_PERSON_TITLES = TITLES | frozenset(
    """
    Tsar Czar Pope Emperor Empress Kaiser Duke Duchess Prince Princess Archbishop Bishop
    Cardinal General Admiral Earl Lord Lady Count Countess Dauphin Khan Caliph Pharaoh
    """.split()
)


_CAPITALIZED = re.compile(r"(?<![A-Za-z])[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)*")


def _names_someone(text: str, person: bool = False) -> bool:
    """Whether ``text`` holds a name a pronoun after it may point to: a capitalized word
    inside the sentence, or one opening it that is no common word ("Marie returned",
    not "Tragedy struck"). With ``person`` (for "he", "his", "her"), not a name after
    "the" ("the United States", "The Flyer")."""
    for match in _CAPITALIZED.finditer(text):
        if (
            person
            and _THE_BEFORE.search(text, 0, match.start())
            and match.group().split()[0] not in _PERSON_TITLES
        ):
            continue  # "the United States", not "the Tsar and his family"
        words = [
            word
            for word in match.group().split()
            if word.lower() not in STOPWORDS and word.lower() not in CALENDAR_WORDS
        ]
        if not words:
            continue  # "In", "On July"
        opening = match.start() == 0 or text[match.start() - 1] in '"“('
        if not opening or len(words) > 1 or not getAllLemmas(words[0].lower()):
            return True
    return False


# A sentence shown ahead of a question as its context: whole, short, no hole, and not
# leaning on a sentence further back.
MAX_CONTEXT_CHARS = 260


def shows_alone(sentence: str) -> bool:
    """Whether ``sentence`` may be shown ahead of a question: whole, short, no hole, and
    not leaning on a sentence further back."""
    sentence = sentence.strip()
    return (
        bool(sentence)
        and len(sentence) <= MAX_CONTEXT_CHARS
        and sentence[:1].isupper()
        and not has_hole(sentence)
        and leans_on_previous(sentence) != "subject"
        and not _unnamed_person(sentence)
    )


# "... in 2018 to 5.24% in 2020": the words between two dates of one span that make
# the first the earlier ("from A to B", "A until B", "A through B").
_SPAN_LINK = re.compile(r"(?:[^.;:!?]|\.(?!\s)){0,40}", re.DOTALL)
_LINK_WORD = re.compile(r"\b(?:to|until|till|through)\b")


def _bounds(
    text: str, mention: DateMention, inside: Sequence[DateMention]
) -> tuple[DateValue | None, DateValue | None]:
    """The dates that "X to Y" phrasing in the span puts before and after ``mention``."""
    earlier = later = None
    for other in inside:
        if other is mention:
            continue
        if other.start >= mention.end:
            between = text[mention.end : other.phrase_start]
            if later is None and _links(between) and mention.date.end < other.date.start:
                later = other.date
        elif other.end <= mention.phrase_start:
            between = text[other.end : mention.phrase_start]
            if _links(between) and other.date.end < mention.date.start:
                earlier = other.date
    return earlier, later


def _links(between: str) -> bool:
    return bool(_SPAN_LINK.fullmatch(between) and _LINK_WORD.search(between))


# A span that opens with a pronoun or demonstrative leans on the sentence before it.
_DANGLING_START = re.compile(
    r"[\"'“(]*(?:This|These|That|Those|It|Its|They|Their|He|His|She|Her|Such|Both)\b"
    r"(?!\s+(?:year|month|day|week|summer|winter|spring|autumn|time)\b)"  # "That year, ..."
)

# "As of 2024, no return has occurred": a sentence that opens by saying when the writer
# looked, not when anything happened ("reported 2,425 killed as of late November" is a
# dated report, and stays)
_AS_OF = re.compile(r"[\"'“(]*(?:As of|As at)\s+(?:early\s+|mid-|late\s+)?$")
# "...; as of May 2017, it carries over 185,178 modules", "and, as of 2015, was making":
# a clause after the first that opens the same way
_CLAUSE_AS_OF = re.compile(
    r"(?:[;:,]|\band\b)\s*[\"'“(]*(?:as of|as at)\s+(?:early\s+|mid-|late\s+)?$", re.IGNORECASE
)


def _as_of(text: str, mention: DateMention) -> bool:
    """The date says when the writer looked, opening the sentence or one of its clauses:
    "As of 2024, no return has occurred", "CPAN was established in 1995; as of May 2017,
    it carries over 185,178 modules". Any later date is as true, so the blank has no one
    answer. "reported 2,425 killed as of late November" dates the report: asked."""
    start = _sentence_start(text, mention.start)
    return bool(
        _AS_OF.match(text, start, mention.start) or _CLAUSE_AS_OF.search(text, start, mention.start)
    )


# A present that the writer's day makes true and the next release or year makes false:
# "The latest versions are Java 12", "the current champion is", "a currently supported
# version", "is now deprecated", "now is the most complete implementation". "what is now
# CenturyLink Field" names a thing by today's name, and "are now used in many navies" or
# "is now described as" says what stays so: neither is a rank or status that the next
# release changes.
_STALE_PRESENT = re.compile(
    r"\b(?:latest|newest|most\s+recent|current)\s+(?:[\w()-]+\s+){0,4}?(?:is|are)\b"
    r"|\bcurrently\b"
    r"|\b(?:is|are)\s+now\s+(?:no\s+longer\s+)?(?:deprecated|obsolete|defunct|discontinued|"
    r"unsupported|supported|maintained)\b"
    r"|\b(?:is|are)\s+now\s+the\s+(?:most|latest|newest|only|largest|biggest)\b"
    r"|\bnow\s+(?:is|are)\s+the\s+(?:most|latest|newest|only|largest|biggest)\b",
    re.IGNORECASE,
)


def _stale_present(text: str, mention: DateMention) -> bool:
    """The clause holding the date (its part between semicolons) says what is so at the
    time of writing: "The latest versions are Java 12, released in March 2019, and Java
    11, a currently supported long-term support (LTS) version, released on September 25,
    2018", "The Java applet API is now deprecated since Java 9 in 2017". Any question
    shows that present to the learner as today's fact, and it went stale with the next
    release: misleading. The sentence's other clauses ("; Oracle released ... in January
    2019") are asked."""
    start = text.rfind(";", 0, mention.start) + 1
    end = text.find(";", mention.end)
    return _STALE_PRESENT.search(text, start, end if end >= 0 else len(text)) is not None


# "In 2012, Perl 6 development was centered primarily around two compilers": a state the
# year finds the thing in, not one it began in ("based on a principle" is what it rests on)
_STATE_PASSIVE = re.compile(
    r"\b(?:was|were)\s+(?:(?:still|primarily|mainly|largely|mostly|chiefly)\s+)*"
    r"(?:centered|centred|focused|focussed|concentrated|based)\b(?!\s+on\b)",
    re.IGNORECASE,
)
# How far after the date the state's verb may stand to be the one the date dates
STATE_REACH = 60


def _state_in_year(text: str, mention: DateMention) -> bool:
    """The date dates a state the thing was in, not a change: "In 2012, Perl 6
    development was centered primarily around two compilers" held for years (about 2011
    to 2014), and "Prior to 1970, most lawyers were based in San Francisco" for
    decades; asked as one year, every other year of the state is right too."""
    start = _sentence_start(text, mention.start)
    before = text.rfind(",", start, mention.phrase_start)
    state = _STATE_PASSIVE.search(text, max(start, before + 1), mention.phrase_start)
    if state is not None and not _SUBORDINATOR.search(text[state.end() : mention.phrase_start]):
        return True  # not "was based in Copenhagen until ... was ready in 1957"
    after = text[mention.end : mention.end + STATE_REACH]
    found = _STATE_PASSIVE.search(after)
    return found is not None and ";" not in after[: found.start()]


# "retained air superiority into November", "continued well into 1923": the date a
# lasting state reaches
_INTO = re.compile(r"\b(?:well\s+|far\s+|deep\s+)?into\s+(?:early\s+|mid-|late\s+)?(?:the\s+)?$")


def _into(text: str, mention: DateMention) -> bool:
    """The date is how far a lasting state reached ("The Luftwaffe retained air
    superiority into November", "Initial design of Perl 5 continued into 1994"): it had
    held for months before, so asked "in what month", the months before it are right
    too."""
    if (mention.preposition or "").lower() == "into":
        return True
    return _INTO.search(text, 0, mention.start) is not None


def _winter_of_one_year(mention: DateMention) -> bool:
    """ "the end of the fighting in the city in the winter of 1943": a winter runs across
    a new year, and one written year names either end of it (the Stalingrad winter was
    1942–43), so a learner may rightly answer the year before or after. "the winter of
    1805–06" names both, and is asked as the span."""
    return (
        mention.date.granularity == "year"
        and "winter" in (mention.season or "")
        and mention.season_months is None
    )


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts in ``text`` (a repaired sentence
    or block)."""
    ends = list(re.finditer(r"[.!?][\"'”)]*\s+(?=[\"'“(]*[A-Z])", text[:position]))
    return ends[-1].end() if ends else 0


# "his second album titled November 1989", "a single called '1999'": what the words
# before the date give is a name
_TITLED = re.compile(r"\b(?:titled|entitled|called|named|dubbed)\s+[\"“'‘]?$", re.IGNORECASE)


def _titled(text: str, mention: DateMention) -> bool:
    """The date is a title the sentence gives ("followed it with his second album titled
    November 1989"): asked as a month, it teaches a release date that never was."""
    return _TITLED.search(text, 0, mention.start) is not None


# "Current Population Survey data showed", "A study in 2003 found", "a report of 1986
# estimated": a study, survey, report or poll and what it found, within its sentence
_FINDING = re.compile(
    r"\b(?:data|stud(?:y|ies)|surveys?|reports?|polls?|census|analys[ie]s|research)\b"
    r"[^.;:,]{0,40}?\s(?:showed|shows|found|finds|revealed|suggested|indicated|estimated)\b",
    re.IGNORECASE,
)
# "a report released in June 2015 found": the date is the release's, an event
_RELEASED = re.compile(r"\b(?:released|published|issued|presented)\s+(?:in|on)?\s*$")


def _dated_finding(text: str, mention: DateMention) -> bool:
    """The date dates what a study, survey or report found, and the sentence does not
    say whether it is when the study was made or when what it found happened: "In 2001,
    ... Current Population Survey data showed a sharp drop in the employment of disabled
    workers" (the study appeared in 2001, the drop was in the early 1990s), "A study in
    2003 found that ...". Asked, it teaches a finding, often disputed, as an event of
    its year. A report "released in June 2015" is dated by its release, and "Their
    surveys in the following year showed" by the work its actors did: both are asked."""
    start = _sentence_start(text, mention.start)
    if _RELEASED.search(text, start, mention.start):
        return False
    return any(
        found.end() > mention.start
        and found.start() - mention.end <= 80
        and _OWNED.search(text, start, found.start()) is None
        for found in _FINDING.finditer(text, start)
    )


# "released a report analyzing ...", "released corporate transparency reports", "placed in
# the Top 10 trumpeter poll of Down Beat": one issue of a report, a survey or a poll,
# named by no edition (no "first", no "19th", no title), within its sentence
_SERIAL_ISSUE = re.compile(
    r"\b(?:released|published|issued|produced)\s+(?:a|an)\s+(?:[\w!'-]+\s+){0,3}?"
    r"(?:report|survey|study|ranking)\b"
    r"|\b(?:released|published|issued|produced)\s+(?:[\w!'-]+\s+){0,3}?"
    r"(?:reports|surveys|studies|rankings)\b"
    r"|\b(?:placed|ranked|finished|appeared|listed)\s+(?:[\w!',-]+\s+){0,3}?in\s+"
    r"(?:the\s+|an?\s+)?(?:[\w!'-]+\s+){0,4}?(?:poll|polls|rankings|survey)\b"
    r"|\bnamed\s+(?:as\s+)?(?:one\s+of|among)\s+(?:the\s+|its\s+)?(?:\d+\s+)?"
    r"(?i:best|top|greatest|most)\b"
)


def _serial_issue(text: str, mention: DateMention) -> bool:
    """The date dates one issue of something issued again and again, which the sentence
    names by no edition: "In 2006, the University of California, Davis released a report
    analyzing business leadership by women" (the study comes out every year), "In 2014,
    tech companies ... released corporate transparency reports", "Davis placed in the Top
    10 trumpeter poll of Down Beat magazine in 1977" (a yearly poll), "was named one of the
    100 Best Companies for Working Mothers in 2005" (a yearly list). A "when" question
    has as many right answers as there are issues. "Madison issued the Report of 1800",
    "the first report", "its 19th report" name their issue and are asked."""
    start = _sentence_start(text, mention.start)
    after = re.search(r"[.!?][\"'”)]*\s+(?=[\"'“(]*[A-Z])", text[mention.end :])
    end = mention.end + after.start() if after else len(text)
    return any(
        not re.search(r"\b(?:first|\d+(?:st|nd|rd|th))\b", found.group(0))
        for found in _SERIAL_ISSUE.finditer(text, start, end)
    )


# "had detonated 19,000 improvised explosive devices", "there have been 143 false-start
# penalties", "many more jobs have been created than housing units built": a perfect
# that sums up a span, and a count
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|ne|t)\b")
_COUNT = re.compile(
    r"\b\d{1,3}(?:,\d{3})+\b|\b(?!1\d{3}\b|20\d{2}\b)\d+\s+[a-z]|\bmany\s+more\b"
    r"|\bmore\s+\w+(?:\s+\w+)?\s+than\b"
)
# How near the perfect the count must stand: "had detonated 19,000", "many more jobs have
# been created"; a count in another clause of the sentence sums up nothing of the span
TALLY_REACH = 40


def _tally_window(text: str, mention: DateMention) -> bool:
    """A span of years the sentence sums a count over with a perfect ("Between 1970 and
    2005, the IRA had detonated 19,000 improvised explosive devices", "From 2002 to
    2012, there have been 143 false-start penalties on visiting teams", "from 2010 to
    2015, many more jobs have been created than housing units built"): the window of a
    statistic, not the time of an event. Other windows are as true (the campaign began
    in 1969; the shortage goes on), so a "between which years" has no one answer. "Donald
    Maclean, who had served ... from January 1947 to August 1948" counts nothing."""
    if mention.date.granularity != "range":
        return False
    start = _sentence_start(text, mention.start)
    after = re.search(r"[.!?][\"'”)]*\s+(?=[\"'“(]*[A-Z])", text[mention.end :])
    end = mention.end + after.start() if after else len(text)
    rest = text[start : mention.start] + " " + text[mention.end : end]
    return any(
        _COUNT.search(rest, max(0, perfect.start() - TALLY_REACH), perfect.end() + TALLY_REACH)
        for perfect in _PERFECT.finditer(rest)
    )


# "Their surveys in the following year showed": surveys its actors made, dated by them
_OWNED = re.compile(r"\b(?:[Tt]heir|[Hh]is|[Hh]er|[Ii]ts|[Oo]ur)\s+$")


# "Since their origins in the 1960s", "since the 1970s": a decade a state holds since
_SINCE_DECADE = re.compile(
    r"\b[Ss]ince\s+(?:(?:the|their|its|his|her)\s+)?"
    r"(?:(?:origins?|beginnings?|inception|introduction|invention|founding|start)\s+in\s+)?"
    r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?$"
)


# What "ranges" over the years after it: "ranging from 1930 to 1998", "ages varying
# from", "which ranged in date from"
_VALUES_RANGE = re.compile(
    r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))(?:\s+in\s+(?:date|age|year)s?)?\s+$"
)


def _loose_start(text: str, mention: DateMention) -> bool:
    """A decade a state is said to hold since ("Since their origins in the 1960s, the
    size of chips has progressed", "BGA packages have existed since the 1970s", "their
    continual usage of the term since the 1920s"): a writer's round start, which the same
    document may date otherwise (the first working chip in 1958). Asked, every wrong
    option must lie before it, where the thing did not exist ("the 1940s" for a chip
    package); offered as a wrong option elsewhere, it dates no event of the story ("the
    1920s" for a team founded in 1976)."""
    return (
        mention.date.granularity == "decade"
        and _SINCE_DECADE.search(text, 0, mention.start) is not None
    )


# "The plan calls for ... until 2030", "announced plans to extend the life of the
# submarines and the D5 missiles to the year 2040": a plan in the sentence ...
_PLAN_WORD = re.compile(
    r"\b(?:plans?|planned|planning|proposals?|proposed|calls?\s+for|called\s+for|"
    r"intends?|intended|aims?|aimed|target(?:s|ed)?|projected|forecasts?)\b",
    re.IGNORECASE,
)
# ... and the date as the end its words reach
_REACH_END = re.compile(r"\b(?:until|till|through|to\s+the\s+year)\s+$", re.IGNORECASE)


def _plan_endpoint(text: str, mention: DateMention) -> bool:
    """The date is where a plan the sentence tells reaches ("The plan calls for continued
    investment in Intel plants until 2030", "the Navy announced plans to extend the life
    of the submarines and the D5 missiles to the year 2040"): the end of an intention,
    which may never come, not an event (the plan's own date, "In 2002", is one)."""
    start = _sentence_start(text, mention.start)
    return (
        _REACH_END.search(text, start, mention.start) is not None
        and _PLAN_WORD.search(text, start, mention.start) is not None
    )


# "founded around 1360": not a date to give as an exact answer
_APPROXIMATE = frozenset({"around", "about", "circa", "c.", "ca.", "approximately", "roughly"})

# "October 4, 5, 8, 11, and 17": the date finder reads the first day; the rest is a list.
_DAY_LIST = re.compile(
    r",?\s*\d{1,2}(?:st|nd|rd|th)?(?:,\s*(?:and\s+)?\d{1,2}\b|\s+and\s+\d{1,2}\b)"
)


# Bare days before a day that lends them its month: "On 12 and 19 March 1954", "on 24, 27
# and 29 October": cut there, the blank leaves "On 12 and _____"
_DAYS_BEFORE = re.compile(
    r"(?<![\d,.])\b\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{1,2}(?:st|nd|rd|th)?)*,?\s+(?:and|or|&)\s+$"
)
# "August 31 and September 1": the day before has its own month
_MONTH_BEFORE = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\s+$")


def _bare_days_before(text: str, end: int) -> bool:
    """Days without a month right before ``end``, joined to the date there: "On 12 and
    19 March 1954" (the 12th is of March too), not "on August 31 and September 1"."""
    days = _DAYS_BEFORE.search(text, 0, end)
    return days is not None and _MONTH_BEFORE.search(text, 0, days.start()) is None


# A prefix the finder reads with the date: "pre-1969", "post-1997", "Pre-1707".
_COMPOUND_PREFIX = re.compile(r"(?:pre|post)[-‐–]", re.IGNORECASE)


# "the 1101", "the 256-bit 1101", "the Fortune 1000": "the" and at most one word that
# holds a digit or a hyphen or is capitalized, right before the number ...
_THE_BEFORE_NUMBER = re.compile(r"\b[Tt]he\s+(?:(?=[\w’'-]*(?:\d|-)|[A-Z])[\w’'-]+\s+)?$")
# ... and the number ends its noun phrase: punctuation, the end, or a verb follows it.
_NOUN_PHRASE_ENDS = re.compile(
    r"\s*(?:[.,;:)!?]|$)|\s+(?:was|is|were|are|had|has|became|remained)\b"
)


def _number_names_a_thing(text: str, mention: DateMention) -> bool:
    """A bare four-digit number, with no preposition, that heads a noun phrase opened by
    "the": a year would modify a noun after it ("the 1994 ceasefire"), never end the
    phrase; a year written as a noun is "the year 1951", which this does not read."""
    if mention.preposition is not None or not mention.text.isdigit():
        return False
    if not _THE_BEFORE_NUMBER.search(text, 0, mention.start):
        return False
    return bool(_NOUN_PHRASE_ENDS.match(text, mention.end))


def _background_year(text: str, mention: DateMention, mentions: Sequence[DateMention]) -> bool:
    """A bare year beside a more specific date of one event: the year of that date ("In
    1968, on April 12, the band played"), or a modifier of that date's year ("On 9 May
    2020, the 2020 parade ...") or beside a year-less date. A year that dates an event of
    its own clause stays: "In 1904, Roncalli completed his doctorate and was ordained ...
    on 10 August 1904"; a span over years ("the rebellion of 1173 to 1174") is no more
    specific; and so does a modifier of another year than the finer date's, which dates
    its noun ("On June 25, 2019, ... destroyed in the 2008 Universal fire"), as a cloze
    asks it."""
    if mention.date.granularity != "year":
        return False
    modifier = bool(re.search(r"\b(?:the|a|an)\s+$", text[: mention.start]))
    for other in mentions:
        if other is mention or other.date.granularity == "year":
            continue
        if modifier and (other.inferred or other.date.year == mention.date.year):
            return True
        if not other.date.end_key()[1] or other.date.year != other.date.end_year:
            continue  # a decade, a century, a span over years: not finer than a year
        # "on April 12 and 13, 1968": a year-less date beside a written year is of that year
        written_beside = other.inferred and not mention.inferred
        if (other.date.year == mention.date.year or written_beside) and not _apart(
            text, mention, other
        ):
            return True
    return False


# What starts another clause with its own verb between two dates: "; he consecrated",
# "and was ordained", "which was".
_OTHER_CLAUSE = re.compile(
    r";|\b(?:and|but|while|whereas|which|who|then)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:was|were|had|has|is|are|did|[a-z]+ed)\b"
)


def _apart(text: str, first: DateMention, second: DateMention) -> bool:
    """Whether two dates of a sentence date two events: a clause with a verb of its own
    stands between them."""
    left, right = sorted((first, second), key=_start)
    return bool(_OTHER_CLAUSE.search(text, left.end, right.phrase_start))


def _in_date_list(text: str, mention: DateMention, mentions: Sequence[DateMention]) -> bool:
    """Three or more dates joined by commas or "and": a list is not one answer."""
    return _run_of_three(text, mention, mentions, _dates_joined)


def _side_by_side(text: str, mention: DateMention, mentions: Sequence[DateMention]) -> bool:
    """Another date next to this one with nothing but spaces between ("in December 1998
    1999", the text's "December 1998 – 1999" without its dash). Both must be written in
    figures: "in August that year" is one date."""
    if not _has_digit(mention.text):
        return False
    return any(
        other is not mention
        and _has_digit(other.text)
        and (
            (other.start >= mention.end and text[mention.end : other.start].isspace())
            or (mention.start >= other.end and text[other.end : mention.start].isspace())
        )
        for other in mentions
    )


def _has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)


def _dates_joined(text: str, left: DateMention, right: DateMention) -> bool:
    gap = text[left.end : right.phrase_start]
    return len(gap) <= 40 and _DATES_JOINED.fullmatch(gap) is not None


# What joins two dates of a list: commas, "and", a bracket between ("1990 (Paris), 1994")
_DATES_JOINED = re.compile(r"[\s,]*(?:and\s+|\([^)]*\)[\s,]*)*")
# What joins two items of a list, each with its date: "Silver Jubilee (1977), Golden
# Jubilee (2002) and Diamond Jubilee (2012)", "the Hughes Medal in 1921, the Matteucci
# Medal in 1923": a comma or "and", then the next item's words (the preposition of its
# date is not part of the gap)
_ITEM_JOINED = re.compile(
    r"(?P<close>\))?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)[^();:]{1,60}?(?P<open>\s\()?\s*"
)


def _in_dated_items(text: str, mention: DateMention, mentions: Sequence[DateMention]) -> bool:
    """Three or more items of a list, each with its date, the same way ("Addresses were
    presented at the Silver Jubilee (1977), Golden Jubilee (2002) and Diamond Jubilee
    (2012)", "he received the Hughes Medal in 1921, the Matteucci Medal in 1923, the
    Franklin Medal in 1926"): what the sentence tells happened at each, so it has no one
    date, and the items around the one asked show where it lies (between 1977 and 2012,
    the Golden Jubilee is 2002 to whoever counts). Items with a verb of their own ("a
    Scud-B hit on ...", "(released on ...)") are clauses of a story, not a list; days
    ("canonized Gregorio Barbarigo on 26 May 1960, Juan de Ribera on 12 June 1960") are
    not counted from their neighbours, and are asked. Days in brackets after names,
    weeks apart, are a schedule written as prose ("road games against Minnesota
    (November 22), St. Louis (November 29), Houston (December 13) and Green Bay
    (December 27)"): nobody learns one game's day, and the days around it leave a guess
    between them. Days years apart ("beatified Elena Guerra (26 April 1959), Innocenzo
    da Berzo (12 November 1961)") are acts of their own, and are asked."""
    return _run_of_three(text, mention, mentions, _items_joined)


# Days in brackets of a list at most this far apart are a schedule (see _in_dated_items)
SCHEDULE_DAYS = 62


def _items_joined(text: str, left: DateMention, right: DateMention) -> bool:
    granularity = left.date.granularity
    if granularity != right.date.granularity or granularity not in ("year", "day"):
        return False
    gap = text[left.end : right.phrase_start]
    joined = _ITEM_JOINED.fullmatch(gap) if len(gap) <= 64 else None
    if joined is None or left.preposition != right.preposition:
        return False
    bracketed = joined.group("close") is not None and joined.group("open") is not None
    if (left.preposition is None or granularity == "day") and not bracketed:
        return False
    if granularity == "day" and _days_apart(left.date, right.date) > SCHEDULE_DAYS:
        return False
    return not any(
        is_past_tense_verb(word) or is_past_participle(word) or word.endswith("ing")
        for word in WORD.findall(gap)
    )


def _run_of_three(
    text: str,
    mention: DateMention,
    mentions: Sequence[DateMention],
    joined: Callable[[str, DateMention, DateMention], bool],
) -> bool:
    """Whether ``mention`` is one of three or more dates in a row, each joined to the
    next as ``joined`` (given the text and the two dates, in order) says."""
    if len(mentions) < 3:
        return False
    index = mentions.index(mention)
    run = 1
    for step in (-1, 1):
        position = index
        while 0 <= position + step < len(mentions):
            left, right = sorted((mentions[position], mentions[position + step]), key=_start)
            if not joined(text, left, right):
                break
            run += 1
            position += step
    return run >= 3


def _start(mention: DateMention) -> int:
    return mention.start


def clause_bounds(text: str, protected: Span) -> list[Span]:
    """Split ``text`` into clauses at commas, semicolons, colons, dashes and brackets.

    Boundaries inside ``protected`` (the date phrase) or inside any other date ("October
    12, 2020") are ignored.
    """
    return list(_clause_bounds(text, protected))


@lru_cache(maxsize=8192)
def _clause_bounds(text: str, protected: Span) -> tuple[Span, ...]:
    bounds: list[Span] = []
    start = 0
    shielded = [protected, *_date_commas(text), *_title_colons(text), *_quoted_titles(text)]
    for match in _BOUNDARY.finditer(text):
        if any(low <= match.start() < high for low, high in shielded):
            continue
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return tuple(bounds)


# A colon inside a title, between a name and a capitalised word ("the album ABBA: The
# Album", "Wolfenstein: The New Order"): the title goes on past it
_TITLE_COLON = re.compile(r"\b[A-Z][\w'’!.-]*(:)(?=\s+[A-Z])")


# A short quotation, a title ("Oh, the Guilt"), whose commas end no clause
_QUOTED_TITLE = re.compile(r"(?:(?<=[\s/(])|^)[\"“](?=\S)[^\"“”,]{0,30},[^\"“”]{0,30}[\"”]")


@lru_cache(maxsize=4096)
def _quoted_titles(text: str) -> list[Span]:
    """The short quotations with a comma inside, which end no clause."""
    return [match.span() for match in _QUOTED_TITLE.finditer(text)]


@lru_cache(maxsize=4096)
def _title_colons(text: str) -> list[Span]:
    """The colons inside titles, which end no clause."""
    return [match.span(1) for match in _TITLE_COLON.finditer(text)]


_DATE_COMMA = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:\s*[-–]\s*\d{1,2})?(,)\s+\d{4}"
)


@lru_cache(maxsize=4096)
def _date_commas(text: str) -> list[Span]:
    """The commas inside "Month day, year" dates, which never end a clause."""
    return [(m.start(1), m.end(1)) for m in _DATE_COMMA.finditer(text)]


def clean_span(text: str, mention: DateMention) -> Span | None:
    """The largest hole-free stretch of ``text`` around the date.

    The whole sentence when it is clean. Otherwise the clause holding the date (cut
    back before a hole that follows the date), widened over clean neighbouring clauses,
    then narrowed from the left to start at a capitalised clause when one is in reach.
    The result may still open mid-sentence in lower case, where the subject lies
    behind a hole; the caller decides what such a span can still be used for.
    """
    holes = find_holes(text)
    if not holes:
        return (len(text) - len(text.lstrip()), len(text.rstrip()))
    clauses = clause_bounds(text, (mention.phrase_start, mention.end))
    index = next(
        (i for i, (start, end) in enumerate(clauses) if start <= mention.start < end), None
    )
    if index is None:
        return None

    def clean(span: Span) -> bool:
        return not any(hole[0] < span[1] and span[0] < hole[1] for hole in holes)

    start, end = clauses[index]
    widen_left = widen_right = True
    if not clean((start, end)):
        cut = _cut_around_holes(text, (start, end), mention, holes)
        if cut is None:
            return None
        widen_left, widen_right = cut[0] == start, cut[1] == end
        start, end = cut
    low = index
    while widen_left and low > 0 and clean((clauses[low - 1][0], end)):
        low -= 1
    high = index
    while widen_right and high + 1 < len(clauses) and clean((start, clauses[high + 1][1])):
        high += 1
        end = clauses[high][1]
    if widen_left:
        start = next(
            (clauses[c][0] for c in range(low, index + 1) if _reads_alone(text, clauses[c][0])),
            clauses[low][0],
        )
    return _without_dangling_end(text, (start, end), mention)


def semicolon_part(
    text: str, span: Span, mention: DateMention, mentions: Sequence[DateMention]
) -> Span:
    """The part of ``span`` between semicolons that holds the date: the span ends at
    the first semicolon after the date, and starts after one before it when another date
    lies in another part.

    A semicolon joins two sentences: "In 1669, Charles II revived talks on political
    union; ... by the end of 1669, negotiations ground to a halt", "John XXIII also
    issued a rule in 1962 mandating that all cardinals should be bishops; he himself
    consecrated the twelve non-bishop cardinals in April 1962". Shown whole, the other
    part's date makes a "when" question ambiguous and gives a cloze's answer away; the
    date's own part says what happened on it. What follows the date's part tells
    something else, and its pointers are not the date's part's: "Episcopacy in Scotland
    was abolished in 1690, alienating a significant part of the political class; it was
    this element that later formed the bedrock of opposition" is asked without "this
    element". A semicolon before a quotation introduces it, as a colon does ("the
    following was written ...; "While he believes ...""), and ends nothing. The first
    part reads alone; a later one only when it opens with a capital, leans on nothing
    before it ("he himself consecrated" does) and counts from no date outside it ("the
    same year" with no written date before it in the part). A semicolon inside brackets
    or quotation marks joins nothing.
    """
    start, end = span
    cuts = list(_top_level_semicolons(text, start, end))
    after = [cut for cut in cuts if cut >= mention.end]
    if after and not _QUOTE_OPENS.match(text, after[0] + 1):
        end = after[0]
    others = [m for m in mentions if m is not mention and start <= m.start and m.end <= end]
    if not others:
        return (start, end)
    before = [cut for cut in cuts if cut < mention.phrase_start]
    if before and any(m.end <= before[-1] for m in others):
        opening = WORD.search(text, before[-1] + 1, end)
        part = text[opening.start() : end] if opening else ""
        if (
            opening is not None
            and part[:1].isupper()
            and not leans_on_previous(part)
            and not _counts_from_outside(mentions, opening.start(), end)
        ):
            start = opening.start()
    return (start, end)


# A quotation right after a semicolon: "...; "While he believes ...""
_QUOTE_OPENS = re.compile(r"\s*[\"“‘']")


def _counts_from_outside(mentions: Sequence[DateMention], start: int, end: int) -> bool:
    """A relative date inside ``start:end`` ("the same year") with no written date before
    it there: it counts from a date outside."""
    inside = [m for m in mentions if start <= m.start < end]
    return any(
        m.relative and not any(not o.relative and o.end <= m.start for o in inside) for m in inside
    )


def _top_level_semicolons(text: str, start: int, end: int) -> Iterator[int]:
    """The semicolons of ``text[start:end]`` outside brackets and quotation marks."""
    depth = 0
    quoted = False
    for index in range(start, end):
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == '"':
            quoted = not quoted
        elif char == "“":
            quoted = True
        elif char == "”":
            quoted = False
        elif char == ";" and depth == 0 and not quoted:
            yield index


_DANGLING_WORD = re.compile(
    r"\s+(?:the|a|an|of|in|on|at|by|to|from|with|for|into|and|or|as|its|their|his|her|"
    r"toward|towards|near|around|amid|over|under|against|between|outside|inside|"
    r"including|such|like)\W*$",
    re.IGNORECASE,
)


# Words that open another attachment site between an -ing verb and the date: "enabling
# continuity until subsequent escalations in 2022" dates the escalations, not the enabling.
_GERUND_BREAK = re.compile(
    r"\b(?:until|after|before|since|when|while|which|that|where|during|following)\b",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"\b(?:the|a|an)\s", re.IGNORECASE)
_NOT_IN_NOUN_PHRASE = re.compile(
    r"\b(?:by|in|on|at|to|from|with|for|into|against|between|via|and|or|but|that|which|"
    r"who|was|were|is|are|has|had)\b",
    re.IGNORECASE,
)


def _participle_phrase(text: str, span: Span, mention: DateMention) -> tuple[str, int] | None:
    """A phrase inside ``span`` that can be asked in the passive, and where it starts.

    "passive": an article, a short noun phrase and a past participle right before the
    date ("a trilateral ceasefire agreement signed on November 9"). "gerund": the span
    opens with an -ing verb whose clause holds the date ("issuing statements via the
    State Department on September 27, 2020").
    """
    before = text[span[0] : mention.phrase_start]
    words = before.split()
    if not words:
        return None
    first = words[0]
    if first.endswith("ing") and verb_lemma(first) and len(words) <= MAX_PHRASE_WORDS:
        if (
            "," not in before
            and not _GERUND_BREAK.search(before)
            and not _NOT_IN_NOUN_PHRASE.match(words[1] if len(words) > 1 else "")
        ):
            return ("gerund", span[0])
    if not is_past_tense_verb(words[-1]) and not is_past_participle(words[-1]):
        return None
    articles = list(_ARTICLE.finditer(text, span[0], mention.phrase_start))
    if not articles:
        if len(words) == 1 and defined_subject(text) is not None:
            return ("defined", span[0])  # "The X War was a conflict ... —fought from ..."
        return None
    start = articles[-1].start()
    noun_phrase = text[start : mention.phrase_start].rsplit(" ", 2)[0]
    if _NOT_IN_NOUN_PHRASE.search(noun_phrase, 2) or len(noun_phrase.split()) > 7:
        return None
    return ("passive", start)


# A definition that opens a sentence: "The Second Nagorno-Karabakh War was an armed
# conflict ...". A bare participle phrase later in it ("—fought from 27 September ...")
# tells what the defined thing did.
_DEFINITION = re.compile(
    r"^((?:The\s+)?[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z0-9][\w’'\-]*){0,7})\s+(was|were)\s+"
    r"(?:a|an|the)\s"
)


def defined_subject(text: str) -> tuple[str, str] | None:
    """The subject and copula of a sentence that opens by defining a named thing."""
    match = _DEFINITION.match(text)
    if match is None or has_hole(match.group(1)):
        return None
    return match.group(1), match.group(2)


def _without_dangling_end(text: str, span: Span, mention: DateMention) -> Span | None:
    """Drop function words left at the end of a cut span ("rallying on December 22
    outside"); None if that would eat into the date."""
    start, end = span
    if end == len(text.rstrip()):
        return span
    while True:
        match = (
            _DANGLING_WORD.search(text, start, end)
            or _DANGLING_TITLE.search(text, start, end)
            or _DANGLING_MODIFIER.search(text, max(start, mention.end), end)
        )
        if match is None:
            break
        end = match.start()
    return (start, end) if end >= mention.end else None


# A title whose holder's name was cut off: "hosted by U.S. Secretary of State", "when Chief"
_DANGLING_TITLE = re.compile(
    rf"\s+(?:{'|'.join(sorted(TITLES | {'Chief', 'Head'}))})(?:\s+of(?:\s+the)?(?:\s+[A-Z]\w+)+)?"
    r"\W*$"
)
# A year behind "the" whose noun was cut off: "since the 1994"
_DANGLING_MODIFIER = re.compile(r"\s+(?:\w+\s+)?the\s+\d{4}\W*$")


def _cut_around_holes(
    text: str, clause: Span, mention: DateMention, holes: Sequence[Span]
) -> Span | None:
    """Cut a clause down to the hole-free stretch around its date.

    Holes before the date move the start to the first word after them; holes after it
    move the end back to the phrase (preposition or relative pronoun) that holds them.
    None when a hole touches the date phrase itself or no clean cut exists.
    """
    start, end = clause
    inside = [hole for hole in holes if hole[0] < end and start < hole[1]]
    before = [hole for hole in inside if hole[1] <= mention.phrase_start]
    after = [hole for hole in inside if hole[0] >= mention.end]
    if len(before) + len(after) != len(inside):
        return None
    if before:
        resume = max(hole[1] for hole in before)
        word = WORD.search(text, resume, mention.phrase_start + 1)
        start = word.start() if word else mention.phrase_start
    if after:
        first_hole = min(hole[0] for hole in after)
        if not text[mention.end : first_hole].strip(" ,"):
            return None  # "the 2008 —which": the date's own noun is gone
        cuts = [m.start() for m in _CUT_POINT.finditer(text, mention.end) if m.start() < first_hole]
        if not cuts:
            return None
        end = cuts[0]
    return (start, end)


def _reads_alone(text: str, start: int) -> bool:
    """A span may start mid-sentence only at a capitalised word (a new main clause)."""
    head = text[start:].lstrip(" \"'“")
    return bool(head) and (start == 0 or head[0].isupper())


def _date_clause(text: str, mention: DateMention) -> Span:
    """The clause holding the date, with the clause before it when the date opens it."""
    clauses = clause_bounds(text, (mention.phrase_start, mention.end))
    for index, (start, end) in enumerate(clauses):
        if start <= mention.start < end:
            if index > 0 and not WORD.search(text[start : mention.phrase_start]):
                start = clauses[index - 1][0]
            return (start, end)
    return (0, len(text))


# The text's own future: "will" before a verb (not "his will", "Will Smith"), or a plan
# told in the present ("Intel plans to").
_FUTURE = re.compile(
    r"(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\bthe )\b(?:will|shall)\s+(?:not\s+|only\s+|also\s+)?"
    r"(?!not\b)[a-z]+"
    r"|\b(?:plans|intends|expects|aims|hopes)\s+to\b"
    r"|\b(?:is|are)\s+(?:expected|scheduled|planned|set|due|slated|projected)\s+to\b"
)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def _forecast(text: str, mention: DateMention) -> bool:
    """A date the sentence tells as still to come: outside quotations it speaks of the
    future (or of a plan in the present) and no verb of it is in the past.

    "Intel plans to improve power consumption ..., like new Ivy Bridge processors in
    2013, which will only have 10W": a forecast written in 2011, not the year anything
    happened. "In July 2011, Intel announced that its chips will use new sensors" keeps
    its date: the announcement happened.
    """
    told = _QUOTED.sub(" ", text)
    if not _FUTURE.search(told):
        return False
    return not any(is_past_tense_verb(word) for word in WORD.findall(told) if word.islower())


# A story and what the paragraph later says of it: "Posilge's 'sensational story' is
# either an invention based on gossip", "a tale, almost certainly apocryphal".
_DISMISSAL = re.compile(
    r"\b(?:story|stories|tale|narrative|account|anecdote|legend|claim)s?\b[^.;]{0,60}?"
    r"\b(?:invention|invented|gossip|apocryphal|fabricat\w*|unfounded|untrue|myth|"
    r"false|discredited|dubious|romantic legend|no evidence)\b",
    re.IGNORECASE,
)
# Where a story told on someone's word opens: "According to the chronicle of John of
# Posilge", "Długosz continues", "reportedly", "legend has it".
_STORY_OPENING = re.compile(
    r"\b(?:according to|legend has it|it is said|is said to|are said to|reportedly|"
    r"allegedly|continues|chronicle)\b",
    re.IGNORECASE,
)


def _in_dismissed_story(block: Block, sentence: Sentence) -> bool:
    """The sentence is told on someone's word, in a paragraph that goes on to dismiss
    that story: from the sentence that opens the account to the one that dismisses it.

    "According to the chronicle of John of Posilge, Jadwiga sent a letter ... Offended
    by Jadwiga's demand, Vytautas ... On 12 October 1398, he signed a peace treaty ...
    Oscar Halecki says that Posilge's 'sensational story' is either an invention based
    on gossip": a question on the treaty would show the story as fact.
    """
    sentences = block.sentences
    position = next((i for i, one in enumerate(sentences) if one is sentence), None)
    if position is None:
        return False
    for later in range(position, len(sentences)):
        if _DISMISSAL.search(sentences[later].text):
            return any(
                _STORY_OPENING.search(sentences[earlier].text)
                for earlier in range(position, -1, -1)
            )
    return False


# What was said comes after the date: "announced on December 3 that ...", "said on 29
# November 1952 that ...".
_CONTENT_FOLLOWS = re.compile(r",?\s+that\b")


def _is_claim(text: str, mention: DateMention) -> bool:
    """True when the date sits inside what someone claimed, not when it dates the claim.

    "announced on December 3 that ..." dates the announcement, and "reported 2,425
    killed as of late November" dates the report: both quizzable. "X reported capturing
    villages by October 3" puts the date inside the report: not a fact. Only the clause
    holding the date counts.
    """
    if (mention.preposition or "").lower() == "as of":
        return False
    if _CONTENT_FOLLOWS.match(text, mention.end):
        return False  # "said to him via letter on 29 November 1952 that ...": the saying's date
    start, end = _date_clause(text, mention)
    for match in _CLAIM.finditer(text, start, end):
        if match.group()[:1].isupper() and text[: match.start()].strip(" \"“'("):
            continue  # "On the Alleged Decline of Science", "According to St. Matthew": a title
        word = match.group().lower()
        if word in {"reportedly", "allegedly", "purportedly", "according to"}:
            return True
        if match.end() <= mention.phrase_start:
            between = text[match.end() : mention.phrase_start]
            if len(WORD.findall(between)) > 1:
                return True
    return False


def _is_attached(text: str, phrase_start: int) -> bool:
    """The date phrase modifies the main clause rather than a subordinate one."""
    before = text[:phrase_start]
    if not before.strip(" ,"):
        return True  # "On November 8, 2020, X did Y"
    return not _SUBORDINATOR.search(before.split(",")[-1]) and not re.search(
        r"\b(?:the|a|an)\s+$", before
    )


# --- the skip rules -----------------------------------------------------------------


def _role_test(name: str) -> Callable[[Site], bool]:
    return next(rule.test for rule in ROLE_RULES if rule.name == name)


_PLANNED_TEST = _role_test("planned")
_AS_LATE_AS_TEST = _role_test("as_late_as")
_AMOUNT_BY_TEST = _role_test("amount_by")


def _hole_after_article(candidate: _Candidate) -> bool:
    """ "at the December 10, 2020, ,": the noun the date qualified was stripped."""
    whole, mention = candidate.whole, candidate.mention
    assert candidate.shaped is not None
    end = candidate.shaped[0][1]
    return bool(re.search(r"\bthe\s+$", whole[: mention.start])) and not re.match(
        r"[\s,]*[A-Za-z]", whole[mention.end : end]
    )


def _year_rule(rule: Rule[YearCase] | Rule[RelativeCase]) -> Rule[_Candidate]:
    """A rule of the text's time, as a skip rule: it holds when the timeline refused the
    date for that reason."""
    return Rule(rule.name, rule.reason, lambda candidate: candidate.timed.refusal is rule)


# Every reason a date of a sentence is skipped, in the order they are tried: first the
# year the text's time gives it (question_bank.chronology), then what the sentence says
# about it, then what a question could show of it.
# Verbs of saying and remembering: what they date is a remark, not an event ("stated",
# "announced", "revealed", "reported" make news, and stay)
_SAYING = (
    r"(?:said|says|recalled|remembered|remarked|reiterated|recounted|reflected|admitted|"
    r"commented|mused|quipped|joked)"
)
# "Asimov recalled in 1969 that", "He said in 2014:", "Cobain told Spin in 1992 that"
_SAYING_BEFORE = re.compile(
    rf"\b(?:{_SAYING}|told\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)\s+(?:(?:in|on)\s+)?$"
)
# "In 2014 Adams said:", "In 1999, Novoselic recalled that"
_SAYING_AFTER = re.compile(
    rf"^,?\s+(?:[A-Z][\w.'’-]*\s+){{1,3}}{_SAYING}\b(?=\s*(?:that\b|[:,]?\s*[\"“]|:))"
)
_WHAT_IS_SAID = re.compile(r"^\s*(?:that\b|[:,]?\s*[\"“]|:)")


def _dates_a_saying(text: str, mention: DateMention) -> bool:
    """Whether the date dates someone's saying or recollection: "Asimov recalled in 1969
    that ...", "In 2014 Adams said: ..."; not "Macmillan wrote to Eisenhower on ...
    urging", a letter, nor "Intel stated that its office had been raided", news."""
    before, after = text[: mention.phrase_start], text[mention.end :]
    if _SAYING_BEFORE.search(before) and _WHAT_IS_SAID.match(after):
        return True
    opening = not before.strip(" \"“'(").lower().removesuffix("in").strip()
    return opening and _SAYING_AFTER.match(after) is not None


# "(see Chronology of ... (2000–09))", "(cf. Timeline of ...)": a reference to another page
_CROSS_REFERENCE_OPENING = re.compile(r"\((?:see|cf\.)\s", re.IGNORECASE)


def _in_cross_reference(text: str, position: int) -> bool:
    """Whether ``position`` lies inside a bracketed cross-reference that is still open
    there: "(see Chronology of ... actions (2000–09))"."""
    for opening in reversed(list(_CROSS_REFERENCE_OPENING.finditer(text, 0, position))):
        depth = 0
        for char in text[opening.start() : position]:
            depth += {"(": 1, ")": -1}.get(char, 0)
        return depth > 0
    return False


SKIP_RULES: tuple[Rule[_Candidate], ...] = (
    *(_year_rule(rule) for rule in YEAR_RULES),
    *(_year_rule(rule) for rule in RELATIVE_RULES),
    Rule(
        "approximate",
        "approximate date (around, about)",
        lambda c: (c.mention.qualifier or "").lower() in _APPROXIMATE,
    ),
    Rule(
        "range_of_values",
        "a range of years something's values run over ('benches arranged by the victims' "
        "year of birth, ranging from 1930 to 1998'): no time when anything happened",
        lambda c: _VALUES_RANGE.search(c.whole, 0, c.mention.phrase_start) is not None,
    ),
    Rule(
        "decade_not_a_time",
        "a decade inside a quotation or naming a thing ('the finest album of the 1990s', "
        "'who fled during the 1990s conflict'), not when something happened",
        lambda c: (
            c.mention.date.granularity == "decade"
            and (c.site.role[1] in ("in_quotation", NAMES_A_THING) or names_a_thing(c.site))
        ),
    ),
    Rule("century", "vague date (century)", lambda c: c.mention.date.granularity == "century"),
    Rule(
        "loose_start",
        "a decade a state holds since ('Since their origins in the 1960s'): a round start, "
        "no event; a wrong option only before it, where the thing did not exist",
        lambda c: _loose_start(c.whole, c.mention),
    ),
    Rule(
        "approximate_form",
        "approximate date (either of two years, a span of centuries, fl.)",
        lambda c: c.mention.approximate,
    ),
    Rule(
        "date_list",
        "list of dates",
        lambda c: (
            _in_date_list(c.whole, c.mention, c.mentions)
            or bool(_DAY_LIST.match(c.whole, c.mention.end))
            or _bare_days_before(c.whole, c.mention.phrase_start)
        ),
    ),
    Rule(
        "dates_side_by_side",
        "two dates with only a space between ('J2SE 1.2 in December 1998 1999'): a range "
        "whose dash was lost, so neither end alone is what the sentence dates",
        lambda c: _side_by_side(c.whole, c.mention, c.mentions),
    ),
    Rule(
        "dated_items",
        "one of a list of three or more items each with its year ('the Hughes Medal in "
        "1921, the Matteucci Medal in 1923, the Franklin Medal in 1926', 'Silver Jubilee "
        "(1977), Golden Jubilee (2002)'): no one date, and the others show where it lies",
        lambda c: _in_dated_items(c.whole, c.mention, c.mentions),
    ),
    Rule(
        # "the pre-1969 Irish Republican Army", "post-1997 Hong Kong": the year is part of
        # a word that describes a noun; it dates no event, and "pre-_____" reads as debris
        "year_in_compound",
        "a year inside a word ('pre-1969', 'post-1997'): it describes a noun, it dates no event",
        lambda c: bool(_COMPOUND_PREFIX.match(c.mention.text)),
    ),
    Rule(
        # "the first silicon gate SRAM chip, the 256-bit 1101.", "The 1103 was the
        # bestselling chip", "39 businesses in the Fortune 1000": a number the finder
        # reads as a year is the noun of its phrase, a thing's name, not a time
        "number_names_a_thing",
        "a number that looks like a year names a thing ('the 256-bit 1101', 'the Fortune "
        "1000'), not a time",
        lambda c: _number_names_a_thing(c.whole, c.mention),
    ),
    Rule(
        "saying",
        "the date of a saying or a recollection ('Asimov recalled in 1969 that ...', "
        "'Everett True said in 1989, \"...\"'): when someone said it, which no learner is "
        "taught, not when what it tells happened",
        lambda c: _dates_a_saying(c.whole, c.mention),
    ),
    Rule(
        "in_cross_reference",
        "the date is part of the name of a page the encyclopedia sends its reader to ('(see "
        "Chronology of Provisional Irish Republican Army actions (2000–09))'), not a time "
        "the text tells",
        lambda c: _in_cross_reference(c.whole, c.mention.start),
    ),
    Rule(
        "year_beside_date",
        "year beside a more specific date",
        lambda c: _background_year(c.whole, c.mention, c.mentions),
    ),
    Rule(
        # "After Richard's death on 6 April 1199 there were two claimants": the death's
        # date, written whole, is asked as the death's (a cloze; no "when" question asks
        # it of the main clause, which the date does not date). Without its year, the
        # reference event may lie in another year than the story's.
        "reference_event",
        "year-less date of a reference event (before/after ...): its year may not be the story's",
        lambda c: reference_event(c.site) is not None and c.mention.inferred,
    ),
    Rule(
        "as_of",
        "date the text was current (as of ...), not an event",
        lambda c: _as_of(c.whole, c.mention),
    ),
    Rule(
        "stale_present",
        "a present the writer's day made true ('The latest versions are', 'is now "
        "deprecated', 'currently supported'): taught as today's fact, it went stale",
        lambda c: _stale_present(c.whole, c.mention),
    ),
    Rule(
        "state_in_year",
        "a state the year finds the thing in ('In 2012, development was centered around "
        "two compilers'), which held in other years too: no one year",
        lambda c: _state_in_year(c.whole, c.mention),
    ),
    Rule(
        "into_date",
        "how far a lasting state reached ('retained air superiority into November'): "
        "the months or years before it are right too",
        lambda c: _into(c.whole, c.mention),
    ),
    Rule(
        "winter_of_one_year",
        "a winter named by one year ('the winter of 1943'): it runs across a new year, so "
        "the year before or after is right too",
        lambda c: _winter_of_one_year(c.mention),
    ),
    Rule(
        "planned",
        "a plan, intention or deadline, not an event ('was scheduled for', 'would')",
        lambda c: _PLANNED_TEST(c.site),
    ),
    Rule(
        "plan_endpoint",
        "the end a plan reaches ('The plan calls for investment until 2030'), not an event",
        lambda c: _plan_endpoint(c.whole, c.mention),
    ),
    Rule(
        "forecast",
        "a forecast in the future tense, not an event ('processors in 2013, which will')",
        lambda c: _forecast(c.whole, c.mention),
    ),
    Rule(
        "as_late_as",
        "the far end of a span ('as late as August 1939'), not an event",
        lambda c: _AS_LATE_AS_TEST(c.site),
    ),
    Rule(
        "amount_by",
        "an amount reached by a date ('over $50 billion by 2014'), not an event",
        lambda c: _AMOUNT_BY_TEST(c.site),
    ),
    Rule(
        "titled",
        "the date is a title ('his second album titled November 1989'), not a time",
        lambda c: _titled(c.whole, c.mention),
    ),
    Rule(
        "dated_finding",
        "the date is that of a study's finding ('In 2001, survey data showed a sharp drop', "
        "'A study in 2003 found'): the study's year or its subject's, and a claim",
        lambda c: _dated_finding(c.whole, c.mention),
    ),
    Rule(
        "serial_issue",
        "the date is one issue of a report, survey or poll issued again and again ('released "
        "a report', 'placed in the ... poll'), named by no edition: several right answers",
        lambda c: _serial_issue(c.whole, c.mention),
    ),
    Rule(
        "tally_window",
        "a span a count is summed over ('Between 1970 and 2005, the IRA had detonated 19,000 "
        "devices'): a statistic's window, which other windows fit as well",
        lambda c: _tally_window(c.whole, c.mention),
    ),
    Rule(
        "year_remnant",
        "hole near the date (stripped names)",  # ", 2020": its day and month were stripped
        lambda c: (
            c.mention.date.granularity == "year"
            and bool(YEAR_REMNANT.search(c.whole, 0, c.mention.start))
        ),
    ),
    Rule(
        "hole_in_clause",
        "hole near the date (stripped names)",
        lambda c: c.clean is None,
    ),
    Rule(
        "subject_behind_hole",
        "hole near the date (stripped names)",
        lambda c: c.shaped is None,
    ),
    Rule("hole_after_article", "hole near the date (stripped names)", _hole_after_article),
    Rule(
        "relative_time_unshown",
        "a relative time in view counts from a date that cannot be shown",
        lambda c: c.shape.counted_unshown,
    ),
    Rule(
        "subject_unshown",
        "its subject needs the sentence before, which cannot be shown",
        lambda c: c.shape.subject_unshown,
    ),
    Rule(
        "too_little_context",
        "too little context around the date",
        lambda c: c.too_little_context(),
    ),
    Rule("reported_claim", "reported claim", lambda c: _is_claim(c.whole, c.mention)),
    Rule(
        "dismissed_story",
        "told inside a story the paragraph dismisses ('an invention based on gossip')",
        lambda c: _in_dismissed_story(c.block, c.sentence),
    ),
)


# --- tables --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    """A dated cell of a table row, as the table rules see it."""

    row: TableRow
    cell: str
    mentions: tuple[DateMention, ...]
    label: str
    column: str

    @property
    def mention(self) -> DateMention:
        return self.mentions[0]

    def noted_elsewhere(self) -> bool:
        """Another cell of the row is a note that dates the row's subject otherwise:
        "Füzuli | September 27, 2020 | Initial breakthrough; city centre secured later
        in October" gives the first gains, and the liberation a month later. The note's
        date takes its year from the row's ("later in October"): a date with a year of its
        own tells another thing ("1970 Harvard Stadium recording" beside a 1976 release).
        Only in a row with one column of dates: beside "Connected | Shut down", "Closed
        after a fire in October" dates the shutdown."""
        notes, columns = [], 0
        for index, other in enumerate(self.row.cells[1:], start=1):
            header = self.row.header[index].strip() if index < len(self.row.header) else ""
            for mention in find_dates(other, self.mention.date):
                if not _prose_cell(other, mention, header):
                    columns += 1
                    break
                notes.append(mention)
        return columns == 1 and any(
            mention.inferred and not _compatible(mention.date, self.mention.date)
            for mention in notes
        )


# Every reason a dated table cell is skipped, in the order they are tried.
TABLE_RULES: tuple[Rule[_Cell], ...] = (
    Rule(
        "table_vague_cell",
        "table cell with a vague date",
        # "By November 20, 2020 (ceasefire)" is a bound, not the day it happened.
        lambda c: (
            len(c.mentions) > 1
            or c.mention.vague
            or c.mention.relative
            or bool(c.mention.qualifier)
        ),
    ),
    Rule(
        "table_prose_cell",
        "table cell of prose around a date",
        # "Initial breakthrough; city centre secured later in October": a note that
        # mentions a date, not the row's date for its column.
        lambda c: _prose_cell(c.cell, c.mention, c.column),
    ),
    Rule(
        "table_row_notes_another_date",
        "a note in its row dates the row's subject otherwise",
        lambda c: c.noted_elsewhere(),
    ),
    Rule(
        "table_unlabelled_row",
        "table row without a label",
        lambda c: not c.label or bool(find_holes(c.label)) or not WORD.search(c.label),
    ),
)


def _table_facts(block: Block, reference: DateValue | None, report: FactReport) -> None:
    for row in block.rows:
        if not row.cells or len(row.cells) < 2:
            continue
        for index, cell in enumerate(row.cells[1:], start=1):
            mentions = tuple(find_dates(cell, reference))
            offset = row.text.find(cell)
            if not mentions or offset < 0:
                continue
            column = row.header[index].strip() if index < len(row.header) else "date"
            case = _Cell(row, cell, mentions, row.cells[0].strip(), column)
            mention = case.mention
            rule = first_failing(TABLE_RULES, case)
            if rule is not None:
                start = row.start + offset + mention.start
                report.skipped.append(
                    Skip(
                        block,
                        row.text,
                        mention.date.value,
                        rule.reason,
                        rule.name,
                        (start, start + mention.end - mention.start),
                    )
                )
                continue
            shifted = replace(
                mention,
                start=offset + mention.start,
                end=offset + mention.end,
                phrase_start=offset + mention.phrase_start,
            )
            report.table_facts.append(TableFact(block, row, shifted, case.label, column))
            reference = mention.date if not mention.inferred else reference


# A table row against the prose: checked once every sentence is read.
TABLE_PROSE_RULE: Rule[tuple[TableFact, Sequence[Fact]]] = Rule(
    "table_prose_disagrees",
    "the prose gives the row's subject another date for what its column names",
    lambda case: any(_prose_disputes(case[0], fact) for fact in case[1]),
)

# Words of a column heading that say nothing of what happened.
_COLUMN_FILLER = frozenset({"date", "dates", "day", "year", "key", "main", "official", "first"})


def _drop_tables_the_prose_disputes(report: FactReport, prose: Sequence[Fact]) -> None:
    """A table's date that the document's prose contradicts is not asked: "Füzuli |
    Liberated | September 27, 2020" against "Fuzuli city liberated on October 17,
    2020". The prose tells what happened on its date; a cell only says its column.

    A cell is weighed only against the facts whose sentence holds its label, found once
    per label: weighing every cell against every fact grew with cells x facts."""
    folded = [_folded(fact.text) for fact in prose]
    naming: dict[str, list[Fact]] = {}
    kept = []
    for fact in report.table_facts:
        label = _folded(fact.label.strip())
        if label not in naming:
            naming[label] = [one for one, text in zip(prose, folded, strict=True) if label in text]
        if label and TABLE_PROSE_RULE.test((fact, naming[label])):
            start, end = fact.evidence[0] + fact.mention.start, fact.evidence[0] + fact.mention.end
            at = (fact.block.start + start, fact.block.start + end)
            report.skipped.append(
                Skip(
                    fact.block,
                    fact.row.text,
                    fact.date.value,
                    TABLE_PROSE_RULE.reason,
                    TABLE_PROSE_RULE.name,
                    at,
                )
            )
        else:
            kept.append(fact)
    report.table_facts = kept


# A name in a cell of a row no label was found for: capitalised, a word or a few
_ROW_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'&.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'&.-]*){0,3}")


def _row_names_and_dates(row: TableRow) -> Iterator[tuple[str, str, DateValue]]:
    """(name, column heading, date) for each named cell and dated cell of a row."""
    dated = []
    for index, cell in enumerate(row.cells):
        mentions = find_dates(cell)
        header = row.header[index].strip() if index < len(row.header) else ""
        if len(mentions) == 1 and not mentions[0].vague and not mentions[0].relative:
            dated.append((header, mentions[0].date))
    if not dated:
        return
    for cell in row.cells:
        name = _BRACKETED.sub(" ", cell).strip()
        if _ROW_NAME.fullmatch(name) and not find_dates(name):
            for header, date in dated:
                yield name, header, date


# The prose against a table row whose label was not found: checked once every sentence is
# read.
UNLABELLED_ROW_RULE: Rule[tuple[Fact, str, str, DateValue]] = Rule(
    "unlabelled_row_disagrees",
    "a table row names what the sentence names and dates what its column names otherwise",
    lambda case: _row_disputes(*case),
)


def _row_disputes(fact: Fact, name: str, column: str, date: DateValue) -> bool:
    """ "In December 2016, Intel acquired computer vision startup Movidius" against the
    row "23 | Sept 6, 2016 | Movidius | Computer vision" under "Acquisition announcement
    date": the row's name in the date's clause, written as the cell writes it, a word
    of the heading that says what happened in the clause, and a date that does not
    agree. Which of the two is right the text does not say: the sentence is not asked."""
    clause = _event_clause(fact)
    if not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", clause):
        return False
    if fact.mention.preposition in _BOUND_PREPOSITIONS or _other_date_in_clause(fact):
        return False
    heading = frozenset(word.lower() for word in WORD.findall(column))
    stems = _stems(frozenset(filter(_names_an_action, heading)))
    words = frozenset(word.lower() for word in WORD.findall(clause))
    return bool(stems & _stems(words)) and not _compatible(date, fact.date)


def _drop_prose_an_unlabelled_row_disputes(report: FactReport, document: Document) -> None:
    """A sentence's date that a table row contradicts, where the row's label was not
    found (its first cell a number: "23 | Sept 6, 2016 | Movidius"), so the row was never
    asked and never weighed against the prose (:data:`TABLE_PROSE_RULE`): the learner
    who read the table would be marked wrong. The sentence is not asked."""
    rows = [
        found
        for block in document.blocks
        if block.kind == "table"
        for row in block.rows
        if row.cells and not WORD.search(row.cells[0])
        for found in _row_names_and_dates(row)
    ]
    if not rows:
        return
    kept = []
    for fact in report.facts:
        if any(UNLABELLED_ROW_RULE.test((fact, *row)) for row in rows if row[0] in fact.text):
            start = fact.sentence.start + fact.origin[fact.mention.start]
            end = fact.sentence.start + fact.origin[fact.mention.end - 1] + 1
            report.skipped.append(
                Skip(
                    fact.block,
                    fact.sentence.text,
                    fact.date.value,
                    UNLABELLED_ROW_RULE.reason,
                    UNLABELLED_ROW_RULE.name,
                    (start, end),
                )
            )
        else:
            kept.append(fact)
    report.facts = kept


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    """Lower case without accents: "Füzuli" and "Fuzuli" are one name (kept: every table
    cell is weighed against every fact's sentence)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def _stems(terms: frozenset[str]) -> set[str]:
    """Terms cut to five letters: "liberation" and "liberated" (as "liberate") meet."""
    return {term[:5] for term in terms if len(term) >= 5}


def _prose_disputes(cell: TableFact, fact: Fact) -> bool:
    label = _folded(cell.label.strip())
    if not label or label not in _folded(fact.text):
        return False  # the clause is part of the sentence: every cell meets every fact
    clause = _event_clause(fact)
    if not re.search(rf"(?<!\w){re.escape(label)}(?!\w)", _folded(clause)):
        return False
    if fact.mention.preposition in _BOUND_PREPOSITIONS or _other_date_in_clause(fact):
        return False  # "since 1971"; "recorded in 1966 and released in 1984": which date?
    if _folded(fact.mention.text) in label or _names_which(fact) or _ends_a_name(fact):
        return False  # "Live at the Carousel Ballroom 1968": the year is part of the name
    if cell.date.value in (fact.date.start, fact.date.end):
        return False  # "postponed from 20 March to 10 April 1912": an end is the row's date
    heading = frozenset(word.lower() for word in WORD.findall(cell.column))
    column = _stems(frozenset(filter(_names_an_action, heading)))
    words = frozenset(word.lower() for word in WORD.findall(clause))
    return bool(column & _stems(words)) and not _compatible(cell.date, fact.date)


_ACTION_NOUN = re.compile(r"(?:tion|sion|ment|ance|ence|ure|age|al)$")


def _names_an_action(term: str) -> bool:
    """A word of a column heading that says what happened: "Liberation", "Launched",
    "Designated", "Maiden voyage"; not "variant" or "date"."""
    if term in _COLUMN_FILLER:
        return False
    return bool(_ACTION_NOUN.search(term)) or is_past_participle(term) or is_past_tense_verb(term)


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_MAX_WORDS_BESIDE_CELL_DATE = 2


_FREE_TEXT_COLUMN = re.compile(r"(?i)\s*(?:notes?|remarks?|comments?|description|details)\s*")


def _prose_cell(cell: str, mention: DateMention, column: str) -> bool:
    """A note that mentions a date rather than the row's date for its column.

    "26 April 1986 (destroyed)" and "Sank on 15 April 1912 after striking an iceberg" (a
    full date under "Fate") are date cells; "Initial breakthrough; city centre secured
    later in October" (no year of its own, two clauses) and a date with words beside it
    under "Notes" are not.
    """
    rest = _BRACKETED.sub(" ", cell[: mention.start] + " " + cell[mention.end :])
    words = len(WORD.findall(rest))
    if _FREE_TEXT_COLUMN.fullmatch(column):
        return words > 0
    return words > _MAX_WORDS_BESIDE_CELL_DATE and (mention.inferred or ";" in cell)


# --- conflicts -----------------------------------------------------------------------


def _compatible(first: DateValue, second: DateValue) -> bool:
    """Two dates agree when one lies inside the other ("2020-11" holds "2020-11-09",
    "the 1970s" holds 1970), or one is where a lasting span starts or ends ("began in
    1971", "from 1971 to 1994"). A day inside a short range does not agree with it:
    "strikes on October 27-28" and "the October 28 strike" date one strike two ways."""
    a_start, a_end = first.start, first.end
    b_start, b_end = second.start, second.end
    if (a_start.startswith(b_start) and a_end.startswith(b_end)) or (
        b_start.startswith(a_start) and b_end.startswith(a_end)
    ):
        return True
    for whole, part in ((first, second), (second, first)):
        if whole.granularity in ("decade", "century") and _holds(whole, part):
            return True
        if whole.granularity == "range" and _lasting(whole):
            if part.start.startswith(whole.start) or part.end.startswith(whole.end):
                return True
            if whole.start.startswith(part.start) or whole.end.startswith(part.end):
                return True
    return False


def _holds(whole: DateValue, part: DateValue) -> bool:
    first, last = whole.bounds()
    part_first, part_last = part.bounds()
    return first <= part_first and part_last <= last


def _lasting(span: DateValue) -> bool:
    """A range longer than NEAR_DAYS: a state that lasted, whose ends are events."""
    first, last = span.start_date, span.end_date
    if first.granularity == last.granularity == "day":
        return _days_apart(first, last) > NEAR_DAYS
    return first.sort_key()[:2] != last.sort_key()[:2]


@dataclass(frozen=True)
class _Pair:
    """Two facts from different sentences that share a kind of action and rare terms,
    as the same-event rules see them."""

    first: Fact
    second: Fact
    score: float
    subject: frozenset[str]

    @cached_property
    def names(self) -> tuple[frozenset[str], frozenset[str]]:
        return _clause_names(self.first), _clause_names(self.second)

    @cached_property
    def shared(self) -> frozenset[str]:
        return _event_terms(self.first) & _event_terms(self.second)

    @property
    def close(self) -> bool:
        return _days_apart(self.first.date, self.second.date) <= CLOSE_DAYS

    @cached_property
    def both_names(self) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """The names of the two spans, then of the two clauses that hold the dates."""
        spans = (event_names(self.first), event_names(self.second))
        return spans, self.names

    @property
    def strong(self) -> bool:
        """The clauses name the same few things (at least STRONG_NAMES; one may leave out
        a name the other gives, as a relative clause leaves out its noun: "'Nightfall',
        which in 1964 was voted the best short story by the Science Fiction Writers of
        America") and share nearly every rare term."""
        (first, first_names), (second, second_names) = sorted(
            zip((self.first, self.second), self.names, strict=True), key=lambda pair: len(pair[1])
        )
        same = first_names == second_names or (
            first_names < second_names and bool(_RELATIVE_OPENING.match(_event_clause(first)))
        )
        return len(first_names) >= STRONG_NAMES and same and self.score >= STRONG_THRESHOLD


# A clause that opens with a relative pronoun names its noun outside itself.
_RELATIVE_OPENING = re.compile(r"(?:which|who|that)\b")


# A word that says an event happened more than once: "was again appointed dictator",
# "first appointed", "A new crisis began", "re-elected", "his first".
_REPEATED = re.compile(
    r"\b(?:again|once more|another|new|first|second|third|fourth|last|final|"
    r"re-[a-z]+|also)\b"
)
_BOUND_PREPOSITIONS = frozenset({"since", "by", "until", "till", "before", "after"})
_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:the|a|an|its|his|her|their|this|that)\s+$")


def _other_actor_shared(pair: _Pair) -> bool:
    """Both sentences name a place or an actor besides the document's subject."""
    first, second = pair.both_names[0]
    return any(name.lower() not in pair.subject for name in first & second)


def _names_which(fact: Fact) -> bool:
    """The date tells which thing, not when: "The 2012 NFL season started"."""
    mention = fact.mention
    return (
        mention.preposition is None
        and bool(re.match(r"\s+[A-Za-z]", fact.text[mention.end :]))
        and bool(_DETERMINER_BEFORE.search(fact.text[: mention.start]))
    )


def _ends_a_name(fact: Fact) -> bool:
    """The date ends a capitalised name: "Live at the Carousel Ballroom 1968"."""
    before = fact.text[: fact.mention.start]
    return fact.mention.preposition is None and bool(re.search(r"\b[A-Z][\w'’]*\s+$", before))


def _date_scope(fact: Fact) -> str:
    """What the date tells of: the noun phrase a date ends ("their English patent of 10
    June 1837", whose "first" and "in July" elsewhere in the sentence are about the
    telegraph and the demonstration), else the clause that holds it."""
    if _dated_noun(fact):
        before = fact.text[: fact.mention.start]
        return " ".join(before.split()[-NOUN_PHRASE_WORDS:])
    return _event_clause(fact)


# The words of a noun phrase before "of" and its date: "their English patent of"
NOUN_PHRASE_WORDS = 4


def _other_date_in_scope(fact: Fact) -> bool:
    """The clause of the date holds another date too (see :func:`_other_date_in_clause`),
    unless the date ends a noun phrase of its own."""
    return not _dated_noun(fact) and _other_date_in_clause(fact)


def _other_date_in_clause(fact: Fact) -> bool:
    """The clause of the date holds another date too ("from February 1996 until July
    1997, the IRA called off its 1994 ceasefire"): whose event it tells is unclear."""
    clause = _event_clause(fact)
    return len(find_dates(clause, fact.date)) > 1


# Why two similar facts are not one event told with two dates, in the order tried. A
# pair no rule sets apart is a conflict: the document dates one event twice.
NOT_ONE_EVENT: tuple[Rule[_Pair], ...] = (
    Rule(
        "same_date",
        "the same date, or one written more precisely than the other",
        # "in 1985" and "in December 1985", "in 1971" and "from 1971 to 1994" agree; a
        # short range and a day inside it do not: a range key would mark the day wrong.
        lambda p: _compatible(p.first.date, p.second.date),
    ),
    Rule(
        "weak_overlap",
        "too few rare terms in common to be one event",
        # Days a day or two apart ("signed on November 9", "the agreement of November
        # 10") are themselves evidence of one event told two ways: less overlap will do.
        lambda p: p.score < CONFLICT_THRESHOLD * (CLOSE_FACTOR if p.close else 1.0),
    ),
    Rule(
        "other_names",
        "each names a place or actor the other does not",
        # "in 1974 was awarded the Prix mondial Cino Del Duca" and "was awarded the Nobel
        # Peace Prize in 1975"; "liberated Fuzuli" and "captured Shusha".
        lambda p: any(first - second and second - first for first, second in p.both_names),
    ),
    Rule(
        "subject_only",
        "nothing in common but the document's subject and a verb",
        # "Sakharov was named the 1980 Humanist of the Year" and "an asteroid, 1979
        # Sakharov, was named after him": in his own article, his name says no event.
        # Unless the two sentences name another actor alike: "Jogaila ... married Jadwiga on
        # 15 February 1386" and "Three days later, Władysław-Jogaila married Jadwiga" in
        # Jadwiga's own article share "Jogaila" beside her name and the verb.
        lambda p: (
            not {term for term in p.shared - p.subject if term not in _event_verbs(p.first)}
            and not _other_actor_shared(p)
        ),
    ),
    Rule(
        "told_as_repeated",
        "a word says the event happened more than once",
        # In the date's own clause: "He also wrote ... 'Nightfall', which in 1964 was
        # voted the best short story" tells one vote; its "also" is about the writing.
        lambda p: bool(
            _REPEATED.search(_date_scope(p.first)) or _REPEATED.search(_date_scope(p.second))
        ),
    ),
    Rule(
        "bound",
        "a bound is no date of an event",
        # "Since 2002, they have played at CenturyLink Field"; "ceased to exist by December"
        lambda p: bool(
            {p.first.mention.preposition, p.second.mention.preposition} & _BOUND_PREPOSITIONS
        ),
    ),
    Rule(
        "names_which",
        "a date that tells which thing, not when",
        # "The 2012 NFL season started" and "for the 2011 NFL season": two seasons
        lambda p: _names_which(p.first) or _names_which(p.second),
    ),
    Rule(
        "several_dates",
        "the clause of a date holds another date",
        lambda p: _other_date_in_scope(p.first) or _other_date_in_scope(p.second),
    ),
    Rule(
        "dates_far_apart",
        "too far apart or too unlike to be one date written two ways",
        # Unless the two clauses name the same things and share nearly every rare term:
        # "In December 1985, the European Parliament established the Sakharov Prize for
        # Freedom of Thought" and "The Sakharov Prize for Freedom of Thought was
        # established in 1988 by the European Parliament".
        lambda p: not p.strong and not _could_be_one_date(p.first.date, p.second.date),
    ),
)


# Skipped dates whose value is certain and that date an event, so that what they say
# still counts against the facts that are asked: a stripped name, a subject in the
# sentence before, too little to show ("the October 27 strike on Barda that resulted
# in 21 deaths" against "strikes on October 27-28 killed 21").
WITNESS_RULES = frozenset(
    {
        "year_remnant",
        "hole_in_clause",
        "subject_behind_hole",
        "hole_after_article",
        "relative_time_unshown",
        "subject_unshown",
        "too_little_context",
    }
)


def find_conflicts(
    facts: Sequence[Fact],
    *,
    subject: frozenset[str] = frozenset(),
    witnesses: Sequence[Fact] = (),
) -> list[Conflict]:
    """Groups of facts about the same event that give different, incompatible dates.

    Two facts are about the same event when the rare content words around their dates
    overlap strongly (an IDF-weighted overlap coefficient over the spans' terms), both
    use a verb of the same kind as a verb (e.g. "agreement ... signed on 10 November"
    and "agreement was finalized on November 9"), and no rule of :data:`NOT_ONE_EVENT`
    sets them apart. ``subject``: the terms of the document's title, which name no event.
    ``witnesses``: dates that are not asked (:data:`WITNESS_RULES`); a group of them
    alone is no conflict of the bank's.
    """
    asked = len(facts)
    facts = [*facts, *witnesses]
    parent = list(range(len(facts)))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i, j, refusal in pair_refusals(facts, subject):
        if refusal is None and (i < asked or j < asked):
            parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for index in range(len(facts)):
        groups.setdefault(find(index), []).append(index)
    return [
        Conflict(tuple(facts[index] for index in members))
        for members in groups.values()
        if len(members) > 1
        and min(members) < asked
        and len({facts[index].date.value for index in members}) > 1
    ]


def pair_refusals(
    facts: Sequence[Fact], subject: frozenset[str] = frozenset()
) -> Iterator[tuple[int, int, Rule[_Pair] | None]]:
    """Each pair of similar facts (:func:`event_pairs`) with the first rule of
    :data:`NOT_ONE_EVENT` that sets them apart, None for one event dated twice."""
    for i, j, score in event_pairs(facts):
        yield i, j, first_failing(NOT_ONE_EVENT, _Pair(facts[i], facts[j], score, subject))


def related_dates(
    facts: Sequence[Fact], *, threshold: float = NEAR_THRESHOLD
) -> dict[int, dict[DateValue, float]]:
    """For each fact (by ``id()``), the dates of facts that tell a similar event, each
    with the strongest overlap of event terms that links it.

    Weaker than a conflict: "Azerbaijan launched an offensive" on two dates years apart
    are two events, but a "when" question about one would fit the other too (an overlap
    of at least RELATED_THRESHOLD), and neither date may serve as a wrong choice for the
    other (at least ``threshold``).
    """
    related: dict[int, dict[DateValue, float]] = {}
    names = [event_names(fact) for fact in facts]
    for i, j, score in event_pairs(facts):
        if score >= threshold and not (names[i] - names[j] and names[j] - names[i]):
            for first, second in ((i, j), (j, i)):
                dates = related.setdefault(id(facts[first]), {})
                date = facts[second].date
                dates[date] = max(score, dates.get(date, 0.0))
    return related


def event_pairs(facts: Sequence[Fact]) -> Iterator[tuple[int, int, float]]:
    """Pairs of facts from different sentences that share a kind of action, with the
    IDF-weighted overlap of their event terms.

    Candidate pairs share at least two terms found in few facts; bounding the posting
    lists keeps the pair count linear in the number of facts.
    """
    terms = [_event_terms(fact) for fact in facts]
    verbs = [_event_verbs(fact) for fact in facts]
    nouns = [_dated_noun(fact) for fact in facts]
    frequency: Counter[str] = Counter(term for fact_terms in terms for term in fact_terms)
    total = len(facts)
    weight = {term: math.log(1 + total / count) for term, count in frequency.items()}
    mass = [sum(weight[term] for term in fact_terms) for fact_terms in terms]
    postings: dict[str, list[int]] = {}
    for index, fact_terms in enumerate(terms):
        for term in fact_terms:
            if frequency[term] <= MAX_POSTING:
                postings.setdefault(term, []).append(index)
    shared_counts: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                shared_counts[(i, j)] += 1
    for (i, j), count in shared_counts.items():
        if count < 2 or facts[i].sentence is facts[j].sentence:
            continue
        shared = terms[i] & terms[j]
        if not shared & verbs[i] & verbs[j] and not shared & (nouns[i] | nouns[j]):
            continue  # the same event needs the same kind of action, or its dated noun
        smaller = min(mass[i], mass[j])
        yield i, j, (sum(weight[t] for t in shared) / smaller if smaller else 0.0)


# "their English patent of 10 June 1837", "the agreement of November 10": a noun the date
# is joined to by "of" names the event, as a verb would
_NOUN_OF_DATE = re.compile(r"\b([a-z][a-z’'-]+)\s+of\s+$")
# Nouns before "of" that name a part of time, not an event ("the summer of 1942", "the
# end of 1918")
_TIME_NOUNS = frozenset(
    "end beginning start middle summer winter spring autumn fall month year week day night "
    "morning evening afternoon part half course rest close turn period time dawn eve "
    "outbreak days weeks months years decades decade century".split()
)


def _dated_noun(fact: Fact) -> frozenset[str]:
    """The event a date names by the noun before "of": "their English patent of 10 June
    1837" tells the patent as "were awarded a patent on June 12, 1837" does. Empty when
    the noun is a part of time ("the summer of 1942")."""
    found = _NOUN_OF_DATE.search(fact.text, 0, fact.mention.start)
    if found is None or found.group(1) in _TIME_NOUNS:
        return frozenset()
    return content_terms(found.group(1))


# Verbs too light to name an event on their own ("saw initial gains").
_LIGHT_VERBS = frozenset("be have do see make get give become remain seem go come keep".split())


def _event_verbs(fact: Fact) -> frozenset[str]:
    """The kinds of event named by past-tense verbs or participles in the fact's span."""
    verbs = set()
    for index, word in enumerate(WORD.findall(fact.span_text)):
        if index and word[:1].isupper():
            continue  # "the United States", "the Armed Forces": a name, not an action
        if is_past_tense_verb(word) or is_past_participle(word):
            lemma = verb_lemma(word)
            if lemma and lemma not in _LIGHT_VERBS:
                verbs.add(event_class(lemma))
    return frozenset(verbs)


_NAME = re.compile(r"\b[A-ZÀ-ÖØ-ÞƏ][\w’'\-]+(?:\s\d+\b)?")


def event_names(fact: Fact, *, demonyms: bool = False) -> frozenset[str]:
    """The places and actors a fact's span names: its capitalised words ("Shusha",
    "Apollo 11"), less months, titles and words that are capitalised only because a
    sentence starts with them; demonyms ("Armenian") only when asked for."""
    return _names_in(fact.span_text, demonyms=demonyms)


def _names_in(text: str, *, demonyms: bool = False) -> frozenset[str]:
    names = set()
    for match in _NAME.finditer(text):
        word = match.group()
        head = word.split()[0]
        if head in _MONTHS:
            continue
        if word in TITLES:
            # "President" alone names no one; "Azerbaijani President" does.
            before = text[: match.start()].split()
            if before and before[-1] in DEMONYMS:
                names.add(f"{before[-1]} {word}")
            continue
        if not demonyms and word.split("-")[0] in DEMONYMS:
            continue
        lower = head.lower()
        if _opens_sentence(text, match.start()) and (
            lower in STOPWORDS or lower in _NUMBER_WORDS or getAllLemmas(lower)
        ):
            continue  # "The", "Thousands", "Peace", "Three": common words at a sentence start
        parts = word.split("-")
        if len(parts) > 1 and all(part[:1].isupper() for part in parts):
            names.update(parts)  # "Władysław-Jogaila" is "Władysław" and "Jogaila"
        else:
            names.add(word)
    return frozenset(names)


# Numbers that open a sentence ("Three days later, ..."), which no lemma list holds
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred".split()
)


def _opens_sentence(text: str, position: int) -> bool:
    return not text[:position].strip() or bool(re.search(r"[.!?]\s+$", text[:position]))


_MONTHS = frozenset(
    "January February March April May June July August September October November December".split()
)


def _days_apart(first: DateValue, second: DateValue) -> int:
    """Days between two day dates; a large number for anything else."""
    if first.granularity != "day" or second.granularity != "day":
        return 1 << 30
    return abs(first.day_number() - second.day_number())


def _year(date: DateValue) -> int:
    return date.year


# Two days this close can be one event told two ways whatever else differs.
NEAR_DAYS = 31


def _could_be_one_date(first: DateValue, second: DateValue) -> bool:
    """Whether two dates of the same granularity are close enough to be one date written
    two ways: a year apart at most, and for days and months no more than one of year,
    month and day differing unless within :data:`NEAR_DAYS` ("5 May 1994" and "12 May
    1994", "September 1991" and "September 1992", but not "11 February 2020" and "26
    November 2021": two namings by the same body, not one told twice)."""
    if abs(_year(first) - _year(second)) > 1:
        return False
    if first.granularity != second.granularity:
        return False  # "in 1988" and "in December 1987": only a strong match tells
    if first.granularity not in ("day", "month") or "/" in first.value + second.value:
        return True
    if _days_apart(first, second) <= NEAR_DAYS:
        return True
    parts = zip(first.value.split("-"), second.value.split("-"), strict=True)
    return sum(a != b for a, b in parts) <= 1


def _event_terms(fact: Fact) -> frozenset[str]:
    """The terms of the clause that holds the date: the event, not its surroundings."""
    return content_terms(_event_clause(fact).replace(fact.mention.text, " "))


def _clause_names(fact: Fact) -> frozenset[str]:
    """The places and actors named in the clause that holds the date (not in the rest
    of the sentence: "In 1973, X was nominated for the Nobel Peace Prize and in 1974
    was awarded the Prix mondial Cino Del Duca" names the Prix for 1974)."""
    return _names_in(_event_clause(fact))


def _event_clause(fact: Fact) -> str:
    """The clause that holds the fact's date, with the next one when the event is told
    there: "On May 3, X did Y", or "The agreement on November 10, 2020, signed by ..."."""
    text = fact.text
    clauses = clause_bounds(text, (fact.mention.phrase_start, fact.mention.end))
    for index, (start, end) in enumerate(clauses):
        if start <= fact.mention.start < end:
            opening = len(WORD.findall(text[start:end])) - len(WORD.findall(fact.mention.text)) < 3
            verbless = not any(is_past_tense_verb(w) for w in WORD.findall(text[start:end]))
            if (opening or verbless) and index + 1 < len(clauses):
                end = clauses[index + 1][1]
            joined = _JOINED_DATE.search(text, start, fact.mention.phrase_start)
            if joined is not None:
                start = joined.end()  # "... and in 1974 was awarded the Prix": its own
            return text[start:end]
    return fact.span_text


# A date that opens the second of two joined predicates: "X was nominated for the
# Nobel Peace Prize and in 1974 was awarded the Prix mondial".
_JOINED_DATE = re.compile(r"\b(?:and|but)\s+(?=(?:in|on|during)?\s*$)")

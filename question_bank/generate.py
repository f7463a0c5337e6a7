"""Questions from facts: date, cloze, choice and order.

Every prompt is built from a clean span of the source sentence (see ``facts``), so no
question shows a hole. A typed "when" question is written only when the sentence's
subject and main verb can be found and the date belongs to that verb; otherwise the
fact is still asked as a cloze, which shows the sentence itself and needs no rewriting.
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from lemminflect import getAllLemmas

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
from question_bank.dates import CALENDAR_WORDS, DateValue, find_dates, year_text
from question_bank.facts import (
    RELATED_THRESHOLD,
    Conflict,
    Fact,
    TableFact,
    clause_bounds,
    defined_subject,
    event_names,
    leans_on_previous,
)
from question_bank.holes import DEMONYMS, PREPOSITIONS, TITLES, has_hole
from question_bank.text import (
    STOPWORDS,
    WORD,
    is_past_participle,
    is_past_tense_verb,
    past_participle,
    verb_lemma,
)

__all__ = [
    "QuestionWriter",
    "TitleSubject",
    "blank_span",
    "event_statement",
    "section_windows",
    "shared_names",
    "common_words",
    "title_subject",
    "when_question",
]

BLANK = "_____"
Side = Literal["both", "before", "after"]
# Distractors from the document lie within about two years of the answer.
_NEARBY_ORDINALS = 2 * 372

# Nouns that, as "the X", say what a subject is only in a sentence the learner may not see
_GENERIC_NOUNS = (
    "city|town|village|region|war|conflict|country|agreement|operation|offensive|battle|"
    "episode|deal|document|side|group|area|move|attack|event|incident|campaign|president|"
    "government|ministry|army|forces|enclave|district|declaration"
)
_PRONOUN_SUBJECT = re.compile(
    r"^(?:it|they|he|she|we|this|that|these|those|its|their|his|her|such|both|"
    rf"the (?:{_GENERIC_NOUNS}))\b",
    re.IGNORECASE,
)
# "The document outlined nine points": a cloze whose subject needs its section title,
# whatever else the span names
_GENERIC_SUBJECT = re.compile(rf"(?:The|This|That|These|Those)\s+(?:{_GENERIC_NOUNS})\b")
_AUXILIARY = {"was", "were", "had"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their"}
_QUALIFIER_PREFIX = re.compile(r"^(?:(?:early|mid|late|the|pre|post)[\s\-–]+)+", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)\b")
# "signed by Aliyev": an agent; "shrank by about 3%" is a measure
_AGENT = re.compile(r"\s*by\s+(?!(?:about|around|some|nearly|almost|over|more|less|up|\d))", re.I)


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


def _noun_follows(text: str, position: int) -> bool:
    """A plural noun right after a date: the date modifies it ("2022 skirmishes")."""
    match = _NEXT_WORD.match(text, position)
    if match is None:
        return False
    word = match.group(1)
    if not word.endswith("s") or word in STOPWORDS:
        return False
    lemmas = getAllLemmas(word)
    return isinstance(lemmas, dict) and "NOUN" in lemmas


# Verbs that say nothing without what follows them ("announced that ...").
_NEEDS_OBJECT = frozenset(
    "announce say state report declare confirm claim reveal note add warn argue".split()
)
_MAX_WORDS_TO_DATE = 6
_PREPOSITION_WORDS = PREPOSITIONS | {"to", "for", "after", "before", "since"}
_SUBORDINATORS = frozenset(
    "although though when while as because if since once until whereas unless".split()
)
# "... and proposed that": a second verb joined to the first
_SECOND_VERB = re.compile(r"\b(?:and|or|but|then)\s+([a-z]+)\b")


def _clause_of(fact: Fact) -> tuple[str, tuple[int, int], str] | None:
    """The clause holding the date (with the clause after an opening date phrase), the
    date phrase's offsets in it (widened over a lead-in such as "starting"), and the
    text of the span after the clause."""
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
            return text[start:end], (phrase[0] - start, phrase[1] - start), text[end:]
    return None


def event_statement(fact: Fact) -> Statement | None:
    """Subject, verb and rest of the fact's clause, when they can be told apart.

    Only a clause whose date belongs to its main verb qualifies: the date opens the
    clause, or follows the verb within a few words with no subordinate clause between.
    """
    mention = fact.mention
    lead = fact.text[mention.phrase_start : mention.start]
    if (
        fact.form != "clause"
        or not fact.attached
        or fact.dates_in_span != 1
        or mention.preposition is None
        or re.search(r"\b(?:the|a|an)\b", lead, re.IGNORECASE)
    ):
        # A date without a preposition, or behind an article ("after the 2023 loss"),
        # modifies a noun: it does not date the clause's event.
        return None
    if _noun_follows(fact.text, mention.end):
        return None  # "until 2022 skirmishes": the year names the skirmishes
    found = _clause_of(fact)
    if found is None:
        return None
    clause, (date_start, date_end), after_clause = found
    tokens = [
        (m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(clause)
        if m.end() <= date_start or m.start() >= date_end
    ]
    for position, (word, start, end) in enumerate(tokens):
        if position == 0 or word.endswith(",") or not is_past_tense_verb(word):
            continue
        following = tokens[position + 1][0] if position + 1 < len(tokens) else ""
        if word.lower() in _AUXILIARY and is_past_participle(following.strip(",.")):
            continue  # "was repulsed": the participle is the verb, "was" its auxiliary
        previous = tokens[position - 1][0].lower()
        if previous in _DETERMINERS:
            continue
        if previous in {"been", "has", "have"}:
            return None  # "has been held since 1991": no past event to ask "when" of
        auxiliary = previous if previous in _AUXILIARY else None
        subject_tokens = tokens[: position - 1] if auxiliary else tokens[:position]
        subject_tokens = [t for t in subject_tokens if t[1] >= date_end or t[2] <= date_start]
        if date_start == 0:
            subject_tokens = [t for t in subject_tokens if t[1] >= date_end]
        subject = " ".join(t[0] for t in subject_tokens).strip(" ,")
        if not _good_subject(subject):
            return None
        if date_start > end:
            between = clause[end:date_start]
            if (
                len(WORD.findall(between)) > _MAX_WORDS_TO_DATE
                or "," in between
                or _SUBORDINATE.search(between)
            ):
                return None
            following = fact.text[fact.mention.end :]
            if not between.strip() and not auxiliary and _ends_passive(following):
                # "The agreement, signed on May 12, 1994, ..." is a passive participle.
                auxiliary = "were" if _plural(subject) else "was"
        if not auxiliary and _AGENT.match(clause, end) and is_past_participle(word):
            auxiliary = "were" if _plural(subject) else "was"  # "signed by Aliyev"
        rest = _without_date(clause[end:], (date_start - end, date_end - end))
        if date_start < start:
            rest = clause[end:].strip()
        trimmed = _trim_rest(rest)
        if trimmed is None or (
            verb_lemma(word) in _NEEDS_OBJECT
            and (not trimmed or trimmed.split()[0].lower() in _PREPOSITION_WORDS)
        ):
            # "did the authorities announce?", "did Nasser announce in a speech?": what
            # was announced is cut off
            return None
        if any(is_past_tense_verb(m.group(1)) for m in _SECOND_VERB.finditer(trimmed)):
            return None  # "did Kennedy address Congress and proposed?": two verbs
        if _verb_follows(trimmed):
            # "A plan agreed in 1997 led to ...", "A board chaired by Lew Allen reported":
            # the date's verb is a participle of the subject; the clause's verb follows
            return None
        return Statement(subject, auxiliary, word, trimmed)
    return None


_DANGLING_END = re.compile(
    r"(?:\s+(?:the|a|an|of|in|on|at|by|to|from|with|for|into|and|or|as|its|their|his|"
    r"her|toward|towards|near|around|amid|over|under|against|between))+$",
    re.IGNORECASE,
)


def _trim_rest(rest: str) -> str | None:
    """What follows the verb, cut at the first clause boundary or subordinate clause;
    None when it ends in a dangling function word (cut short before a hole)."""
    cut = re.search(r",(?=\s)|;|:|\s[—–]|[—–](?!\d)|\s\(", rest)  # "ended 0–0" stays
    if cut:
        rest = rest[: cut.start()]
    subordinate = _SUBORDINATE.search(rest)
    if subordinate and subordinate.group().lower() not in {"as", "after", "before", "since"}:
        rest = rest[: subordinate.start()]
    rest = _LEAD_IN.sub("", rest.strip(" .;:,"))
    if _DANGLING_END.search(" " + rest):
        return None
    return rest.strip()


def _good_subject(subject: str) -> bool:
    words = subject.split()
    if not words or len(words) > 12 or not subject[0].isupper():
        return False
    if "," in subject or _PRONOUN_SUBJECT.match(subject):
        return False
    if words[0].lower() in _PREPOSITION_WORDS | _SUBORDINATORS:
        # "Under an agreement signed in October 1954", "Although he left office in 1964":
        # no subject here
        return False
    return not any(w.lower() in {"who", "which", "that", "when", "where"} for w in words)


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
        or (lowered_next and _common_word(lower))
        or (lower in common and (lowered_next or lower in _NAME_PARTICLES))
    ):
        return " ".join([lower, others]).strip()
    return subject


# Particles of names that stay lower case inside a sentence ("de Lesseps", "van Gogh").
_NAME_PARTICLES = frozenset("de del della di da du des van von der den la le al el ibn bin".split())
# A word after a lower-case word or a comma: inside a sentence.
_MID_SENTENCE_WORD = re.compile(r"(?<=[a-z,;:] )[A-Za-z][a-z]+\b")


def common_words(text: str) -> frozenset[str]:
    """Words the text writes in lower case inside sentences and never capitalises there:
    "Work" opening a sentence is the word "work"; "Grant", capitalised mid-sentence
    somewhere, is a name."""
    lower: set[str] = set()
    capital: set[str] = set()
    for match in _MID_SENTENCE_WORD.finditer(text):
        word = match.group()
        (capital if word[0].isupper() else lower).add(word.lower())
    return frozenset(lower - capital)


_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty hundreds thousands several
    many some all both""".split()
)


def shared_names(text: str) -> frozenset[str]:
    """Last names the text gives to two or more people ("Marie Curie", "Pierre Curie")."""
    firsts: dict[str, set[str]] = {}
    for match in _FULL_NAME.finditer(text):
        first, last = match.group(1), match.group(2)
        if not _proper_only(first) or last.lower() in STOPWORDS | CALENDAR_WORDS:
            continue  # "Soviet Azerbaijan", "President Aliyev", "Ilham Aliyev Oct"
        firsts.setdefault(last, set()).add(first)
    return frozenset(last for last, names in firsts.items() if len(names) > 1)


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


_FULL_NAME = re.compile(r"\b([A-Z][a-zà-ÿ]+)\s+(?:[A-Z]\.\s+)?([A-Z][a-zà-ÿ]+)\b")


def _common_word(word: str) -> bool:
    """An adjective or a plural common noun: "Tensions", "Subsequent", "Thousands"."""
    lemmas = getAllLemmas(word)
    if not isinstance(lemmas, dict) or not lemmas:
        return False
    if "ADJ" in lemmas:
        return True
    nouns = lemmas.get("NOUN", ())
    return bool(nouns) and word not in nouns and word.endswith("s")


_RELATIVE_TO_CONTEXT = frozenset(
    """
    most least first last latest subsequent same following previous next former latter
    other pivotal initial final remaining aforementioned
    """.split()
)


def _needs_context(subject: str) -> bool:
    """A definite description with no name in it that only the surrounding text can
    resolve: a short one ("the clashes", "the aircraft") or one that points along the
    text ("the most significant escalation", "the subsequent agreement")."""
    words = subject.split()
    if words[0].lower() not in {"the", "this", "these", "that", "those"}:
        return False
    if any(w[:1].isupper() for w in words[1:]):
        return False
    if len(words) <= 3:
        return True
    return len(words) <= 6 and any(w.lower() in _RELATIVE_TO_CONTEXT for w in words)


def _wh_phrase(date_value: DateValue, qualifier: str | None, preposition: str | None) -> str:
    granularity = date_value.granularity
    if granularity == "range":
        unit = {"year": "years", "month": "months"}.get(date_value.start_date.granularity, "dates")
        return f"Between which {unit}"
    noun = {"day": "date", "month": "month and year", "year": "year"}[granularity]
    bounds = {"by", "until", "before", "after", "since"}
    bound = next((w for w in (preposition, qualifier) if w and w.lower() in bounds), "")
    bound = bound.lower()
    if bound in bounds:
        return f"{bound.capitalize()} what {noun}"
    return f"{'On' if granularity == 'day' else 'In'} what {noun}"


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
    mention = fact.mention
    wh = _wh_phrase(mention.date, mention.qualifier, mention.preposition)
    if mention.inferred and mention.date.granularity == "day":
        wh += f" in {year_text(mention.date.year)}"
    if fact.form != "clause":
        return _passive_question(fact, wh)
    if leans_on_previous(fact.span_text):
        return None  # "When did she earn ...?": only a cloze can show who "she" is
    statement = event_statement(fact)
    if statement is None or statement.subject in shared_names:
        return None
    subject = _subject_in_question(statement.subject, common)
    rest = f" {statement.rest}" if statement.rest else ""
    if statement.auxiliary:
        question = f"{wh} {statement.auxiliary} {subject} {statement.verb}{rest}?"
    else:
        lemma = verb_lemma(statement.verb) or statement.verb
        question = f"{wh} did {subject} {lemma}{rest}?"
    if _needs_context(statement.subject):
        # "the clashes", "the pivotal advance": no name says which; a section title
        # rarely does either.
        return None
    return re.sub(r"\s{2,}", " ", question)


# Words after which a past form is no finite verb of the clause ("the armed forces",
# "which ended the war", "and proposed": the last is the second-verb rule's).
_BEFORE_NON_FINITE = (
    _DETERMINERS | _AUXILIARY | set("and or that which who been be being has have to".split())
)


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
    return False


def _passive_question(fact: Fact, wh: str) -> str | None:
    """ "a ceasefire agreement signed on November 9" -> "On what date was the ceasefire
    agreement signed?"; "issuing statements via the State Department on September 27"
    -> "On what date were statements issued via the State Department?"."""
    mention = fact.mention
    if mention.preposition is None or fact.dates_in_span != 1:
        return None
    text = fact.text
    before = text[fact.span[0] : mention.phrase_start].strip()
    words = before.split()
    if fact.form == "defined":
        defined = defined_subject(text)
        if defined is None:
            return None
        subject, copula = defined
        return f"{wh} {copula} {_subject_in_question(subject)} {words[0]}?"
    if fact.form == "passive":
        *noun_words, participle = words
        if "by" in noun_words:
            # "a board chaired by Lew Allen reported": "chaired by" was the participle,
            # and the last word is the clause's own verb, not a passive
            return None
        if noun_words and noun_words[0].lower() in {"a", "an"}:
            noun_words[0] = "the"
        subject, rest = " ".join(noun_words), ""
    else:
        lemma = verb_lemma(words[0])
        found = past_participle(lemma) if lemma else None
        if found is None:
            return None
        participle = found
        split = re.search(
            r"\s(?=(?:by|in|on|at|to|from|with|for|into|via|through|across)\s)",
            " " + " ".join(words[1:]),
        )
        tail = " ".join(words[1:])
        subject = tail[: split.start()].strip() if split else tail
        rest = " " + tail[split.start() :].strip() if split else ""
    if not subject or _needs_context(subject) or _PRONOUN_SUBJECT.match(subject):
        return None
    if re.search(r"\band\s+\w+ing\b", subject):
        return None  # "disrupting resupply and causing shortages": two actions
    auxiliary = "were" if _plural(subject) or " and " in subject else "was"
    question = f"{wh} {auxiliary} {_subject_in_question(subject)} {participle}{rest}?"
    return re.sub(r"\s{2,}", " ", question)


def blank_span(mention_text: str) -> tuple[int, int]:
    """The part of a date expression to blank: "mid-1993" blanks "1993"."""
    prefix = _QUALIFIER_PREFIX.match(mention_text)
    if prefix and _ORDINAL_DAY.match(mention_text, prefix.end()):
        prefix = None  # "the 11th of February 1963" is blanked whole: "On _____"
    start = prefix.end() if prefix else 0
    return (start, len(mention_text))


@dataclass(frozen=True)
class TitleSubject:
    """What "the telescope" means in a document titled "Hubble Space Telescope".

    Attributes:
        title: the document's title.
        noun: the title's head noun ("telescope", "disaster").
        reach: where the document first names something else with that noun ("the
            James Webb Space Telescope"); from there on "the telescope" may be either.
    """

    title: str
    noun: str
    reach: int

    def named_by_title(self, fact: Fact, shown: str) -> bool:
        """Whether ``shown`` (the text a question shows) says "the <noun>" for the
        title's subject without naming it."""
        return (
            fact.sentence.start < self.reach
            and self.title.lower() not in shown.lower()
            # "the telescope", not "the Internet": a capitalized noun is a name in itself
            and re.search(rf"\b[Tt]he\s+{re.escape(self.noun)}(?:'s|’s)?\b", shown) is not None
        )


def title_subject(text: str, title: str) -> TitleSubject | None:
    """The title's head noun and how far "the <noun>" means the title's subject, or None
    when the title ends in no common noun ("Marie Curie", "Berlin, 1945–1990")."""
    words = WORD.findall(title)
    if not words or not words[-1].isalpha() or len(words) < 2:
        return None
    noun = words[-1].lower()
    lemmas = getAllLemmas(noun)
    if not isinstance(lemmas, dict) or "NOUN" not in lemmas:
        return None
    # "the James Webb Space Telescope", "the First Nagorno-Karabakh War", "the Fukushima
    # nuclear disaster": capitalized words, perhaps one more, then the noun
    other = re.compile(
        rf"(?:\b[A-Z][\w'’-]*[ \t]+)+(?:(?!(?:the|a|an)\b)[a-z]+[ \t]+)?(?i:{re.escape(noun)})\b"
        r"(?![ \t]+[A-Z])"  # "the Space Telescope Science Institute" names an institute
    )
    reach = len(text)
    for match in other.finditer(text):
        name = re.sub(r"^(?:(?:The|A|An|In|On|At|By)[ \t]+)+", "", match.group())
        if text[match.start() - 1 : match.start()] in {'"', "“", "(", "'"}:
            continue  # a working name in quotes or brackets: another name for the same thing
        if name[:1].isupper() and name.lower() != title.lower() and " " in name.strip():
            reach = match.start()
            break
    return TitleSubject(title, noun, reach)


def cloze_text(fact: Fact, *, title: str = "", subject: TitleSubject | None = None) -> str | None:
    """The fact's span with the date blanked, marked with an ellipsis where trimmed.

    None when another date in the span gives the answer away ("into _____, with
    rallies again on December 22" for December 2020), or when the span names no place
    or actor, so that a learner could not tell what it is about.
    """
    if fact.form != "clause" or any(
        _gives_away(o, fact.date) or o.value == fact.date.value for o in fact.neighbours
    ):
        return None
    if fact.counts_between and fact.neighbours:
        return None  # "founded on _____, ... two weeks earlier, on 4 September 1998"
    if not _reads_whole(fact):
        return None
    lead = ""
    context = _context_for(fact)
    if context is None:
        return None
    unnamed = not event_names(fact) and (
        not event_names(fact, demonyms=True) or _DEFINITE_START.match(fact.span_text)
    )
    # "the telescope" in "Hubble Space Telescope", before the document names another
    titled = subject is not None and subject.named_by_title(fact, f"{context} {fact.span_text}")
    if context:
        lead = context + " "  # the sentence before says who "she" or "the crew" is
    elif fact.about:
        lead = f"{fact.about}: "  # "Queen Victoria: Her coronation took place on _____."
    elif unnamed or _GENERIC_SUBJECT.match(fact.span_text):
        # "The operation followed ...": the section title says which operation. Without
        # one, a span that names nothing is not asked; one that names places or actors
        # ("... withdrawal from Kalbajar by _____") still reads as a question.
        heading = _heading_for(fact, title)
        if heading is None and titled and subject is not None:
            heading = subject.title
        if heading is None and unnamed:
            return None  # "The main assault commenced on _____": nothing names what it was
        lead = f"{heading}: " if heading else ""
    if titled and subject is not None and not lead.startswith(f"{subject.title}:"):
        lead = f"{subject.title}: {lead}"
    sentence = fact.text
    start, end = fact.span
    blank = blank_span(fact.mention.text)
    date_start = fact.mention.start + blank[0]
    before, after = sentence[start:date_start], _without_offset(sentence[fact.mention.end : end])
    if re.search(r"\b(?:the|a|an)\s+$", before) and re.match(r",\s+[a-z]", after):
        after = after[1:]  # "the November 9, 2020, agreement" -> "the _____ agreement"
    # "an _____ summit" would give the answer's first sound away; "the" does not
    before = re.sub(r"\b([Aa])n?(\s+)$", lambda m: ("The" if m[1] == "A" else "the") + m[2], before)
    # "on Sunday the 9th of February 1964": the weekday would narrow the answer down
    before = _WEEKDAY_BEFORE.sub("", before)
    if fact.mention.relative:
        before = re.sub(r"\b[Tt]he\s+$", "", before)  # "the next day" -> "on _____"
    text = before + _blank_for(fact, before) + after
    if start > 0:
        text = "… " + text
    if sentence[end:].strip(" .!?\"”'"):
        # "... escalated in _____ when …": the word that opened the cut clause goes too
        text = _DANGLING_END_WORD.sub("", text.rstrip(" ,;:")) + " …"
    return lead + text


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


_DANGLING_END_WORD = re.compile(
    r"(?:[\s,]+(?:when|which|that|who|whom|whose|where|while|as|and|but|or|with|by|of|"
    r"in|on|at|to|for|from|after|before|following|including|amid))+$"
)


def _blank_for(fact: Fact, before: str) -> str:
    """The blank, or for a relative date the phrase that asks for the date it stands
    for: "Two days later, a tank exploded" -> "On _____, a tank exploded"."""
    if not fact.mention.relative:
        return BLANK
    if re.search(
        r"\b(?:on|in|by|during|of|from|since|until|after|before|to|for|at)\s+$", before, re.I
    ):
        return BLANK  # "declined 85% from the previous year" -> "from _____", not "from in"
    preposition = "on" if fact.date.granularity == "day" else "in"
    if not before.strip():
        preposition = preposition.capitalize()
    return f"{preposition} {BLANK}"


def _context_for(fact: Fact) -> str | None:
    """The sentence to show before the span ("" when none is needed or it would give
    the answer away and the span can do without), or None: the span needs the sentence
    before and cannot have it."""
    if not fact.context:
        return ""
    answer = fact.date
    month = answer.value.rpartition("-")[0] if answer.granularity == "day" else None
    shown = [m.date for m in find_dates(fact.context)]
    if any(_gives_away(other, answer) or other.value in {answer.value, month} for other in shown):
        return None if leans_on_previous(fact.span_text) == "subject" else ""
    return fact.context


_DEFINITE_START = re.compile(r"(?:The|This|These|That|Those)\b")
# "persistence with this doctrine": a thing named in a sentence the learner cannot see
_POINTER = re.compile(r"\b(?:this|these)\s+([a-z]+)")
# "several villages in the district": a place whose name is elsewhere, or was stripped
_UNNAMED_PLACE = re.compile(
    r"\bthe\s+(?:city|town|village|district|province|enclave|capital)\b"
    r"(?!\s+of\s+[A-ZÀ-ÖØ-ÞƏ])(?!\s+[A-ZÀ-ÖØ-ÞƏ])"
)
# "As Azerbaijani advances threatened ...": a clause that cannot stand alone
_SUBORDINATE_START = re.compile(
    r"(?:As|When|While|Whilst|After|Before|Although|Though|Because|Since|If|Once|Until|"
    r"Whereas|Unless)\b"
)


def _reads_whole(fact: Fact) -> bool:
    """Whether the span, shown alone, is a readable sentence: brackets that open and
    close inside it, no "this doctrine" pointing outside it, and no subordinate clause
    cut off before the main clause it hangs on."""
    text = fact.span_text
    for opening, closing in ("()", "[]"):
        depth = 0
        for character in text:
            depth += (character == opening) - (character == closing)
            if depth < 0:
                return False
        if depth:
            return False
    if any(_is_noun(match.group(1)) for match in _POINTER.finditer(text)):
        return False  # "this doctrine"; but "though these faced resistance" is a pronoun
    if _UNNAMED_PLACE.search(text) and not _context_names_a_place(fact):
        return False  # "villages in the district": which district?
    trimmed_end = bool(fact.text[fact.span[1] :].strip(" .!?\"”'"))
    return not (_SUBORDINATE_START.match(text) and trimmed_end and "," not in text)


def _context_names_a_place(fact: Fact) -> bool:
    """ "By 25 April the city had been encircled" after "The Battle of Berlin began ...":
    the sentence shown before names a place (a name after a preposition of place)."""
    context = _context_for(fact) or ""
    return any(_proper_only(match.group(1)) for match in _PLACE_NAME.finditer(context))


# "the Battle of Berlin", "in West Berlin": a name after a preposition of place
_PLACE_NAME = re.compile(
    r"\b(?:in|of|to|from|at|into|near|across)\s+(?:West |East )?([A-Z][a-zà-ÿ]+)"
)


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
        _gives_away(m.date, fact.date) or _overlaps(m.date, fact.date) for m in find_dates(section)
    ):
        return None
    if section == title:
        return section
    noun = _first_noun(fact.span_text)
    if noun and re.search(rf"\b{re.escape(noun)}\b", section, re.IGNORECASE):
        return section
    return None


def _is_noun(word: str) -> bool:
    lemmas = getAllLemmas(word)
    return isinstance(lemmas, dict) and "NOUN" in lemmas and not is_past_tense_verb(word)


def _first_noun(text: str) -> str | None:
    """The first noun of a sentence's opening words ("The clashes lasted" -> "clashes")."""
    for word in WORD.findall(text)[:4]:
        lower = str(word).lower()
        if lower in _DETERMINERS or lower in STOPWORDS:
            continue
        lemmas = getAllLemmas(lower)
        if isinstance(lemmas, dict) and "NOUN" in lemmas:
            return lower
    return None


def _shows(text: str, values: set[str]) -> bool:
    """Whether ``text`` writes one of the dates ``values`` (ISO values)."""
    return bool(values) and any(m.date.value in values for m in find_dates(text))


def _gives_away(other: DateValue, answer: DateValue) -> bool:
    """Another date in view that fixes the answer: the same year for a year question,
    the same month for a month question, either end's year for a range of years
    ("between _____, it was opened on 17 November 1869")."""
    if answer.granularity == "range":
        by_years = answer.start_date.granularity == answer.end_date.granularity == "year"
        years = {answer.year, answer.end_year} if by_years else set()
        return other.year in years or other.end_year in years
    if answer.granularity not in {"year", "month"}:
        return False
    return other.start.startswith(answer.value) or other.end.startswith(answer.value)


@dataclass
class QuestionWriter:
    """Writes a source's questions, with stable ids and deterministic choices.

    Attributes:
        source_key: what identifies the source in ids (its title).
        passage_ids: passage id of each block, by block start offset.
        known_dates: every date the document gives, for plausible distractors.
        title: the document's title; its lead section's clozes are shown under it.
        windows: for each section, the span of time its dates cover (padded ISO
            start and end, as ``_interval`` gives); a fact's wrong choices come from
            its section's window first, so a question on a battle of a six-week war is
            not offered dates from the months before the war.
        shared_names: last names the document gives to several people
            (:func:`shared_names`); a "when" question does not ask about one alone.
        common_words: words the document writes in lower case inside sentences
            (:func:`common_words`); one opening a sentence is lowered in a question.
        subject: what "the telescope" means under a title such as "Hubble Space
            Telescope" (:func:`title_subject`); a cloze saying so is shown under the
            title.
    """

    source_key: str
    passage_ids: dict[int, str]
    known_dates: Sequence[DateValue]
    title: str = ""
    windows: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    shared_names: frozenset[str] = frozenset()
    subject: TitleSubject | None = None
    common_words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # Known dates by shape, sorted in time, so distractors come from a bisection
        # rather than a scan of every date for every question.
        self._by_shape: dict[tuple[str, int, int], list[tuple[int, DateValue]]] = {}
        for known in self.known_dates:
            self._by_shape.setdefault(_shape_key(known), []).append((_ordinal(known), known))
        for dates in self._by_shape.values():
            dates.sort(key=lambda pair: (pair[0], pair[1].value))

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

        def make(kind: Kind, prompt: str, difficulty: float, **extra: Any) -> Question:
            return Question(
                id=content_id("q", *identity, kind),
                kind=kind,
                prompt=prompt,
                passage=self.passage_ids[fact.block.start],
                evidence=fact.evidence,
                section=fact.block.section,
                difficulty=_clamp(difficulty),
                answer=Answer(
                    date=mention.date.value,
                    granularity=mention.date.granularity,
                    text=mention.date.display(),
                    span=fact.date_span,
                    inferred=mention.inferred,
                    also=_also(mention.also),
                ),
                disputed=others,
                tags=self._tags(fact),
                **extra,
            )

        questions: list[Question] = []
        prompt = (
            None
            if ambiguous or not _reads_whole(fact)
            else when_question(fact, self.shared_names, self.common_words)
        )
        cloze = cloze_text(fact, title=self.title, subject=self.subject)
        stem = prompt or (f"Which date fills the blank? {cloze}" if cloze else None)
        # A typed answer that may be the document's other date must not find it in view:
        # "finalized on _____, ... taking effect on November 10" is answered by copying.
        # (The choices leave that date out, so a choice may still show it.)
        other_dates = {other.date for other in others}
        if prompt is not None and not _shows(prompt, other_dates):
            questions.append(make("date", prompt, base + 0.15, accept=self._accept(fact)))
        if cloze is not None and not _shows(cloze, other_dates):
            questions.append(make("cloze", cloze, base + 0.1, accept=self._accept(fact)))
        choice_id = content_id("q", *identity, "choice")
        excluded = [o.date for o in others] + [value.value for value in related]
        excluded += [value.value for value in fact.neighbours]
        if mention.also is not None:
            excluded.append(mention.also.value)  # the same day in the other calendar
        if fact.context:
            # the sentence shown before the blank: its date is another event's
            excluded += [shown.date.value for shown in find_dates(fact.context)]
        bound = (mention.preposition or "").lower()
        side: Side = "before" if bound in {"by", "before"} else "both"
        side = "after" if bound in {"after", "since"} else side
        in_year = mention.date.year if mention.inferred else None
        choices = self.choices(
            choice_id,
            mention.date,
            excluded,
            side=side,
            year=in_year,
            limits=_visible_limits(stem, mention.date, fact.bounds),
            window=self.windows.get(fact.block.section),
        )
        if stem is not None and choices:
            questions.append(make("choice", stem, base - 0.15, choices=choices))
        return questions

    def table_questions(self, fact: TableFact) -> list[Question]:
        """A date and a choice question for a dated table cell."""
        mention = fact.mention
        passage = self.passage_ids[fact.block.start]
        section = fact.block.section
        column = fact.column.strip() or "date"
        what = "dates are" if mention.date.granularity == "range" else "date is"
        prompt = (
            f"In the table in “{section}”, what {what} given under “{column}” for {fact.label}?"
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
                difficulty=_clamp(base + 0.15),
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
                    difficulty=_clamp(base - 0.15),
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
        self,
        question_id: str,
        right: DateValue,
        excluded: Sequence[str],
        *,
        side: Side = "both",
        year: int | None = None,
        limits: _Limits | None = None,
        window: tuple[str, str] | None = None,
    ) -> tuple[str, ...]:
        """Three plausible wrong dates at the right one's granularity, plus the right one.

        Distractors prefer other dates the document gives (same granularity, close in
        time), then nearby shifts of the right date; none is compatible with the right
        date or with a date the document gives for the same event, and a wrong range
        lasts about as long as the right one (a five-day clash is not offered a
        44-day war as its alternative).

        Args:
            question_id: seeds the choice of distractors, so a rebuild gives the same.
            right: the answer.
            excluded: dates that must not be offered (disputed, similar, in view).
            side: for a bound ("by November 20") only earlier dates are wrong, for
                "after"/"since" only later ones.
            year: keep every option in this year (the prompt says "in 2020").
            limits: where the options must lie: between the dates the sentence puts
                before and after the right one ("from _____ to 2020") and the dates the
                question shows, and inside a shown date that holds the right one.
            window: the span of time the question's section covers; options that
                overlap it come first.
        """
        rng = random.Random(question_id)
        taken = {right.value, *excluded}
        limits = limits or _Limits()
        earliest, latest, within = limits.earliest, limits.latest, limits.within
        length = _length(right)

        def allowed(value: DateValue) -> bool:
            if value.value in taken or _overlaps(value, right):
                return False
            if (
                within is not None
                and not within[0] <= _interval(value)[0] <= _interval(value)[1] <= within[1]
            ):
                return False
            if year is not None and not (value.year == year == value.end_year):
                return False
            if earliest is not None and _interval(value)[0] <= _interval(earliest)[1]:
                return False
            if latest is not None and _interval(value)[1] >= _interval(latest)[0]:
                return False
            if length is not None and not 1 / 3 <= (_length(value) or 0) / length <= 3:
                return False
            if side == "before":
                return _interval(value)[1] < _interval(right)[0]
            if side == "after":
                return _interval(value)[0] > _interval(right)[1]
            return True

        shown = {right.display()}
        here = _ordinal(right)
        same_shape = self._by_shape.get(_shape_key(right), [])
        middle = bisect.bisect_left(same_shape, here, key=lambda pair: pair[0])
        nearby = same_shape[max(0, middle - 6) : middle + 6]
        pool = [
            known
            for ordinal, known in nearby
            if allowed(known) and abs(ordinal - here) <= _NEARBY_ORDINALS
        ]

        def outside(value: DateValue) -> bool:
            if window is None:
                return False
            start, end = _interval(value)
            return end < window[0] or start > window[1]

        rng.shuffle(pool)
        pool.sort(key=lambda known: abs(_ordinal(known) - here))
        shifts = [shifted for shifted in _shifts(right, rng) if allowed(shifted)]

        # Inside the section's window before outside it; inside, dates the document
        # gives before shifts of the right one (at most two of them); outside, the
        # nearest first.
        def rank(value: DateValue, from_shift: bool) -> tuple[bool, bool, int]:
            away = outside(value)
            return (away, from_shift and not away, abs(_ordinal(value) - here))

        ranked = [(rank(known, False), False, known) for known in pool[:6]]
        ranked += [(rank(shifted, True), True, shifted) for shifted in shifts]
        ranked.sort(key=lambda entry: entry[0])
        picked: list[DateValue] = []
        known_picked = 0
        for _, from_shift, value in ranked:
            if len(picked) == 3:
                break
            if value.display() in shown or (not from_shift and known_picked == 2):
                continue
            picked.append(value)
            shown.add(value.display())
            known_picked += not from_shift
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


# A section needs this many dated facts before the span they cover says what its
# wrong choices should be near.
MIN_WINDOW_FACTS = 3


def section_windows(
    facts: Sequence[Fact], chapters: Mapping[str, str]
) -> dict[str, tuple[str, str]]:
    """For each section, the span of time its dated facts cover (as ``_interval`` gives
    it), or its chapter's when the section has too few facts to tell: the windows of
    :class:`QuestionWriter`."""
    by_section: dict[str, list[tuple[str, str]]] = {}
    by_chapter: dict[str, list[tuple[str, str]]] = {}
    for fact in facts:
        section = fact.block.section
        by_section.setdefault(section, []).append(_interval(fact.date))
        by_chapter.setdefault(chapters.get(section, section), []).append(_interval(fact.date))
    windows: dict[str, tuple[str, str]] = {}
    for section, found in by_section.items():
        if len(found) < MIN_WINDOW_FACTS:
            found = by_chapter[chapters.get(section, section)]
        if len(found) >= MIN_WINDOW_FACTS:
            windows[section] = (min(start for start, _ in found), max(end for _, end in found))
    return windows


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


def _also(value: DateValue | None) -> AlsoDate | None:
    """The other calendar's date the text gives for the answer, a right answer too."""
    if value is None:
        return None
    return AlsoDate(value.value, value.granularity, value.display())


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _difficulty(value: DateValue, inferred: bool, length: int) -> float:
    base = {"year": 0.3, "month": 0.4, "day": 0.45, "range": 0.55}[value.granularity]
    if inferred:
        base += 0.05
    if length > 220:
        base += 0.05
    return round(base, 2)


def _shape_key(value: DateValue) -> tuple[str, int, int]:
    """Granularity, and for ranges the granularity at both ends."""
    return (value.granularity, len(value.start), len(value.end))


def _clamp(difficulty: float) -> float:
    """A difficulty between 0.05 and 0.95, to two decimals as the bank stores it."""
    return round(min(0.95, max(0.05, difficulty)), 2)


def _ordinal(value: DateValue) -> int:
    year, month, day = value.sort_key()
    return year * 372 + max(month, 1) * 31 + max(day, 1)


def _length(value: DateValue) -> int | None:
    """How long a range lasts, in its ends' unit plus one (days, months or years);
    None for a single date."""
    return value.length()


def _interval(value: DateValue) -> tuple[str, str]:
    """Inclusive first and last day as text that sorts in time: "2020" runs from
    "12020-01-01" to "12020-12-31" (the year offset by 10000, so that BC years sort
    before AD ones and among themselves)."""
    first, last = value.bounds()
    return _sortable_day(first), _sortable_day(last)


def _sortable_day(key: tuple[int, int, int]) -> str:
    year, month, day = key
    return f"{year + 10000:05d}-{month:02d}-{day:02d}"


@dataclass(frozen=True)
class _Limits:
    """Where wrong choices may lie: after ``earliest``, before ``latest``, inside
    ``within`` (ISO days, inclusive)."""

    earliest: DateValue | None = None
    latest: DateValue | None = None
    within: tuple[str, str] | None = None


def _visible_limits(
    stem: str | None, right: DateValue, bounds: tuple[DateValue | None, DateValue | None]
) -> _Limits:
    """Narrow ``bounds`` by the dates the question shows, so that every wrong choice lies
    where the answer lies against each of them: "issued an ultimatum on _____ and began
    bombing on 31 October" offers no November day; "In October 1961 ... tanks faced each
    other from _____" offers only days of October 1961. Year-less dates in view take the
    answer's year; relative ones ("the next day") say nothing on their own."""
    earliest, latest = bounds
    within: tuple[str, str] | None = None
    right_start, right_end = _interval(right)
    for mention in find_dates(stem or "", right):
        if mention.relative:
            continue
        start, end = _interval(mention.date)
        # A date in view may touch a range's last or first day ("landed on November 5-6,
        # but a ceasefire came on 6 November").
        if end <= right_start < right_end or end < right_start:
            if earliest is None or end > _interval(earliest)[1]:
                earliest = mention.date
        elif right_start < right_end <= start or start > right_end:
            if latest is None or start < _interval(latest)[0]:
                latest = mention.date
        elif start <= right_start and right_end <= end and (start, end) != (right_start, right_end):
            if within is None or within[0] <= start and end <= within[1]:
                within = (start, end)
    return _Limits(earliest, latest, within)


def _overlaps(first: DateValue, second: DateValue) -> bool:
    a, b = _interval(first), _interval(second)
    return a[0] <= b[1] and b[0] <= a[1]


def _strictly_ordered(dates: Sequence[DateValue]) -> bool:
    ordered = sorted(dates, key=lambda d: _interval(d))
    return all(
        _interval(a)[1] < _interval(b)[0] for a, b in zip(ordered, ordered[1:], strict=False)
    )


def _shifts(right: DateValue, rng: random.Random) -> Iterator[DateValue]:
    """Nearby dates at the same granularity: days, months or years either side."""
    unit = right.start_date.granularity
    steps = {"year": [1, 2, 3, 4, 5], "month": [1, 2, 3, 4], "day": [1, 2, 3, 5, 7, 10, 14]}[unit]
    signed = [sign * step for step in steps for sign in (1, -1)]
    rng.shuffle(signed)
    for step in signed:
        try:
            yield right.shifted(step)
        except ValueError:
            continue  # beyond the years a date can have

"""The text's time: the year a date written without one belongs to, worked out the way a
careful reader works it out, and the dates whose year the text does not settle.

"A massive German air raid on 23 August caused a firestorm" takes its year from the
story the text is telling at that point (1942), not from the last year written before it
(an aside, "In February 1943 only 10,000 civilians were still alive"). The model reads a
document in order and keeps the story's time:

- A written date tells the story's time, or it does not (:data:`ROLE_RULES`): a date in
  brackets, quotes or what is left of a picture caption, or one naming a thing ("the
  1994 ceasefire"), is background; "since 1971" and the date of a reference event
  ("Following the loss of a U-2 over the Soviet Union in May 1960, ...") bound the
  story's time (a reference event of a later year than the story's carries the story
  there); a flashback ("had taken the first picture ... on August 23, 1966") or a remark
  ("In 1990, he reiterated that ...") steps out of the story and back; a plan ("was
  scheduled for"), a relative clause or one of two alternatives ("in late 1398 or early
  1399") leaves the time open, and a year-less date after one with another year gets no
  year until the text writes the story's time again.
- A heading that gives years starts its section's time ("Siberia (1919)"); one that
  spans several ("Siberia and the Far East (1920–22)") leaves the year open until the
  text writes one, unless the story was already at the first of them. A section may
  step back in time; a paragraph after the step may belong to either year.
- A year-less date takes the story's year only when no rule of :data:`YEAR_RULES`
  speaks against it: no aside with another year since, no bound it would break, its
  month not far before the story's last date (a month going back may be the next year:
  "24 December ... mid-January"), no other year for the same day just before, no other
  year in its paragraph, the next year written in its section not earlier.
- A paragraph that says it follows on ("A period of repression followed.") and then
  dates itself before the date it follows, in the same year, disagrees with its own story
  (Old Style dates among New Style ones: "On 17 July, over 500,000 people participated
  ... A period of repression followed. On 5–6 July, ..."): its year-less dates from
  there on get none. In a text that names both calendars, a day that runs back from the
  story's last day by no more than the days between them is in doubt too.
- A relative date ("the next day", "two years later") counts from the date just before
  it in its paragraph when that date is the story's (:data:`RELATIVE_RULES`).

Where the signals disagree the date gets no year; the build report lists it as skipped
with the rule's reason. Lists and tables are no story: their dates move nothing after
them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Generic, Literal, TypeVar

from question_bank.dates import CALENDAR_WORDS, DateMention, DateValue, find_dates
from question_bank.read import Block, Document, Sentence
from question_bank.text import is_past_participle, is_past_tense_verb

__all__ = [
    "PLAN_ROLES",
    "RELATIVE_RULES",
    "ROLE_RULES",
    "YEAR_REMNANT",
    "YEAR_RULES",
    "RelativeCase",
    "Role",
    "RoleRule",
    "Rule",
    "Site",
    "Story",
    "Timed",
    "Timeline",
    "YearCase",
    "calendar_gap",
    "first_failing",
    "names_a_thing",
    "names_two_calendars",
    "opens_a_sequel",
    "reference_event",
    "role_of",
    "with_year",
    "year_of",
]

Role = Literal["story", "flashback", "aside", "after", "before", "background"]
Case = TypeVar("Case")

# A relative date counts from a date at most this many sentences before its own.
MAX_SENTENCES_BACK = 3
# A month this many months before the story's last date is read as a flashback inside
# the same year; further back, the next year reads as well ("24 December ... mid-January").
MAX_FLASHBACK_MONTHS = 3


@dataclass(frozen=True)
class Rule(Generic[Case]):
    """A named reason not to use a date, and the predicate that finds it."""

    name: str
    reason: str
    test: Callable[[Case], bool]
    # A refusal for this reason leaves the story's year unsettled for the dates after it.
    unsettles: bool = False


def first_failing(rules: Iterable[Rule[Case]], case: Case) -> Rule[Case] | None:
    """The first rule whose predicate holds for ``case``, or None."""
    return next((rule for rule in rules if rule.test(case)), None)


@dataclass(frozen=True)
class RoleRule:
    """What a kind of date mention does to the story's time.

    ``role``: "background" (a reader passes over it), "flashback" (a step out of the
    story and back: the story's year stays, a count may start from it), "after" and
    "before" (the story's time is at or after, at or before, this date), "aside" (a
    time the text leaves open, a plan or one of two: with another year, it leaves the
    year of the dates after it in doubt).
    """

    name: str
    role: Role
    test: Callable[[Site], bool]
    description: str


@dataclass(frozen=True)
class Timed:
    """A date mention with the year the model gives it.

    Attributes:
        mention: the mention; its ``date`` carries the model's year (for a relative
            date, the date counted from the story's date before it).
        role: what the mention does to the story's time.
        role_rule: the name of the :data:`ROLE_RULES` row that gave the role ("" for
            the story itself).
        refusal: the year or relative rule that leaves the date without a safe value.
    """

    mention: DateMention
    role: Role
    role_rule: str = ""
    refusal: Rule[YearCase] | Rule[RelativeCase] | None = None

    @property
    def date_text(self) -> str:
        """The value, or the words as written when the year is not settled."""
        if self.refusal is not None and self.mention.inferred:
            return self.mention.text
        return self.mention.date.value


# --- a mention in its sentence ---------------------------------------------------------

# Clause boundaries for the tests below (the clause holding a date starts after them).
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()\[\]—–]|\s-\s")  # not "4,000"


@dataclass(frozen=True)
class Site:
    """A date mention in the (repaired) sentence that holds it."""

    text: str
    mention: DateMention
    mentions: tuple[DateMention, ...]

    @cached_property
    def before(self) -> str:
        return self.text[: self.mention.phrase_start]

    @cached_property
    def after(self) -> str:
        return self.text[self.mention.end :]

    @cached_property
    def clause_before(self) -> str:
        """From the last clause break before the date to the date's phrase."""
        breaks = list(_CLAUSE_BREAK.finditer(self.before))
        return self.before[breaks[-1].end() :] if breaks else self.before

    @cached_property
    def chain_before(self) -> str:
        """From the last ';' or ', and' (a new main clause) to the date's phrase: the
        verb a date after a comma belongs to ("had taken the first picture ..., on August
        23, 1966")."""
        breaks = list(_NEW_CLAUSE.finditer(self.before))
        return self.before[breaks[-1].end() :] if breaks else self.before

    @cached_property
    def clause_after(self) -> str:
        """From the date to the next clause break."""
        match = _CLAUSE_BREAK.search(self.after)
        return self.after[: match.start()] if match else self.after

    @cached_property
    def role(self) -> tuple[Role, str]:
        """What the date does to the story's time, and the rule that says so."""
        return role_of(self)

    @cached_property
    def digits_only(self) -> bool:
        """A bare year, year range or decade ("1994", "1991–94", "the 1990s")."""
        return bool(re.fullmatch(r"(?:the\s+)?\d{4}(?:s|\s*[-–/]\s*\d{2,4})?", self.mention.text))


# --- role rules ---------------------------------------------------------------------------

_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those)|['’]s)\s+$",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(r"\s+([A-Za-z][\w’'-]*)")
_NOT_A_NOUN_AFTER = frozenset(
    """
    and or but nor of to in on at by for with from as than that which who when where while
    was were is are be been being had has have did does do will would could should might
    may must can shall he she it they we i you his her its their this these those there
    onward onwards
    """.split()
)


def names_a_thing(site: Site) -> bool:
    """ "the 1994 ceasefire", "a 1958 warhead", "his 2012 memoir", "the 2002 FIFA World
    Cup", "a September 12, 2011 interview", "the SARS outbreak of 2002–2003", "The
    February Revolution of 1917": a date that tells which thing, not when the story is
    ("the summer of 1942" is a time)."""
    before = site.text[: site.mention.start]
    if site.digits_only and site.mention.preposition is None and _OF_BEFORE.search(before):
        return not _TIME_PART_OF.search(before)
    if site.mention.text[:4].lower() == "the " and site.mention.date.granularity in _SPANS:
        # "during the 1990s conflict": the decade read with its article names the conflict
        word = _WORD_AFTER.match(site.after)
        if word is not None and word.group(1).islower():
            return _noun_like(word.group(1))
        # "in the 1980s Commodore Amiga series)": a name and its noun close the phrase
        named = _DECADE_NAMES.match(site.after)
        return named is not None and _noun_like(named.group(1))
    if site.mention.preposition is not None or not _DETERMINER_BEFORE.search(before):
        return False
    word = _WORD_AFTER.match(site.after)
    return word is not None and _noun_like(word.group(1))


_OF_BEFORE = re.compile(r"\b[A-Za-z][\w’'-]*\s+of\s+$")
# Capitalized words and a noun that ends the phrase after a decade: " Commodore Amiga
# series)"; " Apple computers were" goes on with a verb, a time's clause
_DECADE_NAMES = re.compile(r"(?:\s+[A-Z][\w’'-]*)+\s+([a-z]+)\s*(?:[),;:]|$)")


def _noun_like(word: str) -> bool:
    lower = word.lower()
    return lower not in _NOT_A_NOUN_AFTER and not is_past_tense_verb(lower)


def _in_brackets(site: Site) -> bool:
    """ "(also contracted in 1983 from a blood transfusion)", "(6 November N.S.)": what a
    reader passes over."""
    before = site.before
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _in_caption(site: Site) -> bool:
    """What is left of a picture caption ("... in the northernmost part of the city in
    1942]]"): no part of the story."""
    return "]]" in site.after


def _in_quotation(site: Site) -> bool:
    before = site.before
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


_REFERENCE_EVENT = re.compile(
    r"(?<!named )(?<!called )(?<!modelled )(?<!modeled )(?<!patterned )"
    r"\b(before|after|since|following|prior to|ahead of)\s+(?:the|its|their|"
    r"[\w’']+['’]s)\s[^,;:—–()]{0,60}$",
    re.IGNORECASE,
)


def reference_event(site: Site) -> str | None:
    """The word that puts the story before or after a reference event ("Following the
    loss of a CIA U-2 over the Soviet Union in May 1960, ...", "months before the war's
    outbreak on September 27"), or None."""
    match = _REFERENCE_EVENT.search(site.before)
    return match.group(1).lower() if match else None


def _after_reference_event(site: Site) -> bool:
    return reference_event(site) in {"after", "since", "following"}


def _before_reference_event(site: Site) -> bool:
    return reference_event(site) in {"before", "prior to", "ahead of"}


_UNTIL_CLAUSE = re.compile(r"\b(?:until|till|before)\s+\w+ing\b", re.IGNORECASE)

# Plans, intentions and deadlines: the date is when something was meant to happen.
_NOT_A_VERB_AFTER_TO = (
    r"(?!(?:the|a|an|his|her|its|their|this|that|these|those|him|them|it)\b)(?-i:[a-z])"
)
_PLANNED = re.compile(
    r"\b(?:(?:is|are|was|were|had\s+been|has\s+been|being)\s+(?:scheduled|planned|slated|set|"
    r"due|expected|intended|supposed|meant|destined|projected|targeted|timed)\s+(?:to|for)\b"
    r"|(?:scheduled|planned|slated|earmarked)\s+for\b"
    r"|(?:is|are|was|were)\s+to\s+(?:be\s+|first\s+|have\s+)?[a-z]+"
    r"|\bto\s+be\s+(?:held|made|built|completed|finished|opened|launched|released|ready)\b"
    r"|(?:plan(?:s|ned)|intend(?:s|ed)?|hope[sd]?|aim(?:s|ed)?|promise[sd]?|pledge[sd]?|"
    r"vow(?:s|ed)?|determined|resolved|agree[sd]?|decide[sd]?|expect(?:s|ed)?|want(?:s|ed)?|"
    r"wish(?:es|ed)?|prepared|planning|intending|hoping|aiming|threaten(?:s|ed)?)"
    rf"(?:\s+[\w’'-]+){{0,6}}?\s+to\s+{_NOT_A_VERB_AFTER_TO}[a-z]*"
    r"|\bdeadline\b)",
    re.IGNORECASE,
)
# "would release", "could be made ready by": a time ahead of the story. "could not
# observe until a crew arrived" tells what did not happen, and is no plan; "would later
# die in 1969" tells what did happen, later.
_MODAL = re.compile(
    r"\b(?:would|will|shall|should|might|must)\b(?!\s+(?:later|eventually|soon|go\s+on)\b)"
    r"|\b(?:could|can)\s+(?:not\s+)?be\b"
    r"|\bmay\s+(?:not\s+)?[a-z]"
)
_MODAL_JUST_AFTER = re.compile(
    r"^(?:\s+[\w’'-]+){0,3}?\s+(?:would|will|shall|might|must)\b"
    r"(?!\s+(?:later|eventually|soon|go\s+on)\b)"
)
# Where a plan's reach ends: a clause break or a conjunction opening another clause ("He
# had wanted to be a pilot but was rejected when he applied ... in 1999").
_PLAN_BREAK = re.compile(
    r"[,;:()\[\]—–]|\b(?:but|and|when|while|because|whereas|although|though|after|before|"
    r"until|since|which|who|whom|whose)\b"
    # "that" opening a clause ("the limit that Pope Sixtus V established"), not "that show"
    r"|\bthat\s+(?=[A-Z]|(?:the|a|an|he|she|it|they|we|his|her|its|their)\b)"
)


def _planned(site: Site) -> bool:
    """ "was scheduled for 2 September", "determined to remain until April 1", "was to be
    completed by", "could be made ready by December 1", "that year Acorn would release
    ...": the date of an intention, not of something that happened."""
    breaks = list(_PLAN_BREAK.finditer(site.before))
    before = site.before[breaks[-1].end() :] if breaks else site.before
    after = site.after
    stop = _PLAN_BREAK.search(after)
    after = after[: stop.start()] if stop else after
    return bool(_PLANNED.search(before) or _MODAL.search(before) or _MODAL_JUST_AFTER.match(after))


_AS_LATE_AS = re.compile(
    r"\bas\s+(?:late|early|recently|long\s+ago|far\s+back)\s+as\s+$", re.IGNORECASE
)


def _as_late_as(site: Site) -> bool:
    """ "as late as August 1939", "As early as 1651", "as recently as 2001", "as far back
    as 1850": the far end of a span the writer reaches for, not an event (lead paint "was
    still being used as recently as 2001" was used before and maybe after)."""
    return bool(_AS_LATE_AS.search(site.before))


_AMOUNT = re.compile(
    r"[$€£¥]\s*\d|\d\s*(?:%|percent\b|per cent\b|million\b|billion\b|trillion\b)", re.IGNORECASE
)


def _amount_by(site: Site) -> bool:
    """ "over $50 billion by 2014": a running total reached by a date, not an event."""
    return site.mention.preposition == "by" and bool(_AMOUNT.search(site.clause_before))


def _alternative(site: Site) -> bool:
    """ "in late 1398 or early 1399", "in June or July": one of two dates the text
    leaves open."""
    mention = site.mention
    for other in site.mentions:
        if other.end <= mention.phrase_start:
            if re.fullmatch(r"\s*,?\s*or\s*", site.text[other.end : mention.phrase_start]):
                return True
        elif other.start >= mention.end:
            if re.fullmatch(r"\s*,?\s*or\s*", site.text[mention.end : other.phrase_start]):
                return True
    return bool(re.match(r"\s*,?\s*or\s+(?:[A-Z0-9]|early|mid|late)", site.after))


# "were still alive", "was still in use": a state that lasted up to the date
_STILL = re.compile(r"\b(?:was|were|is|are|been|remained)\s+still\b", re.IGNORECASE)


def _still_state(site: Site) -> bool:
    """ "In February 1943 only 10,000 civilians were still alive": how things stood at a
    time the story reaches later (or left earlier), not a step of the story. The state is
    told in the date's own clause, before the next ';' or sentence break."""
    after = re.split(r"[;.!?]", site.after, maxsplit=1)[0]
    return bool(_STILL.search(site.chain_before) or _STILL.search(after))


_HAD = re.compile(r"\bhad\s+((?:[a-z]+ly\s+|not\s+|already\s+|also\s+|just\s+|never\s+)*)(\w+)")


def _pluperfect(site: Site) -> bool:
    """ "NASA's Lunar Orbiter 1 had taken the first picture ... on August 23, 1966": a
    flashback from the story's time. "By October 1983 Acorn had received orders" is the
    story's time itself."""
    if site.mention.preposition == "by":
        return False
    return any(
        match.group(2) == "been" or is_past_participle(match.group(2))
        for match in _HAD.finditer(site.chain_before)
    )


_RELATIVE_PRONOUN = re.compile(r"\b(?:which|who|whom|whose|where)\b")  # not "the WHO"


def _relative_clause(site: Site) -> bool:
    """ "the reenactment ..., which was staged in 1920", "inspiration came from the
    Latting Observatory built in New York City in 1853": a date about something the
    sentence mentions, which may be the story's next step ("sent their submarines to
    Vladivostok, where by 1 January 1905 there were seven boats") or not."""
    return bool(_RELATIVE_PRONOUN.search(site.clause_before)) or _reduced_relative(site)


_AUXILIARY = frozenset(
    "was were is are be been being had has have got get gets and or but then not also "
    "first later".split()
)


def _reduced_relative(site: Site) -> bool:
    """A participle after the clause's own verb, with no auxiliary before it: "came from
    the Latting Observatory built in New York City in 1853"."""
    words = re.findall(r"[A-Za-z][\w’'-]*", site.clause_before)
    finite = False
    for index, word in enumerate(words):
        lower = word.lower()
        if finite and is_past_participle(lower) and words[index - 1].lower() not in _AUXILIARY:
            return bool(word[:1].islower())
        if lower in {"was", "were", "is", "are", "had", "has"} or (
            word[:1].islower() and is_past_tense_verb(lower) and not is_past_participle(lower)
        ):
            finite = True
    return False


# "posthumously" dates what came after the story wherever it stands; "later" and its kin
# only with a verb between them and the date ("was later published in 1990"): "later, in
# 1819, he ..." moves the story on.
_AFTERWARDS = re.compile(r"\b(?:posthumously|nowadays|today|since then)\b", re.IGNORECASE)
_LATER = re.compile(r"\b(?:later|subsequently|eventually|afterwards?)\s+[a-z]+\w*\s", re.IGNORECASE)
_WOULD_LATER = re.compile(r"\bwould\s+(?:later|eventually|go on)\b", re.IGNORECASE)


def _later_remark(site: Site) -> bool:
    """ "released posthumously in 1972", "would later say in 1990": a remark from a later
    time. "later, in 1819, he ..." (the date right after "later") moves the story on."""
    clause = site.clause_before
    return bool(_WOULD_LATER.search(clause) or _AFTERWARDS.search(clause) or _LATER.search(clause))


_NEGATION = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.IGNORECASE)

_SPEECH = (
    r"said|says|told|tells|stated|reiterated|claimed|insisted|argued|noted|explained|admitted|"
    r"acknowledged|conceded|remarked|commented|testified|confirmed|revealed|reported|wrote|"
    r"recalled|remembered|recounted|declared|maintained|added|asserted|suggested|believed"
)
_FRAME_THEN_VERB = re.compile(
    rf"^[^.;]{{0,60}}?\b(?:{_SPEECH})\b(?:\s+[\w’'-]+){{0,3}}?\s*(?:that\b|[“\"]|:)", re.IGNORECASE
)
_VERB_BEFORE = re.compile(rf"\b(?:{_SPEECH})\b", re.IGNORECASE)
_CONTENT_AFTER = re.compile(r"\s*,?\s*(?:that\b|[“\"]|:)")
_RETROSPECT = re.compile(
    r"\b(?:recalled|remembered|recounted|reflected|reminisced|reiterated|published|wrote|"
    r"memoirs?|autobiography|interview)\b",
    re.IGNORECASE,
)


def _remark(site: Site) -> bool:
    """The date of a remark about the story: "In 1990, he reiterated that ...", "told him
    in 1964 that ...", "This information was published by David Crosby in 1988"."""
    if _FRAME_THEN_VERB.match(site.after) and not site.before.strip(" “\"'(").endswith("that"):
        return True
    if _VERB_BEFORE.search(site.clause_before) and _CONTENT_AFTER.match(site.after):
        return True
    return bool(_RETROSPECT.search(site.clause_before))


_TIME_PART_OF = re.compile(
    r"\b(?:(?:the\s+)?(?:(?:very|early|late|middle|mid|end|beginning|start|course|first|second|"
    r"last|rest|remainder|spring|summer|autumn|fall|winter|half|quarter|months?|weeks?|part|"
    r"days?)\s+)+of|the\s+year)\s+$",
    re.IGNORECASE,
)
# ", 2020" after a function word: what is left of a full date whose day and month were
# stripped ("on , 2020").
YEAR_REMNANT = re.compile(r"(?:^|\s|\b(?:on|of|by|since|until|the|as of))\s*,\s*$")


def _year_without_preposition(site: Site) -> bool:
    """A bare year with no preposition that is no time of the story: an address ("1701
    Kansas Avenue"), a title ("Live at the Carousel Ballroom 1968"). "The year 1990
    brought ...", "1990 saw ...", "the summer of 1942", "In 2004 and 2005" and ", 2020"
    (what is left of a date whose day and month were stripped) are the story's time."""
    if not site.digits_only or site.mention.preposition is not None:
        return False
    before = site.text[: site.mention.start]
    opening = not before.strip(" \"“'(")
    listed = any(
        other.end <= site.mention.start
        and re.fullmatch(r"\s*(?:,|and|or|to|through|&)\s*(?:and\s+)?", before[other.end :])
        for other in site.mentions
    )
    return not (opening or listed or _TIME_PART_OF.search(before) or YEAR_REMNANT.search(before))


NAMES_A_THING = "names_a_thing"

ROLE_RULES: tuple[RoleRule, ...] = (
    RoleRule("in_brackets", "background", _in_brackets, "a date in brackets"),
    RoleRule("in_caption", "background", _in_caption, "a date in a picture caption"),
    RoleRule("in_quotation", "background", _in_quotation, "a date inside a quotation"),
    RoleRule(
        NAMES_A_THING,
        "background",
        names_a_thing,
        "the 1994 ceasefire, the SARS outbreak of 2002–2003",
    ),
    RoleRule("since", "after", lambda site: site.mention.preposition == "since", "since 1971"),
    RoleRule(
        "after_reference_event",
        "after",
        _after_reference_event,
        "Following the loss of a U-2 in May 1960, ...",
    ),
    RoleRule(
        "before_reference_event",
        "before",
        _before_reference_event,
        "months before the war's outbreak on September 27",
    ),
    RoleRule(
        "until_clause",
        "before",
        lambda site: bool(_UNTIL_CLAUSE.search(site.clause_before)),
        "until moving to Boston in 1949",
    ),
    RoleRule("planned", "aside", _planned, "was scheduled for 2 September"),
    RoleRule("as_late_as", "aside", _as_late_as, "as late as August 1939"),
    RoleRule("amount_by", "aside", _amount_by, "over $50 billion by 2014"),
    RoleRule("alternative", "aside", _alternative, "in late 1398 or early 1399"),
    RoleRule(
        "still_state",
        "aside",
        _still_state,
        "In February 1943 only 10,000 civilians were still alive",
    ),
    RoleRule("pluperfect", "flashback", _pluperfect, "had taken ... on August 23, 1966"),
    RoleRule("relative_clause", "aside", _relative_clause, "which was staged in 1920"),
    RoleRule("later_remark", "flashback", _later_remark, "released posthumously in 1972"),
    RoleRule("remark", "flashback", _remark, "In 1990, he reiterated that ..."),
    RoleRule(
        "not_until",
        "flashback",
        lambda site: (
            site.mention.preposition in ("until", "till")
            and bool(_NEGATION.search(site.clause_before))
        ),
        "the lifts were not repaired until 1946",
    ),
    RoleRule(
        "year_without_preposition",
        "background",
        _year_without_preposition,
        "1701 Kansas Avenue, Live at the Carousel Ballroom 1968",
    ),
)

# Roles that mark a date as no event of the story: a plan, a bound of a span.
PLAN_ROLES = frozenset({"planned", "as_late_as", "amount_by"})


def role_of(site: Site) -> tuple[Role, str]:
    """What a date does to the story's time, and the name of the rule that says so."""
    for rule in ROLE_RULES:
        if rule.test(site):
            return rule.role, rule.name
    return "story", ""


# --- the story's state ------------------------------------------------------------------


@dataclass
class Story:
    """The story's time at a point of the text.

    Attributes:
        time: the story's last date (written, or given a year by the model).
        source: "text" when the text wrote it, "heading" when a heading gave it.
        section, block: the section and paragraph it was last told in.
        point, point_section: the story's last date finer than a year, and its section.
        rival, rival_block: the story's year before the text stepped back to an earlier
            one in its section, and the paragraph of that step.
        doubt: the role rule of an aside with another year since ``time`` was set, or
            "unsettled" after a date whose year could not be settled.
        aside_years: the years of those asides.
        after: the latest date the story is told after since ``time`` was set.
        before: the earliest date the story is told before since ``time`` was set.
    """

    time: DateValue | None = None
    source: str = "text"
    section: int = -2
    point: DateValue | None = None
    point_section: int = -2
    block: int = -1
    rival: int | None = None
    rival_block: int = -1
    doubt: str | None = None
    aside_years: frozenset[int] = frozenset()
    after: DateValue | None = None
    before: DateValue | None = None

    def set(self, value: DateValue, source: str = "text") -> None:
        self.time, self.source = value, source
        self.doubt = self.after = self.before = None
        self.aside_years = frozenset()

    def advance(self, value: DateValue, section: int, block: int) -> None:
        """The story moves to ``value``; a date finer than a year is also its point."""
        self.time, self.section, self.block = value, section, block
        if value.end_key()[1]:
            self.point, self.point_section = value, section

    def copy(self) -> Story:
        return replace(self)

    @property
    def year(self) -> int | None:
        """The story's year, when its time lies in one year."""
        if self.time is None:
            return None
        first, last = year_of(self.time.start), year_of(self.time.end)
        return first if first == last else None


@dataclass(frozen=True)
class YearCase:
    """A year-less date and what the model knows when it gives it a year."""

    site: Site
    candidate: DateValue | None
    story: Story
    from_sentence: bool
    written_years: tuple[tuple[int, int], ...]
    same_day_years: frozenset[int]
    next_year_in_section: int | None
    no_such_day: bool = False
    # The date and the noun after it ("September 11 attacks") recur in the document.
    name_repeated: bool = False
    # Its year is given by a relative phrase after it that cannot be counted.
    year_phrase_refused: bool = False
    section: int = -1
    block: int = -1
    # It belongs to a list of year-less dates that crosses the turn of a year ("(December
    # 30 and January 9)").
    list_across_year: bool = False
    # The years its paragraph writes before it (flashbacks and what a reader passes over
    # left out), and whether the story's time was told in this paragraph.
    paragraph_years: frozenset[int] = frozenset()
    story_here: bool = False
    # The story's last day or month when its paragraph opens by saying it follows on ("A
    # period of repression followed."), and whether a date of the paragraph already ran
    # back before it.
    continues_from: DateValue | None = None
    out_of_order: bool = False
    # The document names two calendars ("25 October 1917 according to the Julian
    # calendar and 7 November in the Gregorian calendar").
    two_calendars: bool = False


@dataclass(frozen=True)
class RelativeCase:
    """A relative date, the date it counts from and the value counted."""

    site: Site
    anchor: Timed | None
    value: DateValue | None
    written: tuple[DateMention, ...] = field(default=())
    sentences_back: int = 0
    unread_month: bool = False
    story_year: int | None = None


# --- year rules ---------------------------------------------------------------------------

_FUNCTION_WORDS = frozenset(
    "in on at by of for to from with and or the a an as was were is are".split()
)
_ABBREVIATED_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)")


def _names_something(case: YearCase) -> bool:
    """A name that holds a date: "before Jan Tęczyński" (a first name, not January), "the
    October Revolution", "the National September 11 Memorial" (a capitalised word after
    the date), "the September 11 attacks" (a dated noun the document repeats)."""
    site = case.site
    following = _word_after_date(site)
    if following is None:
        return False
    if _ABBREVIATED_MONTH.fullmatch(site.mention.text.split()[0]) and following[:1].isupper():
        return True
    previous = re.search(r"([A-Za-z][\w’'-]*)\s+$", site.text[: site.mention.start])
    if previous is None or not _noun_like(following):
        return False
    word = previous.group(1)
    if following[:1].isupper():
        return word.lower() == "the" or (
            word[:1].isupper() and word.lower() not in _FUNCTION_WORDS and previous.start() > 0
        )
    return word.lower() == "the" and case.name_repeated


def _word_after_date(site: Site) -> str | None:
    """The word right after a date, unless it is a calendar or function word."""
    match = re.match(r" ([A-Za-z][\w’'-]*)", site.after)
    if match is None:
        return None
    word = match.group(1)
    lower = word.lower()
    return None if lower in CALENDAR_WORDS or lower in _FUNCTION_WORDS else word


_YEARLY = re.compile(
    r"\b(?:observed|celebrated|commemorated|holiday|anniversary|each year|every year|"
    r"annually|annual)\b",
    re.IGNORECASE,
)


RUNS_BEFORE_WHAT_IT_FOLLOWS = "runs_before_what_it_follows"


def _story_based(case: YearCase) -> bool:
    return not case.from_sentence


def _spans_years(value: DateValue | None) -> bool:
    return value is not None and year_of(value.start) != year_of(value.end)


def _another_year_in_sentence(case: YearCase) -> bool:
    if case.candidate is None:
        return False
    year = year_of(case.candidate.start)
    return any(not first <= year <= last for first, last in case.written_years)


def _breaks_a_bound(case: YearCase) -> bool:
    story, candidate = case.story, case.candidate
    if candidate is None or not _story_based(case):
        return False
    if story.after is not None and _latest(candidate) < _earliest(story.after):
        return True
    return story.before is not None and _earliest(candidate) > _latest(story.before)


def _earliest(value: DateValue) -> tuple[int, int, int]:
    """The first day a date can mean, as (year, month, day)."""
    year, month, day = value.sort_key()
    return (year, month or 1, day or 1)


def _latest(value: DateValue) -> tuple[int, int, int]:
    """The last day a date can mean, as (year, month, day)."""
    year, month, day = value.end_key()
    return (year, month or 12, day or 31)


def _month_goes_back(case: YearCase) -> bool:
    """Its month lies far before the story's last date in the same year: a flashback
    inside the year, or the next year?"""
    time, candidate = case.story.time, case.candidate
    if time is None or candidate is None or not _story_based(case):
        return False
    if case.story.section != case.section:
        return False  # a section may start its own account further back in the year
    last = time.end_key()
    if last[1] == 0:
        return False  # the story's time is a whole year: any month fits it
    new = candidate.end_key()  # a span looks back from its end
    month = _span_end_month(case.site) or new[1]
    return new[0] == last[0] and last[1] - month > MAX_FLASHBACK_MONTHS


_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_BARE_MONTH_AFTER = re.compile(
    rf"\s*(?:and|to|until|till|through|-|–)\s*({'|'.join(_MONTH_NAMES)})\b(?!\s*\d)"
)
_SPAN_JOIN = re.compile(r"\s*(?:and|to|until|till|through|-|–)\s*")


def _span_end_month(site: Site) -> int | None:
    """The month a span ends in when the date starts it: "between February and October",
    "From 28 June to 20 September" look back from their end, not their start."""
    mention = site.mention
    if mention.preposition not in ("from", "between"):
        return None
    bare = _BARE_MONTH_AFTER.match(site.text, mention.end)
    if bare is not None:  # "between February and October": the second month is not read alone
        return _MONTH_NAMES.index(bare.group(1)) + 1
    for other in site.mentions:
        if other.start >= mention.end:
            if not _SPAN_JOIN.fullmatch(site.text, mention.end, other.phrase_start):
                return None
            return other.date.sort_key()[1] or None
    return None


def _aside_year_written_next(
    story: Story, value: DateValue, found: int, next_date: DateValue | None
) -> bool:
    """ "[1941 ...] The start of Case Blue had been planned for late May 1942. ...
    Operation Wilhelm attacked Voltshansk on 13 June ... Blau finally opened on 28 June
    1942": an aside took the text ahead to a later year than the story's, and the
    story's next written date is of that year and comes later in it; both say the
    year-less date is of that year. (An aside back to an earlier year says nothing of
    the dates after it.)"""
    if story.doubt in (None, "unsettled") or next_date is None or story.year is None:
        return False
    year = year_of(next_date.start)
    if story.aside_years != {year} or year <= story.year:
        return False
    try:
        candidate = with_year(value, found, year)
    except ValueError:
        return False
    return candidate.end_key() <= next_date.sort_key()


def _unconfirmed(case: YearCase) -> bool:
    """Whether the next year the section writes for its story leaves the year open: a
    doubt about the story's year is lifted when the text goes on to write that very year
    ("27 July 1942 ... [paragraphs later] 8 October 1942")."""
    candidate = case.candidate
    return candidate is None or case.next_year_in_section != year_of(candidate.start)


def _whole_year_after_point(case: YearCase) -> bool:
    """ "On 13 October ... on 1 November [1918] ... by the beginning of 1919 the whole
    Northern Caucasus was controlled. In October Gen. Alekseev ... died": after a whole
    year that follows a finer date of the year before, the month may still belong to that
    year."""
    story, candidate = case.story, case.candidate
    if not _story_based(case) or candidate is None or story.time is None:
        return False
    point = story.point
    if point is None or story.point_section != case.section or story.year is None:
        return False
    if story.time.end_key()[1] or year_of(point.end) != story.year - 1:
        return False
    return point.end_key()[1] - candidate.sort_key()[1] <= MAX_FLASHBACK_MONTHS


# A paragraph that opens by saying it goes on from what came before: "A period of
# repression followed.", "Afterwards, ...", "In the aftermath of the strike, ...".
_CONTINUES = re.compile(
    r"^(?:(?:Afterwards?|Then|Thereafter|Subsequently|In\s+the\s+aftermath|"
    r"After\s+(?:this|that)|Following\s+(?:this|that)|What\s+followed)\b"
    r"|[^,;:]*\bfollowed\W*$)"
)
# A date the text marks as told out of order: "Earlier, on 3 July", "had already".
_MARKED_BACK = re.compile(r"\b(?:earlier|previously|already|before\s+that|had)\b", re.IGNORECASE)


def opens_a_sequel(text: str) -> bool:
    """Whether a paragraph's first sentence says the paragraph goes on from the story
    before it: "A period of repression followed.", "Afterwards, the rebels withdrew"."""
    return bool(_CONTINUES.search(text.strip()))


def _runs_before_what_it_follows(case: YearCase) -> bool:
    """ "On 17 July, over 500,000 people participated ... [next paragraph] A period of
    repression followed. On 5–6 July, attacks were made on ... Pravda": the paragraph says
    it follows the 17 July demonstration yet dates itself before it in the same year (Old
    Style dates among New Style ones, unlabelled); its year-less dates after that one are
    no safer. A flashback the text marks ("had", "earlier") is no disagreement."""
    if case.out_of_order:
        return True
    start, candidate = case.continues_from, case.candidate
    if start is None or candidate is None or not _story_based(case):
        return False
    if case.site.role[0] != "story" or _MARKED_BACK.search(case.site.text):
        return False
    return year_of(candidate.end) == year_of(start.end) and _latest(candidate) < _earliest(start)


# A document that names both calendars, so that a year-less day may be given in either:
# a style label implies the other style ("March 16, 1751, (March 5, 1750, Old Style)");
# "the Julian calendar" alone (Caesar's reform) is one calendar, not two.
_STYLE_LABEL = re.compile(r"\b(?:Old|New)\s+Style\b|\b(?:old|new)\s+style\)|\b[ON]\.\s?S\b")
_JULIAN = re.compile(r"\bJulian\s+calendar\b", re.IGNORECASE)
_GREGORIAN = re.compile(r"\bGregorian\b", re.IGNORECASE)


def names_two_calendars(text: str) -> bool:
    """Whether a text names the Old Style and the New Style calendar: "(New Style)",
    "O.S.", or "according to the Julian calendar and 7 November in the Gregorian
    calendar"."""
    return bool(_STYLE_LABEL.search(text) or (_JULIAN.search(text) and _GREGORIAN.search(text)))


def calendar_gap(year: int) -> int:
    """How many days the New Style runs ahead of the Old in a year: 13 in 1900-2099, 12
    in the 19th century, 11 in the 18th, 10 before (from 1582)."""
    if year >= 1900:
        return 13
    if year >= 1800:
        return 12
    return 11 if year >= 1700 else 10


def _back_by_calendar_gap(case: YearCase) -> bool:
    """ "On 17 July, over 500,000 people participated ... On 5–6 July, attacks were made"
    in a document that names both calendars: a day that runs back from the story's last
    day of its section by no more than the days between the calendars may be the next
    event told in the other calendar; which day it is, the text does not say."""
    time, candidate = case.story.time, case.candidate
    if not case.two_calendars or time is None or candidate is None or not _story_based(case):
        return False
    mention = case.site.mention
    if mention.also is not None or mention.style is not None:
        return False  # "On 12 November (25 November N.S)": the text says which calendar
    if case.story.section != case.section or case.site.role[0] != "story":
        return False
    if candidate.end_date.granularity != "day" or time.start_date.granularity != "day":
        return False
    back = time.start_date.day_number() - candidate.end_date.day_number()
    return 0 < back <= calendar_gap(year_of(candidate.end))


YEAR_RULES: tuple[Rule[YearCase], ...] = (
    Rule(
        "year_less_name",
        "a name holding a date ('the September 11 attacks', 'the October Revolution')",
        _names_something,
    ),
    Rule(
        "year_less_since",
        "year-less date after 'since' (it looks back from the story's time)",
        lambda case: case.site.mention.preposition == "since",
    ),
    Rule(
        "year_less_every_year",
        "year-less day kept every year (a holiday, an anniversary)",
        lambda case: bool(_YEARLY.search(case.site.text)),
    ),
    Rule(
        "year_phrase_refused",
        "its year is given by a relative phrase ('of the same year') that cannot be counted",
        lambda case: case.year_phrase_refused,
    ),
    Rule(
        "list_across_new_year",
        "a list of year-less dates that crosses the turn of a year ('December 30 and January 9')",
        lambda case: case.list_across_year,
    ),
    Rule(
        "no_year_before",
        "year-less date with no year written before it",
        lambda case: _story_based(case) and case.story.time is None,
    ),
    Rule(
        "heading_spans_years",
        "year-less date in a section whose heading spans several years, before any year",
        lambda case: (
            _story_based(case) and case.story.source == "heading" and _spans_years(case.story.time)
        ),
    ),
    Rule(
        "paragraph_years_disagree",
        "its paragraph writes other years before it, and the story's year comes from "
        "before the paragraph",
        lambda case: (
            _story_based(case)
            and not case.story_here
            and bool(case.paragraph_years)
            and case.candidate is not None
            and year_of(case.candidate.start) not in case.paragraph_years
        ),
    ),
    Rule(
        "story_spans_years",
        "year-less date after a time spanning several years (a range, a decade)",
        lambda case: _story_based(case) and _spans_years(case.story.time),
    ),
    Rule(
        "another_year_in_sentence",
        "year-less date beside another year in its sentence",
        _another_year_in_sentence,
    ),
    Rule(
        "no_such_day",
        "year-less day that does not exist in the story's year (29 February)",
        lambda case: case.no_such_day,
    ),
    Rule(
        "stepped_back_before",
        "the story stepped back to an earlier year in a paragraph before it: that year or "
        "the one it left?",
        lambda case: (
            _story_based(case)
            and case.story.rival is not None
            and case.story.rival_block != case.block
            and case.candidate is not None
            and year_of(case.candidate.start) != case.story.rival
            and _unconfirmed(case)
        ),
    ),
    Rule(
        "aside_with_another_year",
        "a flashback, remark or plan with another year lies between it and the story's year",
        lambda case: (
            _story_based(case)
            and case.story.doubt not in (None, "unsettled")
            and _unconfirmed(case)
        ),
    ),
    Rule(
        "unsettled_before",
        "the year of a date before it could not be settled",
        lambda case: _story_based(case) and case.story.doubt == "unsettled" and _unconfirmed(case),
    ),
    Rule(
        RUNS_BEFORE_WHAT_IT_FOLLOWS,
        "its paragraph says it follows the date before it, yet its year-less dates run "
        "back before that date (another calendar, unlabelled?)",
        _runs_before_what_it_follows,
    ),
    Rule(
        "back_by_calendar_gap",
        "the document names two calendars and this day runs back from the day before it by "
        "no more than the days between them: Old Style or New?",
        _back_by_calendar_gap,
    ),
    Rule(
        "breaks_a_bound",
        "the story's year would put it before a date it is told after (or after one it "
        "is told before)",
        _breaks_a_bound,
        unsettles=True,
    ),
    Rule(
        "month_goes_back",
        "its month comes months before the story's last date: the same year or the next?",
        _month_goes_back,
        unsettles=True,
    ),
    Rule(
        "whole_year_after_point",
        "a whole year was written after a date of the year before: its month may belong to either",
        _whole_year_after_point,
        unsettles=True,
    ),
    Rule(
        "same_day_other_year",
        "the same day was just given another year",
        lambda case: (
            bool(case.same_day_years)
            and case.candidate is not None
            and year_of(case.candidate.start) not in case.same_day_years
        ),
        unsettles=True,
    ),
    Rule(
        "story_runs_back",
        "the next year written in its section is earlier: the story's year is not settled",
        lambda case: (
            _story_based(case)
            and case.candidate is not None
            and case.next_year_in_section is not None
            and case.next_year_in_section < year_of(case.candidate.start)
        ),
        unsettles=True,
    ),
)


# --- relative rules -----------------------------------------------------------------------

_COMPOUND_OFFSET = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:days?|weeks?|months?|years?)\s+and\s+$",
    re.IGNORECASE,
)
_APPROXIMATE_COUNT = re.compile(
    r"\b(?:nearly|almost|about|around|approximately|roughly|some|over|more\s+than|less\s+than|"
    r"fewer\s+than|under|within|barely|just\s+over|just\s+under|up\s+to)\s+$",
    re.IGNORECASE,
)


def _restated(case: RelativeCase) -> bool:
    """ "The following year, on 13 June 2018", "On 12 July 1949, 550 years later": the
    relative phrase and a date written right beside it name one time."""
    site = case.site
    for other in site.mentions:
        if other.start >= site.mention.end:
            between = site.text[site.mention.end : other.phrase_start]
        elif other.end <= site.mention.phrase_start:
            between = site.text[other.end : site.mention.phrase_start]
        else:
            continue
        if not between.strip(" ,"):
            return True
    return False


# What ends the clause of a relative date before a date written after it: "The following
# year, Ballard returned ..., and from 1987 salvage expeditions recovered ...".
_NEW_CLAUSE = re.compile(
    r";|,\s*(?:and|but|while|whereas|when|after|before|although|though|until)\b"
    r"|\b(?:and|but)\s+(?:from|in|on|by|since|until)\b",
    re.IGNORECASE,
)


def _disagrees_with_written(case: RelativeCase) -> bool:
    """ "A year later, Lyngstad performed ... in May 1984" counted from 21 January 1984:
    the clause writes the time of its event after the relative phrase, and another."""
    if case.value is None:
        return False
    site = case.site
    return any(
        other.start >= site.mention.end
        and not _NEW_CLAUSE.search(site.text[site.mention.end : other.phrase_start])
        and not _agree(case.value, other.date)
        for other in case.written
    )


def _anchor_out_of_story(case: RelativeCase) -> bool:
    """ "In January 1911 she stood for election ...; the Academy did not admit a woman
    until 1962. Later that year newspapers published letters": the date just before
    steps out of the story (a flashback, a "not until", a later remark) into a year that
    is not the story's, so "that year" may mean either; a careful reader counts from the
    story, the nearest date from the other: the signals disagree."""
    anchor = case.anchor
    return (
        anchor is not None
        and anchor.refusal is None
        and anchor.role == "flashback"
        and case.story_year is not None
        and not year_of(anchor.mention.date.start)
        <= case.story_year
        <= year_of(anchor.mention.date.end)
    )


def _agree(first: DateValue, second: DateValue) -> bool:
    """Whether two dates can be one: one holds the other at the coarser precision."""
    a, b = first.start, second.start
    size = min(len(a), len(b))
    return a[:size] == b[:size]


def _anchor_aside(case: RelativeCase) -> bool:
    """The date just before it is a plan ("agreed to disarm on September 20 ... the
    agreement brokered that day") or a year naming a thing ("that year" after "the
    February Revolution of 1917" may mean 1917, or the story's year; "the Men of the Year
    for 1968 ... the preceding year" means 1968)."""
    anchor = case.anchor
    return (
        anchor is not None
        and anchor.refusal is None
        and (anchor.role_rule in PLAN_ROLES or anchor.role == "background")
    )


_COUNTS_BACK = re.compile(r"\b(?:previous|preceding|earlier|before|prior)\b", re.IGNORECASE)


def counts_back(mention: DateMention) -> bool:
    """ "the previous year", "a year earlier", "the day before": a relative date behind
    the date it counts from."""
    return mention.relative and bool(_COUNTS_BACK.search(mention.text))


RELATIVE_RULES: tuple[Rule[RelativeCase], ...] = (
    Rule(
        "relative_in_weeks",
        "relative date in weeks (often approximate: two weeks before the 17th)",
        lambda case: "week" in case.site.mention.text.lower(),
    ),
    Rule(
        "relative_compound",
        "relative date with a compound offset ('a year and a day later')",
        lambda case: bool(_COMPOUND_OFFSET.search(case.site.before)),
    ),
    Rule(
        "relative_approximate",
        "relative date counted approximately ('nearly 30 years earlier')",
        lambda case: bool(_APPROXIMATE_COUNT.search(case.site.before)),
    ),
    Rule(
        "relative_restated",
        "relative date restated as a date ('The following year, on 13 June 2018')",
        _restated,
    ),
    Rule(
        "relative_no_anchor",
        "relative date with no date before it in its paragraph",
        lambda case: case.anchor is None,
    ),
    Rule(
        "relative_anchor_far",
        "relative date counted from a date more than three sentences before it",
        lambda case: case.anchor is not None and case.sentences_back > MAX_SENTENCES_BACK,
    ),
    Rule(
        "relative_after_unread_month",
        "a month name no date was read from lies between it and the date it counts from",
        lambda case: case.unread_month,
    ),
    Rule(
        "relative_from_unsettled",
        "relative date counted from a date whose year is not settled",
        lambda case: case.anchor is not None and case.anchor.refusal is not None,
    ),
    Rule(
        "relative_from_aside",
        "relative date not counted from the date just before it: that date is a plan or "
        "names a thing",
        _anchor_aside,
    ),
    Rule(
        "relative_from_other_time",
        "relative date counted from a date that steps out of the story into another year "
        "(a flashback, a 'not until'): the story's year or that one",
        _anchor_out_of_story,
    ),
    Rule(
        "relative_finer_than_anchor",
        "relative date finer than the date it counts from",
        lambda case: case.value is None,
    ),
    Rule(
        "relative_disagrees",
        "relative date beside a written date it disagrees with",
        _disagrees_with_written,
    ),
)


# --- the model ----------------------------------------------------------------------------

# Year-less dates are found against a reference in a year the text does not write, so
# that a mention that took its year from it is known to need the model's year; a leap
# year keeps 29 February. Another is used when a sentence writes a year near the first.
_SENTINEL_YEARS = (556, 772, 888, 932)


def _sentinel_for(text: str) -> int:
    """A reference year no date of ``text`` can be within a year of."""
    for year in _SENTINEL_YEARS:
        if not any(str(near) in text for near in (year - 1, year, year + 1)):
            return year
    return _SENTINEL_YEARS[0]


def year_of(iso: str) -> int:
    """The year of an ISO-like date end ("1942-08-23" -> 1942, "-0044" -> -44)."""
    match = re.match(r"(-?)(\d+)", iso)
    if match is None:
        raise ValueError(f"not a date: {iso!r}")
    year = int(match.group(2))
    return -year if match.group(1) else year


def with_year(value: DateValue, old: int, new: int) -> DateValue:
    """``value`` with every end in year ``old`` moved to year ``new``.

    Raises:
        ValueError: the day does not exist in year ``new`` (29 February).
    """
    written = f"-{-new:04d}" if new < 0 else f"{new:04d}"
    ends = []
    for end in value.value.split("/"):
        match = re.fullmatch(r"(-?\d{4})(.*)", end)
        if match is None:
            raise ValueError(f"not a date: {end!r}")
        ends.append(written + match.group(2) if year_of(end) == old else end)
    return DateValue("/".join(ends), value.granularity)


@dataclass(frozen=True)
class _Pending:
    """A sentence's mentions, each in its sentence, from the first pass."""

    text: str
    sentinel: int
    mentions: tuple[DateMention, ...]
    sites: tuple[Site, ...]


class Timeline:
    """Reads a document's dates in order and gives each its year (or its refusal).

    Args:
        document: the document.
        texts: the text of each sentence to search (repaired), by the sentence's start.
    """

    def __init__(self, document: Document, texts: Mapping[int, str]) -> None:
        self._document = document
        self._texts = texts
        self._sections = document.sections
        self._starts = [section.start for section in document.sections]
        self._pending: dict[int, _Pending] = {}
        self._story_years: dict[int, list[tuple[int, int, DateValue]]] = {}
        self._timed: dict[int, list[Timed]] = {}
        self._references: dict[int, DateValue | None] = {}
        self._dated_nouns: Counter[tuple[str, str]] = Counter()
        self._two_calendars = names_two_calendars(document.text)
        self._read_mentions()
        self._read_story()

    def dates(self, sentence: Sentence) -> list[Timed]:
        """The sentence's date mentions in order, each with the model's year."""
        return self._timed.get(sentence.start, [])

    def reference(self, block: Block) -> DateValue | None:
        """The story's time before a table: what a year-less cell may take its year from
        (None when the year is not settled there)."""
        return self._references.get(block.start)

    # --- first pass: mentions, and the story's written years for looking ahead -----------

    def _read_mentions(self) -> None:
        for block in self._document.blocks:
            if block.kind in ("references", "table"):
                continue
            section = self._section_index(block.start)
            for sentence in block.sentences:
                text = self._texts.get(sentence.start, sentence.text)
                sentinel = _sentinel_for(text)
                reference = DateValue(f"{sentinel:04d}-06-15", "day")
                mentions = tuple(find_dates(text, reference))
                sites = tuple(Site(text, mention, mentions) for mention in mentions)
                self._pending[sentence.start] = _Pending(text, sentinel, mentions, sites)
                for mention in mentions:
                    if mention.inferred and not mention.relative:
                        noun = _word_after_date(Site(text, mention, mentions))
                        if noun is not None:
                            self._dated_nouns[(mention.text, noun.lower())] += 1
                if block.kind != "paragraph":
                    continue
                for mention, site in zip(mentions, sites, strict=True):
                    if mention.inferred or mention.relative:
                        continue
                    role, _ = site.role
                    if role == "story" and not _spans_years(mention.date):
                        position = sentence.start + mention.start
                        years = self._story_years.setdefault(section, [])
                        years.append((position, year_of(mention.date.start), mention.date))

    def _section_index(self, offset: int) -> int:
        return bisect_right(self._starts, offset) - 1

    def _heading_years(self, index: int) -> tuple[int, int] | None:
        """The years a section's own heading spans ("Siberia (1919)", "Loss of Normandy,
        1202–1204"), or None."""
        title = self._sections[index].title
        years = [m for m in find_dates(title) if not m.inferred and not m.vague]
        if not years:
            return None
        return (
            min(year_of(m.date.start) for m in years),
            max(year_of(m.date.end) for m in years),
        )

    def _next_story_year(self, section: int, position: int) -> int | None:
        following = self._next_story_date(section, position)
        return None if following is None else year_of(following.start)

    def _next_story_date(self, section: int, position: int) -> DateValue | None:
        """The next date of the story its section writes with its year, or None."""
        years = self._story_years.get(section, [])
        index = bisect_right(years, (position, 1 << 30))
        return years[index][2] if index < len(years) else None

    # --- second pass: the story ---------------------------------------------------------

    def _read_story(self) -> None:
        story = Story()
        section = -2
        for block in self._document.blocks:
            if block.kind == "references":
                continue
            index = self._section_index(block.start)
            if index != section:
                section = index
                self._enter_section(story, index)
            if block.kind == "table":
                self._references[block.start] = (
                    story.time if story.doubt is None and story.year is not None else None
                )
                continue
            if block.kind == "list":
                # An item of a list reads against the story but moves nothing after it.
                self._read_block(block, story.copy(), index)
            else:
                self._read_block(block, story, index)

    def _enter_section(self, story: Story, index: int) -> None:
        # A step back made in the section before is the thread the new section takes up.
        story.rival = None
        heading = self._heading_years(index) if index >= 0 else None
        if heading is None:
            return
        first, last = heading
        if story.year is not None and story.year == first:
            return  # the story goes on into the section's years
        if first == last:
            story.set(DateValue(f"{first:04d}", "year"), source="heading")
        else:
            story.set(DateValue(f"{first:04d}/{last:04d}", "range"), source="heading")
        story.section = index

    def _read_block(self, block: Block, story: Story, section: int) -> None:
        paragraph = _Paragraph(section=section, block=block.start)
        for sentence in block.sentences:
            pending = self._pending.get(sentence.start)
            if pending is None:
                continue
            text, mentions = pending.text, pending.mentions
            if paragraph.sentence == 0 and block.kind == "paragraph" and opens_a_sequel(text):
                paragraph.continues_from = _sequel_start(story, section)
            unread = _unread_months(text, mentions)
            timed_list: list[Timed] = []
            ahead: dict[int, Timed] = {}
            cursor = 0
            for index, mention in enumerate(mentions):
                if any(cursor <= at < mention.phrase_start for at in unread):
                    paragraph.unread_month = True
                cursor = mention.end
                site = pending.sites[index]
                if index in ahead:
                    timed = ahead.pop(index)
                elif not mention.inferred:
                    timed = self._written(site, story, paragraph, timed_list)
                elif mention.relative:
                    timed = self._relative(site, story, paragraph, timed_list, pending.sites)
                else:
                    # "in September of the same year": the year is the relative phrase's
                    of_year = _of_relative_year(text, mentions, index)
                    year_from: Timed | None = None
                    if of_year is not None:
                        year_from = ahead[index + 1] = self._relative(
                            pending.sites[index + 1], story, paragraph, timed_list, pending.sites
                        )
                    position = sentence.start + mention.start
                    timed = self._year_less(
                        site,
                        pending.sentinel,
                        story,
                        paragraph,
                        timed_list,
                        self._next_story_date(section, position),
                        year_from,
                        _list_year(text, mentions, index),
                    )
                timed_list.append(timed)
                if timed.refusal is not None and timed.refusal.name == RUNS_BEFORE_WHAT_IT_FOLLOWS:
                    paragraph.out_of_order = True
                if timed.refusal is None:
                    _remember_day(paragraph.days, timed.mention.date)
                paragraph.remember(timed)
            if any(cursor <= at for at in unread):
                paragraph.unread_month = True
            paragraph.sentence += 1
            self._timed[sentence.start] = timed_list

    def _written(
        self, site: Site, story: Story, paragraph: _Paragraph, earlier: Sequence[Timed]
    ) -> Timed:
        role, name = site.role
        value = site.mention.date
        if role == "story" and story.rival is not None and story.rival_block != paragraph.block:
            story.rival = None  # a later paragraph writes the story's time: it goes on from it
        if (
            role == "story"
            and story.section == paragraph.section
            and story.time is not None
            and year_of(value.end) < year_of(story.time.start)
        ):
            # "In the summer of 1956, the navy sponsored a study ... [next paragraph] Mark
            # was named head of the theoretical division in 1947": the story steps back,
            # in a thread of its own or a flashback; after its paragraph, a year-less date
            # may belong to either year
            story.rival, story.rival_block = year_of(story.time.start), paragraph.block
            name = GOES_BACK
        if role == "story":
            # the text writes the story's time again: what the paragraph follows on from
            # no longer bears on the year-less dates after it
            paragraph.continues_from, paragraph.out_of_order = None, False
            start = _span_start(site, earlier)
            span = (
                DateValue.between(start.start_date, value.end_date) if start is not None else value
            )
            if story.year is not None and year_of(span.start) < story.year == year_of(span.end):
                # "From 1914 to 1917, almost 50% of healthy men were sent to war" in a
                # story at 1917: a look back over the years up to the story's own
                return Timed(site.mention, "flashback", SPAN_TO_STORY)
            story.section = paragraph.section
            story.set(span)
            story.advance(span, paragraph.section, paragraph.block)
        elif role == "aside":
            if story.year is None or not (year_of(value.start) <= story.year <= year_of(value.end)):
                story.doubt = story.doubt or name
                story.aside_years |= set(range(year_of(value.start), year_of(value.end) + 1))
        elif role == "after":
            if story.after is None or value.sort_key() > story.after.sort_key():
                story.after = value
            if name == "after_reference_event" and (
                story.year is None or year_of(value.start) > story.year
            ):
                # "Following the death of Pope Pius XII on 9 October 1958, Roncalli watched
                # the funeral on 11 October": what follows an event of a later year than
                # the story's happens in that year
                story.set(value)
                story.advance(value, paragraph.section, paragraph.block)
                story.after = value
        elif role == "before":
            if story.before is None or value.end_key() < story.before.end_key():
                story.before = value
        return Timed(site.mention, role, name)

    def _year_less(
        self,
        site: Site,
        sentinel: int,
        story: Story,
        paragraph: _Paragraph,
        earlier: Sequence[Timed],
        next_date: DateValue | None,
        year_from: Timed | None,
        list_year: int | None = None,
    ) -> Timed:
        mention = site.mention
        found = year_of(mention.date.start)
        derived = abs(found - sentinel) <= 1  # from the reference, through a list or not
        from_sentence = not derived and _source_is_story(found, earlier)
        candidate: DateValue | None = None
        no_such_day = False
        given: int | None = None  # a year its own sentence gives it
        if year_from is not None and year_from.refusal is None:
            given = year_of(year_from.mention.date.start)
        elif list_year is not None and derived:
            given = list_year
        elif year_from is None and not from_sentence:
            given = _named_year_in_clause(site, earlier)
        year = given if given is not None else story.year
        next_year = None if next_date is None else year_of(next_date.start)
        if (
            given is None
            and not from_sentence
            and _aside_year_written_next(story, mention.date, found, next_date)
        ):
            year = next_year
        if from_sentence:
            candidate = mention.date
        elif year is not None and not (year_from is not None and year_from.refusal is not None):
            from_sentence = given is not None
            try:
                candidate = with_year(mention.date, found, year)
            except ValueError:
                no_such_day = True
        written = tuple(
            (year_of(other.date.start), year_of(other.date.end))
            for other in site.mentions
            if not other.inferred and not other.relative and _bears_on(site, other)
        )
        noun = (_word_after_date(site) or "").lower()
        case = YearCase(
            site=site,
            candidate=candidate,
            story=story.copy(),
            from_sentence=from_sentence,
            written_years=written,
            same_day_years=frozenset(_day_years(paragraph.days, mention.date)),
            next_year_in_section=next_year,
            no_such_day=no_such_day,
            name_repeated=self._dated_nouns[(mention.text, noun)] > 1,
            year_phrase_refused=year_from is not None and year_from.refusal is not None,
            section=paragraph.section,
            block=paragraph.block,
            paragraph_years=frozenset(paragraph.years),
            list_across_year=_crosses_new_year(site, sentinel),
            story_here=story.block == paragraph.block,
            continues_from=paragraph.continues_from,
            out_of_order=paragraph.out_of_order,
            two_calendars=self._two_calendars,
        )
        refusal = first_failing(YEAR_RULES, case)
        role, name = site.role
        if refusal is not None:
            if refusal.unsettles:
                story.doubt = "unsettled"
            return Timed(mention, role, name, refusal)
        assert candidate is not None
        if role == "story":
            story.advance(candidate, paragraph.section, paragraph.block)
        return Timed(_in_year(site.text, mention, candidate), role, name)

    def _relative(
        self,
        site: Site,
        story: Story,
        paragraph: _Paragraph,
        earlier: Sequence[Timed],
        sites: Sequence[Site],
    ) -> Timed:
        mention = site.mention
        # "that year", "a year later" may point to the last year written even when it
        # names a thing ("the February Revolution of 1917", "Wilson's secret 1971 meeting
        # ... wrote 30 years later"); "two days later" counts from the story's last step
        by_year = mention.date.granularity == "year"
        anchor, distance = paragraph.anchor_for(by_year)
        if by_year:
            own = [t for t in earlier if not t.mention.inferred and t.role_rule not in _PASSED_OVER]
            if own:
                anchor, distance = own[-1], 0
        value: DateValue | None = None
        if anchor is not None and anchor.refusal is None:
            phrase = site.text[mention.phrase_start : mention.end]
            counted = find_dates(phrase, anchor.mention.date)
            if counted and counted[0].relative:
                value = counted[0].date
        written = tuple(
            other.mention
            for other in sites
            if other.mention is not mention
            and not other.mention.relative
            and not other.mention.inferred
            and other.role[0] == "story"
        )
        case = RelativeCase(
            site, anchor, value, written, distance, paragraph.unread_month, story.year
        )
        refusal = first_failing(RELATIVE_RULES, case)
        role, name = site.role
        if role in ("story", "flashback") and counts_back(mention):
            # "declined 85% from the previous year": a look back, not the story moving; nor
            # does a later count start from it ("had aided his enemies the previous year.
            # He returned the following year": the year after the story's, not after that)
            role, name = "aside", COUNTS_BACK
        if refusal is not None or value is None:
            return Timed(mention, role, name, refusal)
        if role == "story":
            story.advance(value, paragraph.section, paragraph.block)
        return Timed(replace(mention, date=value), role, name)


# What a reader passes over: no count starts from it.
_PASSED_OVER = frozenset({"in_brackets", "in_caption", "in_quotation"})

# The role of a written date that steps back from the story's year inside its section,
# and of a relative date that counts back ("the previous year").
GOES_BACK = "goes_back_in_section"
COUNTS_BACK = "counts_back"
# The role of a span of years that ends in the story's year.
SPAN_TO_STORY = "span_to_story"


@dataclass
class _Paragraph:
    """What a paragraph has told so far."""

    days: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    anchor: Timed | None = None  # the last date a count may start from
    anchor_sentence: int = -1
    named: Timed | None = None  # the last date written, a year naming a thing included
    named_sentence: int = -1
    unread_month: bool = False  # a month name no date was read from, since the anchor
    section: int = -1  # the index of the paragraph's section
    block: int = -1  # the paragraph's start in the document
    years: set[int] = field(default_factory=set)  # the years it wrote, all but passed over
    sentence: int = 0  # the index of the sentence being read
    # The story's date it says it follows on from ("A period of repression followed."),
    # and whether one of its year-less dates already ran back before that date.
    continues_from: DateValue | None = None
    out_of_order: bool = False

    def remember(self, timed: Timed) -> None:
        mention = timed.mention
        if (
            not mention.inferred
            and timed.role_rule not in _PASSED_OVER
            and timed.role != "flashback"
        ):
            # the paragraph's own time: a flashback steps out of it
            self.years.update(range(year_of(mention.date.start), year_of(mention.date.end) + 1))
        if timed.role_rule == COUNTS_BACK:
            return  # "later that year" after "from the previous year" is the story's year
        if timed.role in ("story", "flashback", "aside"):
            # "Honecker, who had led the country since 1971, was forced to resign eleven
            # days later": a count never starts from a bound, nor from what a reader
            # passes over (brackets, quotes, a caption)
            self.anchor = self.named = timed
            self.anchor_sentence = self.named_sentence = self.sentence
            self.unread_month = False
        elif timed.role_rule == NAMES_A_THING:
            self.named, self.named_sentence = timed, self.sentence

    def anchor_for(self, by_year: bool) -> tuple[Timed | None, int]:
        """The date a relative one counts from, and how many sentences back it is."""
        if by_year:
            return self.named, self.sentence - self.named_sentence
        return self.anchor, self.sentence - self.anchor_sentence


_MONTH_WORD = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)


def _sequel_start(story: Story, section: int) -> DateValue | None:
    """The date a paragraph that says it follows on continues from: the story's last
    date, when it is finer than a year, settled, and told in this section or the one
    before ("... On 17 July, over 500,000 people participated ... [next paragraph] A
    period of repression followed.")."""
    time = story.time
    if time is None or not time.end_key()[1] or story.doubt is not None:
        return None
    return time if story.section >= section - 1 else None


def _unread_months(text: str, mentions: Sequence[DateMention]) -> list[int]:
    """Where a sentence names a month outside every date read from it ("In May, former
    IRA commander Gerard Davison was shot dead": "May" alone is never read)."""
    return [
        match.start()
        for match in _MONTH_WORD.finditer(text)
        if not any(m.phrase_start <= match.start() < m.end for m in mentions)
    ]


_MONTH_LIST = re.compile(
    r"(?:\s*(?:,|and|or|&)\s*|\s+)*(?:(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)(?:\s*(?:,|and|or|&)\s*|\s+)+)*(?:and|or|&)?\s*"
)


def _list_year(text: str, mentions: Sequence[DateMention], index: int) -> int | None:
    """The year a list of months shares with its last member: "Throughout June, July, and
    August 1917" is June 1917 (the months between are too bare to be read alone)."""
    mention = mentions[index]
    for following in mentions[index + 1 :]:
        if following.inferred or following.relative:
            return None
        if not _MONTH_LIST.fullmatch(text, mention.end, following.phrase_start):
            return None
        if year_of(following.date.start) != year_of(following.date.end):
            return None
        return year_of(following.date.start)
    return None


def _of_relative_year(text: str, mentions: Sequence[DateMention], index: int) -> DateMention | None:
    """The relative year right after a year-less date that gives it its year: "in
    September of the same year", "in early November of that year"."""
    if index + 1 >= len(mentions):
        return None
    mention, following = mentions[index], mentions[index + 1]
    if not following.relative or following.date.granularity != "year":
        return None
    between = text[mention.end : following.phrase_start]
    return following if re.fullmatch(r"\s*(?:of|,)\s*", between) else None


_SPAN_WORDS = re.compile(r"\b(?:to|until|till|through)\b")
_FROM_BEFORE = re.compile(r"\b(?:from|between)\s+the\s+[a-z]+\s+of\s+$")  # "from the spring of"


# Granularities that are spans of time of their own, not points a span can run between.
_SPANS = frozenset({"range", "decade", "century"})


def _in_year(text: str, mention: DateMention, candidate: DateValue) -> DateMention:
    """The mention with the model's year. A day given in both calendars ("24 October (6
    November N.S.)") was read against a reference before 1582, when there was no New
    Style, so its calendars are paired again in the model's year: the New Style day is
    the value and the Old Style one is accepted too (never a day of the sentinel year)."""
    if mention.also is None:
        return replace(mention, date=candidate)
    reference = DateValue(f"{year_of(candidate.start):04d}-06-15", "day")
    again = find_dates(text[mention.start : mention.end], reference)
    if len(again) == 1 and again[0].end - again[0].start == mention.end - mention.start:
        return replace(mention, date=again[0].date, also=again[0].also, style=again[0].style)
    return replace(mention, date=candidate, also=None)


def _span_start(site: Site, earlier: Sequence[Timed]) -> DateValue | None:
    """The start of a span the sentence writes in two dates: "from the spring of 1942 to
    the end of the fighting in 1943" is the story's time from 1942 to 1943."""
    for timed in reversed(earlier):
        if timed.role != "story" or timed.refusal is not None:
            continue
        first = timed.mention
        opening = site.text[: first.phrase_start]
        if first.preposition not in ("from", "between") and not _FROM_BEFORE.search(opening):
            return None
        between = site.text[first.end : site.mention.phrase_start]
        if ";" in between or not _SPAN_WORDS.search(between):
            return None
        start, end = first.date, site.mention.date
        if start.granularity in _SPANS or end.granularity in _SPANS:
            return None
        return start if _earliest(start) < _earliest(end) else None
    return None


def _crosses_new_year(site: Site, sentinel: int) -> bool:
    """Whether a year-less date belongs to a list of them that the finder had to spread
    over two years ("December 30 and January 9"): which two, the text does not say."""
    if year_of(site.mention.date.start) not in (sentinel - 1, sentinel, sentinel + 1):
        return False
    return any(
        other.inferred
        and not other.relative
        and year_of(other.date.start) != sentinel
        and abs(year_of(other.date.start) - sentinel) == 1
        for other in site.mentions
    )


def _bears_on(site: Site, other: DateMention) -> bool:
    """Whether a year written in a date's sentence bears on the date's year: any year
    before it ("The following year, at a trial held in July"), one after it only in its
    clause ("in late October in the second Revolution of 1917") or right after a comma
    ("in February, 2010")."""
    if other.end <= site.mention.phrase_start:
        return True
    between = site.text[site.mention.end : other.phrase_start]
    return not _CLAUSE_BREAK.search(between) or bool(re.fullmatch(r"\s*,\s*", between))


def _named_year_in_clause(site: Site, earlier: Sequence[Timed]) -> int | None:
    """The year of the thing a date belongs to, named just before it in its clause: "In
    the 2006 final in Berlin on 9 July" is 9 July 2006."""
    for timed in reversed(earlier):
        if timed.role_rule != NAMES_A_THING:
            continue
        value = timed.mention.date
        between = site.text[timed.mention.end : site.mention.phrase_start]
        if year_of(value.start) == year_of(value.end) and not _CLAUSE_BREAK.search(between):
            return year_of(value.start)
        return None
    return None


def _source_is_story(year: int, earlier: Sequence[Timed]) -> bool:
    """Whether a year the finder took from inside the sentence came from a date of the
    story (or a list sharing its year) rather than from a remark or flashback."""
    for timed in reversed(earlier):
        value = timed.mention.date
        if timed.mention.inferred:
            continue  # a year-less date before it only passed the year on
        if year_of(value.start) <= year <= year_of(value.end):
            return timed.role == "story"
    return True  # no date before it holds the year: a list shares the year written after


def _remember_day(days: dict[tuple[int, int], set[int]], value: DateValue) -> None:
    if value.granularity != "day":
        return
    _, month, day = value.sort_key()
    days.setdefault((month, day), set()).add(year_of(value.start))


def _day_years(days: Mapping[tuple[int, int], set[int]], value: DateValue) -> set[int]:
    if value.granularity != "day":
        return set()
    _, month, day = value.sort_key()
    return days.get((month, day), set())

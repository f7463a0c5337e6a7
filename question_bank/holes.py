"""Holes: the traces names leave when they are stripped from a sentence, and debris.

Stripped text reads like "between and the forces", "signed on , 2020", "Soviet
confirmed" (a demonym whose noun is gone) or "By October 13, secured the heights" (a
subject gone). No single pattern finds them all, so this module combines character
patterns with rules over pairs of neighbouring words, using closed word classes
(determiners, prepositions, titles, demonyms) and ``lemminflect``'s lemma tables to tell
a bare past-tense verb from a noun.

Debris (:data:`DEBRIS`) is a hole too: markup, footnote marks, words and numbers run
together, a number stripped from before its unit. What :mod:`question_bank.repair` can mend
exactly is mended before holes are looked for; what remains keeps its sentence's clauses out
of every question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from question_bank.text import is_past_tense_verb
from question_bank.word_tables import getAllLemmas

__all__ = ["DEBRIS", "Debris", "debris", "find_holes", "has_hole"]

Span = tuple[int, int]

DETERMINERS = frozenset({"the", "a", "an"})
PREPOSITIONS = frozenset(
    """
    of in on at by with into during around near amid toward towards across through
    between against via under within without among despite throughout onto upon beside
    besides beyond behind inside outside along following including regarding over from
    until
    """.split()
)
# Prepositions that commonly stand before another one ("from within", "up to").
_LEADING_PAIR_OK = frozenset({"over", "following", "including", "along"})
_PAIR_OK = frozenset(
    {
        ("in", "between"),
        ("from", "within"),
        ("from", "behind"),
        ("from", "under"),
        ("by", "around"),
        ("in", "around"),
        ("of", "around"),
        ("to", "within"),
        ("within", "about"),
        ("along", "with"),
        ("at", "around"),
        ("on", "around"),
        # "inside of Stalingrad", "followed on from", "from throughout his career": a
        # preposition that takes another as its object
        ("inside", "of"),
        ("outside", "of"),
        ("on", "from"),
        ("from", "throughout"),
        ("from", "among"),
        ("from", "inside"),
        ("from", "outside"),
        ("from", "beyond"),
        ("from", "between"),
        ("from", "across"),
        ("from", "along"),
    }
)
# "with over 250,000 tests", "of around 2%": a preposition before a count is an adverb
_BEFORE_COUNT = frozenset({"over", "around", "about", "under"})
# "in at least thirteen countries": "at" opening a phrase of quantity
_AT_QUANTITY = frozenset({"least", "most"})
TITLES = frozenset(
    """
    President Minister Secretary Chancellor Ambassador Representative Senator Governor
    Mayor King Queen Commander Premier Chairman Chairwoman Speaker Envoy Spokesman
    Spokesperson Ombudsman Patriarch Catholicos Emir Sultan Shah
    """.split()
)
DEMONYMS = frozenset(
    """
    Soviet Russian Armenian Azerbaijani Turkish Iranian Georgian American British French
    German Israeli Chinese European Syrian Ukrainian Kurdish Arab Arabic Persian Ottoman
    Islamic Christian Muslim Western Eastern Northern Southern Pakistani Indian Greek
    Italian Spanish Polish Belarusian Kazakh Uzbek Afghan Iraqi Libyan Egyptian Canadian
    Australian Japanese Korean Swedish Dutch Swiss Austrian Hungarian Romanian Bulgarian
    Serbian Croatian Albanian Lebanese Jordanian Saudi Qatari Emirati Yemeni Palestinian
    Caucasian Nakhchivani Karabakhi Armenia-backed Russia-brokered Turkish-made
    """.split()
)
# Place words that follow a name ("the Aras River", "Khojavend district"): standing
# alone after "the" or a preposition, their name was stripped.
PLACE_NOUNS = frozenset(
    "River Mountains Heights Corridor Valley Sea Lake Gorge Pass Range Plateau".split()
)
PLACE_NOUN_WORDS = frozenset("city town village raion oblast province".split())
WH_WORDS = frozenset({"where", "when", "which", "who", "whom", "whose", "while"})

_TOKEN = re.compile(r"[\w’'\-]+|[^\w\s]")

_CHARACTER_PATTERNS = [
    # punctuation with nothing before it: "with , beginning", "on , 2020", "( )", and a
    # sentence that opens on it: ", Björn Ulvaeus has mentioned" lost its opening phrase
    re.compile(r"(?:(?<=\s)|^)[,.;:!?)\]](?=\s|$)"),
    re.compile(r"\(\s*[)\-–,;]|\(\s(?=\w)"),
    # a function word left dangling before punctuation, a dash or the end; not an
    # initial ("Alfred A. Knopf"), nor "and" or "or" opening an aside that a second comma
    # closes ("and, eventually, a declaration": a stripped name leaves "and , ")
    re.compile(
        r"\b(?:the|(?-i:a)|an|of|by|in|to|from|with|and|or|at|on|for|between|as|into|"
        r"against|than|its|their|his|her|via|over|under|including|such|both|near|toward|"
        r"towards)"
        r"\s*(?=[,.;:!?)\]—–](?![a-z])|$)"
        r"(?<!\band(?=,[^,;:.()]{1,60},))(?<!\bor(?=,[^,;:.()]{1,60},))",
        re.IGNORECASE,
    ),
    # a possessive with no owner: "followed 's April", "of 's imports"
    re.compile(r"(?:^|(?<=\s))['’]s\b"),
    # a lone "s" where a plural noun lost its stem: "using s on"
    re.compile(r"(?<![\w'’\-])s(?![\w'’\-])"),
    # a dash glued on one side only, or standing for a name: "—backed by —", "the - border"
    re.compile(r"(?<=\s)[—–](?=\w)|(?<=\w)[—–](?=\s)|(?<=\s)-(?=\s)"),
    # a double space inside a sentence
    re.compile(r"(?<=\S) {2,}(?=\S)"),
    # a sentence inside the text that opens in lower case: "defenses. had procured"
    # (not after an abbreviation such as "a.m.", nor a company's "Intel Corp. v. Hamidi")
    re.compile(
        r"(?<!\bCorp\.)(?<!\bBros\.)(?<!\bInc\.)(?<!\bLtd\.)(?<!\bCo\.)"
        r"(?<=[a-z\d)][a-z\d)][.!?])\s+(?=[a-z])"
    ),
    # "handover of four villages to and", "and (by December 1)": an object is gone
    re.compile(r"\bto\s+(?=(?:and|or)\b|[,.;:)])|\b(?:and|or)\s+\(", re.IGNORECASE),
    # "(HRW) investigated": a sentence opening on a bracket lost what the bracket explains
    re.compile(r"^\s*\("),
    # "a statement on calling for": the date after "on" is gone
    re.compile(r"\bon\s+(?=\w+ing\s+for\b)", re.IGNORECASE),
    # "allowing to exploit": who was allowed is gone ("was allowed to" is whole)
    re.compile(
        r"\b(?:allow|allowing|enable|enabling|permit|permitting|force|forcing|prompt|"
        r"prompting|urge|urging|compel|compelling)\s+(?=to\s+[a-z])",
        re.IGNORECASE,
    ),
    # "not only but also": the first member of the pair is gone
    re.compile(r"\bnot only but\b", re.IGNORECASE),
    # "its own in September": what was proclaimed is gone
    re.compile(r"\b(?:its|their|his|her) own\s+(?=in|on|at|by|,|\.)", re.IGNORECASE),
    # "Truth Hounds, a NGO": "a" before a vowel sound stood before a word now gone ("a
    # [Ukrainian] NGO"); an acronym said letter by letter from F, H, L, M, N, R, S or X
    # ("a NGO", not "a NASA", said as a word)
    re.compile(
        r"(?<![\w'’.-])a\s+(?=(?:[aiAI]|[oO](?!ne\b|nce\b)|[eE](?!u|we))[a-z]|"
        r"[FHLMNRSX][B-DF-HJ-NP-TV-Z][A-Z]?\b)"
    ),
    # "sold copies worldwide", "reaches in height": the number was stripped
    re.compile(
        r"\b(?:sold|sell|sells|selling|shipped|ships|shipping)\s+(?=(?:copies|units)\b)|"
        r"\b(?:is|was|are|were|stands|stood|reaches|reached|rises|rose|measures|measured|"
        r"extends|extended)\s+(?=in\s+(?:height|length|width|diameter|depth)\b)",
        re.IGNORECASE,
    ),
    # "100 Armenian and 70 military fatalities": the second count lost its demonym
    re.compile(
        rf"(?<=\d )(?:{'|'.join(sorted(DEMONYMS))})\s+(?:and|or|to|versus)\s+\d[\d,.]*"
        r"(?:\s+(?:more|other))?\s+(?=[a-z])"
    ),
]


_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)


@dataclass(frozen=True)
class Debris:
    """A trace of markup or of text run together, which no question may show.

    Attributes:
        name: what the rule is called.
        pattern: where the trace is (``search`` in a sentence).
        reason: what the trace is.
    """

    name: str
    pattern: re.Pattern[str]
    reason: str


DEBRIS: tuple[Debris, ...] = (
    Debris(
        "wiki markup",
        re.compile(
            r"\[\[|\]\]|\{\{|\}\}|\||''|%[0-9A-F]{2}|\b(?:File|Image):\S"
            r"|(?<![_\w])_(?=[^\W_])|(?<=[^\W_])_(?![_\w])"
        ),
        "wiki markup left in the text (a link, a template, a table cell, a file, a stray "
        "emphasis mark)",
    ),
    Debris(
        "HTML",
        re.compile(r"</?[A-Za-z][^<>\n]{0,80}>|&(?:[a-z]{2,8}|#\d{2,5});"),
        "an HTML tag or entity left in the text",
    ),
    Debris(
        "footnote",
        re.compile(r"\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed)\]|\^|[†‡*]", re.IGNORECASE),
        'a footnote marker, a superscript or an asterisk ("The End of Eternity (1955) *")',
    ),
    Debris(
        "glued to a month",
        re.compile(rf"(?<=[^\W_])(?:{_MONTH_NAMES})\b"),
        'a word or a number run into a month ("FüzuliSeptember 27", "1926September")',
    ),
    Debris(
        "glued to a year",
        re.compile(r"\b(?:1[0-9]|20)\d\d(?!s\b|th\b)[^\W\d_]{2,}|[a-z]{2}(?:1[5-9]|20)\d\d\b"),
        'a year run into a word ("2020Initial", "1707united")',
    ),
    Debris(
        "digits run together",
        re.compile(r"(?<![\d,.$€£#])(?:1[0-9]|20)\d{4,6}(?!\d|[,.]\d)"),
        'digits of two years or dates run together ("In the winter of 180405")',
    ),
    Debris(
        "number without its unit",
        re.compile(r"\d-\s+(?!(?:and|or|to)\b|\d)"),
        'a number whose unit was stripped ("as tall as an 81- building")',
    ),
    Debris(
        "currency without its amount",
        re.compile(r"(?:US)?[$£€¥](?!\s?[\d.])"),
        'a currency sign whose amount was stripped ("equivalent to £ or $ today", "(US$ in '
        'dollars)")',
    ),
    Debris(
        "number gone before a preposition",
        re.compile(
            r"\b(?:is|was|are|were|be|been|measuring|weighing|reaching|reached)\s+"
            r"(?:about|approximately|nearly|roughly|almost|around)\s+(?=(?:at|of|in)\s+(?:its|the|\d))"
            r"|\b(?:for|of|from|to|with)\s+(?=of\b)|\bfrom\s+(?=in\s+\d)"
            r"|\b(?:about|approximately|nearly|roughly|some)\s+"
            r"(?=(?:north|south)?-?(?:east|west)?(?:wards?)?\s+of\b)(?!\s+of\b)",
            re.IGNORECASE,
        ),
        'a number stripped before a preposition ("was about at its widest point", '
        '"in return for of tritium", "declined from in 2001", "islands which lie about '
        'northeast of New Zealand")',
    ),
    Debris(
        "styled capitals",
        re.compile(r"\b(?:also known as|née|né|born)\s+[A-Z]{5,}\b"),
        'a name set in capitals by the bold of a lead ("JADWIGA, also known as HEDWIG", '
        '"née MCWILLIAMS"), which the text never writes in its own case',
    ),
    Debris(
        "words run together",
        re.compile(r"[a-z]{2}[.!?;:,][A-Z][a-z]"),
        'a sentence or clause run into the next without a space ("the war.The")',
    ),
    Debris(
        "quotation run into a word",
        re.compile(r'(?<=[^\W\d_]")[^\W\d_]'),
        'a closing quotation mark with a word run into it ("the "Synopses"documents")',
    ),
    Debris(
        "full stop inside a phrase's bracket",
        re.compile(r"\((?=[a-z])[^()]{1,120}\d\.\)"),
        'a full stop after a number closing a bracket that holds no sentence ("(released on '
        'August 9, 2012.)")',
    ),
)


def debris(text: str) -> list[tuple[int, int, str]]:
    """Traces of markup and run-together text in ``text`` (:data:`DEBRIS`).

    Args:
        text: a sentence.

    Returns:
        ``(start, end, reason)`` for each trace, in order.
    """
    found = [
        (match.start(), max(match.end(), match.start() + 1), rule.reason)
        for rule in DEBRIS
        for match in rule.pattern.finditer(text)
    ]
    return sorted(found)


@lru_cache(maxsize=16384)
def _is_bare_past_verb(word: str) -> bool:
    """A past-tense form that is nothing else: "formalized", not "armed" or "set"."""
    if not is_past_tense_verb(word):
        return False
    lemmas = getAllLemmas(word.lower())
    return isinstance(lemmas, dict) and set(lemmas) == {"VERB"}


def _adjectival(determiner: str, tokens: list[tuple[str, int, int]], index: int) -> bool:
    """ "the disputed region", "the besieged 6th Army", "the planned 1205 expedition": a
    participle between an article and a noun is an adjective; one that ends its phrase
    ("the consent of the governed", "the evacuation of the wounded.") is a noun. At the
    start of a sentence ("The echoed ceasefire demands ...") it is the verb of a stripped
    subject, unless the clause has a verb of its own after it ("The failed Magna Carta
    agreement was resuscitated")."""
    if index >= len(tokens):
        return not determiner[:1].isupper()
    if determiner[:1].isupper():
        return _copula_follows(tokens, index)
    following = tokens[index][0].lower()
    if following in {".", ",", ";", ")", ":"}:
        return True
    if following.isalnum() and following[:1].isdigit():
        # a number or an ordinal before the noun ("6th Army", "1205 expedition")
        after = tokens[index + 1][0] if index + 1 < len(tokens) else ""
        return after.isalpha() and not _is_bare_past_verb(after)
    if following in {'"', "“"} and index + 1 < len(tokens):
        following = tokens[index + 1][0].lower()
    return following.isalpha() and following not in PREPOSITIONS | DETERMINERS | {"and", "or"}


_COPULAS = frozenset("was were is are had has have".split())


def _copula_follows(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """A form of "be" or "have" later in the clause: the phrase before it is its subject."""
    for word, _, _ in tokens[index:]:
        if word in {",", ";", ":", "(", "—", "–"}:
            return False
        if word.lower() in _COPULAS:
            return True
    return False


_TIME_UNITS = frozenset("day days week weeks month months year years morning evening".split())
# Prepositions that are also adjectives or nouns after an article: "the following scene",
# "the outside world", "from the inside out".
_ADJECTIVE_PREPOSITIONS = frozenset({"following", "outside", "inside"})


def _time_follows(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """ "the following month": a relative date, not a preposition missing its noun."""
    return index < len(tokens) and tokens[index][0].lower() in _TIME_UNITS


def _preposition_as_adjective(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """ "the following scene", "the outside world", "the inside out": the word after the
    article is an adjective or a noun, not a preposition whose noun is gone ("the
    following the capture")."""
    if tokens[index][0].lower() not in _ADJECTIVE_PREPOSITIONS:
        return False
    after = tokens[index + 1][0].lower() if index + 1 < len(tokens) else "."
    return after not in DETERMINERS | PREPOSITIONS | {"(", "to"} or after == "out"


def _next_is_name(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """ "the River Aras", "the Sea of Tranquility": a capitalised word after the place
    word (or after its "of") is its name."""
    if index + 1 < len(tokens) and tokens[index][0] == "of":
        index += 1
    return index < len(tokens) and tokens[index][0][:1].isupper()


# Demonyms that name a people after "the": "the British", "the French", "the Japanese".
_PEOPLE = re.compile(r"(?:sh|ch|ese|ss)$")
# Words that stand before a title as part of it: "the Prime Minister", "Supreme Allied
# Commander".
_TITLE_WORDS = frozenset(
    """
    Prime Foreign Deputy Vice Defence Defense Interior Finance Supreme Allied Chief General
    Grand High Acting Former War Home State Lord First Young
    """.split()
)
# Words after which a title names a role, not a person whose name follows: "was Prime
# Minister", "as Commander", "became King".
_ROLE_BEFORE = frozenset(
    """
    the a an his her its their our new was were is are be been became become as named
    appointed elected crowned proclaimed
    """.split()
)


def _title_in_phrase(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """A title that needs no name after it: after an article or a verb of naming ("the
    Queen at Kensington Palace", "was Prime Minister from 1868"), after a name ("Henry
    the Young King had", "Mackenzie King went"), or before a name in apposition ("the
    Prime Minister, Winston Churchill"). "Azerbaijani President declared" lost a name."""
    if (
        index + 2 < len(tokens)
        and tokens[index + 1][0] == ","
        and tokens[index + 2][0][:1].isupper()
    ):
        return tokens[index + 2][0] not in DEMONYMS
    position = index - 1
    while position >= 0 and tokens[position][0] in _TITLE_WORDS:
        position -= 1
    if position < 0:
        return False
    before = tokens[position][0]
    if before.lower() in _ROLE_BEFORE or before.endswith(("'s", "’s")):
        return True
    return (
        before[:1].isupper()
        and before.isalpha()
        and before not in DEMONYMS
        and before not in TITLES
        and position > 0
        and tokens[position - 1][0] not in {".", "(", ",", ";", ":"}
    )


def _adverb_of_quantity(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """ "with over 250,000", "of around 2%", "in at least thirteen": the second
    preposition is an adverb of the count after it."""
    word = tokens[index][0].lower()
    after = tokens[index + 1][0].lower() if index + 1 < len(tokens) else ""
    if word == "at":
        return after in _AT_QUANTITY
    return word in _BEFORE_COUNT and (after[:1].isdigit() or after in _NUMBER_WORDS)


# "pushed on towards Petrograd", "pressed on toward the river": "on" is the particle of
# the verb before it (go on, keep going), and the direction follows
_PARTICLE_DIRECTIONS = {"on": frozenset({"towards", "toward"})}


def _particle_of_verb(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """ "Kornilov pushed on towards Petrograd": a particle right after a past-tense verb
    and before a preposition of direction is the verb's, no trace of a stripped name (as
    "struck on in the morning" or "the attack on towards the city" are)."""
    word = tokens[index][0].lower()
    after = tokens[index + 1][0].lower() if index + 1 < len(tokens) else ""
    return (
        index > 0
        and after in _PARTICLE_DIRECTIONS.get(word, frozenset())
        and _is_bare_past_verb(tokens[index - 1][0])
    )


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten twenty thirty forty fifty hundred "
    "a half".split()
)


def _glued_aside(text: str, tokens: list[tuple[str, int, int]], index: int) -> bool:
    """ "where, in July 48 BC, Caesar": a comma right after the word, opening a phrase
    in lower case (a stripped name leaves a space before its comma: "where , ")."""
    end = tokens[index][2]
    after = tokens[index + 2][0] if index + 2 < len(tokens) else ""
    return text[end : end + 1] == "," and after[:1].islower()


_NOT_A_NOUN = (
    PREPOSITIONS
    | DETERMINERS
    | frozenset("to and or him her it its them their his this that these those".split())
)


def _coordinated_gerund(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """ "by removing MPs from Parliament and executing Charles": an -ing verb earlier in
    the clause is what the second one is joined to; "printing presses", "testing of": an
    adjective or a noun. "commandos and advancing into the city" lost a subject."""
    after = tokens[index + 2][0] if index + 2 < len(tokens) else ""
    if after == "of" or after in {",", ".", ";", ")"}:
        return True
    if after.isalpha() and after.islower() and after not in _NOT_A_NOUN:
        return True  # "printing presses", "backing vocals"
    for word, _, _ in reversed(tokens[:index]):
        if word in {",", ";", ":", "(", "—"}:
            return False
        if word.lower().endswith("ing") and getAllLemmas(word.lower()).get("VERB"):
            return True
    return False


def _noun_then_gerund(before: str, after: str) -> bool:
    lemmas = getAllLemmas(before.lower())
    noun_only = isinstance(lemmas, dict) and set(lemmas) == {"NOUN"}
    return noun_only and after.endswith("ing") and bool(getAllLemmas(after.lower()).get("VERB"))


def _pair_of_prepositions(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """ "in and around", "on and off": two prepositions joined, not a missing object."""
    return index + 2 < len(tokens) and tokens[index + 2][0].lower() in PREPOSITIONS | {"off"}


@lru_cache(maxsize=16384)
def _has_adjective_reading(word: str) -> bool:
    lemmas = getAllLemmas(word.lower())
    # "the entire in": an adjective that cannot be a noun ("an offensive in" can).
    return (
        isinstance(lemmas, dict)
        and "ADJ" in lemmas
        and "NOUN" not in lemmas
        and not word[:1].isupper()
    )


def _word_holes(text: str) -> list[Span]:
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    holes: list[Span] = []
    for index in range(len(tokens) - 1):
        word, start, _ = tokens[index]
        following, following_start, _ = tokens[index + 1]
        lower, next_lower = word.lower(), following.lower()
        hole = False
        if (
            (lower in DETERMINERS or lower.endswith(("'s", "’s")))
            and index + 2 < len(tokens)
            and _has_adjective_reading(following)
            and tokens[index + 2][0].lower() in PREPOSITIONS - {"of"}
        ):
            # "along the entire in", "the ceasefire's relative until": the noun is gone
            holes.append((tokens[index + 1][1], tokens[index + 2][1]))
        if lower in DETERMINERS:
            # "the in", "the (NKAO)", "The echoed ceasefire", "the 1923 recorded"
            hole = (
                (
                    next_lower in PREPOSITIONS
                    and not _time_follows(tokens, index + 2)
                    and not _preposition_as_adjective(tokens, index + 1)
                )
                or next_lower in {"to", "and", "or", "(", "that", "which", "was", "were"}
                or (following in PLACE_NOUNS and not _next_is_name(tokens, index + 2))
                or (_is_bare_past_verb(following) and not _adjectival(word, tokens, index + 2))
                or (
                    following.isdigit()
                    and index + 2 < len(tokens)
                    and _is_bare_past_verb(tokens[index + 2][0])
                )
            )
        elif lower in PREPOSITIONS and next_lower in PLACE_NOUN_WORDS:
            # "pushing toward city by", "the capture of city on": the name is gone
            hole = True
        elif lower in PREPOSITIONS and lower not in _LEADING_PAIR_OK:
            # "into within", "of during", "around in", "during and", "of formalized", "of ("
            hole = (
                (
                    next_lower in PREPOSITIONS
                    and (lower, next_lower) not in _PAIR_OK
                    and not _adverb_of_quantity(tokens, index + 1)
                    and not _particle_of_verb(tokens, index)
                )
                or (next_lower in {"and", "or"} and not _pair_of_prepositions(tokens, index))
                or next_lower == "("
                or _is_bare_past_verb(following)
            )
        elif word in TITLES:
            # "President declared", "President later", "Minister ," : the name is gone
            hole = not _title_in_phrase(tokens, index) and (
                following in {",", ";", ")"}
                or (following[:1].islower() and next_lower not in {"of", "and", "for", "to"})
            )
        elif word in DEMONYMS or re.fullmatch(r"[A-Z]\w+-\w+ed", word):
            # "Soviet confirmed", "Azerbaijani initiated", "A Russian-brokered took effect";
            # not "the British had won" (a people named by its adjective)
            hole = (
                is_past_tense_verb(following)
                and following[:1].islower()
                and not (
                    _PEOPLE.search(word) and index > 0 and tokens[index - 1][0] in {"the", "The"}
                )
            )
        elif word in {"'s", "’s"} or word.endswith(("'s", "’s")):
            hole = next_lower in {"and", "or", ",", "."}
        elif lower in WH_WORDS:
            # "where , the": a name is gone; "where, in July 48 BC, Caesar" opens an aside
            hole = next_lower in {"and", "or"} or (
                next_lower == "," and not _glued_aside(text, tokens, index)
            )
        elif (
            lower == "and"
            and index > 0
            and _noun_then_gerund(tokens[index - 1][0], following)
            and not _coordinated_gerund(tokens, index)
        ):
            # "Azerbaijani commandos and advancing": the second subject is gone
            hole = True
        if hole and lower in DETERMINERS and following.isdigit():
            # "The 1923 recorded": the noun after the year is gone; the year is no date.
            holes.append((start, tokens[index + 2][1]))
        elif hole:
            # The name is missing between the two words; the span ends where it was.
            holes.append((start, following_start))
    return holes


_INTRO_PREPOSITION = re.compile(
    r"(?:^|[:;]\s*)(?:(?:however|meanwhile|subsequently|later|then|thereafter|nevertheless|"
    r"instead|eventually|ultimately|initially|finally),\s+)?"
    r"(?:by|in|on|at|from|after|before|since|until|during|throughout|"
    r"following|as|when|while|although|though|because|once|if)\b[^,;:]{1,120},\s+"
    r"([a-z][\w\-]*)",
    re.IGNORECASE,
)


def _missing_subject(text: str) -> list[Span]:
    """An opening phrase followed by a bare verb: "By October 13, secured the heights"."""
    holes = []
    for match in _INTRO_PREPOSITION.finditer(text):
        if _is_bare_past_verb(match.group(1)) and not _PASSIVE_AGENT.match(text, match.end(1)):
            holes.append((match.start(1), match.end(1)))
    return holes


# "As commenced sea trials in 1980": a subordinator, a bare past verb and its object; the
# verb's subject was stripped between them ("As [USS Ohio] commenced"). A participle
# there ("When asked about", "Although built in", "As expected,") has no object.
_SUBORDINATOR_VERB = re.compile(
    r"(?:^|[.;:]\s+|,\s+)(?:as|when|while|although|though|because|once|since|until|after|"
    r"before)\s+([a-z]+)\s+([a-z]+)\b",
    re.IGNORECASE,
)
_POSSESSIVES = frozenset({"his", "her", "its", "their"})


def _subordinator_without_subject(text: str) -> list[Span]:
    """ "As commenced sea trials": a bare past verb right after a subordinator, with a
    determiner or a noun after it (its object), lost its subject."""
    holes = []
    for match in _SUBORDINATOR_VERB.finditer(text):
        verb, following = match.group(1), match.group(2).lower()
        if not _is_bare_past_verb(verb) or following in PREPOSITIONS:
            continue
        lemmas = getAllLemmas(following)
        if following in DETERMINERS | _POSSESSIVES or (
            isinstance(lemmas, dict) and "NOUN" in lemmas and "ADV" not in lemmas
        ):
            holes.append((match.start(1), match.end(1)))
    return holes


# "ideas for an electric telegraph included in 1753 using electrostatic deflections": a
# verb that cannot be without its object ("include", "contain", "comprise"), active (no
# "was" or "been" before it), and after it only a date and then a participle or the end
# of the clause: its object is gone
_VERB_WITHOUT_OBJECT = re.compile(
    r"(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )"
    r"\b(?:include[ds]?|contain(?:ed|s)?|comprise[ds]?)\s+"
    r"(?:in|on|during)\s+(?:[A-Z][a-z]+\s+)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?\d{3,4}"
    r"(?=\s+[a-z]+ing\b|\s*[,;.])"
)


def _verb_without_object(text: str) -> list[Span]:
    """ "included in 1753 using ...": a verb that takes an object, followed by its date
    and nothing it could take."""
    return [match.span() for match in _VERB_WITHOUT_OBJECT.finditer(text)]


# "In 1173 John's elder brothers, backed by Eleanor, rose": a participle with its agent
# describes the phrase before it; a stripped subject leaves an active verb ("secured the").
_PASSIVE_AGENT = re.compile(r"\s+by\b")


@lru_cache(maxsize=4096)
def _holes(text: str) -> tuple[Span, ...]:
    return tuple(_find_holes(text))


def find_holes(text: str) -> list[Span]:
    """Spans of ``text`` that look like the trace of a stripped name.

    Args:
        text: a sentence or clause.

    Returns:
        Sorted ``(start, end)`` spans, possibly overlapping; empty for clean text.
    """
    return list(_holes(text))


def _find_holes(text: str) -> list[Span]:
    holes = [
        (m.start(), max(m.end(), m.start() + 1))
        for pattern in _CHARACTER_PATTERNS
        for m in pattern.finditer(text)
    ]
    holes += _word_holes(text)
    holes += _missing_subject(text)
    holes += _subordinator_without_subject(text)
    holes += _verb_without_object(text)
    holes += [(start, end) for start, end, _ in debris(text)]
    stripped = text.lstrip(" \"'“(")
    if stripped and stripped[0].islower():
        # A sentence that opens in lower case lost its subject: "leveraged the gains".
        offset = len(text) - len(stripped)
        holes.append((offset, offset + 1))
    holes.sort()
    return holes


def has_hole(text: str) -> bool:
    """True when ``text`` shows any trace of a stripped name."""
    return bool(find_holes(text))

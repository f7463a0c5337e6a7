"""Word-level language rules shared by fact finding and question writing.

No tagger model can be installed here, so parts of speech come from small word lists and
from ``lemminflect``'s lemma tables, which ship with the package.
"""

from __future__ import annotations

import re
from functools import lru_cache

from question_bank.word_tables import getAllLemmas, getInflection

__all__ = [
    "STOPWORDS",
    "WORD",
    "content_terms",
    "event_class",
    "is_past_participle",
    "is_past_tense_verb",
    "past_participle",
    "is_verb_form",
    "verb_lemma",
]

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ſƀ-ɏəƏ][\w'’\-]*")

STOPWORDS = frozenset(
    """
    a an the and or but nor of in on at by to from with for as into onto over under than
    that this these those which who whom whose what when where while during after before
    since until till about against between among through throughout within without
    is are was were be been being has have had do does did its it their his her them they
    he she we our us you your i not no so such also both either neither each other more
    most some any all many much several few own same per via upon amid despite including
    could would should may might must can will shall then there here thus however
    """.split()
)

_NOT_VERBS = frozenset(
    """
    the a an and or of in on at by to from with for as per its their his her this that
    these those new united red armed limited advanced increased sustained continued
    reported alleged so-called naked armoured armored mechanized guided unmanned
    """.split()
)

_IRREGULAR_PAST = frozenset(
    """
    began began became broke brought built bought caught chose came cut did drew drove fell
    fought found fled flew forbade forgot froze gave went grew held hid hit kept knew laid
    led left lent let lay lost made meant met paid put quit read rode rang rose ran said
    saw sought sold sent set shook shot shut sang sank sat slew slept spoke spent stood
    stole struck swore swept swam took taught tore told thought threw understood woke wore
    won wrote withdrew overran overtook undertook upheld withheld
    """.split()
)


@lru_cache(maxsize=8192)
def verb_lemma(word: str) -> str | None:
    """The verb lemma of ``word`` when it can be a verb form, else None."""
    lemmas = getAllLemmas(word.lower(), upos="VERB")
    forms = lemmas.get("VERB") if isinstance(lemmas, dict) else None
    return forms[0] if forms else None


@lru_cache(maxsize=8192)
def is_verb_form(word: str) -> bool:
    """True when ``word`` is some inflection of a verb."""
    return verb_lemma(word) is not None


@lru_cache(maxsize=8192)
def is_past_tense_verb(word: str) -> bool:
    """True for a simple-past verb form such as "captured" or "fought"."""
    lower = word.lower()
    if lower in _NOT_VERBS or not lower.isalpha():
        return False
    if lower in _IRREGULAR_PAST:
        return True
    lemma = verb_lemma(lower)
    if lemma is None or lemma == lower:
        return False
    past = getInflection(lemma, tag="VBD")
    return bool(past) and lower in past


@lru_cache(maxsize=8192)
def is_past_participle(word: str) -> bool:
    """True for a past participle such as "signed", "taken" or "held"."""
    lower = word.lower()
    lemma = verb_lemma(lower) if lower.isalpha() else None
    if lemma is None or lemma == lower:
        return False
    return lower in getInflection(lemma, tag="VBN")


def past_participle(lemma: str) -> str | None:
    """The past participle of a verb lemma: "issue" -> "issued"."""
    forms = getInflection(lemma, tag="VBN")
    return forms[0] if forms else None


# Verbs that name the same kind of event, so that "signed" and "finalized" (or "captured"
# and "liberated") can be recognised as one event told twice.
_EVENT_CLASSES = {
    "agree": "sign finalize conclude broker ink seal reach agree initial negotiate",
    "capture": "capture seize take liberate recapture retake occupy overrun",
    "begin": "begin start launch initiate erupt commence open",
    "end": "end halt cease stop",
    "announce": "announce declare proclaim state report confirm",
    "deploy": "deploy send dispatch airlift station",
    "withdraw": "withdraw evacuate vacate leave return hand",
}
_EVENT_CLASS = {verb: name for name, verbs in _EVENT_CLASSES.items() for verb in verbs.split()}
# Nouns that name the same kind of thing ("truce", "ceasefire agreement").
_THING_CLASSES = {
    "agreement": "agreement truce ceasefire armistice accord deal declaration treaty pact",
    "attack": "attack strike shelling bombardment assault raid",
    "offensive": "offensive operation campaign",
}
_THING_CLASS = {noun: name for name, nouns in _THING_CLASSES.items() for noun in nouns.split()}


def event_class(lemma: str) -> str:
    """The kind of event a verb lemma names ("finalize" -> "agree"), or the lemma."""
    return _EVENT_CLASS.get(lemma, lemma)


# "the first case" and "the first death": an ordinal tells which of a kind, not what.
_ORDINALS = frozenset("first second third fourth fifth sixth last".split())


def content_terms(text: str) -> frozenset[str]:
    """Lower-case content words of ``text``; verb forms become their kind of event."""
    terms: set[str] = set()
    for match in WORD.finditer(text):
        word = match.group().lower().strip("'’-")
        if len(word) < 3 or word in STOPWORDS or word in _ORDINALS:
            continue
        if word in _THING_CLASS:
            terms.add(_THING_CLASS[word])
            continue
        verb_like = word.endswith(("ed", "ing", "s")) or is_past_tense_verb(word)
        lemma = verb_lemma(word) if verb_like else None
        terms.add(event_class(lemma) if lemma else word)
    return frozenset(terms)

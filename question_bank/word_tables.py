"""``lemminflect``'s word lookups, answered from its tables read one word at a time.

``lemminflect`` loads its lemma table (80,676 lines) and its inflection table (40,450
lines) whole on the first lookup, parsing every line into a dictionary: 0.3 s of CPU,
as long as a build of the bundled document itself, while a build looks up a few
thousand words. Both tables ship sorted by word, so :class:`WordTable` decompresses the
file (0.02-0.04 s), finds a word's lines by bisection and parses only those, reading each
line as ``lemminflect``'s codecs do and in the order its loader applies them: every lookup
answers what the whole table would. A table that is not sorted by word (another release
of ``lemminflect``) is loaded whole, by ``lemminflect``'s own loader.

Importing ``lemminflect`` at all imports numpy (0.15 s of a command's CPU) for the
inflection model it guesses unknown words with. :func:`getAllLemmas` and
:func:`getInflection` are ``lemminflect``'s two lookups written again over these tables
and its override lists, under its names so that a module changes only where it imports
them from: ``getAllLemmas`` never guesses, and ``getInflection`` hands a lemma the tables
do not inflect (a plural of "lunar") to ``lemminflect`` itself, which then reads the same
tables (:func:`install`). A build imports numpy only when it meets such a word.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

__all__ = [
    "WordTable",
    "getAllLemmas",
    "getInflection",
    "inflection_entry",
    "inflection_table",
    "install",
    "lemma_entry",
    "lemma_table",
]

Entry = dict[str, tuple[str, ...]]

# The parts of speech lemminflect's tables and overrides are keyed by.
_UPOS = ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX")

# lemminflect's InflectionLUCodec: the Penn tags of a line's forms, in the file's order,
# and the tags its word (the base form) stands for.
_FORM_TAGS = {
    "noun": ("NNS",),
    "adj": ("JJR", "JJS"),
    "adv": ("RBR", "RBS"),
    "verb": ("VBD", "VBN", "VBG", "VBZ"),
}
_BASE_TAGS = {"noun": ("NN",), "adj": ("JJ",), "adv": ("RB",), "verb": ("VB", "VBP")}

# The modal and auxiliary verbs, which lemminflect writes over its inflection table's
# entries after loading it (InflectionLUCodec.updateForAuxMod).
_AUX_AND_MODALS: dict[str, Entry] = {
    "can": {"VB": ("can",), "VBD": ("could",)},
    "may": {"VB": ("may",), "VBD": ("might",)},
    "will": {"VB": ("will",), "VBD": ("would",)},
    "shall": {"VB": ("shall",), "VBD": ("should",)},
    "must": {"VB": ("must",), "VBD": ("must",)},
    "ought": {"VB": ("ought",), "VBD": ("ought",)},
    "dare": {"VB": ("dare",)},
    "be": {
        "VB": ("be",),
        "VBD": ("was", "were"),
        "VBG": ("being",),
        "VBN": ("been",),
        "VBP": ("am", "are"),
        "VBZ": ("is",),
    },
}


def _resources() -> Path:
    """lemminflect's data folder, found without importing the package (and numpy)."""
    spec = find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("lemminflect")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def lemma_entry(lines: list[str]) -> Entry:
    """A word's lemmas by part of speech, from its lines of the lemma table, as
    ``LemmaLUCodec.load`` builds them (a later line of the same part wins; "modal" is
    AUX)."""
    entry: Entry = {}
    for line in lines:
        _, category, forms = line.strip().split(",")
        upos = category.upper()
        entry[upos if upos != "MODAL" else "AUX"] = tuple(forms.split("/"))
    return entry


def inflection_entry(lines: list[str]) -> Entry:
    """A lemma's inflections by Penn tag, from its lines of the inflection table, as
    ``InflectionLUCodec.load`` builds them ("abide,verb,abode/abided,..." gives VBD
    ("abode", "abided"); an empty field gives no tag)."""
    entry: Entry = {}
    for line in lines:
        word, category, *fields = line.strip().split(",")
        if category not in _BASE_TAGS:
            raise ValueError(f"Unrecognized category: {category}")
        for tag, field in zip(_FORM_TAGS[category], fields, strict=False):
            if field:
                entry[tag] = tuple(field.split("/"))
        entry.update(dict.fromkeys(_BASE_TAGS[category], (word,)))
    return entry


def _load_lemmas_whole(path: str) -> dict[str, Entry]:
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

    table: dict[str, Entry] = LemmaLUCodec.load(path)
    return table


def _load_inflections_whole(path: str) -> dict[str, Entry]:
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    table: dict[str, Entry] = InflectionLUCodec.load(path)
    return table


class WordTable(Mapping[str, Entry]):
    """A word table of ``lemminflect`` (word -> entry), read on the first lookup and
    parsed one word at a time.

    Args:
        path: the gzipped table, one ``word,category,forms`` line each.
        read_entry: a word's entry from its lines (:func:`lemma_entry`).
        load_whole: ``lemminflect``'s loader, used when the table is not sorted by word.
        fixed: entries that replace the table's (the inflection table's modal and
            auxiliary verbs, which ``lemminflect`` writes over the file's after loading).
    """

    def __init__(
        self,
        path: str,
        read_entry: Callable[[list[str]], Entry],
        load_whole: Callable[[str], dict[str, Entry]],
        fixed: Mapping[str, Entry] | None = None,
    ) -> None:
        self._path = path
        self._read_entry = read_entry
        self._load_whole = load_whole
        self._fixed = dict(fixed or {})
        self._lines: list[str] | None = None
        self._words: list[str] = []
        self._whole: dict[str, Entry] | None = None
        self._entries: dict[str, Entry | None] = {}

    def _read(self) -> list[str]:
        if self._lines is None:
            text = gzip.decompress(Path(self._path).read_bytes()).decode()
            # The loader reads the file by b"\n" lines: so does this (not splitlines).
            lines = text.split("\n")
            if lines and not lines[-1]:
                lines.pop()
            words = [line.partition(",")[0] for line in lines]
            if words == sorted(words):
                self._words = words
            else:
                self._whole = self._load_whole(self._path)
            self._lines = lines
        return self._lines

    def _entry(self, word: str) -> Entry | None:
        if word in self._fixed:
            return self._fixed[word]
        lines = self._read()
        if self._whole is not None:
            return self._whole.get(word)
        if word not in self._entries:
            first = bisect_left(self._words, word)
            last = bisect_right(self._words, word, first)
            self._entries[word] = self._read_entry(lines[first:last]) if last > first else None
        return self._entries[word]

    def __getitem__(self, word: str) -> Entry:
        entry = self._entry(word) if isinstance(word, str) else None
        if entry is None:
            raise KeyError(word)
        return entry

    def __iter__(self) -> Iterator[str]:
        self._read()
        if self._whole is not None:
            return iter(self._whole)
        return iter(dict.fromkeys([*dict.fromkeys(self._words), *self._fixed]))

    def __len__(self) -> int:
        return sum(1 for _ in self)


@cache
def lemma_table() -> WordTable:
    """The lemma table lemminflect ships (word -> lemmas by part of speech)."""
    path = str(_resources() / "lemma_lu.csv.gz")
    return WordTable(path, lemma_entry, _load_lemmas_whole)


@cache
def inflection_table() -> WordTable:
    """The inflection table lemminflect ships (lemma -> forms by Penn tag)."""
    path = str(_resources() / "infl_lu.csv.gz")
    return WordTable(path, inflection_entry, _load_inflections_whole, fixed=_AUX_AND_MODALS)


@cache
def _overrides(name: str) -> dict[str, Entry]:
    """One of lemminflect's override lists ("word,POS,form" lines), as OverridesCodec
    reads it: a word's later line of the same part wins."""
    overrides: dict[str, Entry] = {}
    with open(_resources() / name) as lines:
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                word, part, form = line.split(",")
                overrides.setdefault(word, {})[part] = (form,)
    return overrides


def _caps_style(word: str) -> Callable[[str], str]:
    """lemminflect's getCapsStyle and applyCapsStyle: the answer is written as the word
    asked is ("Fought" -> "Fight", "NATO" -> all capitals)."""
    if word.isupper():
        return str.upper
    if word and word[0].isupper():
        return str.capitalize
    return str.lower


def _looked_up(table: Mapping[str, Entry], overrides: str, word: str) -> Entry:
    entry = dict(table.get(word, {}))
    entry.update(_overrides(overrides).get(word, {}))
    return entry


def getAllLemmas(word: str, upos: str | None = None) -> Entry:
    """``lemminflect.getAllLemmas``: ``word``'s lemmas by part of speech, only ``upos``'s
    when given ("fought", "VERB" -> {"VERB": ("fight",)}), from the lemma table and the
    overrides; {} for a word neither holds (lemminflect guesses no lemma here either)."""
    if upos is not None and upos not in _UPOS:
        lemminflect = _lemminflect()
        return dict(lemminflect.getAllLemmas(word, upos))
    style = _caps_style(word)
    word = word.lower()
    if upos == "PROPN":
        word, upos = word.capitalize(), "NOUN"
    lemmas = _looked_up(lemma_table(), "lemma_overrides.csv", word)
    return {
        part: tuple(map(style, forms)) for part, forms in lemmas.items() if not upos or part == upos
    }


# lemminflect's uposToTags("NOUN"): the forms a proper noun (NNP, NNPS) is looked up in.
_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")

# lemminflect's pennTagAlts: where a tag's form is looked for when the tag has none.
_ALTERNATIVE_TAGS = {"VBD": ("VBN",), "VBN": ("VBD",), "RP": ("JJ", "RB")}


def _alternative_tags(tag: str) -> tuple[str, ...]:
    if tag in _ALTERNATIVE_TAGS:
        return _ALTERNATIVE_TAGS[tag]
    if tag.startswith("JJ"):
        return ("RB" + tag[2:],)
    if tag.startswith("RB"):
        return ("JJ" + tag[2:],)
    return ()


def getInflection(lemma: str, tag: str, inflect_oov: bool = True) -> tuple[str, ...]:
    """``lemminflect.getInflection``: ``lemma``'s forms for the Penn ``tag`` ("recapture",
    "VBN" -> ("recaptured",)), from the inflection table and the overrides, else under
    the tag's alternatives (VBD for VBN); a lemma neither holds is inflected by
    ``lemminflect``'s model, imported then (with numpy), unless ``inflect_oov`` is False."""
    proper = tag.upper() in ("NNP", "NNPS")  # lemminflect's tagToUPos(tag) == "PROPN"
    style = _caps_style(lemma)
    word = lemma.lower().capitalize() if proper else lemma.lower()
    forms = _looked_up(inflection_table(), "infl_overrides.csv", word)
    if proper:
        forms = {key: value for key, value in forms.items() if key in _NOUN_TAGS}
    own = {"NNP": "NN", "NNPS": "NNS"}.get(tag, tag)
    form = forms.get(own)
    if form is None:
        for alternative in _alternative_tags(tag):
            form = forms.get(alternative)
            if form:
                break
    if form is None:
        if not inflect_oov:
            return ()
        lemminflect = _lemminflect()
        return tuple(lemminflect.getInflection(lemma, tag, inflect_oov))
    return tuple(map(style, form))


def _lemminflect() -> Any:
    """lemminflect itself, reading the same tables (for what only its model answers)."""
    import lemminflect

    install()
    return lemminflect


def install() -> None:
    """Give ``lemminflect`` the tables of this module as :class:`WordTable` (once per
    process; tables it has loaded already are kept), so that what it is asked directly
    reads them too instead of loading them whole."""
    from lemminflect import Inflections, Lemmatizer

    lemmatizer: Any = Lemmatizer()
    if not hasattr(lemmatizer, "lemma_dict"):
        lemmatizer.lemma_dict = lemma_table()
    inflector: Any = Inflections()
    if not hasattr(inflector, "infl_dict"):
        inflector.infl_dict = inflection_table()

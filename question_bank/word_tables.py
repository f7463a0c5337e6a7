"""``lemminflect``'s word tables, read one word at a time instead of whole.

``lemminflect`` loads its lemma table (80,676 lines) and its inflection table (40,450
lines) whole on the first lookup, parsing every line into a dictionary: 0.3 s of CPU,
as long as a build of the bundled document itself, while a build looks up a few
thousand words. Both tables ship sorted by word, so :class:`WordTable` decompresses the
file (0.02-0.04 s), finds a word's lines by bisection and parses only those, with
``lemminflect``'s own line reader and in the order its loader applies them: every lookup
answers what the whole table would. A table that is not sorted by word (another release
of ``lemminflect``) is loaded whole, by ``lemminflect``'s own loader.

:func:`install` hands the tables to ``lemminflect``'s lemmatizer and inflector, which
read them only through ``get``; ``getAllLemmas`` and ``getInflection`` then answer as
before.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from lemminflect import Inflections, Lemmatizer
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
from lemminflect.core.LexicalUtils import categoryToUPos

__all__ = ["WordTable", "inflection_entry", "install", "lemma_entry"]

Entry = dict[str, tuple[str, ...]]


def lemma_entry(lines: list[str]) -> Entry:
    """A word's lemmas by part of speech, from its lines of the lemma table, as
    ``LemmaLUCodec.load`` builds them (a later line of the same part wins)."""
    entry: Entry = {}
    for line in lines:
        _, category, forms = LemmaLUCodec.fromString(line)
        entry.update({categoryToUPos(category): forms})
    return entry


def inflection_entry(lines: list[str]) -> Entry:
    """A lemma's inflections by Penn tag, from its lines of the inflection table, as
    ``InflectionLUCodec.load`` builds them."""
    entry: Entry = {}
    for line in lines:
        _, _, forms = InflectionLUCodec.fromString(line)
        entry.update(forms)
    return entry


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


def install() -> None:
    """Give ``lemminflect`` its two tables as :class:`WordTable` (once per process;
    tables it has loaded already are kept)."""
    lemmatizer: Any = Lemmatizer()
    if not hasattr(lemmatizer, "lemma_dict"):
        lemmatizer.lemma_dict = WordTable(lemmatizer.lemma_lu_fn, lemma_entry, LemmaLUCodec.load)
    inflector: Any = Inflections()
    if not hasattr(inflector, "infl_dict"):
        inflector.infl_dict = WordTable(
            inflector.infl_lu_fn,
            inflection_entry,
            InflectionLUCodec.load,
            fixed=InflectionLUCodec.updateForAuxMod({}),
        )

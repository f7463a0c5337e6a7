"""lemminflect's lookups answered from its tables read one word at a time answer what
lemminflect does, and a build that meets only words the tables hold never imports it."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import lemminflect
import pytest
from lemminflect import Inflections, Lemmatizer
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

from question_bank import word_tables
from question_bank.word_tables import (
    WordTable,
    getAllLemmas,
    getInflection,
    inflection_entry,
    lemma_entry,
)

TAGS = ["VB", "VBD", "VBN", "VBG", "VBZ", "VBP", "MD", "NN", "NNS", "NNP", "NNPS"]
TAGS += ["JJ", "JJR", "JJS", "RB", "RBR", "RBS", "RP", "IN"]
PARTS = [None, "NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX"]


def lemma_table(path: str) -> WordTable:
    return WordTable(path, lemma_entry, LemmaLUCodec.load)


def inflection_table(path: str) -> WordTable:
    fixed = InflectionLUCodec.updateForAuxMod({})
    return WordTable(path, inflection_entry, InflectionLUCodec.load, fixed=fixed)


@pytest.mark.parametrize(
    ("table", "path", "load"),
    [
        (lemma_table, Lemmatizer().lemma_lu_fn, LemmaLUCodec.load),
        (inflection_table, Inflections().infl_lu_fn, InflectionLUCodec.load),
    ],
)
def test_every_word_of_the_shipped_tables_reads_as_the_whole_load_reads_it(table, path, load):
    whole = load(path)
    lazy = table(path)
    assert {word: lazy.get(word) for word in whole} == whole
    assert [list(lazy[word].items()) for word in whole] == [list(e.items()) for e in whole.values()]
    assert set(lazy) == set(whole)
    assert lazy.get("notaword-xyz", {}) == {}
    assert "notaword-xyz" not in lazy


def test_the_module_reads_the_tables_lemminflect_ships():
    assert word_tables.lemma_table()._path == Lemmatizer().lemma_lu_fn
    assert word_tables.inflection_table()._path == Inflections().infl_lu_fn
    assert word_tables.inflection_table()["be"] == InflectionLUCodec.updateForAuxMod({})["be"]


def test_the_entries_keep_the_order_and_the_last_line_the_whole_load_keeps(tmp_path: Path):
    # "left" is a verb and an adjective; a later line of the same part replaces an earlier
    path = tmp_path / "lemma_lu.csv.gz"
    lines = ["abc,noun,abc\n", "left,verb,leave\n", "left,adj,left\n", "left,verb,lef\n"]
    lines.append("must,modal,must\n")
    path.write_bytes(gzip.compress("".join(lines).encode()))
    whole = LemmaLUCodec.load(str(path))
    lazy = lemma_table(str(path))
    assert list(lazy["left"].items()) == list(whole["left"].items())
    assert lazy["left"] == {"VERB": ("lef",), "ADJ": ("left",)}
    assert lazy["must"] == whole["must"] == {"AUX": ("must",)}


def test_an_inflection_line_reads_as_lemminflect_reads_it(tmp_path: Path):
    # an empty field gives no tag; a missing one neither; two lines of a word merge
    lines = ["abide,verb,abode/abided,,abiding\n", "fast,adj,faster,fastest\n"]
    lines += ["fast,adv,faster\n", "fast,noun,fasts\n", "fast,verb,fasted,fasted,fasting,fasts\n"]
    path = tmp_path / "infl_lu.csv.gz"
    path.write_bytes(gzip.compress("".join(lines).encode()))
    whole = InflectionLUCodec.load(str(path))
    lazy = inflection_table(str(path))
    for word in ("abide", "fast", "be"):
        assert list(lazy[word].items()) == list(whole[word].items())
    assert lazy["abide"] == {"VBD": ("abode", "abided"), "VBG": ("abiding",), "VB": ("abide",),
                             "VBP": ("abide",)}  # fmt: skip
    with pytest.raises(ValueError, match="Unrecognized category"):
        inflection_entry(["will,modal,would"])


def test_a_table_not_sorted_by_word_is_loaded_whole(tmp_path: Path):
    path = tmp_path / "lemma_lu.csv.gz"
    path.write_bytes(gzip.compress(b"zeal,noun,zeal\nabbey,noun,abbey\nzeal,verb,zeal\n"))
    lazy = lemma_table(str(path))
    assert lazy["zeal"] == {"NOUN": ("zeal",), "VERB": ("zeal",)}
    assert lazy["abbey"] == {"NOUN": ("abbey",)}
    assert "zebra" not in lazy


def _spellings(word: str) -> list[str]:
    return [word, word.capitalize(), word.upper()]


@pytest.fixture
def whole_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """lemminflect answering from its own whole load of both tables."""
    lemmatizer, inflector = Lemmatizer(), Inflections()
    monkeypatch.setattr(lemmatizer, "lemma_dict", LemmaLUCodec.load(lemmatizer.lemma_lu_fn), False)
    monkeypatch.setattr(inflector, "infl_dict", InflectionLUCodec.load(inflector.infl_lu_fn), False)


@pytest.mark.usefixtures("whole_tables")
def test_every_word_of_the_lemma_table_has_lemminflects_lemmas():
    words = sorted({*word_tables.lemma_table(), "he", "all", "notaword-xyz", "NATO"})
    for word in words:
        assert getAllLemmas(word) == lemminflect.getAllLemmas(word), word
    for word in words[::50]:
        for spelling in _spellings(word):
            for upos in PARTS:
                answer = lemminflect.getAllLemmas(spelling, upos)
                assert getAllLemmas(spelling, upos) == answer, (spelling, upos)


@pytest.mark.usefixtures("whole_tables")
def test_every_lemma_of_the_inflection_table_has_lemminflects_forms():
    words = sorted({*word_tables.inflection_table(), "be", "can", "notaword-xyz"})
    for word in words:
        for tag in ("VBD", "VBN", "NNS"):  # the tags the library asks for
            answer = lemminflect.getInflection(word, tag, inflect_oov=False)
            assert getInflection(word, tag, inflect_oov=False) == answer, (word, tag)
    for word in words[::100]:
        for spelling in _spellings(word):
            for tag in TAGS:
                answer = lemminflect.getInflection(spelling, tag)
                assert getInflection(spelling, tag) == answer, (spelling, tag)


@pytest.mark.usefixtures("whole_tables")
def test_a_lemma_the_tables_do_not_hold_is_inflected_by_lemminflects_model():
    # no table line ("recapturize", "Füzuli"), or none of the part asked ("lunar" as a
    # noun, met in apollo-8): lemminflect guesses
    for lemma in ("recapturize", "Füzuli", "blorf", "lunar"):
        for tag in ("VBD", "VBN", "NNS", "NNP", "JJR"):
            assert getInflection(lemma, tag) == lemminflect.getInflection(lemma, tag)
    assert getInflection("recapturize", "VBN") == ("recapturized",)
    assert getInflection("recapturize", "VBN", inflect_oov=False) == ()


def test_a_build_of_known_words_imports_neither_lemminflect_nor_numpy() -> None:
    # and an unknown lemma imports lemminflect, which then reads the same tables
    code = (
        "import sys\n"
        "from question_bank.build import build_bank\n"
        "from question_bank.text import past_participle\n"
        "text = 'The Battle of Hastings was fought on 14 October 1066 near the town.\\n'\n"
        "bank = build_bank(text * 3, file='hastings.txt')\n"
        "print(past_participle('recapture'), len(bank.questions) > 0)\n"
        "print(sorted({'lemminflect', 'numpy'} & set(sys.modules)))\n"
        "print(past_participle('recapturize'))\n"
        "print(sorted({'lemminflect', 'numpy'} & set(sys.modules)))\n"
        "from lemminflect import Inflections, Lemmatizer\n"
        "from question_bank import word_tables\n"
        "print(Lemmatizer().lemma_dict is word_tables.lemma_table(),\n"
        "      Inflections().infl_dict is word_tables.inflection_table())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "recaptured True",
        "[]",
        "recapturized",
        "['lemminflect', 'numpy']",
        "True True",
    ]

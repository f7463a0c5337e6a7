"""lemminflect's word tables read one word at a time answer what the whole tables do."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lemminflect import Inflections, Lemmatizer, getAllLemmas, getInflection
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

from question_bank import text  # noqa: F401  (installs the tables, as every build does)
from question_bank.word_tables import WordTable, inflection_entry, lemma_entry


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
    assert set(lazy) == set(whole)
    assert lazy.get("notaword-xyz", {}) == {}
    assert "notaword-xyz" not in lazy


def test_the_entries_keep_the_order_and_the_last_line_the_whole_load_keeps(tmp_path: Path):
    # "left" is a verb and an adjective; a later line of the same part replaces an earlier
    path = tmp_path / "lemma_lu.csv.gz"
    lines = ["abc,noun,abc\n", "left,verb,leave\n", "left,adj,left\n", "left,verb,lef\n"]
    path.write_bytes(gzip.compress("".join(lines).encode()))
    whole = LemmaLUCodec.load(str(path))
    lazy = lemma_table(str(path))
    assert list(lazy["left"].items()) == list(whole["left"].items())
    assert lazy["left"] == {"VERB": ("lef",), "ADJ": ("left",)}


def test_a_table_not_sorted_by_word_is_loaded_whole(tmp_path: Path):
    path = tmp_path / "lemma_lu.csv.gz"
    path.write_bytes(gzip.compress(b"zeal,noun,zeal\nabbey,noun,abbey\nzeal,verb,zeal\n"))
    lazy = lemma_table(str(path))
    assert lazy["zeal"] == {"NOUN": ("zeal",), "VERB": ("zeal",)}
    assert lazy["abbey"] == {"NOUN": ("abbey",)}
    assert "zebra" not in lazy


def test_lemminflect_reads_its_tables_through_the_word_tables():
    assert isinstance(Lemmatizer().lemma_dict, WordTable)
    assert isinstance(Inflections().infl_dict, WordTable)
    assert getAllLemmas("fought", upos="VERB") == {"VERB": ("fight",)}
    assert getInflection("be", tag="VBD") == ("was", "were")
    assert getInflection("recapture", tag="VBN") == ("recaptured",)

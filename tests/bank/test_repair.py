"""Repairs delete harmless traces of stripped names and keep a map back to the source."""

from __future__ import annotations

import pytest

from question_bank.build import build_bank
from question_bank.holes import has_hole
from question_bank.repair import repair


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        (
            "signed by Azerbaijani President , Armenian Prime Minister , and Russian President",
            "signed by Azerbaijani President, Armenian Prime Minister, and Russian President",
        ),
        ("Füzuli, , and Qubadlı were retaken", "Füzuli, and Qubadlı were retaken"),
        (
            "troops occupied not only but also seven districts",
            "troops occupied seven districts",
        ),
        (
            "beginning with protests in on February 20, 1988",
            "beginning with protests on February 20, 1988",
        ),
        # nothing to mend: left alone
        ("The agreement was signed on May 12, 1994.", "The agreement was signed on May 12, 1994."),
        # a stripped year stays a visible hole
        ("announced on December 3, , that", "announced on December 3, , that"),
    ],
)
def test_repairs(text: str, repaired: str) -> None:
    result = repair(text)
    assert result.text == repaired
    assert len(result.origin) == len(result.text) + 1
    assert all(result.text[i] == text[result.origin[i]] for i in range(len(result.text)))


def test_a_repaired_sentence_is_quizzed_and_its_evidence_cuts_the_original() -> None:
    sentence = (
        "The Moscow ceasefire was signed on November 9, 2020, by Azerbaijani President , "
        "Armenian Prime Minister , and Russian President , in the Kremlin."
    )
    assert has_hole(sentence)
    document = f"Ceasefire\n\nTerms\n\n{sentence}\n"
    bank = build_bank(document, file="ceasefire.txt")
    question = next(q for q in bank.questions if q.kind == "cloze")
    assert question.answer is not None and question.answer.date == "2020-11-09"
    assert "President ," not in question.prompt and not has_hole(
        question.prompt.replace("_____", "x")
    )
    passage = bank.passage(question.passage)
    evidence = passage.text[question.evidence[0] : question.evidence[1]]
    assert evidence in sentence
    assert passage.text[question.answer.span[0] : question.answer.span[1]] == "November 9, 2020"

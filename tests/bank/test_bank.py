"""The bank contract: round trips, validation that reports everything, safe writing."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from question_bank.bank import (
    Bank,
    content_id,
    dump_bank,
    load_bank,
    parse_bank,
    validate_bank_dict,
    write_bank,
)
from question_bank.dates import DateValue
from question_bank.errors import BankError

SHA = "a" * 64


def minimal_bank() -> dict[str, Any]:
    text = "On November 8, 2020, Azerbaijani forces captured the city of Shusha."
    return {
        "schema": 1,
        "source": {"title": "T", "file": "t.txt", "sha256": SHA, "generator": "question_bank"},
        "passages": [
            {"id": "p-0000aaaa", "section": "S", "start": 10, "end": 10 + len(text), "text": text}
        ],
        "questions": [
            {
                "id": "q-0000aaaa",
                "kind": "date",
                "prompt": "On what date did Azerbaijani forces capture the city of Shusha?",
                "answer": {
                    "date": "2020-11-08",
                    "granularity": "day",
                    "text": "November 8, 2020",
                    "span": [3, 19],
                },
                "accept": [],
                "choices": [],
                "passage": "p-0000aaaa",
                "evidence": [0, len(text)],
                "section": "S",
                "tags": [],
                "difficulty": 0.5,
                "fact": "f-0000aaaa",
            },
            {
                "id": "q-0000bbbb",
                "kind": "choice",
                "prompt": "When?",
                "answer": {
                    "date": "2020-11-08",
                    "granularity": "day",
                    "text": "November 8, 2020",
                    "span": None,
                },
                "accept": [],
                "choices": [
                    "November 8, 2020",
                    "November 9, 2020",
                    "November 1, 2020",
                    "October 8, 2020",
                ],
                "passage": "p-0000aaaa",
                "evidence": [0, 10],
                "section": "S",
                "tags": [],
                "difficulty": 0.2,
                "disputed": [
                    {
                        "date": "2020-11-09",
                        "granularity": "day",
                        "passage": "p-0000aaaa",
                        "evidence": [0, 5],
                    }
                ],
            },
            {
                "id": "q-0000cccc",
                "kind": "order",
                "prompt": "Order these.",
                "answer": {"order": [1, 0]},
                "items": [
                    {
                        "text": "B",
                        "date": "2020-11",
                        "granularity": "month",
                        "passage": "p-0000aaaa",
                        "evidence": [0, 5],
                    },
                    {
                        "text": "A",
                        "date": "2020",
                        "granularity": "year",
                        "passage": "p-0000aaaa",
                        "evidence": [0, 5],
                    },
                ],
                "accept": [],
                "choices": [],
                "passage": "p-0000aaaa",
                "evidence": [0, 5],
                "section": "S",
                "tags": [],
                "difficulty": 0.5,
            },
        ],
    }


def test_round_trip_keeps_every_field() -> None:
    data = minimal_bank()
    bank = Bank.from_dict(data)
    assert bank.question("q-0000bbbb").disputed[0].date == "2020-11-09"
    assert bank.question("q-0000cccc").order == (1, 0)
    again = yaml.safe_load(dump_bank(bank))
    assert Bank.from_dict(again) == bank
    assert again["questions"][0]["answer"]["span"] == [3, 19]
    assert bank.question("q-0000aaaa").fact == again["questions"][0]["fact"] == "f-0000aaaa"
    assert "fact" not in again["questions"][1]  # written before the field: none


def test_passages_and_questions_are_found_by_id() -> None:
    bank = Bank.from_dict(minimal_bank())
    assert bank.passage("p-0000aaaa").start == 10
    assert bank.question("q-0000cccc").kind == "order"
    with pytest.raises(KeyError, match="p-ffffffff"):
        bank.passage("p-ffffffff")
    with pytest.raises(KeyError, match="q-ffffffff"):
        bank.question("q-ffffffff")


def _mutate(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(minimal_bank())
    target: Any = data
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if value is _DELETE:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "location", "words"),
    [
        ("schema", 7, "schema", "unsupported schema"),
        ("schema", "1", "schema", "must be an integer"),
        ("source.sha256", "xyz", "source.sha256", "64 lowercase hex"),
        ("source.title", _DELETE, "source.title", "is missing"),
        ("passages.0.end", 5, "passages[0].end", "start <= end"),
        ("passages.0.end", 99, "passages[0].end", "the text has"),
        ("questions.0.kind", "essay", "questions[0].kind", "unknown kind 'essay'"),
        ("questions.0.prompt", "  ", "questions[0].prompt", "must not be empty"),
        ("questions.0.prompt", 12, "questions[0].prompt", "must be a string"),
        ("questions.0.evidence", [0, 9999], "questions[0].evidence", "run past the passage"),
        ("questions.0.evidence", [5], "questions[0].evidence", "two integer offsets"),
        ("questions.0.evidence", [True, 3], "questions[0].evidence", "two integer offsets"),
        ("questions.0.passage", "p-ffffffff", "questions[0].passage", "unknown passage"),
        ("questions.0.answer.date", "2020-02-30", "questions[0].answer.date", "not a date"),
        (
            "questions.0.answer.granularity",
            "month",
            "questions[0].answer.granularity",
            "does not match",
        ),
        (
            "questions.0.answer.granularity",
            "week",
            "questions[0].answer.granularity",
            "must be one of",
        ),
        ("questions.0.difficulty", 3, "questions[0].difficulty", "between 0 and 1"),
        ("questions.0.id", "Q1", "questions[0].id", "is not an id"),
        ("questions.1.id", "q-0000aaaa", "questions[1].id", "duplicate id"),
        ("questions.1.choices", ["a", "b"], "questions[1].choices", "not among the choices"),
        ("questions.2.answer", {"order": [0, 0]}, "questions[2].answer.order", "permutation"),
        ("questions.0.tags", ["ok", 3], "questions[0].tags[1]", "must be a string"),
        ("questions.0.fact", "fact-1", "questions[0].fact", "is not a fact id"),
        (
            "questions.0.prompt",
            "On what date in 2019 did Azerbaijani forces capture the city of Shusha?",
            "questions[0].prompt",
            "lies outside",
        ),
        (
            "questions.1.choices",
            ["November 8, 2020", "8 November 2020", "November 1, 2020", "October 8, 2020"],
            "questions[1].choices",
            "the same date",
        ),
        (
            "questions.1.choices",
            ["November 8, 2020", "soon", "November 1, 2020", "October 8, 2020"],
            "questions[1].choices[1]",
            "is not a date",
        ),
        (
            "questions.1.disputed.0.passage",
            "p-12345678",
            "questions[1].disputed[0].passage",
            "unknown passage",
        ),
        ("questions", "none", "questions", "must be a list"),
        ("passages.0", "text", "passages[0]", "must be a mapping"),
        ("questions.1", 7, "questions[1]", "must be a mapping"),
        ("questions.1.disputed.0", "2020-11-09", "questions[1].disputed[0]", "must be a mapping"),
        ("questions.2.items.1", ["A"], "questions[2].items[1]", "must be a mapping"),
        (
            "questions.1.disputed.0.evidence",
            [0, 999],
            "questions[1].disputed[0].evidence",
            "run past",
        ),
        ("questions.2.items.0.passage", "p-12345678", "questions[2].items[0].passage", "unknown"),
        ("questions.2.items.1.evidence", [0, 999], "questions[2].items[1].evidence", "run past"),
        ("questions.2.items.1.date", "2020-13", "questions[2].items[1].date", "not a date"),
    ],
)
def test_each_problem_is_named_with_its_location(
    path: str, value: Any, location: str, words: str
) -> None:
    problems = validate_bank_dict(_mutate(path, value))
    assert any(p.location == location and words in p.message for p in problems), problems


@pytest.mark.parametrize(
    ("date", "granularity", "text"),
    [
        ("-0044", "year", "44 BC"),
        ("-0044-03-15", "day", "March 15, 44 BC"),
        ("0043", "year", "AD 43"),
        ("-0027/0014", "range", "27 BC – AD 14"),
        ("1990/1999", "decade", "the 1990s"),
        ("-0069/-0060", "decade", "the 60s BC"),
        ("1101/1200", "century", "the 12th century"),
        ("-0300/-0201", "century", "the 3rd century BC"),
    ],
)
def test_every_era_and_the_new_granularities_round_trip(
    date: str, granularity: str, text: str
) -> None:
    data = copy.deepcopy(minimal_bank())
    data["questions"][0]["answer"] = {"date": date, "granularity": granularity, "text": text}
    assert validate_bank_dict(data) == []
    bank = Bank.from_dict(data)
    dumped = dump_bank(bank)
    assert f"date: '{date}'" in dumped or f"date: {date}" in dumped
    assert parse_bank(dumped) == bank
    assert bank.questions[0].answer is not None
    assert bank.questions[0].answer.value.display() == text


@pytest.mark.parametrize(
    ("answer", "location", "words"),
    [
        ({"date": "0000", "granularity": "year"}, "date", "year zero does not exist"),
        ({"date": "-0000-03", "granularity": "month"}, "date", "year zero does not exist"),
        ({"date": "1990/1998", "granularity": "decade"}, "date", "is not a decade"),
        ({"date": "1991/2000", "granularity": "decade"}, "date", "is not a decade"),
        ({"date": "1100/1199", "granularity": "century"}, "date", "is not a century"),
        ({"date": "1990/1999", "granularity": "year"}, "granularity", "does not match"),
        ({"date": "-44", "granularity": "year"}, "date", "not a date"),
        ({"date": -44, "granularity": "year"}, "date", "write a year before 1000 or BC"),
        ({"date": 35, "granularity": "year"}, "date", "as a quoted string"),
        ({"date": "1990", "granularity": "millennium"}, "granularity", "must be one of"),
    ],
)
def test_malformed_dates_are_refused_with_a_clear_message(
    answer: dict[str, Any], location: str, words: str
) -> None:
    data = copy.deepcopy(minimal_bank())
    data["questions"][0]["answer"] = {"text": "x", **answer}
    problems = validate_bank_dict(data)
    where = f"questions[0].answer.{location}"
    assert any(p.location == where and words in p.message for p in problems), problems


def test_an_unquoted_bc_year_in_yaml_is_caught() -> None:
    text = dump_bank(Bank.from_dict(minimal_bank())).replace("date: '2020-11-08'", "date: -0044", 1)
    with pytest.raises(BankError, match="quoted string"):
        parse_bank(text)


def test_the_other_calendars_date_round_trips_and_is_checked() -> None:
    data = copy.deepcopy(minimal_bank())
    data["questions"][0]["answer"] = {
        "date": "1917-11-07",
        "granularity": "day",
        "text": "November 7, 1917",
        "also": {"date": "1917-10-25", "granularity": "day", "text": "October 25, 1917"},
    }
    bank = Bank.from_dict(data)
    answer = bank.questions[0].answer
    assert answer is not None and answer.also is not None
    assert answer.also.value == DateValue("1917-10-25", "day")
    assert parse_bank(dump_bank(bank)) == bank
    data["questions"][0]["answer"]["also"]["date"] = "1917-02-30"
    problems = validate_bank_dict(data)
    assert [p.location for p in problems] == ["questions[0].answer.also.date"]


def test_every_problem_is_reported_at_once() -> None:
    data = minimal_bank()
    data["questions"][0]["kind"] = "essay"
    data["questions"][1]["difficulty"] = -1
    data["passages"][0]["start"] = "zero"
    with pytest.raises(BankError) as caught:
        Bank.from_dict(data, name="broken.yaml")
    locations = {problem.location for problem in caught.value.problems}
    assert {"questions[0].kind", "questions[1].difficulty", "passages[0].start"} <= locations
    assert str(caught.value).startswith("broken.yaml: 3 problems")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- just\n- a list\n", "must be a YAML mapping"),
        ("schema: 1\nschema: 2\n", "duplicate key 'schema'"),
        ("schema: !!python/object:os.system {}\n", "not valid YAML"),
        ("schema: [1, 2\n", "not valid YAML"),
        ("", "must be a YAML mapping"),
    ],
)
def test_malformed_yaml_is_refused(text: str, words: str) -> None:
    with pytest.raises(BankError) as caught:
        parse_bank(text, name="x.yaml")
    assert words in str(caught.value)


def test_yaml_errors_give_the_line(tmp_path: Path) -> None:
    with pytest.raises(BankError) as caught:
        parse_bank("schema: 1\nsource: [\n", name="x.yaml")
    assert "line 3" in str(caught.value) or "line 2" in str(caught.value)


def test_load_refuses_non_utf8_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"schema: 1\nsource: \xff\n")
    with pytest.raises(BankError, match="byte 18 is not valid UTF-8"):
        load_bank(path)
    with pytest.raises(BankError, match="cannot read file"):
        load_bank(tmp_path / "absent.yaml")


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    bank = Bank.from_dict(minimal_bank())
    target = tmp_path / "bank.yaml"
    target.write_text("old contents", encoding="utf-8")
    write_bank(bank, target)
    assert load_bank(target) == bank
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.yaml"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank = Bank.from_dict(minimal_bank())
    target = tmp_path / "bank.yaml"
    target.write_text("old contents", encoding="utf-8")

    def explode(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("question_bank.bank.os.replace", explode)
    with pytest.raises(OSError):
        write_bank(bank, target)
    assert target.read_text(encoding="utf-8") == "old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.yaml"]


def test_content_ids_ignore_spacing_and_case_but_not_words() -> None:
    assert content_id("q", "Title", "A  sentence.", "date") == content_id(
        "q", "title", "a sentence.", "date"
    )
    assert content_id("q", "Title", "A sentence.", "date") != content_id(
        "q", "Title", "A sentence.", "cloze"
    )
    assert content_id("p", "x").startswith("p-")

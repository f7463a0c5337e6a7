"""The command line: build, check, show, stats; bad input exits 2 and writes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from question_bank.cli import main

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "quizapp" / "documents" / "second-nagorno-karabakh-war.txt"


def test_build_check_show_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "bank.yaml"
    assert main(["build", str(BUNDLED), "-o", str(output)]) == 0
    assert "questions" in capsys.readouterr().out
    bank = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert bank["source"]["file"] == BUNDLED.name

    assert main(["check", str(output)]) == 0
    assert "valid" in capsys.readouterr().out

    question = next(q for q in bank["questions"] if q["kind"] == "date")
    assert main(["show", str(output), question["id"]]) == 0
    shown = capsys.readouterr().out
    passage = next(p for p in bank["passages"] if p["id"] == question["passage"])
    start, end = question["evidence"]
    assert f"[[{passage['text'][start:end]}]]" in shown
    assert question["prompt"] in shown

    assert main(["stats", str(output)]) == 0
    stats = capsys.readouterr().out
    assert f"questions: {len(bank['questions'])}" in stats
    assert "skipped dates:" in stats
    assert "choice questions not made:" in stats


def test_show_an_unknown_id_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "bank.yaml"
    assert main(["build", str(BUNDLED), "-o", str(output)]) == 0
    assert main(["show", str(output), "q-00000000"]) == 2
    assert "no question with id 'q-00000000'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"caf\xe9 au lait 1999", "not valid UTF-8"),
        (b"Title\n\nNo dates anywhere in this text at all.\n", "no dated facts found"),
    ],
)
def test_bad_documents_exit_2_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    document = tmp_path / "doc.txt"
    document.write_bytes(content)
    output = tmp_path / "bank.yaml"
    assert main(["build", str(document), "-o", str(output)]) == 2
    error = capsys.readouterr().err
    assert message in error and document.name in error
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


def test_a_50_megabyte_document_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "huge.txt"
    with document.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    output = tmp_path / "bank.yaml"
    assert main(["build", str(document), "-o", str(output)]) == 2
    assert "over the 25 MB limit" in capsys.readouterr().err
    assert not output.exists()


def test_a_failed_build_keeps_the_previous_bank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "bank.yaml"
    output.write_text("previous", encoding="utf-8")
    document = tmp_path / "empty.txt"
    document.write_text("", encoding="utf-8")
    assert main(["build", str(document), "-o", str(output)]) == 2
    assert output.read_text(encoding="utf-8") == "previous"


MALFORMED = """\
schema: 1
source: {title: T, file: t.txt, sha256: nothex, generator: g}
passages:
  - {id: p-0000aaaa, section: S, start: 0, end: 4, text: "abcd"}
  - {id: p-0000aaaa, section: S, start: 0, end: 4, text: "abcd"}
questions:
  - id: q-0000aaaa
    kind: essay
    prompt: Why?
    answer: {date: "2020-13-01", granularity: day, text: x}
    passage: p-0000aaaa
    evidence: [0, 99]
    section: S
    difficulty: 0.5
  - id: q-0000bbbb
    kind: date
    prompt: When?
    answer: {date: "2020-11-08", granularity: day, text: x, span: [1, 2]}
    passage: p-ffffffff
    evidence: [0, 1]
    section: S
    difficulty: high
"""


def test_check_names_every_problem_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(MALFORMED, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    error = capsys.readouterr().err
    for expected in [
        "source.sha256",
        "passages[1].id: duplicate id 'p-0000aaaa'",
        "questions[0].kind: unknown kind 'essay'",
        "questions[0].evidence: offsets [0, 99] run past the passage text",
        "questions[1].passage: refers to unknown passage 'p-ffffffff'",
        "questions[1].difficulty: must be a number",
    ]:
        assert expected in error, expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2, 3]\n", "must be a YAML mapping"),
        ("!!python/object/apply:os.system ['true']\n", "not valid YAML"),
        ("schema: 1\n  bad: indentation\n", "not valid YAML"),
    ],
)
def test_check_refuses_yaml_that_is_not_a_bank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    output = tmp_path / "bank.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "question_bank", "build", str(BUNDLED), "-o", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert output.exists()


def test_check_accepts_every_era_and_names_a_malformed_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "bank.yaml"
    assert main(["build", str(BUNDLED), "-o", str(output)]) == 0
    capsys.readouterr()
    bank = yaml.safe_load(output.read_text(encoding="utf-8"))
    answers = [q["answer"] for q in bank["questions"] if q["kind"] in ("date", "cloze")]
    answers[0].update(date="-0044", granularity="year", text="44 BC")
    answers[1].update(date="1101/1200", granularity="century", text="the 12th century")
    answers[2].update(date="1990/1999", granularity="decade", text="the 1990s")
    output.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(output)]) == 0
    assert "valid" in capsys.readouterr().out

    answers[0].update(date="0000")
    answers[2].update(date="1990/1998")
    output.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(output)]) == 2
    error = capsys.readouterr().err
    assert "year zero does not exist" in error
    assert "'1990/1998' is not a decade" in error

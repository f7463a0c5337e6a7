"""The library stays pure: importing it never imports Flask or the app, and reading banks
never loads the generator."""

from __future__ import annotations

import subprocess
import sys


def _python(code: str) -> list[str]:
    """What ``code`` prints, run in a fresh interpreter (nothing imported yet)."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()


def test_question_bank_imports_no_web_framework() -> None:
    code = (
        "import sys\n"
        "import question_bank.build, question_bank.cli, question_bank.bank\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'flask', 'quizapp', 'sqlalchemy', 'werkzeug', 'jinja2'})\n"
        "print(','.join(bad))\n"
    )
    assert _python(code) == [""]


def test_the_generator_is_loaded_only_when_a_bank_is_built() -> None:
    code = (
        "import sys\n"
        "import question_bank\n"
        "generator = {'question_bank.build', 'question_bank.facts', 'question_bank.generate'}\n"
        "print(','.join(sorted(generator & set(sys.modules))))\n"
        "from question_bank import build_bank\n"
        "print(build_bank.__module__, ','.join(sorted(generator & set(sys.modules))))\n"
    )
    assert _python(code) == [
        "",
        "question_bank.build question_bank.build,question_bank.facts,question_bank.generate",
    ]

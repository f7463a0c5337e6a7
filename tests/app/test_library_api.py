"""The app reaches the library through its public API only: ``question_bank`` itself and
the names its ``__all__`` lists, never a module inside it, whose names are the
library's own business."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import question_bank

QUIZAPP = Path(__file__).resolve().parents[2] / "quizapp"


def off_the_api(source: str) -> list[str]:
    """Each import in ``source`` that reaches into the library past its public API, as
    ``line N: what``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {alias.name}"
                for alias in node.names
                if alias.name.startswith("question_bank.")
            ]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith("question_bank."):
                found.append(f"line {node.lineno}: from {node.module} import ...")
            elif node.module == "question_bank":
                found += [
                    f"line {node.lineno}: from question_bank import {alias.name}"
                    for alias in node.names
                    if alias.name not in question_bank.__all__
                ]
    return found


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import question_bank", []),
        ("from question_bank import Bank, DateValue, build_bank", []),
        ("def f():\n    from question_bank import read_document_file", []),
        ("from quizapp.models import Question", []),
        ("import question_bank.bank", ["line 1: import question_bank.bank"]),
        (
            "from question_bank.dates import DateValue",
            ["line 1: from question_bank.dates import ..."],
        ),
        (
            "def f():\n    from question_bank.cli import read_document_file",
            ["line 2: from question_bank.cli import ..."],
        ),
        ("from question_bank import dates", ["line 1: from question_bank import dates"]),
        ("from question_bank import _private", ["line 1: from question_bank import _private"]),
    ],
)
def test_an_import_past_the_public_api_is_found(source: str, found: list[str]) -> None:
    assert off_the_api(source) == found


def test_every_name_in_the_public_api_exists() -> None:
    assert [name for name in question_bank.__all__ if not hasattr(question_bank, name)] == []


def test_the_app_imports_only_the_library_s_public_api() -> None:
    modules = sorted(QUIZAPP.rglob("*.py"))
    assert len(modules) > 50  # the whole app, migrations included
    found = {
        str(module.relative_to(QUIZAPP.parent)): off_the_api(module.read_text(encoding="utf-8"))
        for module in modules
    }
    assert {module: imports for module, imports in found.items() if imports} == {}

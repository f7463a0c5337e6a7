"""``flask --app quizapp`` commands: build and import banks, create users, set up."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from quizapp.accounts import EmailTakenError, create_user
from quizapp.extensions import db
from quizapp.importer import (
    BankError,
    QuestionBankError,
    build_bank_file,
    find_document_text,
    import_bank,
    read_bank,
)

__all__ = ["register"]

BUNDLED_DOCUMENT = Path(__file__).resolve().parent / "documents" / "second-nagorno-karabakh-war.txt"
EXIT_BAD_INPUT = 2


def register(app: Flask) -> None:
    from quizapp.export.commands import EXPORT_COMMANDS

    for command in (import_bank_command, create_user_command, build_bank_command, setup_command):
        app.cli.add_command(command)
    for command in EXPORT_COMMANDS:
        app.cli.add_command(command)


def _import(path: Path, document: Path | None) -> None:
    try:
        bank = read_bank(path)
    except BankError as error:
        click.echo(f"{path}: the bank was not imported; fix these problems first:", err=True)
        for problem in error.problems:
            click.echo(f"  - {problem}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    candidates = [document] if document else []
    candidates += [path.parent / bank.source.file, BUNDLED_DOCUMENT.parent / bank.source.file]
    text = find_document_text(bank, candidates)
    try:
        summary = import_bank(bank, now=datetime.now(UTC), document_text=text)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    click.echo(f"Imported {bank.source.title!r} from {path}: {summary}.")


@click.command("import-bank")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--document",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The source document, stored for the document view (found next to the bank "
    "or among the bundled documents when not given).",
)
@with_appcontext
def import_bank_command(path: Path, document: Path | None) -> None:
    """Import the bank at PATH in one transaction (safe to repeat)."""
    _import(path, document)


@click.command("create-user")
@click.argument("email")
@click.option("--name", default="", help="Display name.")
@click.option("--teacher", is_flag=True, help="Create a teacher account.")
@click.password_option(help="Prompted for when not given.")
@with_appcontext
def create_user_command(email: str, name: str, teacher: bool, password: str) -> None:
    """Create an account for EMAIL."""
    if len(password) < 8:
        raise click.BadParameter("use at least 8 characters", param_hint="password")
    try:
        user = create_user(
            email, password, display_name=name, role="teacher" if teacher else "learner"
        )
    except EmailTakenError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}.")


@click.command("build-bank")
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the bank (default: instance/<document>.bank.yaml).",
)
@with_appcontext
def build_bank_command(document: Path, output: Path | None) -> None:
    """Build a question bank from DOCUMENT (then import it with import-bank)."""
    output = output or Path(current_app.instance_path) / f"{document.stem}.bank.yaml"
    try:
        bank = build_bank_file(document, output)
    except QuestionBankError as error:
        click.echo(f"{document}: {error}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"Wrote {output}: {len(bank.questions)} questions.")


@click.command("setup")
@with_appcontext
def setup_command() -> None:
    """Create or migrate the database, then build and import the bundled document."""
    upgrade()
    output = Path(current_app.instance_path) / "bank.yaml"
    try:
        bank = build_bank_file(BUNDLED_DOCUMENT, output)
        click.echo(f"Built {output}: {len(bank.questions)} questions.")
    except QuestionBankError as error:
        if not output.exists():
            raise click.ClickException(f"cannot build the bundled bank: {error}") from error
        click.echo(f"Keeping the previous bank, the build failed: {error}", err=True)
    _import(output, BUNDLED_DOCUMENT)
    click.echo("\nquizapp is ready: open http://127.0.0.1:5000/ and sign up to start.\n")

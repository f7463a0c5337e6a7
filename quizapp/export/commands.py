"""``flask --app quizapp export-anki | export-csv | export-moodle`` commands."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from quizapp.export.files import DEFAULT_BASE_URL, export_file
from quizapp.export.gather import learner_progress, set_questions, source_questions
from quizapp.export.records import ExportQuestion
from quizapp.extensions import db
from quizapp.models import QuestionSet, Source, User, utcnow

__all__ = ["EXPORT_COMMANDS"]


def _selection(source_id: int | None, set_id: int | None) -> tuple[list[ExportQuestion], str, str]:
    """The questions, title and deck key of ``--source`` or ``--set``."""
    if (source_id is None) == (set_id is None):
        raise click.UsageError("give either --source ID or --set ID")
    if source_id is not None:
        source = db.session.get(Source, source_id)
        if source is None:
            known = ", ".join(f"{s.id} ({s.title})" for s in db.session.scalars(select(Source)))
            raise click.BadParameter(f"no source {source_id}; sources: {known or 'none'}")
        return source_questions(source.id), source.title, f"source:{source.file}"
    question_set = db.session.get(QuestionSet, set_id)
    if question_set is None:
        raise click.BadParameter(f"no question set {set_id}", param_hint="--set")
    deck_key = f"set:{question_set.source.file}:{question_set.id}"
    return set_questions(question_set), question_set.name, deck_key


def _write(
    fmt: str,
    source_id: int | None,
    set_id: int | None,
    output: Path | None,
    *,
    base_url: str | None,
    learner: str | None = None,
) -> None:
    questions, title, deck_key = _selection(source_id, set_id)
    progress = None
    if learner is not None:
        user = db.session.scalars(select(User).where(User.email == learner)).first()
        if user is None:
            raise click.BadParameter(f"no account {learner!r}", param_hint="--progress")
        progress = learner_progress(user, questions)
    exported = export_file(
        fmt,
        questions,
        title=title,
        deck_key=deck_key,
        base_url=base_url or current_app.config.get("BASE_URL") or DEFAULT_BASE_URL,
        now=utcnow(),
        progress=progress,
    )
    path = output or Path(exported.filename)
    path.write_bytes(exported.data)
    with_progress = f", with the progress of {len(progress)} cards" if progress else ""
    click.echo(f"Wrote {path}: {len(questions)} questions{with_progress}.")


_source = click.option("--source", "source_id", type=int, help="Export this source (its id).")
_set = click.option("--set", "set_id", type=int, help="Export this question set (its id).")
_output = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (default: a name from the title, in the current folder).",
)
_base_url = click.option(
    "--base-url",
    help=f"quizapp's address for links back to passages (default: QUIZAPP_BASE_URL, "
    f"else {DEFAULT_BASE_URL}).",
)


@click.command("export-anki")
@_source
@_set
@_output
@_base_url
@click.option(
    "--progress",
    "learner",
    metavar="EMAIL",
    help="Include this learner's scheduling state and review history.",
)
@with_appcontext
def export_anki_command(
    source_id: int | None,
    set_id: int | None,
    output: Path | None,
    base_url: str | None,
    learner: str | None,
) -> None:
    """Write an Anki deck (.apkg) of a source's or a set's questions."""
    _write("apkg", source_id, set_id, output, base_url=base_url, learner=learner)


@click.command("export-csv")
@_source
@_set
@_output
@_base_url
@with_appcontext
def export_csv_command(
    source_id: int | None, set_id: int | None, output: Path | None, base_url: str | None
) -> None:
    """Write a CSV file (UTF-8) of a source's or a set's questions."""
    _write("csv", source_id, set_id, output, base_url=base_url)


@click.command("export-moodle")
@_source
@_set
@_output
@_base_url
@click.option("--gift", is_flag=True, help="Write GIFT text instead of Moodle XML.")
@with_appcontext
def export_moodle_command(
    source_id: int | None,
    set_id: int | None,
    output: Path | None,
    base_url: str | None,
    gift: bool,
) -> None:
    """Write Moodle XML (or GIFT) of a source's or a set's questions."""
    _write("gift" if gift else "xml", source_id, set_id, output, base_url=base_url)


EXPORT_COMMANDS = (export_anki_command, export_csv_command, export_moodle_command)

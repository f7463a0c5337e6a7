"""``flask --app quizapp`` commands: build and import banks, create users, set up."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import select

from quizapp.accounts.users import EmailTakenError, create_user
from quizapp.extensions import db
from quizapp.models import utcnow
from quizapp.sources.importer import (
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
    for command in (upload_command, publish_command, worker_command):
        app.cli.add_command(command)
    for command in EXPORT_COMMANDS:
        app.cli.add_command(command)
    app.cli.add_command(reset_link_command)
    app.cli.add_command(make_admin_command)


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
        summary = import_bank(bank, now=utcnow(), document_text=text)
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


# --- uploaded documents ----------------------------------------------------------------


def _echo_report(report: dict[str, Any]) -> None:
    kinds = report.get("questions") or {}
    listed = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    click.echo(f"  dated facts: {report.get('facts', 0)}")
    click.echo(f"  questions: {sum(kinds.values())}" + (f" ({listed})" if listed else ""))
    skipped = report.get("skipped") or {}
    if skipped:
        click.echo("  dates skipped:")
        for reason, count in sorted(skipped.items(), key=lambda item: -item[1]):
            click.echo(f"    {count:5d}  {reason}")
    conflicts = report.get("conflicts") or []
    click.echo(f"  conflicts: {len(conflicts)}")
    for conflict in conflicts:
        click.echo("    " + " vs ".join(conflict.get("dates", [])))


@click.command("upload")
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--teacher", "email", required=True, help="The owning teacher's email.")
@click.option("--source", "source_id", type=int, help="Make it a new version of this source.")
@click.option("--publish", is_flag=True, help="Accept every question at once (no review).")
@with_appcontext
def upload_command(document: Path, email: str, source_id: int | None, publish: bool) -> None:
    """Generate questions from DOCUMENT (.txt, .md, .html, .pdf) for a teacher's review."""
    from quizapp.models import Source, User
    from quizapp.sources import decisions, generation

    teacher = db.session.scalars(select(User).where(User.email == email.strip().lower())).first()
    if teacher is None or teacher.role != "teacher":
        raise click.ClickException(f"{email}: no teacher account with this email")
    source = db.session.get(Source, source_id) if source_id is not None else None
    if source_id is not None and (source is None or source.owner_id != teacher.id):
        raise click.ClickException(f"source {source_id}: not a document of {email}")
    try:
        job = generation.create_upload_job(
            teacher, document.name, document.read_bytes(), now=utcnow(), source=source
        )
    except QuestionBankError as error:
        click.echo(f"{document}: not stored: {error}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    db.session.commit()
    settings = generation.job_settings(current_app)
    claim, attempt = generation.claim_job(job.id, now=utcnow(), jobs_per_owner=1_000_000)
    if claim == "claimed":
        generation.run_claimed_job(job.id, attempt, settings=settings)
    db.session.refresh(job)
    if job.status != "done":
        click.echo(f"{document}: not stored: {job.message}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    stored = db.session.get(Source, job.source_id)
    assert stored is not None
    click.echo(f"Source {stored.id}: {stored.title!r} ({job.document_format}, {job.size:,} bytes)")
    _echo_report(job.report or {})
    if publish:
        accepted = decisions.accept_pending(stored, teacher, now=utcnow())
        db.session.commit()
        click.echo(f"Published: {accepted} questions accepted.")
    else:
        counts = decisions.review_counts(stored)
        click.echo(
            f"{counts.pending} questions wait for review at /teach/documents/{stored.id}/review "
            f"(or: flask --app quizapp publish {stored.id})."
        )


@click.command("worker")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default QUIZAPP_GENERATION_WORKERS, else 2).",
)
@with_appcontext
def worker_command(workers: int | None) -> None:
    """Run generation jobs: the job queue's consumer and its worker processes.

    The queue is QUIZAPP_QUEUE_URL (default: instance/queue.sqlite). Ctrl-C (SIGINT)
    lets the jobs at hand finish; SIGTERM stops at once (their jobs run again later).
    """
    from quizapp.sources import queue

    count = workers or int(current_app.config.get("GENERATION_WORKERS", 2))
    click.echo(f"generation workers: {count}, queue {queue.queue_url(current_app)}", err=True)
    queue.run_worker(current_app._get_current_object(), workers=count)  # type: ignore[attr-defined]


@click.command("publish")
@click.argument("source_id", type=int)
@click.option(
    "--everyone",
    is_flag=True,
    help="Also make it a document for everyone (as an administrator publishes it), not "
    "only for its owner and the classes they give it to.",
)
@with_appcontext
def publish_command(source_id: int, everyone: bool) -> None:
    """Accept every pending question of uploaded source SOURCE_ID."""
    from quizapp.models import EVERYONE, Source
    from quizapp.sources import decisions

    source = db.session.get(Source, source_id)
    if source is None or source.owner is None:
        raise click.ClickException(f"source {source_id}: no uploaded document with this id")
    accepted = decisions.accept_pending(source, source.owner, now=utcnow())
    if everyone:
        source.audience = EVERYONE
    db.session.commit()
    counts = decisions.review_counts(source)
    click.echo(
        f"{source.title!r}: {accepted} accepted now; {counts.accepted} accepted, "
        f"{counts.rejected} rejected in all; for {source.audience}."
    )


# --- account recovery -------------------------------------------------------------------


@click.command("reset-link")
@click.argument("email")
@click.option("--base-url", help="quizapp's address (default QUIZAPP_BASE_URL).")
@with_appcontext
def reset_link_command(email: str, base_url: str | None) -> None:
    """Print a one-time password reset link for EMAIL (valid 24 hours; no email is sent)."""
    from quizapp.accounts.users import issue_reset_link, normalise_email
    from quizapp.models import User
    from quizapp.platform.addresses import public_base_url

    user = db.session.scalars(select(User).where(User.email == normalise_email(email))).first()
    if user is None:
        raise click.ClickException(f"no account for {email}")
    secret = issue_reset_link(user, issued_by=None, now=utcnow())
    db.session.commit()
    base = (base_url or public_base_url()).rstrip("/")
    click.echo(f"One-time reset link for {user.email} (24 hours):\n{base}/reset/{secret}")


@click.command("make-admin")
@click.argument("email")
@click.option("--revoke", is_flag=True, help="Take the administrator role away instead.")
@with_appcontext
def make_admin_command(email: str, revoke: bool) -> None:
    """Make the account EMAIL an administrator (or, with --revoke, no longer one)."""
    from quizapp.accounts.users import normalise_email
    from quizapp.models import User

    user = db.session.scalars(select(User).where(User.email == normalise_email(email))).first()
    if user is None:
        raise click.ClickException(f"no account for {email}")
    user.is_admin = not revoke
    db.session.commit()
    click.echo(f"{user.email} is {'no longer ' if revoke else ''}an administrator.")

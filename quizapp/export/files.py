"""One call from a list of questions to a downloadable file in any export format."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from quizapp.export.anki import build_apkg, deck_id_for
from quizapp.export.moodle import build_gift, build_moodle_xml
from quizapp.export.records import CardProgress, ExportQuestion
from quizapp.export.spreadsheet import build_csv
from quizapp.platform.addresses import DEFAULT_BASE_URL

__all__ = ["DEFAULT_BASE_URL", "FORMATS", "ExportFile", "export_file"]

FORMATS = {
    "apkg": "application/apkg",
    "csv": "text/csv; charset=utf-8",
    "xml": "application/xml",
    "gift": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class ExportFile:
    data: bytes
    mimetype: str
    filename: str


def file_stem(title: str) -> str:
    """A file name for ``title``: letters, digits and dashes (any script)."""
    stem = re.sub(r"[^\w]+", "-", title, flags=re.UNICODE).strip("-_")
    return stem[:80] or "quizapp"


def export_file(
    fmt: str,
    questions: Sequence[ExportQuestion],
    *,
    title: str,
    deck_key: str,
    base_url: str,
    now: datetime,
    progress: Mapping[str, CardProgress] | None = None,
) -> ExportFile:
    """Write ``questions`` in format ``fmt`` (a key of :data:`FORMATS`).

    Args:
        fmt: ``apkg``, ``csv``, ``xml`` (Moodle XML) or ``gift``.
        questions: what to export, in order.
        title: the deck's, category's and file's name (a source title or a set name).
        deck_key: what the Anki deck id is derived from (``source:<file>``, ``set:<id>``).
        base_url: quizapp's address, for links back to passages.
        now: the export time.
        progress: the learner's cards by fact id (Anki only), or None.

    Raises:
        ValueError: an unknown format.
    """
    if fmt == "apkg":
        data = build_apkg(
            questions,
            deck_name="quizapp::" + title.replace("::", ":"),
            deck_id=deck_id_for(deck_key),
            base_url=base_url,
            now=now,
            progress=progress,
        )
    elif fmt == "csv":
        data = build_csv(questions, base_url=base_url)
    elif fmt == "xml":
        data = build_moodle_xml(
            questions, category="quizapp/" + title.replace("/", "//"), base_url=base_url
        )
    elif fmt == "gift":
        data = build_gift(questions)
    else:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    suffix = "-progress" if progress else ""
    extension = "moodle.xml" if fmt == "xml" else fmt
    return ExportFile(data, FORMATS[fmt], f"{file_stem(title)}{suffix}.{extension}")

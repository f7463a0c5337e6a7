"""Exports: Anki packages, CSV, Moodle XML and GIFT from lists of questions.

The writers take plain records (:mod:`quizapp.export.records`) and return bytes;
:mod:`quizapp.export.gather` reads those records from the database, and
:func:`export_file` picks the writer for a format. The export pages and downloads
(blueprint ``exports``) are :mod:`quizapp.export.views`; the ``export-*`` commands,
:mod:`quizapp.export.commands`.
"""

from quizapp.export.anki import (
    FACT_MODEL_ID,
    build_apkg,
    deck_id_for,
    note_guid,
)
from quizapp.export.files import DEFAULT_BASE_URL, FORMATS, ExportFile, export_file
from quizapp.export.gather import (
    export_question,
    export_questions,
    learner_progress,
    readable_set,
    set_questions,
    source_questions,
)
from quizapp.export.moodle import build_gift, build_moodle_xml
from quizapp.export.records import CardProgress, ExportQuestion, ReviewEntry, passage_url
from quizapp.export.spreadsheet import build_csv

__all__ = [
    "DEFAULT_BASE_URL",
    "FACT_MODEL_ID",
    "FORMATS",
    "CardProgress",
    "ExportFile",
    "ExportQuestion",
    "ReviewEntry",
    "build_apkg",
    "build_csv",
    "build_gift",
    "build_moodle_xml",
    "deck_id_for",
    "export_file",
    "export_question",
    "export_questions",
    "learner_progress",
    "note_guid",
    "passage_url",
    "readable_set",
    "set_questions",
    "source_questions",
]

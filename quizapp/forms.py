"""The web forms; each carries a CSRF token through Flask-WTF."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField

__all__ = [
    "RegenerateForm",
    "UploadForm",
]


# --- teaching ------------------------------------------------------------------------


# --- uploaded documents ----------------------------------------------------------------


class UploadForm(FlaskForm):
    document = FileField(
        "Document (.txt, .md, .html or .pdf)",
        validators=[FileRequired(message="Choose a file to upload.")],
    )
    submit = SubmitField("Upload and generate questions")


class RegenerateForm(FlaskForm):
    """A new version of a document (optional: without a file the stored text is rebuilt)."""

    document = FileField("New version of the document (optional)")
    submit = SubmitField("Regenerate")

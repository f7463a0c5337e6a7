"""The forms of a teacher's documents: an upload, a new version to regenerate from."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField

__all__ = ["RegenerateForm", "UploadForm"]


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

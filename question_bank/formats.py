"""A document file's bytes to the text the reader takes: text, Markdown, HTML or PDF.

The format comes from the file name's extension and is checked against the content:
a PDF must start like one, and a text file that is really an HTML page is read as HTML.
HTML (:mod:`question_bank.html`) and PDF (:mod:`question_bank.pdf`) are converted; the
converted text is the document from then on (passage offsets point into it, the bank's
``sha256`` is its hash). Text and Markdown are only decoded.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from question_bank import html, pdf
from question_bank.errors import DocumentError
from question_bank.html import html_to_text, looks_like_html
from question_bank.read import decode_document

__all__ = [
    "EXTENSIONS",
    "DocumentText",
    "FileFormat",
    "ReadLimits",
    "check_document",
    "check_extension",
    "document_text",
]

FileFormat = Literal["text", "markdown", "html", "pdf"]
EXTENSIONS: dict[str, FileFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
_PDF = b"%PDF-"


@dataclass(frozen=True)
class DocumentText:
    """A document's text as the reader takes it, and the format it came in."""

    text: str
    format: FileFormat


@dataclass(frozen=True)
class ReadLimits:
    """How much of a document is read before it is refused: a server reading documents
    from strangers sets these (with a CPU and memory limit around the reading)."""

    max_characters: int = pdf.MAX_CHARACTERS  # of a PDF's text
    max_pdf_pages: int = pdf.MAX_PAGES
    max_html_nodes: int = html.MAX_NODES
    max_html_depth: int = html.MAX_DEPTH


def check_extension(name: str) -> FileFormat:
    """The format a file name announces.

    Raises:
        DocumentError: the extension is not one of :data:`EXTENSIONS`.
    """
    suffix = PurePath(name).suffix.lower()
    if suffix not in EXTENSIONS:
        known = ", ".join(sorted(EXTENSIONS))
        what = f"{suffix} files are" if suffix else "a file without an extension is"
        raise DocumentError(f"{name}: {what} not supported; use one of {known}")
    return EXTENSIONS[suffix]


def document_text(data: bytes, *, name: str, limits: ReadLimits | None = None) -> DocumentText:
    """Decode or convert a document file.

    Args:
        data: the file's bytes.
        name: the file name: its extension names the format (an unknown one is read as
            text or, when it looks like a page, HTML); used in error messages.
        limits: the most pages and characters of a PDF, elements and depth of a page.

    Returns:
        The text and its format.

    Raises:
        DocumentError: the file is empty, binary, not UTF-8, a broken, encrypted or
            image-only PDF, a page without text, or over a limit; the message says which.
    """
    limits = limits or ReadLimits()
    announced = EXTENSIONS.get(PurePath(name).suffix.lower())
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    if body.startswith(_PDF):
        from question_bank.pdf import pdf_to_text

        text = pdf_to_text(
            data,
            name=name,
            max_pages=limits.max_pdf_pages,
            max_characters=limits.max_characters,
        )
        return DocumentText(text, "pdf")
    if announced == "pdf":
        raise DocumentError(
            f"{name}: this is not a PDF (it does not start with %PDF-); "
            "the file is broken or has the wrong extension"
        )
    text = decode_document(data, name=name)
    if announced == "html" or (announced != "markdown" and looks_like_html(text)):
        try:
            converted = html_to_text(
                text, max_nodes=limits.max_html_nodes, max_depth=limits.max_html_depth
            )
        except DocumentError as error:
            raise DocumentError(f"{name}: {error}") from None
        if (
            not converted.strip()
            or converted.strip().startswith("#")
            and "\n" not in (converted.strip())
        ):
            raise DocumentError(f"{name}: the page holds no text once its markup is removed")
        return DocumentText(converted, "html")
    return DocumentText(text, announced or "text")


def check_document(data: bytes, *, name: str) -> FileFormat:
    """Refuse quickly what :func:`document_text` would refuse, without converting.

    For a server that converts in the background but must answer an upload at once:
    the extension must be known, a text file must decode, a PDF must open, not be
    password protected and have text on its first pages.

    Args:
        data: the file's bytes.
        name: the file name.

    Returns:
        The format the file will be read as.

    Raises:
        DocumentError: the reason the file cannot be read.
    """
    announced = check_extension(name)
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    if body.startswith(_PDF):
        from question_bank.pdf import check_pdf

        check_pdf(data, name=name)
        return "pdf"
    if announced == "pdf":
        raise DocumentError(
            f"{name}: this is not a PDF (it does not start with %PDF-); "
            "the file is broken or has the wrong extension"
        )
    text = decode_document(data, name=name)
    if announced != "markdown" and looks_like_html(text):
        return "html"
    return announced

"""Text from a PDF, through ``pypdf``; encrypted, broken and image-only PDFs are refused.

The text layer is taken page by page. A PDF breaks every paragraph into lines, so the
lines are joined back into paragraphs: a word hyphenated across a line break is joined
("docu-" + "ment"), a line is continued by the next unless it ends a sentence and is
short (a heading, the end of a paragraph), and pages are separated by a blank line.
The result is plain text for the reader; passage offsets point into it.

pypdf reads a content stream in time linear in its operators, but slowly (about 50 µs
each): a page of many one-letter text runs compresses to a few kilobytes and takes tens
of seconds. So a PDF with more than ``max_pages`` pages, or more than
``max_characters`` characters of text, is refused; a caller that must bound the time
as well runs the reading under a CPU limit.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import TYPE_CHECKING

from question_bank.errors import DocumentError

if TYPE_CHECKING:
    from pypdf import PdfReader

__all__ = ["MAX_CHARACTERS", "MAX_PAGES", "check_pdf", "pdf_to_text"]

MAX_PAGES = 2_000
MAX_CHARACTERS = 20_000_000

# A line this much shorter than the page's longest line ends its paragraph.
_SHORT_LINE_RATIO = 0.75
_HYPHENATED = re.compile(r"(\w)-\n(?=[a-z])")
_TERMINAL = re.compile(r"[.!?:…][\"'”’)\]]*$")


def check_pdf(data: bytes, *, name: str = "document.pdf", pages: int = 3) -> None:
    """Refuse a PDF that :func:`pdf_to_text` would refuse, reading only its first pages.

    Raises:
        DocumentError: not a readable PDF, password protected, or no text on the first
            ``pages`` pages.
    """
    if not "".join(_page_texts(data, name=name, limit=pages)).strip():
        raise DocumentError(
            f"{name}: the PDF has no text on its first pages (scanned pages?); "
            "only PDFs with selectable text can be read"
        )


def pdf_to_text(
    data: bytes,
    *,
    name: str = "document.pdf",
    max_pages: int = MAX_PAGES,
    max_characters: int = MAX_CHARACTERS,
) -> str:
    """Extract a PDF's text as paragraphs separated by blank lines.

    Args:
        data: the PDF file's bytes.
        name: the file name, used in error messages.
        max_pages: the most pages a PDF may have.
        max_characters: the most characters of text a PDF may hold.

    Returns:
        The text of every page.

    Raises:
        DocumentError: the file is not a readable PDF, is password protected, has no
            text layer (scanned pages), or is over a limit; the message says which.
    """
    pages = _page_texts(
        data, name=name, limit=None, max_pages=max_pages, max_characters=max_characters
    )
    text = "\n\n".join(_paragraphs(page) for page in pages if page.strip())
    if not text.strip():
        raise DocumentError(
            f"{name}: the PDF has no text layer (scanned pages?); "
            "only PDFs with selectable text can be read"
        )
    return text + "\n"


def _page_texts(
    data: bytes,
    *,
    name: str,
    limit: int | None,
    max_pages: int | None = None,
    max_characters: int | None = None,
) -> list[str]:
    # pypdf is loaded only when a PDF comes in.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    # A damaged file can make pypdf fail anywhere in its object parser, with its own
    # errors or with the builtin ones below; each means "this PDF cannot be read".
    broken = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError)
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
                return _read_pages(reader, name, limit, max_pages, max_characters)
            except (FileNotDecryptedError, DependencyError, NotImplementedError) as error:
                raise DocumentError(
                    f"{name}: the PDF is encrypted (password protected); "
                    "save an unprotected copy and upload that"
                ) from error
        return _read_pages(reader, name, limit, max_pages, max_characters)
    except DocumentError:
        raise
    except (*broken, RecursionError, OSError) as error:
        raise DocumentError(
            f"{name}: not a readable PDF ({error or type(error).__name__})"
        ) from None


def _read_pages(
    reader: PdfReader,
    name: str,
    limit: int | None,
    max_pages: int | None,
    max_characters: int | None,
) -> list[str]:
    if max_pages is not None and len(reader.pages) > max_pages:
        raise DocumentError(
            f"{name}: the PDF has {len(reader.pages):,} pages; at most {max_pages:,} are read"
        )
    texts, characters = [], 0
    for page in reader.pages[:limit]:
        texts.append(page.extract_text() or "")
        characters += len(texts[-1])
        if max_characters is not None and characters > max_characters:
            raise DocumentError(
                f"{name}: the PDF holds more than {max_characters:,} characters of text"
            )
    return texts


def _paragraphs(page: str) -> str:
    page = _HYPHENATED.sub(r"\1", page.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [" ".join(line.split()) for line in page.split("\n")]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if _TERMINAL.search(line) and len(line) < _SHORT_LINE_RATIO * width:
            paragraphs.append(" ".join(current))
            current = []
        elif len(line) < 0.5 * width and not _TERMINAL.search(line) and len(current) == 1:
            paragraphs.append(line)  # a heading: short and without a full stop
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)

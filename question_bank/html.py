"""Turn an HTML page (a saved Wikipedia article included) into Markdown-like text.

The reader (:mod:`question_bank.read`) understands plain text and Markdown; an HTML page
is converted first and the converted text becomes the document: passage offsets point
into it. What the conversion keeps and how it writes it:

* the title (the first ``<h1>``, else ``<title>`` without a " - Wikipedia" suffix) as
  ``# Title``, headings as ``#``-headings of their level;
* paragraphs, block quotes, definition lists and figure captions, one line each;
* list items as ``- item`` or ``1. item``;
* tables as pipe tables, one row per line (``| cell | cell |``), the first row as the
  header; a table nested in a cell is flattened into that cell; an infobox (a summary
  of the article's own text as label/value pairs) is left out;
* the reference list (``ol.references``, ``div.reflist``) as a trailing ``References``
  section, so the reader skips it.

What it drops: ``head``, scripts, styles, navigation, page headers and footers, forms,
edit links, hidden elements, navigation boxes, the table of contents, hat notes, and
footnote markers (``<sup class="reference">``, and "[12]", "[a]", "[citation needed]"
left in the text). When the page has a main content area (Wikipedia's
``#mw-content-text``, ``<main>`` or ``<article>``), only that area (and the title) is
kept.

The conversion is one pass of the standard library's :class:`html.parser.HTMLParser`,
linear in the size of the page: an end tag finds its element through a count of the open
elements by name, never by searching the stack ("<b>" 100,000 times then "</i>" 100,000
times was quadratic), a list's items are joined once, and a table pads its rows to at most
:data:`MAX_PADDED_COLUMNS` columns. The parser itself rescans to the end of the page for
every construct left unterminated (CPython's CVE-2025-6069, fixed after Python 3.11.7):
:func:`_defuse_unterminated` turns the ``<`` of such constructs into text first, which is
what the parser would have made of them. A page with more than ``max_nodes`` elements or
nested more than ``max_depth`` deep is refused (browsers stop nesting at 512).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from question_bank.errors import DocumentError

__all__ = ["MAX_DEPTH", "MAX_NODES", "html_to_text", "looks_like_html"]

MAX_NODES = 1_000_000  # elements in a page (a long Wikipedia article has about 50,000)
MAX_DEPTH = 1_000  # elements open inside one another
MAX_PADDED_COLUMNS = 64  # a wider row is kept as it is: padding would grow as rows x width

_DROPPED_TAGS = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "pre",
        "map",
    }
)
_DROPPED_CLASSES = frozenset(
    {
        "reference",
        "mw-editsection",
        "mw-cite-backlink",
        "navbox",
        "vertical-navbox",
        "navbox-styles",
        "toc",
        "mw-jump-link",
        "noprint",
        "hatnote",
        "catlinks",
        "printfooter",
        "mw-indicators",
        "sistersitebox",
        "shortdescription",
        "mw-empty-elt",
        "metadata",
        "ambox",
        "mbox-small",
        "sr-only",
        "visually-hidden",
        "mw-references-wrap-hidden",
        "infobox",  # a summary of the article's own text, as label/value pairs
    }
)
_DROPPED_IDS = frozenset(
    {
        "toc",
        "mw-navigation",
        "mw-head",
        "mw-panel",
        "footer",
        "catlinks",
        "sitesub",
        "contentsub",
        "jump-to-nav",
        "siteNotice",
    }
)
_DROPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "note"})
_REFERENCE_CLASSES = frozenset({"references", "reflist", "refbegin", "mw-references-wrap"})
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Elements that end the current line of text (a paragraph, an item, a cell's content).
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "figure",
        "figcaption",
        "caption",
        "dl",
        "dt",
        "dd",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "hr",
        "center",
        "address",
        "details",
        "summary",
        *_HEADINGS,
    }
)
# An element that closes when another of these opens at the same level (HTML's
# optional end tags).
_IMPLIED_END = {
    "p": frozenset({"p", "div", "ul", "ol", "table", "blockquote", "dl", *_HEADINGS}),
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "tr": frozenset({"tr"}),
    "td": frozenset({"td", "th", "tr"}),
    "th": frozenset({"td", "th", "tr"}),
}
_FOOTNOTE_MARK = re.compile(
    r"\[(?:\d{1,3}|[a-z]|[ivx]{1,4}|(?:note|nb|n) ?\d{1,3}|citation needed|clarification "
    r"needed|according to whom\?|by whom\?|when\?|who\?|which\?|where\?|dubious|"
    r"better source needed|failed verification|edit|update)\]",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([.,;:!?)\]])")
_TITLE_SUFFIX = re.compile(r"\s+[-–—|]\s+(?:Wikipedia|Wikimedia Commons|Encyclopedia).*$")
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>]|<head[\s>]"
    r"|<body[\s>]|<meta\s|<title[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"</?(?:p|div|h[1-6]|table|ul|ol|li|span|a|br)\b[^<>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a document is an HTML page rather than text or Markdown.

    True when it starts like a page (a doctype, ``<html>``, ``<head>``, ``<body>``,
    ``<meta>`` or ``<title>``) or its first 4,000 characters are mostly markup.

    Args:
        text: the decoded document.
    """
    head = text[:4000]
    if _HTML_START.match(head):
        return True
    tags = _HTML_TAGS.findall(head)
    return len(tags) >= 5 and sum(map(len, tags)) * 10 >= len(head.strip())


@dataclass(slots=True)
class _Open:
    tag: str
    dropped: bool = False  # this element opened a dropped region
    root: bool = False  # this element opened the main content area
    references: bool = False  # this element opened a reference list
    table: bool = False  # this element opened a table that we lay out


@dataclass(slots=True)
class _Table:
    rows: list[list[str]] = field(default_factory=list)
    cell: list[str] | None = None  # the text of the cell being read
    nested: int = 0  # depth of tables nested inside a cell (flattened)


class _Converter(HTMLParser):
    def __init__(self, *, has_root: bool, max_nodes: int, max_depth: int) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Open] = []
        self.open_tags: Counter[str] = Counter()  # tag -> how many of it are on the stack
        self.nodes = 0
        self.max_nodes, self.max_depth = max_nodes, max_depth
        self.dropped = 0  # open elements that dropped their content
        self.outside_root = 1 if has_root else 0
        self.references = 0
        self.lists: list[list[int]] = []  # per open list: [ordered, next number]
        self.tables: list[_Table] = []
        self.inline: list[str] = []  # text of the current line
        self.line_kind = "p"  # "p", "item" or "heading"
        self.heading_level = 0
        self.item_marker = "- "
        self.in_title = False
        self.page_title: list[str] = []
        self.h1: str | None = None
        self.body: list[list[str]] = []  # finished blocks, each a list of lines
        self.reference_lines: list[str] = []
        self.after_item = False  # the last block is a list that an item may continue

    # --- structure

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag == "title" and not self.page_title:
            self.in_title = True
            return
        if tag in _VOID:
            if tag == "br" and self._reading():
                self.inline.append(" ")
            elif tag == "hr" and self._reading():
                self._end_line()
            return
        self._close_implied(tag)
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise DocumentError(f"the page has more than {self.max_nodes:,} elements")
        if len(self.stack) >= self.max_depth:
            raise DocumentError(f"the page nests its elements more than {self.max_depth:,} deep")
        opened = _Open(tag)
        self.stack.append(opened)
        self.open_tags[tag] += 1
        attributes = {name.lower(): value or "" for name, value in attrs}
        classes = set(attributes.get("class", "").lower().split())
        if self.outside_root and (
            attributes.get("id") == "mw-content-text" or tag in ("main", "article")
        ):
            opened.root = True
            self.outside_root -= 1
        if self.dropped or self._drops(tag, attributes, classes):
            opened.dropped = True
            self.dropped += 1
            return
        if tag == "h1" and self.h1 is None and not self.tables:
            # The page title may sit outside the content area (Wikipedia's #firstHeading).
            self._end_line()
            self.line_kind, self.heading_level = "heading", 1
            return
        if self.outside_root:
            return
        if classes & _REFERENCE_CLASSES or (tag == "ol" and "references" in classes):
            opened.references = True
            self._end_line()
            self.references += 1
        if self.tables and self.tables[-1].cell is not None:
            self._start_in_cell(tag, opened)
            return
        if tag == "table":
            self._end_line()
            opened.table = True
            self.tables.append(_Table())
            return
        if tag in _BLOCKS:
            self._end_line()
        if tag in _HEADINGS:
            self.line_kind, self.heading_level = "heading", _HEADINGS[tag]
        elif tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 1])
        elif tag == "li":
            self.line_kind = "item"
            if self.lists and self.lists[-1][0]:
                self.item_marker = f"{self.lists[-1][1]}. "
                self.lists[-1][1] += 1
            else:
                self.item_marker = "- "
        elif tag in ("tr", "td", "th") and self.tables:
            self._start_row_or_cell(tag)

    def _start_in_cell(self, tag: str, opened: _Open) -> None:
        table = self.tables[-1]
        if tag == "table":
            table.nested += 1
        elif tag in ("tr", "td", "th") and not table.nested:
            self._start_row_or_cell(tag)
        elif tag in _BLOCKS or tag in ("tr", "td", "th"):
            self.inline.append(" ")

    def _start_row_or_cell(self, tag: str) -> None:
        table = self.tables[-1]
        self._end_cell()
        if tag == "tr":
            table.rows.append([])
        else:
            if not table.rows:
                table.rows.append([])
            table.cell = []

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "title":
            self.in_title = False
            return
        if tag in _VOID or not self.open_tags[tag]:
            return
        while self.stack:
            opened = self._pop()
            self._close(opened)
            if opened.tag == tag:
                break

    def _pop(self) -> _Open:
        opened = self.stack.pop()
        self.open_tags[opened.tag] -= 1
        return opened

    def _close_implied(self, tag: str) -> None:
        while self.stack and tag in _IMPLIED_END.get(self.stack[-1].tag, ()):
            self._close(self._pop())

    def _close(self, opened: _Open) -> None:
        if opened.root:
            self._end_line()
            self.outside_root += 1
        if opened.dropped:
            self.dropped -= 1
            return
        tag = opened.tag
        if self.tables and not opened.table and self.tables[-1].cell is not None:
            table = self.tables[-1]
            if tag == "table":
                table.nested -= 1
            elif tag in ("td", "th") and not table.nested:
                self._end_cell()
            else:
                self.inline.append(" ")
            if opened.references:
                self.references -= 1
            return
        if opened.table:
            self._end_cell()
            self._emit_table(self.tables.pop())
        elif tag in _BLOCKS:
            self._end_line()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if opened.references:
            self._end_line()
            self.references -= 1

    def _drops(self, tag: str, attributes: dict[str, str], classes: set[str]) -> bool:
        if tag in _DROPPED_TAGS or "hidden" in attributes:
            return True
        if classes & _DROPPED_CLASSES or attributes.get("role") in _DROPPED_ROLES:
            return True
        if attributes.get("id", "").lower() in {name.lower() for name in _DROPPED_IDS}:
            return True
        style = attributes.get("style", "").replace(" ", "").lower()
        return "display:none" in style or attributes.get("aria-hidden") == "true"

    # --- text

    def _reading(self) -> bool:
        return not self.dropped and (not self.outside_root or self.line_kind == "heading")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.page_title.append(data)
        elif self._reading():
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append(data)
            else:
                self.inline.append(data)

    def _end_cell(self) -> None:
        table = self.tables[-1]
        if table.cell is not None:
            table.rows[-1].append(_clean(" ".join(table.cell)).replace("|", "/"))
            table.cell = None

    def _end_line(self) -> None:
        text = _clean("".join(self.inline))
        self.inline = []
        kind, level = self.line_kind, self.heading_level
        self.line_kind, self.heading_level = "p", 0
        if not text:
            return
        if kind == "heading":
            if level == 1 and self.h1 is None:
                self.h1 = text
                return
            line = "#" * max(level, 2) + " " + text
        elif kind == "item":
            line = self.item_marker + text
        else:
            line = text
        if self.references:
            self.reference_lines.append(line if kind == "item" else "- " + line)
        elif kind == "item" and self.after_item:
            self.body[-1].append(line)  # items of one list stay together
        else:
            self.body.append([line])
        self.after_item = kind == "item" and not self.references

    def _emit_table(self, table: _Table) -> None:
        rows = [row for row in table.rows if any(cell for cell in row)]
        if not rows:
            return
        width = max(len(row) for row in rows)
        if width == 1:  # a layout table: its cells are paragraphs
            self.body.extend([row[0]] for row in rows if row[0])
            self.after_item = False
            return
        padded = min(width, MAX_PADDED_COLUMNS)
        lines = []
        for index, row in enumerate(rows):
            cells = row + [""] * (padded - len(row))
            lines.append("| " + " | ".join(cells) + " |")
            if index == 0:
                lines.append("|" + "---|" * width)
        if len(rows) == 1:
            lines.append("| " + " | ".join([""] * width) + " |")
        self.body.append(lines)
        self.after_item = False

    def result(self) -> str:
        self._end_line()
        while self.tables:
            self._end_cell()
            self._emit_table(self.tables.pop())
        title = self.h1 or _TITLE_SUFFIX.sub("", _clean("".join(self.page_title)))
        body = ["\n".join(lines) for lines in self.body]
        if self.reference_lines:
            while body and body[-1].startswith("#"):  # the list's own heading, now empty
                body.pop()
        blocks = ([f"# {title}"] if title else []) + body
        if self.reference_lines:
            blocks.append("## References")
            blocks.append("\n".join(self.reference_lines))
        return "\n\n".join(blocks) + "\n"


def _clean(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    text = _FOOTNOTE_MARK.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)


_COMMENT_CLOSE = re.compile(r"--\s*>")  # html.parser's own


def _defuse_unterminated(markup: str) -> str:
    """``markup`` with the ``<`` of every construct that nothing terminates written as
    ``&lt;``, in one pass.

    The standard library's parser searches to the end of the page for the ``>`` (or
    ``-->``) of each such construct and then reads it as text, so that ``"<a" * n``
    took time in n squared. Every terminator holds a ``>``: after the page's last ``>``
    no ``<`` can open anything, and a comment opened after the last ``-->`` never
    closes. A marked section (``<![``), which only XML has, is a bogus comment in HTML
    and read as one (the parser raised AssertionError on ``<![foo[``).
    """
    last_gt = markup.rfind(">")
    head, tail = markup[: last_gt + 1], markup[last_gt + 1 :].replace("<", "&lt;")
    last_close = -1
    for match in _COMMENT_CLOSE.finditer(head):
        last_close = match.start()
    if last_close < len(head):
        rest = head[last_close + 1 :]
        if "<!--" in rest:
            head = head[: last_close + 1] + rest.replace("<!--", "&lt;!--")
    return head.replace("<![", "<!") + tail


def html_to_text(markup: str, *, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH) -> str:
    """Convert an HTML page to the Markdown-like text the reader understands.

    Args:
        markup: the page, decoded.
        max_nodes: the most elements a page may have.
        max_depth: how deep elements may be open inside one another.

    Returns:
        The text: a ``# title`` line, then headings, paragraphs, list items and pipe
        tables separated by blank lines, and the reference list last under
        ``## References``. Empty (but for a newline) when the page holds no text.

    Raises:
        DocumentError: the page has more elements than ``max_nodes`` or nests them
            deeper than ``max_depth``.
    """
    lowered = markup.lower()
    has_root = (
        'id="mw-content-text"' in lowered
        or "id='mw-content-text'" in lowered
        or "<main" in lowered
        or "<article" in lowered
    )
    converter = _Converter(has_root=has_root, max_nodes=max_nodes, max_depth=max_depth)
    converter.feed(_defuse_unterminated(markup))
    converter.close()
    return converter.result()

"""Split a document into sections, blocks and sentences with exact character offsets.

Everything this module returns points back into the original text: for every sentence,
row and block, ``text[item.start:item.end] == item.text``. Nothing is rewritten, so a
question can always show the passage it came from.

Two input formats are understood:

* **Plain text**, including encyclopedia articles flattened to text: a title line, short
  heading lines between blank lines, one (long) line per paragraph, tables whose cells
  were glued together (``FüzuliSeptember 27, 2020Initial southern ...``), image markers
  (``![Map ...][float-right]``) and a trailing reference list.
* **Markdown**, parsed by markdown-it-py (CommonMark and pipe tables): ATX and setext
  headings, lists, block quotes, pipe tables, fenced and indented code (skipped), front
  matter (its ``title`` is used). Its tokens give the source lines; offsets are taken
  from those lines, so they stay exact.

Either way, what is not prose is kept out of the sentences (:data:`NON_PROSE`): an image
caption whose ``[[File:...|`` was stripped, a gallery, wiki table markup, a table drawn
with characters (read as a table), code, a formula, a line without words. A period after
an abbreviation (:data:`ABBREVIATIONS`) does not end a sentence.

The rules are heuristics tuned on real articles; every one of them runs in time linear
in the size of the document (no regular expression here can backtrack catastrophically).
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

from question_bank.errors import DocumentError
from question_bank.text import is_past_participle, is_verb_form, verb_lemma

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = [
    "Block",
    "BlockKind",
    "Document",
    "DocumentFormat",
    "NON_PROSE",
    "NonProse",
    "non_prose_reason",
    "Section",
    "Sentence",
    "TableRow",
    "ABBREVIATIONS",
    "Abbreviation",
    "abbreviation_before",
    "decode_document",
    "detect_format",
    "read_document",
    "split_sentences",
]

BlockKind = Literal["paragraph", "table", "references", "list", "nonprose"]
DocumentFormat = Literal["text", "markdown"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a table row) and its offsets in the document text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a table, split into cells.

    ``cells`` are best effort for flattened tables whose cells were glued together; they
    are aligned to the table's column count where the rows allow it (a missing leading
    cell, such as a name stripped from the text, is padded with ``""``).
    """

    start: int
    end: int
    text: str
    cells: tuple[str, ...]
    header: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit: a paragraph, a list item, a table or a reference entry.

    A ``"nonprose"`` block is text that is not read as sentences (an image caption left
    by wiki markup, a gallery, code, a formula, a line without words); ``reason`` says
    which, and it has no sentences.
    """

    kind: BlockKind
    start: int
    end: int
    text: str
    section: str
    sentences: tuple[Sentence, ...]
    rows: tuple[TableRow, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A heading; the section runs from its heading to the next heading of its level."""

    title: str
    level: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """A document split into sections and blocks."""

    text: str
    title: str
    sections: tuple[Section, ...]
    blocks: tuple[Block, ...]


# --------------------------------------------------------------------------- decoding

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .epub?)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.05


def decode_document(data: bytes, *, name: str = "document") -> str:
    """Decode a document's bytes as UTF-8 text.

    A UTF-8 byte order mark is dropped; nothing else is changed (line endings included),
    so offsets computed on the result match any other UTF-8 reading of the file.

    Args:
        data: the raw bytes of the file.
        name: the file name, used in error messages.

    Returns:
        The text.

    Raises:
        DocumentError: the document is empty, binary (NUL bytes, a known binary format,
            mostly control characters) or not valid UTF-8; the message names the file
            and the offending byte offset.
    """
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    body = data[bom:]
    if not body.strip():
        raise DocumentError(f"{name}: the document is empty")
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DocumentError(f"{name}: the document is UTF-16 text; save it as UTF-8")
    for signature, what in _BINARY_SIGNATURES:
        if body.startswith(signature):
            raise DocumentError(f"{name}: this is {what}, not a text document")
    nul = body.find(b"\x00")
    if nul != -1:
        raise DocumentError(
            f"{name}: byte {bom + nul} is a NUL byte; this looks like a binary file, "
            "not a text document"
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        raise DocumentError(
            f"{name}: byte {offset} (0x{data[offset]:02x}) is not valid UTF-8; "
            "save the document as UTF-8 text"
        ) from None
    controls = sum(1 for _ in _CONTROL.finditer(text))
    if controls > _MAX_CONTROL_RATIO * len(text):
        raise DocumentError(
            f"{name}: {controls} of {len(text)} characters are control characters; "
            "this looks like a binary file, not a text document"
        )
    return text


# --------------------------------------------------------------------------- sentences

# A run of terminal punctuation, then closing quotes/brackets or footnote markers, then
# whitespace. The lookbehind makes a match start only at the beginning of a run and the
# possessive quantifiers never give characters back, so a long run is scanned once.
_TERMINAL = re.compile(
    r"(?<![.!?…])([.!?…]++)((?:[\"'”’»)\]]|\[\d{1,4}\]|\{\{#tag:ref\|[^{}\n]{0,3000}\}\})*+)(?=\s)"
)
_NONSPACE = re.compile(r"\S")
_WORDCHAR = re.compile(r"\w")
_IMAGE = re.compile(r"!\[[^\]\n]{0,1000}\](?:\[[^\]\n]{0,300}\]|\([^)\n]{0,2000}\))?")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")

_ROMAN = re.compile(r"[IVXLC]{1,6}\b")


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """Words whose period does not end a sentence when the next word is of a kind.

    Attributes:
        name: what the rule is called (tests and the reader's notes cite it).
        words: the abbreviations, lower case, without their final period.
        before: what may follow for the period to stay inside the sentence: ``"any"``,
            ``"not an opener"`` (anything but a word that opens sentences: "The", "He",
            "In"...), ``"number"`` (a digit or a Roman numeral: "c. 1200", "Vol. II"), or
            ``"number or bracket"`` (also "(": "Super Mario Bros. 3", "Corp. (2005)").
        reason: why the period is not a full stop.
    """

    name: str
    words: frozenset[str]
    before: Literal["any", "not an opener", "number", "number or bracket"]
    reason: str


ABBREVIATIONS: tuple[Abbreviation, ...] = (
    Abbreviation(
        "title",
        frozenset(
            """
            mr mrs ms dr prof st gen lt col maj capt cpt cpl sgt cmdr adm gov sen rep rev
            hon pres brig fr mt ft messrs mme mlle mgr msgr
            """.split()
        ),
        "any",
        'a title or honorific stands before a name ("Gen. Patton", "St. Petersburg")',
    ),
    Abbreviation(
        "Latin and editorial",
        frozenset("vs v approx incl e.g i.e cf viz al lit ed eds trans".split()),
        "any",
        'a shortened word inside a sentence ("cf. the treaty", "lit. beautiful land")',
    ),
    Abbreviation(
        "month",
        frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split()),
        "not an opener",
        'a month written short ("Sept. 11, 2001"); "on 2 Sept. By 1 September" ends',
    ),
    Abbreviation(
        "name suffix",
        frozenset("jr sr".split()),
        "not an opener",
        'the end of a name ("Martin Luther King Jr. Day"); "Groves, Jr. He visited" ends',
    ),
    Abbreviation(
        "before a number",
        frozenset(
            """
            no nos p pp vol vols fig figs art ch sec para est nr op c ca r b d fl pt bk
            """.split()
        ),
        "number",
        'a word that stands before a number ("c. 1200", "r. 1199-1216", "No. 5", "Vol. II")',
    ),
    Abbreviation(
        "company",
        frozenset("bros corp inc ltd co".split()),
        "number or bracket",
        'part of a name that goes on ("Super Mario Bros. 3", "v. General Dynamics Corp. '
        '(2005)"); before a capital it may end the sentence',
    ),
)
# Words that open sentences and are nobody's name: after an initial they start a sentence.
_OPENER = re.compile(
    r"(?:The|A|An|In|On|At|After|Before|During|By|From|As|He|She|It|They|We|His|Her|Its|"
    r"Their|This|That|These|Those|There|When|While|Although|However|Since|Following|Despite|"
    r"Meanwhile|Later|Then|Thus|But|Other|Some|Many|Most|Both|Each)\b(?!\.)"
)
_ABBREVIATION_RULES = {word: rule for rule in ABBREVIATIONS for word in rule.words}
_TITLES = ABBREVIATIONS[0].words
_SENTENCE_OPENERS = frozenset("\"'“‘«([¿¡*_$€£`,")
_QUOTE_REACH = 600  # an unclosed quote older than this is a stray one


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences with offsets into ``text``.

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes, brackets and
    footnote markers such as ``[12]``) followed by whitespace and a capital letter, a
    digit or an opening quote; a period after a known abbreviation (``U.S.``, ``Gen.``,
    ``e.g.``), an initial or inside a quotation does not end one. A period that follows
    a hole left by a stripped name (``connecting to . pledged``) does end one. Image
    markers at the start of a sentence are skipped.

    Args:
        text: the whole document text.
        start: where the span to split begins.
        end: where it ends (default: the end of ``text``).

    Returns:
        The sentences, in order; each one's ``text`` is ``text[s.start:s.end]``.
    """
    stop = len(text) if end is None else end
    sentences: list[Sentence] = []
    begin = _skip_sentence_lead(text, start, stop)
    scanned = begin
    straight = 0  # parity of straight double quotes since the sentence began
    curly = 0  # open curly quotes since the sentence began
    quote_at = -1
    for match in _TERMINAL.finditer(text, start, stop):
        if match.start() < begin:
            continue
        after = match.end()
        if scanned < after:
            count = text.count('"', scanned, after)
            if count:
                straight = (straight + count) & 1
                if straight:
                    quote_at = text.rfind('"', scanned, after)
            opened = text.count("“", scanned, after)
            closed = text.count("”", scanned, after)
            if opened or closed:
                curly = max(0, curly + opened - closed)
                if curly and opened:
                    quote_at = max(quote_at, text.rfind("“", scanned, after))
            scanned = after
        found = _NONSPACE.search(text, after, stop)
        if found is None:
            break
        following = found.start()
        if (straight or curly) and match.start() - quote_at < _QUOTE_REACH:
            continue
        if not _ends_sentence(text, match, following, start):
            continue
        _append_sentence(sentences, text, begin, after)
        begin = _skip_sentence_lead(text, following, stop)
        scanned = max(scanned, begin)
        straight = curly = 0
        quote_at = -1
    finish = stop
    while finish > begin and text[finish - 1].isspace():
        finish -= 1
    _append_sentence(sentences, text, begin, finish)
    return sentences


def _append_sentence(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    if start < end and _WORDCHAR.search(text, start, end):
        sentences.append(Sentence(start, end, text[start:end]))


def _skip_sentence_lead(text: str, pos: int, stop: int) -> int:
    """Skip whitespace and image markers at the start of a sentence."""
    while pos < stop:
        if text[pos].isspace():
            pos += 1
        elif text.startswith("![", pos):
            marker = _IMAGE.match(text, pos, stop)
            if marker is None:
                break
            pos = marker.end()
        else:
            break
    return pos


def _ends_sentence(text: str, match: re.Match[str], following: int, floor: int) -> bool:
    nxt = text[following]
    after_next = text[following + 1 : following + 2]
    opens = (
        nxt.isupper()
        or nxt.isdigit()
        or nxt in _SENTENCE_OPENERS
        or (nxt in "![" and (nxt == "[" or after_next == "["))
    )
    if match.group(1) != ".":
        return opens
    at = match.start()
    if at == floor:
        return opens
    before = text[at - 1]
    if before.isspace():
        # "the city of . The conflict": the word before the period was stripped. The next
        # sentence may have lost its subject too ("to . pledged to maintain").
        if nxt.isalpha() and nxt.islower():
            pos = at - 1
            while pos > floor and pos > at - 50 and text[pos].isspace():
                pos -= 1
            return not text[pos].isspace() and text[pos] not in ",;:([{-–—/"
        return opens
    if not opens:
        return False
    pos = at
    while pos > floor and pos > at - 40 and not text[pos - 1].isspace():
        pos -= 1
    token = text[pos:at].lstrip("\"'“‘([{")
    window = text[following : following + 40]
    return abbreviation_before(token, text[max(floor, pos - 8) : pos], window) is None


def abbreviation_before(token: str, before: str, following: str) -> str | None:
    """The rule by which the period after ``token`` does not end a sentence, or None.

    Args:
        token: the word the period follows, without the period ("Gen", "U.S", "r").
        before: the text just before the token ("Lt. " before "Kol").
        following: the text from the next word on.

    Returns:
        The name of the rule in :data:`ABBREVIATIONS`, ``"initial"`` ("J. R. R.
        Tolkien", "George W. Bush"), ``"dotted"`` ("U.S.", "O.S.") or ``"rank"`` (a
        second abbreviation after a title: "Lt. Kol. De Jongh"); None when the period
        can end the sentence. An initial or a dotted abbreviation before a word that
        opens sentences ("Pope Pius X. After this", "the U.S. The next day") ends it.
    """
    word = token.lower()
    opener = _OPENER.match(following) is not None
    rule = _ABBREVIATION_RULES.get(word)
    if rule is not None:
        if rule.before == "any" or (rule.before == "not an opener" and not opener):
            return rule.name
        number = following[:1].isdigit() or _ROMAN.match(following) is not None
        if number or (rule.before == "number or bracket" and following[:1] == "("):
            return rule.name
    if opener:
        # "Pope Pius X. After this", "Washington, D.C. A New Jersey native": a name's
        # initial is followed by more of the name, not by a word that opens sentences
        return None
    if len(token) == 1 and token.isupper():
        return "initial"
    if _DOTTED.fullmatch(word) and any(ch.isupper() for ch in token):
        return "dotted"
    previous = before.rstrip()
    title = previous.rsplit(" ", 1)[-1].rstrip(".").lower()
    if previous.endswith(".") and title in _TITLES and token[:1].isupper() and len(token) <= 4:
        return "rank"
    return None


# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class _Line:
    start: int  # first character of the line
    begin: int  # first non-blank character
    end: int  # after the last non-blank character
    content: str  # text[begin:end]
    indent: int  # characters of leading whitespace
    cells: list[tuple[int, int]] | None = None  # glued table cells, once computed


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = _Line(0, 0, 0, "", 0)  # shared: nothing reads a blank line's offsets
    pos = 0
    for raw in text.split("\n"):
        content = raw.strip()
        if content:
            indent = len(raw) - len(raw.lstrip())
            lines.append(_Line(pos, pos + indent, pos + indent + len(content), content, indent))
        else:
            lines.append(blank)
        pos += len(raw) + 1
    return lines


def _groups(lines: Sequence[_Line]) -> list[tuple[int, int]]:
    """Runs of consecutive non-blank lines, as (first, after-last) indices."""
    groups: list[tuple[int, int]] = []
    first = -1
    for index, line in enumerate(lines):
        if line.content:
            if first < 0:
                first = index
        elif first >= 0:
            groups.append((first, index))
            first = -1
    if first >= 0:
        groups.append((first, len(lines)))
    return groups


# --------------------------------------------------------------------------- units


@dataclass(slots=True)
class _HeadingUnit:
    title: str
    level: int
    start: int
    parent: bool = False  # directly followed by another heading (plain text)
    references: bool = False


@dataclass(slots=True)
class _BlockUnit:
    kind: BlockKind
    begin: int
    end: int
    header: _Line | None = None
    rows: list[_Line] = field(default_factory=list)
    pipes: bool = False  # a Markdown pipe table
    grid: bool = False  # a table drawn with characters (+---+)
    simple: bool = False  # a table aligned with spaces under a rule of dashes
    reason: str = ""  # why a "nonprose" unit is not read as sentences


_Unit = _HeadingUnit | _BlockUnit

_HEADING_MAX = 90
_LONG_LINE = 160  # longer lines are unwrapped paragraphs, not hard-wrapped text
_HEADER_MAX = 200
_ROW_MAX = 300
_REFERENCE_TITLE = re.compile(
    r"(?i)(?:references|notes|sources|citations|bibliography|works cited|footnotes"
    r"|further reading|external links|see also|notes and references|references and notes)"
    r"\s*:?"
)
_CITATION_LINE = re.compile(
    r"(?i)https?://|www\.|\bdoi\b|\bisbn\b|\bretrieved\b|\baccessed\b|\barchived\b"
    r"|^\s*\[\d{1,4}\]|^\s*[\^↑]|^\s*\d{1,4}\.\s*\[\d{1,4}\]\s*$|\bpp?\.\s*\d|\bet al\b"
    r"|\b(?:Press|Publishers|Publishing|Books)\b,?\s*\(?(?:1[5-9]|20)\d\d\b"
)
# '"Title". Publisher, 2020': a quoted title and a year close after it, in a line too short
# to be prose (a paragraph quoting a song title "… followed. The compilation, released in
# 2000" is not a citation)
_QUOTED_TITLE_YEAR = re.compile(r"[\"“][^\"”\n]{3,300}[\"”][^\n]{0,80}\b(?:1[5-9]|20)\d\d\b")
_MAX_CITATION_WORDS = 30
_METADATA = re.compile(
    r"(?i)\b(?:fact[- ]?checked|\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago"
    r"|last (?:edited|updated|modified|reviewed)|from wikipedia|retrieved|published|posted"
    r"|written by|author|copyright|jump to|generated by|min read|reading time)\b"
    r"|©|https?://|www\.|^[A-Z][\w -]{0,30}:\s"
)
_TEXT_ITEM = re.compile(r"(?:[-*+•‣◦▪]|\d{1,3}[.)])[ \t]+(?=\S)")
_ORDERED = re.compile(r"\d")
_ENDS_WITH_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*(?:\[\d{1,4}\])*$")
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
_REFERENCE_ENTRY = re.compile(r"(?:\d{1,4}[.)]|\[\d{1,4}\]|[-*•‣◦▪^↑])(?:\s|$)")


def _heading_shaped(content: str) -> bool:
    return (
        0 < len(content) <= _HEADING_MAX
        and (content[0].isupper() or content[0].isdigit())
        and content[-1] not in ".,;:"
        and content.count(" ") < 15
        and _TEXT_ITEM.match(content) is None
        and any(ch.isalpha() for ch in content)
        and _MARKUP_IN_HEADING.search(content) is None
    )


# "DX2 microprocessor die]]", "RedDeadRedemption2gameplay.jpg": a caption, not a heading
_MARKUP_IN_HEADING = re.compile(
    r"\[\[|\]\]|\{\{|\}\}|\||\w\.(?:jpe?g|png|gif|svg|tiff?|ogv|ogg|webm)\b", re.IGNORECASE
)


def _citation_like(content: str) -> bool:
    # A citation is short; a long line that mentions a URL is prose.
    if len(content) > 400:
        return False
    if _CITATION_LINE.search(content):
        return True
    return (
        len(content.split()) <= _MAX_CITATION_WORDS
        and _QUOTED_TITLE_YEAR.search(content) is not None
    )


def _looks_like_prose(lines: Sequence[_Line]) -> bool:
    return any(len(line.content) >= 300 and not _citation_like(line.content) for line in lines)


def _text_units(lines: Sequence[_Line]) -> tuple[str, list[_Unit]]:
    """Headings and blocks of a plain-text document, and its title."""
    groups = _groups(lines)
    units: list[_Unit] = []

    def standalone_heading(g: int) -> bool:
        first, after = groups[g]
        return after - first == 1 and g + 1 < len(groups) and _heading_shaped(lines[first].content)

    g = 0
    # Metadata lines above the title ("Fact-checked by ... 2 weeks ago") are not content.
    while g + 1 < len(groups):
        first, after = groups[g]
        if all(
            len(line.content) <= 120 and _METADATA.search(line.content)
            for line in lines[first:after]
        ):
            g += 1
        else:
            break
    title = ""
    if g < len(groups) and standalone_heading(g):
        line = lines[groups[g][0]]
        title = line.content
        units.append(_HeadingUnit(title, 1, line.begin))
        g += 1

    cite_from = len(groups)
    while cite_from > g and _citation_group(lines[slice(*groups[cite_from - 1])]):
        cite_from -= 1

    in_references = False
    for index in range(g, len(groups)):
        first, after = groups[index]
        if standalone_heading(index):
            line = lines[first]
            is_references = _REFERENCE_TITLE.fullmatch(line.content) is not None
            if (
                not in_references
                or is_references
                or _looks_like_prose(lines[slice(*groups[index + 1])])
            ):
                in_references = is_references
                parent = index + 1 < len(groups) and standalone_heading(index + 1)
                units.append(_HeadingUnit(line.content, 0, line.begin, parent, is_references))
                continue
        if in_references or index >= cite_from:
            units.extend(_reference_units(lines[first:after]))
        else:
            units.extend(_line_units(lines[first:after], lists=True, headings=True))

    # Plain text has no heading levels: a heading directly followed by another heading
    # opens a chapter (level 2) whose sub-headings are level 3.
    chapters = False
    for unit in units:
        if isinstance(unit, _HeadingUnit) and unit.level == 0:
            if unit.references or unit.parent:
                unit.level = 2
                chapters = chapters or unit.parent
            else:
                unit.level = 3 if chapters else 2
    return title, units


def _citation_group(lines: Sequence[_Line]) -> bool:
    cited = sum(1 for line in lines if _citation_like(line.content))
    return cited * 2 >= len(lines) > 0


def _reference_units(lines: Sequence[_Line]) -> Iterator[_BlockUnit]:
    """One block per entry ("1. [1]" and the lines under it), else one per line.

    A marker indented deeper than the entry's own ("    - Title" under "  148. [148]")
    belongs to the entry.
    """
    numbered = any(_REFERENCE_ENTRY.match(line.content) for line in lines)
    entry: _BlockUnit | None = None
    entry_indent = 0
    for line in lines:
        if (
            entry is None
            or not numbered
            or (line.indent <= entry_indent and _REFERENCE_ENTRY.match(line.content))
        ):
            if entry is not None:
                yield entry
            entry = _BlockUnit("references", line.begin, line.end)
            entry_indent = line.indent
        else:
            entry.end = line.end
    if entry is not None:
        yield entry


# A line that ends a clause or a sentence: the next line goes on with the text
_LINE_ENDS_CLAUSE = re.compile(r"[.!?:;,…\-–—][\"'”’)\]]*\s*$")
# Lines a paragraph of this many or more may be a list written without markers
MIN_UNMARKED_ITEMS = 3


def _unmarked_list(lines: Sequence[_Line]) -> bool:
    """Whether a paragraph's lines are the entries of a list written without markers:
    three or more lines opening with a letter, none but the last ending a clause, and
    each opening with a capital or the last ending none either ("Tempelhof, in the
    American sector / Gatow, in the British sector / Tegel, ... in use from November").
    Read as one paragraph they glue into a "sentence" that runs across entries;
    hard-wrapped prose does not open every line with a capital, and its last line ends
    its last sentence."""
    if len(lines) < MIN_UNMARKED_ITEMS or not all(line.content[:1].isalpha() for line in lines):
        return False  # a grid table's "+---+" and "| cell |" lines are read as a table
    if any(_LINE_ENDS_CLAUSE.search(line.content) for line in lines[:-1]):
        return False
    # "... / the Havel lakes, used by flying boats until December": no line ends at all
    return all(line.content[:1].isupper() for line in lines) or not _LINE_ENDS_CLAUSE.search(
        lines[-1].content
    )


def _line_units(lines: Sequence[_Line], *, lists: bool, headings: bool) -> Iterator[_Unit]:
    """Paragraphs, list items, flattened tables and inline headings of a run of lines; a
    paragraph whose lines are a list written without markers (:func:`_unmarked_list`)
    is read as its entries."""
    paragraph: list[_Line] = []
    item: _BlockUnit | None = None
    item_indent = 0
    count = len(lines)
    k = 0

    def flush() -> Iterator[_BlockUnit]:
        nonlocal item
        if paragraph and _unmarked_list(paragraph):
            yield from (_BlockUnit("list", line.begin, line.end) for line in paragraph)
            paragraph.clear()
        elif paragraph:
            yield _BlockUnit("paragraph", paragraph[0].begin, paragraph[-1].end)
            paragraph.clear()
        if item is not None:
            yield item
            item = None

    while k < count:
        line = lines[k]
        table_end = _table_end(lines, k)
        if table_end > k:
            yield from flush()
            yield _BlockUnit(
                "table", line.begin, lines[table_end - 1].end, line, list(lines[k + 1 : table_end])
            )
            k = table_end
            continue
        if (
            headings
            and _heading_shaped(line.content)
            and k + 1 < count
            and len(lines[k + 1].content) > _LONG_LINE
            and (k == 0 or len(lines[k - 1].content) > _LONG_LINE)
        ):
            yield from flush()
            yield _HeadingUnit(line.content, 0, line.begin)
            k += 1
            continue
        marker = _TEXT_ITEM.match(line.content) if lists else None
        if marker is not None and (
            not _ORDERED.match(line.content) or not paragraph or item is not None
        ):
            yield from flush()
            item = _BlockUnit("list", line.begin + marker.end(), line.end)
            item_indent = line.indent
        elif item is not None and line.indent > item_indent:
            item.end = line.end
        else:
            if item is not None:
                yield item
                item = None
            paragraph.append(line)
            if len(line.content) > _LONG_LINE and _ENDS_WITH_TERMINAL.search(line.content):
                yield from flush()
        k += 1
    yield from flush()


# --------------------------------------------------------------------------- tables


def _cell_starts(cell_text: str) -> list[int]:
    """Offsets in ``cell_text`` where a glued cell begins (0 excluded).

    Cells of a flattened table were joined without a separator, so a boundary shows as a
    lowercase letter directly followed by an uppercase one ("FüzuliSeptember"), an
    acronym followed by a word ("MLRSHigh"), a number followed by a word ("2020Initial"),
    a word followed by a number ("Tanks400"), a closing parenthesis followed by a new
    value, "~", "$" or "+" glued to the next value, or comma-grouped numbers run together
    ("2,7831001,245" is 2,783 | 100 | 1,245). Nothing inside parentheses is split.
    """
    groups: list[tuple[int, int]] = []  # outermost (open, close) parenthesis pairs
    if "(" in cell_text:
        depth_opens: list[int] = []
        for paren in _PARENTHESIS.finditer(cell_text):
            if paren.group() == "(":
                depth_opens.append(paren.start())
            elif depth_opens:
                opened = depth_opens.pop()
                if not depth_opens:
                    groups.append((opened, paren.start()))
    opens = [opened for opened, _ in groups]

    def inside(index: int) -> bool:
        group = bisect_right(opens, index) - 1
        return group >= 0 and index <= groups[group][1]

    starts: set[int] = set()
    for candidate in _CELL_CANDIDATE.finditer(cell_text, 1):
        index = candidate.start()
        if groups and inside(index):
            continue
        prev = cell_text[index - 1]
        char = cell_text[index]
        following = cell_text[index + 1 : index + 3]
        if char.isupper():
            if (
                prev.islower()
                or prev == ")"
                or (
                    prev.isupper()
                    and index >= 2
                    and cell_text[index - 2].isupper()
                    and len(following) == 2
                    and following.isalpha()
                    and following.islower()
                )
                or ((prev.isdigit() or prev in "%+") and following[:1].islower())
            ):
                starts.add(index)
        elif char.isdigit():
            if prev in ")+":
                starts.add(index)
            elif prev.isalpha():
                number = _NUMBER_RUN.match(cell_text, index)
                digits = number.group() if number else char
                if prev.islower() or "," in digits or sum(ch.isdigit() for ch in digits) >= 3:
                    starts.add(index)
        elif char in "~$€£" and not prev.isspace() and prev not in "(~$€£/-–":
            starts.add(index)
    for run in _GLUED_NUMBERS.finditer(cell_text):
        if (groups and inside(run.start())) or _GROUPED_NUMBER.fullmatch(run.group()):
            continue
        pos = run.start()
        pieces: list[int] = []
        while pos < run.end():
            piece = _GROUPED_NUMBER.match(cell_text, pos, run.end())
            if piece is None:
                break
            pieces.append(pos)
            pos = piece.end()
        if pos == run.end():
            starts.update(pieces[1:])
    return sorted(starts)


_CELL_CANDIDATE = re.compile(r"[^\W_a-z]|[~$€£]")
_PARENTHESIS = re.compile(r"[()]")
_NUMBER_RUN = re.compile(r"[\d,.]+")
_GLUED_NUMBERS = re.compile(r"(?<![\d,.])\d[\d,]*,[\d,]*\d(?![\d,])")
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})*+")


def _cell_spans(line: _Line) -> list[tuple[int, int]]:
    """Cells of a glued table line, as stripped (start, end) offsets into ``line.content``."""
    if line.cells is not None:
        return line.cells
    content = line.content
    bounds = [0, *_cell_starts(content), len(content)]
    spans: list[tuple[int, int]] = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        while left < right and content[left].isspace():
            left += 1
        while right > left and content[right - 1].isspace():
            right -= 1
        if left < right:
            spans.append((left, right))
    line.cells = spans
    return spans


def _inner_sentence(content: str) -> bool:
    """Whether a sentence ends inside the line, outside parentheses ("(incl. UAVs)")."""
    for found in _SENTENCE_INSIDE.finditer(content):
        at = found.start()
        if content.count("(", 0, at) <= content.count(")", 0, at):
            return True
    return False


def _table_header(line: _Line) -> bool:
    content = line.content
    return (
        0 < len(content) <= _HEADER_MAX
        and content[-1] not in ".,;:"
        and not _inner_sentence(content)
        and _TEXT_ITEM.match(content) is None
        and len(_cell_spans(line)) >= 2
    )


def _table_row(line: _Line) -> bool:
    content = line.content
    return (
        0 < len(content) <= _ROW_MAX
        and not _inner_sentence(content)
        and len(_cell_spans(line)) >= 2
    )


def _table_end(lines: Sequence[_Line], k: int) -> int:
    """Index after the last row of a flattened table whose header is ``lines[k]``, else k."""
    if k + 1 >= len(lines) or not _table_header(lines[k]) or not _table_row(lines[k + 1]):
        return k
    end = k + 2
    while end < len(lines) and _table_row(lines[end]):
        end += 1
    return end


def _glued_table_rows(header: _Line, rows: Sequence[_Line]) -> list[TableRow]:
    header_cells = tuple(header.content[a:b] for a, b in _cell_spans(header))
    row_spans = [_cell_spans(row) for row in rows]
    counts = Counter(len(spans) for spans in row_spans)
    width = len(header_cells) if len(header_cells) in counts else counts.most_common(1)[0][0]
    table: list[TableRow] = []
    for row, spans in zip(rows, row_spans, strict=True):
        content = row.content
        if len(spans) > width:
            spans = [*spans[: width - 1], (spans[width - 1][0], spans[-1][1])]
        cells = [content[a:b] for a, b in spans]
        missing = width - len(cells)
        if missing > 0:
            padding = [""] * missing
            leading_value = cells[0][:1].isdigit() or cells[0][:1] in "~$€£<>≈"
            cells = [*padding, *cells] if leading_value else [*cells, *padding]
        table.append(TableRow(row.begin, row.end, content, tuple(cells), header_cells))
    return table


def _pipe_cells(content: str) -> tuple[str, ...]:
    cells = re.split(r"(?<!\\)\|", content)
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return tuple(cell.strip() for cell in cells)


def _pipe_table_rows(header: _Line, rows: Sequence[_Line]) -> list[TableRow]:
    header_cells = _pipe_cells(header.content)
    return [
        TableRow(row.begin, row.end, row.content, _pipe_cells(row.content), header_cells)
        for row in rows
    ]


# --------------------------------------------------------------------------- markdown

_FOOTNOTE = re.compile(r"\[\^[^\]\n]{1,100}\]:")
_FRONT_TITLE = re.compile(r"title:\s*(.+)")
_MD_SIGNS = re.compile(
    r"^(?:#{1,6}[ \t]+\S|={3,}[ \t]*$|```|~~~|\|?[ \t]*:?-{3,}:?[ \t]*\|)", re.MULTILINE
)
_HEADING_ATTRIBUTES = re.compile(r"\s*\{#[^}\n]{0,100}\}$")


@cache
def _markdown() -> MarkdownIt:
    """CommonMark with pipe tables; its tokens carry the source lines they came from.
    Imported on first use: a plain-text build does not pay for it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def detect_format(text: str) -> DocumentFormat:
    """Guess whether a document is Markdown (headings, fences, pipe tables) or plain text.

    Args:
        text: the document text.

    Returns:
        ``"markdown"`` or ``"text"``.
    """
    return "markdown" if _MD_SIGNS.search(text) else "text"


def _plain_text(inline: Token) -> str:
    """What an inline token reads as: its text without links' targets, images, emphasis
    marks, escapes or HTML tags ("The **Four-Day** War" -> "The Four-Day War")."""
    parts = [
        child.content for child in inline.children or () if child.type in ("text", "code_inline")
    ]
    plain = " ".join("".join(parts).split())
    return _HEADING_ATTRIBUTES.sub("", plain)


def _front_matter(lines: Sequence[_Line]) -> tuple[int, str]:
    """The number of lines of a YAML front matter block (0 if none) and its title."""
    if not lines or lines[0].content != "---" or lines[0].indent:
        return 0, ""
    for close in range(1, min(len(lines), 200)):
        if lines[close].content in ("---", "...") and not lines[close].indent:
            for meta in lines[1:close]:
                found = _FRONT_TITLE.fullmatch(meta.content)
                if found and not meta.indent:
                    title = found.group(1).strip().strip("\"'")
                    return close + 1, _plain_text(_markdown().parseInline(title)[0])
            return close + 1, ""
    return 0, ""


def _inline_span(text: str, lines: Sequence[_Line], inline: Token) -> tuple[int, int]:
    """Where an inline token's content begins and ends in ``text``.

    markdown-it gives the lines; the content is the source of those lines less their
    container prefixes (indentation, "> ", a list marker), so its first and last lines
    are found verbatim in the first and last source lines.
    """
    assert inline.map is not None
    first, after = inline.map
    content_lines = inline.content.split("\n")
    head, tail = lines[first], lines[after - 1]
    begin = text.find(content_lines[0], head.begin, head.end) if content_lines[0] else -1
    end = text.rfind(content_lines[-1], tail.begin, tail.end) if content_lines[-1] else -1
    begin = head.begin if begin < 0 else begin
    end = tail.end if end < 0 else end + len(content_lines[-1])
    return begin, max(begin, end)


def _markdown_units(text: str, lines: Sequence[_Line]) -> tuple[str, list[_Unit]]:
    """Headings and blocks of a Markdown document, and its title.

    The document is parsed by markdown-it-py (CommonMark and pipe tables); every block's
    offsets come from the lines its token maps to, so they cut the original text exactly.
    Code blocks, HTML blocks and thematic breaks are skipped; a footnote definition
    (``[^1]: ...``) is a reference.
    """
    skip, title = _front_matter(lines)
    source = "\n" * skip + "\n".join(
        line.content and text[line.start : line.end] for line in lines[skip:]
    )
    tokens = _markdown().parse(source)
    units: list[_Unit] = []
    containers: list[str] = []  # list items and block quotes the token is inside
    k = 0
    while k < len(tokens):
        token = tokens[k]
        kind = token.type
        if kind in ("list_item_open", "blockquote_open"):
            containers.append(kind)
        elif kind in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif kind == "heading_open" and token.map is not None:
            inline = tokens[k + 1]
            level = int(token.tag[1:])
            units.append(_HeadingUnit(_plain_text(inline), level, lines[token.map[0]].begin))
        elif kind == "table_open":
            k = _markdown_table(tokens, k, lines, units)
        elif kind == "paragraph_open" and token.map is not None:
            inline = tokens[k + 1]
            begin, end = _inline_span(text, lines, inline)
            if _FOOTNOTE.match(inline.content):
                units.append(_BlockUnit("references", begin, end))
            elif containers:  # its lines carry the containers' markers ("> ", "- ")
                in_list = containers[-1] == "list_item_open"
                units.append(_BlockUnit("list" if in_list else "paragraph", begin, end))
            else:
                first, after = token.map
                units.extend(_line_units(lines[first:after], lists=False, headings=False))
        k += 1
    if not title:
        headings = [unit for unit in units if isinstance(unit, _HeadingUnit)]
        top = [unit for unit in headings if unit.level == 1]
        title = (top or headings)[0].title if headings else ""
    _mark_markdown_references(units)
    return title, units


def _markdown_table(
    tokens: Sequence[Token], k: int, lines: Sequence[_Line], units: list[_Unit]
) -> int:
    """Append a pipe table's unit; return the index of its closing token."""
    header: _Line | None = None
    rows: list[_Line] = []
    while tokens[k].type != "table_close":
        token = tokens[k]
        if token.type == "tr_open" and token.map is not None:
            line = lines[token.map[0]]
            if header is None:
                header = line
            else:
                rows.append(line)
        k += 1
    if header is not None and rows:
        units.append(_BlockUnit("table", header.begin, rows[-1].end, header, rows, True))
    return k


def _mark_markdown_references(units: Sequence[_Unit]) -> None:
    level = 0  # the level of the references heading we are under, 0 if none
    for unit in units:
        if isinstance(unit, _HeadingUnit):
            if _REFERENCE_TITLE.fullmatch(unit.title):
                unit.references = True
                level = unit.level if not level else min(level, unit.level)
            elif unit.level <= level:
                level = 0
        elif level:
            unit.kind = "references"


# --------------------------------------------------------------------------- non-prose


@dataclass(frozen=True, slots=True)
class NonProse:
    """A kind of line that is not read as sentences.

    Attributes:
        name: what the rule is called.
        matches: true of one stripped line of a paragraph or list item (scope
            ``"line"``), of the whole run of prose lines (``"block"``: a hard-wrapped
            paragraph's last line may hold a single word), or of a list item (``"list"``).
        reason: why the text is not prose; the build report shows it for every date in it.
    """

    name: str
    matches: Callable[[str], object]
    reason: str
    scope: Literal["line", "block", "list"] = "line"


def _search(
    pattern: str, flags: int = 0, *, needs: Callable[[str], bool] | None = None
) -> Callable[[str], object]:
    """A rule's test: ``pattern`` found in the text; ``needs`` is a quicker test that
    must hold first (most paragraphs fail it, and the pattern is slower to run)."""
    search = re.compile(pattern, flags).search
    if needs is None:
        return search
    guard = needs
    return lambda text: guard(text) and search(text)


_CODE_START = ("{", "}", "*/", "/*", "//", "$ ", "#include", "#!")
_CALL_END = re.compile(r"\w\);\s*(?://.*)?$")  # println("Hello"); // a comment
_CALL_STATEMENT = re.compile(r"\w\.\w+\(.*;|\w\(\)\s*[;{]")  # System.out.println(x);
_COMMAND = re.compile(r"[*?][\w&]*[=,&]")  # *FX163,128,1  ?&212=&D6


def _code_line(line: str) -> bool:
    """A line of a program: it opens or closes a block, is a comment, a shell prompt, an
    assignment or a call ending in ";", or sets a machine's registers ("?&212=&D6")."""
    if line.endswith("{") or line.startswith(_CODE_START):
        return True
    if line.endswith(";") and " = " in line:  # int answer = fibonacci(12);
        return True
    if line[:1] in "*?" and _COMMAND.match(line):
        return True
    return (
        ";" in line and "(" in line and bool(_CALL_END.search(line) or _CALL_STATEMENT.search(line))
    )


# Starts with a literal, so the regular expression engine skips ahead to each period.
_IMAGE_EXTENSION = re.compile(r"\.(?i:jpe?g|png|gif|svg|tiff?|ogv|ogg|webm)\b")
# A word followed by a lower-case word: prose has runs of them, a table row or a list of
# names ("Ken Behring & Ken Hofmann: 1988–1997") does not.
_WORD_RUN = re.compile(r"\b[^\W\d_]++[\s,;:'’-]++[^\W\d_A-Z]{2}")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*[a-z](?![\w'’-])")


def _without_verb(text: str) -> bool:
    """No lower-case word of the entry is a finite verb or an -ing form ("Presidential
    Medal of Freedom, 1992", "Red Cavalry (1926) by Isaac Babel", "Thirteen (1936),
    directed by Mikhail Romm", "The Death Dealers (1958), republished as A Whiff of
    Death": a participle before "by" or after a comma hangs off the title, and what is in
    brackets is a note). A capital word is a name or a title's word ("Doctor of Humane
    Letters")."""
    outside = _BRACKETED.sub(" ", text)
    for found in _LOWER_WORD.finditer(outside):
        word = found.group()
        if word in _FINITE:
            return False
        if not is_verb_form(word) or verb_lemma(word) == word:
            continue
        hanging = outside.startswith(" by ", found.end()) or _AFTER_COMMA.search(
            outside, 0, found.start()
        )
        if not (hanging and is_past_participle(word)):
            return False
    return True


_BRACKETED = re.compile(r"\([^()\n]{0,300}\)")
# ", republished as", ", also published as": a participle hanging off the title
_AFTER_COMMA = re.compile(r",\s+(?:also\s+|later\s+|first\s+)?$")


_FINITE = frozenset(
    "is are was were be been has have had will would can could may might shall should must "
    "does did do".split()
)


NON_PROSE: tuple[NonProse, ...] = (
    NonProse(
        "gallery",
        _search(r"^(?:File|Image):"),
        "an image gallery (wiki markup: File:NAME.jpg|caption ...)",
    ),
    NonProse(
        "wiki table",
        _search(
            r'^(?:\{\||\|\}|\|-|!\s)|\b(?:style|colspan|rowspan|class|align)="',
            needs=lambda line: '="' in line or line[:1] in "{|!",
        ),
        "wiki table markup ({| |- style=...)",
    ),
    NonProse(
        "formula",
        _search(r"\$\$|\\(?:frac|mathrm|left|right|quad|text|over|sqrt|sum|int)\b"),
        "a formula (TeX markup)",
    ),
    NonProse(
        "code",
        _code_line,
        "a line of code",
    ),
    NonProse(
        "settings",
        _search(
            r"(?:\b[A-Za-z]+[:=][^\s:=,]+[ \t]+){2,}",
            needs=lambda line: line.count(":") + line.count("=") >= 2,
        ),
        "a line of settings (key:value markup: bar:KC from:01/01/1987 till:end)",
    ),
    NonProse(
        "file name",
        _search(
            r"(?:^|\s)(?![(\[!])\S*\w\.(?:jpe?g|png|gif|svg|tiff?|ogv|ogg|webm)\b",
            re.IGNORECASE,
            needs=lambda text: _IMAGE_EXTENSION.search(text) is not None,
        ),
        "an image file name and its caption (wiki markup)",
        "block",
    ),
    NonProse(
        "no words",
        lambda text: _WORD_RUN.search(text) is None,
        "no sentence: no run of lower-case words",
        "block",
    ),
    NonProse(
        "list entry without a verb",
        _without_verb,
        "a list entry, not a sentence: no verb (a title and its year, an honour, a name)",
        "list",
    ),
)


_GRID_BORDER = re.compile(r"\+(?:[-=:]+\+)+")
_GRID_ROW = re.compile(r"\|.*\|")
_CAPTION_END = re.compile(r"\]\]")
_CAPTION_REASON = "an image caption (wiki markup ending in ]])"


def non_prose_reason(text: str, scope: Literal["line", "block", "list"] = "line") -> str | None:
    """Why a line, a run of prose lines or a list item is not prose (:data:`NON_PROSE`),
    or None."""
    for rule in NON_PROSE:
        if rule.scope == scope and rule.matches(text):
            return rule.reason
    return None


def _separate_nonprose(text: str, units: list[_Unit]) -> list[_Unit]:
    """Split paragraphs and list items into prose and what is not prose.

    Lines that a rule of :data:`NON_PROSE` matches, and runs of lines that make a table
    (``+----+`` borders and ``| cell |`` rows, or columns aligned with spaces under a
    rule of dashes), leave the prose as units of their own; so does a caption whose
    opening ``[[File:...|`` was stripped ("..., 1976|left]] As the group entered ...",
    :func:`_caption_pieces`). A list item that reads as a citation is a reference.
    """
    separated: list[_Unit] = []
    for unit in units:
        if not isinstance(unit, _BlockUnit) or unit.kind not in ("paragraph", "list"):
            separated.append(unit)
            continue
        if unit.kind == "list" and _citation_like(text[unit.begin : unit.end]):
            unit.kind = "references"  # a reference list inside the body
            separated.append(unit)
            continue
        separated.extend(_split_unit(text, unit))
    return separated


def _split_unit(text: str, unit: _BlockUnit) -> Iterator[_BlockUnit]:
    for start, end, caption in _caption_pieces(text, unit.begin, unit.end):
        if caption:
            yield _BlockUnit("nonprose", start, end, reason=_CAPTION_REASON)
        else:
            yield from _split_lines_of(text, unit.kind, start, end)


def _split_lines_of(text: str, kind: BlockKind, start: int, stop: int) -> Iterator[_BlockUnit]:
    """A paragraph's or list item's lines as prose, tables and non-prose lines."""
    lines: list[tuple[int, int, str | None]] = []  # begin, end, reason (None: prose)
    pos = start
    for raw in text[start:stop].split("\n"):
        left = len(raw) - len(raw.lstrip())
        content = raw.strip()
        if content:
            begin = pos + left
            lines.append((begin, begin + len(content), _line_reason(content)))
        pos += len(raw) + 1
    rule = next(
        (i for i, (b, e, _) in enumerate(lines) if i and _SIMPLE_RULE.fullmatch(text, b, e)), 0
    )
    if rule:  # a table whose columns are aligned with spaces, its header underlined
        lines[rule - 1 :] = [(b, e, _SIMPLE) for b, e, _ in lines[rule - 1 :]]
    if all(reason is None for _, _, reason in lines):
        yield _prose_unit(text, kind, start, stop)
        return
    k = 0
    while k < len(lines):
        begin, end, reason = lines[k]
        j = k + 1
        while j < len(lines) and lines[j][2] == reason:
            end = lines[j][1]
            j += 1
        if reason is None:
            yield _prose_unit(text, kind, begin, end)
        elif reason == _SIMPLE:
            yield _BlockUnit("table", begin, end, simple=True)
        elif reason == _GRID:
            drawn = lines[k:j]
            if len(drawn) > 2 and any(_GRID_ROW.fullmatch(text, b, e) for b, e, _ in drawn):
                yield _BlockUnit("table", begin, end, grid=True)
            else:
                yield _BlockUnit("nonprose", begin, end, reason=_GRID_REASON)
        else:
            yield _BlockUnit("nonprose", begin, end, reason=reason)
        k = j


_GRID = "grid"
_GRID_REASON = "a table drawn with characters that has no rows"
_SIMPLE = "simple table"
_SIMPLE_RULE = re.compile(r"-{3,}+(?:[ \t]++-{3,}+)++")
_CELL_GAP = re.compile(r"[ \t]{2,}")


def _prose_unit(text: str, kind: BlockKind, begin: int, end: int) -> _BlockUnit:
    """A paragraph or list item, or a non-prose unit when the whole of it is not prose."""
    reason = non_prose_reason(text[begin:end], "block")
    if reason is None and kind == "list":
        reason = non_prose_reason(text[begin:end], "list")
    return _BlockUnit("nonprose" if reason else kind, begin, end, reason=reason or "")


def _simple_table_rows(text: str, begin: int, end: int) -> list[TableRow]:
    """Rows of a table whose columns are aligned with spaces under a rule of dashes.

    Each run of dashes is a column. Cells are parted by two spaces or more when a row has
    as many parts as there are columns (converters do not always keep the alignment),
    else a cell is the text from its column's start to the next column's. The line above
    the rule is the header; a closing rule is not a row.
    """
    first_line = text.rfind("\n", 0, begin) + 1
    raws: list[tuple[int, str]] = []
    pos = first_line
    for raw in text[first_line:end].split("\n"):
        raws.append((pos, raw))
        pos += len(raw) + 1
    rule = next(i for i, (_, raw) in enumerate(raws) if _SIMPLE_RULE.fullmatch(raw.strip()))
    starts = [found.start() for found in re.finditer(r"-+", raws[rule][1])]

    def cells(raw: str) -> tuple[str, ...]:
        pieces = _CELL_GAP.split(raw.strip())
        if len(pieces) == len(starts):
            return tuple(pieces)
        bounds = [*starts[1:], max(len(raw), starts[-1])]
        return tuple(raw[a:b].strip() for a, b in zip(starts, bounds, strict=True))

    header = cells(raws[rule - 1][1])
    rows: list[TableRow] = []
    for line_start, raw in raws[rule + 1 :]:
        content = raw.strip()
        if not content or _SIMPLE_RULE.fullmatch(content):
            continue
        row_start = line_start + len(raw) - len(raw.lstrip())
        row_end = row_start + len(content)
        rows.append(TableRow(row_start, row_end, content, cells(raw), header))
    return rows


def _line_reason(content: str) -> str | None:
    if _GRID_BORDER.fullmatch(content) or (
        content.startswith("|") and content.endswith("|") and len(content) > 2
    ):
        return _GRID
    return non_prose_reason(content)


def _caption_pieces(text: str, begin: int, end: int) -> list[tuple[int, int, bool]]:
    """``text[begin:end]`` cut into prose and captions, as (start, end, is_caption).

    A caption whose ``[[File:...|`` was stripped ends at a ``]]`` that no ``[[`` opens.
    Where it began is not written; a careful reader takes it as the whole stretch since
    the previous ``]]`` (or the paragraph's start) when that stretch opens like no
    sentence (", Björn Ulvaeus ...", "at the opening concert ...", "'' on 4 July ..."),
    else as what follows the stretch's last full stop: the prose of a paragraph that a
    caption was glued to ("... and the shamrock. The saints' mosaics ...]]") is kept.
    That full stop ends the prose whatever follows it, since the caption's own opening
    may be lost too ("... chart. member, and Foo Fighters member Pat Smear ...]]",
    "... of 1595. '', Jean-Léon Gérôme, 1867]]", "... died in 1820. ]]"); a period
    after an abbreviation or an initial ends nothing.
    """
    pieces: list[tuple[int, int, bool]] = []
    start = closed = begin
    for found in _CAPTION_END.finditer(text, begin, end):
        opened = text.rfind("[[", closed, found.start())
        closed = found.end()
        if opened >= 0:
            continue  # a link or file that is closed: not a stripped caption
        lead = _NONSPACE.search(text, start, found.start())
        caption = start
        if lead is not None and (text[lead.start()].isupper() or text[lead.start()].isdigit()):
            ends = [
                m.end()
                for m in _CAPTION_PROSE_END.finditer(text, lead.start(), found.start())
                if not _after_abbreviation(text, m.start(), m.end())
            ]
            caption = ends[-1] if ends else start
        if caption > start:
            pieces.append((start, caption, False))
        pieces.append((caption, found.end(), True))
        start = found.end()
    if not pieces:
        return [(begin, end, False)]
    rest = _NONSPACE.search(text, start, end)
    if rest is not None:
        pieces.append((rest.start(), end, False))
    stripped = [(*_strip_span(text, a, b), caption) for a, b, caption in pieces]
    return [(a, b, caption) for a, b, caption in stripped if a < b]


# A full stop and the space after it: where a caption glued to prose may begin.
_CAPTION_PROSE_END = re.compile(r"[.!?][\"'”’)]*\s+")


def _after_abbreviation(text: str, stop: int, following: int) -> bool:
    """The period at ``stop`` follows an abbreviation or an initial ("U.S.", "Gen.")."""
    if text[stop] != ".":
        return False
    pos = stop
    while pos > 0 and pos > stop - 40 and not text[pos - 1].isspace():
        pos -= 1
    token = text[pos:stop].lstrip("\"'“‘([{")
    window = text[following : following + 40]
    before = text[max(0, pos - 8) : pos]
    return bool(token) and abbreviation_before(token, before, window) is not None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _grid_table_rows(text: str, begin: int, end: int) -> list[TableRow]:
    """Rows of a table drawn with characters; a row may span several lines.

    Column edges are the ``+`` of the first border; a row's cell is the text of its
    lines between two edges, joined by spaces. The rows above a ``+===+`` border make
    the header, else the first row does.
    """
    lines: list[tuple[int, str]] = []
    pos = begin
    for raw in text[begin:end].split("\n"):
        left = len(raw) - len(raw.lstrip())
        lines.append((pos + left, raw.strip()))
        pos += len(raw) + 1
    border = next((content for _, content in lines if _GRID_BORDER.fullmatch(content)), "")
    edges = [i for i, ch in enumerate(border) if ch == "+"]
    groups: list[list[tuple[int, str]]] = [[]]
    header_rows = 0
    for start, content in lines:
        if _GRID_BORDER.fullmatch(content):
            if "=" in content and not header_rows:
                header_rows = sum(1 for group in groups if group)
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append((start, content))
    groups = [group for group in groups if group]
    cells = [_grid_cells(group, edges) for group in groups]
    if not cells:
        return []
    header_count = header_rows or 1
    header = tuple(
        " ".join(part for part in column if part)
        for column in zip(*cells[:header_count], strict=False)
    )
    rows: list[TableRow] = []
    for group, row_cells in zip(groups[header_count:], cells[header_count:], strict=True):
        start = group[0][0]
        stop = group[-1][0] + len(group[-1][1])
        rows.append(TableRow(start, stop, text[start:stop], row_cells, header))
    return rows


_CELL_ATTRIBUTES = re.compile(r'(?:[\w-]+="[^"\n]*"\s*)+\|')


def _grid_cells(group: Sequence[tuple[int, str]], edges: Sequence[int]) -> tuple[str, ...]:
    columns: list[list[str]] = []
    for _, content in group:
        if len(content) == (edges[-1] + 1 if edges else -1):
            parts = [content[a + 1 : b] for a, b in zip(edges, edges[1:], strict=False)]
        else:
            parts = content.strip("|").split("|")
        for index, part in enumerate(parts):
            while len(columns) <= index:
                columns.append([])
            cell = _CELL_ATTRIBUTES.sub("", part).strip(" |")
            if cell:
                columns[index].append(cell)
    return tuple(" ".join(column) for column in columns)


# --------------------------------------------------------------------------- assembly


def _mark_trailing_citations(text: str, units: Sequence[_Unit]) -> None:
    """A run of citation-like blocks at the very end is a reference list without a heading."""
    for unit in reversed(units):
        if isinstance(unit, _HeadingUnit) or unit.kind in ("table", "references"):
            break
        lines = [line.strip() for line in text[unit.begin : unit.end].split("\n")]
        lines = [line for line in lines if line]
        cited = sum(1 for line in lines if _citation_like(line))
        if not lines or cited * 2 < len(lines):
            break
        unit.kind = "references"


def _build_block(text: str, unit: _BlockUnit, section: str) -> Block | None:
    if unit.begin >= unit.end:
        return None
    body = text[unit.begin : unit.end]
    if unit.kind == "nonprose":
        return Block("nonprose", unit.begin, unit.end, body, section, (), reason=unit.reason)
    if unit.grid or unit.simple:
        reader = _grid_table_rows if unit.grid else _simple_table_rows
        rows = tuple(reader(text, unit.begin, unit.end))
        sentences = tuple(Sentence(row.start, row.end, row.text) for row in rows)
        return Block("table", unit.begin, unit.end, body, section, sentences, rows)
    if unit.kind == "table" and unit.header is not None:
        builder = _pipe_table_rows if unit.pipes else _glued_table_rows
        rows = tuple(builder(unit.header, unit.rows))
        sentences = tuple(Sentence(row.start, row.end, row.text) for row in rows)
        return Block("table", unit.begin, unit.end, body, section, sentences, rows)
    if unit.kind == "references":
        return Block("references", unit.begin, unit.end, body, section, ())
    sentences = tuple(split_sentences(text, unit.begin, unit.end))
    if not sentences:
        return None  # an image marker or punctuation alone
    return Block(unit.kind, unit.begin, unit.end, body, section, sentences)


def _sections(headings: Sequence[_HeadingUnit], size: int) -> tuple[Section, ...]:
    ends = [size] * len(headings)
    open_headings: list[int] = []
    for index, heading in enumerate(headings):
        while open_headings and headings[open_headings[-1]].level >= heading.level:
            ends[open_headings.pop()] = heading.start
        open_headings.append(index)
    return tuple(
        Section(heading.title, heading.level, heading.start, end)
        for heading, end in zip(headings, ends, strict=True)
    )


def read_document(text: str, *, fmt: DocumentFormat | None = None) -> Document:
    """Split a document into sections, blocks and sentences.

    Args:
        text: the document text (as returned by :func:`decode_document`).
        fmt: ``"text"`` or ``"markdown"``; ``None`` detects it (see :func:`detect_format`).

    Returns:
        The document. Every block knows the title of the nearest heading above it (the
        document title before the first heading); reference lists are blocks of kind
        ``"references"`` without sentences; flattened and pipe tables are blocks of kind
        ``"table"`` with one sentence per row.

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    if fmt is None:
        fmt = detect_format(text)
    lines = _split_lines(text)
    if fmt == "markdown":
        title, units = _markdown_units(text, lines)
    elif fmt == "text":
        title, units = _text_units(lines)
    else:
        raise ValueError(f"unknown document format {fmt!r}; expected 'text' or 'markdown'")
    _mark_trailing_citations(text, units)
    units = _separate_nonprose(text, units)
    headings: list[_HeadingUnit] = []
    blocks: list[Block] = []
    section = title
    for unit in units:
        if isinstance(unit, _HeadingUnit):
            headings.append(unit)
            section = unit.title
            continue
        block = _build_block(text, unit, section)
        if block is not None:
            blocks.append(block)
    return Document(text, title, _sections(headings, len(text)), tuple(blocks))

"""Repairs: exact mends of a sentence's debris, each mapped back to the source.

Real text carries traces of what was stripped from it and of the markup it was made from.
Some traces can be mended without guessing:

* a stripped name's harmless trace closes up: "Azerbaijani President , Armenian Prime
  Minister , and" reads "Azerbaijani President, Armenian Prime Minister, and"; an empty
  list item (", ,"), "not only but also X". A place lost before a date ("a victory parade
  in  on December 26") is not closed up: the sentence would hide that it named where,
  so it stays a hole the question rules see;
* markup goes: a template around an apostrophe ("Luftflotte 4{{'s}}" is "Luftflotte
  4's"), an inline footnote ("{{#tag:ref|...}}", "[12]", "[citation needed]"), empty
  brackets where a pronunciation stood ("The Eiffel Tower ( ; ) is");
* a dash that the text lost between the two ends of a range comes back when the digits can
  be read only one way: "the winter of 180405" is "1804–05", "(21 May 192114 December
  1989)" is "1921–14 December 1989".

Every rule of :data:`REPAIRS` deletes characters and may insert a dash or a space, or put a
typographic quote for a TeX one; it never adds a word, so the repaired sentence says no
more than the original. ``origin`` maps every
character of the repaired text back to the source, so evidence offsets still cut the
original text; an inserted character maps to the source character that follows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from question_bank.holes import TITLES

__all__ = ["REPAIRS", "Repair", "Repaired", "repair"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = rf"(?:{_MONTHS})"
_YEAR = r"(?:1[0-9]|20)\d\d"
RANGE_DASH = "–"

Edit = tuple[int, int, str]  # delete text[start:end] and put the string there


@dataclass(frozen=True)
class Repair:
    """One kind of exact mend.

    Attributes:
        name: what the rule is called.
        pattern: where it applies. Without ``edits``, every group of a match is deleted.
        reason: what the trace is and why the mend is certain.
        edits: for a mend that inserts, the edits a match makes, or none when the digits
            can be read more than one way.
        needs: a quick test that the text may hold the trace at all (most sentences
            hold none, and the pattern is slower to run).
    """

    name: str
    pattern: re.Pattern[str]
    reason: str
    edits: Callable[[re.Match[str]], list[Edit]] | None = None
    needs: re.Pattern[str] | None = None

    def apply(self, text: str) -> Iterator[Edit]:
        if self.needs is not None and self.needs.search(text) is None:
            return
        for match in self.pattern.finditer(text):
            if self.edits is not None:
                yield from self.edits(match)
                continue
            for group in range(1, (self.pattern.groups or 0) + 1):
                if match.start(group) < match.end(group):
                    yield match.start(group), match.end(group), ""


def _years_in_order(first: int, second: int, most: int) -> bool:
    return 0 < second - first <= most


def _glued_years(match: re.Match[str]) -> list[Edit]:
    """ "19141918" is 1914–1918: two years in order, at most a century apart."""
    first, second = int(match.group(1)), int(match.group(2))
    if not _years_in_order(first, second, 100):
        return []
    return [(match.end(1), match.end(1), RANGE_DASH)]


def _tex_quotes(match: re.Match[str]) -> list[Edit]:
    """ "`National Robotics Week'" is "‘National Robotics Week’": each mark for its
    typographic quote, one character for one."""
    return [(match.start(1), match.end(1), "‘"), (match.start(2), match.end(2), "’")]


def _space_after_comma(match: re.Match[str]) -> list[Edit]:
    """'an improved version,"Difference Engine No. 2"' lost the space after its comma."""
    return [(match.end(), match.end(), " ")]


def _glued_short_range(match: re.Match[str]) -> list[Edit]:
    """ "the winter of 180405" is 1804–05: the end year written with two digits, after
    the start year and in the same century (a count would be written "180,405")."""
    year, tail = int(match.group(1)), int(match.group(2))
    if not _years_in_order(year % 100, tail, 20):
        return []
    return [(match.end(1), match.end(1), RANGE_DASH)]


def _glued_day(match: re.Match[str]) -> list[Edit]:
    """ "21 May 192114 December 1989": the first year and the second day ran together.
    The split must leave a four-digit year at most 130 years before the later year and a
    day of the month after it, and only one split may do so; "1 May 19212 December 1899"
    has none and is left alone (a hole)."""
    digits, later = match.group(2), int(match.group(4))
    readings = []
    for cut in (len(digits) - 2, len(digits) - 1):
        year, day = digits[:cut], digits[cut:]
        if (
            len(year) == 4
            and day[0] != "0"
            and 1 <= int(day) <= 31
            and 0 <= later - int(year) <= 130
        ):
            readings.append(cut)
    if len(readings) != 1 or len(digits) - readings[0] not in (1, 2):
        return []
    at = match.start(2) + readings[0]
    return [(at, at, RANGE_DASH)]


def _glued_month(match: re.Match[str]) -> list[Edit]:
    """ "(May 26, 1926September 28, 1991)": a date glued to a later full date."""
    first = 1 if match.group(1) is not None else 3
    if int(match.group(first + 1)) < int(match.group(first)):
        return []
    return [(match.end(first), match.end(first), RANGE_DASH)]


REPAIRS: tuple[Repair, ...] = (
    Repair(
        "title without its holder",
        re.compile(rf"\b(?:{'|'.join(sorted(TITLES))})( )(?=,)"),
        'the space where a stripped name stood ("President , Armenian")',
        needs=re.compile(" ,"),
    ),
    Repair(
        "empty list item",
        re.compile(r"(?<=[^\W\d])(, )(?=, )|(?<=\w)(,\s*)(?=;)"),
        'a list item that was stripped ("Füzuli, , and Qubadlı"); not after a number: '
        '"December 3, ," lost its year, which must stay visible as a hole',
        needs=re.compile(r",\s*[,;]"),
    ),
    Repair(
        "not only but also",
        re.compile(r"\b(not only but also )", re.IGNORECASE),
        'the first member of the pair is gone ("not only but also seven districts")',
        needs=re.compile(r"(?i)only but"),
    ),
    Repair(
        "apostrophe template",
        re.compile(r"(\{\{-?)['\"’]{1,3}s?(-?\}\})"),
        'wiki markup around an apostrophe or a quote ("Luftflotte 4{{\'s}}")',
        needs=re.compile("{{"),
    ),
    Repair(
        "inline footnote",
        re.compile(r"(\{\{#tag:ref\|[^{}\n]{0,3000}\}\}|<ref[^<>\n]{0,200}>[^<\n]{0,3000}</ref>)"),
        'a footnote written inside the sentence ("leaflets.{{#tag:ref|The Member ...}}")',
        needs=re.compile(r"\{\{#|<ref"),
    ),
    Repair(
        "footnote marker",
        re.compile(
            r"(?<=[\w.,;:!?\"'”’)])(\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed|"
            r"clarification needed|who\?|when\?|which\?|by whom\?|dubious|"
            r"verification needed)\])",
            re.IGNORECASE,
        ),
        'a footnote mark after a word ("the war.[12]", "[citation needed]")',
        needs=re.compile(r"\["),
    ),
    Repair(
        "footnote number after an acronym",
        re.compile(r" \([A-Z]{2,6}\)(\d{1,2})(?=[\s,.;:])"),
        "a footnote's number glued to an acronym's bracket (\"National Missile Defense "
        '(NMD)2 and"); not a formula\'s index ("Ca(OH)2")',
        needs=re.compile(r"[A-Z]\)\d"),
    ),
    Repair(
        "leading footnote mark",
        re.compile(r"(?:^|(?<=[\n.!?] ))([¹²³⁴⁵⁶⁷⁸⁹⁰]+ )(?=[A-Z])", re.MULTILINE),
        'a footnote\'s own superscript mark before its text ("¹ Jerry Rice wore No. 80")',
        needs=re.compile("[¹²³⁴⁵⁶⁷⁸⁹⁰]"),
    ),
    Repair(
        "empty brackets",
        re.compile(r"( ?\((?:\s*[;,])*\s*\))|(?<=\()((?:\s*[;,])+\s*)(?=[^\s;,)])"),
        'a pronunciation or a name stripped from brackets ("The Eiffel Tower ( ; ) is", '
        '"(; 21 May 1921")',
        needs=re.compile(r"\((?:\s*[;,)]|\s)"),
    ),
    Repair(
        "wiki emphasis",
        re.compile(r"(?<!['\w])('{2,3})(?=[^\s'])[^'\n]{1,200}?(?<=[^\s'])('{2,3})(?!['\w])"),
        "wiki italics or bold marks around words (''Common Sense'')",
        needs=re.compile("''"),
    ),
    Repair(
        "Markdown emphasis",
        re.compile(
            r"(?<![\w*_`])(\*{1,3}|_{1,2}|`)(?=[^\s*_`])[^*_`\n]{1,300}?(?<=[^\s*_`])(\1)(?![\w*_`])"
        ),
        "Markdown emphasis or code marks around words (*Chernobyl*, **bold**, _The Album_)",
        needs=re.compile(r"[*_`]"),
    ),
    Repair(
        "Markdown link",
        re.compile(
            r"(!\[[^\[\]\n]{0,300}\]\([^()\s]{0,1000}\)\s?)"
            r"|(\[)[^\[\]\n]{1,300}(\]\([^()\s]{0,1000}\)|\]\[[^\[\]\n]{0,100}\])"
        ),
        "a Markdown link's brackets and address, or an image (the link's words stay)",
        needs=re.compile(r"\]\(|\]\["),
    ),
    Repair(
        "TeX quotes",
        re.compile(r"(?<![\w`])(`)(?=[^\s`'])[^`'\n]{1,200}?(?<=[^\s`'])(')(?![\w'])"),
        'quotation marks typed as in TeX ("`National Robotics Week\'"): each becomes the '
        "typographic quote it stands for",
        _tex_quotes,
        needs=re.compile("`"),
    ),
    Repair(
        "comma glued to a quotation",
        re.compile(r"(?<=[a-z]),(?=\"[A-Z])"),
        "the space after a comma before a quotation was lost ('version,\"Difference Engine "
        "No. 2\"'); no word is added",
        _space_after_comma,
        needs=re.compile(r',"'),
    ),
    Repair(
        "glued years",
        re.compile(rf"(?<![\d,.$€£#])({_YEAR})({_YEAR})(?!\d|[,.]\d)"),
        'a range whose dash was lost ("19141918" is 1914–1918)',
        _glued_years,
        needs=re.compile(r"\d{8}"),
    ),
    Repair(
        "glued short range",
        re.compile(
            rf"(?i:\b(?:in|during|from|since|until|between|by|the)\s+|"
            rf"(?:winter|summer|spring|autumn|fall|season|year) of\s+|\()"
            rf"({_YEAR})(\d\d)(?!\d|[,.]\d)"
        ),
        'a range whose dash was lost ("the winter of 180405" is 1804–05)',
        _glued_short_range,
        needs=re.compile(r"\d{6}"),
    ),
    Repair(
        "glued day",
        re.compile(rf"(\b\d{{1,2}} {_MONTH} )(\d{{5,6}}) ({_MONTH}) ({_YEAR})\b"),
        'the dash between two dates was lost ("21 May 192114 December 1989")',
        _glued_day,
        needs=re.compile(r"\d{5}"),
    ),
    Repair(
        "glued month",
        re.compile(
            rf"\b{_MONTH} \d{{1,2}}, ({_YEAR})(?={_MONTH} \d{{1,2}}, ({_YEAR})\b)"
            rf"|\b\d{{1,2}} {_MONTH} ({_YEAR})(?=\d{{1,2}} {_MONTH} ({_YEAR})\b)"
        ),
        'the dash between two dates was lost ("May 26, 1926September 28, 1991")',
        _glued_month,
        needs=re.compile(r"\d[JFMASOND][a-z]"),
    ),
)


@dataclass(frozen=True)
class Repaired:
    """A sentence after repairs, and where each of its characters came from.

    Attributes:
        text: the repaired text.
        origin: for each index of ``text`` (and one past its end), the index in the
            original text; an inserted character maps to the character after it.
    """

    text: str
    origin: tuple[int, ...]


def repair(text: str) -> Repaired:
    """Apply every rule of :data:`REPAIRS` to a sentence.

    Args:
        text: the sentence as the document has it.

    Returns:
        The repaired sentence and its map back to ``text``.
    """
    deleted: set[int] = set()
    inserted: dict[int, str] = {}
    for rule in REPAIRS:
        for start, end, put in rule.apply(text):
            deleted.update(range(start, end))
            if put:
                inserted[start] = put
    if not deleted and not inserted:
        return Repaired(text, tuple(range(len(text) + 1)))
    chars: list[str] = []
    origin: list[int] = []
    for index in range(len(text) + 1):
        dash = inserted.get(index)
        if dash:
            chars.append(dash)
            origin.extend([index] * len(dash))
        if index < len(text) and index not in deleted:
            chars.append(text[index])
            origin.append(index)
    origin.append(len(text))
    return Repaired("".join(chars), tuple(origin))

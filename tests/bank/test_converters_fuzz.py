"""The HTML and PDF converters, fuzzed for crashes and for time.

A converter reads documents from strangers, so an input that takes time in the square of
its size is an attack: 100,000 ``<b>`` then 100,000 ``</i>`` (700 KB) kept the HTML
converter busy for minutes. Hypothesis builds a small hostile unit from the constructs
that trouble parsers (unbalanced and unterminated tags, comments, marked sections, lists,
tables); the unit repeated n and 4n times must take about four times as long, not
sixteen. Timing is CPU time of this process, the fastest of several runs (other processes
on a shared machine only ever add to it), against a bound of 8 (twice what linear gives),
so a noisy machine does not fail it while a quadratic converter (16) does.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sample_pdf import make_raw_pdf, many_runs_pdf

from question_bank.errors import DocumentError
from question_bank.formats import ReadLimits, document_text
from question_bank.html import html_to_text
from question_bank.pdf import pdf_to_text

LINEAR_BOUND = 8.0  # time(4n) / time(n): 4 when linear, 16 when quadratic

CONSTRUCTS = [
    "<b>",
    "</i>",
    "<p>",
    "</p>",
    "<div class='reference'>",
    "</div>",
    "<ul>",
    "<li>",
    "</ul>",
    "<table>",
    "<tr>",
    "<td>",
    "</table>",
    "<h2>",
    "<script>",
    "</script>",
    "<a",
    "</",
    "<!--",
    "-->",
    "<?",
    "<!",
    "<![",
    "<![CDATA[",
    "]]>",
    ">",
    "'",
    '"',
    "=",
    "&",
    "&#",
    "&amp;",
    "<br>",
    "text ",
    "1 May 1990. ",
    "\n",
]
units = st.lists(st.sampled_from(CONSTRUCTS), min_size=1, max_size=12).map("".join)


def cpu_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` runs of ``run``, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


def growth(convert: Callable[[str], object], unit: str, size: int) -> float:
    """time(4n) / time(n) for ``unit`` repeated to about ``size`` and 4 x ``size`` characters;
    the smaller input is grown until it takes a measurable time."""
    copies = max(1, size // len(unit))
    while True:
        small = cpu_seconds(lambda copies=copies: convert(unit * copies))
        if small >= 0.004 or copies * len(unit) > 50 * size:
            break
        copies *= 2
    large = cpu_seconds(lambda: convert(unit * (4 * copies)))
    return large / max(small, 1e-4)


def html_converts(markup: str) -> str:
    """What a server does with a page: convert it, with the depth limit lifted so that
    nesting is timed rather than refused."""
    try:
        return html_to_text(markup, max_depth=10**9)
    except DocumentError:
        return ""


@given(st.lists(units, max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_tag_soup_converts_or_is_refused_with_a_reason(markup: str) -> None:
    try:
        text = html_to_text(markup)
    except DocumentError as error:
        assert "the page" in str(error)
    else:
        assert isinstance(text, str) and text.endswith("\n")


@pytest.mark.parametrize(
    "markup",
    ["<p>a<![foo[ x</p>", "<p>a<![ x]]></p>", "<p>a<![if x</p>"],
    ids=["unknown-marked-section", "nameless-marked-section", "if-section"],
)
def test_a_marked_section_is_a_bogus_comment_not_a_crash(markup: str) -> None:
    assert html_to_text(markup) == "a\n"  # the standard parser raised AssertionError


@given(units)
@example("<b>")  # nested ever deeper
@example("<b></i>")  # an end tag whose element is not open
@example("<a")  # a start tag that nothing ends
@example("<!--a>")  # a comment that nothing closes
@example("</a")
@example("<?a")
@example("<li>item text")  # one long list
@example("<tr><td>y<td>")  # a ragged table
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_html_conversion_time_grows_linearly(unit: str) -> None:
    assert growth(html_converts, unit, 20_000) < LINEAR_BOUND


def test_unbalanced_tags_convert_in_linear_time() -> None:
    small = cpu_seconds(lambda: html_converts("<b>" * 12_500 + "</i>" * 12_500))
    large = cpu_seconds(lambda: html_converts("<b>" * 50_000 + "</i>" * 50_000))
    assert large / small < LINEAR_BOUND


def test_a_page_over_its_limits_is_refused_with_the_reason() -> None:
    with pytest.raises(DocumentError, match="nests its elements more than 1,000 deep"):
        html_to_text("<b>" * 100_000 + "</i>" * 100_000)
    with pytest.raises(DocumentError, match="more than 500 elements"):
        html_to_text("<p>x</p>" * 501, max_nodes=500)
    limits = ReadLimits(max_html_nodes=500)
    with pytest.raises(DocumentError, match=r"^page\.html: the page has more than 500"):
        document_text(b"<html><body>" + b"<p>x</p>" * 600, name="page.html", limits=limits)


OPERATORS = [
    b"(a) Tj ",
    b"(ab cd) Tj ",
    b"1 0 Td ",
    b"0 -14 Td ",
    b"T* ",
    b"14 TL ",
    b"[(a) -300 (b)] TJ ",
    b"ET BT /F1 11 Tf ",
    b"/F1 9 Tf ",
    b"(a) ' ",
    b"q 1 0 0 1 5 5 cm Q ",
    b"( ) Tj ",
    b"(-) Tj T* ",
    b"(.) Tj ",
]
pdf_units = st.lists(st.sampled_from(OPERATORS), min_size=1, max_size=6).map(b"".join)


def pdf_converts(unit: bytes, copies: int) -> str:
    page = b"BT /F1 11 Tf 72 760 Td " + unit * copies + b" ET"
    try:
        return pdf_to_text(make_raw_pdf([page]))
    except DocumentError:
        return ""


@given(st.lists(pdf_units, max_size=20).map(b"".join))
@settings(max_examples=50, deadline=None)
def test_any_content_stream_converts_or_is_refused_with_a_reason(content: bytes) -> None:
    try:
        text = pdf_to_text(make_raw_pdf([b"BT /F1 11 Tf 72 760 Td " + content + b" ET"]))
    except DocumentError as error:
        assert "document.pdf" in str(error)
    else:
        assert text.endswith("\n")


@given(pdf_units)
@example(b"(a) Tj 1 0 Td ")  # many tiny runs side by side
@example(b"(a) Tj T* ")  # many one-letter lines
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_pdf_reading_time_grows_linearly_in_text_runs(unit: bytes) -> None:
    small = cpu_seconds(lambda: pdf_converts(unit, 1_500), repeat=3)
    large = cpu_seconds(lambda: pdf_converts(unit, 6_000), repeat=3)
    assert large / max(small, 1e-3) < LINEAR_BOUND


def test_a_pdf_over_its_page_or_character_limit_is_refused_with_the_reason() -> None:
    with pytest.raises(DocumentError, match="has 3 pages; at most 2 are read"):
        pdf_to_text(many_runs_pdf(10, pages=3), max_pages=2)
    with pytest.raises(DocumentError, match="more than 1,000 characters of text"):
        pdf_to_text(many_runs_pdf(600, pages=2), max_characters=1_000)

"""Documents in other formats: HTML pages (saved Wikipedia articles) and PDFs to text."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_pdf import encrypt_pdf, make_pdf

from question_bank.build import build_bank
from question_bank.cli import main
from question_bank.errors import DocumentError
from question_bank.formats import check_document, check_extension, document_text
from question_bank.html import html_to_text, looks_like_html
from question_bank.read import read_document

DATA = Path(__file__).resolve().parents[1] / "app" / "data"
WIKI = DATA / "wiki_page.html"
KIEL = [
    [
        "The Treaty of Kiel",
        "",
        "The Treaty of Kiel was signed on 14 January 1814 between the",
        "United Kingdom and Sweden on one side and Denmark on the other.",
        "Norway declared its independence on 17 May 1814.",
    ],
    ["Aftermath", "", "The union between Sweden and Norway was dissolved on 7 June 1905."],
]


def test_wikipedia_page_becomes_markdown_without_page_furniture() -> None:
    text = html_to_text(WIKI.read_text(encoding="utf-8"))
    assert text.startswith("# Siege of Rhodes (1522)\n")
    for dropped in (
        "Jump to content",
        "Main page",
        "From Wikipedia",
        "For the siege of 1480",  # hat note
        "Contents",  # table of contents
        "[edit]",
        "[1]",
        "[citation needed]",
        "wgTitle",
        "last edited",  # footer
        "Ottoman wars in Europe",  # navigation box
        "Ottoman victory",  # infobox
        "^",
    ):
        assert dropped not in text, dropped
    assert "## Background\n" in text and "### Assaults\n" in text
    assert "stronghold.\n" in text  # the footnote marker after the full stop is gone
    assert "- The Ottoman fleet arrived off Rhodes on 26 June 1522.\n" in text
    assert "| Date | Bastion | Outcome |\n|---|---|---|\n| 4 September 1522 | England |" in text
    assert "| Spain / Aragon |" in text  # a pipe inside a cell cannot split it
    assert text.rstrip().endswith("2. Brown 2001, pp. 3–9.")
    assert text.count("## References") == 1


def test_wikipedia_page_reads_as_sections_tables_and_references() -> None:
    document = read_document(html_to_text(WIKI.read_text(encoding="utf-8")))
    assert document.title == "Siege of Rhodes (1522)"
    kinds = {block.kind for block in document.blocks}
    assert {"paragraph", "list", "table", "references"} <= kinds
    table = next(block for block in document.blocks if block.kind == "table")
    assert table.rows[0].cells == ("4 September 1522", "England", "Repulsed")
    references = [block for block in document.blocks if block.kind == "references"]
    assert all("Smith" not in block.text for block in document.blocks if block.kind != "references")
    assert references


def test_wikipedia_page_builds_a_bank_whose_offsets_point_into_the_converted_text() -> None:
    text = document_text(WIKI.read_bytes(), name=WIKI.name).text
    bank = build_bank(text, file=WIKI.name)
    assert bank.source.title == "Siege of Rhodes (1522)"
    assert bank.report["facts"] >= 5
    for passage in bank.passages:
        assert text[passage.start : passage.end] == passage.text
    assert all("[" not in question.prompt for question in bank.questions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("  <html lang='en'><p>x</p></html>", True),
        ("<!-- saved --><HTML>", True),
        ("<p>One</p><p>Two</p><div>three</div><ul><li>four</li></ul>", True),
        ("# Notes\n\nUse <br> for a line break, and <p> for paragraphs.", False),
        ("The war began on 27 September 2020.", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_html_details() -> None:
    page = (
        "<html><head><title>Notes &amp; dates | Wikipedia</title></head><body>"
        "<p>First<br>line with&nbsp;a&#160;space and a soft\u00adhyphen.</p>"
        "<p style='display: none'>hidden text</p><ol><li>one</li><li>two<ul><li>inner</li>"
        "</ul></li></ol><p>Unclosed paragraph<p>Second one"
        "<table><tr><td>only cell</td></tr></table></body></html>"
    )
    text = html_to_text(page)
    assert text.startswith("# Notes & dates | Wikipedia\n") or text.startswith("# Notes & dates")
    assert "First line with a space and a softhyphen." in text
    assert "hidden" not in text
    assert "1. one\n2. two\n- inner" in text
    assert "Unclosed paragraph\n\nSecond one" in text
    assert "only cell" in text and "|" not in text.split("Second one")[1]


def test_pdf_text_is_joined_into_paragraphs() -> None:
    converted = document_text(make_pdf(KIEL), name="kiel.pdf")
    assert converted.format == "pdf"
    assert (
        "The Treaty of Kiel was signed on 14 January 1814 between the United Kingdom and "
        "Sweden on one side and Denmark on the other." in converted.text
    )
    bank = build_bank(converted.text, file="kiel.pdf")
    answers = {question.answer.date for question in bank.questions if question.answer}
    assert {"1814-01-14", "1905-06-07"} <= answers


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer garbage\n", "broken.pdf", "not a readable PDF"),
        (b"plain words", "fake.pdf", "this is not a PDF"),
        (make_pdf([[""]]), "scan.pdf", "no text"),
        (encrypt_pdf(make_pdf(KIEL)), "locked.pdf", "encrypted"),
        (b"PK\x03\x04rest", "notes.docx", ".docx files are not supported"),
        (b"\x00\x01\x02", "data.txt", "NUL byte"),
        (b"<html><body><script>x()</script></body></html>", "empty.html", "no text"),
        (b"", "empty.md", "empty"),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(data: bytes, name: str, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        check_document(data, name=name)
        document_text(data, name=name)


def test_check_extension() -> None:
    assert check_extension("Notes.MD") == "markdown"
    assert check_extension("page.htm") == "html"
    with pytest.raises(DocumentError, match="without an extension"):
        check_extension("README")


def test_cli_builds_from_html_and_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "kiel.pdf"
    pdf.write_bytes(make_pdf(KIEL))
    for document in (WIKI, pdf):
        output = tmp_path / f"{document.stem}.bank.yaml"
        assert main(["build", str(document), "-o", str(output)]) == 0
        assert output.exists()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    assert main(["build", str(broken), "-o", str(tmp_path / "no.yaml")]) == 2
    assert not (tmp_path / "no.yaml").exists()

"""Moodle XML (and GIFT) for importing questions into a Moodle question bank.

Moodle XML, as Moodle's format description (docs.moodle.org, "Moodle XML format") and
its importer (``question/format/xml/format.php``) read it:

- ``date`` and ``cloze`` questions become ``shortanswer`` (every accepted way of
  writing the date, and of its other written form ``answer.also``, is an answer worth
  100%), or ``numerical`` with tolerance 0 when the answer is a single year of our era
  with four digits, which a number states exactly. A BC year is short answer: "-44"
  would be 45 BC to an astronomer, and a numerical question cannot accept "44 BC"; a
  year under 1000 too, so that "AD 43" is accepted;
- ``choice`` becomes ``multichoice`` (one right answer, shuffled);
- ``order`` becomes ``ordering`` (the ``qtype_ordering`` plugin, standard since Moodle
  4.4): the events are listed earliest first, which is how that format states the
  right order.

The tree is built with ElementTree, which escapes for XML; text shown as HTML
(``format="html"``) is HTML-escaped first, so document text reaches Moodle as text.
The general feedback carries the source passage with its sentence marked and a link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from xml.etree import ElementTree

from quizapp.export.records import ExportQuestion, date_forms, passage_url

__all__ = ["build_gift", "build_moodle_xml"]

PENALTY = "0.3333333"


def _text(parent: ElementTree.Element, tag: str, text: str, **attributes: str) -> None:
    element = ElementTree.SubElement(parent, tag, attributes)
    ElementTree.SubElement(element, "text").text = text


def _value(parent: ElementTree.Element, tag: str, value: str) -> None:
    ElementTree.SubElement(parent, tag).text = value


def _feedback_html(question: ExportQuestion, base_url: str) -> str:
    text = question.passage_text
    start, end = question.evidence
    link = passage_url(base_url, question.source_id, question.passage_id)
    return (
        f"<blockquote>{html.escape(text[:start])}<mark>{html.escape(text[start:end])}</mark>"
        f"{html.escape(text[end:])}</blockquote>"
        f"<p>{html.escape(question.section)} · "
        f'<a href="{html.escape(link)}">{html.escape(question.source_title)}</a></p>'
    )


def _shortanswer_text(value: str) -> str:
    """A shortanswer answer: ``*`` is Moodle's wildcard, so a literal one is escaped."""
    return value.replace("*", "\\*")


def _numerical_year(question: ExportQuestion) -> int | None:
    """The answer's year when a number states it exactly: a single year from AD 1000 on,
    with no other written form."""
    dates = question.answer_dates
    if len(dates) == 1 and dates[0].granularity == "year" and dates[0].year >= 1000:
        return dates[0].year
    return None


def _accepted(question: ExportQuestion) -> list[str]:
    forms = [question.answer_text, *question.accept]
    if question.also_text:
        forms.append(question.also_text)
    for value in question.answer_dates:
        forms += date_forms(value)
    seen: dict[str, str] = {}
    for form in forms:
        if form.strip():
            seen.setdefault(form.strip().casefold(), form.strip())
    return list(seen.values())


def _question(
    quiz: ElementTree.Element, kind: str, question: ExportQuestion, base_url: str
) -> ElementTree.Element:
    element = ElementTree.SubElement(quiz, "question", {"type": kind})
    _text(element, "name", f"{question.bank_id} {question.prompt}"[:250])
    _text(element, "questiontext", f"<p>{html.escape(question.prompt)}</p>", format="html")
    _text(element, "generalfeedback", _feedback_html(question, base_url), format="html")
    _value(element, "defaultgrade", "1")
    _value(element, "penalty", PENALTY)
    _value(element, "hidden", "0")
    _value(element, "idnumber", question.bank_id)
    return element


def _answer(parent: ElementTree.Element, fraction: str, text: str, fmt: str) -> None:
    answer = ElementTree.SubElement(parent, "answer", {"fraction": fraction, "format": fmt})
    ElementTree.SubElement(answer, "text").text = text
    _text(answer, "feedback", "", format="html")


def _add(quiz: ElementTree.Element, question: ExportQuestion, base_url: str) -> None:
    if question.kind == "choice" and question.choices:
        element = _question(quiz, "multichoice", question, base_url)
        _value(element, "single", "true")
        _value(element, "shuffleanswers", "true")
        _value(element, "answernumbering", "abc")
        right = question.answer_text.strip().casefold()
        for choice in question.choices:
            fraction = "100" if choice.strip().casefold() == right else "0"
            _answer(element, fraction, html.escape(choice), "html")
    elif question.kind == "order" and question.items:
        element = _question(quiz, "ordering", question, base_url)
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "ABSOLUTE_POSITION"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            _value(element, tag, value)
        for position, item in enumerate(question.ordered_items, start=1):
            _answer(element, str(position), html.escape(str(item["text"])), "html")
    elif (year := _numerical_year(question)) is not None:
        element = _question(quiz, "numerical", question, base_url)
        answer = ElementTree.SubElement(
            element, "answer", {"fraction": "100", "format": "moodle_auto_format"}
        )
        ElementTree.SubElement(answer, "text").text = str(year)
        ElementTree.SubElement(answer, "tolerance").text = "0"
        _text(answer, "feedback", "", format="html")
    else:
        element = _question(quiz, "shortanswer", question, base_url)
        _value(element, "usecase", "0")
        for form in _accepted(question):
            _answer(element, "100", _shortanswer_text(form), "moodle_auto_format")


def build_moodle_xml(questions: Sequence[ExportQuestion], *, category: str, base_url: str) -> bytes:
    """A Moodle XML quiz file: a category, then one question per bank question.

    Args:
        questions: the questions to write.
        category: the question category they go into, below the course's top category
            (``/`` separates levels).
        base_url: quizapp's address, for the link in each question's feedback.
    """
    quiz = ElementTree.Element("quiz")
    heading = ElementTree.SubElement(quiz, "question", {"type": "category"})
    _text(heading, "category", f"$course$/top/{category}")
    for question in questions:
        _add(quiz, question, base_url)
    ElementTree.indent(quiz)
    return bytes(ElementTree.tostring(quiz, encoding="UTF-8", xml_declaration=True)) + b"\n"


# --- GIFT --------------------------------------------------------------------------

_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def _gift(text: str) -> str:
    """Plain text with GIFT's special characters escaped, on one line."""
    return _GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _gift_html(text: str) -> str:
    """Text that Moodle shows as HTML (a prompt, an option, an event), HTML-escaped as
    in the Moodle XML export, then escaped for GIFT."""
    return _gift(html.escape(text, quote=False))


def build_gift(questions: Sequence[ExportQuestion]) -> bytes:
    """The questions in Moodle's GIFT text format (UTF-8): short answer, numerical
    (single years), multiple choice, and order questions as matching (each event to
    its position, 1 for the earliest).

    Each question is marked ``[html]``: Moodle renders its text, options and events as
    HTML, so document and teacher text is HTML-escaped and reaches Moodle as text. The
    accepted answers of a short-answer question are compared with what a student types,
    never rendered, and stay as they are.
    """
    blocks = []
    for question in questions:
        head = f"::{_gift(question.bank_id)}::[html]{_gift_html(question.prompt)} "
        if question.kind == "choice" and question.choices:
            right = question.answer_text.strip().casefold()
            options = " ".join(
                ("=" if choice.strip().casefold() == right else "~") + _gift_html(choice)
                for choice in question.choices
            )
            blocks.append(f"{head}{{{options}}}")
        elif question.kind == "order" and question.items:
            pairs = " ".join(
                f"={_gift_html(str(item['text']))} -> {position}"
                for position, item in enumerate(question.ordered_items, start=1)
            )
            blocks.append(f"{head}{{{pairs}}}")
        elif (year := _numerical_year(question)) is not None:
            blocks.append(f"{head}{{#{year}}}")
        else:
            answers = " ".join(f"={_gift(form)}" for form in _accepted(question))
            blocks.append(f"{head}{{{answers}}}")
    return ("\n\n".join(blocks) + "\n").encode("utf-8")

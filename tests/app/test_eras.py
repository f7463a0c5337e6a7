"""Dates in every era through the app: a bank with BC days and years, a range across the
era boundary (27 BC – AD 14), a decade, a century, an Old Style date and a disputed BC
day, imported, then graded, shown, filtered and exported, each export read back by its
consumer."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import subprocess
import sys
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import DATA, NOW, AuthActions, add_user
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from question_bank import DateValue, load_bank
from question_bank.datevalue import GRANULARITIES
from quizapp.api.openapi import openapi_document
from quizapp.export import build_apkg, build_csv, build_gift, build_moodle_xml, deck_id_for
from quizapp.export import source_questions as export_source_questions
from quizapp.export.records import date_forms
from quizapp.extensions import db
from quizapp.learning.hints import ANSWER_FORMS, answer_hint
from quizapp.learning.scoring import UnreadableAnswerError, grade_answer
from quizapp.models import Question, Review, Source, User
from quizapp.sources.dates import html_datetime
from quizapp.sources.importer import import_bank
from quizapp.teaching import question_sets

ERAS_BANK = DATA / "eras_bank.yaml"
# The eras bank's dates as its document's timeline shows them, earliest first.
TIMELINE = [
    "the 3rd century BC",
    "146 BC",
    "January 10, 49 BC",
    "March 15, 44 BC",
    "27 BC – AD 14",
    "AD 43",
    "November 7, 1917",
    "the 1990s",
]
ERAS_TEXT = DATA / "eras.txt"
BASE_URL = "https://quiz.example.org"

RUBICON = "q-8e45e5ba"  # date: January 10, 49 BC, disputed: January 11, 49 BC
CAESAR = "q-61b5c45d"  # date: March 15, 44 BC
AUGUSTUS = "q-f9b85578"  # cloze: 27 BC – AD 14
CARTHAGE = "q-11d83e2d"  # date: 146 BC
CARTHAGE_CHOICE = "q-18b25e39"  # choice: 145 BC, 146 BC, 144 BC, 143 BC
BRITAIN = "q-98e0b9a7"  # date: AD 43
REVOLUTION = "q-3682e811"  # date: November 7, 1917, also October 25, 1917 (Old Style)
REVOLUTION_CHOICE = "q-c97b283c"
ORDER = "q-7440cb2d"  # Augustus, Britain, Caesar, the Colossus
COLOSSUS = "q-e0000001"  # date: the 3rd century BC
WEB = "q-e0000003"  # date: the 1990s


def teachers_upload(app: Flask, teacher_id: int) -> int:
    """The eras bank imported as the teacher's own upload; returns its source id."""
    with app.app_context():
        source = Source(
            title="Dates in every era",
            file="eras.txt",
            sha256="0" * 64,
            generator="test",
            owner_id=teacher_id,
        )
        db.session.add(source)
        db.session.flush()
        import_bank(
            load_bank(ERAS_BANK), now=NOW, source=source, document_text=ERAS_TEXT.read_text()
        )
        db.session.commit()
        return source.id


def question(bank_id: str) -> Question:
    return db.session.scalars(select(Question).where(Question.bank_id == bank_id)).one()


def test_the_fixture_passes_question_bank_check() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "question_bank", "check", str(ERAS_BANK)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid (9 passages, 19 questions)" in result.stdout


def test_import_keeps_every_date_as_the_bank_writes_it(app: Flask, eras: int) -> None:
    with app.app_context():
        assert question(CAESAR).answer["date"] == "-0044-03-15"
        assert question(AUGUSTUS).answer["date"] == "-0027/0014"
        assert question(WEB).answer["granularity"] == "decade"
        assert question(COLOSSUS).answer["granularity"] == "century"
        assert question(REVOLUTION).answer["also"] == {
            "date": "1917-10-25",
            "granularity": "day",
            "text": "October 25, 1917",
        }
        assert question(RUBICON).disputed[0]["date"] == "-0049-01-11"


# --- grading ---------------------------------------------------------------------------

OLD_STYLE = "Right: the document also writes this date as October 25, 1917."
GRADES = [
    # A BC year, in each spelling a learner uses.
    (CARTHAGE, "146 BC", 1.0, "Right."),
    (CARTHAGE, "146 BCE", 1.0, "Right."),
    (CARTHAGE, "in 146 BC", 1.0, "Right."),
    (CARTHAGE, "146 B.C.", 1.0, "Right."),
    (CARTHAGE, "145 BC", 0.0, "Wrong date."),
    (CARTHAGE, "146", 0.0, "Wrong date."),  # AD 146
    (CARTHAGE, "146 AD", 0.0, "Wrong date."),
    # A BC day: its year in every spelling is the right year only.
    (CAESAR, "44 BC", 0.0, "Right year only: the question asks for the day."),
    (CAESAR, "44 BCE", 0.0, "Right year only: the question asks for the day."),
    (CAESAR, "in 44 BC", 0.0, "Right year only: the question asks for the day."),
    (CAESAR, "44 B.C.", 0.0, "Right year only: the question asks for the day."),
    (CAESAR, "15 March 44 BC", 1.0, "Right."),
    (CAESAR, "March 15, 44 BCE", 1.0, "Right."),
    # Read in the asked year (44 BC) to say how close it is; the year is asked.
    (CAESAR, "15 March", 0.5, "Right day and month, but the question asks for the year too."),
    (CAESAR, "March 44 BC", 0.5, "Right month, but the question asks for the day."),
    (CAESAR, "16 March 44 BC", 0.5, "Right month, wrong day."),
    (CAESAR, "15 March 45 BC", 0.0, "Wrong date."),  # not "the right year" by a prefix
    (CAESAR, "15 March 44 AD", 0.0, "Wrong date."),
    # A range across the era boundary.
    (AUGUSTUS, "27 BC – AD 14", 1.0, "Right: both ends of the range."),
    (AUGUSTUS, "27 BC to AD 14", 1.0, "Right."),  # the bank's accepted answer
    (AUGUSTUS, "27 BC-AD 14", 1.0, "Right: both ends of the range."),
    (AUGUSTUS, "27 BC", 0.5, "One end of the range; the question asks for both."),
    (AUGUSTUS, "27 BC to AD 15", 0.5, "One end of the range is right, the other is not."),
    (AUGUSTUS, "27 BC until AD 14", 1.0, "Right: both ends of the range."),
    (AUGUSTUS, "26 BC to AD 15", 0.0, "Wrong range."),
    # A year of our era under 1000.
    (BRITAIN, "AD 43", 1.0, "Right."),
    (BRITAIN, "43 CE", 1.0, "Right."),
    (BRITAIN, "43", 1.0, "Right."),
    (BRITAIN, "43 BC", 0.0, "Wrong date."),
    # A decade: named, or its exact years; a year inside it is partial.
    (WEB, "the 1990s", 1.0, "Right."),
    (WEB, "1990s", 1.0, "Right."),
    (WEB, "1990-1999", 1.0, "Right."),
    (WEB, "1995", 0.5, "In the right decade, but the question asks for the decade."),
    (WEB, "the 1980s", 0.0, "Wrong decade."),
    (WEB, "the 20th century", 0.0, "Too broad: the question asks for the decade."),
    # A century BC.
    (COLOSSUS, "the third century BC", 1.0, "Right."),
    (COLOSSUS, "3rd century BCE", 1.0, "Right."),
    (COLOSSUS, "280 BC", 0.5, "In the right century, but the question asks for the century."),
    (COLOSSUS, "the 3rd century", 0.0, "Wrong century."),  # the 3rd century AD
    (COLOSSUS, "the 2nd century BC", 0.0, "Wrong century."),
    # The Old Style date is a right answer too.
    (REVOLUTION, "7 November 1917", 1.0, "Right."),
    (REVOLUTION, "25 October 1917", 1.0, OLD_STYLE),
    (REVOLUTION, "October 25", 0.5, "Right day and month, but the question asks for the year too."),
    (REVOLUTION, "1917", 0.0, "Right year only: the question asks for the day."),
    # A disputed BC day.
    (
        RUBICON,
        "11 January 49 BC",
        1.0,
        "Right: the document also gives this date for the same event.",
    ),
    (RUBICON, "10 January", 0.5, "Right day and month, but the question asks for the year too."),
    # Choices: an option, its number, or a typed date.
    (CARTHAGE_CHOICE, "146 BC", 1.0, "Right."),
    (CARTHAGE_CHOICE, "1", 1.0, "Right."),
    (CARTHAGE_CHOICE, "145 BC", 0.0, "Wrong choice."),
    (REVOLUTION_CHOICE, "25 October 1917", 1.0, OLD_STYLE),
]


@pytest.mark.parametrize(("bank_id", "given", "score", "feedback"), GRADES)
def test_grading_in_every_era(
    app: Flask, eras: int, bank_id: str, given: str, score: float, feedback: str
) -> None:
    with app.app_context():
        grade = grade_answer(question(bank_id), given, day_first=True, duration_ms=None)
    assert (grade.score, grade.feedback) == (score, feedback)


def test_an_unreadable_bc_answer_is_not_graded_and_the_forms_read_are_shown(
    app: Flask, eras: int
) -> None:
    with app.app_context():
        with pytest.raises(UnreadableAnswerError, match="BC, BCE or B.C.") as refused:
            grade_answer(question(CAESAR), "-0044-03-15", day_first=True, duration_ms=None)
        assert '"-0044-03-15" could not be read as a date' in str(refused.value)
        with pytest.raises(UnreadableAnswerError, match="day month year"):
            grade_answer(question(REVOLUTION), "soon", day_first=True, duration_ms=None)
        assert grade_answer(question(REVOLUTION), "1917-11-07", day_first=True, duration_ms=None)


def test_the_right_answer_shows_the_other_calendar_and_the_disputed_date(
    app: Flask, eras: int
) -> None:
    with app.app_context():
        wrong = "1 January 1900"
        revolution = grade_answer(question(REVOLUTION), wrong, day_first=True, duration_ms=None)
        rubicon = grade_answer(question(RUBICON), wrong, day_first=True, duration_ms=None)
    assert revolution.expected_display == "November 7, 1917 (also written October 25, 1917)"
    assert rubicon.expected_display == (
        "January 10, 49 BC (the document also gives January 11, 49 BC)"
    )


# --- the learner's pages ---------------------------------------------------------------

RIGHT = {
    "-0049-01-10": "10 January 49 BC",
    "-0044-03-15": "15 March 44 BC",
    "-0027/0014": "27 BC to AD 14",
    "-0146": "146 BCE",
    "0043": "AD 43",
    "1917-11-07": "25 October 1917",
    "-0300/-0201": "the third century BC",
    "1990/1999": "the 1990s",
}


def test_a_learner_answers_every_era_through_the_quiz_pages(
    app: Flask, client: FlaskClient, auth: AuthActions, eras: int
) -> None:
    auth.login_as_learner(new_per_day=30)
    hints = {}
    for _ in range(30):
        page = client.get("/quiz").text
        fields = dict(
            re.findall(r'<input id="(\w+)" name="\w+" type="hidden" value="([^"]*)"', page)
        )
        if "question_id" not in fields:
            break
        with app.app_context():
            asked = db.session.get(Question, int(fields["question_id"]))
            assert asked is not None
            kind, answer = asked.kind, dict(asked.answer)
        if kind == "order":
            data = {
                f"position_{index}": str(position + 1)
                for position, index in enumerate(answer["order"])
            }
        elif kind == "choice":
            data = {"answer": answer["text"]}
        else:
            hint = re.search(r'<p class="hint" id="granularity">Give ([^<]*)\.</p>', page)
            assert hint is not None, page
            hints[answer["granularity"]] = hint[1]
            data = {"answer": RIGHT[answer["date"]]}
        response = client.post("/quiz/answer", data={**fields, **data})
        assert response.status_code == 302, response.text[:400]
        result = client.get(response.location).text
        assert 'id="score">100%' in result, (answer, result[:2000])
    with app.app_context():
        # One card per fact: the bank's 19 questions are 9 facts, each in one form today
        # (a right choice is Good, so its learning step brings it back, as the same choice).
        reviews = db.session.scalars(select(Review)).all()
        assert all(review.correct for review in reviews)
        forms = {(review.card.fact, review.question_id) for review in reviews}
        assert len(forms) == len({fact for fact, _question in forms}) == 9
    # Each hint shows an example of each era, never a date of the document.
    for hint in hints.values():
        assert " BC" in hint and re.search(r"\d{4}|1990s|12th century", hint), hint
    assert hints["century"] == "the century (for example the 12th century, or the 5th century BC)"
    assert hints["decade"] == "the decade (for example the 1960s, or the 60s BC)"


@pytest.mark.parametrize(
    ("bank_id", "hint"),
    [
        # 1999 is in the document's 1990s: the next example is shown.
        (CAESAR, "the day, month and year (for example May 3, 1985, or April 9, 123 BC)"),
        (CARTHAGE, "the year (for example 1985, or 123 BC)"),
        (AUGUSTUS, "the first and last year (for example 1961–1965, or 123–118 BC)"),
        (COLOSSUS, "the century (for example the 12th century, or the 5th century BC)"),
        (WEB, "the decade (for example the 1960s, or the 60s BC)"),
        (CARTHAGE_CHOICE, None),
        (ORDER, None),
    ],
)
def test_the_format_hint_names_what_to_give(
    app: Flask, eras: int, bank_id: str, hint: str | None
) -> None:
    with app.app_context():
        assert answer_hint(question(bank_id)) == hint


@pytest.mark.parametrize("shape", list(ANSWER_FORMS), ids=" ".join)
def test_every_hint_example_is_read_as_the_date_it_shows(shape: tuple[str, ...]) -> None:
    from question_bank import parse_date_answer

    _words, ours, before = ANSWER_FORMS[shape]
    assert all(value.year > 0 for value in ours) and all(value.end_year < 0 for value in before)
    for value in ours + before:
        assert value.granularity == shape[0]
        parsed = parse_date_answer(value.display())
        assert parsed is not None and parsed.bounds() == value.bounds()


def test_a_hint_never_shows_a_date_of_the_document(
    app: Flask, imported: int, sample_bank: Any
) -> None:
    # The old hint's "8 November 2020" was the answer to the sample's Shusha question.
    with app.app_context():
        assert answer_hint(question("q-0000b001")) == (
            "the day, month and year (for example June 21, 1999, or April 9, 123 BC)"
        )
        # A new import of the bank in which the document gives June 21, 1999.
        shusha = sample_bank.questions[0]
        moved = dataclasses.replace(
            shusha,
            answer=dataclasses.replace(shusha.answer, date="1999-06-21", text="21 June 1999"),
        )
        bank = dataclasses.replace(sample_bank, questions=(moved, *sample_bank.questions[1:]))
        import_bank(bank, now=NOW + timedelta(minutes=1))
        db.session.commit()
        assert answer_hint(question("q-0000b001")) == (
            "the day, month and year (for example May 3, 1985, or April 9, 123 BC)"
        )


class _TimeTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.times: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "time":
            self.times.append(dict(attrs))


# HTML's dates: a year of four or more digits above 0, a month, a day (Gregorian).
_HTML_DATE = re.compile(r"(\d{4,})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def test_the_source_page_orders_the_timeline_by_time_with_valid_datetimes(
    app: Flask, client: FlaskClient, auth: AuthActions, eras: int
) -> None:
    with app.app_context():
        source = db.session.get(Source, eras)
        assert source is not None
        # The report gives a conflict's dates as values, sorted as text.
        source.report = {"conflicts": [{"dates": ["-0027", "-0044"], "evidence": []}]}
        db.session.commit()
    auth.login_as_learner()
    page = client.get(f"/sources/{eras}").text
    conflicts = page.split('id="conflicts"')[1].split("</section>")[0]
    assert "<strong>44 BC vs 27 BC</strong>" in conflicts
    timeline = page.split('id="timeline"')[1].split("</section>")[0]
    shown = re.findall(r'<a href="#p-\w+">(?:<time datetime="[^"]*">)?([^<]+)', timeline)
    assert shown == TIMELINE
    parser = _TimeTags()
    parser.feed(page)
    assert [tag.get("datetime") for tag in parser.times] == ["0043", "1917-11-07"]
    for tag in parser.times:
        match = _HTML_DATE.fullmatch(tag.get("datetime") or "")
        assert match is not None and int(match[1]) > 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (DateValue("2020-11-08", "day"), "2020-11-08"),
        (DateValue("2020-11", "month"), "2020-11"),
        (DateValue("2020", "year"), "2020"),
        (DateValue("0043", "year"), "0043"),
        (DateValue("1582-10-15", "day"), "1582-10-15"),
        (DateValue("1582-10-04", "day"), None),  # a Julian day
        (DateValue("1582-10", "month"), None),  # half Julian
        (DateValue("-0044", "year"), None),
        (DateValue("-0044-03-15", "day"), None),
        (DateValue("-0027/0014", "range"), None),
        (DateValue("1990/1999", "decade"), None),
        (DateValue("1101/1200", "century"), None),
    ],
)
def test_html_datetimes_are_written_only_where_html_has_one(
    value: DateValue, expected: str | None
) -> None:
    assert html_datetime(value) == expected


def test_the_review_page_shows_dates_in_words(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    source_id = teachers_upload(app, auth.login_as_teacher())
    page = client.get(f"/teach/documents/{source_id}/review").text
    order = page.split('id="question-')[1:]
    listed = next(item for item in order if "chronological order" in item)
    assert re.findall(r"<li>([^<]+)</li>", listed) == [
        "The Colossus of Rhodes was built by the people of Rhodes (the 3rd century BC)",
        "Julius Caesar was assassinated in the Theatre of Pompey by a group of senators "
        "(March 15, 44 BC)",
        "Augustus ruled the Roman Empire as its first emperor (27 BC – AD 14)",
        "The Roman invasion of Britain began under the emperor Claudius (AD 43)",
    ]
    assert "-0300" not in page and "-0044" not in page and "-0027/0014" not in page
    assert "November 7, 1917 (also written October 25, 1917)" in page


# --- question sets ---------------------------------------------------------------------


def test_a_set_filter_runs_from_100_bc_to_ad_14(
    app: Flask, client: FlaskClient, auth: AuthActions, eras: int
) -> None:
    teacher_id = auth.login_as_teacher()
    with app.app_context():
        question_set = question_sets.create_set(
            db.session.get(User, teacher_id), db.session.get(Source, eras), "Rome", "", now=NOW
        )
        db.session.commit()
        build = f"/teach/sets/{question_set.id}/build"
        found = question_sets.filter_questions(
            eras,
            question_sets.QuestionFilter(
                date_from=DateValue("-0100", "year"), date_to=DateValue("0014", "year")
            ),
        )
        # The Rubicon and Caesar (date and cloze each) and Augustus's reign; not Carthage
        # (146 BC), the Colossus (300-201 BC), Britain (AD 43) or the order question
        # (its events run from 300 BC to AD 43).
        assert sorted(q.bank_id for q in found) == sorted(
            [RUBICON, "q-b019ffde", CAESAR, "q-0a2cfd8a", AUGUSTUS]
        )
        assert question_sets.question_dates(question(ORDER)) == ((-300, 1, 1), (43, 12, 31))
    page = client.get(build, query_string={"date_from": "100 BC", "date_to": "AD 14"}).text
    assert 'id="found-count">5 questions match' in page
    page = client.get(build, query_string={"date_from": "the 3rd century BC"}).text
    assert 'id="found-count">19 questions match' in page
    page = client.get(build, query_string={"date_to": "AD 43"}).text
    assert 'id="found-count">14 questions match' in page  # not 1917 (3), not the 1990s (2)
    page = client.get(build, query_string={"date_from": "soon"}).text
    assert "Write a date such as 100 BC" in page and 'id="found-count">0 questions' in page
    page = client.get(build, query_string={"date_from": "AD 14", "date_to": "100 BC"}).text
    assert "100 BC comes before AD 14." in page


# --- exports -----------------------------------------------------------------------------


def exported(app: Flask, source_id: int) -> dict[str, Any]:
    with app.app_context():
        return {question.bank_id: question for question in export_source_questions(source_id)}


def test_csv_shows_every_date_in_words(app: Flask, eras: int) -> None:
    questions = exported(app, eras)
    data = build_csv(list(questions.values()), base_url=BASE_URL).decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(data))}
    assert rows[CARTHAGE]["answer"] == "146 BC"  # no spreadsheet formula guard needed
    assert rows[WEB]["answer"] == "the 1990s"
    assert rows[REVOLUTION]["answer"] == "November 7, 1917 (also written October 25, 1917)"
    assert rows[ORDER]["answer"].splitlines() == [
        "1. The Colossus of Rhodes was built by the people of Rhodes (the 3rd century BC)",
        "2. Julius Caesar was assassinated in the Theatre of Pompey by a group of senators "
        "(March 15, 44 BC)",
        "3. Augustus ruled the Roman Empire as its first emperor (27 BC – AD 14)",
        "4. The Roman invasion of Britain began under the emperor Claudius (AD 43)",
    ]


def moodle_answers(data: bytes) -> dict[str, tuple[str | None, list[str]]]:
    quiz = ElementTree.fromstring(data)
    return {
        str(element.findtext("idnumber")): (
            element.get("type"),
            [answer.findtext("text") or "" for answer in element.findall("answer")],
        )
        for element in quiz.iter("question")
        if element.get("type") != "category"
    }


def test_moodle_xml_accepts_every_form_quizapp_grades_right(app: Flask, eras: int) -> None:
    questions = exported(app, eras)
    found = moodle_answers(
        build_moodle_xml(list(questions.values()), category="quizapp/Eras", base_url=BASE_URL)
    )
    kind, forms = found[CARTHAGE]
    assert kind == "shortanswer"  # never numerical: -146 would be 147 BC to an astronomer
    assert {"146 BC", "146 BCE", "146 B.C."} <= set(forms)
    kind, forms = found[BRITAIN]
    assert kind == "shortanswer" and {"AD 43", "43 AD", "43 CE", "43"} <= set(forms)
    assert "0043" not in forms
    assert {"15 March 44 BC", "March 15, 44 BC", "15 Mar 44 BCE"} <= set(found[CAESAR][1])
    assert {"the 1990s", "1990s"} <= set(found[WEB][1])
    assert {"the 3rd century BC", "third century BC", "3rd century BCE"} <= set(found[COLOSSUS][1])
    assert {"November 7, 1917", "October 25, 1917", "25 October 1917", "1917-10-25"} <= set(
        found[REVOLUTION][1]
    )
    assert {"27 BC – AD 14", "27 BC - AD 14", "27 BC to AD 14"} <= set(found[AUGUSTUS][1])
    assert found[ORDER] == (
        "ordering",
        [
            "The Colossus of Rhodes was built by the people of Rhodes",
            "Julius Caesar was assassinated in the Theatre of Pompey by a group of senators",
            "Augustus ruled the Roman Empire as its first emperor",
            "The Roman invasion of Britain began under the emperor Claudius",
        ],
    )
    # Every answer Moodle will accept is one quizapp grades right.
    with app.app_context():
        for bank_id, (kind, forms) in found.items():
            if kind not in ("shortanswer", "numerical"):
                continue
            row = question(bank_id)
            for form in forms:
                grade = grade_answer(
                    row, form.replace("\\*", "*"), day_first=True, duration_ms=None
                )
                assert grade.correct, (bank_id, form, grade.feedback)


def test_gift_gives_every_form_and_no_bc_number(app: Flask, eras: int) -> None:
    text = build_gift(list(exported(app, eras).values())).decode("utf-8")
    blocks = {block.split("::")[1]: block for block in text.strip().split("\n\n")}
    assert len(blocks) == 19
    assert "{#" not in text  # no year here is a plain number of our era
    carthage = blocks[CARTHAGE]
    assert all(f"={form}" in carthage for form in ("146 BC", "146 BCE", "146 B.C."))
    assert "=October 25, 1917" in blocks[REVOLUTION] and "=November 7, 1917" in blocks[REVOLUTION]
    assert "=the third century BC" in blocks[COLOSSUS]
    assert "=the 1990s" in blocks[WEB] and "=1990s" in blocks[WEB]
    assert "=The Colossus of Rhodes was built by the people of Rhodes -> 1" in blocks[ORDER]
    assert "~145 BC" in blocks[CARTHAGE_CHOICE] and "=146 BC" in blocks[CARTHAGE_CHOICE]


def test_anki_cards_show_every_era_and_the_other_calendar(
    app: Flask, eras: int, tmp_path: Path
) -> None:
    anki_collection = pytest.importorskip("anki.collection")
    with app.app_context():
        data = build_apkg(
            export_source_questions(eras),
            deck_name="quizapp::Dates in every era",
            deck_id=deck_id_for("source:eras.txt"),
            base_url=BASE_URL,
            now=NOW,
        )
    (tmp_path / "anki").mkdir()
    col = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        path = tmp_path / "eras.apkg"
        path.write_bytes(data)
        col.import_anki_package(
            anki_collection.ImportAnkiPackageRequest(
                package_path=str(path),
                options=anki_collection.ImportAnkiPackageOptions(with_scheduling=False),
            )
        )
        facts = list(map(col.get_note, col.find_notes("")))
        assert len(facts) == 9  # a note per fact
        notes = {form: note for note in facts for form in note["Questions"].split()}
        assert len(notes) == 19
        revolution = notes[REVOLUTION]
        assert revolution["DateAnswer"].startswith("November 7, 1917")
        assert "Also written October 25, 1917." in revolution["DateAnswer"]
        back = col.get_card(revolution.card_ids()[0]).answer()
        assert "Also written October 25, 1917." in back
        assert "The document also gives January 11, 49 BC." in notes[RUBICON]["DateAnswer"]
        assert notes[WEB]["DateAnswer"] == "the 1990s"
        assert notes[COLOSSUS]["DateAnswer"] == "the 3rd century BC"
        order = notes[ORDER]["OrderAnswer"]
        assert "(the 3rd century BC)</li>" in order and "(27 BC – AD 14)</li>" in order
        assert "(March 15, 44 BC)</li>" in order and "(AD 43)</li>" in order
        assert "-0300" not in order and "-0027" not in order
        britain = notes["q-b0be9c23"]  # Britain's cloze
        assert britain["ClozeAnswer"] == "AD 43" and "[...]" in britain["Cloze"]
    finally:
        col.close()


# --- forms the exports write, and the API --------------------------------------------

FORM_VALUES = [
    DateValue("2020-11-08", "day"),
    DateValue("2020-11", "month"),
    DateValue("2020", "year"),
    DateValue("-0044-03-15", "day"),
    DateValue("-0044-03", "month"),
    DateValue("-0044", "year"),
    DateValue("0043", "year"),
    DateValue("0043-03-15", "day"),
    DateValue("0043-05", "month"),
    DateValue("2016-04-02/2016-04-05", "range"),
    DateValue("-0100/-0044", "range"),
    DateValue("-0027/0014", "range"),
    DateValue("0043/0060", "range"),
    DateValue("-0100-07/-0044-03-15", "range"),
    DateValue.decade(1990),
    DateValue.decade(-69),
    DateValue.decade(430),
    DateValue.century(12),
    DateValue.century(3, bc=True),
    DateValue.century(1),
    DateValue.century(1, bc=True),
    DateValue.century(21),
]


@pytest.mark.parametrize("value", FORM_VALUES, ids=[value.value for value in FORM_VALUES])
def test_every_written_form_reads_back_as_its_date(value: DateValue) -> None:
    from question_bank import parse_date_answer

    forms = date_forms(value)
    assert forms[0] == value.display()
    assert len(forms) == len(set(forms))
    for form in forms:
        parsed = parse_date_answer(form)
        assert parsed is not None and parsed.bounds() == value.bounds(), form
        assert not form.startswith("-") and not re.fullmatch(r"0\d{3}.*", form), form


def test_the_openapi_document_knows_every_granularity_and_also() -> None:
    schemas = openapi_document()["components"]["schemas"]
    assert schemas["Question"]["properties"]["granularity"]["anyOf"][0]["enum"] == list(
        GRANULARITIES
    )
    answer = schemas["Answer"]["properties"]
    assert answer["granularity"]["enum"] == list(GRANULARITIES)
    assert set(answer["also"]["properties"]) == {"date", "granularity", "text"}
    assert "44 BC" in answer["date"]["description"]


def test_the_api_gives_a_teacher_the_answer_with_its_other_form(
    app: Flask, client: FlaskClient
) -> None:
    from quizapp.accounts.tokens import create_token

    teacher_id = add_user(app, "teacher@example.org", role="teacher")
    source_id = teachers_upload(app, teacher_id)
    with app.app_context():
        _token, secret = create_token(db.session.get(User, teacher_id), "test", "read", now=NOW)
        db.session.commit()
    response = client.get(
        f"/api/v1/documents/{source_id}/questions?per_page=100",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200, response.text
    by_id = {item["bank_id"]: item for item in response.get_json()["items"]}
    assert by_id[REVOLUTION]["answer"]["also"]["date"] == "1917-10-25"
    assert by_id[COLOSSUS]["granularity"] == "century"
    assert by_id[CARTHAGE]["answer"]["date"] == "-0146"

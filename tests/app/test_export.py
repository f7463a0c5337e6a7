"""CSV, Moodle XML and GIFT exports, the export pages and downloads, and the commands."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import NOW, add_user
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.export import (
    ExportQuestion,
    build_csv,
    build_gift,
    build_moodle_xml,
    source_questions,
)
from quizapp.export.files import file_stem
from quizapp.export.spreadsheet import spreadsheet_safe
from quizapp.extensions import db
from quizapp.models import (
    Assignment,
    ClassMember,
    Question,
    QuestionSet,
    QuestionSetItem,
    SchoolClass,
    User,
)
from quizapp.teaching.curation import correct_key

BASE_URL = "https://quiz.example.org"


def sample_questions(app: Flask, source_id: int, **prompts: str) -> list[ExportQuestion]:
    with app.app_context():
        for bank_id, prompt in prompts.items():
            question = db.session.scalars(select(Question).where(Question.bank_id == bank_id))
            question.one().prompt = prompt
        db.session.commit()
        return source_questions(source_id)


def year_question() -> ExportQuestion:
    return ExportQuestion(
        id=99,
        bank_id="q-year",
        fact="q-year",
        kind="date",
        prompt="In what year did Cəbrayıl change hands?",
        answer={"date": "2020", "granularity": "year", "text": "2020"},
        section="Background",
        source_id=1,
        source_title="Sample war",
        source_file="sample.txt",
        passage_id="p-1",
        passage_text="Cəbrayıl changed hands in 2020.",
        evidence=(0, 31),
    )


# --- CSV ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("On what date?", "On what date?"),
        ("8 November 2020", "8 November 2020"),
    ],
)
def test_cells_never_start_a_formula(cell: str, shown: str) -> None:
    assert spreadsheet_safe(cell) == shown


def test_csv_has_a_row_per_question_in_utf8_with_a_bom(app: Flask, imported: int) -> None:
    questions = sample_questions(app, imported, **{"q-0000b001": "=1+1 When did Cəbrayıl fall?"})
    data = build_csv([*questions, year_question()], base_url=BASE_URL)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 6
    first = rows[0]
    assert list(first) == [
        "prompt",
        "answer",
        "passage",
        "link",
        "evidence",
        "section",
        "kind",
        "id",
        "fact",
    ]
    assert first["prompt"] == "'=1+1 When did Cəbrayıl fall?"
    assert first["answer"] == "8 November 2020"
    assert first["passage"].startswith("Azerbaijani forces took control of Shusha")
    assert first["link"] == f"{BASE_URL}/sources/{imported}#p-0000a001"
    by_id = {row["id"]: row for row in rows}
    assert by_id["q-0000b003"]["prompt"].splitlines()[1:] == [
        "A. September 2020",
        "B. October 2020",
        "C. November 2020",
        "D. December 2020",
    ]
    assert by_id["q-0000b004"]["answer"].splitlines()[0] == "1. The war begins (September 27, 2020)"
    assert "<script>alert('x')</script>" in by_id["q-0000b005"]["passage"]  # text, not HTML
    assert by_id["q-year"]["prompt"] == "In what year did Cəbrayıl change hands?"


# --- Moodle XML and GIFT -----------------------------------------------------------


def moodle_questions(data: bytes) -> dict[str, ElementTree.Element]:
    quiz = ElementTree.fromstring(data)
    assert quiz.tag == "quiz"
    return {
        question.findtext("idnumber") or "category": question for question in quiz.iter("question")
    }


def answers(question: ElementTree.Element) -> list[tuple[str, str]]:
    return [
        (answer.get("fraction", ""), answer.findtext("text") or "")
        for answer in question.findall("answer")
    ]


def test_moodle_xml_has_the_right_question_types_and_answers(app: Flask, imported: int) -> None:
    questions = sample_questions(app, imported)
    data = build_moodle_xml(
        [*questions, year_question()], category="quizapp/Sample war", base_url=BASE_URL
    )
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    found = moodle_questions(data)
    assert found["category"].get("type") == "category"
    assert found["category"].findtext("category/text") == "$course$/top/quizapp/Sample war"

    date = found["q-0000b001"]
    assert date.get("type") == "shortanswer" and date.findtext("usecase") == "0"
    assert ("100", "8 November 2020") in answers(date)
    assert ("100", "2020-11-08") in answers(date) and ("100", "November 8, 2020") in answers(date)
    assert date.findtext("questiontext/text") == (
        "<p>On what date did Azerbaijani forces take control of Shusha?</p>"
    )
    assert date.find("questiontext").get("format") == "html"

    cloze = found["q-0000b002"]
    assert cloze.get("type") == "shortanswer"
    assert answers(cloze) == [
        ("100", "27 September – 10 November 2020"),
        ("100", "the 44 days"),
        ("100", "September 27 – November 10, 2020"),
        ("100", "September 27 - November 10, 2020"),
        ("100", "September 27 to November 10, 2020"),
    ]

    choice = found["q-0000b003"]
    assert choice.get("type") == "multichoice" and choice.findtext("single") == "true"
    assert choice.findtext("shuffleanswers") == "true"
    assert [a for a in answers(choice) if a[0] == "100"] == [("100", "October 2020")]
    assert len(answers(choice)) == 4
    assert "Füzuli" in choice.findtext("questiontext/text")

    order = found["q-0000b004"]
    assert order.get("type") == "ordering"
    assert order.findtext("layouttype") == "VERTICAL" and order.findtext("selecttype") == "ALL"
    assert answers(order) == [
        ("1", "The war begins"),
        ("2", "Azerbaijani forces take control of Shusha"),
        ("3", "The ceasefire agreement is signed"),
    ]

    feedback = found["q-0000b005"].findtext("generalfeedback/text")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in feedback
    assert "<script" not in feedback
    assert f'<a href="{BASE_URL}/sources/{imported}#p-0000a002">Sample war</a>' in feedback

    year = found["q-year"]
    assert year.get("type") == "numerical"
    assert answers(year) == [("100", "2020")] and year.findtext("answer/tolerance") == "0"


def test_moodle_xml_escapes_markup_in_prompts_and_options(app: Flask, imported: int) -> None:
    questions = sample_questions(app, imported, **{"q-0000b003": "When </text><b>& Füzuli?"})
    found = moodle_questions(
        build_moodle_xml(questions, category="quizapp/Sample war", base_url=BASE_URL)
    )
    text = found["q-0000b003"].findtext("questiontext/text")
    assert text == "<p>When &lt;/text&gt;&lt;b&gt;&amp; Füzuli?</p>"


def test_gift_escapes_its_special_characters(app: Flask, imported: int) -> None:
    questions = sample_questions(app, imported, **{"q-0000b001": "When: {Shusha} = #1 ~ ok?"})
    text = build_gift([*questions, year_question()]).decode("utf-8")
    blocks = text.strip().split("\n\n")
    assert len(blocks) == 6
    assert blocks[0].startswith("::q-0000b001::[html]When\\: \\{Shusha\\} \\= \\#1 \\~ ok? {")
    assert "=8 November 2020" in blocks[0] and "=2020-11-08" in blocks[0]
    assert "~September 2020" in blocks[2] and "=October 2020" in blocks[2]
    assert "=The war begins -> 1" in blocks[3]
    assert blocks[5].endswith("{#2020}")


def test_each_form_of_a_fact_is_a_question_with_its_own_key_in_every_format(
    app: Flask, eras: int
) -> None:
    """A fact asked by a date, a cloze and a choice question is three questions in CSV,
    Moodle XML and GIFT, each with its own key: a key corrected on one form is that
    form's alone."""
    admin_id = add_user(app, "admin@example.org", is_admin=True)
    with app.app_context():
        corrected = db.session.scalars(select(Question).where(Question.bank_id == "q-c3de5580"))
        admin = db.session.get(User, admin_id)
        correct_key(corrected.one(), admin, text="149 BC", granularity="", now=NOW)
        db.session.commit()
        questions = source_questions(eras)
    date, cloze, choice = "q-11d83e2d", "q-c3de5580", "q-18b25e39"

    data = build_csv(questions, base_url=BASE_URL).decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(data))}
    assert len(rows) == len(questions) == 19
    assert {rows[form]["fact"] for form in (date, cloze, choice)} == {"f-0f06914f"}
    assert [rows[form]["kind"] for form in (date, cloze, choice)] == ["date", "cloze", "choice"]
    assert rows[date]["answer"] == rows[choice]["answer"] == "146 BC"
    assert rows[cloze]["answer"] == "149 BC"
    assert rows[cloze]["prompt"] == (
        "Rome destroyed the city of Carthage in _____ at the end of the Third Punic War."
    )
    assert rows[choice]["prompt"].splitlines()[1:] == [
        "A. 146 BC",
        "B. 145 BC",
        "C. 144 BC",
        "D. 143 BC",
    ]

    found = moodle_questions(
        build_moodle_xml(questions, category="quizapp/Eras", base_url=BASE_URL)
    )
    assert found[date].get("type") == found[cloze].get("type") == "shortanswer"
    assert ("100", "146 BC") in answers(found[date])
    assert ("100", "149 BC") not in answers(found[date])
    assert ("100", "149 BC") in answers(found[cloze])
    assert ("100", "146 BC") not in answers(found[cloze])
    assert found[choice].get("type") == "multichoice"
    assert [answer for answer in answers(found[choice]) if answer[0] == "100"] == [
        ("100", "146 BC")
    ]

    text = build_gift(questions).decode("utf-8")
    blocks = {block.split("::")[1]: block for block in text.strip().split("\n\n")}
    assert len(blocks) == 19
    assert "=146 BC" in blocks[date] and "149 BC" not in blocks[date]
    assert "=149 BC" in blocks[cloze] and "146 BC" not in blocks[cloze]
    assert "=146 BC" in blocks[choice] and "~145 BC" in blocks[choice]


def test_gift_escapes_document_and_teacher_text_as_html(app: Flask, imported: int) -> None:
    """Moodle shows GIFT text as HTML: a prompt, an option or an event holding markup
    reaches Moodle as text, as in the Moodle XML export."""
    attack = '<img src=x onerror="alert(1)"> & <b>'
    with app.app_context():
        for question in db.session.scalars(select(Question)):
            question.prompt = f"{attack} when?"
            if question.choices:
                question.choices = [f"{attack}", *question.choices[1:]]
            question.items = [
                {**item, "text": f"{attack} {item['text']}"} for item in question.items
            ]
        db.session.commit()
        text = build_gift(source_questions(imported)).decode("utf-8")
    assert "<img" not in text and "<b>" not in text
    blocks = text.strip().split("\n\n")
    escaped = '&lt;img src\\=x onerror\\="alert(1)"&gt; &amp; &lt;b&gt;'
    assert all(block.split("::", 2)[2].startswith(f"[html]{escaped} when?") for block in blocks)
    assert f"~{escaped}" in text or f"={escaped}" in text  # an option
    assert f"={escaped} " in text  # an event of the order question
    assert "=8 November 2020" in text  # typed answers stay as typed


@pytest.mark.parametrize("route", ["/sources/{id}/export.xml", "/api/v1/sources/{id}/export"])
def test_export_links_ignore_the_host_header(
    app: Flask, client: FlaskClient, auth: Any, imported: int, route: str
) -> None:
    from quizapp.accounts.tokens import create_token
    from quizapp.models import User

    user_id = add_user(app, "host@example.org")
    with app.app_context():
        _row, secret = create_token(db.session.get(User, user_id), "t", "read", now=NOW)
        db.session.commit()
    evil = "http://evil.example"
    login = {"email": "host@example.org", "password": "correct horse battery"}
    assert client.post("/login", data=login, base_url=evil).status_code == 302
    response = client.get(
        route.format(id=imported),
        query_string={"format": "xml"},
        headers={"Authorization": f"Bearer {secret}"},
        base_url=evil,
    )
    assert response.status_code == 200
    assert b"evil.example" not in response.data
    assert b"http://127.0.0.1:5000/sources/" in response.data


def test_export_links_follow_the_configured_proxy(tmp_path: Path) -> None:
    from conftest import DATA, SAMPLE_BANK, make_app, reset_database

    from question_bank.bank import load_bank
    from quizapp.sources.importer import import_bank

    app = make_app(tmp_path, PROXY_COUNT=1)
    with app.app_context():
        reset_database()
        source_id = import_bank(
            load_bank(SAMPLE_BANK), now=NOW, document_text=(DATA / "sample.txt").read_text()
        ).source_id
        db.session.commit()
    add_user(app, "p@example.org")
    client = app.test_client()
    evil = "http://evil.example"
    login = {"email": "p@example.org", "password": "correct horse battery"}
    assert client.post("/login", data=login, base_url=evil).status_code == 302
    response = client.get(
        f"/sources/{source_id}/export.xml",
        base_url=evil,
        headers={"X-Forwarded-Host": "quiz.example.org", "X-Forwarded-Proto": "https"},
    )
    assert b"https://quiz.example.org/sources/" in response.data
    assert b"evil.example" not in response.data


def test_file_names_keep_letters_of_any_script() -> None:
    assert file_stem("Cəbrayıl: the war / 2020") == "Cəbrayıl-the-war-2020"
    assert file_stem("<>") == "quizapp"


# --- pages and downloads -----------------------------------------------------------


def test_export_needs_a_login(client: FlaskClient, imported: int) -> None:
    response = client.get(f"/sources/{imported}/export.csv")
    assert response.status_code == 302 and "/login" in response.location


def test_the_export_page_links_every_format(client: FlaskClient, auth: Any, imported: int) -> None:
    auth.login_as_learner()
    assert f'href="/sources/{imported}/export"' in client.get(f"/sources/{imported}").text
    page = client.get(f"/sources/{imported}/export").text
    assert "5 questions" in page
    for fmt in ("apkg", "csv", "xml", "gift"):
        assert f'href="/sources/{imported}/export.{fmt}' in page
    assert f'href="/sources/{imported}/export.apkg?progress=1"' in page
    assert client.get("/sources/999/export").status_code == 404


@pytest.mark.parametrize(
    ("fmt", "mimetype", "filename"),
    [
        ("apkg", "application/apkg", "Sample-war.apkg"),
        ("csv", "text/csv; charset=utf-8", "Sample-war.csv"),
        ("xml", "application/xml", "Sample-war.moodle.xml"),
        ("gift", "text/plain; charset=utf-8", "Sample-war.gift"),
    ],
)
def test_downloads(
    client: FlaskClient, auth: Any, imported: int, fmt: str, mimetype: str, filename: str
) -> None:
    auth.login_as_learner()
    response = client.get(f"/sources/{imported}/export.{fmt}")
    assert response.status_code == 200
    assert response.mimetype == mimetype.split(";")[0]
    assert response.headers["Content-Disposition"] == f"attachment; filename={filename}"
    if fmt == "apkg":
        with zipfile.ZipFile(io.BytesIO(response.data)) as package:
            assert sorted(package.namelist()) == ["collection.anki2", "media"]
    assert client.get(f"/sources/{imported}/export.pdf").status_code == 404


def card_states(data: bytes, tmp_path: Path, name: str) -> list[tuple[int, int, int]]:
    """``(type, queue, reps)`` of every card, read back by Anki with progress on."""
    anki_collection = pytest.importorskip("anki.collection")
    folder = tmp_path / name
    folder.mkdir()
    (folder / "deck.apkg").write_bytes(data)
    col = anki_collection.Collection(str(folder / "collection.anki2"))
    try:
        col.import_anki_package(
            anki_collection.ImportAnkiPackageRequest(
                package_path=str(folder / "deck.apkg"),
                options=anki_collection.ImportAnkiPackageOptions(with_scheduling=True),
            )
        )
        cards = [col.get_card(card_id) for card_id in col.find_cards("")]
        return sorted((card.type, card.queue, card.reps) for card in cards)
    finally:
        col.close()


def test_progress_downloads_hold_only_the_learners_own_cards(
    app: Flask, client: FlaskClient, auth: Any, imported: int, tmp_path: Path
) -> None:
    auth.login_as_learner("first@example.org")
    page = client.get("/quiz").text
    fields = dict(re.findall(r'<input id="(\w+)" name="\w+" type="hidden" value="([^"]*)"', page))
    assert client.post("/quiz/answer", data={**fields, "answer": "1999"}).status_code == 302
    mine = client.get(f"/sources/{imported}/export.apkg?progress=1")
    assert mine.headers["Content-Disposition"] == "attachment; filename=Sample-war-progress.apkg"
    assert card_states(mine.data, tmp_path, "mine") == [(0, 0, 0)] * 4 + [(1, 1, 1)]
    auth.logout()
    auth.login_as_learner("second@example.org")
    theirs = client.get(f"/sources/{imported}/export.apkg?progress=1")
    assert card_states(theirs.data, tmp_path, "theirs") == [(0, 0, 0)] * 5


# --- question sets -----------------------------------------------------------------


@pytest.fixture
def assigned_set(app: Flask, imported: int) -> dict[str, int]:
    """A teacher's two-question set assigned to a class with one learner in it."""
    teacher = add_user(app, "teacher@example.org", role="teacher")
    member = add_user(app, "member@example.org")
    add_user(app, "outsider@example.org")
    with app.app_context():
        school_class = SchoolClass(teacher_id=teacher, name="9B", join_code="JOIN9B")
        question_set = QuestionSet(owner_id=teacher, source_id=imported, name="Ceasefire & war")
        db.session.add_all([school_class, question_set])
        db.session.flush()
        for position, bank_id in enumerate(("q-0000b005", "q-0000b001")):
            question_id = db.session.scalar(select(Question.id).where(Question.bank_id == bank_id))
            db.session.add(
                QuestionSetItem(set_id=question_set.id, question_id=question_id, position=position)
            )
        db.session.add(ClassMember(class_id=school_class.id, user_id=member))
        db.session.add(
            Assignment(
                class_id=school_class.id,
                set_id=question_set.id,
                opens_at=NOW,
                due_at=NOW + timedelta(days=7),
            )
        )
        db.session.commit()
        return {"set": question_set.id}


@pytest.mark.parametrize(
    ("email", "status"),
    [("teacher@example.org", 200), ("member@example.org", 200), ("outsider@example.org", 404)],
)
def test_a_set_is_exported_by_its_owner_and_its_class(
    client: FlaskClient, auth: Any, assigned_set: dict[str, int], email: str, status: int
) -> None:
    auth.login(email)
    set_id = assigned_set["set"]
    assert client.get(f"/sets/{set_id}/export").status_code == status
    response = client.get(f"/sets/{set_id}/export.csv")
    assert response.status_code == status
    if status == 200:
        rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
        assert [row["id"] for row in rows] == ["q-0000b005", "q-0000b001"]  # the set's order
        assert "Ceasefire-war.csv" in response.headers["Content-Disposition"]


# --- commands ----------------------------------------------------------------------


def test_export_commands_write_files(
    app: Flask, runner: Any, imported: int, tmp_path: Path
) -> None:
    add_user(app, "learner@example.org")
    apkg = tmp_path / "deck.apkg"
    result = runner.invoke(
        args=[
            "export-anki",
            "--source",
            str(imported),
            "-o",
            str(apkg),
            "--progress",
            "learner@example.org",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "5 questions" in result.output and zipfile.is_zipfile(apkg)
    csv_path = tmp_path / "deck.csv"
    result = runner.invoke(args=["export-csv", "--source", str(imported), "-o", str(csv_path)])
    assert result.exit_code == 0 and csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    gift = tmp_path / "deck.gift"
    result = runner.invoke(
        args=["export-moodle", "--source", str(imported), "--gift", "-o", str(gift)]
    )
    assert result.exit_code == 0 and gift.read_text(encoding="utf-8").startswith("::q-0000b001::")
    xml = tmp_path / "deck.xml"
    result = runner.invoke(
        args=["export-moodle", "--source", str(imported), "-o", str(xml), "--base-url", BASE_URL]
    )
    assert result.exit_code == 0 and BASE_URL.encode() in xml.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export-anki"], "give either --source ID or --set ID"),
        (["export-anki", "--source", "99"], "no source 99"),
        (["export-csv", "--set", "99"], "no question set 99"),
        (["export-anki", "--source", "1", "--progress", "nobody@example.org"], "no account"),
    ],
)
def test_export_commands_explain_bad_input(
    runner: Any, imported: int, args: list[str], message: str
) -> None:
    result = runner.invoke(args=args)
    assert result.exit_code == 2 and message in result.output

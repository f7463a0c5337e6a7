"""The learner's pages, driven through the test client."""

from __future__ import annotations

import re

from conftest import add_user, count_rows
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Card, Question, Review


def form_fields(html: str) -> dict[str, str]:
    """The hidden inputs of the answer form."""
    return dict(re.findall(r'<input id="(\w+)" name="\w+" type="hidden" value="([^"]*)"', html))


def answer_current(client: FlaskClient, **data: str):
    page = client.get("/quiz").text
    fields = form_fields(page)
    return client.post("/quiz/answer", data={**fields, **data})


def test_dashboard_shows_the_day_and_the_documents(client, auth, imported: int) -> None:
    auth.login_as_learner()
    page = client.get("/").text
    assert 'id="start-quiz"' in page and 'id="new-count">5<' in page
    assert f'href="/sources/{imported}"' in page and "Sample war" in page


def test_a_date_question_round_trip(app: Flask, client, auth, imported: int) -> None:
    auth.login_as_learner()
    page = client.get("/quiz").text
    assert "take control of Shusha" in page and 'id="granularity"' in page
    assert "0 of 5 done today" in page
    response = answer_current(client, answer="8 Nov 2020")
    assert response.status_code == 302
    result = client.get(response.location).text
    assert 'id="expected">8 November 2020<' in result
    assert "100%" in result and 'id="next"' in result
    assert (
        '<mark class="evidence">Azerbaijani forces took control of Shusha on 8 November' in result
    )
    assert 'href="/sources/1#p-0000a001"' in result
    assert "1 of 5 done today" in result  # right and quick: Easy, not back today


def test_every_kind_can_be_answered(app: Flask, client, auth, imported: int) -> None:
    auth.login_as_learner()
    assert answer_current(client, answer="8 November 2020").status_code == 302  # date
    assert answer_current(client, answer="27 September to 10 November 2020").status_code == 302
    # A round of the sections: Shusha, Background, Ceasefire, then Background's second.
    assert answer_current(client, answer="10 November 2020").status_code == 302
    page = client.get("/quiz").text  # choice
    assert 'id="choice-2" value="October 2020"' in page and "Füzuli" in page
    assert answer_current(client, answer="October 2020").status_code == 302
    page = client.get("/quiz").text  # order
    assert 'id="position_0"' in page
    response = answer_current(client, position_0="2", position_1="1", position_2="3")
    result = client.get(response.location).text
    assert "The war begins → Azerbaijani forces take control of Shusha" in result
    assert "100%" in result
    with app.app_context():
        reviews = db.session.scalars(select(Review).order_by(Review.id)).all()
        assert [review.correct for review in reviews] == [True] * 5
        assert reviews[4].given_answer == "1,0,2"


def test_order_positions_must_differ(client, auth, imported: int) -> None:
    auth.login_as_learner()
    for given in (
        "8 Nov 2020",
        "27 September to 10 November 2020",
        "10 November 2020",
        "October 2020",
    ):
        answer_current(client, answer=given)
    response = answer_current(client, position_0="1", position_1="1", position_2="3")
    assert response.status_code == 400 and "different position" in response.text


def test_a_double_submit_records_one_review(app: Flask, client, auth, imported: int) -> None:
    auth.login_as_learner()
    fields = form_fields(client.get("/quiz").text)
    first = client.post("/quiz/answer", data={**fields, "answer": "8 Nov 2020"})
    second = client.post("/quiz/answer", data={**fields, "answer": "8 Nov 2020"})
    assert first.location == second.location
    assert count_rows(app, Review) == 1


def test_a_stale_form_is_not_recorded_twice(app: Flask, client, auth, imported: int) -> None:
    auth.login_as_learner()
    fields = form_fields(client.get("/quiz").text)
    client.post("/quiz/answer", data={**fields, "answer": "8 Nov 2020"})
    stale = client.post(
        "/quiz/answer", data={**fields, "card_version": "5", "answer": "9 Nov 2020"}
    )
    assert stale.status_code == 302 and stale.location == "/quiz"
    assert count_rows(app, Review) == 1


def test_a_too_long_answer_is_a_clear_400(app: Flask, client, auth, imported: int) -> None:
    auth.login_as_learner()
    response = answer_current(client, answer="9" * 501)
    assert response.status_code == 400 and "limited to 500 characters" in response.text
    assert count_rows(app, Review) == 0


def test_an_unknown_question_is_a_400(client, auth, imported: int) -> None:
    auth.login_as_learner()
    response = client.post("/quiz/answer", data={"question_id": "999", "card_version": "0"})
    assert response.status_code == 400


def test_the_rating_can_be_overridden(app: Flask, client, auth, imported: int) -> None:
    auth.login_as_learner()
    result = answer_current(client, answer="8 Nov 2020").location
    response = client.post(f"{result}/rating", data={"rating": "1"})
    assert response.status_code == 302
    page = client.get(result).text
    assert "you changed it from Easy" in page
    with app.app_context():
        review = db.session.scalars(select(Review)).one()
        assert (review.rating, review.original_rating, review.override) == (1, 4, True)
    assert client.post(f"{result}/rating", data={"rating": "9"}).status_code == 400


def test_passage_text_is_escaped(client, auth, imported: int) -> None:
    auth.login_as_learner()
    for given in ("1", "2"):
        answer_current(client, answer=given)
    result = client.get(answer_current(client, answer="9 November 2020").location).text
    assert "<script>alert" not in result
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in result
    # A disputed question shows both passages, and either date is right.
    assert "The document also gives 9 November 2020" in result
    assert "Other reports say the agreement was signed on 9 November 2020" in result
    assert 'class="result right"' in result


def test_learners_see_only_their_own_reviews(app: Flask, client, auth, imported: int) -> None:
    auth.login_as_learner("one@example.org")
    result = answer_current(client, answer="8 Nov 2020").location
    auth.logout()
    auth.login_as_learner("two@example.org")
    assert client.get(result).status_code == 404
    assert client.post(f"{result}/rating", data={"rating": "1"}).status_code == 404
    assert "0 of 5 done today" in client.get("/quiz").text


def test_the_session_ends_with_a_summary(app: Flask, client, auth, imported: int) -> None:
    add_user(app, "a@example.org", new_per_day=1)
    auth.login_as_learner("a@example.org")
    answer_current(client, answer="8 Nov 2020")
    with app.app_context():  # skip the learning step
        card = db.session.scalars(select(Card)).one()
        card.due = card.due.replace(year=card.due.year + 1)
        db.session.commit()
    page = client.get("/quiz").text
    assert 'id="summary"' in page and 'id="summary-right">1<' in page
    assert 'id="streak">1<' in page


def test_the_document_view(client, auth, imported: int) -> None:
    auth.login_as_learner()
    page = client.get(f"/sources/{imported}").text
    assert page.count('class="doc-section"') == 3  # Battle, Ceasefire, Background
    assert 'id="p-0000a001"' in page and "Füzuli" in page
    assert "2 questions" in page  # p-0000a001: the date and the order question
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    timeline = page.split('id="timeline"')[1].split("</section>")[0]
    dates = re.findall(r'<time datetime="([^"]+)"', timeline)
    assert dates == sorted(dates) and "2020-10" in dates
    assert 'href="#p-0000a004"' in timeline
    assert client.get("/sources/999").status_code == 404


def test_the_stats_page_draws_svg_charts(app: Flask, client, auth, imported: int) -> None:
    auth.login_as_learner()
    answer_current(client, answer="8 Nov 2020")
    page = client.get("/stats").text
    for chart in ("chart-forecast", "chart-heatmap", "chart-retention", "chart-mastery"):
        assert f'<svg id="{chart}"' in page
    assert "Battle for Shusha: 0 of 2 mastered" in page
    assert "<script" not in page.split("<main")[1]


def test_error_pages_are_html(client, auth) -> None:
    auth.login_as_learner()
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "<h1>Not found" in response.text


def test_retired_questions_leave_the_queue(app: Flask, client, auth, imported: int) -> None:
    with app.app_context():
        for question in db.session.scalars(select(Question)):
            question.retired = True
        db.session.commit()
    auth.login_as_learner()
    assert 'id="all-done"' in client.get("/").text


def test_the_request_log_names_the_learner_without_reloading(
    app: Flask, client, auth, imported: int, caplog
) -> None:
    """The answer's commit expires the user; its log line still names them, from the
    identity key, with no SELECT after the commit."""
    from sqlalchemy import event

    user_id = auth.login_as_learner()
    page = client.get("/quiz").text
    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with caplog.at_level("INFO", logger="quizapp.request"):
        response = client.post("/quiz/answer", data={**form_fields(page), "answer": "8 Nov 2020"})
    assert response.status_code == 302
    (line,) = [record for record in caplog.records if record.name == "quizapp.request"]
    assert line.user_id == user_id and line.status == 302 and line.path == "/quiz/answer"
    last_write = max(i for i, sql in enumerate(statements) if sql.lstrip().startswith("INSERT"))
    assert not any(sql.lstrip().startswith("SELECT") for sql in statements[last_write:])


def test_an_unreadable_or_empty_answer_is_not_graded(app: Flask, client, auth, imported) -> None:
    """ "22/12/89" and an empty Enter are refused, not scored 0%: the page says what it
    could not read, shows the forms it reads, and asks the same question again."""
    auth.login_as_learner()
    page = client.get("/quiz").text
    fields = form_fields(page)
    for given, says in (("22/12/89", "&#34;22/12/89&#34; could not be read"), ("", "No answer")):
        response = client.post("/quiz/answer", data={**fields, "answer": given})
        assert response.status_code == 400
        assert says in response.text and "day month year" in response.text
        assert form_fields(response.text)["question_id"] == fields["question_id"]
        assert 'id="prompt"' in response.text
    assert count_rows(app, Review) == 0
    assert answer_current(client, answer="8 Nov 2020").status_code == 302
    assert count_rows(app, Review) == 1


def test_the_page_shows_the_document_title_and_not_the_section(client, auth, imported) -> None:
    auth.login_as_learner()
    page = client.get("/quiz").text
    assert 'id="document-title">Sample war' in page
    assert "Battle for Shusha" not in page  # the section, shown with the passage after
    result = client.get(answer_current(client, answer="8 Nov 2020").location).text
    assert "Battle for Shusha" in result


def test_the_study_page_picks_sources_and_caps_their_new_facts(
    app: Flask, client, auth, imported: int
) -> None:
    auth.login_as_learner()
    page = client.get("/study").text
    assert "Sample war" in page and f'action="/study/{imported}"' in page
    assert (
        client.post(f"/study/{imported}", data={"studying": "y", "new_per_day": "2"}).status_code
        == 302
    )
    assert 'id="new-count">2<' in client.get("/").text
    bad = client.post(f"/study/{imported}", data={"studying": "y", "new_per_day": "-1"})
    assert bad.status_code == 400 and "between 0 and 500" in bad.text
    client.post(f"/study/{imported}", data={"new_per_day": ""})  # turned off
    assert "Done for today" in client.get("/quiz").text
    with app.app_context():
        from quizapp.models import StudyChoice

        choice = db.session.scalars(select(StudyChoice)).one()
        assert (choice.studying, choice.new_per_day) == (False, None)


def test_study_more_when_the_day_is_done(app: Flask, client, auth, imported: int) -> None:
    auth.login_as_learner(new_per_day=1)
    answer_current(client, answer="8 Nov 2020", shown_at="1")  # slow: Good, in learning
    answer_current(client, answer="8 Nov 2020")  # the learning step, again today
    summary = client.get("/quiz").text
    assert "Done for today" in summary and 'id="more-new"' in summary
    # Extra new facts beyond the day's limit.
    assert client.post("/quiz/more", data={"more": "new"}).status_code == 302
    page = client.get("/quiz").text
    assert form_fields(page)["card_version"] == "0"  # a new fact
    # Review ahead: the card answered today is not asked again today in any form.
    with app.app_context():
        first = db.session.scalars(select(Card)).one()
    client.post("/quiz/more", data={"more": "ahead"})
    fields = form_fields(client.get("/quiz").text)
    assert fields["question_id"] != str(first.question_id) or fields["card_version"] == "0"
    assert client.post("/quiz/more", data={"more": "sideways"}).status_code == 400

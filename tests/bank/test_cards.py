"""One fact, one card: the forms of question about a dated fact share its id, and the
build report says why a form, or a whole fact, was not asked."""

from __future__ import annotations

from question_bank.build import build_bank


def bank_of(*paragraphs: str, title: str = "Test Document"):  # type: ignore[no-untyped-def]
    text = f"{title}\n\nSection\n\n" + "\n\n".join(paragraphs) + "\n"
    return build_bank(text, file="test.txt")


def test_the_forms_of_one_fact_share_its_id() -> None:
    bank = bank_of(
        "Azerbaijani forces captured the city of Shusha on November 8, 2020.",
        "Russian peacekeepers deployed to Stepanakert on November 12, 2020.",
        # other events of the story, for the choice question's wrong options
        "Azerbaijani forces launched an offensive along the front on September 27, 2020.",
        "Azerbaijani President Aliyev announced the fall of Zangilan on October 20, 2020.",
        "Armenian residents of Kalbajar burned their houses on November 25, 2020.",
    )
    by_fact: dict[str, set[str]] = {}
    for question in bank.questions:
        assert question.fact.startswith("f-")
        if question.answer is not None:  # an order question is a card of its own
            by_fact.setdefault(question.fact, set()).add(question.answer.date)
    assert sorted(by_fact.values(), key=sorted) == [
        {"2020-09-27"},
        {"2020-10-20"},
        {"2020-11-08"},
        {"2020-11-12"},
        {"2020-11-25"},
    ]
    kinds = {q.kind for q in bank.questions if q.answer and q.answer.date == "2020-11-08"}
    assert kinds == {"date", "cloze", "choice"}


def test_one_event_told_twice_is_one_fact() -> None:
    bank = bank_of(
        "On November 8, 2020, Azerbaijani forces captured the city of Shusha after a siege.",
        "The siege of Shusha ended when Azerbaijani forces captured the city on November 8, 2020.",
        "Russian peacekeepers deployed to Stepanakert on November 12, 2020.",
    )
    shusha = {q.fact for q in bank.questions if q.answer and q.answer.date == "2020-11-08"}
    sentences = {q.evidence for q in bank.questions if q.answer and q.answer.date == "2020-11-08"}
    assert len(sentences) == 2 and len(shusha) == 1
    others = {q.fact for q in bank.questions if q.answer and q.answer.date == "2020-11-12"}
    assert others and not others & shusha


def test_the_report_says_why_each_form_was_not_made() -> None:
    bank = bank_of(
        "By 1919 the Whites had begun to run short of supplies in Siberia.",
        "Azerbaijani forces captured the city of Shusha on November 8, 2020.",
    )
    reason = "the date is an open bound ('by 1990', 'as late as'), not when it happened"
    assert bank.report["not_made"]["date"][reason] == 1
    assert bank.report["not_made"]["cloze"][reason] == 1
    # the fact no form could ask is a date skipped, with its reason
    assert bank.report["skipped"][reason] == 1
    assert {q.answer.date for q in bank.questions} == {"2020-11-08"}

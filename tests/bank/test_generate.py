"""Question writing rules, each shown on a small document."""

from __future__ import annotations

import re

import pytest

from question_bank.build import build_bank
from question_bank.dates import DateValue, parse_date_answer
from question_bank.facts import extract_facts
from question_bank.generate import event_statement, rare_given_names
from question_bank.read import read_document


def bank_of(*paragraphs: str, story: int | None = None):  # type: ignore[no-untyped-def]
    text = "Test Document\n\nSection\n\n" + "\n\n".join(paragraphs) + "\n"
    if story is not None:
        text += "\n" + chronicle(story)
    return build_bank(text, file="test.txt")


def chronicle(year: int) -> str:
    """A section of other events of the story in ``year``: the days, months and year a
    choice question's wrong options are drawn from (none is made up)."""
    return (
        "Chronicle\n\n"
        f"The harbour board opened a new pier at the river mouth on February 3, {year}.\n\n"
        f"The national library moved into its new building on May 19, {year}.\n\n"
        f"Heavy floods destroyed several bridges in the northern valleys on August 8, {year}.\n\n"
        f"The railway company completed the coastal line on December 12, {year}.\n"
    )


def test_a_deadline_is_no_date_of_the_event() -> None:
    bank = bank_of(
        "Under the Treaty of Kars, Turkish troops withdrew by November 20, 1921.",
        "The Treaty of Kars was signed in Kars on October 13, 1921.",
    )
    assert {q.answer.date for q in bank.questions if q.answer} == {"1921-10-13"}
    assert (
        "the date is an open bound ('by 1990', 'as late as'), not when it happened"
        in (bank.report["not_made"]["cloze"])
    )


def test_since_makes_no_choice_question() -> None:
    # only earlier years would be wrong, so the answer would be the latest option
    bank = bank_of("Kars has been a city of the Republic of Turkey since 1921.")
    assert [q.kind for q in bank.questions if q.kind == "choice"] == []
    assert any(q.kind == "cloze" for q in bank.questions)


def test_a_prompt_that_names_the_year_keeps_every_option_in_it() -> None:
    bank = bank_of(
        "In 1921, the Treaty of Kars was negotiated in Kars.",
        "On December 30, Soviet delegates in Moscow signed the Treaty on the Creation of the USSR.",
        story=1921,
    )
    choice = next(q for q in bank.questions if q.kind == "choice" and "in 1921" in q.prompt)
    for option in choice.choices:
        value = parse_date_answer(option)
        assert value is not None and value.start.startswith("1921"), option


def test_an_article_before_the_blank_does_not_give_the_month_away() -> None:
    bank = bank_of("The Kars Conference culminated in an October 13, 1921 signing ceremony.")
    cloze = next(q for q in bank.questions if q.kind == "cloze")
    assert cloze.prompt == "The Kars Conference culminated in the _____ signing ceremony."


def test_a_cloze_must_name_what_it_is_about() -> None:
    bank = bank_of(
        "The main assault commenced at dawn on November 6, 2020, after heavy shelling.",
        "Kalbajar was handed over on November 25, 2020, after a delay.",
    )
    prompts = [q.prompt for q in bank.questions if q.kind == "cloze"]
    assert any("Kalbajar" in p for p in prompts)
    assert not any("main assault" in p for p in prompts)


def test_similar_events_make_a_when_question_ambiguous() -> None:
    bank = bank_of(
        "On September 27, 2020, Azerbaijani forces launched an offensive in Nagorno-Karabakh.",
        "On September 19, 2023, Azerbaijani forces launched an offensive in Nagorno-Karabakh "
        "against separatist positions.",
    )
    assert not [q for q in bank.questions if q.kind == "date"]
    for question in bank.questions:
        if question.kind == "choice":
            assert question.answer is not None
            other = {"2020-09-27", "2023-09-19"} - {question.answer.date}
            shown = {parse_date_answer(option) for option in question.choices}
            assert DateValue.parse_iso(other.pop()) not in shown


def test_the_same_event_told_with_different_verbs_is_disputed() -> None:
    bank = bank_of(
        "The Treaty of Kars was signed on October 13, 1921, by Turkey and three Soviet republics.",
        "The Treaty of Kars was finalized on October 23, 1921, by Turkey and three Soviet "
        "republics.",
    )
    disputed = [q for q in bank.questions if q.disputed]
    assert disputed
    dates = {q.answer.date for q in disputed if q.answer}
    assert dates == {"1921-10-13", "1921-10-23"}
    assert len({q.fact for q in disputed}) == 1  # one event: one fact, one card


def test_a_year_inside_a_name_is_never_blanked_but_the_dates_beside_it_are() -> None:
    text = (
        "COVID-19 pandemic\n\nOrigins\n\n"
        "The pandemic was an outbreak of coronavirus disease 2019 (COVID-19), first reported "
        "on 31 December 2019.\n\n"
        "Scientists provisionally named the virus 2019-nCoV on January 7, 2020.\n"
    )
    bank = build_bank(text, file="pandemic.txt")
    answers = {q.answer.date for q in bank.questions if q.answer}
    assert answers == {"2019-12-31", "2020-01-07"}
    assert all(
        "disease _____" not in q.prompt and "_____-nCoV" not in q.prompt for q in bank.questions
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (  # the same body naming two things 21 months apart: two events
            "On 11 February 2020, the WHO named the disease COVID-19 at a press conference in "
            "Geneva.",
            "On 26 November 2021, the WHO named the new variant at a press conference in Geneva.",
        ),
        (  # "first" says which of a kind, not what: a first death is no first case
            "On January 11, 2020, state media reported the first death, a man who had shopped "
            "at the market. The first case outside China was confirmed in Thailand on January "
            "13, and the United States reported its first case on January 21.",
            "",
        ),
    ],
)
def test_different_events_that_share_a_verb_are_not_disputed(first: str, second: str) -> None:
    bank = bank_of(first, second) if second else bank_of(first)
    assert bank.questions
    assert not [q for q in bank.questions if q.disputed]


def test_one_date_written_with_the_wrong_year_is_disputed() -> None:
    bank = bank_of(
        "The Treaty of Kars was signed on October 13, 1921, by Turkey and three Soviet republics.",
        "The Treaty of Kars was signed on October 13, 1922, by Turkey and three Soviet republics.",
    )
    dates = {q.answer.date for q in bank.questions if q.disputed and q.answer}
    assert dates == {"1921-10-13", "1922-10-13"}


def test_a_relative_time_in_view_needs_the_date_it_counts_from() -> None:
    unanchored = bank_of(
        "Work on the canal began in April 1859.",
        "Crowds lined the banks of the canal. The procession anchored at Ismailia that night "
        "and reached Suez on 20 November 1869.",
    )
    assert not [q for q in unanchored.questions if q.answer and q.answer.date == "1869-11-20"]
    assert (
        "a relative time in view counts from a date that cannot be shown"
        in (unanchored.report["skipped"])
    )
    anchored = bank_of(
        "The Suez Canal opened on 17 November 1869. The procession anchored at Ismailia that "
        "night and reached Suez on 20 November."
    )
    prompts = [q.prompt for q in anchored.questions if q.answer and q.answer.date == "1869-11-20"]
    assert prompts and all("17" in prompt for prompt in prompts)


def test_an_opening_relative_time_is_left_out_and_an_apposed_one_kept() -> None:
    bank = bank_of(
        "Italy won the 2006 final in Berlin on 9 July 2006.",
        "Four years later, South Africa became the first African country to host the "
        "World Cup, and Spain won its first title on 11 July 2010.",
        "John Glenn had become the first American to orbit the Earth earlier that year, on "
        "20 February 1962, circling the planet three times.",
    )
    spain = [q.prompt for q in bank.questions if q.answer and q.answer.date == "2010-07-11"]
    assert spain and not any("Four years later" in prompt for prompt in spain)
    assert any(q.answer and q.answer.date == "1962-02-20" for q in bank.questions)


def test_a_sentence_opening_word_the_document_writes_in_lower_case_is_lowered() -> None:
    bank = bank_of(
        "The canal needed new locks, and work on them was planned for years. Work began on "
        "September 3, 2007, near the Pacific entrance.",
        "The engineer Ferdinand de Lesseps led the French attempt. De Lesseps died on "
        "December 7, 1894, in France.",
        "General Grant visited the canal in 1880. Grant died on July 23, 1885, in New York.",
    )
    prompts = {q.prompt for q in bank.questions if q.kind == "date"}
    assert "On what date did work begin?" in prompts
    assert "On what date did de Lesseps die?" in prompts
    assert "On what date did Grant die?" in prompts  # capitalised mid-sentence: a name


def test_a_word_capitalised_only_inside_longer_names_is_still_a_common_word() -> None:
    # "Pompey the Great" and "Great Britain" name someone; "great games" are games
    bank = bank_of(
        "Pompey the Great fled to Egypt, and a great crowd gathered in Rome. Great games "
        "and celebrations were held in Rome in April 45 BC. Great Britain was far away.",
    )
    prompts = {q.prompt for q in bank.questions if q.kind == "date"}
    assert "In what month and year were great games and celebrations held in Rome?" in prompts


def test_an_english_word_the_document_writes_only_opening_sentences_is_lowered() -> None:
    bank = bank_of(
        "The army ruled for five years. Dissatisfaction culminated in a second coup on May "
        "25, 1969, in Khartoum.",
        "Keller founded a bakery in the town. Keller died on March 2, 1950, in Khartoum.",
    )
    prompts = {q.prompt for q in bank.questions if q.kind == "date"}
    assert "On what date did dissatisfaction culminate in a second coup?" in prompts
    assert "On what date did Keller die?" in prompts  # no English word: a name


def test_a_passive_sentence_is_asked_in_the_passive() -> None:
    bank = bank_of("A major assault on the walls of Rhodes was repulsed on 24 September 1522.")
    prompts = [q.prompt for q in bank.questions if q.kind == "date"]
    assert prompts == ["On what date was a major assault on the walls of Rhodes repulsed?"]


@pytest.mark.parametrize(
    ("skipped", "kept", "kept_date", "reason"),
    [
        (  # an approximate date is not asked as exact
            "The Kontor at Bergen was founded around 1360 by Hanseatic merchants.",
            "The Hanseatic League held its first Diet in Lübeck in 1356.",
            "1356",
            "approximate date (around, about)",
        ),
        (  # a sentence opening with "As of" gives the writer's vantage point, no event
            "As of 2024, no substantial return of refugees to Kalbajar has occurred.",
            "Officials in Yerevan reported 2,425 soldiers killed as of late November 2020.",
            "2020-11",
            "date the text was current (as of ...), not an event",
        ),
    ],
)
def test_a_date_that_is_no_event_is_skipped_with_its_reason(
    skipped: str, kept: str, kept_date: str, reason: str
) -> None:
    bank = bank_of(skipped, kept)
    assert {q.answer.date for q in bank.questions if q.answer} == {kept_date}
    assert bank.report["skipped"] == {reason: 1}


def test_a_definition_lends_its_subject_to_a_participle_after_a_hole() -> None:
    bank = bank_of(
        "The Kars War was an armed conflict between and the forces of —fought from "
        "12 March to 9 June 1921 over the disputed border."
    )
    prompts = [q.prompt for q in bank.questions if q.kind == "date"]
    assert prompts == ["Between which dates was the Kars War fought?"]


def test_a_year_that_names_a_noun_is_not_asked_as_the_event_date() -> None:
    bank = bank_of(
        "Observers in Tbilisi noted the ceasefire's calm until 2022 skirmishes on the border."
    )
    assert not [q for q in bank.questions if q.kind == "date"]


def test_the_lead_section_names_its_subject_with_the_document_title() -> None:
    text = (
        "Treaty of Kars\n\n"
        "The conflict concluded with a treaty signed on October 13, 1921, after long talks.\n"
    )
    bank = build_bank(text, file="kars.txt")
    cloze = next(q for q in bank.questions if q.kind == "cloze")
    assert cloze.prompt.startswith("Treaty of Kars: The conflict concluded with a treaty")


def test_a_loosely_linked_event_is_no_wrong_choice_yet_leaves_the_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two facts whose event terms overlap only weakly (between NEAR_THRESHOLD and
    RELATED_THRESHOLD): the "when" question is still asked, and neither date is
    offered as a wrong choice for the other."""
    from question_bank import facts

    pairs = facts.event_pairs
    # under the bar of a conflict for days this close: two events, not one dated twice
    score = min(
        (facts.NEAR_THRESHOLD + facts.RELATED_THRESHOLD) / 2,
        facts.CONFLICT_THRESHOLD * facts.CLOSE_FACTOR - 0.01,
    )
    assert score >= facts.NEAR_THRESHOLD

    def weak_pairs(found):  # type: ignore[no-untyped-def]
        return ((i, j, score) for i, j, _ in pairs(found))

    monkeypatch.setattr(facts, "event_pairs", weak_pairs)
    bank = bank_of(
        "The war ended with a ceasefire agreement signed on November 10, 2020, at midnight.",
        "Russian mediators brokered a durable truce on November 9, 2020, in the night.",
        "Azerbaijani forces captured Shusha on November 8, 2020, after a battle.",
        story=2020,
    )
    truce = [q for q in bank.questions if "truce" in q.prompt]
    assert {q.kind for q in truce} == {"date", "cloze", "choice"}
    for question in bank.questions:
        if question.kind != "choice" or question.answer is None:
            continue
        shown = {parse_date_answer(option) for option in question.choices}
        if question.answer.date == "2020-11-09":
            assert DateValue.parse_iso("2020-11-10") not in shown
        if question.answer.date == "2020-11-10":
            assert DateValue.parse_iso("2020-11-09") not in shown


def test_from_a_to_b_keeps_the_wrong_choices_between_the_bounds() -> None:
    bank = bank_of(
        "The Ruritanian parliament moved from the old palace in 2016 to a new hall in 2019 "
        "under the new government.",
        "Ruritania opened its first drone factory in 2021 near the capital.",
        "The Ruritanian navy commissioned two frigates in 2022 at the northern yards.",
    )
    choices = [
        q for q in bank.questions if q.kind == "choice" and q.answer and q.answer.date == "2016"
    ]
    assert choices
    for option in choices[0].choices:
        value = parse_date_answer(option)
        assert value is not None and value.end < "2019", option


def test_a_wrong_range_lasts_about_as_long_as_the_right_one() -> None:
    bank = bank_of(
        "Border clashes near Tovuz lasted from July 12 to 16, 2020, along the state border.",
        "The Second Karabakh War was fought from 27 September to 10 November 2020 by two armies.",
        "Army exercises near Nakhchivan ran from July 29 to August 10, 2020, with Turkish troops.",
        "Protesters filled the squares of Yerevan from 14 to 18 January 2020 over pensions.",
        "Drills near Ganja lasted from 1 to 3 June 2020 with artillery.",
    )
    clash = next(
        q for q in bank.questions if q.kind == "choice" and q.answer and "Tovuz" in q.prompt
    )
    shown = {parse_date_answer(option) for option in clash.choices}
    assert DateValue.parse_iso("2020-09-27/2020-11-10") not in shown
    for value in shown:
        assert value is not None and value.granularity == "range"


def _all_shown_text(bank) -> list[str]:  # type: ignore[no-untyped-def]
    return [q.prompt for q in bank.questions] + [o for q in bank.questions for o in q.choices]


def test_this_with_a_noun_points_outside_the_question() -> None:
    bank = bank_of(
        "Analysts noted that Armenia's reliance on this doctrine, despite Azerbaijan's drones "
        "in the 2016 Four-Day War, reflected inertia.",
        "In Washington, House Resolution 1165, introduced on October 1, 2020, condemned the "
        "operations, though these faced resistance in the Senate.",
    )
    shown = _all_shown_text(bank)
    assert not any("this doctrine" in text for text in shown)
    assert any("though these faced resistance" in q.prompt for q in bank.questions)


def test_a_span_cut_inside_brackets_is_not_shown() -> None:
    bank = bank_of(
        "Azerbaijani forces advanced on Hadrut on 9 October 2020, after heavy shelling. HRW "
        "identified remnants and strike patterns in Goranboy and s on October 5 (Gizilhajili "
        "village), October 23 (Tapgaragoyunlu village), and October 24 (Khoruzlu village), as "
        "well as Barda on October 27 (Garayusifli village), resulting in seven deaths."
    )
    for text in _all_shown_text(bank):
        assert text.count("(") == text.count(")"), text
    assert any("Hadrut" in q.prompt for q in bank.questions)


def test_a_subordinate_clause_cut_from_its_main_clause_is_not_shown() -> None:
    bank = bank_of(
        "As Azerbaijani advances threatened in early November 2020, mediated a trilateral "
        "ceasefire agreement signed on November 9 by Azerbaijani President , Armenian Prime "
        "Minister , and Russian President , effective from 00:00 Moscow time on November 10."
    )
    prompts = [q.prompt.removeprefix("Which date fills the blank? ") for q in bank.questions]
    assert not any(prompt.startswith("As ") for prompt in prompts)
    assert any("ceasefire agreement signed" in q.prompt for q in bank.questions)


def test_wrong_choices_are_months_of_other_events_of_the_story() -> None:
    text = (
        "Test Document\n\nBefore the War\n\n"
        "Azerbaijan bought Israeli drones in May 2020 for its air force.\n\n"
        "Turkish instructors arrived in Baku in June 2020 for joint drills.\n\n"
        "Armenian officials visited Moscow in March 2020 to buy jets.\n\n"
        "The War\n\n"
        "Azerbaijani forces launched an offensive on Fuzuli on August 27, 2020.\n\n"
        "Azerbaijani gunners shelled Martuni on September 14, 2020 from the hills.\n\n"
        "Azerbaijani drones destroyed Armenian air defences near Stepanakert in October 2020.\n\n"
        "Russian peacekeepers deployed to Stepanakert on December 10, 2020 after the truce.\n"
    )
    bank = build_bank(text, file="window.txt")
    choice = next(
        q for q in bank.questions if q.kind == "choice" and q.answer and q.answer.date == "2020-10"
    )
    story = {"March 2020", "May 2020", "June 2020", "August 2020", "December 2020"}
    assert set(choice.choices) - {"October 2020"} <= story, choice.choices
    # The war's own months come first, and September, next to the answer, never does.
    assert "August 2020" in choice.choices
    assert "September 2020" not in choice.choices


def test_a_question_asked_twice_in_other_words_is_kept_once() -> None:
    bank = bank_of(
        "Heavy fighting went on through 2020 around Shusha. The trilateral ceasefire agreement "
        "was signed on November 9, ending the war.",
        "The trilateral ceasefire agreement was signed on November 9, 2020, ending the war.",
        story=2020,
    )
    for kind in ("date", "choice"):
        asked = [q.prompt for q in bank.questions if q.kind == kind and "agreement" in q.prompt]
        assert len(asked) == 1, asked
        assert asked[0].startswith("On what date") and asked[0].endswith("agreement signed?")


def test_a_place_without_its_name_is_not_shown() -> None:
    bank = bank_of(
        "In early October 2020, Azerbaijani breakthroughs allowed the recapture of several "
        "villages in the district.",
        "In late October 2020, Azerbaijani troops took most villages in the Fuzuli district.",
    )
    shown = _all_shown_text(bank)
    assert shown and not any("in the district" in text for text in shown)
    assert any("the Fuzuli district" in text for text in shown)


@pytest.mark.parametrize(("other_day", "disputed"), [("November 10", True), ("November 20", False)])
def test_days_close_together_need_less_overlap_to_be_one_event(
    monkeypatch: pytest.MonkeyPatch, other_day: str, disputed: bool
) -> None:
    """An overlap too weak to call two facts one event is enough when their days are
    one or two apart (a signing at midnight), and not when they are weeks apart."""
    from question_bank import facts

    pairs = facts.event_pairs
    score = facts.CONFLICT_THRESHOLD * (1 + facts.CLOSE_FACTOR) / 2

    def weak_pairs(found):  # type: ignore[no-untyped-def]
        return ((i, j, score) for i, j, _ in pairs(found))

    monkeypatch.setattr(facts, "event_pairs", weak_pairs)
    bank = bank_of(
        f"The war ended with a ceasefire agreement signed on {other_day}, 2020, at midnight.",
        "Russian mediators brokered a durable truce on November 9, 2020, in the night.",
    )
    truce = [q for q in bank.questions if "truce" in q.prompt]
    assert truce
    assert all(bool(q.disputed) == disputed for q in truce)


@pytest.mark.parametrize(
    ("sections", "clozes"),
    [
        (  # a nameless cloze is shown under the title that names its subject, or not at all
            "Spring Clashes as Catalyst\n\n"
            "The clashes lasted until April 14, 1921, when a ceasefire took effect.\n\n"
            "Quiet Years\n\n"
            "The main assault began on May 3, 1921, before dawn.\n",
            [
                "Spring Clashes as Catalyst: The clashes lasted until _____, when a ceasefire "
                "took effect."
            ],
        ),
        (  # a generic subject takes its title too; a title that gives the date away, shown
            # above the question, leaves it unasked
            "The Tovuz Operation of 1921\n\n"
            "The operation followed a blockade of the Lachin road since December 1920, after "
            "clashes near Kars.\n\n"
            "The Ceasefire of 9 March 1922\n\n"
            "The agreement took effect in Kars on 9 March 1922, ending the clashes.\n",
            [
                "The Tovuz Operation of 1921: The operation followed a blockade of the Lachin "
                "road since _____, after clashes near Kars.",
            ],
        ),
    ],
)
def test_a_section_title_gives_a_cloze_the_subject_it_lacks(
    sections: str, clozes: list[str]
) -> None:
    bank = build_bank("Border History\n\n" + sections, file="border.txt")
    assert [q.prompt for q in bank.questions if q.kind == "cloze"] == clozes


def test_a_typed_question_never_shows_the_other_date_it_accepts() -> None:
    bank = bank_of(
        "The Moscow agreement was finalized on November 9, 2020, by Aliyev, Pashinyan and "
        "Putin, with the ceasefire taking effect at midnight on November 10, 2020.",
        "The Moscow agreement was signed on November 10, 2020, by Aliyev, Pashinyan and Putin.",
        story=2020,
    )
    finalized = [q for q in bank.questions if q.answer and q.answer.date == "2020-11-09"]
    # the cloze would show November 10, and a choice would mark one of the two wrong
    assert not finalized
    typed = [q for q in bank.questions if q.kind in ("date", "cloze") and q.disputed]
    assert typed and all("November 9" not in q.prompt for q in typed)


def _asked(bank, kind: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [q.prompt for q in bank.questions if q.kind == kind]


def test_a_sentence_about_she_is_shown_after_the_sentence_that_names_her() -> None:
    bank = bank_of(
        "Maria Sklodowska moved to Paris in 1891 to study at the University of Paris. "
        "She earned a degree in physics in 1893 and ranked first in her class."
    )
    clozes = [prompt for prompt in _asked(bank, "cloze") if "physics" in prompt]
    assert clozes == [
        "Maria Sklodowska moved to Paris in 1891 to study at the University of Paris. "
        "She earned a degree in physics in _____ and ranked first in her class."
    ]
    assert not any("she" in prompt.lower() for prompt in _asked(bank, "date"))
    question = next(q for q in bank.questions if q.prompt == clozes[0])
    passage = next(p for p in bank.passages if p.id == question.passage)
    start, end = question.evidence
    assert passage.text[start:end].startswith("She earned a degree in physics in 1893")


def test_a_pronoun_subject_after_an_opening_phrase_needs_the_sentence_before() -> None:
    bank = bank_of(
        "Her family had little money, and her sister left first. In late 1891, at the age "
        "of 24, she finally left Poland for France and enrolled at the University of Paris.",
        "The University of Paris admitted its first women students in 1867.",
    )
    assert not any("1891" in (q.answer.date if q.answer else "") for q in bank.questions)


def test_the_sentence_before_is_not_shown_when_it_gives_the_month_away() -> None:
    bank = bank_of(
        "Apollo 12 followed in November 1969 with a crew of three. Its launch on 14 November "
        "was struck twice by lightning, but the crew landed near the Surveyor 3 probe.",
        "Apollo 13 was launched by NASA from Florida on April 11, 1970.",
    )
    assert not any(q.answer and q.answer.date == "1969-11-14" for q in bank.questions)


def test_a_person_named_only_by_pronoun_takes_the_sentence_before() -> None:
    bank = bank_of(
        "Marie Curie discovered polonium and radium with Pierre Curie in the 1890s. In "
        "December 1911 the prize committee awarded her the Nobel Prize in Chemistry for the "
        "discovery of radium and polonium."
    )
    cloze = next(p for p in _asked(bank, "cloze") if "awarded her" in p)
    assert cloze.startswith("Marie Curie discovered polonium and radium")
    assert "In _____ the prize committee awarded her" in cloze


def test_a_range_of_years_is_not_asked_beside_a_date_in_its_last_year() -> None:
    bank = bank_of(
        "The Suez Canal connects the Mediterranean Sea to the Red Sea through the Isthmus of "
        "Suez. Built by the Suez Canal Company between 1859 and 1869, the canal was officially "
        "opened on 17 November 1869."
    )
    ranges = [q for q in bank.questions if q.answer and q.answer.granularity == "range"]
    assert all("1869" not in q.prompt for q in ranges), [q.prompt for q in ranges]


def test_a_cut_clause_does_not_leave_its_first_word_before_the_ellipsis() -> None:
    bank = bank_of(
        "Pashinyan dismissed opposition demands in Yerevan on November 25, 2020. "
        "The army returned to its barracks in Yerevan in February 2021 while Chief of General "
        "Staff Onik Gasparyan and senior military officers issued a statement on calling for "
        "Pashinyan's resignation."
    )
    clozes = [p for p in _asked(bank, "cloze") if "barracks" in p]
    assert clozes and all(p.endswith("in Yerevan in _____ …") for p in clozes), clozes
    listed = bank_of(
        "Since its independence in 1956, the history of Sudan has been plagued by internal "
        "conflict, viz. the First Sudanese Civil War (1955–1972) and the Darfur conflict."
    )
    clozes = [p for p in _asked(listed, "cloze") if "independence" in p]
    assert clozes and all(p.endswith("internal conflict …") for p in clozes), clozes


def test_a_relative_date_is_asked_as_the_date_it_stands_for() -> None:
    bank = bank_of(
        "Apollo 13 was launched from Florida on April 11, 1970, with three astronauts. "
        "Two days later, an oxygen tank in the Service Module exploded.",
        "Britain and France bombed Egyptian airfields in October 1956. The fleet landed "
        "at Port Said the following month.",
    )
    tank = next(q for q in bank.questions if q.kind == "cloze" and "oxygen" in q.prompt)
    assert tank.prompt == (
        "Apollo 13 was launched from Florida on April 11, 1970, with three astronauts. "
        "On _____, an oxygen tank in the Service Module exploded."
    )  # the sentence it counts from comes first
    assert tank.answer is not None and tank.answer.date == "1970-04-13" and tank.answer.inferred
    port = next(
        q for q in bank.questions if q.kind == "cloze" and q.answer and q.answer.date == "1956-11"
    )
    assert port.prompt.endswith("The fleet landed at Port Said in _____.")


# Sentences of nirvana-band.txt and october-revolution.txt: a date phrase with no
# preposition that points back ("That October") or follows a count ("The following day,
# 26 October,") opened a cloze as "_____, Nirvana embarked ...", which a teacher rejected.
@pytest.mark.parametrize(
    ("paragraph", "date", "cloze"),
    [
        (
            "In Utero was released in September 1993. That October, Nirvana embarked on its "
            "first tour of the United States in two years with support from Half Japanese "
            "and The Breeders.",
            "1993-10",
            "In _____, Nirvana embarked on its first tour of the United States",
        ),
        (
            "Nirvana recorded demos with Butch Vig in April 1990. That July, the band "
            'recorded the single "Sliver" with Mudhoney drummer Dan Peters.',
            "1990-07",
            'In _____, the band recorded the single "Sliver"',
        ),
        (
            "The Bolsheviks seized the Winter Palace on 25 October 1917. The following day, "
            "26 October, the Congress elected a new cabinet of Bolsheviks, pending the "
            "convocation of a Constituent Assembly.",
            "1917-10-26",
            "On _____, the Congress elected a new cabinet of Bolsheviks",
        ),
    ],
)
def test_a_pointing_date_phrase_is_asked_with_its_preposition(
    paragraph: str, date: str, cloze: str
) -> None:
    bank = bank_of(paragraph)
    prompts = [q.prompt for q in bank.questions if q.answer and q.answer.date == date]
    clozes = [p for p in prompts if "_____" in p]
    assert clozes and all(cloze in p for p in clozes), clozes
    assert not any(re.search(r"(?:^|[.?:]\s)_____,", p) for p in prompts), prompts


def test_a_date_that_is_the_subject_keeps_its_bare_blank() -> None:
    bank = bank_of(  # abba.txt
        "September 1992 saw the release of ABBA Gold: Greatest Hits, a new compilation "
        'album. The single "Dancing Queen" received radio airplay in the UK in the '
        "middle of 1992 to promote the album."
    )
    assert any(p.startswith("_____ saw the release") for p in _asked(bank, "cloze"))


def test_a_short_sentence_that_names_its_event_is_asked() -> None:
    bank = bank_of("Apollo 13 was launched on April 11, 1970.", "It returned on April 17, 1970.")
    assert _asked(bank, "cloze") == ["Apollo 13 was launched on _____."]


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        (
            "Kennedy addressed a joint session of Congress on 25 May 1961 and proposed that "
            "the nation commit itself to a landing.",
            "two verbs",
        ),
        (
            "On 26 July 1956, President Gamal Abdel Nasser announced in a speech in Alexandria "
            "that the canal company had been nationalised.",
            "what was announced",
        ),
        (
            "Under an agreement signed in October 1954, Britain agreed to withdraw its troops "
            "within 20 months.",
            "no subject",
        ),
    ],
)
def test_no_when_question_without_a_whole_predicate(sentence: str, why: str) -> None:
    bank = bank_of(sentence, "The Suez Canal was opened to shipping on 17 November 1869.")
    asked = [p for p in _asked(bank, "date") if "1869" not in p and "opened" not in p]
    assert asked == [], (why, asked)


def test_no_when_question_about_a_name_two_people_share() -> None:
    bank = bank_of(
        "Pierre Curie was killed in a street accident in Paris on 19 April 1906.",
        "Marie Curie won a second Nobel Prize in 1911. Curie died of aplastic anaemia at a "
        "sanatorium in Passy on 4 July 1934.",
    )
    assert not any(p.startswith("On what date did Curie") for p in _asked(bank, "date"))
    assert any("Pierre Curie killed" in p for p in _asked(bank, "date"))


def test_a_number_word_opening_the_subject_is_lower_case_in_the_question() -> None:
    bank = bank_of("Thirteen Saturn V rockets were launched between 1967 and 1973.")
    assert _asked(bank, "date") == ["Between which years were thirteen Saturn V rockets launched?"]


def test_an_opening_phrase_that_points_back_is_left_out() -> None:
    bank = bank_of(
        "Her mother died of tuberculosis in May 1878. Despite these losses, Maria Sklodowska "
        "graduated from her gymnasium on 12 June 1883 with a gold medal."
    )
    clozes = [p for p in _asked(bank, "cloze") if "gymnasium" in p]
    assert clozes == ["Maria Sklodowska graduated from her gymnasium on _____ with a gold medal."]
    assert not any("these losses" in q.prompt for q in bank.questions)


def test_named_after_is_no_reference_event() -> None:
    bank = bank_of(
        "Element 96, curium, was named after Marie and Pierre Curie when it was discovered at "
        "Berkeley in 1944."
    )
    assert any(q.answer and q.answer.date == "1944" for q in bank.questions)


def test_a_score_is_not_cut_and_a_present_perfect_is_not_asked_when() -> None:
    bank = bank_of(
        "The final in Pasadena on 17 July 1994 ended 0–0 after extra time.",
        "A separate Women's World Cup has been held since 1991 in every fourth year.",
    )
    dates = _asked(bank, "date")
    assert "On what date did the final in Pasadena end 0–0 after extra time?" in dates
    assert not any("end 0?" in p or "Since what year" in p for p in dates), dates


def test_a_relative_phrase_beside_the_answer_shows_no_date() -> None:
    bank = bank_of(
        "Apollo 6, a second uncrewed Saturn V flight, followed on 4 April 1968, the same day "
        "that Martin Luther King Jr. was assassinated in Memphis."
    )
    clozes = [q for q in bank.questions if q.kind == "cloze"]
    assert [q.answer.date for q in clozes if q.answer] == ["1968-04-04"]
    assert "followed on _____, the same day" in clozes[0].prompt


def test_an_unnamed_crew_takes_the_sentence_that_names_the_mission() -> None:
    bank = bank_of(
        "Apollo 8 left Earth on 21 December 1968 with Frank Borman, Jim Lovell and William "
        "Anders. Anders took the Earthrise photograph during the mission, and the crew "
        "returned safely on 27 December 1968."
    )
    cloze = next(
        q.prompt
        for q in bank.questions
        if q.kind == "cloze" and q.answer and q.answer.date == "1968-12-27"
    )
    assert cloze.startswith("Apollo 8 left Earth on 21 December 1968")
    assert not any("crew return" in p for p in _asked(bank, "date"))


def test_the_city_is_asked_after_a_sentence_that_names_it() -> None:
    bank = bank_of(
        "The Battle of Berlin began on 16 April 1945 with a Soviet attack on the Seelow "
        "Heights. On 25 April 1945 the city was encircled by the armies of Zhukov and "
        "Konev.",
        "Heavy rain fell in April 1945. Soldiers searched the city on 2 May 1945 for arms.",
    )
    clozes = [q.prompt for q in bank.questions if q.kind == "cloze"]
    encircled = [p for p in clozes if "encircled" in p]
    assert encircled and encircled[0].startswith("The Battle of Berlin began")
    assert not any("searched the city" in p for p in clozes), clozes


def test_no_cloze_whose_answer_can_be_counted_from_what_it_shows() -> None:
    bank = bank_of(
        "ICANN was founded on 18 September 1998 to manage domain names, and Google was "
        "incorporated two weeks earlier, on 4 September 1998.",
        "Queen Victoria's servant John Brown died on 27 March 1883, and her son Leopold died "
        "on 28 March 1884, a year and a day later.",
    )
    assert not any(
        q.answer and q.answer.date == "1998-09-18" and q.kind == "cloze" for q in bank.questions
    )
    assert not any(q.answer and q.answer.date == "1884-03-29" for q in bank.questions)
    assert not any("a year and on" in q.prompt for q in bank.questions)


def test_no_when_question_from_a_subordinate_clause() -> None:
    bank = bank_of(
        "Although he left the office in 1964, the senator kept his seat on the board.",
        "The Internet Society was founded in Reston in January 1992.",
    )
    assert not any(p.startswith("In what year did Although") for p in _asked(bank, "date"))


def _life(*sentences: str) -> str:
    return "Queen Victoria\n\n" + "\n\n".join(sentences) + "\n"


def test_in_a_life_her_is_the_person_the_document_is_about() -> None:
    opening = (
        "Victoria (24 May 1819 – 22 January 1901) was Queen of the United Kingdom from 1837. "
        "She was the only child of the Duke of Kent, and her reign lasted 63 years. "
        + " ".join(["She wrote to her uncle and her mother often."] * 4)
    )
    text = _life(
        opening,
        "She loved the theatre. Her coronation took place at Westminster Abbey on 28 June 1838.",
    )
    bank = build_bank(text, file="victoria.md")
    cloze = next(q.prompt for q in bank.questions if q.answer and q.answer.date == "1838-06-28")
    assert cloze == "Queen Victoria's coronation took place at Westminster Abbey on _____."
    assert not any(
        q.kind == "date" and q.answer and q.answer.date == "1838-06-28" for q in bank.questions
    )


def test_in_the_lead_of_a_thing_it_is_the_thing_the_title_names() -> None:
    text = (
        "October Revolution\n\nThe OCTOBER REVOLUTION was the second of the two revolutions "
        "of that year. It took place through an armed insurrection in Petrograd on 7 November "
        "1917.\n\nAftermath\n\nA new government was formed soon after.\n"
    )
    bank = build_bank(text, file="october.md")
    clozes = [q.prompt for q in bank.questions if q.kind == "cloze"]
    assert clozes == [
        "October Revolution: It took place through an armed insurrection in Petrograd on _____."
    ]
    # a typed question would ask "When did it take place ...?" with no lead-in to say what
    assert not any(q.kind == "date" for q in bank.questions)


def test_he_after_a_sentence_about_the_person_that_gives_the_answer_away_is_named() -> None:
    opening = (
        "Miles Davis (May 26, 1926 – September 28, 1991) was an American trumpeter. "
        + " ".join(["He toured with his band and he recorded his albums."] * 4)
    )
    hip = "He underwent hip replacement surgery in April 1965, but it failed."
    text = (
        "Miles Davis\n\n"
        + opening
        + "\n\nDavis needed medical attention for hip pain in April 1965. "
        + hip
        + "\n"
    )
    bank = build_bank(text, file="davis.md")
    surgery = [q.prompt for q in bank.questions if "hip replacement" in q.prompt]
    assert surgery == ["Miles Davis: He underwent hip replacement surgery in _____, but it failed."]
    # after a sentence about someone else, "he" may be that one: the sentence is needed,
    # and it gives the answer away
    other = text.replace("Davis needed medical", "Gil Evans needed medical")
    assert not any("hip replacement" in q.prompt for q in build_bank(other, file="d.md").questions)


def test_without_life_dates_a_pronoun_subject_is_not_guessed() -> None:
    text = _life(
        "Victoria was Queen of the United Kingdom from 20 June 1837. "
        + " ".join(["She wrote to her uncle and her mother often."] * 4),
        "She loved the theatre. Her coronation took place at Westminster Abbey on 28 June 1838.",
    )
    bank = build_bank(text, file="victoria.md")
    assert not any(q.answer and q.answer.date == "1838-06-28" for q in bank.questions)


def test_later_that_year_names_the_year_and_that_year_is_no_pronoun() -> None:
    bank = bank_of(
        "ARPANET switched to TCP/IP on 1 January 1983. Later that year, its military hosts "
        "were separated into MILNET.",
        "The Domain Name System was specified by Paul Mockapetris in November 1983. That "
        "year, the University of Wisconsin ran the first name server.",
        "East German leader Erich Honecker was celebrated on 7 October 1989. Honecker, who "
        "had led the country since 1971, was forced to resign eleven days later.",
    )
    answers = {q.answer.date for q in bank.questions if q.kind == "cloze" and q.answer}
    assert {"1983", "1989-10-18"} <= answers, answers
    resign = next(q.prompt for q in bank.questions if q.answer and q.answer.date == "1989-10-18")
    assert resign.endswith("was forced to resign on _____.")


REACTOR_TABLE = """# Reactors

## Units

The station had four units.

| Unit | Type | Connected to the grid | Shut down | Notes |
|---|---|---|---|---|
| Unit 1 | RBMK-1000 | 26 September 1977 | 30 November 1996 | First unit of the station |
| Unit 2 | RBMK-1000 | 21 December 1978 | 11 October 1991 | Closed after a fire in October |
| Unit 4 | RBMK-1000 | 22 December 1983 | 26 April 1986 (destroyed) | Repairs began in March 1984 |
"""


def test_every_dated_column_of_a_table_row_is_asked() -> None:
    bank = build_bank(REACTOR_TABLE, file="reactors.md")
    asked = {
        (question.prompt, question.answer.date)
        for question in bank.questions
        if question.kind == "date" and "table" in question.tags
    }
    # the questions a teacher asks, never "In the table in ..., what date is given ..."
    assert asked == {
        ("On what date was Unit 1 connected to the grid?", "1977-09-26"),
        ("On what date was Unit 1 shut down?", "1996-11-30"),
        ("On what date was Unit 2 connected to the grid?", "1978-12-21"),
        ("On what date was Unit 2 shut down?", "1991-10-11"),
        ("On what date was Unit 4 connected to the grid?", "1983-12-22"),
        ("On what date was Unit 4 shut down?", "1986-04-26"),
    }
    # The notes mention a month or a date in passing: they are no column of dates.
    assert not any("“Notes”" in question.prompt for question in bank.questions)
    assert len({question.id for question in bank.questions}) == len(bank.questions)


def test_a_year_less_date_after_a_relative_year_is_not_given_the_year_before() -> None:
    bank = bank_of(
        "The reactor exploded on 26 April 1986. The following year, at a trial held in "
        "July in the town of Chernobyl, the plant's director Viktor Bryukhanov was "
        "sentenced to ten years in a labour camp."
    )
    assert not any(question.answer.date.startswith("1986-07") for question in bank.questions)
    later = bank_of(
        "The Chernobyl reactor exploded on 26 April 1986. Later that year, at a meeting held in "
        "August in Vienna, the chief investigator presented the Soviet report."
    )
    assert "1986-08" in {question.answer.date for question in later.questions}


@pytest.mark.parametrize(
    "sentence",
    [
        # the date belongs to a participle of the subject; the clause's verb follows it
        "A Shelter Implementation Plan agreed in 1997 led to the New Safe Confinement.",
        "An investigation board chaired by Lew Allen reported in November 1990 that a "
        "corrector lens was out of position.",
    ],
)
def test_no_when_question_from_a_participle_of_the_subject(sentence: str) -> None:
    bank = bank_of(sentence)
    assert [q.prompt for q in bank.questions if q.kind == "date"] == []
    assert any(q.kind == "cloze" for q in bank.questions)


def test_a_participle_before_by_in_the_predicate_is_no_second_verb() -> None:
    bank = bank_of("Kalbajar was captured by forces backed by Turkey on 5 May 1993.")
    prompts = [q.prompt for q in bank.questions if q.kind == "date"]
    assert prompts == ["On what date was Kalbajar captured by forces backed by Turkey?"]


@pytest.mark.parametrize(
    ("before", "sentence"),
    [
        # "The troops" with an irregular verb: which troops?
        (
            "On 24 February 2022, Russian troops seized the plant and held its staff.",
            "The troops dug trenches in the Red Forest and left on 31 March 2022.",
        ),
        # "it" after a long opening phrase
        (
            "The New Safe Confinement was slid into place over Unit 4 in November 2016.",
            "Funded largely by international donors through the European Bank for "
            "Reconstruction and Development at a cost of about 1.5 billion euros, it was "
            "handed over to Ukraine in July 2019.",
        ),
        # "the ruling": the act of the court that the sentence before says "ruled"
        (
            "In June 1990 a French court ruled that a lighting display on the tower was "
            "protected by copyright.",
            "The Court of Cassation, France's judicial court of last resort, upheld the ruling "
            "in March 1992.",
        ),
        # "such an instrument": the one the sentence before describes
        (
            "The idea of a telescope above the atmosphere is older than the space age.",
            "The German rocket pioneer Hermann Oberth described such an instrument in his "
            "1923 book on rockets.",
        ),
    ],
)
def test_a_span_that_points_back_is_shown_after_the_sentence_it_points_to(
    before: str, sentence: str
) -> None:
    bank = bank_of(f"{before} {sentence}")
    clozes = [q.prompt for q in bank.questions if q.kind == "cloze"]
    asked = [prompt for prompt in clozes if sentence[:25] in prompt]
    assert len(asked) == 1, clozes
    assert asked[0].startswith(before + " "), asked[0]


@pytest.mark.parametrize(
    ("sentence", "cloze"),
    [
        (
            "On 28 April 1986, two days after the explosion, workers at the Forsmark plant "
            "in Sweden set off radiation alarms.",
            "On _____, workers at the Forsmark plant in Sweden set off radiation alarms.",
        ),
        (
            "Verdi's opera Aida premiered in Cairo on 24 December 1871, two years after the "
            "Suez Canal opened.",
            "Verdi's opera Aida premiered in Cairo on _____.",
        ),
        (
            "The town of Pripyat was evacuated on 27 April 1986, about 36 hours after the "
            "explosion: more than 1,000 buses carried the residents away.",
            "The town of Pripyat was evacuated on _____: more than 1,000 buses carried the "
            "residents away.",
        ),
    ],
)
def test_a_cloze_leaves_out_the_offset_from_another_event(sentence: str, cloze: str) -> None:
    bank = bank_of(sentence)
    assert [q.prompt for q in bank.questions if q.kind == "cloze"] == [cloze]
    assert not any(" after " in q.prompt for q in bank.questions)  # the choice's stem too


TELESCOPE = """# Hubble Space Telescope

## Launch

The telescope recorded its first image on 20 May 1990, of an open star cluster.

## Successor

The James Webb Space Telescope, built with the European Space Agency, was launched on
25 December 2021. The telescope reached its orbit around the second Lagrange point on
24 January 2022.
"""


def test_the_title_says_what_the_x_is_until_the_document_names_another() -> None:
    bank = build_bank(TELESCOPE, file="hubble.md")
    clozes = {q.answer.date: q.prompt for q in bank.questions if q.kind == "cloze"}
    assert clozes["1990-05-20"] == (
        "Hubble Space Telescope: The telescope recorded its first image on _____, of an "
        "open star cluster."
    )
    # after "the James Webb Space Telescope", "the telescope" may be either
    assert not clozes.get("2022-01-24", "").startswith("Hubble Space Telescope:")


def test_a_capitalized_noun_is_a_name_not_a_reference_to_the_title() -> None:
    text = (
        "# History of the Internet\n\nThe National Science Foundation (NSF) funded "
        "universities.\n\nThe NSF backbone was retired on 30 April 1995, "
        "and the Internet's core passed into private hands.\n"
    )
    bank = build_bank(text, file="internet.md")
    assert [q.prompt for q in bank.questions if q.kind == "cloze"] == [
        "The National Science Foundation (NSF) backbone was retired on _____, "
        "and the Internet's core passed into private hands."
    ]


def test_the_last_row_of_a_table_gives_no_year_to_the_text_after_it() -> None:
    text = """# The Beatles

## Albums

The band released twelve studio albums in Britain.

| Album | Released |
|---|---|
| Abbey Road | 26 September 1969 |
| Let It Be | 8 May 1970 |

## Break-up

The Abbey Road cover was photographed outside the studio in Westminster, and on 20 August
all four were in the studio together for the last time.
"""
    bank = build_bank(text, file="beatles.md")
    answers = {q.answer.date for q in bank.questions if q.answer is not None}
    assert {"1969-09-26", "1970-05-08"} <= answers  # the table is asked
    assert not any(answer.endswith("-08-20") for answer in answers)


@pytest.mark.parametrize(
    ("sentence", "cloze"),
    [
        (
            "On the 11th of February 1963 the Beatles recorded ten songs for their first album.",
            "On _____ the Beatles recorded ten songs for their first album.",
        ),
        (
            "The Beatles landed in New York, and on Sunday the 9th of February 1964 they played "
            "on The Ed Sullivan Show.",
            "The Beatles landed in New York, and on _____ they played on The Ed Sullivan Show.",
        ),
    ],
)
def test_an_ordinal_day_is_blanked_with_its_article_and_weekday(sentence: str, cloze: str) -> None:
    bank = bank_of(sentence)
    assert [q.prompt for q in bank.questions if q.kind == "cloze"] == [cloze]


def test_an_en_dash_inside_a_name_does_not_cut_the_subject() -> None:
    bank = bank_of("The Hay–Herrán Treaty was rejected by the Colombian Senate in August 1903.")
    assert [q.prompt for q in bank.questions if q.kind == "date"] == [
        "In what month and year was the Hay–Herrán Treaty rejected by the Colombian Senate?"
    ]


def test_a_participle_inside_a_name_is_no_shared_action() -> None:
    # "United" (States) is no action both sentences tell: two events, not one disputed
    bank = bank_of(
        "On 6 November 1903 the United States recognized the new republic.",
        "The United States took over the French works on 4 May 1904.",
    )
    assert bank.questions and not any(q.disputed for q in bank.questions)


def test_no_wrong_choice_is_the_date_of_the_sentence_shown_before_the_blank() -> None:
    bank = bank_of(
        "Apollo 13 was launched on April 11, 1970. 20 days later, an oxygen tank in the "
        "Service Module exploded.",
        story=1970,
    )
    choice = next(q for q in bank.questions if q.kind == "choice" and q.answer.date == "1970-05-01")
    assert choice.prompt.startswith("Which date fills the blank? Apollo 13 was launched on")
    assert "April 11, 1970" not in choice.choices


def test_a_range_of_years_that_names_something_gives_no_year_to_what_follows() -> None:
    bank = bank_of(
        "On 11 February 2020, the virus was named SARS-CoV-2 for its close relation to "
        "the virus behind the SARS outbreak of 2002–2003.",
        "On March 9, Prime Minister Giuseppe Conte extended the lockdown of Lombardy to "
        "the entire country.",
    )
    answers = {q.answer.date for q in bank.questions if "Conte" in q.prompt}
    assert answers == {"2020-03-09"}


def test_a_full_date_with_a_few_words_around_it_is_still_a_date_cell() -> None:
    text = """# Olympic class

## Ships

The class had three ships.

| Ship | Launched | Fate | Notes |
|---|---|---|---|
| Titanic | 31 May 1911 | Sank on 15 April 1912 after striking an iceberg | Refitted in March 1912 |
"""
    bank = build_bank(text, file="ships.md")
    asked = {q.prompt: q.answer.date for q in bank.questions if q.kind == "date"}
    assert asked == {
        "On what date was Titanic launched?": "1911-05-31",
        "On what date did Titanic sink?": "1912-04-15",  # the cell says what happened
    }


def test_by_and_a_measure_is_no_passive_agent() -> None:
    document = read_document("Doc\n\nSection\n\nThe world economy shrank by about 3% in 2020.\n")
    (fact,) = extract_facts(document).facts
    statement = event_statement(fact)
    assert statement is not None
    assert (statement.auxiliary, statement.verb) == (None, "shrank")
    assert statement.declarative() == "The world economy shrank by about 3%"


def test_no_order_question_mixes_a_year_with_days_inside_it() -> None:
    bank = bank_of(
        "On 9 March 2020, Prime Minister Giuseppe Conte extended the lockdown of Lombardy "
        "to all of Italy. On 23 March 2020, Prime Minister Boris Johnson ordered the people "
        "of the United Kingdom to stay at home. The world economy shrank by about 3% in "
        "2020, the worst fall since the Second World War. In September 2020, the global "
        "death toll passed one million."
    )
    for question in bank.questions:
        if question.kind == "order":
            dates = [item.date for item in question.items]
            assert not ("2020" in dates and any(d.startswith("2020-") for d in dates)), dates
    assert any(q.kind == "cloze" for q in bank.questions)


def test_a_person_the_document_seldom_calls_by_a_given_name_alone_is_not_asked_so() -> None:
    bank = bank_of(
        "In 1943 Andrei Sakharov married Klavdia Vikhireva in Ulyanovsk.",
        "Klavdia would later die in 1969.",
        "Napoleon Bonaparte returned from Elba in 1815. Napoleon reached Paris on 20 March "
        "1815. Napoleon raised a new army. Napoleon marched north. Napoleon lost at Waterloo "
        "on 18 June 1815.",
    )
    shown = _all_shown_text(bank)
    openings = ("Klavdia", "Which date fills the blank? Klavdia")
    assert not any(text.startswith(openings) for text in shown)
    # a name the document uses alone again and again is how the learner knows the person
    assert any("Napoleon reached Paris" in text for text in shown)


@pytest.mark.parametrize(
    ("text", "rare"),
    [
        ("Klavdia Vikhireva married in 1943. Klavdia died in 1969.", True),
        # used alone more than three times: the learner knows her by it
        ("Klavdia Vikhireva wrote. " + "Klavdia spoke. " * 4, False),
        ("Klavdia Vikhireva wrote. " + "Klavdia spoke. " * 3, True),
        # a possessive and a longer name are no use of the name alone
        ("Klavdia Vikhireva wrote. " + "Klavdia's book sold. Klavdia Petrova came. " * 4, True),
        # a word the text also writes in lower case is no name
        ("Marion Cotillard starred. The marion was sung.", False),
        # a name holding a letter that is no word character is counted as written
        ("Ab÷c Vikhireva came. Ab÷c left.", True),
        ("Ab÷c Vikhireva came. " + "Ab÷c left. " * 4, False),
    ],
)
def test_a_given_name_is_rare_when_the_text_seldom_uses_it_alone(text: str, rare: bool) -> None:
    name = text.split()[0]
    assert (name in rare_given_names(text)) is rare


def test_a_thing_only_the_unseen_sentence_names_is_not_shown() -> None:
    bank = bank_of(
        "In 1994 a professor found a flaw in the Pentium chip. In November 1994 the New York "
        "Times ran a piece by John Markoff spotlighting the error.",
        "Intel introduced the Pentium Pro in 1995, and Intel ran the Moblin project until "
        "April 2009, when Intel handed the project over to the Linux Foundation.",
    )
    shown = _all_shown_text(bank)
    assert not any("spotlighting the error" in text and "flaw" not in text for text in shown)
    # the project the same text names first
    assert any("handed the project over" in text for text in shown)


def test_the_title_persons_given_name_naming_a_thing_reads_as_the_person() -> None:
    life = (
        "Janis Joplin was born in Port Arthur. Janis sang in a choir. Janis read poetry. "
        "Janis painted. Janis left Texas. Joplin recorded four albums."
    )
    film = " The film Janis, which was reviewed in 1975, shows Joplin in Frankfurt."
    assert "Janis" not in rare_given_names(life, "Janis Joplin")
    assert "Janis" in rare_given_names(life + film, "Janis Joplin")
    assert "Janis" not in rare_given_names(life + film, "Big Brother")


def test_a_part_after_a_semicolon_is_asked_as_a_sentence_of_its_own() -> None:
    bank = bank_of(
        "Works by Babbage were published in French in 1830; On the Economy of Machinery was "
        "translated into German in 1833 by Gottfried Friedenberg."
    )
    clozes = sorted(p for p in _asked(bank, "cloze"))
    assert clozes == [
        "On the Economy of Machinery was translated into German in _____ by Gottfried Friedenberg.",
        "Works by Babbage were published in French in _____.",
    ], clozes


def test_a_pointer_after_the_semicolon_that_ends_the_dates_part_is_not_shown() -> None:
    bank = bank_of(
        "Episcopacy in Scotland was abolished in 1690, alienating a significant part of the "
        "political class; it was this element that later formed the bedrock of opposition."
    )
    assert _asked(bank, "cloze") == [
        "Episcopacy in Scotland was abolished in _____, alienating a significant part of the "
        "political class."
    ]
    assert _asked(bank, "date") == ["In what year was Episcopacy in Scotland abolished?"]


def test_a_year_after_a_possessive_dates_the_thing_it_modifies() -> None:
    bank = bank_of(
        "Nirvana headlined the closing night of England's 1992 Reading Festival, a show "
        "often remembered as one of their best."
    )
    assert _asked(bank, "cloze") == [
        "Nirvana headlined the closing night of England's _____ Reading Festival, a show "
        "often remembered as one of their best."
    ]


@pytest.mark.parametrize(
    ("text", "cloze"),
    [
        (
            "Tensions between John and the barons had been growing for several years, as "
            "demonstrated by the 1212 plot against the king.",
            True,
        ),
        # "by" after no participle is a bound: any later season would be true too
        ("By the 1660 season the court of Charles II had moved to London.", False),
    ],
)
def test_by_after_a_participle_names_an_agent_and_no_bound(text: str, cloze: bool) -> None:
    assert bool(_asked(bank_of(text), "cloze")) is cloze


def test_a_date_that_opens_a_span_is_asked_as_its_start_not_as_when() -> None:
    # "In what decade was it developed?" is answered by every decade from the 1840s on
    bank = bank_of(
        "The heliograph was a signal device.",
        "Railway signal telegraphy was developed in Britain from the 1840s onward.",
    )
    assert _asked(bank, "date") == []
    assert _asked(bank, "cloze") == [
        "Railway signal telegraphy was developed in Britain from _____ onward."
    ]


def test_a_title_with_a_colon_is_asked_whole() -> None:
    # under the band's own title: a name in capitals elsewhere reads as an acronym
    bank = build_bank(
        "ABBA\n\nSection\n\nIn December 1977, ABBA followed up Arrival with the more "
        "ambitious fifth album ABBA: The Album, released to coincide with the debut of "
        "ABBA: The Movie.\n",
        file="abba.txt",
    )
    asked = _asked(bank, "date")
    assert asked and all(prompt.endswith("fifth album ABBA: The Album?") for prompt in asked)


def test_a_quoted_title_with_a_comma_is_asked_whole() -> None:
    bank = bank_of(
        'In February 1993, Nirvana released "Puss"/"Oh, the Guilt", a split single with The '
        "Jesus Lizard, on the independent label Touch & Go."
    )
    asked = _asked(bank, "date")
    assert asked and all('"Puss"/"Oh, the Guilt"' in prompt for prompt in asked), asked


LIFE_OPENING = (
    "Victoria (24 May 1819 – 22 January 1901) was Queen of the United Kingdom from 1837. "
    "She was the only child of the Duke of Kent, and her reign lasted 63 years. "
    + " ".join(["She wrote to her uncle and her mother often."] * 4)
)


def test_a_lifes_opening_bracket_asks_the_birth_and_the_death_each_as_its_own_fact() -> None:
    bank = build_bank(_life(LIFE_OPENING), file="victoria.md")
    asked = {
        q.prompt: (q.answer.date, q.answer.granularity, q.fact)
        for q in bank.questions
        if q.kind == "date" and q.answer
    }
    born = asked["On what date was Victoria born?"]
    died = asked["On what date did Victoria die?"]
    assert born[:2] == ("1819-05-24", "day") and died[:2] == ("1901-01-22", "day")
    assert born[2] != died[2]
    # the blank over the whole bracket, with three right answers, is not asked
    assert not any(q.answer and "/" in q.answer.date for q in bank.questions)
    passage = next(p for p in bank.passages if p.id == bank.questions[0].passage)
    question = next(q for q in bank.questions if q.prompt == "On what date did Victoria die?")
    assert question.answer is not None
    start, end = question.answer.span
    assert passage.text[start:end] == "22 January 1901"


@pytest.mark.parametrize(
    "opening",
    [
        # a reign, not a life
        "Victoria (r. 1837–1901) was Queen of the United Kingdom from 1837.",
        # another person's dates inside a sentence about someone else
        "Her uncle, William IV (1765–1837), was King before her, from 1830.",
        # not a life of the title's person
        "The Great Exhibition (1 May 1851 – 15 October 1851) was held in Hyde Park.",
        # a namesake's bracket further on: a reign as likely as a life
        "Victoria Adelaide (1840–1901) was Empress of Germany.",
    ],
)
def test_a_bracket_that_is_no_life_of_the_documents_person_is_not_asked_as_one(
    opening: str,
) -> None:
    bank = build_bank(_life(LIFE_OPENING, opening), file="victoria.md")
    prompts = [q.prompt for q in bank.questions]
    assert sum(" born?" in p or " die?" in p for p in prompts) == 2, prompts


def test_a_cross_reference_of_the_encyclopedia_is_left_out_of_a_question() -> None:
    bank = bank_of(
        "The Provisional IRA began an offensive campaign in 1971 (see timeline).",
        "On the Ides of March (15 March; see Roman calendar) of 44 BC, Caesar was stabbed "
        "to death by the conspirators in the Theatre of Pompey.",
    )
    prompts = [q.prompt for q in bank.questions if q.kind == "cloze"]
    assert "The Provisional IRA began an offensive campaign in _____." in prompts, prompts
    assert any(p.startswith("On the Ides of March (15 March) of _____, Caesar") for p in prompts)
    assert not any("see" in q.prompt.split() for q in bank.questions)
    # the passage keeps the text as written
    assert any("(see timeline)" in passage.text for passage in bank.passages)


def test_no_wrong_choice_predates_the_subject_for_an_answer_after_it_began() -> None:
    text = (
        "Quake (video game)\n\nQUAKE is a first-person shooter video game developed by id "
        "Software and published by GT Interactive in 1996. After Doom helped to popularize "
        "deathmatches in 1993, Quake added various multiplayer options.\n\nTournaments\n\n"
        "The id Software team released the shareware Doom II demo in 1994. Romero left the "
        "studio in 1996 after a dispute. The Red Annihilation tournament was held in May "
        "1997 in Atlanta. A second Quake tournament was held in 1999 at the QuakeCon event. "
        "QuakeCon moved to Dallas in 2002 for the first time.\n"
    )
    choices = {
        q.answer.date: q.choices
        for q in build_bank(text, file="quake.md").questions
        if q.kind == "choice" and q.answer
    }
    assert choices["1997"] and all(int(option) >= 1996 for option in choices["1997"])
    # an answer before the subject began may still be offered earlier years
    assert any(int(option) < 1993 for option in choices["1993"])


def test_an_answer_in_the_subjects_first_year_has_no_choice_unless_a_beginning() -> None:
    text = (
        "Red Dead Redemption 2\n\nRED DEAD REDEMPTION 2 is a western action-adventure game "
        "that was released for the PlayStation 4 and Xbox One on October 26, 2018.\n\n"
        "Development\n\nThe studio began work on the game in 2010. The first trailer was "
        "shown in October 2016. A second trailer was shown in September 2017. The game was "
        "delayed in May 2017 by the studio.\n\nReception\n\nIn early November 2018, a "
        "YouTuber posted several videos of his player character in the game. The game won "
        "the award for Best Music at Giant Bomb's 2018 Game of the Year Awards. The game "
        "won the Golden Joystick award in November 2019. It topped the sales charts in "
        "January 2019 in the UK. The online mode left its beta in May 2019.\n\nLegacy\n\n"
        "The game was also released in Japan in 2018 by Take-Two.\n"
    )
    bank = build_bank(text, file="rdr2.md")
    choices = {q.answer.date: q.choices for q in bank.questions if q.kind == "choice" and q.answer}
    assert choices["2018-11"], choices
    # a month after the release: no wrong month before the game came out
    assert choices["2018-11"] and all(
        parse_date_answer(option).sort_key() >= (2018, 10, 0) for option in choices["2018-11"]
    )
    # the release's year told of awards: every wrong year would be later, the answer the first
    awards = [q for q in bank.questions if "Giant Bomb" in q.prompt]
    assert {q.kind for q in awards} == {"cloze"}, [(q.kind, q.choices) for q in awards]
    # a release told outside the lead asks a beginning: its year is a choice question
    (released,) = [q for q in bank.questions if q.kind == "choice" and "Japan" in q.prompt]
    assert released.answer and released.answer.date == "2018" and released.choices


def test_a_recurring_events_wrong_years_keep_its_cycle() -> None:
    bank = bank_of(
        "In the 1792 presidential election, both major parties supported Washington.",
        "In advance of the 1796 presidential election, Madison helped convince Jefferson.",
        "Madison succeeded Jefferson with a victory in the 1808 presidential election.",
        "In the 1816 presidential election, Madison and Jefferson favored James Monroe.",
        "Madison had warm relations with the candidates in the 1824 presidential election.",
        "Madison was appointed rector of the university in 1826. Congress let the charter "
        "of the bank lapse in 1811. The Embargo Act was passed in 1807. Madison left "
        "office in 1817. Dolly Madison died in 1849. Jefferson died in 1826 at Monticello.",
    )
    elections = [q for q in bank.questions if q.kind == "choice" and "election" in q.prompt]
    assert elections
    for question in elections:
        assert question.answer is not None
        answer = int(question.answer.date)
        assert all((int(option) - answer) % 4 == 0 for option in question.choices), (
            question.prompt,
            question.choices,
        )


def test_a_negated_bound_is_offered_wrong_years_on_both_sides() -> None:
    text = (
        "Eiffel Tower\n\nHistory\n\nThe lifts of the Eiffel Tower were not repaired until "
        "1946, after the German occupation of Paris.\n\nGustave Eiffel opened the Eiffel "
        "Tower in 1889. Paris hosted a world fair in 1937. Germany invaded France in 1940. "
        "The Allies freed Paris in 1944. The Eiffel Tower restaurant opened in 1950. The "
        "Eiffel Tower was painted in 1954. A fire damaged the Eiffel Tower in 1956.\n"
    )
    bank = build_bank(text, file="eiffel.txt")
    (choice,) = [q for q in bank.questions if q.kind == "choice" and "repaired" in q.prompt]
    # "not repaired until 1948" is as false as "until 1944": the answer lies among them
    years = sorted(int(option) for option in choice.choices)
    assert years[0] < 1946 < years[-1], choice.choices


def test_a_typed_question_names_the_year_its_section_heading_gives() -> None:
    text = (
        "Second Nagorno-Karabakh War\n\n"
        "The Second Nagorno-Karabakh War was fought from September 27 to November 10, 2020, "
        "between Azerbaijan and Armenia.\n\n"
        "2023 Azerbaijani Anti-Terror Operation\n\n"
        "On September 19, 2023, Azerbaijani armed forces initiated a military offensive in "
        "Nagorno-Karabakh.\n"
    )
    bank = build_bank(text, file="test.txt")
    asked = [q.prompt for q in bank.questions if q.kind == "date" and "offensive" in q.prompt]
    # under the title's war of 2020, the learner never sees the heading's 2023
    assert asked == [
        "On what date in 2023 did Azerbaijani armed forces initiate a military offensive in "
        "Nagorno-Karabakh?"
    ]


def test_a_second_verb_in_the_present_is_no_part_of_the_when_question() -> None:
    bank = bank_of(
        "In 1928, the Allied Arts Guild was formed in Menlo Park and is a complex of artist "
        "studios, shops and gardens."
    )
    assert _asked(bank, "date") == ["In what year was the Allied Arts Guild formed in Menlo Park?"]


def test_had_before_an_adjective_and_a_noun_is_not_turned_round() -> None:
    # "had the British limited authority" reads "had" as the auxiliary of "limited"
    bank = bank_of("Until 1924, the British had limited authority in the south of the land.")
    assert not any("had the British" in prompt for prompt in _asked(bank, "date"))
    assert _asked(bank, "cloze")


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        (
            "Arthur Pendlebury served on the Council of State from 1777 to 1779, when he was "
            "elected to the Ruritanian Congress.",
            "served on the Council of State in _____, when",
        ),
        (
            "Hugo Sternwald served as Prime Minister of Ruritania between 1956 and 1957 and a "
            "bureaucrat became the first President.",
            "Prime Minister of Ruritania in _____ and a bureaucrat",
        ),
        (
            "From 1816 to 1819 Otto Brandt built the northern canal of Ruritania.",
            "In _____ Otto Brandt built",
        ),
    ],
)
def test_a_blank_for_two_years_is_asked_in_them_not_from_one(sentence: str, asked: str) -> None:
    bank = bank_of(sentence, story=1818)
    ranged = [q for q in bank.questions if q.answer and q.answer.granularity == "range"]
    assert {q.kind for q in ranged} >= {"cloze"}
    for question in ranged:
        if "_____" in question.prompt:  # the cloze, and a choice that fills its blank
            assert asked in question.prompt, question.prompt
            assert question.prompt.count("_____") == 1


@pytest.mark.parametrize(
    ("title", "paragraph", "date", "unshown"),
    [
        # "The thesis": a sentence whose own subject is carried over from further back
        (
            "Niels Bohr",
            "Bohr elaborated his master's thesis into his much-larger thesis. The thesis was "
            "accepted in April 1911, and Bohr conducted his formal defence on 13 May. Harald "
            "had received his doctorate in 1910.",
            "1910",
            "The thesis",
        ),
        # "the same journal": which journal, only a sentence further back says
        (
            "Charles Babbage",
            'In 1854 Babbage wrote "Mr. Thwaites\'s cypher" in the Journal of the Society of '
            'Arts. In 1855, Babbage also published a short letter, "Cypher Writing", in the '
            "same journal. Nevertheless, his priority was not established until 1985.",
            "1985",
            "the same journal",
        ),
    ],
)
def test_a_sentence_before_that_leans_further_back_is_not_shown(
    title: str, paragraph: str, date: str, unshown: str
) -> None:
    bank = build_bank(f"{title}\n\nLife\n\n{paragraph}\n", file="life.txt")
    prompts = [q.prompt for q in bank.questions if q.answer and q.answer.date == date]
    assert not any(unshown in prompt for prompt in prompts), prompts


def test_a_heading_the_span_repeats_or_the_title_replaces_is_not_shown() -> None:
    session = build_bank(
        "Pope John XXIII\n\nVatican II: The first session\n\nThe first session ended in a "
        "solemn ceremony on 8 December 1962.\n",
        file="pope.txt",
    )
    prompts = [q.prompt for q in session.questions if q.kind == "cloze"]
    assert prompts and all(p.startswith("Vatican II: The first session ended") for p in prompts), (
        prompts
    )
    tower = build_bank(
        "Eiffel Tower\n\nDigital television\n\nA television antenna was first installed on "
        "the tower in 1957, increasing its height by 18.7 m.\n",
        file="tower.txt",
    )
    prompts = [q.prompt for q in tower.questions if q.kind == "cloze"]
    assert prompts and all(p.startswith("Eiffel Tower: A television antenna") for p in prompts)


@pytest.mark.parametrize(
    ("title", "paragraph", "unshown"),
    [
        # "those singles": the sentence before says which, and it cannot be shown (its own
        # dates would sit beside the blank)
        (
            "ABBA",
            "During their active career, from 1972 to 1982, ABBA placed twenty singles on the "
            "Billboard Hot 100. A total of four of those singles reached the Top 10, including "
            '"Dancing Queen" which reached number-one in April 1977.',
            "A total of four of those singles",
        ),
        # the sentence before tells of several accidents: which one "the reactor accident" is,
        # it does not say
        (
            "Submarine",
            "Several serious nuclear and radiation accidents have involved nuclear submarine "
            "mishaps. The reactor accident in 1961 resulted in 8 deaths and more than 30 other "
            "people were over-exposed to radiation.",
            "The reactor accident in _____",
        ),
    ],
)
def test_one_of_several_that_only_an_unseen_sentence_tells_is_not_asked(
    title: str, paragraph: str, unshown: str
) -> None:
    bank = build_bank(f"{title}\n\nHistory\n\n{paragraph}\n", file="history.txt")
    assert not [q.prompt for q in bank.questions if unshown in q.prompt]


def test_a_date_written_without_its_year_is_no_accepted_answer() -> None:
    bank = bank_of(
        "The Soviet Union blocked the railway, road and canal access to West Berlin on 24 "
        "June 1948. American C-47 transports landed at Tempelhof airport on 26 June, two "
        "days after the Soviet Union blocked the roads."
    )
    asked = [q for q in bank.questions if q.answer and q.answer.date == "1948-06-26"]
    assert asked
    # the question asks for the day, month and year: "26 June" alone is not it
    assert all("26 June" not in q.accept for q in asked), [q.accept for q in asked]


def test_a_year_the_question_shows_is_never_one_of_its_wrong_choices() -> None:
    # "the group's 1979 and 1979 tours" reads as nonsense, and a year in view is struck out
    bank = bank_of(
        "In 1986, ABBA Live was released, featuring live performances from the group's "
        "1977 and 1979 tours.",
        "The group won the Eurovision Song Contest in 1974. Their manager founded a label in "
        "1975. The group toured Australia in 1976. Their last studio album appeared in 1981.",
    )
    choices = [
        q.choices
        for q in bank.questions
        if q.kind == "choice" and q.answer and q.answer.date == "1977" and "1979 tours" in q.prompt
    ]
    assert choices and all("1979" not in options and "1986" not in options for options in choices)


@pytest.mark.parametrize(
    ("title", "sentence", "asked"),
    [
        # a part or a work of the thing the document is about: its title says whose
        (
            "Eiffel Tower",
            "A service lift was added to the south pillar in 1989.",
            "Eiffel Tower: A service lift was added to the south pillar in _____.",
        ),
        (
            "Eiffel Tower",
            "Work on the foundations started on 28 January 1887.",
            "Eiffel Tower: Work on the foundations started on _____.",
        ),
        # a bare definite points to an unseen sentence, whatever the title
        ("Eiffel Tower", "The book sold well in 1983.", None),
        # under an event's title, what names nothing may be of any of its many parts
        ("American Revolution", "A new currency was issued in 1781.", None),
        # a kind the text writes in lower case is no one thing: which submarine's cable?
        ("Submarine", "A cable laid in 1858 worked poorly. A submarine is a submarine.", None),
    ],
)
def test_a_sentence_that_names_nothing_is_asked_under_the_title_of_the_thing_it_is_about(
    title: str, sentence: str, asked: str | None
) -> None:
    noun = title.split()[-1].lower()
    text = (
        f"{title}\n\nThe {title} is a famous {noun} in Paris. The {noun} was built for the "
        f"fair.\n\nHistory\n\n{sentence}\n"
    )
    clozes = [q.prompt for q in build_bank(text, file="t.txt").questions if q.kind == "cloze"]
    if asked is None:
        assert not clozes, clozes
    else:
        assert clozes == [asked]


def test_a_bare_election_takes_the_cycle_of_the_presidential_elections() -> None:
    bank = bank_of(
        "In the 1792 presidential election, both parties supported Washington. Before the "
        "1796 presidential election, Madison helped Jefferson. Madison won the 1808 "
        "presidential election and the 1812 presidential election. The 1813 census counted "
        "the towns, and the 1814 census too. In the 1820 presidential election Monroe ran "
        "unopposed. Madison retired to Montpelier in 1817 with his wife.",
        "Monroe easily defeated Federalist candidate Rufus King in the 1816 election.",
    )
    asked = [q for q in bank.questions if q.kind == "choice" and "Rufus King" in q.prompt]
    assert asked
    for question in asked:
        assert all(int(option) % 4 == 1816 % 4 for option in question.choices), question.choices

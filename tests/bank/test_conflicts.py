"""One event dated twice in a document: found, and every rule that sets two similar
facts apart shown on one pair."""

from __future__ import annotations

import pytest

from question_bank.build import build_bank
from question_bank.facts import NOT_ONE_EVENT, extract_facts, pair_refusals
from question_bank.read import read_document
from question_bank.text import content_terms


def document(*paragraphs: str, title: str = "Test Document") -> str:
    return f"{title}\n\nSection\n\n" + "\n\n".join(paragraphs) + "\n"


# rule name: (first paragraph, second paragraph, title)
PAIRS = {
    "same_date": (
        "The Kars Treaty Commission established the Kars Border Prize for Border Studies "
        "in 1985, after long talks.",
        "In December 1985, the Kars Treaty Commission established the Kars Border Prize for "
        "Border Studies.",
        "Test Document",
    ),
    "weak_overlap": (
        "The Kars council signed a trade treaty with Batumi in 1921, after long talks.",
        "The council of Erzurum signed an agreement on water rights in 1922, after a "
        "drought that had ruined the harvest of the whole valley.",
        "Test Document",
    ),
    "other_names": (
        "Azerbaijani forces captured the town of Fuzuli on October 17, 2020, after heavy "
        "fighting in the hills.",
        "Azerbaijani forces captured the town of Shusha on October 18, 2020, after heavy "
        "fighting in the hills.",
        "Test Document",
    ),
    "subject_only": (
        "Sakharov was named the 1980 Humanist of the Year by the society.",
        "In 1979, an asteroid, 1979 Sakharov, was named after him.",
        "Andrei Sakharov",
    ),
    "told_as_repeated": (
        "Late in 48 BC, Caesar was again appointed dictator in Rome, with a term of one year.",
        "Caesar was appointed dictator in Rome in 49 BC, to preside over elections.",
        "Roman Republic",
    ),
    "bound": (
        "Since 2002, the Seahawks have played their home games at CenturyLink Field.",
        "The Seahawks played their home games at CenturyLink Field in 2003 before a crowd.",
        "Seattle Seahawks",
    ),
    "names_which": (
        "The 2012 NFL season started with doubt for the Seahawks against Arizona.",
        "The 2011 NFL season started with doubt for the Seahawks against Arizona.",
        "Seattle Seahawks",
    ),
    "several_dates": (
        "From February 1996 until July 1997, the IRA called off its 1994 ceasefire in Belfast.",
        "The IRA called off its ceasefire in Belfast in February 1995.",
        "Irish Republican Army",
    ),
    "dates_far_apart": (
        "The Kars council signed a trade treaty with Batumi in 1921.",
        "The Kars council signed a trade treaty with Batumi in 1925.",
        "Test Document",
    ),
}


@pytest.mark.parametrize("rule", list(PAIRS))
def test_two_similar_facts_are_set_apart_by_their_rule(rule: str) -> None:
    first, second, title = PAIRS[rule]
    report = extract_facts(read_document(document(first, second, title=title)))
    subject = content_terms(title)
    refusals = {
        (report.facts[i].date.value, report.facts[j].date.value, refusal.name if refusal else None)
        for i, j, refusal in pair_refusals(report.facts, subject)
    }
    assert rule in {name for *_, name in refusals}, refusals
    assert not report.conflicts


def test_every_same_event_rule_has_its_pair() -> None:
    assert [rule.name for rule in NOT_ONE_EVENT] == list(PAIRS)


# One event dated twice: (first paragraph, second paragraph, title, the two dates)
ONE_EVENT_TWO_DATES = {
    # a month and a year three years apart, in clauses naming the same things
    "prize": (
        "In December 1985, the European Parliament established the Sakharov Prize for "
        "Freedom of Thought, to be given annually for contributions to human rights.",
        "The Sakharov Prize for Freedom of Thought was established in 1988 by the European "
        "Parliament in his honour.",
        "Andrei Sakharov",
        ("1985-12", "1988"),
    ),
    # the relative clause leaves out the story it is about ("which in 1964 was voted"),
    # the other sentence names it; "also" about the writing says nothing about the vote
    "vote": (
        'He also wrote hundreds of short stories, including the novelette "Nightfall", '
        "which in 1964 was voted the best short science fiction story of all time by the "
        "Science Fiction Writers of America.",
        'In 1968 the Science Fiction Writers of America voted "Nightfall" the best science '
        "fiction short story ever written.",
        "Isaac Asimov",
        ("1964", "1968"),
    ),
    # a date on a noun ("their patent of") against a verb's ("were awarded a patent on");
    # the "first" and the "in July" of the longer sentence are the telegraph's and the
    # demonstration's, not the patent's
    "patent": (
        "The first commercial telegraph was by Cooke and Wheatstone which followed their "
        "English patent of 10 June 1837 and demonstration on the London and Birmingham "
        "Railway in July.",
        "On June 12, 1837 Cooke and Wheatstone were awarded a patent for an electric telegraph.",
        "Telegraphy",
        ("1837-06-10", "1837-06-12"),
    ),
}


@pytest.mark.parametrize("case", list(ONE_EVENT_TWO_DATES))
def test_one_event_dated_twice_is_a_conflict_asked_with_both_dates(case: str) -> None:
    first, second, title, dates = ONE_EVENT_TWO_DATES[case]
    text = document(first, second, title=title)
    (conflict,) = extract_facts(read_document(text)).conflicts
    assert conflict.dates == dates
    bank = build_bank(text, file=f"{case}.txt")
    asked = [q for q in bank.questions if q.answer is not None]
    assert asked
    for question in asked:
        assert question.answer is not None
        assert question.kind != "choice"  # a choice would offer one of the two as right
        others = {other.date for other in question.disputed}
        assert others == set(dates) - {question.answer.date}


def test_the_lead_against_a_date_counted_in_the_body_is_a_conflict() -> None:
    # In her own article, the other actor named alike ("Jogaila", "Władysław-Jogaila") is
    # more than her name and a verb; "Three" opening a sentence names no one.
    text = document(
        "Jogaila, who took the baptismal name Władysław, married Jadwiga on 15 February 1386.",
        "Jogaila was baptized in Wawel Cathedral on 15 February 1386. Three days later, "
        "35-year-old Władysław-Jogaila married 12-year-old Jadwiga.",
        title="Jadwiga of Poland",
    )
    (conflict,) = extract_facts(read_document(text)).conflicts
    assert conflict.dates == ("1386-02-15", "1386-02-18")
    weddings = [q for q in build_bank(text, file="w.txt").questions if "married" in q.prompt]
    assert weddings
    for question in weddings:
        assert question.answer is not None and question.kind != "choice"
        others = {other.date for other in question.disputed}
        assert others == {"1386-02-15", "1386-02-18"} - {question.answer.date}


def test_two_captures_of_one_city_are_not_one_event_dated_twice() -> None:
    """Neither clause is a relative one: the city and the army named in one, more names
    in the other, are two events."""
    text = document(
        "The Red Army captured Kiev on February 3, 1919.",
        "The Red Army recaptured Kiev on December 17, 1919 and the defeated Cossacks fled "
        "back towards the Black Sea.",
    )
    assert not extract_facts(read_document(text)).conflicts


def test_a_date_that_cannot_be_asked_still_disputes_one_that_can() -> None:
    """The second sentence's subject is in the sentence before it: not asked, but the
    document's word on the signing all the same."""
    text = document(
        "The Treaty of Kars was signed in Kars on October 13, 1921, by Turkey and three "
        "Soviet republics.",
        "Delegates travelled for weeks. The Treaty of Kars was signed in Kars on October 23, "
        "1921, by Turkey and three Soviet republics, they wrote.",
    )
    report = extract_facts(read_document(text))
    assert [fact.date.value for fact in report.facts] == ["1921-10-13"]
    (conflict,) = report.conflicts
    assert conflict.dates == ("1921-10-13", "1921-10-23")


@pytest.mark.parametrize(
    ("text", "date", "words"),
    [
        (  # counted from another date: "Four days later" names no date
            "Napoleon escaped from Elba and landed at Golfe-Juan on 1 March 1815. Four days "
            "later, the United Kingdom, Russia, Austria and Prussia mobilised their armies "
            "against Napoleon.",
            "1815-03-05",
            "later",
        ),
        (  # pointing at another: "that August" takes its year from the sentence before
            "Nirvana signed with the Sub Pop label in Seattle in 1988 after a demo tape. "
            "That August, the band recorded its first album in Seattle with Jack Endino.",
            "1988-08",
            "that",
        ),
    ],
)
def test_words_that_lean_on_another_date_are_no_accepted_answer(
    text: str, date: str, words: str
) -> None:
    bank = build_bank(document(text), file="story.txt")
    asked = [q for q in bank.questions if q.answer and q.answer.date == date]
    assert asked
    for question in asked:
        assert all(words not in accepted.lower() for accepted in question.accept)

"""Acronyms a learner is expected to know without being told what they stand for.

A question is read alone, away from its document. "The third flight, a STARS II
development mission, was launched in _____" names a program by letters the learner has
never been told (the article says only "STARS, a strategic targeting system, is a BMDO
program"), while "MTV began airing the video in _____" needs no more: nothing in the
letters themselves tells the two apart, so a table does. A document that spells an
acronym out ("Human Rights Watch (HRW)") teaches it, and the question then spells it out
itself (:func:`question_bank.generate.spell_out`); an acronym in the document's title is
shown above every question. Any other acronym in a question is either in this table or
the question is not asked (the ``unknown-acronym`` self-check).

Each group below holds the acronyms that an adult reader of an encyclopedia meets in news
and everyday speech more often than the names they stand for: nobody says "Federal
Bureau of Investigation" where "FBI" will do. A group's reason says why its members are
known; an acronym that only a field's specialists know (BMDO, PONIE, SLBM) belongs in no
group, since the question is for a learner of the document, not of the field.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["KNOWN_ACRONYMS", "is_known_acronym"]


def _group(words: str) -> frozenset[str]:
    return frozenset(words.split())


KNOWN_ACRONYMS: Mapping[str, frozenset[str]] = {
    # Countries and unions of countries, named by their letters in every newspaper.
    "countries": _group("US USA UK USSR UAE PRC GDR EU"),
    # International bodies whose letters are their everyday name.
    "international bodies": _group(
        "UN NATO UNESCO UNICEF UNHCR WHO IMF OPEC OECD ASEAN WTO IAEA OSCE FIFA UEFA IOC CERN"
    ),
    # Government agencies and armed services known by their letters the world over.
    "agencies": _group("NASA FBI CIA KGB NSA RAF NHS FDA EPA CDC ESA FTC"),
    # Universities and markets that go by their letters in everyday speech.
    "institutions": _group("MIT UCLA NYU NASDAQ"),
    # Broadcasters and news agencies, whose letters are the brand the viewer sees.
    "broadcasters": _group("BBC CNN MTV ESPN NBC CBS ABC PBS HBO NPR ITV CBC"),
    # Sports leagues and bodies, named by their letters on every score sheet.
    "sports": _group("NFL NBA NHL MLB NCAA NASCAR WWE"),
    # Companies whose letters are their name.
    "companies": _group("IBM BMW EMI"),
    # Words of everyday speech that began as acronyms ("TV", "DNA", "CEO").
    "everyday words": _group(
        "TV DNA RNA HIV AIDS PC CD DVD GPS USB CPU LED LCD IQ MRI UFO ATM SMS URL HTML "
        "RAM ROM OS VR FAQ ASCII EP LP SSD API CEO CFO COO VP GDP MP NGO POW VIP OK LGBT SOS"
    ),
    # Diseases the news has named by their letters.
    "diseases": _group("SARS COVID MERS"),
    # British honours, written after a name by their letters.
    "honours": _group("MBE OBE CBE KBE"),
    # Eras, hours and units, which a date or a quantity names.
    "eras, hours and units": _group("AD BC BCE CE AM PM UTC GMT KB MB GB TB"),
}

_KNOWN = frozenset().union(*KNOWN_ACRONYMS.values())


def is_known_acronym(letters: str) -> bool:
    """Whether a learner knows ``letters`` without the document's help: "NASA", "BBC"
    yes, "BMDO" no."""
    return letters in _KNOWN

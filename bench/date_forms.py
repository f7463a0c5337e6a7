"""Date mentions by form in the real articles: what the date finder reads, form by form.

Every paragraph (text between blank lines) of every article in ``bench/real/articles/``
is searched with ``find_dates`` alone, without a reference date (so year-less dates are
not read unless the paragraph gives their year), and each mention is counted under the
first form its text shows:

    style    Old Style / New Style pair or marker, dual year ("1688/89")
    era      "BC", "BCE", "B.C.", "AD", "CE"
    century  "century", "centuries", "millennium"
    decade   "the 1990s"
    season   spring, summer, autumn, fall, winter
    approx   opens with "c.", "ca.", "circa", "about", "around", "approximately", ...
    either   "69 or 68 BC", "12 or 13 July"
    day, month, year, range   the rest, by granularity

It reads only a mention's text and value, so it runs on any version of the finder:
``PYTHONPATH=<checkout> python bench/date_forms.py`` counts that checkout's finder.

    python bench/date_forms.py [--articles DIR] [--list FORM] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # a checkout named in PYTHONPATH comes first

from question_bank.dates import find_dates  # noqa: E402

FORMS: list[tuple[str, re.Pattern[str]]] = [
    (
        "style",
        re.compile(r"O\.\s?S\.|N\.\s?S\.|Old Style|New Style|greg\.|Julian|\d{4}/\d{1,2}\b"),
    ),
    ("era", re.compile(r"\b(?:BCE?|B\.C\.|AD|A\.D\.|CE)(?!\w)")),
    ("century", re.compile(r"centur|millenni", re.IGNORECASE)),
    ("decade", re.compile(r"\d0'?s\b")),
    ("season", re.compile(r"\b(?:spring|summer|autumn|fall|winter)\b", re.IGNORECASE)),
    (
        "approx",
        re.compile(r"^(?:c\.|ca\.|circa|about|around|approximately|roughly)", re.IGNORECASE),
    ),
    ("either", re.compile(r"\d\s+or\s+\d")),
]


def form_of(text: str, granularity: str) -> str:
    for name, pattern in FORMS:
        if pattern.search(text):
            return name
    return granularity


def mentions(articles: Path) -> list[tuple[str, str, str, str, str]]:
    """(article, form, mention text, value, context) for every mention."""
    found = []
    for path in sorted(articles.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for paragraph in re.split(r"\n\s*\n", text):
            for mention in find_dates(paragraph):
                context = paragraph[max(0, mention.start - 60) : mention.end + 40]
                form = form_of(mention.text, mention.date.granularity)
                found.append(
                    (path.stem, form, mention.text, mention.date.value, " ".join(context.split()))
                )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ROOT / "bench" / "real" / "articles")
    parser.add_argument("--list", metavar="FORM", help="print every mention of this form")
    parser.add_argument("--json", action="store_true", help="counts as JSON")
    args = parser.parse_args()
    found = mentions(args.articles)
    counts = Counter(form for _, form, *_ in found)
    if args.list:
        for article, form, text, value, context in found:
            if form == args.list:
                print(f"{article}: {text!r} -> {value}   | {context}")
        return
    if args.json:
        print(json.dumps({"total": len(found), **counts}, indent=1))
        return
    for form, count in sorted(counts.items(), key=lambda item: -item[1]):
        print(f"{form:>8} {count:6d}")
    print(f"{'total':>8} {len(found):6d}")


if __name__ == "__main__":
    main()

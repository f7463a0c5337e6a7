"""Tests for question_bank.datevalue: values in every era, their order, arithmetic, display."""

from __future__ import annotations

import datetime as dt

import pytest

from question_bank.datevalue import DateValue, Granularity, year_text

# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "granularity", "shown"),
    [
        ("-0044", "year", "44 BC"),
        ("-0044-03", "month", "March 44 BC"),
        ("-0044-03-15", "day", "March 15, 44 BC"),
        ("0043", "year", "AD 43"),
        ("0793-06-08", "day", "June 8, AD 793"),
        ("1066", "year", "1066"),
        ("-0100/-0044", "range", "100–44 BC"),
        ("-0027/0014", "range", "27 BC – AD 14"),
        ("-0500/1500", "range", "500 BC – AD 1500"),
        ("0043/0045", "range", "AD 43–45"),
        ("1199/1216", "range", "1199–1216"),
        ("-0047-05-27/-0047-05-29", "range", "May 27–29, 47 BC"),
        ("-0100-07/-0044-03-15", "range", "July 100 BC – March 15, 44 BC"),
        ("-0044-03/0014", "range", "March 44 BC – AD 14"),
        ("1990/1999", "decade", "the 1990s"),
        ("1880/1889", "decade", "the 1880s"),
        ("-0069/-0060", "decade", "the 60s BC"),
        ("0060/0069", "decade", "the 60s AD"),
        ("1101/1200", "century", "the 12th century"),
        ("1901/2000", "century", "the 20th century"),
        ("2001/2100", "century", "the 21st century"),
        ("-0300/-0201", "century", "the 3rd century BC"),
        ("-0100/-0001", "century", "the 1st century BC"),
        ("0001/0100", "century", "the 1st century AD"),
    ],
)
def test_every_era_has_a_value_and_a_teachers_display(
    value: str, granularity: Granularity, shown: str
) -> None:
    date = DateValue(value, granularity)
    assert date.value == value
    assert date.display() == shown


@pytest.mark.parametrize(
    ("value", "granularity", "words"),
    [
        ("0000", "year", "year zero does not exist"),
        ("-0000", "year", "year zero does not exist"),
        ("-0000/0001", "range", "year zero does not exist"),
        ("-44", "year", "not a date"),
        ("-0044-02-30", "day", "no such calendar day"),
        ("-0044/-0100", "range", "must run forwards"),
        ("1990/1998", "decade", "is not a decade"),
        ("1991/2000", "decade", "is not a decade"),
        ("-0060/-0051", "decade", "is not a decade"),
        ("1990-01/1999-12", "decade", "a decade is two years"),
        ("1100/1199", "century", "is not a century"),
        ("1101/1300", "century", "is not a century"),
        ("-0299/-0200", "century", "is not a century"),
        ("2020", "decade", "does not match"),
        ("1990/1999", "year", "does not match"),
        ("1990/1999", "week", "unknown granularity"),  # type: ignore[arg-type]
        ("-5000-03", "month", "months and days before 4700 BC"),
    ],
)
def test_malformed_values_are_refused_with_the_reason(
    value: str, granularity: Granularity, words: str
) -> None:
    with pytest.raises(ValueError, match=words):
        DateValue(value, granularity)


def test_a_two_ended_value_is_a_range_unless_its_granularity_says_otherwise() -> None:
    assert DateValue.parse_iso("1990/1999") == DateValue("1990/1999", "range")
    assert DateValue.parse_iso("1990/1999") != DateValue("1990/1999", "decade")
    assert DateValue.decade(1990) == DateValue("1990/1999", "decade")
    assert DateValue.decade(-69) == DateValue("-0069/-0060", "decade")
    assert DateValue.century(12) == DateValue("1101/1200", "century")
    assert DateValue.century(3, bc=True) == DateValue("-0300/-0201", "century")
    assert DateValue.from_parts(-44, 3, 15) == DateValue("-0044-03-15", "day")


def test_parts_of_a_value_across_the_eras() -> None:
    reign = DateValue("-0027/0014", "range")
    assert (reign.year, reign.end_year) == (-27, 14)
    assert reign.start_date == DateValue("-0027", "year")
    assert reign.end_date == DateValue("0014", "year")
    assert reign.spans and not DateValue("-0044", "year").spans
    assert DateValue("1990/1999", "decade").end_date == DateValue("1999", "year")


# --- order --------------------------------------------------------------------------------


def test_values_sort_across_the_bc_ad_boundary_with_no_year_zero() -> None:
    written = ["2020", "0043", "-0044-03-15", "-0100", "-0001", "0001", "-0044", "1066-10-14"]
    ordered = sorted(DateValue.parse_iso(value) for value in written)
    assert [date.value for date in ordered] == [
        "-0100",
        "-0044",
        "-0044-03-15",
        "-0001",
        "0001",
        "0043",
        "1066-10-14",
        "2020",
    ]
    assert DateValue("-0044", "year") < DateValue("-0043", "year") < DateValue("0043", "year")
    assert max(DateValue("1990/1999", "decade"), DateValue("2020", "year")).value == "2020"


def test_bounds_and_overlap_hold_in_bc_years() -> None:
    life = DateValue("-0100/-0044", "range")
    assert life.bounds() == ((-100, 1, 1), (-44, 12, 31))
    assert life.overlaps(DateValue("-0060", "year"))
    assert not life.overlaps(DateValue("-0043", "year"))
    assert DateValue("-0045-02", "month").bounds()[1] == (-45, 2, 29)  # a Julian leap year
    assert DateValue("2019-02", "month").bounds()[1] == (2019, 2, 28)


# --- arithmetic ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "granularity", "step", "moved"),
    [
        ("-0001", "year", 1, "0001"),
        ("0001", "year", -1, "-0001"),
        ("-0044", "year", 5, "-0039"),
        ("-0001-12", "month", 1, "0001-01"),
        ("-0044-03-15", "day", 1, "-0044-03-16"),
        ("-0001-12-31", "day", 1, "0001-01-01"),
        ("1582-10-04", "day", 1, "1582-10-15"),  # the Gregorian reform skipped ten days
        ("2020-02-28", "day", 1, "2020-02-29"),
        ("-0100/-0044", "range", 1, "-0099/-0043"),
        ("1990/1999", "decade", 1, "2000/2009"),
        ("-0069/-0060", "decade", 1, "-0059/-0050"),
        ("0001/0100", "century", -1, "-0100/-0001"),
        ("-0100/-0001", "century", 1, "0001/0100"),
        ("1101/1200", "century", 2, "1301/1400"),
    ],
)
def test_shifting_by_the_values_own_unit(
    value: str, granularity: Granularity, step: int, moved: str
) -> None:
    assert DateValue(value, granularity).shifted(step).value == moved


def test_day_arithmetic_matches_the_gregorian_calendar_from_the_reform_on() -> None:
    day = dt.date(1582, 10, 15)
    for _ in range(3000):
        value = DateValue.from_parts(day.year, day.month, day.day)
        assert value.day_number() == day.toordinal() + 1721425
        assert value.shifted(37).value == (day + dt.timedelta(days=37)).isoformat()
        day += dt.timedelta(days=97)


def test_lengths_count_both_ends_and_no_year_zero() -> None:
    assert DateValue("-0100/-0044", "range").length() == 57
    assert DateValue("-0027/0014", "range").length() == 41
    assert DateValue("-0047-05-27/-0047-05-29", "range").length() == 3
    assert DateValue("-0001-11/0001-02", "range").length() == 4
    assert DateValue("-0044", "year").length() is None
    assert (
        DateValue("-0044-03-15", "day").day_number() - DateValue("-0044-01-01", "day").day_number()
        == 73
    )


def test_year_text_gives_the_era_a_reader_needs() -> None:
    assert [year_text(y) for y in (-44, 43, 999, 1000, 2020)] == [
        "44 BC",
        "AD 43",
        "AD 999",
        "1000",
        "2020",
    ]
    assert year_text(1500, era=True) == "AD 1500"

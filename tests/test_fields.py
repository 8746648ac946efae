"""Field conversion: printed dates to ISO 8601, bylines to name lists."""
from __future__ import annotations

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import fields
from cleaner.fields import date_settings_for, parse_date, split_authors

ZONES = {"CST": -6, "PST": -8, "EST": -5, "IST": 5.5, "GMT": 0}


@pytest.mark.parametrize("text, iso", [
    ("Nov 19, 2019, 10:31 pm CST", "2019-11-19T22:31-06:00"),
    ("Last Updated : Nov 20, 2019 01:41 PM IST", "2019-11-20T13:41+05:30"),
    ("11/19/19 06:56 AM EST", "2019-11-19T06:56-05:00"),
    ("PUBLISHED: 10:48, Tue, Nov 19, 2019", "2019-11-19T10:48"),
    ("27/09/2018", "2018-09-27"),
    ("2019-08-25", "2019-08-25"),
])
def test_printed_dates_come_out_as_iso_8601_with_zone_when_printed(text, iso):
    assert parse_date(text, ("en",), ZONES) == iso


def test_a_date_without_a_time_gets_no_midnight():
    assert parse_date("Opening Bell 11.18.19") == "2019-11-18"


def test_a_date_in_another_language_is_read_by_dateparser():
    assert parse_date("sexta-feira, 22 de outubro de 2010 às 20:13", ("pt",)) == "2010-10-22T20:13"


def test_the_packs_date_settings_read_month_names_and_zones_without_dateparser(
        default_cleaner, monkeypatch):
    def no_dateparser(text, languages):
        raise AssertionError(f"dateparser asked for {text!r}")

    monkeypatch.setattr(fields, "_parse_dateparser", no_dateparser)
    rules = default_cleaner.rules
    portuguese = date_settings_for(rules, "pt")
    assert date_settings_for(rules, "pt") is portuguese  # built once per rule set and language
    assert parse_date("sexta-feira, 22 de outubro de 2010 às 20:13", settings=portuguese) \
        == "2010-10-22T20:13"
    assert parse_date("30. Juli 2018", settings=date_settings_for(rules, "de")) == "2018-07-30"
    assert parse_date("Nov. 20, 2019 5:52 AM EST", settings=date_settings_for(rules, "en")) \
        == "2019-11-20T05:52-05:00"


@pytest.mark.parametrize("text, iso", [
    # the Syriac month names of the Levant and Iraq, one-word and two-word, and a month printed
    # in both calendars' names, behind the Arabic comma
    ("الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00", "2013-08-28T14:00"),
    ("15 تشرين الأول 2019", "2019-10-15"),
    ("3 كانون الثاني 2020", "2020-01-03"),
    ("نشر في: 5 ايلول 2021", "2021-09-05"),
    ("الأحد 12 نوفمبر 2023 - 10:45", "2023-11-12T10:45"),
])
def test_arabic_dates_in_both_calendars_month_names(default_cleaner, text, iso):
    assert parse_date(text, settings=date_settings_for(default_cleaner.rules, "ar")) == iso


@pytest.mark.parametrize("text, iso", [
    ("Updated 14:00 GMT+0400, August 28, 2013", "2013-08-28T14:00+04:00"),
    ("Nov 19, 2019 10:31 UTC+3", "2019-11-19T10:31+03:00"),
    ("Nov 19, 2019 10:31 GMT-5", "2019-11-19T10:31-05:00"),
])
def test_an_offset_behind_gmt_is_ahead_of_utc_as_pages_mean_it(default_cleaner, text, iso):
    # dateutil reads "GMT+4" the POSIX way round, as four hours behind UTC
    assert parse_date(text, settings=date_settings_for(default_cleaner.rules, "en")) == iso


@pytest.mark.parametrize("text", ["December 2019", "Best Indies of 2019", "Mac Pro", "5 minutes ago"])
def test_no_date_without_year_month_and_day(text):
    assert parse_date(text, ("en",)) is None


ROLES = frozenset({"staff", "writer", "writers", "reporter", "for"})


def test_byline_names_without_roles_or_affiliations():
    seps = frozenset({"and"})
    assert split_authors("Jane Roe and John Doe, Staff Writers", seps, ROLES) == ["Jane Roe", "John Doe"]
    assert split_authors("Tom Krisher, AP Auto Writer", seps, ROLES) == ["Tom Krisher"]
    assert split_authors("Meg James Staff Writer", seps, ROLES) == ["Meg James"]


# ---- the common date shapes read without dateutil ----

def reading(result):
    """A date reading as it comes out: ISO text, zone name, whether a time was printed."""
    parsed, has_time = result
    return (parsed.isoformat() if parsed else None, parsed.tzname() if parsed else None,
            has_time)


TZINFOS = fields._tzinfos(fields.zone_pairs({**ZONES, "ET": -5, "UTC": 0, "Z": 0}))
MONTH_FORMS = [form for names in fields.date_parser.parserinfo.MONTHS for form in names]
WEEKDAY_FORMS = [form for names in fields.date_parser.parserinfo.WEEKDAYS for form in names]


def cased(word: str):
    return st.sampled_from([word, word.lower(), word.upper(), word.capitalize()])


NUMBER = st.integers(0, 40).flatmap(lambda n: st.sampled_from([str(n), f"{n:02d}"]))
YEAR = st.sampled_from(["2019", "1999", "2100", "0019", "1000", "9999", "0000", "19", "2019x"])
ZONE = st.sampled_from(["CST", "IST", "GMT", "UTC", "Z", "z", "ET", "XYZ", "ist", "AMT", "PT",
                        "EST5"])
HALF = st.sampled_from(["am", "pm", "AM", "PM", "a.m.", "p.m.", "A.M.", "a", "p", "m"])
CLOCK = st.tuples(st.integers(0, 30).map(str), st.integers(0, 70).map(lambda m: f"{m:02d}"),
                  st.one_of(st.none(), st.integers(0, 70).map(lambda s: f":{s:02d}")),
                  st.one_of(st.none(), st.tuples(st.sampled_from(["", " "]), HALF)),
                  st.one_of(st.none(), ZONE)).map(
    lambda t: f"{t[0]}:{t[1]}{t[2] or ''}{''.join(t[3] or ())}{' ' + t[4] if t[4] else ''}")
SEP = st.sampled_from([" ", ", ", ",", ". ", " - ", "  ", " at ", " on ", "/", "-", ""])
MONTH_DATE = st.tuples(st.sampled_from(MONTH_FORMS).flatmap(cased), st.sampled_from(["", "."]),
                       NUMBER, st.sampled_from(["", "st", "nd", "rd", "th", "TH"]), SEP, YEAR).map(
    lambda t: f"{t[0]}{t[1]} {t[2]}{t[3]}{t[4]}{t[5]}")
DAY_DATE = st.tuples(NUMBER, st.sampled_from(MONTH_FORMS).flatmap(cased),
                     st.sampled_from(["", ".", ",", ".,"]), SEP, YEAR).map(
    lambda t: f"{t[0]} {t[1]}{t[2]}{t[3]}{t[4]}")
NUMERIC_DATE = st.tuples(NUMBER, st.sampled_from(["/", "-", "."]), NUMBER, YEAR).map(
    lambda t: f"{t[0]}{t[1]}{t[2]}{t[1]}{t[3]}")
ISO_DATE = st.tuples(YEAR, NUMBER, NUMBER, st.sampled_from(["", "T", " "])).map(
    lambda t: f"{t[0]}-{t[1]}-{t[2]}{t[3]}")
WEEKDAY = st.tuples(st.sampled_from(WEEKDAY_FORMS).flatmap(cased),
                    st.sampled_from(["", ".", ",", ".,"])).map(lambda t: f"{t[0]}{t[1]} ")
LABEL = st.sampled_from(["Published ", "Updated: ", "UPDATED : ", "posted on ", "On ", "at ",
                         "Updated on: ", "By Jane Roe ", "First Published: ", ": ", "Mar ",
                         "a ", "of "])
# words around a date: names, and words dateutil reads itself (months, weekdays, am/pm, zones)
NAME = st.sampled_from(["Jane", "Roe", "By", "LinkNaija", "Reuters", "AP", "UPDATED", "May", "Sat",
                        "Mar", "At", "Of", "Sept", "AM", "pm", "UTC", "EST", "Jr.", "O'Brien",
                        "Jean-Luc", "de", "on", "and", "Hours", "Minute", "ago", "Mon", "Z"])
NAMES = st.lists(st.tuples(NAME, st.sampled_from([" ", " - ", ", ", " | "])), max_size=4).map(
    lambda words: "".join(w + sep for w, sep in words))
PRINTED_DATE = st.tuples(
    st.one_of(st.just(""), LABEL, NAMES), st.one_of(st.just(""), CLOCK.map(lambda c: c + ", "),
                                             CLOCK.map(lambda c: c + " ")),
    st.one_of(st.just(""), WEEKDAY), st.one_of(MONTH_DATE, DAY_DATE, NUMERIC_DATE, ISO_DATE),
    st.one_of(st.just(""), st.tuples(SEP, CLOCK).map("".join)),
    st.one_of(st.sampled_from(["", "", " ", ".", " 1 day ago"]),
              NAMES.map(lambda names: " " + names.rstrip(" -,|")))).map("".join)


@settings(max_examples=1000, deadline=None)
@given(PRINTED_DATE)
def test_the_common_date_shapes_read_as_dateutil_reads_them(text):
    common = fields._common_date(text, TZINFOS)
    if common is not None:
        assert reading(common) == reading(fields._dateutil(text, TZINFOS))


# Dates printed on real pages (the dev pages' date lines as the date reader hands them on)
REAL_DATES = (FIXTURES / "dates" / "printed-dates.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("text", REAL_DATES)
def test_real_dates_read_without_dateutil_read_as_dateutil_reads_them(text):
    common = fields._common_date(text, TZINFOS)
    if common is not None:
        assert reading(common) == reading(fields._dateutil(text, TZINFOS))


def test_most_real_dates_are_read_without_dateutil():
    handled = [t for t in REAL_DATES if fields._common_date(t, TZINFOS) is not None]
    assert len(handled) >= 0.6 * len(REAL_DATES)


def test_every_numeric_date_reads_as_dateutil_reads_it():
    for first in range(100):
        for second in range(100):
            for year in ("2019", "0019"):
                for text in (f"{first}/{second}/{year}", f"{first:02d}/{second:02d}/{year}",
                             f"{year}-{first:02d}-{second:02d}"):
                    common = fields._common_date(text, TZINFOS)
                    if common is not None:
                        assert reading(common) == reading(fields._dateutil(text, TZINFOS)), text
                    else:
                        assert first > 31 or second > 31 or year == "0019", text

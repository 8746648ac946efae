"""Field conversion: printed dates to ISO 8601, bylines to name lists."""
from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("text", ["December 2019", "Best Indies of 2019", "Mac Pro", "5 minutes ago"])
def test_no_date_without_year_month_and_day(text):
    assert parse_date(text, ("en",)) is None


ROLES = frozenset({"staff", "writer", "writers", "reporter", "for"})


def test_byline_names_without_roles_or_affiliations():
    seps = frozenset({"and"})
    assert split_authors("Jane Roe and John Doe, Staff Writers", seps, ROLES) == ["Jane Roe", "John Doe"]
    assert split_authors("Tom Krisher, AP Auto Writer", seps, ROLES) == ["Tom Krisher"]
    assert split_authors("Meg James Staff Writer", seps, ROLES) == ["Meg James"]

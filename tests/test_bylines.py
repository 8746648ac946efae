"""Bylines read from one line: people, agencies, desks and publishers (cleaner/bylines.py)."""
from __future__ import annotations

import pytest
from dateutil import parser as date_parser
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner, bylines
from cleaner.bylines import byline_words, domain_name, read_author_bio, read_byline
from cleaner.page import Block


def names(line: str, rules, **kwargs) -> list[str] | None:
    read = read_byline(line, rules, language=kwargs.pop("language", "en"), **kwargs)
    return None if read is None else read[0]


@pytest.mark.parametrize("line, expected", [
    ("By Jane Roe, John Doe and Ann Lee", ["Jane Roe", "John Doe", "Ann Lee"]),
    ("Written by Jane Roe", ["Jane Roe"]),
    ("Jane Roe | Staff Writer", ["Jane Roe"]),
    ("Jane Roe, Reporter", ["Jane Roe"]),
    ("Jane Roe, Reporter.", ["Jane Roe"]),
    ("By Jane Roe, Staff", ["Jane Roe"]),
    ("Por María López", ["María López"]),
    ("Von Anna Schmidt", ["Anna Schmidt"]),
    ("Par Jean Dupont", ["Jean Dupont"]),
    ("Di Marco Rossi", ["Marco Rossi"]),
    ("Oleh Budi Santoso", ["Budi Santoso"]),
    ("Автор: Иван Петров", ["Иван Петров"]),
])
def test_person_bylines_in_their_common_forms(default_cleaner, line, expected):
    assert names(line, default_cleaner.rules) == expected


@pytest.mark.parametrize("line, language, expected, agency", [
    ("홍길동 기자", "ko", ["홍길동"], None),
    ("[서울신문] 홍길동 기자", "ko", ["홍길동"], None),            # a source tag first
    ("(서울=연합뉴스) 홍길동 기자 = 정부는", "ko", ["홍길동"], "연합뉴스"),
    ("【共同】山田太郎記者", "ja", ["山田太郎"], "共同"),            # the role glued to the name
    ("記者 王小明／台北報導", "zh", ["王小明"], None),               # a full-width slash
    ("Door Jan de Vries | 19 november 2019", "nl", ["Jan de Vries"], None),  # "Jan" is a name
])
def test_bylines_in_other_scripts_and_languages(default_cleaner, line, language, expected, agency):
    read = read_byline(line, default_cleaner.rules, language=language)
    assert read is not None and read[0] == expected and read[1] == agency


@pytest.mark.parametrize("line, language, expected", [
    ("Publicado por Marisa en 10:30", "es", ["Marisa"]),           # Blogger's footer
    ("Opublikowano 7 marca 2021 przez Kasia", "pl", ["Kasia"]),    # WordPress "Posted on ... by"
    ("05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde", "pt", ["Clarissa Borba"]),
])
def test_posted_by_lines_in_other_languages(default_cleaner, line, language, expected):
    assert names(line, default_cleaner.rules, language=language) == expected


def test_an_agency_tag_opening_the_article(default_cleaner):
    read = read_byline("(Reuters) — The attorney general is investigating the company.",
                       default_cleaner.rules, language="en")
    assert read == ([], "Reuters", 2, False)  # the line is the article's: it stays


@pytest.mark.parametrize("line, expected", [
    ("By Staff Reports", ["Staff Reports"]),
    ("New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM",
     ["News Nation Bureau"]),
    ("Author: Practical Horseman Editorial Staff", ["Practical Horseman Editorial Staff"]),
    ("Von Redaktion", ["Redaktion"]),
])
def test_a_desk_credited_in_a_persons_place_is_kept_whole(default_cleaner, line, expected):
    assert names(line, default_cleaner.rules) == expected


def test_an_organisation_after_an_explicit_label_is_the_author(default_cleaner):
    assert names("Author: The Water Coolest", default_cleaner.rules) == ["The Water Coolest"]
    assert names("By The Numbers", default_cleaner.rules) is None  # no colon: a heading


def test_the_publisher_in_a_bylines_place(default_cleaner):
    rules = default_cleaner.rules
    assert names("Updated on: November 19, 2019 / 10:07 AM / CBS News", rules,
                 site="CBS News") == ["CBS News"]
    assert names("LinkNaija August 08, 2018", rules, domain="linknaija") == ["LinkNaija"]
    assert names("LinkNaija August 08, 2018", rules, domain="othersite") is None


@pytest.mark.parametrize("line, agency", [
    ("Reuters November 18, 2019 11:03 PM", "Reuters"),  # date glued to the agency
    ("PTI, Washington,", "PTI"),                        # agency, then the city
    ("By Reuters", "Reuters"),
])
def test_agency_credits_go_to_agency(default_cleaner, line, agency):
    read = read_byline(line, default_cleaner.rules, language="en")
    assert read is not None and read[0] == [] and read[1] == agency


def test_agency_after_the_names_is_kept_apart(default_cleaner):
    read = read_byline("Meg Kinnard and Errin Haines, Associated Press", default_cleaner.rules,
                       bare=True, language="en")
    assert read is not None
    assert read[0] == ["Meg Kinnard", "Errin Haines"] and read[1] == "Associated Press"


def test_a_name_glued_to_a_date_and_a_category_list(default_cleaner):
    assert names("21/06/2014 Tony Carter All, Books, Kit Reviews", default_cleaner.rules) \
        == ["Tony Carter"]


@pytest.mark.parametrize("line", [
    "Aidan Gantenbein 100 backstroke",          # a results line, not a bare name
    "A cyclist rides past the plant. © Reuters / David Mercado",
    "Latest World News",
])
def test_lines_that_are_no_bylines(default_cleaner, line):
    assert read_byline(line, default_cleaner.rules, bare=True, language="en") is None


def test_author_box_opening_with_the_name(default_cleaner):
    rules = default_cleaner.rules
    assert read_author_bio("Louise Matsakis is a Staff Writer at WIRED covering Amazon.",
                           rules, "en") == ["Louise Matsakis"]
    assert read_author_bio("Anna Schmidt ist Redakteurin im Ressort Politik.", rules, "de") \
        == ["Anna Schmidt"]
    assert read_author_bio("The company is a leader in writing software.", rules, "en") == []


@pytest.mark.parametrize("url, name", [
    ("https://www.linknaija.com/2018/08/x.html", "linknaija"),
    ("https://news.bbc.co.uk/world", "bbc"),
    ("http://detroit.cbslocal.com/2019/", "cbslocal"),
    (None, None),
])
def test_the_sites_own_name_in_its_host(default_cleaner, url, name):
    assert domain_name(url, byline_words(default_cleaner.rules)) == name


def test_the_byline_thresholds_are_the_packs_settings(tmp_path):
    """A pack overriding the thresholds changes the reading: they are not fixed in the code."""
    from cleaner import Cleaner, Config

    pack = tmp_path / "mine.yaml"
    pack.write_text("name: mine\ndescription: looser bylines\nversion: 1\nsettings:\n"
                    "  domain_name_min_letters: 3\n  author_min_words: 1\n", encoding="utf-8")
    default = Cleaner().rules
    looser = Cleaner(Config(rule_paths=(pack,))).rules
    assert names("CBS August 08, 2018", default, domain="cbs") is None
    assert names("CBS August 08, 2018", looser, domain="cbs") == ["CBS"]
    assert names("Jane, Staff Writer", default) is None
    assert names("Jane, Staff Writer", looser) == ["Jane"]


def test_without_date_settings_the_packs_month_names_of_the_language_are_read(default_cleaner):
    """A caller that passes no `dates` (the subtitle check) reads dates as the page does."""
    rules = default_cleaner.rules
    assert names("Anna Schmidt | 30. Juli 2018", rules, language="de") == ["Anna Schmidt"]
    assert names("Anna Schmidt | 30. Juli 2018", rules, language="en") is None  # no date in English


DATE_NAMES = [n for names in (*date_parser.parserinfo.MONTHS, *date_parser.parserinfo.WEEKDAYS)
              for n in names]


@given(st.one_of(st.sampled_from(DATE_NAMES).flatmap(
    lambda n: st.sampled_from([n, n.upper(), n.lower(), n[:3], n + "x", "İ" + n])), st.text(max_size=9)))
def test_month_and_weekday_names_are_dateutils(word):
    # bylines looks names up in its own sets: the names dateutil's lookups know (weekday()
    # gives 0 for Monday, so a name is known when it gives anything but None)
    info = date_parser.parserinfo()
    assert (word.lower() in bylines._MONTH_NAMES) == bool(info.month(word))
    assert (word.lower() in bylines._WEEKDAY_NAMES) == (info.weekday(word) is not None)


W = byline_words(Cleaner().rules)
LABEL_WORDS = sorted(W.label_starts)


@given(st.lists(st.one_of(st.sampled_from(LABEL_WORDS).flatmap(
    lambda x: st.sampled_from([x, x.upper(), x.capitalize()])),
    st.sampled_from(["-", "'", "’", " ", ":", "_", "ß", "İ", "x", "1", "\u0301", "Jane Roe"])),
    max_size=8).map("".join))
def test_the_label_test_on_folded_words_is_the_label_test(text):
    folded = Block(index=0, text=text, para=0).folded
    assert bylines.may_hold_label_folded(text, folded, W) == bylines.may_hold_label(text, W)


def test_monday_is_a_date_word_like_the_other_weekdays(default_cleaner):
    # dateutil's weekday("Monday") is 0: read as a truth value it left Monday in the name
    rules = default_cleaner.rules
    for day in ("Monday", "Tuesday", "Sunday"):
        assert names(f"By Joe Rossignol {day}", rules, language="en") == ["Joe Rossignol"]
        assert names(f"Joe Rossignol {day} 18 November 2019", rules,
                     language="en") == ["Joe Rossignol"]

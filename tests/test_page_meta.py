"""Metadata read from whole pages: headline, bylines, dates and site names (fixtures/meta/)."""
from __future__ import annotations

import pytest
from conftest import FIXTURES

META = FIXTURES / "meta"


def clean(default_cleaner, name: str):
    return default_cleaner.clean((META / f"{name}.txt").read_bytes())


def test_headline_repeating_the_title_line_and_its_site_suffix(default_cleaner):
    doc = clean(default_cleaner, "wire-story")
    assert doc.title == "Council approves new budget after long debate"
    assert doc.site_name == "Riverside Courier"
    assert "Council approves" not in doc.body


def test_byline_with_two_names_and_a_role(default_cleaner):
    assert clean(default_cleaner, "wire-story").authors == ["Jane Roe", "John Doe"]


def test_date_line_with_time_zone_under_the_headline(default_cleaner):
    doc = clean(default_cleaner, "wire-story")
    assert doc.published == "2019-11-19T22:31-06:00"
    assert doc.subtitle is None  # the date line is not taken for a subtitle


def test_agency_credit_goes_to_agency_not_authors(default_cleaner):
    doc = clean(default_cleaner, "agency-story")
    assert doc.agency == "Reuters"
    assert doc.authors == []
    assert doc.published == "2019-11-18T23:03"
    assert doc.site_name == "Valley Times"


def test_name_after_a_date_behind_by(default_cleaner):
    doc = clean(default_cleaner, "dated-byline")
    assert doc.authors == ["Joe Rossignol"]
    assert doc.published == "2019-11-18T07:45-08:00"


def test_credentials_are_not_authors_and_copyright_names_the_site(default_cleaner):
    doc = clean(default_cleaner, "credentials")
    assert doc.authors == ["Rachael Link"]
    assert doc.published == "2019-11-14"
    assert doc.subtitle is None
    assert doc.site_name == "Healthy Pages"  # "Media" is a company ending, like "Inc"


@pytest.mark.parametrize("line", [
    "Gen. Robert Abrams, chief commander of the U.S. Forces Korea, speaks at a press conference.",
    "Pokemon Sword and Shield first impressions: My kingdom for a Bulbasaur",
])
def test_sentences_with_role_words_are_no_bylines(default_cleaner, line):
    from cleaner.page_meta import read_byline

    assert read_byline(line, default_cleaner.rules, language="en") is None


@pytest.mark.parametrize("line, names", [
    ("By Chris Pokorny @DawgsByNature Nov 18, 2019, 11:47am EST", ["Chris Pokorny"]),
    ("Chris Davies - Nov 19, 2019, 8:15 pm CST", ["Chris Davies"]),
    ("By Michael Hiltzik Business Columnist", ["Michael Hiltzik"]),
    ("Charlie Wood, Business Insider", None),  # no date, no label: only right under a headline
])
def test_byline_forms(default_cleaner, line, names):
    from cleaner.page_meta import read_byline

    read = read_byline(line, default_cleaner.rules, language="en")
    assert (read[0] if read else None) == names


def test_bare_name_right_under_the_headline(default_cleaner):
    from cleaner.page_meta import read_byline

    read = read_byline("Charlie Wood, Business Insider", default_cleaner.rules, bare=True,
                       language="en")
    assert read is not None and read[0] == ["Charlie Wood"]


@pytest.mark.parametrize("line", [
    "A cyclist rides past the plant, Bolivia, November 19, 2019. © Reuters / David Mercado",
    "ST. JOSEPH, Mich. (AP) — Michigan health authorities are reporting a 6th fatality.",
    "Jenny Slate and Her Editor on Refusing to Tidy Up Your Feelings in a Book",
])
def test_credits_datelines_and_headlines_are_no_names_even_under_a_headline(default_cleaner, line):
    from cleaner.page_meta import read_byline

    assert read_byline(line, default_cleaner.rules, bare=True, language="en") is None


def test_bare_name_under_the_headline_past_a_share_bar(default_cleaner):
    doc = clean(default_cleaner, "share-bar-byline")
    assert doc.title == "How to plan a vegetable garden in winter"
    assert doc.authors == ["Anna Lindqvist"]  # Share / Tweet / Pin / Email do not count as lines


def test_author_box_names_the_author_when_no_byline_is_printed(default_cleaner):
    assert clean(default_cleaner, "author-box").authors == ["Maria Gonzalez"]



def test_a_time_with_a_dot_and_an_update_label_inside_one_line(default_cleaner):
    # "Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 18.56 GMT": two dates
    assert clean(default_cleaner, "share-bar-byline").published == "2019-11-18T18:54+00:00"


def test_an_unpunctuated_first_paragraph_under_the_date_line_is_not_a_subtitle(default_cleaner):
    # the date line goes into the metadata; the paragraph under it has no full stop, as some
    # sites write their paragraphs, and it is the lead, not a deck
    lead = ("The club has this morning paid the fee to the league to complete the record "
            "signing of their new goalkeeper from the Spanish side")
    lines = [
        "Club completes record signing of new goalkeeper - Sports Daily",
        "Home", "News", "Sport", "Contact",
        "Club completes record signing of new goalkeeper",
        "August 8, 2018",
        lead,
        "This frees the way for the move of their old goalkeeper to Real Madrid",
        ("The goalkeeper will have a medical at the stadium today ahead of the move, which will "
         "make him the most expensive keeper in the history of the game."),
        ("The 23-year-old flew to London yesterday evening and will spend the day completing "
         "the formalities of the deal, which the club hopes to announce later today."),
        "Related posts", "Privacy policy"]
    doc = default_cleaner.clean("\n".join(lines))
    assert doc.published is not None and doc.published.startswith("2018-08-08")
    assert doc.subtitle is None
    assert doc.body.startswith(lead)


@pytest.mark.parametrize("under", ["۱۲ اسفند ۱۴۰۲ - ۱۰:۳۰", "Rockledge 14 11 6 15 — 44"])
def test_a_line_mostly_of_numbers_under_the_headline_is_not_a_subtitle(default_cleaner, under):
    # a date no known format reads (the Persian calendar, Persian digits), a box score
    lines = [
        "Home", "News", "Sport",
        "Library opens its doors after a year of building work",
        under,
        ("The new library opened this morning with more than fifty thousand books on its "
         "shelves, and entry is free for everyone who lives in the city."),
        ("A room for children is on the first floor, with story hours every week and a "
         "painting workshop on Saturday mornings, the director said."),
        "Privacy policy"]
    doc = default_cleaner.clean("\n".join(lines))
    assert doc.title == "Library opens its doors after a year of building work"
    assert doc.subtitle is None


def test_a_byline_or_date_line_is_never_taken_as_the_headline(default_cleaner):
    # the headline is too short to read as one ("First lettuces"); the line under it, a
    # WordPress byline, must not take its place
    post = ("We picked the first lettuces from the balcony today. They took six weeks from "
            "sowing and are far more tender than the ones from the shop.")
    for byline in ("Posted on April 18, 2024 by Lucy", "April 18, 2024 | by Lucy"):
        page = "\n".join(["First lettuces – My balcony garden", "Home", "Recipes", "About",
                          "First lettuces", byline, post, "Share this:"])
        doc = default_cleaner.clean(page)
        assert doc.title != byline
        assert doc.authors == ["Lucy"] and doc.published == "2024-04-18"


_LEAD = ("The city council voted on Tuesday to close the old bridge to cars from March, after "
         "engineers found cracks in two of its piers during a routine inspection.")
_SECOND = ("Buses and bicycles may still cross while the work goes on, and the council expects "
           "the bridge to open again to all traffic before the end of next year.")


def test_a_list_item_is_never_the_headline(default_cleaner):
    # inscriptis writes the menu's first link first, and again in the menu above the article
    lines = ["* Home", "* News", "* Sport", "Newsletter", "* Home", "* Local",
             "* Council closes the old bridge to cars", "Bridge to close to cars from March",
             "By Jane Roe", _LEAD, _SECOND, "* Privacy policy"]
    doc = default_cleaner.clean("\n".join(lines))
    assert doc.title == "Bridge to close to cars from March"
    assert doc.body.startswith(_LEAD)


def test_a_first_line_repeated_all_over_the_page_is_no_title(default_cleaner):
    # an ad label ("Ad Feedback") under every ad slot is not the page's <title>
    lines = ["Ad Feedback", "News", "Sport", "Ad Feedback", "Weather", "Ad Feedback",
             "Bridge to close to cars from March", "By Jane Roe", _LEAD, "Ad Feedback",
             _SECOND, "Ad Feedback", "Privacy policy"]
    doc = default_cleaner.clean("\n".join(lines))
    assert doc.title == "Bridge to close to cars from March"
    assert "Ad Feedback" not in doc.body


def test_a_headline_that_opens_the_title_line_before_an_unlisted_separator(default_cleaner):
    # AFPBB's <title>: headline, photo count and section set off by ideographic spaces, which
    # Unicode normalisation turns into plain spaces
    title_line = ("動画：ナイジェリアで少女らによる自爆攻撃、31人死亡\u3000写真1枚\u3000"
                  "国際ニュース：AFPBB News")
    headline = "動画：ナイジェリアで少女らによる自爆攻撃、31人死亡"
    body = [("【6月18日 AFP】ナイジェリア北東部ボルノ州で16日、少女らによる自爆攻撃があり、"
             "ロケット弾も撃ち込まれて少なくとも31人が死亡した。地元の当局者が明らかにした。"),
            ("攻撃は州都から約90キロ離れた町で起きた。イスラム過激派組織の犯行とみられている。"
             "負傷者は50人を超え、近くの病院に運ばれた。")]
    page = [title_line, "ニュース", "国際", "このニュースをシェア", headline, *body, "関連記事"]
    doc = default_cleaner.clean("\n".join(page))
    assert doc.title == headline
    assert doc.body == "\n".join(body)

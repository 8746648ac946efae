"""The region step on small made-up pages (fixtures/region/): what it keeps and what it drops."""
from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.config import Config
from cleaner.region import (
    REMOVED_AFTER,
    REMOVED_BEFORE,
    best_run,
    slug_words,
    title_forms,
)
from cleaner.ruleset import build_ruleset

FIXTURES = Path(__file__).parent.parent / "fixtures" / "region"


@pytest.fixture(scope="module")
def rules():
    return build_ruleset(Config())


def clean(name: str, url: str | None = None) -> cleaner.Document:
    return cleaner.clean((FIXTURES / name).read_text(encoding="utf-8"), url=url)


def test_menus_around_the_article_are_dropped_and_its_paragraphs_kept():
    doc = clean("menus.txt")
    assert doc.body.startswith("The new library in the old town")
    assert doc.body.endswith("which is open until late.")
    assert {r.rule for r in doc.removed} >= {REMOVED_BEFORE} | ({REMOVED_AFTER} & {r.rule for r in doc.removed})
    assert "Careers" not in doc.body and "World" not in doc.body


def test_a_caption_and_an_ad_label_inside_the_article_do_not_split_it():
    doc = clean("caption_inside.txt")
    assert "driest summer in forty years" in doc.body
    assert "at the end of the month" in doc.body
    assert "Tweet" not in doc.body and "Search" not in doc.body


def test_the_article_starts_at_the_headline_that_repeats_the_title_line():
    # the long customer-service paragraph at the foot outweighs the short article on words alone
    doc = clean("title_repeat.txt")
    assert "voted on Tuesday to approve" in doc.body
    assert "the decision was final." in doc.body
    assert "Customer Service Center" not in doc.body


def test_without_a_title_line_the_url_slug_finds_the_headline():
    text = (FIXTURES / "title_repeat.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    doc = cleaner.clean(text, url="https://herald.example/2019/11/council-approves-new-harbour-bridge-after-long-debate-1234")
    assert "voted on Tuesday to approve" in doc.body
    assert "Customer Service Center" not in doc.body


def test_title_forms_split_off_the_site_name(rules):
    forms = title_forms("Council approves new bridge - Breaking News - The Herald", rules)
    assert "council approves new bridge" in forms
    assert "the herald" not in forms  # too short to be a headline


def test_slug_words_read_the_longest_path_part(rules):
    assert slug_words("https://x.example/news/2019/storm-hits-the-coast-overnight-608399", rules) == {
        "storm", "hits", "the", "coast", "overnight"}
    assert slug_words("https://x.example/article/608399", rules) == set()
    assert slug_words(None, rules) == set()


def test_best_run_crosses_a_cheap_gap_but_not_an_expensive_one():
    assert best_run([30, -5, 30]) == (0, 2)
    assert best_run([30, -50, 20]) == (0, 0)
    assert best_run([-1, -2]) == (None, -1)


def test_the_inscriptis_layout_cleans_like_plain_lines():
    plain = (FIXTURES / "menus.txt").read_text(encoding="utf-8").splitlines()
    # inscriptis indents by nesting and writes list items as "* item"
    indented = "\n".join(("      * " + line) if len(line.split()) < 3 else ("   " + line) for line in plain)
    assert cleaner.clean(indented).body.split() == clean("menus.txt").body.split()


def test_unspaced_text_is_measured_in_words_not_as_one():
    paragraph = "東京都は火曜日、新しい図書館を来年の春に開館すると発表した。建物は駅の近くに建てられ、二十万冊の本を収める予定だという。"
    page = "\n".join(["ホーム", "ニュース", "スポーツ", paragraph, paragraph.replace("図書館", "美術館"), "会社概要", "お問い合わせ"])
    doc = cleaner.clean(page)
    assert "図書館を来年の春" in doc.body
    assert "お問い合わせ" not in doc.body


def test_a_comment_thread_longer_than_the_article_is_not_the_article():
    doc = clean("comments_after.txt")
    assert "battery lasted for almost two full days" in doc.body
    assert "which will put off some of the buyers." in doc.body
    assert "Nobody needs a bigger screen" not in doc.body
    assert "three years" not in doc.body


def test_a_teaser_line_inside_the_article_goes_and_a_subheading_stays():
    doc = clean("inside.txt")
    assert "Local team wins the regional cup again" not in doc.body
    assert "The bridge in numbers" in doc.body
    assert "four hundred metres long" in doc.body
    assert "region/inside-article" in {r.rule for r in doc.removed}

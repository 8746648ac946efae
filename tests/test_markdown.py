"""Markdown pages (html2text, Jina Reader, Firecrawl output): read as the text a reader sees."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from cleaner import Cleaner
from cleaner.markdown import (
    hard_wrapped,
    looks_like_markdown,
    markdown_text,
    read_markdown,
    wrap_width,
)

MARKDOWN = FIXTURES / "markdown"
RULES = Cleaner().rules
TOLERANCE = RULES.setting("markdown_wrap_tolerance")
PROSE = ("The council approved the new tram line on Tuesday after two years of hearings and a "
         "public vote that split the city in half. Work on the first section is due to start in "
         "the spring and to take about eighteen months, the council said.")


def test_links_keep_their_words_and_lose_their_targets():
    text = markdown_text("Read the [plan](https://example.com/plan.pdf \"Plan\") and the "
                         "[report][1].\n\n[1]: https://example.com/report", RULES)
    assert text == "Read the plan and the report."


def test_images_headings_emphasis_and_code_leave_only_words():
    text = markdown_text("## The *new* line\n\n![A tram on Main Street](/img/tram.jpg)\n\n"
                         "It runs **every** five minutes, says `timetable.pdf`.", RULES)
    assert text.split("\n") == ["The new line", "", "It runs every five minutes, says timetable.pdf."]


def test_list_items_keep_a_bullet_and_table_rows_are_lines():
    text = markdown_text("- [News](/news)\n- [Sport](/sport)\n\n1. first\n2. second\n\n"
                         "| Stop | Minutes |\n|---|---|\n| Station | 0 |\n| Hospital | 12 |", RULES)
    assert [line for line in text.split("\n") if line] == [
        "* News", "* Sport", "1. first", "2. second", "Stop | Minutes", "Station | 0", "Hospital | 12"]


def test_a_hard_wrapped_paragraph_is_one_line_again():
    wrapped = textwrap.fill(PROSE, 60)
    assert len(wrapped.split("\n")) > 2
    assert markdown_text(wrapped, RULES) == PROSE


def test_lines_of_a_block_written_one_under_another_keep_their_lines():
    # a teaser: headline, summary, time, as html2text writes a <div>'s lines
    teaser = ("Bus fares to rise in April\nThe city's buses will cost twenty cents more from "
              "the first of April, the transport authority said.\n9H ago")
    assert markdown_text(teaser, RULES).split("\n") == teaser.split("\n")
    teasers = [teaser.split("\n"), ["Cycle lanes for the east side", "Work starts in May.", "2H ago"]]
    assert wrap_width(teasers, RULES) is None
    wrapped = textwrap.fill(PROSE, 72).split("\n")
    assert wrap_width([wrapped], RULES) == max(len(line) for line in wrapped[:-1])
    assert hard_wrapped(wrapped, wrap_width([wrapped], RULES), TOLERANCE)
    assert not hard_wrapped(teaser.split("\n"), 72, TOLERANCE)


def test_links_a_strict_parser_leaves_as_text_still_lose_their_syntax():
    # javascript: targets are refused by renderers, and an empty target with a title is not a
    # CommonMark link; converters write both
    text = markdown_text('[ Facebook](javascript:%20void(0);) [ ]( "Share with mail: Tram line")'
                         " Twitter", RULES)
    assert text == "Facebook Twitter"


def test_script_blocks_are_not_text_and_br_breaks_a_line():
    text = markdown_text("<script>var tracking = 1;</script>\n\nFirst line<br>second line", RULES)
    assert text == "First line\nsecond line"


def test_a_lone_first_level_heading_above_the_article_opens_the_text_as_its_title():
    page = read_markdown(f"- [Home](/)\n- [News](/news)\n\n# Tram line approved\n\n{PROSE}", RULES)
    assert page.title == "Tram line approved"
    assert page.text.split("\n")[0] == "Tram line approved"
    # under the article it is a teaser's heading, not the page's
    below = read_markdown(f"{PROSE}\n\n# Bus fares to rise\n\nMore on buses.", RULES)
    assert below.title is None


def test_links_set_side_by_side_are_boxes_a_reader_sees_apart():
    # a menu html2text wrote as links with nothing between them: a link a line
    assert markdown_text("[Lions](/lions)[Tigers](/tigers) [Red Wings](/red-wings)",
                         RULES).split("\n") == ["Lions", "Tigers", "Red Wings"]
    # in a sentence, two links side by side keep their words apart, on the sentence's line
    assert markdown_text("you are here: [Home](/)[News](/news)", RULES) == "you are here: Home News"
    assert markdown_text("Read the [plan](/plan) and [report](/report).", RULES) == \
        "Read the plan and report."


def test_a_teaser_link_holding_headline_and_summary_is_read_a_part_a_line():
    # html2text writes a teaser (a link around an image, a headline and a summary) on one line,
    # its parts as spans side by side, or with two spaces between them in a grid of teasers
    spans = markdown_text("[![](/t.jpg)**Police: two in custody** _A woman and a man were "
                          "arrested on Monday._](/news/custody)", RULES)
    assert spans.split("\n") == ["Police: two in custody", "A woman and a man were arrested on Monday."]
    grid = markdown_text("[ ![cows](/c.jpg) Farmers paint their cows  The stripes keep the flies "
                         "away.  32M ago ](/news/cows) [ Koala rescued  A woman risked her life.  1H "
                         "ago ](/news/koala)", RULES)
    assert grid.split("\n") == ["Farmers paint their cows", "The stripes keep the flies away.",
                                 "32M ago", "Koala rescued", "A woman risked her life.", "1H ago"]
    # two spaces in a link that stands alone in its sentence are only spaces
    assert markdown_text("See [the  council's plan](/plan) today.", RULES) == \
        "See the council's plan today."


def test_bold_markers_a_converter_left_unpaired_are_not_words():
    # html2text closed a bold after a line break inside it: "**" stays on each side
    text = markdown_text("1) Lego Star Wars  \n[**http://amzn.to/x  \n**](http://amzn.to/x)", RULES)
    assert text.split("\n") == ["1) Lego Star Wars", "http://amzn.to/x"]
    assert markdown_text("Prices rose 5*3 times, or 2 ** 4.", RULES) == "Prices rose 5*3 times, or 2 ** 4."


def test_a_lone_heading_under_teasers_heads_the_article_its_section_holds():
    teasers = "\n\n".join(f"[**Teaser {n}** _{PROSE}_](/t{n})" for n in range(3))
    page = read_markdown(f"{teasers}\n\n# Tram line approved\n\n{PROSE}\n\n{PROSE}\n\n"
                         "## Most read\n\n[Bus fares](/bus)", RULES)
    assert page.title == "Tram line approved"
    # a teaser's heading under the article has a summary under it, not the article
    teaser = read_markdown(f"{PROSE}\n\n{PROSE}\n\n# Bus fares to rise\n\n{PROSE}\n\n"
                           "## Cycle lanes\n\nMore on bikes.", RULES)
    assert teaser.title is None


def test_jina_reader_header_gives_title_url_and_date():
    page = (MARKDOWN / "jina-blog.md").read_text(encoding="utf-8")
    read = read_markdown(page, RULES)
    assert read.title == "Ein Wochenende im Harz: Wandern rund um den Brocken"
    assert read.url == "https://wanderblog.example/2024/10/harz-brocken"
    doc = Cleaner().clean(page)
    assert doc.published == "2024-10-14T08:30+02:00"
    assert doc.title == read.title
    assert doc.stats["mode"] == "markdown"


def test_markdown_is_told_from_plain_text_by_its_syntax():
    assert looks_like_markdown((MARKDOWN / "firecrawl-news.md").read_text(encoding="utf-8"), RULES)
    # one quoted link or a hashtag line does not make a text page Markdown
    assert not looks_like_markdown(f"{PROSE}\nSee [the plan](https://example.com/plan).\n#tram", RULES)
    texts = [p for p in FIXTURES.rglob("*.txt") if "markdown" not in p.parts]
    assert len(texts) > 50
    for path in texts:
        assert not looks_like_markdown(path.read_text(encoding="utf-8", errors="replace"), RULES), path


@pytest.mark.parametrize("name", ["firecrawl-news", "jina-blog"])
def test_markdown_pages_come_out_as_expected(name):
    page = (MARKDOWN / f"{name}.md").read_text(encoding="utf-8")
    doc = Cleaner().clean(page, source=f"{name}.md")
    assert doc.body + "\n" == (MARKDOWN / f"{name}.expected.txt").read_text(encoding="utf-8")
    assert "](" not in doc.body and "http" not in doc.body and "**" not in doc.body


def test_firecrawl_news_metadata_and_every_removed_piece_named():
    doc = Cleaner().clean((MARKDOWN / "firecrawl-news.md").read_text(encoding="utf-8"))
    assert doc.title == "Council approves tram line after two years of hearings"
    assert doc.authors == ["Maria Lopez"]
    assert doc.published == "2025-03-04"
    assert doc.section is None        # the account bar above the headline is not a section
    fired = set(doc.rules_fired)
    # the account bar's two links are two buttons, a line each; the share list's items are
    # read without their bullets
    for rule in ("navigation/skip-links", "navigation/menu-labels", "share/share-buttons",
                 "newsletter/signup-prompt", "legal/copyright"):
        assert rule in fired
    # what left the body and the body make up the text the page was read as
    read = read_markdown((MARKDOWN / "firecrawl-news.md").read_text(encoding="utf-8"), RULES).text
    words = sorted(read.split())
    kept = doc.body.split() + [w for r in doc.removed for w in r.text.split()]
    assert sorted(kept) == words


def test_cli_cleans_a_markdown_file_and_fix_keeps_it(tmp_path: Path):
    page = tmp_path / "page.md"
    original = (MARKDOWN / "firecrawl-news.md").read_bytes()
    page.write_bytes(original)
    result = run_cli("clean", "--format", "json", str(page))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["stats"]["mode"] == "markdown"
    assert record["body"] + "\n" == (MARKDOWN / "firecrawl-news.expected.txt").read_text(
        encoding="utf-8")
    fixed = run_cli("fix", str(page))
    assert fixed.returncode == 2
    assert "is Markdown" in fixed.stderr.decode()
    assert page.read_bytes() == original


def test_the_fix_hook_keeps_a_markdown_page(tmp_path: Path, capsys):
    from cleaner.hooks import main

    page = tmp_path / "page.md"
    original = (MARKDOWN / "jina-blog.md").read_bytes()
    page.write_bytes(original)
    assert main(["fix", str(page)]) == 1
    assert "is Markdown" in capsys.readouterr().err
    assert page.read_bytes() == original


@pytest.mark.parametrize("name", ["firecrawl-news", "jina-blog"])
def test_markdown_pages_clean_idempotently_and_conserve_their_text(name):
    from test_invariants import assert_conserved

    cleaner = Cleaner()
    page = (MARKDOWN / f"{name}.md").read_text(encoding="utf-8")
    doc = cleaner.clean(page)
    assert_conserved(page, doc)
    again = cleaner.clean(doc.body)
    assert again.body == doc.body and not again.removed

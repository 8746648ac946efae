"""The region step on small made-up pages (fixtures/region/): what it keeps and what it drops."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

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
from cleaner.text import fold_as_slug as region_fold

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


def _cleaner_with(tmp_path: Path, **settings) -> cleaner.Cleaner:
    """The bundled packs with some region settings overridden by a user pack."""
    lines = ["name: override", "description: region settings for a test", "version: 1",
             "settings:"] + [f"  {k}: {v}" for k, v in settings.items()]
    pack = tmp_path / "override.yaml"
    pack.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return cleaner.Cleaner(rules=[pack])


def test_a_list_announced_by_a_line_ending_in_a_colon_stays_with_the_article(tmp_path):
    text = (FIXTURES / "announced_list.txt").read_text(encoding="utf-8")
    body = cleaner.clean(text).body
    assert "1) Wooden railway set with forty pieces" in body
    assert "4) Model of the time-travel car" in body
    assert "http://shop.example/a4" in body
    assert "Privacy" not in body and "Shop" not in body
    # without the announcement, the numbered lines and bare links read as a link list
    unannounced = _cleaner_with(tmp_path, region_list_min_items=1000).clean(text).body
    assert "4) Model of the time-travel car" not in unannounced


def test_a_short_colon_label_or_a_two_line_teaser_is_not_a_list():
    paragraph = ("The city council voted on Tuesday to approve the new harbour bridge, ending "
                 "a debate that has lasted for more than a decade in the town.")
    teasers = ["Storm warning issued for the coast tonight", "Local team wins the regional cup",
               "Schools close early for the holidays"]
    page = "\n".join(["Home", paragraph, paragraph.replace("Tuesday", "Monday"),
                      "Related stories:", *teasers, "Contact"])
    body = cleaner.clean(page).body
    assert not any(t in body for t in teasers)
    two = "\n".join(["Home", paragraph, "Here is what the mayor said about the plan on the radio:",
                     *teasers[:2], "Contact"])
    assert not any(t in cleaner.clean(two).body for t in teasers[:2])


def test_the_deck_under_the_headline_is_not_the_first_paragraph(tmp_path):
    text = (FIXTURES / "deck.txt").read_text(encoding="utf-8")
    body = cleaner.clean(text).body
    assert body.startswith("The city council voted on Tuesday")
    assert "ends ten years of argument" not in body
    assert "ends ten years of argument" in _cleaner_with(
        tmp_path, region_deck_max_words=0).clean(text).body


def test_a_lead_paragraph_after_the_byline_is_kept():
    text = (FIXTURES / "deck.txt").read_text(encoding="utf-8").splitlines()
    # the byline first, then the paragraph: nothing marks it as a deck
    text[4], text[5] = text[5], text[4]
    body = cleaner.clean("\n".join(text)).body
    assert body.startswith("The decision ends ten years of argument")


def test_a_long_repeated_caption_inside_a_post_does_not_split_it(tmp_path):
    caption = ("2018 Theatre Tradition Series Performance The Palace Tale of the Court Dancer at "
               "the Autumn Festival in the Park")
    paragraphs = [
        ("The opening ceremony of the autumn festival was held on a special stage in the park "
         "and crowds came early to find a seat."),
        ("Our team of six drummers and dancers prepared three short pieces for the evening and "
         "rehearsed them for most of the afternoon."),
        ("The dance techniques of the old court dances, paired with bright costumes, showed the "
         "audience an even more elegant side of the show."),
        ("When the drums started the whole square was already packed with people, and many of "
         "them stayed until the very last song."),
    ]
    lines = ["Home", "Blog"]
    for paragraph in paragraphs:
        lines += [caption, paragraph]
    lines += ["Contact", "Privacy"]
    page = "\n".join(lines)
    body = cleaner.clean(page).body
    assert all(p in body for p in paragraphs)
    uncapped = _cleaner_with(tmp_path, region_bad_words_cap=1000).clean(page).body
    assert not all(p in uncapped for p in paragraphs)


def test_the_stopword_threshold_drops_only_on_pages_whose_sentences_hold_few_stopwords(rules):
    from cleaner.features import BlockFeatures
    from cleaner.region import stopword_threshold

    s = rules.settings
    english_like = [BlockFeatures(25, True, 0.45, False) for _ in range(5)]
    assert stopword_threshold(english_like, s) == s["region_stopword_density"]
    # Korean particles join the word, so its list catches fewer tokens in every sentence
    korean_like = [BlockFeatures(40, True, d, False) for d in (0.05, 0.09, 0.12, 0.14, 0.16)]
    lowered = stopword_threshold(korean_like, s)
    assert lowered < s["region_stopword_density"]
    assert lowered == 0.16 * s["region_stopword_relative"]
    assert stopword_threshold([], s) == s["region_stopword_density"]


def test_slug_words_leave_out_a_file_extension(rules):
    assert slug_words("https://x.example/news/2019/11/storm-hits-the-coast-overnight.html",
                      rules) == {"storm", "hits", "the", "coast", "overnight"}


def test_a_headline_with_small_words_the_slug_leaves_out_is_surely_the_headline(rules):
    from cleaner.page import Page, split_blocks
    from cleaner.region import title_anchor

    lines = ["News", "World",
             "House Hitler was born in will become a police station, Austria’s government says",
             ("The house will be turned into a police station, the interior ministry said on "
              "Tuesday in Vienna.")]
    text = "\n".join(lines)
    page = Page(source=None, url="https://x.example/news/house-hitler-born-become-police-"
                "station-austrias-government-says-n1086046", normalized=text, normalization=[],
                blocks=split_blocks(text), language="en")
    folded = {b.index: region_fold(b.text) for b in page.blocks}
    assert title_anchor(page, page.alive(), rules, folded) == (2, True)


def _scanned_neighbour(labels: list[str], i: int, step: int, reach: int) -> str | None:
    """The nearest good or bad class within `reach` blocks one way, by walking to it."""
    j = i + step
    while 0 <= j < len(labels) and abs(j - i) <= reach:
        if labels[j] in ("good", "bad"):
            return labels[j]
        j += step
    return None


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["good", "near", "short", "bad"]), max_size=30),
       st.integers(min_value=0, max_value=6))
def test_decided_neighbours_are_the_nearest_within_reach(labels: list[str], reach: int) -> None:
    from cleaner.region import _decided_neighbours

    before, after = _decided_neighbours(labels, reach)
    assert before == [_scanned_neighbour(labels, i, -1, reach) for i in range(len(labels))]
    assert after == [_scanned_neighbour(labels, i, 1, reach) for i in range(len(labels))]


def test_a_short_post_ends_at_the_comments_heading_when_a_thread_follows_it(tmp_path):
    # the post is shorter than cut_after_min_words, so the comments heading alone does not
    # close it; the reply links and the comment form right after the heading do
    text = (FIXTURES / "short_post_thread.txt").read_text(encoding="utf-8")
    body = cleaner.clean(text).body
    assert body.startswith("The frogs are back in the pond this week")
    assert "newts have been busy" not in body and "heron" not in body
    without = _cleaner_with(tmp_path, region_thread_min_lines=1000).clean(text).body
    assert "heron" in without


def test_a_comment_count_under_the_lead_paragraph_does_not_close_a_short_article():
    # the count links to the thread further down; the article goes on after it, and the form
    # at its foot is not a thread that opens at the count
    text = (FIXTURES / "short_post_thread.txt").read_text(encoding="utf-8").splitlines()
    count, thread_end = text.index("7 Comments"), text.index("Leave a Reply")
    more = [("The toads usually follow a fortnight later, and they prefer the deeper water by "
             "the reeds, where the spawn hangs in long strings."),
            "Last year the first tadpoles hatched in the second week of April."]
    page = text[:count - 3] + [text[count]] + more + text[thread_end:]
    body = cleaner.clean("\n".join(page)).body
    assert "eleven clumps" in body and "long strings" in body and "second week of April" in body


def test_a_list_announced_by_a_sentence_ending_in_below_stays_with_the_article():
    lead = ("The city library will open for longer on weekdays from January, the council said "
            "on Tuesday, after a survey of more than two thousand readers.")
    hours = ["Monday: 8 am to 4 pm", "Tuesday: 8 am to 6 pm", "Wednesday: 8 am to 4 pm",
             "Thursday: 8 am to 6 pm", "Friday: 8 am to 2 pm"]
    after = ("The reading room on the first floor will keep its old hours while the heating "
             "is replaced, which the council expects to finish by the end of March.")
    close = "Readers can book a study desk online or at the front desk from next week."

    def page(intro: str) -> str:
        return "\n".join(["Home", "News", "Sport", lead, intro, *hours, after, close,
                          "Most read", "Contact", "Privacy"])

    for intro in ("The new opening hours are listed below.",
                  "Below are the new opening hours for each day."):
        body = cleaner.clean(page(intro)).body
        assert all(h in body for h in hours), intro
        assert body.startswith("The city library") and "Privacy" not in body
    # the same lines after a sentence that announces nothing read as a menu
    body = cleaner.clean(page("The council met on Tuesday evening.")).body
    assert not any(h in body for h in hours)


MULTILINGUAL = FIXTURES.parent / "multilingual"


def test_a_read_more_box_inside_the_article_does_not_end_it(tmp_path):
    # "Mehr zum Thema" and one headline, then the article goes on for two more paragraphs
    text = (MULTILINGUAL / "de-news-inline.txt").read_text(encoding="utf-8")
    body = cleaner.clean(text).body
    assert "Zugbindung für Sparpreise ist aufgehoben" in body
    assert "Arbeit von zu Hause" in body
    assert "Tarifverhandlungen" not in body  # the promoted story's headline is no subheading
    cut = _cleaner_with(tmp_path, cut_after_resume_prose=1000).clean(text).body
    assert "Arbeit von zu Hause" not in cut


def test_the_headline_under_a_read_also_label_is_not_a_subheading():
    body = cleaner.clean((MULTILINGUAL / "it-news-inline.txt").read_text(encoding="utf-8")).body
    assert "Frana sulla statale" not in body
    assert "cimiteri cittadini" in body


def test_a_thread_of_name_says_headers_closes_a_short_post_too():
    # older WordPress themes print "Tom Baker says:" over the comment's date, with no reply links
    lines = (FIXTURES / "short_post_thread.txt").read_text(encoding="utf-8").splitlines()
    page, previous = [], None
    for line in lines:
        if previous in ("7 Comments", "Reply") and line != "Leave a Reply":
            page.append(line + " says:")
        elif line != "Reply":
            page.append(line)
        previous = line
    body = cleaner.clean("\n".join(page)).body
    assert body.startswith("The frogs are back in the pond this week")
    assert "says:" not in body and "heron" not in body


def test_a_related_list_whose_teasers_have_summaries_still_ends_the_article():
    # headline, summary, headline, summary: prose under the marker, but no paragraph follows a
    # sentence, so the cut stands
    text = (MULTILINGUAL / "de-news-inline.txt").read_text(encoding="utf-8").splitlines()
    box = text.index("Mehr zum Thema")
    teasers = ["Inflation sinkt weiter",
               ("Die Preise sind im Oktober so langsam gestiegen wie seit zwei Jahren nicht mehr, "
                "meldet das Statistische Bundesamt."),
               "Tarifrunde im Handel beendet",
               ("Nach sieben Monaten haben sich Gewerkschaft und Arbeitgeber im Einzelhandel auf "
                "einen neuen Tarifvertrag geeinigt.")]
    page = text[:box + 1] + teasers + ["Impressum", "Datenschutz"]
    body = cleaner.clean("\n".join(page)).body
    assert "Statistische Bundesamt" not in body and "Einzelhandel" not in body
    assert "Notfahrplan" in body


def test_kept_stopword_shares_are_the_counted_ones_and_bounded(monkeypatch):
    from cleaner import features
    from cleaner.page import split_blocks
    from cleaner.text import stopword_share

    monkeypatch.setattr(features, "_SHARES_CHARS", 4096)
    stopwords = frozenset({"the", "a", "of", "and"})
    lines = [f"the line {i} of a page and more" for i in range(400)]  # ~12,000 characters
    blocks = split_blocks("\n".join(lines))
    for _ in range(2):  # counted, then read back from what was kept
        got = features.page_features(blocks, stopwords, [False] * len(blocks))
        assert [f.stopword_density for f in got] == \
            [stopword_share(b.spaced_tokens, stopwords) for b in blocks]
    assert 0 < sum(map(len, features._shares_of(stopwords))) <= 4096


def test_short_list_items_between_a_colon_and_the_prose_that_resumes_are_kept():
    # two-word items: two short lines in a row would end the list and leave them as a menu,
    # but the article's prose resumes right under them
    para = ("The council closes three car parks in the centre next month for repairs that "
            "will take about four months, the city said on Tuesday.")
    after = ("Drivers are asked to use the park and ride sites at the edge of the city, where "
             "parking is free for as long as the works last, a spokesman said.")
    items = ["Station Square", "Market Hall", "Old Harbour"]
    page = "\n".join(["Home", "News", "Sport", para, "These are the car parks:", *items, after,
                      "Privacy policy", "Contact us", "Follow us:", "Facebook", "Twitter",
                      "Instagram"])
    body = cleaner.clean(page).body
    for line in (para, "These are the car parks:", *items, after):
        assert line in body
    for line in ("Privacy policy", "Follow us:", "Facebook", "Instagram"):
        assert line not in body


def test_a_share_tail_under_a_post_too_short_to_cut_after_still_leaves_the_body():
    # "Compartir esto:" marks where a post ends, but two sentences are too little text above
    # it to cut after, and the related excerpts under it keep it inside the article's run:
    # the marker lines go all the same, once the region step has read the page
    page = (Path(__file__).parent.parent / "fixtures" / "multilingual"
            / "es-blog-related-excerpts.txt").read_text(encoding="utf-8")
    doc = cleaner.clean(page)
    assert doc.body.startswith("Por fin hemos recogido las primeras lechugas del balcón.")
    lines = doc.body.split("\n")
    assert "Compartir esto:" not in lines and "Me gusta esto:" not in lines
    assert {"Compartir esto:", "Me gusta esto:"} <= {r.text for r in doc.removed
                                                    if r.rule == "share/share-this-tail"}


def test_sentences_broken_over_lines_are_read_as_their_paragraph():
    # the line breaks of the page's source, left by a naive converter: each line alone is
    # short and unpunctuated, as a menu item is; joined, they are the article's paragraphs
    doc = clean("wrapped.txt")
    assert doc.body.startswith("The small ferry that links")
    assert doc.body.endswith("every morning.")
    assert "crossing now takes twelve minutes" in doc.body
    assert "Popular Posts" not in doc.body and "Contact" not in doc.body


def test_a_box_shown_again_between_paragraphs_does_not_end_the_article():
    # a "Most Popular" box of six lines, repeated after every few paragraphs: each copy is
    # longer than a "Read more" box may be (cut_after_box_lines), but its lines are the
    # page's own furniture shown again, and the article resumes under the last copy too
    box = ["Most Popular", "Gear", "Thirty tools every home should have", "Business",
           "The week markets turned again", "Culture"]
    paragraphs = [
        ("The council approved the new tram line on Tuesday, after two years of hearings and "
         "a public vote that split the city almost exactly in half."),
        ("Work on the first section, from the station to the university, is due to start in "
         "the spring and to take about eighteen months, the council said."),
        ("Shops along the route will get help with their rent while the street is closed, and "
         "buses will run every five minutes during the work."),
        ("Residents who opposed the plan said they would keep watching the costs, which have "
         "already risen twice since the first estimate was published."),
        ("The mayor said the line would carry twenty thousand passengers a day once it opens, "
         "and that a second line to the harbour could follow."),
        ("The first trams are to arrive from the factory next winter, and test runs on the "
         "finished section are planned for the summer after that."),
    ]
    page = (["Tram line approved after two years of hearings - City News", "Home", "News",
             "Tram line approved after two years of hearings"]
            + paragraphs[:2] + box + paragraphs[2:4] + box + paragraphs[4:]
            + ["Privacy policy", "Terms of use"])
    doc = cleaner.clean("\n".join(page))
    # neither copy of the box is a cut: the paragraphs under it are left to the region step
    cut = [r.text for r in doc.removed if r.rule == "related/list-heading"]
    assert cut == ["Most Popular", "Most Popular"]
    assert doc.body.startswith(paragraphs[0]) and paragraphs[3] in doc.body
    assert "Thirty tools" not in doc.body


def test_a_line_announcing_what_follows_stays_in_the_article():
    # "... include:" reads as a short unpunctuated line, as a menu item does; under it the
    # article goes on, so it is the article's
    lead = ("Chia seeds and goji berries are the new kale and quinoa, according to the search "
            "company's yearly look at what people asked about food.")
    points = ["Pizza was searched more than the World Cup this year.",
              "The Cronut rose to seventeenth on the list of recipes after its first year.",
              "Our favourite ways to eat eggs are deviled, scrambled and boiled, in that order."]
    page = ["Food searches of the year - Daily Post", "Home", "Food", "Food searches of the year",
            lead, "Some of the other food data points include:", *points,
            "Related stories", "Privacy policy"]
    body = cleaner.clean("\n".join(page)).body
    assert "Some of the other food data points include:" in body.split("\n")
    assert body.startswith(lead) and points[-1] in body


def test_a_related_box_under_a_short_lead_does_not_end_the_article():
    # the lead is shorter than cut_after_min_words, so the "Related" marker is held for the
    # region step; the article resumes under the box's one headline, so the run goes on
    lead = ("The city will close the old bridge to cars from March, the council said on "
            "Tuesday, after engineers found cracks in two of its piers.")
    rest = [("Buses and bicycles may still cross while the work goes on, and the council "
             "expects the bridge to open again to all traffic before the end of next year."),
            ("Residents who opposed the plan said they would keep watching the costs, which "
             "have already risen twice since the first estimate was published in spring."),
            ("The mayor said the repairs would be paid for from the road budget, and that no "
             "other project would be put off because of them.")]
    page = ["Old bridge to close to cars from March - City News", "Home", "News",
            "Old bridge to close to cars from March", "By Jane Roe", lead, "Related",
            "New tram line approved after two years of hearings", *rest, "Privacy policy"]
    body = cleaner.clean("\n".join(page)).body
    assert body.startswith(lead) and body.endswith(rest[-1])


def test_an_about_me_widget_above_the_post_is_not_its_first_paragraph():
    # a sidebar printed before the post: the paragraph under "About Me" is the widget's; the
    # post starts at its headline, over its date line
    about = ("Hi! I'm Jane, I live in Leeds with two cats and a garden that is too small, and I "
             "started this blog in 2015 to keep my grandmother's recipes.")
    post = [("I baked my grandmother's lemon cake on my own for the first time today, and it "
             "came out lighter than I had feared."),
            ("The secret, my mother says, is to beat the eggs for a long time before the flour "
             "goes in. Next week I will try again and tell you how it went.")]
    page = ["Menu", "Home", "Recipes", "Travel", "About Me", about,
            "My grandmother's lemon cake, at last", "July 15, 2024 | Jane", *post, "Share this:", "Facebook", "Leave a Reply",
            "Recent Posts", "Scones for a rainy Sunday", "Proudly powered by WordPress"]
    doc = cleaner.clean("\n".join(page))
    assert doc.body == "\n".join(post)
    assert doc.title == "My grandmother's lemon cake, at last"


def test_a_menu_written_in_lower_case_is_not_a_sentence_broken_over_lines():
    # "world news" / "business news" / ...: each line opens in lower case under one ending in
    # a letter, as the lines of a wrapped sentence do, but no line of the run ends a sentence
    from cleaner.features import page_features
    from cleaner.page import split_blocks

    menu = ["latest news", "world news", "business news", "sport and more", "culture and arts",
            "science and tech", "health and food", "travel and places", "money and jobs",
            "weather and maps", "opinion and letters", "photos and video", "home and garden",
            "cars and bikes", "books and films", "music and games"]
    blocks = split_blocks("\n".join(menu))
    features = page_features(blocks, frozenset({"and"}), [False] * len(blocks))
    assert [f.words for f in features] == [b.words for b in blocks]


def test_a_menus_last_item_above_the_headline_is_not_the_section():
    # inscriptis and Markdown write a menu's entries as list items; the last one stands right
    # over the headline, where a kicker ("Politics") would
    article = ("The council approved the new tram line on Tuesday after two years of hearings "
               "and a public vote that split the city in half.\nWork on the first section is due "
               "to start in the spring and to take about eighteen months, the council said.")
    head = "Tram line approved after two years\n"
    menu = cleaner.clean("* Home\n* News\n* About\n" + head + article)
    assert menu.section is None and "About" not in menu.body
    kicker = cleaner.clean("Home\nNews\nTransport\n" + head + article)
    assert kicker.section == "Transport"

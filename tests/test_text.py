"""text.measure: one tokenisation gives every measure the steps read, equal to each measure
computed on its own (the folds as the region and structure steps first wrote them, with
regex substitutions)."""
from __future__ import annotations

import string

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.page import Block
from cleaner.text import ends_sentence, fold, fold_as_slug, measure, word_count, words


def substituted_fold(text: str) -> str:
    return regex.sub(r"\W+", " ", text.casefold()).strip()


def substituted_slug_fold(text: str) -> str:
    return regex.sub(r"[\W_]+", " ", regex.sub(r"['’]", "", text.casefold())).strip()


def separate_measures(text: str) -> tuple:
    return (" ".join(words(text)), word_count(text), ends_sentence(text),
            substituted_fold(text), substituted_slug_fold(text))


CASES = [
    "", "   ", "—", "Hello, world.", "Korea’s president said it's over",
    "snake_case and __dunder__ names", "Straße GROSS ß", "İstanbul'da ISTANBUL",
    "ΟΔΟΣ ΣΟΦΟΣ λόγος.", "東京都の新しい計画について", "हिन्दी में समाचार।", "ﬁle ﬂow",
    "Ⅻ ⓐⒶ ½ x² ‿join", "tab\tand\u00a0nbsp  ", "“Quoted.”", "e\u0301te\u0301 (NFD)",
    "ภาษาไทย ง่ายมาก", "မြန်မာ သတင်း။", "東京 ภาษาไทย",
]


def test_measure_equals_each_measure_on_its_own() -> None:
    for text in CASES:
        assert measure(text) == separate_measures(text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
       | st.text(alphabet="aAßİıΣσς'’_ -.東京हि\u0301", max_size=30)
       | st.text(alphabet=string.printable, max_size=60))
def test_measure_equals_each_measure_on_any_text(text: str) -> None:
    assert measure(text) == separate_measures(text)


def test_fold_functions_match_the_substitutions() -> None:
    for text in CASES:
        assert fold(text) == substituted_fold(text)
        assert fold_as_slug(text) == substituted_slug_fold(text)


def test_block_measures_follow_set_text() -> None:
    block = Block(index=0, text="Korea’s new plan", para=0)
    assert block.tokens == ("korea", "s", "new", "plan") == tuple(words(block.text))
    assert (block.words, block.folded, block.slug_folded) == (4, "korea s new plan",
                                                               "koreas new plan")
    density = block.stopword_density(frozenset({"new"}))
    assert density == 0.25
    block.set_text("It ends here.")
    assert block.tokens == ("it", "ends", "here") and block.words == 3 and block.ends_sentence
    assert block.stopword_density(frozenset({"new"})) == 0.0


def test_words_of_scripts_without_spaces() -> None:
    # Chinese and Japanese: a word per two characters; Thai, Lao, Khmer, Myanmar: per four
    # (their vowel signs and tone marks are characters of their own)
    assert word_count("東京都の新しい計画") == 4      # 9 characters
    assert word_count("ภาษาไทยง่ายมาก") == 3          # 14 characters
    assert word_count("東京 ภาษาไทย") == 2            # 2 Han, 7 Thai
    assert word_count("ก") == 1                       # one word at least
    assert word_count("News ภาษาไทยง่ายมาก") == 4


def test_full_stops_of_other_scripts_end_a_sentence() -> None:
    for stop in ("။", "។", "።", "։", "．", "।"):
        assert ends_sentence("text" + stop), stop
    assert not ends_sentence("မြန်မာ သတင်း")

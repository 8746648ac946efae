"""split_blocks measures all lines of a page at once (line_measures): each block's measures and
paragraph number equal those of the block made on its own (`Block(...)`, `text.measure`), and
the facts about Unicode the page-wide tokenising rests on hold for every character."""
from __future__ import annotations

import re
import string

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import line_measures, page
from cleaner.page import Block, split_blocks

ALL = [chr(c) for c in range(0x110000)]


def blocks_one_by_one(text: str) -> list[Block]:
    """split_blocks as first written: paragraphs, then lines, each block measured on its own."""
    blocks: list[Block] = []
    for para, chunk in enumerate(text.split("\n\n")):
        for line in chunk.split("\n"):
            if line:
                blocks.append(Block(index=len(blocks), text=line, para=para))
    return blocks


def described(blocks: list[Block]) -> list[tuple]:
    return [(b.index, b.text, b.para, b.spaced_tokens, b.words, b.ends_sentence, b.folded,
             b.slug_folded, b.removed_by, b.field, b.stripped, b.verdicts, b.sticky)
            for b in blocks]


CASES = [
    "", "\n", "\n\n\nText", "One.\nTwo\n\nThree!\n\n\n\nFour\n\n\nFive ", "  lead and trail  \n\t",
    "Korea’s president said it's over.\nsnake_case and __dunder__\n\n'quoted' — “Curly.”",
    "Straße GROSS ß\nİstanbul'da ISTANBUL\nΟΔΟΣ ΣΟΦΟΣ λόγος.\nΑΣ ΑΒ\nΣ\nﬁle ﬂow",
    "東京都の新しい計画について。\nEnglish line\nहिन्दी में समाचार।\nไทย ภาษา",
    "Ⅻ ⓐⒶ ½ x² ‿join ①\ne\u0301te\u0301 (NFD)\n\x01control\x02\x7f\u0085\u2028",
    "tab\tand\u00a0nbsp\u3000end\u3000\nemoji 🙂 and 𝐛𝐨𝐥𝐝 and \U00010107 ancient",
    "lone \ud800 surrogate\n\u200d\u200cjoin",
    "An English page\nquoting 東京都 (Tokyo) once.\n\nAnd ไทย, 한국어 and Ελληνικά.",
    "Many symbols: ←a↑b→c↓d↔e↕f⇐g⇑h⇒i⇓j⇔k⇕l∀m∂n∃o∅p∇q∈r∉s∋t don’t",
]


def test_blocks_equal_blocks_measured_one_by_one() -> None:
    for text in CASES:
        assert described(split_blocks(text)) == described(blocks_one_by_one(text)), text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=80)
       | st.text(alphabet="aAßİıΣσς'’_ -.,\n\n東京のไทย한हि\u0301²½\t\x01\u00a0", max_size=60)
       | st.text(alphabet=string.printable, max_size=120))
def test_blocks_equal_blocks_measured_one_by_one_on_any_text(text: str) -> None:
    assert described(split_blocks(text)) == described(blocks_one_by_one(text))


def test_blocks_of_a_long_page_equal_blocks_measured_one_by_one() -> None:
    lines = [case.replace("\n", " ") for case in CASES] * 40
    text = "\n\n".join("\n".join(lines[i:i + 3]) for i in range(0, len(lines), 3))
    assert described(split_blocks(text)) == described(blocks_one_by_one(text))


def test_re_and_regex_disagree_on_word_characters_only_where_looked_up() -> None:
    """Beyond ASCII, a character `re` takes for a word character and `regex` does not is one
    _OTHER_NUMBER finds; one `regex` takes and `re` does not, _NOT_RE_WORD finds (so both get
    looked up)."""
    re_word, regex_word = re.compile(r"\w"), regex.compile(r"\w")
    for char in ALL[128:]:
        ours, theirs = re_word.match(char) is not None, regex_word.match(char) is not None
        if ours and not theirs:
            assert line_measures._OTHER_NUMBER.match(char), hex(ord(char))
        if not ours:
            assert line_measures._NOT_RE_WORD.match(char), hex(ord(char))


def test_case_changes_keep_line_breaks_and_marks() -> None:
    """No character lowers or folds to a line break, to "\\x01" (the break's mark), or to an
    apostrophe or underscore (the slug's characters), except those characters themselves."""
    for char in ALL:
        for changed in (char.lower(), char.casefold()):
            for special in "\n\x01'’_":
                assert special not in changed or char == special, hex(ord(char))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab. \n", max_size=60), st.integers(min_value=1, max_value=12))
def test_a_text_measured_in_pieces_gives_the_same_blocks(text: str, piece: int) -> None:
    saved = page._PIECE
    page._PIECE = piece
    try:
        assert described(split_blocks(text)) == described(blocks_one_by_one(text))
    finally:
        page._PIECE = saved

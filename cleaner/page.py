"""The document-so-far that pipeline steps pass along: blocks with their verdicts, and metadata.

A block is one non-empty line of the normalised text; `para` groups the lines of one paragraph.
Steps never delete a block: they record a verdict on it, so every earlier decision stays
inspectable and every piece of text stays accounted for.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from dataclasses import field as dc_field
from itertools import accumulate, chain, compress, count, repeat
from operator import add, floordiv, itemgetter, sub
from typing import Any

from .line_measures import line_columns
from .text import TERMINAL, measure, stopword_share

# the bullets converters write ("* ", "+ " for a nested list, "• "), and the markers a page
# sets before its menu's items ("► Markets"): both open a list item; rules read past the
# bullets only (`bullet_length`), as a page also sets "►" before a line a rule may name
# ("► 2018 (45)", a blog's archive)
_BULLETS = "*+•◦▪"
_MARKERS = "►▶"
_LIST_ITEM = re.compile(rf"\s*[{re.escape(_BULLETS + _MARKERS)}](?:\s|$)")
_CONVERTER_BULLET = re.compile(rf"\s*[{re.escape(_BULLETS)}](?:\s+|$)")


def is_list_item(text: str) -> bool:
    """The line opens with a list bullet ("* Home", "• Markets")."""
    return _LIST_ITEM.match(text) is not None


def bullet_length(text: str) -> int:
    """How many characters the bullet a converter set before the line takes, with the white
    space around it (0 when there is none): rules read a list item's words, not its bullet, so that
    "* Share on Facebook", as inscriptis or a Markdown list writes it, is the line a rule for
    "Share on Facebook" is written for."""
    if not text or not (text[0] in _BULLETS or text[0].isspace()):
        return 0  # most lines: no regex call (rules read lines tens of times a page)
    found = _CONVERTER_BULLET.match(text)
    return 0 if found is None else found.end()


# eq=False: a block is one line of one page, the same block only as the same object (a
# dataclass __eq__ would compare every field, and `block in blocks` would call it per element)
@dataclass(slots=True, eq=False)
class Block:
    index: int
    text: str          # current text (spans stripped by rules are gone from here)
    para: int          # paragraph number: lines of one paragraph share it
    removed_by: str | None = None   # rule or step id that took the block out of the body
    field: str | None = None        # metadata field the block moved to, if it moved
    stripped: list[tuple[str, str]] = dc_field(default_factory=list)  # (rule id, span) taken out
    verdicts: list[tuple[str, str]] = dc_field(default_factory=list)  # (step, label), in order
    sticky: bool = False            # a later step may not reclaim it (junk, metadata)
    # measures of `text` (see text.Measures), set with it by set_text; plain attributes, as the
    # steps read them tens of thousands of times per page
    spaced_tokens: str = dc_field(init=False, repr=False, compare=False)  # " ".join(tokens)
    words: int = dc_field(init=False, repr=False, compare=False)  # word_count(text)
    ends_sentence: bool = dc_field(init=False, repr=False, compare=False)
    folded: str = dc_field(init=False, repr=False, compare=False)  # text.fold(text)
    slug_folded: str = dc_field(init=False, repr=False, compare=False)  # text.fold_as_slug

    def __post_init__(self) -> None:
        self.set_text(self.text)

    @property
    def alive(self) -> bool:
        return self.removed_by is None

    @property
    def tokens(self) -> tuple[str, ...]:
        """The lower-cased `\\w+` tokens of `text` (`text.words`), split again on each call from
        `spaced_tokens` (a plain string split: kept as a tuple, the tokens of a large page
        would take several times its size)."""
        return tuple(self.spaced_tokens.split())

    def stopword_density(self, stopwords: frozenset[str]) -> float:
        """Share of the block's words that are in `stopwords`."""
        return stopword_share(self.spaced_tokens, stopwords)

    def set_text(self, text: str) -> None:
        self.text = text
        (self.spaced_tokens, self.words, self.ends_sentence, self.folded,
         self.slug_folded) = measure(text)

    def remove(self, by: str, *, to_field: str | None = None, sticky: bool = True) -> None:
        self.removed_by = by
        self.field = to_field
        self.sticky = sticky

    def restore(self) -> None:
        self.removed_by = None
        self.field = None
        self.sticky = False


@dataclass
class Page:
    source: str | None
    url: str | None
    normalized: str
    normalization: list[str]
    blocks: list[Block]
    meta: dict[str, Any] = dc_field(default_factory=dict)
    captions: list[dict[str, Any]] = dc_field(default_factory=list)
    warnings: list[str] = dc_field(default_factory=list)
    language: str | None = None
    # what `detect_language` counted (a `language._Reading`): the body's language is read from
    # it by difference, as the body is most of the page
    language_reading: Any = dc_field(default=None, repr=False, compare=False)
    # cut markers held back for the region step to read, with their rule ids (see
    # `apply_rules.drop_held_markers`)
    held_markers: list[tuple[Block, str]] = dc_field(default_factory=list, repr=False,
                                                      compare=False)

    def alive(self) -> list[Block]:
        return [b for b in self.blocks if b.removed_by is None]

    def title_line(self, max_repeats: int) -> Block | None:
        """The first line of text, which a naive converter makes the page's <title>, when it
        can be one: None when it is a list item ("* Home", as inscriptis writes the first link
        of a menu) or when more than `max_repeats` later lines repeat it (an ad label, a menu
        item: "Ad Feedback"), or when there is no text."""
        first = next((b for b in self.blocks if b.text), None)
        if first is None or is_list_item(first.text):
            return None
        folded = first.folded
        repeats = 0
        for block in self.blocks[first.index + 1:]:
            if block.folded == folded:
                repeats += 1
                if repeats > max_repeats:
                    return None
        return first

    def set_meta(self, name: str, value: Any) -> bool:
        """Set a metadata field unless already set; True when it was set."""
        if value in (None, "", []) or self.meta.get(name) not in (None, "", []):
            return False
        self.meta[name] = value
        return True


def split_blocks(text: str) -> list[Block]:
    """A block for each non-empty line of `text`; `para` counts the blank lines before it (as
    `text.split("\\n\\n")` numbers the paragraphs). The measures of all lines are taken at
    once (`line_columns`; equal to `Block.set_text`'s), a long text a piece at a time (the
    tokens of a piece are objects for a moment: memory stays bounded)."""
    blocks: list[Block] = []
    start = first_line = last = para = 0
    while start <= len(text):
        cut = text.find("\n", start + _PIECE)
        if cut < 0:
            cut = len(text)
        last, para = _add_blocks(blocks, text[start:cut], first_line, last, para)
        first_line += text.count("\n", start, cut) + 1
        start = cut + 1
    return blocks


_PIECE = 1 << 20  # characters of text measured at once, at least (up to the end of a line)


def _add_blocks(blocks: list[Block], text: str, first_line: int, last: int,
                para: int) -> tuple[int, int]:
    """Add the blocks of `text`, the lines of a page from line number `first_line` on, after the
    block on line `last` in paragraph `para` (0, 0 for none); return the last's line and para."""
    columns = line_columns(text)
    lines = columns.lines
    numbers = list(compress(count(first_line), lines))  # the line number of each block
    if not numbers:
        return last, para
    texts = list(compress(lines, lines))
    tokens = list(map(str.strip, compress(columns.tokens, lines)))
    words = list(map(add, map(str.count, tokens, repeat(" ")), map(bool, tokens)))
    for number, counted in columns.words.items():  # lines in scripts without spaces
        words[bisect_left(numbers, number + first_line)] = counted
    ends = map(TERMINAL.__contains__, map(_LAST, map(str.rstrip, texts)))
    # the newlines since the previous block (since the start for the first), each pair a break
    paras = list(accumulate(map(floordiv, map(sub, numbers, chain((last,), numbers)), repeat(2)),
                            initial=para))
    folds = _amended(tokens, tokens, numbers, columns.folded, first_line)
    slugs = _amended(folds, folds, numbers, columns.slugs, first_line)
    append, new = blocks.append, Block.__new__
    for index, (line, paragraph, spaced, counted, ending, fold, slug) in enumerate(
            zip(texts, paras[1:], tokens, words, ends, folds, slugs), len(blocks)):
        block = new(Block)
        block.index = index
        block.text = line
        block.para = paragraph
        block.removed_by = None
        block.field = None
        block.stripped = []
        block.verdicts = []
        block.sticky = False
        block.spaced_tokens = spaced
        block.words = counted
        block.ends_sentence = ending
        block.folded = fold
        block.slug_folded = slug
        append(block)
    return numbers[-1], paras[-1]


_LAST = itemgetter(slice(-1, None))


def _amended(column: list[str], base: list[str], numbers: list[int], raw: dict[int, str],
             first_line: int) -> list[str]:
    """`column` (a measure, by block; the blocks on lines `numbers`), with the measures `raw`
    holds by line number (counted from `first_line`) stripped in; where one equals `base`'s,
    `base`'s string object, shared."""
    if not raw:
        return column
    column = column.copy()
    for number, value in raw.items():
        i = bisect_left(numbers, number + first_line)
        value = value.strip()
        column[i] = base[i] if value == base[i] else value
    return column

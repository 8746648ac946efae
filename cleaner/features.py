"""What the region step reads off one block: length, sentence end, stopword density, repetition.

Length is `Block.words` (script-aware: Japanese or Chinese text is not one word). Stopword
density is None when the page's language has no stopword list, so the density test is skipped
rather than failed. A leading list bullet (`* `, as inscriptis writes list items) is punctuation
to these measures: it adds no word, and a bulleted paragraph is judged like any other.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .page import Block
from .text import stopword_share


class BlockFeatures(NamedTuple):
    words: int
    ends_sentence: bool
    stopword_density: float | None
    repeated: bool


def block_features(block: Block, stopwords: frozenset[str], repeated: bool) -> BlockFeatures:
    density = block.stopword_density(stopwords) if stopwords else None
    return BlockFeatures(block.words, block.ends_sentence, density, repeated)


def page_features(blocks: Sequence[Block], stopwords: frozenset[str],
                  repeated: Iterable[bool]) -> list[BlockFeatures]:
    """`block_features` of every block, in one pass (the region step reads every block)."""
    new = tuple.__new__  # BlockFeatures(...) without its Python-level constructor
    if not stopwords:
        return [new(BlockFeatures, (b.words, b.ends_sentence, None, r))
                for b, r in zip(blocks, repeated)]
    shares = _shares_of(stopwords)
    known = shares.get
    features = []
    for b, r in zip(blocks, repeated):
        share = known(b.spaced_tokens)
        if share is None:
            share = shares[b.spaced_tokens] = stopword_share(b.spaced_tokens, stopwords)
        features.append(new(BlockFeatures, (b.words, b.ends_sentence, share, r)))
    return features


# The stopword share of the lines read lately, by list: the region step reads a page's lines
# twice or more (the page, then its body as the next pass sees it: `region.settle_article`),
# and a site's menus and footers recur from page to page. A list's entry holds the list itself,
# so that its id stays its own; a value depends on the line and the list alone.
_shares: dict[int, tuple[frozenset[str], dict[str, float]]] = {}
_SHARES_KEPT = 1 << 14  # lines per list, at most (then it starts afresh)


def _shares_of(stopwords: frozenset[str]) -> dict[str, float]:
    entry = _shares.get(id(stopwords))
    if entry is None or entry[0] is not stopwords:
        entry = _shares[id(stopwords)] = (stopwords, {})
    if len(entry[1]) > _SHARES_KEPT:
        entry[1].clear()
    return entry[1]

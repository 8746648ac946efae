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
    return [new(BlockFeatures, (b.words, b.ends_sentence, stopword_share(b.spaced_tokens, stopwords),
                                r))
            for b, r in zip(blocks, repeated)]

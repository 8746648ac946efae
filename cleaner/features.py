"""What the region step reads off one block: length, sentence end, stopword density, repetition.

Length is `Block.words` (script-aware: Japanese or Chinese text is not one word). Stopword
density is None when the page's language has no stopword list, so the density test is skipped
rather than failed. A leading list bullet (`* `, as inscriptis writes list items) is punctuation
to these measures: it adds no word, and a bulleted paragraph is judged like any other.
"""
from __future__ import annotations

from typing import NamedTuple

from .page import Block


class BlockFeatures(NamedTuple):
    words: int
    ends_sentence: bool
    stopword_density: float | None
    repeated: bool


def block_features(block: Block, stopwords: frozenset[str], repeated: bool) -> BlockFeatures:
    density = block.stopword_density(stopwords) if stopwords else None
    return BlockFeatures(block.words, block.ends_sentence, density, repeated)

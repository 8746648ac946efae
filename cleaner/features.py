"""What the region step reads off one block: length, sentence end, stopword density, repetition.

Length is `Block.words` (script-aware: Japanese or Chinese text is not one word). Stopword
density is None when the page's language has no stopword list, so the density test is skipped
rather than failed. A leading list bullet (`* `, `- `, `• `, as inscriptis writes lists) marks a
list item: a teaser list of other stories looks like prose but is bulleted.
"""
from __future__ import annotations

from dataclasses import dataclass

from .page import Block
from .text import words

BULLETS = ("* ", "- ", "• ", "· ", "+ ")


@dataclass(frozen=True)
class BlockFeatures:
    words: int
    ends_sentence: bool
    stopword_density: float | None
    repeated: bool
    bulleted: bool = False   # a list item ("* ..." in inscriptis's layout)


def block_features(block: Block, stopwords: frozenset[str], repeated: bool) -> BlockFeatures:
    density = None
    if stopwords:
        tokens = words(block.text)
        density = sum(1 for t in tokens if t in stopwords) / max(1, len(tokens))
    bulleted = block.text.lstrip().startswith(BULLETS)
    return BlockFeatures(block.words, block.ends_sentence, density, repeated, bulleted)


def strip_bullet(text: str) -> str:
    """`* Item` -> `Item` (inscriptis's list form); other text unchanged."""
    stripped = text.lstrip()
    for bullet in BULLETS:
        if stripped.startswith(bullet):
            return stripped[len(bullet):]
    return text

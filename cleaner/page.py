"""The document-so-far that pipeline steps pass along: blocks with their verdicts, and metadata.

A block is one non-empty line of the normalised text; `para` groups the lines of one paragraph.
Steps never delete a block: they record a verdict on it, so every earlier decision stays
inspectable and every piece of text stays accounted for.
"""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from .text import measure, stopword_share


@dataclass(slots=True)
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

    def alive(self) -> list[Block]:
        return [b for b in self.blocks if b.removed_by is None]

    def set_meta(self, name: str, value: Any) -> bool:
        """Set a metadata field unless already set; True when it was set."""
        if value in (None, "", []) or self.meta.get(name) not in (None, "", []):
            return False
        self.meta[name] = value
        return True


def split_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for para, chunk in enumerate(text.split("\n\n")):
        for line in chunk.split("\n"):
            if line:
                blocks.append(Block(index=len(blocks), text=line, para=para))
    return blocks

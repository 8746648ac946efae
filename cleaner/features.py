"""What the region step reads off one block: length, sentence end, stopword density, repetition.

Length is `Block.words` (script-aware: Japanese or Chinese text is not one word). Stopword
density is None when the page's language has no stopword list, so the density test is skipped
rather than failed. A leading list bullet (`* `, as inscriptis writes list items) is punctuation
to these measures: it adds no word, and a bulleted paragraph is judged like any other. The
lines of a sentence broken over lines (the source's line breaks, left by a naive converter) are
judged as their paragraph (`_join_wrapped`).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .page import Block, is_list_item
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
        return _join_wrapped(blocks, [new(BlockFeatures, (b.words, b.ends_sentence, None, r))
                                      for b, r in zip(blocks, repeated)])
    shares = _shares_of(stopwords)
    known = shares.get
    features = []
    for b, r in zip(blocks, repeated):
        share = known(b.spaced_tokens)
        if share is None:
            share = stopword_share(b.spaced_tokens, stopwords)
            shares.keep(b.spaced_tokens, share)
        features.append(new(BlockFeatures, (b.words, b.ends_sentence, share, r)))
    return _join_wrapped(blocks, features)


def _join_wrapped(blocks: Sequence[Block], features: list[BlockFeatures]) -> list[BlockFeatures]:
    """A sentence broken over lines ("Photos which were released online and are making the
    rounds on social media" / "show Nigerian actress..."), as a converter leaves the line breaks
    of the page's source: the lines of such a run each get the features of the run as one
    paragraph (its words, its last line's sentence end, its stopword share). A line continues
    the one above when both are lines of one paragraph, next to each other, the upper ending in
    a letter or a comma and the lower opening with a lower-case letter; the run's last line
    ends a sentence (a menu written in lower case does not)."""
    # most lines open with no lower-case letter: only those that do are looked at closely
    joins = {i for i in range(1, len(blocks))
             if blocks[i].text.lstrip()[:1].islower() and _continues(blocks[i - 1], blocks[i])}
    if not joins:
        return features
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(blocks) + 1):
        if i in joins:
            continue
        if i - start > 1:
            runs.append((start, i))
        start = i
    features = list(features)
    for first, end in runs:
        part = features[first:end]
        if not part[-1].ends_sentence:
            continue  # a sentence ends; lower-case menu items ("world news") never do
        words = sum(f.words for f in part)
        density = None
        shares = [f.stopword_density for f in part]
        if all(share is not None for share in shares):
            weights = [max(1, f.words) for f in part]
            total = 0.0
            for share, weight in zip(shares, weights):
                total += (share or 0.0) * weight
            density = total / sum(weights)
        for i in range(first, end):
            features[i] = BlockFeatures(words, part[-1].ends_sentence, density,
                                        features[i].repeated)
    return features


def _continues(upper: Block, lower: Block) -> bool:
    if lower.index != upper.index + 1 or lower.para != upper.para:
        return False
    end, opening = upper.text.rstrip()[-1:], lower.text.lstrip()[:2]
    return (opening[:1].islower() and (end.isalpha() or end == ",") and upper.words >= 2
            and opening != "o " and not is_list_item(upper.text)
            and upper.text.lstrip()[:2] not in _MORE_BULLETS)


_MORE_BULLETS = ("o ", "- ")  # list items too here: inscriptis' second level, a dash


class _Shares(dict):
    """The stopword share of the lines read lately, for one list: the region step reads a
    page's lines twice or more (the page, then its body as the next pass sees it:
    `region.settle_article`), and a site's menus and footers recur from page to page. A value
    depends on the line and the list alone. All lists together hold at most `_SHARES_CHARS`
    characters of lines (then they start afresh), so memory stays flat whatever the pages."""

    def __init__(self, stopwords: frozenset[str]) -> None:
        super().__init__()
        self.stopwords = stopwords  # kept, so that its id stays its own

    def keep(self, line: str, share: float) -> None:
        global _kept_chars
        if len(line) > _SHARES_CHARS // 64:
            return  # a line that long is a page of its own: not worth its room
        if _kept_chars + len(line) > _SHARES_CHARS:
            for shares in list(_shares.values()):
                shares.clear()
            _kept_chars = 0
        self[line] = share
        _kept_chars += len(line)


_shares: dict[int, _Shares] = {}
_SHARES_CHARS = 1 << 22  # characters of lines kept, in all lists together, at most
_kept_chars = 0


def _shares_of(stopwords: frozenset[str]) -> _Shares:
    shares = _shares.get(id(stopwords))
    if shares is None or shares.stopwords is not stopwords:
        if len(_shares) > 64:  # lists of rule sets built and dropped (a test run builds many)
            _shares.clear()
        shares = _shares[id(stopwords)] = _Shares(stopwords)
    return shares

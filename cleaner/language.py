"""Pipeline step `detect_language`: script first, then stopword counts from the packs.

The page's language is read from its first blocks (up to SAMPLE_CHARS characters, whole blocks).
The same reading over the blocks the steps kept, `body_language`, tells the pipeline when the
article speaks another language than the page around it (see `pipeline.run_text`). It starts
from the page's reading (`Page.language_reading`): the hits of the blocks that
left the sample are taken off, those of the blocks that came into it (or whose text a rule
changed) added, so only the difference is counted again.

Stopword hits are counted per block in one packed integer: each stopword maps to an integer
with a 1 in the bit field of every language whose list holds it, so a block's hits for all
languages are one C-level sum, and a page's are the sum of its blocks'.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import is_

import regex

from .page import Block, Page
from .ruleset import RuleSet
from .text import words

_SCRIPTS = (
    ("ja", regex.compile(r"[\p{Hiragana}\p{Katakana}]")),
    ("ko", regex.compile(r"\p{Hangul}")),
    ("zh", regex.compile(r"\p{Han}")),
    ("th", regex.compile(r"\p{Thai}")),
    ("ar", regex.compile(r"\p{Arabic}")),
    ("he", regex.compile(r"\p{Hebrew}")),
    ("el", regex.compile(r"\p{Greek}")),
)
_SCRIPT_OF = dict(_SCRIPTS)
SAMPLE_CHARS = 20000
_LETTER = regex.compile(r"\p{L}")
# any character of the scripts above: most pages hold none, and then no share needs counting
_ANY_SCRIPT = regex.compile(
    r"[\p{Hiragana}\p{Katakana}\p{Hangul}\p{Han}\p{Thai}\p{Arabic}\p{Hebrew}\p{Greek}]")
# A cheap test first: every character of those scripts lies in these ranges (not in Latin,
# Cyrillic, General Punctuation, the symbols or variation selectors, where most pages' only
# non-Latin characters are: ’ — … €). Above the BMP one range (emoji included): more ranges
# there would cost `re` a comparison each for every character.
_MAYBE_SCRIPT = re.compile(
    "[\u0370-\u03ff\u0590-\u06ff\u0750-\u077f\u0870-\u08ff\u0e00-\u0e7f\u1100-\u11ff"
    "\u1d26-\u1d6a\u1dbf\u1f00-\u1fff\u2126\u2e80-\u2fdf\u3005-\u9fff\ua960-\ua97f\uab65"
    "\uac00-\ud7ff\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufefe\uff66-\uffdc"
    "\U00010140-\U0003ffff]")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# Width of one language's field in a packed count: room for more tokens than any page holds.
FIELD_BITS = 40
_FIELD_MASK = (1 << FIELD_BITS) - 1


class StopwordIndex:
    """The stopword lists as packed weights: `weights[word]` has a 1 in the field of each
    language whose list holds `word`; fields in the lists' order."""

    def __init__(self, stopwords: dict[str, Sequence[str]]) -> None:
        self.stopwords = stopwords       # kept, so that its id stays its own
        self.languages = tuple(stopwords)
        weights: dict[str, int] = {}
        for position, wordlist in enumerate(stopwords.values()):
            bit = 1 << (position * FIELD_BITS)
            for word in dict.fromkeys(wordlist):
                weights[word] = weights.get(word, 0) | bit
        self.weights = weights

    def hits(self, tokens: Iterable[str]) -> int:
        """Every language's stopword hits among `tokens`, packed."""
        weights = self.weights
        return sum(map(weights.__getitem__, filter(weights.__contains__, tokens)))

    def unpack(self, packed: int) -> list[int]:
        """The hits of each language, in the lists' order."""
        return [(packed >> (i * FIELD_BITS)) & _FIELD_MASK for i in range(len(self.languages))]


_indexes: dict[int, StopwordIndex] = {}


def stopword_index(rules: RuleSet) -> StopwordIndex:
    """The index of the packs' stopword lists, made once per set of lists."""
    stopwords = rules.wordlists.get("stopwords") or {}
    index = _indexes.get(id(stopwords))
    if index is None or index.stopwords is not stopwords:
        index = StopwordIndex(stopwords)
        _indexes[id(stopwords)] = index
    return index


@dataclass
class _Reading:
    """What `blocks_language` read: the sample's blocks, their tokens at the time (as
    `Block.spaced_tokens`), every language's hits among them (packed), how many tokens, and
    whether a character of a script in `_SCRIPTS` may occur (the cheap test found one)."""

    blocks: Sequence[Block]      # the sequence the sample was taken from
    sample: Sequence[Block]
    spaced: list[str]
    packed: int
    tokens: int
    maybe_script: bool
    language: str | None
    index: StopwordIndex         # the stopword lists counted


def detect_language(page: Page, rules: RuleSet) -> Page:
    reading = _read(page.blocks, rules)
    page.language, page.language_reading = reading.language, reading
    return page


def body_language(page: Page, rules: RuleSet) -> str | None:
    """The language `detect_language` finds on the page's clean body: the same reading over the
    blocks still in the body, as a second pass would see them."""
    body = [b for b in page.blocks if b.removed_by is None and b.text]
    counted = _count_difference(page, _sample(body), rules)
    if counted is None:
        return blocks_language(body, rules)
    return _stopword_language(stopword_index(rules), *counted, rules)


def _count_difference(page: Page, sample: Sequence[Block], rules: RuleSet) -> tuple[int, int] | None:
    """The packed stopword hits and the token count of `sample` (blocks of `page`), from the
    page's reading when that is cheaper than counting `sample` afresh: the hits of the page's
    sample blocks not in `sample` (or with another text now) taken off, those of the blocks of
    `sample` not read then added. The same counts either way, since the hits of a set of blocks
    are the sum of each block's. None when the page has no reading of its own blocks (or one
    made with other stopword lists), or when a script may decide the language."""
    reading = page.language_reading
    index = stopword_index(rules)
    if reading is None or reading.blocks is not page.blocks or reading.maybe_script \
            or reading.index is not index \
            or rules.setting("language_script_min_share") <= 0 \
            or len(page.blocks) < len(reading.sample) \
            or not all(map(is_, page.blocks, reading.sample)):
        return None
    read, spaced = reading.sample, reading.spaced
    same = [False] * len(read)
    added: list[str] = []
    for block in sample:
        at = block.index
        if at < len(read) and read[at] is block and spaced[at] is block.spaced_tokens:
            same[at] = True
        else:
            if not block.text.isascii() and _MAYBE_SCRIPT.search(block.text):
                return None  # the page's sample held no character of a script, this one may
            added.append(block.spaced_tokens)
    gone = [text for text, kept in zip(spaced, same) if not kept]
    if sum(map(len, gone)) + sum(map(len, added)) > sum(len(b.spaced_tokens) for b in sample):
        tokens = " ".join([b.spaced_tokens for b in sample]).split()  # fewer to count afresh
        return index.hits(tokens), len(tokens)
    taken, new = " ".join(gone).split(), " ".join(added).split()
    return (reading.packed - index.hits(taken) + index.hits(new),
            reading.tokens - len(taken) + len(new))


def blocks_language(blocks: Sequence[Block], rules: RuleSet) -> str | None:
    """The language of the first blocks, up to SAMPLE_CHARS characters (a block that starts
    before the limit counts whole)."""
    return _read(blocks, rules).language


def _sample(blocks: Sequence[Block]) -> Sequence[Block]:
    """The first blocks, up to SAMPLE_CHARS characters (a block that starts before the limit
    counts whole; each block counts its text and a line break)."""
    starts = list(accumulate([len(b.text) + 1 for b in blocks], initial=0))
    return blocks[:bisect_left(starts, SAMPLE_CHARS, 0, len(blocks))]


def _read(blocks: Sequence[Block], rules: RuleSet) -> _Reading:
    sample = _sample(blocks)
    # only text outside ASCII may hold a character of the scripts (the cheap test first)
    maybe_script = any(_MAYBE_SCRIPT.search(b.text) for b in sample if not b.text.isascii())
    script = script_language("\n".join([b.text for b in sample]), rules) \
        if maybe_script or rules.setting("language_script_min_share") <= 0 else None
    index = stopword_index(rules)
    spaced = [b.spaced_tokens for b in sample]
    tokens = " ".join(spaced).split()
    packed = index.hits(tokens)
    language = script or _stopword_language(index, packed, len(tokens), rules)
    return _Reading(blocks, sample, spaced, packed, len(tokens), maybe_script, language, index)


def guess_language(sample: str, rules: RuleSet) -> str | None:
    """The language of one piece of text: its script, else its stopwords."""
    script = script_language(sample, rules)
    if script:
        return script
    index = stopword_index(rules)
    tokens = words(sample)
    return _stopword_language(index, index.hits(tokens), len(tokens), rules)


def script_language(sample: str, rules: RuleSet) -> str | None:
    """The first script (in `_SCRIPTS` order) that writes at least `language_script_min_share`
    of the sample's letters: its language, or the language of that script whose own letters
    the sample holds (`_own_letters_language`)."""
    code = _script(sample, rules)
    return code if code is None else _own_letters_language(code, sample, rules)


def _script(sample: str, rules: RuleSet) -> str | None:
    min_share = rules.setting("language_script_min_share")
    if min_share <= 0:
        return _by_letter_count(sample, min_share, [len(s.findall(sample)) for _, s in _SCRIPTS])
    if not _MAYBE_SCRIPT.search(sample):
        return None
    candidates = "".join(_MAYBE_SCRIPT.findall(sample))
    # Bounds on the letter count, so that most pages need no count of their letters: at least
    # the ASCII letters, at most those and every other non-ASCII character. A page with a few
    # such characters (a name in Arabic, a link to the Chinese edition) is settled by the
    # first, a Korean page by the second.
    ascii_text = sample.encode("ascii", "ignore")
    ascii_letters = len(ascii_text) - len(ascii_text.translate(None, _ASCII_LETTERS))
    at_least = max(1, ascii_letters)
    at_most = max(1, len(sample) - len(ascii_text) + ascii_letters)
    for code, script in _SCRIPTS:
        count = len(script.findall(candidates))
        if count / at_least < min_share:
            continue
        if count / at_most >= min_share:
            return code
        return _by_letter_count(sample, min_share,
                                [len(s.findall(candidates)) for _, s in _SCRIPTS])
    return None


def _by_letter_count(sample: str, min_share: float, counts: list[int]) -> str | None:
    letters = max(1, len(_LETTER.findall(sample)))
    for (code, _), count in zip(_SCRIPTS, counts):
        if count / letters >= min_share:
            return code
    return None


def _own_letters_language(code: str, sample: str, rules: RuleSet) -> str:
    """The language the sample is in when `code`'s script wrote it: the first language of
    `language_own_letters` whose letters are all of that script and make at least
    `language_own_letters_min_share` of the sample's letters in it (Persian and Urdu, written
    in Arabic's); else `code`."""
    own = rules.wordlists.get("language_own_letters") or {}
    if not own:
        return code
    script = _SCRIPT_OF[code]
    letters = Counter(script.findall(sample))
    total = sum(letters.values())
    if not total:
        return code
    min_share = rules.setting("language_own_letters_min_share")
    for language, chars in own.items():
        if all(script.fullmatch(c) for c in chars) \
                and sum(letters[c] for c in chars) / total >= min_share:
            return language
    return code


def _stopword_language(index: StopwordIndex, packed: int, tokens: int,
                       rules: RuleSet) -> str | None:
    """The language with the most hits (ties go to the first list), if its hits are at least
    `language_stopword_min_share` of the tokens."""
    if not tokens or not index.languages:
        return None
    best, best_hits = 0, -1
    for position, hits in enumerate(index.unpack(packed)):
        if hits > best_hits:
            best, best_hits = position, hits
    if best_hits / tokens >= rules.setting("language_stopword_min_share"):
        return index.languages[best]
    return None

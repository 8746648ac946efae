"""Small text measures shared by the steps: words, script-aware length, punctuation, folds."""
from __future__ import annotations

import re
from typing import NamedTuple

import regex

_WORD = regex.compile(r"\w+")
_WORD_NO_UNDERSCORE = regex.compile(r"[^\W_]+")
_APOSTROPHE = regex.compile(r"['’]")
# Scripts written without spaces: count characters, not space-separated tokens.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
# A cheap test first: every character of those scripts lies in these ranges (Thai and after,
# not in General Punctuation and the symbol blocks up to the CJK radicals).
_MAYBE_UNSPACED = re.compile("[\u0e00-\u1fff\u2e80-\U0010ffff]")
CHARS_PER_WORD_UNSPACED = 2  # a Japanese or Chinese "word" is about two characters
TERMINAL = frozenset(".!?。！？…\"'”’»)")


def words(text: str) -> list[str]:
    """Lower-cased `\\w+` tokens."""
    return _WORD.findall(text.lower())


def word_count(text: str) -> int:
    """Words in `text`; in scripts without spaces, every two characters count as a word."""
    if not _MAYBE_UNSPACED.search(text) or not _UNSPACED.search(text):
        return len(_WORD.findall(text))
    unspaced = len(_UNSPACED.findall(text))
    spaced = len(_WORD.findall(_UNSPACED.sub(" ", text)))
    return spaced + max(1, unspaced // CHARS_PER_WORD_UNSPACED)


def ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1:] in TERMINAL


def fold(text: str) -> str:
    """Case folded, every run of non-word characters one space, none at the ends."""
    return " ".join(_WORD.findall(text.casefold()))


def fold_as_slug(text: str) -> str:
    """Folded as a url slug spells it: case folded, apostrophes gone ("Korea’s" -> "koreas"),
    every run of other non-word characters (the underscore too) one space, none at the ends."""
    return " ".join(_WORD_NO_UNDERSCORE.findall(_APOSTROPHE.sub("", text.casefold())))


class Measures(NamedTuple):
    """What the steps read off a block's text, all from one tokenisation where they agree."""
    tokens: tuple[str, ...]   # `words(text)`
    words: int                # `word_count(text)`
    ends_sentence: bool       # `ends_sentence(text)`
    folded: str               # `fold(text)`
    slug_folded: str          # `fold_as_slug(text)`


def measure(text: str) -> Measures:
    """`Measures` of `text`. Lower-casing and case folding keep every character's word-ness
    (checked over all of Unicode), so the tokens of the lowered text count the words of the
    text as written, and where lowering and folding agree their words are the fold's."""
    lowered = text.lower()
    tokens = tuple(_WORD.findall(lowered))
    if _MAYBE_UNSPACED.search(text) and _UNSPACED.search(text):
        count = word_count(text)
    else:
        count = len(tokens)
    casefolded = text.casefold()
    folded = " ".join(tokens) if casefolded == lowered else " ".join(_WORD.findall(casefolded))
    if "'" in casefolded or "’" in casefolded or "_" in casefolded:
        slug_folded = fold_as_slug(text)
    else:
        slug_folded = folded
    return Measures(tokens, count, ends_sentence(text), folded, slug_folded)

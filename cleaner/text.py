"""Small text measures shared by the steps: words, script-aware length, punctuation."""
from __future__ import annotations

import re

import regex

_WORD = regex.compile(r"\w+")
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

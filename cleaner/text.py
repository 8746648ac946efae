"""Small text measures shared by the steps: words, script-aware length, punctuation."""
from __future__ import annotations

import regex

_WORD = regex.compile(r"\w+")
# Scripts written without spaces: count characters, not space-separated tokens.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
CHARS_PER_WORD_UNSPACED = 2  # a Japanese or Chinese "word" is about two characters
TERMINAL = frozenset(".!?。！？…\"'”’»)")


def words(text: str) -> list[str]:
    """Lower-cased `\\w+` tokens."""
    return _WORD.findall(text.lower())


def word_count(text: str) -> int:
    """Words in `text`; in scripts without spaces, every two characters count as a word."""
    if not _UNSPACED.search(text):
        return len(_WORD.findall(text))
    unspaced = len(_UNSPACED.findall(text))
    spaced = len(_WORD.findall(_UNSPACED.sub(" ", text)))
    return spaced + max(1, unspaced // CHARS_PER_WORD_UNSPACED)


def ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1:] in TERMINAL

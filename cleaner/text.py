"""Small text measures shared by the steps: words, script-aware length, punctuation, folds."""
from __future__ import annotations

import re

import regex

_WORD = regex.compile(r"\w+")
_WORD_NO_UNDERSCORE = regex.compile(r"[^\W_]+")
_APOSTROPHE = regex.compile(r"['’]")
# On ASCII text the regex module's \w is [A-Za-z0-9_], as is `re`'s with re.ASCII (faster).
_ASCII_WORD = re.compile(r"\w+", re.ASCII)
_ASCII_WORD_NO_UNDERSCORE = re.compile(r"[A-Za-z0-9]+")
# Scripts written without spaces: count characters, not space-separated tokens.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
# A cheap test first: every character of those scripts lies in these ranges (Thai and after,
# not in General Punctuation and the symbol blocks up to the CJK radicals).
_MAYBE_UNSPACED = re.compile("[\u0e00-\u1fff\u2e80-\U0010ffff]")
CHARS_PER_WORD_UNSPACED = 2  # a Japanese or Chinese "word" is about two characters
# Thai, Lao, Khmer and Myanmar write a word in about four characters (vowel signs and tone
# marks are characters of their own; 4.3 in a Thai news story cut into words by PyThaiNLP)
SYLLABIC = regex.compile(r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
CHARS_PER_WORD_SYLLABIC = 4


def unspaced_words(unspaced: int, syllabic: int) -> int:
    """Words in `unspaced` characters of the scripts written without spaces, `syllabic` of them
    Thai, Lao, Khmer or Myanmar (one word at least)."""
    return max(1, (unspaced - syllabic) // CHARS_PER_WORD_UNSPACED
               + syllabic // CHARS_PER_WORD_SYLLABIC)


# Full stops: Latin and CJK (full- and half-width), the Devanagari danda (Hindi, Marathi,
# Nepali), the Urdu full stop, and those of Myanmar, Khmer, Ethiopic (Amharic), Armenian and
# Tibetan. A line ending in one is a sentence, not a heading.
FULL_STOPS = (".", "。", "．", "｡", "।", "॥", "۔", "။", "។", "።", "։", "།")
# What ends a sentence: a full stop, a question or exclamation mark (the Arabic one too), an
# ellipsis, closing quotes and brackets (「...」 too).
TERMINAL = frozenset((*FULL_STOPS, *"!?！？…\"'”’»)」』؟"))


def words(text: str) -> list[str]:
    """Lower-cased `\\w+` tokens."""
    return _WORD.findall(text.lower())


def word_count(text: str) -> int:
    """Words in `text`; in scripts without spaces, every two characters count as a word (four
    in Thai, Lao, Khmer and Myanmar)."""
    if not _MAYBE_UNSPACED.search(text) or not _UNSPACED.search(text):
        return len(_WORD.findall(text))
    unspaced = len(_UNSPACED.findall(text))
    spaced = len(_WORD.findall(_UNSPACED.sub(" ", text)))
    return spaced + unspaced_words(unspaced, len(SYLLABIC.findall(text)))


def ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1:] in TERMINAL


def stopword_share(spaced_tokens: str, stopwords: frozenset[str]) -> float:
    """Share of the tokens (separated by spaces, as `Block.spaced_tokens`) in `stopwords`."""
    tokens = spaced_tokens.split()
    return sum(map(stopwords.__contains__, tokens)) / max(1, len(tokens))


def fold(text: str) -> str:
    """Case folded, every run of non-word characters one space, none at the ends."""
    return " ".join(_WORD.findall(text.casefold()))


def fold_as_slug(text: str) -> str:
    """Folded as a url slug spells it: case folded, apostrophes gone ("Korea’s" -> "koreas"),
    every run of other non-word characters (the underscore too) one space, none at the ends."""
    return " ".join(_WORD_NO_UNDERSCORE.findall(_APOSTROPHE.sub("", text.casefold())))


# What the steps read off a block's text: (spaced_tokens, words, ends_sentence, folded,
# slug_folded), that is (`" ".join(words(text))`, `word_count(text)`, `ends_sentence(text)`,
# `fold(text)`, `fold_as_slug(text)`). The tokens are kept as one string (`.split()` gives them
# back: no word character is white space): a tuple of small strings per block would take several
# times the page's size. Most often the three strings are one object.
Measures = tuple[str, int, bool, str, str]


def measure(text: str) -> Measures:
    """`Measures` of `text`, from one tokenisation where the measures agree. Lower-casing and
    case folding keep every character's word-ness (checked over all of Unicode), so the tokens
    of the lowered text count the words of the text as written, and where lowering and folding
    agree (always in ASCII) the tokens are the fold's words."""
    if text.isascii():
        lowered = text.lower()
        tokens = _ASCII_WORD.findall(lowered)
        folded = " ".join(tokens)
        if "'" in text or "_" in text:
            slug_folded = " ".join(_ASCII_WORD_NO_UNDERSCORE.findall(lowered.replace("'", "")))
        else:
            slug_folded = folded
        return folded, len(tokens), ends_sentence(text), folded, slug_folded
    lowered = text.lower()
    tokens = _WORD.findall(lowered)
    if _MAYBE_UNSPACED.search(text) and _UNSPACED.search(text):
        count = word_count(text)
    else:
        count = len(tokens)
    spaced_tokens = " ".join(tokens)
    casefolded = text.casefold()
    folded = spaced_tokens if casefolded == lowered else " ".join(_WORD.findall(casefolded))
    if "'" in casefolded or "’" in casefolded or "_" in casefolded:
        slug_folded = " ".join(_WORD_NO_UNDERSCORE.findall(
            casefolded.replace("'", "").replace("’", "")))
    else:
        slug_folded = folded
    return spaced_tokens, count, ends_sentence(text), folded, slug_folded

"""The measures of every line of a page at once, equal to `text.measure` line by line.

`text.measure` tokenises one line with a regular expression; called for each of a page's
hundreds of lines, the calls cost more than the tokenising. Here the whole page is tokenised
by C string methods: every character that is not a word character (as the `regex` module's
`\\w` says, which `text` uses) becomes a space, then runs of spaces become one and the lines
are split apart. ASCII characters are mapped by one `bytes.translate` of the UTF-8 text (in
ASCII, `\\w` is `[A-Za-z0-9_]`, and UTF-8 keeps ASCII bytes out of every other character's
bytes); the few distinct other characters a page holds are looked up one by one, and those that
are not word characters replaced before. The measures that differ from the tokens on a few lines
only (the case fold, the slug, the word count of scripts without spaces) are taken again on
those lines alone.
"""
from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import NamedTuple

import regex

from .text import SYLLABIC, unspaced_words

_WORD_CHAR = regex.compile(r"\w")
# Non-ASCII characters `re` does not take for word characters: among them all those `regex`
# does not either (and marks, which it does: each is looked up), except numbers of category No
# ("²", "½", "①"), word characters to `re` only, found by _OTHER_NUMBER. Checked over all of
# Unicode by tests/test_line_measures.py.
_NOT_RE_WORD = re.compile(r"[^\x00-\x7f\w]")
_OTHER_NUMBER = re.compile(
    "[\u00b2\u00b3\u00b9\u00bc-\u00be\u09f4-\u09f9\u0b72-\u0b77\u0bf0-\u0bf2\u0c78-\u0c7e"
    "\u0d58-\u0d5e\u0d70-\u0d78\u0f2a-\u0f33\u1369-\u137c\u17f0-\u17f9\u19da\u2070\u2074-\u2079"
    "\u2080-\u2089\u2150-\u215f\u2189\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u2cfd\u3192-\u3195"
    "\u3220-\u3229\u3248-\u324f\u3251-\u325f\u3280-\u3289\u32b1-\u32bf\ua830-\ua835"
    "\U00010000-\U0010ffff]")  # beyond the BMP, every character is looked up
_NON_WORD_NON_ASCII = regex.compile(r"[^\w\x00-\x7f]")
_ASCII_BYTES = bytes(range(128))
# ASCII word characters and every byte of other characters kept, "\n" a "\x01", the rest a space
_TOKEN_TABLE = bytes(c if chr(c).isalnum() or c == 95 or c > 127 else 1 if c == 10 else 32
                     for c in range(256))
_SLUG_TABLE = _TOKEN_TABLE.replace(b"_", b" ")  # fold_as_slug: the underscore separates too
_LOWER_TOKEN_TABLE = _TOKEN_TABLE.translate(bytes.maketrans(string.ascii_uppercase.encode(),
                                                             string.ascii_lowercase.encode()))
_MAYBE_UNSPACED = re.compile("[\u0e00-\u1fff\u2e80-\U0010ffff]")  # as text._MAYBE_UNSPACED
# as text._UNSPACED: the scripts written without spaces, whose words `text.word_count` counts
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_UNSPACED_RUN = regex.compile(_UNSPACED.pattern + "+")
_MANY = 16  # past this many distinct non-word characters, one regex substitution replaces them
_is_word: dict[str, bool] = {}  # character -> whether `regex` takes it for a word character
_REMEMBERED = 20_000  # characters _is_word holds at most


def _non_ascii(text: str) -> str:
    """The characters of `text` that are not ASCII, in order."""
    return (text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
            .decode("utf-8", "surrogatepass"))


def _blank_non_word(text: str, others: str) -> str:
    """`text` with each non-ASCII character that is not a word character a space (`others`:
    the non-ASCII characters of `text`)."""
    found = set(_NOT_RE_WORD.findall(others))
    if _OTHER_NUMBER.search(others):
        found.update(_OTHER_NUMBER.findall(others))
    blank = []
    for char in found:
        word = _is_word.get(char)
        if word is None:
            word = _WORD_CHAR.match(char) is not None
            if len(_is_word) < _REMEMBERED:
                _is_word[char] = word
        if not word:
            blank.append(char)
    if len(blank) > _MANY:
        return _NON_WORD_NON_ASCII.sub(" ", text)
    for char in blank:
        text = text.replace(char, " ")
    return text


def _spaced_lines(text: str, others: str, table: bytes) -> list[str]:
    """Each line's tokens joined by single spaces, with at most one space more at either end:
    the runs of word characters of `text` (the underscore a separator too with `_SLUG_TABLE`);
    `others` holds (at least) the non-ASCII characters of `text`."""
    if others:
        text = _blank_non_word(text, others)
    data = text.encode("utf-8", "surrogatepass").translate(table)
    # "\x01" marks the line breaks: not white space to split(), so it stays in its token
    return b" ".join(data.split()).decode("utf-8", "surrogatepass").split("\x01")


class Columns(NamedTuple):
    """The measures of a text's lines, as columns (one item per line)."""
    lines: list[str]            # text.split("\n")
    tokens: list[str]           # each line's `Measures` spaced tokens, unstripped (see below)
    folded: dict[int, str]      # line number -> the same for the folded words, where they may
    slugs: dict[int, str]       # differ from the tokens; for the slug's, where they may differ
    words: dict[int, int]       # line number -> word count, where not the number of tokens


def line_columns(text: str) -> Columns:
    """The columns of `text`'s lines. Each string of `tokens`, `folded` and `slugs` may carry
    one space at either end: `.strip()` gives the line's measure. The lines `folded` leaves out
    fold to their tokens; those `slugs` leaves out, to their folded words."""
    lines = text.split("\n")
    others = _non_ascii(text)
    lowered_others = others.lower()
    if lowered_others == others:  # lower-casing changes ASCII letters only: the table does it
        spaced = _spaced_lines(text, others, _LOWER_TOKEN_TABLE)
    else:  # lowered, the non-ASCII characters are among `lowered_others` (a final sigma lowers
        # as "ς" or "σ", both word characters; lower-casing keeps word-ness)
        spaced = _spaced_lines(text.lower(), lowered_others, _TOKEN_TABLE)
    folded: dict[int, str] = {}
    # case folding differs from lower-casing beyond ASCII only, and on a final sigma
    if others.casefold() != lowered_others or "Σ" in others:
        differ = "".join(c for c in set(others) if c.casefold() != c.lower() or c == "Σ")
        folded = _respaced(lines, _lines_holding(text, differ), str.casefold, _TOKEN_TABLE)
    slugs: dict[int, str] = {}
    if "'" in text or "_" in text or "’" in text:  # no other character folds to one of them
        slugs = _respaced(lines, _lines_holding(text, "'’_"), _slug_text, _SLUG_TABLE)
    words: dict[int, int] = {}
    if _MAYBE_UNSPACED.search(others) and _UNSPACED.search(others):
        words = _unspaced_word_counts(text, lines)
    return Columns(lines, spaced, folded, slugs, words)


def _unspaced_word_counts(text: str, lines: list[str]) -> dict[int, int]:
    """Line number -> `text.word_count` of each line holding characters of a script written
    without spaces: its tokens once those characters are spaces, and the words
    `text.unspaced_words` counts in them."""
    numbers = _lines_matching(text, _MAYBE_UNSPACED)
    chosen = [lines[i] for i in numbers]
    subset = "\n".join(chosen)
    kept = _UNSPACED_RUN.sub("", subset).split("\n")
    spaced = _UNSPACED_RUN.sub(" ", subset)
    syllabic = SYLLABIC.search(subset) is not None
    counts = {}
    for number, line, rest, tokens in zip(
            numbers, chosen, kept, _spaced_lines(spaced, _non_ascii(spaced), _TOKEN_TABLE)):
        if len(line) != len(rest):
            tokens = tokens.strip()
            counts[number] = (tokens.count(" ") + 1 if tokens else 0) + unspaced_words(
                len(line) - len(rest), len(SYLLABIC.findall(line)) if syllabic else 0)
    return counts


def _lines_matching(text: str, pattern: re.Pattern[str]) -> list[int]:
    """The numbers of the lines of `text` where `pattern` matches, in order."""
    found: list[int] = []
    line = previous = 0
    match = pattern.search(text)
    while match:
        line += text.count("\n", previous, match.start())
        found.append(line)
        previous = text.find("\n", match.start())
        if previous < 0:
            break
        match = pattern.search(text, previous)
    return found


def _slug_text(text: str) -> str:
    return text.casefold().replace("'", "").replace("’", "")


def _respaced(lines: list[str], numbers: list[int], prepare: Callable[[str], str],
              table: bytes) -> dict[int, str]:
    """For the lines numbered `numbers`: `_spaced_lines` of `prepare(line)`, by line number."""
    text = prepare("\n".join([lines[i] for i in numbers]))
    return dict(zip(numbers, _spaced_lines(text, _non_ascii(text), table)))


def _lines_holding(text: str, chars: str) -> list[int]:
    """The numbers of the lines of `text` that hold one of `chars`, in order."""
    found: set[int] = set()
    for char in chars:
        line = previous = 0
        at = text.find(char)
        while at >= 0:
            line += text.count("\n", previous, at)
            found.add(line)
            previous = text.find("\n", at)
            if previous < 0:
                break
            at = text.find(char, previous)
    return sorted(found)

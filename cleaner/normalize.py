"""Unicode repair (only where the text shows damage) and white space.

After `normalize_text`, lines carry no leading or trailing spaces, runs of spaces are single,
odd spaces are plain spaces, and paragraphs are separated by exactly one blank line.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import ftfy
import regex
from ftfy.badness import is_bad

# character classes as between brackets: characters and ranges ("a-z"), nothing escaped
_ODD_SPACE_CHARS = "\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE_CHARS = "\u200b\u2060\ufeff\u00ad"
# The zero-width non-joiner and joiner spell words in Persian, Urdu, Kurdish and the Indic
# scripts ("می‌شود", "برنامه‌ها") and join emoji: they stay after a non-ASCII character, and go
# after ASCII text, at a line's start or after another joiner, where they are only invisible
# noise. (After `plain_spaces`: a joiner after an odd space, which becomes a plain one, goes.)
_STRAY_JOINER = re.compile(r"(?<![^\x00-\x7f\u200c\u200d])[\u200c\u200d]")
# C1 controls too: after the repair any left are no text (a repaired page has none)
_CONTROL_CHARS = "\x00-\x08\x0e-\x1f\x7f-\x9f"
_LINE_BREAK_CHARS = "\r\u2028\u2029\x85"
# UTF-16 surrogates (JSON's "\ud83d" from a cut emoji, text decoded as UCS-2): no characters,
# and no UTF-8 encoding; see `fix_surrogates`
_SURROGATE_CHARS = "\ud800-\udfff"
# the first character of any _DAMAGE_HINT match: most pages hold none
_DAMAGE_FIRST_CHARS = "\u0080-\u009f\ufffdÃÂâÅÐÑØÙ"


def _class(chars: str) -> re.Pattern[str]:
    """One of `chars`: a plain character class, which Python's `re` scans about three times
    faster than `regex`."""
    return re.compile(f"[{chars}]")


def _members(chars: str) -> frozenset[str]:
    """The characters of the class `chars`."""
    members: set[str] = set()
    while chars:
        if chars[1:2] == "-" and len(chars) > 2:
            members.update(map(chr, range(ord(chars[0]), ord(chars[2]) + 1)))
            chars = chars[3:]
        else:
            members.add(chars[0])
            chars = chars[1:]
    return frozenset(members)


_ODD_SPACES = _class(_ODD_SPACE_CHARS)
_INVISIBLE = _class(_INVISIBLE_CHARS)
_CONTROL = _class(_CONTROL_CHARS)
_SURROGATE = _class(_SURROGATE_CHARS)
_DAMAGE_START = _class(_DAMAGE_FIRST_CHARS)
# every character the steps below replace or remove, or a repair starts at: one scan finds
# those a page holds (few or none on most pages), and only they are replaced
_SPECIAL = _class(_LINE_BREAK_CHARS + _SURROGATE_CHARS + _CONTROL_CHARS + _INVISIBLE_CHARS + _ODD_SPACE_CHARS
                  + _DAMAGE_FIRST_CHARS)
_SPACES = regex.compile(r" {2,}")
_BLANKS = regex.compile(r"\n{3,}")
_LINE_EDGES = regex.compile(r"^ +| +$", regex.MULTILINE)
# Cheap signs of mojibake or damage: C1 controls, replacement-looking pairs, "Ã©"-style pairs.
_DAMAGE_HINT = regex.compile(r"[\u0080-\u009f\ufffd]|[ÃÂâÅÐÑØÙ][\u0080-\u00bf\u2018-\u203a\u0152-\u0178]")


def fix_surrogates(text: str) -> str:
    """`text` with each pair of UTF-16 surrogates made the character it stands for, and each
    surrogate left alone made U+FFFD, as ftfy and a UTF-16 decoder do (the HTML parser, and
    UTF-8 output, take no surrogates)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def needs_repair(text: str) -> bool:
    """True when the text shows signs of mojibake that ftfy can fix."""
    hint = _DAMAGE_START.search(text) and _DAMAGE_HINT.search(text)
    return bool(hint) and is_bad(text)


def normalize_text(text: str) -> tuple[str, list[str]]:
    """Return the normalised text and the names of the normalisation steps that changed it."""
    steps: list[str] = []

    def apply(name: str, new: str) -> str:
        if new != text and name not in steps:
            steps.append(name)
        return new

    found = set(_SPECIAL.findall(text))
    repaired = False
    if not found.isdisjoint(_LINE_BREAKS):
        text = apply("newlines", text.replace("\r\n", "\n").replace("\r", "\n")
                     .replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n"))
    if not found.isdisjoint(_SURROGATES):
        text = apply("fix_surrogates", fix_surrogates(text))
        found = set(_SPECIAL.findall(text))  # U+FFFD may be new, and the repair look for it
    if not found.isdisjoint(_DAMAGE_FIRST):
        # a repair can leave damage that shows only once the odd spaces and controls around it
        # are gone ("\xa0Â\x82" -> "Â‚" -> "‚"); repair again then, so normalised text needs none
        for _ in range(3):
            if not needs_repair(text):
                break
            text = apply("repair_mojibake", ftfy.fix_text(
                text, unescape_html=False, normalization=None, fix_line_breaks=False,
                uncurl_quotes=False, fix_character_width=False))
            for name, step in _TIDY:
                text = apply(name, step(text))
            repaired = True  # the repair may bring in any character
    tidy: Sequence[tuple[str, Callable[[str], str]]] = _TIDY
    if not repaired:  # the character steps replace just the characters found
        for name, chars, replacement in _CHARACTER_STEPS:
            new = text
            for char in found.intersection(chars):
                new = new.replace(char, replacement)
            text = apply(name, new)
        tidy = _TIDY[len(_CHARACTER_STEPS):]
    for name, step in tidy:
        text = apply(name, step(text))
    return text, steps


def _has_edge_space(text: str) -> bool:
    """True when some line of `text` opens or ends with a space (what _LINE_EDGES removes)."""
    return "\n " in text or " \n" in text or text[:1] == " " or text[-1:] == " "


_LINE_BREAKS = _members(_LINE_BREAK_CHARS)
_DAMAGE_FIRST = _members(_DAMAGE_FIRST_CHARS)
_SURROGATES = _members(_SURROGATE_CHARS)
# the first steps of _TIDY, each replacing single characters: (name, characters, replacement)
_CHARACTER_STEPS = (
    ("remove_control_characters", _members(_CONTROL_CHARS), ""),
    ("remove_invisible_characters", _members(_INVISIBLE_CHARS), ""),
    ("plain_spaces", _members(_ODD_SPACE_CHARS), " "),
)
_TIDY = (
    ("remove_control_characters", lambda t: _CONTROL.sub("", t)),
    ("remove_invisible_characters", lambda t: _INVISIBLE.sub("", t)),
    ("plain_spaces", lambda t: _ODD_SPACES.sub(" ", t)),
    ("remove_stray_joiners",
     lambda t: _STRAY_JOINER.sub("", t) if "\u200c" in t or "\u200d" in t else t),
    ("collapse_spaces", lambda t: _SPACES.sub(" ", t) if "  " in t else t),
    ("trim_lines", lambda t: _LINE_EDGES.sub("", t) if _has_edge_space(t) else t),
    ("collapse_blank_lines",
     lambda t: (_BLANKS.sub("\n\n", t) if "\n\n\n" in t else t).strip("\n")),
)

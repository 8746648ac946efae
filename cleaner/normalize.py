"""Unicode repair (only where the text shows damage) and white space.

After `normalize_text`, lines carry no leading or trailing spaces, runs of spaces are single,
odd spaces are plain spaces, and paragraphs are separated by exactly one blank line.
"""
from __future__ import annotations

import ftfy
import regex
from ftfy.badness import is_bad

_ODD_SPACES = regex.compile(r"[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACES = regex.compile(r" {2,}")
_BLANKS = regex.compile(r"\n{3,}")
_LINE_EDGES = regex.compile(r"^ +| +$", regex.MULTILINE)
# Cheap signs of mojibake or damage: C1 controls, replacement-looking pairs, "Ã©"-style pairs.
_DAMAGE_HINT = regex.compile(r"[\u0080-\u009f\ufffd]|[ÃÂâÅÐÑØÙ][\u0080-\u00bf\u2018-\u203a\u0152-\u0178]")


def needs_repair(text: str) -> bool:
    """True when the text shows signs of mojibake that ftfy can fix."""
    hint = _DAMAGE_HINT.search(text)
    return bool(hint) and is_bad(text)


def normalize_text(text: str) -> tuple[str, list[str]]:
    """Return the normalised text and the names of the normalisation steps that changed it."""
    steps: list[str] = []

    def apply(name: str, new: str) -> None:
        nonlocal text
        if new != text:
            steps.append(name)
            text = new

    apply("newlines", text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
          .replace("\u2029", "\n\n").replace("\x85", "\n"))
    if needs_repair(text):
        apply("repair_mojibake", ftfy.fix_text(text, unescape_html=False, normalization=None,
                                               fix_line_breaks=False, uncurl_quotes=False,
                                               fix_character_width=False))
    apply("remove_control_characters", _CONTROL.sub("", text))
    apply("remove_invisible_characters", _INVISIBLE.sub("", text))
    apply("plain_spaces", _ODD_SPACES.sub(" ", text))
    apply("collapse_spaces", _SPACES.sub(" ", text))
    apply("trim_lines", _LINE_EDGES.sub("", text))
    apply("collapse_blank_lines", _BLANKS.sub("\n\n", text).strip("\n"))
    return text, steps

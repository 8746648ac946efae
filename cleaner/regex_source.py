"""Reading a regular expression's source text without compiling it: where its top-level
alternatives begin and end, outside parentheses and character classes."""
from __future__ import annotations

import regex

_POSIX_CLASS = regex.compile(r"\[:\^?[a-zA-Z]+:\]")


def top_level_branches(source: str) -> list[str] | None:
    """`source` cut at each `|` outside parentheses and character classes; None when its
    parentheses do not balance."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(source, i)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    if depth != 0 or i > len(source):
        return None
    parts.append(source[start:])
    return parts


def _class_end(source: str, i: int) -> int:
    """Where the character class opening at `source[i]` ends (just after its `]`); past the
    end of `source` when it does not close."""
    j = i + 1
    if source[j:j + 1] == "^":
        j += 1
    if source[j:j + 1] == "]":  # a ] first in the class is a literal ]
        j += 1
    while j < len(source):
        if source[j] == "\\":
            j += 2
            continue
        posix = _POSIX_CLASS.match(source, j)  # [:alpha:] inside a class
        if posix:
            j = posix.end()
            continue
        if source[j] == "]":
            return j + 1
        j += 1
    return len(source) + 1

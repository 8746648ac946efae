"""The shortcuts in normalize.py (Python `re` for plain character classes, substitutions skipped
when the text cannot hold a match, single characters replaced where one scan found them) give
what the plain `regex` substitutions give."""
from __future__ import annotations

import ftfy
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import normalize

ALPHABET = ("a", "Z", "é", " ", "  ", "\n", "\n\n\n", "\t", "\u00a0", "\u3000", "\u200b",
            "\ufeff", "\u00ad", "\x00", "\x1f", "\x85", "\x9f", "\ufffd", "Ã", "Â©", "â€™", "Ø",
            "\r", "\r\n", "\u2028", "\u2029", "\xa0Â\x82", "Ã©", "â", "\u2009", "\x7f",
            "\u200c", "\u200d", "ه", "\ud83d", "\ude00", "\udfff", "\ud800")

REFERENCE = {
    "remove_control_characters": (r"[\x00-\x08\x0e-\x1f\x7f-\x9f]", ""),
    "remove_invisible_characters": (r"[\u200b\u2060\ufeff\u00ad]", ""),
    "plain_spaces": (r"[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " "),
    "remove_stray_joiners": (r"(?<![^\x00-\x7f\u200c\u200d])[\u200c\u200d]", ""),
    "collapse_spaces": (r" {2,}", " "),
    "trim_lines": (r"(?m)^ +| +$", ""),
}

texts = st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_each_tidy_step_matches_the_plain_regex_substitution(text: str) -> None:
    for name, step in normalize._TIDY:
        if name in REFERENCE:
            pattern, replacement = REFERENCE[name]
            assert step(text) == regex.sub(pattern, replacement, text), (name, text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_damage_prefilter_misses_no_hint(text: str) -> None:
    hint = bool(normalize._DAMAGE_HINT.search(text))
    assert hint <= bool(normalize._DAMAGE_START.search(text)), text


def plain_fix_surrogates(text: str) -> str:
    """Each high-low pair of surrogates made its character, every other surrogate U+FFFD."""
    def pair(match: regex.Match) -> str:
        high, low = map(ord, match.group())
        return chr(0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00))
    text = regex.sub(r"[\ud800-\udbff][\udc00-\udfff]", pair, text)
    return regex.sub(r"[\ud800-\udfff]", "\ufffd", text)


def plain_normalize(text: str) -> tuple[str, list[str]]:
    """normalize_text as first written: every step a `regex` substitution over the whole text."""
    steps: list[str] = []
    tidy = [*REFERENCE.items(), ("collapse_blank_lines", (r"\n{3,}", "\n\n"))]

    def apply(name: str, new: str) -> str:
        if new != text and name not in steps:
            steps.append(name)
        return new

    text = apply("newlines", text.replace("\r\n", "\n").replace("\r", "\n")
                 .replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n"))
    text = apply("fix_surrogates", plain_fix_surrogates(text))
    for repair in (True, True, True, False):
        if repair:
            if not normalize.needs_repair(text):
                continue
            text = apply("repair_mojibake", ftfy.fix_text(
                text, unescape_html=False, normalization=None, fix_line_breaks=False,
                uncurl_quotes=False, fix_character_width=False))
        for name, (pattern, replacement) in tidy:
            new = regex.sub(pattern, replacement, text)
            text = apply(name, new.strip("\n") if name == "collapse_blank_lines" else new)
    return text, steps


@settings(max_examples=500, deadline=None)
@given(texts)
def test_normalize_text_gives_what_the_plain_substitutions_give(text: str) -> None:
    assert normalize.normalize_text(text) == plain_normalize(text), text


def test_surrogates_become_their_character_or_the_replacement_character() -> None:
    text, steps = normalize.normalize_text("cut \ud83d emoji, whole \ud83d\ude00, stray \ude00")
    assert text == "cut \ufffd emoji, whole \U0001f600, stray \ufffd"
    assert steps == ["fix_surrogates"]
    text.encode("utf-8")  # no surrogate is left to refuse encoding

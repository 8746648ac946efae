"""The shortcuts in normalize.py (Python `re` for plain character classes, substitutions skipped
when the text cannot hold a match) give what the plain `regex` substitutions give."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import normalize

ALPHABET = ("a", "Z", "é", " ", "  ", "\n", "\n\n\n", "\t", "\u00a0", "\u3000", "\u200b",
            "\ufeff", "\u00ad", "\x00", "\x1f", "\x85", "\x9f", "\ufffd", "Ã", "Â©", "â€™", "Ø",
            "\u200c", "\u200d", "ه")

REFERENCE = {
    "remove_control_characters": (r"[\x00-\x08\x0e-\x1f\x7f-\x9f]", ""),
    "remove_invisible_characters": (r"[\u200b\u2060\ufeff\u00ad]", ""),
    "remove_stray_joiners": (r"(?<![^\x00-\x7f\u200c\u200d])[\u200c\u200d]", ""),
    "plain_spaces": (r"[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " "),
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

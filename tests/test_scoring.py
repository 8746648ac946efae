"""The body metric: the benchmark's shingles, token for token."""
from __future__ import annotations

import re

from cleaner.scoring import corpus_score, score_page, shingles


def test_tokens_are_those_of_the_benchmarks_scorer():
    # the benchmark finds tokens with Python's re: its \w leaves out combining marks, so a
    # Thai or Hindi word breaks at its vowel signs (the regex module's \w keeps them whole)
    for text in ("นักเคลื่อนไหวทางการเมือง ผู้ลี้ภัย", "हिन्दी में समाचार", "e\u0301te\u0301 café"):
        tokens = re.findall(r"\w+", text)
        assert sum(shingles(text).values()) == max(1, len(tokens) - 3)


def test_page_and_corpus_scores():
    gold = "one two three four five six"
    assert score_page("a", gold, gold).f1 == 1.0
    half = score_page("b", gold, "one two three four")
    assert half.precision == 1.0 and 0 < half.recall < 1
    assert corpus_score([score_page("a", gold, gold), half]).pages == 2
    assert score_page("c", gold, "").f1 == 0.0

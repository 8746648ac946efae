"""Language detection: its shortcuts give what the plain count gives."""
from __future__ import annotations

import json
import sys
from collections import Counter

from conftest import FIXTURES, seed_names
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, language
from cleaner.text import words

RULES = Cleaner().rules


def reference_guess(sample: str) -> str | None:
    """Script shares, then each language's stopword hits counted one list at a time."""
    min_share = RULES.setting("language_script_min_share")
    letters = max(1, len(language._LETTER.findall(sample)))
    for code, script in language._SCRIPTS:
        if len(script.findall(sample)) / letters >= min_share:
            return code
    stopwords = RULES.wordlists.get("stopwords") or {}
    tokens = words(sample)
    if not tokens:
        return None
    counts: Counter = Counter()
    for lang, wordlist in stopwords.items():
        vocab = set(wordlist)
        counts[lang] = sum(1 for t in tokens if t in vocab)
    if not counts:
        return None
    lang, hits = counts.most_common(1)[0]
    return lang if hits / len(tokens) >= RULES.setting("language_stopword_min_share") else None


def fixture_texts() -> list[str]:
    texts = [(FIXTURES / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
             for name in seed_names()]
    for path in sorted(FIXTURES.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts += [v for v in record.values() if isinstance(v, str) and len(v) > 200]
    return texts


def test_fixture_pages_get_the_reference_language() -> None:
    texts = fixture_texts()
    assert len(texts) > 10
    for text in texts:
        sample = text[:language.SAMPLE_CHARS]
        assert language.guess_language(sample, RULES) == reference_guess(sample)


STOPWORDS = sorted({w for ws in (RULES.wordlists.get("stopwords") or {}).values() for w in ws})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(STOPWORDS), st.text(min_size=1, max_size=6)),
                max_size=60))
def test_any_mix_of_stopwords_gets_the_reference_language(parts: list[str]) -> None:
    sample = " ".join(parts)
    assert language.guess_language(sample, RULES) == reference_guess(sample)


def test_the_cheap_script_test_passes_every_character_of_the_scripts() -> None:
    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    found = [m.group() for m in language._ANY_SCRIPT.finditer(every)]
    assert len(found) > 90000
    assert all(language._MAYBE_SCRIPT.match(char) for char in found)


def test_the_cheap_unspaced_test_passes_every_character_of_those_scripts() -> None:
    from cleaner import text

    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    found = [m.group() for m in text._UNSPACED.finditer(every)]
    assert len(found) > 90000
    assert all(text._MAYBE_UNSPACED.match(char) for char in found)

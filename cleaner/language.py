"""Pipeline step `detect_language`: script first, then stopword counts from the packs."""
from __future__ import annotations

from collections import Counter

import regex

from .page import Page
from .ruleset import RuleSet
from .text import words

_SCRIPTS = (
    ("ja", regex.compile(r"[\p{Hiragana}\p{Katakana}]")),
    ("ko", regex.compile(r"\p{Hangul}")),
    ("zh", regex.compile(r"\p{Han}")),
    ("th", regex.compile(r"\p{Thai}")),
    ("ar", regex.compile(r"\p{Arabic}")),
    ("he", regex.compile(r"\p{Hebrew}")),
    ("el", regex.compile(r"\p{Greek}")),
)
SAMPLE_CHARS = 20000
_LETTER = regex.compile(r"\p{L}")
# any character of the scripts above: most pages hold none, and then no share needs counting
_ANY_SCRIPT = regex.compile(
    r"[\p{Hiragana}\p{Katakana}\p{Hangul}\p{Han}\p{Thai}\p{Arabic}\p{Hebrew}\p{Greek}]")
_vocabularies: dict[int, tuple[list, frozenset[str]]] = {}


def detect_language(page: Page, rules: RuleSet) -> Page:
    page.language = guess_language(page.normalized[:SAMPLE_CHARS], rules)
    return page


def guess_language(sample: str, rules: RuleSet) -> str | None:
    min_share = rules.setting("language_script_min_share")
    if min_share <= 0 or _ANY_SCRIPT.search(sample):
        letters = max(1, len(_LETTER.findall(sample)))
        for code, script in _SCRIPTS:
            if len(script.findall(sample)) / letters >= min_share:
                return code
    stopwords = rules.wordlists.get("stopwords") or {}
    tokens = words(sample)
    if not tokens:
        return None
    token_counts = Counter(tokens)
    counts: Counter[str] = Counter()
    for lang, wordlist in stopwords.items():
        vocab = _vocabulary(wordlist)
        counts[lang] = sum(token_counts[t] for t in vocab.intersection(token_counts))
    if not counts:
        return None
    lang, hits = counts.most_common(1)[0]
    return lang if hits / len(tokens) >= rules.setting("language_stopword_min_share") else None


def _vocabulary(wordlist: list) -> frozenset[str]:
    """The word list as a set, built once per list (the list is kept so its id stays its own)."""
    cached = _vocabularies.get(id(wordlist))
    if cached is None or cached[0] is not wordlist:
        cached = (wordlist, frozenset(wordlist))
        _vocabularies[id(wordlist)] = cached
    return cached[1]

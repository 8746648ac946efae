"""Pipeline step `detect_language`: script first, then stopword counts from the packs."""
from __future__ import annotations

import re
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
# A cheap test first: every character of those scripts lies in these ranges (not below Greek,
# not Cyrillic or Armenian, not in General Punctuation, where most pages' only non-Latin
# characters are: ’ — … €).
_MAYBE_SCRIPT = re.compile("[\u0370-\u03ff\u0590-\u1fff\u2100-\U0010ffff]")
_indexes: dict[int, tuple[dict, dict[str, tuple]]] = {}


def detect_language(page: Page, rules: RuleSet) -> Page:
    page.language = guess_language(page.normalized[:SAMPLE_CHARS], rules)
    return page


def guess_language(sample: str, rules: RuleSet) -> str | None:
    min_share = rules.setting("language_script_min_share")
    if min_share <= 0 or (_MAYBE_SCRIPT.search(sample) and _ANY_SCRIPT.search(sample)):
        letters = max(1, len(_LETTER.findall(sample)))
        for code, script in _SCRIPTS:
            if len(script.findall(sample)) / letters >= min_share:
                return code
    stopwords = rules.wordlists.get("stopwords") or {}
    tokens = words(sample)
    if not tokens:
        return None
    languages_of = _languages_of(stopwords)
    # each language's stopword hits, in the order of the lists (ties go to the first)
    counts: Counter[str] = Counter(dict.fromkeys(stopwords, 0))
    for token, times in Counter(filter(languages_of.__contains__, tokens)).items():
        for lang in languages_of[token]:
            counts[lang] += times
    if not counts:
        return None
    lang, hits = counts.most_common(1)[0]
    return lang if hits / len(tokens) >= rules.setting("language_stopword_min_share") else None


def _languages_of(stopwords: dict) -> dict[str, tuple]:
    """For each stopword, the languages whose list holds it; made once per set of lists (the
    lists are kept so their id stays their own)."""
    cached = _indexes.get(id(stopwords))
    if cached is None or cached[0] is not stopwords:
        index: dict[str, list] = {}
        for lang, wordlist in stopwords.items():
            for word in dict.fromkeys(wordlist):
                index.setdefault(word, []).append(lang)
        cached = (stopwords, {word: tuple(langs) for word, langs in index.items()})
        _indexes[id(stopwords)] = cached
    return cached[1]

"""Pipeline step `find_article`: keep the one region of the page where the article's prose is.

Each block still in the body gets a class from its own features (jusText's first pass):
  good  - long, ends a sentence, rich in the language's stopwords
  near  - medium length or weaker evidence
  short - a few words (headings, labels, menu items)
  bad   - link-list or menu-like
then the best-scoring contiguous run of blocks is kept (good blocks add their words, bad and
short ones cost), and short or near blocks only stay when they sit inside that run. Both the
first-pass class and the final verdict are kept on the block. Thresholds live in
rules/settings.yaml.
"""
from __future__ import annotations

from .page import Block, Page
from .ruleset import RuleSet
from .text import words

STEP = "find_article"
REMOVED_BEFORE = "region/before-article"
REMOVED_AFTER = "region/after-article"


def classify(block: Block, stopwords: frozenset[str], rules: RuleSet) -> str:
    s = rules.settings
    n = block.words
    if n < s["region_short_words"]:
        return "short"
    density = 0.0
    if stopwords:
        tokens = words(block.text)
        density = sum(1 for t in tokens if t in stopwords) / max(1, len(tokens))
    prose_like = block.ends_sentence or n >= s["region_long_words"]
    if prose_like and n >= s["region_good_words"] and (not stopwords or density >= s["region_stopword_density"]):
        return "good"
    if not block.ends_sentence and n < s["region_near_words"]:
        return "bad"
    return "near"


def find_article(page: Page, rules: RuleSet) -> Page:
    alive = page.alive()
    if not alive:
        return page
    stopwords = rules.words("stopwords", page.language) if page.language else frozenset()
    s = rules.settings
    scores = []
    for block in alive:
        label = classify(block, stopwords, rules)
        block.verdicts.append((STEP, f"class:{label}"))
        if label == "good":
            scores.append(block.words)
        elif label == "near":
            scores.append(block.words * s["region_near_weight"])
        elif label == "short":
            scores.append(-s["region_short_cost"])
        else:
            scores.append(-s["region_bad_cost"] - block.words)
    start, end = _best_run(scores)
    if start is None:
        return page
    for i, block in enumerate(alive):
        if i < start:
            block.remove(REMOVED_BEFORE, sticky=False)
        elif i > end:
            block.remove(REMOVED_AFTER, sticky=False)
        else:
            block.verdicts.append((STEP, "keep"))
    return page


def _best_run(scores: list[float]) -> tuple[int | None, int]:
    """Maximum-sum contiguous run (Kadane); None when nothing scores above zero."""
    best, best_start, best_end = 0.0, None, -1
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best:
            best, best_start, best_end = total, start, i
    return best_start, best_end

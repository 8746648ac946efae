"""The article-extraction benchmark's body metric: 4-gram shingle precision, recall and F1.

Tokens are `\\w+` matches of Python's `re` module, as the benchmark's scorer finds them (its
`\\w` leaves out combining marks, so Thai or Devanagari words break at their vowel signs; the
`regex` module's would not); shingles are counted as multisets per page; per page tp, fp and fn
are normalised by their sum; corpus P and R are the means of the per-page values.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str | None) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


@dataclass(frozen=True)
class PageScore:
    id: str
    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(page_id: str, gold: str | None, predicted: str | None) -> PageScore:
    g, p = shingles(gold), shingles(predicted)
    tp = sum(min(c, p[s]) for s, c in g.items())
    fp = sum(max(c - g[s], 0) for s, c in p.items())
    fn = sum(max(c - p[s], 0) for s, c in g.items())
    total = tp + fp + fn
    if total:
        return PageScore(page_id, tp / total, fp / total, fn / total)
    return PageScore(page_id, float(tp), float(fp), float(fn))


@dataclass(frozen=True)
class CorpusScore:
    f1: float
    precision: float
    recall: float
    pages: int


def corpus_score(pages: Sequence[PageScore] | Iterable[PageScore]) -> CorpusScore:
    pages = list(pages)
    with_pred = [p.precision for p in pages if p.tp + p.fp > 0]
    with_gold = [p.recall for p in pages if p.tp + p.fn > 0]
    precision = sum(with_pred) / len(with_pred) if with_pred else 0.0
    recall = sum(with_gold) / len(with_gold) if with_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return CorpusScore(f1, precision, recall, len(pages))

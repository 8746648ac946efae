"""Features for the learned block scorer tried in `scripts/train_scorer.py` (not shipped: it
did not beat the hand-set region step under cross-validation; see results/text-quality.md).

A logistic model over features that hold in any language: length (script-aware), sentence
ends, commas, digits, capitals, stopword density measured against the page's own prose, the
page repeating the line, link-like shape, the first- and second-pass classes of `region.py`,
position relative to the headline and to the comments boundary, and the same measures for the
neighbouring blocks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import regex

from cleaner.features import BlockFeatures
from cleaner.page import Block

# one pass over a line's characters: each group is one measure
_SHAPE = regex.compile(
    r"(?P<comma>[,，、;；])|(?P<stop>[.!?。！？](?=\s|$))|(?P<digit>\d)"
    r"|(?P<upper>(?<![\w'’])\p{Lu})|(?P<lower>(?<![\w'’])\p{Ll})|(?P<sep>[|»›•·/])")
_LINK = regex.compile(r"https?:|www\.|\w\.(?:com|org|net)\b|@\w")
_BULLET = regex.compile(r"^(?:[*•·\-–—►▶]|\d{1,2}[.)])\s")
_LABEL_END = regex.compile(r"[:：]\s*$")


@dataclass(frozen=True)
class Context:
    """What the region step knows about the page when the scorer runs."""
    anchor: int | None      # position of the headline in the alive blocks
    sure: bool              # the headline is surely it (title repeat, whole slug)
    closed_from: int | None  # first position after the comments boundary
    in_run: list[bool]      # kept by the hand-set region step
    gaps: list[int]         # blocks taken by rules between this alive block and the one before


CLASSES = ("good", "near", "short", "bad")


def own_measures(block: Block, f: BlockFeatures, reference_density: float | None) -> dict[str, float]:
    """A block's own measures, each a number in a small range."""
    text = block.text
    counts = {"comma": 0, "stop": 0, "digit": 0, "upper": 0, "lower": 0, "sep": 0}
    for m in _SHAPE.finditer(text):
        counts[m.lastgroup] += 1
    words = max(1, f.words)
    cased = counts["upper"] + counts["lower"]
    has_list = f.stopword_density is not None and reference_density
    return {
        "log_words": math.log1p(f.words),
        "ends_sentence": float(f.ends_sentence),
        "repeated": float(f.repeated),
        "commas": min(1.0, counts["comma"] / words * 5),
        "sentences": min(1.0, counts["stop"] / words * 10),
        "digits": min(1.0, counts["digit"] / max(1, len(text)) * 5),
        "capitals": counts["upper"] / cased if cased else 0.0,
        "separators": min(1.0, counts["sep"] / words * 3),
        "link": float(bool(_LINK.search(text))),
        "bullet": float(bool(_BULLET.match(text))),
        "label_end": float(bool(_LABEL_END.search(text))),
        "density": min(2.0, f.stopword_density / reference_density) if has_list else 1.0,
        "no_stopwords": float(not has_list),
    }


def page_reference_density(features: list[BlockFeatures], labels: list[str]) -> float | None:
    """Stopword density of the page's prose (its good blocks, else all): the yardstick the
    other blocks are measured by, so languages with long or short stopword lists compare."""
    good = [f.stopword_density for f, label in zip(features, labels)
            if label == "good" and f.stopword_density is not None]
    if not good:
        good = [f.stopword_density for f in features if f.stopword_density is not None]
    if not good:
        return None
    good.sort()
    return good[len(good) // 2] or None


def feature_rows(alive: list[Block], features: list[BlockFeatures], first: list[str],
                 second: list[str], ctx: Context) -> list[dict[str, float]]:
    """One feature mapping per alive block: its own measures, its neighbours', its place."""
    n = len(alive)
    reference = page_reference_density(features, second)
    own = [own_measures(b, f, reference) for b, f in zip(alive, features)]
    good = [1.0 if label == "good" else 0.0 for label in second]
    prefix = [0.0]
    for g in good:
        prefix.append(prefix[-1] + g)
    total_good = prefix[-1] or 1.0
    rows: list[dict[str, float]] = []
    for i in range(n):
        row = dict(own[i])
        row["first_" + first[i]] = 1.0
        row["second_" + second[i]] = 1.0
        for step, name in ((-1, "prev"), (1, "next")):
            j = i + step
            if 0 <= j < n:
                o = own[j]
                row[name + "_log_words"] = o["log_words"]
                row[name + "_ends_sentence"] = o["ends_sentence"]
                row[name + "_density"] = o["density"]
                row[name + "_good"] = good[j]
                row[name + "_bad"] = float(second[j] == "bad")
                row[name + "_same_para"] = float(alive[j].para == alive[i].para)
            else:
                row[name + "_edge"] = 1.0
        for reach in (3, 8):
            lo, hi = max(0, i - reach), min(n, i + reach + 1)
            row[f"good_within_{reach}"] = (prefix[hi] - prefix[lo] - good[i]) / (hi - lo - 1 or 1)
        row["good_before"] = prefix[i] / total_good
        row["good_after"] = (total_good - prefix[i + 1]) / total_good if prefix[-1] else 0.0
        row["position"] = i / max(1, n - 1)
        row["rule_gap"] = min(1.0, ctx.gaps[i] / 3)
        row["in_run"] = float(ctx.in_run[i])
        if ctx.anchor is None:
            row["no_anchor"] = 1.0
        elif i < ctx.anchor:
            row["before_anchor"] = 1.0 if ctx.sure else 0.5
        elif i == ctx.anchor:
            row["is_anchor"] = 1.0
        else:
            row["after_anchor"] = 1.0
            row["anchor_distance"] = min(1.0, math.log1p(i - ctx.anchor) / 5)
        if ctx.closed_from is not None and i >= ctx.closed_from:
            row["after_boundary"] = 1.0
        rows.append(row)
    return rows


def probabilities(rows: list[dict[str, float]], weights: dict[str, float],
                  bias: float) -> list[float]:
    """The logistic model: p = 1 / (1 + e^-(bias + sum of weight * feature))."""
    out = []
    for row in rows:
        z = bias
        for name, value in row.items():
            w = weights.get(name)
            if w:
                z += w * value
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out

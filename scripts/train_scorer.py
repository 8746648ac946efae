"""An experiment: can a learned block scorer beat the hand-set region step? (So far: no.)

Reads a labelled JSONL file (id, url, text, text_inscriptis, gold; by default the dev set in
../shared/bench/dev, which this script needs and which the repository does not hold), runs the
pipeline up to the region step, labels every block the packs leave alive by whether its words
line up with the gold body, and fits an L2-regularised logistic model on language-independent
features (`scripts/scorer_features.py`). Each page's body is then the alive blocks the model
gives p >= --threshold, scored with the benchmark metric against gold, and compared with the
blocks the shipped region step keeps, scored the same way (both without the structure step, so
the figures sit a little under `cleaner eval`'s). It reports:

- cross-validation grouped by site (the url's domain): every page is scored with weights fitted
  on the other folds' sites only;
- the in-sample figure (weights fitted on every page, scored on the same pages), for contrast.

    python scripts/train_scorer.py [--docs FILE] [--folds 5] [--l2 1.0] [--threshold 0.5]
"""
from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import random
import sys
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import regex

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT.parent), str(ROOT)]

from scorer_features import Context, feature_rows

from cleaner.apply_rules import apply_packs
from cleaner.config import Config
from cleaner.language import detect_language
from cleaner.normalize import normalize_text
from cleaner.page import Page, split_blocks
from cleaner.region import analyse
from cleaner.ruleset import RuleSet, build_ruleset
from cleaner.scoring import PageScore, corpus_score, score_page

DEFAULT_DOCS = ROOT.parent.parent / "shared" / "bench" / "dev" / "docs.jsonl"
FIELDS = ("text", "text_inscriptis")
_TOKEN = regex.compile(r"\w+")


def site(url: str | None) -> str:
    return (urlsplit(url or "").hostname or "unknown").removeprefix("www.")


def gold_shares(blocks: list, gold: str) -> list[float]:
    """Per block, the share of its words that line up (in runs of three or more) with the gold
    body's words, in order."""
    gold_tokens = _TOKEN.findall(gold.lower())
    tokens: list[str] = []
    owner: list[int] = []
    for k, block in enumerate(blocks):
        found = _TOKEN.findall(block.text.lower())
        tokens += found
        owner += [k] * len(found)
    hit = [0.0] * len(tokens)
    matcher = difflib.SequenceMatcher(None, tokens, gold_tokens, autojunk=False)
    for a, _, size in matcher.get_matching_blocks():
        for t in range(a, a + size):
            hit[t] = 1.0 if size >= 3 else 0.5
    total = [0] * len(blocks)
    hits = [0.0] * len(blocks)
    for k, h in zip(owner, hit):
        total[k] += 1
        hits[k] += h
    return [hits[k] / total[k] if total[k] else 0.0 for k in range(len(blocks))]


@dataclasses.dataclass
class Sample:
    page: str
    site: str
    field: str
    gold: str
    texts: list[str]
    region_keep: list[bool]
    rows: list[dict[str, float]]
    labels: list[float]
    weights: list[float]


def samples(records: list[dict], rules: RuleSet) -> list[Sample]:
    out = []
    for record in records:
        for field in FIELDS:
            normalized, normalization = normalize_text(record[field])
            page = Page(source=None, url=record.get("url"), normalized=normalized,
                        normalization=normalization, blocks=split_blocks(normalized))
            page = apply_packs(detect_language(page, rules), rules)
            found = analyse(page, rules)
            if found is None:
                continue
            gaps = [0] + [b.index - a.index - 1 for a, b in zip(found.alive, found.alive[1:])]
            context = Context(found.anchor, found.sure, found.closed_from, found.keep, gaps)
            rows = feature_rows(found.alive, found.features, found.first, found.second, context)
            shares = gold_shares(found.alive, record["gold"])
            sizes = [1.0 + b.words for b in found.alive]
            total = sum(sizes)
            out.append(Sample(record["id"], site(record.get("url")), field, record["gold"],
                              [b.text for b in found.alive], found.keep, rows,
                              [1.0 if x >= 0.5 else 0.0 for x in shares],
                              [x / total for x in sizes]))
    return out


def matrix(data: list[Sample], names: list[str]) -> np.ndarray:
    index = {n: k for k, n in enumerate(names)}
    rows = [r for s in data for r in s.rows]
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0
    for k, row in enumerate(rows):
        for name, value in row.items():
            if name in index:
                x[k, index[name]] = value
    return x


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float) -> np.ndarray:
    """Weighted logistic regression by Newton's method (the bias, last, is not penalised)."""
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        grad = x.T @ (w * (p - y)) + penalty * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return beta


def predict(x: np.ndarray, beta: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))


def page_score(sample: Sample, keep) -> PageScore:
    body = "\n".join(t for t, k in zip(sample.texts, keep) if k)
    return score_page(sample.page, sample.gold, body)


def report(name: str, data: list[Sample], keeps: list) -> None:
    for field in FIELDS:
        pages = [page_score(s, k) for s, k in zip(data, keeps) if s.field == field]
        c = corpus_score(pages)
        print(f"{name} ({field}): F1 {c.f1:.3f} P {c.precision:.3f} R {c.recall:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args(argv)
    if not args.docs.is_file():
        print(f"train_scorer: {args.docs} not found; pass --docs FILE (JSONL with "
              "id, url, text, text_inscriptis, gold)", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in args.docs.open(encoding="utf-8") if line.strip()]
    data = samples(records, build_ruleset(Config()))
    names = sorted({n for s in data for r in s.rows for n in r})
    x = matrix(data, names)
    y = np.array([v for s in data for v in s.labels])
    w = np.array([v for s in data for v in s.weights])  # every page weighs the same
    bounds = np.cumsum([0] + [len(s.rows) for s in data])
    print(f"{len(records)} pages, {len({s.site for s in data})} sites, {len(y)} blocks, "
          f"{len(names)} features")
    report("hand-set region step", data, [s.region_keep for s in data])
    sites = sorted({s.site for s in data})
    random.Random(args.seed).shuffle(sites)
    p = np.zeros(len(y))
    for k in range(args.folds):
        held = set(sites[k::args.folds])
        train = np.concatenate([np.arange(bounds[i], bounds[i + 1])
                                for i, s in enumerate(data) if s.site not in held])
        test = np.concatenate([np.arange(bounds[i], bounds[i + 1])
                               for i, s in enumerate(data) if s.site in held])
        beta = fit(x[train], y[train], w[train] / w[train].sum() * len(train), args.l2)
        p[test] = predict(x[test], beta)
    keeps = [p[bounds[i]:bounds[i + 1]] >= args.threshold for i in range(len(data))]
    report(f"learned, cross-validated by site ({args.folds} folds)", data, keeps)
    p = predict(x, fit(x, y, w / w.sum() * len(y), args.l2))
    keeps = [p[bounds[i]:bounds[i + 1]] >= args.threshold for i in range(len(data))]
    report("learned, in-sample", data, keeps)
    return 0


if __name__ == "__main__":
    sys.exit(main())

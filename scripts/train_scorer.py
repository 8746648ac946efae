"""Train the region step's block scorer (`cleaner/scorer.py`) and report it honestly.

Reads a labelled JSONL file (id, url, text, text_inscriptis, gold; by default the dev set in
../shared/bench/dev, which this script needs and which the repository does not hold), labels
every block the packs leave alive by whether its words line up with the gold body, and fits an
L2-regularised logistic model on the scorer's features. It reports:

- cross-validation grouped by site (the url's domain): each page is cleaned with weights fitted
  on the other folds' sites only, through the whole pipeline, and scored with the benchmark metric;
- the in-sample figure (weights fitted on every page, scored on the same pages), for contrast;
- the first guess without the scorer (the hand-set best run), on the same pages.

With --write, the weights fitted on every page go to rules/scorer.yaml.

    python scripts/train_scorer.py [--docs FILE] [--folds 5] [--write]
"""
from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import math
import random
import sys
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.apply_rules import apply_packs  # noqa: E402
from cleaner.config import Config  # noqa: E402
from cleaner.language import detect_language  # noqa: E402
from cleaner.normalize import normalize_text  # noqa: E402
from cleaner.page import Page, split_blocks  # noqa: E402
from cleaner.pipeline import run_text  # noqa: E402
from cleaner.region import analyse  # noqa: E402
from cleaner.ruleset import RuleSet, build_ruleset  # noqa: E402
from cleaner.scorer import feature_rows  # noqa: E402
from cleaner.scoring import corpus_score, score_page  # noqa: E402

DEFAULT_DOCS = ROOT.parent / "shared" / "bench" / "dev" / "docs.jsonl"
FIELDS = ("text", "text_inscriptis")
_TOKEN = regex.compile(r"\w+")


def site(url: str | None) -> str:
    host = urlsplit(url or "").hostname or "unknown"
    return host[4:] if host.startswith("www.") else host


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
            rows = feature_rows(found.alive, found.features, found.first, found.second,
                                found.context)
            shares = gold_shares(found.alive, record["gold"])
            sizes = [1.0 + b.words for b in found.alive]
            total = sum(sizes)
            out.append(Sample(record["id"], site(record.get("url")), field, rows,
                              [1.0 if x >= 0.5 else 0.0 for x in shares],
                              [x / total for x in sizes]))
    return out


def fit(train: list[Sample], names: list[str], l2: float) -> tuple[dict[str, float], float]:
    """Weighted logistic regression by Newton's method; every page weighs the same."""
    index = {n: k for k, n in enumerate(names)}
    rows = [r for s in train for r in s.rows]
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0
    for k, row in enumerate(rows):
        for name, value in row.items():
            if name in index:
                x[k, index[name]] = value
    y = np.array([v for s in train for v in s.labels])
    w = np.array([v for s in train for v in s.weights])
    w = w / w.sum() * len(train)
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
    weights = {n: round(float(beta[k]), 4) for n, k in index.items() if abs(beta[k]) >= 1e-4}
    return weights, round(float(beta[-1]), 4)


def with_weights(rules: RuleSet, weights: dict[str, float] | None, bias: float) -> RuleSet:
    settings = dict(rules.settings)
    settings["region_scorer_weights"] = weights or {}
    settings["region_scorer_bias"] = bias
    return dataclasses.replace(rules, settings=settings)


def score(records: list[dict], rules: RuleSet, field: str):
    pages = []
    for record in records:
        doc = run_text(record[field], rules, url=record.get("url"))
        pages.append(score_page(record["id"], record["gold"], doc.body))
    return pages


def folds_by_site(records: list[dict], folds: int, seed: int) -> list[set[str]]:
    sites = sorted({site(r.get("url")) for r in records})
    random.Random(seed).shuffle(sites)
    return [set(sites[k::folds]) for k in range(folds)]


def fmt(pages) -> str:
    s = corpus_score(pages)
    return f"F1 {s.f1:.3f} P {s.precision:.3f} R {s.recall:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--write", action="store_true", help="write rules/scorer.yaml")
    args = parser.parse_args(argv)
    if not args.docs.is_file():
        print(f"train_scorer: {args.docs} not found; pass --docs FILE (JSONL with "
              "id, url, text, text_inscriptis, gold)", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in args.docs.open(encoding="utf-8") if line.strip()]
    base = with_weights(build_ruleset(Config()), None, 0.0)
    data = samples(records, base)
    names = sorted({n for s in data for r in s.rows for n in r})
    print(f"{len(records)} pages, {len({site(r.get('url')) for r in records})} sites, "
          f"{sum(len(s.rows) for s in data)} blocks, {len(names)} features")
    for field in FIELDS:
        print(f"first guess, no scorer ({field}): {fmt(score(records, base, field))}")
    cv = {f: [] for f in FIELDS}
    for held in folds_by_site(records, args.folds, args.seed):
        weights, bias = fit([s for s in data if s.site not in held], names, args.l2)
        test = [r for r in records if site(r.get("url")) in held]
        for field in FIELDS:
            cv[field] += score(test, with_weights(base, weights, bias), field)
    for field in FIELDS:
        print(f"cross-validated by site, {args.folds} folds ({field}): {fmt(cv[field])}")
    weights, bias = fit(data, names, args.l2)
    for field in FIELDS:
        print(f"in-sample ({field}): {fmt(score(records, with_weights(base, weights, bias), field))}")
    if args.write:
        write_pack(weights, bias, args)
    return 0


def write_pack(weights: dict[str, float], bias: float, args: argparse.Namespace) -> None:
    path = ROOT / "rules" / "scorer.yaml"
    lines = [
        "name: scorer",
        "description: Weights of the region step's learned block scorer (cleaner/scorer.py).",
        "version: 1",
        "# Written by scripts/train_scorer.py "
        f"(--folds {args.folds} --seed {args.seed} --l2 {args.l2}); do not edit by hand:",
        "# retrain instead. A feature missing here weighs nothing.",
        "settings:",
        f"  region_scorer_bias: {bias}",
        "  region_scorer_weights:",
    ]
    lines += [f"    {name}: {value}" for name, value in sorted(weights.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(weights)} weights)")


if __name__ == "__main__":
    sys.exit(main())

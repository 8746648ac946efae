"""HTML mode against trafilatura alone, on the same pages, in one run: score, speed, metadata.

    python bench/bench_html.py [--bench ../shared/bench] [--rounds 1] [--parts] [--variants]

Reads the dev pages from ../shared/bench (dev/docs.jsonl and dev/html/<id>.html.gz); when that
folder is absent it says so and exits 0. For every page each system runs in turn (the order
rotates page by page), so the machine's load falls on all of them alike. Speed is CPU time of
this process (time.process_time), which other jobs on the machine do not inflate; wall time is
printed too.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = REPO.parent / "shared" / "bench"


def load_pages(bench: Path) -> list[dict]:
    pages = []
    with open(bench / "dev" / "docs.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            record["html_bytes"] = (bench / "dev" / "html" / f"{record['id']}.html.gz").read_bytes()
            pages.append(record)
    return pages


def systems() -> dict[str, Callable[[dict], str]]:
    """Each system takes a page record and returns the body it extracts."""
    import trafilatura

    from cleaner import Cleaner, Config
    from cleaner.html import trafilatura_options

    config = Config()
    cleaner = Cleaner(config)

    def unzip(page: dict) -> bytes:
        return gzip.decompress(page["html_bytes"])

    def traf_defaults(page: dict) -> str:
        return trafilatura.extract(unzip(page), url=page["url"]) or ""

    def traf_no_comments(page: dict) -> str:
        return trafilatura.extract(unzip(page), url=page["url"], include_comments=False) or ""

    def traf_same_options(page: dict) -> str:
        # exactly the trafilatura call inside cleaner: its options, text and metadata
        found = trafilatura.bare_extraction(unzip(page), url=page["url"],
                                            options=trafilatura_options(config, page["url"]))
        return (found.text or "") if found is not None else ""

    def traf_same_options_text_only(page: dict) -> str:
        # the same extraction without trafilatura's metadata pass
        found = trafilatura.bare_extraction(unzip(page), url=page["url"], options=trafilatura_options(
            config, page["url"], with_metadata=False))
        return (found.text or "") if found is not None else ""

    def run_cleaner(page: dict) -> str:
        return cleaner.clean(page["html_bytes"], url=page["url"],
                             source=f"{page['id']}.html.gz").body

    return {
        "trafilatura (defaults)": traf_defaults,
        "trafilatura (comments off)": traf_no_comments,
        "trafilatura (cleaner's options, with metadata)": traf_same_options,
        "trafilatura (cleaner's options, text only)": traf_same_options_text_only,
        "cleaner (HTML mode)": run_cleaner,
    }


def metadata_coverage(pages: list[dict]) -> dict[str, tuple[int, int]]:
    """For title, date, authors: (pages where trafilatura finds it, of those, in cleaner's record)."""
    import trafilatura

    from cleaner import Cleaner, Config
    from cleaner.html import trafilatura_options

    config = Config()
    cleaner = Cleaner(config)
    counts = {"title": [0, 0], "published": [0, 0], "authors": [0, 0]}
    for page in pages:
        found = trafilatura.bare_extraction(gzip.decompress(page["html_bytes"]), url=page["url"],
                                            options=trafilatura_options(config, page["url"]))
        record = cleaner.clean(page["html_bytes"], url=page["url"]).to_dict()
        for name, value in (("title", found.title), ("published", found.date),
                            ("authors", found.author)):
            if value:
                counts[name][0] += 1
                counts[name][1] += bool(record[name])
    return {k: (v[0], v[1]) for k, v in counts.items()}


def parts(pages: list[dict], rounds: int) -> None:
    """Where cleaner's HTML-mode time goes, step by step (CPU ms a page)."""
    import trafilatura

    from cleaner import Cleaner, Config, html, html_meta
    from cleaner.decode import decode_bytes
    from cleaner.pipeline import HTML_STEPS, run_text

    cleaner = Cleaner(Config())
    cleaner.clean(pages[0]["html_bytes"], url=pages[0]["url"])  # warm-up: compiled packs, caches
    spent: dict[str, float] = {}

    def timed(name: str, function: Callable, *args, **kwargs):
        start = time.process_time()
        result = function(*args, **kwargs)
        spent[name] = spent.get(name, 0.0) + time.process_time() - start
        return result

    for _ in range(rounds):
        for page in pages:
            text = timed("decode (gunzip, charset)", decode_bytes, page["html_bytes"], "x.html.gz")
            tree = timed("parse (trafilatura.load_html)", trafilatura.load_html, text)
            markup = timed("metadata from the markup (html_meta)", html_meta.read_markup_meta,
                           tree, page["url"])
            found = timed("trafilatura text extraction (bare_extraction on the tree)",
                          trafilatura.bare_extraction, tree, options=html.trafilatura_options(
                              cleaner.config, page["url"], with_metadata=False))
            meta = html.page_metadata(markup, cleaner.rules)
            body = "\n\n".join(line for line in (found.text or "").split("\n") if line.strip())
            doc = timed("packs on the extracted text (HTML_STEPS)", run_text, body, cleaner.rules,
                        url=page["url"], steps=HTML_STEPS, meta=meta)
            if not meta.get("authors") and not doc.authors:
                timed("byline search (pages without declared authors)",
                      html_meta.byline_from_markup, tree)
    print("\n| part of cleaner's HTML mode | ms/page CPU |\n|---|---|")
    for name, seconds in spent.items():
        print(f"| {name} | {seconds * 1000 / (len(pages) * rounds):.2f} |")


def variants(pages: list[dict]) -> None:
    """Scores only: trafilatura's preference, and which steps run on its text."""
    from cleaner import Cleaner, Config, html
    from cleaner.apply_rules import apply_packs
    from cleaner.decode import decode_bytes
    from cleaner.language import detect_language
    from cleaner.pipeline import HTML_STEPS, run_text
    from cleaner.region import find_article
    from cleaner.scoring import corpus_score, score_page
    from cleaner.structure import find_structure

    base = (("detect_language", detect_language),)
    packs = (("apply_packs", apply_packs),)
    step_lists = {
        "trafilatura text alone (no steps)": (),
        "+ packs": base + packs,
        "+ packs + known title (HTML_STEPS, the default)": HTML_STEPS,
        "+ packs + structure": base + packs + (("structure", find_structure),),
        "+ packs + region + structure (the text pipeline)": base + packs + (
            ("region", find_article), ("structure", find_structure)),
    }
    print("\n| favor | steps on trafilatura's text | F1 | P | R |\n|---|---|---|---|---|")
    for favor in ("precision", "balanced", "recall"):
        cleaner = Cleaner(Config(html_favor=favor))
        found = [html.extract(decode_bytes(p["html_bytes"]), cleaner.config, cleaner.rules,
                              url=p["url"]) for p in pages]
        lists = step_lists if favor == "precision" else {
            k: v for k, v in step_lists.items() if "default" in k or "alone" in k}
        for label, steps in lists.items():
            scores = []
            for page, article in zip(pages, found):
                doc = run_text(article.text, cleaner.rules, url=page["url"], steps=steps,
                               meta=article.meta)
                scores.append(score_page(page["id"], page["gold"], doc.body))
            s = corpus_score(scores)
            print(f"| {favor} | {label} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH,
                        help="the benchmark folder (default: ../shared/bench beside the repo)")
    parser.add_argument("--rounds", type=int, default=1, help="passes over the pages for timing")
    parser.add_argument("--parts", action="store_true",
                        help="also time each part of cleaner's HTML mode")
    parser.add_argument("--variants", action="store_true",
                        help="also score other trafilatura preferences and step lists")
    args = parser.parse_args(argv)
    if not (args.bench / "dev" / "docs.jsonl").is_file():
        print(f"bench_html: {args.bench}/dev/docs.jsonl not found; this benchmark needs "
              "../shared/bench (the dev pages and their HTML); nothing to measure")
        return 0
    sys.path.insert(0, str(REPO))
    from cleaner.scoring import corpus_score, score_page

    pages = load_pages(args.bench)
    runners = systems()
    names = list(runners)
    for name in names:  # warm-up: imports, compiled packs, caches
        runners[name](pages[0])
    cpu = dict.fromkeys(names, 0.0)
    wall = dict.fromkeys(names, 0.0)
    bodies: dict[str, dict[str, str]] = {name: {} for name in names}
    for _ in range(args.rounds):
        for i, page in enumerate(pages):
            for name in names[i % len(names):] + names[:i % len(names)]:
                c0, w0 = time.process_time(), time.perf_counter()
                bodies[name][page["id"]] = runners[name](page)
                cpu[name] += time.process_time() - c0
                wall[name] += time.perf_counter() - w0
    n = len(pages) * args.rounds
    print(f"# HTML mode vs trafilatura: {len(pages)} dev pages from {args.bench}, "
          f"{args.rounds} round(s)\n")
    print("| system | F1 | P | R | ms/page CPU | ms/page wall | pages/s CPU |")
    print("|---|---|---|---|---|---|---|")
    for name in names:
        s = corpus_score(score_page(p["id"], p["gold"], bodies[name][p["id"]]) for p in pages)
        print(f"| {name} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} | "
              f"{cpu[name] * 1000 / n:.1f} | {wall[name] * 1000 / n:.1f} | {n / cpu[name]:.1f} |")
    ours = cpu["cleaner (HTML mode)"]
    print()
    for name in names[:-1]:
        print(f"throughput of cleaner / {name}: {cpu[name] / ours:.2f}x (CPU), "
              f"{wall[name] / wall['cleaner (HTML mode)']:.2f}x (wall)")
    print("\nmetadata: pages where trafilatura finds it -> also in cleaner's record")
    for field, (found, kept) in metadata_coverage(pages).items():
        print(f"  {field:10} {kept}/{found}")
    if args.parts:
        parts(pages, args.rounds)
    if args.variants:
        variants(pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())

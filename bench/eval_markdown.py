"""Scraped pages as Markdown: the dev pages' HTML through the Markdown converters scrapers use.

    python bench/eval_markdown.py [--bench ../shared/bench] [--converter html2text]
                                  [--converter markdownify] [--worst 10]

Each dev page's HTML (../shared/bench/dev/html/<id>.html.gz) is converted to Markdown by
html2text (links inline, no wrapping) and by markdownify (ATX headings), as a scraper would
store it, then cleaned; bodies are scored against the dev gold with the benchmark's metric.
The page's `text` field (a naive text conversion) is cleaned too, for comparison: Markdown
should come out about as well. Needs `pip install html2text markdownify` (a converter that is
not installed is skipped); reads ../shared/bench and, when that folder is absent, says so and
exits 0.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_BENCH = REPO.parent / "shared" / "bench"

from cleaner import Cleaner
from cleaner.scoring import PageScore, corpus_score, score_page


def converters() -> dict[str, Callable[[str], str]]:
    """The installed HTML-to-Markdown converters, by name."""
    found: dict[str, Callable[[str], str]] = {}
    try:
        import html2text
    except ImportError:
        pass
    else:
        def with_html2text(html: str) -> str:
            converter = html2text.HTML2Text()
            converter.body_width = 0
            return converter.handle(html)
        found["html2text"] = with_html2text
    try:
        import markdownify
    except ImportError:
        pass
    else:
        found["markdownify"] = lambda html: markdownify.markdownify(html, heading_style="ATX")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--converter", action="append", default=[],
                        help="html2text or markdownify (default: every one installed)")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages of each")
    args = parser.parse_args()
    docs = args.bench / "dev" / "docs.jsonl"
    if not docs.exists():
        print(f"{docs} is absent (it lives in ../shared/bench beside the repo); nothing to do.")
        return 0
    available = converters()
    chosen = args.converter or list(available)
    missing = [name for name in chosen if name not in available]
    if missing:
        print(f"not installed: {', '.join(missing)} (pip install {' '.join(missing)})")
        chosen = [name for name in chosen if name in available]
    cleaner = Cleaner()
    scores: dict[str, list[PageScore]] = {"text field (naive conversion)": []}
    scores.update({f"Markdown from {name}": [] for name in chosen})
    markdown_pages = dict.fromkeys(chosen, 0)
    with open(docs, encoding="utf-8") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for line in handle:
            record = json.loads(line)
            page_id, gold, url = record["id"], record["gold"], record.get("url")
            body = cleaner.clean(record["text"], url=url).body
            scores["text field (naive conversion)"].append(score_page(page_id, gold, body))
            html_file = args.bench / "dev" / "html" / f"{page_id}.html.gz"
            html = gzip.decompress(html_file.read_bytes()).decode("utf-8", "replace")
            for name in chosen:
                doc = cleaner.clean(available[name](html), url=url)
                markdown_pages[name] += doc.stats.get("mode") == "markdown"
                scores[f"Markdown from {name}"].append(score_page(page_id, gold, doc.body))
    count = len(scores["text field (naive conversion)"])
    print(f"{count} dev pages; body F1 (P, R) against the gold, benchmark metric")
    for system, page_scores in scores.items():
        total = corpus_score(page_scores)
        name = system.removeprefix("Markdown from ")
        told = f"  read as Markdown: {markdown_pages[name]}/{count}" if name in markdown_pages else ""
        print(f"  {system:30s} F1 {total.f1:.3f} (P {total.precision:.3f}, "
              f"R {total.recall:.3f}){told}")
        for page in sorted(page_scores, key=lambda p: p.f1)[:args.worst]:
            print(f"      {page.f1:.3f} {page.precision:.3f} {page.recall:.3f} {page.id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

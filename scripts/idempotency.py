"""Count the dev pages where cleaning the clean body changes it or removes anything.

Reads ../shared/bench/dev/docs.jsonl (outside the repository; exits 0 with a note when it is
absent). Usage: python scripts/idempotency.py [DOCS.jsonl | FOLDER] [--field text] [-v]
A FOLDER's `*.txt` files are pages too (the fuzzer's FUZZ_FAILURES folder, fuzz/regressions);
the last line then also counts the failing pages by the rules the second pass fired.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from cleaner import Cleaner

DEFAULT_DOCS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "dev" / "docs.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--field", default="text", help="page field to clean (text, text_inscriptis)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show what the second pass removes")
    args = parser.parse_args(argv)
    if not args.docs.exists():
        print(f"{args.docs}: not present (the benchmark lives outside the repository); skipped")
        return 0
    cleaner = Cleaner()
    if args.docs.is_dir():
        pages = [{"id": path.name, args.field: path.read_text(encoding="utf-8",
                                                             errors="surrogatepass")}
                 for path in sorted(args.docs.glob("*.txt"))]
    else:
        pages = [json.loads(line) for line in args.docs.open(encoding="utf-8")]
    failing = 0
    by_rule: Counter = Counter()
    for page in pages:
        body = cleaner.clean(page[args.field], url=page.get("url")).body
        again = cleaner.clean(body, url=page.get("url"))
        if again.body == body and not again.removed:
            continue
        failing += 1
        fired = sorted({r.rule for r in again.removed}) or ["(body changed)"]
        by_rule.update(fired)
        print(f"{page['id'][:12]}  {' '.join(fired)}")
        if args.verbose:
            for piece in again.removed:
                print(f"    {piece.rule:28} {piece.field or '':10} {piece.text[:90]!r}")
    print(f"{failing} of {len(pages)} pages not idempotent ({args.field})"
          + ("; by rule: " + ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common())
             if args.docs.is_dir() and by_rule else ""))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())

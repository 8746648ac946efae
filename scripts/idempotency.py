"""Count the dev pages where cleaning the clean body changes it or removes anything.

Reads ../shared/bench/dev/docs.jsonl (outside the repository; exits 0 with a note when it is
absent). Usage: python scripts/idempotency.py [DOCS.jsonl] [--field text] [-v]
"""
from __future__ import annotations

import argparse
import json
import sys
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
    pages = [json.loads(line) for line in args.docs.open(encoding="utf-8")]
    failing = 0
    for page in pages:
        body = cleaner.clean(page[args.field], url=page.get("url")).body
        again = cleaner.clean(body, url=page.get("url"))
        if again.body == body and not again.removed:
            continue
        failing += 1
        print(f"{page['id'][:12]}  {' '.join(sorted({r.rule for r in again.removed}))}")
        if args.verbose:
            for piece in again.removed:
                print(f"    {piece.rule:28} {piece.field or '':10} {piece.text[:90]!r}")
    print(f"{failing} of {len(pages)} pages not idempotent ({args.field})")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())

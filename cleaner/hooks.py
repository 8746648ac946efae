"""The pre-commit hooks `cleaner-check` and `cleaner-fix` (see .pre-commit-hooks.yaml).

They behave as pre-commit expects: only the files passed are read or written; `check` prints
`file: rule ids` for each page that still holds junk; `fix` rewrites a page only when its clean
body differs, prints `Fixing <file>`, and returns 1 when it changed any. Unlike `cleaner fix`,
the hook writes no `.cleaner.json` record beside the page: a hook touches only its files.

    python -m cleaner.hooks check [--rules PATH] [--disable ID] FILE...
    python -m cleaner.hooks fix   [--rules PATH] [--disable ID] FILE...
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .cleaner import Cleaner
from .config import Config
from .errors import CleanerError
from .files import write_atomic


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleaner.hooks",
                                     description="pre-commit hooks: check or fix scraped pages.")
    parser.add_argument("mode", choices=("check", "fix"))
    parser.add_argument("files", nargs="*", help="Pages to check or fix (pre-commit passes them).")
    parser.add_argument("--rules", action="append", default=[], help="Extra rule pack file or folder.")
    parser.add_argument("--disable", action="append", default=[], help="Pack, rule id or step to switch off.")
    args = parser.parse_args(argv)
    try:
        cleaner = Cleaner(Config(rule_paths=tuple(Path(p) for p in args.rules),
                                 disabled=frozenset(args.disable)))
    except CleanerError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return 2
    run = check_file if args.mode == "check" else fix_file
    status = 0
    for name in args.files:
        try:
            status = max(status, run(cleaner, name))
        except CleanerError as exc:
            print(f"cleaner: {exc}", file=sys.stderr)
            status = 2
    return status


def check_file(cleaner: Cleaner, name: str) -> int:
    """1 (and `file: rule ids` on stdout) when the page still holds junk, else 0."""
    doc = cleaner.clean(_read(name), source=name)
    if not doc.removed:
        return 0
    print(f"{name}: {' '.join(doc.rules_fired)}")
    return 1


def fix_file(cleaner: Cleaner, name: str) -> int:
    """Rewrite the page to its clean body when that differs; 1 when it was rewritten."""
    data = _read(name)
    doc = cleaner.clean(data, source=name)
    if not doc.removed:
        return 0
    if doc.markup is not None:
        print(f"cleaner: {name}: is {doc.markup}; the fix hook rewrites text pages only, so it is "
              "left as it is (narrow the hook's `files` pattern to text pages)", file=sys.stderr)
        return 1
    new = doc.body + "\n" if doc.body else ""
    if new.encode("utf-8") == data:
        return 0
    print(f"Fixing {name}")
    write_atomic(Path(name), new, like=Path(name))
    return 1


def _read(name: str) -> bytes:
    from .files import read_input

    return read_input(name)


if __name__ == "__main__":
    sys.exit(main())

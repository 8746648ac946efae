"""Check that a speed change left the output alone: the full records of every dev page, A/B.

    python bench/check_same_output.py --freeze /tmp/s-base     # once, before changing anything
    python bench/check_same_output.py --base /tmp/s-base       # after each change

`--freeze DIR` copies this checkout's `cleaner/` and `rules/` to DIR. `--base DIR` then builds
a candidate tree: a copy of DIR with the files named by `--files` (default: the files the
speed work changed) taken from this checkout, and cleans every dev page (`text` and
`text_inscriptis` of ../shared/bench/dev/docs.jsonl) with both trees, each in its own process
and with DIR's rules. So other people's edits to the rules or to other steps, made meanwhile,
cannot show up as a difference. Prints the pages whose JSON records differ; exit 1 if any.
Without ../shared/bench/dev the script says so and exits 0.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "bench" / "dev" / "docs.jsonl"
# the files speed work changed; name others with --files
SPEED_FILES = ("matching.py", "literals.py", "apply_rules.py", "packs.py", "normalize.py",
               "language.py")
FIELDS = ("text", "text_inscriptis")

_DUMP = """
import json, sys
FIELDS = sys.argv[3].split(",")
from cleaner import Cleaner
cleaner = Cleaner()
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    for field in FIELDS:
        if record.get(field):
            doc = cleaner.clean(record[field], url=record.get("url"))
            out[record["id"] + "/" + field] = doc.to_dict()
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"), sort_keys=True, ensure_ascii=False)
"""


def dump(tree: Path, target: Path) -> dict:
    subprocess.run([sys.executable, "-c", _DUMP, str(DEV), str(target), ",".join(FIELDS)],
                   check=True,
                   env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}, cwd=tree)
    return json.loads(target.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--freeze", type=Path, help="copy cleaner/ and rules/ here, then stop")
    parser.add_argument("--base", type=Path, help="the frozen tree to compare against")
    parser.add_argument("--files", nargs="*", default=SPEED_FILES,
                        help="files of cleaner/ taken from this checkout")
    args = parser.parse_args(argv)
    if args.freeze:
        for part in ("cleaner", "rules"):
            shutil.copytree(ROOT / part, args.freeze / part, dirs_exist_ok=True)
        print(f"froze {ROOT} into {args.freeze}")
        return 0
    if not args.base:
        parser.error("give --freeze DIR or --base DIR")
    if not DEV.exists():
        print(f"{DEV} not found: nothing to compare (needs ../shared/bench/dev)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / "candidate"
        for part in ("cleaner", "rules"):
            shutil.copytree(args.base / part, candidate / part)
        for name in args.files:
            shutil.copy2(ROOT / "cleaner" / name, candidate / "cleaner" / name)
        old = dump(args.base, Path(tmp) / "old.json")
        new = dump(candidate, Path(tmp) / "new.json")
    differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    for key in differ:
        print(f"differs: {key}")
    print(f"{len(old)} records compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

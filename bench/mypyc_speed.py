"""Would compiling the per-page modules with mypyc make cleaner faster? A/B on the dev pages
(reads ../shared/bench/dev).

    pip install mypy                      # mypyc comes with it
    python bench/mypyc_speed.py           # compile, compare the records, time both
    python bench/mypyc_speed.py --rounds 5 --modules page text region

Copies this checkout's `cleaner/`, `rules/` and `pyproject.toml` (its `[tool.mypy]` settings) to
two temporary trees and compiles `--modules` in one of them with mypyc (`build_ext --inplace` in
the copy, never in this checkout, where a compiled module would shadow the sources). Then checks
that both trees give the same JSON record for every dev page (`text` and `text_inscriptis`), and
times each tree in its own process, taking turns (`--rounds`), pinned to one core: CPU ms per
page for the whole clean and for each pipeline step (as `bench_speed.time_steps` measures them).
Prints the median of the rounds for each and the ratio. Exit 1 when the build fails or a record
differs. Without ../shared/bench/dev the script says so and exits 0.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from check_same_output import DEV, dump

ROOT = Path(__file__).resolve().parent.parent

# The text path's modules that compile as they are. Left out: fields.py (DateSettings keeps
# its hash in the instance __dict__, which a compiled class has not) and ruleset.py (bylines.py
# holds a weak reference to the RuleSet, which a compiled class does not support); both would
# need `mypy_extensions.mypyc_attr(native_class=False)`, a runtime dependency.
MODULES = ("pipeline", "page", "text", "features", "normalize", "language", "apply_rules",
           "matching", "literals", "region", "structure", "assemble", "bylines", "page_meta",
           "document", "packs", "cleaner", "config", "decode", "errors")

_BUILD = """
import sys
from mypyc.build import mypycify
from setuptools import setup
sys.argv[1:] = ["build_ext", "--inplace"]
setup(name="cleaner-mypyc-trial", packages=[],
      ext_modules=mypycify([f"cleaner/{m}.py" for m in MODULES], group_name="cleaner"))
"""

_TIME = """
import json, sys, time
sys.path.insert(0, sys.argv[2])
import bench_speed
import cleaner.pipeline
from cleaner import Cleaner
pages = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
texts = [p["text"] for p in pages]
cleaner_ = Cleaner()
for text in texts:  # warm-up: lazy imports and per-pattern caches
    cleaner_.clean(text)
clock = time.process_time()
for text in texts:
    cleaner_.clean(text)
whole = (time.process_time() - clock) * 1000 / len(texts)
steps = bench_speed.time_steps(pages)
print(json.dumps({"compiled": cleaner.pipeline.__file__.endswith((".so", ".pyd")),
                  "clean": whole, **steps}))
"""


def build(tree: Path, modules: list[str]) -> bool:
    script = f"MODULES = {modules!r}\n" + _BUILD
    done = subprocess.run([sys.executable, "-c", script], cwd=tree, capture_output=True,
                          text=True, check=False)
    if done.returncode:
        errors = [line for line in done.stdout.splitlines() + done.stderr.splitlines()
                  if "error" in line.lower()]
        print("mypyc build failed:\n" + "\n".join(errors[-30:] or done.stderr.splitlines()[-30:]))
        return False
    return True


def timing(tree: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    command = [sys.executable, "-c", _TIME, str(DEV), str(ROOT / "bench")]
    if shutil.which("taskset"):
        command = ["taskset", "-c", str(min(os.sched_getaffinity(0))), *command]
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--modules", nargs="*", default=list(MODULES),
                        help="modules of cleaner/ to compile (default: the text path's)")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each tree")
    args = parser.parse_args(argv)
    if not DEV.exists():
        print(f"{DEV} not found: nothing to measure (needs ../shared/bench/dev)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"pure": Path(tmp) / "pure", "compiled": Path(tmp) / "compiled"}
        for tree in trees.values():
            for part in ("cleaner", "rules"):
                shutil.copytree(ROOT / part, tree / part,
                                ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
            shutil.copy2(ROOT / "pyproject.toml", tree / "pyproject.toml")
        if not build(trees["compiled"], args.modules):
            return 1
        old = dump(trees["pure"], Path(tmp) / "pure.json")
        new = dump(trees["compiled"], Path(tmp) / "compiled.json")
        differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
        for key in differ:
            print(f"differs: {key}")
        print(f"{len(old)} records compared, {len(differ)} differ")
        runs: dict[str, list[dict]] = {"pure": [], "compiled": []}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                runs[name].append(timing(tree))
    if not all(run["compiled"] for run in runs["compiled"]):
        print("the compiled tree did not import its compiled modules")
        return 1
    print(f"CPU ms per dev page, median of {args.rounds} rounds; compiled: "
          f"{', '.join(args.modules)}")
    print(f"{'':16}{'pure':>8}{'compiled':>10}{'ratio':>8}")
    for key in [k for k in runs["pure"][0] if k != "compiled"]:
        pure = statistics.median(run[key] for run in runs["pure"])
        compiled = statistics.median(run[key] for run in runs["compiled"])
        print(f"{key:16}{pure:8.3f}{compiled:10.3f}{pure / max(compiled, 1e-9):7.2f}x")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

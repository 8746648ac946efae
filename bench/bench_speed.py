"""How fast cleaner is, against trafilatura, on the dev pages (reads ../shared/bench/dev).

    python bench/bench_speed.py                 # print the figures
    python bench/bench_speed.py --readme        # also rewrite the figures in README, results/speed.md
    python bench/bench_speed.py --records 0 --large-mb 0    # only the one-core comparison

In one process and one run, on one core, after one warm-up page each: cleaner on each dev page's
text, then trafilatura on the same pages' HTML (decompressed beforehand; neither side pays for
reading files). Then, through the CLI: `--jobs 2` against `--jobs 1` on the dev pages repeated to
a few thousand records (pairs of runs in turn, the median reported), and the peak resident memory (all processes of the run together) on a
large generated JSONL file. Without ../shared/bench/dev the script says so and exits 0.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "bench" / "dev"
README = ROOT / "README.md"
RESULTS = ROOT / "results" / "speed.md"
CLEANER = [sys.executable, "-c", "from cleaner.cli import main; main()"]


def load_pages() -> list[dict]:
    pages = []
    for line in (DEV / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        html = DEV / "html" / f"{record['id']}.html.gz"
        record["html"] = gzip.decompress(html.read_bytes()) if html.exists() else None
        pages.append(record)
    return pages


def pin_one_core() -> set[int] | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    return cores


def time_cleaner(pages: list[dict], cleaner: Any) -> dict:
    texts = [p["text"] for p in pages]
    cleaner.clean(texts[0])  # warm-up, not timed: lazy imports and per-pattern caches
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        cleaner.clean(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    size = sum(len(t.encode("utf-8")) for t in texts)
    return rates("cleaner (text)", len(texts), size, wall, cpu)


def time_steps(pages: list[dict], rules: Any) -> dict[str, float]:
    """CPU milliseconds per page spent in each step of the text pipeline (as `run_text` runs
    them), and in the check of the body's language that decides a re-run, after one warm-up
    pass (the date cache emptied after it, as a page's dates are new to a real run). With the
    rules of the Cleaner just timed: a second Cleaner's objects would make each run of the
    garbage collector longer, and show as time spent in the steps that allocate most."""
    from cleaner import fields
    from cleaner.assemble import assemble
    from cleaner.language import body_language
    from cleaner.normalize import normalize_text
    from cleaner.page import Page, split_blocks
    from cleaner.pipeline import STEPS

    spent = dict.fromkeys(["normalize", "split_blocks", *(name for name, _ in STEPS),
                           "body_language", "assemble"], 0.0)
    for warm_up in (True, False):
        for record in pages:
            clock = time.process_time()
            normalized, changes = normalize_text(record["text"])
            now = time.process_time()
            spent["normalize"] += now - clock
            blocks = split_blocks(normalized)
            clock, now = now, time.process_time()
            spent["split_blocks"] += now - clock
            page = Page(source=None, url=record.get("url"), normalized=normalized,
                        normalization=changes, blocks=blocks)
            for name, step in STEPS:
                page = step(page, rules)
                clock, now = now, time.process_time()
                spent[name] += now - clock
            body_language(page, rules)
            clock, now = now, time.process_time()
            spent["body_language"] += now - clock
            assemble(page)
            spent["assemble"] += time.process_time() - now
        if warm_up:
            spent = dict.fromkeys(spent, 0.0)
            fields._parse_date.cache_clear()
    return {name: seconds * 1000 / len(pages) for name, seconds in spent.items()}


def time_trafilatura(pages: list[dict]) -> dict:
    import trafilatura

    htmls = [p["html"] for p in pages if p["html"] is not None]
    trafilatura.extract(htmls[0])  # warm-up, not timed
    wall, cpu = time.perf_counter(), time.process_time()
    for html in htmls:
        trafilatura.extract(html)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return rates("trafilatura (HTML)", len(htmls), sum(len(h) for h in htmls), wall, cpu)


def rates(name: str, pages: int, size: int, wall: float, cpu: float) -> dict:
    return {"name": name, "pages": pages, "mb": size / 1e6, "wall": wall, "cpu": cpu,
            "pages_s": pages / wall, "mb_s": size / 1e6 / wall, "pages_s_cpu": pages / cpu}


def time_jobs(pages: list[dict], records: int, folder: Path, rounds: int) -> dict:
    """`--jobs 1` then `--jobs 2` over the same file, `rounds` times in turn: the pair with the
    median speed-up is reported, with the range of all (one pair alone moves by a few per cent
    with whatever else the machine does)."""
    source = folder / "dev-repeated.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for i in range(records):
            page = pages[i % len(pages)]
            handle.write(json.dumps({"id": f"{page['id']}-{i}", "url": page["url"],
                                     "text": page["text"]}) + "\n")
    pairs = []
    for _ in range(max(1, rounds)):
        out = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            subprocess.run([*CLEANER, "clean", "--quiet", "--input", "jsonl", "--jobs", str(jobs),
                            str(source)], stdout=subprocess.DEVNULL, check=True)
            out[jobs] = records / (time.perf_counter() - start)
        pairs.append({"records": records, "jobs1": out[1], "jobs2": out[2],
                      "speedup": out[2] / out[1]})
    pairs.sort(key=lambda pair: pair["speedup"])
    return {**pairs[len(pairs) // 2], "rounds": len(pairs),
            "low": pairs[0]["speedup"], "high": pairs[-1]["speedup"]}


def peak_memory(pages: list[dict], megabytes: int, folder: Path) -> dict:
    """Write a JSONL of about `megabytes` (dev pages with their HTML carried along) and clean it."""
    source = folder / "large.jsonl"
    size, count = 0, 0
    with source.open("w", encoding="utf-8") as handle:
        while size < megabytes * 1e6:
            page = pages[count % len(pages)]
            line = json.dumps({"id": count, "url": page["url"], "text": page["text"],
                               "html": (page["html"] or b"").decode("utf-8", "replace")}) + "\n"
            handle.write(line)
            size += len(line.encode("utf-8"))
            count += 1
    start = time.perf_counter()
    proc = subprocess.Popen([*CLEANER, "clean", "--quiet", "--input", "jsonl", "-o",
                             str(folder / "out"), "--force", str(source)])
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    done.set()
    sampler.join()
    return {"mb": size / 1e6, "records": count, "seconds": time.perf_counter() - start,
            "peak_mb": peak / 1024, "ok": proc.returncode == 0}


def tree_rss(pid: int) -> int:
    """Resident memory (KB) of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def report(clean: dict, traf: dict, jobs: dict | None, memory: dict | None, cores: int,
           steps: dict[str, float] | None = None) -> str:
    ratio = clean["pages_s"] / traf["pages_s"]
    ratio_cpu = clean["pages_s_cpu"] / traf["pages_s_cpu"]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"{cores} cores, Python {platform.python_version()}, with "
        f"`{' '.join(['python bench/bench_speed.py', *sys.argv[1:]])}` "
        f"on the {clean['pages']} dev pages (`../shared/bench/dev`), one core.",
        "",
        "| | pages | pages/s | MB/s | pages/s (CPU time) |",
        "|---|---|---|---|---|",
    ]
    for row in (clean, traf):
        lines.append(f"| {row['name']} | {row['pages']} | {row['pages_s']:.0f} | {row['mb_s']:.2f} "
                     f"| {row['pages_s_cpu']:.0f} |")
    lines += ["", f"cleaner / trafilatura: **{ratio:.1f}x** pages/s (wall), {ratio_cpu:.1f}x (CPU time)."]
    if steps:
        lines.append("Text pipeline, CPU ms per page by step: " + ", ".join(
            f"{name} {ms:.2f}" for name, ms in steps.items()) + f" (total {sum(steps.values()):.1f}).")
    if jobs:
        spread = (f" (median of {jobs['rounds']} pairs of runs, taken in turn; all: "
                  f"{jobs['low']:.2f}-{jobs['high']:.2f}x)") if jobs["rounds"] > 1 else ""
        lines.append(f"`--jobs 2` vs `--jobs 1` through the CLI on {jobs['records']} records: "
                     f"{jobs['jobs2']:.0f} vs {jobs['jobs1']:.0f} pages/s, "
                     f"**{jobs['speedup']:.2f}x**{spread}.")
    if memory:
        lines.append(f"Peak resident memory, all processes of `cleaner clean --input jsonl` (default "
                     f"jobs) on a {memory['mb']:.0f} MB JSONL file ({memory['records']} records with "
                     f"their HTML): **{memory['peak_mb']:.0f} MB** ({memory['seconds']:.0f} s).")
    return "\n".join(lines)


def write_block(path: Path, text: str) -> None:
    """Replace the figures between the speed markers in `path` (README.md, results/speed.md)."""
    block = re.compile(r"(<!-- speed:begin[^>]*-->\n).*?(<!-- speed:end -->)", re.S)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Speed\n\n<!-- speed:begin (regenerated by bench/bench_speed.py) -->\n"
                        "<!-- speed:end -->\n", encoding="utf-8")
    current = path.read_text(encoding="utf-8")
    if not block.search(current):
        print(f"{path.name} has no <!-- speed:begin --> ... <!-- speed:end --> block; not updated")
        return
    path.write_text(block.sub(lambda m: m.group(1) + text + "\n" + m.group(2), current),
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readme", action="store_true",
                        help="Rewrite README's Speed block and results/speed.md.")
    parser.add_argument("--records", type=int, default=2000,
                        help="Records for the --jobs comparison (0: skip).")
    parser.add_argument("--jobs-rounds", type=int, default=3,
                        help="Pairs of --jobs 1 / --jobs 2 runs; the median speed-up is reported.")
    parser.add_argument("--large-mb", type=int, default=1000,
                        help="Size of the memory test's JSONL in MB (0: skip).")
    parser.add_argument("--shared-machine", action="store_true",
                        help="Say in the report that other jobs ran on the machine meanwhile.")
    args = parser.parse_args(argv)
    if not (DEV / "docs.jsonl").exists():
        print(f"bench_speed: {DEV / 'docs.jsonl'} is absent (it lives in ../shared/bench); nothing to time")
        return 0
    pages = load_pages()
    cores = pin_one_core()
    from cleaner import Cleaner

    cleaner = Cleaner()
    clean = time_cleaner(pages, cleaner)
    steps = time_steps(pages, cleaner.rules)
    traf = time_trafilatura(pages)
    if cores is not None:
        os.sched_setaffinity(0, cores)
    n_cores = len(cores) if cores is not None else (os.cpu_count() or 1)
    for row in (clean, traf):
        print(f"{row['name']:20} {row['pages']} pages  {row['pages_s']:7.1f} pages/s  "
              f"{row['mb_s']:6.2f} MB/s  ({row['pages_s_cpu']:.1f} pages/s of CPU time)")
    print(f"ratio cleaner/trafilatura: {clean['pages_s'] / traf['pages_s']:.1f}x")
    print("CPU ms/page by step: " + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()))
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        jobs = time_jobs(pages, args.records, Path(tmp), args.jobs_rounds) if args.records else None
        if jobs:
            print(f"--jobs 1: {jobs['jobs1']:.1f} pages/s  --jobs 2: {jobs['jobs2']:.1f} pages/s  "
                  f"speed-up {jobs['speedup']:.2f}x ({jobs['records']} records; median of "
                  f"{jobs['rounds']}, all {jobs['low']:.2f}-{jobs['high']:.2f}x)")
        memory = peak_memory(pages, args.large_mb, Path(tmp)) if args.large_mb else None
        if memory:
            print(f"peak RSS {memory['peak_mb']:.0f} MB cleaning {memory['mb']:.0f} MB of JSONL "
                  f"({memory['records']} records) in {memory['seconds']:.0f} s")
    text = report(clean, traf, jobs, memory, n_cores, steps)
    if args.readme:
        note = ("\n\nThe machine was shared with other jobs while this ran, so absolute figures are "
                "noisy; the CPU-time column is the steadier one.") if args.shared_machine else ""
        write_block(README, text + note)
        write_block(RESULTS, text + note)
        print(f"wrote {README.name} (Speed) and {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

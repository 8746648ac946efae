"""Pages per second of the Spark job on local[1] and local[2] (and plain Python, for scale).

    python bench/bench_spark.py                 # dev pages x25 (about 3,000), text column
    python bench/bench_spark.py --repeat 10 --masters 'local[1]' 'local[2]' 'local[4]'

Reads ../shared/bench/dev/docs.jsonl (the dev pages' text) when it is there, else the six
fixture pages in fixtures/warc-src/pages.jsonl, repeated to the same size. Each master gets a
fresh SparkSession; the timed part is one job that reads the JSONL, cleans every page through
`cleaner.spark.clean_dataframe` and writes to Spark's no-op sink, so it includes reading,
Arrow transfer and each Python worker compiling the packs, but not starting the JVM. Needs
`pip install '.[spark]'` and Java 17+. Prints a Markdown table (paste into results/spark.md).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "bench" / "dev" / "docs.jsonl"
FIXTURE = ROOT / "fixtures" / "warc-src" / "pages.jsonl"


def load_pages(target: int | None, repeat: int) -> tuple[list[dict], str]:
    source = DEV if DEV.exists() else FIXTURE
    base = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    times = repeat if source == DEV else max(1, (target or len(base) * repeat) // len(base))
    pages = [{"id": f"{d['id']}-{i}", "url": d.get("url"), "text": d["text"]}
             for i in range(times) for d in base]
    return pages, f"{source.relative_to(ROOT.parent) if source == DEV else source.relative_to(ROOT)} x{times}"


def plain_python(pages: list[dict], limit: int = 300) -> float:
    """Pages/s of one Cleaner in this process, on the first `limit` pages."""
    from cleaner import Cleaner

    cleaner = Cleaner()
    sample = pages[:limit]
    start = time.perf_counter()
    for page in sample:
        cleaner.clean(page["text"], url=page["url"])
    return len(sample) / (time.perf_counter() - start)


def load_average() -> str:
    """The 1-minute load average, to tell a busy machine's figures from a quiet one's."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def burn(batches):
    """A task of exactly 0.5 CPU-seconds of pure Python: the control for what the cores give."""
    for batch in batches:
        start = time.process_time()
        while time.process_time() - start < 0.5:
            pass
        yield batch


def control_run(session, tasks: int) -> float:
    """Wall seconds for `tasks` tasks of 0.5 CPU-s each (after one warm-up job)."""
    job = session.range(0, tasks, numPartitions=tasks).mapInPandas(burn, "id long")
    job.write.format("noop").mode("overwrite").save()
    start = time.perf_counter()
    job.write.format("noop").mode("overwrite").save()
    return time.perf_counter() - start


def spark_run(master: str, path: str, partitions: int) -> tuple[int, float, float]:
    """(pages, seconds, control seconds) for one full job on `master`."""
    from cleaner.spark import clean_dataframe, spark_session

    session = spark_session(master, f"bench {master}", {"spark.ui.showConsoleProgress": "false"})
    session.sparkContext.setLogLevel("ERROR")
    try:
        start = time.perf_counter()
        frame = session.read.json(path).repartition(partitions)
        cleaned = clean_dataframe(frame, text_col="text")
        cleaned.write.format("noop").mode("overwrite").save()
        seconds = time.perf_counter() - start
        pages = session.read.json(path).count()
        control = control_run(session, partitions)
    finally:
        session.stop()
    return pages, seconds, control


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=25, help="times to repeat the dev pages")
    parser.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    parser.add_argument("--partitions", type=int, default=16, help="tasks per job (same for every master)")
    args = parser.parse_args(argv)

    pages, label = load_pages(None, args.repeat)
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as folder:
        path = os.path.join(folder, "pages.jsonl")
        with open(path, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(page, ensure_ascii=False) + "\n" for page in pages)
        python_rate = plain_python(pages)
        results = []
        for master in args.masters:
            before = load_average()
            count, seconds, control = spark_run(master, path, args.partitions)
            results.append((master, count, seconds, f"{before} / {load_average()}", control))
            print(f"{master}: {count} pages in {seconds:.1f}s", file=sys.stderr)
    first = results[0][1] / results[0][2]
    print(f"Input: {label} = {len(pages)} pages (text column), {args.partitions} partitions, "
          f"{os.cpu_count()} cores on this machine.\n")
    print("| run | pages | seconds | pages/s | vs first | control: 0.5 CPU-s tasks, vs first "
          "| load avg before / after |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| plain Python, one Cleaner, 1 process (first 300 pages) | 300 | | {python_rate:.0f} | | | |")
    base_control = results[0][4]
    for master, count, seconds, load, control in results:
        rate = count / seconds
        print(f"| Spark `{master}` | {count} | {seconds:.1f} | {rate:.0f} | {rate / first:.2f}x "
              f"| {control:.1f}s, {base_control / control:.2f}x | {load} |")
    print("\nThe control runs the same number of tasks, each exactly 0.5 CPU-seconds of pure Python, "
          "on the same session: its speed-up is what the machine's cores gave at that moment.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

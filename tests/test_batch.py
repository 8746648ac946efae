"""`cleaner clean` over many inputs: folders, globs, stdin, JSONL, -o, resume, jobs, errors, stats."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.progress import Progress, RunStats
from conftest import FIXTURES, cleaner_cmd, expected, run_cli, seed_names


@pytest.fixture
def pages(tmp_path) -> Path:
    """The seed pages in a small tree: two at the top, three in a sub-folder, plus a note."""
    root = tmp_path / "pages"
    (root / "sub").mkdir(parents=True)
    for i, name in enumerate(seed_names()):
        folder = root if i < 2 else root / "sub"
        shutil.copy(FIXTURES / "seeds" / f"{name}.txt", folder / f"{name}.txt")
    (root / "sub" / "notes.md").write_text("A short note. Nothing to clean here.\n")
    return root


def seed_records() -> list[dict]:
    return [{"id": name, "text": (FIXTURES / "seeds" / f"{name}.txt").read_text(encoding="utf-8"),
             "lang_hint": "en", "n": i} for i, name in enumerate(seed_names())]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_folder_is_recursed_and_output_mirrors_the_tree(pages, tmp_path):
    out = tmp_path / "out"
    result = run_cli("clean", "-o", str(out), str(pages), "--exclude", "*.md")
    assert result.returncode == 0, result.stderr.decode()
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    names = seed_names()
    assert written == sorted([f"{n}.txt" for n in names[:2]] + [f"sub/{n}.txt" for n in names[2:]])
    for name in names:
        body, _ = expected(name)
        target = out / (f"{name}.txt" if name in names[:2] else f"sub/{name}.txt")
        assert target.read_text(encoding="utf-8") == body + "\n"


def test_include_glob_picks_files_and_exclude_drops_a_folder(pages, tmp_path):
    out = tmp_path / "out"
    result = run_cli("clean", "-o", str(out), str(pages), "--include", "*.md", "--include", "*.txt",
                     "--exclude", "sub/0*")
    assert result.returncode == 0, result.stderr.decode()
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == sorted([f"{n}.txt" for n in seed_names()[:2]] + ["sub/notes.md.txt"])


def test_existing_outputs_are_skipped_unless_force(pages, tmp_path):
    out = tmp_path / "out"
    assert run_cli("clean", "-o", str(out), str(pages), "--exclude", "*.md").returncode == 0
    first = out / f"{seed_names()[0]}.txt"
    first.write_text("left by an earlier, interrupted run\n")
    stats_file = tmp_path / "stats.json"
    again = run_cli("clean", "-o", str(out), str(pages), "--exclude", "*.md", "--stats", str(stats_file))
    assert again.returncode == 0
    assert first.read_text() == "left by an earlier, interrupted run\n"
    assert json.loads(stats_file.read_text())["skipped_existing"] == len(seed_names())
    forced = run_cli("clean", "-o", str(out), str(pages), "--exclude", "*.md", "--force")
    assert forced.returncode == 0
    assert first.read_text(encoding="utf-8") == expected(seed_names()[0])[0] + "\n"


def test_jsonl_records_keep_their_fields_and_gain_the_clean_ones(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", seed_records())
    result = run_cli("clean", "--input", "jsonl", str(source), "--jobs", "1")
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == seed_names()
    for record, original in zip(records, seed_records()):
        assert record["text"] == original["text"] and record["lang_hint"] == "en"
        body, meta = expected(original["id"])
        assert record["body"] == body
        assert record["title"] == meta["title"]
        assert record["removed"]


def test_jsonl_with_other_field_names_and_gzip(tmp_path):
    import gzip

    records = [{"doc": r["id"], "page": r["text"]} for r in seed_records()]
    source = tmp_path / "in.jsonl.gz"
    source.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    out = tmp_path / "out"
    result = run_cli("clean", "--input", "jsonl", "--text-field", "page", "--id-field", "doc",
                     "-o", str(out), str(source))
    assert result.returncode == 0, result.stderr.decode()
    lines = (out / "in.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc"] for line in lines] == seed_names()
    assert json.loads(lines[0])["body"] == expected(seed_names()[0])[0]


def test_two_jobs_give_the_same_output_in_the_same_order_as_one(tmp_path):
    records = seed_records() * 8
    for i, record in enumerate(records):
        record["id"] = f"{record['id']}-{i}"
    source = write_jsonl(tmp_path / "many.jsonl", records)
    one = run_cli("clean", "--input", "jsonl", str(source), "--jobs", "1")
    two = run_cli("clean", "--input", "jsonl", str(source), "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert [json.loads(line)["id"] for line in two.stdout.decode().splitlines()] == \
        [r["id"] for r in records]


def test_stdin_page_and_stdin_jsonl():
    name = seed_names()[1]
    page = run_cli("clean", "-", input=(FIXTURES / "seeds" / f"{name}.txt").read_bytes())
    assert page.returncode == 0
    assert page.stdout.decode() == expected(name)[0] + "\n"
    lines = "".join(json.dumps(r) + "\n" for r in seed_records()[:2]).encode()
    records = run_cli("clean", "--input", "jsonl", "-", input=lines)
    assert records.returncode == 0
    assert [json.loads(x)["id"] for x in records.stdout.decode().splitlines()] == seed_names()[:2]


def test_bad_inputs_are_one_line_each_and_the_others_still_clean(pages, tmp_path):
    (pages / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    out = tmp_path / "out"
    result = run_cli("clean", "-o", str(out), str(pages), str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    errors = result.stderr.decode().strip().splitlines()
    assert len(errors) == 3
    assert "photo.txt" in errors[0] and "missing.txt" in errors[1]
    assert "2 input(s) failed" in errors[2]
    assert "Traceback" not in result.stderr.decode()
    assert len([p for p in out.rglob("*.txt")]) == len(seed_names()) + 1  # + notes.md.txt


def test_bad_jsonl_records_are_reported_by_line_and_skipped(tmp_path):
    good = seed_records()[:2]
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(good[0]) + "\n{not json\n" + json.dumps({"id": "x"}) + "\n"
                      + json.dumps(good[1]) + "\n", encoding="utf-8")
    result = run_cli("clean", "--input", "jsonl", str(source))
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert f"{source}:2: not valid JSON" in errors[0]
    assert f"{source}:3: no text in field 'text'" in errors[1]
    assert [json.loads(x)["id"] for x in result.stdout.decode().splitlines()] == seed_names()[:2]


def test_stats_file_counts_pages_bytes_and_rules_and_stderr_stays_quiet(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", seed_records())
    stats_file = tmp_path / "stats.json"
    result = run_cli("clean", "--input", "jsonl", str(source), "--stats", str(stats_file))
    assert result.returncode == 0
    assert result.stderr == b"", "no progress or summary when stderr is not a terminal"
    stats = json.loads(stats_file.read_text())
    assert stats["pages"] == len(seed_names())
    assert stats["pages_with_errors"] == 0
    assert stats["bytes_in"] == source.stat().st_size
    assert stats["bytes_out"] == len(result.stdout)
    fired: dict[str, int] = {}
    for line in result.stdout.decode().splitlines():
        for rule in dict.fromkeys(r["rule"] for r in json.loads(line)["removed"]):
            fired[rule] = fired.get(rule, 0) + 1
    assert stats["rules"] == fired


def test_progress_line_shows_pages_rate_and_eta():
    stream = io.StringIO()
    stats = RunStats(pages=50)
    progress = Progress(True, total_bytes=1000, stream=stream)
    progress.update(stats, consumed_bytes=250)
    line = stream.getvalue()
    assert "50 pages" in line and "pages/s" in line and "ETA" in line and "25%" in line
    summary = RunStats(pages=3, errors=1, bytes_in=2048)
    summary.rules.update(["paywall/offer-line", "paywall/offer-line", "cookies/consent-notice"])
    text = summary.summary()
    assert "3 pages" in text and "1 with errors" in text and "2.0 KB in" in text
    assert text.index("paywall/offer-line") < text.index("cookies/consent-notice")


def test_on_a_terminal_the_summary_goes_to_stderr(tmp_path):
    pty = pytest.importorskip("pty")
    import os

    source = write_jsonl(tmp_path / "in.jsonl", seed_records())
    master, slave = pty.openpty()
    done = subprocess.run([*cleaner_cmd(), "clean", "--input", "jsonl", str(source)],
                          stdout=subprocess.PIPE, stderr=slave, timeout=120)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert done.returncode == 0
    text = shown.decode(errors="replace")
    assert f"{len(seed_names())} pages" in text and "most-fired rules" in text
    quiet = subprocess.run([*cleaner_cmd(), "clean", "--quiet", "--input", "jsonl", str(source)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    assert quiet.stderr == b""


def test_packs_are_compiled_once_per_worker_not_per_page(tmp_path, monkeypatch):
    from cleaner import batch, cleaner as cleaner_module
    from cleaner.config import Config

    built = []
    real = cleaner_module.build_ruleset
    monkeypatch.setattr(cleaner_module, "build_ruleset", lambda c: built.append(c) or real(c))
    source = write_jsonl(tmp_path / "in.jsonl", seed_records() * 4)
    out, err = io.StringIO(), io.StringIO()
    stats = batch.run_batch([str(source)], Config(), batch.BatchOptions(kind="jsonl", jobs=1),
                            stdout=out, stderr=err)
    assert stats.pages == 4 * len(seed_names())
    assert len(built) == 1


def _peak_rss_of_run(args: list[str]) -> int:
    """Peak resident memory (KB) of a fresh process running the command, workers included."""
    script = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
              "stdout=subprocess.DEVNULL); "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip())


def test_memory_stays_flat_as_the_input_grows(tmp_path):
    filler = "x" * 200_000  # a big field carried through: input size grows, cleaning stays cheap
    text = (FIXTURES / "seeds" / f"{seed_names()[0]}.txt").read_text(encoding="utf-8")[:2000]

    def make(path: Path, count: int) -> Path:
        with path.open("w", encoding="utf-8") as handle:
            for i in range(count):
                handle.write(json.dumps({"id": i, "text": text, "raw": filler}) + "\n")
        return path

    small = make(tmp_path / "small.jsonl", 30)        # ~6 MB
    large = make(tmp_path / "large.jsonl", 600)       # ~120 MB
    cmd = [*cleaner_cmd(), "clean", "--input", "jsonl", "--jobs", "2", "-o"]
    small_peak = _peak_rss_of_run([*cmd, str(tmp_path / "out-s"), str(small)])
    large_peak = _peak_rss_of_run([*cmd, str(tmp_path / "out-l"), str(large)])
    assert large.stat().st_size > 100 * 2**20
    assert large_peak - small_peak < 60 * 1024, (small_peak, large_peak)
    assert (tmp_path / "out-l" / "large.jsonl").stat().st_size > large.stat().st_size



def test_a_folders_readme_and_license_are_not_pages_unless_included(tmp_path):
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    seed = seed_names()[0]
    shutil.copy(FIXTURES / "seeds" / f"{seed}.txt", pages / "sub" / "story.md")
    for name in ("README.md", "sub/readme.txt", "LICENSE", "LICENSE.txt"):
        (pages / name).write_text("This folder holds pages scraped in 2019 for a study.\n")
    listed = run_cli("clean", "--format", "jsonl", "-q", str(pages))
    assert listed.returncode == 0, listed.stderr.decode()
    sources = [json.loads(line)["source"] for line in listed.stdout.decode().splitlines()]
    assert sources == [str(pages / "sub" / "story.md")]
    named = run_cli("clean", "--format", "jsonl", "-q", str(pages), "--include", "README.md")
    assert [json.loads(line)["source"] for line in named.stdout.decode().splitlines()] == \
        [str(pages / "README.md")]


def test_a_worker_uses_the_cleaner_its_parent_built_for_the_same_config():
    from dataclasses import replace

    from cleaner import Cleaner, batch

    built = Cleaner()
    options = batch.BatchOptions(kind="files", fmt="txt")
    batch._worker["cleaner"] = built  # as a forked worker finds the parent's
    try:
        batch.init_worker(built.config, options)
        assert batch._worker["cleaner"] is built  # not compiled again
        other = replace(built.config, disabled=frozenset({"share"}))
        batch.init_worker(other, options)
        assert batch._worker["cleaner"] is not built
        assert batch._worker["cleaner"].config == other
    finally:
        batch._worker.clear()


def test_records_with_lone_surrogates_clean_and_keep_their_fields(tmp_path):
    # JSON's "\ud83d" (an emoji cut in half by a scraper) is a lone surrogate once read: the
    # body gets U+FFFD in its place, and the record's other fields come out as they went in
    text = "A page about a storm. \ud83d The wind blew all night and the river rose by a metre."
    source = tmp_path / "cut.jsonl"
    source.write_text(json.dumps({"id": "a", "text": text, "note": "x\udc00y"}) + "\n",
                      encoding="ascii")
    for jobs in ("1", "2"):
        result = run_cli("clean", "--input", "jsonl", "--jobs", jobs, str(source))
        assert result.returncode == 0, result.stderr.decode()
        record = json.loads(result.stdout)
        assert record["text"] == text and record["note"] == "x\udc00y"
        assert "\ufffd The wind blew" in record["body"]
        assert record["stats"]["normalization"] == ["fix_surrogates"]


def test_the_pool_minder_does_not_wake_for_every_result():
    # the worker-minding thread of multiprocessing's Pool waits on the results pipe too, and
    # spins while a result waits there; the batch's pool waits only for changes it acts on
    from multiprocessing.pool import Pool

    from cleaner.batch import quiet_pool

    pool = quiet_pool(1)
    try:
        assert pool._outqueue._reader in Pool._get_sentinels(pool)
        assert pool._outqueue._reader not in pool._get_sentinels()
        assert pool.apply(len, ("four",)) == 4
    finally:
        pool.terminate()
        pool.join()

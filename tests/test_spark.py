"""Spark: clean_dataframe and `cleaner spark` give the same records as cleaning page by page."""
from __future__ import annotations

import gzip
import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, SHARED_BENCH, run_cli

from cleaner import Cleaner

SRC = FIXTURES / "warc-src"
FIELDS = ("body", "title", "subtitle", "section", "authors", "published", "dateline", "agency",
          "site_name", "tagline", "captions", "removed", "language")


def _missing() -> str | None:
    for module in ("pyspark", "pyarrow", "pandas"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install '.[spark]')"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "Java is not installed (Spark needs Java 17+)"
    return None


needs_spark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


def expected(cleaner: Cleaner, content, url: str | None) -> dict:
    """What `cleaner clean` records for a page, in the shape of the Spark columns."""
    record = cleaner.clean(content, url=url, source=url).to_dict()
    out = {name: record[name] for name in FIELDS}
    out["removed"] = [{"rule": r["rule"], "text": r["text"], "field": r.get("field")}
                      for r in record["removed"]]
    return out


def as_record(row) -> dict:
    data = row.asDict(recursive=True)
    return {name: data[name] for name in FIELDS}


def fixture_pages() -> list[dict]:
    return [json.loads(line) for line in (SRC / "pages.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def spark():
    from cleaner.spark import spark_session

    session = spark_session("local[2]", "cleaner tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_import_cleaner_does_not_import_pyspark():
    code = "import sys, cleaner, cleaner.cli, cleaner.warc; print('pyspark' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == "False", run.stderr


@needs_spark
def test_text_column_cleans_exactly_as_page_by_page(spark):
    from cleaner.spark import clean_dataframe

    pages = fixture_pages()
    frame = spark.createDataFrame(pages).repartition(3)
    rows = clean_dataframe(frame, text_col="text").collect()
    cleaner = Cleaner()
    assert sorted(r["id"] for r in rows) == sorted(p["id"] for p in pages)
    by_id = {p["id"]: p for p in pages}
    for row in rows:
        page = by_id[row["id"]]
        assert row["clean_error"] is None
        assert as_record(row) == expected(cleaner, page["text"], page["url"]), page["id"]


@needs_spark
def test_html_column_binary_or_string_cleans_as_the_html_does(spark):
    from pyspark.sql.types import BinaryType, StringType, StructField, StructType

    from cleaner.spark import clean_dataframe

    pages = fixture_pages()[:3]
    html = {p["id"]: gzip.decompress((SRC / f"{p['id']}.html.gz").read_bytes()) for p in pages}
    cleaner = Cleaner()
    for kind, to_value in ((BinaryType(), lambda b: bytearray(b)), (StringType(), lambda b: b.decode("utf-8"))):
        schema = StructType([StructField("id", StringType()), StructField("url", StringType()),
                             StructField("html", kind)])
        frame = spark.createDataFrame([(p["id"], p["url"], to_value(html[p["id"]])) for p in pages], schema)
        for row in clean_dataframe(frame, html_col="html").collect():
            content = bytes(row["html"]) if isinstance(kind, BinaryType) else row["html"]
            assert as_record(row) == expected(cleaner, content, row["url"]), (row["id"], kind)
            assert row["body"]


@needs_spark
def test_user_packs_travel_with_the_job_not_as_files(spark, tmp_path):
    from cleaner.spark import clean_dataframe

    pack = tmp_path / "packs" / "mine.yaml"
    pack.parent.mkdir()
    pack.write_text(
        "name: mine\ndescription: test pack\nversion: 1\nrules:\n"
        "  - id: mine/europa\n    description: lines about Europa\n    action: drop\n"
        "    phrases: [Europa]\n"
        "    examples:\n      junk: [\"Europa is icy\"]\n      body: [\"Jupiter is big\"]\n",
        encoding="utf-8")
    pages = fixture_pages()
    cleaned = clean_dataframe(spark.createDataFrame(pages), text_col="text", rules=[pack.parent])
    shutil.rmtree(pack.parent)  # executors must not need the file: the job carries the pack
    fired = {r["id"]: {x["rule"] for x in r["removed"]} for r in cleaned.collect()}
    europa = [p["id"] for p in pages if "Europa" in p["text"]]
    assert europa and all("mine/europa" in fired[i] for i in europa)
    assert all("mine/europa" not in fired[p["id"]] for p in pages if p["id"] not in europa)


def test_executor_leaves_no_pack_folder_behind(tmp_path, monkeypatch):
    """A worker writes the shipped packs to a temporary folder to load them, then removes it."""
    import tempfile

    from cleaner.config import Config
    from cleaner.spark import CleanJob, executor_cleaner

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # this test's own temporary folder
    pack = ("name: mine\ndescription: test pack\nversion: 1\nrules:\n"
            "  - id: mine/leak-probe\n    description: lines about Europa\n    action: drop\n"
            "    phrases: [Europa]\n"
            "    examples:\n      junk: [\"Europa is icy\"]\n      body: [\"Jupiter is big\"]\n")
    job = CleanJob(config=Config(), packs=(("mine.yaml", pack),), content_col="text",
                   url_col=None, prefix="leak-probe")
    cleaner = executor_cleaner(job)
    assert list(tmp_path.iterdir()) == []
    doc = cleaner.clean("Jupiter is the largest planet of the solar system.\n\nEuropa is icy.\n")
    assert "mine/leak-probe" in {r.rule for r in doc.removed}  # the packs were read before removal


@needs_spark
def test_each_worker_compiles_the_packs_once_not_per_batch(spark):
    from cleaner.spark import clean_dataframe

    pages = fixture_pages() * 4
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "2")
    try:
        frame = spark.createDataFrame(pages).repartition(8)  # 8 tasks, 12 batches of two rows
        assert clean_dataframe(frame, text_col="text", disabled=["region"]).count() == len(pages)
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")

    def report(batches):
        import os as _os

        import pandas

        from cleaner.spark import cleaners_built

        for _ in batches:
            pass
        yield pandas.DataFrame({"pid": [_os.getpid()], "built": [cleaners_built()]})

    probe = spark.range(0, 64, numPartitions=16).mapInPandas(report, "pid long, built long")
    built = {row["pid"]: row["built"] for row in probe.collect()}
    workers = [n for n in built.values() if n > 0]
    assert workers, "no worker that cleaned was asked (Python workers were not reused)"
    # This module's jobs use three configurations (bundled packs, plus a user pack, plus region
    # off): one build each at most. Building per task (8) or per batch (16) would be more.
    assert all(n <= 3 for n in workers), built


@needs_spark
def test_a_clashing_column_needs_a_prefix(spark):
    from cleaner.errors import CleanerError
    from cleaner.spark import clean_dataframe

    frame = spark.createDataFrame([{"text": "Hello world.", "title": "kept"}])
    with pytest.raises(CleanerError, match="--prefix"):
        clean_dataframe(frame, text_col="text")
    row = clean_dataframe(frame, text_col="text", prefix="clean_").collect()[0]
    assert row["title"] == "kept" and row["clean_body"] == "Hello world."


@needs_spark
def test_spark_command_on_warc_matches_clean_command(tmp_path):
    """`cleaner spark crawl.warc.gz` (local[2]) and `cleaner clean crawl.warc.gz`: same records."""
    from test_warc import source_pages, write_warc

    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, source_pages())
    clean = run_cli("clean", str(archive), timeout=300)
    assert clean.returncode == 0, clean.stderr
    by_id = {r["warc_record_id"]: r for r in map(json.loads, clean.stdout.decode("utf-8").splitlines())}
    run = run_cli("spark", str(archive), str(tmp_path / "out"), "--master", "local[2]",
                  "--output-format", "jsonl", timeout=600)
    assert run.returncode == 0, run.stderr
    assert "6 pages cleaned" in run.stderr.decode("utf-8")
    rows = [json.loads(line) for part in sorted((tmp_path / "out").glob("part-*.json"))
            for line in part.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["warc_record_id"] for r in rows) == sorted(by_id)
    for row in rows:
        want = by_id[row["warc_record_id"]]
        assert (row["url"], row["fetch_date"]) == (want["url"], want["fetch_date"])
        for name in FIELDS:
            value = want[name]
            if name == "removed":
                value = [{"rule": r["rule"], "text": r["text"], "field": r.get("field")} for r in value]
            assert row[name] == value, (row["url"], name)


@needs_spark
@pytest.mark.skipif(not (SHARED_BENCH / "dev" / "docs.jsonl").exists(),
                    reason="needs ../shared/bench/dev (the dev pages); the fixture pages run above")
def test_spark_command_on_the_dev_pages_matches_page_by_page(tmp_path):
    """All dev pages' text through `cleaner spark` on local[2]: identical to cleaning each page."""
    docs = [json.loads(line) for line in (SHARED_BENCH / "dev" / "docs.jsonl").open(encoding="utf-8")]
    run = run_cli("spark", str(SHARED_BENCH / "dev" / "docs.jsonl"), str(tmp_path / "out"),
                  "--master", "local[2]", "--output-format", "jsonl", timeout=600)
    assert run.returncode == 0, run.stderr
    rows = {}
    for part in (tmp_path / "out").glob("part-*.json"):
        for line in part.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows[row["id"]] = row
    assert sorted(rows) == sorted(d["id"] for d in docs)
    cleaner = Cleaner()
    for doc in docs:
        assert {n: rows[doc["id"]][n] for n in FIELDS} == expected(cleaner, doc["text"], doc["url"]), doc["id"]


@needs_spark
def test_spark_command_errors_are_one_line(tmp_path):
    run = run_cli("spark", str(tmp_path / "missing.jsonl"), str(tmp_path / "out"), timeout=120)
    assert run.returncode == 2
    assert run.stderr.decode().strip() == f"cleaner: {tmp_path / 'missing.jsonl'}: no such file or folder; check the path"
    (tmp_path / "out").mkdir()
    run = run_cli("spark", str(SRC / "pages.jsonl"), str(tmp_path / "out"), timeout=120)
    assert run.returncode == 2 and "already exists; pass --overwrite" in run.stderr.decode()

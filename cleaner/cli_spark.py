"""`cleaner spark INPUT OUTPUT`: the same cleaning as `cleaner clean`, run by Apache Spark.

Local by default (`local[*]`); `--master URL` or `spark-submit` (see `cleaner.spark_submit`)
runs it on a cluster. Needs `pip install 'cleaner[spark]'` and Java 17+.
"""
from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

import typer

from cleaner.cli import DisableOpt, NoBundledOpt, RulesOpt, app, fail
from cleaner.config import Config
from cleaner.errors import CleanerError
from cleaner.warc import is_warc_path


class InputFormat(str, Enum):
    jsonl = "jsonl"
    parquet = "parquet"
    warc = "warc"


class OutputFormat(str, Enum):
    parquet = "parquet"
    jsonl = "jsonl"


@app.command()
def spark(
    input_path: str = typer.Argument(..., metavar="INPUT",
                                     help="File, folder or glob (any file system Spark reads)."),
    output_path: str = typer.Argument(..., metavar="OUTPUT", help="Folder to write (Spark writes part files)."),
    master: str | None = typer.Option(None, "--master",
                                      help="Spark master URL; default local[*], or spark-submit's."),
    input_format: InputFormat | None = typer.Option(
        None, "--input-format", help="jsonl, parquet or warc; default from INPUT's name, else jsonl."),
    text_field: str | None = typer.Option(None, "--text-field", help="Column with page text (default text)."),
    html_field: str | None = typer.Option(None, "--html-field", help="Column with page HTML instead."),
    url_field: str = typer.Option("url", "--url-field", help="Column with the page URL, if any."),
    output_format: OutputFormat = typer.Option(OutputFormat.parquet, "--output-format"),
    partitions: int | None = typer.Option(
        None, "--partitions", min=1, help="Split the input into this many tasks (default: enough for every core)."),
    prefix: str = typer.Option("", "--prefix", help="Put before each added column name (e.g. clean_)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace OUTPUT if it exists."),
    rules: list[Path] | None = RulesOpt, disable: list[str] | None = DisableOpt,
    no_bundled: bool = NoBundledOpt,
) -> None:
    """Clean a corpus with Spark: every input row (or WARC page) gets the cleaned fields as columns."""
    from cleaner import spark as cs

    cs.require_pyspark()
    if text_field and html_field:
        fail("give --text-field or --html-field, not both")
    fmt = input_format or guess_format(input_path)
    if fmt == InputFormat.warc and text_field:
        fail("WARC input is HTML; drop --text-field (the pages' HTML is cleaned)")
    if is_local(input_path) and not _exists(input_path):
        fail(f"{input_path}: no such file or folder; check the path")
    if is_local(output_path) and Path(output_path).exists() and not overwrite:
        fail(f"{output_path}: already exists; pass --overwrite or choose another output folder")
    config = Config(rule_paths=tuple(rules or ()), disabled=frozenset(disable or ()),
                    bundled_rules=not no_bundled)
    if master is None and not os.environ.get("PYSPARK_GATEWAY_PORT"):  # not under spark-submit
        master = "local[*]"
    session = cs.spark_session(master, "cleaner spark",
                               {"spark.sql.execution.arrow.maxRecordsPerBatch": "256",
                                "spark.ui.showConsoleProgress": "false"})
    session.sparkContext.setLogLevel("FATAL")  # failures are reported below, in one line
    try:
        total, failed = run_job(session, input_path, output_path, fmt=fmt, text_field=text_field,
                                html_field=html_field, url_field=url_field, output_format=output_format,
                                partitions=partitions, prefix=prefix, config=config,
                                overwrite=overwrite)
    except CleanerError:
        raise
    except Exception as exc:  # noqa: BLE001 - Spark's own errors (Py4J...): one line, exit 2
        fail(f"{input_path}: Spark job failed: {_first_line(exc)}")
    finally:
        session.stop()
    note = f" ({failed} could not be cleaned; see the clean_error column)" if failed else ""
    typer.echo(f"cleaner: {total} pages cleaned into {output_path}{note}", err=True)


def run_job(session, input_path: str, output_path: str, *, fmt: InputFormat, text_field: str | None,
            html_field: str | None, url_field: str, output_format: OutputFormat,
            partitions: int | None, prefix: str, config: Config,
            overwrite: bool = False) -> tuple[int, int]:
    """Read, clean, write; returns (pages written, pages that could not be cleaned)."""
    from pyspark.sql import functions as F

    from cleaner import spark as cs

    cores = session.sparkContext.defaultParallelism
    if fmt == InputFormat.warc:
        frame = cs.read_warc_pages(session, input_path)
        html_field, text_field, url_field = "html", None, "url"
        frame = frame.repartition(partitions or cores * 4)  # one archive holds many pages
    else:
        frame = (session.read.json(input_path) if fmt == InputFormat.jsonl
                 else session.read.parquet(input_path))
        if not html_field and not text_field:
            text_field = "text"
        if partitions or frame.rdd.getNumPartitions() < cores:
            frame = frame.repartition(partitions or cores * 4)
    cleaned = cs.clean_dataframe(frame, text_col=text_field, html_col=html_field, url_col=url_field,
                                 config=config, prefix=prefix)
    if fmt == InputFormat.warc:
        cleaned = cleaned.drop("html")  # the raw page stays in the archive
    writer = cleaned.write.mode("overwrite" if overwrite else "errorifexists")
    if output_format == OutputFormat.jsonl:
        writer.option("ignoreNullFields", "false").json(output_path)  # every field, as `clean` has
        written = session.read.json(output_path)
    else:
        writer.parquet(output_path)
        written = session.read.parquet(output_path)
    if prefix + "clean_error" not in written.columns:  # JSON readers drop a column that is all null
        return written.count(), 0
    error = F.col(prefix + "clean_error")
    counts = written.select(error.isNotNull().alias("failed")).groupBy("failed").count().collect()
    by_state = {row["failed"]: row["count"] for row in counts}
    return sum(by_state.values()), by_state.get(True, 0)


def guess_format(path: str) -> InputFormat:
    """warc or parquet when INPUT's name (or, for a local folder, its files) says so; else jsonl."""
    names = [path]
    if is_local(path) and Path(path).is_dir():
        names = [str(p) for p in Path(path).rglob("*") if p.is_file()][:1000]
    if any(is_warc_path(n) for n in names):
        return InputFormat.warc
    if any(n.lower().endswith(".parquet") for n in names):
        return InputFormat.parquet
    return InputFormat.jsonl


def is_local(path: str) -> bool:
    """True for plain paths and file: URLs; false for hdfs://, s3a://, gs:// and the like."""
    return "://" not in path or path.startswith("file://")


def _exists(path: str) -> bool:
    path = path.removeprefix("file://")
    if any(ch in path for ch in "*?["):
        import glob

        return bool(glob.glob(path))
    return Path(path).exists()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


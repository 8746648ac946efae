"""Cleaning a Spark DataFrame: each page's body, metadata and removed pieces added as columns.

    from cleaner.spark import clean_dataframe
    cleaned = clean_dataframe(df, text_col="text", rules=["my-packs/"])     # or html_col="html"

The work runs in `mapInPandas` (Arrow batches), and each executor's Python worker builds its
`Cleaner` once and keeps it for every batch and task it runs, so packs are compiled once per
worker, not once per row. The driver reads the user's pack files and ships their text inside the
job, so executors need the `cleaner` package but not the pack files. Needs `pip install
'cleaner[spark]'`; `import cleaner` alone never imports pyspark.
"""
from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cleaner import Cleaner
from .config import Config
from .document import Document
from .errors import CleanerError, InputError
from .packs import pack_files

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    import pandas
    from pyspark.sql import DataFrame, SparkSession

# The columns added, in order; `clean_error` holds the one-line reason when a page could not
# be cleaned (binary, undecodable), and is null otherwise.
CLEAN_COLUMNS = ("body", "title", "subtitle", "section", "authors", "published", "dateline",
                 "agency", "site_name", "tagline", "captions", "removed", "language", "clean_error")
WARC_COLUMNS = ("url", "warc_record_id", "fetch_date", "warc_file", "html")


def require_pyspark() -> None:
    """Raise a one-line CleanerError saying how to install pyspark when it is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise CleanerError(f"Spark support needs pyspark and pyarrow ({exc.name} is missing); "
                           "install them with: pip install 'cleaner[spark]'") from None


def clean_schema(prefix: str = "") -> Any:
    """The Spark schema of the added columns (a `StructType`)."""
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    text = StringType()
    types = {
        "authors": ArrayType(text),
        "captions": ArrayType(StructType([StructField("text", text), StructField("credit", text)])),
        "removed": ArrayType(StructType([StructField("rule", text), StructField("text", text),
                                         StructField("field", text)])),
    }
    return StructType([StructField(prefix + name, types.get(name, text)) for name in CLEAN_COLUMNS])


@dataclass(frozen=True)
class CleanJob:
    """Everything an executor needs to clean rows, small enough to ship with every task."""

    config: Config            # without rule_paths: the packs travel as text in `packs`
    packs: tuple[tuple[str, str], ...]   # (file name, YAML text) of the user's packs, in order
    content_col: str
    url_col: str | None
    prefix: str

    @property
    def key(self) -> str:
        digest = hashlib.sha256(repr((self.config, self.packs)).encode("utf-8"))
        return digest.hexdigest()


_cleaners: dict[str, Cleaner] = {}  # per Python worker: one Cleaner per job, built on first use
_built = 0                           # how many Cleaners this worker process has built


def cleaners_built() -> int:
    """How many times this process has loaded and compiled packs for a Spark job."""
    return _built


def executor_cleaner(job: CleanJob) -> Cleaner:
    """The worker's Cleaner for `job`, built (packs loaded and compiled) only the first time."""
    global _built
    cleaner = _cleaners.get(job.key)
    if cleaner is None:
        _built += 1
        if not job.packs:
            cleaner = Cleaner(job.config)
        else:
            # The packs are read and compiled while the Cleaner is built; the folder goes after.
            with tempfile.TemporaryDirectory(prefix="cleaner-packs-") as name:
                folder = Path(name)
                for index, (file_name, text) in enumerate(job.packs):
                    (folder / f"{index:04d}-{file_name}").write_text(text, encoding="utf-8")
                cleaner = Cleaner(replace(job.config, rule_paths=(folder,)))
        _cleaners[job.key] = cleaner
    return cleaner


def record_columns(doc: Document | None, error: str | None = None) -> dict[str, Any]:
    """One row's added columns, from a Document (or an error)."""
    if doc is None:
        return {name: None for name in CLEAN_COLUMNS} | {"clean_error": error}
    record = doc.to_dict()
    out = {name: record.get(name) for name in CLEAN_COLUMNS if name != "clean_error"}
    out["removed"] = [{"rule": r.rule, "text": r.text, "field": r.field} for r in doc.removed]
    out["clean_error"] = None
    return out


def clean_rows(job: CleanJob, batches: Iterable[pandas.DataFrame]) -> Iterator[pandas.DataFrame]:
    """The mapInPandas function: each batch comes back with the clean columns added."""
    import pandas

    cleaner = executor_cleaner(job)
    for batch in batches:
        contents = batch[job.content_col].tolist()
        urls = batch[job.url_col].tolist() if job.url_col else [None] * len(contents)
        rows = []
        for content, url in zip(contents, urls):
            if content is None:
                rows.append(record_columns(None, "no content"))
                continue
            try:
                doc = cleaner.clean(content, url=url or None, source=url or None)
            except InputError as exc:
                rows.append(record_columns(None, str(exc)))
                continue
            rows.append(record_columns(doc))
        added = pandas.DataFrame(rows, columns=list(CLEAN_COLUMNS), index=batch.index)
        yield pandas.concat([batch, added.add_prefix(job.prefix)], axis=1)


def clean_dataframe(df: DataFrame, *, text_col: str | None = None, html_col: str | None = None,
                    url_col: str | None = "url", rules: Iterable[str | Path] = (),
                    disabled: Iterable[str] = (), config: Config | None = None,
                    prefix: str = "") -> DataFrame:
    """`df` with the cleaned fields of its text or HTML column added as columns.

    text_col / html_col: the column to clean (exactly one; HTML may be a string or binary column).
    url_col: the page's URL (used by domain-scoped packs and the HTML mode); None or a column the
        frame lacks means no URL.
    rules / disabled / config: as for `Cleaner`. Pack errors are raised here, on the driver.
    prefix: put before each added column name, for frames that already have a `title` or `body`.
    """
    require_pyspark()
    if (text_col is None) == (html_col is None):
        raise CleanerError("clean_dataframe: give exactly one of text_col= or html_col=")
    content_col = text_col or html_col
    columns = set(df.columns)
    if content_col not in columns:
        raise CleanerError(f"column {content_col!r} is not in the data (it has: "
                           f"{', '.join(df.columns)}); name the column to clean")
    clash = sorted(columns & {prefix + name for name in CLEAN_COLUMNS})
    if clash:
        raise CleanerError(f"the data already has column(s) {', '.join(clash)}; "
                           "pass a prefix (--prefix clean_) so the cleaned fields do not collide")
    if config is None:
        config = Config(rule_paths=tuple(Path(r) for r in rules), disabled=frozenset(disabled))
    Cleaner(config)  # load and check the packs on the driver: errors surface here, once
    packs = tuple((path.name, path.read_text(encoding="utf-8"))
                  for path in pack_files(config.rule_paths))
    job = CleanJob(config=replace(config, rule_paths=()), packs=packs, content_col=content_col,
                   url_col=url_col if url_col in columns else None, prefix=prefix)

    from pyspark.sql.types import StructType

    schema = StructType(df.schema.fields + clean_schema(prefix).fields)
    return df.mapInPandas(lambda batches: clean_rows(job, batches), schema)


def spark_session(master: str | None = "local[*]", app_name: str = "cleaner",
                  conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession for `master` (None: whatever spark-submit set up).

    On a local master the Python workers run this interpreter (unless PYSPARK_PYTHON says
    otherwise), so they see the same installed `cleaner` as the driver.
    """
    import os
    import sys

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    local = (master or "").startswith("local")
    if local and not os.environ.get("PYSPARK_PYTHON"):
        os.environ["PYSPARK_PYTHON"] = sys.executable  # read when the SparkContext starts
    if local:
        builder = builder.config("spark.ui.enabled", "false")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def read_warc_pages(spark: SparkSession, path: str) -> DataFrame:
    """A DataFrame of the HTML pages in WARC/ARC files under `path` (a file, folder or glob).

    Columns: url, warc_record_id, fetch_date, warc_file, html (binary). Each archive is read
    whole by one task (Spark's binaryFile source), so any file system Spark reads works.
    """
    from pyspark.sql.types import BinaryType, StringType, StructField, StructType

    files = (spark.read.format("binaryFile")
             .option("pathGlobFilter", "*.{warc,warc.gz,arc,arc.gz,WARC,WARC.GZ,ARC,ARC.GZ}")
             .option("recursiveFileLookup", "true")
             .load(path).select("path", "content"))
    schema = StructType([StructField(name, BinaryType() if name == "html" else StringType())
                         for name in WARC_COLUMNS])
    return files.mapInPandas(warc_rows, schema)


def warc_rows(batches: Iterable[pandas.DataFrame]) -> Iterator[pandas.DataFrame]:
    """The mapInPandas function that turns archive files (path, content) into page rows."""
    import io

    import pandas

    from .warc import WarcCounts, iter_warc_stream

    for batch in batches:
        rows = []
        for path, content in zip(batch["path"], batch["content"]):
            counts = WarcCounts()
            try:
                for page in iter_warc_stream(io.BytesIO(content), counts, name=path):
                    rows.append((page.url, page.record_id, page.fetch_date, path, page.payload))
            except InputError:
                continue  # not an archive after all: nothing to clean in it
        yield pandas.DataFrame(rows, columns=list(WARC_COLUMNS))


def to_records(rows: Iterable[Any], prefix: str = "") -> list[dict[str, Any]]:
    """Spark Rows back to plain dicts of the cleaned fields (for tests and small jobs)."""
    out = []
    for row in rows:
        data = row.asDict(recursive=True)
        out.append({name: data.get(prefix + name) for name in CLEAN_COLUMNS})
    return out

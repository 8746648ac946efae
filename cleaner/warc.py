"""Reading web archives: the HTML pages in a WARC or ARC file (gzipped or not), via warcio.

    for page in iter_warc_pages("crawl.warc.gz", counts):
        doc = cleaner.clean(page.payload, url=page.url)

Only successful HTML responses become pages. Everything else is skipped and counted by reason
in a `WarcCounts`, never raised: records that are not responses (requests, metadata, warcinfo),
`revisit` records, non-HTML payloads, non-2xx statuses, truncated records (`WARC-Truncated`, or a
payload shorter than its declared length) and a file that ends mid-record.
"""
from __future__ import annotations

import io
import sys
import uuid
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from .batch import BatchOptions, Source, Task
    from .cleaner import Cleaner
    from .document import Document

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
WARC_PATTERNS = tuple("*" + suffix for suffix in WARC_SUFFIXES)
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Skip reasons, as they appear in the counts and in `cleaner clean`'s summary line.
SKIP_NOT_RESPONSE = "not-response"
SKIP_REVISIT = "revisit"
SKIP_NOT_HTML = "not-html"
SKIP_HTTP_STATUS = "http-status"
SKIP_TRUNCATED = "truncated"
SKIP_UNREADABLE = "unreadable"


@dataclass(frozen=True)
class WarcPage:
    """One HTML page from an archive: its URL, record id, fetch date and raw HTML bytes."""

    url: str
    record_id: str
    fetch_date: str | None
    payload: bytes
    content_type: str | None = None
    archive: str = ""             # the file it came from, as named to the reader


@dataclass
class WarcCounts:
    """How many pages an archive gave and how many records were skipped, by reason."""

    pages: int = 0
    skipped: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        skipped = sum(self.skipped.values())
        return f"{self.pages} pages, {skipped} records skipped" + (f" ({reasons})" if reasons else "")


def is_warc_path(path: str | Path) -> bool:
    """True for names ending .warc, .warc.gz, .arc or .arc.gz (any case)."""
    return str(path).lower().endswith(WARC_SUFFIXES)


def iter_warc_pages(path: str | Path, counts: WarcCounts | None = None) -> Iterator[WarcPage]:
    """Yield the HTML pages of a WARC/ARC file; skipped records are tallied in `counts`."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - the `with` below closes it
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check the path") from None
    with handle:
        yield from iter_warc_stream(handle, counts, name=str(path))


def iter_warc_stream(stream: BinaryIO, counts: WarcCounts | None = None, *,
                     name: str = "<warc>") -> Iterator[WarcPage]:
    """Like `iter_warc_pages`, for an open binary stream (a file, or bytes in a `BytesIO`)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    counts = counts if counts is not None else WarcCounts()
    records = ArchiveIterator(stream, arc2warc=True)
    arc = name.lower().endswith((".arc", ".arc.gz"))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except ArchiveLoadFailed as exc:
            if counts.pages == 0 and not counts.skipped:
                raise InputError(f"{name}: not a WARC or ARC file ({_first_line(exc)}); "
                                 "pass .warc/.arc files, gzipped or not") from None
            counts.skipped[SKIP_TRUNCATED] += 1  # the file ends (or breaks) mid-record
            return
        except (EOFError, OSError, zlib.error, ValueError):
            counts.skipped[SKIP_TRUNCATED] += 1
            return
        page = _page_of(record, records, arc, name)
        if isinstance(page, str):
            counts.skipped[page] += 1
        else:
            counts.pages += 1
            yield page


def _page_of(record, records, arc: bool, name: str) -> str | WarcPage:
    """The page of one archive record, or the reason it is skipped."""
    if record.rec_type == "revisit":
        return SKIP_REVISIT
    if record.rec_type not in ("response", "resource"):
        return SKIP_NOT_RESPONSE
    headers = record.rec_headers
    if headers.get_header("WARC-Truncated"):
        return SKIP_TRUNCATED
    http = record.http_headers
    if http is not None and record.rec_type == "response":
        status = (http.get_statuscode() or "").strip()
        if not status.startswith("2"):
            return SKIP_HTTP_STATUS
        content_type = http.get_header("Content-Type")
    else:
        content_type = headers.get_header("Content-Type")
    try:
        raw = record.raw_stream.read()
    except (OSError, zlib.error, EOFError, ValueError):
        return SKIP_TRUNCATED
    if record.payload_length is not None and 0 <= len(raw) < record.payload_length:
        return SKIP_TRUNCATED
    try:
        payload = _decoded_body(raw, http)
    except (OSError, zlib.error, EOFError, ValueError):
        return SKIP_UNREADABLE
    if not _is_html(content_type, payload):
        return SKIP_NOT_HTML
    url = headers.get_header("WARC-Target-URI") or ""
    date = headers.get_header("WARC-Date")
    record_id = headers.get_header("WARC-Record-ID")
    if arc:  # ARC has no record ids; make a stable one rather than warcio's random one
        record_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{url} {date} {records.offset}')}>"
    return WarcPage(url=url, record_id=record_id or "", fetch_date=date,
                          payload=payload, content_type=content_type, archive=name)


def _decoded_body(raw: bytes, http) -> bytes:
    """Undo chunked transfer and gzip/deflate/br content encoding, as the browser would."""
    if http is None:
        return raw
    from warcio.bufferedreaders import BufferedReader, ChunkedDataReader

    encoding = (http.get_header("Content-Encoding") or "").lower().strip() or None
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None
    if (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        return ChunkedDataReader(io.BytesIO(raw), decomp_type=encoding).read()
    if encoding:
        return BufferedReader(io.BytesIO(raw), decomp_type=encoding).read()
    return raw


def _is_html(content_type: str | None, payload: bytes) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() in HTML_TYPES
    head = payload[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:120] if text else type(exc).__name__


# ---------------------------------------------------------------- `cleaner clean` input kind "warc"

def warc_sources(paths: list[str], options: BatchOptions, problems: list[str]) -> Iterator[Source]:
    """Batch input kind 'warc': each archive is one source, written as one JSONL file under -o."""
    from .batch import Source, find_files

    for name, path, rel in find_files(paths, WARC_PATTERNS, options, problems):
        if path is None:
            problems.append("<stdin>: WARC input must be a file; pass the archive's path")
            continue
        yield Source(name, archive_stem(rel) + ".jsonl", _page_tasks(name, path, options.quiet),
                     None, path, streamed=True)


def archive_stem(name: str) -> str:
    """crawl.warc.gz -> crawl"""
    for suffix in sorted(WARC_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _page_tasks(name: str, path: Path, quiet: bool) -> Callable[[], Iterator[Task]]:
    def read() -> Iterator[Task]:
        from .batch import Task

        counts = WarcCounts()
        for page in iter_warc_pages(path, counts):
            yield Task(f"{name} {page.url}", "warc", page, url=page.url or None)
        if not quiet:  # the archive's summary line; --quiet leaves stderr to errors
            sys.stderr.write(f"cleaner: {name}: {counts.summary()}\n")
    return read


def clean_warc_page(cleaner: Cleaner, page: WarcPage) -> tuple[dict[str, Any], Document]:
    """The record for one archived page: its URL, record id and fetch date, then the cleaned fields."""
    doc = cleaner.clean(page.payload, url=page.url or None, source=page.archive or None)
    record = {"url": page.url, "warc_record_id": page.record_id, "fetch_date": page.fetch_date}
    record.update(doc.to_dict())
    return record, doc

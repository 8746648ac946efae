"""Batch cleaning: many inputs in, outputs in input order, cleaned in parallel worker processes.

The shape of a run:

    sources (one per input file, folder entry or stdin; see INPUT_KINDS)
      -> tasks (one per page or JSONL record, read lazily)
      -> chunks cleaned by workers (packs compiled once per worker)
      -> outcomes written in input order to stdout or to files under -o

Memory stays flat: sources are read as they are needed and only a bounded number of chunks is
in flight at once. Adding an input kind (WARC, say) means writing one function that yields
`Source`s and registering it in `INPUT_KINDS`.
"""
from __future__ import annotations

import fnmatch
import gzip
import json
import os
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .cleaner import Cleaner
from .config import Config
from .errors import CleanerError, InputError, OutputError
from .files import (
    TEXT_SUFFIXES,
    read_input,
    require_text,
    safe_output_path,
    write_atomic,
)
from .progress import Progress, RunStats
from .render import json_line
from .warc import clean_warc_page, warc_sources

CHUNK_PAGES = 16            # tasks sent to a worker at once
CHUNKS_PER_WORKER = 4       # chunks in flight per worker: bounds memory, keeps workers busy
CHUNK_BYTES = 1 << 20       # a chunk closes early once its inputs reach this size
INFLIGHT_BYTES = 16 << 20   # and no more input than this is in flight, however big the pages
READ_BUFFER = 1 << 20       # bytes read at once from a JSON Lines file
PAGE_SUFFIX = {"txt": ".txt", "json": ".json", "jsonl": ".jsonl"}
JSONL_PATTERNS = ("*.jsonl", "*.jsonl.gz", "*.ndjson", "*.ndjson.gz")
PAGE_PATTERNS = tuple("*" + s for s in TEXT_SUFFIXES)
FOLDER_DOCUMENTS = ("readme", "readme.*", "license", "license.*", "licence", "licence.*",
                    "changelog", "changelog.*", "contributing", "contributing.*")


@dataclass(frozen=True)
class BatchOptions:
    """How a batch run reads, cleans and writes. Built once by the `clean` command."""

    kind: str = "files"               # input kind, a key of INPUT_KINDS
    fmt: str = "txt"                  # txt, json or jsonl for pages; records are always JSON lines
    output_dir: Path | None = None    # None: stdout
    force: bool = False               # rewrite outputs that already exist
    jobs: int = 1
    include: tuple[str, ...] = ()     # globs for files found in folders (default: by input kind)
    exclude: tuple[str, ...] = ()
    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"
    quiet: bool = False               # no per-archive summary lines (WARC) on stderr


@dataclass(frozen=True)
class Task:
    """One unit of work: a page (raw bytes) or a record (one JSON line, or a dict)."""

    name: str                         # how messages name it: a path, <stdin>, or file.jsonl:12
    kind: str                         # "page" or "record"
    payload: Any
    url: str | None = None


@dataclass
class Outcome:
    name: str
    output: bytes = b""               # UTF-8, encoded in the worker: the parent only writes it
    error: str | None = None
    bytes_in: int = 0
    rules: tuple[str, ...] = ()
    junk: bool = False
    warnings: tuple[str, ...] = ()    # e.g. a rule skipped for running past its time limit


@dataclass
class Source:
    """One input as the user named it, with where its output goes and its tasks (read lazily)."""

    name: str
    relative: str                     # its path under -o
    tasks: Callable[[], Iterator[Task]]
    size: int | None = None           # bytes on disk when known (for the ETA)
    path: Path | None = None
    streamed: bool = False            # many tasks into one output (JSONL) vs one page, one output


# ---------------------------------------------------------------- input kinds

def find_files(paths: list[str], patterns: tuple[str, ...], options: BatchOptions,
               problems: list[str]) -> Iterator[tuple[str, Path | None, str]]:
    """Yield (name, path, relative output path) for '-', files as given, and folders recursed.

    The relative output path is the path below the folder for files found in folders, the path
    as given for relative file paths, and the file name otherwise. Folders are walked in sorted
    order; hidden folders and the output folder are skipped; a file is kept when it matches an
    include glob and no exclude glob (globs match the path below the folder or the file name).
    Without --include, a folder's README, LICENSE, CHANGELOG and CONTRIBUTING files are left
    out too (a dataset's card is not one of its pages); name them to clean them.
    Problems (missing paths) go to `problems`.
    """
    include = options.include or patterns
    skip = options.output_dir.resolve() if options.output_dir else None
    # without --include, a folder's own documents (README.md, LICENSE.txt) are not pages
    documents = () if options.include else FOLDER_DOCUMENTS
    for raw in paths:
        if raw == "-":
            yield "-", None, "stdin"
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file, rel in _walk(path, skip):
                if _matches(rel, include, default=not options.include) \
                        and not _matches(rel, options.exclude, default=False) \
                        and not _matches(rel, documents, default=True):
                    found = True
                    yield str(file), file, rel
            if not found:
                problems.append(f"{raw}: folder holds no files matching {' '.join(include)}; "
                                "point at files or change --include")
        elif path.exists():
            nested = not path.is_absolute() and ".." not in path.parts
            yield raw, path, path.as_posix() if nested else path.name
        else:
            problems.append(f"{raw}: no such file or folder; check the path")


def _walk(root: Path, skip: Path | None) -> Iterator[tuple[Path, str]]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".")
                               and (skip is None or Path(folder, d).resolve() != skip))
        for name in sorted(files):
            file = Path(folder, name)
            yield file, file.relative_to(root).as_posix()


def _matches(rel: str, patterns: tuple[str, ...], *, default: bool) -> bool:
    """Bundled default globs match case-insensitively; the user's globs as written."""
    name = rel.rsplit("/", 1)[-1]
    if default:
        rel, name = rel.lower(), name.lower()
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def page_sources(paths: list[str], options: BatchOptions, problems: list[str]) -> Iterator[Source]:
    """Text and HTML files: one page each."""
    for name, path, rel in find_files(paths, PAGE_PATTERNS, options, problems):
        if path is None:
            yield Source("<stdin>", "stdin.txt", lambda: iter([_stdin_page()]))
        else:
            yield Source(name, rel, _page_reader(name, path), _size(path), path)


def _page_reader(name: str, path: Path) -> Callable[[], Iterator[Task]]:
    def read() -> Iterator[Task]:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror}); check the file") from None
        require_text(name, data)
        yield Task(name, "page", data)
    return read


def _stdin_page() -> Task:
    return Task("<stdin>", "page", read_input("-"))  # one-line errors: closed, empty


def jsonl_sources(paths: list[str], options: BatchOptions, problems: list[str]) -> Iterator[Source]:
    """JSON Lines files (optionally .gz): one record per line, records out in one file each."""
    for name, path, rel in find_files(paths, JSONL_PATTERNS, options, problems):
        rel = rel.removesuffix(".gz")
        if path is None:
            yield Source("<stdin>", "stdin.jsonl", lambda: _records("<stdin>", None), streamed=True)
        else:
            size = None if name.endswith(".gz") else _size(path)
            yield Source(name, rel, _record_reader(name, path), size, path, streamed=True)


def _record_reader(name: str, path: Path) -> Callable[[], Iterator[Task]]:
    return lambda: _records(name, path)


def _records(name: str, path: Path | None) -> Iterator[Task]:
    try:
        if path is None:
            handle: Any = sys.stdin.buffer
        elif name.endswith(".gz"):
            handle = gzip.open(path, "rb")  # noqa: SIM115 - closed in the finally below
        else:
            # records run to tens of kilobytes: a big buffer reads each in one piece
            handle = open(path, "rb", buffering=READ_BUFFER)  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror}); check the file") from None
    try:
        for number, line in enumerate(handle, 1):
            if not line.isspace():  # (a blank line; not .strip(), which copies the record)
                yield Task(f"{name}:{number}", "record", line)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"{name}: cannot read past a damaged part ({exc}); "
                         "re-download or repair the file") from None
    finally:
        if path is not None:
            handle.close()


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


# Each input kind: a function from the command's paths to Sources. Register new kinds here.
INPUT_KINDS: dict[str, Callable[[list[str], BatchOptions, list[str]], Iterator[Source]]] = {
    "files": page_sources,
    "jsonl": jsonl_sources,
    "warc": warc_sources,
}


# ---------------------------------------------------------------- the worker side

_worker: dict[str, Any] = {}


def init_worker(config: Config, options: BatchOptions, in_pool: bool = False,
                cleaner: Cleaner | None = None) -> None:
    """Runs once in each worker process: compile the packs once, not once per page. A worker
    forked from a parent that already built the Cleaner for `config` (see `BatchRun.run`)
    inherits it and compiles nothing.

    Pool workers ignore Ctrl-C: the parent stops them, so the user sees one line, not a
    traceback per worker.
    """
    if in_pool:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if cleaner is None:
        built = _worker.get("cleaner")
        cleaner = built if built is not None and built.config == config else Cleaner(config)
    _worker["cleaner"] = cleaner
    _worker["options"] = options


def clean_chunk(tasks: list[Task]) -> list[Outcome]:
    return [clean_task(task) for task in tasks]


def clean_task(task: Task) -> Outcome:
    cleaner: Cleaner = _worker["cleaner"]
    options: BatchOptions = _worker["options"]
    size = len(task.payload) if isinstance(task.payload, (bytes, str)) else 0
    try:
        if task.kind == "page":
            doc = cleaner.clean(task.payload, source=task.name, url=task.url)
            if options.fmt == "txt":
                output = (doc.body + "\n").encode("utf-8")
            else:
                output = json_line(doc.to_dict(), indent=2 if options.fmt == "json" else None)
        elif task.kind == "warc":  # a page from a WARC/ARC file (cleaner/warc.py)
            record, doc = clean_warc_page(cleaner, task.payload)
            output = json_line(record)
        else:
            record, doc = _clean_record(cleaner, options, task)
            output = json_line(record)
    except CleanerError as exc:
        return Outcome(task.name, error=str(exc), bytes_in=size)
    except Exception as exc:  # noqa: BLE001 - one broken page must not stop a corpus run
        return Outcome(task.name, error=f"{task.name}: could not be cleaned "
                       f"({exc.__class__.__name__}: {exc}); please report this page",
                       bytes_in=size)
    return Outcome(task.name, output, None, size, tuple(doc.rules_fired), bool(doc.junk_rules),
                   tuple(doc.stats.get("warnings", ())))


def _clean_record(cleaner: Cleaner, options: BatchOptions, task: Task) -> tuple[dict, Any]:
    record = task.payload
    if not isinstance(record, dict):
        try:
            record = json.loads(record)
        except ValueError as exc:
            raise InputError(f"{task.name}: not valid JSON ({exc}); "
                             "expected one JSON object per line") from None
        if not isinstance(record, dict):
            raise InputError(f"{task.name}: expected a JSON object per line")
    text = record.get(options.text_field)
    if not isinstance(text, str):
        raise InputError(f"{task.name}: no text in field {options.text_field!r}; "
                         "name the field with --text-field")
    url = record.get(options.url_field)
    ident = record.get(options.id_field)
    doc = cleaner.clean(text, url=url if isinstance(url, str) else task.url,
                        source=str(ident) if ident is not None else task.name)
    cleaned = doc.to_dict()
    cleaned.pop("source", None)
    return {**record, **cleaned}, doc


# ---------------------------------------------------------------- the parent side

class StdoutSink:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        # bytes go straight to the binary layer when there is one (what was written as text
        # before is flushed first, so the order holds)
        self.binary = getattr(stream, "buffer", None)
        stream.flush()

    def write(self, data: bytes) -> None:
        with _stdout_errors():
            if self.binary is not None:
                self.binary.write(data)
            else:
                self.stream.write(data.decode("utf-8"))

    def close(self) -> None:
        with _stdout_errors():
            (self.binary or self.stream).flush()

    def abort(self) -> None:
        with _stdout_errors():
            (self.binary or self.stream).flush()


@contextmanager
def _stdout_errors() -> Iterator[None]:
    """A failed write to standard output stops the run with one line (every page after would
    fail the same way); a reader that went away (`| head`) is the command's to handle."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"standard output: cannot write ({exc.strerror or exc}); free "
                          "space there, or write the outputs elsewhere with -o DIR") from None


class PageFileSink:
    """One page, one output file, written atomically."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def write(self, data: bytes) -> None:
        write_atomic(self.target, data)

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


class StreamFileSink:
    """Many records into one output file: a temporary file renamed over the target at the end,
    so an interrupted run leaves no half-written output and the next run redoes that file."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.handle: Any = None
        self.tmp: str | None = None

    def _open(self) -> None:
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp",
                                            dir=self.target.parent)
        except OSError as exc:
            raise InputError(f"{self.target.parent}: cannot write here ({exc.strerror}); "
                             "choose a writable output folder") from None
        self.handle = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        if self.handle is None:
            self._open()
        self.handle.write(data)

    def close(self) -> None:
        if self.handle is None:
            self._open()
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        assert self.tmp is not None  # set by _open
        os.replace(self.tmp, self.target)
        self.handle = None

    def abort(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass


def output_target(options: BatchOptions, source: Source) -> Path:
    assert options.output_dir is not None
    target = safe_output_path(options.output_dir, source.relative)
    if not source.streamed:
        suffix = PAGE_SUFFIX[options.fmt]
        if not target.name.endswith(suffix):
            target = target.with_name(target.name + suffix)
    if source.path is not None and target.resolve() == source.path.resolve():
        raise InputError(f"{source.name}: the output would overwrite this input; "
                         "choose another -o folder")
    return target


class BatchRun:
    """Feeds tasks to the workers a bounded number of chunks ahead and writes outcomes in order."""

    def __init__(self, config: Config, options: BatchOptions, *, stdout: TextIO,
                 stderr: TextIO, progress: Progress, cleaner: Cleaner | None = None) -> None:
        self.config = config
        self.cleaner = cleaner  # already built for `config` (the command validated the packs)
        self.options = options
        self.stdout = stdout
        self.stderr = stderr
        self.progress = progress
        self.stats = RunStats()
        self.consumed = 0
        self.pending: deque = deque()
        self.inflight_chunks = 0
        self.inflight_bytes = 0
        self.pool: Any = None

    def run(self, paths: list[str]) -> RunStats:
        problems: list[str] = []
        sources = INPUT_KINDS[self.options.kind](paths, self.options, problems)
        if self.options.jobs > 1:
            if self.cleaner is not None:  # forked workers inherit it instead of building theirs
                _worker["cleaner"] = self.cleaner
            self.pool = quiet_pool(self.options.jobs, initializer=init_worker,
                                   initargs=(self.config, self.options, True))
        else:
            init_worker(self.config, self.options, cleaner=self.cleaner)
        try:
            for source in sources:
                self._report_problems(problems)
                self._feed(source)
            self._report_problems(problems)
            while self.pending:
                self._finish_oldest()
        finally:
            for entry in self.pending:
                if entry[0] == "close":
                    entry[1].abort()
            if self.pool is not None:
                self.pool.terminate()
                self.pool.join()
            self.progress.finish()
        return self.stats

    def _report_problems(self, problems: list[str]) -> None:
        """Problems found while listing inputs are reported in input order, like the others."""
        for message in problems:
            self.pending.append(("error", message))
        problems.clear()

    def _error(self, message: str) -> None:
        self.stats.errors += 1
        self.stderr.write(f"cleaner: {message}\n")
        self.stderr.flush()

    def _feed(self, source: Source) -> None:
        try:
            sink = self._sink(source)
        except InputError as exc:
            self.pending.append(("error", str(exc)))
            return
        if sink is None:
            self.stats.skipped += 1
            self.consumed += source.size or 0
            return
        chunk: list[tuple[Any, Task]] = []
        size = 0
        try:
            for task in source.tasks():
                chunk.append((sink, task))
                size += _task_size(task)
                if len(chunk) >= CHUNK_PAGES or size >= CHUNK_BYTES:
                    self._submit(chunk)
                    chunk, size = [], 0
        except InputError as exc:
            self._submit(chunk)
            self.pending.append(("abort", sink, str(exc)))
            return
        self._submit(chunk)
        self.pending.append(("close", sink))

    def _sink(self, source: Source) -> Any:
        if self.options.output_dir is None:
            return StdoutSink(self.stdout)
        target = output_target(self.options, source)
        if target.exists() and not self.options.force:
            return None
        return StreamFileSink(target) if source.streamed else PageFileSink(target)

    def _submit(self, chunk: list[tuple[Any, Task]]) -> None:
        if not chunk:
            return
        tasks = [task for _, task in chunk]
        sinks = [sink for sink, _ in chunk]
        size = sum(_task_size(task) for task in tasks)
        if self.pool is None:
            handle: Any = clean_chunk(tasks)
        else:
            handle = self.pool.apply_async(clean_chunk, (tasks,))
        self.pending.append(("chunk", sinks, handle, size))
        self.inflight_chunks += 1
        self.inflight_bytes += size
        limit = CHUNKS_PER_WORKER * max(1, self.options.jobs)
        while self.inflight_chunks > limit or self.inflight_bytes > INFLIGHT_BYTES:
            self._finish_oldest()

    def _finish_oldest(self) -> None:
        entry = self.pending.popleft()
        if entry[0] == "close":
            entry[1].close()
            return
        if entry[0] == "abort":
            entry[1].abort()
            self._error(entry[2])
            return
        if entry[0] == "error":
            self._error(entry[1])
            return
        _, sinks, handle, size = entry
        self.inflight_chunks -= 1
        self.inflight_bytes -= size
        outcomes = handle if isinstance(handle, list) else handle.get()
        for sink, outcome in zip(sinks, outcomes):
            self._emit(sink, outcome)

    def _emit(self, sink: Any, outcome: Outcome) -> None:
        stats = self.stats
        stats.pages += 1
        stats.bytes_in += outcome.bytes_in
        self.consumed += outcome.bytes_in
        for warning in outcome.warnings:
            self.stderr.write(f"cleaner: {outcome.name}: warning: {warning}\n")
        if outcome.error:
            self._error(outcome.error)
        else:
            try:
                sink.write(outcome.output)
            except InputError as exc:
                self._error(str(exc))
            stats.bytes_out += len(outcome.output)
            stats.rules.update(outcome.rules)
            stats.pages_with_junk += outcome.junk
        self.progress.update(stats, self.consumed)


def quiet_pool(processes: int, **options: Any) -> Any:
    """A multiprocessing Pool (imported only when there are workers), but for one thing: its
    worker-minding thread no longer wakes whenever results wait in the pipe
    (`_get_sentinels`). While a result waits for the result-reading thread, that wake-up
    spins: on a 2-core machine it took half a CPU second per 6000 pages from the workers. The
    thread still wakes when a worker exits and when the pool's state or task cache changes
    (the change notifier), which is all it acts on.
    """
    from multiprocessing.pool import Pool

    class QuietPool(Pool):
        def _get_sentinels(self) -> list:
            notifier = getattr(self, "_change_notifier", None)
            if notifier is None:  # another Python's Pool: keep its own
                return super()._get_sentinels()  # type: ignore[misc]
            return [notifier._reader]

    return QuietPool(processes, **options)


def _task_size(task: Task) -> int:
    return len(task.payload) if isinstance(task.payload, (bytes, str)) else 0


def total_size(paths: list[str], options: BatchOptions) -> int | None:
    """Bytes the run will read, for the ETA; None when unknown (stdin, compressed input)."""
    total = 0
    for source in INPUT_KINDS[options.kind](paths, options, []):
        if source.size is None:
            return None
        total += source.size
    return total


def run_batch(paths: list[str], config: Config, options: BatchOptions, *,
              show_progress: bool = False, stdout: TextIO | None = None,
              stderr: TextIO | None = None, cleaner: Cleaner | None = None) -> RunStats:
    """Clean every input; bad inputs are reported on stderr and counted in `stats.errors`.
    `cleaner`: one already built for `config`, used (and inherited by forked workers) instead
    of compiling the packs again."""
    total = total_size(paths, options) if show_progress else None
    progress = Progress(show_progress, total, stderr or sys.stderr)
    run = BatchRun(config, options, stdout=stdout or sys.stdout, stderr=stderr or sys.stderr,
                   progress=progress, cleaner=cleaner)
    return run.run(paths)


def default_jobs() -> int:
    """The machine's cores (those this process may use)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


__all__ = ["INPUT_KINDS", "BatchOptions", "Source", "Task", "default_jobs", "run_batch"]

"""Commands that clean files: clean, check, fix, explain."""
from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import typer

from .cleaner import Cleaner
from .cli import (
    DisableOpt,
    Format,
    HtmlOpt,
    NoBundledOpt,
    RulesOpt,
    app,
    fail,
    make_cleaner,
)
from .document import Document
from .errors import InputError
from .files import iter_inputs, read_input, write_atomic
from .render import explain as render_explain
from .render import json_line
from .warc import is_warc_path


def clean_input(cleaner: Cleaner, name: str) -> Document:
    data = read_input(name)
    source = "<stdin>" if name == "-" else name
    return cleaner.clean(data, source=source)


@app.command()
def clean(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursed), JSONL files, or - for stdin."),
    fmt: Format | None = typer.Option(None, "--format", "-f",
                                      help="txt body (default), json or jsonl record."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write outputs under this folder, mirroring the inputs."),
    input_kind: str = typer.Option("files", "--input", "-i",
                                   help="What the inputs hold: 'files' (one page each), 'jsonl' "
                                        "(one record per line) or 'warc' (WARC/ARC archives; "
                                        "the default when every input is one)."),
    text_field: str = typer.Option("text", "--text-field", help="JSONL: field with the page text."),
    id_field: str = typer.Option("id", "--id-field", help="JSONL: field with the record id."),
    url_field: str = typer.Option("url", "--url-field", help="JSONL: field with the page URL."),
    include: list[str] | None = typer.Option(None, "--include",
                                             help="Glob of files to take from folders (repeatable)."),
    exclude: list[str] | None = typer.Option(None, "--exclude",
                                             help="Glob of files to leave out (repeatable)."),
    force: bool = typer.Option(False, "--force", help="Rewrite outputs that already exist."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: the machine's cores)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    stats_file: Path | None = typer.Option(None, "--stats", help="Write the run's summary as JSON here."),
    rules: list[Path] | None = RulesOpt, disable: list[str] | None = DisableOpt,
    no_bundled: bool = NoBundledOpt, html: list[str] | None = HtmlOpt,
) -> None:
    """Clean pages and print (or write under -o) their bodies or records; many inputs in parallel."""
    from .batch import INPUT_KINDS, BatchOptions, default_jobs, run_batch
    from .files import TEXT_SUFFIXES

    if input_kind == "files" and all(is_warc_path(p) for p in paths):  # crawl.warc.gz: its pages
        input_kind = "warc"
    if input_kind not in INPUT_KINDS:
        fail(f"--input {input_kind!r} is not known; use one of: {', '.join(INPUT_KINDS)}")
    if input_kind != "files" and fmt not in (None, Format.jsonl):
        fail(f"--input {input_kind} writes JSON records, one per line; drop --format")
    if jobs < 0:
        fail("--jobs must be 0 (the machine's cores) or more")
    if output is not None and output.exists() and not output.is_dir():
        fail(f"{output}: exists and is not a folder; give -o a folder")
    cleaner = make_cleaner(rules, disable, no_bundled, html)  # validates the packs once, up front
    # what exists now (the compiled packs, mostly) lives as long as the command: the collector
    # need not look at it again, in this process or in the workers it forks (where looking
    # would also copy the memory they share with it)
    gc.freeze()
    single_page = input_kind == "files" and len(paths) == 1 and (
        paths[0] == "-" or (Path(paths[0]).is_file() and paths[0].lower().endswith(TEXT_SUFFIXES)))
    if jobs == 0 and single_page:
        jobs = 1  # one page: starting workers would only add their start-up time
    options = BatchOptions(
        kind=input_kind, fmt=(fmt or Format.txt).value, output_dir=output, force=force,
        jobs=jobs or default_jobs(), include=tuple(include or ()), exclude=tuple(exclude or ()),
        text_field=text_field, id_field=id_field, url_field=url_field, quiet=quiet,
    )
    show = not quiet and sys.stderr.isatty()
    stats = run_batch(paths, cleaner.config, options, show_progress=show, cleaner=cleaner)
    if show:
        typer.echo(stats.summary(), err=True)
    if stats_file is not None:
        stats.write_json(stats_file)
    if stats.errors:
        fail(f"{stats.errors} input(s) failed, the others were cleaned; see the messages above", 2)


def each_document(cleaner: Cleaner, paths: list[str], failures: list[str],
                  seen: dict[str, tuple[int, int] | None] | None = None):
    """(name, Document) for every input that cleans; each one that cannot is reported on stderr
    in one line and its name added to `failures`, and the batch goes on. With `seen`, each
    file's signature as it was before reading is stored there (see `file_signature`)."""
    for name in iter_inputs(paths):
        if seen is not None:
            seen[name] = file_signature(name)
        try:
            yield name, clean_input(cleaner, name)
        except InputError as exc:
            typer.echo(f"cleaner: {exc}", err=True)
            failures.append(name)


def finish(failures: list[str], found: int) -> None:
    """Exit 2 with a count when inputs failed, else 1 when anything was found or changed."""
    if failures:
        fail(f"{len(failures)} input(s) failed, the others were done; see the messages above")
    raise typer.Exit(1 if found else 0)


@app.command()
def check(
    paths: list[str] = typer.Argument(..., help="Files or folders to check."),
    rules: list[Path] | None = RulesOpt, disable: list[str] | None = DisableOpt,
) -> None:
    """Exit 1 and name the rules that fire for each file that still holds junk."""
    cleaner = make_cleaner(rules, disable)
    found = 0
    failures: list[str] = []
    for name, doc in each_document(cleaner, paths, failures):
        _warn(name, doc)
        if doc.removed:
            found += 1
            typer.echo(f"{name}: {' '.join(doc.rules_fired)}")
    finish(failures, found)


@app.command()
def fix(
    paths: list[str] = typer.Argument(..., help="Files or folders to rewrite clean."),
    rules: list[Path] | None = RulesOpt, disable: list[str] | None = DisableOpt,
) -> None:
    """Rewrite each file to its clean body; the record (metadata, removed text) goes beside it."""
    if "-" in paths:
        fail("fix rewrites files; it cannot take stdin (use 'clean -' instead)")
    cleaner = make_cleaner(rules, disable)
    changed = 0
    failures: list[str] = []
    seen: dict[str, tuple[int, int] | None] = {}
    for name, doc in each_document(cleaner, paths, failures, seen):
        _warn(name, doc)
        if not doc.removed:
            continue
        path = Path(name)
        if (markup := doc.markup) is not None:
            typer.echo(f"cleaner: {name}: is {markup}; fix rewrites text pages only, so the "
                       f"{markup} is kept (write clean text elsewhere with 'cleaner clean -o DIR')",
                       err=True)
            failures.append(name)
            continue
        if file_signature(name) != seen[name]:  # someone wrote to it meanwhile: keep theirs
            typer.echo(f"cleaner: {name}: changed while being cleaned, left as it is; "
                       "run fix again", err=True)
            failures.append(name)
            continue
        typer.echo(f"Fixing {name}")
        sidecar = path.with_name(path.name + ".cleaner.json")
        try:  # the record first: if we stop in between, nothing taken out is lost
            write_atomic(sidecar, _merge_sidecar(sidecar, doc))
            write_atomic(path, doc.body + "\n" if doc.body else "", like=path)
        except InputError as exc:
            typer.echo(f"cleaner: {exc}", err=True)
            failures.append(name)
            continue
        changed += 1
    finish(failures, changed)


def file_signature(name: str) -> tuple[int, int] | None:
    """(modification time in ns, size) of a file, None when it cannot be read."""
    try:
        info = Path(name).stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _warn(name: str, doc: Document) -> None:
    for warning in doc.stats.get("warnings", []):
        typer.echo(f"cleaner: warning: {name}: {warning}", err=True)


def _merge_sidecar(sidecar: Path, doc: Document) -> bytes:
    """Keep earlier records too, so a second fix never loses what the first one moved out."""
    history = []
    if sidecar.exists():
        try:
            old = json.loads(sidecar.read_text(encoding="utf-8"))
            history = old if isinstance(old, list) else [old]
        except (OSError, ValueError):
            history = []
    history.append(doc.to_dict())
    return json_line(history if len(history) > 1 else history[0], indent=2)


@app.command()
def explain(
    path: str = typer.Argument(..., help="A file or - for stdin."),
    rules: list[Path] | None = RulesOpt, disable: list[str] | None = DisableOpt,
    html: list[str] | None = HtmlOpt,
) -> None:
    """Show the metadata found, every removed piece with its rule id, and the body."""
    cleaner = make_cleaner(rules, disable, html=html)
    doc = clean_input(cleaner, path)
    _warn(path, doc)
    sys.stdout.write(render_explain(doc))



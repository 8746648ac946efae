"""Commands that clean files: clean, check, fix, explain."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .cli import DisableOpt, Format, RulesOpt, NoBundledOpt, app, fail, make_cleaner
from .cleaner import Cleaner
from .document import Document
from .errors import InputError
from .files import iter_inputs, read_input, safe_output_path, write_atomic
from .render import explain as render_explain
from .render import to_json


def clean_input(cleaner: Cleaner, name: str) -> Document:
    data = read_input(name)
    source = "<stdin>" if name == "-" else name
    return cleaner.clean(data, source=source)


@app.command()
def clean(
    paths: List[str] = typer.Argument(..., help="Files, folders (recursed) or - for stdin."),
    fmt: Format = typer.Option(Format.txt, "--format", "-f", help="txt body, json or jsonl record."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write one output per input under this folder."),
    rules: Optional[List[Path]] = RulesOpt, disable: Optional[List[str]] = DisableOpt,
    no_bundled: bool = NoBundledOpt,
) -> None:
    """Clean pages and print (or write) their bodies or records."""
    cleaner = make_cleaner(rules, disable, no_bundled)
    failures = 0
    for name in iter_inputs(paths):
        try:
            doc = clean_input(cleaner, name)
        except InputError as exc:
            typer.echo(f"cleaner: {exc}", err=True)
            failures += 1
            continue
        text = doc.body + "\n" if fmt == Format.txt else to_json(doc, indent=2 if fmt == Format.json else None) + "\n"
        if output is not None:
            suffix = {"txt": ".txt", "json": ".json", "jsonl": ".jsonl"}[fmt.value]
            target = safe_output_path(output, name)
            target = target.with_name(target.name + suffix) if not target.name.endswith(suffix) else target
            write_atomic(target, text)
        else:
            sys.stdout.write(text)
    if failures:
        fail(f"{failures} input(s) failed; see the messages above", 2)


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Files or folders to check."),
    rules: Optional[List[Path]] = RulesOpt, disable: Optional[List[str]] = DisableOpt,
) -> None:
    """Exit 1 and name the rules that fire for each file that still holds junk."""
    cleaner = make_cleaner(rules, disable)
    found = errors = 0
    for name in iter_inputs(paths):
        try:
            doc = clean_input(cleaner, name)
        except InputError as exc:
            typer.echo(f"cleaner: {exc}", err=True)
            errors += 1
            continue
        if doc.removed:
            found += 1
            typer.echo(f"{name}: {' '.join(doc.rules_fired)}")
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if found else 0)


@app.command()
def fix(
    paths: List[str] = typer.Argument(..., help="Files or folders to rewrite clean."),
    rules: Optional[List[Path]] = RulesOpt, disable: Optional[List[str]] = DisableOpt,
) -> None:
    """Rewrite each file to its clean body; the record (metadata, removed text) goes beside it."""
    cleaner = make_cleaner(rules, disable)
    changed = errors = 0
    for name in iter_inputs(paths):
        if name == "-":
            fail("fix rewrites files; it cannot take stdin (use 'clean -' instead)")
        try:
            doc = clean_input(cleaner, name)
        except InputError as exc:
            typer.echo(f"cleaner: {exc}", err=True)
            errors += 1
            continue
        path = Path(name)
        new = doc.body + "\n" if doc.body else ""
        if not doc.removed:
            continue
        typer.echo(f"Fixing {name}")
        sidecar = path.with_name(path.name + ".cleaner.json")
        write_atomic(sidecar, _merge_sidecar(sidecar, doc))
        write_atomic(path, new, like=path)
        changed += 1
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if changed else 0)


def _merge_sidecar(sidecar: Path, doc: Document) -> str:
    """Keep earlier records too, so a second fix never loses what the first one moved out."""
    history = []
    if sidecar.exists():
        try:
            old = json.loads(sidecar.read_text(encoding="utf-8"))
            history = old if isinstance(old, list) else [old]
        except (OSError, ValueError):
            history = []
    history.append(doc.to_dict())
    return json.dumps(history if len(history) > 1 else history[0], ensure_ascii=False, indent=2) + "\n"


@app.command()
def explain(
    path: str = typer.Argument(..., help="A file or - for stdin."),
    rules: Optional[List[Path]] = RulesOpt, disable: Optional[List[str]] = DisableOpt,
) -> None:
    """Show the metadata found, every removed piece with its rule id, and the body."""
    cleaner = make_cleaner(rules, disable)
    doc = clean_input(cleaner, path)
    sys.stdout.write(render_explain(doc))



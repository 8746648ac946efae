"""The `cleaner` command: clean / check / fix / explain / rules / eval.

Exit codes: 0 clean (or nothing changed), 1 junk found or files changed, 2 usage or input error.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .cleaner import Cleaner
from .config import Config
from .document import Document
from .errors import CleanerError, InputError
from .files import iter_inputs, read_input, safe_output_path, write_atomic
from .render import explain as render_explain
from .render import to_json

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Strip boilerplate from scraped pages: clean body plus metadata.")
rules_app = typer.Typer(no_args_is_help=True, help="List, show, test and lint rule packs.")
app.add_typer(rules_app, name="rules")

RulesOpt = typer.Option(None, "--rules", "-r", help="Extra rule pack file or folder (repeatable).")
DisableOpt = typer.Option(None, "--disable", "-d",
                          help="Pack name, rule id or step to switch off (repeatable).")
NoBundledOpt = typer.Option(False, "--no-bundled", help="Do not load the bundled rule packs.")


class Format(str, Enum):
    txt = "txt"
    json = "json"
    jsonl = "jsonl"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"cleaner: {message}", err=True)
    raise typer.Exit(code)


def make_cleaner(rules: Optional[List[Path]], disable: Optional[List[str]],
                 no_bundled: bool = False) -> Cleaner:
    config = Config(rule_paths=tuple(rules or ()), disabled=frozenset(disable or ()),
                    bundled_rules=not no_bundled)
    return Cleaner(config)


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


@rules_app.command("list")
def rules_list(rules: Optional[List[Path]] = RulesOpt) -> None:
    """List every rule: id, action, and what it is for."""
    cleaner = make_cleaner(rules, None)
    for pack in cleaner.rules.packs:
        for rule in pack.rules:
            typer.echo(f"{rule.id:40} {rule.action:10} {rule.description}")


@rules_app.command("show")
def rules_show(rule_id: str, rules: Optional[List[Path]] = RulesOpt) -> None:
    """Show one rule: its pattern, where it applies, and its examples."""
    cleaner = make_cleaner(rules, None)
    for pack in cleaner.rules.packs:
        for rule in pack.rules:
            if rule_id in (rule.id, *rule.aliases):
                typer.echo(f"id:          {rule.id}\npack:        {pack.name} ({rule.source}:{rule.line})")
                typer.echo(f"description: {rule.description}\naction:      {rule.action}"
                           f"{' -> ' + rule.field if rule.field else ''}\nwhere:       {rule.where}")
                typer.echo(f"pattern:     {rule.pattern.pattern}")
                for ex in rule.junk_examples:
                    typer.echo(f"  junk: {ex.text}" + (f"  => {ex.expect!r}" if ex.expect is not None else ""))
                for ex in rule.body_examples:
                    typer.echo(f"  body: {ex.text}")
                return
    fail(f"no rule {rule_id!r}; see 'cleaner rules list'")


@rules_app.command("test")
def rules_test(
    packs: Optional[List[Path]] = typer.Argument(None, help="Pack files or folders (default: bundled)."),
) -> None:
    """Run every rule's examples; exit 1 when any fails."""
    from .rule_tests import check_rule

    cleaner = make_cleaner(packs, None)
    chosen = {str(p) for p in (packs or [])}
    total_rules = total_examples = 0
    failures = []
    for pack in cleaner.rules.packs:
        if chosen and not any(pack.source == c or pack.source.startswith(c.rstrip("/") + "/") for c in chosen):
            continue
        for rule in pack.rules:
            total_rules += 1
            total_examples += len(rule.junk_examples) + len(rule.body_examples)
            failures.extend(check_rule(rule, cleaner.rules))
    for failure in failures:
        typer.echo(f"FAIL {failure}")
    typer.echo(f"{total_rules} rules, {total_examples} examples: "
               f"{total_examples - len(failures)} passed, {len(failures)} failed")
    raise typer.Exit(1 if failures else 0)


@app.command("eval")
def eval_cmd(
    file: Path = typer.Argument(..., help="JSON Lines with a text field and a gold field."),
    field: str = typer.Option("text", "--field", help="Field holding the page text."),
    gold_field: str = typer.Option("gold", "--gold-field", help="Field holding the gold body."),
    worst: int = typer.Option(10, "--worst", help="How many worst pages to list."),
    rules: Optional[List[Path]] = RulesOpt, disable: Optional[List[str]] = DisableOpt,
) -> None:
    """Score cleaned bodies against gold with the benchmark's shingle metric."""
    from .evaluate import evaluate_file

    cleaner = make_cleaner(rules, disable)
    result = evaluate_file(file, cleaner, field=field, gold_field=gold_field)
    typer.echo("worst pages (F1 P R id):")
    for page in sorted(result.pages, key=lambda p: p.f1)[:worst]:
        typer.echo(f"  {page.f1:.3f} {page.precision:.3f} {page.recall:.3f} {page.id}")
    typer.echo("by language (F1 P R pages):")
    for lang, score in result.by_language.items():
        typer.echo(f"  {lang:8} {score.f1:.3f} {score.precision:.3f} {score.recall:.3f} {score.pages}")
    s = result.score
    typer.echo(f"pages {s.pages} field {field}")
    typer.echo(f"F1 {s.f1:.3f} P {s.precision:.3f} R {s.recall:.3f}")


def main() -> None:
    """Entry point: user mistakes become one line on stderr and exit 2, never a traceback."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except CleanerError as exc:
        typer.echo(f"cleaner: {exc}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("cleaner: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:  # click usage errors and the unexpected
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(2)
        raise

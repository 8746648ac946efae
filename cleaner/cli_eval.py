"""`cleaner eval`: score bodies (and metadata) against labelled pages."""
from __future__ import annotations

from pathlib import Path

import typer

from .cli import DisableOpt, HtmlOpt, RulesOpt, app, make_cleaner


@app.command("eval")
def eval_cmd(
    file: Path = typer.Argument(..., help="JSON Lines with a text field and a gold field."),
    field: str = typer.Option("text", "--field",
                              help="Field holding the page; 'html' falls back to "
                                   "html/<id>.html.gz beside the file."),
    gold_field: str = typer.Option("gold", "--gold-field", help="Field holding the gold body."),
    worst: int = typer.Option(10, "--worst", help="How many worst pages to list."),
    rules: list[Path] | None = RulesOpt, disable: list[str] | None = DisableOpt,
    html: list[str] | None = HtmlOpt,
    meta: Path | None = typer.Option(None, "--meta",
                                     help="JSON Lines of declared metadata (id, title, "
                                     "published, authors, site_name) to score against."),
    misses: bool = typer.Option(True, "--misses/--no-misses",
                                help="With --meta, list the pages each field misses."),
) -> None:
    """Score cleaned bodies against gold with the benchmark's shingle metric."""
    from .evaluate import evaluate_file, read_records
    from .meta_eval import format_meta, score_meta

    cleaner = make_cleaner(rules, disable, html=html)
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
    if meta is not None:
        references = [record for _, record in read_records(meta)]
        for line in format_meta(score_meta(result.records, result.texts, references),
                                misses=misses):
            typer.echo(line)



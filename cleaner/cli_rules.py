"""`cleaner rules`: list, show, test (and lint) rule packs."""
from __future__ import annotations

from pathlib import Path

import typer

from .cli import RulesOpt, fail, make_cleaner, rules_app


@rules_app.command("list")
def rules_list(rules: list[Path] | None = RulesOpt) -> None:
    """List every rule: id, action, and what it is for."""
    cleaner = make_cleaner(rules, None)
    for pack in cleaner.rules.packs:
        for rule in pack.rules:
            typer.echo(f"{rule.id:40} {rule.action:10} {rule.description}")


@rules_app.command("show")
def rules_show(rule_id: str, rules: list[Path] | None = RulesOpt) -> None:
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
    packs: list[Path] | None = typer.Argument(None, help="Pack files or folders (default: bundled)."),
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


@rules_app.command("lint")
def rules_lint(
    packs: list[Path] | None = typer.Argument(None, help="Pack files or folders (default: bundled)."),
) -> None:
    """Flag regexes that can backtrack catastrophically (nested quantifiers, overlapping
    alternation under a quantifier), exit 1 when any is found; warn about rules searched on
    every page because they hold no literal text or fixed opening to look for first."""
    from .lint import lint_rule

    cleaner = make_cleaner(packs, None)
    chosen = [str(p).rstrip("/") for p in (packs or [])]
    linted = [pack for pack in cleaner.rules.packs if not chosen or any(
        pack.source == c or pack.source.startswith(c + "/") for c in chosen)]
    findings = [f for pack in linted for rule in pack.rules for f in lint_rule(rule)]
    for finding in findings:
        typer.echo(str(finding))
    rules = sum(len(pack.rules) for pack in linted)
    risky = sum(f.severity == "risky" for f in findings)
    typer.echo(f"{rules} rules linted: {risky} risky pattern(s), "
               f"{len(findings) - risky} warning(s)")
    raise typer.Exit(1 if risky else 0)

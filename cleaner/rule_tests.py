"""Run every rule's own examples: junk it must catch, body text it must leave alone."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .apply_rules import convert_fields, strip_match
from .matching import fits_length, rule_text, search
from .packs import MOVE_FIELDS, Example, Rule
from .page import Block, Page
from .ruleset import RuleSet


@dataclass
class ExampleFailure:
    rule: Rule
    example: Example
    kind: str      # "junk" or "body"
    problem: str

    def __str__(self) -> str:
        return (f"{self.rule.source}:{self.rule.line}: {self.rule.id}: {self.kind} example "
                f"{self.example.text!r}: {self.problem}")


def _scratch_page(text: str) -> Page:
    return Page(source=None, url=None, normalized=text, normalization=[],
                blocks=[Block(index=0, text=text, para=0)])


def run_rule(rule: Rule, text: str, rules: RuleSet) -> tuple[bool, Any]:
    """Does `rule` fire on the line `text`, and what does it yield (remaining text or fields)?
    The line is read as the pipeline reads it (`matching.search`: a list item without its
    bullet, or not at all for a rule that leaves list items alone)."""
    block = Block(index=0, text=text, para=0)
    if not fits_length(rule, block):
        return False, None
    page = _scratch_page(text)
    match = search(rule, text, page, max(rules.regex_timeout, 1.0))
    if not match:
        return False, None
    if rule.action == "strip":
        if not match.group(0).strip():
            return False, None
        return True, strip_match(text, match)[1]
    if rule.action in ("move", "tag"):
        raw = {n: match.group(n) for n in MOVE_FIELDS
               if n in rule.pattern.groupindex and match.group(n)}
        if not raw and rule.field:
            raw = {rule.field: rule_text(text)}
        values = convert_fields(raw, page, rules)
        if values is None:
            return False, None
        return True, values
    return True, None


def check_rule(rule: Rule, rules: RuleSet) -> list[ExampleFailure]:
    failures = []
    for example in rule.junk_examples:
        fired, result = run_rule(rule, example.text, rules)
        if not fired:
            failures.append(ExampleFailure(rule, example, "junk", "the rule did not fire"))
        elif example.expect is not None and not _expected(result, example.expect):
            failures.append(ExampleFailure(rule, example, "junk",
                                           f"expected {example.expect!r}, got {result!r}"))
    for example in rule.body_examples:
        fired, result = run_rule(rule, example.text, rules)
        if fired:
            failures.append(ExampleFailure(rule, example, "body", f"the rule fired ({result!r})"))
    return failures


def _expected(result: Any, expect: Any) -> bool:
    if isinstance(expect, dict) and isinstance(result, dict):
        return all(result.get(k) == v for k, v in expect.items())
    return result == expect

"""`cleaner rules lint`, second check: rules the line filter cannot narrow down.

Before a rule is searched on a line, the rule engine (matching.py) keeps only the lines that
hold literal text every match needs ("cookies", a digit) or open with the fixed text the
pattern starts with after `^` (literals.py reads both off each of the rule's alternatives). An
alternative with neither is searched over the whole text of every page, or on every line of
every page when it cannot be searched over many lines at once: the rule still works, but it
costs on every page. This check names such rules, with what to change.

Rules whose regexes share a named group fall into this when the regexes cannot be searched one
by one (one of them holds a back-reference, a group call, an inline flag or a comment): joined,
they are one pattern with a repeated group name, which Python's parser (the one that reads the
literals) rejects, so no literal is read from any of them.
"""
from __future__ import annotations

from collections import Counter

import regex

from .apply_rules import ACTIONS
from .lint import Finding
from .literals import line_prefixes, page_pattern, required_literals
from .matching import rule_units
from .packs import Rule, wrap_alternatives
from .regex_source import top_level_branches

_GROUP_NAME = regex.compile(r"\(\?P?<([A-Za-z_]\w*)>")
_INLINE_FLAG = regex.compile(r"\(\?[aiLmsuxV01]+\)")  # (?i): for the whole pattern
_SHOWN = 60  # characters of an alternative quoted in a warning


def line_filter_findings(rule: Rule) -> list[Finding]:
    """Warnings for the alternatives of `rule` the line filter cannot narrow down; [] for a
    rule the filter serves well, and for rules it does not serve (`tag` rules)."""
    if rule.action not in ACTIONS:
        return []
    units = rule_units(rule)
    free = [i for i, unit in enumerate(units) if unit.literals is None and unit.prefixes is None]
    if not free:
        return []
    if len(units) == 1:
        return [_warning(rule, _whole_rule_problem(rule, units[0].source))]
    branches = _branches(rule)  # the rule was cut into these, one unit each
    if branches is None or len(branches) != len(units):
        branches = [unit.source for unit in units]
    return [_warning(rule, _alternative_problem(rule, branches[i], units[i].source))
            for i in free]


def _warning(rule: Rule, problem: str) -> Finding:
    return Finding(rule.id, rule.source, rule.line, "warning: " + problem, severity="warning")


def _cost(source: str, flags: int) -> str:
    if page_pattern(source, flags) is None:
        return "is searched on every line of every page"
    return "is searched over the whole text of every page"


_WHAT_TO_DO = ("give it a word every match contains (2 characters or more, a digit or a "
               "symbol), or open it with ^ and fixed text")


def _whole_rule_problem(rule: Rule, source: str) -> str:
    cost = _cost(source, rule.pattern.flags)
    alternatives = rule.alternatives
    flagged = _inline_flag_advice(alternatives)
    if flagged:
        return f"the rule {cost}: {flagged}"
    if len(alternatives) > 1 and all(_has_filter(rule, a) for a in alternatives):
        shared = _shared_group_names(alternatives)
        why = (f"and Python's parser rejects their repeated named group(s) "
               f"{', '.join(map(repr, shared))}, " if shared else "")
        return (f"the rule {cost}: each of its patterns alone has literal text the line filter "
                "would look for first, but joined they cannot be searched one by one (a "
                f"back-reference, a group call or a comment in one of them) {why}so no literal "
                "is read from any; put the patterns in rules of their own")
    return (f"the rule {cost}: the line filter finds no literal text every match must hold and "
            f"no fixed text after ^ to look for first; {_WHAT_TO_DO}")


def _alternative_problem(rule: Rule, branch: str, source: str) -> str:
    shown = branch if len(branch) <= _SHOWN else branch[:_SHOWN - 3] + "..."
    cost = _cost(source, rule.pattern.flags)
    flagged = _inline_flag_advice((branch,))
    if flagged:
        return f"its alternative '{shown}' {cost}: {flagged}"
    bound = ("" if rule.action == "strip" or rule.max_words is not None
             else ", or set max_words so that only short lines are searched")
    return (f"its alternative '{shown}' {cost}: the line filter finds no literal text every "
            f"match must hold and no fixed text after ^ to look for first; {_WHAT_TO_DO}{bound}")


def _inline_flag_advice(patterns: tuple[str, ...]) -> str | None:
    """What to do when a pattern holds an inline flag for the whole pattern, which hides its
    literals (the rule wraps each pattern in a group, where Python's parser refuses one)."""
    flags = sorted({m.group(0) for p in patterns for m in _INLINE_FLAG.finditer(p)})
    if not flags:
        return None
    return (f"its inline flag {', '.join(flags)} keeps the line filter from reading its literals "
            "(each pattern is wrapped in a group, where a flag for the whole pattern cannot be "
            "read); drop it (rules ignore case unless case_sensitive: true) or scope it to a "
            "group: (?i:...)")


def _branches(rule: Rule) -> list[str] | None:
    """The rule's alternatives as `split_alternatives` cuts them (phrases, regexes, and each
    regex's top-level alternatives), unwrapped; None when a regex does not balance."""
    out: list[str] = []
    for alternative in rule.alternatives:
        parts = top_level_branches(alternative)
        if parts is None:
            return None
        out += parts
    return out


def _has_filter(rule: Rule, alternative: str) -> bool:
    """Would `alternative`, as a rule of its own, give the line filter literals or an opening?"""
    source = wrap_alternatives([alternative], rule.match)
    flags = rule.pattern.flags
    try:
        regex.compile(source, flags)
    except regex.error:
        return False
    return required_literals(source, flags) is not None or line_prefixes(source, flags) is not None


def _shared_group_names(alternatives: tuple[str, ...]) -> list[str]:
    """Group names defined in more than one of `alternatives`."""
    counts: Counter = Counter()
    for alternative in alternatives:
        counts.update(set(_GROUP_NAME.findall(alternative)))
    return sorted(name for name, times in counts.items() if times > 1)

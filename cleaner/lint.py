"""`cleaner rules lint`: find regexes that can backtrack catastrophically before they run
(and, in `lint_filter`, rules that are searched on every page because the line filter finds
nothing to look for in them).

Two shapes make a backtracking engine take exponential time on a line that almost matches:

- nested quantifiers: a repeated group whose body holds an unbounded repeat that nothing
  mandatory and different follows, so the same characters split between the two loops in
  exponentially many ways: `(a+)+$`, `(\\w+\\s?)*:`, `(?:.*,)*x`;
- overlapping alternation under a quantifier: two alternatives of a repeated group can start
  with the same character: `(a|ab)*c`, `(\\w|\\d)+!`.

The check reads the pattern's syntax tree (Python's `re` parser, which knows the syntax the
packs use) and compares character sets on a probe alphabet; it is a linter, so it may flag a
pattern that is safe on real text, and `matching.search` still runs every rule under a time
limit whatever the linter says.
"""
from __future__ import annotations

import re
import string
import warnings
from dataclasses import dataclass

try:  # Python 3.11+
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from .packs import Rule

PROBE = string.printable + "éÉßжЖΩ中日’—«\u00a0"
UNBOUNDED = 16  # a repeat allowing more than this many rounds counts as unbounded
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))
_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
# `regex`-only syntax the `re` parser does not know, read as its nearest `re` equivalent.
_REGEX_ONLY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]|\\X|\(\?V[01]\)|\\[mM](?![a-z])")


@dataclass(frozen=True)
class Finding:
    """One risky pattern: where it is and what is wrong with it."""

    rule: str
    source: str
    line: int
    problem: str
    severity: str = "risky"  # "risky": can hang on a line; "warning": costs on every page

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: rule {self.rule!r}: {self.problem}"


def lint_rule(rule: Rule) -> list[Finding]:
    """Findings for one compiled rule (its phrases and regexes together, as they run): risky
    patterns, then warnings for alternatives the line filter cannot narrow down
    (`lint_filter`)."""
    from .lint_filter import line_filter_findings

    flags = re.IGNORECASE if rule.pattern.flags & re.IGNORECASE else 0
    return [Finding(rule.id, rule.source, rule.line, problem)
            for problem in lint_pattern(rule.pattern.pattern, flags)] + line_filter_findings(rule)


def lint_pattern(pattern: str, flags: int = 0) -> list[str]:
    """Problems with one pattern, each a sentence that says what to change; [] when safe."""
    try:
        readable = _REGEX_ONLY.sub(lambda m: _stand_in(m.group(0)), pattern)
        with warnings.catch_warnings():  # `re` warns about `regex` set syntax ([[:alpha:]])
            warnings.simplefilter("ignore")
            tree = sre_parse.parse(_keep_alternatives(readable), flags)
    except (re.error, OverflowError, RecursionError):
        return []  # syntax only `regex` knows: it compiled, and the time limit still guards it
    problems: list[str] = []
    flags |= getattr(tree.state, "flags", 0)  # inline (?i) and kin
    _walk(list(tree), flags, problems)
    return list(dict.fromkeys(problems))


def _keep_alternatives(pattern: str) -> str:
    """Put an empty lookahead after each `|`, so the parser keeps alternations as written
    instead of folding `(a|a)` into `[a]` (the `regex` module runs them as written)."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]" or pattern[i - 1] == "["
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]" or pattern[i + 1:i + 3] == "^]":
                out.append(pattern[i:i + 2])
                i += 2
                continue
        out.append(ch + ("(?=)" if ch == "|" and not in_class else ""))
        i += 1
    return "".join(out)


def _stand_in(syntax: str) -> str:
    if syntax.startswith(("\\p", "\\P")):
        return r"\w" if syntax[1] == "p" else r"\W"
    if syntax == "\\X":
        return "."
    if syntax.startswith("(?V"):
        return ""
    return r"\b"


def _walk(items: list, flags: int, problems: list[str]) -> None:
    for index, (op, av) in enumerate(items):
        if op in _REPEATS and op is not None:
            _low, high, body = av
            body = list(body)
            if high == C.MAXREPEAT or high > UNBOUNDED:
                _check_repeat(body, flags, problems)
            _walk(body, flags, problems)
        elif op is C.SUBPATTERN:
            _walk(list(av[-1]), flags, problems)
        elif op is C.BRANCH:
            for alt in av[1]:
                _walk(list(alt), flags, problems)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _walk(list(av[1]), flags, problems)
        elif op is getattr(C, "ATOMIC_GROUP", None):
            continue  # an atomic group never backtracks into itself


def _check_repeat(body: list, flags: int, problems: list[str]) -> None:
    # when the body ends, the loop starts again: a mandatory start guards like a follower
    wrap = [] if _can_be_empty(body) else [item for item in body[:1]]
    inner = _unguarded_inner_repeat(body, flags, wrap)
    if inner:
        problems.append(f"nested quantifiers: a repeated group holds a repeat of {inner} that "
                        "nothing different follows, so a long line that almost matches can take "
                        "exponential time; make the inner part possessive (++), atomic (?>...), "
                        "or follow it with a required character it cannot match")
    for alts in _branches(body):
        alts = [list(alt) for alt in alts]
        for i in range(len(alts)):
            for j in range(i + 1, len(alts)):
                if _overlap(alts[i], alts[j], flags):
                    words = [_literal(alt, flags) for alt in (alts[i], alts[j])]
                    which = (f" ({words[0]!r} and {words[1]!r})" if None not in words
                             else "")
                    problems.append("overlapping alternation under a quantifier: two "
                                    f"alternatives of a repeated group{which} can match at the "
                                    "same place, so a long line can take exponential time; make "
                                    "the alternatives exclusive or the group atomic (?>...)")
                    return


def _branches(body: list) -> list[list]:
    """Alternations at the start of a repeated group's body (looking through plain groups)."""
    for op, av in body:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.BRANCH:
            return [av[1]]
        if op is C.SUBPATTERN:
            return _branches(list(av[-1]))
        return []
    return []


def _overlap(one: list, other: list, flags: int) -> bool:
    """Can both alternatives match at the same place? Literal words overlap only when one is a
    prefix of the other ("de"/"del"); anything else when their first characters can agree."""
    word, other_word = _literal(one, flags), _literal(other, flags)
    if word is not None and other_word is not None:
        short, long_ = sorted((word, other_word), key=len)
        return long_.startswith(short)
    starts = [_literal_start(alt, flags) for alt in (one, other)]
    if all(starts):  # "Created with Sketch\.?" and "Chevron" part at the second letter
        short, long_ = sorted(starts, key=len)
        if not long_.startswith(short):
            return False
    return bool(_first(one, flags) & _first(other, flags))


def _literal_start(items: list, flags: int) -> str:
    """The literal characters an alternative must begin with ("" when it has none)."""
    chars = []
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT) and not list(av[1]):
            continue
        if op is not C.LITERAL:
            break
        chars.append(chr(av))
    word = "".join(chars)
    return word.casefold() if flags & re.IGNORECASE else word


def _literal(items: list, flags: int) -> str | None:
    chars = []
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT) and not list(av[1]):
            continue
        if op is not C.LITERAL:
            return None
        chars.append(chr(av))
    word = "".join(chars)
    return word.casefold() if flags & re.IGNORECASE else word


def _unguarded_inner_repeat(body: list, flags: int, wrap: list) -> str | None:
    """A description of an unbounded repeat inside `body` that no mandatory, disjoint token
    follows before the body ends and the outer loop starts again (at `wrap`), else None."""
    for index, (op, av) in enumerate(body):
        if op in _REPEATS and op is not None and op is not getattr(C, "POSSESSIVE_REPEAT", None):
            _low, high, inner = av
            if high == C.MAXREPEAT or high > UNBOUNDED:
                chars = _first(list(inner), flags)
                if chars and not _guarded(body[index + 1:] + wrap, chars, flags):
                    return _describe(chars)
        elif op is C.SUBPATTERN:
            found = _unguarded_inner_repeat(list(av[-1]) + body[index + 1:], flags, wrap)
            if found:
                return found
        elif op is C.BRANCH:
            for alt in av[1]:
                found = _unguarded_inner_repeat(list(alt) + body[index + 1:], flags, wrap)
                if found:
                    return found
    return None


def _guarded(rest: list, chars: frozenset, flags: int) -> bool:
    """Does a mandatory token the repeat cannot eat follow (before anything optional ends it)?"""
    for op, av in rest:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        first = _first([(op, av)], flags)
        if _can_be_empty([(op, av)]):
            if first - chars:
                continue
            continue
        return not (first & chars)
    return False


def _describe(chars: frozenset) -> str:
    shown = "".join(sorted(c for c in chars if c.isprintable() and c != " "))[:12]
    if any(c.isspace() for c in chars):
        shown = "\\s" + shown
    return f"[{shown}...]" if len(chars) > 12 else f"[{shown}]"


def _first(items: list, flags: int) -> frozenset:
    """Characters (from the probe alphabet) that can start a match of `items`."""
    out: set[str] = set()
    for op, av in items:
        out |= _token_first(op, av, flags)
        if not _can_be_empty([(op, av)]):
            break
    return frozenset(out)


def _token_first(op, av, flags: int) -> set[str]:
    if op is C.LITERAL:
        return _fold({chr(av)}, flags)
    if op is C.NOT_LITERAL:
        return set(PROBE) - _fold({chr(av)}, flags)
    if op is C.ANY:
        return set(PROBE) - {"\n"}
    if op is C.IN:
        return _in_set(av, flags)
    if op is C.SUBPATTERN:
        return set(_first(list(av[-1]), flags))
    if op is C.BRANCH:
        return set().union(*(_first(list(alt), flags) for alt in av[1]))
    if op in _REPEATS and op is not None:
        return set(_first(list(av[2]), flags))
    if op is getattr(C, "ATOMIC_GROUP", None):
        return set(_first(list(av), flags))
    return set()


def _in_set(items, flags: int) -> set[str]:
    chars: set[str] = set()
    negate = False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            chars |= _fold({chr(av)}, flags)
        elif op is C.RANGE:
            chars |= _fold({c for c in PROBE if av[0] <= ord(c) <= av[1]}, flags)
        elif op is C.CATEGORY:
            chars |= {c for c in PROBE if re.match(_CATEGORIES.get(av, r"\w"), c)}
    return set(PROBE) - chars if negate else chars


def _fold(chars: set[str], flags: int) -> set[str]:
    if flags & re.IGNORECASE:
        return chars | {c.lower() for c in chars} | {c.upper() for c in chars}
    return chars


def _can_be_empty(items: list) -> bool:
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op in _REPEATS and op is not None:
            if av[0] == 0 or _can_be_empty(list(av[2])):
                continue
            return False
        if op is C.SUBPATTERN:
            if _can_be_empty(list(av[-1])):
                continue
            return False
        if op is C.BRANCH:
            if any(_can_be_empty(list(alt)) for alt in av[1]):
                continue
            return False
        if op is C.GROUPREF:
            continue
        return False
    return True

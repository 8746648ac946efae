"""What any line a rule's pattern matches must hold, read off the pattern itself: literal
strings (`required_literals`), the text it opens with (`line_prefixes`), whether it may be
searched over many lines at once (`page_pattern`), and its top-level alternatives
(`split_alternatives`). The rule engine (matching.py) uses these to search fewer lines; each
function here only ever answers "may match" for a line the pattern matches."""
from __future__ import annotations

import unicodedata
from typing import Any, NamedTuple

import regex

from .packs import Rule, wrap_alternatives
from .regex_source import top_level_branches

_SAFE_LOOKAROUNDS = ("(?<!\\w)", "(?!\\w)", "(?<!\\S)", "(?!\\S)", "(?<!\\d)", "(?!\\d)")
_LINE_UNSAFE = regex.compile(r"\(\?<?!|\\[AZzGK]|\(\?>|[*+?}]\+|\(\?\(|\(\?[a-zA-Z]*-|\(\?r|\{e")
_page_patterns: dict[tuple[str, int], regex.Pattern | None] = {}


_prefixes: dict[tuple[str, int], Literals | None] = {}
_SPACE = regex.compile(r"\s")
_MAX_PREFIXES = 512


def line_prefixes(source: str, flags: int) -> Literals | None:
    """Strings one of which opens every line the pattern matches (after white space), when it
    begins with ^ and then, in every alternative, literal text; None otherwise."""
    key = (source, flags)
    if key not in _prefixes:
        _prefixes[key] = _parse_prefixes(*key)
    return _prefixes[key]


def _parse_prefixes(source: str, flags: int) -> Literals | None:
    parsed = _parse(source, flags)
    if parsed is None:
        return None
    items, c = parsed
    exact = _is_exact(source, flags, items)
    items = list(items)
    if not items or items[0] != (c.AT, c.AT_BEGINNING) and items[0] != (c.AT, c.AT_BEGINNING_LINE):
        return None
    rest = items[1:]
    if rest and rest[0][0] in (c.MAX_REPEAT, c.MIN_REPEAT) and rest[0][1][0] == 0 \
            and list(rest[0][1][2]) == [(c.IN, [(c.CATEGORY, c.CATEGORY_SPACE)])]:
        rest = rest[1:]  # ^\s*: lines opening with white space are kept anyway
    found, _ = _leading(rest, c)
    if not found or "" in found:
        return None
    if not exact:
        folded = set()
        for prefix in found:
            parts = _foldable_parts(prefix)
            if not parts or not prefix.startswith(parts[0]):
                return None  # the first character may not fold as the pattern matches it
            folded.add(fold(parts[0]))
        found = folded
    return Literals(tuple(sorted(found)), exact)


def _leading(items: list, c: Any) -> tuple[set[str] | None, bool]:
    """The literal texts a match of `items` can open with, and whether they are all of it
    (so what follows continues them); None when some way of matching opens otherwise."""
    run = {""}
    for k, (op, arg) in enumerate(items):
        if op is c.LITERAL:  # type: ignore[attr-defined]
            run = {r + chr(arg) for r in run}
            continue
        chars = _class_chars(op, arg, c)
        if chars and len(run) * len(chars) <= _MAX_PREFIXES:
            run = {r + ch for r in run for ch in chars}
            continue
        if op in (c.ASSERT, c.ASSERT_NOT):  # type: ignore[attr-defined]
            continue  # takes no text
        if op is c.SUBPATTERN or op is getattr(c, "ATOMIC_GROUP", None):  # type: ignore[attr-defined]
            inner, whole = _leading(list(arg[-1] if op is c.SUBPATTERN else arg), c)
        elif op is c.BRANCH:  # type: ignore[attr-defined]
            inner, whole = set(), True
            for branch in arg[1]:
                found, complete = _leading(list(branch), c)
                if found is None:
                    inner = None
                    break
                inner |= found
                whole = whole and complete
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) \
                and arg[0] >= 1:  # type: ignore[attr-defined]
            inner, _ = _leading(list(arg[2]), c)
            whole = False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[:2] == (0, 1):  # type: ignore[attr-defined]
            # optional: the match opens either with it or with what follows it
            taken, taken_whole = _leading(list(arg[2]) + list(items[k + 1:]), c)
            skipped, skipped_whole = _leading(list(items[k + 1:]), c)
            if taken is None or skipped is None:
                inner, whole = None, False
            else:
                inner, whole = taken | skipped, taken_whole and skipped_whole
            if inner is not None and ("" not in inner or whole) \
                    and len(run) * len(inner) <= _MAX_PREFIXES:
                return {r + i for r in run for i in inner}, whole
            inner = None
        else:
            inner, whole = None, False
        if inner is None or "" in inner and not whole:
            return (run if run != {""} else None), False
        if len(run) * len(inner) > _MAX_PREFIXES:
            return (run if run != {""} else None), False
        run = {r + i for r in run for i in inner}
        if not whole:
            return run, False
    return run, True


def page_pattern(source: str, flags: int) -> regex.Pattern | None:
    """The pattern for many lines at once (MULTILINE), or None when it is not line-safe."""
    key = (source, flags)
    if key not in _page_patterns:
        plain = source
        for safe in _SAFE_LOOKAROUNDS:
            plain = plain.replace(safe, "")
        try:
            _page_patterns[key] = (None if _LINE_UNSAFE.search(plain)
                                   else regex.compile(source, flags | regex.MULTILINE))
        except regex.error:
            _page_patterns[key] = None
    return _page_patterns[key]



# --- Literal text any match must contain.
#
# The literals come from the rule's pattern as Python's own parser reads it (regex-module
# properties such as \p{Lu} read as \w first); a small class of characters ([Bb]y) yields one
# literal per character. For a case-insensitive rule they are case-folded and looked for in the
# case-folded text, so a literal found case-sensitively is found then too. A pattern the parser
# cannot read, or whose literals are too short to tell lines apart, yields none and takes the
# slower road (matching.py).

_PROPERTY = regex.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
_INLINE_IGNORECASE = regex.compile(r"\(\?[\^a-zA-Z0-9]*i")
MIN_LITERAL = 2       # a literal must be at least this telling:
_DIGIT_RANK = 2.5     # a digit is as telling as a literal of this length (it is on many lines),
_SYMBOL_RANK = 3      # and so is one symbol character (©, ×; Unicode category S)
_MAX_VARIANTS = 64    # literals spelled out from character classes, at most
_MAX_ALSO = 64        # strings in a further set a line must hold one of, at most
DIGIT = "\x00digit"  # stands for "a decimal digit" (normalised text holds no NUL characters)
_DIGIT = regex.compile(r"\d")


_TURKISH_I = str.maketrans({"\u0307": None, "\u0131": "i"})


def fold(text: str) -> str:
    """Case-fold `text` so that where a case-insensitive pattern matches a literal, the folded
    literal is in the folded text: `str.casefold`, and the Turkish dotted and dotless i fold to
    i (the regex module matches I, i, İ and ı to one another; casefold does not)."""
    folded = text.casefold()
    if "\u0307" in folded or "\u0131" in folded:
        folded = folded.translate(_TURKISH_I)
    return folded


def _foldable_parts(literal: str) -> list[str]:
    """The non-empty parts of `literal` between characters that are not `_foldable`."""
    parts, start = [], 0
    for i, char in enumerate(literal):
        if not _foldable(char):
            parts.append(literal[start:i])
            start = i + 1
    parts.append(literal[start:])
    return [part for part in parts if part]


def _foldable(char: str) -> bool:
    """False for a letter whose case partners this Python may not know but the regex module
    (with newer Unicode tables) may: an unassigned character, or a cased letter without a
    partner (such a literal could miss text the pattern matches, so it is not used)."""
    if char < "\x80":
        return True
    category = unicodedata.category(char)
    if category == "Cn":
        return False
    if category in ("Lu", "Ll", "Lt"):
        return char.upper() != char.lower() and char not in "ßẞ"
    return True


class Literals(NamedTuple):
    """What any line a rule matches holds: one of `strings`, `count` times at least (overlapping
    occurrences counted), and one string of each set in `also`."""

    strings: tuple[str, ...]
    exact: bool                # case-sensitive: look in the text as it is, not case-folded
    count: int = 1  # type: ignore[assignment]  # (a field, not tuple.count)
    also: tuple[tuple[str, ...], ...] = ()


class _Need(NamedTuple):
    """One thing a match must hold: one of `strings`, `count` times."""

    strings: frozenset[str]
    count: int  # type: ignore[assignment]  # (a field, not tuple.count)
    spanned: bool  # inside the match itself (False: only seen by a lookaround)


_literals: dict[tuple[str, int], Literals | None] = {}


def required_literals(source: str, flags: int) -> Literals | None:
    """Strings one of which every line the pattern matches contains; None when unknown."""
    key = (source, flags)
    if key not in _literals:
        _literals[key] = _parse_literals(*key)
    return _literals[key]


_parsed: dict[tuple[str, int], tuple[Any, Any] | None] = {}


def _parse(source: str, flags: int) -> tuple[Any, Any] | None:
    """The pattern as Python's parser reads it, and the parser's constants; None when it
    cannot read it. Read once per process: `required_literals` and `line_prefixes` both
    read every pattern (the result is only read, never changed)."""
    key = (source, flags)
    if key not in _parsed:
        _parsed[key] = _read_pattern(source, flags)
    return _parsed[key]


def _read_pattern(source: str, flags: int) -> tuple[Any, Any] | None:
    import re
    import warnings

    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse  # type: ignore[no-redef]
    constants = sre_parse._constants if hasattr(sre_parse, "_constants") else sre_parse
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(_PROPERTY.sub(r"\\w", source),
                                     re.VERBOSE if flags & regex.VERBOSE else 0)
    except Exception:  # noqa: BLE001 - syntax only the regex module knows
        return None
    return parsed, constants


def _is_exact(source: str, flags: int, parsed: Any) -> bool:
    """True when the pattern is case-sensitive throughout."""
    import re

    return not (flags & regex.IGNORECASE) and not _INLINE_IGNORECASE.search(source) \
        and not parsed.state.flags & re.IGNORECASE


def _parse_literals(source: str, flags: int) -> Literals | None:
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse  # type: ignore[no-redef]

    read = _parse(source, flags)
    if read is None:
        return None
    parsed = read[0]
    exact = _is_exact(source, flags, parsed)
    needs = _required(list(parsed), sre_parse, exact, True)
    if not needs:
        return None
    best = _best(needs)
    if min(_rank(s) for s in best.strings) < MIN_LITERAL:
        return None
    count = 1 if DIGIT in best.strings else best.count  # digits are found, not counted
    also = {tuple(sorted(n.strings)) for n in needs
            if n.strings != best.strings and len(n.strings) <= _MAX_ALSO}
    return Literals(tuple(sorted(best.strings)), exact, count, tuple(sorted(also)))


def _best(needs: list[_Need]) -> _Need:
    """The most telling need: its least telling string, then its count."""
    return max(needs, key=lambda n: (min(_rank(x) for x in n.strings), n.count))


def _rank(literal: str) -> float:
    """How telling a literal is: its length, with a digit or a symbol counting for more."""
    if literal == DIGIT:
        return _DIGIT_RANK
    if len(literal) == 1 and unicodedata.category(literal).startswith("S"):
        return _SYMBOL_RANK
    return len(literal)


def _required(items: list, sre: Any, exact: bool, spanned: bool) -> list[_Need]:
    """What a match of the sequence `items` must hold (none known: an empty list). Positive
    lookarounds count: what they see lies on the same line (`spanned` False: not inside the
    match, so not counted again for each repetition)."""
    c = sre._constants if hasattr(sre, "_constants") else sre  # type: ignore[attr-defined]
    needs: list[_Need] = []
    run: set[str] = set()  # the spellings of the literal text read so far

    def close_run() -> None:
        if not run:
            return
        if exact:
            needs.append(_Need(frozenset(run), 1, spanned))
        elif len(run) == 1:
            # a letter casefold may not match as the pattern does splits the literal in two
            needs.extend(_Need(frozenset({fold(part)}), 1, spanned)
                         for part in _foldable_parts(next(iter(run))))
        elif all(_foldable_parts(s) == [s] for s in run):
            needs.append(_Need(frozenset(fold(s) for s in run), 1, spanned))
        run.clear()

    def extend_run(chars: list[str]) -> None:
        if len(run) * len(chars) > _MAX_VARIANTS:
            close_run()
        grown = {s + ch for s in run for ch in chars} if run else set(chars)
        run.clear()
        run.update(grown)

    for op, arg in items:
        if op is c.LITERAL:
            extend_run([chr(arg)])
            continue
        chars = _class_chars(op, arg, c)
        if chars:
            extend_run(chars)
            continue
        close_run()
        if op is c.SUBPATTERN:
            needs += _required(list(arg[-1]), sre, exact, spanned)
        elif op is getattr(c, "ATOMIC_GROUP", None):
            needs += _required(list(arg), sre, exact, spanned)
        elif op is c.ASSERT and arg[0] in (1, -1):
            needs += _required(list(arg[1]), sre, exact, False)
        elif op is c.BRANCH:
            branches = [_required(list(b), sre, exact, spanned) for b in arg[1]]
            if all(branches):
                needs.append(_union([_best(b) for b in branches]))
                # and, when every branch needs some word, one of those words (a digit is
                # on too many lines to tell them apart)
                worded = [[n for n in b if DIGIT not in n.strings] for b in branches]
                if all(worded):
                    needs.append(_union([_best(w) for w in worded]))
                needs += _common(branches)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) \
                and arg[0] >= 1:
            # each repetition matches text of its own, holding what the item needs
            times = min(arg[0], 1000)
            needs += [n._replace(count=n.count * times) if n.spanned else n
                      for n in _required(list(arg[2]), sre, exact, spanned)]
        elif _is_digit(op, arg, c):
            needs.append(_Need(frozenset({DIGIT}), 1, spanned))
    close_run()
    return needs


def _common(branches: list[list[_Need]]) -> list[_Need]:
    """What every branch needs alike (the same strings), such as the parentheses around a
    count in each alternative: a match holds it whichever branch matches."""
    shared = set.intersection(*({n.strings for n in branch} for branch in branches))
    found = []
    for strings in sorted(shared, key=sorted):
        alike = [n for branch in branches for n in branch if n.strings == strings]
        found.append(_Need(strings, min(n.count for n in alike), all(n.spanned for n in alike)))
    return found


def _union(needs: list[_Need]) -> _Need:
    """What a match needs when it holds one of `needs`, whichever."""
    return _Need(frozenset().union(*(n.strings for n in needs)), min(n.count for n in needs),
                 all(n.spanned for n in needs))


def _class_chars(op: Any, arg: Any, c: Any) -> list[str] | None:
    """The characters of a small class of plain characters (`[Bb]`), else None."""
    if op is not c.IN or len(arg) > 8:  # type: ignore[attr-defined, arg-type]
        return None
    chars = []
    for kind, value in arg:  # type: ignore[union-attr]
        if kind is not c.LITERAL:  # type: ignore[attr-defined]
            return None
        chars.append(chr(value))
    return chars


def _is_digit(op: Any, arg: Any, c: Any) -> bool:
    """`\\d`, or a class holding only `\\d` or ranges of ASCII digits."""
    if op is c.IN:  # type: ignore[attr-defined]
        items = arg
    else:
        items = [(op, arg)]
    for kind, value in items:  # type: ignore[union-attr]
        if kind is c.CATEGORY and value is c.CATEGORY_DIGIT:  # type: ignore[attr-defined]
            continue
        if kind is c.RANGE and 48 <= value[0] <= value[1] <= 57:  # type: ignore[attr-defined]
            continue
        if kind is c.LITERAL and 48 <= value <= 57:  # type: ignore[attr-defined]
            continue
        return False
    return True



# --- A rule's alternatives, searched one by one.
#
# A rule's pattern joins its phrases and regexes as alternatives (packs.wrap_alternatives), and a
# regex may hold alternatives of its own at its top level ("a|b|c"). A line matches the rule if
# and only if it matches one of them alone (wrapped the same way), unless one alternative can
# see another: a back-reference or a call to a group, a conditional, an inline flag that holds
# for the whole pattern, a comment. Each alternative has literals of its own, far more telling
# than those of the whole rule, and searching the one or two a line holds the literals of costs
# less than searching all of them at every position of the line.

_UNSPLITTABLE = regex.compile(
    r"\\[1-9]|\\g<|\(\?P[=>]|\(\?&|\(\?R\)|\(\?[+-]?\d|\(\?\(|\(\?#|\(\?[a-zA-Z^]*\)"
    r"|\(\?[a-zA-Z^]*x|\(\?\|")




def split_alternatives(rule: Rule) -> list[str] | None:
    """Sources of patterns, one per alternative of the rule's pattern (its phrases and regexes,
    and each regex's top-level alternatives), such that a line matches the rule exactly when it
    matches one of them; None when the pattern cannot be split so, or has one alternative.
    (Each is a pattern that compiles: a balanced part of one that does.)"""
    if not rule.alternatives \
            or wrap_alternatives(rule.alternatives, rule.match) != rule.pattern.pattern:
        return None
    branches: list[str] = []
    for alternative in rule.alternatives:
        parts = top_level_branches(alternative)
        if parts is None or _UNSPLITTABLE.search(alternative):
            return None
        branches += parts
    if len(branches) < 2:
        return None
    return [wrap_alternatives([branch], rule.match) for branch in branches]



"""Running one rule against one line: time-limited, scope-aware."""
from __future__ import annotations

from bisect import bisect_right
from typing import Sequence
from urllib.parse import urlsplit

import regex

from .packs import Rule
from .page import Block, Page


def search(rule: Rule, text: str, page: Page, timeout: float) -> regex.Match | None:
    """First match of `rule` in `text`, or None; a rule that runs too long is skipped with a
    warning, for the rest of the page (so one bad regex costs one time limit per page)."""
    if page.warnings and _timeout_warning(rule, timeout) in page.warnings:
        return None
    try:
        return rule.pattern.search(text, timeout=timeout)
    except TimeoutError:
        page.warnings.append(_timeout_warning(rule, timeout))
        return None


def _timeout_warning(rule: Rule, timeout: float) -> str:
    return (f"rule {rule.id} ({rule.source}:{rule.line}) ran past {timeout}s on one line "
            "and was skipped for this page; simplify its regex (see 'cleaner rules lint')")


def applies_to_page(rule: Rule, page: Page) -> bool:
    """Rules scoped to languages or site domains only run on matching pages."""
    if rule.languages and page.language not in rule.languages:
        return False
    if rule.domains:
        host = urlsplit(page.url or "").hostname or ""
        return any(host == d or host.endswith("." + d) for d in rule.domains)
    return True


def fits_length(rule: Rule, block: Block) -> bool:
    if rule.max_words is not None and block.words > rule.max_words:
        return False
    if rule.min_words is not None and block.words < rule.min_words:
        return False
    return True


def in_position(rule: Rule, block: Block, first_prose: int, last_prose: int) -> bool:
    if rule.where == "head":
        return block.index < first_prose
    if rule.where == "tail":
        return block.index > last_prose
    return True


# --- Finding, with one search per rule over the whole page, the lines a rule may match.
#
# Searching every line with every rule costs one call per (line, rule) pair. Instead each rule
# runs once over the page's lines joined by newlines (MULTILINE, so ^ and $ still mean the line's
# ends); only the lines where a match starts are then searched one by one as before, so the
# verdicts stay exactly those of the line-by-line search. That holds when every match a line
# has on its own is also a match in the joined text; constructs that can see past a line's ends
# differently (negative lookarounds other than the word-boundary ones, absolute anchors, atomic
# groups, possessive quantifiers, \K, conditionals, inline flag changes) make a rule fall back to
# searching every line.

_SAFE_LOOKAROUNDS = ("(?<!\\w)", "(?!\\w)", "(?<!\\S)", "(?!\\S)", "(?<!\\d)", "(?!\\d)")
_LINE_UNSAFE = regex.compile(r"\(\?<?!|\\[AZzGK]|\(\?>|[*+?}]\+|\(\?\(|\(\?[a-zA-Z]*-|\(\?r|\{e")
_page_patterns: dict[tuple[str, int], regex.Pattern | None] = {}


def page_pattern(rule: Rule) -> regex.Pattern | None:
    """The rule's pattern for a whole page (MULTILINE), or None when it is not line-safe."""
    key = (rule.pattern.pattern, rule.pattern.flags)
    if key not in _page_patterns:
        source = rule.pattern.pattern
        for safe in _SAFE_LOOKAROUNDS:
            source = source.replace(safe, "")
        _page_patterns[key] = (None if _LINE_UNSAFE.search(source)
                               else regex.compile(rule.pattern.pattern,
                                                  rule.pattern.flags | regex.MULTILINE))
    return _page_patterns[key]


class LineFilter:
    """Which lines (block indices) each rule may match, from one search per rule over the page.

    Valid while the blocks' texts stay as they were when it was made.
    """

    def __init__(self, page: Page, timeout: float) -> None:
        self.text = "\n".join(block.text for block in page.blocks)
        self.starts: list[int] = []
        offset = 0
        for block in page.blocks:
            self.starts.append(offset)
            offset += len(block.text) + 1
        self.count = len(page.blocks)
        self.timeout = timeout
        self.literal_index: LiteralIndex | None = None

    def lines(self, rule: Rule) -> Sequence[int]:
        """Indices of the lines where `rule` may match (every line when that cannot be told)."""
        literals = required_literals(rule)
        if literals is not None:
            if self.literal_index is None:
                self.literal_index = LiteralIndex.of(self.text)
            return self.literal_index.lines_with(literals)
        pattern = page_pattern(rule)
        if pattern is None:
            return range(self.count)
        found: list[int] = []
        text, starts, pos = self.text, self.starts, 0
        try:
            while True:
                match = pattern.search(text, pos, timeout=self.timeout)
                if match is None:
                    return found
                line = bisect_right(starts, match.start()) - 1
                found.append(line)
                if line + 1 >= self.count:
                    return found
                pos = starts[line + 1]
        except TimeoutError:
            return range(self.count)

    def rules_by_line(self, rules: list[Rule]) -> dict[int, list[Rule]]:
        """For each line, the rules that may match it, in the rules' order."""
        by_line: dict[int, list[Rule]] = {}
        for rule in rules:
            for line in self.lines(rule):
                by_line.setdefault(line, []).append(rule)
        return by_line


# --- A cheaper test first: literal text any match must contain.
#
# Most rules cannot match without one of a few literal strings ("cookies", "newsletter"): when
# none is on the page the rule is skipped outright, and otherwise only the lines holding one are
# searched. The literals come from the rule's parsed pattern; both sides are case-folded, so a
# literal found case-sensitively is found case-insensitively too. A pattern the parser cannot
# read yields no literals and takes the slower road above.

_PROPERTY = regex.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
_literals: dict[str, tuple[str, ...] | None] = {}
MIN_LITERAL = 2
DIGIT = "\x00digit"  # stands for "a decimal digit" (normalised text holds no NUL characters)
_DIGIT_RANK = 4       # a digit is as telling as a literal of this length
_NEWLINE = regex.compile(r"\n")
_DIGIT_LINE = regex.compile(r"^[^\n\d]*\d", regex.MULTILINE)


def required_literals(rule: Rule) -> tuple[str, ...] | None:
    """Case-folded strings one of which every match of `rule` contains; None when unknown."""
    source = rule.pattern.pattern
    if source not in _literals:
        _literals[source] = _parse_literals(source)
    return _literals[source]


def _parse_literals(source: str) -> tuple[str, ...] | None:
    import warnings

    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse  # type: ignore[no-redef]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(_PROPERTY.sub(r"\\w", source))
    except Exception:  # syntax only the regex module knows: no literals
        return None
    found = _required(list(parsed), sre_parse)
    if not found or min(len(s) for s in found) < MIN_LITERAL:
        return None
    return tuple(sorted(found))


def _required(items: list, sre: object) -> set[str] | None:
    """Literals one of which a match of the sequence `items` must contain (None: unknown)."""
    c = sre._constants if hasattr(sre, "_constants") else sre  # type: ignore[attr-defined]
    options: list[set[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            options.append({"".join(run).casefold()})
            run.clear()

    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        if op is c.SUBPATTERN:
            found = _required(list(arg[-1]), sre)
        elif op is c.BRANCH:
            branches = [_required(list(b), sre) for b in arg[1]]
            found = None if any(b is None for b in branches) else set().union(*branches)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            found = _required(list(arg[2]), sre)
        elif _is_digit(op, arg, c):
            found = {DIGIT}
        else:
            found = None
        if found:
            options.append(found)
    close_run()
    if not options:
        return None
    return max(options, key=lambda s: min(_DIGIT_RANK if x == DIGIT else len(x) for x in s))


def _is_digit(op: object, arg: object, c: object) -> bool:
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


class LiteralIndex:
    """The page's lines case-folded, to find the lines that hold given literals."""

    _last: tuple[str, "LiteralIndex"] | None = None

    def __init__(self, text: str) -> None:
        self.folded = text.casefold()
        self._newlines: list[int] | None = None
        self._digit_lines: list[int] | None = None

    @classmethod
    def of(cls, text: str) -> "LiteralIndex":
        """The index for `text`, reused when the same text comes twice in a row (the phases
        before and after `strip` usually see the same lines)."""
        last = cls._last
        if last is not None and last[0] == text:
            return last[1]
        index = cls(text)
        cls._last = (text, index)
        return index

    def lines_with(self, literals: tuple[str, ...]) -> list[int]:
        folded = self.folded
        found: set[int] = set()
        for literal in literals:
            if literal == DIGIT:
                if self._digit_lines is None:
                    self._digit_lines = [self._line_of(m.start())
                                         for m in _DIGIT_LINE.finditer(folded)]
                found.update(self._digit_lines)
                continue
            pos = folded.find(literal)
            while pos != -1:
                line = self._line_of(pos)
                found.add(line)
                end = folded.find("\n", pos)
                if end == -1:
                    break
                pos = folded.find(literal, end + 1)
        return sorted(found)

    def _line_of(self, pos: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in _NEWLINE.finditer(self.folded)]
        return bisect_right(self._newlines, pos)

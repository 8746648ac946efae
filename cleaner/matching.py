"""Running one rule against one line: time-limited, scope-aware."""
from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import accumulate
from typing import Any, ClassVar, NamedTuple
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


# --- Finding the lines a rule may match, without searching every line with every rule.
#
# Searching every line with every rule costs one call per (line, rule) pair. A cheaper test
# comes first; it keeps every line the rule could match on its own, and the lines it keeps are
# then searched one by one as before, so the verdicts stay exactly those of the line-by-line
# search.
#
# - Literals. Most rules cannot match without one of a few literal strings ("cookies",
#   "newsletter", a digit); they come from the rule's parsed pattern (below). One pass of an
#   Aho-Corasick automaton over the page, holding every rule's literals, tells which lines hold
#   which literal; a rule is searched only on the lines holding one of its own. Case-insensitive
#   rules look in the case-folded text for case-folded literals, case-sensitive ones in the text
#   as it is.
# - One search over many lines. A rule without usable literals runs once over the lines joined
#   by newlines (MULTILINE, so ^ and $ still mean the line's ends); only the lines where a match
#   starts are kept. That holds when every match a line has on its own is also a match in the
#   joined text; constructs that can see past a line's ends differently (negative lookarounds
#   other than the word-boundary ones, absolute anchors, atomic groups, possessive quantifiers,
#   \K, conditionals, inline flag changes) make such a rule search every line, as does a joined
#   search that runs past the time limit. The phases after `strip` check a rule's `max_words`
#   before searching a line, so there the joined text holds only lines short enough for it:
#   lines are grouped by word count (`WORD_BUCKETS`) and a rule takes the smallest group that
#   holds every line it may match.

WORD_BUCKETS = (8, 16, 32, 64, 128)  # speed only: any buckets give the same verdicts

_SAFE_LOOKAROUNDS = ("(?<!\\w)", "(?!\\w)", "(?<!\\S)", "(?!\\S)", "(?<!\\d)", "(?!\\d)")
_LINE_UNSAFE = regex.compile(r"\(\?<?!|\\[AZzGK]|\(\?>|[*+?}]\+|\(\?\(|\(\?[a-zA-Z]*-|\(\?r|\{e")
_page_patterns: dict[tuple[str, int], regex.Pattern | None] = {}


_prefixes: dict[tuple[str, int], Literals | None] = {}
_SPACE = regex.compile(r"\s")
_MAX_PREFIXES = 512


def line_prefixes(rule: Rule) -> Literals | None:
    """Strings one of which opens every line the rule matches (after white space), when its
    pattern begins with ^ and then, in every alternative, literal text; None otherwise."""
    key = (rule.pattern.pattern, rule.pattern.flags)
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


def _leading(items: list, c: object) -> tuple[set[str] | None, bool]:
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


def page_pattern(rule: Rule) -> regex.Pattern | None:
    """The rule's pattern for many lines at once (MULTILINE), or None when it is not line-safe."""
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
    """Which lines (block indices) each rule may match, from a few searches over the page.

    `rules`: the rules it will be asked about (or more), whose literals are all looked for in
    one pass. Valid while the blocks' texts stay as they were when it was made (`is_current`).
    """

    def __init__(self, page: Page, timeout: float, rules: list[Rule]) -> None:
        self.blocks = page.blocks
        self.texts = [block.text for block in page.blocks]
        self.timeout = timeout
        self.scan = LiteralScan.of(rules)
        self._page: _Lines | None = None
        self._folded: list[str] | None = None
        self._groups: dict[int, list[int]] | None = None
        self._views: dict[int, _Lines] = {}
        self._spaced: set[int] | None = None  # lines opening with white space
        self._digits: set[int] | None = None  # lines holding a decimal digit

    def is_current(self, page: Page) -> bool:
        """True while no block's text has changed since the filter was made."""
        return page.blocks is self.blocks and all(
            block.text is text for block, text in zip(page.blocks, self.texts))

    def lines(self, rule: Rule, *, by_length: bool = True) -> Sequence[int]:
        """Indices of the lines where `rule` may match, in order. `by_length`: the caller checks
        `fits_length` before searching, so lines too long for the rule may be left out."""
        literals = required_literals(rule)
        if literals is not None:
            group = self.scan.groups.get(literals)
            if group is None:  # a rule the scan was not made for
                return self._whole_page().lines_with(literals)
            if self._groups is None:
                self._groups = self.scan.lines(self.texts, self.folded())
            found = self._groups.get(group, ())
            if literals.also and found and by_length \
                    and (rule.max_words is not None or rule.min_words is not None):
                blocks = self.blocks  # the caller checks the length first anyway
                found = [i for i in found if fits_length(rule, blocks[i])]
            if literals.also and found:
                texts = self.texts if literals.exact else self.folded()
                if self._digits is None:
                    self._digits = digit_lines(self.texts)
                digits = self._digits
                found = [i for i in found if _holds_all(texts[i], i in digits, literals.also)]
            return self._opening(rule, found)
        view = self._view(rule.max_words if by_length else None)
        prefixes = line_prefixes(rule)
        if prefixes is not None:
            return self._opening(rule, view.indices)
        pattern = page_pattern(rule)
        if pattern is None:
            return view.indices
        return view.lines_matching(pattern, self.timeout)

    def _opening(self, rule: Rule, lines: Sequence[int]) -> Sequence[int]:
        """Of `lines`, those that open with one of the rule's `line_prefixes` (all of them when
        it has none), and those that open with white space (which ^\\s* may pass over)."""
        prefixes = line_prefixes(rule)
        if prefixes is None or not lines:
            return lines
        texts = self.texts if prefixes.exact else self.folded()
        if self._spaced is None:
            match = _SPACE.match
            self._spaced = {i for i, text in enumerate(self.texts) if match(text)}
        spaced, strings = self._spaced, prefixes.strings
        return [i for i in lines if texts[i].startswith(strings) or i in spaced]

    def rules_by_line(self, rules: list[Rule], *, by_length: bool = True) -> dict[int, list[Rule]]:
        """For each line that some rule may match, those rules in the rules' order; the lines
        come in page order."""
        by_line: dict[int, list[Rule]] = {}
        for rule in rules:
            for line in self.lines(rule, by_length=by_length):
                by_line.setdefault(line, []).append(rule)
        return dict(sorted(by_line.items()))

    def folded(self) -> list[str]:
        """The lines case-folded (see `fold`)."""
        if self._folded is None:
            # one call for the whole page: folding goes letter by letter and keeps newlines
            folded = fold("\n".join(self.texts)).split("\n")
            if len(folded) != len(self.texts):  # a line holding a newline: one by one
                folded = [fold(text) for text in self.texts]
            self._folded = folded
        return self._folded

    def _whole_page(self) -> _Lines:
        if self._page is None:
            self._page = _Lines(list(range(len(self.texts))), self.texts)
        return self._page

    def _view(self, max_words: int | None) -> _Lines:
        bucket = None
        if max_words is not None:
            bucket = next((b for b in WORD_BUCKETS if max_words <= b), None)
        if bucket is None:
            return self._whole_page()
        view = self._views.get(bucket)
        if view is None:
            indices = [block.index for block in self.blocks if block.words <= bucket]
            view = self._views[bucket] = _Lines(indices, [self.texts[i] for i in indices])
        return view


def _holds_all(text: str, has_digit: bool, sets: tuple[tuple[str, ...], ...]) -> bool:
    """True when `text` holds one string of each set (`has_digit`: whether the line holds a
    decimal digit, for DIGIT)."""
    for strings in sets:
        for string in strings:
            if string in text if string != DIGIT else has_digit:
                break
        else:
            return False
    return True


class _Lines:
    """Some of the page's lines (`indices`), joined by newlines as they are (`text(True)`) or
    case-folded (`text(False)`), each made on first use."""

    def __init__(self, indices: list[int], texts: list[str]) -> None:
        self.indices = indices
        self.lines = texts
        self._texts: dict[bool, str] = {}
        # where each line's successor starts: the line of offset p is bisect_right(ends, p)
        self._ends: dict[bool, list[int]] = {}
        self._found: dict[tuple[str, bool], list[int]] = {}

    def text(self, exact: bool) -> str:
        if exact not in self._texts:
            lines = self.lines if exact else [fold(line) for line in self.lines]
            self._texts[exact] = "\n".join(lines)
            self._ends[exact] = list(accumulate(len(t) + 1 for t in lines))
        return self._texts[exact]

    def ends(self, exact: bool) -> list[int]:
        self.text(exact)
        return self._ends[exact]

    def digit_lines(self) -> list[int]:
        """Positions (within these lines) of the lines holding a decimal digit."""
        found: list[int] = []
        text, ends = self.text(True), self.ends(True)
        last = len(ends) - 1
        search = _DIGIT.search
        match = search(text)
        while match is not None:
            line = bisect_right(ends, match.start())
            found.append(line)
            if line == last:
                break
            match = search(text, ends[line])
        return found

    def lines_with(self, literals: Literals) -> list[int]:
        """Indices of the lines holding one of `literals`, in order, found with `str.find`
        (for rules a LiteralScan was not made for)."""
        found: set[int] = set()
        for literal in literals.strings:
            found.update(self._lines_of(literal, literals.exact))
        return [self.indices[i] for i in sorted(found)]

    def _lines_of(self, literal: str, exact: bool) -> list[int]:
        if literal == DIGIT:
            exact = True  # case folding makes no digits and takes none away
        key = (literal, exact)
        if key not in self._found:
            if literal == DIGIT:
                self._found[key] = self.digit_lines()
            else:
                found: list[int] = []
                text, ends = self.text(exact), self.ends(exact)
                last = len(ends) - 1
                pos = text.find(literal)
                while pos != -1:
                    line = bisect_right(ends, pos)
                    found.append(line)
                    if line == last:
                        break
                    pos = text.find(literal, ends[line])
                self._found[key] = found
        return self._found[key]

    def lines_matching(self, pattern: regex.Pattern, timeout: float) -> Sequence[int]:
        """Indices of the lines where a MULTILINE search of the joined lines finds a match;
        every line when the search runs past the time limit."""
        found: list[int] = []
        text, ends, pos = self.text(True), self.ends(True), 0
        last = len(ends) - 1
        try:
            while True:
                match = pattern.search(text, pos, timeout=timeout)
                if match is None:
                    return found
                line = bisect_right(ends, match.start())
                found.append(self.indices[line])
                if line >= last:
                    return found
                pos = ends[line]
        except TimeoutError:
            return self.indices


class LiteralScan:
    """The literals of many rules in one automaton per case mode, to find them all in one pass
    over a page. Rules with the same literals share a group."""

    _cache: ClassVar[dict[int, tuple[list[Rule], LiteralScan]]] = {}

    def __init__(self, rules: list[Rule]) -> None:
        self.groups: dict[Literals, int] = {}
        for rule in rules:
            literals = required_literals(rule)
            if literals is not None:
                self.groups.setdefault(literals, len(self.groups))
        self.digit_groups = [g for lits, g in self.groups.items() if DIGIT in lits.strings]
        self.counts = [lits.count for lits in self.groups]  # by group number
        self.counted = {exact: any(lits.count > 1 for lits in self.groups if lits.exact == exact)
                        for exact in (False, True)}
        self.automata: dict[bool, Any] = {}
        self.members: dict[bool, list[list[int]]] = {}  # literal number -> its groups
        for exact in (False, True):
            members: dict[str, list[int]] = {}
            for lits, group in self.groups.items():
                if lits.exact == exact:
                    for literal in lits.strings:
                        if literal != DIGIT:
                            members.setdefault(literal, []).append(group)
            if members:
                self.automata[exact] = _automaton(list(members))
                self.members[exact] = list(members.values())

    @classmethod
    def of(cls, rules: list[Rule]) -> LiteralScan:
        """The scan for this list of rules, made once per list (a RuleSet keeps its list)."""
        cached = cls._cache.get(id(rules))
        if cached is None or cached[0] is not rules:
            if len(cls._cache) > 64:
                cls._cache.clear()
            cached = cls._cache[id(rules)] = (rules, cls(rules))
        return cached[1]

    def lines(self, texts: list[str], folded: list[str]) -> dict[int, list[int]]:
        """For each group whose literals occur in `texts` (the page's lines; `folded`: the same
        case-folded) often enough, the numbers of the lines holding them, in order. One
        automaton call per case mode and stretch of lines joined by newlines (a stretch holds
        at most `_SCAN_CHARS` characters, so memory stays flat on a huge page); a literal found
        across a newline only adds a line to be searched."""
        found: dict[int, set[int]] = {}
        counts = self.counts
        for exact, find in self.automata.items():
            members, counted = self.members[exact], self.counted[exact]
            for first, stretch in _stretches(texts if exact else folded):
                hits = find("\n".join(stretch))
                if not hits:
                    continue
                ends = _line_ends(stretch)
                if counted:
                    tally: dict[tuple[int, int], int] = {}
                    for literal, start, _ in hits:
                        line = first + bisect_right(ends, start)
                        for group in members[literal]:
                            key = (group, line)
                            tally[key] = tally.get(key, 0) + 1
                    for (group, line), times in tally.items():
                        if times >= counts[group]:
                            found.setdefault(group, set()).add(line)
                    continue
                for literal, line in {(hit[0], first + bisect_right(ends, hit[1]))
                                      for hit in hits}:
                    for group in members[literal]:
                        found.setdefault(group, set()).add(line)
        if self.digit_groups:
            digits = digit_lines(texts)
            if digits:
                for group in self.digit_groups:
                    found.setdefault(group, set()).update(digits)
        return {group: sorted(lines) for group, lines in found.items()}


_SCAN_CHARS = 1 << 20
_DIGIT_TO_LINE_END = regex.compile(r"\d[^\n]*")


def _line_ends(lines: list[str]) -> list[int]:
    """Where each line's successor starts in the lines joined by newlines."""
    return list(accumulate(map((1).__add__, map(len, lines))))


def digit_lines(texts: list[str]) -> set[int]:
    """The numbers of the lines holding a decimal digit (as `\\d` of the regex module)."""
    found: set[int] = set()
    for first, stretch in _stretches(texts):
        ends = _line_ends(stretch)
        found.update(first + bisect_right(ends, match.start())
                     for match in _DIGIT_TO_LINE_END.finditer("\n".join(stretch)))
    return found


def _stretches(texts: list[str]) -> Iterable[tuple[int, list[str]]]:
    """`texts` in consecutive stretches of about `_SCAN_CHARS` characters at most (a longer
    line is a stretch of its own), each with the number of its first line."""
    if sum(map(len, texts)) + len(texts) <= _SCAN_CHARS:  # most pages: one stretch
        yield 0, texts
        return
    first, size = 0, 0
    for i, text in enumerate(texts):
        if size and size + len(text) > _SCAN_CHARS:
            yield first, texts[first:i]
            first, size = i, 0
        size += len(text) + 1
    if first < len(texts):
        yield first, texts[first:]


def _automaton(literals: list[str]) -> Callable[[str], Iterable[tuple[int, int, int]]]:
    """A function giving (literal number, start, end) for every occurrence of every literal in
    a text, overlapping ones included: Aho-Corasick when `ahocorasick_rs` is installed, else
    `find_each`."""
    try:
        import ahocorasick_rs
    except ImportError:
        return partial(find_each, literals)
    automaton = ahocorasick_rs.AhoCorasick(literals, matchkind=ahocorasick_rs.MatchKind.Standard)
    return partial(automaton.find_matches_as_indexes, overlapping=True)


def find_each(literals: list[str], text: str) -> list[tuple[int, int, int]]:
    """(literal number, start, end) of every occurrence of every literal, one `str.find` at a
    time."""
    found = []
    for number, literal in enumerate(literals):
        pos = text.find(literal)
        while pos != -1:
            found.append((number, pos, pos + len(literal)))
            pos = text.find(literal, pos + 1)
    return found


# --- Literal text any match must contain.
#
# The literals come from the rule's pattern as Python's own parser reads it (regex-module
# properties such as \p{Lu} read as \w first); a small class of characters ([Bb]y) yields one
# literal per character. For a case-insensitive rule they are case-folded and looked for in the
# case-folded text, so a literal found case-sensitively is found then too. A pattern the parser
# cannot read, or whose literals are too short to tell lines apart, yields none and takes the
# slower road above.

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
    count: int = 1
    also: tuple[tuple[str, ...], ...] = ()


class _Need(NamedTuple):
    """One thing a match must hold: one of `strings`, `count` times."""

    strings: frozenset[str]
    count: int
    spanned: bool  # inside the match itself (False: only seen by a lookaround)


_literals: dict[tuple[str, int], Literals | None] = {}


def required_literals(rule: Rule) -> Literals | None:
    """Strings one of which every line `rule` matches contains; None when unknown."""
    key = (rule.pattern.pattern, rule.pattern.flags)
    if key not in _literals:
        _literals[key] = _parse_literals(*key)
    return _literals[key]


def _parse(source: str, flags: int) -> tuple[Any, Any] | None:
    """The pattern as Python's parser reads it, and the parser's constants; None when it
    cannot read it."""
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


def _rank(literal: str) -> int:
    """How telling a literal is: its length, with a digit or a symbol counting for more."""
    if literal == DIGIT:
        return _DIGIT_RANK
    if len(literal) == 1 and unicodedata.category(literal).startswith("S"):
        return _SYMBOL_RANK
    return len(literal)


def _required(items: list, sre: object, exact: bool, spanned: bool) -> list[_Need]:
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


def _class_chars(op: object, arg: object, c: object) -> list[str] | None:
    """The characters of a small class of plain characters (`[Bb]`), else None."""
    if op is not c.IN or len(arg) > 8:  # type: ignore[attr-defined, arg-type]
        return None
    chars = []
    for kind, value in arg:  # type: ignore[union-attr]
        if kind is not c.LITERAL:  # type: ignore[attr-defined]
            return None
        chars.append(chr(value))
    return chars


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

"""Running rules against lines: time-limited, scope-aware, and only where they may match."""
from __future__ import annotations

import contextlib
import math
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import partial
from itertools import accumulate
from operator import itemgetter
from typing import Any, ClassVar, NamedTuple
from urllib.parse import urlsplit

import regex

from .literals import (
    DIGIT,
    Literals,
    fold,
    line_prefixes,
    page_pattern,
    required_literals,
    split_alternatives,
)
from .packs import Rule
from .page import Block, Page, bullet_length


def search(rule: Rule, text: str, page: Page, timeout: float,
           pattern: regex.Pattern | None = None) -> regex.Match | None:
    """First match of `rule` (or of `pattern`, one of its alternatives) in `text` as rules read
    it (`rule_text`: a list item without its bullet; the match's offsets are in that), or None
    (always for a list item when the rule leaves list items alone, `Rule.list_items`); a rule
    that runs too long is skipped with a warning, for the rest of the page (so one bad
    regex costs one time limit per page)."""
    if page.warnings and _timeout_warning(rule, timeout) in page.warnings:
        return None
    bullet = bullet_length(text)
    if bullet and not rule.list_items:
        return None
    try:
        # positional arguments, and the GIL kept (no other thread waits for it): the regex
        # module's quickest call; (text, pos, endpos, concurrent, partial, timeout)
        return (pattern or rule.pattern).search(text[bullet:] if bullet else text, 0, _END, False,
                                                False, timeout)
    except TimeoutError:
        page.warnings.append(_timeout_warning(rule, timeout))
        return None


_END = sys.maxsize  # `endpos` for the end of the text


def rule_text(text: str) -> str:
    """The line as rules read it: a list item without its bullet (see `page.bullet_length`)."""
    return text[bullet_length(text):]


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
# - Alternatives. A rule's pattern is cut into its alternatives (literals.split_alternatives),
#   each a `Unit` with the tests below of its own; a line is kept for the rule when it is kept
#   for one of them. A rule whose verdict is yes or no (drop, cut) is then searched with just
#   those alternatives; one whose match is used (strip, move) with its whole pattern.
# - Literals. Most alternatives cannot match without one of a few literal strings ("cookies",
#   "newsletter", a digit); they come from the parsed pattern (literals.py). One pass of an
#   Aho-Corasick automaton over the page, holding every literal of every rule, tells which lines
#   hold which literal; an alternative is kept only on the lines holding one of its own (as
#   often as it needs, and one of each further set it needs, and opening with the text it opens
#   with). Case-insensitive patterns look in the case-folded text for case-folded literals,
#   case-sensitive ones in the text as it is.
# - One search over many lines. An alternative without usable literals runs once over the lines
#   joined by newlines (MULTILINE, so ^ and $ still mean the line's ends); only the lines where
#   a match starts are kept. That holds when every match a line has on its own is also a match
#   in the joined text; constructs that can see past a line's ends differently (negative
#   lookarounds other than the word-boundary ones, absolute anchors, atomic groups, possessive
#   quantifiers, \K, conditionals, inline flag changes) make such an alternative kept on every
#   line, as does a joined search that runs past the time limit.
# - Length. The phases after `strip` check a rule's `max_words` and `min_words` before
#   searching a line, so there lines of another length are left out; the joined text above
#   holds only lines short enough: lines are grouped by word count (`WORD_BUCKETS`) and a rule
#   takes the smallest group that holds every line it may match.

WORD_BUCKETS = (8, 16, 32, 64, 128)  # speed only: any buckets give the same verdicts
_MAX_UNIT_SEARCHES = 4  # more alternatives possible on a line: one search of the whole pattern
_SPACE = regex.compile(r"\s")


class Unit(NamedTuple):
    """One alternative of a rule's pattern (or the whole pattern), with what a line it matches
    must hold."""

    source: str
    flags: int
    literals: Literals | None
    prefixes: Literals | None
    needs: tuple[tuple[str, ...], ...]  # one string of each (the literals' strings and `also`)

    @property
    def pattern(self) -> regex.Pattern:
        return compiled(self.source, self.flags)


_units: dict[tuple[str, int], tuple[Unit, ...]] = {}
_compiled: dict[tuple[str, int], regex.Pattern] = {}


def compiled(source: str, flags: int) -> regex.Pattern:
    """The pattern compiled, once per process."""
    key = (source, flags)
    pattern = _compiled.get(key)
    if pattern is None:
        pattern = _compiled[key] = regex.compile(source, flags)
    return pattern


def rule_units(rule: Rule) -> tuple[Unit, ...]:
    """The rule's alternatives as units (one unit, its whole pattern, when it cannot be cut)."""
    key = (rule.pattern.pattern, rule.pattern.flags)
    if key not in _units:
        sources = split_alternatives(rule)
        if sources is None:
            _compiled[key] = rule.pattern
        _units[key] = tuple(_unit(source, rule.pattern.flags)
                            for source in sources or [rule.pattern.pattern])
    return _units[key]


def _unit(source: str, flags: int) -> Unit:
    literals = required_literals(source, flags)
    prefixes = line_prefixes(source, flags)
    needs = () if literals is None else (literals.strings, *literals.also)
    if needs and prefixes is not None and prefixes.exact == literals.exact:  # type: ignore[union-attr]
        # what every opening it takes already holds need not be looked for again
        needs = tuple(need for need in needs
                      if not all(any(s in prefix for s in need) for prefix in prefixes.strings))
    return Unit(source, flags, literals, prefixes, needs)


class Plan:
    """Everything about a list of rules that does not depend on the page: their units, and one
    `LineScan` for all the units' literals and openings (units alike share a `Group`).
    Made once per list of rules (a RuleSet keeps its list), actions and `unsized` actions (see
    `Candidates`)."""

    _cache: ClassVar[dict[tuple, tuple[list[Rule], Plan]]] = {}

    def __init__(self, rules: list[Rule], actions: tuple[str, ...],
                 unsized: tuple[str, ...]) -> None:
        self.rules = [rule for rule in rules if rule.action in actions]
        self.position = {id(rule): i for i, rule in enumerate(self.rules)}
        self.units = [rule_units(rule) for rule in self.rules]
        # the rules searched alternative by alternative (compiled now, once): those whose
        # pattern may match anywhere in a line; one anchored at the line's start fails fast
        # everywhere else, so its whole pattern costs about as little as an alternative
        self.searched_by_unit = [rule.match == "contains" and len(units) > 1
                                 for rule, units in zip(self.rules, self.units)]
        self._compile_units()
        # the word counts each rule takes: None for any
        self.sizes = [None if rule.action in unsized
                      or rule.max_words is None and rule.min_words is None
                      else (rule.min_words or 0,
                            rule.max_words if rule.max_words is not None else math.inf)
                      for rule in self.rules]
        # units opening with known text are found by their openings, the others with
        # literals by their literals, both in one scan (`LineScan`); the rest one by one
        groups: dict[Group, list[tuple[int, Unit]]] = {}
        self.literal_free: list[tuple[int, Unit]] = []
        for position, units in enumerate(self.units):
            for unit in units:
                group = unit_group(unit)
                if group is None:
                    self.literal_free.append((position, unit))
                else:
                    groups.setdefault(group, []).append((position, unit))
        self.scan = LineScan(list(groups))
        self.members = list(groups.values())  # by group number: (rule position, unit)
        # the same with the word counts the rule takes: (position, unit, fewest, most)
        self.rows = [[(position, unit, *(self.sizes[position] or (0, math.inf)))
                      for position, unit in members] for members in self.members]

    def _compile_units(self) -> None:
        """Compile the alternatives searched one by one now, when the plan is made."""
        for by_unit, units in zip(self.searched_by_unit, self.units):
            if by_unit:
                with contextlib.suppress(regex.error):  # cut wrongly: `matches` falls back
                    for unit in units:
                        compiled(unit.source, unit.flags)

    @classmethod
    def of(cls, rules: list[Rule], actions: tuple[str, ...], unsized: tuple[str, ...]) -> Plan:
        key = (id(rules), actions, unsized)
        cached = cls._cache.get(key)
        if cached is None or cached[0] is not rules:
            if len(cls._cache) > 64:
                cls._cache.clear()
            cached = cls._cache[key] = (rules, cls(rules, actions, unsized))
        return cached[1]


class Candidates:
    """The (line, rule) pairs of a page worth searching, each with the units of the rule that
    may match that line, found for all the rules at once.

    `rules`: the rules to find lines for, among `every` (the RuleSet's list: the plan is made
    once for it) of the given `actions`. For rules whose action is in `unsized`, lines are kept
    whatever their length (the strip phase does not check `fits_length`). Valid while the
    blocks' texts stay as they were when it was made (`is_current`).
    """

    def __init__(self, page: Page, timeout: float, rules: Iterable[Rule], every: list[Rule],
                 actions: tuple[str, ...], unsized: tuple[str, ...] = ()) -> None:
        self.plan = Plan.of(every, actions, unsized)
        self.blocks = page.blocks
        self.texts = [block.text for block in page.blocks]
        self.timeout = timeout
        self.rule_texts = [rule_text(t) for t in self.texts]
        self.text = PageText(self.rule_texts)
        self._words: list[int] | None = None
        self._views: dict[int | None, _Lines] = {}
        self._digits: set[int] | None = None  # lines holding a decimal digit
        wanted = {self.plan.position[id(rule)] for rule in rules}
        self.units = self._gather(wanted)
        self._by_action: dict[str, dict[int, list[Rule]]] | None = None

    def is_current(self, page: Page) -> bool:
        """True while no block's text has changed since the candidates were found."""
        return page.blocks is self.blocks and all(
            block.text is text for block, text in zip(page.blocks, self.texts))

    def lines_for(self, action: str) -> dict[int, list[Rule]]:
        """For each line that some rule of `action` may match, those rules in the rules'
        order; the lines come in page order."""
        if self._by_action is None:
            by_action: dict[str, dict[int, list[Rule]]] = {}
            rules = self.plan.rules
            for line, position in sorted(self.units):
                rule = rules[position]
                by_action.setdefault(rule.action, {}).setdefault(line, []).append(rule)
            self._by_action = by_action
        return self._by_action.get(action, {})

    def matches(self, rule: Rule, block: Block, page: Page) -> bool:
        """Whether `rule` matches `block` (as `search` says): its units that may match the
        line are searched (`Plan.searched_by_unit`), or its whole pattern when there are many."""
        position = self.plan.position[id(rule)]
        units = self.units.get((block.index, position))
        if units is None or len(units) > _MAX_UNIT_SEARCHES \
                or not self.plan.searched_by_unit[position]:
            return search(rule, block.text, page, self.timeout) is not None
        try:
            return any(search(rule, block.text, page, self.timeout, unit.pattern) is not None
                       for unit in units)
        except regex.error:  # an alternative cut wrongly: the whole pattern says
            return search(rule, block.text, page, self.timeout) is not None

    def _gather(self, wanted: set[int]) -> dict[tuple[int, int], list[Unit]]:
        """(line, rule position) -> the rule's units that may match the line."""
        found: dict[tuple[int, int], list[Unit]]
        plan, found = self.plan, {}
        groups = plan.scan.lines(self.text) if plan.members else {}
        words, texts, digits = self.words(), self.rule_texts, self.text.digit_lines()
        for g, lines in groups.items():
            needs = plan.scan.groups[g].needs
            if needs and not plan.scan.groups[g].needs_exact:
                texts = self.folded()
            for position, unit, low, high in plan.rows[g]:
                if position not in wanted:
                    continue
                for line in lines:
                    if low <= words[line] <= high and (
                            not needs or _holds_all(texts[line], line in digits, needs)):
                        units = found.get((line, position))
                        if units is None:
                            found[line, position] = [unit]
                        else:
                            units.append(unit)
            texts = self.rule_texts
        for position, unit in plan.literal_free:
            if position in wanted:
                matched = self._of_length(position, self._lines_matching(position, unit))
                for line in matched:
                    found.setdefault((line, position), []).append(unit)
        return found

    def _of_length(self, position: int, lines: Collection[int]) -> Collection[int]:
        """Of `lines`, those of a length the rule takes."""
        size = self.plan.sizes[position]
        if size is None or not lines:
            return lines
        words, (low, high) = self.words(), size
        return [i for i in lines if low <= words[i] <= high]

    def _holding(self, lines: Collection[int], needs: tuple[tuple[str, ...], ...],
                 exact: bool) -> list[int]:
        """Of `lines`, those holding one string of each of `needs` (in the case-folded text
        unless `exact`)."""
        texts = self.rule_texts if exact else self.folded()
        if self._digits is None:
            self._digits = self.text.digit_lines()
        digits = self._digits
        return [i for i in lines if _holds_all(texts[i], i in digits, needs)]

    def _lines_matching(self, position: int, unit: Unit) -> Sequence[int]:
        """The lines a unit without literals or prefixes may match: those where it matches in
        a search of many lines at once (only lines short enough for the rule), else all."""
        size = self.plan.sizes[position]
        view = self._view(None if size is None or size[1] is math.inf else size[1])  # type: ignore[arg-type]
        pattern = page_pattern(unit.source, unit.flags)
        if pattern is None:
            return view.indices
        return view.lines_matching(pattern, self.timeout)

    def folded(self) -> list[str]:
        """The lines case-folded (see `fold`)."""
        return self.text.folded()

    def words(self) -> list[int]:
        """Each line's word count."""
        if self._words is None:
            self._words = [block.words for block in self.blocks]
        return self._words

    def _view(self, max_words: int | None) -> _Lines:
        bucket = None
        if max_words is not None:
            bucket = next((b for b in WORD_BUCKETS if max_words <= b), None)
        view = self._views.get(bucket)
        if view is None:
            if bucket is None:
                indices = list(range(len(self.rule_texts)))
            else:
                words = self.words()
                indices = [i for i, count in enumerate(words) if count <= bucket]
            view = self._views[bucket] = _Lines(indices, [self.rule_texts[i] for i in indices])
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
    """Some of the page's lines (`indices`), joined by newlines."""

    def __init__(self, indices: list[int], texts: list[str]) -> None:
        self.indices = indices
        self.text = "\n".join(texts)
        # where each line's successor starts: the line of offset p is bisect_right(ends, p)
        self.ends = _line_ends(texts)

    def lines_matching(self, pattern: regex.Pattern, timeout: float) -> Sequence[int]:
        """Indices of the lines where a MULTILINE search of the joined lines finds a match;
        every line when the search runs past the time limit."""
        found: list[int] = []
        text, ends, pos = self.text, self.ends, 0
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


class Group(NamedTuple):
    """What a line must hold for some units to be searched on it: one of `strings` (`count`
    times at least, overlapping occurrences counted; DIGIT: a decimal digit), at its start (after
    white space, which ^\\s* may pass over) when `opening`, and one string of each set in
    `needs` (in the text as it is when `needs_exact`, else case-folded)."""

    strings: tuple[str, ...]
    exact: bool  # `strings` in the text as it is (else in the case-folded text)
    count: int  # type: ignore[assignment]  # (a field, not tuple.count)
    opening: bool
    needs: tuple[tuple[str, ...], ...]
    needs_exact: bool


_DRIVER_MIN = 4  # an ASCII string this long is found on fewer lines than a digit


def unit_group(unit: Unit) -> Group | None:
    """The group of lines a unit is searched on, None when it has neither openings nor
    literals (`Candidates._lines_matching` finds its lines). A unit needing a decimal digit and
    one of some words is looked up by the words (a digit is on many lines), when each is telling:
    of non-ASCII letters (an ideogram, a word of another script) or `_DRIVER_MIN` letters long."""
    if unit.prefixes is not None:
        exact = unit.literals.exact if unit.literals is not None else unit.prefixes.exact
        return Group(unit.prefixes.strings, unit.prefixes.exact, 1, True, unit.needs, exact)
    literals = unit.literals
    if literals is None:
        return None
    strings, needs = literals.strings, literals.also
    if strings == (DIGIT,):  # counted once (digits are found, not counted)
        telling = [need for need in needs if all(not s.isascii() or len(s) >= _DRIVER_MIN
                                                  for s in need)]
        if telling:
            strings = max(telling, key=lambda need: (min(map(len, need)), need))
            needs = (*(need for need in needs if need != strings), (DIGIT,))
    return Group(strings, literals.exact, literals.count, False, needs, literals.exact)


class LineScan:
    """Finds the lines of a page each group holds (`Group`), for all the groups at once: one
    Aho-Corasick automaton per case mode, holding the groups' strings and, for the openings,
    each after a newline, runs over the page's lines joined by newlines (after one
    more, so the first line opens after one too); one regex pass finds the lines holding a
    digit, one those opening with white space."""

    def __init__(self, groups: list[Group]) -> None:
        self.groups = groups
        self.digit_groups = [g for g, group in enumerate(groups) if DIGIT in group.strings]
        self.opening_groups = [g for g, group in enumerate(groups) if group.opening]
        self.automata: dict[bool, Any] = {}
        self.targets: dict[bool, list[tuple[int, ...]]] = {}  # pattern number -> its groups
        self.counted: dict[bool, frozenset[int]] = {}  # patterns of groups counting
        for exact in (False, True):
            targets: dict[str, list[int]] = {}
            for g, group in enumerate(groups):
                if group.exact == exact:
                    for string in group.strings:
                        if string != DIGIT:
                            key = "\n" + string if group.opening else string
                            targets.setdefault(key, []).append(g)
            if targets:
                self.automata[exact] = _automaton(list(targets))
                self.targets[exact] = [tuple(groups) for groups in targets.values()]
                self.counted[exact] = frozenset(
                    number for number, gs in enumerate(targets.values())
                    if any(groups[g].count > 1 for g in gs))

    def lines(self, page: PageText) -> dict[int, set[int]]:
        """For each group some of the page's lines hold, those lines' numbers. A string found
        across a newline only adds a line."""
        found: dict[int, set[int]] = {}
        for exact, find in self.automata.items():
            targets, counted = self.targets[exact], self.counted[exact]
            joined = page.joined(exact)
            if joined is None:  # a line holding a newline: line by line
                joined = [(i, "\n" + text, [len(text) + 2])
                          for i, text in enumerate(page.texts if exact else page.folded())]
            for first, text, ends in joined:
                hits = find(text)
                if not hits:
                    continue
                line_of = partial(bisect_left, ends)  # of a hit's end
                pairs = list(zip(map(itemgetter(0), hits), map(line_of, map(itemgetter(2), hits))))
                by_pattern: dict[int, set[int]] = {}
                for number, line in pairs:
                    by_pattern.setdefault(number, set()).add(first + line)
                for number, hit in by_pattern.items():
                    for g in targets[number]:
                        known = found.get(g)
                        if known is None:
                            found[g] = set(hit)
                        else:
                            known |= hit
                if not counted.isdisjoint(by_pattern):
                    self._drop_uncounted(found, targets, pairs, counted, first)
        if self.digit_groups:
            digits = page.digit_lines()
            if digits:
                for g in self.digit_groups:
                    found.setdefault(g, set()).update(digits)
        if self.opening_groups:
            spaced = page.spaced_lines()
            if spaced:
                for g in self.opening_groups:
                    found.setdefault(g, set()).update(spaced)
        return found

    def _drop_uncounted(self, found: dict[int, set[int]], targets: list[tuple[int, ...]],
                        pairs: list[tuple[int, int]], counted: frozenset[int],
                        first: int) -> None:
        """Take out the lines where a group that needs its strings more than once has them
        fewer times; `pairs`: (pattern number, line) of every occurrence."""
        tally: Counter = Counter()
        for number, line in pairs:
            if number in counted:
                for g in targets[number]:
                    tally[g, line] += 1
        groups = self.groups
        for (g, line), times in tally.items():
            if times < groups[g].count:
                found[g].discard(first + line)


_SCAN_CHARS = 1 << 20
_DIGIT_TO_LINE_END = regex.compile(r"\d[^\n]*")
_SPACE_OPENING = regex.compile(r"\n[^\S\n]")
_DIGIT = regex.compile(r"\d")


def _line_ends(lines: list[str], start: int = 0) -> list[int]:
    """Where each line's successor starts in the lines joined by newlines (the first line
    starting at `start`)."""
    ends = list(accumulate(map((1).__add__, map(len, lines)), initial=start))
    del ends[0]
    return ends


class PageText:
    """A page's lines as the scans read them: as they are and case-folded, each joined by
    newlines after one more (every line opens after a newline) in stretches of at most
    `_SCAN_CHARS` characters (a longer line is a stretch of its own), so memory stays flat on
    a huge page: (the number of its first line, the text, where each line's successor starts
    in it). When a line holds a newline, nothing is joined."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._folded: list[str] | None = None
        self._joined: dict[bool, list[tuple[int, str, list[int]]]] = {}
        self._joinable: bool | None = None
        self._digits: set[int] | None = None

    def folded(self) -> list[str]:
        """The lines case-folded (see `fold`)."""
        if self._folded is None:
            joined = self.joined(True)
            if joined is not None:
                # one call per stretch: folding goes letter by letter and keeps newlines
                folded_joined, folded = [], []
                for first, text, _ in joined:
                    text = fold(text)
                    lines = text[1:].split("\n")
                    folded_joined.append((first, text, _line_ends(lines, 1)))
                    folded += lines
                self._joined[False] = folded_joined
            if joined is None or len(folded) != len(self.texts):
                folded = [fold(text) for text in self.texts]
                if joined is not None:
                    self._joined[False] = self._join(folded)
            self._folded = folded
        return self._folded

    def joined(self, exact: bool) -> list[tuple[int, str, list[int]]] | None:
        """The lines (as they are when `exact`, else case-folded) joined; None when a line
        holds a newline."""
        if self._joinable is None:
            joined = self._joined[True] = self._join(self.texts)
            self._joinable = all(text.count("\n") == len(ends) for _, text, ends in joined)
        if not self._joinable:
            return None
        if exact not in self._joined:
            self.folded()
        return self._joined[exact]

    @staticmethod
    def _join(lines: list[str]) -> list[tuple[int, str, list[int]]]:
        return [(first, "\n" + "\n".join(stretch), _line_ends(stretch, 1))
                for first, stretch in _stretches(lines)]

    def digit_lines(self) -> set[int]:
        """The numbers of the lines holding a decimal digit (as `\\d` of the regex module)."""
        if self._digits is None:
            self._digits = self._lines_with(_DIGIT_TO_LINE_END, _DIGIT.search)
        return self._digits

    def spaced_lines(self) -> set[int]:
        """The numbers of the lines opening with white space (as `\\s` of the regex module)."""
        return self._lines_with(_SPACE_OPENING, _SPACE.match)

    def _lines_with(self, pattern: regex.Pattern,
                    alone: Callable[[str], regex.Match | None]) -> set[int]:
        """The numbers of the lines where a match of `pattern` in the joined lines ends (a
        match takes no newline at its end); when a line holds a newline, those where `alone`
        finds a match."""
        joined = self.joined(True)
        if joined is None:
            return {i for i, text in enumerate(self.texts) if alone(text) is not None}
        found: set[int] = set()
        for first, text, ends in joined:
            line_of = partial(bisect_left, ends)
            found.update(first + line_of(match.end()) for match in pattern.finditer(text))
        return found


def digit_lines(texts: list[str]) -> set[int]:
    """The numbers of the lines holding a decimal digit (as `\\d` of the regex module)."""
    return PageText(texts).digit_lines()


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
    # the contiguous NFA: a few times smaller than the DFA, so more of it is still in the CPU's
    # caches when the next page comes (measured quicker in the pipeline, slower alone)
    automaton = ahocorasick_rs.AhoCorasick(
        literals, matchkind=ahocorasick_rs.MatchKind.Standard,
        implementation=ahocorasick_rs.Implementation.ContiguousNFA)
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

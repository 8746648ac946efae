"""The rule engine's shortcuts (cleaner/matching.py) change nothing: a line a rule matches is
never filtered out, so cleaning with them gives exactly what searching every line gives."""
from __future__ import annotations

import json
import random

import pytest
import regex
from conftest import FIXTURES, seed_names
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, literals, matching
from cleaner.apply_rules import ACTIONS
from cleaner.literals import DIGIT, required_literals
from cleaner.matching import Candidates, find_each
from cleaner.packs import Rule

CLEANER = Cleaner()


def fixture_pages() -> list[str]:
    pages = [(FIXTURES / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
             for name in seed_names()]
    for line in (FIXTURES / "idempotency" / "pages.jsonl").read_text().splitlines():
        pages.append(json.loads(line)["text"])
    pages += [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "region").glob("*.txt"))]
    return pages


def example_lines() -> list[str]:
    lines = []
    for rule in CLEANER.rules.rules:
        lines += [example.text for example in rule.junk_examples + rule.body_examples]
    return [line for line in lines if line.strip()]


PAGES = fixture_pages()
LINES = example_lines() + [line for page in PAGES for line in page.splitlines() if line.strip()]


def every_pair(self: Candidates, wanted: set[int]) -> dict:
    """Every line for every rule, searched with the rule's whole pattern."""
    whole = {p: [matching.Unit(self.plan.rules[p].pattern.pattern, self.plan.rules[p].pattern.flags,
                               None, None, ())] for p in wanted}
    return {(line, p): whole[p] for line in range(len(self.texts)) for p in wanted}


def clean_both(text: str, url: str | None = None) -> tuple[dict, dict]:
    fast = CLEANER.clean(text, url=url).to_dict()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Candidates, "_gather", every_pair)  # the reference: search every line
        slow = CLEANER.clean(text, url=url).to_dict()
    return fast, slow


@pytest.mark.parametrize("index", range(len(PAGES)))
def test_fixture_page_cleans_as_with_every_line_searched(index: int) -> None:
    fast, slow = clean_both(PAGES[index])
    assert fast == slow


def _recase(line: str, how: int) -> str:
    return (line, line.upper(), line.lower(), line.title())[how]


@settings(max_examples=60, deadline=None)
@given(picked=st.lists(st.tuples(st.sampled_from(LINES), st.integers(0, 3), st.booleans()),
                       min_size=1, max_size=40))
def test_pages_of_rule_examples_clean_as_with_every_line_searched(picked: list) -> None:
    # rule examples (junk and body) and fixture lines, in any order and case, some paragraphs
    text = "".join(_recase(line, how) + ("\n\n" if gap else "\n") for line, how, gap in picked)
    fast, slow = clean_both(text)
    assert fast == slow


def _kept_units(rule: Rule, text: str) -> list[tuple[str, list[matching.Unit]]]:
    """Each line of `text` (normalised) with the units of `rule` kept there (any length)."""
    from cleaner.normalize import normalize_text
    from cleaner.page import Page, split_blocks

    text, _ = normalize_text(text)
    page = Page(None, None, text, [], split_blocks(text))
    found = Candidates(page, 1.0, [rule], CLEANER.rules.rules, ACTIONS, unsized=ACTIONS)
    position = found.plan.position[id(rule)]
    return [(block.text, found.units.get((block.index, position), [])) for block in page.blocks]


def test_every_junk_example_line_is_kept_for_each_alternative_of_its_rule_it_matches() -> None:
    checked = 0
    for rule in CLEANER.rules.rules:
        if rule.action not in ACTIONS:
            continue
        for junk in rule.junk_examples:
            for line, kept in _kept_units(rule, junk.text):
                for unit in matching.rule_units(rule):
                    if unit.pattern.search(line):
                        assert unit in kept, (rule.id, line, unit.pattern.pattern)
                        checked += 1
    assert checked > 300


# --- literals read off a pattern: every line the pattern matches holds one

PATTERNS = [
    (r"(?:(?>Icon|Arrow|Up)[ ]?){3,}", 0),         # atomic group, case-sensitive, repeated
    (r"(?:(?=\w*ow)(?:Arrow|Up) ?){2,}", 0),       # a lookahead inside a repeat counts once
    (r"^(?:[Bb]y|BY)[:\s]+\w+(?:\s+\w+)*+$", 0),   # character class, possessive repeat
    (r"^(?=.*\b(?:photo|seen|\([LRC]\))\b).{5,}\.$", regex.IGNORECASE),  # lookahead
    (r"(?:©|\(c\)|copyright)\s*\d{4}", regex.IGNORECASE),  # a symbol is a literal
    (r"(?i:Share) this", 0),                        # inline flag: not case-sensitive
    (r"(?i)follow us", 0),
    (r"read(?:ing)? time: \d+ min", regex.IGNORECASE),
    (r"[Ss]ponsored|ADVERTISEMENT", 0),
    (r"^\s*(?:By \w+ \(\d+\)|photo \d{4} ?\(\d+\))\s*$", regex.IGNORECASE),  # alike needs
]
ALPHABET = "abcdeghilnoprstuwyABCEILOPRSUY ()©:.0123456789İıßẞ"


@pytest.mark.parametrize("source,flags", PATTERNS)
def test_patterns_with_these_constructs_yield_literals(source: str, flags: int) -> None:
    assert literals._parse_literals(source, flags | regex.V0) is not None


@pytest.mark.parametrize("source,flags", PATTERNS)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_matching_line_holds_a_literal(source: str, flags: int, data) -> None:
    pattern = regex.compile(source, flags | regex.V0)
    needs = literals._parse_literals(source, flags | regex.V0)
    words = ["Icon", "Arrow", "Up", "By", "by", "BY", "photo", "PHOTO", "seen", "(L)", "(c)",
             "©", "copyright", "Share", "SHARE", "this", "follow", "US", "reading", "time",
             "min", "Sponsored", "advertisement", "ADVERTISEMENT", "2019", " ", ".", ":"]
    parts = data.draw(st.lists(st.one_of(st.sampled_from(words), st.text(ALPHABET, max_size=4)),
                               max_size=12))
    line = "".join(parts)
    if pattern.search(line):
        text = line if needs.exact else literals.fold(line)

        def holds(s: str) -> bool:
            return bool(regex.search(r"\d", line)) if s == DIGIT else s in text

        assert any(holds(s) for s in needs.strings), (source, line, needs)
        occurrences = sum(len(regex.findall(regex.escape(s), text, overlapped=True))
                          for s in needs.strings if s != DIGIT)
        assert DIGIT in needs.strings or occurrences >= needs.count, (line, needs)
        for strings in needs.also:
            assert any(holds(s) for s in strings), (source, line, strings)


def test_a_repeat_needs_its_literals_as_often_and_a_sequence_needs_each_part() -> None:
    icons = literals._parse_literals(r"(?:(?>Icon|Arrow|Up)[ ]?){3,}", regex.V0)
    assert icons.count == 3
    caption = literals._parse_literals(r"^(?=.*\bphoto\b).{5,}\((?:AP|Reuters)\)$",
                                       regex.V0 | regex.IGNORECASE)
    assert caption.strings == ("photo",)  # the most telling need; the others too:
    assert {("ap", "reuters"), ("(",), (")",)} <= set(caption.also)


def test_what_every_alternative_needs_alike_is_needed() -> None:
    archive = literals._parse_literals(r"^\s*(?:► ?\w+ \(\d+\)|(?:may|june) \d{4} \(\d+\))\s*$",
                                       regex.V0 | regex.IGNORECASE)
    assert {(" (",), (")",), (DIGIT,)} <= set(archive.also)  # " (": the literal run " (\d"
    either = literals._parse_literals(r"(?:cookies \d|privacy)", regex.V0)
    assert either.also == ()  # nothing both alternatives need


def test_case_sensitive_literals_only_for_case_sensitive_patterns() -> None:
    assert literals._parse_literals(r"Follow us", regex.V0).exact
    assert not literals._parse_literals(r"Follow us", regex.V0 | regex.IGNORECASE).exact
    assert not literals._parse_literals(r"(?i)Follow us", regex.V0).exact
    assert not literals._parse_literals(r"x(?i:Follow) us", regex.V0).exact


def test_too_short_literals_are_none() -> None:
    assert literals._parse_literals(r"^(?:x|share)$", regex.V0 | regex.IGNORECASE) is None
    assert literals._parse_literals(r"^\w+$", regex.V0) is None


def test_aho_corasick_finds_what_str_find_finds() -> None:
    strings = sorted({s for rule in CLEANER.rules.rules for unit in matching.rule_units(rule)
                      for s in (required_literals(unit.source, unit.flags)
                              or literals.Literals((), True)).strings
                      if s != DIGIT})
    automaton = matching._automaton(strings)
    rng = random.Random(7)
    for page in PAGES:
        folded = page.casefold()
        window = rng.randrange(max(1, len(folded)))
        for text in (folded, folded[window:window + 500]):
            assert sorted(automaton(text)) == sorted(find_each(strings, text))


def test_case_folding_finds_every_letter_the_regex_module_matches_case_insensitively() -> None:
    # where a case-insensitive pattern matches letter `a` against text letter `b`, the folded
    # literal must be in the folded text (Turkish İ and ı; letters newer than Python's tables)
    ranges = [(0x20, 0x2000), (0x2C00, 0x2D30), (0xA640, 0xA800), (0xAB30, 0xABC0),
              (0x10400, 0x10500), (0x10D40, 0x10D90), (0x16E40, 0x16EE0), (0x1DF00, 0x1E000)]
    chars = "".join(chr(i) for start, end in ranges for i in range(start, end))
    checked = 0
    for char in chars:
        if not literals._foldable(char):
            continue
        pattern = regex.compile(regex.escape(char), regex.V0 | regex.IGNORECASE)
        for match in pattern.finditer(chars):
            assert literals.fold(char) == literals.fold(match.group()), (char, match.group())
            checked += 1
    assert checked > len(chars)


# --- the text a line opens with: every line the pattern matches opens with one of them

OPENING = [
    (r"^\s*(?:(?:(?<!\w)Menu(?!\w))|(?:Main\s+menu)|(?:X))\s*$", regex.IGNORECASE),
    (r"^\s*(?:(?:zurück )?nach oben|top|(?:terug )?naar boven)\s*$", regex.IGNORECASE),
    (r"^(?:[Bb]y|BY|Von)[:\s]+\w+", 0),
    (r"^\s*(?:share|tweet)(?:\s*[|/]\s*(?:share|tweet))*\s*$", regex.IGNORECASE),
    (r"^(?:İçeriğe geç|skip to content)$", regex.IGNORECASE),
]
OPENING_WORDS = ["Menu", "MAIN", "menu", "main", " ", "\t", "X", "x", "zurück", "ZURÜCK", "nach",
                 "oben", "top", "terug", "naar", "boven", "By", "by", "BY", "Von", ":", "share",
                 "Tweet", "|", "/", "İçeriğe", "içeriğe", "geç", "skip", "to", "content", "ı", "I"]


@pytest.mark.parametrize("source,flags", OPENING)
def test_patterns_opening_with_literal_text_yield_prefixes(source: str, flags: int) -> None:
    assert literals._parse_prefixes(source, flags | regex.V0) is not None


@pytest.mark.parametrize("source,flags", OPENING)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_matching_line_opens_with_a_prefix(source: str, flags: int, data) -> None:
    pattern = regex.compile(source, flags | regex.V0)
    prefixes = literals._parse_prefixes(source, flags | regex.V0)
    parts = data.draw(st.lists(st.one_of(st.sampled_from(OPENING_WORDS),
                                         st.text(ALPHABET, max_size=3)), max_size=8))
    line = "".join(parts)
    if pattern.search(line):
        text = line if prefixes.exact else literals.fold(line)
        assert text.startswith(prefixes.strings) or regex.match(r"\s", line), (line, prefixes)


# --- a rule's alternatives, searched one by one: a line matches the rule exactly when it
# matches one of them

SPLIT_RULES = [rule for rule in CLEANER.rules.rules if len(matching.rule_units(rule)) > 1]


def test_most_bundled_rules_are_cut_into_their_alternatives_and_each_compiles() -> None:
    assert len(SPLIT_RULES) > len(CLEANER.rules.rules) // 2
    for rule in SPLIT_RULES:
        for unit in matching.rule_units(rule):
            assert unit.pattern.flags == rule.pattern.flags


@settings(max_examples=200, deadline=None)
@given(picked=st.lists(st.tuples(st.sampled_from(LINES), st.integers(0, 3)), min_size=1,
                       max_size=3), rule=st.sampled_from(SPLIT_RULES))
def test_a_line_matches_a_rule_when_it_matches_one_of_its_alternatives(picked, rule) -> None:
    line = " ".join(_recase(text, how) for text, how in picked)
    either = any(unit.pattern.search(line) for unit in matching.rule_units(rule))
    assert bool(rule.pattern.search(line)) == either, (rule.id, line)


def test_every_example_matches_its_rule_as_one_of_its_alternatives() -> None:
    for rule in SPLIT_RULES:
        for example in rule.junk_examples + rule.body_examples:
            either = any(unit.pattern.search(example.text) for unit in matching.rule_units(rule))
            assert bool(rule.pattern.search(example.text)) == either, (rule.id, example.text)


def _rule(*regexes: str, match: str = "contains") -> Rule:
    from cleaner.packs import wrap_alternatives

    return Rule(id="t/t", description="", action="drop", pack="t", source="t.yaml", line=1,
                pattern=regex.compile(wrap_alternatives(regexes, match), regex.V0 | regex.I),
                alternatives=regexes, match=match)


def test_top_level_alternatives_are_cut_outside_groups_and_classes() -> None:
    assert literals.top_level_branches(r"a|(b|c)|[|(]|\||[]|]x|[[:alpha:]|]") == \
        ["a", "(b|c)", "[|(]", r"\|", "[]|]x", "[[:alpha:]|]"]
    assert literals.top_level_branches(r"a|(b") is None
    sources = literals.split_alternatives(_rule("cookie policy|accept all", "we use cookies",
                                                match="whole"))
    assert sources == [r"^\s*(?:(?:cookie policy))\s*$", r"^\s*(?:(?:accept all))\s*$",
                       r"^\s*(?:(?:we use cookies))\s*$"]


@pytest.mark.parametrize("source", [
    r"(a)x|\1y",              # a back-reference to another alternative's group
    r"(?P<n>a)x|(?P=n)y",
    r"(?i)abc|def",           # a flag for the whole pattern
    r"(?x) a b | c",          # verbose: white space and comments
    r"(a)?(?(1)b|c)|d",       # a conditional
])
def test_alternatives_that_can_see_one_another_are_not_cut(source: str) -> None:
    assert literals.split_alternatives(_rule(source, "other")) is None


def test_a_rule_with_one_alternative_is_one_unit() -> None:
    assert literals.split_alternatives(_rule("we use cookies")) is None


def _holds(group: matching.Group, line: str, text: str) -> bool:
    """Whether `line` (`text` case-folded unless the group is exact) holds what the group's
    strings ask for, searched the plain way."""
    if group.opening:
        return line.startswith(group.strings) or regex.match(r"\s", text) is not None
    if DIGIT in group.strings and regex.search(r"\d", text):
        return True
    return sum(len(regex.findall(regex.escape(s), line, overlapped=True))
               for s in group.strings if s != DIGIT) >= group.count


SCAN_PAGES = [*PAGES[:6], " Menu\n\u3000By the editors\n12 comments\nTop\n\n \n2 Kommentare",
              "Main menu\nphoto 3 of 12\nskip to content",
              "NEWS\nNews from the desk\nUp Up Up\nup up up\nİÇERİĞE GEÇ\n3 分钟 阅读\n12 views"]


@pytest.mark.parametrize("stretch", [1 << 20, 300])
def test_line_scan_finds_the_lines_each_group_holds(stretch: int) -> None:
    plan = matching.Plan.of(CLEANER.rules.rules, ACTIONS, ())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matching, "_SCAN_CHARS", stretch)  # 300: a page in many stretches
        for page in SCAN_PAGES:
            texts = page.splitlines()
            found = plan.scan.lines(matching.PageText(texts))
            folded = [literals.fold(text) for text in texts]
            for g, group in enumerate(plan.scan.groups):
                lines = texts if group.exact else folded
                expected = {i for i, line in enumerate(lines) if _holds(group, line, texts[i])}
                assert found.get(g, set()) == expected, group.strings[:3]


def test_line_scan_of_lines_holding_a_newline_finds_them_line_by_line() -> None:
    plan = matching.Plan.of(CLEANER.rules.rules, ACTIONS, ())
    texts = ["Main menu\nphoto 3 of 12", "\nTop", "12 comments", " skip to content"]
    found = plan.scan.lines(matching.PageText(texts))
    folded = [literals.fold(text) for text in texts]
    for g, group in enumerate(plan.scan.groups):
        lines = texts if group.exact else folded
        expected = {i for i, line in enumerate(lines) if _holds(group, line, texts[i])}
        assert found.get(g, set()) >= expected, group.strings[:3]


def test_page_text_folds_and_joins_each_line_as_alone() -> None:
    texts = ["İstanbul’da ÇOK", "Straße", "", " x", "ǅ 12"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matching, "_SCAN_CHARS", 8)
        text = matching.PageText(texts)
        assert text.folded() == [literals.fold(t) for t in texts]
        for exact, lines in ((True, texts), (False, text.folded())):
            joined = text.joined(exact)
            assert [line for _, part, _ in joined for line in part[1:].split("\n")] == lines
            for first, part, ends in joined:
                for k, start in enumerate([1, *ends[:-1]]):
                    assert part[start:].split("\n")[0] == lines[first + k]
        assert text.digit_lines() == {4}
        assert text.spaced_lines() == {3}


def test_a_unit_needing_a_digit_and_a_telling_word_is_looked_up_by_the_word() -> None:
    flags = regex.V0 | regex.IGNORECASE
    by_word = matching.unit_group(matching._unit(r"^\d{4}\s*年$", flags))
    assert by_word.strings == ("年",) and (DIGIT,) in by_word.needs
    by_digit = matching.unit_group(matching._unit(r"^\d+ (?:of|/) \d+$", flags))
    assert DIGIT in by_digit.strings  # "of" and "/" are on more lines than a digit


def test_rules_read_a_list_item_without_the_bullet_a_converter_set_before_it() -> None:
    from cleaner.apply_rules import apply_packs
    from cleaner.page import Page, split_blocks

    text = ("* Share on Facebook\n"
            "* Icon FacebookIcon TwitterIcon MailIcon PrintCouncil approves the tram line\n"
            "* Icon FacebookIcon TwitterIcon MailIcon Print\n")
    page = apply_packs(Page(None, None, text, [], split_blocks(text)), CLEANER.rules)
    shared, stripped, emptied = page.blocks
    # a drop rule written for "Share on Facebook" takes the list item, bullet and all
    assert shared.removed_by == "share/share-buttons" and shared.text == "* Share on Facebook"
    # a strip rule strips inside the item and keeps its bullet
    assert stripped.alive and stripped.text == "* Council approves the tram line"
    assert stripped.stripped == [("sprites/icon-names", "Icon FacebookIcon TwitterIcon MailIcon Print")]
    # when nothing but the bullet is left, the bullet goes with the stripped span: every
    # character stays accounted for
    assert emptied.removed_by == "sprites/icon-names" and emptied.text == ""
    assert emptied.stripped == [("sprites/icon-names", "* Icon FacebookIcon TwitterIcon MailIcon Print")]


@settings(max_examples=40, deadline=None)
@given(picked=st.lists(st.tuples(st.sampled_from(LINES), st.sampled_from(["* ", "+ ", "• ", ""]),
                                 st.booleans()), min_size=1, max_size=40))
def test_pages_of_rule_examples_as_list_items_clean_as_with_every_line_searched(picked: list) -> None:
    text = "".join(bullet + line + ("\n\n" if gap else "\n") for line, bullet, gap in picked)
    fast, slow = clean_both(text)
    assert fast == slow


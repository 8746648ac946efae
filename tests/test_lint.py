"""`cleaner rules lint` and the time limit on user regexes: a catastrophic pattern is named
before it runs, and when it runs anyway it cannot hang a batch."""
from __future__ import annotations

import time

import pytest

from cleaner.lint import lint_pattern
from conftest import run_cli

SLOW_PACK = """\
name: slow
description: a pack with a regex that backtracks catastrophically
version: 1
rules:
  - id: slow/aaa
    description: Drop lines made of a's
    action: drop
    regex: ['(a+)+$']
    examples:
      junk: ["aaaa"]
      body: ["The council met on Tuesday."]
"""
ARTICLE = ("The council met on Tuesday and agreed the budget for next year after a long debate.\n\n"
           "Residents will pay more for water, the mayor said, but roads and schools get more money.\n")


@pytest.mark.parametrize("pattern", [
    r"(a+)+$", r"(\w+\s?)*:", r"(?:.*,)*x", r"(x+x+)+y", r"^(\p{L}+ ?)+$", r"(.*?)*!",
])
def test_nested_quantifiers_are_flagged(pattern):
    assert any("nested quantifiers" in p for p in lint_pattern(pattern))


@pytest.mark.parametrize("pattern", [r"^(a|a)*$", r"(a|ab)*c", r"(?i)(?:Linkedin|LinkedIn)+!"])
def test_overlapping_alternation_under_a_quantifier_is_flagged(pattern):
    assert any("overlapping alternation" in p for p in lint_pattern(pattern))


@pytest.mark.parametrize("pattern", [
    r"(\w+\s)+", r"(?:[^,]+,)*x", r"(?:Pin|Path|Plus)+", r"(a++)+", r"(?>a+)+", r"\d+ min read",
    r"(?i)read (?:more|on)", r"[|(]+", r"^(?:By|From) \p{Lu}\w+$",
])
def test_safe_patterns_pass(pattern):
    assert lint_pattern(pattern) == []


def test_lint_command_names_file_line_and_rule_and_exits_1(tmp_path):
    (tmp_path / "slow.yaml").write_text(SLOW_PACK, encoding="utf-8")
    result = run_cli("rules", "lint", "slow.yaml", cwd=tmp_path)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1, result.stderr
    assert "slow.yaml:5: rule 'slow/aaa': nested quantifiers" in out
    assert "1 rules linted: 1 risky pattern(s)" in out


def test_lint_command_passes_a_safe_pack(tmp_path):
    (tmp_path / "ok.yaml").write_text(SLOW_PACK.replace("(a+)+$", "^a+$"), encoding="utf-8")
    result = run_cli("rules", "lint", "ok.yaml", cwd=tmp_path)
    assert result.returncode == 0 and b"0 risky" in result.stdout


UNFILTERED_PACK = """\
name: mine
description: rules the line filter cannot narrow down, and one it can
version: 1
rules:
  - id: mine/symbols
    description: lines of symbols, or of two words not opening with The
    action: drop
    phrases: [newsletter]
    regex: ['^\\W+$', '(?!The)\\w+ \\w+$']
    examples:
      junk: ["*** ***", "newsletter", "ab cd"]
      body: ["The council met on Tuesday."]
  - id: mine/credit-joined
    description: photo credits, two regexes sharing a named group, one with a back-reference
    action: drop
    regex:
      - '^Photo: (?P<credit>\\w+) (?P=credit)$'
      - '^Credit: (?P<credit>\\w+)$'
    examples:
      junk: ["Photo: Reuters Reuters", "Credit: Reuters"]
      body: ["The council met on Tuesday."]
  - id: mine/credit-flag
    description: photo credits with an inline case flag
    action: drop
    regex: ['(?i)^photo: (?P<credit>\\w+)$', '^Credit: (?P<credit>\\w+)$']
    examples:
      junk: ["Photo: Reuters", "Credit: Reuters"]
      body: ["The council met on Tuesday."]
  - id: mine/credit
    description: photo credits, two regexes sharing a named group, searched one by one
    action: drop
    regex: ['^Photo: (?P<credit>\\w+)$', '^Credit: (?P<credit>\\w+)$']
    examples:
      junk: ["Photo: Reuters", "Credit: Reuters"]
      body: ["The council met on Tuesday."]
"""


def lint_warnings(tmp_path) -> dict[str, list[str]]:
    """`cleaner rules lint` on UNFILTERED_PACK: its warnings by rule id (exit 0: warnings only)."""
    (tmp_path / "mine.yaml").write_text(UNFILTERED_PACK, encoding="utf-8")
    result = run_cli("rules", "lint", "mine.yaml", cwd=tmp_path)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, out + result.stderr.decode("utf-8")
    assert "4 rules linted: 0 risky pattern(s), 4 warning(s)" in out
    found: dict[str, list[str]] = {}
    for line in out.splitlines()[:-1]:
        where, rule, problem = line.split(": ", 2)
        assert where.startswith("mine.yaml:") and problem.startswith("warning: ")
        found.setdefault(rule.split("'")[1], []).append(f"{where}: {problem}")
    return found


def test_alternatives_without_literals_are_warned_with_their_cost(tmp_path):
    warned = lint_warnings(tmp_path)["mine/symbols"]
    assert len(warned) == 2  # the phrase has a literal; each regex alternative is named
    whole_page, every_line = warned
    assert whole_page.startswith("mine.yaml:5: warning: its alternative '^\\W+$' is searched "
                                 "over the whole text of every page")
    assert "'(?!The)\\w+ \\w+$' is searched on every line of every page" in every_line
    assert "give it a word every match contains" in every_line and "max_words" in every_line


def test_shared_named_group_hiding_the_literals_is_warned(tmp_path):
    warned = lint_warnings(tmp_path)
    assert warned["mine/credit-joined"] == [
        "mine.yaml:13: warning: the rule is searched over the whole text of every page: each of "
        "its patterns alone has literal text the line filter would look for first, but joined "
        "they cannot be searched one by one (a back-reference, a group call or a comment in one "
        "of them) and Python's parser rejects their repeated named group(s) 'credit', so no "
        "literal is read from any; put the patterns in rules of their own"]
    assert "mine/credit" not in warned  # the same group names, searched one by one: fine


def test_inline_flag_hiding_the_literals_is_warned(tmp_path):
    (warning,) = lint_warnings(tmp_path)["mine/credit-flag"]
    assert warning.startswith("mine.yaml:22: warning: the rule is searched over the whole text")
    assert "its inline flag (?i) keeps the line filter from reading its literals" in warning


def test_bundled_packs_have_no_risky_pattern_and_no_unfiltered_rule():
    result = run_cli("rules", "lint")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0 and out.endswith(": 0 risky pattern(s), 0 warning(s)\n"), out


def test_catastrophic_rule_is_timed_out_named_and_the_page_comes_out(tmp_path):
    (tmp_path / "slow.yaml").write_text(SLOW_PACK, encoding="utf-8")
    long_lines = "\n\n".join("a" * n + "!" for n in (30000, 25000, 20000, 15000))
    (tmp_path / "page.txt").write_text(ARTICLE + "\n" + long_lines + "\n\n" + ARTICLE,
                                       encoding="utf-8")
    started = time.monotonic()
    result = run_cli("explain", "--rules", "slow.yaml", "page.txt", cwd=tmp_path, timeout=60)
    elapsed = time.monotonic() - started
    err = result.stderr.decode("utf-8")
    assert result.returncode == 0, err
    assert "slow/aaa" in err and "slow.yaml:5" in err and "skipped" in err
    assert err.count("slow/aaa") == 1  # skipped for the rest of the page after one time-out
    assert "The council met on Tuesday" in result.stdout.decode("utf-8")
    assert elapsed < 30


def test_batch_with_a_catastrophic_rule_finishes(tmp_path):
    (tmp_path / "slow.yaml").write_text(SLOW_PACK, encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(4):
        (pages / f"p{i}.txt").write_text(ARTICLE + "\n" + "a" * 30000 + "!\n", encoding="utf-8")
    result = run_cli("check", "--rules", "slow.yaml", "pages", cwd=tmp_path, timeout=90)
    err = result.stderr.decode("utf-8")
    assert result.returncode in (0, 1) and "Traceback" not in err
    assert err.count("slow/aaa") == 4


def test_clean_names_the_timed_out_rule_on_stderr(tmp_path):
    (tmp_path / "slow.yaml").write_text(SLOW_PACK, encoding="utf-8")
    (tmp_path / "page.txt").write_text(ARTICLE + "\n" + "a" * 30000 + "!\n", encoding="utf-8")
    result = run_cli("clean", "-q", "--rules", "slow.yaml", "page.txt", cwd=tmp_path, timeout=60)
    assert result.returncode == 0
    assert "The council met on Tuesday" in result.stdout.decode("utf-8")
    assert "slow/aaa" in result.stderr.decode("utf-8")

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

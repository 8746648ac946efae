"""Every example of every bundled rule: junk it must catch, body text it must leave alone."""
from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.rule_tests import check_rule

_CLEANER = Cleaner()
_RULES = [rule for pack in _CLEANER.rules.packs for rule in pack.rules]


@pytest.mark.parametrize("rule", _RULES, ids=[r.id for r in _RULES])
def test_rule_examples(rule):
    failures = check_rule(rule, _CLEANER.rules)
    assert not failures, "\n".join(str(f) for f in failures)


def test_every_rule_has_junk_and_body_examples():
    assert _RULES
    for rule in _RULES:
        assert rule.junk_examples and rule.body_examples, rule.id


def test_rules_test_command_passes_on_bundled_packs():
    from conftest import run_cli

    result = run_cli("rules", "test")
    assert result.returncode == 0, result.stdout.decode()
    assert " 0 failed" in result.stdout.decode()

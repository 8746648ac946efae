"""Pack validation: each mistake is one line naming file, line and rule; the CLI exits 2."""
from __future__ import annotations

import re

import pytest

from cleaner.errors import PackError
from cleaner.packs import load_pack, load_packs
from conftest import FIXTURES, GOOD_RULE, run_cli



def write_pack(tmp_path, rules: str, name: str = "mine", extra: str = "") -> str:
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"name: {name}\ndescription: test pack\nversion: 1\n{extra}rules:\n{rules}",
                    encoding="utf-8")
    return path


def test_valid_pack_loads(tmp_path):
    pack = load_pack(write_pack(tmp_path, GOOD_RULE))
    assert [r.id for r in pack.rules] == ["mine/hello"]


@pytest.mark.parametrize("mutation, message", [
    (("action: drop", "action: dorp"), "did you mean 'drop'"),
    (("match: whole", "match: whole\n    colour: red"), "unknown key 'colour'"),
    (('phrases: ["hello there"]', 'regex: ["(unclosed"]'), "does not compile"),
    # regexes that compile inside the rule's joined pattern but not on their own
    (('phrases: ["hello there"]', 'regex: ["hello)(?:there"]'), "does not compile"),
    (('phrases: ["hello there"]', 'regex: ["(hello)", "there\\\\1"]'), "does not compile"),
    (('phrases: ["hello there"]', 'regex: ["(?P<who>hello)", "(?P=who) there"]'),
     "does not compile"),
    (("    examples:\n      junk: [\"Hello there\"]\n      body: [\"Hello there, she said to the crowd.\"]\n", ""),
     "missing 'examples'"),
    (("      body: [\"Hello there, she said to the crowd.\"]\n", ""), "need both 'junk'"),
    (("match: whole", "match: whole\n    list_items: sometimes"), "list_items must be true or false"),
])
def test_invalid_rule_names_file_line_and_rule(tmp_path, mutation, message):
    old, new = mutation
    path = write_pack(tmp_path, GOOD_RULE.replace(old, new))
    with pytest.raises(PackError) as err:
        load_pack(path)
    text = str(err.value)
    assert str(path) in text and message in text
    assert re.search(r"mine\.yaml:\d+: rule 'mine/hello':", text)
    assert "\n" not in text


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: broken\ndescription: x\nversion: 1\nrules:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"broken\.yaml:\d+: YAML syntax error"):
        load_pack(path)


def test_wrong_type_is_an_error(tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace("action: drop", "action: drop\n    max_words: many"))
    with pytest.raises(PackError, match="max_words must be a whole number"):
        load_pack(path)


def test_bare_no_as_a_language_key_is_an_error(tmp_path):
    path = write_pack(tmp_path, GOOD_RULE, extra="wordlists:\n  greetings:\n    no: [hei]\n")
    with pytest.raises(PackError, match=r"mine\.yaml:\d+: .*key False is not a language code.*quote it"):
        load_pack(path)
    quoted = write_pack(tmp_path, GOOD_RULE, extra='wordlists:\n  greetings:\n    "no": [hei]\n')
    assert load_pack(quoted).wordlists["greetings"]["no"] == ["hei"]


def test_bundled_stopwords_include_norwegian():
    from cleaner.config import Config
    from cleaner.ruleset import build_ruleset
    assert "og" in build_ruleset(Config()).words("stopwords", "no")


def test_duplicate_ids_across_packs_name_both_places(tmp_path):
    first = write_pack(tmp_path, GOOD_RULE)
    second_dir = tmp_path / "b"
    second_dir.mkdir()
    second = write_pack(second_dir, GOOD_RULE)
    with pytest.raises(PackError, match="already defined at"):
        load_packs([first, second])


def test_rule_id_must_carry_pack_name(tmp_path):
    with pytest.raises(PackError, match="must start with the pack name"):
        load_pack(write_pack(tmp_path, GOOD_RULE.replace("mine/hello", "other/hello")))


def test_cli_reports_bad_pack_in_one_line_and_exits_2(tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace("action: drop", "action: dorp"))
    result = run_cli("clean", "--rules", str(path), str(FIXTURES / "seeds" / "004_2cfae3d35b901136.txt"))
    assert result.returncode == 2
    err = result.stderr.decode().strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert "mine/hello" in err and str(path) in err


def test_user_pack_rules_run_and_can_be_disabled(tmp_path):
    pack = write_pack(tmp_path, GOOD_RULE)
    page = tmp_path / "page.txt"
    page.write_text("Hello there\n\n" + "The council voted on Tuesday to close the old bridge for repairs. " * 3, encoding="utf-8")
    on = run_cli("explain", "--rules", str(pack), str(page))
    assert "[mine/hello]" in on.stdout.decode()
    off = run_cli("explain", "--rules", str(pack), "--disable", "mine/hello", str(page))
    assert "[mine/hello]" not in off.stdout.decode()


def test_user_rules_test_command_reports_failures(tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace('body: ["Hello there, she said to the crowd."]',
                                                  'body: ["Hello there"]'))
    result = run_cli("rules", "test", str(path))
    assert result.returncode == 1
    assert "FAIL" in result.stdout.decode() and "mine/hello" in result.stdout.decode()

"""Load and validate YAML rule packs into compiled rules.

A pack is data only: name, description, version, optional scope, optional settings (named
thresholds) and wordlists (named lists of words or phrases, optionally per language), and rules.
Every error names the file, the line and the rule, and says what to do.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

import regex
import yaml

from .errors import PackError
from .regex_source import top_level_branches
from .yamlsrc import LINE_KEY, load_with_lines

ACTIONS = ("drop", "strip", "cut_after", "cut_before", "move", "tag")
WHERE = ("anywhere", "head", "tail")
MATCH = ("contains", "whole", "start")
SCOPES = ("line", "paragraph")
MOVE_FIELDS = (
    "title", "subtitle", "section", "authors", "published", "dateline", "agency", "site_name",
    "tagline", "caption", "credit",
)
PACK_KEYS = {"name", "description", "version", "scope", "settings", "wordlists", "rules"}
SCOPE_KEYS = {"languages", "domains"}
RULE_KEYS = {
    "id", "description", "action", "phrases", "regex", "match", "where", "scope", "field",
    "max_words", "min_words", "case_sensitive", "examples", "aliases", "list_items",
}
EXAMPLE_KEYS = {"junk", "body"}
JUNK_EXAMPLE_KEYS = {"text", "expect"}


@dataclass(frozen=True)
class Example:
    """A line a rule must catch (junk) or leave alone (body); `expect` pins what remains or moves."""

    text: str
    expect: Any = None


@dataclass
class Rule:
    """One compiled rule. `pattern` matches a single line (block) of text."""

    id: str
    description: str
    action: str
    pattern: regex.Pattern
    pack: str
    source: str
    line: int
    where: str = "anywhere"
    scope: str = "line"
    field: str | None = None
    max_words: int | None = None
    min_words: int | None = None
    junk_examples: tuple[Example, ...] = ()
    body_examples: tuple[Example, ...] = ()
    aliases: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    # how `pattern` was built: its alternatives (phrases, then regexes), each wrapped by
    # `wrap_alternatives` as `match` says; the rule engine may search them one by one
    alternatives: tuple[str, ...] = ()
    match: str = "contains"
    # False: the rule leaves list items alone (a menu's "* Real Estate News" is no masthead);
    # True: it reads them without their bullet (`page.bullet_length`), as any other line
    list_items: bool = True


@dataclass
class Pack:
    name: str
    description: str
    version: str
    source: str
    languages: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    settings: dict[str, Any] = dc_field(default_factory=dict)
    wordlists: dict[str, Any] = dc_field(default_factory=dict)
    rules: list[Rule] = dc_field(default_factory=list)


def bundled_pack_files() -> list[Path]:
    """The packs shipped with cleaner, found from any working directory."""
    return sorted(p for p in bundled_rules_dir().iterdir() if p.suffix == ".yaml")


def bundled_rules_dir() -> Path:
    """An installed wheel carries the packs in `cleaner/rules/`; a checkout has them in `rules/`."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders into a sorted list of pack files."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
        elif path.is_file():
            out.append(path)
        else:
            raise PackError(f"{path}: no such rule pack file or folder; check the --rules path")
    return out


def load_packs(paths: Iterable[Path]) -> list[Pack]:
    """Load and validate packs; duplicate rule ids across packs are an error."""
    packs = [load_pack(p) for p in paths]
    seen: dict[str, Rule] = {}
    for pack in packs:
        for rule in pack.rules:
            for rid in (rule.id, *rule.aliases):
                if rid in seen:
                    other = seen[rid]
                    raise PackError(
                        f"{rule.source}:{rule.line}: rule {rid!r} is already defined at "
                        f"{other.source}:{other.line}; give one of them another id"
                    )
                seen[rid] = rule
    return packs


def load_pack(path: Path) -> Pack:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule pack ({exc.__class__.__name__}); "
                        "check the path and that it is UTF-8 text") from None
    try:
        data = load_with_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise PackError(f"{where}: YAML syntax error ({problem}); fix the YAML and retry") from None
    return _build_pack(path, data)


def _err(path: Path, line: Any, rule: str | None, msg: str) -> PackError:
    where = f"{path}:{line}" if line else str(path)
    who = f" rule {rule!r}:" if rule else ""
    return PackError(f"{where}:{who} {msg}")


def _check_keys(path: Path, data: dict, allowed: set[str], what: str, rule: str | None) -> None:
    for key in data:
        if key == LINE_KEY or key in allowed:
            continue
        hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
        fix = f"did you mean {hint[0]!r}?" if hint else f"allowed keys: {', '.join(sorted(allowed))}"
        raise _err(path, data.get(LINE_KEY), rule, f"unknown key {key!r} in {what}; {fix}")


def _str_list(path: Path, value: Any, line: Any, rule: str | None, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(path, line, rule, f"{what} must be a string or a list of strings")
    return tuple(value)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _build_pack(path: Path, data: Any) -> Pack:
    if not isinstance(data, dict):
        raise _err(path, 1, None, "a pack must be a mapping with name, description, version, rules")
    _check_keys(path, data, PACK_KEYS, "pack", None)
    for key in ("name", "description", "version"):
        if key not in data:
            raise _err(path, data.get(LINE_KEY), None, f"missing required key {key!r}")
    name = data["name"]
    if not isinstance(name, str) or not regex.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise _err(path, data.get(LINE_KEY), None,
                   "pack name must be lower-case letters, digits, '-' or '_'")
    scope = data.get("scope") or {}
    if not isinstance(scope, dict):
        raise _err(path, data.get(LINE_KEY), None, "scope must be a mapping (languages, domains)")
    _check_keys(path, scope, SCOPE_KEYS, "scope", None)
    languages = _str_list(path, scope.get("languages", []), scope.get(LINE_KEY), None, "languages")
    domains = _str_list(path, scope.get("domains", []), scope.get(LINE_KEY), None, "domains")
    settings = data.get("settings") or {}
    wordlists = data.get("wordlists") or {}
    for what, value in (("settings", settings), ("wordlists", wordlists)):
        if not isinstance(value, dict):
            raise _err(path, data.get(LINE_KEY), None, f"{what} must be a mapping")
    _check_wordlist_keys(path, wordlists)
    pack = Pack(
        name=name, description=str(data["description"]), version=str(data["version"]),
        source=str(path), languages=languages, domains=domains,
        settings=_strip_lines(settings), wordlists=_strip_lines(wordlists),
    )
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        raise _err(path, data.get(LINE_KEY), None, "rules must be a list")
    seen: set[str] = set()
    for raw in rules:
        rule = _build_rule(path, pack, raw)
        if rule.id in seen:
            raise _err(path, rule.line, rule.id, "duplicate rule id in this pack; rename one")
        seen.add(rule.id)
        pack.rules.append(rule)
    return pack


def _check_wordlist_keys(path: Path, wordlists: dict) -> None:
    """Per-language word lists are keyed by language code; YAML reads a bare `no` (Norwegian),
    `yes`, `on` or `off` as a boolean, which would silently never match a page's language."""
    for name, value in wordlists.items():
        if not isinstance(value, dict):
            continue
        for key in value:
            if key != LINE_KEY and not isinstance(key, str):
                raise _err(path, value.get(LINE_KEY), None,
                           f"wordlist {name!r}: key {key!r} is not a language code; "
                           f"YAML reads bare no/yes/on/off as booleans, so quote it (\"no\":)")


def _build_rule(path: Path, pack: Pack, raw: Any) -> Rule:
    if not isinstance(raw, dict):
        raise _err(path, None, None, "each rule must be a mapping")
    line = raw.get(LINE_KEY)
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid:
        raise _err(path, line, None, "rule has no 'id'; give it one like 'pack/rule-name'")
    if not rid.startswith(pack.name + "/"):
        raise _err(path, line, rid, f"rule id must start with the pack name: '{pack.name}/...'")
    _check_keys(path, raw, RULE_KEYS, "rule", rid)
    for key in ("description", "action", "examples"):
        if key not in raw:
            what = ("add junk it must catch and body text it must leave alone"
                    if key == "examples" else "it is required")
            raise _err(path, line, rid, f"missing {key!r}; {what}")
    action = _choice(path, line, rid, "action", raw["action"], ACTIONS)
    where = _choice(path, line, rid, "where", raw.get("where", "anywhere"), WHERE)
    match = _choice(path, line, rid, "match", raw.get("match", "contains"), MATCH)
    scope = _choice(path, line, rid, "scope", raw.get("scope", "line"), SCOPES)
    field_name = raw.get("field")
    if field_name is not None:
        _choice(path, line, rid, "field", field_name, MOVE_FIELDS)
    if action not in ("move", "tag") and field_name is not None:
        raise _err(path, line, rid, "'field' only goes with action: move or tag")
    case_sensitive = raw.get("case_sensitive", False)
    list_items = raw.get("list_items", True)
    for key, value in (("case_sensitive", case_sensitive), ("list_items", list_items)):
        if not isinstance(value, bool):
            raise _err(path, line, rid, f"{key} must be true or false")
    alternatives = _alternatives(path, line, rid, raw)
    pattern = _compile(path, line, rid, alternatives, match, case_sensitive)
    if action in ("move", "tag") and field_name is None:
        named = set(pattern.groupindex) & set(MOVE_FIELDS)
        if not named:
            raise _err(path, line, rid, "a move rule needs 'field' or named groups "
                       f"such as (?P<authors>...); fields: {', '.join(MOVE_FIELDS)}")
    limits = {}
    for key in ("max_words", "min_words"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise _err(path, line, rid, f"{key} must be a whole number >= 0")
        limits[key] = value
    junk, body = _examples(path, line, rid, raw["examples"])
    aliases = _str_list(path, raw.get("aliases", []), line, rid, "aliases")
    return Rule(
        id=rid, description=str(raw["description"]), action=action, pattern=pattern,
        pack=pack.name, source=str(path), line=line or 0, where=where, scope=scope,
        field=field_name, max_words=limits["max_words"], min_words=limits["min_words"],
        junk_examples=junk, body_examples=body, aliases=aliases,
        languages=pack.languages, domains=pack.domains, alternatives=alternatives, match=match,
        list_items=list_items,
    )


def _choice(path: Path, line: Any, rid: str, key: str, value: Any, allowed: tuple) -> str:
    if value not in allowed:
        hint = difflib.get_close_matches(str(value), allowed, n=1)
        fix = f"did you mean {hint[0]!r}?" if hint else f"use one of: {', '.join(allowed)}"
        raise _err(path, line, rid, f"{key} {value!r} is not valid; {fix}")
    return value


def _alternatives(path: Path, line: Any, rid: str, raw: dict) -> tuple[str, ...]:
    """The rule's phrases as patterns, then its regexes: the alternatives its pattern joins."""
    phrases = _str_list(path, raw.get("phrases", []), line, rid, "phrases")
    patterns = _str_list(path, raw.get("regex", []), line, rid, "regex")
    if not phrases and not patterns:
        raise _err(path, line, rid, "give 'phrases' or 'regex' for the rule to match")
    alternatives = []
    for phrase in phrases:
        words = [regex.escape(w) for w in phrase.split()]
        alternatives.append(r"(?<!\w)" + r"\s+".join(words) + (r"(?!\w)" if phrase[-1:].isalnum() else ""))
    # each regex is checked on its own when the rule's pattern joining them is compiled
    # (`_compile`): compiling each alone as well was a fifth of the packs' start-up
    alternatives.extend(patterns)
    return tuple(alternatives)


def _check_alone(path: Path, line: Any, rid: str, pattern: str) -> None:
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise _err(path, line, rid, f"regex {pattern!r} does not compile ({exc}); fix it") from None


# what lets a regex that does not compile alone compile inside the rule's pattern: a reference
# to another alternative's group, or parentheses that do not balance (`top_level_branches`)
_REFERENCE = regex.compile(r"\\[1-9]|\(\?P=|\\g<")


def wrap_alternatives(alternatives: Iterable[str], match: str) -> str:
    """One pattern matching where any of `alternatives` matches, anchored as `match` says."""
    body = "|".join(f"(?:{a})" for a in alternatives)
    if match == "whole":
        return rf"^\s*(?:{body})\s*$"
    if match == "start":
        return rf"^\s*(?:{body})"
    return body


def _compile(path: Path, line: Any, rid: str, alternatives: tuple[str, ...], match: str,
             case_sensitive: bool) -> regex.Pattern:
    flags = regex.V0 | (0 if case_sensitive else regex.IGNORECASE)
    try:
        pattern = regex.compile(wrap_alternatives(alternatives, match), flags)
    except regex.error as exc:
        for alternative in alternatives:  # the regex at fault, named, when one is
            _check_alone(path, line, rid, alternative)
        # e.g. duplicate group names across alternatives
        raise _err(path, line, rid, f"patterns do not combine ({exc}); fix them") from None
    for alternative in alternatives:  # the joined pattern compiled: each regex did, but these
        if _REFERENCE.search(alternative) or top_level_branches(alternative) is None:
            _check_alone(path, line, rid, alternative)
    return pattern


def _examples(path: Path, line: Any, rid: str, raw: Any) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if not isinstance(raw, dict):
        raise _err(path, line, rid, "examples must be a mapping with 'junk' and 'body' lists")
    _check_keys(path, raw, EXAMPLE_KEYS, "examples", rid)
    junk_raw, body_raw = raw.get("junk"), raw.get("body")
    if not junk_raw or not body_raw:
        raise _err(path, raw.get(LINE_KEY, line), rid,
                   "examples need both 'junk' (text the rule must catch) and 'body' "
                   "(text it must leave alone), each a non-empty list")
    junk = []
    for item in junk_raw if isinstance(junk_raw, list) else [junk_raw]:
        if isinstance(item, str):
            junk.append(Example(item))
        elif isinstance(item, dict) and "text" in item:
            _check_keys(path, item, JUNK_EXAMPLE_KEYS, "junk example", rid)
            junk.append(Example(str(item["text"]), _strip_lines(item.get("expect"))))
        else:
            raise _err(path, line, rid, "a junk example is a string or {text: ..., expect: ...}")
    body = _str_list(path, body_raw, line, rid, "examples.body")
    return tuple(junk), tuple(Example(b) for b in body)

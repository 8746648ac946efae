"""The packs a Cleaner runs: rules switched on, settings and word lists merged, compiled once."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .errors import PackError
from .packs import Pack, Rule, bundled_pack_files, load_packs, pack_files


@dataclass
class RuleSet:
    packs: list[Pack]
    rules: list[Rule]
    settings: dict[str, Any]
    wordlists: dict[str, Any]
    regex_timeout: float
    # word lists as `words` returns them, built once: the steps ask for them on every page
    _word_sets: dict[tuple[str, str | None], frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def setting(self, name: str) -> Any:
        try:
            return self.settings[name]
        except KeyError:
            raise PackError(f"setting {name!r} is missing from the rule packs; "
                            "restore it in rules/settings.yaml or your own pack") from None

    def words(self, name: str, language: str | None = None) -> frozenset[str]:
        """A word list by name; for per-language lists, the list for `language` (or all)."""
        key = (name, language)
        found = self._word_sets.get(key)
        if found is None:
            found = self._word_sets[key] = self._build_words(name, language)
        return found

    def _build_words(self, name: str, language: str | None) -> frozenset[str]:
        value = self.wordlists.get(name)
        if value is None:
            return frozenset()
        if isinstance(value, dict):
            if language is not None:
                return frozenset(value.get(language, ()))
            return frozenset(w for ws in value.values() for w in ws)
        return frozenset(value)

    def by_action(self, action: str) -> list[Rule]:
        return [r for r in self.rules if r.action == action]


def build_ruleset(config: Config) -> RuleSet:
    """Load bundled and user packs, validate them, and keep the rules that are switched on."""
    files = list(bundled_pack_files())
    bundled = set(files)
    files += pack_files(config.rule_paths)
    packs = load_packs(files)
    known = {p.name for p in packs} | {r.id for p in packs for r in p.rules}
    known |= {a for p in packs for r in p.rules for a in r.aliases}
    known |= set(STEP_IDS)
    for item in config.disabled:
        if item not in known:
            raise PackError(f"--disable {item!r}: no pack, rule or step has that id; "
                            "see 'cleaner rules list'")
    settings: dict[str, Any] = {}
    wordlists: dict[str, Any] = {}
    rules: list[Rule] = []
    for pack, path in zip(packs, files):
        settings.update(pack.settings)
        for name, value in pack.wordlists.items():
            wordlists[name] = _merge_wordlist(wordlists.get(name), value)
        if path in bundled and not config.bundled_rules:
            continue
        if pack.name in config.disabled:
            continue
        rules.extend(r for r in pack.rules
                     if r.id not in config.disabled and not set(r.aliases) & config.disabled)
    return RuleSet(packs, rules, settings, wordlists, config.regex_timeout)


def _merge_wordlist(old: Any, new: Any) -> Any:
    if old is None:
        return new
    if isinstance(old, dict) and isinstance(new, dict):
        merged = {k: list(v) for k, v in old.items()}
        for lang, ws in new.items():
            merged[lang] = list(dict.fromkeys([*merged.get(lang, []), *ws]))
        return merged
    if isinstance(old, list) and isinstance(new, list):
        return list(dict.fromkeys([*old, *new]))
    return new


# Pipeline steps that take text out of the body without a pack rule; they can be disabled by id.
STEP_IDS = ("region", "structure")


def is_rule_file(path: Path) -> bool:
    return path.suffix in (".yaml", ".yml")

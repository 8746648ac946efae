"""One frozen configuration object, built one way and passed down whole."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CleanerError

HTML_OPTIONS = {"favor": ("precision", "balanced", "recall"), "comments": ("on", "off"),
                "tables": ("on", "off")}


@dataclass(frozen=True)
class Config:
    """How a `Cleaner` behaves. Every field has a documented default.

    rule_paths: extra rule packs (YAML files or folders of them) loaded after the bundled ones.
    bundled_rules: load the packs shipped with cleaner (turn off to run only your own).
    disabled: pack names or rule ids to switch off (``"cookies"`` or ``"cookies/consent-notice"``).
    regex_timeout: seconds one rule may spend on one line before it is skipped with a warning.
    html_favor: trafilatura's preference for HTML input: "precision" (default: on the dev set
        it scores best once the packs have run, see results/html.md), "balanced" or "recall".
    html_comments: keep reader comments when extracting from HTML (default off).
    html_tables: keep tables when extracting from HTML (default on).
    """

    rule_paths: tuple[Path, ...] = ()
    bundled_rules: bool = True
    disabled: frozenset[str] = field(default_factory=frozenset)
    regex_timeout: float = 0.25
    html_favor: str = "precision"
    html_comments: bool = False
    html_tables: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule_paths", tuple(Path(p) for p in self.rule_paths))
        object.__setattr__(self, "disabled", frozenset(self.disabled))
        if self.html_favor not in ("balanced", "precision", "recall"):
            raise ValueError(
                f"html_favor must be 'balanced', 'precision' or 'recall', not {self.html_favor!r}"
            )


def html_options(items: Iterable[str]) -> dict[str, Any]:
    """`["favor=recall", "comments=on"]` (the CLI's --html) as Config fields."""
    out: dict[str, Any] = {}
    for item in items:
        key, _, value = item.partition("=")
        key, value = key.strip().lower(), value.strip().lower()
        choices = HTML_OPTIONS.get(key)
        if choices is None or value not in choices:
            known = ", ".join(f"{k}={'|'.join(v)}" for k, v in HTML_OPTIONS.items())
            raise CleanerError(f"--html {item!r}: expected one of {known}")
        out[f"html_{key}"] = value if key == "favor" else value == "on"
    return out

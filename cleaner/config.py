"""One frozen configuration object, built one way and passed down whole."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Config:
    """How a `Cleaner` behaves. Every field has a documented default.

    rule_paths: extra rule packs (YAML files or folders of them) loaded after the bundled ones.
    bundled_rules: load the packs shipped with cleaner (turn off to run only your own).
    disabled: pack names or rule ids to switch off (``"cookies"`` or ``"cookies/consent-notice"``).
    regex_timeout: seconds one rule may spend on one line before it is skipped with a warning.
    html_favor: trafilatura's preference for HTML input: "balanced", "precision" or "recall".
    html_comments: keep reader comments when extracting from HTML.
    html_tables: keep tables when extracting from HTML.
    """

    rule_paths: tuple[Path, ...] = ()
    bundled_rules: bool = True
    disabled: frozenset[str] = field(default_factory=frozenset)
    regex_timeout: float = 0.25
    html_favor: str = "balanced"
    html_comments: bool = False
    html_tables: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule_paths", tuple(Path(p) for p in self.rule_paths))
        object.__setattr__(self, "disabled", frozenset(self.disabled))
        if self.html_favor not in ("balanced", "precision", "recall"):
            raise ValueError(
                f"html_favor must be 'balanced', 'precision' or 'recall', not {self.html_favor!r}"
            )

"""The ordered list of steps: the only place that knows the order.

    decode -> normalize -> split_blocks -> detect_language -> apply_packs
           -> find_article -> find_structure -> assemble

Each step takes the page-so-far and returns it with its verdicts added.
"""
from __future__ import annotations

from typing import Callable

from .apply_rules import apply_packs
from .document import Document
from .language import detect_language
from .normalize import normalize_text
from .page import Page, split_blocks
from .region import find_article
from .ruleset import RuleSet
from .structure import find_structure

Step = Callable[[Page, RuleSet], Page]

STEPS: tuple[tuple[str, Step], ...] = (
    ("detect_language", detect_language),
    ("apply_packs", apply_packs),
    ("region", find_article),
    ("structure", find_structure),
)


def run_text(text: str, rules: RuleSet, *, source: str | None = None,
             url: str | None = None, disabled: frozenset[str] = frozenset()) -> Document:
    from .assemble import assemble

    normalized, steps = normalize_text(text)
    page = Page(source=source, url=url, normalized=normalized, normalization=steps,
                blocks=split_blocks(normalized))
    for name, step in STEPS:
        if name not in disabled:
            page = step(page, rules)
    return assemble(page)

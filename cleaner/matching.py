"""Running one rule against one line: time-limited, scope-aware."""
from __future__ import annotations

from urllib.parse import urlsplit

import regex

from .packs import Rule
from .page import Block, Page


def search(rule: Rule, text: str, page: Page, timeout: float) -> regex.Match | None:
    """First match of `rule` in `text`, or None; a rule that runs too long is skipped with a warning."""
    try:
        return rule.pattern.search(text, timeout=timeout)
    except TimeoutError:
        warning = (f"rule {rule.id} ({rule.source}:{rule.line}) ran past {timeout}s on one line "
                   "and was skipped; simplify its regex (see 'cleaner rules lint')")
        if warning not in page.warnings:
            page.warnings.append(warning)
        return None


def applies_to_page(rule: Rule, page: Page) -> bool:
    """Rules scoped to languages or site domains only run on matching pages."""
    if rule.languages and page.language not in rule.languages:
        return False
    if rule.domains:
        host = urlsplit(page.url or "").hostname or ""
        return any(host == d or host.endswith("." + d) for d in rule.domains)
    return True


def fits_length(rule: Rule, block: Block) -> bool:
    if rule.max_words is not None and block.words > rule.max_words:
        return False
    if rule.min_words is not None and block.words < rule.min_words:
        return False
    return True


def in_position(rule: Rule, block: Block, first_prose: int, last_prose: int) -> bool:
    if rule.where == "head":
        return block.index < first_prose
    if rule.where == "tail":
        return block.index > last_prose
    return True

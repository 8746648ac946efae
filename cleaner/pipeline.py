"""The ordered list of steps: the only place that knows the order.

    decode -> normalize -> split_blocks -> detect_language -> apply_packs
           -> find_article -> find_structure -> settle_article -> assemble

Each step takes the page-so-far and returns it with its verdicts added.
"""
from __future__ import annotations

from collections.abc import Callable

from .apply_rules import apply_packs
from .document import Document
from .html import drop_known_title
from .language import body_language, detect_language
from .normalize import normalize_text
from .page import Page, split_blocks
from .region import find_article, settle_article
from .ruleset import RuleSet
from .structure import find_structure

Step = Callable[[Page, RuleSet], Page]

STEPS: tuple[tuple[str, Step], ...] = (
    ("detect_language", detect_language),
    ("apply_packs", apply_packs),
    ("region", find_article),
    ("structure", find_structure),
    ("settle", settle_article),
)
# a step that belongs to another: disabling that one disables it too
PART_OF = {"settle": "region"}


def _enabled(name: str, disabled: frozenset[str] | set[str]) -> bool:
    """Step `name` runs: neither it nor the step it belongs to is disabled."""
    return name not in disabled and PART_OF.get(name, name) not in disabled

# Text trafilatura already cut from an HTML page: no region step (it was built for whole pages
# and cuts good text from an extracted article), and the headline is known from the markup.
HTML_STEPS: tuple[tuple[str, Step], ...] = (
    ("detect_language", detect_language),
    ("apply_packs", apply_packs),
    ("known_title", drop_known_title),
)


def run_text(text: str, rules: RuleSet, *, source: str | None = None,
             url: str | None = None, disabled: frozenset[str] = frozenset(),
             steps: tuple[tuple[str, Step], ...] = STEPS, meta: dict | None = None) -> Document:
    """Run `steps` over `text`; `meta` seeds metadata already known (steps do not overwrite it).

    The page's language is its article's: when the body the steps kept reads as another
    language than the whole page did (junk around an article dilutes its stopwords, or an
    article sits in a page of another language), the steps run once more with the body's
    language, so that the body cleaned again is judged as it was judged here. That second run
    is kept only when its own body reads as the body's language (a page of two languages may
    swing back); one re-run at most. When it is not kept, the first run's body is settled in
    the body's language, as the next pass will read it.
    """
    from .assemble import assemble

    normalized, normalization = normalize_text(text)

    def run(steps: tuple[tuple[str, Step], ...]) -> Page:
        page = Page(source=source, url=url, normalized=normalized, normalization=normalization,
                    blocks=split_blocks(normalized), meta=dict(meta or {}))
        for name, step in steps:
            if _enabled(name, disabled):
                page = step(page, rules)
        return page

    page = run(steps)
    page_language = page.language
    detects = any(name == "detect_language" for name, _ in steps) and \
        "detect_language" not in disabled
    if detects and any(b.removed_by is None and b.text for b in page.blocks):
        article_language = body_language(page, rules)
        if article_language != page_language:
            again = run(tuple((name, _set_language(article_language))
                              if name == "detect_language" else (name, step)
                              for name, step in steps))
            # kept only when its body reads as the language it was cleaned with: on a page of
            # two languages the second run can keep a body that reads as the first language
            # again, and then the first run's body, read once more, holds better
            if body_language(again, rules) == article_language:
                page = again
            else:
                # the first run's body is kept, and the next pass reads it in its own
                # language: it is settled (`region.settle_article`) in that language too
                settle = dict(steps).get("settle")
                if settle is not None and _enabled("settle", disabled):
                    language, page.language = page.language, article_language
                    page = settle(page, rules)
                    page.language = language
    doc = assemble(page)
    if detects and page.language != page_language:
        doc.stats["language_from"] = "body"
        doc.stats["page_language"] = page_language
    return doc


def _set_language(language: str | None) -> Step:
    """A `detect_language` that gives `language`."""
    def set_language(page: Page, rules: RuleSet) -> Page:
        page.language = language
        return page
    return set_language

"""The library's front: `Cleaner` compiles packs once; `clean()` is the one-call shortcut."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import apply_rules, html, markdown
from .config import Config
from .decode import decode_bytes
from .document import Document
from .fields import date_settings_for, parse_date
from .normalize import fix_surrogates
from .pipeline import HTML_STEPS, run_text
from .ruleset import RuleSet, build_ruleset


class Cleaner:
    """Loads and compiles the rule packs once; `clean()` may be called from many threads."""

    def __init__(self, config: Config | None = None, *, rules: Iterable[str | Path] = (),
                 disabled: Iterable[str] = ()) -> None:
        if config is None:
            config = Config(rule_paths=tuple(Path(r) for r in rules), disabled=frozenset(disabled))
        self.config = config
        self.rules: RuleSet = build_ruleset(config)
        apply_rules.prepare(self.rules)

    def clean(self, page: str | bytes, *, url: str | None = None,
              source: str | None = None) -> Document:
        """Clean one page of text or HTML (str), or raw bytes of either (decoded first)."""
        if isinstance(page, (bytes, bytearray)):
            page = decode_bytes(bytes(page), source or "<bytes>")
        if html.is_html(page, source):
            return self._clean_html(page, url=url, source=source)
        if markdown.is_markdown(page, self.rules, source):
            return self._clean_markdown(page, url=url, source=source)
        doc = run_text(page, self.rules, source=source, url=url, disabled=self.config.disabled)
        doc.stats["mode"] = "text"
        return doc

    def _clean_html(self, page: str, *, url: str | None, source: str | None) -> Document:
        """trafilatura finds the article, the packs clean it (or the whole page, if it found none)."""
        # the HTML parser takes no surrogates (the text steps fix them themselves)
        found = html.extract(fix_surrogates(page), self.config, self.rules, url=url)
        if found.mode == html.MODE_ARTICLE:
            doc = run_text(found.text, self.rules, source=source, url=url,
                           disabled=self.config.disabled, steps=HTML_STEPS, meta=found.meta)
        else:
            doc = run_text(found.text, self.rules, source=source, url=url,
                           disabled=self.config.disabled)
        return html.merge_metadata(doc, found)

    def _clean_markdown(self, page: str, *, url: str | None, source: str | None) -> Document:
        """Markdown is read as the text a reader sees (`markdown.read_markdown`), then cleaned."""
        read = markdown.read_markdown(page, self.rules)
        doc = run_text(read.text, self.rules, source=source, url=url or read.url,
                       disabled=self.config.disabled)
        if read.published and not doc.published:
            doc.published = parse_date(read.published,
                                       settings=date_settings_for(self.rules, doc.language))
        if read.title and not doc.title:
            doc.title = read.title
        doc.stats["mode"] = markdown.MODE
        if read.url and not url:
            doc.stats["url"] = read.url
        return doc


_default: Cleaner | None = None


def clean(page: str | bytes, *, url: str | None = None) -> Document:
    """Clean one page with the bundled packs: `cleaner.clean(text).body`."""
    global _default
    if _default is None:
        _default = Cleaner()
    return _default.clean(page, url=url)

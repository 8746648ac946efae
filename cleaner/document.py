"""The record `cleaner` produces: a clean body, metadata, and every piece it took out."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field as dc_field
from typing import Any

MARKDOWN_MODE = "markdown"   # stats["mode"] of a page that came in as Markdown

RECORD_FIELDS = (
    "source", "title", "subtitle", "section", "authors", "published", "dateline", "agency",
    "site_name", "tagline", "captions", "body", "removed", "language", "stats",
)


@dataclass
class Caption:
    """A photo caption and the credit printed with it (either may be empty)."""

    text: str
    credit: str | None = None


@dataclass
class Removed:
    """One piece of text that left the body: which rule took it and, if it moved, where to."""

    rule: str
    text: str
    field: str | None = None  # metadata field the text moved to; None when it was dropped

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "text": self.text}
        if self.field:
            out["field"] = self.field
        return out


@dataclass
class Document:
    """A cleaned page. `to_dict()` gives the JSON record described in the README."""

    body: str = ""
    source: str | None = None
    title: str | None = None
    subtitle: str | None = None
    section: str | None = None
    authors: list[str] = dc_field(default_factory=list)
    published: str | None = None
    dateline: str | None = None
    agency: str | None = None
    site_name: str | None = None
    tagline: str | None = None
    captions: list[Caption] = dc_field(default_factory=list)
    removed: list[Removed] = dc_field(default_factory=list)
    language: str | None = None
    stats: dict[str, Any] = dc_field(default_factory=dict)

    @property
    def rules_fired(self) -> list[str]:
        """Rule ids that took text out of the body, in first-fired order, each once."""
        return list(dict.fromkeys(r.rule for r in self.removed))

    @property
    def junk_rules(self) -> list[str]:
        """Rule ids that dropped junk (as opposed to moving text into metadata)."""
        return list(dict.fromkeys(r.rule for r in self.removed if r.field is None))

    @property
    def markup(self) -> str | None:
        """"HTML" or "Markdown" when the page came in as markup (which rewriting the file as
        its plain-text body would lose), None for a text page."""
        mode = str(self.stats.get("mode", "text"))
        if mode.startswith("html"):
            return "HTML"
        return "Markdown" if mode == MARKDOWN_MODE else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in RECORD_FIELDS:
            value = getattr(self, name)
            if name == "captions":
                value = [asdict(c) for c in value]
            elif name == "removed":
                value = [r.to_dict() for r in value]
            out[name] = value
        return out
